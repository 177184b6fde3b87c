#include "commands/query_text.hpp"

#include <cctype>
#include <utility>
#include <vector>

#include "catalog/search_path.hpp"
#include "commands/expression_text.hpp"
#include "common/sql_text.hpp"
#include "common/stack_depth.hpp"
#include "function/view_definition.hpp"
#include "kanto/error.hpp"
#include "parser/ast_to_string.hpp"
#include "parser/expression_pretty.hpp"
#include "parser/keywords.hpp"
#include "parser/parser.hpp"
#include "planner/binder.hpp"

namespace kanto::commands {

namespace {

// PostgreSQL's pretty printer's steps (ruleutils.c's PRETTYINDENT_*).
constexpr int kIndentStd = 8;
constexpr int kIndentJoin = 4;
constexpr int kIndentVar = 4;
constexpr int kIndentLimit = 40;

// A query shape this printer does not know: the view keeps its own text.
struct Unprintable {};

// The text being written and its indentation level, as ruleutils.c's deparse context keeps them.
struct Buffer {
  std::string s;
  int indent = 0;

  void TrimSpaces() {
    while (!s.empty() && s.back() == ' ') s.pop_back();
  }
  // A keyword on a new line (appendContextKeyword): `before` and `after` move the level, `plus`
  // indents this line only.
  void Keyword(const std::string& word, int before, int after, int plus) {
    indent += before;
    TrimSpaces();
    s += '\n';
    int amount = indent < 0 ? 0 : indent;
    if (indent >= kIndentLimit) amount = (kIndentLimit + (indent - kIndentLimit) / (kIndentStd / 2)) % kIndentLimit;
    s += std::string(static_cast<size_t>(amount + plus), ' ');
    s += word;
    indent += after;
    if (indent < 0) indent = 0;
  }
  // The length of the last line so far.
  size_t LineLength() const {
    size_t nl = s.rfind('\n');
    return nl == std::string::npos ? s.size() : s.size() - nl - 1;
  }
};

// One FROM item's columns as the query refers to them.
struct Relation {
  std::string refname;  // the name printed: the alias, else the relation's own name, made unique
  std::string match;    // the name the query's text qualifies its columns with
  std::vector<std::string> columns;
  std::vector<LogicalType> types;
};

// A column `*` stands for: t.a as printed, named a.
struct StarColumn {
  std::string text;
  std::string name;
  LogicalType type;
};

struct Cte {
  std::string name;
  std::vector<std::string> columns;
  std::vector<LogicalType> types;
};

// A printed query and its output columns.
struct Printed {
  std::string text;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
};

class Printer;

class Scope : public QueryScope {
 public:
  // `parent`: the query whose columns this one sees; `naming_parent`: the enclosing query, whose
  // relation names this one's must differ from (a subquery in FROM sees no siblings but is named
  // apart from them).
  Scope(const Printer& printer, const Scope* parent, const Scope* naming_parent)
      : printer_(printer), parent_(parent), naming_parent_(naming_parent) {}

  // PostgreSQL names each relation of a query apart from those of the queries around it: the
  // second t of a statement prints as t_1.
  std::string UniqueName(const std::string& name) const {
    auto used = [&](const std::string& n) {
      for (const Scope* s = this; s; s = s->naming_parent_) {
        for (const auto& x : s->level_names) {
          if (x == n) return true;
        }
      }
      return false;
    };
    if (!used(name)) return name;
    for (int i = 1;; i++) {
      std::string candidate = name + "_" + std::to_string(i);
      if (!used(candidate)) return candidate;
    }
  }
  // The name this level gave its next FROM item (in FROM order).
  std::string NextName() { return next_name_ < level_names.size() ? level_names[next_name_++] : ""; }

  bool Column(const ast::ColumnRef& c, std::string* text, LogicalType* type) const override {
    if (c.star || c.names.empty()) return false;
    const std::string& name = c.names.back();
    for (const auto& r : relations) {
      if (c.names.size() >= 2 && c.names[c.names.size() - 2] != r.match) continue;
      for (size_t i = 0; i < r.columns.size(); i++) {
        if (r.columns[i] != name) continue;
        *text = QuoteIdentifier(r.refname) + "." + QuoteIdentifier(name);
        *type = r.types[i];
        return true;
      }
    }
    return parent_ && parent_->Column(c, text, type);
  }

