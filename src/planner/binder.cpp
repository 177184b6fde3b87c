#include "planner/binder.hpp"

#include <algorithm>

#include "execution/expression_executor.hpp"
#include "common/sql_text.hpp"
#include "function/type_input.hpp"
#include "kanto/error.hpp"
#include "parser/parser.hpp"
#include "planner/expr_binder.hpp"
#include "planner/type_resolution.hpp"

namespace kanto {

BoundExprPtr CorrelationContext::Resolve(const std::vector<std::string>& names, int location) {
  BoundExprPtr outer = scope ? scope->Resolve(names, location, false) : nullptr;
  if (!outer && parent) outer = parent->Resolve(names, location);
  if (!outer) return nullptr;
  uint32_t slot = static_cast<uint32_t>(correlated.size());
  for (size_t i = 0; i < correlated.size(); i++) {
    if (correlated[i]->Equals(*outer)) slot = static_cast<uint32_t>(i);
  }
  auto ref = std::make_unique<BoundExpr>(BoundExprKind::kOuterRef, outer->type);
  ref->param = slot;
  ref->name = outer->name;
  if (slot == correlated.size()) correlated.push_back(std::move(outer));
  return ref;
}

BoundStatement Binder::Bind(const ast::Statement& stmt) {
  const ast::WithClause* with = nullptr;
  if (stmt.kind == ast::StmtKind::kInsert) with = static_cast<const ast::InsertStmt&>(stmt).with.get();
  if (stmt.kind == ast::StmtKind::kUpdate) with = static_cast<const ast::UpdateStmt&>(stmt).with.get();
  if (stmt.kind == ast::StmtKind::kDelete) with = static_cast<const ast::DeleteStmt&>(stmt).with.get();
  if (stmt.kind == ast::StmtKind::kMerge) with = static_cast<const ast::MergeStmt&>(stmt).with.get();
  CteScope outer;
  if (env_.outer_with) EnterWith(env_.outer_with, &outer);
  top_with_ = stmt.kind == ast::StmtKind::kSelect ? static_cast<const ast::SelectStmt&>(stmt).with.get() : with;
  CteScope scope;
  if (with) EnterWith(with, &scope);
  switch (stmt.kind) {
    case ast::StmtKind::kSelect:
      return BindSelectStatement(static_cast<const ast::SelectStmt&>(stmt));
    case ast::StmtKind::kInsert:
      return BindInsert(static_cast<const ast::InsertStmt&>(stmt));
    case ast::StmtKind::kUpdate:
      return BindUpdate(static_cast<const ast::UpdateStmt&>(stmt));
    case ast::StmtKind::kDelete:
      return BindDelete(static_cast<const ast::DeleteStmt&>(stmt));
    case ast::StmtKind::kMerge:
      return BindMerge(static_cast<const ast::MergeStmt&>(stmt));
    default:
      throw Error(sqlstate::kInternalError, "statement cannot be planned");
  }
}

BoundExprPtr Binder::BindStandaloneExpr(const ast::Expr& expr) {
  ExprBinder eb(*this, nullptr, nullptr, "DEFAULT expressions");
  return eb.Bind(expr);
}

namespace {
// (A record's mod1 is no modifier: it names the fields.)
bool SameTypeIgnoringMods(const LogicalType& a, const LogicalType& b) {
  // (An enum's definitions before and after ALTER TYPE ... ADD VALUE hold values alike.)
  if (a.HasDescriptor() && b.HasDescriptor() && UserTypeOid(a) != 0 && UserTypeOid(a) == UserTypeOid(b)) return true;
  if (a.id == TypeId::kRecord || b.elem == TypeId::kRecord) return a == b || (b.id == a.id && b.mod1 < 0);
  if (a.id == TypeId::kEnum || b.elem == TypeId::kEnum) return a == b || (b.id == a.id && b.mod1 < 0);
  return a.id == b.id;
}

// time(p) / timetz(p): the precision in mod1 (above 6 it is 6, as PostgreSQL warns and reduces it).
LogicalType TimeTypeName(const ast::TypeName& t, TypeId id) {
  if (t.mods.empty()) return LogicalType(id);
  if (t.mods.size() > 1) throw At(Error(sqlstate::kSyntaxError, "invalid type modifier"), t.location);
  const char* name = id == TypeId::kTime ? "TIME" : "TIME WITH TIME ZONE";
  if (t.mods[0] < 0) {
    throw At(Error(sqlstate::kInvalidParameterValue,
                   std::string(name) + "(" + std::to_string(t.mods[0]) + ") precision must not be negative"),
             t.location);
  }
  return LogicalType(id, std::min(t.mods[0], 6));
}

// Does converting a value of `from` to `to` change anything (length limits, numeric scale)?
bool NeedsTypmodCoercion(const LogicalType& from, const LogicalType& to) {
  if (to.mod1 < 0 || to.HasDescriptor()) return false;
  return from.mod1 != to.mod1 || from.mod2 != to.mod2;
}
}  // namespace

BoundExprPtr Binder::AsArray(BoundExprPtr e) {
  TypeId element = VectorElementType(e->type.id);
  if (element == TypeId::kUnknown) return e;
  return Coerce(std::move(e), LogicalType::ArrayOf(LogicalType(element)), CastContext::kImplicit);
}

BoundExprPtr Binder::Coerce(BoundExprPtr e, const LogicalType& target, CastContext ctx, int location) {
  if (e->type == target) return e;
  if (target.id == TypeId::kUnknown) return e;
  if (SameTypeIgnoringMods(e->type, target) && !NeedsTypmodCoercion(e->type, target)) {
    return e;
  }
  if (e->kind == BoundExprKind::kParam && env_.param_coercions) env_.param_coercions->push_back({e->param, target, ctx});
  if (e->kind == BoundExprKind::kParam && e->type.id == TypeId::kUnknown) {
    env_.param_types[e->param] = target;
    e->type = target;
    return e;
  }
  if (e->kind == BoundExprKind::kConstant && e->type.id == TypeId::kUnknown) {
    // Untyped literal: apply the target type's input function now (errors point at the literal).
    FunctionContext fallback;  // no session: reg* names still resolve against the catalog
    fallback.catalog = env_.catalog;
    const FunctionContext& fctx = env_.fn_ctx ? *env_.fn_ctx : fallback;
    if (e->value.is_null()) return MakeConstant(Value::Null(target));
    try {
      // (text input is the identity: the literal's string is shared, not copied)
      return MakeConstant(TypeInput(e->value.str_value(), target, ctx, fctx, &e->value));
    } catch (Error& err) {
      throw At(std::move(err), location);
    }
  }
  if (!CanCast(e->type, target, ctx)) {
    if (ctx == CastContext::kExplicit) {
      throw At(Error(sqlstate::kCannotCoerce, "cannot cast type " + e->type.ToString() + " to " + target.ToString()),
               location);
    }
    throw At(Error(sqlstate::kDatatypeMismatch,
                   "cannot convert type " + e->type.ToString() + " to " + target.ToString() + " implicitly"),
             location);
  }
  if (e->kind == BoundExprKind::kConstant) {
    FunctionContext fallback;  // no session: reg* names still resolve against the catalog
    fallback.catalog = env_.catalog;
    const FunctionContext& fctx = env_.fn_ctx ? *env_.fn_ctx : fallback;
    // Fold casts of constants that do not depend on the session (time zone dependent ones wait).
    bool tz_dependent = e->type.id == TypeId::kTimestampTz || target.id == TypeId::kTimestampTz ||
                        target.id == TypeId::kTimeTz;
    if (!tz_dependent || env_.fn_ctx) {
      try {
        Value v = CastValue(e->value, target, ctx, fctx);
        v.set_type(target);
        return MakeConstant(std::move(v));
      } catch (Error& err) {
        throw At(std::move(err), location);
      }
    }
  }
  return MakeCast(std::move(e), target, ctx);
}

LogicalType Binder::ResolveTypeName(const ast::TypeName& t) {
  if (t.array) {
    ast::TypeName element = t;
    element.array = false;
    std::string name = t.names.empty() ? "" : t.names.back();
    if (name == "serial" || name == "bigserial" || name == "smallserial" || name == "serial4" || name == "serial8") {
      throw At(Error(sqlstate::kFeatureNotSupported, "array of serial is not implemented"), t.location);
    }
    return LogicalType::ArrayOf(ResolveTypeName(element));
  }
  std::string name = t.names.empty() ? "" : t.names.back();
  if (t.names.size() > 1 && t.names[0] != "pg_catalog") {
    throw At(Error(sqlstate::kUndefinedObject, "type \"" + t.names[0] + "." + name + "\" does not exist"), t.location);
  }
  // PostgreSQL's internal names of array types: _int4 is int4[].
  static const char* kArrayElementNames[] = {"bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text",
                                             "varchar", "bpchar", "bytea", "date", "timestamp", "timestamptz",
                                             "interval", "time", "timetz", "oid", "regclass", "regtype", "regnamespace", "int2vector", "name", "json", "char",
                                             "regproc", "oidvector", "xid", "regprocedure", "regoper", "regoperator",
                                             "regrole", "aclitem"};
  for (const char* element : kArrayElementNames) {
    if (name.size() > 1 && name[0] == '_' && name.compare(1, std::string::npos, element) == 0) {
      ast::TypeName e = t;
      e.names.back() = element;
      e.array = true;
      return ResolveTypeName(e);
    }
  }
  auto no_mods = [&](TypeId id) {
    if (!t.mods.empty()) {
      throw At(Error(sqlstate::kSyntaxError, "type modifier is not allowed for type \"" + name + "\""), t.location);
    }
    return LogicalType(id);
  };
  auto length_type = [&](TypeId id, const char* pg_name) {
    if (t.mods.empty()) return LogicalType(id);
    if (t.mods.size() > 1) throw At(Error(sqlstate::kSyntaxError, "invalid type modifier"), t.location);
    if (t.mods[0] < 1) {
      throw At(Error(sqlstate::kInvalidParameterValue, std::string("length for type ") + pg_name + " must be at least 1"),
               t.location);
    }
    if (t.mods[0] > 10485760) {
      throw At(Error(sqlstate::kInvalidParameterValue,
                     std::string("length for type ") + pg_name + " cannot exceed 10485760"),
               t.location);
    }
    return LogicalType(id, t.mods[0]);
  };
  if (name == "int4" || name == "integer" || name == "int") return no_mods(TypeId::kInt4);
  if (name == "int2" || name == "smallint") return no_mods(TypeId::kInt2);
  if (name == "int8" || name == "bigint") return no_mods(TypeId::kInt8);
  if (name == "float4" || name == "real") return no_mods(TypeId::kFloat4);
  if (name == "float8") return no_mods(TypeId::kFloat8);
  if (name == "float") {
    if (t.mods.empty()) return LogicalType(TypeId::kFloat8);
    int p = t.mods[0];
    if (p < 1) throw At(Error(sqlstate::kInvalidParameterValue, "precision for type float must be at least 1 bit"), t.location);
    if (p > 53) throw At(Error(sqlstate::kInvalidParameterValue, "precision for type float must be less than 54 bits"), t.location);
    return LogicalType(p <= 24 ? TypeId::kFloat4 : TypeId::kFloat8);
  }
  if (name == "numeric" || name == "decimal") {
    if (t.mods.empty()) return LogicalType(TypeId::kNumeric);
    int p = t.mods[0];
    int s = t.mods.size() > 1 ? t.mods[1] : 0;
    if (t.mods.size() > 2) throw At(Error(sqlstate::kSyntaxError, "invalid NUMERIC type modifier"), t.location);
    if (p < 1 || p > 1000) {
      throw At(Error(sqlstate::kInvalidParameterValue,
                     "NUMERIC precision " + std::to_string(p) + " must be between 1 and 1000"),
               t.location);
    }
    if (s < -1000 || s > 1000) {
      throw At(Error(sqlstate::kInvalidParameterValue,
                     "NUMERIC scale " + std::to_string(s) + " must be between -1000 and 1000"),
               t.location);
    }
    return LogicalType(TypeId::kNumeric, p, s);
  }
  if (name == "text") return no_mods(TypeId::kText);
  if (name == "varchar") return length_type(TypeId::kVarchar, "varchar");
  // char and character arrive as bpchar; "char" (quoted) is the one-byte type.
  if (name == "bpchar" || name == "character") return length_type(TypeId::kChar, "char");
  if (name == "char") return no_mods(TypeId::kCharByte);
  if (name == "bytea") return no_mods(TypeId::kBytea);
  if (name == "bool" || name == "boolean") return no_mods(TypeId::kBool);
  if (name == "date") return no_mods(TypeId::kDate);
  if (name == "timestamp") return LogicalType(TypeId::kTimestamp);  // precision accepted, microseconds kept
  if (name == "timestamptz") return LogicalType(TypeId::kTimestampTz);
  // interval [fields] [(precision)]: mods[0] is PostgreSQL's field mask (YEAR, DAY TO SECOND, ...),
  // which decides how a bare number reads ('3' month) and which fields are kept.
  if (name == "interval") return LogicalType(TypeId::kInterval, t.mods.empty() ? -1 : t.mods[0]);
  if (name == "name") return no_mods(TypeId::kName);
  if (name == "oid") return no_mods(TypeId::kOid);
  if (name == "regclass") return no_mods(TypeId::kRegclass);
  if (name == "regtype") return no_mods(TypeId::kRegtype);
  if (name == "regnamespace") return no_mods(TypeId::kRegnamespace);
  if (name == "regproc") return no_mods(TypeId::kRegproc);
  if (name == "int2vector") return no_mods(TypeId::kInt2Vector);
  if (name == "oidvector") return no_mods(TypeId::kOidVector);
  if (name == "xid") return no_mods(TypeId::kXid);
  if (name == "regprocedure") return no_mods(TypeId::kRegprocedure);
  if (name == "regoper") return no_mods(TypeId::kRegoper);
  if (name == "regoperator") return no_mods(TypeId::kRegoperator);
  if (name == "regrole") return no_mods(TypeId::kRegrole);
  if (name == "aclitem") return no_mods(TypeId::kAclItem);
  if (name == "pg_node_tree") return no_mods(TypeId::kPgNodeTree);
  if (name == "json") return no_mods(TypeId::kJson);
  if (name == "jsonb") return no_mods(TypeId::kJsonb);
  if (name == "uuid") return no_mods(TypeId::kUuid);
  if (name == "time" || name == "timetz") return TimeTypeName(t, name == "time" ? TypeId::kTime : TypeId::kTimeTz);
  static const char* kUnsupported[] = {"money", "inet", "cidr",
                                       "macaddr", "xml", "point", "line", "box", "bit", "varbit",
                                       "tsvector", "tsquery", "int4range", "record", "jsonpath"};
  // (serial, bigserial and smallserial are no types outside a column definition: 42704 below)
  for (const char* u : kUnsupported) {
    if (name == u) {
      throw At(Error(sqlstate::kFeatureNotSupported, "type " + name + " is not supported yet"), t.location);
    }
  }
  throw At(Error(sqlstate::kUndefinedObject, "type \"" + name + "\" does not exist"), t.location);
}

const SearchPath& BinderEnv::search_path() const {
  static const SearchPath kDefault;
  if (view_path) return *view_path;
  return fn_ctx ? fn_ctx->search_path : kDefault;
}

const TableEntry* Binder::ResolveTable(const ast::RangeVar& rv) const {
  const TableEntry* t = FindTableRef(rv);
  int& lock = env_.relation_locks[t->id];
  lock = std::max(lock, 1);  // AccessShareLock
  return t;
}

const TableEntry* Binder::FindTableRef(const ast::RangeVar& rv) const {
  return LookupTable(*env_.catalog, env_.search_path(), rv.schema, rv.name, rv.location);
}

std::vector<RelationPermission> BinderEnv::RequiredPermissions() const {
  std::vector<RelationPermission> out = permissions;
  if (target_permission >= 0 && target_reads && *target_reads) out[target_permission].required |= kAclSelect;
  out.insert(out.end(), view_permissions.begin(), view_permissions.end());
  return out;
}

void Binder::RequirePermission(uint32_t relation_id, uint32_t required) const {
  auto& list = env_.view_depth > 0 ? env_.view_permissions : env_.permissions;
  list.push_back({relation_id, required, env_.check_as});
}

const TableEntry* Binder::ResolveTargetTable(const ast::RangeVar& rv, const char* verb) const {
  const TableEntry* t = ResolveTable(rv);
  std::string_view v = verb;
  uint32_t required = v == "insert into" || v == "copy to" ? kAclInsert
                      : v == "update"                  ? kAclUpdate
                      : v == "delete from"             ? kAclDelete
                      : v == "truncate"                ? kAclTruncate
                                                       : 0;
  env_.target_permission = static_cast<int>(env_.permissions.size());
  env_.target_reads = std::make_shared<bool>(false);
  RequirePermission(t->id, required);
  env_.relation_locks[t->id] = 3;  // RowExclusiveLock
  if (t->is_view()) {
    throw At(Error(sqlstate::kFeatureNotSupported, std::string("cannot ") + verb + " view \"" + t->name + "\"")
                 .WithDetail("Views are not automatically updatable in Kanto yet."),
             rv.location);
  }
  return t;
}

BoundExprPtr Binder::BindColumnDefault(const TableEntry& table, size_t column) {
  const ColumnEntry& col = table.columns[column];
  // A generated column's value is computed from the rest of the row when it is written.
  if (col.generated) return MakeConstant(Value::Null(col.type));
  // An identity column draws from its sequence (by OID: the sequence may be renamed).
  std::string sql = col.identity ? "nextval('" + std::to_string(col.identity_sequence) + "'::regclass)" : col.default_sql;
  if (sql.empty()) return MakeConstant(Value::Null(col.type));
  auto stmts = ParseSql("SELECT " + sql);
  const auto& select = static_cast<const ast::SelectStmt&>(*stmts.at(0));
  BoundExprPtr e = BindStandaloneExpr(*select.targets.at(0).expr);
  return Coerce(std::move(e), col.type, CastContext::kAssignment);
}

}  // namespace kanto
