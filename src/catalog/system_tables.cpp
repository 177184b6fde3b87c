// pg_catalog as tables computed from the catalog snapshot (information_schema is in
// information_schema_tables.cpp, the session's tables in session_tables.cpp): enough of
// PostgreSQL's system catalogs for psql's listing commands (\d, \dt, \di, \dv, \dn, \l) and for
// simple driver and tool introspection. Object ids are Kanto's catalog ids (unique across schemas,
// tables and indexes), so they join the way PostgreSQL's OIDs do. A primary key's or unique index's
// pg_constraint row shares its index's OID. The catalogs with fixed rows, and the empty ones of
// objects Kanto has none of, are in system_tables_fixed.cpp.
#include "catalog/row_type.hpp"
#include "catalog/system_tables.hpp"

#include <map>
#include <set>
#include <tuple>

#include "catalog/foreign_key_text.hpp"
#include "catalog/index_definition.hpp"
#include "catalog/object_acl.hpp"
#include "catalog/search_path.hpp"
#include "catalog/system_catalog_constraints.hpp"
#include "catalog/system_catalog_oids.hpp"
#include "catalog/system_relations.hpp"
#include "catalog/system_table_builder.hpp"
#include "common/sql_text.hpp"
#include "function/routine_catalog.hpp"
#include "function/type_io_functions.hpp"
#include "types/array.hpp"