  std::string Subquery(const ast::SelectStmt& q, int indent, LogicalType* type) const override;

  const Cte* FindCte(const std::string& name) const {
    for (const auto& c : ctes) {
      if (c.name == name) return &c;
    }
    return parent_ ? parent_->FindCte(name) : nullptr;
  }

  const Scope* parent() const { return parent_; }

  std::vector<Relation> relations;
  std::vector<StarColumn> star;  // what an unqualified * stands for
  std::vector<Cte> ctes;
  std::vector<std::string> level_names;

 private:
  const Printer& printer_;
  const Scope* parent_;
  const Scope* naming_parent_;
  size_t next_name_ = 0;
};

class Printer {
 public:
  Printer(const FunctionContext& session, SearchPath view_path, bool pretty, int wrap)
      : session_(session), catalog_(*session.catalog), view_path_(std::move(view_path)), pretty_(pretty), wrap_(wrap) {}

  // get_query_def: the query at indentation `indent`; `result_names` (the view's columns) name the
  // output columns instead of the query's own names.
  // A sublink's columns are not visible by name: "?column?" needs no AS there.
  Printed Query(const ast::SelectStmt& q, const Scope* parent, int indent,
                const std::vector<std::string>* result_names, bool names_visible = true,
                const Scope* naming_parent = nullptr) const {
    CheckStackDepth();
    Buffer b;
    b.indent = indent;
    Scope scope(*this, parent, naming_parent ? naming_parent : parent);
    // This level's relations are named before the queries inside it (its CTEs, subqueries).
    for (const auto& ref : q.from) NameItems(*ref, q.with.get(), &scope);
    if (q.with) With(*q.with, scope, b);
    if (!q.locking.empty()) throw Unprintable{};
    Printed out;
    std::vector<Target> targets;
    if (!q.values.empty()) {
      out = Values(q, scope, b);
    } else if (q.set_op != ast::SelectStmt::SetOp::kNone) {
      out = SetOperation(q, scope, b, result_names, names_visible);
    } else {
      out = Basic(q, scope, b, result_names, names_visible, &targets);
    }
    if (!q.order_by.empty()) {
      b.Keyword(" ORDER BY ", -kIndentStd, kIndentStd, 1);
      for (size_t i = 0; i < q.order_by.size(); i++) {
        if (i) b.s += ", ";
        b.s += OrderItem(q, q.order_by[i], scope, targets, b.indent, q.set_op != ast::SelectStmt::SetOp::kNone);
      }
    }
    if (q.offset) {
      b.Keyword(" OFFSET ", -kIndentStd, kIndentStd, 0);
      b.s += Expression(*q.offset, scope, b.indent).text;
    }
    if (q.limit) {
      if (q.limit_with_ties) throw Unprintable{};
      b.Keyword(" LIMIT ", -kIndentStd, kIndentStd, 0);
      b.s += Expression(*q.limit, scope, b.indent).text;
    }
    out.text = b.s;
    return out;
  }

  ExpressionText Expression(const ast::Expr& e, const Scope& scope, int indent) const {
    ExpressionText t = QueryExpressionText(session_, scope, e, indent);
    if (pretty_) {
      // The subqueries inside print again from the re-read text (its names are all qualified).
      SublinkPrinter sublinks = [&](const ast::SelectStmt& q, int at) -> std::optional<std::string> {
        try {
          return Query(q, &scope, at, nullptr, false).text;
        } catch (const Unprintable&) {
          return std::nullopt;
        }
      };
      t.text = PrettyExpressionText(t.text, indent, &sublinks);
    }
    return t;
  }

