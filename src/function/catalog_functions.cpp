// Catalog information functions used by psql and drivers: pg_get_userbyid, pg_table_is_visible,
// pg_type_is_visible, format_type, pg_encoding_to_char, obj_description, col_description,
// shobj_description. They read
// the statement's catalog snapshot (FunctionContext::catalog), so they are never constant-folded.
#include <cctype>

#include "catalog/catalog.hpp"
#include "catalog/foreign_key_text.hpp"
#include "catalog/index_definition.hpp"
#include "catalog/object_acl.hpp"
#include "catalog/type_name_text.hpp"
#include "common/sql_text.hpp"
#include "kanto/error.hpp"
#include "parser/expression_pretty.hpp"
#include "catalog/system_catalog_constraints.hpp"
#include "catalog/system_catalog_oids.hpp"
#include "catalog/system_relations.hpp"
#include "function/cast_catalog.hpp"
#include "function/function.hpp"
#include "function/function_context.hpp"
#include "function/kernel_util.hpp"
#include "function/object_names.hpp"
#include "function/routine_catalog.hpp"
#include "function/view_definition.hpp"
#include "types/array.hpp"

namespace kanto {

namespace {

constexpr int64_t kKantoRoleOid = 10;

// format_type(type_oid, typmod): the type's SQL spelling, NULL for an unknown type.
Value FormatType(const std::vector<Value>& a, const FunctionContext& ctx) {
  int64_t oid = a[0].int_value();
  bool user_array = false;
  if (const TypeEntry* u = ctx.catalog ? ctx.catalog->FindTypeByOid(static_cast<uint32_t>(oid), &user_array) : nullptr) {
    return Value::Text(ctx.catalog->TypeOf(*u).ToString() + (user_array ? "[]" : ""));  // CREATE TYPE
  }
  for (uint8_t i = 0; i <= static_cast<uint8_t>(kLastTypeId); i++) {
    auto id = static_cast<TypeId>(i);
    if (id == TypeId::kArray || id == TypeId::kEnum) continue;
    LogicalType t(id);
    bool array = id != TypeId::kUnknown && LogicalType::ArrayOid(id) == oid;
    if (t.oid() != oid && !array) continue;
    int32_t typmod = a.size() > 1 && !a[1].is_null() ? static_cast<int32_t>(a[1].int_value()) : -1;
    if ((id == TypeId::kVarchar || id == TypeId::kChar) && typmod >= 4) t.mod1 = typmod - 4;
    if (id == TypeId::kInterval && typmod >= 0) t.mod1 = (typmod >> 16) & 0x7FFF;
    if ((id == TypeId::kTime || id == TypeId::kTimeTz) && typmod >= 0) t.mod1 = typmod;
    if (id == TypeId::kNumeric && typmod >= 4) {
      t.mod1 = ((typmod - 4) >> 16) & 0xffff;
      t.mod2 = (typmod - 4) & 0xffff;
    }
    // Without a typmod argument bpchar is spelled "character" (with typmod -1, "bpchar").
    if (id == TypeId::kChar && (a.size() < 2 || a[1].is_null())) return Value::Text(array ? "character[]" : "character");
    return Value::Text(array ? LogicalType::ArrayOf(t).ToString() : t.ToString());
  }
  return Value::Text(TypeOidName(static_cast<uint32_t>(oid)));
}

// pg_get_indexdef(index_oid): "CREATE UNIQUE INDEX name ON public.t USING btree (a, b DESC)";
// pg_get_indexdef(index_oid, n, pretty) with n > 0: the n-th column ("a", "lower(c)"; INCLUDE
// columns follow the key), "" past the last.
Value IndexDef(const std::vector<Value>& a, FunctionContext& ctx) {
  const IndexEntry* idx = nullptr;
  const TableEntry* t = ctx.catalog ? ctx.catalog->FindRelationById(static_cast<uint32_t>(a[0].int_value()), &idx) : nullptr;
  int64_t n = a.size() > 1 ? a[1].int_value() : 0;
  if (!t || !idx) {
    const SystemCatalogIndex* sys = FindSystemCatalogIndex(static_cast<uint32_t>(a[0].int_value()));
    if (!sys || SystemCatalogIndexKey(*sys).empty()) return Value::Null(T(TypeId::kText));
    return Value::Text(n <= 0 ? SystemCatalogIndexDefinition(*sys) : SystemCatalogIndexColumn(*sys, n));
  }
  if (n <= 0) return Value::Text(IndexDefinition(*ctx.catalog, *t, *idx));
  std::vector<std::string> names = IndexKeyNames(*t, *idx, /*bare=*/true);
  for (uint32_t c : idx->include) names.push_back(QuoteIdent(t->columns[c].name));
  return Value::Text(static_cast<size_t>(n) <= names.size() ? names[n - 1] : "");
}

std::string ColumnList(const TableEntry& t, const std::vector<uint32_t>& cols) {
  std::string out;
  for (size_t i = 0; i < cols.size(); i++) out += (i ? ", " : "") + QuoteIdent(t.columns[cols[i]].name);
  return out;
}

// "FOREIGN KEY (a) REFERENCES p(id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL (a) DEFERRABLE
// INITIALLY DEFERRED NOT VALID", with the clauses PostgreSQL leaves out when they are the default.
// The referenced table is qualified unless the search path finds it (as regclass prints it).
std::string ForeignKeyDef(const FunctionContext& ctx, const TableEntry& t, const ForeignKeyEntry& fk) {
  const Catalog& catalog = *ctx.catalog;
  const TableEntry* ref = catalog.GetTable(fk.ref_table);
  std::string ref_name = ref ? OidTypeToText(Value::FromInt(T(TypeId::kRegclass), ref->id), ctx) : "?";
  std::string out = "FOREIGN KEY (" + ColumnList(t, fk.columns) + ") REFERENCES " + ref_name + "(" +
                    (ref ? ColumnList(*ref, fk.ref_columns) : "") + ")";
  if (fk.match == ForeignKeyEntry::kMatchFull) out += " MATCH FULL";
  if (fk.on_update != ForeignKeyEntry::kNoAction) out += std::string(" ON UPDATE ") + ForeignKeyActionText(fk.on_update);
  if (fk.on_delete != ForeignKeyEntry::kNoAction) {
    out += std::string(" ON DELETE ") + ForeignKeyActionText(fk.on_delete);
    if (!fk.delete_set_columns.empty()) out += " (" + ColumnList(t, fk.delete_set_columns) + ")";
  }
  if (fk.deferrable) out += " DEFERRABLE";
  if (fk.initially_deferred) out += " INITIALLY DEFERRED";
  if (!fk.validated) out += " NOT VALID";
  return out;
}

// pg_get_constraintdef(constraint_oid [, pretty]): "PRIMARY KEY (id)", "UNIQUE NULLS NOT DISTINCT (a, b)",
// "CHECK ((a > 0)) NO INHERIT NOT VALID" (pretty: "CHECK (a > 0)", parser/expression_pretty.hpp).
Value ConstraintDef(const std::vector<Value>& a, FunctionContext& ctx) {
  if (!ctx.catalog) return Value::Null(T(TypeId::kText));
  uint32_t oid = static_cast<uint32_t>(a[0].int_value());
  const CheckEntry* check = nullptr;
  if (ctx.catalog->FindCheckById(oid, &check)) {
    bool pretty = a.size() > 1 && a[1].int_value();
    std::string expr = TypeNamesForSearchPath(check->expr_sql, *ctx.catalog, ctx.search_path);
    expr = "(" + (pretty ? PrettyExpressionText(expr) : expr) + ")";
    return Value::Text("CHECK " + expr + (check->no_inherit ? " NO INHERIT" : "") + (check->validated ? "" : " NOT VALID"));
  }
  const ForeignKeyEntry* fk = nullptr;
  if (const TableEntry* t = ctx.catalog->FindForeignKeyById(oid, &fk)) return Value::Text(ForeignKeyDef(ctx, *t, *fk));
  const IndexEntry* idx = nullptr;
  const TableEntry* t = ctx.catalog->FindRelationById(oid, &idx);
  if (!t || !idx) {
    const SystemCatalogIndex* sys = FindSystemCatalogIndex(oid, /*constraint=*/true);
    if (!sys || SystemCatalogIndexKey(*sys).empty()) return Value::Null(T(TypeId::kText));
    return Value::Text(SystemCatalogConstraintDefinition(*sys));
  }
  return Value::Text(std::string(idx->primary ? "PRIMARY KEY" : "UNIQUE") +
                     (idx->nulls_not_distinct ? " NULLS NOT DISTINCT" : "") + " (" + IndexColumnList(*t, *idx, false) + ")");
}

// A stored expression's regclass constants ('s'::regclass, as nextval's argument) printed for the
// session's search path, as PostgreSQL prints them from the OID: qualified unless the path finds
// the relation. A name stored unqualified is looked up in the path, then in the schema of the
// table the expression belongs to (`table_oid`); one that resolves to nothing is left as it is.
std::string QualifyRegclassConstants(const std::string& text, int64_t table_oid, const FunctionContext& ctx) {
  static const std::string kSuffix = "::regclass";
  const LogicalType regclass = T(TypeId::kRegclass);
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '\'') {
      out += text[i++];
      continue;
    }
    bool escaped = i > 0 && (text[i - 1] == 'E' || text[i - 1] == 'e');
    size_t start = i++;
    std::string value;
    while (i < text.size()) {
      if (escaped && text[i] == '\\' && i + 1 < text.size()) {
        value += text[i + 1];
        i += 2;
      } else if (text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        value += '\'';
        i += 2;
      } else if (text[i] == '\'') {
        break;
      } else {
        value += text[i++];
      }
    }
    if (i >= text.size()) return text;  // not the text of an expression: unchanged
    i++;                                // the closing quote
    if (escaped || !ctx.catalog || text.compare(i, kSuffix.size(), kSuffix) != 0) {
      out.append(text, start, i - start);
      continue;
    }
    int64_t oid = 0;
    try {
      oid = TextToOidType(value, regclass, ctx).int_value();
    } catch (const Error&) {
      const IndexEntry* idx = nullptr;
      const TableEntry* owner = ctx.catalog->FindRelationById(static_cast<uint32_t>(table_oid), &idx);
      const SchemaEntry* schema = owner ? ctx.catalog->GetSchema(owner->schema_id) : nullptr;
      if (schema && value.find('.') == std::string::npos) {
        try {
          oid = TextToOidType(QuoteIdent(schema->name) + "." + value, regclass, ctx).int_value();
        } catch (const Error&) {
          oid = 0;
        }
      }
    }
    out += oid ? QuoteLiteral(OidTypeToText(Value::FromInt(regclass, oid), ctx)) : text.substr(start, i - start);
  }
  return out;
}

}  // namespace

