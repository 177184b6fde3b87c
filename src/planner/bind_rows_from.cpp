// Functions in FROM side by side: ROWS FROM (f(...), g(...)) and several set-returning functions in
// one select list. Each function is bound WITH ORDINALITY and they are FULL JOINed on that number,
// so that row n holds each one's n-th row, and NULLs past the end of a shorter one (PostgreSQL's rule).
#include "planner/binder.hpp"

#include "planner/bind_context.hpp"
#include "planner/expr_binder.hpp"

namespace kanto {

namespace {

// The lateral references of a function bound after others are numbered after theirs: its outer
// references (not those inside subquery plans, which have their own) move up by `offset`.
void ShiftOuterRefs(BoundExpr& e, uint32_t offset) {
  if (e.kind == BoundExprKind::kOuterRef) e.param += offset;
  for (auto& c : e.children) ShiftOuterRefs(*c, offset);
}

void ShiftOuterRefs(LogicalOperator& fn, uint32_t offset) {
  if (fn.type == LogicalOpType::kTableFunction) {
    for (auto& a : static_cast<LogicalTableFunction&>(fn).args) ShiftOuterRefs(*a, offset);
  } else if (fn.type == LogicalOpType::kValues) {
    for (auto& row : static_cast<LogicalValues&>(fn).rows) {
      for (auto& v : row) ShiftOuterRefs(*v, offset);
    }
  }
}

}  // namespace

void Binder::ZipFunction(LogicalOperatorPtr* functions, BoundExprPtr* ordinal, LogicalOperatorPtr fn,
                         uint32_t outer_offset, int location) {
  if (outer_offset > 0) ShiftOuterRefs(*fn, outer_offset);
  auto bindings = fn->GetColumnBindings();
  auto number = MakeColumnRef(bindings.back(), LogicalType(TypeId::kInt8), "ordinality");
  if (!*functions) {
    *functions = std::move(fn);
    *ordinal = std::move(number);
    return;
  }
  auto zip = std::make_unique<LogicalJoin>();
  zip->join_type = JoinType::kFull;
  ExprBinder eb(*this, nullptr, nullptr, "set-returning functions");
  std::vector<BoundExprPtr> eq;
  eq.push_back((*ordinal)->Copy());
  eq.push_back(number->Copy());
  zip->conditions.push_back(eb.BindOperator("=", std::move(eq), location));
  auto either = std::make_unique<BoundExpr>(BoundExprKind::kCoalesce, LogicalType(TypeId::kInt8));
  either->children.push_back(std::move(*ordinal));
  either->children.push_back(std::move(number));
  *ordinal = std::move(either);
  zip->children.push_back(std::move(*functions));
  zip->children.push_back(std::move(fn));
  *functions = std::move(zip);
}

LogicalOperatorPtr Binder::BindZippedFunctions(const std::vector<const ast::FunctionRef*>& refs,
                                               std::vector<BindingEntry>* entries, BoundExprPtr* ordinal) {
  LogicalOperatorPtr functions;
  std::vector<BoundExprPtr> lateral_params;
  for (const ast::FunctionRef* ref : refs) {
    // Bound WITH ORDINALITY, through a FROM item that borrows the function for its binding.
    ast::FunctionRef numbered;
    numbered.location = ref->location;
    numbered.ordinality = true;
    numbered.call.reset(ref->call.get());
    numbered.expr.reset(ref->expr.get());
    struct Release {
      ast::FunctionRef& ref;
      ~Release() {
        (void)ref.call.release();
        (void)ref.expr.release();
      }
    } release{numbered};
    BindContext one;
    LogicalOperatorPtr fn = BindTableRef(numbered, one);
    if (!lateral_params.empty()) ShiftOuterRefs(*fn, static_cast<uint32_t>(lateral_params.size()));
    for (auto& p : lateral_params_) lateral_params.push_back(std::move(p));
    lateral_params_.clear();
    const BindingEntry& entry = one.entries().back();
    entries->push_back(entry);
    ZipFunction(&functions, ordinal, std::move(fn), 0, ref->location);
  }
  lateral_params_ = std::move(lateral_params);
  return functions;
}

// ROWS FROM (f(...), g(...)) [WITH ORDINALITY] [AS t(c, ...)]: each function's columns in turn, named
// as each alone would be without an alias, then the row number; the item is named after the alias,
// or else the first function.
LogicalOperatorPtr Binder::BindRowsFrom(const ast::FunctionRef& f, BindingEntry* entry) {
  std::vector<const ast::FunctionRef*> refs;
  for (const auto& r : f.rows_from) refs.push_back(r.get());
  std::vector<BindingEntry> parts;
  BoundExprPtr ordinal;
  LogicalOperatorPtr zipped = BindZippedFunctions(refs, &parts, &ordinal);
  auto proj = std::make_unique<LogicalProjection>();
  proj->table_index = NewTableIndex();
  entry->alias = f.alias.name.empty() ? parts[0].alias : f.alias.name;
  entry->table_index = proj->table_index;
  for (const BindingEntry& part : parts) {
    for (size_t i = 0; i + 1 < part.types.size(); i++) {
      proj->expressions.push_back(MakeColumnRef({part.table_index, static_cast<uint32_t>(i)}, part.types[i], part.names[i]));
      entry->names.push_back(part.names[i]);
      entry->types.push_back(part.types[i]);
    }
  }
  if (f.ordinality) {
    proj->expressions.push_back(std::move(ordinal));
    entry->names.push_back("ordinality");
    entry->types.push_back(LogicalType(TypeId::kInt8));
  }
  proj->children.push_back(std::move(zipped));
  return proj;
}

}  // namespace kanto
