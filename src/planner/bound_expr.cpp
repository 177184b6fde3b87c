#include "planner/bound_expr.hpp"

#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "function/aggregate.hpp"

namespace kanto {

BoundExpr::~BoundExpr() {
  // Deep trees (a + b + c ...) are taken apart with a list of pending nodes, not by recursion:
  // a node is destroyed only once its children have been moved out.
  std::vector<BoundExprPtr> pending;
  auto take_children = [&pending](BoundExpr& e) {
    for (auto& c : e.children) {
      if (c && !c->children.empty()) pending.push_back(std::move(c));
    }
  };
  take_children(*this);
  while (!pending.empty()) {
    BoundExprPtr e = std::move(pending.back());
    pending.pop_back();
    take_children(*e);
  }
}

BoundExprPtr BoundExpr::Copy() const {
  CheckStackDepth();
  auto e = std::make_unique<BoundExpr>(kind, type);
  e->alias = alias;
  for (const auto& c : children) e->children.push_back(c->Copy());
  e->value = value;
  e->binding = binding;
  e->index = index;
  e->name = name;
  e->param = param;
  e->function = function;
  e->cast_context = cast_context;
  e->test = test;
  e->negated = negated;
  e->aggregate = aggregate;
  e->distinct = distinct;
  if (filter) e->filter = filter->Copy();
  e->subquery = subquery;
  e->subquery_type = subquery_type;
  e->outer_count = outer_count;
  e->window = window;
  return e;
}

namespace {
bool ValuesEqual(const Value& a, const Value& b) {
  if (a.is_null() != b.is_null() || a.type() != b.type()) return false;
  if (a.is_null()) return true;
  switch (a.type().physical()) {
    case PhysicalType::kInt64: return a.int_value() == b.int_value();
    case PhysicalType::kDouble: return a.double_value() == b.double_value();
    case PhysicalType::kString: return a.str_value() == b.str_value();
    case PhysicalType::kNumeric: return a.numeric_value() == b.numeric_value() && a.numeric_value().Scale() == b.numeric_value().Scale();
    case PhysicalType::kInterval: {
      const auto& x = a.interval_value();
      const auto& y = b.interval_value();
      return x.months == y.months && x.days == y.days && x.micros == y.micros;
    }
  }
  return false;
}
}  // namespace

bool BoundExpr::Equals(const BoundExpr& o) const {
  CheckStackDepth();
  if (kind != o.kind || type != o.type || children.size() != o.children.size()) return false;
  switch (kind) {
    case BoundExprKind::kConstant:
      if (!ValuesEqual(value, o.value)) return false;
      break;
    case BoundExprKind::kColumnRef:
      if (!(binding == o.binding)) return false;
      break;
    case BoundExprKind::kParam:
    case BoundExprKind::kOuterRef:
      if (param != o.param) return false;
      break;
    case BoundExprKind::kFunction:
      if (function != o.function) return false;
      break;
    case BoundExprKind::kCast:
      if (cast_context != o.cast_context) return false;
      break;
    case BoundExprKind::kBooleanTest:
      if (test != o.test) return false;
      break;
    case BoundExprKind::kDistinctFrom:
    case BoundExprKind::kInList:
      if (negated != o.negated) return false;
      break;
    case BoundExprKind::kAggregate:
      if (aggregate != o.aggregate || distinct != o.distinct || name != o.name) return false;
      if ((window == nullptr) != (o.window == nullptr) || (window && !(*window == *o.window))) return false;
      if ((filter == nullptr) != (o.filter == nullptr)) return false;
      if (filter && !filter->Equals(*o.filter)) return false;
      break;
    case BoundExprKind::kWindow:
      if (name != o.name || aggregate != o.aggregate || !(*window == *o.window)) return false;
      if ((filter == nullptr) != (o.filter == nullptr)) return false;
      if (filter && !filter->Equals(*o.filter)) return false;
      break;
    case BoundExprKind::kSubquery:
      return false;
    default:
      break;
  }
  for (size_t i = 0; i < children.size(); i++) {
    if (!children[i]->Equals(*o.children[i])) return false;
  }
  return true;
}

bool BoundExpr::IsFoldable() const {
  CheckStackDepth();
  switch (kind) {
    case BoundExprKind::kColumnRef:
    case BoundExprKind::kParam:
    case BoundExprKind::kAggregate:
    case BoundExprKind::kWindow:
    case BoundExprKind::kSubquery:
    case BoundExprKind::kOuterRef:
      return false;
    case BoundExprKind::kFunction:
      if (function->is_volatile) return false;
      break;
    default:
      break;
  }
  for (const auto& c : children) {
    if (!c->IsFoldable()) return false;
  }
  return true;
}

namespace {
bool IsOperatorName(const std::string& n) {
  return !n.empty() && !(std::isalpha(static_cast<unsigned char>(n[0])) || n[0] == '_');
}
}  // namespace

std::string BoundExpr::ToString() const {
  CheckStackDepth();
  auto child = [&](size_t i) { return children[i]->ToString(); };
  switch (kind) {
    case BoundExprKind::kConstant: {
      if (value.is_null()) return "NULL";
      FunctionContext ctx;
      std::string text;
      try {
        text = ValueToText(value, ctx);
      } catch (...) {
        text = "?";
      }
      if (type.IsNumeric()) return text;
      if (type.id == TypeId::kBool) return text == "t" ? "true" : "false";
      if (type.id == TypeId::kText || type.id == TypeId::kUnknown) return QuoteLiteral(text);
      return QuoteLiteral(text) + "::" + type.ToString();
    }
    case BoundExprKind::kColumnRef:
      return name;
    case BoundExprKind::kParam:
      return "$" + std::to_string(param + 1);
    case BoundExprKind::kFunction: {
      const std::string& n = function->name;
      if (n.size() > 4 && (n.ends_with(" ANY") || n.ends_with(" ALL")) && children.size() == 2) {
        return "(" + child(0) + " " + n + " (" + child(1) + "))";
      }
      if (n == "$subscript" && children.size() == 2) return child(0) + "[" + child(1) + "]";
      if (n == "$slice" && children.size() == 3) return child(0) + "[" + child(1) + ":" + child(2) + "]";
      if (n == "$array") {
        std::string out = "ARRAY[";
        for (size_t i = 0; i < children.size(); i++) out += (i ? ", " : "") + child(i);
        return out + "]";
      }
      if (IsOperatorName(n)) {
        if (children.size() == 1) return "(" + n + " " + child(0) + ")";
        if (children.size() == 2) return "(" + child(0) + " " + n + " " + child(1) + ")";
      }
      std::string out = n + "(";
      for (size_t i = 0; i < children.size(); i++) out += (i ? ", " : "") + child(i);
      return out + ")";
    }
    case BoundExprKind::kCast:
      return "(" + child(0) + ")::" + type.ToString();
    case BoundExprKind::kCase: {
      std::string out = "CASE";
      size_t i = 0;
      for (; i + 1 < children.size(); i += 2) out += " WHEN " + child(i) + " THEN " + child(i + 1);
      if (i < children.size()) out += " ELSE " + child(i);
      return out + " END";
    }
    case BoundExprKind::kAnd:
    case BoundExprKind::kOr: {
      std::string out = "(";
      for (size_t i = 0; i < children.size(); i++) {
        if (i) out += kind == BoundExprKind::kAnd ? " AND " : " OR ";
        out += child(i);
      }
      return out + ")";
    }
    case BoundExprKind::kNot:
      return "(NOT " + child(0) + ")";
    case BoundExprKind::kIsNull:
      return "(" + child(0) + " IS NULL)";
    case BoundExprKind::kIsNotNull:
      return "(" + child(0) + " IS NOT NULL)";
    case BoundExprKind::kBooleanTest: {
      static const char* kTests[] = {"IS TRUE", "IS NOT TRUE", "IS FALSE", "IS NOT FALSE", "IS UNKNOWN", "IS NOT UNKNOWN"};
      return "(" + child(0) + " " + kTests[test % 6] + ")";
    }
    case BoundExprKind::kCoalesce:
    case BoundExprKind::kGreatest:
    case BoundExprKind::kLeast:
    case BoundExprKind::kNullIf: {
      std::string out = kind == BoundExprKind::kCoalesce   ? "COALESCE("
                        : kind == BoundExprKind::kGreatest ? "GREATEST("
                        : kind == BoundExprKind::kLeast    ? "LEAST("
                                                           : "NULLIF(";
      for (size_t i = 0; i < children.size(); i++) out += (i ? ", " : "") + child(i);
      return out + ")";
    }
    case BoundExprKind::kDistinctFrom:
      return "(" + child(0) + (negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + child(1) + ")";
    case BoundExprKind::kInList: {
      std::string out = "(" + child(0) + (negated ? " NOT IN (" : " IN (");
      for (size_t i = 1; i < children.size(); i++) out += (i > 1 ? ", " : "") + child(i);
      return out + "))";
    }
    case BoundExprKind::kAggregate: {
      std::string out = (aggregate ? aggregate->name : name) + "(";
      if (distinct) out += "DISTINCT ";
      if (children.empty() && aggregate && aggregate->name == "count") out += "*";
      size_t args = window ? window->arg_count : children.size();
      for (size_t i = 0; i < args; i++) out += (i ? ", " : "") + child(i);
      if (window) {
        out += " ORDER BY ";
        for (size_t i = args; i < children.size(); i++) {
          out += (i > args ? ", " : "") + child(i);
          if (window->order_desc[i - args]) out += " DESC";
        }
      }
      out += ")";
      if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
      return out;
    }
    case BoundExprKind::kWindow: {
      const BoundWindowSpec& w = *window;
      std::string out = name + "(";
      if (w.arg_count == 0 && aggregate && name == "count") out += "*";
      for (size_t i = 0; i < w.arg_count; i++) out += (i ? ", " : "") + child(i);
      out += ")";
      if (filter) out += " FILTER (WHERE " + filter->ToString() + ")";
      out += " OVER (";
      std::string sep;
      if (w.partition_count) {
        out += "PARTITION BY ";
        for (size_t i = 0; i < w.partition_count; i++) out += (i ? ", " : "") + child(w.partition_begin() + i);
        sep = " ";
      }
      if (w.order_count()) {
        out += sep + "ORDER BY ";
        for (size_t i = 0; i < w.order_count(); i++) {
          out += (i ? ", " : "") + child(w.order_begin() + i);
          if (w.order_desc[i]) out += " DESC";
        }
      }
      return out + ")";
    }
    case BoundExprKind::kSubquery: {
      static const char* kKinds[] = {"SubPlan", "EXISTS SubPlan", "ANY SubPlan", "ALL SubPlan", "ARRAY SubPlan"};
      std::string out = std::string("(") + kKinds[subquery_type % 5];
      if (subquery_type == 2 || subquery_type == 3) out = "(" + children.back()->ToString() + " " + name + " " + std::string(kKinds[subquery_type % 5]);
      return out + ")";
    }
    case BoundExprKind::kOuterRef:
      return name.empty() ? "$outer" + std::to_string(param) : name;
  }
  return "?";
}

BoundExprPtr MakeConstant(Value v) {
  auto e = std::make_unique<BoundExpr>(BoundExprKind::kConstant, v.type());
  e->value = std::move(v);
  return e;
}

BoundExprPtr MakeColumnRef(ColumnBinding b, LogicalType t, std::string name) {
  auto e = std::make_unique<BoundExpr>(BoundExprKind::kColumnRef, t);
  e->binding = b;
  e->name = std::move(name);
  return e;
}

BoundExprPtr MakeCast(BoundExprPtr child, LogicalType target, CastContext ctx) {
  auto e = std::make_unique<BoundExpr>(BoundExprKind::kCast, target);
  e->cast_context = ctx;
  e->children.push_back(std::move(child));
  return e;
}

BoundExprPtr MakeFunction(const ScalarFunction* fn, std::vector<BoundExprPtr> args, LogicalType type) {
  auto e = std::make_unique<BoundExpr>(BoundExprKind::kFunction, type);
  e->function = fn;
  e->children = std::move(args);
  return e;
}

}  // namespace kanto
