#ifndef CHARTER_CHARTER_HPP
#define CHARTER_CHARTER_HPP

// Everything charter offers, in one include. Internal code includes the
// headers it needs instead. Not <charter/extra_json.hpp>, the opt-in
// conversions to Boost.JSON, which need Boost.JSON.

#include <charter/batch.hpp>
#include <charter/checks.hpp>
#include <charter/date.hpp>
#include <charter/diff.hpp>
#include <charter/error.hpp>
#include <charter/extra.hpp>
#include <charter/find.hpp>
#include <charter/id.hpp>
#include <charter/import.hpp>
#include <charter/json.hpp>
#include <charter/limits.hpp>
#include <charter/model.hpp>
#include <charter/money.hpp>
#include <charter/popolo.hpp>
#include <charter/registry.hpp>
#include <charter/report.hpp>
#include <charter/site.hpp>
#include <charter/store.hpp>

#endif
