// The catalog's stored records: the byte encoding of each catalog object (tables with their columns,
// indexes and constraints; schemas, sequences, roles, databases, dependencies) as RocksDB holds it,
// with the record versions older data directories still read (docs/storage-format.md).
#include <array>
#include <cstring>

#include "catalog/catalog.hpp"
#include "common/binary_io.hpp"
#include "types/enum_type.hpp"
#include "types/record.hpp"

namespace kanto {

namespace {
// 2 added view_sql, 3 index constraint flags, 4 identity and missing values, 5 CHECK constraints and
// NULLS NOT DISTINCT
constexpr uint8_t kTableRecordVersion = 10;

// The code a catalog record stores for a type. The codes are fixed once a type has one: TypeId's
// order may change (a new type inserted beside its kin), a stored code never changes meaning. A
// new type takes the next free code here (docs/storage-format.md lists them).
uint8_t StoredTypeCode(TypeId id) {
  switch (id) {
    case TypeId::kUnknown: return 0;
    case TypeId::kBool: return 1;
    case TypeId::kInt2: return 2;
    case TypeId::kInt4: return 3;
    case TypeId::kInt8: return 4;
    case TypeId::kFloat4: return 5;
    case TypeId::kFloat8: return 6;
    case TypeId::kNumeric: return 7;
    case TypeId::kText: return 8;
    case TypeId::kVarchar: return 9;
    case TypeId::kChar: return 10;
    case TypeId::kBytea: return 11;
    case TypeId::kDate: return 12;
    case TypeId::kTimestamp: return 13;
    case TypeId::kTimestampTz: return 14;
    case TypeId::kInterval: return 15;
    case TypeId::kArray: return 16;
    case TypeId::kOid: return 17;
    case TypeId::kRegclass: return 18;
    case TypeId::kRegtype: return 19;
    case TypeId::kRegnamespace: return 20;
    case TypeId::kRegproc: return 21;
    case TypeId::kInt2Vector: return 22;
    case TypeId::kName: return 23;
    case TypeId::kJson: return 24;
    case TypeId::kRecord: return 25;
    case TypeId::kCharByte: return 26;
    case TypeId::kJsonb: return 27;
    case TypeId::kOidVector: return 28;
    case TypeId::kXid: return 29;
    case TypeId::kRegprocedure: return 30;
    case TypeId::kRegoper: return 31;
    case TypeId::kRegoperator: return 32;
    case TypeId::kRegrole: return 33;
    case TypeId::kAclItem: return 34;
    case TypeId::kPgNodeTree: return 35;
    case TypeId::kEnum: return 36;
    case TypeId::kUuid: return 37;
    case TypeId::kTime: return 38;
    case TypeId::kTimeTz: return 39;
  }
  throw Error(sqlstate::kInternalError, "type " + std::to_string(static_cast<int>(id)) + " has no stored type code");
}

// The TypeId of each stored code (kLastTypeId + 1: none).
const std::array<TypeId, 256>& TypesByStoredCode() {
  static const std::array<TypeId, 256> table = [] {
    std::array<TypeId, 256> t;
    t.fill(static_cast<TypeId>(static_cast<int>(kLastTypeId) + 1));
    for (int i = 0; i <= static_cast<int>(kLastTypeId); i++) t[StoredTypeCode(static_cast<TypeId>(i))] = static_cast<TypeId>(i);
    return t;
  }();
  return table;
}

bool TypeFromStoredCode(uint8_t code, TypeId* out) {
  TypeId id = TypesByStoredCode()[code];
  if (static_cast<int>(id) > static_cast<int>(kLastTypeId)) return false;
  *out = id;
  return true;
}

void WriteDouble(BinaryWriter& w, double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  w.U64(bits);
}
double ReadDouble(BinaryReader& r) {
  uint64_t bits = r.U64();
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

// An ACL (GRANT / REVOKE): a flag (none: the owner's default), then its items.
void WriteAcl(BinaryWriter& w, const std::optional<Acl>& acl) {
  w.Bool(acl.has_value());
  if (!acl) return;
  w.U32(static_cast<uint32_t>(acl->size()));
  for (const AclItem& item : *acl) {
    w.U32(item.grantee);
    w.U32(item.grantor);
    w.U32(item.privileges);
    w.U32(item.grant_options);
  }
}

std::optional<Acl> ReadAcl(BinaryReader& r) {
  if (!r.Bool()) return std::nullopt;
  uint32_t n = r.U32();
  if (n > (1u << 16)) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad ACL");
  Acl acl(n);
  for (AclItem& item : acl) {
    item.grantee = r.U32();
    item.grantor = r.U32();
    item.privileges = r.U32();
    item.grant_options = r.U32();
  }
  return acl;
}

void WriteEnumLabels(BinaryWriter& w, const std::vector<EnumLabel>& labels) {
  w.U32(static_cast<uint32_t>(labels.size()));
  for (const EnumLabel& l : labels) {
    w.U32(l.oid);
    WriteDouble(w, l.sort_order);
    w.Str(l.label);
  }
}
std::vector<EnumLabel> ReadEnumLabels(BinaryReader& r) {
  std::vector<EnumLabel> labels(r.U32());
  for (EnumLabel& l : labels) {
    l.oid = r.U32();
    l.sort_order = ReadDouble(r);
    l.label = r.Str();
  }
  return labels;
}

// A record type (or an array of one) is followed by its whole description (types/record.hpp),
// since the type's mod1 is only an id within this process.
void WriteType(BinaryWriter& w, const LogicalType& t) {
  w.U8(StoredTypeCode(t.id));
  w.I32(t.mod1);
  w.I32(t.mod2);
  if (t.id == TypeId::kArray) w.U8(StoredTypeCode(t.elem));
  LogicalType base = t.IsArray() ? t.ElementType() : t;
  if (IsKnownRecord(base)) {
    const RecordType& rec = RecordTypeOf(base);
    w.U32(rec.oid);
    w.U32(rec.array_oid);
    w.U32(rec.relid);
    w.Str(rec.name);
    w.U32(static_cast<uint32_t>(rec.fields.size()));
    for (const RecordField& f : rec.fields) {
      w.Str(f.name);
      WriteType(w, f.type);
    }
  }
  if (IsKnownEnum(base)) {  // an enum (or an array of one) is followed by its definition
    const EnumType& e = EnumTypeOf(base);
    w.U32(e.oid);
    w.U32(e.array_oid);
    w.Str(e.name);
    WriteEnumLabels(w, e.labels);
  }
}

LogicalType ReadType(BinaryReader& r);

// The description WriteType appended to a record type, interned again.
int32_t ReadRecord(BinaryReader& r) {
  RecordType rec;
  rec.oid = r.U32();
  rec.array_oid = r.U32();
  rec.relid = r.U32();
  rec.name = r.Str();
  uint32_t n = r.U32();
  for (uint32_t i = 0; i < n; i++) {
    RecordField f;
    f.name = r.Str();
    f.type = ReadType(r);
    rec.fields.push_back(std::move(f));
  }
  return RecordLogicalType(rec).mod1;
}

LogicalType ReadType(BinaryReader& r) {
  LogicalType t;
  if (!TypeFromStoredCode(r.U8(), &t.id)) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad type id");
  }
  t.mod1 = r.I32();
  t.mod2 = r.I32();
  if (t.id == TypeId::kArray) {
    if (!TypeFromStoredCode(r.U8(), &t.elem) || t.elem == TypeId::kUnknown || t.elem == TypeId::kArray) {
      throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad array element type");
    }
  }
  if ((t.id == TypeId::kRecord || t.elem == TypeId::kRecord) && t.mod1 >= 0) t.mod1 = ReadRecord(r);
  if ((t.id == TypeId::kEnum || t.elem == TypeId::kEnum) && t.mod1 >= 0) {
    EnumType e;
    e.oid = r.U32();
    e.array_oid = r.U32();
    e.name = r.Str();
    e.labels = ReadEnumLabels(r);
    t.mod1 = EnumLogicalType(e).mod1;
  }
  return t;
}
}  // namespace

std::string Catalog::SerializeTable(const TableEntry& t) {
  BinaryWriter w;
  w.U8(kTableRecordVersion);
  w.U32(t.id);
  w.U32(t.schema_id);
  w.Str(t.name);
  w.U32(t.schema_version);
  w.U32(t.rowid_index_id);
  w.I32(t.primary_index);
  w.U32(static_cast<uint32_t>(t.columns.size()));
  for (const auto& c : t.columns) {
    w.Str(c.name);
    WriteType(w, c.type);
    w.Bool(c.not_null);
    w.Str(c.default_sql);
  }
  w.U32(static_cast<uint32_t>(t.indexes.size()));
  for (const auto& idx : t.indexes) {
    w.U32(idx.id);
    w.Str(idx.name);
    w.Bool(idx.unique);
    w.Bool(idx.primary);
    w.U32(static_cast<uint32_t>(idx.columns.size()));
    for (size_t i = 0; i < idx.columns.size(); i++) {
      w.U32(idx.columns[i]);
      w.Bool(idx.descending[i]);
    }
  }
  w.Str(t.view_sql);
  for (const auto& idx : t.indexes) w.Bool(idx.constraint);
  for (const auto& c : t.columns) {
    w.U8(static_cast<uint8_t>(c.identity));
    w.U32(c.identity_sequence);
    w.Str(c.missing);
  }
  w.U32(static_cast<uint32_t>(t.checks.size()));
  for (const auto& c : t.checks) {
    w.U32(c.id);
    w.Str(c.name);
    w.Str(c.expr_sql);
    w.U32(static_cast<uint32_t>(c.columns.size()));
    for (uint32_t col : c.columns) w.U32(col);
    w.Bool(c.validated);
    w.Bool(c.no_inherit);
  }
  for (const auto& idx : t.indexes) w.Bool(idx.nulls_not_distinct);
  w.Str(t.view_search_path);
  w.U32(t.owner);
  auto write_columns = [&](const std::vector<uint32_t>& cols) {
    w.U32(static_cast<uint32_t>(cols.size()));
    for (uint32_t col : cols) w.U32(col);
  };
  w.U32(static_cast<uint32_t>(t.foreign_keys.size()));
  for (const auto& fk : t.foreign_keys) {
    w.U32(fk.id);
    w.Str(fk.name);
    write_columns(fk.columns);
    w.U32(fk.ref_table);
    write_columns(fk.ref_columns);
    w.U32(fk.ref_index);
    w.U8(static_cast<uint8_t>(fk.on_update));
    w.U8(static_cast<uint8_t>(fk.on_delete));
    write_columns(fk.delete_set_columns);
    w.U8(static_cast<uint8_t>(fk.match));
    w.Bool(fk.deferrable);
    w.Bool(fk.initially_deferred);
    w.Bool(fk.validated);
  }
  for (const auto& idx : t.indexes) {
    w.U32(static_cast<uint32_t>(idx.expressions.size()));
    for (const auto& e : idx.expressions) w.Str(e);
    w.Str(idx.predicate);
    write_columns(idx.include);
    write_columns(idx.expression_columns);
  }
  for (const auto& c : t.columns) w.U8(static_cast<uint8_t>(c.generated));
  WriteAcl(w, t.acl);
  for (const auto& c : t.columns) WriteAcl(w, c.acl);
  return w.Release();
}

TableEntry Catalog::DeserializeTable(std::string_view data) {
  BinaryReader r(data);
  uint8_t version = r.U8();
  if (version < 1 || version > kTableRecordVersion) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown table record version");
  }
  TableEntry t;
  t.id = r.U32();
  t.schema_id = r.U32();
  t.name = r.Str();
  t.schema_version = r.U32();
  t.rowid_index_id = r.U32();
  t.primary_index = r.I32();
  uint32_t ncols = r.U32();
  for (uint32_t i = 0; i < ncols; i++) {
    ColumnEntry c;
    c.name = r.Str();
    c.type = ReadType(r);
    c.not_null = r.Bool();
    c.default_sql = r.Str();
    t.columns.push_back(std::move(c));
  }
  uint32_t nidx = r.U32();
  for (uint32_t i = 0; i < nidx; i++) {
    IndexEntry idx;
    idx.id = r.U32();
    idx.name = r.Str();
    idx.unique = r.Bool();
    idx.primary = r.Bool();
    uint32_t n = r.U32();
    for (uint32_t k = 0; k < n; k++) {
      uint32_t col = r.U32();
      if (col >= ncols && col != IndexEntry::kExpression) {
        throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad index column");
      }
      idx.columns.push_back(col);
      idx.descending.push_back(r.Bool());
    }
    t.indexes.push_back(std::move(idx));
  }
  if (version >= 2) t.view_sql = r.Str();
  for (auto& idx : t.indexes) idx.constraint = version >= 3 ? r.Bool() : idx.primary;
  if (version >= 4) {
    for (auto& c : t.columns) {
      c.identity = static_cast<char>(r.U8());
      c.identity_sequence = r.U32();
      c.missing = r.Str();
    }
  }
  if (version >= 5) {
    uint32_t nchecks = r.U32();
    for (uint32_t i = 0; i < nchecks; i++) {
      CheckEntry c;
      c.id = r.U32();
      c.name = r.Str();
      c.expr_sql = r.Str();
      uint32_t n = r.U32();
      for (uint32_t k = 0; k < n; k++) {
        uint32_t col = r.U32();
        if (col >= ncols) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad check column");
        c.columns.push_back(col);
      }
      c.validated = r.Bool();
      c.no_inherit = r.Bool();
      t.checks.push_back(std::move(c));
    }
    for (auto& idx : t.indexes) idx.nulls_not_distinct = r.Bool();
  }
  if (version >= 6) {
    t.view_search_path = r.Str();
    t.owner = r.U32();
  }
  auto read_columns = [&](uint32_t limit) {
    std::vector<uint32_t> cols(r.U32());
    for (auto& col : cols) {
      col = r.U32();
      if (col >= limit) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad key column");
    }
    return cols;
  };
  if (version >= 7) {
    uint32_t nfks = r.U32();
    for (uint32_t i = 0; i < nfks; i++) {
      ForeignKeyEntry fk;
      fk.id = r.U32();
      fk.name = r.Str();
      fk.columns = read_columns(ncols);
      fk.ref_table = r.U32();
      fk.ref_columns = read_columns(UINT32_MAX);  // positions in the other table
      fk.ref_index = r.U32();
      fk.on_update = static_cast<char>(r.U8());
      fk.on_delete = static_cast<char>(r.U8());
      fk.delete_set_columns = read_columns(ncols);
      fk.match = static_cast<char>(r.U8());
      fk.deferrable = r.Bool();
      fk.initially_deferred = r.Bool();
      fk.validated = r.Bool();
      if (fk.columns.size() != fk.ref_columns.size()) {
        throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad foreign key");
      }
      t.foreign_keys.push_back(std::move(fk));
    }
  }
  if (version >= 8) {
    for (auto& idx : t.indexes) {
      uint32_t n = r.U32();
      for (uint32_t k = 0; k < n; k++) idx.expressions.push_back(r.Str());
      idx.predicate = r.Str();
      idx.include = read_columns(ncols);
      idx.expression_columns = read_columns(ncols);
      size_t parts = 0;
      for (uint32_t col : idx.columns) parts += col == IndexEntry::kExpression ? 1 : 0;
      if (parts != idx.expressions.size()) {
        throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad index expressions");
      }
    }
    for (auto& c : t.columns) c.generated = static_cast<char>(r.U8());
  }
  if (version >= 9) t.acl = ReadAcl(r);
  if (version >= 10) {
    for (auto& c : t.columns) c.acl = ReadAcl(r);
  }
  if (t.primary_index >= static_cast<int>(t.indexes.size())) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad primary key");
  }
  return t;
}

