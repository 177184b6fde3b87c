// Kanto's own syntax tree for statements and table references.
#pragma once

#include "parser/ast_expr.hpp"

namespace kanto::ast {

// [catalog.][schema.]name [AS alias (col, ...)]
struct RangeVar {
  std::string catalog;
  std::string schema;
  std::string name;
  int location = -1;
};

struct Alias {
  std::string name;  // empty: no alias
  std::vector<std::string> columns;
};

enum class TableRefKind : uint8_t { kBase, kJoin, kSubquery, kFunction, kValues };

struct TableRef {
  explicit TableRef(TableRefKind k) : kind(k) {}
  virtual ~TableRef() = default;
  TableRefKind kind;
  Alias alias;
  int location = -1;
};
using TableRefPtr = std::unique_ptr<TableRef>;

// TABLESAMPLE method (args) [REPEATABLE (seed)] on a table.
struct TableSample {
  std::string method;
  ExprList args;
  ExprPtr repeatable;
  int location = -1;
};

struct BaseTableRef : TableRef {
  BaseTableRef() : TableRef(TableRefKind::kBase) {}
  RangeVar table;
  bool only = false;
  std::unique_ptr<TableSample> sample;
};

struct JoinRef : TableRef {
  enum class Type : uint8_t { kInner, kLeft, kRight, kFull, kCross };
  JoinRef() : TableRef(TableRefKind::kJoin) {}
  Type type = Type::kInner;
  TableRefPtr left;
  TableRefPtr right;
  ExprPtr condition;                    // ON; null for CROSS/USING/NATURAL
  std::vector<std::string> using_cols;  // USING (a, b)
  bool natural = false;
};

struct SubqueryRef : TableRef {
  SubqueryRef() : TableRef(TableRefKind::kSubquery) {}
  std::unique_ptr<SelectStmt> query;
  bool lateral = false;
};

// FROM generate_series(1, 10) AS g(x) [WITH ORDINALITY]
struct FunctionRef : TableRef {
  FunctionRef() : TableRef(TableRefKind::kFunction) {}
  std::unique_ptr<FuncCall> call;
  // A function-like expression that is not a call (COALESCE, NULLIF, GREATEST, CAST, CURRENT_USER);
  // then call is null.
  ExprPtr expr;
  // ROWS FROM (f(...), g(...)): the functions side by side, each with call or expr (then this
  // item's call and expr are null).
  std::vector<std::unique_ptr<FunctionRef>> rows_from;
  bool lateral = false;
  bool ordinality = false;
};

struct ResTarget {
  ExprPtr expr;       // may be a ColumnRef with star
  std::string alias;  // AS name; empty when absent
  int location = -1;
};

struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;
  std::unique_ptr<struct Statement> query;  // usually a SelectStmt; may be INSERT/UPDATE/DELETE ... RETURNING
  enum class Materialized : uint8_t { kDefault, kAlways, kNever } materialized = Materialized::kDefault;
  int location = -1;
};

struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;
};

enum class StmtKind : uint8_t {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateIndex,
  kCreateSchema,
  kDrop,
  kTransaction,
  kExplain,
  kSet,
  kShow,
  kPrepare,
  kExecute,
  kDeallocate,
  kCreateView,
  kCreateSequence,
  kAlterSequence,
  kRename,
  kAlterTable,
  kTruncate,
  kVacuum,
  kCopy,
  kRole,
  kCursor,
  kDiscard,
  kNotify,
  kSetConstraints,
  kLock,
  kAlterObjectSchema,
  kDatabase,  // ast_database.hpp
  kAlterOwner,
  kComment,
  kMerge,
  kCreateType,
  kAlterType,
  kGrant,  // ast_grant.hpp
};

struct Statement {
  explicit Statement(StmtKind k) : kind(k) {}
  virtual ~Statement() = default;
  StmtKind kind;
  int location = 0;  // byte offset of the statement in the original text
  int length = 0;    // byte length (0: to the end)
};
using StatementPtr = std::unique_ptr<Statement>;

