#include "commands/alter_column_type.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "access/constraint_check.hpp"
#include "access/table_rewrite.hpp"
#include "catalog/sequence_session.hpp"
#include "commands/alter_table_errors.hpp"
#include "commands/column_definition.hpp"
#include "commands/command_context.hpp"
#include "commands/dependents.hpp"
#include "commands/foreign_key_definition.hpp"
#include "commands/sequence_definition.hpp"
#include "common/sql_text.hpp"
#include "execution/expression_executor.hpp"
#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

// SQLSTATE 42611 (invalid_column_definition), which only this command raises.
constexpr const char* kInvalidColumnDefinition = "42611";

// One column being changed: its position, new type and the expression computing its new value
// from the old row.
struct ColumnChange {
  uint32_t column = 0;
  LogicalType type;
  bool has_using = false;
  BoundExprPtr value;
};

bool Collatable(const LogicalType& t) {
  TypeId id = t.IsArray() ? t.elem : t.id;
  return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kChar;
}

// Whether values stored as `from` read as the same values of `to` (no rewrite needed): the same
// field and key encodings, and no value that `to` would change or refuse.
bool KeepsStoredValues(const LogicalType& from, const LogicalType& to) {
  if (from == to) return true;
  switch (from.id) {
    case TypeId::kVarchar:
      if (to.id == TypeId::kText) return true;
      return to.id == TypeId::kVarchar && (to.mod1 < 0 || (from.mod1 >= 0 && to.mod1 >= from.mod1));
    case TypeId::kText: return to.id == TypeId::kVarchar && to.mod1 < 0;
    case TypeId::kNumeric: return to.id == TypeId::kNumeric && to.mod1 < 0;
    case TypeId::kInt2:
    case TypeId::kInt4: return to.IsInteger() && to.NumericRank() >= from.NumericRank();
    default: return false;
  }
}

// The expression for the new value of `column`: USING's (`using_expr`), or the column itself.
BoundExprPtr BindNewValue(Binder& binder, const TableEntry& table, uint32_t column, const ast::Expr* using_expr,
                          const LogicalType& type, int location) {
  const std::string& name = table.columns[column].name;
  std::vector<ast::StatementPtr> parsed;
  if (!using_expr) {
    parsed = ParseSql("SELECT " + QuoteIdent(name));
    using_expr = static_cast<const ast::SelectStmt&>(*parsed.at(0)).targets.at(0).expr.get();
  }
  BoundExprPtr e = binder.BindTransformExpr(table, *using_expr);
  if (e->type != type && !CanCast(e->type, type, CastContext::kAssignment)) {
    if (!parsed.empty()) {
      throw At(Error(sqlstate::kDatatypeMismatch,
                     "column \"" + name + "\" cannot be cast automatically to type " + type.ToString())
                   .WithHint("You might need to specify \"USING " + QuoteIdent(name) + "::" + type.ToString() + "\"."),
               location);
    }
    throw At(Error(sqlstate::kDatatypeMismatch, "result of USING clause for column \"" + name +
                                                    "\" cannot be cast automatically to type " + type.ToString())
                 .WithHint("You might need to add an explicit cast."),
             using_expr->location);
  }
  return binder.Coerce(std::move(e), type, CastContext::kAssignment, using_expr->location);
}

// The identity column's sequence takes the column's new type (bounds that were the old type's
// limits follow, as ALTER SEQUENCE ... AS does).
void RetypeIdentitySequence(const ColumnEntry& column, const LogicalType& type, CatalogChange& change,
                            CommandContext& ctx) {
  if (type.id != TypeId::kInt2 && type.id != TypeId::kInt4 && type.id != TypeId::kInt8) {
    throw Error(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
  }
  const SequenceEntry* existing = change->GetSequence(column.identity_sequence);
  if (!existing || existing->type.id == type.id) return;
  ast::SequenceOptions options;
  ast::TypeName as;
  as.names = {type.id == TypeId::kInt2 ? "int2" : type.id == TypeId::kInt4 ? "int4" : "int8"};
  options.as_type = as;
  SequenceEntry seq = *existing;
  std::optional<int64_t> restart;
  ApplySequenceOptions(options, false, &seq, &restart);
  SequenceStore::State state = ctx.sequences->store().Read(*existing);
  ctx.sequences->store().Set(seq, state.last_value, state.is_called);
  change.PutSequence(std::move(seq));
}

}  // namespace

