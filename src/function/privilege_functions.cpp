// Access privilege inquiry: has_table_privilege, has_column_privilege, has_any_column_privilege,
// has_sequence_privilege, has_schema_privilege, has_database_privilege, has_function_privilege and
// pg_has_role, in all of PostgreSQL's argument forms (the role by name or OID, or the current user;
// the object by name or OID), with PostgreSQL's errors for a missing role or object and for an
// unknown privilege name.
//
// Tables, views, sequences, columns, schemas and databases answer from their ACLs (catalog/acl.hpp,
// object_acl.hpp: own grants, PUBLIC's and those of roles whose privileges the role has); a column
// privilege is held through the table's or the column's ACL; databases answer from datacl.
// Functions have no ACLs yet (GRANT on them is 0A000), so for those every role holds EXECUTE and
// the answer for an existing function and a valid privilege is true. A role OID no role has has no privileges
// (false). pg_has_role answers from role membership (Catalog::IsMemberOf / HasPrivilegesOf /
// IsAdminOf).
#include <cctype>

#include "catalog/catalog.hpp"
#include "catalog/object_acl.hpp"
#include "common/sql_text.hpp"
#include "function/function.hpp"
#include "function/function_context.hpp"
#include "function/kernel_util.hpp"
#include "function/object_names.hpp"
#include "function/routine_catalog.hpp"
#include "kanto/error.hpp"

namespace kanto {

namespace {

const Catalog& CatalogOf(const FunctionContext& ctx) {
  if (!ctx.catalog) throw Error(sqlstate::kFeatureNotSupported, "privilege functions are not available here");
  return *ctx.catalog;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) b++;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) e--;
  return s.substr(b, e - b);
}

// Checks a privilege list ("SELECT, insert WITH GRANT OPTION"): comma-separated, each item
// trimmed and compared case-insensitively with `names` (each also valid with `grant_suffix`).
// Returns false when every item is one PostgreSQL accepts but never grants (`ignored`: RULE).
bool CheckPrivileges(const std::string& list, std::initializer_list<const char*> names,
                     std::initializer_list<const char*> suffixes = {" with grant option"},
                     std::initializer_list<const char*> ignored = {}) {
  bool any_real = false;
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    std::string item = Trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    std::string key = Lower(item);
    bool found = false;
    for (const char* n : names) {
      found = found || key == n;
      for (const char* s : suffixes) found = found || key == std::string(n) + s;
    }
    bool skipped = false;
    for (const char* n : ignored) {
      for (const char* s : suffixes) skipped = skipped || key == n || key == std::string(n) + s;
    }
    if (!found && !skipped) throw Error(sqlstate::kInvalidParameterValue, "unrecognized privilege type: \"" + item + "\"");
    any_real = any_real || found;
    if (comma == std::string::npos) return any_real;
    start = comma + 1;
  }
}

