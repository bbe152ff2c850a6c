// The site's own two charts, in the reports' chart style: joins and
// departures per year, and a body's seats over time. Self-contained SVG;
// every text goes through escape_html.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "report/escape.hpp"
#include "site/site.hpp"

namespace charter::website {

using detail::escape_html;

namespace {

constexpr std::string_view joined_color = "#59a14f";
constexpr std::string_view left_color = "#e15759";
constexpr std::string_view grid_color = "#d0d7de";
constexpr std::string_view chart_style =
    "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto "
    "Sans',sans-serif;font-size:12px;fill:#1f2328}"
    ".title{font-size:16px;font-weight:600}.muted{fill:#57606a}";

std::string open(int width, int height, std::string_view title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\">\n<title>{2}</title>\n"
      "<style>{3}</style>\n<rect x=\"0\" y=\"0\" width=\"{0}\" "
      "height=\"{1}\" fill=\"#ffffff\"/>\n<text x=\"16\" y=\"26\" "
      "class=\"title\">{2}</text>\n",
      width, height, escape_html(title), chart_style);
}

std::string text(double x, double y, std::string_view s,
                 std::string_view anchor = "start", bool muted = false) {
  return fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\"{}>{}</text>\n", x, y,
      anchor, muted ? " class=\"muted\"" : "", escape_html(s));
}

double days(date d) {
  return static_cast<double>(
      std::chrono::sys_days{d}.time_since_epoch().count());
}

}  // namespace

std::string joins_chart(std::string_view title,
                        const std::vector<year_count>& years) {
  const int left = 48, right = 16, top = 56, half = 90;
  const int n = std::max<int>(1, static_cast<int>(years.size()));
  const int step = std::clamp(640 / n, 8, 48);
  const int width = left + right + step * n;
  const int height = top + 2 * half + 56;
  int most = 1;
  for (const auto& y : years) most = std::max({most, y.joined, y.left});
  const double unit = half / static_cast<double>(most);
  const double axis = top + half;
  std::string out = open(std::max(width, 360), height, title);
  out += fmt::format(
      "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n",
      left, axis, left + step * n, axis, grid_color);
  out += text(left - 6, top + 4, std::to_string(most), "end", true);
  out += text(left - 6, axis + 4, "0", "end", true);
  out += text(left - 6, axis + half + 4, std::to_string(most), "end", true);
  const int label_every = step >= 32 ? 1 : (32 + step - 1) / step;
  for (int i = 0; i < static_cast<int>(years.size()); ++i) {
    const auto& y = years[static_cast<std::size_t>(i)];
    const double x = left + step * i + step * 0.15;
    const double w = step * 0.7;
    if (y.joined)
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"{}\"><title>{}: {} joined</title></rect>\n",
          x, axis - y.joined * unit, w, y.joined * unit, joined_color, y.year,
          y.joined);
    if (y.left)
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "fill=\"{}\"><title>{}: {} left</title></rect>\n",
          x, axis, w, y.left * unit, left_color, y.year, y.left);
    if (i % label_every == 0)
      out += text(left + step * i + step / 2.0, axis + half + 18,
                  std::to_string(y.year), "middle", true);
  }
  const double key_y = height - 14;
  out += fmt::format(
      "<rect x=\"{}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n",
      left, key_y - 9, joined_color);
  out += text(left + 14, key_y, "joined");
  out += fmt::format(
      "<rect x=\"{}\" y=\"{:.1f}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n",
      left + 80, key_y - 9, left_color);
  out += text(left + 94, key_y, "left");
  return out + "</svg>\n";
}

std::string seats_chart(std::string_view title,
                        const std::vector<seat_bar>& bars, date at) {
  const int label = 220, right = 24, top = 48, row = 18, width = 960;
  date first = at, last = add_days(at, 365);
  for (const auto& b : bars) {
    first = std::min(first, b.when.from);
    if (b.when.to) last = std::max(last, *b.when.to);
  }
  const double from = days(first), span = std::max(1.0, days(last) - from);
  const double plot = width - label - right;
  auto x_of = [&](date d) { return label + (days(d) - from) / span * plot; };
  const int height = top + row * static_cast<int>(bars.size()) + 40;
  std::string out = open(width, height, title);
  // A line a year, labelled.
  for (int y = static_cast<int>(first.year()) + 1;
       y <= static_cast<int>(last.year()); ++y) {
    const date jan{std::chrono::year{y}, std::chrono::January,
                   std::chrono::day{1}};
    const double x = x_of(jan);
    out += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" "
        "stroke=\"{}\"/>\n",
        x, top - 6, x, height - 30, grid_color);
    out += text(x, height - 14, std::to_string(y), "middle", true);
  }
  static constexpr std::string_view palette[] = {
      "#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1", "#edc948", "#9c755f"};
  std::vector<std::string> classes;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const auto& b = bars[i];
    auto it = std::find(classes.begin(), classes.end(), b.seat_class);
    if (it == classes.end()) it = classes.insert(classes.end(), b.seat_class);
    const auto color =
        palette[static_cast<std::size_t>(it - classes.begin()) % 6];
    const double y = top + row * static_cast<double>(i);
    const double x0 = x_of(b.when.from);
    const double x1 = x_of(b.when.to.value_or(last));
    std::string name = b.label;
    if (name.size() > 32) {
      // Cut at the start of a character, never inside one.
      std::size_t cut = 30;
      while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80)
        --cut;
      name = name.substr(0, cut) + "…";
    }
    out += text(label - 8, y + 12, name, "end");
    out += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" "
        "rx=\"2\" fill=\"{}\"><title>{}</title></rect>\n",
        x0, y + 2, std::max(1.0, x1 - x0), row - 4, color,
        escape_html(fmt::format("{} ({}): {}", b.label, b.seat_class,
                                to_string(b.when))));
  }
  const double now = x_of(at);
  out += fmt::format(
      "<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" "
      "stroke=\"#1f2328\" "
      "stroke-dasharray=\"4 3\"/>\n",
      now, top - 10, now, height - 30);
  out += text(now, top - 14, to_string(at), "middle");
  return out + "</svg>\n";
}

}  // namespace charter::website
