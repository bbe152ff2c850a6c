// SVG charts: a board's seats by class and per family against the cap, and a
// timeline of a project's stewards and stages over a foundation's member
// count per tier. Self-contained (no script, no outside font or image);
// every text from the registry goes through escape_html.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "report/document.hpp"
#include "report/escape.hpp"
#include "report/lookup.hpp"
#include "report/palette.hpp"
#include "report/svg.hpp"

namespace charter::detail {

namespace {

constexpr std::string_view grid_color = "#d0d7de";
constexpr std::string_view muted = "#57606a";
constexpr std::string_view track_color = "#eaeef2";

// Every text's font size is in its class, so that a reader of the SVG (and
// tests/cli/test_report_look.py) can size its box from the style alone.
constexpr std::string_view svg_style =
    "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto "
    "Sans',sans-serif;font-size:12px;fill:#1f2328}"
    ".title{font-size:16px;font-weight:600}.panel{font-size:13px;font-weight:"
    "600}"
    ".muted{fill:#57606a}.label{font-size:12px}.inbar{font-size:12px;font-"
    "weight:600}.key{font-size:11px;fill:#1f2328}"
    ".mark{font-size:12px;fill:#1f2328}";

// The width a text is given room for: a generous average advance of the
// sans-serif faces the style names (0.62 of the size, 0.66 bold), so that
// a label placed by it does not run into its neighbours.
double text_width(std::string_view s, double size, bool bold = false) {
  return static_cast<double>(display_width(s)) * size * (bold ? 0.66 : 0.62);
}

std::string open_svg(int width, int height, std::string_view title,
                     std::string_view desc) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" aria-labelledby=\"chart-title "
      "chart-desc\">\n<title id=\"chart-title\">{2}</title>\n<desc "
      "id=\"chart-desc\">{3}</desc>\n<style>{4}</style>\n"
      "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{0}\" "
      "height=\"{1}\" fill=\"#ffffff\"/>\n",
      width, height, escape_html(title), escape_html(desc), svg_style);
}

std::string text(double x, double y, std::string_view s,
                 std::string_view cls = {}, std::string_view anchor = "start",
                 std::string_view fill = {}) {
  return fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\"{}{}{}>{}</text>\n", x, y,
      cls.empty() ? std::string{} : fmt::format(" class=\"{}\"", cls),
      anchor == "start" ? std::string{}
                        : fmt::format(" text-anchor=\"{}\"", anchor),
      fill.empty() ? std::string{} : fmt::format(" fill=\"{}\"", fill),
      escape_html(s));
}

std::string rect(double x, double y, double w, double h, std::string_view fill,
                 std::string_view extra = {}) {
  return fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
      "fill=\"{}\"{}/>\n",
      x, y, std::max(0.0, w), h, fill, extra);
}

// Shortens a label to at most `columns` characters (code points), the last
// of them an ellipsis.
std::string clip(std::string_view s, std::size_t columns) {
  if (display_width(s) <= columns) return std::string{s};
  std::string out;
  std::size_t used = 0;
  for (std::size_t i = 0; i < s.size() && used + 1 < columns;) {
    std::size_t len = 1;
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0xF0)
      len = 4;
    else if (b >= 0xE0)
      len = 3;
    else if (b >= 0xC0)
      len = 2;
    out.append(s.substr(i, len));
    i += len;
    ++used;
  }
  return out + "…";
}

// The longest clip of `s` whose width (as text_width estimates it) fits
// `room` pixels; empty when not even two characters do.
std::string clip_to(std::string_view s, double room, double size,
                    bool bold = false) {
  if (text_width(s, size, bold) <= room) return std::string{s};
  const double per = text_width("x", size, bold);
  const auto columns = static_cast<std::size_t>(std::max(0.0, room / per));
  return columns >= 3 ? clip(s, columns) : std::string{};
}

// The boxes a chart's labels must keep clear of: its bars, and the labels
// placed before.
struct box {
  double x0, y0, x1, y1;
  bool overlaps(const box& o) const {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
};

// A text's box as text_width sizes it, for a baseline at `y`.
box text_box(double x, double y, std::string_view s, double size,
             std::string_view anchor = "start", bool bold = false) {
  const double w = text_width(s, size, bold);
  const double left = anchor == "end"      ? x - w
                      : anchor == "middle" ? x - w / 2
                                           : x;
  return {left, y - size, left + w, y + size * 0.3};
}

}  // namespace