// The role a call asks about: true when it exists (or is PUBLIC). By name, a missing role is 42704.
bool RoleExists(const Catalog& catalog, const Value& role) {
  if (role.type().id == TypeId::kOid) return catalog.GetRole(static_cast<uint32_t>(role.int_value())) != nullptr;
  std::string name = role.str_value();
  if (name == "public" || catalog.FindRole(name)) return true;
  throw Error(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
}

// The privileges a list names ("SELECT, insert WITH GRANT OPTION") of those in `names` (bits
// `bits`), and in *options those asked WITH GRANT OPTION. (CheckPrivileges has validated it.)
uint32_t PrivilegeMask(const std::string& list, std::initializer_list<std::pair<const char*, uint32_t>> names,
                       uint32_t* options) {
  uint32_t mask = 0;
  *options = 0;
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    std::string key = Lower(Trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    for (const auto& [n, bit] : names) {
      if (key == n) mask |= bit;
      if (key == std::string(n) + " with grant option") *options |= bit;
    }
    if (comma == std::string::npos) return mask;
    start = comma + 1;
  }
}

// The role an inquiry asks about (null: the current user) as *id (kAclPublic for "public").
// False when every privilege is held (a superuser; an embedded database's user, which is no role).
// *id is UINT32_MAX for a role OID no role has (it holds nothing).
bool AskedRole(const FunctionContext& ctx, const Value* role, uint32_t* id) {
  const Catalog& catalog = CatalogOf(ctx);
  *id = kAclPublic;
  if (!role) {
    const RoleEntry* me = catalog.FindRole(ctx.current_user);
    if (!me) return false;
    *id = me->id;
  } else if (role->type().id == TypeId::kOid) {
    *id = static_cast<uint32_t>(role->int_value());
    if (!catalog.GetRole(*id)) *id = UINT32_MAX;
  } else if (const RoleEntry* r = catalog.FindRole(role->str_value())) {
    *id = r->id;
  }
  const RoleEntry* r = catalog.GetRole(*id);
  return !(r && r->superuser);
}

using PrivilegeNames = std::initializer_list<std::pair<const char*, uint32_t>>;
const PrivilegeNames kTableNames = {{"select", kAclSelect}, {"insert", kAclInsert}, {"update", kAclUpdate},
                                    {"delete", kAclDelete}, {"truncate", kAclTruncate},
                                    {"references", kAclReferences}, {"trigger", kAclTrigger}};
const PrivilegeNames kColumnNames = {{"select", kAclSelect}, {"insert", kAclInsert}, {"update", kAclUpdate},
                                     {"references", kAclReferences}};

// Whether role `id` holds any privilege `list` names (or, asked WITH GRANT OPTION, its option)
// through `acl`.
bool HoldsListed(const Catalog& catalog, const Acl& acl, uint32_t owner, uint32_t id, uint32_t all,
                 const std::string& list, PrivilegeNames names) {
  if (id == UINT32_MAX) return false;
  uint32_t options = 0, wanted_options = 0;
  uint32_t wanted = PrivilegeMask(list, names, &wanted_options);
  uint32_t held = AclMaskOf(catalog, acl, owner, id, all, &options);
  return (held & wanted) != 0 || (options & held & wanted_options) != 0;
}

// A relation's ACL as it stands and its owner: a table's or view's, or a sequence's. False for
// other relations (indexes), which hold no privileges of their own here.
bool RelationAcl(const Catalog& catalog, uint32_t oid, Acl* acl, uint32_t* owner, uint32_t* all) {
  if (const SequenceEntry* seq = catalog.GetSequence(oid)) {
    *acl = SequenceAcl(*seq);
    *owner = seq->owner;
    *all = kAclAllSequence;
    return true;
  }
  const IndexEntry* index = nullptr;
  const TableEntry* t = catalog.FindRelationById(oid, &index);
  if (!t || index) return false;
  *acl = TableAcl(t->acl, t->owner);
  *owner = t->owner;
  *all = kAclAllTable;
  return true;
}

// has_table_privilege (and has_sequence_privilege, with `names` its own) on relation `oid`.
bool HoldsRelationPrivilege(const FunctionContext& ctx, const Value* role, uint32_t oid, const std::string& list,
                            PrivilegeNames names) {
  const Catalog& catalog = CatalogOf(ctx);
  uint32_t id = 0, owner = 0, all = 0;
  Acl acl;
  if (!AskedRole(ctx, role, &id) || !RelationAcl(catalog, oid, &acl, &owner, &all)) return true;
  return HoldsListed(catalog, acl, owner, id, all, list, names);
}

// has_column_privilege: the privilege on the table, or on the column (`attnum` from 1).
bool HoldsColumnPrivilege(const FunctionContext& ctx, const Value* role, uint32_t oid, size_t attnum,
                          const std::string& list) {
  if (HoldsRelationPrivilege(ctx, role, oid, list, kColumnNames)) return true;
  const Catalog& catalog = CatalogOf(ctx);
  const IndexEntry* index = nullptr;
  const TableEntry* t = catalog.FindRelationById(oid, &index);
  if (!t || index || attnum < 1 || attnum > t->columns.size()) return false;
  const std::optional<Acl>& acl = t->columns[attnum - 1].acl;
  uint32_t id = 0;
  AskedRole(ctx, role, &id);
  return acl && HoldsListed(catalog, *acl, t->owner, id, kAclAllColumn, list, kColumnNames);
}

// has_any_column_privilege: the privilege on the table or on any of its columns.
bool HoldsAnyColumnPrivilege(const FunctionContext& ctx, const Value* role, uint32_t oid, const std::string& list) {
  if (HoldsRelationPrivilege(ctx, role, oid, list, kColumnNames)) return true;
  const IndexEntry* index = nullptr;
  const TableEntry* t = CatalogOf(ctx).FindRelationById(oid, &index);
  for (size_t c = 1; t && !index && c <= t->columns.size(); c++) {
    if (HoldsColumnPrivilege(ctx, role, oid, c, list)) return true;
  }
  return false;
}

// Objects by name (errors when missing) or by OID (nullopt when missing: the answer is NULL).
using Lookup = std::function<bool(const Value& object, const FunctionContext& ctx)>;

bool RelationExists(const Catalog& catalog, uint32_t oid) {
  const IndexEntry* idx = nullptr;
  return catalog.FindRelationById(oid, &idx) || catalog.GetSequence(oid);
}

uint32_t RelationByName(const Value& object, const FunctionContext& ctx) {
  return static_cast<uint32_t>(TextToOidType(object.str_value(), T(TypeId::kRegclass), ctx).int_value());
}

bool TableLookup(const Value& object, const FunctionContext& ctx) {
  if (object.type().id != TypeId::kOid) return RelationByName(object, ctx), true;
  return RelationExists(CatalogOf(ctx), static_cast<uint32_t>(object.int_value()));
}

bool SequenceLookup(const Value& object, const FunctionContext& ctx) {
  const Catalog& catalog = CatalogOf(ctx);
  uint32_t oid = object.type().id == TypeId::kOid ? static_cast<uint32_t>(object.int_value()) : RelationByName(object, ctx);
  if (catalog.GetSequence(oid)) return true;
  const IndexEntry* idx = nullptr;
  const TableEntry* t = catalog.FindRelationById(oid, &idx);
  if (!t) return false;
  throw Error(sqlstate::kWrongObjectType, "\"" + (idx ? idx->name : t->name) + "\" is not a sequence");
}

bool SchemaLookup(const Value& object, const FunctionContext& ctx) {
  const Catalog& catalog = CatalogOf(ctx);
  if (object.type().id == TypeId::kOid) return catalog.GetSchema(static_cast<uint32_t>(object.int_value())) != nullptr;
  if (catalog.FindSchema(object.str_value())) return true;
  throw Error(sqlstate::kInvalidSchemaName, "schema \"" + object.str_value() + "\" does not exist");
}

bool DatabaseLookup(const Value& object, const FunctionContext& ctx) {
  bool by_oid = object.type().id == TypeId::kOid;
  for (const DatabaseEntry* d : CatalogOf(ctx).Databases()) {
    if (by_oid ? d->id == static_cast<uint32_t>(object.int_value()) : d->name == object.str_value()) return true;
  }
  if (by_oid) return false;
  throw Error(sqlstate::kInvalidCatalogName, "database \"" + object.str_value() + "\" does not exist");
}

// A function by OID, or by its signature as regprocedure reads it: "name(type, ...)".
bool FunctionLookup(const Value& object, const FunctionContext& ctx) {
  if (object.type().id == TypeId::kOid) return FindBuiltinRoutine(static_cast<uint32_t>(object.int_value())) != nullptr;
  const std::string text = object.str_value();
  size_t open = text.find('(');
  if (open == std::string::npos) throw Error(sqlstate::kInvalidTextRepresentation, "expected a left parenthesis");
  size_t close = text.rfind(')');
  if (close == std::string::npos || close < open || !Trim(text.substr(close + 1)).empty()) {
    throw Error(sqlstate::kInvalidTextRepresentation, "expected a right parenthesis");
  }
  std::string name = Trim(text.substr(0, open));
  std::string schema;
  if (size_t dot = name.rfind('.'); dot != std::string::npos) {
    schema = Lower(Trim(name.substr(0, dot)));
    name = Trim(name.substr(dot + 1));
  }
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
  } else {
    name = Lower(name);
  }
  std::vector<uint32_t> args;
  std::string list = Trim(text.substr(open + 1, close - open - 1));
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= list.size() && !list.empty(); i++) {
    if (i < list.size() && list[i] == '(') depth++;
    if (i < list.size() && list[i] == ')') depth--;
    if (i == list.size() || (list[i] == ',' && depth == 0)) {
      args.push_back(static_cast<uint32_t>(
          TextToOidType(Trim(list.substr(start, i - start)), T(TypeId::kRegtype), ctx).int_value()));
      start = i + 1;
    }
  }
  if (schema.empty() || schema == "pg_catalog") {
    for (const RoutineEntry& r : BuiltinRoutines()) {
      if (r.name == name && r.arg_types == args) return true;
    }
  }
  throw Error(sqlstate::kUndefinedFunction, "function \"" + text + "\" does not exist");
}