// One SELECT, VALUES list, or set operation; ORDER BY/LIMIT apply to the whole node.
struct SelectStmt : Statement {
  enum class SetOp : uint8_t { kNone, kUnion, kIntersect, kExcept };
  SelectStmt() : Statement(StmtKind::kSelect) {}
  ~SelectStmt() override {
    // A long chain (a UNION b UNION c ...) nests through larg: taken apart in a loop, not by recursion.
    std::unique_ptr<SelectStmt> next = std::move(larg);
    while (next) {
      std::unique_ptr<SelectStmt> deeper = std::move(next->larg);
      next = std::move(deeper);
    }
  }

  std::unique_ptr<WithClause> with;

  // Plain SELECT (set_op == kNone and values empty)
  std::vector<ResTarget> targets;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  ExprList group_by;  // expressions, or GroupingSet nodes
  bool group_by_distinct = false;
  ExprPtr having;
  std::vector<WindowDef> windows;  // WINDOW w AS (...)
  bool distinct = false;
  ExprList distinct_on;  // DISTINCT ON (...); non-empty implies distinct

  // VALUES (...), (...)
  std::vector<ExprList> values;

  // Set operation: larg op rarg
  SetOp set_op = SetOp::kNone;
  bool set_all = false;
  std::unique_ptr<SelectStmt> larg;
  std::unique_ptr<SelectStmt> rarg;

  std::vector<OrderByItem> order_by;
  ExprPtr limit;   // null: no limit (LIMIT ALL also gives null)
  ExprPtr offset;
  bool limit_with_ties = false;  // FETCH FIRST n ROWS WITH TIES

  // FOR UPDATE / FOR NO KEY UPDATE / FOR SHARE / FOR KEY SHARE [OF table, ...] [NOWAIT | SKIP LOCKED]
  struct LockingClause {
    enum class Strength : uint8_t { kKeyShare, kShare, kNoKeyUpdate, kUpdate };
    enum class Wait : uint8_t { kBlock, kSkipLocked, kNowait };
    Strength strength = Strength::kUpdate;
    std::vector<std::string> of;  // relation names or aliases; empty: every table in FROM
    Wait wait = Wait::kBlock;
    int location = -1;
  };
  std::vector<LockingClause> locking;
};

struct SetClause {
  std::string column;
  ExprPtr value;  // may be a DefaultMarker
  int location = -1;
};

struct IndexElem {
  std::string column;  // empty when expr is set
  ExprPtr expr;
  OrderByItem::Dir dir = OrderByItem::Dir::kDefault;
  OrderByItem::Nulls nulls = OrderByItem::Nulls::kDefault;
};

struct InsertStmt : Statement {
  InsertStmt() : Statement(StmtKind::kInsert) {}
  std::unique_ptr<WithClause> with;
  RangeVar table;
  std::string alias;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> select;  // null: DEFAULT VALUES
  // ON CONFLICT
  enum class OnConflict : uint8_t { kNone, kNothing, kUpdate } on_conflict = OnConflict::kNone;
  // OVERRIDING SYSTEM VALUE / USER VALUE (identity columns)
  enum class Overriding : uint8_t { kNone, kSystem, kUser } overriding = Overriding::kNone;
  // ON CONFLICT (columns and expressions) [WHERE predicate] or ON CONFLICT ON CONSTRAINT name
  // (both empty: no conflict target).
  std::vector<IndexElem> conflict_target;
  ExprPtr conflict_target_where;
  std::string conflict_constraint;
  int conflict_location = -1;
  std::vector<SetClause> conflict_set;
  ExprPtr conflict_where;
  std::vector<ResTarget> returning;
};

