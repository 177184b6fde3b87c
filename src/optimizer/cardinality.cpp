// Row estimates, bottom-up: table sizes from Statistics, filters by heuristic selectivities,
// equi-joins as the larger input (a key/foreign-key guess), groups as a tenth of the input.
#include <algorithm>

#include "common/stack_depth.hpp"
#include "optimizer/optimizer.hpp"

namespace kanto {

namespace {
constexpr double kDefaultTableRows = 1000;

bool IsColumnVsConstant(const BoundExpr& e) {
  if (e.children.size() != 2) return false;
  auto is_col = [](const BoundExpr& x) { return x.kind == BoundExprKind::kColumnRef; };
  return (is_col(*e.children[0]) && !is_col(*e.children[1])) || (is_col(*e.children[1]) && !is_col(*e.children[0]));
}

// True when `get` reads one row at most: equality on every column of a unique index.
bool IsUniqueLookup(const LogicalGet& get) {
  return get.index && (get.index->unique || get.index->primary) && get.index_eq.size() == get.index->columns.size() &&
         !get.index_lower && !get.index_upper;
}
}  // namespace

double Selectivity(const BoundExpr& e) {
  CheckStackDepth();
  switch (e.kind) {
    case BoundExprKind::kAnd: {
      double s = 1;
      for (const auto& c : e.children) s *= Selectivity(*c);
      return s;
    }
    case BoundExprKind::kOr: {
      double keep_none = 1;
      for (const auto& c : e.children) keep_none *= 1 - Selectivity(*c);
      return 1 - keep_none;
    }
    case BoundExprKind::kNot: return 1 - Selectivity(*e.children[0]);
    case BoundExprKind::kIsNull: return 0.05;
    case BoundExprKind::kIsNotNull: return 0.95;
    case BoundExprKind::kInList: return std::min(0.5, 0.1 * static_cast<double>(e.children.size() - 1));
    case BoundExprKind::kConstant:
      if (e.value.is_null()) return 0;
      return e.value.type().id == TypeId::kBool && e.value.int_value() == 0 ? 0 : 1;
    case BoundExprKind::kFunction: {
      const std::string& op = e.function->name;
      if (op == "=") return IsColumnVsConstant(e) ? 0.1 : 0.05;
      if (op == "<>") return 0.9;
      if (op == "<" || op == "<=" || op == ">" || op == ">=") return 0.33;
      if (op == "~~" || op == "~~*") return 0.1;
      return 0.5;
    }
    default: return 0.5;
  }
}

void EstimateCardinality(LogicalOperator& op, const Statistics* stats) {
  CheckStackDepth();
  for (auto& c : op.children) EstimateCardinality(*c, stats);
  auto child = [&](size_t i) { return std::max(1.0, op.children[i]->estimated_rows); };
  double rows = op.children.empty() ? op.estimated_rows : child(0);
  switch (op.type) {
    case LogicalOpType::kGet: {
      auto& get = static_cast<LogicalGet&>(op);
      rows = stats ? stats->TableRows(*get.table) : kDefaultTableRows;
      for (const auto& f : get.filters) rows *= Selectivity(*f);
      if (get.sample) {
        const BoundExpr& percent = *get.sample->fraction->children[0];
        double p = percent.kind == BoundExprKind::kConstant && !percent.value.is_null() ? percent.value.double_value() : 10;
        rows *= std::clamp(p, 0.0, 100.0) / 100;
      }
      if (IsUniqueLookup(get)) rows = std::min(rows, 1.0);
      break;
    }
    case LogicalOpType::kFilter:
      for (const auto& f : static_cast<LogicalFilter&>(op).expressions) rows *= Selectivity(*f);
      break;
    case LogicalOpType::kJoin: {
      auto& join = static_cast<LogicalJoin&>(op);
      double l = child(0), r = child(1);
      bool equi = false;
      double residual = 1;
      for (const auto& c : join.conditions) {
        if (c->kind == BoundExprKind::kFunction && c->function->name == "=" && !IsColumnVsConstant(*c) && !equi) {
          equi = true;
        } else {
          residual *= Selectivity(*c);
        }
      }
      double inner = (equi ? std::max(l, r) : l * r) * residual;
      switch (join.join_type) {
        case JoinType::kInner: rows = inner; break;
        case JoinType::kLeft: rows = std::max(l, inner); break;
        case JoinType::kRight: rows = std::max(r, inner); break;
        case JoinType::kFull: rows = std::max(l + r, inner); break;
        case JoinType::kSemi: rows = l * 0.5; break;
        case JoinType::kAnti: rows = l * 0.5; break;
      }
      break;
    }
    case LogicalOpType::kAggregate:
      rows = static_cast<LogicalAggregate&>(op).groups.empty() ? 1 : std::max(1.0, rows / 10);
      break;
    case LogicalOpType::kDistinct: rows = std::max(1.0, rows / 2); break;
    case LogicalOpType::kLimit: {
      auto& limit = static_cast<LogicalLimit&>(op);
      if (limit.limit && limit.limit->IsConstant() && !limit.limit->value.is_null()) {
        rows = std::min(rows, static_cast<double>(std::max<int64_t>(0, limit.limit->value.int_value())));
      }
      break;
    }
    case LogicalOpType::kSetOperation:
      rows = 0;
      for (size_t i = 0; i < op.children.size(); i++) rows += child(i);
      break;
    case LogicalOpType::kRecursiveCte: rows = child(0) * 10; break;
    case LogicalOpType::kValues:
      rows = static_cast<double>(static_cast<LogicalValues&>(op).rows.size());
      break;
    case LogicalOpType::kCteScan:
    case LogicalOpType::kTableFunction:
      rows = op.estimated_rows;
      break;
    default: break;
  }
  op.estimated_rows = std::max(rows, op.type == LogicalOpType::kValues ? 0.0 : 1.0);
}

}  // namespace kanto
