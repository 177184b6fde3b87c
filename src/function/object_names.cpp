#include "function/object_names.hpp"

#include "catalog/type_lookup.hpp"

#include <cctype>
#include <charconv>

#include "catalog/catalog.hpp"
#include "catalog/row_type.hpp"
#include "catalog/search_path.hpp"
#include "catalog/system_catalog_constraints.hpp"
#include "catalog/system_catalog_oids.hpp"
#include "catalog/system_relations.hpp"
#include "catalog/type_lookup.hpp"
#include "common/sql_text.hpp"
#include "function/cast_text.hpp"
#include "function/reg_signatures.hpp"
#include "function/routine_catalog.hpp"
#include "kanto/error.hpp"

namespace kanto {

std::vector<std::string> SplitName(std::string_view text) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (c == '"') {
      if (quoted && i + 1 < text.size() && text[i + 1] == '"') {
        parts.back() += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return parts;
}

namespace {

constexpr int64_t kInformationSchemaOid = 13000;

bool ParseOidNumber(std::string_view text, int64_t* out) {
  text = TrimSpaces(text);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || p != text.data() + text.size()) return false;
  if (v < INT32_MIN || v > UINT32_MAX) return false;
  *out = v < 0 ? v + (int64_t{1} << 32) : v;  // negative values wrap, as PostgreSQL's oidin does
  return true;
}

std::string SchemaName(const Catalog& catalog, int64_t id) {
  if (id == kPgCatalogSchemaId) return "pg_catalog";
  if (id == kInformationSchemaOid) return "information_schema";
  const SchemaEntry* s = catalog.GetSchema(static_cast<uint32_t>(id));
  return s ? s->name : "";
}

// A relation's name as regclass prints it: qualified unless the search path finds it unqualified.
std::string RelationName(const Catalog& catalog, const SearchPath& path, int64_t oid) {
  if (const SystemRelation* sys = FindSystemRelation(static_cast<uint32_t>(oid))) {
    return sys->schema == "pg_catalog" ? QuoteIdent(sys->name) : sys->schema + "." + QuoteIdent(sys->name);
  }
  if (const char* name = SystemCatalogName(static_cast<uint32_t>(oid))) return name;
  if (const SystemCatalogIndex* index = FindSystemCatalogIndex(static_cast<uint32_t>(oid))) return index->name;
  if (const SequenceEntry* seq = catalog.GetSequence(static_cast<uint32_t>(oid))) {
    if (RelationIsVisible(catalog, path, seq->schema_id, seq->name)) return QuoteIdent(seq->name);
    return QuoteIdent(SchemaName(catalog, seq->schema_id)) + "." + QuoteIdent(seq->name);
  }
  const IndexEntry* idx;
  const TableEntry* t = catalog.FindRelationById(static_cast<uint32_t>(oid), &idx);
  if (!t) return "";
  const std::string& name = idx ? idx->name : t->name;
  if (RelationIsVisible(catalog, path, t->schema_id, name)) return QuoteIdent(name);
  return QuoteIdent(SchemaName(catalog, t->schema_id)) + "." + QuoteIdent(name);
}

// "t", "schema.t" or "database.schema.t" (the current database only, as in PostgreSQL).
int64_t FindRelation(const FunctionContext& ctx, std::string_view text) {
  const Catalog* catalog = ctx.catalog;
  const SearchPath& path = ctx.search_path;
  auto parts = SplitName(text);
  if (parts.size() > 3) {
    throw Error(sqlstate::kSyntaxError, "improper relation name (too many dotted names): " + std::string(text));
  }
  if (parts.size() == 3) {
    if (parts[0] != ctx.current_database) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "cross-database references are not implemented: \"" + parts[0] + "." + parts[1] + "." + parts[2] + "\"");
    }
    parts.erase(parts.begin());
  }
  std::string name = parts.back();
  std::string schema = parts.size() == 2 ? parts[0] : "";
  if (schema.empty() || schema == "pg_catalog" || schema == "information_schema") {
    if (const SystemRelation* sys = FindSystemRelation(schema.empty() ? "pg_catalog" : schema, name)) return sys->oid;
    if (schema != "information_schema") {
      if (const SystemCatalogIndex* index = FindProvidedSystemCatalogIndex(name)) return index->oid;
    }
  }
  if (catalog) {
    RelationRef r = LookupRelation(*catalog, path, schema, name);
    if (r.index) return r.index->id;
    if (r.table) return r.table->id;
    if (r.sequence) return r.sequence->id;
  }
  throw Error(sqlstate::kUndefinedTable, "relation \"" + std::string(text) + "\" does not exist");
}

