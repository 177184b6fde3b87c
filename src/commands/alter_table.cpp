// ALTER TABLE [IF EXISTS] t <subcommand>, ...: one function per subcommand, each working on the
// table as the ones before it left it, all in the statement's transaction (a failure leaves the
// table as it was).
#include <set>

#include "access/generated_columns.hpp"
#include "access/index_maintenance.hpp"
#include "access/row_key.hpp"
#include "access/table_reader.hpp"
#include "access/table_rewrite.hpp"
#include "access/table_writer.hpp"
#include "catalog/sequence_session.hpp"
#include "commands/alter_column_type.hpp"
#include "commands/alter_table_errors.hpp"
#include "commands/check_constraint.hpp"
#include "commands/column_definition.hpp"
#include "commands/commands.hpp"
#include "commands/dependents.hpp"
#include "commands/expression_text.hpp"
#include "commands/foreign_key_definition.hpp"
#include "commands/owner.hpp"
#include "commands/relation_names.hpp"
#include "commands/sequence_definition.hpp"
#include "execution/expression_executor.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

// Writes every row again under `updated` (new keys, index entries and row encoding): `change_row`
// turns an old row into the new one.
void RewriteRows(CommandContext& ctx, const TableEntry& old_table, const TableEntry& updated,
                 const std::function<std::vector<Value>(const std::vector<Value>&)>& change_row) {
  ExecutionContext exec = ctx.MakeExecutionContext();
  access::RewriteTable(exec, old_table, updated, change_row);
}

// ADD [CONSTRAINT name] PRIMARY KEY (columns): the rows move from hidden row ids to primary-key
// keys (and their index entries follow), checking NOT NULL (23502) and uniqueness (23505).
void AddPrimaryKey(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change,
                   CommandContext& ctx) {
  if (table.primary_key()) {
    throw Error(sqlstate::kInvalidTableDefinition, "multiple primary keys for table \"" + table.name + "\" are not allowed");
  }
  TableEntry updated = table;
  std::vector<uint32_t> cols;
  for (const auto& name : cmd.columns) {
    int c = ColumnOrThrow(updated, name);
    cols.push_back(static_cast<uint32_t>(c));
    updated.columns[c].not_null = true;
  }
  RequireIndexable(updated, cols);
  IndexEntry pk = MakeConstraintIndex(change.catalog(), change.AllocateId(), table, cols, true, cmd.name);
  if (change->RelationExists(table.schema_id, pk.name)) {
    throw Error(sqlstate::kDuplicateTable, "relation \"" + pk.name + "\" already exists");
  }
  updated.indexes.insert(updated.indexes.begin(), pk);
  updated.primary_index = 0;
  updated.schema_version++;
  auto same_row = [](const std::vector<Value>& row) { return row; };
  ExecutionContext exec = ctx.MakeExecutionContext();
  if (!access::RewriteTableBulk(exec, table, updated, same_row,
                                [&](uint32_t c) { ContainsNulls(table, table.columns[c].name); })) {
    for (const auto& row : access::ReadRows(*ctx.txn, table)) {
      for (uint32_t c : pk.columns) {
        if (row.values[c].is_null()) ContainsNulls(table, table.columns[c].name);
      }
    }
    RewriteRows(ctx, table, updated, same_row);
  }
  change.PutTable(std::move(updated));
}

// The column's DEFAULT bound as the column type (for ADD COLUMN's existing rows).
BoundExprPtr BindDefault(const Catalog& catalog, const FunctionContext& fn, const std::string& sql,
                         const LogicalType& type, BinderEnv* env) {
  env->catalog = &catalog;
  env->fn_ctx = &fn;  // fn.catalog is `catalog`: 'seq'::regclass finds a sequence created by this ALTER
  Binder binder(*env);
  auto stmts = ParseSql("SELECT " + sql);
  BoundExprPtr e = binder.BindStandaloneExpr(*static_cast<const ast::SelectStmt&>(*stmts.at(0)).targets.at(0).expr);
  return binder.Coerce(std::move(e), type, CastContext::kAssignment);
}

