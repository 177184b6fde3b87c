#include "execution/operator/physical_modify.hpp"

#include "execution/expression_executor.hpp"
#include "execution/table_io.hpp"

namespace kanto {

namespace {
class ModifyState : public OperatorState {
 public:
  bool done = false;
  std::vector<DataChunk> returned;
  size_t next_out = 0;
};
}  // namespace

std::string PhysicalModify::Name() const {
  switch (kind_) {
    case Kind::kInsert: return "Insert on " + table_->name;
    case Kind::kUpdate: return "Update on " + table_->name;
    case Kind::kDelete: return "Delete on " + table_->name;
  }
  return "Modify";
}

std::unique_ptr<OperatorState> PhysicalModify::CreateState(ExecutionContext& ctx) const {
  return std::make_unique<ModifyState>();
}

void PhysicalModify::Apply(ExecutionContext& ctx, DataChunk& input, DataChunk* returned) const {
  size_t ncols = table_->columns.size();
  std::vector<LogicalType> table_types = table_->column_types();
  DataChunk new_rows(table_types);
  if (kind_ == Kind::kUpdate) {
    std::vector<Vector> computed(ncols);
    for (size_t c = 0; c < ncols; c++) {
      if (set[c]) ExpressionExecutor::Evaluate(*set[c], ctx, input, computed[c]);
    }
    for (size_t r = 0; r < input.size(); r++) {
      std::vector<Value> old_row(ncols), row(ncols);
      for (size_t c = 0; c < ncols; c++) {
        old_row[c] = input.column(c).GetValue(r);
        row[c] = set[c] ? computed[c].GetValue(r) : old_row[c];
        row[c].set_type(table_types[c]);
      }
      const std::string& old_key = input.column(ncols).strings()[r];
      std::string new_key = table_->primary_key() ? MakeRowKey(ctx, *table_, row) : old_key;
      bool key_changed = new_key != old_key;
      DeleteRow(ctx, *table_, old_row, old_key, key_changed);
      WriteRow(ctx, *table_, row, new_key, key_changed);
      if (returned) new_rows.AppendRow(row);
    }
  } else if (kind_ == Kind::kDelete) {
    for (size_t r = 0; r < input.size(); r++) {
      std::vector<Value> row(ncols);
      for (size_t c = 0; c < ncols; c++) row[c] = input.column(c).GetValue(r);
      DeleteRow(ctx, *table_, row, input.column(ncols).strings()[r], true);
      if (returned) new_rows.AppendRow(row);
    }
  } else {
    for (size_t r = 0; r < input.size(); r++) {
      std::vector<Value> row(ncols);
      for (size_t c = 0; c < ncols; c++) {
        row[c] = input.column(c).GetValue(r);
        row[c].set_type(table_types[c]);
      }
      std::string key = MakeRowKey(ctx, *table_, row);
      WriteRow(ctx, *table_, row, key, true);
      if (returned) new_rows.AppendRow(row);
    }
  }
  ctx.rows_affected += input.size();
  if (returned) {
    returned->Initialize(types);
    for (size_t i = 0; i < returning.size(); i++) {
      ExpressionExecutor::Evaluate(*returning[i], ctx, new_rows, returned->column(i));
    }
    returned->set_size(new_rows.size());
  }
}

bool PhysicalModify::Next(ExecutionContext& ctx, OperatorState& state_base, DataChunk& out) const {
  auto& state = static_cast<ModifyState&>(state_base);
  if (!state.done) {
    state.done = true;
    std::vector<DataChunk> input;
    DataChunk chunk;
    while (PullChild(ctx, state, 0, chunk)) input.push_back(std::move(chunk));
    for (auto& c : input) {
      ctx.CheckCancel();
      DataChunk returned;
      Apply(ctx, c, returning.empty() ? nullptr : &returned);
      if (!returning.empty() && returned.size() > 0) state.returned.push_back(std::move(returned));
    }
  }
  if (state.next_out >= state.returned.size()) return false;
  out = std::move(state.returned[state.next_out++]);
  return true;
}

}  // namespace kanto
