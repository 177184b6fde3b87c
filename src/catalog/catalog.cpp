#include "catalog/catalog.hpp"

#include <algorithm>

#include "common/binary_io.hpp"

namespace kanto {

int TableEntry::FindColumn(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); i++) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

const CheckEntry* TableEntry::FindCheck(std::string_view name) const {
  for (const auto& c : checks) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const IndexEntry* TableEntry::FindConstraintIndex(std::string_view name) const {
  for (const auto& idx : indexes) {
    if (idx.constraint && idx.name == name) return &idx;
  }
  return nullptr;
}

const ForeignKeyEntry* TableEntry::FindForeignKey(std::string_view name) const {
  for (const auto& fk : foreign_keys) {
    if (fk.name == name) return &fk;
  }
  return nullptr;
}

bool TableEntry::HasConstraint(std::string_view name) const {
  return FindCheck(name) || FindConstraintIndex(name) || FindForeignKey(name);
}

const IndexEntry* TableEntry::FindIndexById(uint32_t id) const {
  for (const auto& idx : indexes) {
    if (idx.id == id) return &idx;
  }
  return nullptr;
}

std::vector<LogicalType> TableEntry::column_types() const {
  std::vector<LogicalType> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back(c.type);
  return out;
}

std::vector<std::string> TableEntry::missing_values() const {
  std::vector<std::string> out;
  out.reserve(columns.size());
  for (const auto& c : columns) out.push_back(c.missing);
  return out;
}

namespace {
RoleEntry BootstrapRole() {
  RoleEntry bootstrap;
  bootstrap.id = kBootstrapRoleId;
  bootstrap.name = "kanto";
  bootstrap.superuser = bootstrap.login = bootstrap.createdb = bootstrap.createrole = true;
  return bootstrap;
}
}  // namespace

Catalog::Catalog() {
  PutSchema(SchemaEntry{kPgCatalogSchemaId, "pg_catalog", "kanto"});
  PutSchema(SchemaEntry{kPublicSchemaId, "public", "kanto"});
  PutSchema(SchemaEntry{kInformationSchemaId, "information_schema", "kanto"});
  PutRole(BootstrapRole());
}

const RoleEntry* Catalog::FindRole(std::string_view name) const {
  for (const auto& [id, r] : roles_) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

const RoleEntry* Catalog::GetRole(uint32_t id) const {
  auto it = roles_.find(id);
  return it == roles_.end() ? nullptr : &it->second;
}

std::vector<const RoleEntry*> Catalog::Roles() const {
  std::vector<const RoleEntry*> out;
  for (const auto& [id, r] : roles_) out.push_back(&r);
  return out;
}

void Catalog::PutRole(RoleEntry role) {
  uint32_t id = role.id;
  roles_[id] = std::move(role);
}

void Catalog::RemoveRole(uint32_t id) { roles_.erase(id); }

const DatabaseEntry* Catalog::FindDatabase(std::string_view name) const {
  for (const auto& [id, d] : databases_) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

const DatabaseEntry* Catalog::GetDatabase(uint32_t id) const {
  auto it = databases_.find(id);
  return it == databases_.end() ? nullptr : &it->second;
}

std::vector<const DatabaseEntry*> Catalog::Databases() const {
  std::vector<const DatabaseEntry*> out;
  for (const auto& [id, d] : databases_) out.push_back(&d);
  return out;
}

void Catalog::PutDatabase(DatabaseEntry db) {
  uint32_t id = db.id;
  databases_[id] = std::move(db);
}

void Catalog::RemoveDatabase(uint32_t id) { databases_.erase(id); }

std::string Catalog::database_name() const {
  const DatabaseEntry* db = GetDatabase(database_id_);
  return db ? db->name : "kanto";
}

void Catalog::SetShared(const std::vector<RoleEntry>& roles, const std::vector<DatabaseEntry>& databases,
                        uint64_t version) {
  roles_.clear();
  roles_[kBootstrapRoleId] = BootstrapRole();
  for (const auto& r : roles) roles_[r.id] = r;
  databases_.clear();
  for (const auto& d : databases) databases_[d.id] = d;
  shared_version_ = version;
}

const SchemaEntry* Catalog::FindSchema(std::string_view name) const {
  for (const auto& [id, s] : schemas_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

const SchemaEntry* Catalog::GetSchema(uint32_t id) const {
  auto it = schemas_.find(id);
  return it == schemas_.end() ? nullptr : &it->second;
}

const TableEntry* Catalog::FindTable(uint32_t schema_id, std::string_view name) const {
  for (const auto& [id, t] : tables_) {
    if (t->schema_id == schema_id && t->name == name) return t.get();
  }
  return nullptr;
}

const TableEntry* Catalog::GetTable(uint32_t id) const {
  auto it = tables_.find(id);
  return it == tables_.end() ? nullptr : it->second.get();
}

const IndexEntry* Catalog::FindIndex(uint32_t schema_id, std::string_view name, const TableEntry** table) const {
  for (const auto& [id, t] : tables_) {
    if (t->schema_id != schema_id) continue;
    for (const auto& idx : t->indexes) {
      if (idx.name == name) {
        if (table) *table = t.get();
        return &idx;
      }
    }
  }
  return nullptr;
}

const TableEntry* Catalog::FindRelationById(uint32_t id, const IndexEntry** index) const {
  *index = nullptr;
  for (const auto& [tid, t] : tables_) {
    if (t->id == id) return t.get();
    for (const auto& idx : t->indexes) {
      if (idx.id == id) {
        *index = &idx;
        return t.get();
      }
    }
  }
  return nullptr;
}

const TableEntry* Catalog::FindForeignKeyById(uint32_t id, const ForeignKeyEntry** fk) const {
  for (const auto& [tid, t] : tables_) {
    for (const auto& f : t->foreign_keys) {
      if (f.id == id) {
        *fk = &f;
        return t.get();
      }
    }
  }
  return nullptr;
}

std::vector<Catalog::Reference> Catalog::ReferencesTo(uint32_t table_id) const {
  std::vector<Reference> out;
  for (const auto& [tid, t] : tables_) {
    for (const auto& f : t->foreign_keys) {
      if (f.ref_table == table_id) out.push_back({t.get(), &f});
    }
  }
  return out;
}

const TableEntry* Catalog::FindCheckById(uint32_t id, const CheckEntry** check) const {
  for (const auto& [tid, t] : tables_) {
    for (const auto& c : t->checks) {
      if (c.id == id) {
        *check = &c;
        return t.get();
      }
    }
  }
  return nullptr;
}

bool Catalog::RelationExists(uint32_t schema_id, std::string_view name) const {
  return FindTable(schema_id, name) != nullptr || FindIndex(schema_id, name, nullptr) != nullptr ||
         FindSequence(schema_id, name) != nullptr;
}

const SequenceEntry* Catalog::FindSequence(uint32_t schema_id, std::string_view name) const {
  for (const auto& [id, s] : sequences_) {
    if (s.schema_id == schema_id && s.name == name) return &s;
  }
  return nullptr;
}

const SequenceEntry* Catalog::GetSequence(uint32_t id) const {
  auto it = sequences_.find(id);
  return it == sequences_.end() ? nullptr : &it->second;
}

std::vector<const SequenceEntry*> Catalog::Sequences() const {
  std::vector<const SequenceEntry*> out;
  for (const auto& [id, s] : sequences_) out.push_back(&s);
  return out;
}

std::vector<const SequenceEntry*> Catalog::OwnedSequences(uint32_t table_id) const {
  std::vector<const SequenceEntry*> out;
  for (const auto& [id, s] : sequences_) {
    if (s.owner_table == table_id) out.push_back(&s);
  }
  return out;
}

void Catalog::PutSequence(SequenceEntry seq) {
  uint32_t id = seq.id;
  sequences_[id] = std::move(seq);
}

void Catalog::RemoveSequence(uint32_t id) { sequences_.erase(id); }

std::vector<const SchemaEntry*> Catalog::Schemas() const {
  std::vector<const SchemaEntry*> out;
  for (const auto& [id, s] : schemas_) out.push_back(&s);
  return out;
}

std::vector<const TableEntry*> Catalog::Tables() const {
  std::vector<const TableEntry*> out;
  for (const auto& [id, t] : tables_) out.push_back(t.get());
  return out;
}

void Catalog::PutSchema(SchemaEntry schema) {
  uint32_t id = schema.id;
  schemas_[id] = std::move(schema);
}

void Catalog::RemoveSchema(uint32_t id) { schemas_.erase(id); }

void Catalog::PutTable(TableEntry table) {
  uint32_t id = table.id;
  tables_[id] = std::make_shared<const TableEntry>(std::move(table));
}

void Catalog::RemoveTable(uint32_t id) { tables_.erase(id); }

void Catalog::AddDependency(const Dependency& d) {
  auto& deps = dependencies_[d.object.object_id];
  for (const auto& e : deps) {
    if (e == d) return;
  }
  deps.push_back(d);
}

void Catalog::RemoveDependencies(uint32_t object_id) { dependencies_.erase(object_id); }

std::vector<Dependency> Catalog::StoredDependencies(uint32_t object_id) const {
  auto it = dependencies_.find(object_id);
  return it == dependencies_.end() ? std::vector<Dependency>{} : it->second;
}

void Catalog::SetStoredDependencies(uint32_t object_id, std::vector<Dependency> deps) {
  if (deps.empty()) {
    dependencies_.erase(object_id);
  } else {
    dependencies_[object_id] = std::move(deps);
  }
}

std::vector<Dependency> Catalog::AllDependencies() const {
  using DT = DependencyType;
  std::vector<Dependency> out;
  for (const auto& [id, deps] : dependencies_) out.insert(out.end(), deps.begin(), deps.end());
  for (const auto& [id, t] : tables_) {
    out.push_back({ObjectAddress::Relation(id), ObjectAddress::Schema(t->schema_id), DT::kNormal});
    for (uint32_t c = 0; c < t->columns.size(); c++) {
      if (!t->columns[c].default_sql.empty()) {
        out.push_back({ObjectAddress::Default(id, c), ObjectAddress::Column(id, c), DT::kAuto});
      }
    }
    for (const auto& idx : t->indexes) {
      auto on_column = [&](uint32_t c) {
        if (c != IndexEntry::kExpression) out.push_back({ObjectAddress::Relation(idx.id), ObjectAddress::Column(id, c), DT::kAuto});
      };
      for (uint32_t c : idx.columns) on_column(c);
      for (uint32_t c : idx.include) on_column(c);
      for (uint32_t c : idx.expression_columns) on_column(c);
    }
    // A foreign key goes with its own columns (auto) and depends on the referenced table, its
    // columns and the unique index behind them (normal), as PostgreSQL records it (the whole table
    // first: DROP TABLE reports "depends on table p").
    for (const auto& fk : t->foreign_keys) {
      out.push_back({ObjectAddress::Constraint(fk.id), ObjectAddress::Relation(fk.ref_table), DT::kNormal});
      for (uint32_t c : fk.columns) out.push_back({ObjectAddress::Constraint(fk.id), ObjectAddress::Column(id, c), DT::kAuto});
      for (uint32_t c : fk.ref_columns) {
        out.push_back({ObjectAddress::Constraint(fk.id), ObjectAddress::Column(fk.ref_table, c), DT::kNormal});
      }
      out.push_back({ObjectAddress::Constraint(fk.id), ObjectAddress::Relation(fk.ref_index), DT::kNormal});
    }
    for (const auto& check : t->checks) {
      if (check.columns.empty()) out.push_back({ObjectAddress::Constraint(check.id), ObjectAddress::Relation(id), DT::kAuto});
      for (uint32_t c : check.columns) {  // as a constrained column and as one its expression reads
        out.push_back({ObjectAddress::Constraint(check.id), ObjectAddress::Column(id, c), DT::kAuto});
        out.push_back({ObjectAddress::Constraint(check.id), ObjectAddress::Column(id, c), DT::kNormal});
      }
    }
  }
  for (const auto& [id, seq] : sequences_) {
    out.push_back({ObjectAddress::Relation(id), ObjectAddress::Schema(seq.schema_id), DT::kNormal});
    if (seq.owner_table != 0) {
      out.push_back({ObjectAddress::Relation(id), ObjectAddress::Column(seq.owner_table, seq.owner_column),
                     seq.identity ? DT::kInternal : DT::kAuto});
    }
  }
  return out;
}

std::vector<Dependency> Catalog::Dependents(const ObjectAddress& referenced) const {
  std::vector<Dependency> out;
  for (const Dependency& d : AllDependencies()) {
    if (referenced.Covers(d.referenced)) out.push_back(d);
  }
  std::stable_sort(out.begin(), out.end(), [](const Dependency& a, const Dependency& b) {
    if ((a.referenced.sub_id == 0) != (b.referenced.sub_id == 0)) return a.referenced.sub_id == 0;
    return a.object.object_id < b.object.object_id;
  });
  return out;
}

std::vector<uint32_t> Catalog::RenumberColumnReferences(uint32_t table, uint32_t position) {
  std::vector<uint32_t> changed;
  int32_t attnum = static_cast<int32_t>(position + 1);
  for (auto& [id, deps] : dependencies_) {
    bool touched = false;
    for (auto& d : deps) {
      for (ObjectAddress* a : {&d.object, &d.referenced}) {
        if (a->class_id == kPgClassOid && a->object_id == table && a->sub_id > attnum) {
          a->sub_id--;
          touched = true;
        }
      }
    }
    if (touched) changed.push_back(id);
  }
  return changed;
}

namespace {
// 2 added view_sql, 3 index constraint flags, 4 identity and missing values, 5 CHECK constraints and
// NULLS NOT DISTINCT
constexpr uint8_t kTableRecordVersion = 8;

void WriteType(BinaryWriter& w, const LogicalType& t) {
  w.U8(static_cast<uint8_t>(t.id));
  w.I32(t.mod1);
  w.I32(t.mod2);
  if (t.id == TypeId::kArray) w.U8(static_cast<uint8_t>(t.elem));
}

LogicalType ReadType(BinaryReader& r) {
  LogicalType t;
  uint8_t id = r.U8();
  if (id > static_cast<uint8_t>(kLastTypeId)) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad type id");
  }
  t.id = static_cast<TypeId>(id);
  t.mod1 = r.I32();
  t.mod2 = r.I32();
  if (t.id == TypeId::kArray) {
    uint8_t elem = r.U8();
    if (elem == 0 || elem == static_cast<uint8_t>(TypeId::kArray) || elem > static_cast<uint8_t>(kLastTypeId)) {
      throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad array element type");
    }
    t.elem = static_cast<TypeId>(elem);
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
  if (t.primary_index >= static_cast<int>(t.indexes.size())) {
    throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad primary key");
  }
  return t;
}

std::string Catalog::SerializeSchema(const SchemaEntry& s) {
  BinaryWriter w;
  w.U8(1);
  w.U32(s.id);
  w.Str(s.name);
  w.Str(s.owner);
  return w.Release();
}

namespace {
void WriteI64(BinaryWriter& w, int64_t v) { w.U64(static_cast<uint64_t>(v)); }
int64_t ReadI64(BinaryReader& r) { return static_cast<int64_t>(r.U64()); }
}  // namespace

std::string Catalog::SerializeSequence(const SequenceEntry& s) {
  BinaryWriter w;
  w.U8(2);
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
  return w.Release();
}

SequenceEntry Catalog::DeserializeSequence(std::string_view data) {
  BinaryReader r(data);
  uint8_t version = r.U8();
  if (version < 1 || version > 2) {
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
  return s;
}

std::string Catalog::SerializeRole(const RoleEntry& r) {
  BinaryWriter w;
  w.U8(1);
  w.U32(r.id);
  w.Str(r.name);
  w.Bool(r.superuser);
  w.Bool(r.login);
  w.Bool(r.createdb);
  w.Bool(r.createrole);
  w.Str(r.password);
  return w.Release();
}

RoleEntry Catalog::DeserializeRole(std::string_view data) {
  BinaryReader r(data);
  if (r.U8() != 1) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown role record version");
  RoleEntry e;
  e.id = r.U32();
  e.name = r.Str();
  e.superuser = r.Bool();
  e.login = r.Bool();
  e.createdb = r.Bool();
  e.createrole = r.Bool();
  e.password = r.Str();
  return e;
}

std::string Catalog::SerializeDatabase(const DatabaseEntry& d) {
  BinaryWriter w;
  w.U8(1);
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
  return w.Release();
}

DatabaseEntry Catalog::DeserializeDatabase(std::string_view data) {
  BinaryReader r(data);
  if (r.U8() != 1) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown database record version");
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
  if (r.U8() != 1) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown schema record version");
  SchemaEntry s;
  s.id = r.U32();
  s.name = r.Str();
  s.owner = r.Str();
  return s;
}

}  // namespace kanto
