// PostgreSQL 15's system catalog indexes (read from a PostgreSQL 15: pg_index joined with pg_class
// for the names and pg_constraint for the primary key / unique constraints, relnamespace 11) and the
// catalog columns whose attnotnull is not genbki's fixed-length rule.
#include "catalog/system_catalog_constraints.hpp"

#include <sstream>

#include "catalog/system_relations.hpp"

namespace kanto {

namespace {

constexpr SystemCatalogIndex kIndexes[] = {
    {827, "pg_default_acl_role_nsp_obj_index", 826, "defaclrole, defaclnamespace, defaclobjtype", 'u', 10200},
    {828, "pg_default_acl_oid_index", 826, "oid", 'p', 10201},
    {2697, "pg_tablespace_oid_index", 1213, "oid", 'p', 10171},
    {2698, "pg_tablespace_spcname_index", 1213, "spcname", 'u', 10172},
    {1232, "pg_shdepend_depender_index", 1214, "dbid, classid, objid, objsubid", ' ', 0},
    {1233, "pg_shdepend_reference_index", 1214, "refclassid, refobjid", ' ', 0},
    {2703, "pg_type_oid_index", 1247, "oid", 'p', 10117},
    {2704, "pg_type_typname_nsp_index", 1247, "typname, typnamespace", 'u', 10118},
    {2658, "pg_attribute_relid_attnam_index", 1249, "attrelid, attname", 'u', 10119},
    {2659, "pg_attribute_relid_attnum_index", 1249, "attrelid, attnum", 'p', 10120},
    {2690, "pg_proc_oid_index", 1255, "oid", 'p', 10115},
    {2691, "pg_proc_proname_args_nsp_index", 1255, "proname, proargtypes, pronamespace", 'u', 10116},
    {2662, "pg_class_oid_index", 1259, "oid", 'p', 10121},
    {2663, "pg_class_relname_nsp_index", 1259, "relname, relnamespace", 'u', 10122},
    {3455, "pg_class_tblspc_relfilenode_index", 1259, "reltablespace, relfilenode", ' ', 0},
    {2676, "pg_authid_rolname_index", 1260, "rolname", 'u', 10173},
    {2677, "pg_authid_oid_index", 1260, "oid", 'p', 10174},
    {2694, "pg_auth_members_role_member_index", 1261, "roleid, member", 'p', 10175},
    {2695, "pg_auth_members_member_role_index", 1261, "member, roleid", 'u', 10176},
    {2671, "pg_database_datname_index", 1262, "datname", 'u', 10168},
    {2672, "pg_database_oid_index", 1262, "oid", 'p', 10169},
    {113, "pg_foreign_server_oid_index", 1417, "oid", 'p', 10191},
    {549, "pg_foreign_server_name_index", 1417, "srvname", 'u', 10192},
    {174, "pg_user_mapping_oid_index", 1418, "oid", 'p', 10193},
    {175, "pg_user_mapping_user_server_index", 1418, "umuser, umserver", 'u', 10194},
    {5002, "pg_sequence_seqrelid_index", 2224, "seqrelid", 'p', 10214},
    {112, "pg_foreign_data_wrapper_oid_index", 2328, "oid", 'p', 10189},
    {548, "pg_foreign_data_wrapper_name_index", 2328, "fdwname", 'u', 10190},
    {2397, "pg_shdescription_o_c_index", 2396, "objoid, classoid", 'p', 10177},
    {2650, "pg_aggregate_fnoid_index", 2600, "aggfnoid", 'p', 10146},
    {2651, "pg_am_name_index", 2601, "amname", 'u', 10135},
    {2652, "pg_am_oid_index", 2601, "oid", 'p', 10136},
    {2653, "pg_amop_fam_strat_index", 2602, "amopfamily, amoplefttype, amoprighttype, amopstrategy", 'u', 10137},
    {2654, "pg_amop_opr_fam_index", 2602, "amopopr, amoppurpose, amopfamily", 'u', 10138},
    {2756, "pg_amop_oid_index", 2602, "oid", 'p', 10139},
    {2655, "pg_amproc_fam_proc_index", 2603, "amprocfamily, amproclefttype, amprocrighttype, amprocnum", 'u', 10140},
    {2757, "pg_amproc_oid_index", 2603, "oid", 'p', 10141},
    {2656, "pg_attrdef_adrelid_adnum_index", 2604, "adrelid, adnum", 'u', 10123},
    {2657, "pg_attrdef_oid_index", 2604, "oid", 'p', 10124},
    {2660, "pg_cast_oid_index", 2605, "oid", 'p', 10158},
    {2661, "pg_cast_source_target_index", 2605, "castsource, casttarget", 'u', 10159},
    {2579, "pg_constraint_conparentid_index", 2606, "conparentid", ' ', 0},
    {2664, "pg_constraint_conname_nsp_index", 2606, "conname, connamespace", ' ', 0},
    {2665, "pg_constraint_conrelid_contypid_conname_index", 2606, "conrelid, contypid, conname", 'u', 10125},
    {2666, "pg_constraint_contypid_index", 2606, "contypid", ' ', 0},
    {2667, "pg_constraint_oid_index", 2606, "oid", 'p', 10126},
    {2668, "pg_conversion_default_index", 2607, "connamespace, conforencoding, contoencoding, oid", 'u', 10165},
    {2669, "pg_conversion_name_nsp_index", 2607, "conname, connamespace", 'u', 10166},
    {2670, "pg_conversion_oid_index", 2607, "oid", 'p', 10167},
    {2673, "pg_depend_depender_index", 2608, "classid, objid, objsubid", ' ', 0},
    {2674, "pg_depend_reference_index", 2608, "refclassid, refobjid, refobjsubid", ' ', 0},
    {2675, "pg_description_o_c_o_index", 2609, "objoid, classoid, objsubid", 'p', 10157},
    {2678, "pg_index_indrelid_index", 2610, "indrelid", ' ', 0},
    {2679, "pg_index_indexrelid_index", 2610, "indexrelid", 'p', 10128},
    {2187, "pg_inherits_parent_index", 2611, "inhparent", ' ', 0},
    {2680, "pg_inherits_relid_seqno_index", 2611, "inhrelid, inhseqno", 'p', 10127},
    {2681, "pg_language_name_index", 2612, "lanname", 'u', 10142},
    {2682, "pg_language_oid_index", 2612, "oid", 'p', 10143},
    {2683, "pg_largeobject_loid_pn_index", 2613, "loid, pageno", 'p', 10145},
    {2684, "pg_namespace_nspname_index", 2615, "nspname", 'u', 10163},
    {2685, "pg_namespace_oid_index", 2615, "oid", 'p', 10164},
    {2686, "pg_opclass_am_name_nsp_index", 2616, "opcmethod, opcname, opcnamespace", 'u', 10133},
    {2687, "pg_opclass_oid_index", 2616, "oid", 'p', 10134},
    {2688, "pg_operator_oid_index", 2617, "oid", 'p', 10129},
    {2689, "pg_operator_oprname_l_r_n_index", 2617, "oprname, oprleft, oprright, oprnamespace", 'u', 10130},
    {2692, "pg_rewrite_oid_index", 2618, "oid", 'p', 10151},
    {2693, "pg_rewrite_rel_rulename_index", 2618, "ev_class, rulename", 'u', 10152},
    {2696, "pg_statistic_relid_att_inh_index", 2619, "starelid, staattnum, stainherit", 'p', 10147},
    {2699, "pg_trigger_tgconstraint_index", 2620, "tgconstraint", ' ', 0},
    {2701, "pg_trigger_tgrelid_tgname_index", 2620, "tgrelid, tgname", 'u', 10153},
    {2702, "pg_trigger_oid_index", 2620, "oid", 'p', 10154},
    {2754, "pg_opfamily_am_name_nsp_index", 2753, "opfmethod, opfname, opfnamespace", 'u', 10131},
    {2755, "pg_opfamily_oid_index", 2753, "oid", 'p', 10132},
    {2965, "pg_db_role_setting_databaseid_rol_index", 2964, "setdatabase, setrole", 'p', 10170},
    {2996, "pg_largeobject_metadata_oid_index", 2995, "oid", 'p', 10144},
    {3080, "pg_extension_oid_index", 3079, "oid", 'p', 10187},
    {3081, "pg_extension_name_index", 3079, "extname", 'u', 10188},
    {3119, "pg_foreign_table_relid_index", 3118, "ftrelid", 'p', 10195},
    {3257, "pg_policy_oid_index", 3256, "oid", 'p', 10196},
    {3258, "pg_policy_polrelid_polname_index", 3256, "polrelid, polname", 'u', 10197},
    {3351, "pg_partitioned_table_partrelid_index", 3350, "partrelid", 'p', 10209},
    {3379, "pg_statistic_ext_relid_index", 3381, "stxrelid", ' ', 0},
    {3380, "pg_statistic_ext_oid_index", 3381, "oid", 'p', 10148},
    {3997, "pg_statistic_ext_name_index", 3381, "stxname, stxnamespace", 'u', 10149},
    {3395, "pg_init_privs_o_c_o_index", 3394, "objoid, classoid, objsubid", 'p', 10202},
    {3433, "pg_statistic_ext_data_stxoid_inh_index", 3429, "stxoid, stxdinherit", 'p', 10150},
    {3085, "pg_collation_oid_index", 3456, "oid", 'p', 10206},
    {3164, "pg_collation_name_enc_nsp_index", 3456, "collname, collencoding, collnamespace", 'u', 10205},
    {3467, "pg_event_trigger_evtname_index", 3466, "evtname", 'u', 10155},
    {3468, "pg_event_trigger_oid_index", 3466, "oid", 'p', 10156},
    {3502, "pg_enum_oid_index", 3501, "oid", 'p', 10160},
    {3503, "pg_enum_typid_label_index", 3501, "enumtypid, enumlabel", 'u', 10161},
    {3534, "pg_enum_typid_sortorder_index", 3501, "enumtypid, enumsortorder", 'u', 10162},
    {2228, "pg_range_rngmultitypid_index", 3541, "rngmultitypid", 'u', 10211},
    {3542, "pg_range_rngtypid_index", 3541, "rngtypid", 'p', 10210},
    {3574, "pg_transform_oid_index", 3576, "oid", 'p', 10212},
    {3575, "pg_transform_type_lang_index", 3576, "trftype, trflang", 'u', 10213},
    {3593, "pg_shseclabel_object_index", 3592, "objoid, classoid, provider", 'p', 10204},
    {3597, "pg_seclabel_object_index", 3596, "objoid, classoid, objsubid, provider", 'p', 10203},
    {3604, "pg_ts_dict_dictname_index", 3600, "dictname, dictnamespace", 'u', 10181},
    {3605, "pg_ts_dict_oid_index", 3600, "oid", 'p', 10182},
    {3606, "pg_ts_parser_prsname_index", 3601, "prsname, prsnamespace", 'u', 10183},
    {3607, "pg_ts_parser_oid_index", 3601, "oid", 'p', 10184},
    {3608, "pg_ts_config_cfgname_index", 3602, "cfgname, cfgnamespace", 'u', 10178},
    {3712, "pg_ts_config_oid_index", 3602, "oid", 'p', 10179},
    {3609, "pg_ts_config_map_index", 3603, "mapcfg, maptokentype, mapseqno", 'p', 10180},
    {3766, "pg_ts_template_tmplname_index", 3764, "tmplname, tmplnamespace", 'u', 10185},
    {3767, "pg_ts_template_oid_index", 3764, "oid", 'p', 10186},
    {6001, "pg_replication_origin_roiident_index", 6000, "roident", 'p', 10198},
    {6002, "pg_replication_origin_roname_index", 6000, "roname", 'u', 10199},
    {6114, "pg_subscription_oid_index", 6100, "oid", 'p', 10221},
    {6115, "pg_subscription_subname_index", 6100, "subdbid, subname", 'u', 10222},
    {6117, "pg_subscription_rel_srrelid_srsubid_index", 6102, "srrelid, srsubid", 'p', 10223},
    {6110, "pg_publication_oid_index", 6104, "oid", 'p', 10215},
    {6111, "pg_publication_pubname_index", 6104, "pubname", 'u', 10216},
    {6112, "pg_publication_rel_oid_index", 6106, "oid", 'p', 10219},
    {6113, "pg_publication_rel_prrelid_prpubid_index", 6106, "prrelid, prpubid", 'u', 10220},
    {6116, "pg_publication_rel_prpubid_index", 6106, "prpubid", ' ', 0},
    {6238, "pg_publication_namespace_oid_index", 6237, "oid", 'p', 10217},
    {6239, "pg_publication_namespace_pnnspid_pnpubid_index", 6237, "pnnspid, pnpubid", 'u', 10218},
    {6246, "pg_parameter_acl_parname_index", 6243, "parname", 'u', 10207},
    {6247, "pg_parameter_acl_oid_index", 6243, "oid", 'p', 10208},
};

struct ForcedNullness {
  uint32_t table_oid;
  const char* column;
  bool not_null;
};

constexpr ForcedNullness kForcedNullness[] = {
    {826, "defaclacl", true},  // pg_default_acl
    {1255, "proargtypes", true},  // pg_proc
    {1255, "prosrc", true},  // pg_proc
    {1262, "datcollate", true},  // pg_database
    {1262, "datctype", true},  // pg_database
    {2396, "description", true},  // pg_shdescription
    {2604, "adbin", true},  // pg_attrdef
    {2609, "description", true},  // pg_description
    {2610, "indkey", true},  // pg_index
    {2610, "indcollation", true},  // pg_index
    {2610, "indclass", true},  // pg_index
    {2610, "indoption", true},  // pg_index
    {2613, "data", true},  // pg_largeobject
    {2618, "ev_qual", true},  // pg_rewrite
    {2618, "ev_action", true},  // pg_rewrite
    {2620, "tgattr", true},  // pg_trigger
    {2620, "tgargs", true},  // pg_trigger
    {3079, "extversion", true},  // pg_extension
    {3256, "polroles", true},  // pg_policy
    {3350, "partattrs", true},  // pg_partitioned_table
    {3350, "partclass", true},  // pg_partitioned_table
    {3350, "partcollation", true},  // pg_partitioned_table
    {3381, "stxkeys", true},  // pg_statistic_ext
    {3381, "stxkind", true},  // pg_statistic_ext
    {3394, "initprivs", true},  // pg_init_privs
    {3592, "provider", true},  // pg_shseclabel
    {3592, "label", true},  // pg_shseclabel
    {3596, "provider", true},  // pg_seclabel
    {3596, "label", true},  // pg_seclabel
    {6000, "roname", true},  // pg_replication_origin
    {6100, "subconninfo", true},  // pg_subscription
    {6100, "subsynccommit", true},  // pg_subscription
    {6100, "subpublications", true},  // pg_subscription
    {6102, "srsublsn", false},  // pg_subscription_rel
    {6243, "parname", true},  // pg_parameter_acl
};

std::vector<std::string> KeyColumns(const SystemCatalogIndex& index) {
  std::vector<std::string> out;
  std::stringstream in(index.columns);
  std::string name;
  while (std::getline(in, name, ',')) out.push_back(name.substr(name.find_first_not_of(' ')));
  return out;
}

}  // namespace

std::span<const SystemCatalogIndex> SystemCatalogIndexes() { return kIndexes; }

const SystemCatalogIndex* FindSystemCatalogIndex(uint32_t oid, bool constraint) {
  if (oid == 0) return nullptr;
  for (const SystemCatalogIndex& index : kIndexes) {
    if ((constraint ? index.constraint_oid : index.oid) == oid) return &index;
  }
  return nullptr;
}

std::vector<int16_t> SystemCatalogIndexKey(const SystemCatalogIndex& index) {
  const SystemRelation* rel = FindSystemRelation(index.table_oid);
  if (!rel || rel->view) return {};
  std::vector<int16_t> key;
  for (const std::string& column : KeyColumns(index)) {
    size_t i = 0;
    while (i < rel->column_names.size() && rel->column_names[i] != column) i++;
    if (i == rel->column_names.size()) return {};
    key.push_back(static_cast<int16_t>(i + 1));
  }
  return key;
}

std::vector<const SystemCatalogIndex*> ProvidedSystemCatalogIndexes() {
  static const auto* provided = [] {
    auto* out = new std::vector<const SystemCatalogIndex*>;
    for (const SystemCatalogIndex& index : kIndexes) {
      if (!SystemCatalogIndexKey(index).empty()) out->push_back(&index);
    }
    return out;
  }();
  return *provided;
}

const SystemCatalogIndex* FindProvidedSystemCatalogIndex(std::string_view name) {
  for (const SystemCatalogIndex* index : ProvidedSystemCatalogIndexes()) {
    if (name == index->name) return index;
  }
  return nullptr;
}

std::string SystemCatalogIndexDefinition(const SystemCatalogIndex& index) {
  const SystemRelation* rel = FindSystemRelation(index.table_oid);
  return std::string("CREATE ") + (index.constraint == ' ' ? "" : "UNIQUE ") + "INDEX " + index.name + " ON pg_catalog." +
         (rel ? rel->name : "?") + " USING btree (" + index.columns + ")";
}

std::string SystemCatalogConstraintDefinition(const SystemCatalogIndex& index) {
  return std::string(index.constraint == 'p' ? "PRIMARY KEY" : "UNIQUE") + " (" + index.columns + ")";
}

std::string SystemCatalogIndexColumn(const SystemCatalogIndex& index, int64_t n) {
  std::vector<std::string> columns = KeyColumns(index);
  return n >= 1 && static_cast<size_t>(n) <= columns.size() ? columns[n - 1] : "";
}

bool SystemCatalogColumnNotNull(uint32_t table_oid, std::string_view column, bool fixed_prefix) {
  for (const ForcedNullness& forced : kForcedNullness) {
    if (forced.table_oid == table_oid && column == forced.column) return forced.not_null;
  }
  return fixed_prefix;
}

}  // namespace kanto