// One inquiry function in its forms: (object, privilege) for the current user, (role name, ...)
// and (role OID, ...), each with the object by name (`name_type`) and by OID.
// `holds` (when given) answers for an existing object from its ACL.
using Holds = std::function<bool(const FunctionContext&, const Value* role, const Value& object, const std::string&)>;
void AddInquiry(FunctionRegistry& r, const std::string& fname, const LogicalType& name_type, Lookup lookup,
                std::function<bool(const std::string&)> check, Holds holds = nullptr) {
  const LogicalType kName = T(TypeId::kName), kOid = T(TypeId::kOid), kText = T(TypeId::kText), kBool = T(TypeId::kBool);
  constexpr bool kStrict = true, kVolatile = true;
  auto answer = [lookup, check, holds](const Value* role, const Value& object, const Value& privilege, FunctionContext& ctx) {
    const Catalog& catalog = CatalogOf(ctx);
    bool role_exists = role ? RoleExists(catalog, *role) : true;
    bool by_oid = object.type().id == TypeId::kOid;
    bool exists = by_oid ? true : lookup(object, ctx);
    bool granted = check(privilege.str_value());
    if (by_oid) exists = lookup(object, ctx);
    if (!exists) return Value::Null(T(TypeId::kBool));
    if (role_exists && granted && holds) granted = holds(ctx, role, object, privilege.str_value());
    return Value::Bool(role_exists && granted);
  };
  for (const LogicalType& object : {name_type, kOid}) {
    AddRowFunction(r, fname, {object, kText}, kBool, [answer](const std::vector<Value>& a, FunctionContext& ctx) {
      return answer(nullptr, a[0], a[1], ctx);
    }, kStrict, kVolatile);
    for (const LogicalType& role : {kName, kOid}) {
      AddRowFunction(r, fname, {role, object, kText}, kBool, [answer](const std::vector<Value>& a, FunctionContext& ctx) {
        return answer(&a[0], a[1], a[2], ctx);
      }, kStrict, kVolatile);
    }
  }
}

