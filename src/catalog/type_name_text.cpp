#include "catalog/type_name_text.hpp"

#include <cctype>
#include <optional>

#include "catalog/catalog.hpp"
#include "common/sql_text.hpp"

namespace kanto {

std::string QualifiedTypeText(const Catalog& catalog, const LogicalType& type) {
  if (type.IsArray()) {
    LogicalType elem = type.ElementType();
    if (UserTypeOid(elem) != 0) return QualifiedTypeText(catalog, elem) + "[]";
    return type.ToString();
  }
  uint32_t oid = UserTypeOid(type);
  const TypeEntry* entry = oid ? catalog.FindTypeByOid(oid) : nullptr;
  const SchemaEntry* schema = entry ? catalog.GetSchema(entry->schema_id) : nullptr;
  if (!schema) return type.ToString();
  return QuoteIdent(schema->name) + "." + QuoteIdent(entry->name);
}

namespace {

// An identifier at text[*i] (bare, folded to lower case, or double-quoted), advancing *i past it.
std::optional<std::string> ReadIdentifier(const std::string& text, size_t* i) {
  std::string name;
  size_t j = *i;
  if (j < text.size() && text[j] == '"') {
    for (j++; j < text.size(); j++) {
      if (text[j] == '"') {
        if (j + 1 < text.size() && text[j + 1] == '"') {
          name += '"';
          j++;
          continue;
        }
        *i = j + 1;
        return name;
      }
      name += text[j];
    }
    return std::nullopt;
  }
  while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_' || text[j] == '$')) {
    name += static_cast<char>(std::tolower(static_cast<unsigned char>(text[j])));
    j++;
  }
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return std::nullopt;
  *i = j;
  return name;
}

}  // namespace

std::string TypeNamesForSearchPath(const std::string& text, const Catalog& catalog, const SearchPath& path) {
  std::string out;
  size_t i = 0;
  std::optional<ActivePath> active;
  while (i < text.size()) {
    char c = text[i];
    if (c == '\'') {  // a string constant, copied as it is ('' and E'\'' included)
      bool escaped = i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e');
      size_t start = i++;
      while (i < text.size()) {
        if (escaped && text[i] == '\\') {
          i += 2;
        } else if (text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          i += 2;
        } else if (text[i] == '\'') {
          i++;
          break;
        } else {
          i++;
        }
      }
      out.append(text, start, std::min(i, text.size()) - start);
      continue;
    }
    if (c != ':' || i + 1 >= text.size() || text[i + 1] != ':') {
      out += text[i++];
      continue;
    }
    out += "::";
    i += 2;
    size_t start = i, j = i;
    auto schema_name = ReadIdentifier(text, &j);
    if (!schema_name || j >= text.size() || text[j] != '.') continue;
    j++;
    size_t name_start = j;
    auto type_name = ReadIdentifier(text, &j);
    if (!type_name) continue;
    const SchemaEntry* schema = FindNamedSchema(catalog, path, *schema_name);
    const TypeEntry* type = schema ? catalog.FindType(schema->id, *type_name) : nullptr;
    if (!type) continue;
    if (!active) active = ResolveSearchPath(catalog, path);
    const TypeEntry* visible = nullptr;
    for (uint32_t s : active->schemas) {
      if ((visible = catalog.FindType(s, *type_name))) break;
    }
    if (visible && visible->id == type->id) {
      out.append(text, name_start, j - name_start);
      i = j;
    } else {
      out.append(text, start, j - start);
      i = j;
    }
  }
  return out;
}

}  // namespace kanto
