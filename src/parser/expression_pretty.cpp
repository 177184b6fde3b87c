#include "parser/expression_pretty.hpp"

#include <optional>
#include <vector>

#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"
#include "parser/ast_stmt.hpp"
#include "parser/ast_to_string.hpp"
#include "parser/keywords.hpp"
#include "parser/parser.hpp"

namespace kanto {

namespace {

constexpr int kIndentStep = 4;  // PostgreSQL's PRETTYINDENT_VAR

// What a node is to its parent when the parent decides whether to parenthesize it (PostgreSQL's
// isSimpleNode): the parent's node type, operator and position.
enum class Parent { kTop, kBinaryOp, kUnaryOp, kBool, kTest, kCast, kAnyAll, kFunctionLike };
struct Context {
  Parent parent = Parent::kTop;
  std::string op;  // kBinaryOp
  bool first = false;  // the left operand of kBinaryOp
  ast::BoolExpr::Type bool_type = ast::BoolExpr::Type::kAnd;  // kBool
};

bool StringConstant(const ast::Expr& e) {
  return e.kind == ast::ExprKind::kConstant && static_cast<const ast::Constant&>(e).type == ast::Constant::Type::kString;
}

// The type names PostgreSQL's format_type prints for the parser's internal names.
std::optional<std::string> TypeText(const ast::TypeName& t) {
  std::string name;
  for (size_t i = 0; i < t.names.size(); i++) {
    if (t.names[i] == "pg_catalog" && t.names.size() > 1) continue;
    name += (name.empty() ? "" : ".") + t.names[i];
  }
  static const std::pair<const char*, const char*> kNames[] = {
      {"int2", "smallint"}, {"int4", "integer"}, {"int8", "bigint"}, {"float4", "real"},
      {"float8", "double precision"}, {"bool", "boolean"}, {"varchar", "character varying"}, {"bpchar", "character"},
      {"timestamp", "timestamp without time zone"}, {"timestamptz", "timestamp with time zone"},
      {"time", "time without time zone"}, {"timetz", "time with time zone"}};
  std::string suffix;
  for (const auto& [internal, shown] : kNames) {
    if (name == internal) {
      name = shown;
      // PostgreSQL prints the length inside the name: timestamp(3) without time zone.
      if (std::string(internal).rfind("time", 0) == 0) {
        suffix = name.substr(name.find(' '));
        name = name.substr(0, name.find(' '));
      }
    }
  }
  if (!t.mods.empty()) {
    name += "(";
    for (size_t i = 0; i < t.mods.size(); i++) name += (i ? "," : "") + std::to_string(t.mods[i]);
    name += ")";
  }
  name += suffix;
  if (t.array) name += "[]";
  return name;
}

// Appends `piece`; a piece that begins on a new line (CASE) takes the spaces before it away.
std::string Cat(std::string text, const std::string& piece) {
  if (!piece.empty() && piece[0] == '\n') {
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  return text + piece;
}

bool LowPriority(const std::string& op) { return op == "+" || op == "-"; }
bool HighPriority(const std::string& op) { return op == "*" || op == "/" || op == "%"; }

class Printer {
 public:
  // `reference`: the stored text the non-pretty printing is to reproduce (it decides between the
  // forms the parsed expression does not tell apart).
  Printer(bool pretty, int indent, const SublinkPrinter* sublinks, const std::string* reference = nullptr)
      : pretty_(pretty), indent_(indent), sublinks_(sublinks), reference_(reference) {}

  // `e` printed where `ctx` puts it, with its own parentheses when the non-pretty form has them
  // and, pretty, the parentheses its parent needs around it; nullopt for a form this printer does
  // not know.
  std::optional<std::string> Print(const ast::Expr& e, const Context& ctx) {
    CheckStackDepth();
    auto body = Body(e);
    if (!body) return std::nullopt;
    if (!pretty_) return body;
    if (ctx.parent == Parent::kTop || ctx.parent == Parent::kFunctionLike) return body;
    auto simple = Simple(e, ctx);
    if (!simple) return std::nullopt;
    return *simple ? *body : Cat("(", *body) + ")";
  }

 private:
  // Parentheses a node writes around itself when not pretty (PostgreSQL's !PRETTY_PAREN).
  std::string Own(const std::string& text) const { return pretty_ ? text : Cat("(", text) + ")"; }

  // Whether `e` needs no parentheses under ctx's parent (PostgreSQL's isSimpleNode with
  // PRETTYFLAG_PAREN); nullopt when that depends on what this printer cannot see.
  std::optional<bool> Simple(const ast::Expr& e, const Context& ctx) {
    switch (e.kind) {
      case ast::ExprKind::kColumnRef:
      case ast::ExprKind::kConstant:
      case ast::ExprKind::kFuncCall:
      case ast::ExprKind::kCase:
      case ast::ExprKind::kArray:
      case ast::ExprKind::kCoalesce:
      case ast::ExprKind::kMinMax:
      case ast::ExprKind::kNullIf:
      case ast::ExprKind::kSqlValue:
        return true;
      case ast::ExprKind::kCast: {
        // A constant, or a cast of something itself simple everywhere. A cast of an operator is
        // simple when PostgreSQL makes it a function call (FuncExpr): every cast to a numeric type
        // from the types operators give (int4 -> numeric, numeric -> int4, bool -> int4, jsonb ->
        // int4); one to a string type is an I/O conversion or a relabeling, which parenthesizes
        // (int4 -> text, text -> varchar); for the other types this text does not tell them apart.
        const auto& c = static_cast<const ast::CastExpr&>(e);
        if (StringConstant(*c.arg)) return true;
        Context any;
        any.parent = Parent::kTest;
        auto inner = Simple(*c.arg, any);
        if (inner && *inner) return true;
        auto type = TypeText(c.type);
        std::string base = type ? type->substr(0, type->find('(')) : "";
        if (c.type.array) return std::nullopt;
        for (const char* numeric : {"smallint", "integer", "bigint", "real", "double precision", "numeric"}) {
          if (base == numeric) return true;
        }
        // (With a length, text -> varchar(n) is a length-coercing call over a relabeling: nested
        // parentheses this printer does not write.)
        if (base == *type && (base == "text" || base == "character varying")) return false;
        return std::nullopt;
      }
      case ast::ExprKind::kOp: {
        const auto& o = static_cast<const ast::OpExpr&>(e);
        if (ctx.parent == Parent::kBinaryOp || ctx.parent == Parent::kUnaryOp) {
          if (!o.left || ctx.parent == Parent::kUnaryOp) return false;
          bool lo = LowPriority(o.op), hi = HighPriority(o.op);
          bool parent_lo = LowPriority(ctx.op), parent_hi = HighPriority(ctx.op);
          if (!(lo || hi) || !(parent_lo || parent_hi)) return false;
          if (hi && parent_lo) return true;
          if (lo && parent_hi) return false;
          return ctx.first;  // (a - b) - c, not a - (b - c)
        }
        return ctx.parent == Parent::kBool;
      }
      case ast::ExprKind::kNullTest:
      case ast::ExprKind::kBooleanTest:
      case ast::ExprKind::kDistinctFrom:
      case ast::ExprKind::kSubquery:
        return ctx.parent == Parent::kBool;
      case ast::ExprKind::kBool: {
        const auto& b = static_cast<const ast::BoolExpr&>(e);
        if (ctx.parent != Parent::kBool) return false;
        if (b.type == ast::BoolExpr::Type::kOr) return ctx.bool_type == ast::BoolExpr::Type::kOr;
        return ctx.bool_type != ast::BoolExpr::Type::kNot;
      }
      default:
        return false;  // ANY / ALL and the rest: always in parentheses
    }
  }

  std::optional<std::string> List(const ast::ExprList& items) {
    std::string text;
    Context ctx;
    ctx.parent = Parent::kFunctionLike;
    for (size_t i = 0; i < items.size(); i++) {
      auto item = Print(*items[i], ctx);
      if (!item) return std::nullopt;
      text = Cat(i ? text + ", " : text, *item);
    }
    return text;
  }

  std::optional<std::string> Body(const ast::Expr& e) {
    switch (e.kind) {
      case ast::ExprKind::kColumnRef: {
        const auto& c = static_cast<const ast::ColumnRef&>(e);
        if (c.star || c.names.empty()) return std::nullopt;
        std::string text;
        for (const auto& n : c.names) text += (text.empty() ? "" : ".") + QuoteIdentifier(n);
        return text;
      }
      case ast::ExprKind::kConstant: {
        const auto& c = static_cast<const ast::Constant&>(e);
        if (c.type == ast::Constant::Type::kBitString) return std::nullopt;
        return ast::ExprToString(c);
      }
      case ast::ExprKind::kCast: {
        const auto& c = static_cast<const ast::CastExpr&>(e);
        auto type = TypeText(c.type);
        if (!type) return std::nullopt;
        Context ctx;
        ctx.parent = Parent::kCast;
        if (StringConstant(*c.arg)) return ast::ExprToString(*c.arg) + "::" + *type;
        auto arg = Print(*c.arg, ctx);
        if (!arg) return std::nullopt;
        return (pretty_ ? *arg : Cat("(", *arg) + ")") + "::" + *type;
      }
      case ast::ExprKind::kOp: {
        const auto& o = static_cast<const ast::OpExpr&>(e);
        if (!o.qualified_op.empty()) return std::nullopt;
        Context ctx;
        ctx.parent = o.left ? Parent::kBinaryOp : Parent::kUnaryOp;
        ctx.op = o.op;
        auto right = Print(*o.right, ctx);
        if (!right) return std::nullopt;
        if (!o.left) return Own(Cat(o.op + " ", *right));
        ctx.first = true;
        auto left = Print(*o.left, ctx);
        if (!left) return std::nullopt;
        return Own(Cat(*left + " " + o.op + " ", *right));
      }
      case ast::ExprKind::kBool: {
        const auto& b = static_cast<const ast::BoolExpr&>(e);
        Context ctx;
        ctx.parent = Parent::kBool;
        ctx.bool_type = b.type;
        std::string text = b.type == ast::BoolExpr::Type::kNot ? "NOT " : "";
        const char* word = b.type == ast::BoolExpr::Type::kAnd ? " AND " : " OR ";
        std::vector<std::string> args;
        for (size_t i = 0; i < b.args.size(); i++) {
          auto arg = Print(*b.args[i], ctx);
          if (!arg) return std::nullopt;
          args.push_back(*arg);
          text = Cat(i ? text + word : text, *arg);
        }
        // The parser reads ((p1 OR p2) OR p3), PostgreSQL's form of an IN list, as one OR of three:
        // not pretty, it is printed nested where the stored text has it so (pretty, both are flat).
        if (!pretty_ && reference_ && args.size() > 2 && reference_->find(Own(text)) == std::string::npos) {
          std::string nested = args[0];
          for (size_t i = 1; i < args.size(); i++) nested = Cat(Cat("(", nested) + word, args[i]) + ")";
          return nested;
        }
        return Own(text);
      }
      case ast::ExprKind::kNullTest: {
        const auto& n = static_cast<const ast::NullTest&>(e);
        Context ctx;
        ctx.parent = Parent::kTest;
        auto arg = Print(*n.arg, ctx);
        if (!arg) return std::nullopt;
        return Own(*arg + (n.is_not ? " IS NOT NULL" : " IS NULL"));
      }
      case ast::ExprKind::kBooleanTest: {
        static const char* kTests[] = {"IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE", "IS UNKNOWN", "IS NOT UNKNOWN"};
        const auto& b = static_cast<const ast::BooleanTest&>(e);
        Context ctx;
        ctx.parent = Parent::kTest;
        auto arg = Print(*b.arg, ctx);
        if (!arg) return std::nullopt;
        return Own(*arg + " " + kTests[static_cast<int>(b.type)]);
      }
      case ast::ExprKind::kDistinctFrom: {
        const auto& d = static_cast<const ast::DistinctFrom&>(e);
        if (d.is_not) return std::nullopt;  // PostgreSQL keeps it as NOT (a IS DISTINCT FROM b)
        Context ctx;
        ctx.parent = Parent::kTest;
        auto l = Print(*d.left, ctx), r = Print(*d.right, ctx);
        if (!l || !r) return std::nullopt;
        return Own(*l + " IS DISTINCT FROM " + *r);
      }
      case ast::ExprKind::kAnyAllArray: {
        const auto& a = static_cast<const ast::AnyAllArray&>(e);
        Context ctx;
        ctx.parent = Parent::kAnyAll;
        auto l = Print(*a.left, ctx), r = Print(*a.right, ctx);
        if (!l || !r) return std::nullopt;
        return Own(*l + " " + a.op + (a.all ? " ALL (" : " ANY (") + *r + ")");
      }
      case ast::ExprKind::kFuncCall: {
        const auto& f = static_cast<const ast::FuncCall&>(e);
        // Plain calls, and aggregates over * or DISTINCT arguments with a FILTER.
        bool plain = !f.variadic && f.agg_order.empty() && !f.within_group && !f.over && f.name.size() == 1;
        for (const auto& n : f.arg_names) plain = plain && n.empty();
        if (!plain) return std::nullopt;
        auto args = List(f.args);
        if (!args) return std::nullopt;
        std::string text = QuoteIdentifier(f.name[0]) + "(" + (f.star ? "*" : "") + (f.distinct ? "DISTINCT " : "") + *args + ")";
        if (f.filter) {
          auto filter = Print(*f.filter, Context{});
          if (!filter) return std::nullopt;
          text = Cat(text + " FILTER (WHERE ", *filter) + ")";
        }
        return text;
      }
      case ast::ExprKind::kArray: {
        auto items = List(static_cast<const ast::ArrayExpr&>(e).elements);
        if (!items) return std::nullopt;
        return "ARRAY[" + *items + "]";
      }
      case ast::ExprKind::kCoalesce:
      case ast::ExprKind::kMinMax: {
        const ast::ExprList& args = e.kind == ast::ExprKind::kCoalesce ? static_cast<const ast::CoalesceExpr&>(e).args
                                                                       : static_cast<const ast::MinMaxExpr&>(e).args;
        const char* name = e.kind == ast::ExprKind::kCoalesce ? "COALESCE("
                           : static_cast<const ast::MinMaxExpr&>(e).greatest ? "GREATEST("
                                                                             : "LEAST(";
        auto items = List(args);
        if (!items) return std::nullopt;
        return name + *items + ")";
      }
      case ast::ExprKind::kNullIf: {
        const auto& n = static_cast<const ast::NullIfExpr&>(e);
        Context ctx;
        ctx.parent = Parent::kFunctionLike;
        auto l = Print(*n.left, ctx), r = Print(*n.right, ctx);
        if (!l || !r) return std::nullopt;
        return Cat(Cat("NULLIF(", *l) + ", ", *r) + ")";
      }
      case ast::ExprKind::kSqlValue: {
        const auto& v = static_cast<const ast::SqlValueFunction&>(e);
        return ast::ExprToString(v) + (v.precision >= 0 ? "(" + std::to_string(v.precision) + ")" : "");
      }
      case ast::ExprKind::kCase: return Case(static_cast<const ast::CaseExpr&>(e));
      case ast::ExprKind::kSubquery: return Sublink(static_cast<const ast::SubqueryExpr&>(e));
      case ast::ExprKind::kCollate: {
        const auto& c = static_cast<const ast::CollateExpr&>(e);
        Context ctx;
        ctx.parent = Parent::kTest;
        auto arg = Print(*c.arg, ctx);
        if (!arg) return std::nullopt;
        std::string name;
        for (const auto& part : c.collation) name += (name.empty() ? "" : ".") + QuoteIdentifier(part);
        return Own(*arg + " COLLATE " + name);
      }
      default:
        return std::nullopt;
    }
  }

  // (EXISTS (...)), (x IN (...)), (x op ANY / ALL (...)), (scalar subquery), ARRAY(...): the
  // parentheses are the sublink's own, pretty or not.
  std::optional<std::string> Sublink(const ast::SubqueryExpr& s) {
    if (!sublinks_ || !s.query) return std::nullopt;
    auto query = (*sublinks_)(*s.query, indent_);
    if (!query) return std::nullopt;
    using T = ast::SubqueryExpr::Type;
    switch (s.type) {
      case T::kExists: return "(EXISTS (" + *query + "))";
      case T::kArray: return "ARRAY(" + *query + ")";
      case T::kScalar: return "(" + *query + ")";
      case T::kAny:
      case T::kAll: {
        Context ctx;
        ctx.parent = Parent::kFunctionLike;
        auto test = s.test ? Print(*s.test, ctx) : std::nullopt;
        if (!test) return std::nullopt;
        std::string op = s.op == "!=" ? "<>" : s.op;
        std::string word = s.type == T::kAny ? (op == "=" ? " IN " : " " + op + " ANY ") : " " + op + " ALL ";
        return Cat("(", *test) + word + "(" + *query + "))";
      }
    }
    return std::nullopt;
  }

  // CASE on lines of its own, 4 more spaces a level; its parts take no parentheses from it.
  std::optional<std::string> Case(const ast::CaseExpr& c) {
    Context ctx;
    ctx.parent = Parent::kFunctionLike;
    std::string indent(static_cast<size_t>(indent_), ' ');
    std::string text = "\n" + indent + "CASE";
    if (c.arg) {
      auto arg = Print(*c.arg, ctx);
      if (!arg) return std::nullopt;
      text = Cat(text + " ", *arg);
    }
    indent_ += kIndentStep;
    std::string inner(static_cast<size_t>(indent_), ' ');
    bool known = c.else_result != nullptr;  // PostgreSQL prints ELSE NULL::type: the stored text has one
    for (const auto& w : c.whens) {
      auto when = known ? Print(*w.when, ctx) : std::nullopt;
      auto then = when ? Print(*w.then, ctx) : std::nullopt;
      known = then.has_value();
      if (known) text = Cat(Cat(text + "\n" + inner + "WHEN ", *when) + " THEN ", *then);
    }
    auto else_result = known ? Print(*c.else_result, ctx) : std::nullopt;
    indent_ -= kIndentStep;
    if (!else_result) return std::nullopt;
    text = Cat(text + "\n" + inner + "ELSE ", *else_result);
    return text + "\n" + indent + "END";
  }

  bool pretty_;
  int indent_;
  const SublinkPrinter* sublinks_;
  const std::string* reference_;
};

}  // namespace

std::string PrettyExpressionText(const std::string& stored, int indent, const SublinkPrinter* sublinks) {
  try {
    auto stmts = ParseSql("SELECT " + stored);
    if (stmts.size() != 1 || stmts[0]->kind != ast::StmtKind::kSelect) return stored;
    const auto& select = static_cast<const ast::SelectStmt&>(*stmts[0]);
    if (select.targets.size() != 1 || !select.targets[0].expr) return stored;
    const ast::Expr& e = *select.targets[0].expr;
    auto plain = Printer(false, indent, sublinks, &stored).Print(e, Context{});
    if (!plain || *plain != stored) return stored;
    auto pretty = Printer(true, indent, sublinks).Print(e, Context{});
    return pretty ? *pretty : stored;
  } catch (const Error&) {
    return stored;
  }
}

}  // namespace kanto
