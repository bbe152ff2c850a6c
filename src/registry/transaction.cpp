// Transactions: a batch (or a batch in pieces) staged on a registry,
// checked, then committed or rolled back.

#include <charter/batch.hpp>
#include <charter/error.hpp>
#include <charter/registry.hpp>

#include <fmt/format.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registry/applier.hpp"
#include "registry/state.hpp"

namespace charter {

transaction::transaction(registry& reg, const locator& where)
    : registry_(&reg) {
  auto& s = reg.own_state();
  if (s.in_transaction)
    throw error("a transaction is already open on this registry");
  s.begin_batch();
  s.in_transaction = true;
  try {
    applier_ = std::make_unique<detail::applier>(s, where);
  } catch (...) {
    s.end_batch();
    throw;
  }
}

transaction::transaction(transaction&& other) noexcept
    : registry_(other.registry_),
      applier_(std::move(other.applier_)),
      checked_(other.checked_),
      committed_count_(other.committed_count_),
      written_(std::move(other.written_)) {}

transaction::~transaction() { roll_back(); }

void transaction::require_open(const char* what) const {
  if (!applier_)
    throw error(
        fmt::format("{} on a transaction that is no longer open", what));
}

void transaction::run(const batch& piece) {
  require_open("run");
  if (checked_) throw error("run on a transaction that was checked already");
  try {
    applier_->execute_all(piece, false);
  } catch (...) {
    roll_back();
    throw;
  }
}

void transaction::run(batch&& piece) {
  require_open("run");
  if (checked_) throw error("run on a transaction that was checked already");
  try {
    applier_->execute_all(piece, true);
  } catch (...) {
    roll_back();
    throw;
  }
  piece.clear();  // its records moved out: the shells go, the room stays for
                  // the next
}

void transaction::check() {
  require_open("check");
  if (checked_) return;
  auto& s = registry_->own_state();
  try {
    applier_->validate();
    if (applier_->problems.empty()) s.complete_batch();
  } catch (...) {
    roll_back();
    throw;
  }
  if (!applier_->problems.empty()) {
    auto problems = std::move(applier_->problems);
    roll_back();
    throw validation_error(std::move(problems));
  }
  checked_ = true;
}

void transaction::commit() {
  check();
  committed_count_ = applier_->written_count();
  applier_.reset();
  registry_->own_state().end_batch();
}

void transaction::roll_back() noexcept {
  if (!applier_) return;
  applier_.reset();
  auto& s = registry_->own_state();
  s.roll_back();
  s.end_batch();
}

const std::vector<record_key>& transaction::written() {
  if (!written_) {
    require_open("written");
    if (!checked_) throw error("written on a transaction that was not checked");
    written_ = applier_->written();
  }
  return *written_;
}

change_set transaction::changes() {
  require_open("changes");
  if (!checked_) throw error("changes on a transaction that was not checked");
  return applier_->changes();
}

std::size_t transaction::written_count() const noexcept {
  return applier_ ? applier_->written_count() : committed_count_;
}

// ---- registry

transaction registry::begin(const locator& where) {
  return transaction(*this, where);
}

transaction registry::stage(const batch& changes, const locator& where) {
  auto tx = begin(where);
  tx.run(changes);
  tx.check();
  return tx;
}

transaction registry::stage(batch&& changes, const locator& where) {
  auto tx = begin(where);
  tx.run(std::move(changes));
  changes =
      batch{};  // the room of millions of operations, freed before the check
  tx.check();
  return tx;
}

std::vector<record_key> registry::apply(const batch& changes) {
  auto tx = stage(changes);
  tx.written();
  tx.commit();
  return std::move(*tx.written_);
}

}  // namespace charter
