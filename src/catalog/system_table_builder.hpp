// Helpers for building the system tables (system_tables*.cpp): column types as PostgreSQL's
// catalogs declare them, in Kanto's types, and a row builder.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "catalog/system_tables.hpp"
#include "types/array.hpp"

namespace kanto::system_tables {

inline constexpr int64_t kKantoRoleOid = 10;
inline constexpr int64_t kKantoDatabaseOid = 16384 - 1;  // pg_database.oid of "kanto"

inline LogicalType Oid() { return LogicalType(TypeId::kOid); }
inline LogicalType Text() { return LogicalType(TypeId::kText); }
// name: the type of the catalogs' identifiers (relname, attname, ...) and of information_schema's
// sql_identifier columns (a domain over name, sent as name).
inline LogicalType Name() { return LogicalType(TypeId::kName); }
inline LogicalType Bool() { return LogicalType(TypeId::kBool); }
inline LogicalType Int2() { return LogicalType(TypeId::kInt2); }
inline LogicalType Int4() { return LogicalType(TypeId::kInt4); }
inline LogicalType Float4() { return LogicalType(TypeId::kFloat4); }
// aclitem[] and text[] option columns: always NULL (Kanto has no privileges or storage options).
inline LogicalType TextArray() { return LogicalType::ArrayOf(Text()); }
inline LogicalType Int2Array() { return LogicalType::ArrayOf(LogicalType(TypeId::kInt2)); }
inline LogicalType OidArray() { return LogicalType::ArrayOf(Oid()); }
inline LogicalType Regproc() { return LogicalType(TypeId::kRegproc); }
inline LogicalType Int2Vector() { return LogicalType(TypeId::kInt2Vector); }
// "char": the one-byte kind and flag columns (relkind, contype, attalign, ...).
inline LogicalType Char() { return LogicalType(TypeId::kCharByte); }
inline LogicalType OidVector() { return LogicalType(TypeId::kOidVector); }
inline LogicalType Xid() { return LogicalType(TypeId::kXid); }
// aclitem[]: the privilege columns (relacl, attacl, ...), NULL for the owner's default.
inline LogicalType AclArray() { return LogicalType::ArrayOf(LogicalType(TypeId::kAclItem)); }
inline Value AclArrayValue(const Catalog& catalog, const Acl& acl) {
  std::vector<Value> items;
  for (const AclItem& item : acl) items.push_back(Value::FromString(LogicalType(TypeId::kAclItem), AclItemText(catalog, item)));
  return MakeArrayValue(AclArray(), items);
}
// pg_node_tree: expression columns (adbin, conbin, indexprs), holding Kanto's SQL text.
inline LogicalType NodeTree() { return LogicalType(TypeId::kPgNodeTree); }

inline Value OidValue(int64_t v) { return Value::FromInt(Oid(), v); }
// An xid: Kanto's transaction number, cut to PostgreSQL's 32 bits.
inline Value XidValue(uint64_t v) { return Value::FromInt(Xid(), static_cast<int64_t>(v & 0xFFFFFFFFu)); }
inline Value NullText() { return Value::Null(Text()); }
inline Value Int2VectorValue(const std::vector<Value>& elements) {
  Value v = MakeArrayValue(Int2Array(), elements);
  v.set_type(Int2Vector());
  return v;
}
inline Value OidVectorValue(const std::vector<Value>& elements) {
  Value v = MakeArrayValue(OidArray(), elements);
  v.set_type(OidVector());
  return v;
}

class Builder {
 public:
  explicit Builder(SystemTable* out) : out_(out) {}
  Builder& Column(const std::string& name, LogicalType type) {
    out_->column_names.push_back(name);
    out_->column_types.push_back(type);
    return *this;
  }
  // Text values given for name, "char" and pg_node_tree columns take the column's type ("" is
  // "char"'s byte 0), oid values that of regproc and xid columns, and NULLs every column's.
  void Row(std::vector<Value> row) {
    if (out_->columns_only) return;
    for (size_t i = 0; i < row.size() && i < out_->column_types.size(); i++) {
      const LogicalType& column = out_->column_types[i];
      TypeId id = column.id;
      bool text = (id == TypeId::kName || id == TypeId::kCharByte || id == TypeId::kPgNodeTree) && row[i].type().IsString();
      bool oid = (column.IsOid() || id == TypeId::kXid) && row[i].type().id == TypeId::kOid;
      if (text || oid || row[i].is_null()) row[i].set_type(column);
    }
    out_->rows.push_back(std::move(row));
  }

 private:
  SystemTable* out_;
};

// The schema's name ("" for an id naming none).
std::string SchemaName(const Catalog& catalog, uint32_t id);
// pg_type.typname of a type: "int4", "_int4" for arrays.
std::string TypeName(const LogicalType& t);

// A system table computed from a catalog snapshot.
using Generator = std::function<void(const Catalog&, SystemTable*)>;
// pg_catalog's tables with fixed rows or none (system_tables_fixed.cpp).
const std::map<std::string, Generator>& FixedCatalogTables();
// pg_default_acl and pg_init_privs (system_tables_privileges.cpp).
const std::map<std::string, Generator>& PrivilegeCatalogTables();
// information_schema's description of a type (columns, routines, parameters, element_types):
// data_type, and the lengths, precisions and interval fields, NULL where they do not apply.
std::string StandardTypeName(const LogicalType& t);
struct TypeDescription {
  Value max_length = Value::Null(Int4());
  Value octet_length = Value::Null(Int4());
  Value precision = Value::Null(Int4());
  Value radix = Value::Null(Int4());
  Value scale = Value::Null(Int4());
  Value datetime_precision = Value::Null(Int4());
  Value interval_type = NullText();
};
TypeDescription DescribeType(const LogicalType& type);
// information_schema's routines, parameters and element_types (information_schema_routines.cpp).
void InfoRoutines(const Catalog& catalog, SystemTable* out);
void InfoParameters(const Catalog& catalog, SystemTable* out);
void InfoElementTypes(const Catalog& catalog, SystemTable* out);
// information_schema's tables by name (information_schema_tables.cpp).
const std::map<std::string, Generator>& InformationSchemaTables();

// pg_proc, pg_operator and pg_cast: the built-in routines, operators and casts
// (system_tables_functions.cpp).
void PgProc(SystemTable* out);
void PgOperator(SystemTable* out);
void PgCast(SystemTable* out);

}  // namespace kanto::system_tables