 private:
  void With(const ast::WithClause& w, Scope& scope, Buffer& b) const {
    b.indent += kIndentStd;
    b.s += ' ';
    const char* sep = w.recursive ? "WITH RECURSIVE " : "WITH ";
    for (const auto& cte : w.ctes) {
      if (!cte.query || cte.query->kind != ast::StmtKind::kSelect) throw Unprintable{};
      b.s += sep;
      b.s += QuoteIdentifier(cte.name);
      if (!cte.columns.empty()) b.s += "(" + IdentList(cte.columns) + ")";
      b.s += " AS ";
      if (cte.materialized == ast::CommonTableExpr::Materialized::kAlways) b.s += "MATERIALIZED ";
      if (cte.materialized == ast::CommonTableExpr::Materialized::kNever) b.s += "NOT MATERIALIZED ";
      b.s += '(';
      b.Keyword("", 0, 0, 0);
      Cte entry;
      entry.name = cte.name;
      const auto& body = static_cast<const ast::SelectStmt&>(*cte.query);
      bool self = w.recursive && body.set_op != ast::SelectStmt::SetOp::kNone;
      if (self) {
        // The recursive term reads the CTE itself: its columns are the first term's.
        Printed first = Query(*body.larg, &scope, b.indent, nullptr);
        entry.columns = cte.columns.empty() ? first.names : cte.columns;
        entry.types = first.types;
        scope.ctes.push_back(entry);
      }
      Printed inner = Query(body, &scope, b.indent, nullptr);
      if (self) scope.ctes.pop_back();
      b.s += inner.text;
      b.Keyword("", 0, 0, 0);
      b.s += ')';
      entry.columns = inner.names;
      entry.types = inner.types;
      for (size_t i = 0; i < cte.columns.size() && i < entry.columns.size(); i++) entry.columns[i] = cte.columns[i];
      scope.ctes.push_back(std::move(entry));
      sep = ", ";
    }
    b.indent -= kIndentStd;
    b.Keyword("", 0, 0, 0);
  }

  // get_values_def: VALUES (1,'a'::text), (2,'b'::text), its columns column1, column2, ...
  Printed Values(const ast::SelectStmt& q, const Scope& scope, Buffer& b) const {
    b.indent += kIndentStd;
    b.s += " VALUES ";
    Printed out;
    for (size_t r = 0; r < q.values.size(); r++) {
      if (r) b.s += ", ";
      b.s += '(';
      for (size_t c = 0; c < q.values[r].size(); c++) {
        if (c) b.s += ',';
        ExpressionText e = Expression(*q.values[r][c], scope, b.indent);
        b.s += e.text;
        if (r == 0) {
          out.names.push_back("column" + std::to_string(c + 1));
          out.types.push_back(e.type);
        }
      }
      b.s += ')';
    }
    return out;
  }

  // The names the FROM items of a level print with, in FROM order.
  void NameItems(const ast::TableRef& ref, const ast::WithClause* with, Scope* scope) const {
    std::string name = ref.alias.name;
    switch (ref.kind) {
      case ast::TableRefKind::kJoin: {
        const auto& j = static_cast<const ast::JoinRef&>(ref);
        NameItems(*j.left, with, scope);
        NameItems(*j.right, with, scope);
        return;
      }
      case ast::TableRefKind::kBase:
        if (name.empty()) name = static_cast<const ast::BaseTableRef&>(ref).table.name;
        break;
      case ast::TableRefKind::kFunction: {
        const auto& f = static_cast<const ast::FunctionRef&>(ref);
        const ast::Expr* call = f.call ? f.call.get() : f.expr.get();
        if (name.empty() && call) name = ast::FigureColumnName(*call);
        break;
      }
      default: break;
    }
    scope->level_names.push_back(scope->UniqueName(name));
  }

  static std::string IdentList(const std::vector<std::string>& names) {
    std::string s;
    for (size_t i = 0; i < names.size(); i++) s += (i ? ", " : "") + QuoteIdentifier(names[i]);
    return s;
  }