std::string Catalog::SerializeType(const TypeEntry& t) {
  BinaryWriter w;
  w.U8(1);
  w.U32(t.id);
  w.U32(t.array_id);
  w.U32(t.schema_id);
  w.Str(t.name);
  w.U32(t.owner);
  w.U8(static_cast<uint8_t>(t.kind));
  WriteEnumLabels(w, t.labels);
  return w.Release();
}

TypeEntry Catalog::DeserializeType(std::string_view data) {
  BinaryReader r(data);
  if (r.U8() != 1) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown type record version");
  TypeEntry t;
  t.id = r.U32();
  t.array_id = r.U32();
  t.schema_id = r.U32();
  t.name = r.Str();
  t.owner = r.U32();
  t.kind = static_cast<char>(r.U8());
  t.labels = ReadEnumLabels(r);
  return t;
}

std::string Catalog::SerializeSchema(const SchemaEntry& s) {
  BinaryWriter w;
  w.U8(2);
  w.U32(s.id);
  w.Str(s.name);
  w.Str(s.owner);
  WriteAcl(w, s.acl);
  return w.Release();
}

namespace {
void WriteI64(BinaryWriter& w, int64_t v) { w.U64(static_cast<uint64_t>(v)); }
int64_t ReadI64(BinaryReader& r) { return static_cast<int64_t>(r.U64()); }
}  // namespace

