// Binder: resolves names against the catalog, infers and coerces types as PostgreSQL does, and
// turns a statement's AST into a logical plan.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "parser/ast_stmt.hpp"
#include "planner/bind_context.hpp"
#include "planner/logical_operator.hpp"

namespace kanto {

class ExprBinder;
struct SrfCollector;
enum class SrfPhase : uint8_t;

enum class BoundStatementKind : uint8_t { kSelect, kInsert, kUpdate, kDelete, kMerge };

struct BoundStatement {
  BoundStatementKind kind = BoundStatementKind::kSelect;
  LogicalOperatorPtr plan;
  std::vector<std::string> names;  // output column names
  std::vector<LogicalType> types;  // output column types
  bool returns_rows = true;        // SELECT, or DML with RETURNING
  std::string locking;             // SELECT ... FOR UPDATE etc.: "SELECT FOR UPDATE" (read-only check)
};

// "FOR UPDATE", "FOR NO KEY UPDATE", "FOR SHARE" or "FOR KEY SHARE": the first locking clause.
std::string LockingClauseName(const ast::SelectStmt& stmt);

// Per-statement state shared by the binder and its sub-binders (subqueries).
struct BinderEnv {
  const Catalog* catalog = nullptr;
  // $n types: given by the client (prepared statements) or inferred while binding (kUnknown until then).
  std::vector<LogicalType> param_types;
  uint32_t next_table_index = 0;
  // Context for constant folding (time zone); may be null.
  const FunctionContext* fn_ctx = nullptr;
  int view_depth = 0;  // nesting of views being expanded
  // When set (CREATE VIEW), each relation the statement names itself (not those inside the views it
  // reads) is recorded: its id and the table index its columns bind to (kNoTableIndex for views,
  // whose column references are not recorded).
  struct RelationRef {
    uint32_t relation_id = 0;
    uint32_t table_index = 0;
  };
  static constexpr uint32_t kNoTableIndex = UINT32_MAX;
  std::vector<RelationRef>* relation_refs = nullptr;
  // Names resolve through the session's search_path (fn_ctx), else the default one; while a view
  // is expanded, through the path it was created under.
  const SearchPath& search_path() const;
  const SearchPath* view_path = nullptr;
  // The statement reads session state as constants (pg_settings, pg_stat_activity, pg_locks): its
  // plan must not be reused.
  bool reads_session_state = false;
  // The relations the statement reads or writes, with the lock each needs (relation OID -> 1
  // AccessShare, 2 RowShare (FOR UPDATE / SHARE), 3 RowExclusive (INSERT / UPDATE / DELETE target)),
  // plus kAlsoRowShare when a written table is also read FOR KEY SHARE (a cascaded key update's
  // check of the new key: PostgreSQL holds both modes).
  static constexpr int kAlsoRowShare = 16;
  std::map<uint32_t, int> relation_locks;
  // The privileges the statement needs, in the order PostgreSQL checks them (its range table: the
  // target first, then FROM items; a view's relations after it, as the view's owner), and whether
  // the statement reads a column of its INSERT / UPDATE / DELETE target (then it needs SELECT too).
  std::vector<RelationPermission> permissions;
  std::shared_ptr<bool> target_reads;
  int target_permission = -1;  // its place in `permissions`
  uint32_t check_as = 0;       // while a view is expanded: its owner
  std::vector<RelationPermission> view_permissions;  // those of relations inside views
  // `permissions`, with SELECT on the target when the statement reads it.
  std::vector<RelationPermission> RequiredPermissions() const;
  // Data-modifying WITH queries (INSERT / UPDATE / DELETE, main/data_modifying_with.cpp runs each
  // on its own): the rows each returned, which references to it read (its RETURNING
  // names and types; `rows` empty while only types are wanted). Null: such WITH queries are
  // refused (0A000). `outer_with`: the WITH clause a data-modifying query bound on its own sees.
  struct ReturnedRows {
    bool returning = false;
    std::vector<std::string> names;
    std::vector<LogicalType> types;
    std::vector<std::vector<Value>> rows;
  };
  const std::map<const ast::CommonTableExpr*, ReturnedRows>* returned = nullptr;
  // When set: each data-modifying WITH query the statement references is added (the order they run
  // in depends on it, main/data_modifying_with.cpp).
  std::vector<const ast::CommonTableExpr*>* references = nullptr;
  const ast::WithClause* outer_with = nullptr;
  // The data-modifying WITH query being bound on its own (a reference to itself is 42P19).
  const ast::CommonTableExpr* modifying = nullptr;
  // When set (main/literal_plan_cache.cpp), every coercion of a $n is recorded, so that a later
  // value for it can be checked to convert before the plan is reused.
  struct ParamCoercion {
    uint32_t param = 0;
    LogicalType target;
    CastContext context = CastContext::kImplicit;
  };
  std::vector<ParamCoercion>* param_coercions = nullptr;
};

// The recursive WITH query being bound: references to it in its recursive term read the working
// table (LogicalCteScan).
struct RecursiveRef {
  std::string name;
  uint32_t cte_id = 0;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  int uses = 0;
};

// Expands GROUP BY items (with ROLLUP, CUBE, GROUPING SETS, ()) into grouping sets; `bind` binds one
// grouping expression and returns its index among the query's distinct group expressions.
std::vector<std::vector<uint32_t>> ExpandGroupingSets(const ast::ExprList& group_by,
                                                      const std::function<uint32_t(const ast::Expr&)>& bind);

// WITH queries visible at one query level (and, through `parent`, those of enclosing levels).
struct CteScope {
  std::map<std::string, const ast::CommonTableExpr*> ctes;
  const CteScope* parent = nullptr;
  bool recursive = false;             // WITH RECURSIVE: every query sees all of the clause's queries
  RecursiveRef* working = nullptr;    // set while binding a recursive term
  const ast::CommonTableExpr* Find(const std::string& name) const {
    if (working && working->name == name) return nullptr;
    auto it = ctes.find(name);
    if (it != ctes.end()) return it->second;
    return parent ? parent->Find(name) : nullptr;
  }
  RecursiveRef* FindWorking(const std::string& name) const {
    if (working && working->name == name) return working;
    if (ctes.count(name)) return nullptr;
    return parent ? parent->FindWorking(name) : nullptr;
  }
};

// The outer query's scope as seen from a subquery: names not found inside resolve here, and each
// outer expression used becomes one correlated value (kOuterRef) of the subquery.
struct CorrelationContext {
  const BindContext* scope = nullptr;      // the outer query's FROM scope
  CorrelationContext* parent = nullptr;    // when the outer query is itself a subquery
  std::vector<BoundExprPtr> correlated;    // bound in the outer query's context
  // Returns a kOuterRef for `names`, or null when no outer query has them.
  BoundExprPtr Resolve(const std::vector<std::string>& names, int location);
};

class Binder {
 public:
  explicit Binder(BinderEnv& env) : env_(env) {}