// ---- board

std::string to_svg(const board_report& r) {
  constexpr int width = 760, label_w = 210, right_w = 170, row_h = 30,
                bar_h = 18;
  const int bar_x = label_w + 20;
  const int bar_w = width - bar_x - right_w;
  const auto cap = r.family_cap();
  // One colour per meaning: seats of a class, seats of a family, and what is
  // over its limit (with words beside it, never the colour alone).
  const std::string_view seat_fill = chart_palette[0];
  const std::string_view family_fill = chart_palette[2];
  const std::string title =
      fmt::format("{}: seats on {}", r.name, to_string(r.on));
  std::string out = text(20, 32, title, "title");
  std::vector<std::string> desc{fmt::format(
      "{} owed, {} filled, {} vacant.",
      report_plural(r.entitled(), "seat", "seats"), r.filled(), r.vacant())};

  // Seats owed (dashed outline) and filled (solid) per class.
  int y = 70;
  out += text(20, y,
              "Seats by class: filled (solid), vacant (dashed), over the "
              "entitlement (marked)",
              "panel");
  y += 16;
  int most = 1;
  for (const auto& c : r.classes) most = std::max({most, c.entitled, c.filled});
  const double unit = static_cast<double>(bar_w) / most;
  if (r.classes.empty()) {
    out += text(bar_x, y + 20, "The body has no seat classes.", "muted");
    y += row_h;
  }
  for (const auto& c : r.classes) {
    const double mid = y + row_h / 2.0;
    out += text(20, mid + 4,
                clip_to(fmt::format("{} ({})", c.id.str(), to_string(c.mode)),
                        bar_x - 28, 12),
                "label");
    const double top = mid - bar_h / 2.0;
    // One box per seat: filled, vacant (dashed outline) or over the
    // entitlement; one bar per kind when the boxes would be too thin.
    const int within = std::min(c.filled, c.entitled);
    auto seat_box = [&](double x, double w, std::string_view kind) {
      if (kind == "vacant")
        out += rect(x + 0.5, top + 0.5, w - 1, bar_h - 1, "#f6f8fa",
                    " stroke=\"#8c959f\" stroke-dasharray=\"4 3\"");
      else
        out += rect(x, top, w, bar_h, kind == "over" ? chart_alert : seat_fill);
    };
    auto kind_of = [&](int k) {
      return k < within ? "filled" : k < c.entitled ? "vacant" : "over";
    };
    const int boxes = std::max(c.entitled, c.filled);
    if (unit >= 8) {
      for (int k = 0; k < boxes; ++k)
        seat_box(bar_x + k * unit, unit - 3, kind_of(k));
    } else {
      if (within > 0) seat_box(bar_x, within * unit, "filled");
      if (c.entitled > within)
        seat_box(bar_x + within * unit, (c.entitled - within) * unit, "vacant");
      if (c.filled > c.entitled)
        seat_box(bar_x + c.entitled * unit, (c.filled - c.entitled) * unit,
                 "over");
    }
    std::string status = fmt::format("{} of {} filled", c.filled, c.entitled);
    if (c.vacant()) status += fmt::format(", {} vacant", c.vacant());
    if (c.filled > c.entitled)
      status += fmt::format(", {} over", c.filled - c.entitled);
    out += text(width - right_w + 12, mid + 4, status,
                c.filled > c.entitled ? "" : "muted");
    desc.push_back(fmt::format("Class {} ({}): {}.", c.id.str(),
                               to_string(c.mode), status));
    y += row_h;
  }

  // Seats per family: each bar as long as its share of the filled seats
  // (the track behind it is all of them), against the cap when there is one.
  y += 40;
  std::string heading = "Seats per family, of the filled seats";
  if (r.max_per_family || r.max_fraction_per_family)
    heading += cap ? fmt::format(" (cap: {} per family)", *cap) : std::string{};
  else
    heading += " (no cap)";
  out += text(20, y, heading, "panel");
  y += 16;
  const int scale = std::max({1, r.filled(), cap.value_or(0)});
  const double unit_f = static_cast<double>(bar_w) / scale;
  const int rows_top = y;
  if (r.families.empty()) {
    out += text(bar_x, y + 20, "No seats are filled: no family holds any.",
                "muted");
    y += row_h;
  }
  std::vector<std::string> shares;
  for (const auto& f : r.families) {
    const double mid = y + row_h / 2.0;
    const bool over = cap && f.seats > *cap;
    out += text(20, mid + 4, clip_to(f.name, bar_x - 28, 12), "label");
    out +=
        rect(bar_x, mid - bar_h / 2.0, r.filled() * unit_f, bar_h, track_color);
    out += rect(bar_x, mid - bar_h / 2.0, f.seats * unit_f, bar_h,
                over ? chart_alert : family_fill);
    const double share = r.filled() ? 100.0 * f.seats / r.filled() : 0.0;
    const std::string status = fmt::format("{} {} ({:.0f}%){}", f.seats,
                                           f.seats == 1 ? "seat" : "seats",
                                           share, over ? ", over cap" : "");
    out += text(width - right_w + 12, mid + 4, status, over ? "" : "muted");
    shares.push_back(fmt::format("{} {}", f.name, status));
    y += row_h;
  }
  if (!r.families.empty()) {
    // The scale under the rows: 0, all the filled seats (100%), the cap.
    const double scale_y = y + 14;
    out += text(bar_x, scale_y, "0", "muted");
    const double all_x = bar_x + r.filled() * unit_f;
    const std::string all = fmt::format("{} filled", r.filled());
    out += text(all_x, scale_y, all, "muted", "end");
    const box all_box = text_box(all_x, scale_y, all, 12, "end");
    y += 20;
    if (cap) {
      const double x = bar_x + *cap * unit_f;
      const std::string label = fmt::format("cap {}", *cap);
      double label_y = scale_y;
      // Under the scale when it would run into "N filled" beside it.
      if (text_box(x, label_y, label, 12, "middle").overlaps(all_box) ||
          text_box(x, label_y, label, 12, "middle")
              .overlaps(text_box(bar_x, scale_y, "0", 12))) {
        label_y += 16;
        y += 16;
      }
      out += fmt::format(
          "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" "
          "stroke=\"{3}\" stroke-width=\"2\" "
          "stroke-dasharray=\"6 4\"/>\n",
          x, rows_top, scale_y - 12, chart_alert);
      out += text(x, label_y, label, "muted", "middle");
    }
  }
  desc.push_back(r.families.empty() ? std::string{"No family holds a seat."}
                                    : fmt::format("Seats per family: {}.",
                                                  fmt::join(shares, "; ")));
  desc.push_back(cap ? fmt::format("The cap is {} per family.", *cap)
                     : std::string{"The body has no cap per family."});
  return open_svg(width, y + 30, title,
                  fmt::format("{}", fmt::join(desc, " "))) +
         out + "</svg>\n";
}

