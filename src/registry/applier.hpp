#ifndef CHARTER_SRC_REGISTRY_APPLIER_HPP
#define CHARTER_SRC_REGISTRY_APPLIER_HPP

// Internal: runs the operations of a transaction on the registry's state,
// journaling each write (apply.cpp), then validates every record written and
// the records that depend on them (validate.cpp).

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/registry.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registry/state.hpp"

namespace charter::detail {

class applier {
 public:
  applier(registry_state& s, locator where)
      : s_(s), where_(std::move(where)), bulk_(!s.journaling) {}

  /// Runs every operation of `changes`; with `consume`, moves the records
  /// out of it rather than copying them (the batch was handed over).
  void execute_all(const batch& changes, bool consume);

  /// Validates the records written, then their dependents.
  void validate();

  std::size_t written_count() const noexcept { return written_count_; }

  /// The keys of the records written, in the order first written.
  std::vector<record_key> written() const;

  /// What the operations changed: `written()`, the records removed, and
  /// the records replaced or removed as they were before.
  change_set changes() const;

  std::vector<problem> problems;

 private:
  // A record as (kind, slot): slots do not change while a batch is applied.
  struct record_slot {
    record_kind kind;
    slot at;
  };
  static std::uint64_t code(record_slot r) {
    return (std::uint64_t{static_cast<std::uint8_t>(r.kind)} << 32) | r.at;
  }
  static std::size_t index(record_kind k) noexcept {
    return static_cast<std::size_t>(k);
  }

  registry_state& s_;
  locator where_;
  bool consume_ = false;
  // Applied to an empty registry: every row is new, so a record was
  // written if and only if it is there.
  bool bulk_;
  // The records written, in the order first written, as runs of slots of
  // one kind: a bulk load writes millions in a few runs.
  struct written_run {
    record_kind kind;
    slot first, count;
  };
  std::vector<written_run> written_;
  std::size_t written_count_ = 0;
  // Whether a record was written, by kind then slot: a bit per record
  // (where a bulk import would hash millions of codes), or in a bulk
  // load how many rows of the kind were.
  std::array<std::vector<bool>, record_kind_count> written_bits_;
  std::array<slot, record_kind_count> rows_written_{};
  // The records replaced or removed, as they were before the transaction,
  // in the order first changed (none in a bulk load: nothing was there).
  std::vector<any_record> before_;

  bool was_written(record_slot r) const {
    if (bulk_) return r.at < rows_written_[index(r.kind)];
    const auto& bits = written_bits_[index(r.kind)];
    return r.at < bits.size() && bits[r.at];
  }
  template <class F>
  void each_written(F&& f) const {
    for (const auto& r : written_)
      for (slot i = 0; i < r.count; ++i) f(r.kind, r.first + i);
  }

  // A problem of the record `key` names, in `field` (a relative JSON
  // Pointer, or empty).
  void report(const record_key& key, std::string_view field, std::string id,
              std::string message);
  // A problem of an operation that is in no record (what it names does not
  // exist, or nothing is in force on its date): the message says it all.
  void report(std::string id, std::string message);

  // ---- running operations (apply.cpp)

  void make_room(const batch& changes);
  template <class Record>
  void wrote(slot at);
  template <class Record>
  Record take(const Record& r);
  // Keeps the record at `at` as it was before the transaction, unless this
  // transaction wrote it already (then it was kept, or it is new).
  template <class Record>
  void keep_before(slot at);
  // Replaces the record at `at` with `r`, and notes it written.
  template <class Record>
  void rewrite(slot at, Record r);
  // Takes the records at `gone` (sorted) out, and moves the notes of what
  // was written along with the slots that follow them.
  template <class Record>
  void erase(const std::vector<slot>& gone);

  template <class Record>
  void execute(const op::add<Record>& o);
  template <class Record>
  void execute(const op::update<Record>& o);
  void execute(const op::join& o);
  void execute(const op::leave& o);
  void execute(const op::change_tier& o);
  void execute(const op::affiliate& o);
  void execute(const op::end_affiliation& o);
  void execute(const op::end_seat& o);
  void execute(const op::end_role& o);
  void execute(const op::transfer& o);
  void execute(const op::remove& o);
  void execute(const op::merge& o);
  void execute(const op::record_vote& o);
  void execute(const op::record_payment& o);

  std::optional<slot> membership_slot(const org_id& org, const foundation_id& f,
                                      date on);
  std::optional<slot> person_slot(const person_id& p);

  // ---- validation (validate.cpp)

  bool org_exists(const org_id& id) const {
    return s_.orgs.slots.contains(id.str());
  }
  bool foundation_exists(const foundation_id& id) const {
    return s_.foundations.slots.contains(id.str());
  }

  void check_id(const record_key& key, const std::string& id, const char* kind);
  void check_period(const record_key& key, std::string_view field_prefix,
                    const period& p, const std::string& id);
  // Not empty, and no longer than max_text_bytes.
  void check_name(const record_key& key, std::string_view field,
                  const std::string& name, const std::string& id);
  // No longer than max_text_bytes (every text a store must keep whole).
  void check_text(const record_key& key, std::string_view field,
                  std::string_view text, const std::string& id);
  void check_texts(const record_key& key, std::string_view field,
                   const std::vector<std::string>& texts,
                   const std::string& id);
  void check_org_ref(const record_key& key, std::string_view field,
                     const org_id& org);

  void validate(record_kind kind, slot at);
  void validate(const organization& o);
  void validate(const person& p, slot at);
  void validate(const foundation& f);
  void validate(const project& p);
  void validate(const body& b);
  void validate(const membership& m, slot at);
  void validate(const seat& st);
  void validate(const role& r);
  void validate_governance(const body& b);
  void validate(const meeting& m);
  void validate(const invoice& inv);
  void validate(const submitted_report& r);
  void check_person_ref(const record_key& key, std::string_view field,
                        const person_id& p);
  void validate(const election& e);

  std::vector<const foundation*> tier_sources(const body& b) const;
  std::vector<record_slot> dependents() const;
};

}  // namespace charter::detail

#endif