  BoundStatement Bind(const ast::Statement& stmt);

  // Exposed for DDL and default expressions: binds an expression without any columns in scope.
  BoundExprPtr BindStandaloneExpr(const ast::Expr& expr);
  // Coerces `e` to `target` (folding constants, typing $n), or throws 42804 / 42846.
  BoundExprPtr Coerce(BoundExprPtr e, const LogicalType& target, CastContext ctx, int location = -1);

  // The table or view `rv` names, through the search path (42P01 when none); ResolveTable records
  // it in env_.relation_locks (AccessShareLock at least).
  const TableEntry* ResolveTable(const ast::RangeVar& rv) const;
  const TableEntry* FindTableRef(const ast::RangeVar& rv) const;
  // Binds a column's DEFAULT expression (throws if it cannot become the column type).
  void BindColumnDefaultForCheck(const TableEntry& table, size_t column) { BindColumnDefault(table, column); }
  // Binds a CHECK constraint (bind_check.cpp) over the table's columns, a column ref reading row
  // position = column number; *columns (optional) gets the columns it uses.
  BoundExprPtr BindCheckConstraint(const TableEntry& table, const ast::Expr& expr, std::vector<uint32_t>* columns = nullptr);
  BoundExprPtr BindCheckConstraint(const TableEntry& table, const std::string& sql,
                                   std::vector<uint32_t>* columns = nullptr);
  // Binds ALTER COLUMN TYPE's USING expression over the table's columns (a column ref reads row
  // position = column number): no subqueries, aggregates, window functions or parameters.
  BoundExprPtr BindTransformExpr(const TableEntry& table, const ast::Expr& expr);
  // The same for the other expressions stored with a table (bind_check.cpp): an index key
  // expression, an index predicate (boolean) or a column's generation expression, each refusing
  // subqueries, aggregates, window functions and functions that are not immutable (42P17), as
  // PostgreSQL does.
  enum class RowExpression : uint8_t { kIndexExpression, kIndexPredicate, kGeneration };
  BoundExprPtr BindRowExpression(const TableEntry& table, const ast::Expr& expr, RowExpression kind,
                                 std::vector<uint32_t>* columns = nullptr);
  BoundExprPtr BindRowExpression(const TableEntry& table, const std::string& sql, RowExpression kind,
                                 std::vector<uint32_t>* columns = nullptr);
  static LogicalType ResolveTypeName(const ast::TypeName& t);
  // A built-in type, else a user-defined one of `catalog` (CREATE TYPE) found along `path`
  // (user_type_names.cpp); 42704 when neither has it.
  static LogicalType ResolveTypeName(const ast::TypeName& t, const Catalog* catalog, const SearchPath& path);

