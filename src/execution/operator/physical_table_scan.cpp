#include "execution/operator/physical_table_scan.hpp"

#include "access/index_keys.hpp"
#include "access/row_key.hpp"
#include "access/table_reader.hpp"
#include "catalog/index_definition.hpp"
#include "execution/expression_executor.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {
class ScanState : public OperatorState {
 public:
  std::unique_ptr<access::TableScan> scan;
  bool done = false;
  bool started = false;
};
}  // namespace

std::string PhysicalTableScan::Name() const {
  std::string target = " on " + table_->name + (alias_ != table_->name ? " " + alias_ : "");
  if (!index) return "Seq Scan" + target;
  if (index->primary) return "Index Scan using " + index->name + target;
  return "Index Scan using " + index->name + target;
}

std::vector<std::string> PhysicalTableScan::Details() const {
  std::vector<std::string> out;
  if (index) {
    std::string cond;
    std::vector<std::string> names = IndexKeyNames(*table_, *index, /*bare=*/true);
    size_t i = 0;
    for (; i < index_eq.size(); i++) {
      if (!cond.empty()) cond += " AND ";
      cond += "(" + names[i] + " = " + index_eq[i]->ToString() + ")";
    }
    if (i < index->columns.size()) {
      const std::string& col = names[i];
      if (index_lower) {
        if (!cond.empty()) cond += " AND ";
        cond += "(" + col + (lower_inclusive ? " >= " : " > ") + index_lower->ToString() + ")";
      }
      if (index_upper) {
        if (!cond.empty()) cond += " AND ";
        cond += "(" + col + (upper_inclusive ? " <= " : " < ") + index_upper->ToString() + ")";
      }
    }
    out.push_back("Index Cond: " + cond);
  }
  if (filter) out.push_back("Filter: " + filter->ToString());
  return out;
}

std::unique_ptr<OperatorState> PhysicalTableScan::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<ScanState>();
}


bool PhysicalTableScan::KeyRange(ExecutionContext& ctx, std::string* lower, std::string* upper) const {
  uint32_t index_id = index ? index->id : table_->row_index_id();
  std::string prefix = access::TablePrefix(table_->id, index_id);
  std::vector<LogicalType> computed;
  if (index && index_key_types.empty()) computed = access::IndexKeyTypes(*table_, *index);
  const std::vector<LogicalType>& key_types = index_key_types.empty() ? computed : index_key_types;
  for (size_t i = 0; i < index_eq.size(); i++) {
    Value v;
    const LogicalType& col = key_types[i];
    if (!access::ConvertKeyValue(ExpressionExecutor::EvaluateScalar(*index_eq[i], ctx), col, ctx.fn, &v)) return false;
    prefix = access::AppendKeyValue(std::move(prefix), v, index->descending[i]);
  }
  if (PointRead()) {  // (TableScan reads the one key: no upper bound needed)
    *lower = std::move(prefix);
    return true;
  }
  *lower = prefix;
  *upper = access::KeySuccessor(prefix);
  if (!index || index_eq.size() >= index->columns.size()) return true;
  const LogicalType& col = key_types[index_eq.size()];
  auto bound_key = [&](const BoundExpr& e, std::string* key) {
    Value raw = ExpressionExecutor::EvaluateScalar(e, ctx);
    if (raw.is_null()) return false;
    Value v;
    if (!access::ConvertKeyValue(raw, col, ctx.fn, &v)) {
      // Integer bound outside the column's range: clamp to the column's extreme.
      bool above = raw.int_value() > 0;
      int64_t lim = col.id == TypeId::kInt2 ? (above ? INT16_MAX : INT16_MIN)
                    : col.id == TypeId::kInt4 ? (above ? INT32_MAX : INT32_MIN)
                                              : (above ? INT64_MAX : INT64_MIN);
      v = Value::FromInt(col, lim);
    }
    *key = access::AppendKeyValue(prefix, v, false);
    return true;
  };
  std::string k;
  if (index_lower) {
    if (!bound_key(*index_lower, &k)) return false;
    *lower = lower_inclusive ? k : access::KeySuccessor(k);
  }
  if (index_upper) {
    if (!bound_key(*index_upper, &k)) return false;
    *upper = upper_inclusive ? access::KeySuccessor(k) : k;
  }
  return *lower < *upper;
}

bool PhysicalTableScan::Next(ExecutionContext& ctx, OperatorState& state_base, DataChunk& out) const {
  auto& state = static_cast<ScanState&>(state_base);
  if (state.done) return false;
  if (!state.started) {
    state.started = true;
    std::string lower, upper;
    if (!KeyRange(ctx, &lower, &upper)) {
      state.done = true;
      return false;
    }
    // Only the columns the query uses are decoded (column_ids, from the optimizer's pruning).
    state.scan = std::make_unique<access::TableScan>(*ctx.txn, *table_, index, std::move(lower), std::move(upper),
                                                     column_ids, /*newest=*/false, PointRead());
  }
  while (true) {
    ctx.CheckCancel();
    DataChunk rows(state.scan->output_types());
    std::vector<std::string> keys;
    state.scan->Next(&rows, emit_row_key ? &keys : nullptr, ctx.batch_rows);
    if (rows.size() == 0) {
      state.done = true;
      return false;
    }
    if (emit_row_key) {
      Vector key_col{LogicalType(TypeId::kBytea)};
      key_col.Resize(keys.size());
      for (size_t i = 0; i < keys.size(); i++) {
        key_col.SetNull(i, false);
        key_col.strings()[i] = std::move(keys[i]);
      }
      rows.columns().push_back(std::move(key_col));
    }
    if (filter) {
      auto sel = ExpressionExecutor::Select(*filter, ctx, rows);
      if (sel.size() != rows.size()) rows.Select(sel);
    }
    if (rows.size() == 0) continue;
    out = std::move(rows);
    return true;
  }
}

}  // namespace kanto
