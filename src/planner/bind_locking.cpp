// SELECT ... FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE [OF ...] [NOWAIT | SKIP LOCKED].
// The tables to lock are the base tables of the FROM clause (or those named by OF); each one's scan
// emits its row keys, which travel as hidden select-list columns to a LockRows operator placed
// where PostgreSQL puts it: above ORDER BY, below LIMIT.
// The four strengths are PostgreSQL's, with its conflict table (common/row_lock_strength.hpp;
// how two RocksDB locks per row give it: storage::KeyLockKey).
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto {

namespace {
using Clause = ast::SelectStmt::LockingClause;

// A FROM item's lockable scan, and whether it lies on the nullable side of an outer join.
struct Scan {
  LogicalGet* get;
  bool nullable;
};

// Base-table scans reachable through the FROM clause's joins and filters. *subquery is set when the
// FROM clause holds a subquery or view (functions, VALUES and WITH queries have no rows to lock).
void CollectScans(LogicalOperator& op, bool nullable, std::vector<Scan>* scans, bool* subquery) {
  switch (op.type) {
    case LogicalOpType::kGet: scans->push_back({&static_cast<LogicalGet&>(op), nullable}); break;
    case LogicalOpType::kFilter: CollectScans(*op.children[0], nullable, scans, subquery); break;
    case LogicalOpType::kJoin: {
      JoinType t = static_cast<LogicalJoin&>(op).join_type;
      CollectScans(*op.children[0], nullable || t == JoinType::kRight || t == JoinType::kFull, scans, subquery);
      if (t != JoinType::kSemi && t != JoinType::kAnti) {
        CollectScans(*op.children[1], nullable || t == JoinType::kLeft || t == JoinType::kFull, scans, subquery);
      }
      break;
    }
    case LogicalOpType::kTableFunction:
    case LogicalOpType::kValues:
    case LogicalOpType::kCteScan:
    case LogicalOpType::kRecursiveCte:
      break;
    default: *subquery = true; break;
  }
}

int Rank(Clause::Wait w) { return w == Clause::Wait::kNowait ? 2 : w == Clause::Wait::kSkipLocked ? 1 : 0; }
}  // namespace

std::string LockingClauseName(const ast::SelectStmt& stmt) {
  switch (stmt.locking[0].strength) {
    case Clause::Strength::kKeyShare: return "FOR KEY SHARE";
    case Clause::Strength::kShare: return "FOR SHARE";
    case Clause::Strength::kNoKeyUpdate: return "FOR NO KEY UPDATE";
    case Clause::Strength::kUpdate: return "FOR UPDATE";
  }
  return "FOR UPDATE";
}

std::vector<Binder::LockTarget> Binder::BindLocking(const ast::SelectStmt& stmt, LogicalOperator& from,
                                                    const BindContext& scope) {
  std::vector<Scan> scans;
  bool subquery = false;
  CollectScans(from, false, &scans, &subquery);
  std::string what = LockingClauseName(stmt);
  struct Want {
    Clause::Strength strength;
    Clause::Wait wait;
    bool any = false;
  };
  std::vector<Want> wants(scans.size());
  auto want = [&](size_t i, const Clause& c) {
    Want& w = wants[i];
    if (!w.any || c.strength > w.strength) w.strength = c.strength;
    if (!w.any || Rank(c.wait) > Rank(w.wait)) w.wait = c.wait;
    w.any = true;
  };
  for (const auto& c : stmt.locking) {
    if (c.of.empty()) {
      // PostgreSQL also locks the rows of the tables inside subqueries and views of the FROM clause.
      if (subquery) {
        throw Error(sqlstate::kFeatureNotSupported, what + " of a subquery or view in FROM is not supported yet");
      }
      for (size_t i = 0; i < scans.size(); i++) want(i, c);
      continue;
    }
    for (const auto& name : c.of) {
      bool found = false;
      for (size_t i = 0; i < scans.size(); i++) {
        if (scans[i].get->alias == name) {
          want(i, c);
          found = true;
        }
      }
      if (found) continue;
      bool in_from = false;
      for (const auto& e : scope.entries()) in_from = in_from || e.alias == name;
      if (in_from) {
        throw Error(sqlstate::kFeatureNotSupported, what + " of a subquery or view in FROM is not supported yet");
      }
      throw At(Error(sqlstate::kUndefinedTable, "relation \"" + name + "\" in " + what + " clause not found in FROM clause"),
               c.location);
    }
  }
  std::vector<LockTarget> out;
  for (size_t i = 0; i < scans.size(); i++) {
    if (!wants[i].any) continue;
    LogicalGet& get = *scans[i].get;
    if (scans[i].nullable) {
      throw Error(sqlstate::kFeatureNotSupported, what + " cannot be applied to the nullable side of an outer join");
    }
    get.emit_row_key = true;
    int& lock = env_.relation_locks[get.table->id];
    lock = std::max(lock, 2);  // RowShareLock
    LockTarget t;
    t.key = MakeColumnRef({get.table_index, static_cast<uint32_t>(get.table->columns.size())},
                          LogicalType(TypeId::kBytea), "?lock?");
    t.relation = get.table->name;
    t.table = get.table;
    using S = RowLockStrength;
    switch (wants[i].strength) {
      case Clause::Strength::kKeyShare: t.strength = S::kKeyShare; break;
      case Clause::Strength::kShare: t.strength = S::kShare; break;
      case Clause::Strength::kNoKeyUpdate: t.strength = S::kNoKeyUpdate; break;
      case Clause::Strength::kUpdate: t.strength = S::kUpdate; break;
    }
    t.wait = wants[i].wait == Clause::Wait::kNowait       ? LockWait::kNowait
             : wants[i].wait == Clause::Wait::kSkipLocked ? LockWait::kSkipLocked
                                                          : LockWait::kBlock;
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace kanto
