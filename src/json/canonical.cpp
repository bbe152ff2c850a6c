// The canonical layout's parts that are not inline (json/canonical.hpp).
#include "json/canonical.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace charter::detail {

using namespace std::string_view_literals;

void append_json_escape(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\""sv;
      break;
    case '\\':
      out += "\\\\"sv;
      break;
    case '\b':
      out += "\\b"sv;
      break;
    case '\t':
      out += "\\t"sv;
      break;
    case '\n':
      out += "\\n"sv;
      break;
    case '\f':
      out += "\\f"sv;
      break;
    case '\r':
      out += "\\r"sv;
      break;
    default:
      out += "\\u00"sv;
      out += hex[c >> 4];
      out += hex[c & 0xF];
  }
}

void append_json_object(std::string& out, const boost::json::object& o) {
  out += '{';
  bool first = true;
  for (const auto& member : o) {
    if (!first) out += ", "sv;
    first = false;
    append_json_string(
        out, std::string_view(member.key().data(), member.key().size()));
    out += ": "sv;
    append_json_value(out, member.value());
  }
  out += '}';
}

void append_json_value(std::string& out, const boost::json::value& v) {
  namespace json = boost::json;
  switch (v.kind()) {
    case json::kind::null:
      out += "null"sv;
      break;
    case json::kind::bool_:
      out += v.get_bool() ? "true"sv : "false"sv;
      break;
    case json::kind::int64:
      append_json_integer(out, v.get_int64());
      break;
    case json::kind::uint64:
      append_json_integer(out, v.get_uint64());
      break;
    case json::kind::double_:
      append_json_number(out, v.get_double());
      break;
    case json::kind::string:
      append_json_string(
          out, std::string_view(v.get_string().data(), v.get_string().size()));
      break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ", "sv;
        first = false;
        append_json_value(out, e);
      }
      out += ']';
      break;
    }
    case json::kind::object:
      append_json_object(out, v.get_object());
      break;
  }
}

}  // namespace charter::detail
