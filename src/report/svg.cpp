// SVG charts: a board's seats by class and per family against the cap, and a
// timeline of a project's stewards and stages over a foundation's member
// count per tier. Self-contained (no script, no outside font or image);
// every text from the registry goes through escape_html.
#include <charter/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "report/escape.hpp"
#include "report/svg.hpp"

namespace charter::detail {

namespace {

constexpr std::array<std::string_view, 10> palette{
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
constexpr std::string_view over_color = "#e15759";
constexpr std::string_view grid_color = "#d0d7de";
constexpr std::string_view muted = "#57606a";

constexpr std::string_view svg_style =
    "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto "
    "Sans',sans-serif;font-size:12px;fill:#1f2328}"
    ".title{font-size:16px;font-weight:600}.panel{font-size:13px;font-weight:"
    "600}"
    ".muted{fill:#57606a}.label{font-size:12px}.inbar{fill:#fff;font-weight:"
    "600}.key{font-size:11px;fill:#1f2328}"
    ".mark{fill:#1f2328;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-"
    "linejoin:round}";

std::string open_svg(int width, int height, std::string_view title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" "
      "role=\"img\">\n<title>{2}</title>\n<style>{3}</style>\n"
      "<rect x=\"0\" y=\"0\" width=\"{0}\" height=\"{1}\" fill=\"#ffffff\"/>\n",
      width, height, escape_html(title), svg_style);
}

std::string text(double x, double y, std::string_view s,
                 std::string_view cls = {}, std::string_view anchor = "start") {
  return fmt::format(
      "<text x=\"{:.1f}\" y=\"{:.1f}\"{}{}>{}</text>\n", x, y,
      cls.empty() ? std::string{} : fmt::format(" class=\"{}\"", cls),
      anchor == "start" ? std::string{}
                        : fmt::format(" text-anchor=\"{}\"", anchor),
      escape_html(s));
}

// Shortens a label to about `columns` characters (code points), for a
// fixed-width column.
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

}  // namespace

// ---- board

std::string to_svg(const board_report& r) {
  constexpr int width = 760, label_w = 210, right_w = 170, row_h = 30,
                bar_h = 18;
  const int bar_x = label_w + 20;
  const int bar_w = width - bar_x - right_w;
  const auto cap = r.family_cap();
  std::string out = text(
      20, 32, fmt::format("{}: seats on {}", r.name, to_string(r.on)), "title");

  // Seats owed (dashed outline) and filled (solid) per class.
  int y = 70;
  out += text(20, y,
              "Seats by class: filled (solid), vacant (dashed), over the "
              "entitlement (red)",
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
                clip(fmt::format("{} ({})", c.id.str(), to_string(c.mode)), 30),
                "label");
    const double top = mid - bar_h / 2.0;
    // One box per seat: filled, vacant (dashed outline) or over the
    // entitlement (red); one bar per kind when the boxes would be too thin.
    const int within = std::min(c.filled, c.entitled);
    auto box = [&](double x, double w, std::string_view kind) {
      if (kind == "vacant")
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" "
            "fill=\"#f6f8fa\" stroke=\"#8c959f\" "
            "stroke-dasharray=\"4 3\"/>\n",
            x + 0.5, top + 0.5, std::max(0.0, w - 1), bar_h - 1);
      else
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" "
            "fill=\"{}\"/>\n",
            x, top, w, bar_h, kind == "over" ? over_color : palette[0]);
    };
    auto kind_of = [&](int k) {
      return k < within ? "filled" : k < c.entitled ? "vacant" : "over";
    };
    const int boxes = std::max(c.entitled, c.filled);
    if (unit >= 8) {
      for (int k = 0; k < boxes; ++k)
        box(bar_x + k * unit, unit - 3, kind_of(k));
    } else {
      if (within > 0) box(bar_x, within * unit, "filled");
      if (c.entitled > within)
        box(bar_x + within * unit, (c.entitled - within) * unit, "vacant");
      if (c.filled > c.entitled)
        box(bar_x + c.entitled * unit, (c.filled - c.entitled) * unit, "over");
    }
    std::string status = fmt::format("{} of {} filled", c.filled, c.entitled);
    if (c.vacant()) status += fmt::format(", {} vacant", c.vacant());
    if (c.filled > c.entitled)
      status += fmt::format(", {} over", c.filled - c.entitled);
    out += text(width - right_w + 12, mid + 4, status,
                c.filled > c.entitled ? "" : "muted");
    y += row_h;
  }

  // Seats per family, against the cap.
  y += 40;
  std::string heading = "Seats per family";
  if (r.max_per_family || r.max_fraction_per_family)
    heading += cap ? fmt::format(" (cap: {} per family)", *cap) : std::string{};
  else
    heading += " (no cap)";
  out += text(20, y, heading, "panel");
  y += 16;
  int most_f = cap ? std::max(1, *cap) : 1;
  for (const auto& f : r.families) most_f = std::max(most_f, f.seats);
  const double unit_f =
      static_cast<double>(bar_w) / (most_f + (cap ? 0.5 : 0.0));
  const int rows_top = y;
  if (r.families.empty()) {
    out += text(bar_x, y + 20, "No seats are filled: no family holds any.",
                "muted");
    y += row_h;
  }
  for (std::size_t i = 0; i < r.families.size(); ++i) {
    const auto& f = r.families[i];
    const double mid = y + row_h / 2.0;
    const bool over = cap && f.seats > *cap;
    out += text(20, mid + 4, clip(f.name, 30), "label");
    out += fmt::format(
        "<rect x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" "
        "fill=\"{}\"/>\n",
        bar_x, mid - bar_h / 2.0, f.seats * unit_f, bar_h,
        over ? over_color : palette[2]);
    const double share = r.filled() ? 100.0 * f.seats / r.filled() : 0.0;
    out += text(width - right_w + 12, mid + 4,
                fmt::format("{} {} ({:.0f}%){}", f.seats,
                            f.seats == 1 ? "seat" : "seats", share,
                            over ? ", over cap" : ""),
                over ? "" : "muted");
    y += row_h;
  }
  if (cap && !r.families.empty()) {
    const double x = bar_x + *cap * unit_f;
    out += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
        "stroke=\"{3}\" stroke-width=\"2\" "
        "stroke-dasharray=\"6 4\"/>\n",
        x, rows_top, y, over_color);
    out += text(x, y + 14, fmt::format("cap {}", *cap), "muted", "middle");
  }
  return open_svg(width, y + 30,
                  fmt::format("{}: seats on {}", r.name, to_string(r.on))) +
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
    std::string out = open_svg(width, 100, title);
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
                    std::size_t first_color) {
      out += text(20, y + band_h / 2.0 + 4, label, "label");
      std::vector<std::pair<std::string_view, std::string>> key;
      for (std::size_t i = 0; i < periods.size(); ++i) {
        const auto& w = periods[i].when;
        const auto color = palette[(first_color + i) % palette.size()];
        const std::string name = name_of(periods[i]);
        key.emplace_back(
            color, w.to ? fmt::format("{}: {} to {}", name, to_string(w.from),
                                      to_string(*w.to))
                        : fmt::format("{}: from {}", name, to_string(w.from)));
        if ((w.to && *w.to <= from) || w.from >= to) continue;
        const double x0 = x_of(w.from), x1 = x_of(w.to ? *w.to : to);
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
            "rx=\"3\" fill=\"{}\"/>\n",
            x0, y, std::max(1.0, x1 - x0 - 1), band_h, color);
        const auto room =
            static_cast<std::size_t>(std::max(0.0, (x1 - x0 - 12) / 7.5));
        if (room >= 3)
          out += text(x0 + 6, y + band_h / 2.0 + 4, clip(name, room), "inbar");
      }
      y += band_h + 16;
      double kx = left;
      for (const auto& [color, entry] : key) {
        const double w =
            18 + 6.5 * static_cast<double>(display_width(entry)) + 18;
        if (kx > left && kx + w > left + plot_w) {
          kx = left;
          y += 18;
        }
        out += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{}\" width=\"10\" height=\"10\" "
            "fill=\"{}\"/>\n",
            kx, y - 9, color);
        out += text(kx + 15, y, entry, "key");
        kx += w;
      }
      y += 16;
    };
    out += text(20, y - 2, fmt::format("{}", r.project_name), "panel");
    y += 6;
    band(
        "Steward", r.stewards, [](const timeline_steward& s) { return s.name; },
        0);
    band(
        "Stage", r.stages, [](const timeline_stage& s) { return s.name; }, 4);
  }

  if (r.foundation) {
    y += 24;
    out += text(20, y, fmt::format("Members of {} per tier", r.foundation_name),
                "panel");
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
    for (std::size_t k = 0; k < r.tiers.size(); ++k) {
      auto level = [&](const std::vector<int>& counts, std::size_t upto) {
        int v = 0;
        for (std::size_t j = 0; j < upto && j < counts.size(); ++j)
          v += counts[j];
        return v;
      };
      std::string upper, lower;
      bool any = false;
      for (std::size_t i = 0; i < steps.size(); ++i) {
        const double x0 = x_of(steps[i].first);
        const double x1 = x_of(i + 1 < steps.size() ? steps[i + 1].first : to);
        const int hi = level(steps[i].second, k + 1),
                  lo = level(steps[i].second, k);
        any = any || hi > lo;
        upper += fmt::format("{}{:.1f},{:.1f} L{:.1f},{:.1f} ",
                             i == 0 ? "M" : "L", x0, y_of(hi), x1, y_of(hi));
        lower = fmt::format("L{:.1f},{:.1f} L{:.1f},{:.1f} ", x1, y_of(lo), x0,
                            y_of(lo)) +
                lower;
      }
      if (any)
        out += fmt::format("<path d=\"{}{}Z\" fill=\"{}\"/>\n", upper, lower,
                           palette[k % palette.size()]);
    }
    out += fmt::format(
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\"/>\n",
        left, chart_bottom, left + plot_w, muted);
    // Each change of the total, labelled with it, unless the label would run
    // into the one before.
    double free_x = 0;
    int shown_total = level_total(steps.front().second);
    for (std::size_t i = 1; i < steps.size(); ++i) {
      const int total = level_total(steps[i].second);
      if (total == shown_total) continue;
      shown_total = total;
      const std::string label =
          fmt::format("{} from {}", total, to_string(steps[i].first));
      const double width_est = 7.0 * static_cast<double>(label.size());
      const double at = x_of(steps[i].first);
      if (at + 4 + width_est <= left + plot_w && at + 4 >= free_x) {
        out += text(at + 4, y_of(total) - 6, label, "mark");
        free_x = at + 4 + width_est + 8;
      } else if (at - 4 - width_est >=
                 std::max<double>(
                     free_x, left)) {  // no room on the right: end at the step
        out += text(at - 4, y_of(total) - 6, label, "mark", "end");
        free_x = at + 8;
      }
    }
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
      out += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"12\" height=\"12\" "
          "fill=\"{}\"/>\n",
          lx, y - 10, palette[k % palette.size()]);
      const std::string name = clip(r.tiers[k].name, 24);
      out += text(lx + 18, y, name, "label");
      lx += 18 + 8.0 * static_cast<double>(display_width(name)) + 24;
    }
  }
  // The grid goes first, under the bars.
  return open_svg(width, y + 20, title) + ticks + out + "</svg>\n";
}

}  // namespace charter::detail