 private:
  friend class ExprBinder;

  BoundStatement BindSelectStatement(const ast::SelectStmt& stmt);
  BoundStatement BindInsert(const ast::InsertStmt& stmt);
  BoundStatement BindUpdate(const ast::UpdateStmt& stmt);
  BoundStatement BindDelete(const ast::DeleteStmt& stmt);
  BoundStatement BindMerge(const ast::MergeStmt& stmt);  // bind_merge.cpp

  // SELECT core: returns a plan whose output is the visible select list.
  LogicalOperatorPtr BindSelectNode(const ast::SelectStmt& stmt, std::vector<std::string>* names);
  LogicalOperatorPtr BindSelectBody(const ast::SelectStmt& stmt, std::vector<std::string>* names);
  LogicalOperatorPtr BindValuesNode(const ast::SelectStmt& stmt, std::vector<std::string>* names);
  LogicalOperatorPtr BindSetOperation(const ast::SelectStmt& stmt, std::vector<std::string>* names);
  LogicalOperatorPtr BindFrom(const std::vector<ast::TableRefPtr>& from, BindContext& scope);
  // A set-returning function over bound arguments, as a FROM item without an ordinality column
  // (bind_set_function.cpp).
  std::unique_ptr<LogicalTableFunction> BindSetFunction(const std::string& name, std::vector<BoundExprPtr> args,
                                                        int location);
  // Records a set-returning call outside FROM and returns a reference to its value; AddProjectSet
  // then runs the calls of `phase` once per row of `plan`
  // (bind_project_set.cpp, project_set.hpp).
  BoundExprPtr CollectSetFunction(SrfCollector& srfs, const std::string& name, std::vector<BoundExprPtr> args,
                                  int location);
  LogicalOperatorPtr AddProjectSet(LogicalOperatorPtr plan, SrfCollector& srfs, SrfPhase phase);
  // Adds `fn`, numbered WITH ORDINALITY (its last column), to the lock-step `functions` (FULL JOIN on
  // the number, kept in `ordinal`); its outer references move up by `outer_offset` (bind_rows_from.cpp).
  void ZipFunction(LogicalOperatorPtr* functions, BoundExprPtr* ordinal, LogicalOperatorPtr fn, uint32_t outer_offset,
                   int location);
  LogicalOperatorPtr BindTableRef(const ast::TableRef& ref, BindContext& scope);
  // Functions in FROM side by side (bind_rows_from.cpp): row n holds each one's n-th row, NULLs past
  // the end of a shorter one. Each function's scope entry (its columns, then its ordinality) goes to
  // `entries`, the row number to `ordinal`; their lateral references accumulate in lateral_params_.
  LogicalOperatorPtr BindZippedFunctions(const std::vector<const ast::FunctionRef*>& refs,
                                         std::vector<BindingEntry>* entries, BoundExprPtr* ordinal);
  // ROWS FROM (f(...), g(...)) [WITH ORDINALITY] (bind_rows_from.cpp).
  LogicalOperatorPtr BindRowsFrom(const ast::FunctionRef& f, BindingEntry* entry);
  // An int2vector as the int2[] it holds (for ANY, subscripts, unnest); anything else unchanged.
  BoundExprPtr AsArray(BoundExprPtr e);
  std::vector<BoundExprPtr> SubscriptSeries(ExprBinder& eb, std::vector<BoundExprPtr> args, int location);
  LogicalOperatorPtr BindScalarFunctionInFrom(const ast::FunctionRef& f, const std::string& name, BindContext& scope);
  LogicalOperatorPtr BindSystemTable(uint32_t schema_id, const ast::BaseTableRef& base, BindContext& scope);
  // table TABLESAMPLE method (percentage): the table's rows, each kept with that probability
  // (bind_tablesample.cpp).
  LogicalOperatorPtr BindTableSample(const ast::BaseTableRef& ref, BindContext& scope);
  // Binds a subquery in FROM; LATERAL ones see `lateral_scope_` through outer references.
  LogicalOperatorPtr BindFromSubquery(const ast::SelectStmt& query, bool lateral, std::vector<std::string>* names);
  LogicalOperatorPtr BindView(const TableEntry& view, const ast::TableRef& ref, BindContext& scope);
  LogicalOperatorPtr BindCte(const ast::CommonTableExpr& cte, const ast::TableRef& ref, BindContext& scope);
  LogicalOperatorPtr ReturnedRowsOf(const ast::CommonTableExpr& cte, std::vector<std::string>* names);
  // WITH RECURSIVE q AS (anchor UNION [ALL] recursive term): null when the query does not refer to
  // itself (then it is bound as an ordinary WITH query).
  LogicalOperatorPtr BindRecursiveCte(const ast::CommonTableExpr& cte, std::vector<std::string>* names);
  LogicalOperatorPtr BindWorkingTable(RecursiveRef& ref, const ast::TableRef& table_ref, BindContext& scope);
  // Makes the WITH clause's queries visible while binding the rest of the statement.
  void EnterWith(const ast::WithClause* with, CteScope* scope);
  LogicalOperatorPtr AddOrderAndLimit(LogicalOperatorPtr plan, const ast::SelectStmt& stmt,
                                      const std::vector<std::string>& names);
  BoundExprPtr BindLimitExpr(const ast::Expr* e, const char* what);
  // FOR UPDATE / SHARE (bind_locking.cpp): the rows to lock, one key column per table.
  struct LockTarget {
    BoundExprPtr key;  // the scan's row key column
    std::string relation;
    std::shared_ptr<const TableEntry> table;
    RowLockStrength strength = RowLockStrength::kUpdate;
    LockWait wait = LockWait::kBlock;
  };
  std::vector<LockTarget> BindLocking(const ast::SelectStmt& stmt, LogicalOperator& from, const BindContext& scope);
  std::string locking_;  // the statement's first locking clause, "" when none
  // RETURNING over the table's row, named `alias` (the table's alias, or its name); `excluded`: ON
  // CONFLICT DO UPDATE's EXCLUDED is in the statement, but not visible here.
  std::vector<BoundExprPtr> BindReturning(const std::vector<ast::ResTarget>& returning, const TableEntry& table,
                                          const std::string& alias, bool excluded, uint32_t table_index,
                                          std::vector<std::string>* names);
  // UPDATE's and ON CONFLICT DO UPDATE's SET list: one expression per table column (null:
  // unchanged), coerced to the column's type.
  std::vector<BoundExprPtr> BindSetList(const TableEntry& table, const std::vector<ast::SetClause>& set,
                                        ExprBinder& eb);
  // INSERT ... ON CONFLICT DO UPDATE: its SET list and WHERE over the conflicting row (`alias`) and
  // the row proposed for insertion (EXCLUDED).
  void BindConflictUpdate(const ast::InsertStmt& stmt, const TableEntry& table, LogicalModify& insert);
  BoundExprPtr BindColumnDefault(const TableEntry& table, size_t column);
  // INSERT's target columns: `columns` (42703 for one the table lacks, 42701 for one given twice),
  // or every column in order when empty.
  std::vector<int> InsertTargets(const TableEntry& table, const std::vector<std::string>& columns, int location) const;
  // One VALUES row of INSERT or of MERGE's INSERT action, for the columns `targets` (42601 when
  // the widths differ; an empty row is DEFAULT VALUES): one expression per table column, coerced
  // to its type, the column's default where the row gives none or DEFAULT (identity columns as
  // `overriding` says; 428C9 for a value given to a generated column).
  std::vector<BoundExprPtr> BindInsertRow(const TableEntry& table, const std::vector<int>& targets,
                                          const ast::ExprList& row, ast::InsertStmt::Overriding overriding,
                                          ExprBinder& eb, int location);
 public:
  // Binds a SELECT for DDL (CREATE VIEW): output names and types.
  LogicalOperatorPtr BindQuery(const ast::SelectStmt& stmt, std::vector<std::string>* names) {
    return BindSelectNode(stmt, names);
  }
  // Resolves a table that a statement will modify (not a view). Throws 0A000 for views.
  const TableEntry* ResolveTargetTable(const ast::RangeVar& rv, const char* verb) const;
  // Records that the statement needs `required` on the relation (as the current user, or inside a
  // view as its owner).
  void RequirePermission(uint32_t relation_id, uint32_t required) const;
  // The table locks of the foreign key checks and actions a write of `table` runs
  // (bind_foreign_key_locks.cpp): an INSERT (changed null), an UPDATE of the columns marked in
  // `changed`, or a DELETE.
  void LockForeignKeyTables(const TableEntry& table, bool is_delete, const std::vector<bool>* changed) const;