  // get_setop_query: the leaves as queries of their own, UNION / INTERSECT / EXCEPT [ALL] between
  // them on lines of their own, nested operations in parentheses. Only the leftmost leaf's column
  // names are visible.
  Printed SetOperation(const ast::SelectStmt& q, const Scope& scope, Buffer& b,
                       const std::vector<std::string>* result_names, bool names_visible) const {
    CheckStackDepth();
    if (q.set_op == ast::SelectStmt::SetOp::kNone) {
      bool paren = q.with || !q.order_by.empty() || q.limit || q.offset || !q.locking.empty();
      if (paren) b.s += '(';
      Printed leaf = Query(q, &scope, b.indent, result_names, names_visible);
      b.s += leaf.text;
      if (paren) b.s += ')';
      return leaf;
    }
    bool paren = q.larg->set_op != ast::SelectStmt::SetOp::kNone &&
                 (q.larg->set_op != q.set_op || q.larg->set_all != q.set_all);
    int sub = 0;
    if (paren) {
      b.s += '(';
      sub = kIndentStd;
      b.Keyword("", sub, 0, 0);
    }
    Printed left = SetOperation(*q.larg, scope, b, result_names, names_visible);
    if (paren) {
      b.Keyword(") ", -sub, 0, 0);
    } else {
      b.Keyword("", -sub, 0, 0);
    }
    static const char* kWords[] = {"", "UNION ", "INTERSECT ", "EXCEPT "};
    b.s += kWords[static_cast<int>(q.set_op)];
    if (q.set_all) b.s += "ALL ";
    paren = q.rarg->set_op != ast::SelectStmt::SetOp::kNone;
    sub = 0;
    if (paren) {
      b.s += '(';
      sub = kIndentStd;
    }
    b.Keyword("", sub, 0, 0);
    SetOperation(*q.rarg, scope, b, result_names, false);
    b.indent -= sub;
    if (paren) b.Keyword(")", 0, 0, 0);
    return left;
  }

  struct Target {
    std::string text;
    std::string attname;  // the column's name when the item is a plain column
    std::string name;
    LogicalType type;
    const ast::Expr* expr = nullptr;
  };

  // The select list with stars expanded to the columns they stand for.
  std::vector<Target> Targets(const ast::SelectStmt& q, const Scope& scope, int indent) const {
    std::vector<Target> out;
    for (const auto& t : q.targets) {
      if (t.expr->kind == ast::ExprKind::kColumnRef && static_cast<const ast::ColumnRef&>(*t.expr).star) {
        const auto& c = static_cast<const ast::ColumnRef&>(*t.expr);
        if (c.names.empty()) {
          if (scope.star.empty()) throw Unprintable{};
          for (const auto& col : scope.star) out.push_back({col.text, col.name, col.name, col.type, nullptr});
          continue;
        }
        bool any = false;
        for (const auto& r : scope.relations) {
          if (c.names.back() != r.match) continue;
          any = true;
          for (size_t i = 0; i < r.columns.size(); i++) {
            out.push_back({QuoteIdentifier(r.refname) + "." + QuoteIdentifier(r.columns[i]), r.columns[i], r.columns[i],
                           r.types[i], nullptr});
          }
        }
        if (!any) throw Unprintable{};
        continue;
      }
      ExpressionText e = Expression(*t.expr, scope, indent);
      Target item{e.text, "", t.alias.empty() ? ast::FigureColumnName(*t.expr) : t.alias, e.type, t.expr.get()};
      if (t.expr->kind == ast::ExprKind::kColumnRef) item.attname = static_cast<const ast::ColumnRef&>(*t.expr).names.back();
      out.push_back(std::move(item));
    }
    return out;
  }