// ADD [COLUMN] [IF NOT EXISTS] c type [DEFAULT d] [NOT NULL]: rows already stored read the default
// without being rewritten when it is a constant (the row format records each row's column count);
// a volatile default (random(), nextval) is computed for each row, rewriting them.
void AddColumn(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change, CommandContext& ctx) {
  const ast::ColumnDef& def = *cmd.column;
  if (table.FindColumn(def.name) >= 0) {
    if (cmd.missing_ok) return;  // NOTICE: column "c" of relation "t" already exists, skipping
    throw Error(sqlstate::kDuplicateColumn, "column \"" + def.name + "\" of relation \"" + table.name + "\" already exists");
  }
  if (def.primary_key || def.unique) {
    throw Error(sqlstate::kFeatureNotSupported, "ADD COLUMN with PRIMARY KEY or UNIQUE is not supported yet");
  }
  TableEntry updated = table;
  uint32_t pos = static_cast<uint32_t>(updated.columns.size());
  FunctionContext session = ctx.fn;
  session.catalog = &change.catalog();
  updated.columns.push_back(DefineColumn(def, table.name, session));
  AddColumnSequence(def, change, ctx, &updated, pos);
  CheckColumnDefault(change.catalog(), updated, pos);
  updated.schema_version++;
  ColumnEntry& column = updated.columns[pos];
  if (column.generated) {
    // Every row gets the column's value computed from it (RewriteTable computes generated columns).
    ExecutionContext exec = ctx.MakeExecutionContext();
    RewriteRows(ctx, table, updated, [&](const std::vector<Value>& row) {
      std::vector<Value> out = row;
      out.push_back(Value::Null(column.type));
      access::ComputeGeneratedColumns(exec, updated, &out);
      if (out.back().is_null() && column.not_null) ContainsNulls(table, column.name);
      return out;
    });
    change.PutTable(std::move(updated));
    return;
  }
  std::string sql = column.identity ? "nextval('" + std::to_string(column.identity_sequence) + "'::regclass)"
                                    : column.default_sql;
  std::vector<access::StoredRow> rows = access::ReadRows(*ctx.txn, table);
  FunctionContext fn = ctx.fn;
  fn.catalog = &change.catalog();
  BinderEnv env;
  BoundExprPtr value = sql.empty() ? nullptr : BindDefault(change.catalog(), fn, sql, column.type, &env);
  ExecutionContext exec = ctx.MakeExecutionContext();
  exec.fn = fn;
  if (!value || value->IsFoldable()) {
    Value v = value ? ExpressionExecutor::EvaluateScalar(*value, exec) : Value::Null(column.type);
    if (v.is_null() && column.not_null && !rows.empty()) ContainsNulls(table, column.name);
    if (!v.is_null()) column.missing = access::EncodeMissingValue(v);
    change.PutTable(std::move(updated));
    return;
  }
  RewriteRows(ctx, table, updated, [&](const std::vector<Value>& row) {
    std::vector<Value> out = row;
    out.push_back(ExpressionExecutor::EvaluateScalar(*value, exec));
    return out;
  });
  change.PutTable(std::move(updated));
}