int64_t FindType(std::string_view text) {
  std::string name = SplitName(text).back();
  static const std::pair<const char*, TypeId> kAliases[] = {
      {"int", TypeId::kInt4},       {"int4", TypeId::kInt4},          {"int2", TypeId::kInt2},
      {"int8", TypeId::kInt8},      {"float4", TypeId::kFloat4},      {"float8", TypeId::kFloat8},
      {"bool", TypeId::kBool},      {"varchar", TypeId::kVarchar},    {"bpchar", TypeId::kChar},
      {"char", TypeId::kChar},      {"timestamptz", TypeId::kTimestampTz}, {"timestamp", TypeId::kTimestamp},
      {"decimal", TypeId::kNumeric}, {"name", TypeId::kName},   {"character", TypeId::kChar},
      {"time", TypeId::kTime},      {"timetz", TypeId::kTimeTz},
  };
  bool array = name.size() > 2 && name.compare(name.size() - 2, 2, "[]") == 0;
  std::string base = array ? name.substr(0, name.size() - 2) : name;
  // Quoted, "char" is the one-byte type; unquoted, char is bpchar (as in SQL).
  std::string_view raw = TrimSpaces(text);
  if (raw.ends_with("\"char\"") || raw.ends_with("\"char\"[]")) {
    LogicalType one_byte(TypeId::kCharByte);
    return raw.ends_with("[]") ? LogicalType::ArrayOf(one_byte).oid() : one_byte.oid();
  }
  for (const auto& [alias, id] : kAliases) {
    if (base == alias) return array ? LogicalType::ArrayOf(LogicalType(id)).oid() : LogicalType(id).oid();
  }
  for (const auto& pseudo : PseudoTypes()) {
    if (name == pseudo.name) return pseudo.oid;
  }
  // The result type of trigger functions, which Kanto has none of: pgcli leaves them out of its
  // function list with prorettype::regtype != 'trigger'::regtype.
  if (name == "trigger") return 2279;
  for (uint8_t i = static_cast<uint8_t>(TypeId::kBool); i <= static_cast<uint8_t>(kLastTypeId); i++) {
    if (i == static_cast<uint8_t>(TypeId::kArray)) continue;
    LogicalType t(static_cast<TypeId>(i));
    if (t.ToString() == name) return t.oid();
    if (t.ToString() + "[]" == name) return LogicalType::ArrayOf(t).oid();
  }
  throw Error(sqlstate::kUndefinedObject, "type \"" + std::string(text) + "\" does not exist");
}

int64_t FindSchemaOid(const Catalog* catalog, std::string_view text) {
  std::string name = SplitName(text).back();
  if (name == "pg_catalog") return kPgCatalogSchemaId;
  if (name == "information_schema") return kInformationSchemaOid;
  if (catalog) {
    if (const SchemaEntry* s = catalog->FindSchema(name)) return s->id;
  }
  throw Error(sqlstate::kInvalidSchemaName, "schema \"" + std::string(text) + "\" does not exist");
}

}  // namespace

// regproc input: the one built-in function of that name (every built-in is in pg_catalog).
static int64_t FindRoutineOid(std::string_view text) {
  std::vector<std::string> parts = SplitName(text);
  if (parts.empty() || parts.size() > 2 || (parts.size() == 2 && parts[0] != "pg_catalog")) {
    throw Error(sqlstate::kUndefinedFunction, "function \"" + std::string(text) + "\" does not exist");
  }
  const RoutineEntry* found = nullptr;
  for (const RoutineEntry& r : BuiltinRoutines()) {
    if (r.name != parts.back()) continue;
    if (found) throw Error(sqlstate::kAmbiguousFunction, "more than one function named \"" + std::string(text) + "\"");
    found = &r;
  }
  if (!found) throw Error(sqlstate::kUndefinedFunction, "function \"" + std::string(text) + "\" does not exist");
  return found->oid;
}

