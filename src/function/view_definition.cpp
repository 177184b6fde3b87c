// pg_get_viewdef(view [, pretty | wrap_column]): the view's query as PostgreSQL prints it, NULL for
// an OID that is no view; pg_get_ruledef of a view's _RETURN rule (pg_rewrite) around the same text.
#include "function/view_definition.hpp"

#include <atomic>

#include "catalog/search_path.hpp"
#include "function/cast.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "parser/keywords.hpp"

namespace kanto {

namespace {

std::atomic<ViewDefinitionPrinter> g_printer{nullptr};

Value ViewDef(const Value& oid, bool pretty, int wrap, FunctionContext& ctx) {
  const TableEntry* view = ctx.catalog ? ctx.catalog->GetTable(static_cast<uint32_t>(oid.int_value())) : nullptr;
  ViewDefinitionPrinter printer = GetViewDefinitionPrinter();
  if (!view || !view->is_view() || !printer) return Value::Null(LogicalType(TypeId::kText));
  return Value::Text(printer(ctx, *view, pretty, wrap));
}

// pg_get_ruledef of a view's _RETURN rule (its OID is the view's): CREATE RULE "_RETURN" AS ON
// SELECT TO v DO INSTEAD and the view's query; the view's name qualified unless pretty and visible.
Value RuleDef(const Value& oid, bool pretty, FunctionContext& ctx) {
  const TableEntry* view = ctx.catalog ? ctx.catalog->GetTable(static_cast<uint32_t>(oid.int_value())) : nullptr;
  ViewDefinitionPrinter printer = GetViewDefinitionPrinter();
  if (!view || !view->is_view() || !printer) return Value::Null(LogicalType(TypeId::kText));
  std::string name = QuoteIdentifier(view->name);
  if (!pretty || !RelationIsVisible(*ctx.catalog, ctx.search_path, view->schema_id, view->name)) {
    name = QuoteIdentifier(ctx.catalog->GetSchema(view->schema_id)->name) + "." + name;
  }
  return Value::Text("CREATE RULE \"_RETURN\" AS\n    ON SELECT TO " + name + " DO INSTEAD " +
                     printer(ctx, *view, pretty, 0));
}

// The OID of the relation a name (as regclass reads it) stands for; 42P01 when none.
Value NamedRelation(const Value& name, FunctionContext& ctx) {
  return TextToValue(name.str_value(), LogicalType(TypeId::kRegclass), ctx);
}

}  // namespace

void SetViewDefinitionPrinter(ViewDefinitionPrinter printer) { g_printer.store(printer); }
ViewDefinitionPrinter GetViewDefinitionPrinter() { return g_printer.load(); }

void RegisterViewDefinitionFunctions(FunctionRegistry& r) {
  const LogicalType kOid(TypeId::kOid), kText(TypeId::kText), kBool(TypeId::kBool), kInt4(TypeId::kInt4);
  auto by_oid = [](const std::vector<Value>& a, FunctionContext& ctx) {
    return ViewDef(a[0], a.size() > 1 && a[1].int_value() != 0, 0, ctx);
  };
  auto by_name = [](const std::vector<Value>& a, FunctionContext& ctx) {
    return ViewDef(NamedRelation(a[0], ctx), a.size() > 1 && a[1].int_value() != 0, 0, ctx);
  };
  // A name in quotes is text, as PostgreSQL prefers it for an untyped literal.
  for (auto args : {std::vector<LogicalType>{kOid}, std::vector<LogicalType>{kOid, kBool}}) {
    AddRowFunction(r, "pg_get_ruledef", args, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
      return RuleDef(a[0], a.size() > 1 && a[1].int_value() != 0, ctx);
    }, true, true);
  }
  AddRowFunction(r, "pg_get_viewdef", {kText}, kText, by_name, true, true);
  AddRowFunction(r, "pg_get_viewdef", {kText, kBool}, kText, by_name, true, true);
  // PostgreSQL takes a regclass as the oid it is; Kanto has no such coercion, so it has both.
  const LogicalType kRegclass(TypeId::kRegclass);
  for (const LogicalType& relation : {kOid, kRegclass}) {
    AddRowFunction(r, "pg_get_viewdef", {relation}, kText, by_oid, true, true);
    AddRowFunction(r, "pg_get_viewdef", {relation, kBool}, kText, by_oid, true, true);
    AddRowFunction(r, "pg_get_viewdef", {relation, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
      return ViewDef(a[0], true, static_cast<int>(a[1].int_value()), ctx);
    }, true, true);
  }
}

}  // namespace kanto