void RegisterCatalogFunctions(FunctionRegistry& r) {
  RegisterCastFunctions(r);
  const LogicalType kOid = T(TypeId::kOid), kText = T(TypeId::kText), kBool = T(TypeId::kBool), kInt4 = T(TypeId::kInt4);
  constexpr bool kStrict = true, kVolatile = true;
  const LogicalType kName = T(TypeId::kName);
  AddRowFunction(r, "pg_get_userbyid", {kOid}, kName, [kName](const std::vector<Value>& a, FunctionContext& ctx) {
    int64_t oid = a[0].int_value();
    const RoleEntry* role = ctx.catalog ? ctx.catalog->GetRole(static_cast<uint32_t>(oid)) : nullptr;
    return Value::FromString(kName, role ? role->name : "unknown (OID=" + std::to_string(oid) + ")");
  }, kStrict, kVolatile);
  // The ACL an object of a kind has while its own is NULL (PostgreSQL's acldefault("char", owner)):
  // pg_dump dumps the GRANTs and REVOKEs that turn it into the object's ACL.
  const LogicalType acl_array = LogicalType::ArrayOf(T(TypeId::kAclItem));
  AddRowFunction(r, "acldefault", {T(TypeId::kCharByte), kOid}, acl_array,
                 [acl_array](const std::vector<Value>& a, FunctionContext& ctx) {
    Acl acl;
    const std::string& kind = a[0].str_value();
    if (!DefaultAclOf(kind.empty() ? ' ' : kind[0], static_cast<uint32_t>(a[1].int_value()), &acl)) {
      throw Error(sqlstate::kInvalidParameterValue, "unrecognized object type abbreviation: " + kind);
    }
    std::vector<Value> items;
    for (const AclItem& item : acl) {
      items.push_back(Value::FromString(T(TypeId::kAclItem), ctx.catalog ? AclItemText(*ctx.catalog, item) : ""));
    }
    return MakeArrayValue(acl_array, items);
  }, kStrict);
  // Kanto has no triggers, so no OID names one: NULL, as PostgreSQL answers for an unknown trigger.
  for (auto args : {std::vector<LogicalType>{kOid}, std::vector<LogicalType>{kOid, kBool}}) {
    AddRowFunction(r, "pg_get_triggerdef", args, kText,
                   [](const std::vector<Value>&, FunctionContext&) { return Value::Null(T(TypeId::kText)); });
  }
  // Kanto has no partitions: a table is neither a partition nor partitioned, so it has no ancestors
  // (no rows, as PostgreSQL answers for such a table; psql's \d asks, for foreign keys). The binder
  // unnests this array (set-returning, planner/set_returning_functions.cpp).
  AddRowFunction(r, "pg_partition_ancestors", {T(TypeId::kRegclass)}, LogicalType::ArrayOf(T(TypeId::kRegclass)),
                 [](const std::vector<Value>&, FunctionContext&) {
                   return MakeArrayValue(LogicalType::ArrayOf(T(TypeId::kRegclass)), {});
                 }, kStrict);
  // Visible: the search path finds the relation by its unqualified name.
  AddRowFunction(r, "pg_table_is_visible", {kOid}, kBool, [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (!ctx.catalog) return Value::Bool(false);
    auto oid = static_cast<uint32_t>(a[0].int_value());
    if (const SequenceEntry* seq = ctx.catalog->GetSequence(oid)) {
      return Value::Bool(RelationIsVisible(*ctx.catalog, ctx.search_path, seq->schema_id, seq->name));
    }
    const IndexEntry* idx;
    const TableEntry* t = ctx.catalog->FindRelationById(oid, &idx);
    // pg_catalog is always searched (first, unless the path names it later); information_schema
    // only when the path names it.
    if (const SystemRelation* sys = t ? nullptr : FindSystemRelation(oid)) {
      if (sys->schema == "pg_catalog") return Value::Bool(true);
      for (const std::string& schema : ctx.search_path.entries) {
        if (schema == sys->schema) return Value::Bool(true);
      }
      return Value::Bool(false);
    }
    // A system catalog's index (pg_class_oid_index) is in pg_catalog too.
    if (!t && FindSystemCatalogIndex(oid) && !SystemCatalogIndexKey(*FindSystemCatalogIndex(oid)).empty()) {
      return Value::Bool(true);
    }
    if (!t) return Value::Null(T(TypeId::kBool));
    return Value::Bool(RelationIsVisible(*ctx.catalog, ctx.search_path, t->schema_id, idx ? idx->name : t->name));
  }, kStrict, kVolatile);
  AddRowFunction(r, "pg_type_is_visible", {kOid}, kBool,
                 [](const std::vector<Value>&, FunctionContext&) { return Value::Bool(true); }, kStrict, kVolatile);
  AddRowFunction(r, "format_type", {kOid, kInt4}, kText,
                 [](const std::vector<Value>& a, FunctionContext& ctx) { return FormatType(a, ctx); }, false, kVolatile);
  AddRowFunction(r, "pg_encoding_to_char", {kInt4}, kName, [kName](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromString(kName, a[0].int_value() == 6 ? "UTF8" : "");
  });
  // current_setting(name [, missing_ok]) and set_config(name, value, is_local): the session's
  // settings, as SHOW and SET see them.
  auto current_setting = [](const std::vector<Value>& a, FunctionContext& ctx) {
    std::string name = a[0].str_value();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value;
    if (ctx.settings && ctx.settings->Get(name, &value)) return Value::Text(value);
    if (a.size() > 1 && !a[1].is_null() && a[1].int_value()) return Value::Null(T(TypeId::kText));
    throw Error(sqlstate::kUndefinedObject, "unrecognized configuration parameter \"" + a[0].str_value() + "\"");
  };
  AddRowFunction(r, "current_setting", {kText}, kText, current_setting, kStrict, kVolatile);
  AddRowFunction(r, "current_setting", {kText, kBool}, kText, current_setting, kStrict, kVolatile);
  AddRowFunction(r, "set_config", {kText, kText, kBool}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (!ctx.settings) throw Error(sqlstate::kFeatureNotSupported, "set_config is not available here");
    std::string name = a[0].str_value();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return Value::Text(ctx.settings->Set(name, a[1].str_value(), a[2].int_value() != 0));
  }, false, kVolatile);
  // The built-in routines and operators (pg_proc, pg_operator), as psql's \df and \do show them.
  auto routine = [](const Value& oid) { return FindBuiltinRoutine(static_cast<uint32_t>(oid.int_value())); };
  auto arguments = [routine](const std::vector<Value>& a, FunctionContext&) {
    const RoutineEntry* fn = routine(a[0]);
    return fn ? Value::Text(RoutineArgumentsText(*fn)) : Value::Null(T(TypeId::kText));
  };
  AddRowFunction(r, "pg_get_function_arguments", {kOid}, kText, arguments);
  AddRowFunction(r, "pg_get_function_identity_arguments", {kOid}, kText, arguments);
  AddRowFunction(r, "pg_get_function_result", {kOid}, kText, [routine](const std::vector<Value>& a, FunctionContext&) {
    const RoutineEntry* fn = routine(a[0]);
    return fn ? Value::Text(RoutineResultText(*fn)) : Value::Null(T(TypeId::kText));
  });
  // pg_get_functiondef (psql's \sf): NULL for an OID that names no function, as PostgreSQL.
  AddRowFunction(r, "pg_get_functiondef", {kOid}, kText, [routine](const std::vector<Value>& a, FunctionContext&) {
    const RoutineEntry* fn = routine(a[0]);
    if (!fn) return Value::Null(T(TypeId::kText));
    if (fn->kind == 'a') throw Error(sqlstate::kWrongObjectType, "\"" + fn->name + "\" is an aggregate function");
    return Value::Text(RoutineDefinitionText(*fn));
  });
  // The body of a function written with a SQL-standard body (BEGIN ATOMIC ... END): Kanto's routines
  // are all built in, so NULL, as PostgreSQL answers for every other function (psql's \df+).
  AddRowFunction(r, "pg_get_function_sqlbody", {kOid}, kText,
                 [](const std::vector<Value>&, FunctionContext&) { return Value::Null(T(TypeId::kText)); });
  // Built-in routines and operators live in pg_catalog, which is always searched.
  AddRowFunction(r, "pg_function_is_visible", {kOid}, kBool, [routine](const std::vector<Value>& a, FunctionContext&) {
    return routine(a[0]) ? Value::Bool(true) : Value::Null(T(TypeId::kBool));
  });
  AddRowFunction(r, "pg_operator_is_visible", {kOid}, kBool, [](const std::vector<Value>& a, FunctionContext&) {
    return FindBuiltinOperator(static_cast<uint32_t>(a[0].int_value())) ? Value::Bool(true) : Value::Null(T(TypeId::kBool));
  });
  AddRowFunction(r, "pg_get_indexdef", {kOid}, kText, IndexDef, kStrict, kVolatile);
  AddRowFunction(r, "pg_get_indexdef", {kOid, kInt4, kBool}, kText, IndexDef, kStrict, kVolatile);
  AddRowFunction(r, "pg_get_constraintdef", {kOid}, kText, ConstraintDef, kStrict, kVolatile);
  AddRowFunction(r, "pg_get_constraintdef", {kOid, kBool}, kText, ConstraintDef, kStrict, kVolatile);
  // Expressions are stored as their SQL text (pg_attrdef.adbin), so they print as they are.
  // Pretty, without the parentheses precedence makes redundant (parser/expression_pretty.hpp).
  auto expr = [](const std::vector<Value>& a, FunctionContext& ctx) {
    std::string text = a.size() > 2 && a[2].int_value() ? PrettyExpressionText(a[0].str_value()) : a[0].str_value();
    text = QualifyRegclassConstants(text, a[1].int_value(), ctx);
    return Value::Text(ctx.catalog ? TypeNamesForSearchPath(text, *ctx.catalog, ctx.search_path) : text);
  };
  AddRowFunction(r, "pg_get_expr", {kText, kOid}, kText, expr);
  AddRowFunction(r, "pg_get_expr", {kText, kOid, kBool}, kText, expr);
  RegisterViewDefinitionFunctions(r);
  AddRowFunction(r, "pg_relation_is_publishable", {kOid}, kBool,
                 [](const std::vector<Value>&, FunctionContext&) { return Value::Bool(false); });
  AddRowFunction(r, "pg_get_statisticsobjdef_columns", {kOid}, kText,
                 [](const std::vector<Value>&, FunctionContext&) { return Value::Null(T(TypeId::kText)); });
  // Comments (COMMENT ON): obj_description(oid[, catalog]), col_description(table, attnum),
  // shobj_description(oid, catalog), as PostgreSQL's SQL functions over pg_description read them.
  auto comment = [](FunctionContext& ctx, int64_t class_oid, const Value& oid, int32_t sub_id) {
    // A built-in operator's description is PostgreSQL's (pg_description lists it too).
    if (class_oid == SystemCatalogOid("pg_operator") && sub_id == 0) {
      const OperatorEntry* op = FindBuiltinOperator(static_cast<uint32_t>(oid.int_value()));
      if (op && op->description) return Value::Text(op->description);
    }
    if (class_oid == SystemCatalogOid("pg_proc") && sub_id == 0) {
      const RoutineEntry* fn = FindBuiltinRoutine(static_cast<uint32_t>(oid.int_value()));
      if (fn && fn->description) return Value::Text(fn->description);
    }
    if (!ctx.catalog || class_oid <= 0) return Value::Null(T(TypeId::kText));
    const std::string* text = ctx.catalog->FindComment(
        {static_cast<uint32_t>(class_oid), static_cast<uint32_t>(oid.int_value()), sub_id});
    return text ? Value::Text(*text) : Value::Null(T(TypeId::kText));
  };
  // obj_description reads pg_description, shobj_description pg_shdescription (comments on roles).
  auto described = [comment](bool shared) {
    return [comment, shared](const std::vector<Value>& a, FunctionContext& ctx) {
      int64_t class_oid = SystemCatalogOid(a[1].str_value());
      if ((class_oid == kPgAuthidOid) != shared) return Value::Null(T(TypeId::kText));
      return comment(ctx, class_oid, a[0], 0);
    };
  };
  AddRowFunction(r, "obj_description", {kOid, kText}, kText, described(false), kStrict, kVolatile);
  AddRowFunction(r, "shobj_description", {kOid, kText}, kText, described(true), kStrict, kVolatile);
  AddRowFunction(r, "obj_description", {kOid}, kText, [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (ctx.catalog) {
      for (const CommentEntry& c : ctx.catalog->CommentsOf(static_cast<uint32_t>(a[0].int_value()))) {
        if (c.object.sub_id == 0) return Value::Text(c.text);
      }
    }
    return Value::Null(T(TypeId::kText));
  }, kStrict, kVolatile);
  AddRowFunction(r, "col_description", {kOid, kInt4}, kText, [comment](const std::vector<Value>& a, FunctionContext& ctx) {
    return comment(ctx, kPgClassOid, a[0], static_cast<int32_t>(a[1].int_value()));  // 0: the table's own
  }, kStrict, kVolatile);
}

}  // namespace kanto