std::string Catalog::SerializeSequence(const SequenceEntry& s) {
  BinaryWriter w;
  w.U8(3);
  w.U32(s.id);
  w.U32(s.schema_id);
  w.Str(s.name);
  WriteType(w, s.type);
  WriteI64(w, s.increment);
  WriteI64(w, s.min_value);
  WriteI64(w, s.max_value);
  WriteI64(w, s.start);
  WriteI64(w, s.cache);
  w.Bool(s.cycle);
  w.U32(s.owner_table);
  w.U32(s.owner_column);
  w.Bool(s.identity);
  w.U64(s.instance);
  w.U32(s.owner);
  WriteAcl(w, s.acl);
  return w.Release();
}

SequenceEntry Catalog::DeserializeSequence(std::string_view data) {
  BinaryReader r(data);
  uint8_t version = r.U8();
  if (version < 1 || version > 3) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown sequence record version");
  }
  SequenceEntry s;
  s.id = r.U32();
  s.schema_id = r.U32();
  s.name = r.Str();
  s.type = ReadType(r);
  s.increment = ReadI64(r);
  s.min_value = ReadI64(r);
  s.max_value = ReadI64(r);
  s.start = ReadI64(r);
  s.cache = ReadI64(r);
  s.cycle = r.Bool();
  s.owner_table = r.U32();
  s.owner_column = r.U32();
  s.identity = r.Bool();
  s.instance = r.U64();
  if (version >= 2) s.owner = r.U32();
  if (version >= 3) s.acl = ReadAcl(r);
  return s;
}

