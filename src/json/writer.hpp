#ifndef CHARTER_SRC_JSON_WRITER_HPP
#define CHARTER_SRC_JSON_WRITER_HPP

// Internal: writing a registry as an interchange document, in the canonical
// layout (json/writer.cpp). to_json calls this.

#include <charter/batch.hpp>
#include <charter/fwd.hpp>

#include <string>

namespace charter::detail {

/// The canonical document of `reg`: the same registry always gives the
/// same bytes (to_json).
std::string write_json_document(const registry& reg);

/// A document holding `record` alone, in the same layout.
std::string write_json_record(const any_record& record);

}  // namespace charter::detail

#endif