  Printed Basic(const ast::SelectStmt& q, Scope& scope, Buffer& b, const std::vector<std::string>* result_names,
                bool names_visible, std::vector<Target>* targets_out) const {
    b.indent += kIndentStd;
    b.s += ' ';
    b.s += "SELECT";
    // FROM is read first: the select list refers to its relations.
    std::vector<std::string> items;
    for (const auto& ref : q.from) {
      Buffer item;
      item.indent = b.indent;
      std::vector<StarColumn> star = FromItem(*ref, scope, item);
      scope.star.insert(scope.star.end(), star.begin(), star.end());
      items.push_back(item.s);
    }
    if (q.distinct) {
      if (!q.distinct_on.empty()) {
        b.s += " DISTINCT ON (";
        for (size_t i = 0; i < q.distinct_on.size(); i++) {
          b.s += (i ? ", " : "") + Expression(*q.distinct_on[i], scope, b.indent).text;
        }
        b.s += ")";
      } else {
        b.s += " DISTINCT";
      }
    }
    std::vector<Target> targets = Targets(q, scope, b.indent);
    Printed out;
    bool last_multiline = false;
    for (size_t i = 0; i < targets.size(); i++) {
      Target& t = targets[i];
      std::string name = result_names && i < result_names->size() ? (*result_names)[i] : t.name;
      std::string text = t.text;
      bool shown = names_visible || name != "?column?";
      if (shown && (t.attname.empty() || t.attname != name)) text += " AS " + QuoteIdentifier(name);
      b.s += i ? ", " : " ";
      if (text[0] == '\n') {
        b.TrimSpaces();
      } else if (i > 0 && (b.LineLength() + text.size() > static_cast<size_t>(wrap_) || last_multiline)) {
        b.Keyword("", -kIndentStd, kIndentStd, kIndentVar);
      }
      last_multiline = text.find('\n', 1) != std::string::npos;
      b.s += text;
      out.names.push_back(name);
      out.types.push_back(t.type);
    }
    for (size_t i = 0; i < items.size(); i++) {
      if (i == 0) {
        b.Keyword(" FROM ", -kIndentStd, kIndentStd, 2);
      } else {
        b.s += ", ";
        if (!items[i].empty() && items[i][0] == '\n') {
          b.TrimSpaces();
        } else if (b.LineLength() + items[i].size() > static_cast<size_t>(wrap_)) {
          b.Keyword("", -kIndentStd, kIndentStd, kIndentVar);
        }
      }
      b.s += items[i];
    }
    if (q.where) {
      b.Keyword(" WHERE ", -kIndentStd, kIndentStd, 1);
      b.s += Expression(*q.where, scope, b.indent).text;
    }
    if (!q.group_by.empty()) {
      if (q.group_by_distinct) throw Unprintable{};
      b.Keyword(" GROUP BY ", -kIndentStd, kIndentStd, 1);
      for (size_t i = 0; i < q.group_by.size(); i++) {
        if (q.group_by[i]->kind == ast::ExprKind::kGroupingSet) throw Unprintable{};
        if (i) b.s += ", ";
        b.s += SortExpression(SortTarget(q, *q.group_by[i], scope, targets, false), scope, b.indent);
      }
    }
    if (q.having) {
      b.Keyword(" HAVING ", -kIndentStd, kIndentStd, 0);
      b.s += Expression(*q.having, scope, b.indent).text;
    }
    for (size_t i = 0; i < q.windows.size(); i++) {
      if (i == 0) {
        b.Keyword(" WINDOW ", -kIndentStd, kIndentStd, 1);
      } else {
        b.s += ", ";
      }
      b.s += QuoteIdentifier(q.windows[i].name) + " AS " + WindowSpecText(session_, scope, q.windows[i], b.indent);
    }
    *targets_out = std::move(targets);
    return out;
  }

  // What an ORDER BY / GROUP BY item stands for: a position or (ORDER BY) an output column's name
  // is that select-list item's expression.
  static const ast::Expr* SortTarget(const ast::SelectStmt&, const ast::Expr& e, const Scope& scope,
                              const std::vector<Target>& targets, bool order_by) {
    if (e.kind == ast::ExprKind::kConstant && static_cast<const ast::Constant&>(e).type == ast::Constant::Type::kInteger) {
      int64_t n = static_cast<const ast::Constant&>(e).ival;
      if (n < 1 || static_cast<size_t>(n) > targets.size() || !targets[n - 1].expr) throw Unprintable{};
      return targets[n - 1].expr;
    }
    if (e.kind == ast::ExprKind::kColumnRef) {
      const auto& c = static_cast<const ast::ColumnRef&>(e);
      std::string text;
      LogicalType type;
      bool input = scope.Column(c, &text, &type);
      if (c.names.size() == 1 && (order_by || !input)) {
        for (size_t i = 0; i < targets.size(); i++) {
          if (targets[i].name == c.names[0] && targets[i].expr) return targets[i].expr;
        }
      }
    }
    return &e;
  }

  // get_rule_sortgroupclause: a column as it is, another expression in parentheses where
  // PostgreSQL puts them (always when pretty; around a function call otherwise).
  std::string SortExpression(const ast::Expr* e, const Scope& scope, int indent) const {
    std::string text = Expression(*e, scope, indent).text;
    if (e->kind == ast::ExprKind::kColumnRef) return text;
    if (e->kind == ast::ExprKind::kConstant) throw Unprintable{};
    if (pretty_ || e->kind == ast::ExprKind::kFuncCall) return "(" + text + ")";
    return text;
  }

