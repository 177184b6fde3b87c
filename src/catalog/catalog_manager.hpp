// CatalogManager: loads the catalog from storage at open, hands out the published snapshot, and
// serializes DDL: a transaction that changes the catalog holds the DDL lock until it ends, then
// publishes its version (commit) or drops it (rollback).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace kanto {

namespace storage {
class Engine;
class Transaction;
}  // namespace storage

class CatalogManager {
 public:
  // Reads every catalog record. Throws XX001 on a corrupt record.
  CatalogManager(storage::Engine& engine, uint32_t database_id = kDefaultDatabaseId);

  // Roles and databases are shared by every database (stored in the default keyspace). After a
  // transaction changed them, each database's manager re-reads them (`engine`: its own keyspace's
  // Engine), and later publications keep them.
  void RefreshShared(storage::Engine& engine);
  static void ReadShared(storage::Transaction& txn, std::vector<RoleEntry>* roles, std::vector<DatabaseEntry>* databases);
  // Whether a key of the default keyspace is a shared record (not copied into a new database).
  static bool IsSharedRecordKey(std::string_view key);
  // An id for a role or database, unique in the data directory (a counter in the shared keyspace,
  // locked until the transaction ends).
  static uint32_t AllocateSharedId(storage::Transaction& txn);

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
  static void WriteType(storage::Transaction& txn, const TypeEntry& type);
  static void DeleteType(storage::Transaction& txn, uint32_t id);
  static void WriteSequence(storage::Transaction& txn, const SequenceEntry& seq);
  static void DeleteSequence(storage::Transaction& txn, uint32_t id);
  static void WriteNextId(storage::Transaction& txn, uint32_t next_id);
  static void WriteDefaultAcl(storage::Transaction& txn, const DefaultAclEntry& entry);
  static void DeleteDefaultAcl(storage::Transaction& txn, uint32_t id);
  // Writes (or deletes, when there are none) the stored dependencies of object `object_id`.
  static void WriteDependencies(storage::Transaction& txn, const Catalog& catalog, uint32_t object_id);
  // Writes (or deletes, when there are none) the comments on object `object_id` and its columns.
  static void WriteComments(storage::Transaction& txn, const Catalog& catalog, uint32_t object_id);
  static void WriteRole(storage::Transaction& txn, const RoleEntry& role);
  static void DeleteRole(storage::Transaction& txn, uint32_t id);
  static void WriteDatabase(storage::Transaction& txn, const DatabaseEntry& db);
  static void DeleteDatabase(storage::Transaction& txn, uint32_t id);

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool ddl_locked_ = false;
  std::shared_ptr<const Catalog> current_;
  std::vector<RoleEntry> shared_roles_;
  std::vector<DatabaseEntry> shared_databases_;
  uint64_t shared_version_ = 0;
};

}  // namespace kanto
