#include "catalog/catalog_manager.hpp"

#include <algorithm>
#include <chrono>

#include "common/binary_io.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/key_encoding.hpp"

namespace kanto {

namespace {
// Roles, databases and the shared id counter are shared: they live in the default keyspace only.
enum RecordKind : uint32_t { kMeta = 0, kSchemaRecord = 1, kTableRecord = 2, kRoleRecord = 3, kSequenceRecord = 4,
                         kDependencyRecord = 5, kDatabaseRecord = 6, kSharedMeta = 7,
                         kCommentRecord = 8, kTypeRecord = 9, kDefaultAclRecord = 10 };

bool IsSharedKind(uint32_t kind) { return kind == kRoleRecord || kind == kDatabaseRecord || kind == kSharedMeta; }

std::string RecordKey(uint32_t kind, uint32_t id) {
  storage::KeyWriter w;
  w.AppendObjectId(kCatalogKeyPrefix);
  w.AppendObjectId(kind);
  w.AppendObjectId(id);
  return w.Release();
}

uint32_t ReadBigEndian32(std::string_view s, size_t offset) {
  uint32_t v = 0;
  for (size_t i = 0; i < 4; i++) v = (v << 8) | static_cast<uint8_t>(s[offset + i]);
  return v;
}

std::string CatalogPrefix() {
  storage::KeyWriter w;
  w.AppendObjectId(kCatalogKeyPrefix);
  return w.Release();
}
}  // namespace

bool CatalogManager::IsSharedRecordKey(std::string_view key) {
  std::string prefix = CatalogPrefix();
  return key.size() == 12 && key.substr(0, 4) == prefix && IsSharedKind(ReadBigEndian32(key, 4));
}

void CatalogManager::ReadShared(storage::Transaction& txn, std::vector<RoleEntry>* roles,
                                std::vector<DatabaseEntry>* databases) {
  std::string prefix = CatalogPrefix();
  auto it = txn.ScanShared(prefix, storage::PrefixSuccessor(prefix));
  for (; it->Valid(); it->Next()) {
    std::string_view key = it->key();
    if (key.size() != 12) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad key");
    uint32_t kind = ReadBigEndian32(key, 4);
    if (kind == kRoleRecord) roles->push_back(Catalog::DeserializeRole(it->value()));
    if (kind == kDatabaseRecord) databases->push_back(Catalog::DeserializeDatabase(it->value()));
  }
}

void CatalogManager::RefreshShared(storage::Engine& engine) {
  std::vector<RoleEntry> roles;
  std::vector<DatabaseEntry> databases;
  auto txn = engine.Begin(storage::IsolationLevel::kReadCommitted);
  txn->BeginStatement();
  ReadShared(*txn, &roles, &databases);
  txn->Rollback();
  std::lock_guard<std::mutex> lock(mu_);
  shared_roles_ = std::move(roles);
  shared_databases_ = std::move(databases);
  shared_version_++;
  auto copy = std::make_shared<Catalog>(*current_);
  copy->SetShared(shared_roles_, shared_databases_, shared_version_);
  current_ = std::move(copy);
}

uint32_t CatalogManager::AllocateSharedId(storage::Transaction& txn) {
  std::string key = RecordKey(kSharedMeta, 0);
  std::string value;
  uint32_t next = kFirstUserObjectId;
  if (txn.GetSharedForUpdate(key, &value)) {
    BinaryReader r(value);
    next = r.U32();
  } else {
    // The first shared id: above every role and database stored so far.
    std::vector<RoleEntry> roles;
    std::vector<DatabaseEntry> databases;
    ReadShared(txn, &roles, &databases);
    for (const auto& role : roles) next = std::max(next, role.id + 1);
    for (const auto& db : databases) next = std::max(next, db.id + 1);
  }
  BinaryWriter w;
  w.U32(next + 1);
  txn.PutShared(key, w.data());
  return next;
}

CatalogManager::CatalogManager(storage::Engine& engine, uint32_t database_id) {
  auto catalog = std::make_shared<Catalog>();
  catalog->set_database_id(database_id);
  auto txn = engine.Begin(storage::IsolationLevel::kRepeatableRead);
  txn->BeginStatement();
  std::string prefix = CatalogPrefix();
  auto it = txn->Scan(prefix, storage::PrefixSuccessor(prefix));
  for (; it->Valid(); it->Next()) {
    std::string_view key = it->key();
    if (key.size() != 12) throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: bad key");
    uint32_t kind = ReadBigEndian32(key, 4);
    std::string_view value = it->value();
    if (IsSharedKind(kind)) {
      continue;  // read below, from the shared keyspace
    } else if (kind == kMeta) {
      BinaryReader r(value);
      catalog->set_next_id(r.U32());
    } else if (kind == kSchemaRecord) {
      catalog->PutSchema(Catalog::DeserializeSchema(value));
    } else if (kind == kTableRecord) {
      catalog->PutTable(Catalog::DeserializeTable(value));
    } else if (kind == kTypeRecord) {
      catalog->PutType(Catalog::DeserializeType(value));
    } else if (kind == kSequenceRecord) {
      catalog->PutSequence(Catalog::DeserializeSequence(value));
    } else if (kind == kDependencyRecord) {
      catalog->SetStoredDependencies(ReadBigEndian32(key, 8), Catalog::DeserializeDependencies(value));
    } else if (kind == kCommentRecord) {
      catalog->SetComments(ReadBigEndian32(key, 8), Catalog::DeserializeComments(value));
    } else if (kind == kDefaultAclRecord) {
      catalog->PutDefaultAcl(Catalog::DeserializeDefaultAcl(value));
    } else {
      throw Error(sqlstate::kDataCorrupted, "could not decode catalog record: unknown kind");
    }
  }
  it.reset();
  ReadShared(*txn, &shared_roles_, &shared_databases_);
  txn->Rollback();
  catalog->SetShared(shared_roles_, shared_databases_, shared_version_);
  current_ = std::move(catalog);
}

std::shared_ptr<const Catalog> CatalogManager::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

void CatalogManager::LockDdl(int timeout_ms) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!cv_.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return !ddl_locked_; })) {
    throw Error(sqlstate::kLockNotAvailable, "could not obtain lock on the catalog")
        .WithDetail("Another transaction is changing the schema.");
  }
  ddl_locked_ = true;
}