// ---- timeline

namespace {

double days_between(date a, date b) {
  return static_cast<double>(
      (std::chrono::sys_days{b} - std::chrono::sys_days{a}).count());
}

int nice_step(double range, int max_ticks) {
  for (int base = 1;; base *= 10)
    for (int m : {1, 2, 5})
      if (range / (base * m) <= max_ticks) return base * m;
}

}  // namespace

std::string to_svg(const timeline_report& r) {
  constexpr int width = 900, left = 170, right = 40, band_h = 26, chart_h = 240;
  const int plot_w = width - left - right;
  std::vector<std::string> names;
  if (r.project) names.push_back(r.project_name);
  if (r.foundation) names.push_back(r.foundation_name);
  const std::string title =
      fmt::format("{}: timeline", fmt::join(names, " and "));
  if (!r.span) {
    std::string out = open_svg(width, 100, title, "Nothing dated to show.");
    out += text(20, 32, title, "title");
    out += text(20, 70, "Nothing dated to show.", "muted");
    return out + "</svg>\n";
  }
  const date from = r.span->from, to = *r.span->to;
  const double total_days = days_between(from, to);
  auto x_of = [&](date d) {
    const double t = std::clamp(days_between(from, d) / total_days, 0.0, 1.0);
    return left + t * plot_w;
  };
  auto when_text = [](const period& w) {
    return w.to ? fmt::format("{} to {}", to_string(w.from), to_string(*w.to))
                : fmt::format("from {}", to_string(w.from));
  };

  // One colour per meaning in the chart: the tiers first, then each steward
  // (one colour however many periods it has), then each stage. Only a chart
  // with more of them than the palette has colours repeats one.
  std::size_t next_color = r.tiers.size();
  std::vector<std::pair<std::string, std::string_view>> steward_colors,
      stage_colors;
  auto color_of = [&](auto& table, const std::string& key) {
    for (const auto& [k, c] : table)
      if (k == key) return c;
    const auto c = chart_palette[next_color++ % chart_palette.size()];
    table.emplace_back(key, c);
    return c;
  };
  auto tier_color = [&](std::size_t k) {
    return chart_palette[k % chart_palette.size()];
  };
  std::vector<std::string> desc{
      fmt::format("From {} to {}.", to_string(from), to_string(to))};

  std::string out = text(20, 32, title, "title");
  int y = 56;
  const int grid_top = y;

  // Year ticks, under everything else.
  const int first_year = static_cast<int>(from.year());
  const int last_year = static_cast<int>(to.year());
  const int year_step = nice_step(last_year - first_year + 1, 12);
  std::string ticks;
  std::vector<std::pair<double, int>> year_marks;
  for (int yr = first_year; yr <= last_year; ++yr) {
    if (yr % year_step) continue;
    const date jan1{std::chrono::year{yr}, std::chrono::January,
                    std::chrono::day{1}};
    if (jan1 < from || jan1 > to) continue;
    year_marks.emplace_back(x_of(jan1), yr);
  }

  if (r.project) {
    y += 12;
    // One band of periods, each named inside its bar when it fits, with a
    // key under the band that gives every period's name and dates in full.
    auto band = [&](std::string_view label, const auto& periods, auto name_of,
                    auto key_of, auto& colors) {
      out += text(20, y + band_h / 2.0 + 4, label, "label");
      std::vector<std::pair<std::string_view, std::string>> key;
      std::vector<std::string> said;
      for (const auto& period_of : periods) {
        const auto& w = period_of.when;
        const std::string name = name_of(period_of);
        const auto color = color_of(colors, key_of(period_of));
        key.emplace_back(color, fmt::format("{}: {}", name, when_text(w)));
        said.push_back(fmt::format("{} {}", name, when_text(w)));
        if ((w.to && *w.to <= from) || w.from >= to) continue;
        const double x0 = x_of(w.from), x1 = x_of(w.to ? *w.to : to);
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
            "rx=\"3\" fill=\"{}\"/>\n",
            x0, y, std::max(1.0, x1 - x0 - 1), band_h, color);
        const std::string shown = clip_to(name, x1 - x0 - 13, 12, true);
        if (!shown.empty())
          out += text(x0 + 6, y + band_h / 2.0 + 4, shown, "inbar", "start",
                      text_color_on(color));
      }
      desc.push_back(fmt::format("{}: {}.", label, fmt::join(said, "; ")));
      y += band_h + 16;
      double kx = left;
      for (const auto& [color, entry] : key) {
        const double w = 15 + text_width(entry, 11) + 18;
        if (kx > left && kx + w > left + plot_w) {
          kx = left;
          y += 18;
        }
        out += rect(kx, y - 9, 10, 10, color);
        out += text(kx + 15, y, entry, "key");
        kx += w;
      }
      y += 16;
    };
    out += text(20, y - 2, fmt::format("{}", r.project_name), "panel");
    y += 6;
    band(
        "Steward", r.stewards, [](const timeline_steward& s) { return s.name; },
        [](const timeline_steward& s) {
          return fmt::format("{}:{}", report_steward_kind(s.who), str(s.who));
        },
        steward_colors);
    band(
        "Stage", r.stages, [](const timeline_stage& s) { return s.name; },
        [](const timeline_stage& s) { return s.name; }, stage_colors);
  }

  if (r.foundation) {
    y += 24;
    const std::string heading =
        fmt::format("Members of {} per tier", r.foundation_name);
    out += text(20, y, heading, "panel");
    // What the labels of the totals must keep clear of: the heading, the
    // stacked bars, and each other.
    std::vector<box> taken{text_box(20, y, heading, 13, "start", true)};
    y += 30;
    const int chart_top = y, chart_bottom = y + chart_h;
    // The counts in force on each step of the span.
    std::vector<std::pair<date, std::vector<int>>> steps;
    std::vector<int> start(r.tiers.size(), 0);
    for (const auto& p : r.points)
      if (p.on <= from) start = p.counts;
    steps.emplace_back(from, start);
    for (const auto& p : r.points)
      if (p.on > from && p.on < to) steps.emplace_back(p.on, p.counts);
    auto level_total = [](const std::vector<int>& counts) {
      int total = 0;
      for (int c : counts) total += c;
      return total;
    };
    int most = 1;
    for (const auto& step : steps)
      most = std::max(most, level_total(step.second));
    const int y_step = nice_step(most, 5);
    const int y_max = ((most + y_step - 1) / y_step) * y_step;
    auto y_of = [&](int v) {
      return chart_bottom - static_cast<double>(v) / y_max * chart_h;
    };
    for (int v = 0; v <= y_max; v += y_step) {
      out += fmt::format(
          "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" "
          "stroke=\"{}\"/>\n",
          left, y_of(v), left + plot_w, y_of(v), grid_color);
      out += text(left - 8, y_of(v) + 4, std::to_string(v), "muted", "end");
    }
    out += text(20, chart_top + chart_h / 2.0, "members", "muted");
    // Each step a column of one block per tier, stacked in rank order.
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const double x0 = x_of(steps[i].first);
      const double x1 = x_of(i + 1 < steps.size() ? steps[i + 1].first : to);
      int level = 0;
      for (std::size_t k = 0; k < r.tiers.size(); ++k) {
        const int n = k < steps[i].second.size() ? steps[i].second[k] : 0;
        if (n > 0 && x1 > x0) {
          out += rect(x0, y_of(level + n), x1 - x0,
                      y_of(level) - y_of(level + n), tier_color(k));
          taken.push_back({x0, y_of(level + n), x1, y_of(level)});
        }
        level += n;
      }
    }
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\"/>\n",
        left, chart_bottom, left + plot_w, muted);
    // Each change of the total, labelled with it where the label keeps clear
    // of every bar and label: beside the step, above its column, raised as
    // far as the top of the panel; left out (the table has it) otherwise.
    int shown_total = level_total(steps.front().second);
    for (std::size_t i = 1; i < steps.size(); ++i) {
      const int total = level_total(steps[i].second);
      if (total == shown_total) continue;
      shown_total = total;
      const std::string label =
          fmt::format("{} from {}", total, to_string(steps[i].first));
      const double at = x_of(steps[i].first);
      bool placed = false;
      for (double base = y_of(total) - 6; !placed && base >= chart_top - 14;
           base -= 14)
        for (const auto& [x, anchor] :
             {std::pair{at + 4, "start"}, std::pair{at - 4, "end"}}) {
          const box b = text_box(x, base, label, 12, anchor);
          if (b.x0 < left || b.x1 > left + plot_w) continue;
          if (std::any_of(taken.begin(), taken.end(),
                          [&](const box& t) { return t.overlaps(b); }))
            continue;
          out += text(x, base, label, "mark", anchor);
          taken.push_back(b);
          placed = true;
          break;
        }
    }
    std::vector<std::string> counts;
    for (const auto& p : r.points) {
      std::vector<std::string> per_tier;
      for (std::size_t k = 0; k < r.tiers.size() && k < p.counts.size(); ++k)
        per_tier.push_back(fmt::format("{} {}", r.tiers[k].name, p.counts[k]));
      counts.push_back(fmt::format("from {}, {} ({})", to_string(p.on),
                                   p.total(), fmt::join(per_tier, ", ")));
    }
    desc.push_back(counts.empty()
                       ? fmt::format("{} has no members.", r.foundation_name)
                       : fmt::format("Members of {}: {}.", r.foundation_name,
                                     fmt::join(counts, "; ")));
    y = chart_bottom;
  }

  // Year grid lines across all panels, labelled under the last one.
  const int grid_bottom = y + 6;
  for (const auto& [x, yr] : year_marks) {
    ticks += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
        "stroke=\"{3}\" stroke-dasharray=\"2 3\"/>\n",
        x, grid_top, grid_bottom, grid_color);
    ticks += text(x, grid_bottom + 14, std::to_string(yr), "muted", "middle");
  }
  y = grid_bottom + 14;
  if (r.foundation) {
    y += 28;
    double lx = left;
    for (std::size_t k = 0; k < r.tiers.size(); ++k) {
      const std::string name = clip(r.tiers[k].name, 24);
      const double w = 18 + text_width(name, 12) + 24;
      if (lx > left && lx + w > left + plot_w) {
        lx = left;
        y += 20;
      }
      out += rect(lx, y - 10, 12, 12, tier_color(k));
      out += text(lx + 18, y, name, "label");
      lx += w;
    }
  }
  // The grid goes first, under the bars.
  return open_svg(width, y + 20, title,
                  fmt::format("{}", fmt::join(desc, " "))) +
         ticks + out + "</svg>\n";
}

}  // namespace charter::detail
