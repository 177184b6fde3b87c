// LockManager::CheckDeadlock: the waits-for graph of heavyweight lock waits (table and advisory
// locks: an edge to every holder of a conflicting mode and to every earlier waiter asking for one)
// and of row lock waits in storage (an edge to every transaction holding the row's key), searched
// for a cycle through the session that has waited deadlock_timeout, as PostgreSQL does.
#include <map>
#include <set>
#include <unordered_map>

#include "catalog/system_table_builder.hpp"
#include "kanto/error.hpp"
#include "main/lock_manager.hpp"
#include "main/session_registry.hpp"
#include "storage/engine.hpp"

namespace kanto {

std::string LockTag::Describe() const {
  std::string db = std::to_string(system_tables::kKantoDatabaseOid);
  if (kind == Kind::kRelation) return "relation " + std::to_string(id1) + " of database " + db;
  return "advisory lock [" + db + "," + std::to_string(id1) + "," + std::to_string(id2) + "," + std::to_string(id3) + "]";
}

namespace {
struct Edge {
  const SessionState* to;
  std::string what;  // "ExclusiveLock on advisory lock [...]"
};
using Graph = std::map<const SessionState*, std::vector<Edge>>;

// A path from `at` back to `target`, its edges appended to *path.
bool FindCycle(const Graph& g, const SessionState* at, const SessionState* target, std::set<const SessionState*>& seen,
               std::vector<std::pair<const SessionState*, const Edge*>>* path) {
  auto it = g.find(at);
  if (it == g.end()) return false;
  for (const Edge& e : it->second) {
    path->push_back({at, &e});
    if (e.to == target) return true;
    if (seen.insert(e.to).second && FindCycle(g, e.to, target, seen, path)) return true;
    path->pop_back();
  }
  return false;
}
}  // namespace

void LockManager::CheckDeadlock(SessionState& me) const {
  Graph graph;
  {
    std::vector<std::unique_lock<std::mutex>> locks;
    for (const Partition& p : partitions_) locks.emplace_back(p.mu);
    for (const Partition& p : partitions_) {
      for (const auto& [tag, e] : p.entries) {
        for (auto w = e.waiters.begin(); w != e.waiters.end(); ++w) {
          if ((*w)->granted) continue;
          std::string what = std::string(LockModeName((*w)->mode)) + " on " + tag.Describe();
          for (const Holder& h : e.holders) {
            if (h.session == (*w)->session) continue;
            for (unsigned m = 1; m <= 8; m++) {
              if ((h.modes & (1u << m)) && LockModesConflict((*w)->mode, static_cast<LockMode>(m))) {
                graph[(*w)->session].push_back({h.session, what});
                break;
              }
            }
          }
          for (auto ahead = e.waiters.begin(); ahead != w; ++ahead) {
            if ((*ahead)->session != (*w)->session && !(*ahead)->granted &&
                LockModesConflict((*w)->mode, (*ahead)->mode)) {
              graph[(*w)->session].push_back({(*ahead)->session, what});
            }
          }
        }
      }
    }
  }
  // Row lock waits in storage: the key each session waits for, and who holds it.
  struct RowWait {
    const SessionState* session;
    uint64_t txn_id;
    std::string key;
    bool exclusive;
  };
  std::vector<RowWait> row_waits;
  std::unordered_map<uint64_t, const SessionState*> by_txn;
  sessions_.ForEach([&](const SessionState& s) {
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.txn_id) by_txn[s.txn_id] = &s;
    if (s.row_waiting) row_waits.push_back({&s, s.txn_id, s.row_wait_key, s.row_wait_exclusive});
  });
  if (!row_waits.empty()) {
    for (const storage::RowLock& held : engine_.RowLocks()) {
      for (const RowWait& w : row_waits) {
        if (w.key != held.key || !(w.exclusive || held.exclusive)) continue;
        for (uint64_t id : held.txn_ids) {
          auto holder = by_txn.find(id);
          if (id == w.txn_id || holder == by_txn.end()) continue;
          graph[w.session].push_back({holder->second, "ShareLock on transaction " + std::to_string(id)});
        }
      }
    }
  }
  std::set<const SessionState*> seen{&me};
  std::vector<std::pair<const SessionState*, const Edge*>> cycle;
  if (!FindCycle(graph, &me, &me, seen, &cycle)) return;
  std::string detail;
  for (const auto& [from, edge] : cycle) {
    if (!detail.empty()) detail += "\n";
    detail += "Process " + std::to_string(from->pid) + " waits for " + edge->what + "; blocked by process " +
              std::to_string(edge->to->pid) + ".";
  }
  throw Error(sqlstate::kDeadlockDetected, "deadlock detected")
      .WithDetail(detail)
      .WithHint("See server log for query details.");
}

}  // namespace kanto
