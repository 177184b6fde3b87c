// Keyspaces: the RocksDB column families of one TransactionDB, one per database other than the
// default one (which is the default column family, so that data directories written before
// there were databases open unchanged). See docs/databases.md.
#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/write_batch.h>

#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/status.hpp"

namespace kanto::storage {

std::shared_ptr<rocksdb::ColumnFamilyHandle> Engine::Handle(rocksdb::ColumnFamilyHandle* raw) {
  // The handle goes when its last Engine does; it keeps the instance open until then.
  std::shared_ptr<rocksdb::TransactionDB> db = db_;
  return std::shared_ptr<rocksdb::ColumnFamilyHandle>(raw, [db](rocksdb::ColumnFamilyHandle* h) {
    db->DestroyColumnFamilyHandle(h);
  });
}

std::vector<std::string> Engine::KeyspaceNames() {
  std::lock_guard<std::mutex> lock(keyspaces_mu_);
  std::vector<std::string> out;
  for (const auto& [name, handle] : keyspaces_) out.push_back(name);
  return out;
}

bool Engine::HasKeyspace(const std::string& name) {
  std::lock_guard<std::mutex> lock(keyspaces_mu_);
  return keyspaces_.count(name) > 0;
}

void Engine::CreateKeyspace(const std::string& name, Engine* source, const std::function<bool(std::string_view)>& skip) {
  rocksdb::ColumnFamilyHandle* raw = nullptr;
  {
    std::lock_guard<std::mutex> lock(keyspaces_mu_);
    if (keyspaces_.count(name)) throw Error(sqlstate::kInternalError, "keyspace \"" + name + "\" exists already");
    ThrowIfError(db_->CreateColumnFamily(*column_options_, name, &raw));
    keyspaces_[name] = Handle(raw);
  }
  if (!source) return;
  // The copy reads the source's newest committed keys; writes land in batches, the last synced.
  rocksdb::ReadOptions ro;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, source->cf_.get()));
  rocksdb::WriteBatch batch;
  rocksdb::WriteOptions wo;
  try {
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view key(it->key().data(), it->key().size());
      if (skip && skip(key)) continue;
      ThrowIfError(batch.Put(raw, it->key(), it->value()));
      if (batch.GetDataSize() >= (4u << 20)) {
        ThrowIfError(db_->Write(wo, &batch));
        batch.Clear();
      }
    }
    ThrowIfError(it->status());
    wo.sync = options_.sync_commit;
    ThrowIfError(db_->Write(wo, &batch));
  } catch (...) {
    it.reset();
    try {
      DropKeyspace(name);
    } catch (...) {
    }
    throw;
  }
}

std::unique_ptr<Engine> Engine::OpenKeyspace(const std::string& name) {
  std::shared_ptr<rocksdb::ColumnFamilyHandle> handle;
  {
    std::lock_guard<std::mutex> lock(keyspaces_mu_);
    auto it = keyspaces_.find(name);
    if (it == keyspaces_.end()) return nullptr;
    handle = it->second;
  }
  auto engine = std::unique_ptr<Engine>(new Engine());
  engine->db_ = db_;
  engine->options_ = options_;
  engine->ssi_ = ssi_;
  engine->root_ = this;
  engine->cf_ = handle;
  engine->keyspace_id_ = handle->GetID();
  engine->column_options_ = column_options_;
  return engine;
}

void Engine::DropKeyspace(const std::string& name) {
  std::lock_guard<std::mutex> lock(keyspaces_mu_);
  auto it = keyspaces_.find(name);
  if (it == keyspaces_.end()) return;
  ThrowIfError(db_->DropColumnFamily(it->second.get()));
  keyspaces_.erase(it);
}

}  // namespace kanto::storage