// has_column_privilege's column: by name (42703 when missing) or by attnum (NULL when missing).
// Returns false for a missing column given by number.
bool ColumnExists(const FunctionContext& ctx, uint32_t table_oid, const Value& column) {
  const IndexEntry* idx = nullptr;
  const TableEntry* t = CatalogOf(ctx).FindRelationById(table_oid, &idx);
  if (column.type().id == TypeId::kInt2) {
    int64_t attnum = column.int_value();
    return t && !idx && attnum >= 1 && static_cast<size_t>(attnum) <= t->columns.size();
  }
  if (t && !idx) {
    for (const auto& c : t->columns) {
      if (c.name == column.str_value()) return true;
    }
  }
  throw Error(sqlstate::kUndefinedColumn, "column \"" + column.str_value() + "\" of relation \"" +
                                              (t ? (idx ? idx->name : t->name) : std::to_string(table_oid)) +
                                              "\" does not exist");
}

void AddColumnInquiry(FunctionRegistry& r) {
  const LogicalType kName = T(TypeId::kName), kOid = T(TypeId::kOid), kText = T(TypeId::kText), kBool = T(TypeId::kBool),
                    kInt2 = T(TypeId::kInt2);
  constexpr bool kStrict = true, kVolatile = true;
  auto answer = [](const Value* role, const Value& table, const Value& column, const Value& privilege,
                   FunctionContext& ctx) {
    const Catalog& catalog = CatalogOf(ctx);
    bool role_exists = role ? RoleExists(catalog, *role) : true;
    uint32_t oid = table.type().id == TypeId::kOid ? static_cast<uint32_t>(table.int_value()) : RelationByName(table, ctx);
    bool exists = RelationExists(catalog, oid);
    if (!exists && column.type().id != TypeId::kInt2 && table.type().id == TypeId::kOid) {
      CheckPrivileges(privilege.str_value(), {"select", "insert", "update", "references"});
      return Value::Null(T(TypeId::kBool));
    }
    exists = exists && ColumnExists(ctx, oid, column);
    bool granted = CheckPrivileges(privilege.str_value(), {"select", "insert", "update", "references"});
    if (!exists) return Value::Null(T(TypeId::kBool));
    size_t attnum = 0;
    if (column.type().id == TypeId::kInt2) {
      attnum = static_cast<size_t>(column.int_value());
    } else if (const TableEntry* t = catalog.GetTable(oid)) {
      attnum = static_cast<size_t>(t->FindColumn(column.str_value()) + 1);
    }
    if (role_exists && granted) granted = HoldsColumnPrivilege(ctx, role, oid, attnum, privilege.str_value());
    return Value::Bool(role_exists && granted);
  };
  for (const LogicalType& table : {kText, kOid}) {
    for (const LogicalType& column : {kText, kInt2}) {
      AddRowFunction(r, "has_column_privilege", {table, column, kText}, kBool,
                     [answer](const std::vector<Value>& a, FunctionContext& ctx) { return answer(nullptr, a[0], a[1], a[2], ctx); },
                     kStrict, kVolatile);
      for (const LogicalType& role : {kName, kOid}) {
        AddRowFunction(r, "has_column_privilege", {role, table, column, kText}, kBool,
                       [answer](const std::vector<Value>& a, FunctionContext& ctx) { return answer(&a[0], a[1], a[2], a[3], ctx); },
                       kStrict, kVolatile);
      }
    }
  }
}