struct UpdateStmt : Statement {
  UpdateStmt() : Statement(StmtKind::kUpdate) {}
  std::unique_ptr<WithClause> with;
  RangeVar table;
  std::string alias;
  std::vector<SetClause> set;
  std::vector<TableRefPtr> from;
  ExprPtr where;
  std::vector<ResTarget> returning;
};

struct DeleteStmt : Statement {
  DeleteStmt() : Statement(StmtKind::kDelete) {}
  std::unique_ptr<WithClause> with;
  RangeVar table;
  std::string alias;
  std::vector<TableRefPtr> using_tables;
  ExprPtr where;
  std::vector<ResTarget> returning;
};

// One WHEN [NOT] MATCHED [AND condition] THEN action of MERGE.
struct MergeWhenClause {
  enum class Action : uint8_t { kUpdate, kDelete, kInsert, kNothing };
  bool matched = true;
  Action action = Action::kNothing;
  ExprPtr condition;  // null: none
  std::vector<SetClause> set;  // UPDATE SET
  // INSERT [(columns)] [OVERRIDING ...] VALUES (values); both empty: INSERT DEFAULT VALUES.
  std::vector<std::string> columns;
  ExprList values;
  InsertStmt::Overriding overriding = InsertStmt::Overriding::kNone;
};

// [WITH ...] MERGE INTO table [AS alias] USING source ON condition WHEN ... (PostgreSQL 15).
struct MergeStmt : Statement {
  MergeStmt() : Statement(StmtKind::kMerge) {}
  std::unique_ptr<WithClause> with;
  RangeVar table;
  std::string alias;
  TableRefPtr source;
  ExprPtr condition;
  std::vector<MergeWhenClause> clauses;
};

// Sequence options (CREATE / ALTER SEQUENCE, identity columns); unset fields were not given.
struct SequenceOptions {
  std::optional<TypeName> as_type;
  std::optional<int64_t> increment, start, cache;
  // MINVALUE n / NO MINVALUE (given, without a value), likewise MAXVALUE.
  bool min_given = false, max_given = false;
  std::optional<int64_t> min_value, max_value;
  std::optional<bool> cycle;
  bool restart = false;  // RESTART [WITH n]
  std::optional<int64_t> restart_with;
  bool owned_by_given = false;
  std::vector<std::string> owned_by;  // [schema.]table.column; empty with OWNED BY NONE
  std::string sequence_name;          // identity: SEQUENCE NAME [schema.]name
  std::string sequence_schema;        // "" when not qualified
  int location = -1;
};

// A constraint of CREATE TABLE (on a column or the table) or ALTER TABLE ADD CONSTRAINT.
struct TableConstraint {
  enum class Type : uint8_t { kPrimaryKey, kUnique, kCheck, kForeignKey };
  Type type = Type::kPrimaryKey;
  std::string name;  // CONSTRAINT name; empty: generated
  std::vector<std::string> columns;
  ExprPtr check;
  bool not_valid = false;           // CHECK ... NOT VALID
  bool no_inherit = false;          // CHECK ... NO INHERIT
  bool nulls_not_distinct = false;  // UNIQUE NULLS NOT DISTINCT
  // FOREIGN KEY (columns) REFERENCES ref_table (ref_columns) ...: actions and MATCH with
  // pg_constraint's codes ('a' NO ACTION, 'r' RESTRICT, 'c' CASCADE, 'n' SET NULL, 'd' SET DEFAULT;
  // 's' SIMPLE, 'f' FULL). A column's REFERENCES has no `columns` (that column).
  RangeVar ref_table;
  std::vector<std::string> ref_columns;  // empty: the referenced table's primary key
  char on_update = 'a';
  char on_delete = 'a';
  std::vector<std::string> delete_set_columns;  // ON DELETE SET NULL / SET DEFAULT (columns)
  char match = 's';
  bool deferrable = false;
  bool initially_deferred = false;
  int location = -1;
};

