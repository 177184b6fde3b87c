// json_agg, jsonb_agg, json_object_agg, jsonb_object_agg. The binder hands them JSON already
// (planner/expr_binder.cpp JsonAggregateArgs: values through to_json / to_jsonb, keys through
// $json_key), so a state only joins text: json_agg as PostgreSQL writes it ("[1, null, 3]", a
// newline before each later row or array), json_object_agg as "{ "k" : v, ... }", the jsonb forms
// read back as jsonb (keys sorted, the last of equal keys kept).
#include "function/aggregate.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/jsonb.hpp"

namespace kanto {

namespace {

class JsonAggState : public AggregateState {
 public:
  JsonAggState(bool jsonb, bool object, bool rows) : jsonb_(jsonb), object_(object), rows_(rows) {}

  void Update(const std::vector<const Vector*>& a, size_t row) override {
    out_ += out_.empty() ? (object_ ? "{ " : "[") : ", ";
    if (object_) {
      if (a[0]->IsNull(row)) throw Error(sqlstate::kInvalidParameterValue, "field name must not be null");
      AppendJsonString(&out_, a[0]->strings()[row]);
      out_ += " : ";
    }
    const Vector& v = *a[object_ ? 1 : 0];
    if (v.IsNull(row)) {
      out_ += "null";
      return;
    }
    if (rows_ && out_.size() > 1) out_ += "\n ";
    out_ += v.strings()[row];
  }

  Value Finalize() override {
    LogicalType type(jsonb_ ? TypeId::kJsonb : TypeId::kJson);
    if (out_.empty()) return Value::Null(type);
    std::string text = out_ + (object_ ? " }" : "]");
    return Value::FromString(type, jsonb_ ? JsonbFromText(text) : std::move(text));
  }
  size_t MemoryUsage() const override { return sizeof(*this) + out_.capacity(); }

 private:
  bool jsonb_, object_, rows_;
  std::string out_;
};

void AddJsonAggregate(AggregateRegistry& r, const std::string& name, bool jsonb, bool object, bool rows) {
  LogicalType json(jsonb ? TypeId::kJsonb : TypeId::kJson);
  AggregateFunction f;
  f.name = name;
  f.arg_types = object ? std::vector<LogicalType>{T(TypeId::kText), json} : std::vector<LogicalType>{json};
  f.return_type = json;
  f.make_state = [jsonb, object, rows](auto&, auto&) { return std::make_unique<JsonAggState>(jsonb, object, rows); };
  f.strict = false;
  f.keeps_nulls = true;
  f.order_sensitive = true;
  r.Add(std::move(f));
}

}  // namespace

void RegisterJsonAggregates(AggregateRegistry& r) {
  AddJsonAggregate(r, "json_agg", false, false, false);
  AddJsonAggregate(r, "$json_agg_rows", false, false, true);  // json_agg of records or arrays
  AddJsonAggregate(r, "jsonb_agg", true, false, false);
  AddJsonAggregate(r, "json_object_agg", false, true, false);
  AddJsonAggregate(r, "jsonb_object_agg", true, true, false);
}

}  // namespace kanto
