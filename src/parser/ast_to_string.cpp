#include "parser/ast_to_string.hpp"

#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "kanto/error.hpp"

namespace kanto::ast {

namespace {
std::string TypeText(const TypeName& t) {
  std::string out;
  for (size_t i = 0; i < t.names.size(); i++) {
    if (t.names[i] == "pg_catalog" && t.names.size() > 1) continue;
    if (!out.empty()) out += ".";
    out += t.names[i];
  }
  if (!t.mods.empty()) {
    out += "(";
    for (size_t i = 0; i < t.mods.size(); i++) out += (i ? "," : "") + std::to_string(t.mods[i]);
    out += ")";
  }
  if (t.array) out += "[]";
  return out;
}

std::string List(const ExprList& l) {
  std::string out;
  for (size_t i = 0; i < l.size(); i++) out += (i ? ", " : "") + ExprToString(*l[i]);
  return out;
}
}  // namespace

std::string ExprToString(const Expr& e) {
  CheckStackDepth();
  switch (e.kind) {
    case ExprKind::kColumnRef: {
      const auto& c = static_cast<const ColumnRef&>(e);
      std::string out;
      for (size_t i = 0; i < c.names.size(); i++) out += (i ? "." : "") + QuoteIdent(c.names[i]);
      if (c.star) out += c.names.empty() ? "*" : ".*";
      return out;
    }
    case ExprKind::kConstant: {
      const auto& c = static_cast<const Constant&>(e);
      switch (c.type) {
        case Constant::Type::kNull: return "NULL";
        case Constant::Type::kInteger: return std::to_string(c.ival);
        case Constant::Type::kNumeric: return c.str;
        case Constant::Type::kString: return QuoteLiteral(c.str);
        case Constant::Type::kBool: return c.bval ? "true" : "false";
        case Constant::Type::kBitString: return "B'" + c.str + "'";
      }
      return "NULL";
    }
    case ExprKind::kParam: return "$" + std::to_string(static_cast<const ParamRef&>(e).number);
    case ExprKind::kOp: {
      const auto& o = static_cast<const OpExpr&>(e);
      if (!o.left) return "(" + o.op + " " + ExprToString(*o.right) + ")";
      return "(" + ExprToString(*o.left) + " " + o.op + " " + ExprToString(*o.right) + ")";
    }
    case ExprKind::kFuncCall: {
      const auto& f = static_cast<const FuncCall&>(e);
      std::string name;
      for (size_t i = 0; i < f.name.size(); i++) name += (i ? "." : "") + f.name[i];
      std::string out = name + "(";
      if (f.star) out += "*";
      if (f.distinct) out += "DISTINCT ";
      out += List(f.args) + ")";
      if (f.filter) out += " FILTER (WHERE " + ExprToString(*f.filter) + ")";
      if (f.over) out += " OVER (...)";
      return out;
    }
    case ExprKind::kCast: {
      const auto& c = static_cast<const CastExpr&>(e);
      return "CAST(" + ExprToString(*c.arg) + " AS " + TypeText(c.type) + ")";
    }
    case ExprKind::kCase: {
      const auto& c = static_cast<const CaseExpr&>(e);
      std::string out = "CASE";
      if (c.arg) out += " " + ExprToString(*c.arg);
      for (const auto& w : c.whens) out += " WHEN " + ExprToString(*w.when) + " THEN " + ExprToString(*w.then);
      if (c.else_result) out += " ELSE " + ExprToString(*c.else_result);
      return out + " END";
    }
    case ExprKind::kBool: {
      const auto& b = static_cast<const BoolExpr&>(e);
      if (b.type == BoolExpr::Type::kNot) return "(NOT " + ExprToString(*b.args[0]) + ")";
      std::string out = "(";
      for (size_t i = 0; i < b.args.size(); i++) {
        if (i) out += b.type == BoolExpr::Type::kAnd ? " AND " : " OR ";
        out += ExprToString(*b.args[i]);
      }
      return out + ")";
    }
    case ExprKind::kNullTest: {
      const auto& n = static_cast<const NullTest&>(e);
      return "(" + ExprToString(*n.arg) + (n.is_not ? " IS NOT NULL)" : " IS NULL)");
    }
    case ExprKind::kBooleanTest: {
      static const char* kTests[] = {"IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE", "IS UNKNOWN", "IS NOT UNKNOWN"};
      const auto& b = static_cast<const BooleanTest&>(e);
      return "(" + ExprToString(*b.arg) + " " + kTests[static_cast<int>(b.type)] + ")";
    }
    case ExprKind::kInList: {
      const auto& i = static_cast<const InList&>(e);
      return "(" + ExprToString(*i.arg) + (i.negated ? " NOT IN (" : " IN (") + List(i.list) + "))";
    }
    case ExprKind::kBetween: {
      const auto& b = static_cast<const Between&>(e);
      return "(" + ExprToString(*b.arg) + (b.negated ? " NOT BETWEEN " : " BETWEEN ") + (b.symmetric ? "SYMMETRIC " : "") +
             ExprToString(*b.low) + " AND " + ExprToString(*b.high) + ")";
    }
    case ExprKind::kDistinctFrom: {
      const auto& d = static_cast<const DistinctFrom&>(e);
      return "(" + ExprToString(*d.left) + (d.is_not ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") +
             ExprToString(*d.right) + ")";
    }
    case ExprKind::kCoalesce: return "COALESCE(" + List(static_cast<const CoalesceExpr&>(e).args) + ")";
    case ExprKind::kNullIf: {
      const auto& n = static_cast<const NullIfExpr&>(e);
      return "NULLIF(" + ExprToString(*n.left) + ", " + ExprToString(*n.right) + ")";
    }
    case ExprKind::kMinMax: {
      const auto& m = static_cast<const MinMaxExpr&>(e);
      return std::string(m.greatest ? "GREATEST(" : "LEAST(") + List(m.args) + ")";
    }
    case ExprKind::kRow: return "ROW(" + List(static_cast<const RowExpr&>(e).args) + ")";
    case ExprKind::kSqlValue: {
      static const char* kNames[] = {"CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
                                     "CURRENT_USER", "SESSION_USER", "USER", "CURRENT_ROLE", "CURRENT_CATALOG",
                                     "CURRENT_SCHEMA"};
      return kNames[static_cast<int>(static_cast<const SqlValueFunction&>(e).type)];
    }
    case ExprKind::kArray: return "ARRAY[" + List(static_cast<const ArrayExpr&>(e).elements) + "]";
    case ExprKind::kAnyAllArray: {
      const auto& a = static_cast<const AnyAllArray&>(e);
      return "(" + ExprToString(*a.left) + " " + a.op + (a.all ? " ALL (" : " ANY (") + ExprToString(*a.right) + "))";
    }
    case ExprKind::kSubscript: {
      const auto& s = static_cast<const Subscript&>(e);
      std::string out = ExprToString(*s.arg) + "[";
      if (s.lower) out += ExprToString(*s.lower);
      if (s.slice) out += ":";
      if (s.upper) out += ExprToString(*s.upper);
      return out + "]";
    }
    case ExprKind::kCollate: {
      const auto& c = static_cast<const CollateExpr&>(e);
      return ExprToString(*c.arg) + " COLLATE " + QuoteIdent(c.collation.empty() ? "default" : c.collation.back());
    }
    case ExprKind::kDefault: return "DEFAULT";
    case ExprKind::kFieldSelect: {
      const auto& f = static_cast<const FieldSelect&>(e);
      return "(" + ExprToString(*f.arg) + ")." + (f.star ? std::string("*") : QuoteIdent(f.field));
    }
    case ExprKind::kSubquery: throw Error(sqlstate::kFeatureNotSupported, "subqueries are not supported in this context");
    case ExprKind::kGroupingSet: return "GROUPING SETS (...)";
  }
  return "?";
}

std::string FigureColumnName(const Expr& e) {
  CheckStackDepth();
  switch (e.kind) {
    case ExprKind::kColumnRef: {
      const auto& c = static_cast<const ColumnRef&>(e);
      return c.names.empty() || c.star ? "?column?" : c.names.back();
    }
    case ExprKind::kFuncCall: {
      const auto& f = static_cast<const FuncCall&>(e);
      return f.name.empty() ? "?column?" : f.name.back();
    }
    case ExprKind::kCast: {
      const auto& c = static_cast<const CastExpr&>(e);
      std::string inner = FigureColumnName(*c.arg);
      if (inner != "?column?") return inner;
      return c.type.names.empty() ? "?column?" : c.type.names.back();
    }
    case ExprKind::kCase: {
      const auto& c = static_cast<const CaseExpr&>(e);
      if (c.else_result) {
        std::string inner = FigureColumnName(*c.else_result);
        if (inner != "?column?") return inner;
      }
      return "case";
    }
    case ExprKind::kCoalesce: return "coalesce";
    case ExprKind::kNullIf: return "nullif";
    case ExprKind::kMinMax: return static_cast<const MinMaxExpr&>(e).greatest ? "greatest" : "least";
    case ExprKind::kRow: return "row";
    case ExprKind::kFieldSelect: {
      const auto& f = static_cast<const FieldSelect&>(e);
      return f.star ? "?column?" : f.field;
    }
    case ExprKind::kArray: return "array";
    case ExprKind::kSubscript: return FigureColumnName(*static_cast<const Subscript&>(e).arg);
    case ExprKind::kSqlValue: {
      static const char* kNames[] = {"current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
                                     "current_user", "session_user", "user", "current_role", "current_catalog",
                                     "current_schema"};
      return kNames[static_cast<int>(static_cast<const SqlValueFunction&>(e).type)];
    }
    case ExprKind::kSubquery: {
      const auto& s = static_cast<const SubqueryExpr&>(e);
      if (s.type == SubqueryExpr::Type::kExists) return "exists";
      if (s.type == SubqueryExpr::Type::kArray) return "array";
      if (s.type == SubqueryExpr::Type::kScalar && s.query && !s.query->targets.empty()) {
        if (!s.query->targets[0].alias.empty()) return s.query->targets[0].alias;
        return FigureColumnName(*s.query->targets[0].expr);
      }
      return "?column?";
    }
    default:
      return "?column?";
  }
}

}  // namespace kanto::ast