 private:
  // Completes an INSERT/UPDATE/DELETE: target, RETURNING, child, output description.
  void BindCascadeTargets(LogicalModify& op, const TableEntry& table);
  BoundStatement FinishModify(std::unique_ptr<LogicalModify> op, const TableEntry& table, const std::string& alias,
                              const std::vector<ast::ResTarget>& returning, LogicalOperatorPtr child,
                              BoundStatementKind kind);
  // The target's scan (with its row keys) and WHERE filter; *recheck gets a second binding of WHERE.
  LogicalOperatorPtr BindModifyTarget(const TableEntry& table, const std::string& alias, const ast::Expr* where,
                                      BindContext& scope, BoundExprPtr* recheck);

  uint32_t NewTableIndex() { return env_.next_table_index++; }

  BinderEnv& env_;
  CorrelationContext* correlation_ = nullptr;  // set when binding a subquery
  const CteScope* ctes_ = nullptr;             // WITH queries in scope
  const ast::WithClause* top_with_ = nullptr;  // the statement's own WITH clause
  // FROM items to the left of the one being bound (LATERAL subqueries and functions in FROM may
  // refer to them), and the outer values such an item took from them (set by BindTableRef).
  const BindContext* lateral_scope_ = nullptr;
  std::vector<BoundExprPtr> lateral_params_;
  bool binding_sample_ = false;  // BindTableSample is binding the sampled table itself
};

}  // namespace kanto
