// Binding of composite values: ROW(...) and (a, b) constructors, (x).field and (x).* field
// selection, and a table's name as a whole-row value (SELECT t FROM t). Each becomes a call of an
// internal record function (src/function/record_functions.cpp).
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/expr_binder.hpp"
#include "types/record.hpp"

namespace kanto {

namespace {

const ScalarFunction* Internal(const std::string& name) {
  const auto* fns = FunctionRegistry::Instance().Find(name);
  return fns && !fns->empty() ? &fns->front() : nullptr;
}

bool IsRowCall(const BoundExpr& e) {
  return e.kind == BoundExprKind::kFunction && e.function && e.function->name == "$row";
}

}  // namespace

BoundExprPtr MakeRow(std::vector<BoundExprPtr> fields, const LogicalType& type) {
  return MakeFunction(Internal("$row"), std::move(fields), type);
}

BoundExprPtr SelectField(BoundExprPtr record, size_t field) {
  const RecordType& rec = RecordTypeOf(record->type);
  LogicalType type = rec.fields.at(field).type;
  if (IsRowCall(*record) && field < record->children.size()) {
    // (ROW(a, b)).f2 is b itself.
    BoundExprPtr e = std::move(record->children[field]);
    if (e->type == type) return e;
    return MakeCast(std::move(e), type, CastContext::kImplicit);
  }
  std::vector<BoundExprPtr> args;
  args.push_back(std::move(record));
  args.push_back(MakeConstant(Value::Int4(static_cast<int64_t>(field))));
  return MakeFunction(Internal("$field"), std::move(args), type);
}

// PostgreSQL's row IS [NOT] NULL: true when every field is NULL (every field is not NULL); a
// NULL record has only NULL fields.
BoundExprPtr RecordNullTest(BoundExprPtr record, BoundExprKind kind) {
  size_t n = RecordTypeOf(record->type).fields.size();
  if (n == 0) {
    auto out = std::make_unique<BoundExpr>(kind, LogicalType(TypeId::kBool));
    out->children.push_back(std::move(record));
    return out;
  }
  auto all = std::make_unique<BoundExpr>(BoundExprKind::kAnd, LogicalType(TypeId::kBool));
  for (size_t i = 0; i < n; i++) {
    auto test = std::make_unique<BoundExpr>(kind, LogicalType(TypeId::kBool));
    test->children.push_back(SelectField(record->Copy(), i));
    all->children.push_back(std::move(test));
  }
  if (all->children.size() == 1) return std::move(all->children[0]);
  return all;
}

BoundExprPtr ExprBinder::BindRow(const ast::RowExpr& r) {
  std::vector<BoundExprPtr> fields;
  for (const auto& a : r.args) {
    if (a->kind == ast::ExprKind::kColumnRef && static_cast<const ast::ColumnRef&>(*a).star) {
      // ROW(t.*, x): t's columns, one field each.
      const auto& c = static_cast<const ast::ColumnRef&>(*a);
      if (!scope_) throw At(Error(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid"), c.location);
      for (auto& ref : scope_->ExpandStar(c.names.empty() ? "" : c.names.back(), c.location)) fields.push_back(std::move(ref));
      continue;
    }
    BoundExprPtr e = Bind(*a);
    if (e->type.id == TypeId::kUnknown) e = binder_.Coerce(std::move(e), LogicalType(TypeId::kText), CastContext::kImplicit);
    fields.push_back(std::move(e));
  }
  std::vector<LogicalType> types;
  for (const auto& f : fields) types.push_back(f->type);
  return MakeRow(std::move(fields), AnonymousRecordType(types));
}

size_t ExprBinder::FieldPosition(const LogicalType& type, const std::string& field, int location) {
  if (!IsKnownRecord(type)) {
    throw At(Error(sqlstate::kWrongObjectType, "column notation ." + field + " applied to type " + type.ToString() +
                                                   ", which is not a composite type"),
             location);
  }
  const RecordType& rec = RecordTypeOf(type);
  for (size_t i = 0; i < rec.fields.size(); i++) {
    if (rec.fields[i].name == field) return i;
  }
  throw At(Error(sqlstate::kUndefinedColumn, "column \"" + field + "\" not found in data type " + type.ToString()),
           location);
}

BoundExprPtr ExprBinder::BindFieldSelect(const ast::FieldSelect& f) {
  BoundExprPtr arg = Bind(*f.arg);
  if (f.star) {
    // (x).* outside a select list: the record itself (ROW((x).*) is x), as PostgreSQL reads it.
    if (!IsKnownRecord(arg->type)) {
      throw At(Error(sqlstate::kWrongObjectType, "type " + arg->type.ToString() + " is not composite"), f.location);
    }
    return arg;
  }
  size_t i = FieldPosition(arg->type, f.field, f.location);
  return SelectField(std::move(arg), i);
}

std::vector<std::pair<std::string, BoundExprPtr>> ExprBinder::ExpandFields(BoundExprPtr record, int location) {
  if (!IsKnownRecord(record->type)) {
    throw At(Error(sqlstate::kWrongObjectType, "type " + record->type.ToString() + " is not composite"), location);
  }
  const RecordType& rec = RecordTypeOf(record->type);
  std::vector<std::pair<std::string, BoundExprPtr>> out;
  for (size_t i = 0; i < rec.fields.size(); i++) out.emplace_back(rec.fields[i].name, SelectField(record->Copy(), i));
  return out;
}

BoundExprPtr BindContext::WholeRow(const std::string& alias) const {
  for (const auto& e : entries_) {
    if (e.unreachable || e.alias != alias) continue;
    std::vector<BoundExprPtr> fields;
    std::vector<LogicalType> types;
    RecordType anonymous;
    for (size_t i = 0; i < e.names.size(); i++) {
      if (e.hidden[i]) continue;
      fields.push_back(e.Column(i, alias + "." + e.names[i]));
      types.push_back(e.types[i]);
      anonymous.fields.push_back({e.names[i], e.types[i]});
    }
    LogicalType type = IsKnownRecord(e.row_type) ? e.row_type : RecordLogicalType(anonymous);
    return MakeRow(std::move(fields), type);
  }
  return nullptr;
}

}  // namespace kanto
