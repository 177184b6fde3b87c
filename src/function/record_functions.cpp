// Composite values: the ROW(...) constructor and field selection the binder calls ($row, $field),
// and the comparison operators of record (PostgreSQL's record_eq / record_cmp family: field by
// field, a NULL field equal to a NULL and after any value).
#include "function/comparison_ops.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "types/record.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

// Compares two records that may be of different record types with the same field layout.
int CompareRecordValues(const Value& a, const Value& b) {
  if (a.type() == b.type()) return CompareValues(a, b);
  std::vector<Value> x = DecodeRecord(a.str_value(), a.type()), y = DecodeRecord(b.str_value(), b.type());
  for (size_t i = 0; i < x.size() && i < y.size(); i++) {
    if (x[i].type().id != y[i].type().id) {
      throw Error(sqlstate::kDatatypeMismatch, "cannot compare dissimilar column types " + x[i].type().ToString() +
                                                   " and " + y[i].type().ToString() + " at record column " +
                                                   std::to_string(i + 1));
    }
    if (x[i].is_null() || y[i].is_null()) {
      if (x[i].is_null() && y[i].is_null()) continue;
      return x[i].is_null() ? 1 : -1;
    }
    if (int c = CompareValues(x[i], y[i])) return c;
  }
  if (x.size() != y.size()) {
    throw Error(sqlstate::kDatatypeMismatch, "cannot compare record types with different numbers of columns");
  }
  return 0;
}

}  // namespace

void RegisterRecordFunctions(FunctionRegistry& r) {
  LogicalType record(TypeId::kRecord);
  {
    // ROW(a, b, ...): the binder sets the result's record type.
    ScalarFunction f;
    f.name = "$row";
    f.arg_types = {LogicalType(TypeId::kUnknown)};
    f.variadic = true;
    f.strict = false;
    f.return_type = record;
    f.kernel = [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      std::vector<Value> fields(args.size());
      for (size_t i = 0; i < n; i++) {
        for (size_t a = 0; a < args.size(); a++) fields[a] = args[a]->GetValue(i);
        out.SetValue(i, MakeRecordValue(out.type(), fields));
      }
    };
    r.Add(std::move(f));
  }
  {
    // (record).field: the field's position (0-based) as the second argument; the binder sets the
    // result's type to the field's.
    ScalarFunction f;
    f.name = "$field";
    f.arg_types = {record, LogicalType(TypeId::kInt4)};
    f.return_type = LogicalType(TypeId::kUnknown);
    f.kernel = [](const std::vector<const Vector*>& args, size_t n, Vector& out, FunctionContext&) {
      for (size_t i = 0; i < n; i++) {
        if (out.IsNull(i)) continue;
        std::vector<Value> fields = DecodeRecord(args[0]->strings()[i], args[0]->type());
        auto k = static_cast<size_t>(args[1]->ints()[i]);
        if (k >= fields.size() || fields[k].is_null()) {
          out.SetNull(i);
          continue;
        }
        out.SetValue(i, fields[k]);
      }
    };
    r.Add(std::move(f));
  }
  for (const ComparisonOp& op : kComparisonOps) {
    auto pred = op.pred;
    AddRowFunction(r, op.name, {record, record}, LogicalType(TypeId::kBool),
                   [pred](const std::vector<Value>& a, FunctionContext&) {
                     return Value::Bool(pred(CompareRecordValues(a[0], a[1])));
                   });
  }
}

}  // namespace kanto