// Version 2 adds the comment; version 3 INHERIT, BYPASSRLS, CONNECTION LIMIT, VALID UNTIL and the
// memberships (GRANT role TO this role).
std::string Catalog::SerializeRole(const RoleEntry& r) {
  BinaryWriter w;
  w.U8(3);
  w.U32(r.id);
  w.Str(r.name);
  w.Bool(r.superuser);
  w.Bool(r.login);
  w.Bool(r.createdb);
  w.Bool(r.createrole);
  w.Str(r.password);
  w.Str(r.comment);
  w.Bool(r.inherit);
  w.Bool(r.bypassrls);
  w.I32(r.connection_limit);
  w.Bool(r.valid_until.has_value());
  if (r.valid_until) WriteI64(w, *r.valid_until);
  w.U32(static_cast<uint32_t>(r.member_of.size()));
  for (const RoleEntry::Membership& m : r.member_of) {
    w.U32(m.role);
    w.U32(m.grantor);
    w.Bool(m.admin);
  }
  return w.Release();
}

RoleEntry Catalog::DeserializeRole(std::string_view data) {
  BinaryReader r(data);
  uint8_t version = r.U8();
  if (version < 1 || version > 3) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown role record version");
  RoleEntry e;
  e.id = r.U32();
  e.name = r.Str();
  e.superuser = r.Bool();
  e.login = r.Bool();
  e.createdb = r.Bool();
  e.createrole = r.Bool();
  e.password = r.Str();
  if (version >= 2) e.comment = r.Str();
  if (version >= 3) {
    e.inherit = r.Bool();
    e.bypassrls = r.Bool();
    e.connection_limit = r.I32();
    if (r.Bool()) e.valid_until = ReadI64(r);
    uint32_t n = r.U32();
    for (uint32_t i = 0; i < n; i++) {
      RoleEntry::Membership m;
      m.role = r.U32();
      m.grantor = r.U32();
      m.admin = r.Bool();
      e.member_of.push_back(m);
    }
  }
  return e;
}

