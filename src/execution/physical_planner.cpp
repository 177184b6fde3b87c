#include "execution/physical_planner.hpp"

#include <algorithm>
#include <map>
#include <cstdio>

#include "access/index_keys.hpp"
#include "common/stack_depth.hpp"
#include "execution/operator/physical_filter.hpp"
#include "execution/operator/physical_hash_aggregate.hpp"
#include "execution/operator/physical_hash_distinct.hpp"
#include "execution/operator/physical_hash_join.hpp"
#include "execution/operator/physical_lateral_join.hpp"
#include "execution/operator/physical_lock_rows.hpp"
#include "execution/operator/physical_merge.hpp"
#include "execution/operator/physical_limit.hpp"
#include "execution/operator/physical_modify.hpp"
#include "execution/operator/physical_nested_loop_join.hpp"
#include "execution/operator/physical_projection.hpp"
#include "execution/operator/physical_recursive_cte.hpp"
#include "execution/operator/physical_set_operation.hpp"
#include "execution/operator/physical_sort.hpp"
#include "execution/operator/physical_table_function.hpp"
#include "execution/operator/physical_table_scan.hpp"
#include "execution/operator/physical_values.hpp"
#include "execution/operator/physical_window.hpp"
#include "kanto/error.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

namespace {

// Rewrites column refs to positions in `bindings`, and lowers subquery plans (once).
void Resolve(BoundExpr& e, const std::vector<ColumnBinding>& bindings) {
  CheckStackDepth();
  if (e.kind == BoundExprKind::kSubquery && e.subquery && !e.subquery->physical) {
    e.subquery->physical = std::shared_ptr<PhysicalOperator>(CreatePhysicalPlan(*e.subquery->logical).release());
  }
  if (e.kind == BoundExprKind::kColumnRef) {
    auto it = std::find(bindings.begin(), bindings.end(), e.binding);
    if (it == bindings.end()) {
      throw Error(sqlstate::kInternalError, "column " + e.name + " not found in plan input");
    }
    e.index = static_cast<uint32_t>(it - bindings.begin());
  }
  for (auto& c : e.children) Resolve(*c, bindings);
  if (e.filter) Resolve(*e.filter, bindings);
}

BoundExprPtr ResolveCopy(const BoundExprPtr& e, const std::vector<ColumnBinding>& bindings) {
  if (!e) return nullptr;
  auto copy = e->Copy();
  Resolve(*copy, bindings);
  return copy;
}

// A written table's CHECK constraints, for the operator that writes it.
std::vector<access::BoundCheck> TableChecks(const LogicalModify& m) {
  std::vector<access::BoundCheck> out;
  for (auto& [name, e] : m.checks) out.push_back(access::BoundCheck{name, e->Copy()});
  return out;
}

// What the referential actions of a statement writing m.table may write (null: the table has no
// foreign keys and is referenced by none).
std::shared_ptr<const access::CascadeTables> Cascades(const LogicalModify& m) {
  if (!m.referential) return nullptr;
  auto cascades = std::make_shared<access::CascadeTables>();
  for (auto& [id, target] : m.cascade_targets) {
    access::CascadeTable& t = (*cascades)[id];
    for (auto& [name, e] : target.checks) t.checks.push_back(access::BoundCheck{name, e->Copy()});
    for (auto& e : target.defaults) t.defaults.push_back(e ? e->Copy() : nullptr);
  }
  return cascades;
}

BoundExprPtr Conjunction(std::vector<BoundExprPtr> preds) {
  if (preds.empty()) return nullptr;
  if (preds.size() == 1) return std::move(preds[0]);
  auto out = std::make_unique<BoundExpr>(BoundExprKind::kAnd, LogicalType(TypeId::kBool));
  out->children = std::move(preds);
  return out;
}

bool OnlyTables(const BoundExpr& e, const std::vector<ColumnBinding>& bindings) {
  std::vector<uint32_t> tables;
  CollectTables(e, &tables);
  if (tables.empty()) return false;
  for (uint32_t t : tables) {
    bool found = false;
    for (const auto& b : bindings) found = found || b.table == t;
    if (!found) return false;
  }
  return true;
}

PhysicalOperatorPtr Plan(LogicalOperator& op);

// Key equality is value equality for these types (their key encodings are exact and `=` compares
// the values as stored).
bool ExactKeyType(const LogicalType& t) {
  switch (t.id) {
    case TypeId::kBool: case TypeId::kText: case TypeId::kDate: case TypeId::kTimestamp:
    case TypeId::kTimestampTz: case TypeId::kUuid:
      return true;
    default:
      return t.IsInteger();
  }
}

// Whether `f` (over the scan's output columns) is `key column i = index_eq[i]` of a point read, with
// both sides of one exactly keyed type: the row the point read finds satisfies it.
bool PointReadEquality(const PhysicalTableScan& scan, const BoundExpr& f) {
  if (f.kind != BoundExprKind::kFunction || !f.function || f.function->name != "=" || f.children.size() != 2) {
    return false;
  }
  for (int side = 0; side < 2; side++) {
    const BoundExpr& col = *f.children[side];
    const BoundExpr& value = *f.children[1 - side];
    if (col.kind != BoundExprKind::kColumnRef || col.type != value.type || !ExactKeyType(col.type)) continue;
    uint32_t table_column = scan.column_ids.empty() ? col.index : scan.column_ids.at(col.index);
    for (size_t i = 0; i < scan.index->columns.size() && i < scan.index_eq.size(); i++) {
      if (scan.index->columns[i] == table_column && scan.index_eq[i]->type == value.type &&
          scan.index_eq[i]->ToString() == value.ToString()) {
        return true;
      }
    }
  }
  return false;
}

PhysicalOperatorPtr PlanGet(LogicalGet& get) {
  auto bindings = get.GetColumnBindings();
  auto scan = std::make_unique<PhysicalTableScan>(get.GetTypes(), get.table, get.alias);
  scan->emit_row_key = get.emit_row_key;
  scan->column_ids = get.column_ids;
  scan->index = get.index;
  if (get.sample) {  // (ResolveCopy plans the subqueries a percentage or seed may hold)
    scan->sample = std::make_unique<TableSample>();
    scan->sample->method = get.sample->method;
    scan->sample->fraction = ResolveCopy(get.sample->fraction, {});
    scan->sample->seed = ResolveCopy(get.sample->seed, {});
  }
  if (get.index && std::find(get.index->columns.begin(), get.index->columns.end(), IndexEntry::kExpression) ==
                       get.index->columns.end()) {
    scan->index_key_types = access::IndexKeyTypes(*get.table, *get.index);  // (once, not per execution)
  }
  for (auto& e : get.index_eq) scan->index_eq.push_back(ResolveCopy(e, {}));
  std::vector<BoundExprPtr> filters;
  for (auto& f : get.filters) filters.push_back(ResolveCopy(f, bindings));
  // The equalities a point read looks its row up by need not be evaluated again on that row (the
  // index selection keeps every predicate as a filter; this was 4% of a prepared point select).
  if (scan->PointRead()) {
    std::erase_if(filters, [&](const BoundExprPtr& f) { return PointReadEquality(*scan, *f); });
  }
  scan->filter = Conjunction(std::move(filters));
  scan->index_lower = ResolveCopy(get.index_lower, {});
  scan->index_upper = ResolveCopy(get.index_upper, {});
  scan->lower_inclusive = get.lower_inclusive;
  scan->upper_inclusive = get.upper_inclusive;
  scan->estimated_rows = get.estimated_rows;
  return scan;
}

// Index nested loop join: the right input is a table with an index whose leading columns are
// equated to left expressions, and the left side is small next to it.
PhysicalOperatorPtr TryIndexJoin(LogicalJoin& join) {
  if (join.join_type != JoinType::kInner && join.join_type != JoinType::kLeft && join.join_type != JoinType::kSemi &&
      join.join_type != JoinType::kAnti) {
    return nullptr;
  }
  if (join.children[1]->type != LogicalOpType::kGet) return nullptr;
  auto& get = static_cast<LogicalGet&>(*join.children[1]);
  if (get.index || get.emit_row_key || get.sample) return nullptr;
  // The lookups pass their keys as outer references: the scan must not use any of its own.
  for (const auto& f : get.filters) {
    if (ContainsOuterRef(*f)) return nullptr;
  }
  double left_rows = join.children[0]->estimated_rows;
  double table_rows = get.estimated_rows;
  for (const auto& f : get.filters) table_rows /= std::max(0.01, Selectivity(*f));
  if (left_rows * 8 >= table_rows) return nullptr;
  auto left_bindings = join.children[0]->GetColumnBindings();
  std::vector<const BoundExpr*> values;
  const IndexEntry* best = MatchJoinIndex(get, join.conditions, left_bindings, &values);
  if (!best) return nullptr;
  std::vector<BoundExprPtr> left_keys;
  get.index = best;
  for (size_t i = 0; i < values.size(); i++) {
    const BoundExpr& value = *values[i];
    auto ref = std::make_unique<BoundExpr>(BoundExprKind::kOuterRef, value.type);
    ref->param = static_cast<uint32_t>(i);
    ref->name = value.ToString();
    get.index_eq.push_back(std::move(ref));
    left_keys.push_back(ResolveCopy(value.Copy(), left_bindings));
  }
  auto right = PlanGet(get);
  right->estimated_rows = std::max(1.0, get.estimated_rows / std::max(1.0, left_rows));
  get.index = nullptr;
  get.index_eq.clear();
  auto all = join.children[0]->GetColumnBindings();
  auto right_bindings = join.children[1]->GetColumnBindings();
  all.insert(all.end(), right_bindings.begin(), right_bindings.end());
  std::vector<BoundExprPtr> residual;
  for (auto& cond : join.conditions) residual.push_back(ResolveCopy(cond, all));
  auto out = std::make_unique<PhysicalIndexJoin>(join.GetTypes(), join.join_type, std::move(left_keys),
                                                 Conjunction(std::move(residual)));
  out->children.push_back(Plan(*join.children[0]));
  out->children.push_back(std::move(right));
  return out;
}

// LATERAL: the right side runs once per left row with the lateral values as outer references.
PhysicalOperatorPtr PlanLateralJoin(LogicalJoin& join) {
  auto left_bindings = join.children[0]->GetColumnBindings();
  std::vector<BoundExprPtr> params;
  for (auto& p : join.lateral_params) params.push_back(ResolveCopy(p, left_bindings));
  if (join.join_type == JoinType::kInner && join.conditions.empty()) {  // the right rows stream out
    auto out = std::make_unique<PhysicalLateralJoin>(join.GetTypes(), std::move(params), join.project_set);
    out->children.push_back(Plan(*join.children[0]));
    out->children.push_back(Plan(*join.children[1]));
    return out;
  }
  auto all = join.GetColumnBindings();
  std::vector<BoundExprPtr> residual;
  for (auto& cond : join.conditions) residual.push_back(ResolveCopy(cond, all));
  auto out = std::make_unique<PhysicalIndexJoin>(join.GetTypes(), join.join_type, std::move(params),
                                                 Conjunction(std::move(residual)), /*null_keys_match_nothing=*/false);
  out->children.push_back(Plan(*join.children[0]));
  out->children.push_back(Plan(*join.children[1]));
  return out;
}

PhysicalOperatorPtr PlanJoin(LogicalJoin& join) {
  if (!join.lateral_params.empty()) return PlanLateralJoin(join);
  if (auto index_join = TryIndexJoin(join)) return index_join;
  auto left_bindings = join.children[0]->GetColumnBindings();
  auto right_bindings = join.children[1]->GetColumnBindings();
  auto all = join.GetColumnBindings();
  if (join.join_type == JoinType::kSemi || join.join_type == JoinType::kAnti) {
    all = left_bindings;
    all.insert(all.end(), right_bindings.begin(), right_bindings.end());
  }
  auto left = Plan(*join.children[0]);
  auto right = Plan(*join.children[1]);
  std::vector<BoundExprPtr> left_keys, right_keys, residual;
  for (auto& cond : join.conditions) {
    bool equi = cond->kind == BoundExprKind::kFunction && cond->function->name == "=" && cond->children.size() == 2 &&
                cond->children[0]->type.id == cond->children[1]->type.id;
    if (equi) {
      const BoundExpr& a = *cond->children[0];
      const BoundExpr& b = *cond->children[1];
      if (OnlyTables(a, left_bindings) && OnlyTables(b, right_bindings)) {
        left_keys.push_back(ResolveCopy(cond->children[0], left_bindings));
        right_keys.push_back(ResolveCopy(cond->children[1], right_bindings));
        continue;
      }
      if (OnlyTables(b, left_bindings) && OnlyTables(a, right_bindings)) {
        left_keys.push_back(ResolveCopy(cond->children[1], left_bindings));
        right_keys.push_back(ResolveCopy(cond->children[0], right_bindings));
        continue;
      }
    }
    residual.push_back(ResolveCopy(cond, all));
  }
  PhysicalOperatorPtr out;
  if (!left_keys.empty()) {
    out = std::make_unique<PhysicalHashJoin>(join.GetTypes(), join.join_type, std::move(left_keys),
                                             std::move(right_keys), Conjunction(std::move(residual)));
  } else {
    out = std::make_unique<PhysicalNestedLoopJoin>(join.GetTypes(), join.join_type, Conjunction(std::move(residual)));
  }
  out->children.push_back(std::move(left));
  out->children.push_back(std::move(right));
  return out;
}

PhysicalOperatorPtr PlanOperator(LogicalOperator& op);

// Lowers one operator (and its inputs), carrying the optimizer's row estimate.
PhysicalOperatorPtr Plan(LogicalOperator& op) {
  CheckStackDepth();
  PhysicalOperatorPtr out = PlanOperator(op);
  out->estimated_rows = op.estimated_rows;
  return out;
}

PhysicalOperatorPtr PlanOperator(LogicalOperator& op) {
  switch (op.type) {
    case LogicalOpType::kGet:
      return PlanGet(static_cast<LogicalGet&>(op));
    case LogicalOpType::kFilter: {
      auto& f = static_cast<LogicalFilter&>(op);
      auto bindings = op.children[0]->GetColumnBindings();
      std::vector<BoundExprPtr> preds;
      for (auto& e : f.expressions) preds.push_back(ResolveCopy(e, bindings));
      auto out = std::make_unique<PhysicalFilter>(op.GetTypes(), Conjunction(std::move(preds)));
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kProjection: {
      auto& p = static_cast<LogicalProjection&>(op);
      auto bindings = op.children[0]->GetColumnBindings();
      std::vector<BoundExprPtr> exprs;
      for (auto& e : p.expressions) exprs.push_back(ResolveCopy(e, bindings));
      auto out = std::make_unique<PhysicalProjection>(op.GetTypes(), std::move(exprs));
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kAggregate: {
      auto& a = static_cast<LogicalAggregate&>(op);
      auto bindings = op.children[0]->GetColumnBindings();
      std::vector<BoundExprPtr> groups, aggs;
      for (auto& e : a.groups) groups.push_back(ResolveCopy(e, bindings));
      for (auto& e : a.aggregates) aggs.push_back(ResolveCopy(e, bindings));
      // GROUPING(...) arguments as group indexes.
      std::vector<std::vector<uint32_t>> grouping_args(a.aggregates.size());
      for (size_t i = 0; i < a.aggregates.size(); i++) {
        if (a.aggregates[i]->aggregate) continue;
        for (const auto& arg : a.aggregates[i]->children) {
          for (uint32_t g = 0; g < a.groups.size(); g++) {
            if (a.groups[g]->Equals(*arg)) {
              grouping_args[i].push_back(g);
              break;
            }
          }
        }
      }
      auto out = std::make_unique<PhysicalHashAggregate>(op.GetTypes(), std::move(groups), std::move(aggs),
                                                         a.grouping_sets, std::move(grouping_args));
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kRecursiveCte: {
      auto& r = static_cast<LogicalRecursiveCte&>(op);
      auto out = std::make_unique<PhysicalRecursiveCte>(r.types, r.cte_id, r.name, r.union_all);
      out->children.push_back(Plan(*op.children[0]));
      out->children.push_back(Plan(*op.children[1]));
      out->estimated_rows = out->children[0]->estimated_rows * 10;
      return out;
    }
    case LogicalOpType::kCteScan: {
      auto& c = static_cast<LogicalCteScan&>(op);
      auto out = std::make_unique<PhysicalCteScan>(c.types, c.cte_id, c.name);
      out->estimated_rows = 100;
      return out;
    }
    case LogicalOpType::kWindow: {
      auto& w = static_cast<LogicalWindow&>(op);
      auto bindings = op.children[0]->GetColumnBindings();
      std::vector<BoundExprPtr> windows;
      for (auto& e : w.windows) windows.push_back(ResolveCopy(e, bindings));
      auto out = std::make_unique<PhysicalWindow>(op.GetTypes(), std::move(windows));
      out->children.push_back(Plan(*op.children[0]));
      out->estimated_rows = out->children[0]->estimated_rows;
      return out;
    }
    case LogicalOpType::kJoin:
      return PlanJoin(static_cast<LogicalJoin&>(op));
    case LogicalOpType::kOrder: {
      auto& o = static_cast<LogicalOrder&>(op);
      auto bindings = op.children[0]->GetColumnBindings();
      std::vector<SortKey> keys;
      for (auto& k : o.keys) {
        SortKey key;
        key.expr = ResolveCopy(k.expr, bindings);
        key.descending = k.descending;
        key.nulls_first = k.nulls_first;
        keys.push_back(std::move(key));
      }
      auto out = std::make_unique<PhysicalSort>(op.GetTypes(), std::move(keys));
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kLockRows: {
      auto& l = static_cast<LogicalLockRows&>(op);
      auto child_bindings = op.children[0]->GetColumnBindings();
      std::vector<PhysicalLockRows::Target> targets;
      for (const auto& t : l.targets) {
        targets.push_back({ResolveCopy(t.key, child_bindings)->index, t.relation, t.table, t.strength, t.wait});
      }
      auto out = std::make_unique<PhysicalLockRows>(op.GetTypes(), std::move(targets), l.row_at_a_time);
      out->estimated_rows = op.estimated_rows;
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kLimit: {
      auto& l = static_cast<LogicalLimit&>(op);
      std::vector<uint32_t> tie_columns;
      auto child_bindings = op.children[0]->GetColumnBindings();
      for (const auto& t : l.ties) tie_columns.push_back(ResolveCopy(t, child_bindings)->index);
      auto out = std::make_unique<PhysicalLimit>(op.GetTypes(), ResolveCopy(l.limit, {}), ResolveCopy(l.offset, {}),
                                                 std::move(tie_columns));
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kDistinct: {
      auto out = std::make_unique<PhysicalHashDistinct>(op.GetTypes(), static_cast<LogicalDistinct&>(op).on_columns);
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kValues: {
      auto& v = static_cast<LogicalValues&>(op);
      std::vector<std::vector<BoundExprPtr>> rows;
      for (auto& r : v.rows) {
        std::vector<BoundExprPtr> row;
        for (auto& e : r) row.push_back(ResolveCopy(e, {}));
        rows.push_back(std::move(row));
      }
      auto out = std::make_unique<PhysicalValues>(v.types, std::move(rows));
      out->estimated_rows = static_cast<double>(v.rows.size());
      return out;
    }
    case LogicalOpType::kTableFunction: {
      auto& f = static_cast<LogicalTableFunction&>(op);
      std::vector<BoundExprPtr> args;
      for (auto& a : f.args) args.push_back(ResolveCopy(a, {}));
      if (f.name == "unnest") return std::make_unique<PhysicalUnnest>(f.types, std::move(args), f.ordinality);
      if (f.name == "regexp_matches") {
        return std::make_unique<PhysicalRegexpMatches>(f.types, std::move(args), f.ordinality);
      }
      return std::make_unique<PhysicalGenerateSeries>(f.types, std::move(args), f.ordinality);
    }
    case LogicalOpType::kSetOperation: {
      auto& s = static_cast<LogicalSetOperation&>(op);
      auto out = std::make_unique<PhysicalSetOperation>(s.types, s.kind, s.all);
      for (auto& child : op.children) out->children.push_back(Plan(*child));
      return out;
    }
    case LogicalOpType::kInsert:
    case LogicalOpType::kUpdate:
    case LogicalOpType::kDelete: {
      auto& m = static_cast<LogicalModify&>(op);
      auto kind = op.type == LogicalOpType::kInsert   ? PhysicalModify::Kind::kInsert
                  : op.type == LogicalOpType::kUpdate ? PhysicalModify::Kind::kUpdate
                                                      : PhysicalModify::Kind::kDelete;
      auto out = std::make_unique<PhysicalModify>(kind, op.GetTypes(), m.table);
      auto child_bindings = op.children[0]->GetColumnBindings();
      for (auto& e : m.set) out->set.push_back(e ? ResolveCopy(e, child_bindings) : nullptr);
      if (m.recheck) out->recheck = ResolveCopy(m.recheck, child_bindings);
      out->once_per_row = op.type == LogicalOpType::kUpdate && op.children[0]->type == LogicalOpType::kProjection;
      out->on_conflict = m.on_conflict;
      out->arbiter_indexes = m.arbiter_indexes;
      if (m.on_conflict == LogicalModify::OnConflict::kUpdate) {
        std::vector<ColumnBinding> pair_bindings;
        for (uint32_t i = 0; i < m.table->columns.size(); i++) pair_bindings.push_back({m.conflict_index, i});
        for (uint32_t i = 0; i < m.table->columns.size(); i++) pair_bindings.push_back({m.excluded_index, i});
        for (auto& e : m.conflict_set) out->conflict_set.push_back(e ? ResolveCopy(e, pair_bindings) : nullptr);
        if (m.conflict_where) out->conflict_where = ResolveCopy(m.conflict_where, pair_bindings);
      }
      std::vector<ColumnBinding> row_bindings;
      for (uint32_t i = 0; i < m.table->columns.size(); i++) row_bindings.push_back({m.returning_index, i});
      // UPDATE ... FROM / DELETE ... USING: RETURNING reads the other tables' columns of the input row too.
      for (auto& e : m.returning) {
        std::vector<uint32_t> tables;
        CollectTables(*e, &tables);
        for (uint32_t t : tables) out->returning_input = out->returning_input || t != m.returning_index;
      }
      if (out->returning_input) row_bindings.insert(row_bindings.end(), child_bindings.begin(), child_bindings.end());
      for (auto& e : m.returning) out->returning.push_back(ResolveCopy(e, row_bindings));
      out->checks = TableChecks(m);
      out->cascades = Cascades(m);
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
    case LogicalOpType::kMerge: {
      auto& m = static_cast<LogicalModify&>(op);
      auto out = std::make_unique<PhysicalMerge>(m.table);
      auto child_bindings = op.children[0]->GetColumnBindings();
      for (auto& a : m.merge_actions) {
        PhysicalMerge::Action action;
        action.matched = a.matched;
        action.kind = a.kind;
        if (a.condition) action.condition = ResolveCopy(a.condition, child_bindings);
        for (auto& e : a.values) action.values.push_back(e ? ResolveCopy(e, child_bindings) : nullptr);
        out->actions.push_back(std::move(action));
      }
      if (m.recheck) out->recheck = ResolveCopy(m.recheck, child_bindings);
      out->checks = TableChecks(m);
      out->cascades = Cascades(m);
      out->children.push_back(Plan(*op.children[0]));
      return out;
    }
  }
  throw Error(sqlstate::kInternalError, "cannot plan operator");
}

void Explain(const PhysicalOperator& op, const OperatorState* state, const ExplainOptions& options, int depth,
             std::vector<std::string>* out) {
  std::string indent = depth == 0 ? "" : std::string(depth * 6 - 6, ' ') + "  ->  ";
  std::string line = indent + op.Name();
  char buf[128];
  if (options.costs) {
    snprintf(buf, sizeof(buf), "  (rows=%.0f)", op.estimated_rows);
    line += buf;
  }
  if (state) {
    if (options.timing) {
      uint64_t startup = state->rows_out ? state->startup_nanos : state->nanos;
      snprintf(buf, sizeof(buf), " (actual time=%.3f..%.3f rows=%llu loops=1)", startup / 1e6, state->nanos / 1e6,
               static_cast<unsigned long long>(state->rows_out));
    } else {
      snprintf(buf, sizeof(buf), " (actual rows=%llu loops=1)", static_cast<unsigned long long>(state->rows_out));
    }
    line += buf;
  }
  out->push_back(line);
  std::string detail_indent = depth == 0 ? "  " : std::string(depth * 6, ' ');
  for (const auto& d : op.Details()) out->push_back(detail_indent + d);
  size_t shown = IsProjectSet(op) ? 1 : op.children.size();
  for (size_t i = 0; i < shown; i++) {
    Explain(*op.children[i], state && i < state->children.size() ? state->children[i].get() : nullptr, options, depth + 1,
            out);
  }
}

}  // namespace

PhysicalOperatorPtr CreatePhysicalPlan(LogicalOperator& plan) { return Plan(plan); }

bool AtMostOneRow(const PhysicalOperator& plan) {
  // (A projection yields one row per input row: set-returning calls are lateral joins.)
  if (dynamic_cast<const PhysicalProjection*>(&plan) || dynamic_cast<const PhysicalFilter*>(&plan)) {
    return plan.children.size() == 1 && AtMostOneRow(*plan.children[0]);
  }
  const auto* scan = dynamic_cast<const PhysicalTableScan*>(&plan);
  return scan && scan->PointRead();
}

WriteConstraints LowerWriteConstraints(const LogicalModify& op) { return {TableChecks(op), Cascades(op)}; }

std::vector<std::string> ExplainPlan(const PhysicalOperator& plan, const OperatorState* state,
                                     const ExplainOptions& options) {
  std::vector<std::string> out;
  Explain(plan, state, options, 0, &out);
  return out;
}

}  // namespace kanto
