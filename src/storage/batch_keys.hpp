// The keys a RocksDB write batch writes (puts, deletes, merges), with their column family ids, in
// batch order: what a recovered prepared transaction locks again, and what a savepoint rollback
// leaves for SERIALIZABLE's write set. Two-phase-commit markers are skipped.
#pragma once

#include <rocksdb/write_batch.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kanto::storage {

class BatchKeys : public rocksdb::WriteBatch::Handler {
 public:
  std::vector<std::pair<uint32_t, std::string>> keys;
  rocksdb::Status PutCF(uint32_t cf, const rocksdb::Slice& key, const rocksdb::Slice&) override { return Add(cf, key); }
  rocksdb::Status DeleteCF(uint32_t cf, const rocksdb::Slice& key) override { return Add(cf, key); }
  rocksdb::Status SingleDeleteCF(uint32_t cf, const rocksdb::Slice& key) override { return Add(cf, key); }
  rocksdb::Status MergeCF(uint32_t cf, const rocksdb::Slice& key, const rocksdb::Slice&) override {
    return Add(cf, key);
  }
  rocksdb::Status MarkBeginPrepare(bool) override { return rocksdb::Status::OK(); }
  rocksdb::Status MarkEndPrepare(const rocksdb::Slice&) override { return rocksdb::Status::OK(); }
  rocksdb::Status MarkNoop(bool) override { return rocksdb::Status::OK(); }

 private:
  rocksdb::Status Add(uint32_t cf, const rocksdb::Slice& key) {
    keys.emplace_back(cf, key.ToString());
    return rocksdb::Status::OK();
  }
};

}  // namespace kanto::storage
