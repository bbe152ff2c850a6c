#ifndef CHARTER_SRC_REPORT_PALETTE_HPP
#define CHARTER_SRC_REPORT_PALETTE_HPP

// Internal to the report sources: the one categorical palette of the charts
// (svg.cpp) and the choice of a text colour on each of its colours by the
// WCAG 2 contrast ratio. tests/report.cpp checks every colour against the
// formula worked out on its own.

#include <array>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string_view>

namespace charter::detail {

/// Okabe and Ito's colour-blind-safe categorical palette (Color Universal
/// Design, 2008), in the order the charts hand its colours out: one colour
/// means one thing in a chart (a tier, a steward, a stage).
inline constexpr std::array<std::string_view, 8> chart_palette{
    "#0072b2",  // blue
    "#e69f00",  // orange
    "#009e73",  // bluish green
    "#cc79a7",  // reddish purple
    "#56b4e9",  // sky blue
    "#d55e00",  // vermillion
    "#f0e442",  // yellow
    "#000000",  // black
};

/// What a chart marks as wrong (seats over the entitlement, a family over
/// the cap); it is never one of `chart_palette`'s colours in the same chart.
inline constexpr std::string_view chart_alert = "#c2185b";
/// The light text colour, and the dark one used when white is too faint.
inline constexpr std::string_view chart_light_text = "#ffffff";
inline constexpr std::string_view chart_dark_text = "#000000";

/// The WCAG 2 relative luminance of an sRGB colour written `#rrggbb`;
/// nothing for any other text.
inline std::optional<double> relative_luminance(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return std::nullopt;
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  double channels[3];
  for (std::size_t i = 0; i < 3; ++i) {
    const int hi = digit(hex[1 + 2 * i]), lo = digit(hex[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    const double c = (hi * 16 + lo) / 255.0;
    channels[i] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

/// The WCAG 2 contrast ratio of two `#rrggbb` colours, 1 to 21; 1 when
/// either is not such a colour.
inline double contrast_ratio(std::string_view a, std::string_view b) {
  const auto la = relative_luminance(a), lb = relative_luminance(b);
  if (!la || !lb) return 1.0;
  const double hi = *la > *lb ? *la : *lb, lo = *la > *lb ? *lb : *la;
  return (hi + 0.05) / (lo + 0.05);
}

/// The text colour for a label on `fill`: white when it reaches the 4.5:1
/// of WCAG AA for normal text there, else black (which then always does:
/// a colour too light for white is at least 4.5:1 against black).
inline std::string_view text_color_on(std::string_view fill) {
  return contrast_ratio(chart_light_text, fill) >= 4.5 ? chart_light_text
                                                       : chart_dark_text;
}

}  // namespace charter::detail

#endif
