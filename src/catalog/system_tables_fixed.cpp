// pg_catalog's tables whose rows do not come from the catalog snapshot: those with PostgreSQL's
// built-in rows (pg_collation, pg_tablespace, pg_language) and the catalogs of objects Kanto has
// none of, which exist with PostgreSQL 15's columns and are empty, so that tools' queries run
// (psql, pg_dump, drivers).
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "catalog/system_table_builder.hpp"

namespace kanto {

namespace {

using namespace system_tables;

void PgCollation(SystemTable* out) {
  Builder b(out);
  // PostgreSQL 15's column order (SELECT * readers depend on it).
  b.Column("oid", Oid()).Column("collname", Name()).Column("collnamespace", Oid()).Column("collowner", Oid());
  b.Column("collprovider", Char()).Column("collisdeterministic", Bool()).Column("collencoding", Int4());
  b.Column("collcollate", Text()).Column("collctype", Text()).Column("colliculocale", Text());
  b.Column("collversion", Text());
  for (auto [oid, name, provider] : {std::tuple{100, "default", "d"}, {950, "C", "c"}, {951, "POSIX", "c"}}) {
    Value locale = Value::Text(oid == 951 ? "POSIX" : "C");  // PostgreSQL's POSIX collation names POSIX
    b.Row({OidValue(oid), Value::Text(name), OidValue(kPgCatalogSchemaId), OidValue(kKantoRoleOid), Value::Text(provider),
           Value::Bool(true), Value::Int4(-1), locale, locale, NullText(), NullText()});
  }
}

// pg_tablespace: PostgreSQL's two built-in tablespaces; every Kanto relation is in pg_default
// (pg_class.reltablespace 0).
void PgTablespace(SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("spcname", Name()).Column("spcowner", Oid()).Column("spcacl", AclArray());
  b.Column("spcoptions", TextArray());
  b.Row({OidValue(1663), Value::Text("pg_default"), OidValue(kKantoRoleOid), NullText(), NullText()});
  b.Row({OidValue(1664), Value::Text("pg_global"), OidValue(kKantoRoleOid), NullText(), NullText()});
}

// pg_language: PostgreSQL's built-in languages; Kanto has no procedural language (lanispl false).
void PgLanguage(SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("lanname", Name()).Column("lanowner", Oid()).Column("lanispl", Bool());
  b.Column("lanpltrusted", Bool()).Column("lanplcallfoid", Oid()).Column("laninline", Oid());
  b.Column("lanvalidator", Oid()).Column("lanacl", AclArray());
  for (auto [oid, name, trusted] : {std::tuple{12, "internal", false}, {13, "c", false}, {14, "sql", true}}) {
    b.Row({OidValue(oid), Value::Text(name), OidValue(kKantoRoleOid), Value::Bool(false), Value::Bool(trusted),
           OidValue(0), OidValue(0), OidValue(0), NullText()});
  }
}

// Catalogs that exist for tools' queries and are always empty in Kanto.
void EmptyTable(std::vector<std::pair<const char*, LogicalType>> columns, SystemTable* out) {
  Builder b(out);
  for (auto& [name, type] : columns) b.Column(name, type);
}

Generator Empty(std::vector<std::pair<const char*, LogicalType>> columns) {
  return [columns](const Catalog&, SystemTable* out) { EmptyTable(columns, out); };
}

LogicalType Float4Array() { return LogicalType::ArrayOf(Float4()); }

// pg_statistic's columns: five slots of kind, operator, collation, numbers and values each.
std::vector<std::pair<const char*, LogicalType>> StatisticColumns() {
  std::vector<std::pair<const char*, LogicalType>> columns = {
      {"starelid", Oid()}, {"staattnum", Int2()}, {"stainherit", Bool()}, {"stanullfrac", Float4()},
      {"stawidth", Int4()}, {"stadistinct", Float4()}};
  static const char* const kSlots[][5] = {{"stakind1", "stakind2", "stakind3", "stakind4", "stakind5"},
                                          {"staop1", "staop2", "staop3", "staop4", "staop5"},
                                          {"stacoll1", "stacoll2", "stacoll3", "stacoll4", "stacoll5"},
                                          {"stanumbers1", "stanumbers2", "stanumbers3", "stanumbers4", "stanumbers5"},
                                          {"stavalues1", "stavalues2", "stavalues3", "stavalues4", "stavalues5"}};
  const LogicalType types[] = {Int2(), Oid(), Oid(), Float4Array(), TextArray()};
  for (int k = 0; k < 5; k++) {
    for (const char* name : kSlots[k]) columns.push_back({name, types[k]});
  }
  return columns;
}

}  // namespace

namespace system_tables {

const std::map<std::string, Generator>& FixedCatalogTables() {
  static const auto* tables = new std::map<std::string, Generator>{
      {"pg_collation", [](const Catalog&, SystemTable* out) { PgCollation(out); }},
      {"pg_policy", Empty({{"oid", Oid()}, {"polname", Name()}, {"polrelid", Oid()}, {"polcmd", Char()},
                           {"polpermissive", Bool()}, {"polroles", OidArray()}, {"polqual", NodeTree()},
                           {"polwithcheck", NodeTree()}})},
      {"pg_statistic_ext", Empty({{"oid", Oid()}, {"stxrelid", Oid()}, {"stxname", Name()}, {"stxnamespace", Oid()},
                                  {"stxowner", Oid()}, {"stxstattarget", Int4()}, {"stxkeys", Int2Vector()},
                                  {"stxkind", LogicalType::ArrayOf(Char())}, {"stxexprs", NodeTree()}})},
      {"pg_publication", Empty({{"oid", Oid()}, {"pubname", Name()}, {"pubowner", Oid()}, {"puballtables", Bool()},
                                {"pubinsert", Bool()}, {"pubupdate", Bool()}, {"pubdelete", Bool()},
                                {"pubtruncate", Bool()}, {"pubviaroot", Bool()}})},
      {"pg_publication_namespace", Empty({{"oid", Oid()}, {"pnpubid", Oid()}, {"pnnspid", Oid()}})},
      {"pg_publication_rel", Empty({{"oid", Oid()}, {"prpubid", Oid()}, {"prrelid", Oid()}, {"prqual", NodeTree()},
                                    {"prattrs", Int2Vector()}})},
      // Kanto has no triggers (psql's \d of a table asks).
      {"pg_trigger", Empty({{"oid", Oid()}, {"tgrelid", Oid()}, {"tgparentid", Oid()}, {"tgname", Name()},
                            {"tgfoid", Oid()}, {"tgtype", Int2()}, {"tgenabled", Char()}, {"tgisinternal", Bool()},
                            {"tgconstrrelid", Oid()}, {"tgconstrindid", Oid()}, {"tgconstraint", Oid()},
                            {"tgdeferrable", Bool()}, {"tginitdeferred", Bool()}, {"tgnargs", Int2()},
                            {"tgattr", Int2Vector()}, {"tgargs", LogicalType(TypeId::kBytea)}, {"tgqual", NodeTree()},
                            {"tgoldtable", Name()}, {"tgnewtable", Name()}})},
      {"pg_inherits", Empty({{"inhrelid", Oid()}, {"inhparent", Oid()}, {"inhseqno", Int4()},
                             {"inhdetachpending", Bool()}})},
      // Kanto has no materialized views or range types.
      {"pg_matviews", Empty({{"schemaname", Name()}, {"matviewname", Name()}, {"matviewowner", Name()},
                             {"tablespace", Name()}, {"hasindexes", Bool()}, {"ispopulated", Bool()},
                             {"definition", Text()}})},
      {"pg_range", Empty({{"rngtypid", Oid()}, {"rngsubtype", Oid()}, {"rngmultitypid", Oid()},
                          {"rngcollation", Oid()}, {"rngsubopc", Oid()}, {"rngcanonical", Regproc()},
                          {"rngsubdiff", Regproc()}})},
      // ANALYZE keeps row counts only, no per-column statistics (anyarray columns typed text[]).
      {"pg_statistic", Empty(StatisticColumns())},
      {"pg_stats", Empty({{"schemaname", Name()}, {"tablename", Name()}, {"attname", Name()}, {"inherited", Bool()},
                          {"null_frac", Float4()}, {"avg_width", Int4()}, {"n_distinct", Float4()},
                          {"most_common_vals", TextArray()}, {"most_common_freqs", Float4Array()},
                          {"histogram_bounds", TextArray()}, {"correlation", Float4()},
                          {"most_common_elems", TextArray()}, {"most_common_elem_freqs", Float4Array()},
                          {"elem_count_histogram", Float4Array()}})},
      {"pg_tablespace", [](const Catalog&, SystemTable* out) { PgTablespace(out); }},
      {"pg_language", [](const Catalog&, SystemTable* out) { PgLanguage(out); }},
      {"pg_foreign_table", Empty({{"ftrelid", Oid()}, {"ftserver", Oid()}, {"ftoptions", TextArray()}})},
      // Kanto has no operator classes or families of its own, conversions, text search objects,
      // foreign data, default privileges, event triggers, rules, large objects or security labels.
      {"pg_opclass", Empty({{"oid", Oid()}, {"opcmethod", Oid()}, {"opcname", Name()}, {"opcnamespace", Oid()},
                            {"opcowner", Oid()}, {"opcfamily", Oid()}, {"opcintype", Oid()}, {"opcdefault", Bool()},
                            {"opckeytype", Oid()}})},
      {"pg_opfamily", Empty({{"oid", Oid()}, {"opfmethod", Oid()}, {"opfname", Name()}, {"opfnamespace", Oid()},
                             {"opfowner", Oid()}})},
      {"pg_conversion", Empty({{"oid", Oid()}, {"conname", Name()}, {"connamespace", Oid()}, {"conowner", Oid()},
                               {"conforencoding", Int4()}, {"contoencoding", Int4()}, {"conproc", Regproc()},
                               {"condefault", Bool()}})},
      {"pg_ts_parser", Empty({{"oid", Oid()}, {"prsname", Name()}, {"prsnamespace", Oid()}, {"prsstart", Regproc()},
                              {"prstoken", Regproc()}, {"prsend", Regproc()}, {"prsheadline", Regproc()},
                              {"prslextype", Regproc()}})},
      {"pg_ts_dict", Empty({{"oid", Oid()}, {"dictname", Name()}, {"dictnamespace", Oid()}, {"dictowner", Oid()},
                            {"dicttemplate", Oid()}, {"dictinitoption", Text()}})},
      {"pg_ts_template", Empty({{"oid", Oid()}, {"tmplname", Name()}, {"tmplnamespace", Oid()},
                                {"tmplinit", Regproc()}, {"tmpllexize", Regproc()}})},
      {"pg_ts_config", Empty({{"oid", Oid()}, {"cfgname", Name()}, {"cfgnamespace", Oid()}, {"cfgowner", Oid()},
                              {"cfgparser", Oid()}})},
      {"pg_foreign_data_wrapper", Empty({{"oid", Oid()}, {"fdwname", Name()}, {"fdwowner", Oid()},
                                         {"fdwhandler", Oid()}, {"fdwvalidator", Oid()}, {"fdwacl", AclArray()},
                                         {"fdwoptions", TextArray()}})},
      {"pg_foreign_server", Empty({{"oid", Oid()}, {"srvname", Name()}, {"srvowner", Oid()}, {"srvfdw", Oid()},
                                   {"srvtype", Text()}, {"srvversion", Text()}, {"srvacl", AclArray()},
                                   {"srvoptions", TextArray()}})},
      {"pg_event_trigger", Empty({{"oid", Oid()}, {"evtname", Name()}, {"evtevent", Name()}, {"evtowner", Oid()},
                                  {"evtfoid", Oid()}, {"evtenabled", Char()}, {"evttags", TextArray()}})},
      {"pg_user_mapping", Empty({{"oid", Oid()}, {"umuser", Oid()}, {"umserver", Oid()}, {"umoptions", TextArray()}})},
      {"pg_largeobject_metadata", Empty({{"oid", Oid()}, {"lomowner", Oid()}, {"lomacl", AclArray()}})},
      {"pg_amop", Empty({{"oid", Oid()}, {"amopfamily", Oid()}, {"amoplefttype", Oid()}, {"amoprighttype", Oid()},
                         {"amopstrategy", Int2()}, {"amoppurpose", Char()}, {"amopopr", Oid()},
                         {"amopmethod", Oid()}, {"amopsortfamily", Oid()}})},
      {"pg_amproc", Empty({{"oid", Oid()}, {"amprocfamily", Oid()}, {"amproclefttype", Oid()},
                           {"amprocrighttype", Oid()}, {"amprocnum", Int2()}, {"amproc", Regproc()}})},
      {"pg_seclabel", Empty({{"objoid", Oid()}, {"classoid", Oid()}, {"objsubid", Int4()}, {"provider", Text()},
                             {"label", Text()}})},
      {"pg_shseclabel", Empty({{"objoid", Oid()}, {"classoid", Oid()}, {"provider", Text()}, {"label", Text()}})},
      // Kanto has no logical replication subscriptions (subskiplsn would be a pg_lsn).
      {"pg_subscription", Empty({{"oid", Oid()}, {"subdbid", Oid()}, {"subskiplsn", Text()}  /* pg_lsn */,
                                 {"subname", Name()}, {"subowner", Oid()}, {"subenabled", Bool()},
                                 {"subbinary", Bool()}, {"substream", Bool()}, {"subtwophasestate", Char()},
                                 {"subdisableonerr", Bool()}, {"subconninfo", Text()}, {"subslotname", Name()},
                                 {"subsynccommit", Text()}, {"subpublications", TextArray()}})},
      {"pg_seclabels", Empty({{"objoid", Oid()}, {"classoid", Oid()}, {"objsubid", Int4()}, {"objtype", Text()},
                              {"objnamespace", Oid()}, {"objname", Text()}, {"provider", Text()}, {"label", Text()}})},
      // Kanto has no per-database or per-role settings (ALTER DATABASE / ROLE ... SET).
      {"pg_db_role_setting", Empty({{"setdatabase", Oid()}, {"setrole", Oid()}, {"setconfig", TextArray()}})},
      // Kanto has no partitioned tables.
      {"pg_partitioned_table", Empty({{"partrelid", Oid()}, {"partstrat", Char()}, {"partnatts", Int2()},
                                      {"partdefid", Oid()}, {"partattrs", Int2Vector()}, {"partclass", OidVector()},
                                      {"partcollation", OidVector()}, {"partexprs", NodeTree()}})},
      // Kanto has no transforms.
      {"pg_transform", Empty({{"oid", Oid()}, {"trftype", Oid()}, {"trflang", Oid()}, {"trffromsql", Regproc()},
                              {"trftosql", Regproc()}})},
      // Kanto has no extensions (and no procedural languages to install as one).
      {"pg_extension", Empty({{"oid", Oid()}, {"extname", Name()}, {"extowner", Oid()}, {"extnamespace", Oid()},
                              {"extrelocatable", Bool()}, {"extversion", Text()}, {"extconfig", OidArray()},
                              {"extcondition", TextArray()}})},
  };
  return *tables;
}

}  // namespace system_tables

}  // namespace kanto
