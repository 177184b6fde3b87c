// CatalogManager: loads the catalog from storage at open, hands out the published snapshot, and
// serializes DDL: a transaction that changes the catalog holds the DDL lock until it ends, then
// publishes its version (commit) or drops it (rollback).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>

#include "catalog/catalog.hpp"

namespace kanto {

namespace storage {
class Engine;
class Transaction;
}  // namespace storage

class CatalogManager {
 public:
  // Reads every catalog record. Throws XX001 on a corrupt record.
  explicit CatalogManager(storage::Engine& engine);

  std::shared_ptr<const Catalog> Current() const;

  // Waits (up to timeout_ms) for the DDL lock; throws 55P03 on timeout. The lock is not tied to a
  // thread: the connection that took it releases it, from whichever thread it runs on.
  void LockDdl(int timeout_ms);
  // Publishes `catalog` (after the transaction committed) and releases the DDL lock.
  void PublishAndUnlock(std::shared_ptr<const Catalog> catalog);
  void Unlock();

  // Record writers: called inside the DDL transaction.
  static void WriteSchema(storage::Transaction& txn, const SchemaEntry& schema);
  static void DeleteSchema(storage::Transaction& txn, uint32_t id);
  static void WriteTable(storage::Transaction& txn, const TableEntry& table);
  static void DeleteTable(storage::Transaction& txn, uint32_t id);
  static void WriteSequence(storage::Transaction& txn, const SequenceEntry& seq);
  static void DeleteSequence(storage::Transaction& txn, uint32_t id);
  static void WriteNextId(storage::Transaction& txn, uint32_t next_id);
  // Writes (or deletes, when there are none) the stored dependencies of object `object_id`.
  static void WriteDependencies(storage::Transaction& txn, const Catalog& catalog, uint32_t object_id);
  static void WriteRole(storage::Transaction& txn, const RoleEntry& role);
  static void DeleteRole(storage::Transaction& txn, uint32_t id);

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool ddl_locked_ = false;
  std::shared_ptr<const Catalog> current_;
};

}  // namespace kanto