struct ColumnDef {
  std::string name;
  TypeName type;
  bool not_null = false;
  bool explicit_null = false;  // NULL written
  ExprPtr default_value;
  bool primary_key = false;
  bool unique = false;
  bool serial = false;  // serial/bigserial/smallserial (type is then the underlying integer)
  // GENERATED ALWAYS ('a') / BY DEFAULT ('d') AS IDENTITY [(options)]; 0 otherwise.
  char identity = 0;
  SequenceOptions identity_options;
  ExprPtr generated;  // GENERATED ALWAYS AS (expr) STORED
  int generated_location = -1;
  // CHECK constraints on the column, and the PRIMARY KEY / UNIQUE constraint when named or NULLS
  // NOT DISTINCT (columns empty: this column).
  std::vector<TableConstraint> constraints;
  int location = -1;
};


// SET CONSTRAINTS { ALL | name [, ...] } { DEFERRED | IMMEDIATE }
struct SetConstraintsStmt : Statement {
  SetConstraintsStmt() : Statement(StmtKind::kSetConstraints) {}
  std::vector<RangeVar> names;  // empty: ALL
  bool deferred = false;
};

// LIKE source [INCLUDING | EXCLUDING what ...] in CREATE TABLE: the source's columns, placed
// before columns[position] (the columns written after it follow).
struct TableLikeClause {
  // What INCLUDING copies besides names, types and NOT NULL (PostgreSQL's bits; ALL sets all).
  enum Option : uint32_t {
    kComments = 1u << 0,
    kCompression = 1u << 1,
    kConstraints = 1u << 2,
    kDefaults = 1u << 3,
    kGenerated = 1u << 4,
    kIdentity = 1u << 5,
    kIndexes = 1u << 6,
    kStatistics = 1u << 7,
    kStorage = 1u << 8,
  };
  RangeVar source;
  uint32_t options = 0;
  size_t position = 0;
  int location = -1;
};

struct CreateTableStmt : Statement {
  CreateTableStmt() : Statement(StmtKind::kCreateTable) {}
  RangeVar table;
  std::vector<ColumnDef> columns;
  std::vector<TableLikeClause> likes;  // in the order written
  std::vector<TableConstraint> constraints;
  bool if_not_exists = false;
  bool temporary = false;
  char on_commit = 0;  // temporary tables: 'd' ON COMMIT DELETE ROWS, 'x' ON COMMIT DROP, 0 PRESERVE ROWS
  std::unique_ptr<SelectStmt> as_select;  // CREATE TABLE ... AS SELECT / SELECT ... INTO
  std::vector<std::string> as_columns;     // CREATE TABLE t (a, b) AS ...: the column names
  std::unique_ptr<struct InsertStmt> as_insert;  // the same query as INSERT INTO t SELECT ...
  bool with_no_data = false;
};

struct CreateIndexStmt : Statement {
  CreateIndexStmt() : Statement(StmtKind::kCreateIndex) {}
  std::string name;  // empty: generated as PostgreSQL does (table_col_idx)
  RangeVar table;
  bool unique = false;
  bool nulls_not_distinct = false;  // UNIQUE ... NULLS NOT DISTINCT
  bool if_not_exists = false;
  bool concurrently = false;
  std::string method;  // "btree" unless USING ...
  std::vector<IndexElem> columns;
  std::vector<std::string> include;
  ExprPtr where;  // partial index
};

// A role named in a statement (OWNER TO, AUTHORIZATION): a name, or CURRENT_USER / CURRENT_ROLE /
// SESSION_USER, resolved when the statement runs.
struct RoleName {
  enum class Kind : uint8_t { kName, kCurrentUser, kSessionUser };
  Kind kind = Kind::kName;
  std::string name;
};

