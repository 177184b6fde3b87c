// search_path parsing and resolution (see search_path.hpp).
#include "catalog/search_path.hpp"

#include <algorithm>
#include <cctype>

#include "catalog/object_acl.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {
bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

[[noreturn]] void BadList(std::string_view setting) {
  throw Error(sqlstate::kInvalidParameterValue,
              "invalid value for parameter \"search_path\": \"" + std::string(setting) + "\"")
      .WithDetail("List syntax is invalid.");
}
}  // namespace

std::vector<std::string> ParseSearchPath(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size() && IsSpace(s[i])) i++;
  if (i == s.size()) return out;  // an empty setting: no schemas
  for (;;) {
    std::string name;
    if (s[i] == '"') {
      // Quoted: "" stands for one quote, nothing is downcased.
      for (i++;; i++) {
        if (i >= s.size()) BadList(s);
        if (s[i] == '"') {
          if (i + 1 < s.size() && s[i + 1] == '"') {
            name += '"';
            i++;
            continue;
          }
          i++;
          break;
        }
        name += s[i];
      }
    } else {
      size_t start = i;
      while (i < s.size() && s[i] != ',' && !IsSpace(s[i]) && s[i] != '"') i++;
      if (i == start) BadList(s);
      for (size_t k = start; k < i; k++) name += static_cast<char>(std::tolower(static_cast<unsigned char>(s[k])));
    }
    out.push_back(std::move(name));
    while (i < s.size() && IsSpace(s[i])) i++;
    if (i == s.size()) return out;
    if (s[i] != ',') BadList(s);
    i++;
    while (i < s.size() && IsSpace(s[i])) i++;
    if (i == s.size()) BadList(s);
  }
}

std::string FormatSearchPath(const std::vector<std::string>& elements) {
  std::string out;
  for (size_t i = 0; i < elements.size(); i++) out += (i ? ", " : "") + QuoteIdent(elements[i]);
  return out;
}

bool IsTempSchemaName(std::string_view name) {
  if (name.substr(0, 8) != "pg_temp_" || name.size() == 8) return false;
  return std::all_of(name.begin() + 8, name.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// The session's temporary schema, when it exists (an id from a rolled-back creation may name
// something else by now).
const SchemaEntry* TempSchema(const Catalog& catalog, const SearchPath& path) {
  const SchemaEntry* s = path.temp_schema_id ? catalog.GetSchema(path.temp_schema_id) : nullptr;
  return s && IsTempSchemaName(s->name) ? s : nullptr;
}

const SchemaEntry* FindNamedSchema(const Catalog& catalog, const SearchPath& path, std::string_view name) {
  if (name == "pg_temp") return TempSchema(catalog, path);
  return catalog.FindSchema(name);
}

ActivePath ResolveSearchPath(const Catalog& catalog, const SearchPath& path) {
  std::vector<uint32_t> listed;
  // As PostgreSQL, a listed schema the user has no USAGE on is left out (the temporary one and
  // pg_catalog are always searched).
  auto add = [&](const SchemaEntry* s) {
    if (s && std::find(listed.begin(), listed.end(), s->id) == listed.end() &&
        HasSchemaPrivilege(catalog, path.user, *s, kAclUsage)) {
      listed.push_back(s->id);
    }
  };
  for (const auto& entry : path.entries) {
    if (entry == "$user") {
      add(catalog.FindSchema(path.user));
    } else if (entry == "pg_temp") {
      add(TempSchema(catalog, path));
    } else if (!IsTempSchemaName(entry) || TempSchema(catalog, path) == catalog.FindSchema(entry)) {
      add(catalog.FindSchema(entry));  // another session's temporary schema is never searched
    }
  }
  ActivePath out;
  out.creation_schema = listed.empty() ? 0 : listed.front();
  const SchemaEntry* temp = TempSchema(catalog, path);
  if (temp && std::find(listed.begin(), listed.end(), temp->id) == listed.end()) out.schemas.push_back(temp->id);
  if (std::find(listed.begin(), listed.end(), kPgCatalogSchemaId) == listed.end()) {
    out.schemas.push_back(kPgCatalogSchemaId);
  }
  out.first_explicit = out.schemas.size();
  out.schemas.insert(out.schemas.end(), listed.begin(), listed.end());
  return out;
}

RelationRef FindRelationInSchema(const Catalog& catalog, uint32_t schema_id, std::string_view name) {
  RelationRef out;
  out.schema_id = schema_id;
  if ((out.table = catalog.FindTable(schema_id, name))) return out;
  if ((out.sequence = catalog.FindSequence(schema_id, name))) return out;
  out.index = catalog.FindIndex(schema_id, name, &out.table);
  if (!out.index) out.table = nullptr;
  return out;
}

RelationRef LookupRelation(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                           std::string_view name, int location) {
  if (!schema.empty()) {
    const SchemaEntry* s = FindNamedSchema(catalog, path, schema);
    if (!s) {
      throw At(Error(sqlstate::kInvalidSchemaName, "schema \"" + std::string(schema) + "\" does not exist"), location);
    }
    CheckSchemaPrivilege(catalog, path.user, *s, kAclUsage, location);
    return FindRelationInSchema(catalog, s->id, name);
  }
  for (uint32_t id : ResolveSearchPath(catalog, path).schemas) {
    RelationRef r = FindRelationInSchema(catalog, id, name);
    if (r.found()) return r;
  }
  return {};
}

const TableEntry* LookupTable(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                              std::string_view name, int location) {
  RelationRef r = LookupRelation(catalog, path, schema, name, location);
  if (r.table && !r.index) return r.table;
  if (r.found()) throw At(Error(sqlstate::kWrongObjectType, "\"" + std::string(name) + "\" is not a table"), location);
  std::string shown = schema.empty() ? std::string(name) : std::string(schema) + "." + std::string(name);
  throw At(Error(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist"), location);
}

bool RelationIsVisible(const Catalog& catalog, const SearchPath& path, uint32_t schema_id, std::string_view name) {
  for (uint32_t id : ResolveSearchPath(catalog, path).schemas) {
    if (id == schema_id) return true;
    if (FindRelationInSchema(catalog, id, name).found()) return false;
  }
  return false;
}

uint32_t CreationSchemaId(const Catalog& catalog, const SearchPath& path, std::string_view schema,
                          std::string_view name, int location) {
  uint32_t id = 0;
  if (schema.empty()) {
    id = ResolveSearchPath(catalog, path).creation_schema;
    if (!id) throw At(Error(sqlstate::kInvalidSchemaName, "no schema has been selected to create in"), location);
  } else {
    const SchemaEntry* s = FindNamedSchema(catalog, path, schema);
    if (!s) {
      throw At(Error(sqlstate::kInvalidSchemaName, "schema \"" + std::string(schema) + "\" does not exist"), location);
    }
    id = s->id;
  }
  CheckSchemaPrivilege(catalog, path.user, *catalog.GetSchema(id), kAclCreate, location);
  if (id == kPgCatalogSchemaId) {
    throw At(Error(sqlstate::kInsufficientPrivilege, "permission denied to create \"pg_catalog." + std::string(name) + "\"")
                 .WithDetail("System catalog modifications are currently disallowed."),
             location);
  }
  return id;
}

}  // namespace kanto
