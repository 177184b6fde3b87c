// FOREIGN KEY enforcement (docs/constraints.md): the checks and referential actions a row change
// brings, queued as PostgreSQL queues its RI trigger events and run when the statement ends (or,
// for a deferred constraint, at COMMIT).
//   - A row inserted into a referencing table, or one whose foreign key columns changed, needs its
//     referenced row: a lookup in the referenced table's unique index, which locks that row in
//     shared mode (FOR KEY SHARE) so that no other transaction deletes it or changes its key
//     before this one ends. 23503 "insert or update on table ... violates foreign key constraint".
//   - A referenced row deleted, or whose referenced columns changed, runs its ON DELETE / ON
//     UPDATE action on the referencing rows (found through an index on the foreign key columns
//     when the referencing table has one, else by a scan): NO ACTION / RESTRICT fail with 23503
//     "update or delete on table ... on table ..." (NO ACTION not when a row with the old key
//     exists again), CASCADE deletes or updates them, SET NULL / SET DEFAULT update them. The
//     changes of cascaded rows queue their own events, so actions reach any depth.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/constraint_check.hpp"
#include "catalog/catalog.hpp"
#include "planner/bound_expr.hpp"
#include "types/value.hpp"

namespace kanto {
struct ExecutionContext;

namespace access {

// What a statement's referential actions may write besides its target table: each table's CHECK
// constraints and its column defaults (for SET DEFAULT), bound when the statement is planned.
struct CascadeTable {
  std::vector<BoundCheck> checks;
  std::vector<BoundExprPtr> defaults;  // one per column; empty when no SET DEFAULT action writes the table
};
using CascadeTables = std::map<uint32_t, CascadeTable>;

// One pending check or action of a foreign key `fk_id` of table `table_id` (the referencing table).
struct ReferentialEvent {
  enum class Kind : uint8_t {
    kCheckReference,  // a referencing row was written: its referenced row must exist
    kReferenceGone,   // a referenced row was deleted, or its referenced columns changed
  };
  Kind kind = Kind::kCheckReference;
  uint32_t table_id = 0;
  uint32_t fk_id = 0;
  std::string row_key;     // kCheckReference: the referencing row
  std::vector<Value> key;  // kCheckReference: its foreign key values; kReferenceGone: the old referenced values
  std::optional<std::vector<Value>> new_key;  // kReferenceGone by an UPDATE: the new referenced values
};

// A transaction's SET CONSTRAINTS modes and the checks of deferred constraints, run at COMMIT.
class DeferredConstraints {
 public:
  bool IsDeferred(const ForeignKeyEntry& fk) const;
  // SET CONSTRAINTS ALL (`all`) or the constraints `ids` DEFERRED / IMMEDIATE.
  void SetMode(bool all, const std::vector<uint32_t>& ids, bool deferred);
  void Add(ReferentialEvent event) { events_.push_back(std::move(event)); }
  // Removes and returns the events whose constraints are no longer deferred (`all`: every event).
  std::vector<ReferentialEvent> TakeDue(const Catalog& catalog, bool all);
  bool empty() const { return events_.empty(); }
  void Clear();

  // A data-modifying WITH statement: from HoldStatementEvents to TakeHeldEvents the events its
  // parts and its main query queue wait here (with the cascades each was queued with), to run
  // when the whole statement ends, as PostgreSQL fires its RI triggers.
  struct HeldEvents {
    std::shared_ptr<const CascadeTables> cascades;
    std::vector<ReferentialEvent> events;
  };
  void HoldStatementEvents() {
    holding_ = true;
    held_.clear();
  }
  bool holding() const { return holding_; }
  void Hold(std::shared_ptr<const CascadeTables> cascades, std::vector<ReferentialEvent> events) {
    held_.push_back({std::move(cascades), std::move(events)});
  }
  std::vector<HeldEvents> TakeHeldEvents() {
    holding_ = false;
    return std::move(held_);
  }

 private:
  bool holding_ = false;
  std::vector<HeldEvents> held_;
  std::optional<bool> all_;         // the last SET CONSTRAINTS ALL
  std::map<uint32_t, bool> modes_;  // constraints named since then
  std::vector<ReferentialEvent> events_;
};

// The referential events of one statement. Row changes of the statement's target queue them;
// Run() works through them, cascaded changes included.
class ReferentialQueue {
 public:
  // `cascades` must cover every table the actions can reach (see CascadeTables).
  ReferentialQueue(ExecutionContext& ctx, std::shared_ptr<const CascadeTables> cascades);
  ~ReferentialQueue();

  void RowInserted(const TableEntry& table, const std::string& row_key, const std::vector<Value>& row);
  void RowUpdated(const TableEntry& table, const std::vector<Value>& old_row, const std::string& new_key,
                  const std::vector<Value>& new_row);
  void RowDeleted(const TableEntry& table, const std::vector<Value>& old_row);
  // Runs the queued events and those they queue; a deferred constraint's checks go to
  // ctx.deferred instead.
  void Run();
  // Runs events taken from DeferredConstraints now (COMMIT, SET CONSTRAINTS ... IMMEDIATE).
  void RunNow(std::vector<ReferentialEvent> events);
  // Runs events held for the end of a statement (DeferredConstraints::TakeHeldEvents) as Run does.
  void RunHeld(std::vector<ReferentialEvent> events);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether a statement writing `table` may queue referential events (the table has foreign keys or
// is referenced): without, the writer skips the queue.
bool HasReferentialConstraints(const Catalog& catalog, const TableEntry& table);

// ALTER TABLE ... ADD FOREIGN KEY / VALIDATE CONSTRAINT: every stored row of `table` must have its
// referenced row in `referenced` (23503 with the first row that has none).
void ValidateForeignKey(ExecutionContext& ctx, const TableEntry& table, const ForeignKeyEntry& fk,
                        const TableEntry& referenced);

}  // namespace access
}  // namespace kanto
