#ifndef CHARTER_SRC_REPORT_SVG_HPP
#define CHARTER_SRC_REPORT_SVG_HPP

// Internal to the report sources: the two reports that have a chart, as a
// self-contained SVG image (svg.cpp). The HTML page embeds them too.

#include <string>

namespace charter {
struct board_report;
struct timeline_report;
}  // namespace charter

namespace charter::detail {

std::string to_svg(const board_report& r);
std::string to_svg(const timeline_report& r);

}  // namespace charter::detail

#endif
