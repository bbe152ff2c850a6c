#ifndef CHARTER_JSON_HPP
#define CHARTER_JSON_HPP

// The interchange format (docs/registry-format.md): reading a JSON
// document into a registry and writing a registry out as one. How charter
// reads and writes it in detail is in docs/interchange.md.

#include <charter/batch.hpp>
#include <charter/registry.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

namespace charter {

/// Reads an interchange document into a new registry.
///
/// The document is checked as a whole: every problem found (up to 100) is
/// reported, each placed by a JSON Pointer (`/memberships/3/tier`). A syntax
/// error stops the reading; it is reported alone, placed at the whole
/// document (`where` is empty) with a message such as
/// `line 3, column 17: expected ':'`.
/// @throws validation_error listing the problems.
registry from_json(std::string_view text);

/// Reads an interchange document from a stream, as `from_json(text)`. The
/// document is read in pieces and decoded record by record: memory follows
/// the registry being built, not the size of the text.
/// @throws storage_error when the stream fails.
registry from_json(std::istream& in);

/// Reads the interchange document in `file` into a new registry, as
/// `from_json(std::istream&)`.
/// @throws storage_error naming the file when it cannot be read.
/// @throws validation_error as `from_json`.
registry load_json(const std::filesystem::path& file);

/// Writes `reg` as an interchange document, in the canonical layout: the
/// same registry always gives the same bytes, and
/// `to_json(from_json(to_json(r))) == to_json(r)`.
std::string to_json(const registry& reg);

/// Writes `to_json(reg)` to `file`, atomically: the text goes to a temporary
/// file in the same folder, which then replaces `file`.
/// @throws storage_error naming the file when it cannot be written.
void save_json(const registry& reg, const std::filesystem::path& file);

/// Writes one record as an interchange document that holds only it (in the
/// canonical layout). Alone it need not be a valid registry (a membership
/// without its organization): the audit log keeps records this way.
std::string to_json(const any_record& record);

/// Reads a document of one record, as `to_json(const any_record&)` writes
/// it, without checking its references.
/// @throws validation_error when the text is not such a document.
any_record record_from_json(std::string_view text);

/// What a document describes, as changes to make to a registry.
struct decoded_document {
  /// One `add` per record, in document order.
  batch changes;
  /// Places the problems `registry::apply` finds in `changes` by their
  /// JSON Pointer in the document (`/memberships/3/tier`).
  locator where;
};

/// Decodes a document without applying it, for importing it into a
/// registry or a store that already holds records:
/// `reg.apply(doc.changes, doc.where)`.
/// @throws validation_error as `from_json`, for the problems found in the
/// document alone (syntax, types, fields, values, duplicate ids).
decoded_document decode_json(std::string_view text);
/// As above, reading the document from a stream.
/// @throws storage_error when the stream fails.
decoded_document decode_json(std::istream& in);

}  // namespace charter

#endif
