#include "commands/expression_text.hpp"

#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "catalog/nextval_default.hpp"
#include "catalog/type_name_text.hpp"
#include "commands/sequence_definition.hpp"
#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "function/aggregate.hpp"
#include "function/cast.hpp"
#include "function/function.hpp"
#include "function/window_functions.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "parser/keywords.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"
#include "planner/type_resolution.hpp"

namespace kanto::commands {

namespace {

constexpr int kIndentStep = 4;  // PostgreSQL's PRETTYINDENT_VAR

// An expression's text with what PostgreSQL's analysis knows of it: its type, and whether it is
// still an untyped literal (a string literal or NULL takes the type its context gives it).
struct Piece {
  std::string text;
  LogicalType type;
  bool untyped = false;      // a string literal (raw in `literal`) or NULL (null = true)
  bool null = false;
  std::string literal;
  bool has_column = false;   // refers to a column (IN lists keep such items as comparisons)
};

// An enum's mod1 names its definition, not a modifier: it stays.
LogicalType WithoutModifiers(const LogicalType& t) {
  if (t.HasDescriptor()) return t;
  if (t.IsArray()) return LogicalType::ArrayOf(LogicalType(t.elem));
  return LogicalType(t.id);
}

bool IsTextual(TypeId t) { return t == TypeId::kText || t == TypeId::kVarchar || t == TypeId::kChar || t == TypeId::kName; }
bool IsFloat(TypeId t) { return t == TypeId::kFloat4 || t == TypeId::kFloat8; }
bool IsInt(TypeId t) { return t == TypeId::kInt2 || t == TypeId::kInt4 || t == TypeId::kInt8; }

bool IsComparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=";
}
bool IsPatternMatch(const std::string& op) {
  return op == "~~" || op == "!~~" || op == "~~*" || op == "!~~*" || op == "~" || op == "!~" || op == "~*" ||
         op == "!~*";
}
bool IsArithmetic(const std::string& op) { return op == "+" || op == "-" || op == "*" || op == "/" || op == "%"; }

// Appends `piece` after `text`; a piece that begins on a new line (CASE) takes the spaces before it away.
std::string Cat(std::string text, const std::string& piece) {
  if (!piece.empty() && piece[0] == '\n') {
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  return text + piece;
}

// PostgreSQL's select_common_type for the types Kanto has: unknowns take the others' type; within
// a category the wider (numbers), the preferred (text) or the later (date < timestamp < timestamptz).
LogicalType CommonOf(const std::vector<LogicalType>& types) {
  LogicalType out(TypeId::kUnknown);
  for (const auto& t : types) {
    if (t.id == TypeId::kUnknown) continue;
    if (out.id == TypeId::kUnknown) {
      out = t;
      continue;
    }
    if (out == t) continue;
    if (out.IsNumeric() && t.IsNumeric()) {
      if (t.NumericRank() > out.NumericRank()) out = t;
    } else if (IsTextual(out.id) && IsTextual(t.id)) {
      out = out.id == t.id ? WithoutModifiers(out) : LogicalType(TypeId::kText);
    } else if (out.IsTemporal() && t.IsTemporal()) {
      if (static_cast<int>(t.id) > static_cast<int>(out.id)) out = t;
    } else if (out.id == t.id) {
      out = WithoutModifiers(out);
    }
  }
  return out.id == TypeId::kUnknown ? LogicalType(TypeId::kText) : out;
}

class Deparser {
 public:
  // A stored expression (`stored`: a default or a CHECK constraint) names user types with their
  // schema, so it binds under any search_path (catalog/type_name_text.hpp).
  Deparser(const FunctionContext& session, const TableEntry* table, bool stored = false)
      : fn_(session), table_(table), qualify_types_(stored) {}
  Deparser(const FunctionContext& session, const QueryScope& scope, int indent)
      : fn_(session), table_(nullptr), scope_(&scope), indent_(indent) {}

  Piece Expr(const ast::Expr& e) {
    CheckStackDepth();
    switch (e.kind) {
      case ast::ExprKind::kColumnRef: return Column(static_cast<const ast::ColumnRef&>(e));
      case ast::ExprKind::kConstant: return Constant(static_cast<const ast::Constant&>(e));
      case ast::ExprKind::kCast: return Cast(static_cast<const ast::CastExpr&>(e));
      case ast::ExprKind::kOp: return Operator(static_cast<const ast::OpExpr&>(e));
      case ast::ExprKind::kBool: return Bool(static_cast<const ast::BoolExpr&>(e));
      case ast::ExprKind::kBetween: return Between(static_cast<const ast::Between&>(e));
      case ast::ExprKind::kInList: return In(static_cast<const ast::InList&>(e));
      case ast::ExprKind::kCase: return Case(static_cast<const ast::CaseExpr&>(e));
      case ast::ExprKind::kFuncCall: return Function(static_cast<const ast::FuncCall&>(e));
      case ast::ExprKind::kNullTest: {
        const auto& n = static_cast<const ast::NullTest&>(e);
        Piece arg = Expr(*n.arg);
        return Typed("(" + Coerce(arg, arg.untyped ? LogicalType(TypeId::kText) : arg.type, true) +
                         (n.is_not ? " IS NOT NULL)" : " IS NULL)"),
                     LogicalType(TypeId::kBool), arg.has_column);
      }
      case ast::ExprKind::kBooleanTest: {
        static const char* kTests[] = {"IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE", "IS UNKNOWN", "IS NOT UNKNOWN"};
        const auto& b = static_cast<const ast::BooleanTest&>(e);
        Piece arg = Expr(*b.arg);
        return Typed("(" + Coerce(arg, LogicalType(TypeId::kBool), true) + " " + kTests[static_cast<int>(b.type)] + ")",
                     LogicalType(TypeId::kBool), arg.has_column);
      }
      case ast::ExprKind::kDistinctFrom: {
        // a IS NOT DISTINCT FROM b is NOT (a IS DISTINCT FROM b) in PostgreSQL.
        const auto& d = static_cast<const ast::DistinctFrom&>(e);
        Piece distinct = Binary("IS DISTINCT FROM", "=", Expr(*d.left), Expr(*d.right));
        if (!d.is_not) return distinct;
        return Typed("(NOT " + distinct.text + ")", LogicalType(TypeId::kBool), distinct.has_column);
      }
      case ast::ExprKind::kCoalesce: return Variadic("COALESCE", static_cast<const ast::CoalesceExpr&>(e).args);
      case ast::ExprKind::kMinMax: {
        const auto& m = static_cast<const ast::MinMaxExpr&>(e);
        return Variadic(m.greatest ? "GREATEST" : "LEAST", m.args);
      }
      case ast::ExprKind::kNullIf: {
        const auto& n = static_cast<const ast::NullIfExpr&>(e);
        Piece l = Expr(*n.left), r = Expr(*n.right);
        auto [lt, rt] = OperandTypes("=", l, r);
        return Typed("NULLIF(" + Coerce(l, lt, true) + ", " + Coerce(r, rt, true) + ")", lt,
                     l.has_column || r.has_column);
      }
      case ast::ExprKind::kSqlValue: return SqlValue(static_cast<const ast::SqlValueFunction&>(e));
      case ast::ExprKind::kArray: {
        const auto& a = static_cast<const ast::ArrayExpr&>(e);
        std::vector<Piece> items;
        std::vector<LogicalType> types;
        for (const auto& x : a.elements) {
          items.push_back(Expr(*x));
          types.push_back(items.back().untyped ? LogicalType(TypeId::kUnknown) : items.back().type);
        }
        LogicalType elem = CommonOf(types);
        return Typed(ArrayText(items, elem), elem.IsArray() ? elem : LogicalType::ArrayOf(elem), Any(items));
      }
      case ast::ExprKind::kAnyAllArray: {
        const auto& a = static_cast<const ast::AnyAllArray&>(e);
        Piece l = Expr(*a.left), r = Expr(*a.right);
        LogicalType elem = r.type.IsArray() ? r.type.ElementType() : LogicalType(TypeId::kUnknown);
        if (r.untyped) elem = l.untyped ? LogicalType(TypeId::kText) : l.type;
        Piece probe = Element(r, elem);
        auto [lt, et] = OperandTypes(a.op, l, probe);
        std::string right = Coerce(r, LogicalType::ArrayOf(WithoutModifiers(et)), true);
        return Typed("(" + Coerce(l, lt, true) + " " + OperatorText(a.op) + (a.all ? " ALL (" : " ANY (") + right + "))",
                     LogicalType(TypeId::kBool), l.has_column || r.has_column);
      }
      case ast::ExprKind::kSubquery:
        if (scope_) return Sublink(static_cast<const ast::SubqueryExpr&>(e));
        return Typed(ast::ExprToString(e), LogicalType(TypeId::kUnknown), true);
      case ast::ExprKind::kSubscript:
        if (scope_) return Subscript(static_cast<const ast::Subscript&>(e));
        return Typed(ast::ExprToString(e), LogicalType(TypeId::kUnknown), true);
      case ast::ExprKind::kCollate: {
        const auto& c = static_cast<const ast::CollateExpr&>(e);
        Piece arg = Expr(*c.arg);
        std::string name;
        for (const auto& part : c.collation) name += (name.empty() ? "" : ".") + QuoteIdentifier(part);
        return Typed(Cat("(", Finished(arg)) + " COLLATE " + name + ")", arg.untyped ? LogicalType(TypeId::kText) : arg.type,
                     arg.has_column);
      }
        return Typed(ast::ExprToString(e), LogicalType(TypeId::kUnknown), true);
      default:
        // Forms without a PostgreSQL spelling here keep Kanto's own text (it parses back the same).
        return Typed(ast::ExprToString(e), LogicalType(TypeId::kUnknown), true);
    }
  }

  // `p` as an argument of type `target`: a literal becomes a constant of that type, another
  // expression of a different type gets PostgreSQL's cast, shown when `show` (inside operators and
  // function calls) and hidden at the top of a DEFAULT, as PostgreSQL hides implicit casts there.
  std::string Coerce(const Piece& p, const LogicalType& target, bool show) {
    if (p.untyped) {
      if (target.id == TypeId::kUnknown) return p.text;
      if (p.null) return "NULL::" + TypeText(WithoutModifiers(target));
      return ConstantText(p.literal, WithoutModifiers(target));
    }
    // An expression of a type not known here (a form printed as Kanto writes it) is left as it is.
    if (target.id == TypeId::kUnknown || p.type.id == TypeId::kUnknown || SameType(p.type, target) || !show) {
      return p.text;
    }
    return Cat("(", p.text) + ")::" + TypeText(target);
  }

 private:
  static Piece Typed(std::string text, LogicalType type, bool has_column) {
    Piece p;
    p.text = std::move(text);
    p.type = type;
    p.has_column = has_column;
    return p;
  }
  static bool Any(const std::vector<Piece>& pieces) {
    for (const auto& p : pieces) {
      if (p.has_column) return true;
    }
    return false;
  }
  static bool SameType(const LogicalType& a, const LogicalType& b) {
    if (a.id != b.id) return false;
    if (a.IsArray() && a.elem != b.elem) return false;
    return b.mod1 < 0 || a == b;  // a cast to the same type without a length changes nothing
  }
  std::string TypeText(const LogicalType& type) const {
    return qualify_types_ && fn_.catalog ? QualifiedTypeText(*fn_.catalog, type) : type.ToString();
  }
  static std::string OperatorText(const std::string& op) { return op == "!=" ? "<>" : op; }

  // A constant of `type` read from `text`, printed as PostgreSQL prints constants: integers and
  // decimals bare unless negative, booleans as true / false, everything else quoted with its type.
  std::string ConstantText(const std::string& text, const LogicalType& type) {
    if (type.id == TypeId::kRegclass) return RegclassText(text);
    try {
      return ValueConstant(ValueToText(TextToValue(text, type, fn_), fn_), type);
    } catch (const Error&) {
      // Not a value of the type: binding the stored text reports it, as the cast would.
      return QuoteLiteral(text) + "::" + TypeText(type);
    }
  }
  std::string ValueConstant(const std::string& out, const LogicalType& type) const {
    if (type.id == TypeId::kBool) return out == "t" || out == "true" ? "true" : "false";
    if (type.id == TypeId::kInt4 && !out.empty() && out[0] != '-') return out;
    if (type.id == TypeId::kNumeric && !out.empty() && std::isdigit(static_cast<unsigned char>(out[0])) &&
        out.find_first_of("eE.") != std::string::npos) {
      return out;
    }
    if (type.id == TypeId::kUnknown) return QuoteLiteral(out);
    return QuoteLiteral(out) + "::" + TypeText(type);
  }
  // 'name'::regclass as the catalog names the relation: a sequence as a serial column's default
  // names it (so renames and dependencies find the call), another relation as regclass prints it.
  std::string RegclassText(const std::string& text) {
    std::string name = text;
    try {
      Value oid = TextToValue(text, LogicalType(TypeId::kRegclass), fn_);
      const SequenceEntry* seq = fn_.catalog ? fn_.catalog->GetSequence(static_cast<uint32_t>(oid.int_value())) : nullptr;
      if (seq) {
        std::string call = NextvalDefault(*fn_.catalog, *seq);  // nextval('name'::regclass)
        return call.substr(8, call.size() - 9);
      }
      name = ValueToText(oid, fn_);
    } catch (const Error&) {
      // No such relation: binding the stored text reports it.
    }
    return QuoteLiteral(name) + "::regclass";
  }

  Piece Column(const ast::ColumnRef& c) {
    Piece p = Typed(ast::ExprToString(c), LogicalType(TypeId::kUnknown), true);
    if (scope_) {
      scope_->Column(c, &p.text, &p.type);
      return p;
    }
    if (table_ && !c.star && !c.names.empty()) {
      for (const auto& col : table_->columns) {
        if (col.name == c.names.back()) {
          p.type = col.type;
          p.text = QuoteIdent(col.name);
        }
      }
    }
    return p;
  }

  Piece Constant(const ast::Constant& c) {
    switch (c.type) {
      case ast::Constant::Type::kNull: {
        Piece p = Typed("NULL", LogicalType(TypeId::kUnknown), false);
        p.untyped = p.null = true;
        return p;
      }
      case ast::Constant::Type::kString: {
        Piece p = Typed(QuoteLiteral(c.str), LogicalType(TypeId::kUnknown), false);
        p.untyped = true;
        p.literal = c.str;
        return p;
      }
      case ast::Constant::Type::kInteger: {
        bool int4 = c.ival >= INT32_MIN && c.ival <= INT32_MAX;
        LogicalType t(int4 ? TypeId::kInt4 : TypeId::kInt8);
        return Typed(ValueConstant(std::to_string(c.ival), t), t, false);
      }
      case ast::Constant::Type::kNumeric:
        return Typed(ConstantText(c.str, LogicalType(TypeId::kNumeric)), LogicalType(TypeId::kNumeric), false);
      case ast::Constant::Type::kBool:
        return Typed(c.bval ? "true" : "false", LogicalType(TypeId::kBool), false);
      case ast::Constant::Type::kBitString:
        return Typed(ast::ExprToString(c), LogicalType(TypeId::kUnknown), false);
    }
    return Typed("NULL", LogicalType(TypeId::kUnknown), false);
  }

  Piece Cast(const ast::CastExpr& c) {
    LogicalType target = Binder::ResolveTypeName(c.type, fn_.catalog, fn_.search_path);
    Piece arg = Expr(*c.arg);
    if (arg.untyped) {
      // A literal cast is a constant of the type ('2024-01-01'::date, NULL::integer).
      std::string text = arg.null ? "NULL::" + TypeText(target) : ConstantText(arg.literal, target);
      if (!arg.null && target.mod1 >= 0 && text.find("::") == std::string::npos) text = "(" + text + ")::" + TypeText(target);
      return Typed(text, target, false);
    }
    if (SameType(arg.type, target)) return arg;
    return Typed(Cat("(", arg.text) + ")::" + TypeText(target), target, arg.has_column);
  }

  // The types both operands of `op` are converted to, as PostgreSQL's operators take them: a
  // literal takes the other side's type; varchar compares as text; the integer types and the
  // floating-point types have cross-type operators; an integer meets numeric as numeric, and
  // numbers meet floating point as double precision.
  std::pair<LogicalType, LogicalType> OperandTypes(const std::string& op, const Piece& l, const Piece& r) {
    LogicalType lt = l.untyped ? LogicalType(TypeId::kUnknown) : l.type;
    LogicalType rt = r.untyped ? LogicalType(TypeId::kUnknown) : r.type;
    if (auto right = JsonRightType(op, lt, rt)) return {lt, *right};
    if (IsPatternMatch(op)) {
      // (character and name have their own: bpcharlike, namelike, nameregexeq, ...)
      bool own = lt.id == TypeId::kChar || lt.id == TypeId::kName;
      return {own ? WithoutModifiers(lt) : LogicalType(TypeId::kText), LogicalType(TypeId::kText)};
    }
    if (op == "||") {
      auto side = [](const LogicalType& t) { return t.id == TypeId::kUnknown || IsTextual(t.id) ? LogicalType(TypeId::kText) : t; };
      return {side(lt), side(rt)};
    }
    if (lt.id == TypeId::kUnknown && rt.id == TypeId::kUnknown) return {LogicalType(TypeId::kText), LogicalType(TypeId::kText)};
    if (lt.id == TypeId::kUnknown) lt = WithoutModifiers(rt);
    if (rt.id == TypeId::kUnknown) rt = WithoutModifiers(lt);
    if (IsTextual(lt.id) && IsTextual(rt.id)) {
      if (lt.id == TypeId::kChar && rt.id == TypeId::kChar) return {WithoutModifiers(lt), WithoutModifiers(rt)};
      if (lt.id == TypeId::kName && rt.id == TypeId::kName) return {lt, rt};
      // name and text compare as they are (PostgreSQL's cross-type btree operators: d <= CURRENT_USER).
      if (IsComparison(op) && (lt.id == TypeId::kName) != (rt.id == TypeId::kName)) {
        return {lt.id == TypeId::kName ? lt : LogicalType(TypeId::kText), rt.id == TypeId::kName ? rt : LogicalType(TypeId::kText)};
      }
      return {LogicalType(TypeId::kText), LogicalType(TypeId::kText)};
    }
    if (lt.IsNumeric() && rt.IsNumeric()) {
      if (op == "^") {  // float8 ^ float8 and numeric ^ numeric only
        bool numeric = (lt.id == TypeId::kNumeric || rt.id == TypeId::kNumeric) && !IsFloat(lt.id) && !IsFloat(rt.id);
        LogicalType both(numeric ? TypeId::kNumeric : TypeId::kFloat8);
        return {lt.id == both.id ? lt : both, rt.id == both.id ? rt : both};
      }
      if (IsInt(lt.id) && IsInt(rt.id)) {
        if (op == "%" && lt.id != rt.id) {
          LogicalType wide = lt.NumericRank() > rt.NumericRank() ? lt : rt;
          return {wide, wide};
        }
        return {lt, rt};
      }
      if (IsFloat(lt.id) && IsFloat(rt.id)) return {lt, rt};
      if (IsFloat(lt.id) || IsFloat(rt.id)) {
        return {IsFloat(lt.id) ? lt : LogicalType(TypeId::kFloat8), IsFloat(rt.id) ? rt : LogicalType(TypeId::kFloat8)};
      }
      return {lt.id == TypeId::kNumeric ? lt : LogicalType(TypeId::kNumeric),
              rt.id == TypeId::kNumeric ? rt : LogicalType(TypeId::kNumeric)};
    }
    return {lt, rt};
  }

  // The right operand of a json / jsonb operator, as PostgreSQL resolves an unknown literal there:
  // a key (text) for -> ->> ? and jsonb's -, a path (text[]) for #> #>> ?| ?& #-, a document for
  // @> <@ and jsonb's ||. Nullopt for the other operators.
  static std::optional<LogicalType> JsonRightType(const std::string& op, const LogicalType& lt, const LogicalType& rt) {
    if (lt.id != TypeId::kJson && lt.id != TypeId::kJsonb) return std::nullopt;
    bool jsonb = lt.id == TypeId::kJsonb, unknown = rt.id == TypeId::kUnknown;
    const LogicalType text(TypeId::kText);
    if (op == "->" || op == "->>" || (jsonb && (op == "?" || op == "-"))) return unknown ? text : rt;
    if (op == "#>" || op == "#>>" || (jsonb && (op == "?|" || op == "?&" || op == "#-"))) {
      return unknown ? LogicalType::ArrayOf(text) : rt;
    }
    if (jsonb && (op == "@>" || op == "<@" || (op == "||" && (unknown || rt.id == TypeId::kJsonb)))) return unknown ? lt : rt;
    return std::nullopt;
  }

  LogicalType ResultType(const std::string& op, const LogicalType& lt, const LogicalType& rt) {
    if (IsComparison(op) || IsPatternMatch(op)) return LogicalType(TypeId::kBool);
    if (JsonRightType(op, lt, rt)) {
      if (op == "->>" || op == "#>>") return LogicalType(TypeId::kText);
      if (op == "?" || op == "?|" || op == "?&" || op == "@>" || op == "<@") return LogicalType(TypeId::kBool);
      return lt;  // -> #> - #- ||
    }
    if (op == "||") return lt.IsArray() ? lt : rt.IsArray() ? rt : LogicalType(TypeId::kText);
    if (IsArithmetic(op) && lt.IsNumeric() && rt.IsNumeric()) {
      return WithoutModifiers(lt.NumericRank() >= rt.NumericRank() ? lt : rt);
    }
    if (op == "-" && lt.id == rt.id && lt.id == TypeId::kDate) return LogicalType(TypeId::kInt4);
    if (op == "-" && lt.id == rt.id && (lt.id == TypeId::kTimestamp || lt.id == TypeId::kTimestampTz || lt.id == TypeId::kTime)) {
      return LogicalType(TypeId::kInterval);
    }
    return WithoutModifiers(lt);
  }

  // l op r, each side converted as `resolve_as` takes them (the same operator, or = for IS DISTINCT FROM).
  Piece Binary(const std::string& op, const std::string& resolve_as, const Piece& l, const Piece& r) {
    auto [lt, rt] = OperandTypes(resolve_as, l, r);
    std::string text = Cat(Cat("(", Coerce(l, lt, true)) + " " + OperatorText(op) + " ", Coerce(r, rt, true)) + ")";
    LogicalType type = op == resolve_as ? ResultType(op, lt, rt) : LogicalType(TypeId::kBool);
    return Typed(text, type, l.has_column || r.has_column);
  }

  Piece Operator(const ast::OpExpr& o) {
    if (!o.qualified_op.empty()) return Typed(ast::ExprToString(o), LogicalType(TypeId::kUnknown), true);
    if (o.left && o.left->kind == ast::ExprKind::kRow && o.right->kind == ast::ExprKind::kRow && (o.op == "=" || o.op == "<>")) {
      // (a, b) = (1, 'x') compares the fields pairwise: ANDed for =, ORed for <>.
      const auto& l = static_cast<const ast::RowExpr&>(*o.left);
      const auto& r = static_cast<const ast::RowExpr&>(*o.right);
      if (l.args.size() == r.args.size() && !l.args.empty()) {
        std::vector<Piece> parts;
        for (size_t i = 0; i < l.args.size(); i++) parts.push_back(Binary(o.op, o.op, Expr(*l.args[i]), Expr(*r.args[i])));
        return parts.size() == 1 ? parts[0] : Join(parts, o.op == "=" ? "AND" : "OR");
      }
    }
    if (!o.left) {
      Piece r = Expr(*o.right);
      return Typed(Cat("(" + OperatorText(o.op) + " ", Coerce(r, r.untyped ? LogicalType(TypeId::kText) : r.type, true)) + ")",
                   r.type, r.has_column);
    }
    return Binary(o.op, o.op, Expr(*o.left), Expr(*o.right));
  }

  Piece Join(const std::vector<Piece>& parts, const char* word) {
    std::string text = "(";
    for (size_t i = 0; i < parts.size(); i++) {
      text = Cat(i ? text + " " + word + " " : text, Coerce(parts[i], LogicalType(TypeId::kBool), true));
    }
    return Typed(text + ")", LogicalType(TypeId::kBool), Any(parts));
  }

  Piece Bool(const ast::BoolExpr& b) {
    if (b.type == ast::BoolExpr::Type::kNot) {
      Piece arg = Expr(*b.args[0]);
      return Typed(Cat("(NOT ", Coerce(arg, LogicalType(TypeId::kBool), true)) + ")", LogicalType(TypeId::kBool),
                   arg.has_column);
    }
    std::vector<Piece> parts;
    for (const auto& a : b.args) parts.push_back(Expr(*a));
    return Join(parts, b.type == ast::BoolExpr::Type::kAnd ? "AND" : "OR");
  }

  // x BETWEEN a AND b is (x >= a) AND (x <= b); NOT BETWEEN (x < a) OR (x > b); SYMMETRIC also
  // the bounds the other way round, ORed.
  Piece Between(const ast::Between& b) {
    auto range = [&](const ast::Expr& low, const ast::Expr& high) {
      Piece x = Expr(*b.arg);
      std::vector<Piece> parts{Binary(b.negated ? "<" : ">=", b.negated ? "<" : ">=", x, Expr(low)),
                               Binary(b.negated ? ">" : "<=", b.negated ? ">" : "<=", x, Expr(high))};
      return Join(parts, b.negated ? "OR" : "AND");
    };
    if (!b.symmetric) return range(*b.low, *b.high);
    std::vector<Piece> both{range(*b.low, *b.high), range(*b.high, *b.low)};
    return Join(both, b.negated ? "AND" : "OR");
  }

  // An array element typed `elem`, for resolving ANY / ALL.
  static Piece Element(const Piece& array, const LogicalType& elem) {
    Piece p = Typed("", elem, array.has_column);
    return p;
  }

  std::string ArrayText(const std::vector<Piece>& items, const LogicalType& elem) {
    std::string text = "ARRAY[";
    for (size_t i = 0; i < items.size(); i++) text = Cat(i ? text + ", " : text, Coerce(items[i], elem, true));
    return text + "]";
  }

  // x IN (a, b, c) is x = ANY (ARRAY[a, b, c]) over the items without column references (when
  // there are two or more), then x = item for each other item (each item, in the list's order, when
  // there is no array), ORed two at a time (((p1 OR p2) OR p3)) as PostgreSQL builds it; NOT IN is
  // <> ALL and ANDed.
  Piece In(const ast::InList& in) {
    Piece x = Expr(*in.arg);
    std::vector<Piece> constants, columns, all;
    for (const auto& item : in.list) {
      Piece p = Expr(*item);
      all.push_back(p);
      (p.has_column ? columns : constants).push_back(std::move(p));
    }
    const char* op = in.negated ? "<>" : "=";
    std::vector<Piece> parts;
    if (constants.size() > 1) {
      std::vector<LogicalType> types{x.untyped ? LogicalType(TypeId::kUnknown) : x.type};
      for (const auto& c : constants) types.push_back(c.untyped ? LogicalType(TypeId::kUnknown) : c.type);
      LogicalType common = WithoutModifiers(CommonOf(types));
      Piece array = Typed(ArrayText(constants, common), LogicalType::ArrayOf(common), false);
      Piece probe = Typed("", common, false);
      auto [lt, et] = OperandTypes(op, x, probe);
      std::string right = Coerce(array, LogicalType::ArrayOf(WithoutModifiers(et)), true);
      parts.push_back(Typed("(" + Coerce(x, lt, true) + " " + op + (in.negated ? " ALL (" : " ANY (") + right + "))",
                            LogicalType(TypeId::kBool), x.has_column));
    } else {
      columns = std::move(all);
    }
    for (const auto& c : columns) parts.push_back(Binary(op, op, x, c));
    Piece result = parts[0];
    for (size_t i = 1; i < parts.size(); i++) result = Join({result, parts[i]}, in.negated ? "AND" : "OR");
    return result;
  }

  std::string Indent() const { return std::string(static_cast<size_t>(indent_), ' '); }

  // CASE on lines of its own, as PostgreSQL's pretty printer lays it out (4 more spaces a level).
  Piece Case(const ast::CaseExpr& c) {
    Piece arg;
    if (c.arg) arg = Expr(*c.arg);
    std::string text = "\n" + Indent() + "CASE";
    if (c.arg) text = Cat(text + " ", Coerce(arg, arg.untyped ? LogicalType(TypeId::kText) : arg.type, true));
    indent_ += kIndentStep;
    std::vector<Piece> whens, thens;
    std::vector<LogicalType> types;
    for (const auto& w : c.whens) {
      whens.push_back(Expr(*w.when));
      thens.push_back(Expr(*w.then));
      types.push_back(thens.back().untyped ? LogicalType(TypeId::kUnknown) : thens.back().type);
    }
    Piece else_result;
    if (c.else_result) {
      else_result = Expr(*c.else_result);
      types.push_back(else_result.untyped ? LogicalType(TypeId::kUnknown) : else_result.type);
    }
    LogicalType common = CommonOf(types);
    bool has_column = arg.has_column || else_result.has_column;
    for (size_t i = 0; i < whens.size(); i++) {
      std::string when;
      if (c.arg) {
        auto [lt, rt] = OperandTypes("=", arg, whens[i]);
        when = Coerce(whens[i], rt, true);
      } else {
        when = Coerce(whens[i], LogicalType(TypeId::kBool), true);
      }
      text = Cat(Cat(text + "\n" + Indent() + "WHEN ", when) + " THEN ", Coerce(thens[i], common, true));
      has_column = has_column || whens[i].has_column || thens[i].has_column;
    }
    if (c.else_result) {
      text = Cat(text + "\n" + Indent() + "ELSE ", Coerce(else_result, common, true));
    } else {
      text += "\n" + Indent() + "ELSE NULL::" + TypeText(common);
    }
    indent_ -= kIndentStep;
    text += "\n" + Indent() + "END";
    return Typed(text, common, has_column);
  }

  // Each argument's piece and type (kUnknown for an untyped literal), as function resolution takes them.
  void Arguments(const ast::ExprList& list, std::vector<Piece>* pieces, std::vector<LogicalType>* types) {
    for (const auto& a : list) {
      pieces->push_back(Expr(*a));
      types->push_back(pieces->back().untyped ? LogicalType(TypeId::kUnknown) : pieces->back().type);
    }
  }

  Piece Variadic(const char* name, const ast::ExprList& args) {
    std::vector<Piece> items;
    std::vector<LogicalType> types;
    Arguments(args, &items, &types);
    LogicalType common = CommonOf(types);
    std::string text = std::string(name) + "(";
    for (size_t i = 0; i < items.size(); i++) text = Cat(i ? text + ", " : text, Coerce(items[i], common, true));
    return Typed(text + ")", common, Any(items));
  }

  Piece Function(const ast::FuncCall& f) {
    bool plain = !f.star && !f.distinct && !f.variadic && f.agg_order.empty() && !f.within_group && !f.filter &&
                 !f.over && !f.name.empty() && (f.name.size() == 1 || (f.name.size() == 2 && f.name[0] == "pg_catalog"));
    for (const auto& n : f.arg_names) plain = plain && n.empty();
    if (scope_ && !f.name.empty() && (!plain || IsAggregateOrWindow(f.name.back()))) return Aggregate(f);
    if (!plain) return Typed(ast::ExprToString(f), LogicalType(TypeId::kUnknown), true);
    const std::string& name = f.name.back();
    std::vector<Piece> args;
    std::vector<LogicalType> types;
    Arguments(f.args, &args, &types);
    ResolvedFunction r;
    const auto* candidates = FunctionRegistry::Instance().Find(name);
    bool resolved = false;
    if (candidates) {
      try {
        resolved = ResolveScalar(*candidates, types, &r);
      } catch (const Error&) {
        resolved = false;  // binding the stored text reports it
      }
    }
    if (f.name.size() == 2 && name == "timezone" && args.size() == 2 && resolved) {
      // x AT TIME ZONE zone arrives as pg_catalog.timezone(zone, x), and prints as it was written.
      return Typed(Cat(Cat("(", Coerce(args[1], r.arg_types[1], true)) + " AT TIME ZONE ", Coerce(args[0], r.arg_types[0], true)) + ")",
                   r.return_type, Any(args));
    }
    if (f.name.size() == 2 && resolved) {
      std::vector<std::string> a;
      for (size_t i = 0; i < args.size(); i++) a.push_back(Coerce(args[i], i < r.arg_types.size() ? r.arg_types[i] : LogicalType(TypeId::kUnknown), true));
      std::string syntax = SqlSyntax(name, args, a);
      if (!syntax.empty()) return Typed(syntax, r.return_type, Any(args));
    }
    std::string text = QuoteIdentifier(name) + "(";  // "left"(...), "substring"(...): keywords quoted
    for (size_t i = 0; i < args.size(); i++) {
      LogicalType want = resolved && i < r.arg_types.size() ? r.arg_types[i] : LogicalType(TypeId::kUnknown);
      // PostgreSQL's lengths of character(n) take it as it is (bpcharlen, bpcharoctetlen).
      bool bpchar_length = name == "length" || name == "char_length" || name == "character_length" || name == "octet_length";
      if (bpchar_length && args[i].type.id == TypeId::kChar && !args[i].untyped) want = args[i].type;
      text = Cat(i ? text + ", " : text, Coerce(args[i], want, true));
    }
    return Typed(text + ")", resolved ? r.return_type : LogicalType(TypeId::kUnknown), Any(args));
  }

  // The calls the SQL grammar writes as keywords (pg_catalog.extract(...) from EXTRACT(... FROM ...)),
  // printed back in that syntax as PostgreSQL does; "" for another call.
  static std::string SqlSyntax(const std::string& name, const std::vector<Piece>& args, const std::vector<std::string>& a) {
    size_t n = a.size();
    if (name == "extract" && n == 2 && args[0].untyped && !args[0].null) return "EXTRACT(" + args[0].literal + " FROM " + a[1] + ")";
    if (name == "position" && n == 2) return "POSITION((" + a[1] + ") IN (" + a[0] + "))";
    if (name == "substring" && (n == 2 || n == 3) && !(args[1].untyped || IsTextual(args[1].type.id))) {
      return "SUBSTRING(" + a[0] + " FROM " + a[1] + (n == 3 ? " FOR " + a[2] : "") + ")";
    }
    if ((name == "btrim" || name == "ltrim" || name == "rtrim") && (n == 1 || n == 2)) {
      const char* side = name == "btrim" ? "BOTH" : name == "ltrim" ? "LEADING" : "TRAILING";
      return std::string("TRIM(") + side + (n == 2 ? " " + a[1] : "") + " FROM " + a[0] + ")";
    }
    if (name == "overlay" && (n == 3 || n == 4)) {
      return "OVERLAY(" + a[0] + " PLACING " + a[1] + " FROM " + a[2] + (n == 4 ? " FOR " + a[3] : "") + ")";
    }
    return "";
  }

  // x[i], x[i:j]: the subscripted expression in parentheses unless a column.
  Piece Subscript(const ast::Subscript& s) {
    Piece arg = Expr(*s.arg);
    std::string text = s.arg->kind == ast::ExprKind::kColumnRef ? arg.text : Cat("(", arg.text) + ")";
    auto index = [&](const ast::ExprPtr& e) { return e ? Coerce(Expr(*e), LogicalType(TypeId::kInt4), true) : std::string(); };
    text += "[" + (s.slice ? index(s.lower) + ":" + index(s.upper) : index(s.upper ? s.upper : s.lower)) + "]";
    LogicalType type = arg.type.IsArray() && !s.slice ? arg.type.ElementType() : arg.type;
    return Typed(text, type, true);
  }

  static bool IsAggregateOrWindow(const std::string& name) {
    return AggregateRegistry::Instance().Find(name) || FindWindowFunction(name);
  }

  std::string ListText(const ast::ExprList& list) {
    std::string text;
    for (size_t i = 0; i < list.size(); i++) text = Cat(i ? text + ", " : text, Finished(Expr(*list[i])));
    return text;
  }
  std::string OrderList(const std::vector<ast::OrderByItem>& items) {
    std::string text;
    for (size_t i = 0; i < items.size(); i++) text = Cat(i ? text + ", " : text, OrderItemText(items[i], Expr(*items[i].expr)));
    return text;
  }

 public:
  // An expression's text where its value is used as it is (a select-list item, ORDER BY): an
  // untyped literal is text there.
  std::string Finished(const Piece& p) { return Coerce(p, p.untyped ? LogicalType(TypeId::kText) : p.type, true); }
  // An ORDER BY item: the expression, then DESC and NULLS FIRST / LAST where not the default.
  std::string OrderItemText(const ast::OrderByItem& item, const Piece& p) {
    using D = ast::OrderByItem::Dir;
    using N = ast::OrderByItem::Nulls;
    std::string text = Finished(p);
    bool desc = item.dir == D::kDesc;
    if (desc) text += " DESC";
    if (item.nulls == N::kFirst && !desc) text += " NULLS FIRST";
    if (item.nulls == N::kLast && desc) text += " NULLS LAST";
    return text;
  }
  Piece Of(const ast::Expr& e) { return Expr(e); }

 private:
  // An aggregate or window function call: count(*), count(DISTINCT t.a), string_agg(t.b, ','::text
  // ORDER BY t.b), sum(t.c) FILTER (WHERE (t.a > 1)), rank() OVER (PARTITION BY t.b ORDER BY t.a).
  Piece Aggregate(const ast::FuncCall& f) {
    const std::string& name = f.name.back();
    std::vector<Piece> args;
    std::vector<LogicalType> types;
    Arguments(f.args, &args, &types);
    std::vector<LogicalType> want(args.size(), LogicalType(TypeId::kUnknown));
    LogicalType result(TypeId::kUnknown);
    if (const auto* candidates = AggregateRegistry::Instance().Find(name)) {
      ResolvedAggregate r;
      try {
        if (ResolveAggregate(*candidates, types, &r)) {
          want = r.arg_types;
          result = r.return_type;
        }
      } catch (const Error&) {
        // binding the stored text reports it
      }
    } else {
      for (const auto& sig : WindowFunctionSignatures()) {
        if (name != sig.name || sig.arg_types.size() != args.size()) continue;
        result = sig.return_type.id == TypeId::kUnknown && !types.empty() ? types[0] : sig.return_type;
        for (size_t i = 0; i < args.size(); i++) {
          want[i] = sig.arg_types[i].id == TypeId::kUnknown ? types[0] : sig.arg_types[i];
        }
        break;
      }
    }
    std::string text = QuoteIdentifier(name) + "(";  // "left"(...), "substring"(...): keywords quoted
    if (f.star) text += "*";
    if (f.distinct) text += "DISTINCT ";
    for (size_t i = 0; i < args.size(); i++) {
      LogicalType w = i < want.size() ? want[i] : LogicalType(TypeId::kUnknown);
      if (w.id == TypeId::kUnknown && args[i].untyped) w = LogicalType(TypeId::kText);
      text = Cat(i ? text + ", " : text, Coerce(args[i], w, true));
    }
    if (!f.agg_order.empty()) text = Cat(text + " ORDER BY ", OrderList(f.agg_order));
    text += ")";
    if (f.filter) text = Cat(text + " FILTER (WHERE ", Coerce(Expr(*f.filter), LogicalType(TypeId::kBool), true)) + ")";
    if (f.over) text += " OVER " + WindowText(*f.over);
    return Typed(text, result, true);
  }

 public:
  // OVER (PARTITION BY ... ORDER BY ... frame), or OVER w for a named window alone.
  std::string WindowText(const ast::WindowDef& w, bool definition = false) {
    if (!definition && !w.name.empty()) return QuoteIdent(w.name);  // OVER w
    std::string text = "(";
    auto more = [&](const std::string& piece) { text = Cat(text.size() > 1 ? text + " " : text, piece); };
    if (!w.ref_name.empty()) more(QuoteIdent(w.ref_name));
    if (!w.partition_by.empty()) more("PARTITION BY " + ListText(w.partition_by));
    if (!w.order_by.empty()) more("ORDER BY " + OrderList(w.order_by));
    if (w.frame.mode != ast::WindowFrame::Mode::kDefault) more(FrameText(w.frame));
    return text + ")";
  }

 private:
  std::string FrameText(const ast::WindowFrame& f) {
    using M = ast::WindowFrame::Mode;
    using B = ast::WindowFrame::Bound;
    auto bound = [&](B b, const ast::ExprPtr& offset) -> std::string {
      switch (b) {
        case B::kUnboundedPreceding: return "UNBOUNDED PRECEDING";
        case B::kPreceding: return Finished(Expr(*offset)) + " PRECEDING";
        case B::kCurrentRow: return "CURRENT ROW";
        case B::kFollowing: return Finished(Expr(*offset)) + " FOLLOWING";
        case B::kUnboundedFollowing: return "UNBOUNDED FOLLOWING";
      }
      return "";
    };
    std::string text = f.mode == M::kRows ? "ROWS " : f.mode == M::kGroups ? "GROUPS " : "RANGE ";
    text += "BETWEEN " + bound(f.start, f.start_offset) + " AND " + bound(f.end, f.end_offset);
    using E = ast::WindowFrame::Exclude;
    if (f.exclude == E::kCurrentRow) text += " EXCLUDE CURRENT ROW";
    if (f.exclude == E::kGroup) text += " EXCLUDE GROUP";
    if (f.exclude == E::kTies) text += " EXCLUDE TIES";
    return text;
  }

  // EXISTS (...), (x IN (...)), (x op ANY / ALL (...)), (scalar subquery), ARRAY(...).
  Piece Sublink(const ast::SubqueryExpr& s) {
    using T = ast::SubqueryExpr::Type;
    LogicalType first(TypeId::kUnknown);
    if (s.type == T::kAny || s.type == T::kAll) {
      Piece l = Expr(*s.test);
      std::string query = scope_->Subquery(*s.query, indent_, &first);
      Piece probe = Typed("", first, true);
      auto [lt, rt] = OperandTypes(s.op, l, probe);
      std::string op = OperatorText(s.op);
      std::string word = s.type == T::kAny ? (op == "=" ? " IN " : " " + op + " ANY ") : " " + op + " ALL ";
      return Typed(Cat("(", Coerce(l, lt, true)) + word + "(" + query + "))", LogicalType(TypeId::kBool), true);
    }
    std::string query = scope_->Subquery(*s.query, indent_, &first);
    switch (s.type) {
      case T::kExists: return Typed("(EXISTS (" + query + "))", LogicalType(TypeId::kBool), true);
      case T::kArray:
        return Typed("ARRAY(" + query + ")", first.IsArray() ? first : LogicalType::ArrayOf(first), true);
      default: return Typed("(" + query + ")", first, true);
    }
  }

  Piece SqlValue(const ast::SqlValueFunction& s) {
    using T = ast::SqlValueFunction::Type;
    std::string text = ast::ExprToString(s);
    if (s.precision >= 0) text += "(" + std::to_string(s.precision) + ")";
    TypeId type = TypeId::kName;
    switch (s.type) {
      case T::kCurrentDate: type = TypeId::kDate; break;
      case T::kCurrentTimestamp: type = TypeId::kTimestampTz; break;
      case T::kLocalTimestamp: type = TypeId::kTimestamp; break;
      case T::kCurrentTime: type = TypeId::kTimeTz; break;
      case T::kLocalTime: type = TypeId::kTime; break;
      default: type = TypeId::kName; break;
    }
    return Typed(text, LogicalType(type), false);
  }

  const FunctionContext& fn_;
  const TableEntry* table_;
  bool qualify_types_ = false;
  const QueryScope* scope_ = nullptr;
  int indent_ = 0;
};

// Whether Kanto binds `text` (over `table`'s columns when given). PostgreSQL's form of an
// expression Kanto cannot read back is not stored: the expression keeps Kanto's own text.
// Stored texts are bound later under the default search_path (a serial default names its sequence
// without "public."), so they are tried under it here.
bool Binds(const FunctionContext& session, const TableEntry* table, const std::string& text) {
  FunctionContext fn = session;
  fn.search_path = SearchPath{};
  BinderEnv env;
  env.catalog = session.catalog;
  env.fn_ctx = &fn;
  Binder binder(env);
  try {
    if (table) {
      binder.BindCheckConstraint(*table, text);
    } else {
      auto stmts = ParseSql("SELECT " + text);
      binder.BindStandaloneExpr(*static_cast<const ast::SelectStmt&>(*stmts.at(0)).targets.at(0).expr);
    }
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

std::string DefaultExpressionText(const FunctionContext& session, const ast::Expr& e, const LogicalType& column_type) {
  const ast::Expr* inner = &e;
  if (inner->kind == ast::ExprKind::kCast) inner = static_cast<const ast::CastExpr&>(*inner).arg.get();
  if (inner->kind == ast::ExprKind::kConstant && static_cast<const ast::Constant&>(*inner).type == ast::Constant::Type::kNull) {
    return "";
  }
  Deparser d(session, nullptr, true);
  std::string text = d.Coerce(d.Expr(e), column_type, false);
  return Binds(session, nullptr, text) ? text : ast::ExprToString(e);
}

ExpressionText QueryExpressionText(const FunctionContext& session, const QueryScope& scope, const ast::Expr& e,
                                   int indent) {
  Deparser d(session, scope, indent);
  Piece p = d.Of(e);
  return {d.Finished(p), p.untyped ? LogicalType(TypeId::kText) : p.type};
}

std::string WindowSpecText(const FunctionContext& session, const QueryScope& scope, const ast::WindowDef& w, int indent) {
  Deparser d(session, scope, indent);
  return d.WindowText(w, true);
}

std::string CheckExpressionText(const FunctionContext& session, const TableEntry& table, const ast::Expr& e) {
  Deparser d(session, &table, true);
  std::string text = d.Coerce(d.Expr(e), LogicalType(TypeId::kBool), false);
  return Binds(session, &table, text) ? text : ast::ExprToString(e);
}

}  // namespace kanto::commands
