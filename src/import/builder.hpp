#ifndef CHARTER_SRC_IMPORT_BUILDER_HPP
#define CHARTER_SRC_IMPORT_BUILDER_HPP

// The mapping layer every importer writes through: it keeps the summary's
// counts and unmapped values, matches organizations (by key, the alias
// table, the registry's names and aliases) and people (by handle and
// name), collects their affiliations and the other records, and makes
// the upsert batch at the end. An importer reads its files and says what
// they hold; it never looks records up itself.

#include "import/names.hpp"
#include "import/text.hpp"

#include <charter/import.hpp>
#include <charter/model.hpp>

#include <boost/json/value.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace charter::import {

class alias_table;

/// Sets `key` of a record's `extra` to `value` (the other keys kept).
void set_extra(extra_fields& extra, std::string_view key,
               boost::json::value value);

class builder {
 public:
  builder(const registry& existing, std::string source,
          const import_options& options);
  /// The builder keeps a reference to the registry: never a temporary one.
  builder(registry&&, std::string, const import_options&) = delete;
  ~builder();
  builder(const builder&) = delete;
  builder& operator=(const builder&) = delete;

  const registry& existing() const noexcept { return existing_; }
  const import_options& options() const noexcept { return options_; }
  /// The start of what the files give no date for.
  date as_of() const noexcept { return as_of_; }

  // ---- the summary

  /// A file read (its name goes into the summary; read_files says it).
  void file(const std::string& name);
  /// `n` entries read and mapped.
  void took(std::size_t n = 1);
  /// An entry read and not mapped, and why.
  void skip(const source_place& where, std::string value, std::string reason);
  /// A value of a mapped entry that was not mapped, and why.
  void unmapped(const source_place& where, std::string value,
                std::string reason);

  // ---- organizations

  /// The organization `name` names: one the registry holds (by id, name or
  /// alias), one the alias table names, one this import met already, or a
  /// new one. Every spelling met stays on it as an alias. A value that
  /// names none (see `classify_org`) gives nothing: a placeholder or
  /// compound value is reported as unmapped at `where`, and `Independent`
  /// and the like are counted in `without_organization`.
  std::optional<org_id> organization(std::string_view name,
                                     const source_place& where,
                                     org_kind kind = org_kind::company);
  /// The import's version of an organization it returned.
  charter::organization& org(const org_id& id);

  // ---- people

  /// The person `handle` names on `site` (`github`, `apache`), with or
  /// without `@`, in any case; made when there is none (their id a slug of
  /// the handle). A name different from the one known is kept: the
  /// longest well-formed one is the name, the others `aliases` in `extra`.
  person_id person(std::string_view site, std::string_view handle,
                   std::string_view name, const source_place& where);
  /// A person known only by name (a README table without handles): found
  /// by name or alias, folded, or made.
  person_id person_named(std::string_view name, const source_place& where);
  /// The import's version of a person it returned.
  charter::person& who(const person_id& id);
  /// Adds an e-mail address (not a placeholder such as `email-removed`).
  void email(const person_id& id, std::string_view address);
  /// What a file says of `p`'s organization: over `when`, or (nothing)
  /// now, with no date. Sorted out when the batch is made: dated claims of
  /// one organization that touch become one affiliation; undated ones
  /// start on `as_of()` unless one in force says the same, and undated
  /// claims of different organizations are a finding, not an affiliation.
  /// `extra` goes on the affiliation the claim makes (or starts earlier).
  void affiliate(const person_id& p, const org_id& org,
                 std::optional<period> when, const source_place& where,
                 std::string title = {}, extra_fields extra = {});

  // ---- foundations, projects, bodies

  /// The foundation the data belongs to: `--foundation`, or
  /// `default_id` (named `default_name`). Made when missing.
  charter::foundation& owner_foundation(std::string_view default_id,
                                        std::string_view default_name);
  charter::foundation& foundation(std::string_view id, std::string_view name);
  charter::project& project(std::string_view id, std::string_view name);
  /// True if `--foundation` (or `id`) names a project of the registry or of
  /// this import rather than a foundation.
  bool is_project(std::string_view id) const;
  charter::body& body(std::string_view id, std::string_view name,
                      std::string_view kind, const body_owner& owner);
  /// The class `id` of `b`, added (mode `fixed`, voting) when missing.
  charter::seat_class& seat_class(charter::body& b, std::string_view id);

  /// Records by key. `undated`: the file gave no start, so `when.from` is
  /// `as_of()`; an open record of the same organization and foundation
  /// (person, body and class; person, title and scope) that the registry
  /// holds already is kept instead, so a second import adds nothing.
  void add(charter::membership m, bool undated = false);
  void add(charter::seat s, bool undated = false);
  void add(charter::role r, bool undated = false);
  /// The registry's seat of `s`'s person, body and class that an earlier
  /// import ended undated (`undated_end`), if any.
  const charter::seat* undated_ended_seat(const charter::seat& s);

  /// The batch and the summary. Call once.
  import_result finish();

 private:
  struct claim {
    org_id org;
    std::optional<period> when;
    source_place where;
    std::string title;
    extra_fields extra;
  };
  template <class Record>
  struct kept {
    std::vector<Record> records;
    std::unordered_map<std::string, std::size_t> by_id;
  };

  org_id new_org_id(std::string_view name, const std::string& key);
  org_id take_org(const org_id& id);
  void add_org_spelling(const org_id& id, const std::string& spelling,
                        const std::string& key);
  person_id take_person(const person_id& id);
  person_id new_person_id(std::string_view base, std::string_view site);
  void name_person(const person_id& id, std::string_view name);
  void index_person(const charter::person& p);
  std::optional<person_id> person_by_name(std::string_view name) const;
  void settle_affiliations(charter::person& p, std::vector<claim>& claims);
  std::vector<record_key> drop_covered_undated_seats();

  struct undated_records {
    std::unordered_map<std::string, const charter::membership*> memberships;
    std::unordered_map<std::string, const charter::seat*> open_seats;
    std::unordered_map<std::string, const charter::seat*> ended_seats;
    std::unordered_map<std::string, const charter::role*> roles;
  };
  static std::string holder_of(const charter::membership& m);
  static std::string holder_of(const charter::seat& s);
  static std::string holder_of(const charter::role& r);
  template <class Record>
  static const Record* find(
      const std::unordered_map<std::string, const Record*>& in,
      const std::string& key) {
    const auto at = in.find(key);
    return at == in.end() ? nullptr : at->second;
  }
  const undated_records& undated_in_registry();

  const registry& existing_;
  std::optional<undated_records> undated_;
  import_options options_;
  date as_of_;
  import_summary summary_;
  std::map<std::string, std::size_t> without_organization_;
  std::unique_ptr<alias_table> aliases_;

  kept<charter::organization> orgs_;
  kept<charter::person> people_;
  kept<charter::foundation> foundations_;
  kept<charter::project> projects_;
  kept<charter::body> bodies_;
  std::vector<charter::membership> memberships_;
  std::vector<charter::seat> seats_;
  std::vector<charter::role> roles_;
  // Where each record of the three above is, by its key's text.
  std::unordered_map<std::string, std::size_t> membership_at_;
  std::unordered_map<std::string, std::size_t> seat_at_;
  std::unordered_map<std::string, std::size_t> role_at_;

  std::unordered_map<std::string, org_id> org_by_key_;
  std::unordered_map<std::string, person_id> person_by_handle_;  // site:handle
  std::unordered_map<std::string, person_id> person_by_name_;    // folded
  std::map<std::string, std::vector<claim>> claims_;             // by person
};

}  // namespace charter::import

#endif
