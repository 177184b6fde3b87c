// The text a column DEFAULT or a CHECK constraint is stored as: PostgreSQL 15's deparsed form of
// the analyzed expression, as pg_get_expr, pg_get_constraintdef, information_schema, psql \d and
// pg_dump print it ('2024-01-01'::date, (0)::numeric, '-1'::integer, (f)::text = 'x'::text,
// a = ANY (ARRAY[1, 2]), LIKE as ~~, BETWEEN as two comparisons, CASE on indented lines,
// nextval('s'::regclass)). The text parses back to the same expression, so a stored text loads
// again as it was, and a dump of Kanto's text is PostgreSQL's. Texts stored in the older form
// (CAST(x AS t)) still parse and bind: only new DDL writes this form.
#pragma once

#include <string>

#include "catalog/catalog.hpp"
#include "function/function_context.hpp"
#include "parser/ast_expr.hpp"

namespace kanto::commands {

// `session` gives the settings literals are read and printed under (TimeZone) and, through
// session.catalog and session.search_path, the names 'x'::regclass resolves.
// A DEFAULT for a column of `column_type`; "" for a NULL default, which PostgreSQL does not store.
std::string DefaultExpressionText(const FunctionContext& session, const ast::Expr& e, const LogicalType& column_type);
// A CHECK expression over `table`'s columns (without the CHECK ( ) around it).
std::string CheckExpressionText(const FunctionContext& session, const TableEntry& table, const ast::Expr& e);

// The names an expression inside a query refers to (commands/query_text.cpp gives them).
class QueryScope {
 public:
  virtual ~QueryScope() = default;
  // `c` as PostgreSQL prints it in a view (qualified: t.a) and its type; false when no relation in
  // scope has it.
  virtual bool Column(const ast::ColumnRef& c, std::string* text, LogicalType* type) const = 0;
  // A subquery (EXISTS, IN, scalar, ARRAY) as PostgreSQL prints it at `indent`, with the type of
  // its first column.
  virtual std::string Subquery(const ast::SelectStmt& q, int indent, LogicalType* type) const = 0;
};

struct ExpressionText {
  std::string text;
  LogicalType type;
};
// An expression of a view's query over `scope`, at the pretty printer's indentation `indent`
// (CASE and subqueries break lines there); a string literal or NULL is text, as views make them.
ExpressionText QueryExpressionText(const FunctionContext& session, const QueryScope& scope, const ast::Expr& e,
                                   int indent);
// A window's specification as WINDOW w AS (...) and OVER (...) print it: "(PARTITION BY t.b ORDER BY t.a)".
std::string WindowSpecText(const FunctionContext& session, const QueryScope& scope, const ast::WindowDef& w, int indent);

}  // namespace kanto::commands