std::string Catalog::SerializeDatabase(const DatabaseEntry& d) {
  BinaryWriter w;
  w.U8(2);
  w.U32(d.id);
  w.Str(d.name);
  w.U32(d.owner);
  w.Str(d.collate);
  w.Str(d.ctype);
  w.Bool(d.is_template);
  w.Bool(d.allow_connections);
  w.I32(d.connection_limit);
  w.Str(d.keyspace);
  w.U32(static_cast<uint32_t>(d.settings.size()));
  for (const auto& [name, value] : d.settings) {
    w.Str(name);
    w.Str(value);
  }
  WriteAcl(w, d.acl);
  return w.Release();
}

DatabaseEntry Catalog::DeserializeDatabase(std::string_view data) {
  BinaryReader r(data);
  uint8_t version = r.U8();
  if (version < 1 || version > 2) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown database record version");
  }
  DatabaseEntry e;
  e.id = r.U32();
  e.name = r.Str();
  e.owner = r.U32();
  e.collate = r.Str();
  e.ctype = r.Str();
  e.is_template = r.Bool();
  e.allow_connections = r.Bool();
  e.connection_limit = r.I32();
  e.keyspace = r.Str();
  uint32_t n = r.U32();
  for (uint32_t i = 0; i < n; i++) {
    std::string name = r.Str();
    std::string value = r.Str();
    e.settings.emplace_back(std::move(name), std::move(value));
  }
  if (version >= 2) e.acl = ReadAcl(r);
  return e;
}

