#ifndef CHARTER_SRC_JSON_WRITER_HPP
#define CHARTER_SRC_JSON_WRITER_HPP

// Internal: writing a registry as an interchange document, in the canonical
// layout (json/writer.cpp). to_json calls this.

#include <charter/fwd.hpp>

#include <string>

namespace charter::detail {

/// The canonical document of `reg`: the same registry always gives the
/// same bytes (to_json).
std::string write_json_document(const registry& reg);

}  // namespace charter::detail

#endif
