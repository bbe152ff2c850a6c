#ifndef CHARTER_SRC_STORE_SQLITE_SCHEMA_HPP
#define CHARTER_SRC_STORE_SQLITE_SCHEMA_HPP

// Internal: what the writer needs to know of the SQLite schema. The tables
// and indexes themselves, and checking, creating and migrating the schema,
// are in schema.cpp.

#include <array>

namespace charter::detail {

// Every table that holds records: what replace_all() empties, and checks
// the foreign keys of after a bulk load.
extern const std::array<const char*, 27> record_table_names;

}  // namespace charter::detail

#endif