namespace kanto {

namespace {

constexpr int64_t kBtreeAmOid = 403;
constexpr int64_t kGlobalTablespaceOid = 1664;  // pg_global, the shared catalogs' tablespace
constexpr int64_t kHeapAmOid = 2;

using namespace system_tables;

std::string RoleName(const Catalog& catalog, uint32_t id) {
  const RoleEntry* r = catalog.GetRole(id);
  return r ? r->name : "kanto";
}

// The built-in types, as pg_type rows: oid, name, length, category.
struct BuiltinType {
  TypeId id;
  const char* name;
  int16_t len;
  const char* category;
};
constexpr BuiltinType kBuiltinTypes[] = {
    {TypeId::kBool, "bool", 1, "B"},         {TypeId::kInt2, "int2", 2, "N"},
    {TypeId::kInt4, "int4", 4, "N"},         {TypeId::kInt8, "int8", 8, "N"},
    {TypeId::kFloat4, "float4", 4, "N"},     {TypeId::kFloat8, "float8", 8, "N"},
    {TypeId::kNumeric, "numeric", -1, "N"},  {TypeId::kText, "text", -1, "S"},
    {TypeId::kVarchar, "varchar", -1, "S"},  {TypeId::kChar, "bpchar", -1, "S"},
    {TypeId::kName, "name", 64, "S"},        {TypeId::kJson, "json", -1, "U"}, {TypeId::kJsonb, "jsonb", -1, "U"},
    {TypeId::kBytea, "bytea", -1, "U"},      {TypeId::kDate, "date", 4, "D"},
    {TypeId::kTimestamp, "timestamp", 8, "D"}, {TypeId::kTimestampTz, "timestamptz", 8, "D"},
    {TypeId::kTime, "time", 8, "D"},          {TypeId::kTimeTz, "timetz", 12, "D"},
    {TypeId::kInterval, "interval", 16, "T"}, {TypeId::kOid, "oid", 4, "N"},
    {TypeId::kRegclass, "regclass", 4, "N"},  {TypeId::kRegtype, "regtype", 4, "N"},
    {TypeId::kRegnamespace, "regnamespace", 4, "N"}, {TypeId::kRegproc, "regproc", 4, "N"}, {TypeId::kInt2Vector, "int2vector", -1, "A"},
    {TypeId::kCharByte, "char", 1, "Z"},     {TypeId::kOidVector, "oidvector", -1, "A"},
    {TypeId::kXid, "xid", 4, "U"},           {TypeId::kRegprocedure, "regprocedure", 4, "N"},
    {TypeId::kRegoper, "regoper", 4, "N"},   {TypeId::kRegoperator, "regoperator", 4, "N"},
    {TypeId::kRegrole, "regrole", 4, "N"},   {TypeId::kAclItem, "aclitem", 12, "U"},
    {TypeId::kPgNodeTree, "pg_node_tree", -1, "Z"}, {TypeId::kUuid, "uuid", 16, "U"},
    {TypeId::kUnknown, "unknown", -2, "X"},
};

void PgNamespace(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("nspname", Name()).Column("nspowner", Oid()).Column("nspacl", AclArray());
  for (const SchemaEntry* s : catalog.Schemas()) {
    const RoleEntry* owner = catalog.FindRole(s->owner);
    // NULL while a schema has the owner's default; the built-in ones show their initial ACL.
    std::optional<Acl> acl = s->acl ? s->acl : InitialSchemaAcl(catalog, *s);
    b.Row({OidValue(s->id), Value::Text(s->name), OidValue(owner ? owner->id : kKantoRoleOid),
           acl ? AclArrayValue(catalog, *acl) : Value::Null(AclArray())});
  }
  // PostgreSQL's schema of TOAST tables (OID 99), which tools list and then leave out: Kanto keeps
  // large values in the row, so it stays empty.
  b.Row({OidValue(99), Value::Text("pg_toast"), OidValue(kKantoRoleOid), NullText()});
}

void PgClass(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("relname", Name()).Column("relnamespace", Oid()).Column("reltype", Oid());
  b.Column("reloftype", Oid()).Column("relowner", Oid()).Column("relam", Oid()).Column("relfilenode", Oid());
  b.Column("reltablespace", Oid()).Column("relpages", Int4()).Column("reltuples", LogicalType(TypeId::kFloat4));
  b.Column("relallvisible", Int4()).Column("reltoastrelid", Oid()).Column("relhasindex", Bool()).Column("relisshared", Bool());
  b.Column("relpersistence", Char()).Column("relkind", Char()).Column("relnatts", Int2()).Column("relchecks", Int2());
  b.Column("relhasrules", Bool()).Column("relhastriggers", Bool()).Column("relhassubclass", Bool());
  b.Column("relrowsecurity", Bool()).Column("relforcerowsecurity", Bool()).Column("relispopulated", Bool());
  b.Column("relreplident", Char()).Column("relispartition", Bool()).Column("relrewrite", Oid());
  // Transaction ids of the freeze horizon: Kanto has no xid wraparound, so always 0.
  b.Column("relfrozenxid", Xid()).Column("relminmxid", Xid());
  b.Column("relacl", AclArray()).Column("reloptions", TextArray()).Column("relpartbound", NodeTree());
  auto row = [&](int64_t oid, const std::string& name, int64_t nsp, int64_t am, const char* kind, size_t natts,
                 bool has_index, uint32_t owner, size_t checks = 0, bool triggers = false, bool rules = false,
                 bool system = false, Value acl = Value::Null(AclArray()), bool shared = false) {
    // A temporary schema's relations are temporary (relpersistence 't').
    const SchemaEntry* schema = catalog.GetSchema(static_cast<uint32_t>(nsp));
    const char* persistence = schema && IsTempSchemaName(schema->name) ? "t" : "p";
    // reltype: a table's or view's composite row type (catalog/row_type.hpp), whose OID is its own
    // (the system relations have none in pg_type).
    bool has_row_type = !system && (std::string(kind) == "r" || std::string(kind) == "v");
    // relreplident: PostgreSQL's system relations have none ('n'), but information_schema's tables.
    const char* replident = system && !(nsp == kInformationSchemaId && std::string(kind) == "r") ? "n" : "d";
    b.Row({OidValue(oid), Value::Text(name), OidValue(nsp), OidValue(has_row_type ? oid : 0), OidValue(0), OidValue(owner),
           OidValue(am), OidValue(oid), OidValue(shared ? kGlobalTablespaceOid : 0), Value::Int4(0), Value::Float4(-1),
           Value::Int4(0), OidValue(0), Value::Bool(has_index), Value::Bool(shared), Value::Text(persistence), Value::Text(kind),
           Value::Int2(static_cast<int64_t>(natts)), Value::Int2(static_cast<int64_t>(checks)), Value::Bool(rules),
           Value::Bool(triggers), Value::Bool(false), Value::Bool(false), Value::Bool(false), Value::Bool(true),
           Value::Text(replident), Value::Bool(false), OidValue(0), OidValue(0), OidValue(0), std::move(acl),
           Value::Null(TextArray()), NullText()});
  };
  // PostgreSQL enforces foreign keys with triggers on both tables: psql shows the constraints of
  // tables with relhastriggers.
  std::set<uint32_t> with_triggers;
  for (const TableEntry* t : catalog.Tables()) {
    for (const ForeignKeyEntry& fk : t->foreign_keys) {
      with_triggers.insert(t->id);
      with_triggers.insert(fk.ref_table);
    }
  }
  for (const TableEntry* t : catalog.Tables()) {
    row(t->id, t->name, t->schema_id, t->is_view() ? 0 : kHeapAmOid, t->is_view() ? "v" : "r", t->columns.size(),
        !t->indexes.empty(), t->owner, t->checks.size(), with_triggers.count(t->id) > 0, t->is_view(),  // _RETURN
        false, t->acl ? AclArrayValue(catalog, *t->acl) : Value::Null(AclArray()));
    for (const IndexEntry& idx : t->indexes) {
      row(idx.id, idx.name, t->schema_id, kBtreeAmOid, "i", idx.columns.size() + idx.include.size(), false, t->owner);
    }
  }
  for (const SequenceEntry* s : catalog.Sequences()) {
    row(s->id, s->name, s->schema_id, 0, "S", 3, false, s->owner, 0, false, false, false,
        s->acl ? AclArrayValue(catalog, *s->acl) : Value::Null(AclArray()));
  }
  // The system catalogs and views (a view's _RETURN rule: relhasrules), and the catalogs' indexes.
  if (out->columns_only) return;
  std::set<uint32_t> indexed;
  for (const SystemCatalogIndex* idx : ProvidedSystemCatalogIndexes()) indexed.insert(idx->table_oid);
  for (const SystemRelation& r : SystemRelations()) {
    row(r.oid, r.name, r.schema == "pg_catalog" ? kPgCatalogSchemaId : kInformationSchemaId, r.view ? 0 : kHeapAmOid,
        r.view ? "v" : "r", r.column_names.size(), indexed.count(r.oid) > 0, kKantoRoleOid, 0, false, r.view, true,
        Value::Null(AclArray()), IsSharedSystemCatalog(r.oid));
  }
  for (const SystemCatalogIndex* idx : ProvidedSystemCatalogIndexes()) {
    row(idx->oid, idx->name, kPgCatalogSchemaId, kBtreeAmOid, "i", SystemCatalogIndexKey(*idx).size(), false,
        kKantoRoleOid, 0, false, false, true, Value::Null(AclArray()), IsSharedSystemCatalog(idx->table_oid));
  }
}

Value Int8(int64_t v) { return Value::FromInt(LogicalType(TypeId::kInt8), v); }

void PgSequence(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  LogicalType i8(TypeId::kInt8);
  b.Column("seqrelid", Oid()).Column("seqtypid", Oid()).Column("seqstart", i8).Column("seqincrement", i8);
  b.Column("seqmax", i8).Column("seqmin", i8).Column("seqcache", i8).Column("seqcycle", Bool());
  for (const SequenceEntry* s : catalog.Sequences()) {
    b.Row({OidValue(s->id), OidValue(s->type.oid()), Int8(s->start), Int8(s->increment), Int8(s->max_value),
           Int8(s->min_value), Int8(s->cache), Value::Bool(s->cycle)});
  }
}

// pg_depend: the stored dependencies and those the catalog's structure implies (not yet the DEFAULTs
// calling nextval, whose pg_attrdef rows have no OIDs in Kanto).
// pg_description (comments on objects of this database) and pg_shdescription (on roles).
void PgDescription(const Catalog& catalog, bool shared, SystemTable* out) {
  Builder b(out);
  b.Column("objoid", Oid()).Column("classoid", Oid());
  if (!shared) b.Column("objsubid", Int4());
  b.Column("description", Text());
  if (shared) {
    for (const RoleEntry* r : catalog.Roles()) {
      if (!r->comment.empty()) b.Row({OidValue(r->id), OidValue(kPgAuthidOid), Value::Text(r->comment)});
    }
    return;
  }
  // The built-in operators' descriptions, as PostgreSQL's pg_description has them.
  const int64_t operator_class = SystemCatalogOid("pg_operator");
  for (const OperatorEntry& op : BuiltinOperators()) {
    if (op.description) {
      b.Row({OidValue(op.oid), OidValue(operator_class), Value::Int4(0), Value::Text(op.description)});
    }
  }
  // And the built-in functions'.
  const int64_t proc_class = SystemCatalogOid("pg_proc");
  for (const RoutineEntry& r : BuiltinRoutines()) {
    if (r.description) b.Row({OidValue(r.oid), OidValue(proc_class), Value::Int4(0), Value::Text(r.description)});
  }
  for (const CommentEntry* c : catalog.Comments()) {
    if (c->object.class_id == kPgAuthidOid) continue;
    b.Row({OidValue(c->object.object_id), OidValue(c->object.class_id), Value::Int4(c->object.sub_id), Value::Text(c->text)});
  }
}

// pg_attrdef.oid of a column's DEFAULT: Kanto keeps a default with its column, so the OID is made
// from the table's and the column's numbers (unique within pg_attrdef, as OIDs are per catalog).
int64_t AttrdefOid(uint32_t table_id, int32_t attnum) {
  return (int64_t{1} << 30) + int64_t{table_id} * 2048 + attnum;
}

constexpr uint32_t kPgRewriteOid = 2618;

// The view whose query `d` records a use of (a relation or a column), else null.
const TableEntry* ViewUsing(const Catalog& catalog, const Dependency& d) {
  if (d.object.class_id != kPgClassOid || d.object.sub_id != 0 || d.referenced.class_id != kPgClassOid) return nullptr;
  const TableEntry* t = catalog.GetTable(d.object.object_id);
  return t && t->is_view() ? t : nullptr;
}

void PgDepend(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("classid", Oid()).Column("objid", Oid()).Column("objsubid", Int4()).Column("refclassid", Oid());
  b.Column("refobjid", Oid()).Column("refobjsubid", Int4()).Column("deptype", Char());
  // What a view's query uses is its _RETURN rule's dependency, as PostgreSQL records it (the rule's
  // pg_rewrite OID is the view's): on each column it reads, and on a relation as a whole only when
  // it reads none of its columns; the rule is internal to the view and also depends on it.
  std::set<std::pair<uint32_t, uint32_t>> reads_columns;
  for (const Dependency& d : catalog.AllDependencies()) {
    if (d.referenced.sub_id != 0 && ViewUsing(catalog, d)) reads_columns.insert({d.object.object_id, d.referenced.object_id});
  }
  auto text = [](char c) { return Value::Text(std::string(1, c)); };
  for (const TableEntry* t : catalog.Tables()) {
    if (!t->is_view()) continue;
    for (char type : {'i', 'n'}) {
      b.Row({OidValue(kPgRewriteOid), OidValue(t->id), Value::Int4(0), OidValue(kPgClassOid), OidValue(t->id),
             Value::Int4(0), text(type)});
    }
  }
  for (const Dependency& d : catalog.AllDependencies()) {
    if (ViewUsing(catalog, d)) {
      if (d.referenced.sub_id == 0 && reads_columns.count({d.object.object_id, d.referenced.object_id})) continue;
      b.Row({OidValue(kPgRewriteOid), OidValue(d.object.object_id), Value::Int4(0), OidValue(d.referenced.class_id),
             OidValue(d.referenced.object_id), Value::Int4(d.referenced.sub_id), text(static_cast<char>(d.type))});
      continue;
    }
    // A DEFAULT's dependencies (on the sequences its nextval reads) are the pg_attrdef row's.
    bool attrdef = d.object.class_id == kPgAttrdefOid;
    b.Row({OidValue(d.object.class_id),
           OidValue(attrdef ? AttrdefOid(d.object.object_id, d.object.sub_id) : d.object.object_id),
           Value::Int4(attrdef ? 0 : d.object.sub_id), OidValue(d.referenced.class_id),
           OidValue(d.referenced.object_id), Value::Int4(d.referenced.sub_id),
           Value::Text(std::string(1, static_cast<char>(d.type)))});
  }
}

void PgSequences(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  LogicalType i8(TypeId::kInt8);
  b.Column("schemaname", Name()).Column("sequencename", Name()).Column("sequenceowner", Name());
  b.Column("data_type", LogicalType(TypeId::kRegtype)).Column("start_value", i8).Column("min_value", i8);
  b.Column("max_value", i8).Column("increment_by", i8).Column("cycle", Bool()).Column("cache_size", i8);
  b.Column("last_value", i8);
  // NULL where the user may not read the sequence, as PostgreSQL's view.
  out->computed.push_back({10, "CASE WHEN has_sequence_privilege($1, 'SELECT,USAGE') THEN pg_sequence_last_value($1) END"});
  for (const SequenceEntry* s : catalog.Sequences()) {
    b.Row({Value::Text(SchemaName(catalog, s->schema_id)), Value::Text(s->name), Value::Text(RoleName(catalog, s->owner)),
           Value::FromInt(LogicalType(TypeId::kRegtype), s->type.oid()), Int8(s->start), Int8(s->min_value),
           Int8(s->max_value), Int8(s->increment), Value::Bool(s->cycle), Int8(s->cache), OidValue(s->id)});
  }
}

void PgAm(SystemTable* out) {
  Builder b(out);
  // amhandler: Kanto's access methods have no handler functions in pg_proc ("-").
  LogicalType regproc(TypeId::kRegproc);
  b.Column("oid", Oid()).Column("amname", Name()).Column("amhandler", regproc).Column("amtype", Char());
  b.Row({OidValue(kHeapAmOid), Value::Text("heap"), Value::FromInt(regproc, 0), Value::Text("t")});
  b.Row({OidValue(kBtreeAmOid), Value::Text("btree"), Value::FromInt(regproc, 0), Value::Text("i")});
}

void PgIndex(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("indexrelid", Oid()).Column("indrelid", Oid()).Column("indnatts", Int2()).Column("indnkeyatts", Int2());
  // PostgreSQL 15's column order (SELECT * readers depend on it).
  b.Column("indisunique", Bool()).Column("indnullsnotdistinct", Bool()).Column("indisprimary", Bool());
  b.Column("indisexclusion", Bool()).Column("indimmediate", Bool()).Column("indisclustered", Bool());
  b.Column("indisvalid", Bool()).Column("indcheckxmin", Bool()).Column("indisready", Bool()).Column("indislive", Bool());
  b.Column("indisreplident", Bool()).Column("indkey", Int2Vector());
  // Collations and operator classes are the defaults (0: Kanto has no pg_opclass rows).
  b.Column("indcollation", OidVector()).Column("indclass", OidVector()).Column("indoption", Int2Vector());
  b.Column("indexprs", NodeTree()).Column("indpred", NodeTree());
  for (const TableEntry* t : catalog.Tables()) {
    for (const IndexEntry& idx : t->indexes) {
      std::vector<Value> key, option;
      for (size_t i = 0; i < idx.columns.size(); i++) {
        // 0: an expression (pg_index.indexprs has it)
        key.push_back(Value::Int2(idx.columns[i] == IndexEntry::kExpression ? 0 : idx.columns[i] + 1));
        option.push_back(Value::Int2(idx.descending[i] ? 3 : 0));  // DESC, and so NULLS FIRST
      }
      for (uint32_t c : idx.include) key.push_back(Value::Int2(c + 1));
      std::string exprs;
      for (const auto& e : idx.expressions) exprs += (exprs.empty() ? "" : ", ") + e;
      b.Row({OidValue(idx.id), OidValue(t->id), Value::Int2(static_cast<int64_t>(key.size())),
             Value::Int2(static_cast<int64_t>(idx.columns.size())), Value::Bool(idx.unique || idx.primary),
             Value::Bool(idx.nulls_not_distinct), Value::Bool(idx.primary), Value::Bool(false), Value::Bool(true),
             Value::Bool(false), Value::Bool(true), Value::Bool(false), Value::Bool(true), Value::Bool(true),
             Value::Bool(false), Int2VectorValue(key),
             OidVectorValue(std::vector<Value>(idx.columns.size(), OidValue(0))),
             OidVectorValue(std::vector<Value>(idx.columns.size(), OidValue(0))), Int2VectorValue(option),
             exprs.empty() ? NullText() : Value::Text(exprs),
             idx.predicate.empty() ? NullText() : Value::Text(idx.predicate)});
    }
  }
  if (out->columns_only) return;  // (the system catalogs' indexes need their columns, computed from this)
  for (const SystemCatalogIndex* idx : ProvidedSystemCatalogIndexes()) {
    std::vector<Value> key;
    for (int16_t attnum : SystemCatalogIndexKey(*idx)) key.push_back(Value::Int2(attnum));
    std::vector<Value> zeros(key.size(), OidValue(0));
    b.Row({OidValue(idx->oid), OidValue(idx->table_oid), Value::Int2(static_cast<int64_t>(key.size())),
           Value::Int2(static_cast<int64_t>(key.size())), Value::Bool(idx->constraint != ' '), Value::Bool(false),
           Value::Bool(idx->constraint == 'p'), Value::Bool(false), Value::Bool(true), Value::Bool(false),
           Value::Bool(true), Value::Bool(false), Value::Bool(true), Value::Bool(true), Value::Bool(false),
           Int2VectorValue(key), OidVectorValue(zeros), OidVectorValue(zeros),
           Int2VectorValue(std::vector<Value>(key.size(), Value::Int2(0))), NullText(), NullText()});
  }
}

using system_tables::TypeLength;

// pg_type.typstorage and typalign as PostgreSQL 15 declares them: variable-length values may be
// compressed and moved out of line ('x'; numeric 'm'), fixed-length ones are plain ('p').
const char* TypeStorage(const LogicalType& t) {
  if (t.IsArray()) return "x";
  switch (t.id) {
    case TypeId::kNumeric: return "m";
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kPgNodeTree:
    case TypeId::kBytea: return "x";
    default: return "p";
  }
}
const char* TypeAlign(const LogicalType& t) {
  LogicalType base = t.IsArray() ? t.ElementType() : t;
  switch (base.id) {
    case TypeId::kInt8:
    case TypeId::kFloat8:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTime:
    case TypeId::kTimeTz:
    case TypeId::kInterval: return "d";
    case TypeId::kInt2: return t.IsArray() ? "i" : "s";
    case TypeId::kBool:
    case TypeId::kName:
    case TypeId::kCharByte:
    case TypeId::kUuid:
    case TypeId::kUnknown: return t.IsArray() ? "i" : "c";
    default: return "i";
  }
}
// pg_type.typcollation: name compares bytewise (collation "C"), the other string types (and
// arrays of them) in the default collation.
int64_t TypeCollation(const LogicalType& t) {
  LogicalType base = t.IsArray() ? t.ElementType() : t;
  if (base.id == TypeId::kName) return 950;
  // pg_node_tree is no string type (category Z) but is collatable, in the default collation.
  if (base.id == TypeId::kPgNodeTree) return 100;
  for (const auto& bt : kBuiltinTypes) {
    if (bt.id == base.id) return std::string(bt.category) == "S" ? 100 : 0;
  }
  return 0;
}

bool TypeByValue(const LogicalType& t) {
  int16_t len = TypeLength(t);
  return len > 0 && len <= 8 && t.id != TypeId::kName && t.id != TypeId::kInterval;
}

void PgAttribute(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  // PostgreSQL 15's columns in its order: storage and inheritance details as PostgreSQL keeps them
  // for a table without inheritance, per-column options, statistics targets or privileges.
  b.Column("attrelid", Oid()).Column("attname", Name()).Column("atttypid", Oid()).Column("attstattarget", Int4());
  b.Column("attlen", Int2()).Column("attnum", Int2()).Column("attndims", Int4()).Column("attcacheoff", Int4());
  b.Column("atttypmod", Int4()).Column("attbyval", Bool()).Column("attalign", Char()).Column("attstorage", Char());
  b.Column("attcompression", Char()).Column("attnotnull", Bool()).Column("atthasdef", Bool());
  b.Column("atthasmissing", Bool()).Column("attidentity", Char()).Column("attgenerated", Char());
  b.Column("attisdropped", Bool()).Column("attislocal", Bool()).Column("attinhcount", Int4());
  b.Column("attcollation", Oid()).Column("attacl", AclArray()).Column("attoptions", TextArray());
  b.Column("attfdwoptions", TextArray()).Column("attmissingval", TextArray());
  auto row = [&](int64_t relid, const std::string& name, const LogicalType& type, size_t attnum, bool not_null,
                 bool has_default, char identity, char generated, int64_t collation, Value acl = Value::Null(AclArray())) {
    b.Row({OidValue(relid), Value::Text(name), OidValue(type.oid()), Value::Int4(-1), Value::Int2(TypeLength(type)),
           Value::Int2(static_cast<int64_t>(attnum)), Value::Int4(type.IsArray() ? 1 : 0), Value::Int4(-1),
           Value::Int4(type.typmod()), Value::Bool(TypeByValue(type)), Value::Text(TypeAlign(type)),
           Value::Text(TypeStorage(type)), Value::Text(""), Value::Bool(not_null), Value::Bool(has_default),
           Value::Bool(false), Value::Text(identity ? std::string(1, identity) : ""),
           Value::Text(generated ? std::string(1, generated) : ""), Value::Bool(false), Value::Bool(true), Value::Int4(0),
           OidValue(collation), std::move(acl), Value::Null(TextArray()), Value::Null(TextArray()),
           Value::Null(TextArray())});
  };
  for (const TableEntry* t : catalog.Tables()) {
    for (size_t i = 0; i < t->columns.size(); i++) {
      const ColumnEntry& c = t->columns[i];
      row(t->id, c.name, c.type, i + 1, c.not_null, !c.default_sql.empty(), c.identity, c.generated,
          TypeCollation(c.type), c.acl ? AclArrayValue(catalog, *c.acl) : Value::Null(AclArray()));
    }
    // An index's columns (psql's \d of an index): its key columns, then its INCLUDE ones, each
    // with its table column's name and type, never NOT NULL. Not yet for an index with an
    // expression key (its column is named and typed by the expression).
    for (const IndexEntry& idx : t->indexes) {
      if (!idx.expressions.empty()) continue;
      std::vector<uint32_t> columns = idx.columns;
      columns.insert(columns.end(), idx.include.begin(), idx.include.end());
      for (size_t i = 0; i < columns.size(); i++) {
        const ColumnEntry& c = t->columns[columns[i]];
        row(idx.id, c.name, c.type, i + 1, false, false, 0, 0, TypeCollation(c.type), Value::Null(AclArray()));
      }
    }
  }
  if (out->columns_only) return;
  // The system relations' columns. A catalog's column is NOT NULL while it and every column before
  // it have a fixed length, or where PostgreSQL forces it (catalog/system_catalog_constraints.hpp),
  // and its strings (other than names) compare bytewise (collation "C"), as PostgreSQL's genbki
  // declares them; a view's columns are never NOT NULL.
  for (const SystemRelation& r : SystemRelations()) {
    bool fixed = !r.view;
    for (size_t i = 0; i < r.column_names.size(); i++) {
      const LogicalType& type = r.column_types[i];
      fixed = fixed && TypeLength(type) > 0;
      int64_t collation = TypeCollation(type);
      bool not_null = !r.view && SystemCatalogColumnNotNull(r.oid, r.column_names[i], fixed);
      row(r.oid, r.column_names[i], type, i + 1, not_null, false, 0, 0, r.view || collation == 0 ? collation : 950);
    }
  }
  // The catalogs' indexes' columns. Not yet for an index over a name column: PostgreSQL's name_ops
  // stores it as cstring, a type Kanto has no column of.
  for (const SystemCatalogIndex* idx : ProvidedSystemCatalogIndexes()) {
    const SystemRelation* rel = FindSystemRelation(idx->table_oid);
    std::vector<int16_t> key = SystemCatalogIndexKey(*idx);
    bool name_key = false;
    for (int16_t attnum : key) name_key = name_key || rel->column_types[attnum - 1].id == TypeId::kName;
    if (name_key) continue;
    for (size_t i = 0; i < key.size(); i++) {
      const LogicalType& type = rel->column_types[key[i] - 1];
      int64_t collation = TypeCollation(type);
      row(idx->oid, rel->column_names[key[i] - 1], type, i + 1, false, false, 0, 0, collation == 0 ? 0 : 950);
    }
  }
}

// pg_type with PostgreSQL 15's columns: the built-in types, their arrays ("_int4") and the
// pseudo-types of polymorphic signatures. The I/O, typmod, analyze and subscript functions are
// PostgreSQL's (function/type_io_functions), listed in pg_proc.
void PgType(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("typname", Name()).Column("typnamespace", Oid()).Column("typowner", Oid());
  b.Column("typlen", Int2()).Column("typbyval", Bool()).Column("typtype", Char()).Column("typcategory", Char());
  b.Column("typispreferred", Bool()).Column("typisdefined", Bool()).Column("typdelim", Char());
  b.Column("typrelid", Oid()).Column("typsubscript", Regproc()).Column("typelem", Oid()).Column("typarray", Oid());
  for (const char* name : {"typinput", "typoutput", "typreceive", "typsend", "typmodin", "typmodout", "typanalyze"}) {
    b.Column(name, Regproc());
  }
  b.Column("typalign", Char()).Column("typstorage", Char()).Column("typnotnull", Bool()).Column("typbasetype", Oid());
  b.Column("typtypmod", Int4()).Column("typndims", Int4()).Column("typcollation", Oid());
  // A domain's default: Kanto has no domains.
  b.Column("typdefaultbin", NodeTree()).Column("typdefault", Text()).Column("typacl", AclArray());
  auto proc = [](const std::string& name) {
    return Value::FromInt(Regproc(), name == "-" ? 0 : BuiltinRoutineOid(name));
  };
  // `user` (optional): a table's row type or its array: schema, owner, typrelid, the I/O of "record" / "_record".
  struct UserType {
    int64_t schema, owner, relid;
    const char* io;
  };
  auto row = [&](int64_t oid, const std::string& name, int64_t len, bool byval, const char* type, const char* category,
                 int64_t elem, int64_t array, const char* align, const char* storage, int64_t collation,
                 const UserType* user = nullptr) {
    TypeIo io;
    FindTypeIo(user ? user->io : name, &io);
    b.Row({OidValue(oid), Value::Text(name), OidValue(user ? user->schema : kPgCatalogSchemaId),
           OidValue(user ? user->owner : kKantoRoleOid), Value::Int2(len),
           Value::Bool(byval), Value::Text(type), Value::Text(category), Value::Bool(io.preferred), Value::Bool(true),
           Value::Text(","), OidValue(user ? user->relid : 0), proc(io.subscript.empty() ? "-" : io.subscript), OidValue(elem),
           OidValue(array), proc(io.input.empty() ? "-" : io.input), proc(io.output.empty() ? "-" : io.output),
           proc(io.receive.empty() ? "-" : io.receive), proc(io.send.empty() ? "-" : io.send),
           proc(io.modin.empty() ? "-" : io.modin), proc(io.modout.empty() ? "-" : io.modout),
           proc(io.analyze.empty() ? "-" : io.analyze), Value::Text(align), Value::Text(storage), Value::Bool(false),
           OidValue(0), Value::Int4(-1), Value::Int4(0), OidValue(collation), NullText(), NullText(),
           Value::Null(TextArray())});
  };
  for (const auto& t : kBuiltinTypes) {
    LogicalType type(t.id);
    bool pseudo = t.id == TypeId::kUnknown;
    int64_t array_oid = pseudo ? 0 : LogicalType::ArrayOid(t.id);  // (pg_node_tree has none)
    int64_t collation = TypeCollation(type);
    TypeId vector_element = VectorElementType(t.id);
    int64_t elem = vector_element != TypeId::kUnknown ? LogicalType(vector_element).oid() : 0;
    row(type.oid(), t.name, t.len, t.len > 0 && t.len <= 8, pseudo ? "p" : "b", t.category, elem, array_oid,
        TypeAlign(type), TypeStorage(type), collation);
    if (pseudo || array_oid == 0) continue;
    // The array type over it: "_int4", category A, typelem the element.
    LogicalType array = LogicalType::ArrayOf(type);
    row(array_oid, std::string("_") + t.name, -1, false, "b", "A", type.oid(), 0, TypeAlign(array), "x", collation);
  }
  // The pseudo-types of polymorphic built-in signatures (pg_proc, pg_operator).
  for (const PseudoTypeInfo& p : PseudoTypes()) {
    bool varlena = p.oid == kAnyArrayTypeOid || p.oid == kRecordTypeOid;
    bool cstring = p.oid == kCstringTypeOid, internal = p.oid == kInternalTypeOid;
    int64_t len = varlena ? -1 : cstring ? -2 : internal ? 8 : 4;
    int64_t array = p.oid == kRecordTypeOid ? 2287 : cstring ? kCstringArrayTypeOid : 0;
    row(p.oid, p.name, len, len > 0, "p", "P", 0, array, varlena || internal ? "d" : cstring ? "c" : "i",
        varlena ? "x" : "p", 0);
  }
  // Each table's and view's composite row type (catalog/row_type.hpp) and its array type "_name".
  for (const TableEntry* t : catalog.Tables()) {
    UserType composite{t->schema_id, t->owner, t->id, "record"};
    UserType array{t->schema_id, t->owner, 0, "_record"};
    row(t->id, t->name, -1, false, "c", "C", 0, kRowArrayTypeOidBase + t->id, "d", "x", 0, &composite);
    row(kRowArrayTypeOidBase + t->id, "_" + t->name, -1, false, "b", "A", t->id, 0, "d", "x", 0, &array);
  }
  // CREATE TYPE ... AS ENUM: typtype e, 4 bytes by value, and its array type.
  for (const TypeEntry* t : catalog.Types()) {
    UserType type{t->schema_id, t->owner, 0, "enum"};
    UserType array{t->schema_id, t->owner, 0, "_enum"};
    row(t->id, t->name, 4, true, "e", "E", 0, t->array_id, "i", "p", 0, &type);
    row(t->array_id, "_" + t->name, -1, false, "b", "A", t->id, 0, "i", "x", 0, &array);
  }
}

void PgDatabase(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("datname", Name()).Column("datdba", Oid()).Column("encoding", Int4());
  b.Column("datlocprovider", Char()).Column("datistemplate", Bool()).Column("datallowconn", Bool());
  // PostgreSQL 15's column order. No xid freeze horizons (0), collation versions or tablespaces
  // other than pg_default.
  b.Column("datconnlimit", Int4()).Column("datfrozenxid", Xid()).Column("datminmxid", Xid());
  b.Column("dattablespace", Oid()).Column("datcollate", Text()).Column("datctype", Text());
  b.Column("daticulocale", Text()).Column("datcollversion", Text()).Column("datacl", AclArray());
  for (const DatabaseEntry* d : catalog.Databases()) {
    b.Row({OidValue(d->id), Value::Text(d->name), OidValue(d->owner), Value::Int4(6), Value::Text("c"),
           Value::Bool(d->is_template), Value::Bool(d->allow_connections), Value::Int4(d->connection_limit), OidValue(0),
           OidValue(0), OidValue(1663), Value::Text(d->collate), Value::Text(d->ctype), NullText(), NullText(),
           d->acl ? AclArrayValue(catalog, *d->acl) : Value::Null(AclArray())});
  }
}

Value ValidUntil(const RoleEntry& r) {
  return r.valid_until ? Value::TimestampTz(*r.valid_until) : Value::Null(LogicalType(TypeId::kTimestampTz));
}

void PgRoles(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  // PostgreSQL 15's column order: oid comes last, after rolconfig (SELECT * readers depend on it).
  b.Column("rolname", Name()).Column("rolsuper", Bool()).Column("rolinherit", Bool());
  b.Column("rolcreaterole", Bool()).Column("rolcreatedb", Bool()).Column("rolcanlogin", Bool());
  b.Column("rolreplication", Bool()).Column("rolconnlimit", Int4()).Column("rolpassword", Text());
  b.Column("rolvaliduntil", LogicalType(TypeId::kTimestampTz)).Column("rolbypassrls", Bool());
  b.Column("rolconfig", TextArray()).Column("oid", Oid());
  for (const RoleEntry* r : catalog.Roles()) {
    bool boot = r->id == kBootstrapRoleId;
    b.Row({Value::Text(r->name), Value::Bool(r->superuser), Value::Bool(r->inherit), Value::Bool(r->createrole),
           Value::Bool(r->createdb), Value::Bool(r->login), Value::Bool(boot), Value::Int4(r->connection_limit),
           Value::Text("********"), ValidUntil(*r), Value::Bool(boot || r->bypassrls), Value::Null(TextArray()),
           OidValue(r->id)});
  }
}

// pg_auth_members: one row per GRANT of a role to a role (kept with the member).
void PgAuthMembers(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("roleid", Oid()).Column("member", Oid()).Column("grantor", Oid()).Column("admin_option", Bool());
  for (const RoleEntry* r : catalog.Roles()) {
    for (const RoleEntry::Membership& m : r->member_of) {
      b.Row({OidValue(m.role), OidValue(r->id), OidValue(m.grantor), Value::Bool(m.admin)});
    }
  }
}

// pg_user: the roles that can log in, under PostgreSQL's pg_user column names.
void PgUser(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("usename", Name()).Column("usesysid", Oid()).Column("usecreatedb", Bool()).Column("usesuper", Bool());
  b.Column("userepl", Bool()).Column("usebypassrls", Bool()).Column("passwd", Text());
  b.Column("valuntil", LogicalType(TypeId::kTimestampTz)).Column("useconfig", TextArray());
  for (const RoleEntry* r : catalog.Roles()) {
    if (!r->login) continue;
    bool boot = r->id == kBootstrapRoleId;
    b.Row({Value::Text(r->name), OidValue(r->id), Value::Bool(r->createdb), Value::Bool(r->superuser), Value::Bool(boot),
           Value::Bool(boot || r->bypassrls), Value::Text("********"), ValidUntil(*r), Value::Null(TextArray())});
  }
}

// pg_rewrite: each view's _RETURN rule (its OID is the view's). ev_action, PostgreSQL's node tree
// of the query, has no form in Kanto: NULL (pg_get_viewdef prints the query).
void PgRewrite(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("rulename", Name()).Column("ev_class", Oid()).Column("ev_type", Char());
  b.Column("ev_enabled", Char()).Column("is_instead", Bool()).Column("ev_qual", NodeTree()).Column("ev_action", NodeTree());
  for (const TableEntry* t : catalog.Tables()) {
    if (!t->is_view()) continue;
    b.Row({OidValue(t->id), Value::Text("_RETURN"), OidValue(t->id), Value::Text("1"), Value::Text("O"), Value::Bool(true),
           Value::Text("<>"), NullText()});
  }
}

void PgTables(const Catalog& catalog, bool views, SystemTable* out) {
  Builder b(out);
  if (views) {
    b.Column("schemaname", Name()).Column("viewname", Name()).Column("viewowner", Name()).Column("definition", Text());
  } else {
    b.Column("schemaname", Name()).Column("tablename", Name()).Column("tableowner", Name()).Column("tablespace", Name());
    b.Column("hasindexes", Bool()).Column("hasrules", Bool()).Column("hastriggers", Bool()).Column("rowsecurity", Bool());
  }
  // The definition is the view's query printed under the reading session's search_path.
  if (views) out->computed.push_back({3, "pg_get_viewdef"});
  for (const TableEntry* t : catalog.Tables()) {
    if (t->is_view() != views) continue;
    std::string schema = SchemaName(catalog, t->schema_id);
    if (views) {
      b.Row({Value::Text(schema), Value::Text(t->name), Value::Text(RoleName(catalog, t->owner)), OidValue(t->id)});
    } else {
      b.Row({Value::Text(schema), Value::Text(t->name), Value::Text(RoleName(catalog, t->owner)), NullText(), Value::Bool(!t->indexes.empty()),
             Value::Bool(false), Value::Bool(false), Value::Bool(false)});
    }
  }
}

// One row per table. Kanto counts no block reads or buffer hits (RocksDB has its own cache), so the
// counters are NULL rather than made-up numbers.
void PgIndexes(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("schemaname", Name()).Column("tablename", Name()).Column("indexname", Name()).Column("tablespace", Name());
  b.Column("indexdef", Text());
  for (const TableEntry* t : catalog.Tables()) {
    for (const IndexEntry& idx : t->indexes) {
      b.Row({Value::Text(SchemaName(catalog, t->schema_id)), Value::Text(t->name), Value::Text(idx.name), NullText(),
             Value::Text(IndexDefinition(catalog, *t, idx))});
    }
  }
  if (out->columns_only) return;
  for (const SystemCatalogIndex* idx : ProvidedSystemCatalogIndexes()) {
    const SystemRelation* rel = FindSystemRelation(idx->table_oid);
    b.Row({Value::Text("pg_catalog"), Value::Text(rel->name), Value::Text(idx->name),
           IsSharedSystemCatalog(idx->table_oid) ? Value::Text("pg_global") : NullText(),
           Value::Text(SystemCatalogIndexDefinition(*idx))});
  }
}

void PgConstraint(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("conname", Name()).Column("connamespace", Oid()).Column("contype", Char());
  b.Column("condeferrable", Bool()).Column("condeferred", Bool()).Column("convalidated", Bool());
  b.Column("conrelid", Oid()).Column("contypid", Oid()).Column("conindid", Oid()).Column("conparentid", Oid());
  b.Column("confrelid", Oid()).Column("confupdtype", Char()).Column("confdeltype", Char());
  b.Column("confmatchtype", Char()).Column("conislocal", Bool()).Column("coninhcount", Int4());
  b.Column("connoinherit", Bool()).Column("conkey", Int2Array()).Column("confkey", Int2Array());
  // The equality operators of a foreign key's columns, ON DELETE SET NULL / DEFAULT column lists and
  // exclusion operators: Kanto compares keys with each type's own equality and has no column lists
  // or exclusion constraints, so NULL.
  b.Column("conpfeqop", OidArray()).Column("conppeqop", OidArray()).Column("conffeqop", OidArray());
  b.Column("confdelsetcols", Int2Array()).Column("conexclop", OidArray()).Column("conbin", NodeTree());
  const std::vector<Value> no_operators = {Value::Null(OidArray()), Value::Null(OidArray()), Value::Null(OidArray()),
                                           Value::Null(Int2Array()), Value::Null(OidArray())};
  auto add = [&](std::vector<Value> row) {
    row.insert(row.end() - 1, no_operators.begin(), no_operators.end());
    b.Row(std::move(row));
  };
  for (const TableEntry* t : catalog.Tables()) {
    for (const IndexEntry& idx : t->indexes) {
      if (!idx.constraint) continue;
      std::vector<Value> key;
      for (uint32_t c : idx.columns) key.push_back(Value::Int2(c + 1));
      add({OidValue(idx.id), Value::Text(idx.name), OidValue(t->schema_id), Value::Text(idx.primary ? "p" : "u"),
             Value::Bool(false), Value::Bool(false), Value::Bool(true), OidValue(t->id), OidValue(0), OidValue(idx.id),
             OidValue(0), OidValue(0), Value::Text(" "), Value::Text(" "), Value::Text(" "), Value::Bool(true),
             Value::Int4(0), Value::Bool(true), MakeArrayValue(Int2Array(), key), Value::Null(Int2Array()), NullText()});
    }
    for (const CheckEntry& c : t->checks) {
      std::vector<Value> key;
      for (uint32_t col : c.columns) key.push_back(Value::Int2(col + 1));
      add({OidValue(c.id), Value::Text(c.name), OidValue(t->schema_id), Value::Text("c"), Value::Bool(false),
             Value::Bool(false), Value::Bool(c.validated), OidValue(t->id), OidValue(0), OidValue(0), OidValue(0),
             OidValue(0), Value::Text(" "), Value::Text(" "), Value::Text(" "), Value::Bool(true), Value::Int4(0),
             Value::Bool(c.no_inherit), MakeArrayValue(Int2Array(), key), Value::Null(Int2Array()),
             Value::Text(c.expr_sql)});
    }
    for (const ForeignKeyEntry& fk : t->foreign_keys) {
      std::vector<Value> key, fkey;
      for (uint32_t col : fk.columns) key.push_back(Value::Int2(col + 1));
      for (uint32_t col : fk.ref_columns) fkey.push_back(Value::Int2(col + 1));
      add({OidValue(fk.id), Value::Text(fk.name), OidValue(t->schema_id), Value::Text("f"), Value::Bool(fk.deferrable),
             Value::Bool(fk.initially_deferred), Value::Bool(fk.validated), OidValue(t->id), OidValue(0),
             OidValue(fk.ref_index), OidValue(0), OidValue(fk.ref_table), Value::Text(std::string(1, fk.on_update)),
             Value::Text(std::string(1, fk.on_delete)), Value::Text(std::string(1, fk.match)), Value::Bool(true),
             Value::Int4(0), Value::Bool(true), MakeArrayValue(Int2Array(), key), MakeArrayValue(Int2Array(), fkey),
             NullText()});
    }
  }
  // The system catalogs' primary keys and unique constraints, with PostgreSQL's constraint OIDs.
  if (out->columns_only) return;
  for (const SystemCatalogIndex* idx : ProvidedSystemCatalogIndexes()) {
    if (idx->constraint == ' ') continue;
    std::vector<Value> key;
    for (int16_t attnum : SystemCatalogIndexKey(*idx)) key.push_back(Value::Int2(attnum));
    add({OidValue(idx->constraint_oid), Value::Text(idx->name), OidValue(kPgCatalogSchemaId),
         Value::Text(std::string(1, idx->constraint)), Value::Bool(false), Value::Bool(false), Value::Bool(true),
         OidValue(idx->table_oid), OidValue(0), OidValue(idx->oid), OidValue(0), OidValue(0), Value::Text(" "),
         Value::Text(" "), Value::Text(" "), Value::Bool(true), Value::Int4(0), Value::Bool(true),
         MakeArrayValue(Int2Array(), key), Value::Null(Int2Array()), NullText()});
  }
}

// pg_enum: the labels of each enum type.
void PgEnum(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("enumtypid", Oid()).Column("enumsortorder", LogicalType(TypeId::kFloat4));
  b.Column("enumlabel", Name());
  for (const TypeEntry* t : catalog.Types()) {
    for (const EnumLabel& l : t->labels) {
      b.Row({OidValue(l.oid), OidValue(t->id), Value::Float4(static_cast<float>(l.sort_order)), Value::Text(l.label)});
    }
  }
}

void PgAttrdef(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("adrelid", Oid()).Column("adnum", Int2()).Column("adbin", NodeTree());
  for (const TableEntry* t : catalog.Tables()) {
    for (size_t i = 0; i < t->columns.size(); i++) {
      if (t->columns[i].default_sql.empty()) continue;
      auto attnum = static_cast<int32_t>(i + 1);
      b.Row({OidValue(AttrdefOid(t->id, attnum)), OidValue(t->id), Value::Int2(attnum), Value::Text(t->columns[i].default_sql)});
    }
  }
}

const std::map<std::string, Generator>& PgCatalogTables() {
  static const auto* tables = new std::map<std::string, Generator>{
      {"pg_namespace", PgNamespace},
      {"pg_class", PgClass},
      {"pg_am", [](const Catalog&, SystemTable* out) { PgAm(out); }},
      {"pg_index", PgIndex},
      {"pg_attribute", PgAttribute},
      {"pg_type", [](const Catalog& c, SystemTable* out) { PgType(c, out); }},
      {"pg_database", [](const Catalog& catalog, SystemTable* out) { PgDatabase(catalog, out); }},
      {"pg_roles", PgRoles},
      {"pg_user", PgUser},
      {"pg_auth_members", PgAuthMembers},
      {"pg_tables", [](const Catalog& c, SystemTable* out) { PgTables(c, false, out); }},
      {"pg_views", [](const Catalog& c, SystemTable* out) { PgTables(c, true, out); }},
      {"pg_indexes", PgIndexes},
      {"pg_constraint", PgConstraint},
      {"pg_attrdef", PgAttrdef},
      {"pg_enum", PgEnum},
      {"pg_sequence", PgSequence},
      {"pg_depend", PgDepend},
      {"pg_rewrite", PgRewrite},
      {"pg_sequences", PgSequences},
      {"pg_proc", [](const Catalog&, SystemTable* out) { PgProc(out); }},
      {"pg_operator", [](const Catalog&, SystemTable* out) { PgOperator(out); }},
      {"pg_cast", [](const Catalog&, SystemTable* out) { PgCast(out); }},
      {"pg_description", [](const Catalog& c, SystemTable* out) { PgDescription(c, false, out); }},
      {"pg_shdescription", [](const Catalog& c, SystemTable* out) { PgDescription(c, true, out); }},
  };
  return *tables;
}

}  // namespace

namespace system_tables {

int16_t TypeLength(const LogicalType& type) {
  if (type.IsArray()) return -1;
  if (type.id == TypeId::kEnum) return 4;  // enums are 4 bytes (their pg_enum OID), by value
  for (const auto& t : kBuiltinTypes) {
    if (t.id == type.id) return t.len;
  }
  return -1;
}

std::string SchemaName(const Catalog& catalog, uint32_t id) {
  const SchemaEntry* s = catalog.GetSchema(id);
  return s ? s->name : "";
}

// pg_type.typname: "int4", "_int4" for arrays.
std::string TypeName(const LogicalType& t) {
  LogicalType base = t.IsArray() ? t.ElementType() : t;
  for (const auto& bt : kBuiltinTypes) {
    if (bt.id == base.id) return (t.IsArray() ? "_" : "") + std::string(bt.name);
  }
  if (IsKnownEnum(base)) {  // the name without its schema
    const std::string& name = EnumTypeOf(base).name;
    return (t.IsArray() ? "_" : "") + name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
  }
  return base.ToString();
}

}  // namespace system_tables

bool BuildSystemTable(const Catalog& catalog, const std::string& schema, const std::string& name, SystemTable* out) {
  if (schema != "information_schema" && schema != "pg_catalog" && !schema.empty()) return false;
  const auto& tables = schema == "information_schema" ? InformationSchemaTables() : PgCatalogTables();
  auto it = tables.find(name);
  if (it == tables.end()) {
    if (schema == "information_schema") return false;
    const auto& privileges = PrivilegeCatalogTables();
    const auto& fixed = FixedCatalogTables();
    it = privileges.find(name);
    if (it == privileges.end() && (it = fixed.find(name)) == fixed.end()) return false;
  }
  it->second(catalog, out);
  if (schema != "information_schema") out->relation_oid = SystemCatalogTableOid(name);
  return true;
}

}  // namespace kanto
