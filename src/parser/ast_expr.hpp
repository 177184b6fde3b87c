// Kanto's own syntax tree for expressions, built once from libpg_query's tree by the transformer.
// Nothing past the transformer sees libpg_query types. `location` is the 0-based byte offset of the
// node in the statement text (-1 when unknown), used for error positions.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kanto::ast {

struct SelectStmt;

// A type as written: names as in PostgreSQL's TypeName ({"pg_catalog","int4"}, {"varchar"}),
// modifiers ({10} for varchar(10), {10,2} for numeric(10,2)).
struct TypeName {
  std::vector<std::string> names;
  std::vector<int32_t> mods;
  bool array = false;
  int location = -1;
};

enum class ExprKind : uint8_t {
  kColumnRef,
  kConstant,
  kParam,
  kOp,
  kFuncCall,
  kCast,
  kCase,
  kSubquery,
  kBool,
  kNullTest,
  kBooleanTest,
  kInList,
  kBetween,
  kDistinctFrom,
  kCoalesce,
  kNullIf,
  kMinMax,
  kRow,
  kSqlValue,
  kArray,
  kAnyAllArray,
  kSubscript,
  kGroupingSet,
  kCollate,
  kDefault,  // DEFAULT in VALUES lists and UPDATE SET col = DEFAULT
  kFieldSelect,
};

struct Expr {
  explicit Expr(ExprKind k) : kind(k) {}
  virtual ~Expr() = default;
  ExprKind kind;
  int location = -1;
};
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

// a, t.a, s.t.a; `star` for t.* and * (names then hold only the qualifier, possibly empty).
struct ColumnRef : Expr {
  ColumnRef() : Expr(ExprKind::kColumnRef) {}
  std::vector<std::string> names;
  bool star = false;
};

struct Constant : Expr {
  enum class Type : uint8_t { kNull, kInteger, kNumeric, kString, kBool, kBitString };
  Constant() : Expr(ExprKind::kConstant) {}
  Type type = Type::kNull;
  int64_t ival = 0;   // kInteger (fits int64; larger integer literals arrive as kNumeric)
  bool bval = false;  // kBool (TRUE/FALSE keywords)
  std::string str;    // kNumeric digits as written ("1.5", "1e10", "99999999999999999999"), kString text
};

// $n
struct ParamRef : Expr {
  ParamRef() : Expr(ExprKind::kParam) {}
  int number = 0;  // 1-based
};

// Binary or prefix operator by name: "+", "-", "*", "/", "%", "^", "=", "<>", "<", "<=", ">", ">=",
// "||", "~~" (LIKE), "!~~" (NOT LIKE), "~~*" (ILIKE), "!~~*", "~", "~*", "!~", "!~*", "|/", "@",
// "&", "|", "#", "<<", ">>"; SIMILAR TO arrives as "~" with right = similar_to_escape(...) call.
// LIKE ... ESCAPE e arrives as right = FuncCall like_escape(pattern, e) as in PostgreSQL.
// `left` is null for prefix operators ("-x", "+x", "~x", "|/x").
struct OpExpr : Expr {
  OpExpr() : Expr(ExprKind::kOp) {}
  ~OpExpr() override {
    // A long chain (a + b + c ...) nests through left: taken apart in a loop, not by recursion.
    ExprPtr next = std::move(left);
    while (next && next->kind == ExprKind::kOp) {
      ExprPtr deeper = std::move(static_cast<OpExpr&>(*next).left);
      next = std::move(deeper);
    }
  }
  std::string op;
  std::vector<std::string> qualified_op;  // OPERATOR(pg_catalog.+) schema, usually empty
  ExprPtr left;
  ExprPtr right;
};

struct OrderByItem {
  enum class Dir : uint8_t { kDefault, kAsc, kDesc, kUsing };
  enum class Nulls : uint8_t { kDefault, kFirst, kLast };
  ExprPtr expr;
  Dir dir = Dir::kDefault;
  Nulls nulls = Nulls::kDefault;
  int location = -1;
};

// Window frame as PostgreSQL's frameOptions bits are hard to read, spelled out.
struct WindowFrame {
  enum class Mode : uint8_t { kDefault, kRows, kRange, kGroups };
  enum class Bound : uint8_t { kUnboundedPreceding, kPreceding, kCurrentRow, kFollowing, kUnboundedFollowing };
  enum class Exclude : uint8_t { kNoOthers, kCurrentRow, kGroup, kTies };
  Mode mode = Mode::kDefault;  // kDefault: RANGE UNBOUNDED PRECEDING .. CURRENT ROW
  Bound start = Bound::kUnboundedPreceding;
  Bound end = Bound::kCurrentRow;
  ExprPtr start_offset;
  ExprPtr end_offset;
  Exclude exclude = Exclude::kNoOthers;
};

struct WindowDef {
  std::string name;      // WINDOW w AS (...): the definition's own name
  std::string ref_name;  // OVER (w ...) or OVER w: the referenced window
  ExprList partition_by;
  std::vector<OrderByItem> order_by;
  WindowFrame frame;
  int location = -1;
};

// f(args), count(*), count(DISTINCT x), string_agg(x, ',' ORDER BY y), sum(x) FILTER (WHERE c),
// rank() OVER (...). `name` may be schema-qualified ({"pg_catalog","lower"}).
struct FuncCall : Expr {
  FuncCall() : Expr(ExprKind::kFuncCall) {}
  std::vector<std::string> name;
  ExprList args;
  std::vector<std::string> arg_names;  // named notation (a => 1); "" for positional
  bool star = false;
  bool distinct = false;
  bool variadic = false;
  std::vector<OrderByItem> agg_order;
  bool within_group = false;
  ExprPtr filter;
  std::unique_ptr<WindowDef> over;
};

