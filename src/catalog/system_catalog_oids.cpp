// PostgreSQL 15's system catalogs and views with the OIDs initdb gives them (read from a PostgreSQL
// 15: SELECT nspname, relname, oid, relkind FROM pg_class ... WHERE relkind IN ('r', 'v')).
#include "catalog/system_catalog_oids.hpp"

namespace kanto {

namespace {

constexpr bool kPg = false, kInfo = true;

constexpr SystemCatalog kSystemCatalogs[] = {
    {kPg, "pg_default_acl", 826, false},
    {kPg, "pg_tablespace", 1213, false},
    {kPg, "pg_shdepend", 1214, false},
    {kPg, "pg_type", 1247, false},
    {kPg, "pg_attribute", 1249, false},
    {kPg, "pg_proc", 1255, false},
    {kPg, "pg_class", 1259, false},
    {kPg, "pg_authid", 1260, false},
    {kPg, "pg_auth_members", 1261, false},
    {kPg, "pg_database", 1262, false},
    {kPg, "pg_foreign_server", 1417, false},
    {kPg, "pg_user_mapping", 1418, false},
    {kPg, "pg_sequence", 2224, false},
    {kPg, "pg_foreign_data_wrapper", 2328, false},
    {kPg, "pg_shdescription", 2396, false},
    {kPg, "pg_aggregate", 2600, false},
    {kPg, "pg_am", 2601, false},
    {kPg, "pg_amop", 2602, false},
    {kPg, "pg_amproc", 2603, false},
    {kPg, "pg_attrdef", 2604, false},
    {kPg, "pg_cast", 2605, false},
    {kPg, "pg_constraint", 2606, false},
    {kPg, "pg_conversion", 2607, false},
    {kPg, "pg_depend", 2608, false},
    {kPg, "pg_description", 2609, false},
    {kPg, "pg_index", 2610, false},
    {kPg, "pg_inherits", 2611, false},
    {kPg, "pg_language", 2612, false},
    {kPg, "pg_largeobject", 2613, false},
    {kPg, "pg_namespace", 2615, false},
    {kPg, "pg_opclass", 2616, false},
    {kPg, "pg_operator", 2617, false},
    {kPg, "pg_rewrite", 2618, false},
    {kPg, "pg_statistic", 2619, false},
    {kPg, "pg_trigger", 2620, false},
    {kPg, "pg_opfamily", 2753, false},
    {kPg, "pg_db_role_setting", 2964, false},
    {kPg, "pg_largeobject_metadata", 2995, false},
    {kPg, "pg_extension", 3079, false},
    {kPg, "pg_foreign_table", 3118, false},
    {kPg, "pg_policy", 3256, false},
    {kPg, "pg_partitioned_table", 3350, false},
    {kPg, "pg_statistic_ext", 3381, false},
    {kPg, "pg_init_privs", 3394, false},
    {kPg, "pg_statistic_ext_data", 3429, false},
    {kPg, "pg_collation", 3456, false},
    {kPg, "pg_event_trigger", 3466, false},
    {kPg, "pg_enum", 3501, false},
    {kPg, "pg_range", 3541, false},
    {kPg, "pg_transform", 3576, false},
    {kPg, "pg_shseclabel", 3592, false},
    {kPg, "pg_seclabel", 3596, false},
    {kPg, "pg_ts_dict", 3600, false},
    {kPg, "pg_ts_parser", 3601, false},
    {kPg, "pg_ts_config", 3602, false},
    {kPg, "pg_ts_config_map", 3603, false},
    {kPg, "pg_ts_template", 3764, false},
    {kPg, "pg_replication_origin", 6000, false},
    {kPg, "pg_subscription", 6100, false},
    {kPg, "pg_subscription_rel", 6102, false},
    {kPg, "pg_publication", 6104, false},
    {kPg, "pg_publication_rel", 6106, false},
    {kPg, "pg_publication_namespace", 6237, false},
    {kPg, "pg_parameter_acl", 6243, false},
    {kPg, "pg_roles", 12000, true},
    {kPg, "pg_shadow", 12005, true},
    {kPg, "pg_group", 12010, true},
    {kPg, "pg_user", 12014, true},
    {kPg, "pg_policies", 12018, true},
    {kPg, "pg_rules", 12023, true},
    {kPg, "pg_views", 12028, true},
    {kPg, "pg_tables", 12033, true},
    {kPg, "pg_matviews", 12038, true},
    {kPg, "pg_indexes", 12043, true},
    {kPg, "pg_sequences", 12048, true},
    {kPg, "pg_stats", 12053, true},
    {kPg, "pg_stats_ext", 12058, true},
    {kPg, "pg_stats_ext_exprs", 12063, true},
    {kPg, "pg_publication_tables", 12068, true},
    {kPg, "pg_locks", 12073, true},
    {kPg, "pg_cursors", 12077, true},
    {kPg, "pg_available_extensions", 12081, true},
    {kPg, "pg_available_extension_versions", 12085, true},
    {kPg, "pg_prepared_xacts", 12090, true},
    {kPg, "pg_prepared_statements", 12095, true},
    {kPg, "pg_seclabels", 12099, true},
    {kPg, "pg_settings", 12104, true},
    {kPg, "pg_file_settings", 12110, true},
    {kPg, "pg_hba_file_rules", 12114, true},
    {kPg, "pg_ident_file_mappings", 12118, true},
    {kPg, "pg_timezone_abbrevs", 12122, true},
    {kPg, "pg_timezone_names", 12126, true},
    {kPg, "pg_config", 12130, true},
    {kPg, "pg_shmem_allocations", 12134, true},
    {kPg, "pg_backend_memory_contexts", 12138, true},
    {kPg, "pg_stat_all_tables", 12142, true},
    {kPg, "pg_stat_xact_all_tables", 12147, true},
    {kPg, "pg_stat_sys_tables", 12152, true},
    {kPg, "pg_stat_xact_sys_tables", 12157, true},
    {kPg, "pg_stat_user_tables", 12161, true},
    {kPg, "pg_stat_xact_user_tables", 12166, true},
    {kPg, "pg_statio_all_tables", 12170, true},
    {kPg, "pg_statio_sys_tables", 12175, true},
    {kPg, "pg_statio_user_tables", 12179, true},
    {kPg, "pg_stat_all_indexes", 12183, true},
    {kPg, "pg_stat_sys_indexes", 12188, true},
    {kPg, "pg_stat_user_indexes", 12192, true},
    {kPg, "pg_statio_all_indexes", 12196, true},
    {kPg, "pg_statio_sys_indexes", 12201, true},
    {kPg, "pg_statio_user_indexes", 12205, true},
    {kPg, "pg_statio_all_sequences", 12209, true},
    {kPg, "pg_statio_sys_sequences", 12214, true},
    {kPg, "pg_statio_user_sequences", 12218, true},
    {kPg, "pg_stat_activity", 12222, true},
    {kPg, "pg_stat_replication", 12227, true},
    {kPg, "pg_stat_slru", 12232, true},
    {kPg, "pg_stat_wal_receiver", 12236, true},
    {kPg, "pg_stat_recovery_prefetch", 12240, true},
    {kPg, "pg_stat_subscription", 12244, true},
    {kPg, "pg_stat_ssl", 12249, true},
    {kPg, "pg_stat_gssapi", 12253, true},
    {kPg, "pg_replication_slots", 12257, true},
    {kPg, "pg_stat_replication_slots", 12262, true},
    {kPg, "pg_stat_database", 12266, true},
    {kPg, "pg_stat_database_conflicts", 12271, true},
    {kPg, "pg_stat_user_functions", 12275, true},
    {kPg, "pg_stat_xact_user_functions", 12280, true},
    {kPg, "pg_stat_archiver", 12285, true},
    {kPg, "pg_stat_bgwriter", 12289, true},
    {kPg, "pg_stat_wal", 12293, true},
    {kPg, "pg_stat_progress_analyze", 12297, true},
    {kPg, "pg_stat_progress_vacuum", 12302, true},
    {kPg, "pg_stat_progress_cluster", 12307, true},
    {kPg, "pg_stat_progress_create_index", 12312, true},
    {kPg, "pg_stat_progress_basebackup", 12317, true},
    {kPg, "pg_stat_progress_copy", 12322, true},
    {kPg, "pg_user_mappings", 12327, true},
    {kPg, "pg_replication_origin_status", 12332, true},
    {kPg, "pg_stat_subscription_stats", 12336, true},
    {kInfo, "information_schema_catalog_name", 13227, true},
    {kInfo, "applicable_roles", 13236, true},
    {kInfo, "administrable_role_authorizations", 13241, true},
    {kInfo, "attributes", 13245, true},
    {kInfo, "character_sets", 13250, true},
    {kInfo, "check_constraint_routine_usage", 13255, true},
    {kInfo, "check_constraints", 13260, true},
    {kInfo, "collations", 13265, true},
    {kInfo, "collation_character_set_applicability", 13270, true},
    {kInfo, "column_column_usage", 13275, true},
    {kInfo, "column_domain_usage", 13280, true},
    {kInfo, "column_privileges", 13285, true},
    {kInfo, "column_udt_usage", 13290, true},
    {kInfo, "columns", 13295, true},
    {kInfo, "constraint_column_usage", 13300, true},
    {kInfo, "constraint_table_usage", 13305, true},
    {kInfo, "domain_constraints", 13310, true},
    {kInfo, "domain_udt_usage", 13315, true},
    {kInfo, "domains", 13320, true},
    {kInfo, "enabled_roles", 13325, true},
    {kInfo, "key_column_usage", 13329, true},
    {kInfo, "parameters", 13334, true},
    {kInfo, "referential_constraints", 13339, true},
    {kInfo, "role_column_grants", 13344, true},
    {kInfo, "routine_column_usage", 13348, true},
    {kInfo, "routine_privileges", 13353, true},
    {kInfo, "role_routine_grants", 13358, true},
    {kInfo, "routine_routine_usage", 13362, true},
    {kInfo, "routine_sequence_usage", 13367, true},
    {kInfo, "routine_table_usage", 13372, true},
    {kInfo, "routines", 13377, true},
    {kInfo, "schemata", 13382, true},
    {kInfo, "sequences", 13386, true},
    {kInfo, "sql_features", 13391, false},
    {kInfo, "sql_implementation_info", 13396, false},
    {kInfo, "sql_parts", 13401, false},
    {kInfo, "sql_sizing", 13406, false},
    {kInfo, "table_constraints", 13411, true},
    {kInfo, "table_privileges", 13416, true},
    {kInfo, "role_table_grants", 13421, true},
    {kInfo, "tables", 13425, true},
    {kInfo, "transforms", 13430, true},
    {kInfo, "triggered_update_columns", 13435, true},
    {kInfo, "triggers", 13440, true},
    {kInfo, "udt_privileges", 13445, true},
    {kInfo, "role_udt_grants", 13450, true},
    {kInfo, "usage_privileges", 13454, true},
    {kInfo, "role_usage_grants", 13459, true},
    {kInfo, "user_defined_types", 13463, true},
    {kInfo, "view_column_usage", 13468, true},
    {kInfo, "view_routine_usage", 13473, true},
    {kInfo, "view_table_usage", 13478, true},
    {kInfo, "views", 13483, true},
    {kInfo, "data_type_privileges", 13488, true},
    {kInfo, "element_types", 13493, true},
    {kInfo, "_pg_foreign_table_columns", 13498, true},
    {kInfo, "column_options", 13503, true},
    {kInfo, "_pg_foreign_data_wrappers", 13507, true},
    {kInfo, "foreign_data_wrapper_options", 13511, true},
    {kInfo, "foreign_data_wrappers", 13515, true},
    {kInfo, "_pg_foreign_servers", 13519, true},
    {kInfo, "foreign_server_options", 13524, true},
    {kInfo, "foreign_servers", 13528, true},
    {kInfo, "_pg_foreign_tables", 13532, true},
    {kInfo, "foreign_table_options", 13537, true},
    {kInfo, "foreign_tables", 13541, true},
    {kInfo, "_pg_user_mappings", 13545, true},
    {kInfo, "user_mapping_options", 13550, true},
    {kInfo, "user_mappings", 13555, true},
};

const SystemCatalog* Find(bool information_schema, std::string_view name) {
  for (const auto& sc : kSystemCatalogs) {
    if (sc.information_schema == information_schema && name == sc.name) return &sc;
  }
  return nullptr;
}

}  // namespace

std::span<const SystemCatalog> PostgresSystemCatalogs() { return kSystemCatalogs; }

uint32_t SystemCatalogOid(std::string_view name) {
  const SystemCatalog* sc = Find(kPg, name);
  return sc ? sc->oid : 0;
}

const char* SystemCatalogName(uint32_t oid) {
  for (const auto& sc : kSystemCatalogs) {
    if (sc.oid == oid && !sc.information_schema) return sc.name;
  }
  return nullptr;
}

uint32_t SystemRelationOid(std::string_view schema, std::string_view name) {
  if (schema != "pg_catalog" && schema != "information_schema") return 0;
  const SystemCatalog* sc = Find(schema == "information_schema", name);
  return sc ? sc->oid : 0;
}

uint32_t SystemCatalogTableOid(std::string_view name) {
  const SystemCatalog* sc = Find(kPg, name);
  return sc && !sc->view ? sc->oid : 0;
}

bool IsSharedSystemCatalog(uint32_t oid) {
  // SELECT oid FROM pg_class WHERE relisshared AND relkind = 'r' (PostgreSQL 15)
  for (uint32_t shared : {1213u, 1214u, 1260u, 1261u, 1262u, 2396u, 2964u, 3592u, 6000u, 6100u, 6243u}) {
    if (oid == shared) return true;
  }
  return false;
}

}  // namespace kanto