std::string OidTypeToText(const Value& v, const FunctionContext& ctx) {
  int64_t oid = v.int_value();
  std::string number = std::to_string(oid);
  if (v.type().id == TypeId::kOid) return number;
  // (regoper and regoperator print 0 as a number, as PostgreSQL's regoperout)
  if (oid == 0) return v.type().id == TypeId::kRegoper || v.type().id == TypeId::kRegoperator ? number : "-";
  std::string name;
  switch (v.type().id) {
    case TypeId::kRegtype: {
      LogicalType t = LogicalType::FromOid(static_cast<uint32_t>(oid));
      if (t.id != TypeId::kUnknown || oid == 705) name = t.ToString();
      // format_type(1042, NULL) is "bpchar", but regtype prints the type as declared: "character".
      if (t.id == TypeId::kChar) name = "character";
      if (t.IsArray() && t.elem == TypeId::kChar) name = "character[]";
      if (PseudoTypeName(static_cast<uint32_t>(oid))) name = TypeOidName(static_cast<uint32_t>(oid));
      if (name.empty() && ctx.catalog) {  // a table's row type, or its array type
        bool array = false;
        if (const TableEntry* t = FindRowTypeRelation(*ctx.catalog, static_cast<uint32_t>(oid), &array)) {
          name = RelationName(*ctx.catalog, ctx.search_path, t->id) + (array ? "[]" : "");
        } else if (const TypeEntry* u = ctx.catalog->FindTypeByOid(static_cast<uint32_t>(oid), &array)) {
          name = ctx.catalog->TypeOf(*u).ToString() + (array ? "[]" : "");  // CREATE TYPE
        }
      }
      break;
    }
    case TypeId::kRegclass:
      if (ctx.catalog) name = RelationName(*ctx.catalog, ctx.search_path, oid);
      break;
    case TypeId::kRegnamespace:
      if (ctx.catalog) name = SchemaName(*ctx.catalog, oid);
      break;
    case TypeId::kRegproc:
      if (const RoutineEntry* r = FindBuiltinRoutine(static_cast<uint32_t>(oid))) {
        // Qualified when the name alone names more than one function, as PostgreSQL's regprocout.
        size_t same_name = 0;
        for (const RoutineEntry& other : BuiltinRoutines()) same_name += other.name == r->name;
        name = same_name > 1 ? "pg_catalog." + r->name : r->name;
      }
      break;
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole:
      return RegSignatureToText(v.type().id, oid, ctx);
    default:
      break;
  }
  return name.empty() ? number : name;
}

Value TextToOidType(std::string_view text, const LogicalType& type, const FunctionContext& ctx) {
  int64_t oid = 0;
  if (ParseOidNumber(text, &oid)) return Value::FromInt(type, oid);
  switch (type.id) {
    case TypeId::kRegclass: return Value::FromInt(type, FindRelation(ctx, text));
    case TypeId::kRegtype:
      try {
        return Value::FromInt(type, FindType(text));
      } catch (const Error& e) {
        if (e.sqlstate() != std::string(sqlstate::kUndefinedObject) || !ctx.catalog) throw;
        // A table's row type ("t", "s.t"), or its array type ("t[]", "_t").
        std::string_view name = TrimSpaces(text);
        bool array = name.ends_with("[]");
        if (array) name = TrimSpaces(name.substr(0, name.size() - 2));
        std::vector<std::string> parts = SplitName(name);
        if (parts.size() <= 2) {  // CREATE TYPE's ("mood", "s.mood[]", "_mood")
          std::string schema = parts.size() == 2 ? parts[0] : "";
          if (const TypeEntry* u = LookupType(*ctx.catalog, ctx.search_path, schema, parts.back())) {
            return Value::FromInt(type, array ? u->array_id : u->id);
          }
          if (!array && parts.back().size() > 1 && parts.back()[0] == '_') {
            if (const TypeEntry* u = LookupType(*ctx.catalog, ctx.search_path, schema, parts.back().substr(1))) {
              return Value::FromInt(type, u->array_id);
            }
          }
        }
        if (!array && !parts.back().empty() && parts.back()[0] == '_' && parts.size() <= 2) {
          std::vector<std::string> element = parts;
          element.back() = element.back().substr(1);
          RelationRef rel = LookupRelation(*ctx.catalog, ctx.search_path, element.size() == 2 ? element[0] : "",
                                           element.back());
          if (rel.table && !rel.index) return Value::FromInt(type, kRowArrayTypeOidBase + rel.table->id);
        }
        if (parts.size() > 2) throw;
        RelationRef rel = LookupRelation(*ctx.catalog, ctx.search_path, parts.size() == 2 ? parts[0] : "", parts.back());
        if (!rel.table || rel.index) throw;
        return Value::FromInt(type, array ? kRowArrayTypeOidBase + rel.table->id : rel.table->id);
      }
    case TypeId::kRegnamespace: return Value::FromInt(type, FindSchemaOid(ctx.catalog, text));
    case TypeId::kRegproc: return Value::FromInt(type, FindRoutineOid(text));
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole: return Value::FromInt(type, RegSignatureFromText(type.id, text, ctx));
    default:
      throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type oid: \"" + std::string(text) + "\"");
  }
}

}  // namespace kanto