// pg_has_role(role, privilege) and (user, role, privilege): MEMBER is membership, USAGE the use of
// the role's privileges (INHERIT), ... WITH ADMIN OPTION the right to grant it.
void AddRoleInquiry(FunctionRegistry& r) {
  const LogicalType kName = T(TypeId::kName), kOid = T(TypeId::kOid), kText = T(TypeId::kText), kBool = T(TypeId::kBool);
  constexpr bool kStrict = true, kVolatile = true;
  auto role_of = [](const Catalog& catalog, const Value& v) -> const RoleEntry* {
    if (v.type().id == TypeId::kOid) return catalog.GetRole(static_cast<uint32_t>(v.int_value()));
    const RoleEntry* role = catalog.FindRole(v.str_value());
    if (!role) throw Error(sqlstate::kUndefinedObject, "role \"" + v.str_value() + "\" does not exist");
    return role;
  };
  auto answer = [role_of](const Value* user, const Value& role, const Value& privilege, FunctionContext& ctx) {
    const Catalog& catalog = CatalogOf(ctx);
    const RoleEntry* member = user ? role_of(catalog, *user) : catalog.FindRole(ctx.current_user);
    const RoleEntry* target = role_of(catalog, role);
    const std::string& list = privilege.str_value();
    CheckPrivileges(list, {"usage", "member"}, {" with grant option", " with admin option"});
    if (!member || !target) return Value::Bool(false);
    // As PostgreSQL's pg_has_role_aclcheck: any privilege named that the user has.
    size_t start = 0;
    while (true) {
      size_t comma = list.find(',', start);
      std::string item = Lower(Trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
      bool ok = item.find(" with ") != std::string::npos ? catalog.IsAdminOf(member->id, target->id)
                : item == "member"                     ? catalog.IsMemberOf(member->id, target->id)
                                                       : catalog.HasPrivilegesOf(member->id, target->id);
      if (ok) return Value::Bool(true);
      if (comma == std::string::npos) return Value::Bool(false);
      start = comma + 1;
    }
  };
  for (const LogicalType& role : {kName, kOid}) {
    AddRowFunction(r, "pg_has_role", {role, kText}, kBool, [answer](const std::vector<Value>& a, FunctionContext& ctx) {
      return answer(nullptr, a[0], a[1], ctx);
    }, kStrict, kVolatile);
    for (const LogicalType& user : {kName, kOid}) {
      AddRowFunction(r, "pg_has_role", {user, role, kText}, kBool, [answer](const std::vector<Value>& a, FunctionContext& ctx) {
        return answer(&a[0], a[1], a[2], ctx);
      }, kStrict, kVolatile);
    }
  }
}

}  // namespace

