// Enum types: the comparison operators (by declaration order: the values are the labels' sort
// orders, types/enum_type.hpp) and enum_first / enum_last / enum_range. The binder gives every
// anyenum argument and result the one enum type of the call.
#include "function/comparison_ops.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/enum_type.hpp"

namespace kanto {

namespace {

const EnumType& NonEmpty(const LogicalType& type) {
  const EnumType& e = EnumTypeOf(type);
  if (e.labels.empty()) throw Error(sqlstate::kObjectNotInPrerequisiteState, "enum " + e.name + " contains no values");
  return e;
}

// The labels from `lo` to `hi` (sort orders, inclusive; NULL: from the first / to the last).
Value EnumRange(const LogicalType& array_type, const Vector* lo, const Vector* hi, size_t i) {
  LogicalType elem = array_type.ElementType();
  std::vector<Value> out;
  for (const EnumLabel& l : EnumTypeOf(elem).labels) {
    if (lo && !lo->IsNull(i) && l.sort_order < lo->doubles()[i]) continue;
    if (hi && !hi->IsNull(i) && l.sort_order > hi->doubles()[i]) continue;
    out.push_back(Value::FromDouble(elem, l.sort_order));
  }
  return MakeArrayValue(array_type, out);
}

}  // namespace

void RegisterEnumFunctions(FunctionRegistry& r) {
  LogicalType anyenum(TypeId::kEnum);
  for (const ComparisonOp& op : kComparisonOps) {
    ScalarFunction f;
    f.name = op.name;
    f.arg_types = {anyenum, anyenum};
    f.return_type = LogicalType(TypeId::kBool);
    auto pred = op.pred;
    f.kernel = [pred](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      const double* a = args[0]->doubles().data();
      const double* b = args[1]->doubles().data();
      for (size_t i = 0; i < n; i++) {
        if (out.IsNull(i)) continue;
        out.ints()[i] = pred(a[i] < b[i] ? -1 : a[i] > b[i] ? 1 : 0);
      }
    };
    r.Add(std::move(f));
  }
  for (bool first : {true, false}) {
    ScalarFunction f;
    f.name = first ? "enum_first" : "enum_last";
    f.arg_types = {anyenum};
    f.return_type = anyenum;
    f.strict = false;  // called as enum_first(NULL::mood)
    f.return_type_fn = [](const std::vector<LogicalType>& args) { return args[0]; };
    f.kernel = [first](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      const EnumType& e = NonEmpty(out.type());
      for (size_t i = 0; i < n; i++) {
        out.SetValue(i, Value::FromDouble(out.type(), first ? e.labels.front().sort_order : e.labels.back().sort_order));
      }
    };
    r.Add(std::move(f));
  }
  {
    ScalarFunction f;
    f.name = "enum_range";
    f.arg_types = {anyenum};
    f.return_type = LogicalType::ArrayOf(anyenum);
    f.strict = false;
    f.return_type_fn = [](const std::vector<LogicalType>& args) { return LogicalType::ArrayOf(args[0]); };
    f.kernel = [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) out.SetValue(i, EnumRange(out.type(), nullptr, nullptr, i));
    };
    r.Add(std::move(f));
  }
  {
    ScalarFunction f;
    f.name = "enum_range";
    f.arg_types = {anyenum, anyenum};
    f.return_type = LogicalType::ArrayOf(anyenum);
    f.strict = false;
    f.return_type_fn = [](const std::vector<LogicalType>& args) { return LogicalType::ArrayOf(args[0]); };
    f.kernel = [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) out.SetValue(i, EnumRange(out.type(), args[0], args[1], i));
    };
    r.Add(std::move(f));
  }
}

}  // namespace kanto
