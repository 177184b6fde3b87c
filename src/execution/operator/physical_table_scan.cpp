#include "execution/operator/physical_table_scan.hpp"

#include "execution/expression_executor.hpp"
#include "execution/table_io.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/key_encoding.hpp"
#include "storage/row_codec.hpp"

namespace kanto {

namespace {
class ScanState : public OperatorState {
 public:
  std::unique_ptr<storage::Iterator> it;
  bool done = false;
  bool started = false;
  // Decoding: table column i goes to output column out_pos[i] (-1: not read).
  std::vector<LogicalType> table_types;
  std::vector<std::string> missing;  // columns added later: what older rows read
  std::vector<int32_t> out_pos;
  std::vector<LogicalType> out_types;
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
    size_t i = 0;
    for (; i < index_eq.size(); i++) {
      if (!cond.empty()) cond += " AND ";
      cond += "(" + table_->columns[index->columns[i]].name + " = " + index_eq[i]->ToString() + ")";
    }
    if (i < index->columns.size()) {
      const std::string& col = table_->columns[index->columns[i]].name;
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

namespace {
// Converts a key value to the column's type so that its encoding matches stored keys.
// Returns false when the value cannot equal any value of the column (NULL, integer out of range).
bool KeyValue(const Value& v, const LogicalType& column, ExecutionContext& ctx, Value* out) {
  if (v.is_null()) return false;
  if (v.type().id == column.id) {
    *out = v;
    return true;
  }
  if (column.IsInteger() && v.type().IsInteger()) {
    int64_t x = v.int_value();
    int64_t lo = column.id == TypeId::kInt2 ? INT16_MIN : column.id == TypeId::kInt4 ? INT32_MIN : INT64_MIN;
    int64_t hi = column.id == TypeId::kInt2 ? INT16_MAX : column.id == TypeId::kInt4 ? INT32_MAX : INT64_MAX;
    if (x < lo || x > hi) return false;
    *out = Value::FromInt(column, x);
    return true;
  }
  *out = CastValue(v, column, CastContext::kImplicit, ctx.fn);
  return true;
}
}  // namespace

bool PhysicalTableScan::KeyRange(ExecutionContext& ctx, std::string* lower, std::string* upper) const {
  uint32_t index_id = index ? index->id : table_->row_index_id();
  storage::KeyWriter w;
  w.AppendObjectId(table_->id);
  w.AppendObjectId(index_id);
  for (size_t i = 0; i < index_eq.size(); i++) {
    Value v;
    const LogicalType& col = table_->columns[index->columns[i]].type;
    if (!KeyValue(ExpressionExecutor::EvaluateScalar(*index_eq[i], ctx), col, ctx, &v)) return false;
    w.AppendValue(v, index->descending[i]);
  }
  std::string prefix = w.Release();
  *lower = prefix;
  *upper = storage::PrefixSuccessor(prefix);
  if (!index || index_eq.size() >= index->columns.size()) return true;
  const LogicalType& col = table_->columns[index->columns[index_eq.size()]].type;
  auto bound_key = [&](const BoundExpr& e, std::string* key) {
    Value raw = ExpressionExecutor::EvaluateScalar(e, ctx);
    if (raw.is_null()) return false;
    Value v;
    if (!KeyValue(raw, col, ctx, &v)) {
      // Integer bound outside the column's range: clamp to the column's extreme.
      bool above = raw.int_value() > 0;
      int64_t lim = col.id == TypeId::kInt2 ? (above ? INT16_MAX : INT16_MIN)
                    : col.id == TypeId::kInt4 ? (above ? INT32_MAX : INT32_MIN)
                                              : (above ? INT64_MAX : INT64_MIN);
      v = Value::FromInt(col, lim);
    }
    storage::KeyWriter kw;
    kw.AppendValue(v, false);
    *key = prefix + kw.Release();
    return true;
  };
  std::string k;
  if (index_lower) {
    if (!bound_key(*index_lower, &k)) return false;
    *lower = lower_inclusive ? k : storage::PrefixSuccessor(k);
  }
  if (index_upper) {
    if (!bound_key(*index_upper, &k)) return false;
    *upper = upper_inclusive ? storage::PrefixSuccessor(k) : k;
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
    state.it = ctx.txn->Scan(lower, upper);
    // Only the columns the query uses are decoded (column_ids, from the optimizer's pruning).
    state.table_types = table_->column_types();
    state.missing = table_->missing_values();
    std::vector<uint32_t> ids = column_ids;
    if (ids.empty()) {  // all columns
      for (uint32_t i = 0; i < state.table_types.size(); i++) ids.push_back(i);
    }
    state.out_pos.assign(state.table_types.size(), -1);
    for (size_t i = 0; i < ids.size(); i++) {
      state.out_pos[ids[i]] = static_cast<int32_t>(i);
      state.out_types.push_back(state.table_types[ids[i]]);
    }
  }
  auto decode = [&](std::string_view value, DataChunk* rows) {
    storage::DecodeRowColumns(value, state.table_types, state.out_pos, rows, &state.missing);
  };
  bool secondary = index && !index->primary;
  std::string row_value;
  while (true) {
    ctx.CheckCancel();
    DataChunk rows(state.out_types);
    std::vector<std::string> keys;
    while (state.it->Valid() && rows.size() < kChunkSize) {
      if (secondary) {
        std::string row_key(state.it->value());
        if (!ctx.txn->Get(row_key, &row_value)) {
          throw Error(sqlstate::kDataCorrupted, "index \"" + index->name + "\" points to a missing row");
        }
        decode(row_value, &rows);
        if (emit_row_key) keys.push_back(std::move(row_key));
      } else {
        decode(state.it->value(), &rows);
        if (emit_row_key) keys.emplace_back(state.it->key());
      }
      state.it->Next();
    }
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