  std::string OrderItem(const ast::SelectStmt& q, const ast::OrderByItem& item, const Scope& scope,
                        const std::vector<Target>& targets, int indent, bool set_operation) const {
    std::string text;
    if (set_operation) {
      // The output columns of a set operation are named by position.
      if (item.expr->kind != ast::ExprKind::kConstant) throw Unprintable{};
      text = std::to_string(static_cast<const ast::Constant&>(*item.expr).ival);
    } else {
      text = SortExpression(SortTarget(q, *item.expr, scope, targets, true), scope, indent);
    }
    using D = ast::OrderByItem::Dir;
    using N = ast::OrderByItem::Nulls;
    if (item.dir == D::kUsing) throw Unprintable{};
    bool desc = item.dir == D::kDesc;
    if (desc) text += " DESC";
    if (item.nulls == N::kFirst && !desc) text += " NULLS FIRST";
    if (item.nulls == N::kLast && desc) text += " NULLS LAST";
    return text;
  }

  // " alias", and with column aliases every column's name ("t x(p, b, c)" for "t x(p)").
  static std::string AliasText(const ast::Alias& alias, const Relation& renamed) {
    if (alias.name.empty()) return "";
    std::string s = " " + QuoteIdentifier(alias.name);
    if (!alias.columns.empty()) s += "(" + IdentList(renamed.columns) + ")";
    return s;
  }

  static std::vector<StarColumn> StarOf(const Relation& r) {
    std::vector<StarColumn> out;
    for (size_t i = 0; i < r.columns.size(); i++) {
      out.push_back({QuoteIdentifier(r.refname) + "." + QuoteIdentifier(r.columns[i]), r.columns[i], r.types[i]});
    }
    return out;
  }

  static void Rename(Relation* r, const ast::Alias& alias) {
    if (!alias.name.empty()) r->refname = alias.name;
    for (size_t i = 0; i < alias.columns.size() && i < r->columns.size(); i++) r->columns[i] = alias.columns[i];
  }