// DROP [COLUMN] [IF EXISTS] c: the indexes and constraints on the column go with it (the primary
// key too: the rows then move to hidden row ids), and so do the sequences it owns; every row is
// rewritten without the column.
void DropColumn(const ast::AlterTableCmd& cmd, const TableEntry& before, CatalogChange& change, CommandContext& ctx,
                std::vector<Error>* notices) {
  int c = before.FindColumn(cmd.name);
  if (c < 0) {
    if (cmd.missing_ok) {
      notices->push_back(Error(sqlstate::kSuccess, "column \"" + cmd.name + "\" of relation \"" + before.name +
                                                       "\" does not exist, skipping"));
      return;
    }
    ColumnOrThrow(before, cmd.name);
  }
  uint32_t col = static_cast<uint32_t>(c);
  uint32_t table_id = before.id;
  // The generated columns computed from the column go first (with CASCADE; 2BP01 without).
  std::vector<uint32_t> generated = GeneratedColumnsUsing(before, col);
  if (!generated.empty() && !cmd.cascade) {
    std::string detail;
    for (uint32_t g : generated) {
      detail += (detail.empty() ? "" : "\n") + DescribeObject(change.catalog(), ObjectAddress::Column(table_id, g)) +
                " depends on " + DescribeObject(change.catalog(), ObjectAddress::Column(table_id, col));
    }
    throw Error(sqlstate::kDependentObjectsStillExist, "cannot drop column " + cmd.name + " of table " + before.name +
                                                           " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  for (auto g = generated.rbegin(); g != generated.rend(); ++g) {
    const TableEntry& now = *change->GetTable(table_id);
    notices->push_back(Error(sqlstate::kSuccess, "drop cascades to " +
                                                     DescribeObject(change.catalog(), ObjectAddress::Column(table_id, *g))));
    ast::AlterTableCmd drop;
    drop.type = ast::AlterTableCmd::Type::kDropColumn;
    drop.name = now.columns[*g].name;
    drop.cascade = true;
    DropColumn(drop, now, change, ctx, notices);
  }
  const TableEntry& current = *change->GetTable(table_id);
  if (!generated.empty()) c = current.FindColumn(cmd.name);
  col = static_cast<uint32_t>(c);
  // Views, foreign keys of other tables (and with CASCADE, whatever else) that use the column; its
  // indexes, CHECKs, own foreign keys and sequence go below.
  DropDependents(change, {ObjectAddress::Column(table_id, col)}, cmd.cascade, notices);
  const TableEntry& table = *change->GetTable(table_id);
  auto uses_col = [&](const std::vector<uint32_t>& cols) { return std::find(cols.begin(), cols.end(), col) != cols.end(); };
  // The foreign keys of other tables referencing later columns: their positions shift.
  std::set<uint32_t> referencing;
  for (const auto& ref : change->ReferencesTo(table_id)) {
    if (ref.table->id != table_id) referencing.insert(ref.table->id);
  }
  for (uint32_t id : referencing) {
    TableEntry other = *change->GetTable(id);
    for (auto& fk : other.foreign_keys) {
      if (fk.ref_table != table_id) continue;
      for (auto& rc : fk.ref_columns) rc -= rc > col ? 1 : 0;
    }
    change.PutTable(std::move(other));
  }
  TableEntry updated = table;
  updated.columns.erase(updated.columns.begin() + c);
  // The table's own foreign keys on the column go with it (self-references also on the referenced side).
  std::erase_if(updated.foreign_keys, [&](const ForeignKeyEntry& fk) {
    return uses_col(fk.columns) || (fk.ref_table == table.id && uses_col(fk.ref_columns));
  });
  for (auto& fk : updated.foreign_keys) {
    for (auto& fc : fk.columns) fc -= fc > col ? 1 : 0;
    for (auto& fc : fk.delete_set_columns) fc -= fc > col ? 1 : 0;
    if (fk.ref_table == table.id) {
      for (auto& rc : fk.ref_columns) rc -= rc > col ? 1 : 0;
    }
  }
  updated.indexes.clear();
  updated.primary_index = -1;
  for (const IndexEntry& idx : table.indexes) {
    bool uses = false;
    for (uint32_t ic : idx.columns) uses = uses || ic == col;
    for (uint32_t ic : idx.include) uses = uses || ic == col;
    for (uint32_t ic : idx.expression_columns) uses = uses || ic == col;
    if (uses) continue;
    IndexEntry kept = idx;
    for (auto& ic : kept.columns) ic -= ic > col && ic != IndexEntry::kExpression ? 1 : 0;
    for (auto& ic : kept.include) ic -= ic > col ? 1 : 0;
    for (auto& ic : kept.expression_columns) ic -= ic > col ? 1 : 0;
    if (kept.primary) updated.primary_index = static_cast<int>(updated.indexes.size());
    updated.indexes.push_back(std::move(kept));
  }
  if (updated.primary_index < 0 && table.primary_index >= 0) updated.rowid_index_id = change.AllocateId();
  // CHECK constraints using the column go with it (their text names the dropped column).
  updated.checks.clear();
  for (const CheckEntry& check : table.checks) {
    if (std::find(check.columns.begin(), check.columns.end(), col) != check.columns.end()) continue;
    CheckEntry kept = check;
    for (auto& cc : kept.columns) cc -= cc > col ? 1 : 0;
    updated.checks.push_back(std::move(kept));
  }
  updated.schema_version++;
  for (const SequenceEntry* seq : change->OwnedSequences(table.id)) {
    if (seq->owner_column == col) {
      change.DropSequence(*seq);
    } else if (seq->owner_column > col) {
      SequenceEntry moved = *seq;
      moved.owner_column--;
      change.PutSequence(std::move(moved));
    }
  }
  RewriteRows(ctx, table, updated, [&](const std::vector<Value>& row) {
    std::vector<Value> out = row;
    out.erase(out.begin() + c);
    return out;
  });
  change.PutTable(std::move(updated));
  change.RenumberColumnReferences(table_id, col);
}

// ALTER [COLUMN] c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]: a NOT NULL integer
// column without a default draws new values from a sequence it owns (pg_dump writes identity
// columns this way); existing rows keep theirs.
void AddIdentity(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change, CommandContext& ctx) {
  int c = ColumnOrThrow(table, cmd.name);
  const ColumnEntry& column = table.columns[c];
  auto prerequisite = [&](const std::string& what) {
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                "column \"" + column.name + "\" of relation \"" + table.name + "\" " + what);
  };
  if (!column.not_null) prerequisite("must be declared NOT NULL before identity can be added");
  if (column.identity) prerequisite("is already an identity column");
  if (!column.default_sql.empty()) prerequisite("already has a default value");
  TypeId type = column.type.id;
  if (type != TypeId::kInt2 && type != TypeId::kInt4 && type != TypeId::kInt8) {
    throw Error(sqlstate::kInvalidParameterValue, "identity column type must be smallint, integer, or bigint");
  }
  TableEntry updated = table;
  uint32_t sequence = CreateOwnedSequence(change, ctx, table, static_cast<uint32_t>(c), cmd.identity_options, true);
  updated.columns[c].identity = cmd.identity;
  updated.columns[c].identity_sequence = sequence;
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

// ALTER [COLUMN] c SET DEFAULT expr / DROP DEFAULT: only new rows see it.
void SetDefault(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change, const CommandContext& ctx) {
  int c = ColumnOrThrow(table, cmd.name);
  TableEntry updated = table;
  if (updated.columns[c].generated) {
    Error e(sqlstate::kSyntaxError, "column \"" + cmd.name + "\" of relation \"" + table.name + "\" is a generated column");
    if (!cmd.default_value) e.WithHint("Use ALTER TABLE ... ALTER COLUMN ... DROP EXPRESSION instead.");
    throw e;
  }
  if (updated.columns[c].identity) {
    throw Error(sqlstate::kSyntaxError,
                "column \"" + cmd.name + "\" of relation \"" + table.name + "\" is an identity column")
        .WithHint(cmd.default_value ? "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead."
                                    : "Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.");
  }
  FunctionContext session = ctx.fn;
  session.catalog = &change.catalog();
  updated.columns[c].default_sql =
      cmd.default_value ? DefaultExpressionText(session, *cmd.default_value, updated.columns[c].type) : "";
  CheckColumnDefault(change.catalog(), updated, static_cast<size_t>(c));
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

// ALTER [COLUMN] c DROP EXPRESSION [IF EXISTS]: the column keeps its stored values and becomes an
// ordinary column (55000 when it is not generated; a NOTICE with IF EXISTS).
void DropExpression(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change,
                    std::vector<Error>* notices) {
  int c = ColumnOrThrow(table, cmd.name);
  if (!table.columns[c].generated) {
    std::string message = "column \"" + cmd.name + "\" of relation \"" + table.name + "\" is not a stored generated column";
    if (!cmd.missing_ok) throw Error(sqlstate::kObjectNotInPrerequisiteState, message);
    notices->push_back(Error(sqlstate::kSuccess, message + ", skipping"));
    return;
  }
  TableEntry updated = table;
  updated.columns[c].generated = 0;
  updated.columns[c].default_sql.clear();
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

// ALTER [COLUMN] c SET NOT NULL (the rows must have no NULL there: 23502) / DROP NOT NULL.
void SetNotNull(const ast::AlterTableCmd& cmd, bool not_null, const TableEntry& table, CatalogChange& change,
                CommandContext& ctx) {
  int c = ColumnOrThrow(table, cmd.name);
  TableEntry updated = table;
  if (!not_null) {
    const IndexEntry* pk = table.primary_key();
    for (uint32_t pc : pk ? pk->columns : std::vector<uint32_t>{}) {
      if (pc == static_cast<uint32_t>(c)) {
        throw Error(sqlstate::kInvalidTableDefinition, "column \"" + cmd.name + "\" is in a primary key");
      }
    }
    if (table.columns[c].identity) {
      throw Error(sqlstate::kInvalidTableDefinition,
                  "column \"" + cmd.name + "\" of relation \"" + table.name + "\" is an identity column");
    }
  } else if (!table.columns[c].not_null) {
    for (const auto& row : access::ReadRows(*ctx.txn, table)) {
      if (row.values[c].is_null()) ContainsNulls(table, cmd.name);
    }
  }
  updated.columns[c].not_null = not_null;
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

// ADD [CONSTRAINT name] CHECK (expr) [NOT VALID]: the stored rows must pass (23514) unless NOT
// VALID, which leaves them unchecked (convalidated false) until VALIDATE CONSTRAINT.
void AddCheck(const ast::TableConstraint& con, const TableEntry& table, CatalogChange& change, CommandContext& ctx) {
  CheckEntry check = DefineCheck(change.catalog(), ctx.fn, table, con, change.AllocateId(), {});
  if (con.not_valid) {
    check.validated = false;
  } else {
    ValidateCheck(ctx, change.catalog(), table, check);
  }
  TableEntry updated = table;
  updated.checks.push_back(std::move(check));
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

// ADD [CONSTRAINT name] UNIQUE [NULLS [NOT] DISTINCT] (columns): a unique index built from the
// stored rows (23505 on a duplicate).
void AddUnique(const ast::TableConstraint& con, const TableEntry& table, CatalogChange& change, CommandContext& ctx) {
  std::vector<uint32_t> cols;
  for (const auto& name : con.columns) {
    int c = table.FindColumn(name);
    if (c < 0) throw Error(sqlstate::kUndefinedColumn, "column \"" + name + "\" named in key does not exist");
    cols.push_back(static_cast<uint32_t>(c));
  }
  RequireIndexable(table, cols);
  if (!con.name.empty() && (table.FindCheck(con.name))) {
    throw Error(sqlstate::kDuplicateObject,
                "constraint \"" + con.name + "\" for relation \"" + table.name + "\" already exists");
  }
  IndexEntry idx = MakeConstraintIndex(change.catalog(), change.AllocateId(), table, cols, false, con.name);
  idx.nulls_not_distinct = con.nulls_not_distinct;
  if (change->RelationExists(table.schema_id, idx.name)) {
    throw Error(sqlstate::kDuplicateTable, "relation \"" + idx.name + "\" already exists");
  }
  TableEntry updated = table;
  updated.indexes.push_back(idx);
  ExecutionContext exec = ctx.MakeExecutionContext();
  access::BuildIndexEntries(exec, updated, updated.indexes.back());
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

// ADD [CONSTRAINT name] FOREIGN KEY (columns) REFERENCES t [(columns)] ... [NOT VALID] (or a new
// column's REFERENCES, `column` its position): the stored rows must have their referenced rows
// (23503) unless NOT VALID.
void AddForeignKey(const ast::TableConstraint& con, int column, const TableEntry& table, CatalogChange& change,
                   CommandContext& ctx) {
  ForeignKeyEntry fk = DefineForeignKey(change.catalog(), table, con, column, change.AllocateId(), {}, change.path().user);
  if (con.not_valid) {
    fk.validated = false;
  } else {
    ValidateForeignKeyRows(ctx, change.catalog(), table, fk);
  }
  TableEntry updated = table;
  updated.foreign_keys.push_back(std::move(fk));
  updated.schema_version++;
  change.PutTable(std::move(updated));
}

void AddConstraint(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change, CommandContext& ctx) {
  const ast::TableConstraint& con = *cmd.constraint;
  switch (con.type) {
    case ast::TableConstraint::Type::kCheck: AddCheck(con, table, change, ctx); break;
    case ast::TableConstraint::Type::kUnique: AddUnique(con, table, change, ctx); break;
    case ast::TableConstraint::Type::kForeignKey: AddForeignKey(con, -1, table, change, ctx); break;
    case ast::TableConstraint::Type::kPrimaryKey: AddPrimaryKey(cmd, table, change, ctx); break;
  }
}

[[noreturn]] void NoSuchConstraint(const TableEntry& table, const std::string& name) {
  throw Error(sqlstate::kUndefinedObject,
              "constraint \"" + name + "\" of relation \"" + table.name + "\" does not exist");
}

// DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]: a CHECK constraint, or a UNIQUE / PRIMARY
// KEY constraint with its index (without a primary key the rows move to hidden row ids; the
// columns stay NOT NULL, as in PostgreSQL), or a FOREIGN KEY. Foreign keys of other tables
// depend on the key they reference (2BP01; CASCADE drops them).
void DropConstraint(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change, CommandContext& ctx,
                    std::vector<Error>* notices) {
  TableEntry updated = table;
  if (table.FindCheck(cmd.name) || table.FindForeignKey(cmd.name)) {
    std::erase_if(updated.checks, [&](const CheckEntry& c) { return c.name == cmd.name; });
    std::erase_if(updated.foreign_keys, [&](const ForeignKeyEntry& fk) { return fk.name == cmd.name; });
    updated.schema_version++;
    change.PutTable(std::move(updated));
    return;
  }
  const IndexEntry* index = table.FindConstraintIndex(cmd.name);
  if (!index) {
    if (cmd.missing_ok) return;  // NOTICE: constraint "c" of relation "t" does not exist, skipping
    NoSuchConstraint(table, cmd.name);
  }
  uint32_t index_id = index->id;
  bool primary = index->primary;
  DropDependentForeignKeys(change, table, "constraint " + cmd.name + " on table " + table.name, "index " + index->name,
                           [&](const ForeignKeyEntry& fk) { return fk.ref_index == index_id; }, cmd.cascade, notices);
  // The table's own foreign keys referencing the key go with it under CASCADE.
  for (const auto& fk : table.foreign_keys) {
    if (fk.ref_table != table.id || fk.ref_index != index_id) continue;
    if (!cmd.cascade) {
      throw Error(sqlstate::kDependentObjectsStillExist,
                  "cannot drop constraint " + cmd.name + " on table " + table.name + " because other objects depend on it")
          .WithDetail("constraint " + fk.name + " on table " + table.name + " depends on index " + cmd.name)
          .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
  }
  std::erase_if(updated.foreign_keys,
                [&](const ForeignKeyEntry& fk) { return fk.ref_table == table.id && fk.ref_index == index_id; });
  std::erase_if(updated.indexes, [&](const IndexEntry& idx) { return idx.id == index_id; });
  updated.schema_version++;
  if (!primary) {
    access::DeleteIndexData(*ctx.txn, table.id, index_id);
    change.PutTable(std::move(updated));
    return;
  }
  updated.primary_index = -1;
  updated.rowid_index_id = change.AllocateId();
  RewriteRows(ctx, table, updated, [](const std::vector<Value>& row) { return row; });
  change.PutTable(std::move(updated));
}

// VALIDATE CONSTRAINT name: checks the stored rows against a NOT VALID CHECK constraint.
void ValidateConstraint(const ast::AlterTableCmd& cmd, const TableEntry& table, CatalogChange& change,
                        CommandContext& ctx) {
  if (const ForeignKeyEntry* fk = table.FindForeignKey(cmd.name)) {
    if (fk->validated) return;
    ValidateForeignKeyRows(ctx, change.catalog(), table, *fk);
    TableEntry updated = table;
    for (auto& f : updated.foreign_keys) f.validated = f.validated || f.name == cmd.name;
    change.PutTable(std::move(updated));
    return;
  }
  const CheckEntry* check = table.FindCheck(cmd.name);
  if (!check) {
    if (table.FindConstraintIndex(cmd.name)) {
      throw Error(sqlstate::kWrongObjectType, "constraint \"" + cmd.name + "\" of relation \"" + table.name +
                                                  "\" is not a foreign key or check constraint");
    }
    NoSuchConstraint(table, cmd.name);
  }
  if (check->validated) return;
  ValidateCheck(ctx, change.catalog(), table, *check);
  TableEntry updated = table;
  for (auto& c : updated.checks) c.validated = c.validated || c.name == cmd.name;
  change.PutTable(std::move(updated));
}

}  // namespace

CommandResult Execute(const ast::AlterTableStmt& stmt, CommandContext& ctx) {
  bool owner_only = true;
  for (const auto& cmd : stmt.cmds) owner_only = owner_only && cmd.type == ast::AlterTableCmd::Type::kOwnerTo;
  if (owner_only) return ExecuteOwnerTo(stmt, ctx);
  CatalogChange change(ctx);
  BinderEnv env;
  env.catalog = &change.catalog();
  env.fn_ctx = &ctx.fn;
  Binder binder(env);
  const TableEntry* table = nullptr;
  try {
    table = binder.ResolveTargetTable(stmt.table, "alter");
  } catch (Error& e) {
    if (stmt.missing_ok && e.sqlstate() == sqlstate::kUndefinedTable) {
      CommandResult skipped{"ALTER TABLE"};
      skipped.notices.push_back(
          Error(sqlstate::kSuccess, "relation \"" + stmt.table.name + "\" does not exist, skipping"));
      return skipped;
    }
    throw;
  }
  uint32_t table_id = table->id;
  CommandResult result{"ALTER TABLE"};
  using T = ast::AlterTableCmd::Type;
  // The ALTER COLUMN TYPE subcommands run together, where the first of them stands.
  std::vector<const ast::AlterTableCmd*> type_changes;
  for (const auto& cmd : stmt.cmds) {
    if (cmd.type == T::kAlterColumnType) type_changes.push_back(&cmd);
  }
  for (const auto& cmd : stmt.cmds) {
    const TableEntry& current = *change->GetTable(table_id);
    switch (cmd.type) {
      case T::kAddPrimaryKey: AddPrimaryKey(cmd, current, change, ctx); break;
      case T::kAddColumn:
        if (current.FindColumn(cmd.column->name) >= 0 && cmd.missing_ok) {
          result.notices.push_back(Error(sqlstate::kSuccess, "column \"" + cmd.column->name + "\" of relation \"" +
                                                                 current.name + "\" already exists, skipping"));
          break;
        }
        AddColumn(cmd, current, change, ctx);
        for (const auto& con : cmd.column->constraints) {
          if (con.type == ast::TableConstraint::Type::kCheck) AddCheck(con, *change->GetTable(table_id), change, ctx);
          if (con.type == ast::TableConstraint::Type::kForeignKey) {
            const TableEntry& now = *change->GetTable(table_id);
            AddForeignKey(con, now.FindColumn(cmd.column->name), now, change, ctx);
          }
        }
        break;
      case T::kAddConstraint: AddConstraint(cmd, current, change, ctx); break;
      case T::kDropConstraint: DropConstraint(cmd, current, change, ctx, &result.notices); break;
      case T::kValidateConstraint: ValidateConstraint(cmd, current, change, ctx); break;
      case T::kDropColumn: DropColumn(cmd, current, change, ctx, &result.notices); break;
      case T::kSetDefault: SetDefault(cmd, current, change, ctx); break;
      case T::kSetNotNull: SetNotNull(cmd, true, current, change, ctx); break;
      case T::kDropExpression: DropExpression(cmd, current, change, &result.notices); break;
      case T::kDropNotNull: SetNotNull(cmd, false, current, change, ctx); break;
      case T::kAlterColumnType:
        if (&cmd == type_changes.front()) AlterColumnTypes(type_changes, current, change, ctx);
        break;
      case T::kOwnerTo: ChangeTableOwner(current, cmd.owner, change, ctx); break;
      case T::kAddIdentity: AddIdentity(cmd, current, change, ctx); break;
    }
  }
  change.Publish();
  return result;
}

}  // namespace kanto::commands
