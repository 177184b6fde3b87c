#include "execution/operator/physical_table_scan.hpp"

#include "access/index_keys.hpp"
#include "access/row_key.hpp"
#include "access/table_reader.hpp"
#include "catalog/index_definition.hpp"
#include "execution/expression_executor.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"

#include <cstring>
#include <random>

namespace kanto {

namespace {
// invalid_tablesample_repeat (PostgreSQL's name for it).
constexpr const char* kInvalidTablesampleRepeat = "2202G";

class ScanState : public OperatorState {
 public:
  std::unique_ptr<access::TableScan> scan;
  bool done = false;
  bool started = false;
  // TABLESAMPLE: a row (BERNOULLI) or block (SYSTEM) is kept when its hash under `seed` is below
  // `threshold`; keep_all for 100 percent. `rows_read` numbers SYSTEM's rows in key order.
  uint64_t seed = 0;
  uint64_t threshold = 0;
  bool keep_all = false;
  uint64_t rows_read = 0;
};

uint64_t Mix64(uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t HashKey(uint64_t seed, const std::string& key) {  // FNV-1a over the key, seeded and mixed
  uint64_t h = Mix64(seed) ^ 0xcbf29ce484222325ULL;
  for (unsigned char c : key) h = (h ^ c) * 0x100000001b3ULL;
  return Mix64(h);
}
}  // namespace

// TABLESAMPLE's parameters, evaluated once per scan as PostgreSQL does when the scan starts: the
// percentage (its checks are $tablesample_fraction's) and the seed (REPEATABLE, else random).
static void StartSample(const TableSample& sample, ExecutionContext& ctx, ScanState& state) {
  double fraction = ExpressionExecutor::EvaluateScalar(*sample.fraction, ctx).double_value();
  if (sample.seed) {
    Value seed = ExpressionExecutor::EvaluateScalar(*sample.seed, ctx);
    if (seed.is_null()) throw Error(kInvalidTablesampleRepeat, "TABLESAMPLE REPEATABLE parameter cannot be null");
    double d = seed.double_value();
    if (d == 0) d = 0;  // -0 and 0 are the same seed
    std::memcpy(&state.seed, &d, sizeof d);
  } else {
    thread_local std::mt19937_64 gen(std::random_device{}());
    state.seed = gen();
  }
  state.keep_all = fraction >= 1;
  state.threshold = state.keep_all ? 0 : static_cast<uint64_t>(fraction * 18446744073709551616.0);
}

// The rows of one batch the sample keeps. BERNOULLI decides each row by its key alone, so the same
// seed and data give the same sample whatever else the query does; SYSTEM decides each block.
static std::vector<uint32_t> SampleRows(const TableSample& sample, ScanState& state, const std::vector<std::string>& keys,
                                        size_t rows) {
  std::vector<uint32_t> sel;
  for (size_t i = 0; i < rows; i++) {
    bool keep;
    if (sample.method == SampleMethod::kBernoulli) {
      keep = HashKey(state.seed, keys[i]) < state.threshold;
    } else {
      keep = Mix64(state.seed ^ Mix64(state.rows_read / kSystemBlockRows)) < state.threshold;
    }
    state.rows_read++;
    if (keep || state.keep_all) sel.push_back(static_cast<uint32_t>(i));
  }
  return sel;
}

std::string PhysicalTableScan::Name() const {
  std::string target = " on " + table_->name + (alias_ != table_->name ? " " + alias_ : "");
  if (sample) return "Sample Scan" + target;
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
  if (sample) out.push_back("Sampling: " + sample->ToString());
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
    if (sample) StartSample(*sample, ctx, state);
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
    bool need_keys = emit_row_key || (sample && sample->method == SampleMethod::kBernoulli);
    state.scan->Next(&rows, need_keys ? &keys : nullptr, ctx.batch_rows);
    if (rows.size() == 0) {
      state.done = true;
      return false;
    }
    if (sample) {
      std::vector<uint32_t> sel = SampleRows(*sample, state, keys, rows.size());
      if (sel.size() != rows.size()) {
        rows.Select(sel);
        if (emit_row_key) {
          for (size_t i = 0; i < sel.size(); i++) keys[i] = std::move(keys[sel[i]]);
          keys.resize(sel.size());
        }
      }
      if (rows.size() == 0) continue;
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
