#ifndef CHARTER_ERROR_HPP
#define CHARTER_ERROR_HPP

// Every exception charter throws, one hierarchy under `charter::error`.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace charter {

/// The most problems a `validation_error` lists: a document with more stops
/// being checked once it has found this many.
inline constexpr std::size_t max_problems = 100;

/// The base of every exception that charter throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One thing wrong with a record or a document.
///
/// A problem is placed by `where` when it is in an interchange document,
/// else by `record` (and `field`); one that is neither (a syntax error,
/// an operation that found nothing to act on) says everything in its
/// `message`. `to_string(p)` writes it for a person.
struct problem {
  /// A JSON Pointer into the interchange document the problem is in
  /// ("/memberships/3/tier"); empty when it is in no document (a change
  /// made by a batch, a record of the registry that a document broke) or
  /// in the document as a whole.
  std::string where;
  /// The offending id (or key) when there is one.
  std::string id;
  /// What is wrong, for a person.
  std::string message;
  /// The record the problem is in, named as a person names it
  /// (`to_string(record_key)`: "membership of amd in pytorch-foundation
  /// from 2022-09-12"); empty when the problem is not in one record.
  std::string record;
  /// The field of `record`, as a JSON Pointer into the record as the
  /// interchange format writes it ("/tier", "/tiers/0/rank"); empty for the
  /// record as a whole.
  std::string field;

  friend bool operator==(const problem&, const problem&) = default;
};

/// A problem for a person: "where: message" when it has a place in a
/// document, "record: message" when it has a record, else the message.
std::string to_string(const problem& p);

/// A change or a document was rejected; nothing was changed.
///
/// Carries every problem found (up to `max_problems`), not only the first.
class validation_error : public error {
 public:
  explicit validation_error(std::vector<problem> problems);

  const std::vector<problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<problem> problems_;
};

/// A lookup named an id that does not exist.
class not_found_error : public error {
 public:
  not_found_error(std::string kind, std::string id);

  /// The kind of record looked for ("organization", "person", ...).
  const std::string& kind() const noexcept { return kind_; }
  const std::string& id() const noexcept { return id_; }

 private:
  std::string kind_;
  std::string id_;
};

/// Text that should have been a date, an id, a number... was not.
class parse_error : public error {
 public:
  using error::error;
};

/// A place in a source file (a file charter reads but did not write: a
/// landscape.yml, a ballot file). Lines and columns count from 1; 0 means
/// unknown (a value of the file as a whole).
struct source_place {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  friend bool operator==(const source_place&, const source_place&) = default;
};

/// "file:line:column", "file:line" or "file".
std::string to_string(const source_place& where);

/// A source file is not in the layout it should be: what() is
/// "file:line:column: reason". The base of `import_error` and of the ballot
/// readers' errors.
class source_error : public parse_error {
 public:
  source_error(source_place where, std::string message);

  const source_place& where() const noexcept { return where_; }
  /// The message without the place.
  const std::string& reason() const noexcept { return reason_; }

 private:
  source_place where_;
  std::string reason_;
};

/// A store could not read or write (I/O, a busy or foreign database).
class storage_error : public error {
 public:
  using error::error;
};

/// Another writer held the store's lock for longer than the busy timeout
/// (`sqlite_store::options::busy_timeout`).
///
/// Nothing was written, and nothing is wrong with what was asked: trying
/// again later may succeed, where any other storage_error would fail again.
class busy_error : public storage_error {
 public:
  using storage_error::storage_error;
};

/// The store was changed by another writer since this one last read it.
///
/// Nothing was written. `database::commit` avoids it (it takes the store's
/// write lock and reloads a stale registry first); a caller using a store
/// directly should `load()` and try again.
class conflict_error : public storage_error {
 public:
  using storage_error::storage_error;
};

/// A report was asked for in a way that cannot be served: an unknown kind,
/// a format the report has no rendering in, or a missing option.
class report_error : public error {
 public:
  using error::error;
};

}  // namespace charter

#endif