// CREATE ROLE/USER name [WITH] options, ALTER ROLE name [WITH] options, DROP ROLE [IF EXISTS] a, b.
struct RoleStmt : Statement {
  // kGrant / kRevoke: GRANT role, ... TO grantee, ... [WITH ADMIN OPTION] [GRANTED BY r] and
  // REVOKE [ADMIN OPTION FOR] role, ... FROM grantee, ... [GRANTED BY r] [CASCADE | RESTRICT].
  enum class Action : uint8_t { kCreate, kAlter, kDrop, kGrant, kRevoke };
  RoleStmt() : Statement(StmtKind::kRole) {}
  Action action = Action::kCreate;
  std::vector<std::string> names;  // one, except for DROP; the granted roles for GRANT / REVOKE
  bool missing_ok = false;         // DROP ROLE IF EXISTS
  int8_t login = -1, superuser = -1, createdb = -1, createrole = -1;  // -1: not mentioned
  int8_t inherit = -1, bypassrls = -1;
  bool connection_limit_given = false;
  int32_t connection_limit = -1;
  bool valid_until_given = false;
  std::string valid_until;  // the timestamptz text as written
  bool password_given = false;
  bool password_null = false;  // PASSWORD NULL
  std::string password;
  std::vector<RoleName> grantees;  // GRANT / REVOKE
  bool admin_option = false;       // WITH ADMIN OPTION; REVOKE ADMIN OPTION FOR
  bool has_grantor = false;        // GRANTED BY
  RoleName grantor;
  bool cascade = false;            // REVOKE ... CASCADE
};

struct CreateSchemaStmt : Statement {
  CreateSchemaStmt() : Statement(StmtKind::kCreateSchema) {}
  std::string name;  // AUTHORIZATION role without a name: the role's name
  bool has_authorization = false;
  RoleName authorization;
  bool if_not_exists = false;
};

struct DropStmt : Statement {
  enum class ObjectType : uint8_t { kTable, kIndex, kSchema, kView, kSequence, kRole, kType, kOther };
  DropStmt() : Statement(StmtKind::kDrop) {}
  ObjectType object_type = ObjectType::kTable;
  std::vector<RangeVar> objects;  // schema drops use .name
  bool if_exists = false;
  bool cascade = false;
};

// The modes of BEGIN / START TRANSACTION / SET TRANSACTION / SET SESSION CHARACTERISTICS.
struct TransactionModes {
  std::string isolation;  // "read committed", "repeatable read", "serializable", "read uncommitted", ""
  int read_only = -1;     // -1 unspecified, 0 READ WRITE, 1 READ ONLY
  int deferrable = -1;    // -1 unspecified, 0 NOT DEFERRABLE, 1 DEFERRABLE
};

struct TransactionStmt : Statement {
  enum class Type : uint8_t {
    kBegin, kStart, kCommit, kRollback, kSavepoint, kRelease, kRollbackTo, kPrepare, kCommitPrepared,
    kRollbackPrepared
  };
  TransactionStmt() : Statement(StmtKind::kTransaction) {}
  Type type = Type::kBegin;
  std::string savepoint;
  std::string gid;        // PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED
  TransactionModes modes;
  bool chain = false;     // AND CHAIN
};

// LISTEN channel | UNLISTEN channel | UNLISTEN * | NOTIFY channel [, 'payload']
struct NotifyStmt : Statement {
  enum class Action : uint8_t { kListen, kUnlisten, kUnlistenAll, kNotify };
  NotifyStmt() : Statement(StmtKind::kNotify) {}
  Action action = Action::kNotify;
  std::string channel;
  std::string payload;
};

struct ExplainStmt : Statement {
  ExplainStmt() : Statement(StmtKind::kExplain) {}
  StatementPtr stmt;
  bool analyze = false;
  bool verbose = false;
  bool costs = true;
  bool timing = true;
  bool summary = false;  // SUMMARY (planning and execution time); the parser resolves its default (ANALYZE)
  std::string format;  // "text" (default), "json", "yaml" or "xml"
};

