// LiteralPlanCache: a session's plans for simple-protocol statements that differ only in literals
// (docs/performance.md). A query string is scanned (parser/literal_scan.hpp); the second time its
// shape is seen, it is parsed once with its qualifying literals as $n (parser/literal_params.hpp)
// and planned as a prepared statement whose parameters have the literals' own types; later texts
// of that shape run that plan with their literals as parameter values.
//
// The answers and errors are those of the statement planned afresh: literals that stay constants
// must match the cached ones exactly, each parameter's literal must have the same type class
// (int4 / int8 / numeric / string), and every coercion the binder applied to the parameter is
// tried on the new literal first; when one fails the text goes the ordinary way, which reports the
// error as PostgreSQL does. The plan is reused while the catalog snapshot, timezone, search_path,
// IntervalStyle and the current role stay the same; DISCARD PLANS / ALL empty the cache.
// The setting kanto.plan_cache is on (default), off, or eager (a shape is cached the first time
// it is seen, so that every statement of a test suite runs through a cached plan);
// SHOW kanto.plan_cache_hits counts the statements that ran a plan made for an earlier text.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "main/connection_impl.hpp"
#include "parser/literal_params.hpp"
#include "planner/binder.hpp"

namespace kanto {

struct LiteralPlanEntry {
  enum class State : uint8_t { kSeen, kPlanned, kRefused };
  State state = State::kSeen;
  std::shared_ptr<const Catalog> refused_catalog;  // kRefused: tried again once the catalog changes
  std::shared_ptr<const ast::Statement> stmt;      // the statement with $n in place of its slots
  std::vector<LiteralSlot> slots;                  // one per scanned literal
  std::vector<std::string> fixed;                  // per slot: its text when it stays a constant
  std::vector<LogicalType> param_types;            // the literals' own types (unknown for strings)
  ConnectionImpl::PlanCache plan;
  std::vector<BinderEnv::ParamCoercion> coercions;  // what the plan does to each parameter
  std::string settings;                             // PlanSettings() when planned
  // settings_.version() when the settings the plan depends on (time zone, search_path, the
  // PlanSettings) were last found to be the plan's, and the role then: while both stand, they are
  // not read and compared again for every text (2% of a simple-protocol point select).
  uint64_t settings_version = 0;
  std::string checked_user;
};

class LiteralPlanCache {
 public:
  // The entry for `key` (now the most recently used), or null.
  std::shared_ptr<LiteralPlanEntry> Find(const std::string& key);
  // A new entry for `key`, evicting the least recently used beyond the capacity.
  std::shared_ptr<LiteralPlanEntry> Add(const std::string& key);
  void Clear();
  uint64_t hits = 0;

 private:
  static constexpr size_t kCapacity = 256;
  using Lru = std::list<std::pair<std::string, std::shared_ptr<LiteralPlanEntry>>>;
  Lru lru_;
  std::unordered_map<std::string, Lru::iterator> index_;
};

}  // namespace kanto