void RegisterPrivilegeFunctions(FunctionRegistry& r) {
  const LogicalType kText = T(TypeId::kText);
  AddInquiry(r, "has_table_privilege", kText, TableLookup, [](const std::string& p) {
    return CheckPrivileges(p, {"select", "insert", "update", "delete", "truncate", "references", "trigger"},
                           {" with grant option"}, {"rule"});
  }, [](const FunctionContext& ctx, const Value* role, const Value& object, const std::string& list) {
    uint32_t oid = object.type().id == TypeId::kOid ? static_cast<uint32_t>(object.int_value()) : RelationByName(object, ctx);
    return HoldsRelationPrivilege(ctx, role, oid, list, kTableNames);
  });
  AddColumnInquiry(r);
  AddInquiry(r, "has_any_column_privilege", kText, TableLookup, [](const std::string& p) {
    return CheckPrivileges(p, {"select", "insert", "update", "references"});
  }, [](const FunctionContext& ctx, const Value* role, const Value& object, const std::string& list) {
    uint32_t oid = object.type().id == TypeId::kOid ? static_cast<uint32_t>(object.int_value()) : RelationByName(object, ctx);
    return HoldsAnyColumnPrivilege(ctx, role, oid, list);
  });
  AddInquiry(r, "has_sequence_privilege", kText, SequenceLookup,
             [](const std::string& p) { return CheckPrivileges(p, {"usage", "select", "update"}); },
             [](const FunctionContext& ctx, const Value* role, const Value& object, const std::string& list) {
               uint32_t oid = object.type().id == TypeId::kOid ? static_cast<uint32_t>(object.int_value())
                                                              : RelationByName(object, ctx);
               return HoldsRelationPrivilege(ctx, role, oid, list,
                                             {{"usage", kAclUsage}, {"select", kAclSelect}, {"update", kAclUpdate}});
             });
  AddInquiry(r, "has_schema_privilege", kText, SchemaLookup,
             [](const std::string& p) { return CheckPrivileges(p, {"create", "usage"}); },
             [](const FunctionContext& ctx, const Value* role, const Value& object, const std::string& list) {
               const Catalog& catalog = CatalogOf(ctx);
               const SchemaEntry* s = object.type().id == TypeId::kOid
                                          ? catalog.GetSchema(static_cast<uint32_t>(object.int_value()))
                                          : catalog.FindSchema(object.str_value());
               uint32_t id = 0;
               if (!s || !AskedRole(ctx, role, &id)) return true;
               return HoldsListed(catalog, SchemaAcl(catalog, *s), SchemaOwnerId(catalog, *s), id, kAclAllSchema, list,
                                  {{"create", kAclCreate}, {"usage", kAclUsage}});
             });
  AddInquiry(r, "has_database_privilege", kText, DatabaseLookup,
             [](const std::string& p) { return CheckPrivileges(p, {"create", "connect", "temporary", "temp"}); },
             [](const FunctionContext& ctx, const Value* role, const Value& object, const std::string& list) {
               const Catalog& catalog = CatalogOf(ctx);
               const DatabaseEntry* db = nullptr;
               for (const DatabaseEntry* d : catalog.Databases()) {
                 bool match = object.type().id == TypeId::kOid ? d->id == static_cast<uint32_t>(object.int_value())
                                                               : d->name == object.str_value();
                 if (match) db = d;
               }
               uint32_t id = 0;
               if (!db || !AskedRole(ctx, role, &id)) return true;
               return HoldsListed(catalog, DatabaseAcl(*db), db->owner, id, kAclAllDatabase, list,
                                  {{"create", kAclCreate}, {"connect", kAclConnect}, {"temporary", kAclTemporary},
                                   {"temp", kAclTemporary}});
             });
  AddInquiry(r, "has_function_privilege", kText, FunctionLookup,
             [](const std::string& p) { return CheckPrivileges(p, {"execute"}); });
  AddRoleInquiry(r);
}

}  // namespace kanto
