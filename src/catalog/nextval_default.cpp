#include "catalog/nextval_default.hpp"

#include "common/sql_text.hpp"

namespace kanto {

std::string NextvalDefault(const Catalog& catalog, const SequenceEntry& seq) {
  const SchemaEntry* s = catalog.GetSchema(seq.schema_id);
  std::string name = QuoteIdent(seq.name);
  if (s && s->id != kPublicSchemaId) name = QuoteIdent(s->name) + "." + name;
  std::string literal;
  for (char c : name) literal += c == '\'' ? std::string("''") : std::string(1, c);
  return "nextval('" + literal + "'::regclass)";
}

size_t FindNextvalCall(const std::string& default_sql, const Catalog& catalog, const SequenceEntry& seq, size_t* length) {
  std::string call = NextvalDefault(catalog, seq);
  call = call.substr(0, call.find("::regclass"));  // nextval('seq'
  *length = call.size();
  for (size_t at = default_sql.find(call); at != std::string::npos; at = default_sql.find(call, at + 1)) {
    char next = at + call.size() < default_sql.size() ? default_sql[at + call.size()] : '\0';
    if (next == ')' || next == ':') return at;
  }
  return std::string::npos;
}

}  // namespace kanto