// SET [LOCAL|SESSION] name TO/= value[, ...] | SET name TO DEFAULT | RESET name | RESET ALL |
// SET TIME ZONE ... | SET TRANSACTION modes | SET SESSION CHARACTERISTICS AS TRANSACTION modes
struct SetStmt : Statement {
  enum class Type : uint8_t { kSet, kSetDefault, kReset, kResetAll, kSetTransaction, kSetSessionCharacteristics };
  SetStmt() : Statement(StmtKind::kSet) {}
  Type type = Type::kSet;
  std::string name;  // lower-cased
  std::vector<std::string> values;  // each value's text (strings unquoted, numbers as written)
  bool is_local = false;
  TransactionModes modes;  // kSetTransaction, kSetSessionCharacteristics
};

struct ShowStmt : Statement {
  ShowStmt() : Statement(StmtKind::kShow) {}
  std::string name;  // lower-cased; "all" for SHOW ALL
};

// CREATE [OR REPLACE] VIEW name [(columns)] AS query
struct CreateViewStmt : Statement {
  CreateViewStmt() : Statement(StmtKind::kCreateView) {}
  RangeVar view;
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> query;
  bool replace = false;
  bool temporary = false;
  std::string definition;  // the statement's SQL text, stored so the view can be re-bound later
};

// One ALTER TABLE subcommand.
struct AlterTableCmd {
  enum class Type : uint8_t {
    kAddPrimaryKey,  // ADD [CONSTRAINT name] PRIMARY KEY (columns)
    kAddColumn,      // ADD [COLUMN] [IF NOT EXISTS] column definition
    kDropColumn,     // DROP [COLUMN] [IF EXISTS] name [CASCADE]
    kSetDefault,     // ALTER [COLUMN] name SET DEFAULT expr / DROP DEFAULT (default_value null)
    kSetNotNull,     // ALTER [COLUMN] name SET NOT NULL
    kDropNotNull,    // ALTER [COLUMN] name DROP NOT NULL
    kAddConstraint,  // ADD [CONSTRAINT name] CHECK (...) [NOT VALID] / UNIQUE (columns)
    kDropConstraint,      // DROP CONSTRAINT [IF EXISTS] name [CASCADE | RESTRICT]
    kValidateConstraint,  // VALIDATE CONSTRAINT name
    kAlterColumnType,     // ALTER [COLUMN] name [SET DATA] TYPE type [COLLATE c] [USING expr]
    kDropExpression,      // ALTER [COLUMN] name DROP EXPRESSION [IF EXISTS]
    kOwnerTo,             // OWNER TO role
    kAddIdentity,         // ALTER [COLUMN] name ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]
  };
  Type type = Type::kAddPrimaryKey;
  std::string name;  // the column, or the constraint name of ADD PRIMARY KEY
  bool missing_ok = false;  // IF [NOT] EXISTS
  bool cascade = false;
  std::vector<std::string> columns;  // PRIMARY KEY columns
  std::unique_ptr<ColumnDef> column;  // ADD COLUMN
  std::unique_ptr<TableConstraint> constraint;  // ADD CONSTRAINT
  ExprPtr default_value;              // SET DEFAULT; ALTER COLUMN TYPE's USING expression
  TypeName type_name;                 // ALTER COLUMN TYPE
  bool collate = false;               // ALTER COLUMN TYPE ... COLLATE (one Kanto accepts)
  RoleName owner;                     // OWNER TO
  char identity = 0;                  // ADD ... AS IDENTITY: 'a' ALWAYS, 'd' BY DEFAULT
  SequenceOptions identity_options;   // ADD ... AS IDENTITY (options)
  int location = -1;
};

// ALTER TABLE [IF EXISTS] t cmd, cmd, ...
// (ALTER SEQUENCE / VIEW / INDEX name OWNER TO role come here too, with their object type.)
struct AlterTableStmt : Statement {
  enum class ObjectType : uint8_t { kTable, kSequence, kView, kIndex };
  AlterTableStmt() : Statement(StmtKind::kAlterTable) {}
  ObjectType object_type = ObjectType::kTable;
  RangeVar table;
  bool missing_ok = false;
  std::vector<AlterTableCmd> cmds;
};