void CatalogManager::PublishAndUnlock(std::shared_ptr<const Catalog> catalog) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (catalog->shared_version() != shared_version_) {
      // Roles or databases changed (from another database) since the transaction copied the catalog.
      auto copy = std::make_shared<Catalog>(*catalog);
      copy->SetShared(shared_roles_, shared_databases_, shared_version_);
      catalog = std::move(copy);
    }
    current_ = std::move(catalog);
    ddl_locked_ = false;
  }
  cv_.notify_one();
}

void CatalogManager::Unlock() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ddl_locked_ = false;
  }
  cv_.notify_one();
}

void CatalogManager::WriteSchema(storage::Transaction& txn, const SchemaEntry& schema) {
  txn.Put(RecordKey(kSchemaRecord, schema.id), Catalog::SerializeSchema(schema));
}

void CatalogManager::WriteRole(storage::Transaction& txn, const RoleEntry& role) {
  txn.PutShared(RecordKey(kRoleRecord, role.id), Catalog::SerializeRole(role));
}

void CatalogManager::DeleteRole(storage::Transaction& txn, uint32_t id) { txn.DeleteShared(RecordKey(kRoleRecord, id)); }

void CatalogManager::WriteDatabase(storage::Transaction& txn, const DatabaseEntry& db) {
  txn.PutShared(RecordKey(kDatabaseRecord, db.id), Catalog::SerializeDatabase(db));
}

void CatalogManager::DeleteDatabase(storage::Transaction& txn, uint32_t id) {
  txn.DeleteShared(RecordKey(kDatabaseRecord, id));
}

void CatalogManager::DeleteSchema(storage::Transaction& txn, uint32_t id) { txn.Delete(RecordKey(kSchemaRecord, id)); }

void CatalogManager::WriteTable(storage::Transaction& txn, const TableEntry& table) {
  txn.Put(RecordKey(kTableRecord, table.id), Catalog::SerializeTable(table));
}

void CatalogManager::DeleteTable(storage::Transaction& txn, uint32_t id) { txn.Delete(RecordKey(kTableRecord, id)); }

void CatalogManager::WriteType(storage::Transaction& txn, const TypeEntry& type) {
  txn.Put(RecordKey(kTypeRecord, type.id), Catalog::SerializeType(type));
}

void CatalogManager::DeleteType(storage::Transaction& txn, uint32_t id) { txn.Delete(RecordKey(kTypeRecord, id)); }

void CatalogManager::WriteSequence(storage::Transaction& txn, const SequenceEntry& seq) {
  txn.Put(RecordKey(kSequenceRecord, seq.id), Catalog::SerializeSequence(seq));
}

void CatalogManager::DeleteSequence(storage::Transaction& txn, uint32_t id) {
  txn.Delete(RecordKey(kSequenceRecord, id));
}

void CatalogManager::WriteDefaultAcl(storage::Transaction& txn, const DefaultAclEntry& entry) {
  txn.Put(RecordKey(kDefaultAclRecord, entry.id), Catalog::SerializeDefaultAcl(entry));
}

void CatalogManager::DeleteDefaultAcl(storage::Transaction& txn, uint32_t id) {
  txn.Delete(RecordKey(kDefaultAclRecord, id));
}

void CatalogManager::WriteComments(storage::Transaction& txn, const Catalog& catalog, uint32_t object_id) {
  std::vector<CommentEntry> comments = catalog.CommentsOf(object_id);
  if (comments.empty()) {
    txn.Delete(RecordKey(kCommentRecord, object_id));
  } else {
    txn.Put(RecordKey(kCommentRecord, object_id), Catalog::SerializeComments(comments));
  }
}

void CatalogManager::WriteDependencies(storage::Transaction& txn, const Catalog& catalog, uint32_t object_id) {
  std::vector<Dependency> deps = catalog.StoredDependencies(object_id);
  if (deps.empty()) {
    txn.Delete(RecordKey(kDependencyRecord, object_id));
  } else {
    txn.Put(RecordKey(kDependencyRecord, object_id), Catalog::SerializeDependencies(deps));
  }
}

void CatalogManager::WriteNextId(storage::Transaction& txn, uint32_t next_id) {
  BinaryWriter w;
  w.U32(next_id);
  txn.Put(RecordKey(kMeta, 0), w.data());
}

}  // namespace kanto
