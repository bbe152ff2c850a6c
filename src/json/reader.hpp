#ifndef CHARTER_SRC_JSON_READER_HPP
#define CHARTER_SRC_JSON_READER_HPP

// Internal: reading an interchange document, from a text or a stream, a
// piece at a time (json/reader.cpp: the streaming parser, syntax errors and
// their positions); each record is decoded as it comes (json/decode.cpp).
// The public functions of <charter/json.hpp> call these.

#include <charter/fwd.hpp>

#include <iosfwd>
#include <string_view>

namespace charter {
struct decoded_document;
}

namespace charter::detail {

/// Decodes the whole document into one batch (decode_json).
/// @throws validation_error listing the document's problems.
decoded_document decode_json_document(std::string_view text);
/// @throws storage_error when the stream fails.
decoded_document decode_json_document(std::istream& in);

/// A new registry of the document's records, applied as they are decoded
/// so that the whole batch is never held (from_json).
/// @throws validation_error listing the document's problems.
registry read_json_registry(std::string_view text);
/// @throws storage_error when the stream fails.
registry read_json_registry(std::istream& in);
/// The same, the parser handed the text in pieces of at most `piece_bytes`
/// (at least 16; 1 MiB otherwise), for tests and fuzzing of the pieces'
/// seams: the result is the same whatever their size.
registry read_json_registry(std::string_view text, std::size_t piece_bytes);

}  // namespace charter::detail

#endif