// CAST(x AS t), x::t, and typed literals (DATE '2024-01-01' arrives as Cast of a string Constant).
struct CastExpr : Expr {
  CastExpr() : Expr(ExprKind::kCast) {}
  ExprPtr arg;
  TypeName type;
};

struct CaseExpr : Expr {
  CaseExpr() : Expr(ExprKind::kCase) {}
  ExprPtr arg;  // CASE arg WHEN ... (simple form); null for the searched form
  struct When {
    ExprPtr when;
    ExprPtr then;
  };
  std::vector<When> whens;
  ExprPtr else_result;  // may be null
};

// Subquery expressions (PostgreSQL's SubLink).
struct SubqueryExpr : Expr {
  enum class Type : uint8_t { kExists, kAny, kAll, kScalar, kArray };
  SubqueryExpr() : Expr(ExprKind::kSubquery) {}
  Type type = Type::kScalar;
  std::unique_ptr<SelectStmt> query;
  ExprPtr test;     // kAny/kAll: left operand (x IN (SELECT ...) is kAny with op "=")
  std::string op;   // kAny/kAll operator
};

struct BoolExpr : Expr {
  enum class Type : uint8_t { kAnd, kOr, kNot };
  BoolExpr() : Expr(ExprKind::kBool) {}
  Type type = Type::kAnd;
  ExprList args;
};

struct NullTest : Expr {
  NullTest() : Expr(ExprKind::kNullTest) {}
  ExprPtr arg;
  bool is_not = false;  // IS NOT NULL
};

struct BooleanTest : Expr {
  enum class Type : uint8_t { kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse, kIsUnknown, kIsNotUnknown };
  BooleanTest() : Expr(ExprKind::kBooleanTest) {}
  Type type = Type::kIsTrue;
  ExprPtr arg;
};

// x [NOT] IN (a, b, c)
struct InList : Expr {
  InList() : Expr(ExprKind::kInList) {}
  ExprPtr arg;
  ExprList list;
  bool negated = false;
};

// x [NOT] BETWEEN [SYMMETRIC] a AND b
struct Between : Expr {
  Between() : Expr(ExprKind::kBetween) {}
  ExprPtr arg;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
  bool symmetric = false;
};

// a IS [NOT] DISTINCT FROM b
struct DistinctFrom : Expr {
  DistinctFrom() : Expr(ExprKind::kDistinctFrom) {}
  ExprPtr left;
  ExprPtr right;
  bool is_not = false;  // IS NOT DISTINCT FROM
};

struct CoalesceExpr : Expr {
  CoalesceExpr() : Expr(ExprKind::kCoalesce) {}
  ExprList args;
};

struct NullIfExpr : Expr {
  NullIfExpr() : Expr(ExprKind::kNullIf) {}
  ExprPtr left;
  ExprPtr right;
};

// GREATEST(...) / LEAST(...)
struct MinMaxExpr : Expr {
  MinMaxExpr() : Expr(ExprKind::kMinMax) {}
  bool greatest = true;
  ExprList args;
};

// ROW(a, b) or (a, b)
struct RowExpr : Expr {
  RowExpr() : Expr(ExprKind::kRow) {}
  ExprList args;
};

// CURRENT_DATE, CURRENT_TIMESTAMP[(p)], LOCALTIMESTAMP, CURRENT_TIME, LOCALTIME, CURRENT_USER,
// SESSION_USER, USER, CURRENT_ROLE, CURRENT_CATALOG, CURRENT_SCHEMA.
struct SqlValueFunction : Expr {
  enum class Type : uint8_t {
    kCurrentDate, kCurrentTime, kCurrentTimestamp, kLocalTime, kLocalTimestamp,
    kCurrentUser, kSessionUser, kUser, kCurrentRole, kCurrentCatalog, kCurrentSchema
  };
  SqlValueFunction() : Expr(ExprKind::kSqlValue) {}
  Type type = Type::kCurrentTimestamp;
  int32_t precision = -1;
};

// ARRAY[a, b]
struct ArrayExpr : Expr {
  ArrayExpr() : Expr(ExprKind::kArray) {}
  ExprList elements;
};

// a[i] or a[lo:hi] (either slice bound may be absent)
struct Subscript : Expr {
  Subscript() : Expr(ExprKind::kSubscript) {}
  ExprPtr arg;
  ExprPtr lower;
  ExprPtr upper;
  bool slice = false;
};

// (x).field, or (x).* with `star`: a field of a composite value.
struct FieldSelect : Expr {
  FieldSelect() : Expr(ExprKind::kFieldSelect) {}
  ExprPtr arg;
  std::string field;
  bool star = false;
};

// x op ANY (array) / x op ALL (array)
struct AnyAllArray : Expr {
  AnyAllArray() : Expr(ExprKind::kAnyAllArray) {}
  std::string op;
  bool all = false;
  ExprPtr left;
  ExprPtr right;
};

// GROUP BY ROLLUP(...), CUBE(...), GROUPING SETS (...), () — only inside group_by lists.
struct GroupingSet : Expr {
  enum class Type : uint8_t { kEmpty, kSimple, kRollup, kCube, kSets };
  GroupingSet() : Expr(ExprKind::kGroupingSet) {}
  Type type = Type::kSets;
  ExprList content;
};

// x COLLATE "C"
struct CollateExpr : Expr {
  CollateExpr() : Expr(ExprKind::kCollate) {}
  ExprPtr arg;
  std::vector<std::string> collation;
};

struct DefaultMarker : Expr {
  DefaultMarker() : Expr(ExprKind::kDefault) {}
};

}  // namespace kanto::ast