void AlterColumnTypes(const std::vector<const ast::AlterTableCmd*>& cmds, const TableEntry& table,
                      CatalogChange& change, CommandContext& ctx) {
  FunctionContext fn = ctx.fn;
  fn.catalog = &change.catalog();
  BinderEnv env;
  env.catalog = &change.catalog();
  env.fn_ctx = &fn;
  Binder binder(env);
  std::vector<ColumnChange> changes;
  bool rewrite = false;
  for (const ast::AlterTableCmd* cmd : cmds) {
    uint32_t c = static_cast<uint32_t>(ColumnOrThrow(table, cmd->name));
    for (const auto& earlier : changes) {
      if (earlier.column == c) {
        throw Error(sqlstate::kFeatureNotSupported, "cannot alter type of column \"" + cmd->name + "\" twice");
      }
    }
    ColumnChange ch;
    ch.column = c;
    ch.type = Binder::ResolveTypeName(cmd->type_name, &change.catalog(), ctx.fn.search_path);
    if (cmd->collate && !Collatable(ch.type)) {
      throw At(Error(sqlstate::kDatatypeMismatch, "collations are not supported by type " + ch.type.ToString()),
               cmd->type_name.location);
    }
    ch.has_using = cmd->default_value != nullptr;
    if (table.columns[c].generated && ch.has_using) {
      throw Error(kInvalidColumnDefinition, "cannot specify USING when altering type of generated column")
          .WithDetail("Column \"" + cmd->name + "\" is a generated column.");
    }
    if (std::vector<uint32_t> users = GeneratedColumnsUsing(table, c); !users.empty()) {
      throw Error(sqlstate::kFeatureNotSupported, "cannot alter type of a column used by a generated column")
          .WithDetail("Column \"" + cmd->name + "\" is used by generated column \"" + table.columns[users[0]].name + "\".");
    }
    ch.value = BindNewValue(binder, table, c, cmd->default_value.get(), ch.type, cmd->location);
    rewrite = rewrite || ch.has_using || !KeepsStoredValues(table.columns[c].type, ch.type);
    changes.push_back(std::move(ch));
  }
  // The DEFAULTs convert by an assignment cast, from the expression's own type (PostgreSQL strips
  // the implicit cast to the column type first; a literal has the column's type).
  for (const auto& ch : changes) {
    const ColumnEntry& col = table.columns[ch.column];
    if (col.default_sql.empty() || col.generated) continue;  // a generation expression: CheckColumnDefault below
    auto parsed = ParseSql("SELECT " + col.default_sql);
    LogicalType from =
        binder.BindStandaloneExpr(*static_cast<const ast::SelectStmt&>(*parsed.at(0)).targets.at(0).expr)->type;
    if (from.id == TypeId::kUnknown) from = col.type;
    if (from != ch.type && !CanCast(from, ch.type, CastContext::kAssignment)) {
      throw Error(sqlstate::kDatatypeMismatch,
                  "default for column \"" + col.name + "\" cannot be cast automatically to type " + ch.type.ToString());
    }
  }
  for (const auto& ch : changes) {
    for (const Dependency& d : change->Dependents(ObjectAddress::Column(table.id, ch.column))) {
      const TableEntry* view = d.object.class_id == kPgClassOid ? change->GetTable(d.object.object_id) : nullptr;
      if (!view || !view->is_view()) continue;
      throw Error(sqlstate::kFeatureNotSupported, "cannot alter type of a column used by a view or rule")
          .WithDetail("rule _RETURN on " + DescribeObject(change.catalog(), ObjectAddress::Relation(view->id)) +
                      " depends on column \"" + table.columns[ch.column].name + "\"");
    }
  }
  TableEntry updated = table;
  std::set<uint32_t> changed;
  for (const auto& ch : changes) {
    ColumnEntry& col = updated.columns[ch.column];
    if (col.identity) RetypeIdentitySequence(col, ch.type, change, ctx);
    col.type = ch.type;
    if (rewrite) col.missing.clear();  // every row is written again with the column
    changed.insert(ch.column);
  }
  updated.schema_version++;
  auto uses_changed = [&](const std::vector<uint32_t>& cols) {
    return std::any_of(cols.begin(), cols.end(), [&](uint32_t c) { return changed.count(c) > 0; });
  };
  // Foreign keys of the table on the columns, and of any table (this one too) referencing them.
  for (const auto& fk : updated.foreign_keys) {
    bool refs_changed = fk.ref_table == table.id && uses_changed(fk.ref_columns);
    if (!uses_changed(fk.columns) && !refs_changed) continue;
    const TableEntry& ref = fk.ref_table == table.id ? updated : *change->GetTable(fk.ref_table);
    CheckForeignKeyTypes(updated, ref, fk);
  }
  for (const auto& ref : change->ReferencesTo(table.id)) {
    if (ref.table->id == table.id || !uses_changed(ref.fk->ref_columns)) continue;
    CheckForeignKeyTypes(*ref.table, updated, *ref.fk);
  }
  for (size_t c = 0; c < updated.columns.size(); c++) {
    if (changed.count(static_cast<uint32_t>(c))) CheckColumnDefault(change.catalog(), updated, c);
  }
  if (rewrite) {
    // The CHECK constraints on the columns, bound again over the new types.
    std::vector<access::BoundCheck> checks;
    for (const CheckEntry& check : updated.checks) {
      if (uses_changed(check.columns)) checks.push_back({check.name, binder.BindCheckConstraint(updated, check.expr_sql)});
    }
    ExecutionContext exec = ctx.MakeExecutionContext();
    exec.fn = fn;
    DataChunk one(table.column_types());
    access::RewriteTable(exec, table, updated, [&](const std::vector<Value>& row) {
      one.Reset();
      one.AppendRow(row);
      std::vector<Value> out = row;
      for (const auto& ch : changes) {
        Vector result;
        ExpressionExecutor::Evaluate(*ch.value, exec, one, result);
        Value v = result.GetValue(0);
        v.set_type(ch.type);
        if (v.is_null() && updated.columns[ch.column].not_null) ContainsNulls(table, updated.columns[ch.column].name);
        out[ch.column] = std::move(v);
      }
      for (const auto& check : checks) {
        if (!access::CheckPasses(exec, updated, *check.expr, out)) {
          throw Error(sqlstate::kCheckViolation, "check constraint \"" + check.name + "\" of relation \"" +
                                                     table.name + "\" is violated by some row");
        }
      }
      return out;
    });
  }
  change.PutTable(std::move(updated));
  if (!rewrite) return;
  const TableEntry& now = *change->GetTable(table.id);
  for (const auto& fk : now.foreign_keys) {
    bool refs_changed = fk.ref_table == table.id && uses_changed(fk.ref_columns);
    if (fk.validated && (uses_changed(fk.columns) || refs_changed)) ValidateForeignKeyRows(ctx, change.catalog(), now, fk);
  }
  for (const auto& ref : change->ReferencesTo(table.id)) {
    if (ref.table->id == table.id || !ref.fk->validated || !uses_changed(ref.fk->ref_columns)) continue;
    ValidateForeignKeyRows(ctx, change.catalog(), *ref.table, *ref.fk);
  }
}

}  // namespace kanto::commands