// ALTER TABLE / SEQUENCE / VIEW [IF EXISTS] name SET SCHEMA new_schema
struct AlterObjectSchemaStmt : Statement {
  enum class ObjectType : uint8_t { kTable, kSequence, kView };
  AlterObjectSchemaStmt() : Statement(StmtKind::kAlterObjectSchema) {}
  ObjectType object_type = ObjectType::kTable;
  RangeVar relation;
  std::string new_schema;
  bool missing_ok = false;
};

// ALTER TABLE / SEQUENCE / VIEW / INDEX [IF EXISTS] name RENAME TO new, ALTER TABLE t RENAME
// [COLUMN] a TO b.
struct RenameStmt : Statement {
  enum class ObjectType : uint8_t { kTable, kSequence, kView, kIndex, kColumn, kConstraint };
  RenameStmt() : Statement(StmtKind::kRename) {}
  ObjectType object_type = ObjectType::kTable;
  RangeVar relation;
  std::string column;  // kColumn: the column renamed; kConstraint: the constraint renamed
  std::string new_name;
  bool missing_ok = false;
};

// ALTER SCHEMA name OWNER TO role (the relations' OWNER TO is an AlterTableStmt).
struct AlterOwnerStmt : Statement {
  AlterOwnerStmt() : Statement(StmtKind::kAlterOwner) {}
  std::string schema;
  RoleName owner;
};

// COMMENT ON kind name IS 'text' | NULL. names: the object's qualified name ([schema.]table for
// relations and constraints, [schema.]table.column for columns, the schema's or role's name).
struct CommentStmt : Statement {
  enum class ObjectType : uint8_t { kTable, kView, kSequence, kIndex, kColumn, kSchema, kConstraint, kRole };
  CommentStmt() : Statement(StmtKind::kComment) {}
  ObjectType object_type = ObjectType::kTable;
  std::vector<std::string> names;
  std::string constraint;  // kConstraint: the constraint's name (names: its table)
  std::string comment;     // empty: IS NULL (or IS '', which PostgreSQL takes the same way)
};

// CREATE TYPE name AS ENUM ('label', ...). names: the type's qualified name.
struct CreateTypeStmt : Statement {
  CreateTypeStmt() : Statement(StmtKind::kCreateType) {}
  std::vector<std::string> names;
  std::vector<std::string> labels;
};

// ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE | AFTER 'n'] / RENAME VALUE 'a' TO 'b'.
struct AlterTypeStmt : Statement {
  enum class Action : uint8_t { kAddValue, kRenameValue };
  AlterTypeStmt() : Statement(StmtKind::kAlterType) {}
  std::vector<std::string> names;
  Action action = Action::kAddValue;
  std::string value;     // the value added, or the new name
  std::string neighbor;  // kAddValue: BEFORE / AFTER this one (empty: at the end); kRenameValue: the old name
  bool after = false;
  bool if_not_exists = false;
};

// CREATE SEQUENCE [IF NOT EXISTS] name [options]
struct CreateSequenceStmt : Statement {
  CreateSequenceStmt() : Statement(StmtKind::kCreateSequence) {}
  RangeVar sequence;
  SequenceOptions options;
  bool if_not_exists = false;
  bool temporary = false;
};

// ALTER SEQUENCE [IF EXISTS] name options
struct AlterSequenceStmt : Statement {
  AlterSequenceStmt() : Statement(StmtKind::kAlterSequence) {}
  RangeVar sequence;
  SequenceOptions options;
  bool missing_ok = false;
};