// One record per dependent object: a version byte, then (class, id, sub) of the object and of what
// it references, and the type letter, for each of its dependencies.
std::string Catalog::SerializeDependencies(const std::vector<Dependency>& deps) {
  BinaryWriter w;
  w.U8(1);
  w.U32(static_cast<uint32_t>(deps.size()));
  for (const auto& d : deps) {
    for (const ObjectAddress* a : {&d.object, &d.referenced}) {
      w.U32(a->class_id);
      w.U32(a->object_id);
      w.I32(a->sub_id);
    }
    w.U8(static_cast<uint8_t>(d.type));
  }
  return w.Release();
}

std::vector<Dependency> Catalog::DeserializeDependencies(std::string_view data) {
  BinaryReader r(data);
  if (r.U8() != 1) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown dependency record version");
  uint32_t n = r.U32();
  std::vector<Dependency> out;
  for (uint32_t i = 0; i < n; i++) {
    Dependency d;
    for (ObjectAddress* a : {&d.object, &d.referenced}) {
      a->class_id = r.U32();
      a->object_id = r.U32();
      a->sub_id = r.I32();
    }
    char type = static_cast<char>(r.U8());
    if (type != 'n' && type != 'a' && type != 'i') {
      throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad dependency type");
    }
    d.type = static_cast<DependencyType>(type);
    out.push_back(d);
  }
  return out;
}

SchemaEntry Catalog::DeserializeSchema(std::string_view data) {
  BinaryReader r(data);
  uint8_t version = r.U8();
  if (version < 1 || version > 2) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown schema record version");
  }
  SchemaEntry s;
  s.id = r.U32();
  s.name = r.Str();
  s.owner = r.Str();
  if (version >= 2) s.acl = ReadAcl(r);
  return s;
}

// A default-privileges record (kind 10, version 1): id, role, schema (0: all), object type, ACL.
std::string Catalog::SerializeDefaultAcl(const DefaultAclEntry& d) {
  BinaryWriter w;
  w.U8(1);
  w.U32(d.id);
  w.U32(d.role);
  w.U32(d.schema_id);
  w.U8(static_cast<uint8_t>(d.object_type));
  WriteAcl(w, d.acl);
  return w.Release();
}

DefaultAclEntry Catalog::DeserializeDefaultAcl(std::string_view data) {
  BinaryReader r(data);
  if (r.U8() != 1) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown default privileges record version");
  }
  DefaultAclEntry d;
  d.id = r.U32();
  d.role = r.U32();
  d.schema_id = r.U32();
  d.object_type = static_cast<char>(r.U8());
  d.acl = ReadAcl(r).value_or(Acl{});
  return d;
}

}  // namespace kanto
