#include "catalog/system_catalog_oids.hpp"

namespace kanto {

namespace {

struct SystemCatalog {
  const char* name;
  uint32_t oid;
  bool view;
};
constexpr SystemCatalog kSystemCatalogs[] = {
    {"pg_default_acl", 826, false},
    {"pg_tablespace", 1213, false},
    {"pg_type", 1247, false},
    {"pg_attribute", 1249, false},
    {"pg_proc", 1255, false},
    {"pg_class", 1259, false},
    {"pg_authid", 1260, false},
    {"pg_auth_members", 1261, false},
    {"pg_database", 1262, false},
    {"pg_foreign_server", 1417, false},
    {"pg_user_mapping", 1418, false},
    {"pg_sequence", 2224, false},
    {"pg_foreign_data_wrapper", 2328, false},
    {"pg_shdescription", 2396, false},
    {"pg_am", 2601, false},
    {"pg_amop", 2602, false},
    {"pg_amproc", 2603, false},
    {"pg_attrdef", 2604, false},
    {"pg_cast", 2605, false},
    {"pg_constraint", 2606, false},
    {"pg_conversion", 2607, false},
    {"pg_depend", 2608, false},
    {"pg_description", 2609, false},
    {"pg_index", 2610, false},
    {"pg_inherits", 2611, false},
    {"pg_language", 2612, false},
    {"pg_namespace", 2615, false},
    {"pg_opclass", 2616, false},
    {"pg_operator", 2617, false},
    {"pg_rewrite", 2618, false},
    {"pg_statistic", 2619, false},
    {"pg_trigger", 2620, false},
    {"pg_opfamily", 2753, false},
    {"pg_largeobject_metadata", 2995, false},
    {"pg_extension", 3079, false},
    {"pg_foreign_table", 3118, false},
    {"pg_policy", 3256, false},
    {"pg_partitioned_table", 3350, false},
    {"pg_statistic_ext", 3381, false},
    {"pg_init_privs", 3394, false},
    {"pg_collation", 3456, false},
    {"pg_event_trigger", 3466, false},
    {"pg_enum", 3501, false},
    {"pg_range", 3541, false},
    {"pg_transform", 3576, false},
    {"pg_shseclabel", 3592, false},
    {"pg_seclabel", 3596, false},
    {"pg_ts_dict", 3600, false},
    {"pg_ts_parser", 3601, false},
    {"pg_ts_config", 3602, false},
    {"pg_ts_template", 3764, false},
    {"pg_subscription", 6100, false},
    {"pg_publication", 6104, false},
    {"pg_publication_rel", 6106, false},
    {"pg_publication_namespace", 6237, false},
    {"pg_roles", 12001, true},  // Kanto's own OID
    {"pg_tables", 12002, true},  // Kanto's own OID
    {"pg_views", 12003, true},  // Kanto's own OID
    {"pg_user", 12004, true},  // Kanto's own OID
};

const SystemCatalog* Find(std::string_view name) {
  for (const auto& sc : kSystemCatalogs) {
    if (name == sc.name) return &sc;
  }
  return nullptr;
}

}  // namespace

uint32_t SystemCatalogOid(std::string_view name) {
  const SystemCatalog* sc = Find(name);
  return sc ? sc->oid : 0;
}

const char* SystemCatalogName(uint32_t oid) {
  for (const auto& sc : kSystemCatalogs) {
    if (sc.oid == oid) return sc.name;
  }
  return nullptr;
}

uint32_t SystemCatalogTableOid(std::string_view name) {
  const SystemCatalog* sc = Find(name);
  return sc && !sc->view ? sc->oid : 0;
}

}  // namespace kanto
