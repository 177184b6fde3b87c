#include "catalog/index_definition.hpp"

#include <cctype>

#include "common/sql_text.hpp"

namespace kanto {

namespace {
// The position of the parenthesis closing the one at `open` (outside string literals), or npos.
size_t ClosingParen(const std::string& sql, size_t open) {
  int depth = 0;
  bool quoted = false;
  for (size_t k = open; k < sql.size(); k++) {
    char ch = sql[k];
    if (ch == '\'') quoted = !quoted;
    if (quoted) continue;
    if (ch == '(') depth++;
    if (ch == ')' && --depth == 0) return k;
  }
  return std::string::npos;
}

// Whether `sql` is one call f(...) (so that PostgreSQL prints it without extra parentheses).
bool IsFunctionCall(const std::string& sql) {
  size_t i = 0;
  while (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '.')) i++;
  if (i == 0 || i >= sql.size() || sql[i] != '(' || std::isdigit(static_cast<unsigned char>(sql[0]))) return false;
  return ClosingParen(sql, i) + 1 == sql.size();
}

// Whether `sql` is wholly within one pair of parentheses.
bool Parenthesized(const std::string& sql) { return !sql.empty() && sql[0] == '(' && ClosingParen(sql, 0) + 1 == sql.size(); }
}  // namespace

std::vector<std::string> IndexKeyNames(const TableEntry& table, const IndexEntry& index, bool bare) {
  std::vector<std::string> out;
  size_t next = 0;
  for (uint32_t c : index.columns) {
    if (c != IndexEntry::kExpression) {
      out.push_back(QuoteIdent(table.columns[c].name));
      continue;
    }
    const std::string& e = index.expressions.at(next++);
    out.push_back(bare || IsFunctionCall(e) ? e : "(" + e + ")");
  }
  return out;
}

std::string IndexColumnList(const TableEntry& table, const IndexEntry& index, bool with_order) {
  std::vector<std::string> names = IndexKeyNames(table, index);
  std::string out;
  for (size_t i = 0; i < names.size(); i++) {
    if (i) out += ", ";
    out += names[i];
    if (with_order && index.descending[i]) out += " DESC";
  }
  return out;
}

std::string IndexDefinition(const Catalog& catalog, const TableEntry& table, const IndexEntry& index) {
  const SchemaEntry* s = catalog.GetSchema(table.schema_id);
  std::string out = std::string("CREATE ") + (index.unique || index.primary ? "UNIQUE " : "") + "INDEX " +
                    QuoteIdent(index.name) + " ON " + QuoteIdent(s ? s->name : "public") + "." + QuoteIdent(table.name) +
                    " USING btree (" + IndexColumnList(table, index, true) + ")";
  if (!index.include.empty()) {
    out += " INCLUDE (";
    for (size_t i = 0; i < index.include.size(); i++) out += (i ? ", " : "") + QuoteIdent(table.columns[index.include[i]].name);
    out += ")";
  }
  if (index.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  if (!index.predicate.empty()) {
    out += " WHERE " + (Parenthesized(index.predicate) ? index.predicate : "(" + index.predicate + ")");
  }
  return out;
}

}  // namespace kanto
