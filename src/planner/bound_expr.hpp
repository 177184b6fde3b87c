// Bound expressions: names resolved, types known, functions chosen. Produced by the binder,
// rewritten by the optimizer, evaluated by the expression executor over DataChunks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "function/cast.hpp"
#include "function/function.hpp"
#include "types/value.hpp"

namespace kanto {

struct AggregateFunction;
class LogicalOperator;
struct SubqueryPlan;

// Identifies a column produced by a logical operator: (table index given out by the binder, column).
struct ColumnBinding {
  uint32_t table = 0;
  uint32_t column = 0;
  bool operator==(const ColumnBinding& o) const { return table == o.table && column == o.column; }
};

enum class BoundExprKind : uint8_t {
  kConstant,
  kColumnRef,
  kParam,
  kFunction,
  kCast,
  kCase,
  kAnd,
  kOr,
  kNot,
  kIsNull,
  kIsNotNull,
  kBooleanTest,
  kCoalesce,
  kNullIf,
  kGreatest,
  kLeast,
  kDistinctFrom,
  kInList,
  kAggregate,  // only inside LogicalAggregate's aggregate list
  kSubquery,
  kOuterRef,  // inside a correlated subquery: the outer row's value number `param`
  kWindow,    // only inside LogicalWindow's list: f(args) OVER (...)
};

// The shape of a window call. The expressions live in the BoundExpr's children, in this order:
// arguments, PARTITION BY keys, ORDER BY keys, then the frame start and end expressions when present
// (ROWS/GROUPS: the offset as bigint; RANGE: the boundary value, e.g. `key - offset`), then for
// RANGE offsets the key in the boundary's type.
struct BoundWindowSpec {
  enum class Mode : uint8_t { kRange, kRows, kGroups };
  enum class Bound : uint8_t { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };
  enum class Exclude : uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };
  uint32_t arg_count = 0;
  uint32_t partition_count = 0;
  std::vector<uint8_t> order_desc;
  std::vector<uint8_t> order_nulls_first;
  Mode mode = Mode::kRange;
  Bound start = Bound::kUnboundedPreceding;
  Bound end = Bound::kCurrentRow;
  Exclude exclude = Exclude::kNoOthers;
  bool has_start_expr = false;
  bool has_end_expr = false;
  // RANGE with offsets: one more child, the ORDER BY key converted to the boundary values' type
  // (date keys with interval offsets compare as timestamps).
  bool has_range_key = false;

  size_t order_count() const { return order_desc.size(); }
  size_t partition_begin() const { return arg_count; }
  size_t order_begin() const { return arg_count + partition_count; }
  size_t frame_begin() const { return order_begin() + order_count(); }
  size_t range_key() const { return frame_begin() + has_start_expr + has_end_expr; }
  bool operator==(const BoundWindowSpec&) const = default;
};

struct BoundExpr;
using BoundExprPtr = std::unique_ptr<BoundExpr>;

struct BoundExpr {
  BoundExprKind kind;
  LogicalType type;
  std::string alias;  // output name when used as a select-list item
  std::vector<BoundExprPtr> children;

  // kConstant
  Value value;
  // kColumnRef: the binding; `index` is the position in the input chunk, set when the physical
  // plan is built. `name` for EXPLAIN.
  ColumnBinding binding;
  uint32_t index = 0;
  std::string name;
  // kParam: 0-based parameter number
  uint32_t param = 0;
  // kFunction (also operators)
  const ScalarFunction* function = nullptr;
  // kCast
  CastContext cast_context = CastContext::kExplicit;
  // kBooleanTest: 0 IS TRUE, 1 IS NOT TRUE, 2 IS FALSE, 3 IS NOT FALSE, 4 IS UNKNOWN, 5 IS NOT UNKNOWN
  uint8_t test = 0;
  // kDistinctFrom: true for IS NOT DISTINCT FROM; kInList: true for NOT IN
  bool negated = false;
  // kCase: children are [when1, then1, when2, then2, ..., else]
  // kInList: children[0] is the probe, then the list (all already coerced to one type), plus
  // `function` = the "=" operator for that type.
  // kAggregate
  const AggregateFunction* aggregate = nullptr;
  bool distinct = false;
  BoundExprPtr filter;  // FILTER (WHERE ...)
  // kSubquery: children are the correlated outer expressions (evaluated in the outer row, passed
  // to the subquery as kOuterRef values), then for ANY/ALL the tested expression. `name` holds the
  // comparison operator for ANY/ALL.
  std::shared_ptr<SubqueryPlan> subquery;
  uint8_t subquery_type = 0;  // 0 scalar, 1 exists, 2 any, 3 all, 4 ARRAY(subquery)
  uint32_t outer_count = 0;
  // kWindow: `name` is the function, `aggregate` set for aggregates used as window functions.
  std::shared_ptr<const BoundWindowSpec> window;

  BoundExpr(BoundExprKind k, LogicalType t) : kind(k), type(t) {}
  ~BoundExpr();  // without recursion, however deep the tree
  BoundExpr(const BoundExpr&) = delete;
  BoundExpr& operator=(const BoundExpr&) = delete;

  BoundExprPtr Copy() const;
  bool Equals(const BoundExpr& other) const;
  // Readable form for EXPLAIN.
  std::string ToString() const;
  bool IsConstant() const { return kind == BoundExprKind::kConstant; }
  // True when the expression contains no column refs, params, volatile functions or subqueries.
  bool IsFoldable() const;
};

BoundExprPtr MakeConstant(Value v);
BoundExprPtr MakeColumnRef(ColumnBinding b, LogicalType t, std::string name);
BoundExprPtr MakeCast(BoundExprPtr child, LogicalType target, CastContext ctx);
BoundExprPtr MakeFunction(const ScalarFunction* fn, std::vector<BoundExprPtr> args, LogicalType type);

}  // namespace kanto
