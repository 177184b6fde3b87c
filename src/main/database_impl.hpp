// DatabaseImpl: one open database of a data directory (its keyspace's storage engine, its catalog,
// its sessions); the directory itself is the Cluster (main/cluster.hpp).
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "catalog/catalog_manager.hpp"
#include "catalog/sequence_store.hpp"
#include "kanto/kanto.hpp"
#include "main/notifications.hpp"
#include "main/lock_manager.hpp"
#include "main/session_registry.hpp"
#include "main/setting_values.hpp"
#include "optimizer/optimizer.hpp"
#include "storage/engine.hpp"

namespace kanto {

// Table sizes for the optimizer, estimated from storage and cached for a second.
class StorageStatistics : public Statistics {
 public:
  explicit StorageStatistics(storage::Engine& engine) : engine_(engine) {}
  double TableRows(const TableEntry& table) const override;
  // ANALYZE: the next estimate reads storage again.
  void Forget(uint32_t table_id) {
    std::lock_guard<std::mutex> lock(mu_);
    cache_.erase(table_id);
  }

 private:
  struct Entry {
    double rows = 0;
    std::chrono::steady_clock::time_point at;
  };
  storage::Engine& engine_;
  mutable std::mutex mu_;
  mutable std::map<uint32_t, Entry> cache_;
};

class Cluster;

class DatabaseImpl {
 public:
  // Opens database `entry` of the cluster (its catalog from its keyspace). Throws kanto::Error.
  DatabaseImpl(std::shared_ptr<Cluster> cluster, const DatabaseEntry& entry);
  ~DatabaseImpl();

  storage::Engine& engine() { return *engine_; }
  CatalogManager& catalog() { return *catalog_; }
  const Options& options() const;
  const std::string& path() const;
  Cluster& cluster() { return *cluster_; }
  uint32_t id() const { return id_; }
  // The connections to this database (DROP DATABASE refuses while there are any).
  int connection_count() const { return connections_.load(); }
  void AddConnection() { connections_++; }
  void RemoveConnection() { connections_--; }
  // Set by DROP DATABASE: a connection that still comes (a race with the drop) gets 3D000.
  bool dropped() const { return dropped_.load(); }
  void MarkDropped() { dropped_.store(true); }
  // DROP DATABASE ... WITH (FORCE): ends every session connected, as pg_terminate_backend does.
  void TerminateSessions();
  const Statistics& statistics() const { return *statistics_; }
  StorageStatistics& storage_statistics() { return *statistics_; }
  SequenceStore& sequences() { return *sequences_; }
  NotificationHub& notifications() { return *notifications_; }
  // Temporary schema slots: each session with temporary objects holds one number N (pg_temp_N),
  // the smallest free one from 1 on.
  int AcquireTempSlot();
  void ReleaseTempSlot(int slot);
  SessionRegistry& sessions() { return sessions_; }
  LockManager& locks() { return *locks_; }
  // The settings' defaults (DefaultSettingValues), one map shared by the sessions.
  const std::shared_ptr<const SettingValues::Map>& setting_defaults() const { return setting_defaults_; }

 private:
  std::shared_ptr<Cluster> cluster_;  // first: it outlives the keyspace's engine
  uint32_t id_ = 0;
  std::unique_ptr<storage::Engine> own_engine_;  // null for the default keyspace (the cluster's)
  storage::Engine* engine_ = nullptr;
  std::atomic<int> connections_{0};
  std::atomic<bool> dropped_{false};
  std::unique_ptr<CatalogManager> catalog_;
  std::unique_ptr<StorageStatistics> statistics_;
  std::unique_ptr<SequenceStore> sequences_;
  std::unique_ptr<NotificationHub> notifications_;
  std::mutex temp_slots_mu_;
  std::set<int> temp_slots_;
  SessionRegistry sessions_;
  std::unique_ptr<LockManager> locks_;
  std::shared_ptr<const SettingValues::Map> setting_defaults_;
};

}  // namespace kanto
