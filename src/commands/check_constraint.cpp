#include "commands/check_constraint.hpp"

#include "access/constraint_check.hpp"
#include "access/table_reader.hpp"
#include "commands/command_context.hpp"
#include "commands/expression_text.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

bool ConstraintNameExists(const Catalog& catalog, uint32_t schema_id, const std::string& name) {
  for (const TableEntry* t : catalog.Tables()) {
    if (t->schema_id != schema_id) continue;
    if (t->HasConstraint(name)) return true;
  }
  return false;
}

namespace {
// A binder over `catalog` ('seq'::regclass in the expression resolves there).
struct CheckBinder {
  explicit CheckBinder(const Catalog& catalog) {
    fn.catalog = &catalog;
    env.catalog = &catalog;
    env.fn_ctx = &fn;
  }
  FunctionContext fn;
  BinderEnv env;
  Binder binder{env};
};

bool Taken(const std::vector<CheckEntry>& others, const std::string& name) {
  for (const auto& o : others) {
    if (o.name == name) return true;
  }
  return false;
}
}  // namespace

CheckEntry DefineCheck(const Catalog& catalog, const FunctionContext& session, const TableEntry& table, const ast::TableConstraint& con, uint32_t id,
                       const std::vector<CheckEntry>& others) {
  std::vector<uint32_t> cols;
  CheckBinder(catalog).binder.BindCheckConstraint(table, *con.check, &cols);
  CheckEntry c;
  c.id = id;
  c.columns = cols;
  FunctionContext fn = session;
  fn.catalog = &catalog;
  c.expr_sql = CheckExpressionText(fn, table, *con.check);
  c.validated = true;
  c.no_inherit = con.no_inherit;
  if (!con.name.empty()) {
    if (Taken(others, con.name)) {
      throw At(Error(sqlstate::kDuplicateObject, "check constraint \"" + con.name + "\" already exists"), con.location);
    }
    if (table.FindCheck(con.name) || table.FindConstraintIndex(con.name)) {
      throw Error(sqlstate::kDuplicateObject,
                  "constraint \"" + con.name + "\" for relation \"" + table.name + "\" already exists");
    }
    c.name = con.name;
    return c;
  }
  std::string base = table.name + (cols.size() == 1 ? "_" + table.columns[cols[0]].name : "") + "_check";
  c.name = base;
  for (int n = 1; ConstraintNameExists(catalog, table.schema_id, c.name) || Taken(others, c.name); n++) {
    c.name = base + std::to_string(n);
  }
  return c;
}

void ValidateCheck(CommandContext& ctx, const Catalog& catalog, const TableEntry& table, const CheckEntry& check) {
  BoundExprPtr e = CheckBinder(catalog).binder.BindCheckConstraint(table, check.expr_sql);
  ExecutionContext exec = ctx.MakeExecutionContext();
  exec.fn.catalog = &catalog;
  for (const auto& row : access::ReadRows(*ctx.txn, table)) {
    exec.CheckCancel();
    if (!access::CheckPasses(exec, table, *e, row.values)) {
      throw Error(sqlstate::kCheckViolation,
                  "check constraint \"" + check.name + "\" of relation \"" + table.name + "\" is violated by some row");
    }
  }
}

}  // namespace kanto::commands