  // get_from_clause_item: a relation, a subquery or a join, adding its columns to `scope`; returns
  // the columns * stands for.
  std::vector<StarColumn> FromItem(const ast::TableRef& ref, Scope& scope, Buffer& b) const {
    CheckStackDepth();
    switch (ref.kind) {
      case ast::TableRefKind::kBase: {
        const auto& base = static_cast<const ast::BaseTableRef&>(ref);
        if (base.sample) throw Unprintable{};
        Relation r;
        const Cte* cte = base.table.schema.empty() ? scope.FindCte(base.table.name) : nullptr;
        std::string own;  // the relation's own name
        if (cte) {
          b.s += QuoteIdentifier(cte->name);
          own = cte->name;
          r.columns = cte->columns;
          r.types = cte->types;
        } else {
          RelationRef found = LookupRelation(catalog_, view_path_, base.table.schema, base.table.name);
          if (!found.table || found.index) throw Unprintable{};
          const TableEntry& t = *found.table;
          if (base.only) b.s += "ONLY ";
          if (RelationIsVisible(catalog_, session_.search_path, t.schema_id, t.name)) {
            b.s += QuoteIdentifier(t.name);
          } else {
            b.s += QuoteIdentifier(catalog_.GetSchema(t.schema_id)->name) + "." + QuoteIdentifier(t.name);
          }
          own = t.name;
          for (const auto& c : t.columns) {
            r.columns.push_back(c.name);
            r.types.push_back(c.type);
          }
        }
        r.match = ref.alias.name.empty() ? own : ref.alias.name;
        Rename(&r, ref.alias);
        r.refname = scope.NextName();
        if (r.refname.empty()) r.refname = r.match;
        if (!ref.alias.name.empty() || r.refname != own) {
          b.s += " " + QuoteIdentifier(r.refname);
          if (!ref.alias.columns.empty()) b.s += "(" + IdentList(r.columns) + ")";
        }
        std::vector<StarColumn> star = StarOf(r);
        scope.relations.push_back(std::move(r));
        return star;
      }
      case ast::TableRefKind::kSubquery: {
        const auto& sub = static_cast<const ast::SubqueryRef&>(ref);
        if (sub.lateral) b.s += "LATERAL ";
        Printed inner = Query(*sub.query, sub.lateral ? &scope : scope_parent(scope), b.indent, nullptr, true, &scope);
        Relation r{ref.alias.name, ref.alias.name, inner.names, inner.types};
        Rename(&r, ref.alias);
        r.refname = scope.NextName();
        if (r.refname.empty()) r.refname = r.match;
        ast::Alias printed = ref.alias;
        printed.name = r.refname;
        b.s += "(" + inner.text + ")" + AliasText(printed, r);
        std::vector<StarColumn> star = StarOf(r);
        scope.relations.push_back(std::move(r));
        return star;
      }
      case ast::TableRefKind::kJoin: {
        const auto& j = static_cast<const ast::JoinRef&>(ref);
        if (!ref.alias.name.empty()) throw Unprintable{};
        if (!pretty_) b.s += '(';
        std::vector<StarColumn> left = FromItem(*j.left, scope, b);
        using T = ast::JoinRef::Type;
        const char* word = " JOIN ";
        switch (j.type) {
          case T::kInner: word = j.condition || !j.using_cols.empty() || j.natural ? " JOIN " : " CROSS JOIN "; break;
          case T::kLeft: word = " LEFT JOIN "; break;
          case T::kRight: word = " RIGHT JOIN "; break;
          case T::kFull: word = " FULL JOIN "; break;
          case T::kCross: word = " CROSS JOIN "; break;
        }
        b.Keyword(word, -kIndentStd, kIndentStd, kIndentJoin);
        bool paren_right = pretty_ && j.right->kind == ast::TableRefKind::kJoin;
        if (paren_right) b.s += '(';
        std::vector<StarColumn> right = FromItem(*j.right, scope, b);
        if (paren_right) b.s += ')';
        // NATURAL is USING the columns both sides have, as PostgreSQL prints it; * has each USING
        // column once (the left side's), then the others.
        std::vector<std::string> using_cols = j.using_cols;
        if (j.natural) {
          for (const auto& l : left) {
            for (const auto& r : right) {
              if (l.name == r.name) using_cols.push_back(l.name);
            }
          }
          if (using_cols.empty()) throw Unprintable{};
        }
        auto in_using = [&](const std::string& name) {
          for (const auto& u : using_cols) {
            if (u == name) return true;
          }
          return false;
        };
        std::vector<StarColumn> star;
        if (!using_cols.empty()) {
          if (j.type == T::kRight || j.type == T::kFull) throw Unprintable{};  // the merged column is not the left's
          for (const auto& u : using_cols) {
            for (const auto& l : left) {
              if (l.name == u) {
                star.push_back(l);
                break;
              }
            }
          }
        }
        for (const auto& l : left) {
          if (!in_using(l.name)) star.push_back(l);
        }
        for (const auto& r : right) {
          if (!in_using(r.name)) star.push_back(r);
        }
        if (!using_cols.empty()) {
          b.s += " USING (" + IdentList(using_cols) + ")";
        } else if (j.condition) {
          b.s += " ON ";
          std::string on = Expression(*j.condition, scope, b.indent).text;
          b.s += pretty_ ? on : "(" + on + ")";
        } else if (j.type != T::kInner && j.type != T::kCross) {
          b.s += " ON TRUE";
        }
        if (!pretty_) b.s += ')';
        return star;
      }
      case ast::TableRefKind::kFunction: return FunctionItem(static_cast<const ast::FunctionRef&>(ref), scope, b);
      default: throw Unprintable{};
    }
  }

