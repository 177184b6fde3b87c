// The catalog snapshot's lookups and changes: objects by name and id, the references between them
// (constraints, owned sequences, dependencies) and the bootstrap role. Their stored encoding is in
// catalog_records.cpp.
#include "catalog/catalog.hpp"

#include <algorithm>

#include "catalog/nextval_default.hpp"

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

// The bootstrap superuser and PostgreSQL 15's predefined roles (pg_monitor is a member of three).
std::vector<RoleEntry> BuiltInRoles() {
  std::vector<RoleEntry> roles{BootstrapRole()};
  const std::pair<uint32_t, const char*> predefined[] = {
      {3373, "pg_monitor"},         {3374, "pg_read_all_settings"},  {3375, "pg_read_all_stats"},
      {3377, "pg_stat_scan_tables"}, {4200, "pg_signal_backend"},     {4544, "pg_checkpoint"},
      {4569, "pg_read_server_files"}, {4570, "pg_write_server_files"}, {4571, "pg_execute_server_program"},
      {6171, "pg_database_owner"},   {kPgReadAllDataRoleId, "pg_read_all_data"},
      {kPgWriteAllDataRoleId, "pg_write_all_data"}};
  for (const auto& [id, name] : predefined) {
    RoleEntry r;
    r.id = id;
    r.name = name;
    if (id == 3373) {
      for (uint32_t of : {3374u, 3375u, 3377u}) r.member_of.push_back({of, kBootstrapRoleId, false});
    }
    roles.push_back(std::move(r));
  }
  return roles;
}
}  // namespace

Catalog::Catalog() {
  PutSchema(SchemaEntry{kPgCatalogSchemaId, "pg_catalog", "kanto"});
  PutSchema(SchemaEntry{kPublicSchemaId, "public", "kanto"});
  PutSchema(SchemaEntry{kInformationSchemaId, "information_schema", "kanto"});
  for (RoleEntry& r : BuiltInRoles()) PutRole(std::move(r));
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
  for (RoleEntry& r : BuiltInRoles()) roles_[r.id] = std::move(r);
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

const DefaultAclEntry* Catalog::FindDefaultAcl(uint32_t role, uint32_t schema_id, char object_type) const {
  for (const auto& [id, d] : default_acls_) {
    if (d.role == role && d.schema_id == schema_id && d.object_type == object_type) return &d;
  }
  return nullptr;
}

const DefaultAclEntry* Catalog::GetDefaultAcl(uint32_t id) const {
  auto it = default_acls_.find(id);
  return it == default_acls_.end() ? nullptr : &it->second;
}

std::vector<const DefaultAclEntry*> Catalog::DefaultAcls() const {
  std::vector<const DefaultAclEntry*> out;
  for (const auto& [id, d] : default_acls_) out.push_back(&d);
  return out;
}

void Catalog::PutDefaultAcl(DefaultAclEntry entry) {
  uint32_t id = entry.id;
  default_acls_[id] = std::move(entry);
}

void Catalog::RemoveDefaultAcl(uint32_t id) { default_acls_.erase(id); }

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
      if (uint32_t type = UserTypeOid(t->columns[c].type)) {
        out.push_back({ObjectAddress::Column(id, c), ObjectAddress::Type(type), DT::kNormal});
      }
    }
    for (uint32_t c = 0; c < t->columns.size(); c++) {
      const std::string& def = t->columns[c].default_sql;
      if (def.empty()) continue;
      out.push_back({ObjectAddress::Default(id, c), ObjectAddress::Column(id, c), DT::kAuto});
      // A DEFAULT that calls nextval('s') depends on s (found by the text Kanto stores).
      if (def.find("nextval(") == std::string::npos) continue;
      size_t length;
      for (const auto& [seq_id, seq] : sequences_) {
        if (FindNextvalCall(def, *this, seq, &length) != std::string::npos) {
          out.push_back({ObjectAddress::Default(id, c), ObjectAddress::Relation(seq_id), DT::kNormal});
        }
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
  for (const auto& [id, type] : types_) {
    out.push_back({ObjectAddress::Type(id), ObjectAddress::Schema(type.schema_id), DT::kNormal});
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

}  // namespace kanto
