// The privilege catalogs that are tables of their own: pg_default_acl (ALTER DEFAULT PRIVILEGES)
// and pg_init_privs (the initial ACLs of the schemas every database starts with, which pg_dump
// compares nspacl with, so that it dumps only what was granted or revoked since).
#include "catalog/object_acl.hpp"
#include "catalog/system_table_builder.hpp"

namespace kanto {

namespace {

using namespace system_tables;

constexpr int64_t kPgNamespaceClassOid = 2615;

void PgDefaultAcl(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("oid", Oid()).Column("defaclrole", Oid()).Column("defaclnamespace", Oid());
  b.Column("defaclobjtype", Char()).Column("defaclacl", AclArray());
  for (const DefaultAclEntry* d : catalog.DefaultAcls()) {
    b.Row({OidValue(d->id), OidValue(d->role), OidValue(d->schema_id), Value::Text(std::string(1, d->object_type)),
           AclArrayValue(catalog, d->acl)});
  }
}

void PgInitPrivs(const Catalog& catalog, SystemTable* out) {
  Builder b(out);
  b.Column("objoid", Oid()).Column("classoid", Oid()).Column("objsubid", Int4()).Column("privtype", Char());
  b.Column("initprivs", AclArray());
  for (const SchemaEntry* s : catalog.Schemas()) {
    std::optional<Acl> initial = InitialSchemaAcl(catalog, *s);
    if (!initial) continue;
    b.Row({OidValue(s->id), OidValue(kPgNamespaceClassOid), Value::Int4(0), Value::Text("i"),
           AclArrayValue(catalog, *initial)});
  }
}

}  // namespace

namespace system_tables {

const std::map<std::string, Generator>& PrivilegeCatalogTables() {
  static const auto* tables = new std::map<std::string, Generator>{
      {"pg_default_acl", PgDefaultAcl},
      {"pg_init_privs", PgInitPrivs},
  };
  return *tables;
}

}  // namespace system_tables

}  // namespace kanto