  // A function in FROM: the call, WITH ORDINALITY, and always the full column alias list
  // ("generate_series(1, 3) g(g)"), its columns as the binder reads the printed call.
  std::vector<StarColumn> FunctionItem(const ast::FunctionRef& f, Scope& scope, Buffer& b) const {
    const ast::Expr* call = f.call ? f.call.get() : f.expr.get();
    if (!f.rows_from.empty() || !call) throw Unprintable{};
    std::string text = Expression(*call, scope, b.indent).text + (f.ordinality ? " WITH ORDINALITY" : "");
    Relation r;
    r.match = f.alias.name.empty() ? ast::FigureColumnName(*call) : f.alias.name;
    r.refname = scope.NextName();
    if (r.refname.empty()) r.refname = r.match;
    std::string sql = "SELECT * FROM " + text + " AS " + QuoteIdentifier(r.refname);
    if (!f.alias.columns.empty()) sql += "(" + IdentList(f.alias.columns) + ")";
    try {
      FunctionContext fn = session_;
      BinderEnv env;
      env.catalog = &catalog_;
      env.fn_ctx = &fn;
      Binder binder(env);
      auto stmts = ParseSql(sql);
      auto plan = binder.BindQuery(static_cast<const ast::SelectStmt&>(*stmts.at(0)), &r.columns);
      r.types = plan->GetTypes();
    } catch (const Error&) {
      throw Unprintable{};  // arguments from a LATERAL neighbour, or a call the binder reads otherwise
    }
    if (f.lateral) b.s += "LATERAL ";
    b.s += text + " " + QuoteIdentifier(r.refname) + "(" + IdentList(r.columns) + ")";
    std::vector<StarColumn> star = StarOf(r);
    scope.relations.push_back(std::move(r));
    return star;
  }

  // A subquery in FROM sees the enclosing queries but not its siblings (unless LATERAL).
  static const Scope* scope_parent(const Scope& scope) { return scope.parent(); }

  const FunctionContext& session_;
  const Catalog& catalog_;
  SearchPath view_path_;
  bool pretty_;
  int wrap_;
};

std::string Scope::Subquery(const ast::SelectStmt& q, int indent, LogicalType* type) const {
  Printed p = printer_.Query(q, this, indent, nullptr, false);
  if (!p.types.empty()) *type = p.types[0];
  return p.text;
}

// The query of a stored CREATE VIEW text: what follows its AS (outside quotes and parentheses).
std::string StoredQueryText(const std::string& sql) {
  int depth = 0;
  for (size_t i = 0; i < sql.size(); i++) {
    char c = sql[i];
    if (c == '"' || c == '\'') {
      size_t end = sql.find(c, i + 1);
      if (end == std::string::npos) break;
      i = end;
    } else if (c == '(') {
      depth++;
    } else if (c == ')') {
      depth--;
    } else if (depth == 0 && (c == 'A' || c == 'a') && i + 2 < sql.size() && (sql[i + 1] == 'S' || sql[i + 1] == 's') &&
               i > 0 && std::isspace(static_cast<unsigned char>(sql[i - 1])) &&
               (std::isspace(static_cast<unsigned char>(sql[i + 2])) || sql[i + 2] == '(')) {
      size_t start = i + 2;
      while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) start++;
      std::string q = sql.substr(start);
      while (!q.empty() && (std::isspace(static_cast<unsigned char>(q.back())) || q.back() == ';')) q.pop_back();
      return q;
    }
  }
  return sql;
}

std::string PrintView(const FunctionContext& session, const TableEntry& view, bool pretty, int wrap_column) {
  return ViewDefinitionText(session, view, pretty, wrap_column);
}

}  // namespace

std::string ViewDefinitionText(const FunctionContext& session, const TableEntry& view, bool pretty, int wrap_column) {
  auto stmts = ParseSql(view.view_sql);
  const auto& def = static_cast<const ast::CreateViewStmt&>(*stmts.at(0));
  SearchPath path = session.search_path;
  if (!view.view_search_path.empty()) path.entries = ParseSearchPath(view.view_search_path);
  std::vector<std::string> names;
  for (const auto& c : view.columns) names.push_back(c.name);
  try {
    if (!session.catalog) throw Unprintable{};
    Printer printer(session, path, pretty, wrap_column);
    return printer.Query(*def.query, nullptr, 0, &names).text + ";";
  } catch (const Unprintable&) {
  } catch (const Error&) {
    // A name the printer cannot resolve as the binder does: the stored text says the same.
  }
  return StoredQueryText(view.view_sql) + ";";
}

void InstallViewDefinitionPrinter() { SetViewDefinitionPrinter(&PrintView); }

}  // namespace kanto::commands
