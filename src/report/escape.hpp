#ifndef CHARTER_SRC_REPORT_ESCAPE_HPP
#define CHARTER_SRC_REPORT_ESCAPE_HPP

// Internal to the report sources: what the writers and the charts use to
// make text from the registry safe in their format (escape.cpp).

#include <cstddef>
#include <string>
#include <string_view>

namespace charter::detail {

// Escaping, one function per format.
std::string escape_html(
    std::string_view s);  // & < > " ' (also right for SVG/XML)
std::string escape_markdown(std::string_view s);  // inline text and table cells
std::string escape_csv(std::string_view s);       // one RFC 4180 field
std::string escape_text(std::string_view s);  // control characters made visible
/// Columns a string takes in a terminal: one per code point (not per byte).
std::size_t display_width(std::string_view s);

}  // namespace charter::detail

#endif