// TRUNCATE [TABLE] t1, t2 [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]
struct TruncateStmt : Statement {
  TruncateStmt() : Statement(StmtKind::kTruncate) {}
  std::vector<RangeVar> tables;
  bool restart_identity = false;
  bool cascade = false;
};

// LOCK [TABLE] [ONLY] name [, ...] [IN mode MODE] [NOWAIT].
struct LockStmt : Statement {
  LockStmt() : Statement(StmtKind::kLock) {}
  std::vector<RangeVar> tables;
  int mode = 8;  // PostgreSQL's lock mode numbers: 1 ACCESS SHARE ... 8 ACCESS EXCLUSIVE
  bool nowait = false;
};

// VACUUM / ANALYZE [tables]: compacts the tables' storage and refreshes row estimates.
struct VacuumStmt : Statement {
  VacuumStmt() : Statement(StmtKind::kVacuum) {}
  bool vacuum = true;  // false: ANALYZE
  std::vector<RangeVar> tables;  // empty: all
};

// COPY table [(columns)] FROM STDIN / TO STDOUT, COPY (query) TO STDOUT, with options.
struct CopyStmt : Statement {
  CopyStmt() : Statement(StmtKind::kCopy) {}
  RangeVar table;                      // empty name with a query
  std::vector<std::string> columns;
  std::unique_ptr<SelectStmt> query;   // COPY (query) TO
  bool from = false;
  std::string filename;                // empty: STDIN / STDOUT
  bool program = false;
  bool has_where = false;
  std::string format = "text";         // text | csv | binary
  std::string delimiter;               // default: tab (text), comma (csv)
  std::string null_string;             // default: \N (text), empty (csv)
  bool null_given = false;
  bool header = false;
  std::string quote = "\"";
  std::string escape;                  // csv: defaults to quote
  bool freeze = false;
};

// PREPARE name [(types)] AS statement; the statement is shared with the session that keeps it.
struct PrepareStmt : Statement {
  PrepareStmt() : Statement(StmtKind::kPrepare) {}
  std::string name;
  std::vector<TypeName> types;
  std::shared_ptr<Statement> query;
};

struct ExecuteStmt : Statement {
  ExecuteStmt() : Statement(StmtKind::kExecute) {}
  std::string name;
  ExprList params;
};

// DISCARD ALL | PLANS | SEQUENCES | TEMP
// DECLARE name CURSOR [WITH HOLD] FOR query; FETCH / MOVE [FORWARD n | NEXT | ALL] FROM name;
// CLOSE name | ALL.
struct CursorStmt : Statement {
  enum class Action : uint8_t { kDeclare, kFetch, kMove, kClose };
  CursorStmt() : Statement(StmtKind::kCursor) {}
  // FETCH / MOVE: FORWARD n (NEXT, n, ALL), BACKWARD n (PRIOR), ABSOLUTE n (FIRST, LAST), RELATIVE n.
  enum class Direction : uint8_t { kForward, kBackward, kAbsolute, kRelative };
  Action action = Action::kDeclare;
  std::string name;  // empty with kClose: CLOSE ALL
  bool hold = false;
  bool scroll = false, no_scroll = false;  // DECLARE ... SCROLL / NO SCROLL (neither: the default)
  Direction direction = Direction::kForward;
  int64_t count = 1;  // FETCH/MOVE: the count, signed (INT64_MAX: ALL)
  StatementPtr query;
};

struct DiscardStmt : Statement {
  DiscardStmt() : Statement(StmtKind::kDiscard) {}
  bool all = false;
  bool sequences = false;  // DISCARD SEQUENCES
  bool temp = false;       // DISCARD TEMP
};

struct DeallocateStmt : Statement {
  DeallocateStmt() : Statement(StmtKind::kDeallocate) {}
  std::string name;  // empty: ALL
};

// Statements the binder does not implement yet still get a node so the error names them.
// Unsupported statement kinds are rejected in the transformer with 0A000 and the statement name.

}  // namespace kanto::ast
