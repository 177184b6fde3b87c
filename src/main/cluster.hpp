// Cluster: one data directory: its storage instance, the databases it holds (records in the shared
// keyspace, see docs/databases.md) and the ones open now. Each open database is one Database
// object, shared by all its connections; each DatabaseImpl holds the cluster.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "kanto/kanto.hpp"
#include "storage/engine.hpp"

namespace kanto {

namespace commands {
class DatabaseDirectory;
}

class Cluster : public std::enable_shared_from_this<Cluster> {
 public:
  // Opens the directory; a directory without database records gets "kanto" (the default keyspace,
  // so directories written before there were databases open unchanged), template1 and template0.
  // Keyspaces no record names (a CREATE DATABASE cut short) are dropped. Throws kanto::Error.
  static std::shared_ptr<Cluster> Open(const std::string& path, const Options& options);
  ~Cluster();

  storage::Engine& root() { return *root_; }
  const Options& options() const { return options_; }
  const std::string& path() const { return path_; }
  // When Open opened the directory (pg_postmaster_start_time), wall-clock microseconds.
  int64_t opened_micros() const { return opened_micros_; }

  // The database `name` ("": the default one), open once and shared by its connections. Throws
  // 3D000 when there is none.
  std::shared_ptr<Database> OpenDatabase(const std::string& name);
  // After a transaction changed roles or databases: each open database's catalog takes them.
  void RefreshShared();
  // The databases' names by id (as last committed).
  std::map<uint32_t, std::string> DatabaseNames();

  // The commands::DatabaseDirectory of a session connected to database `self`.
  std::unique_ptr<commands::DatabaseDirectory> Directory(uint32_t self);
  // What it does: `self` is the calling session's database.
  int Sessions(uint32_t id);
  uint32_t Create(DatabaseEntry entry, const DatabaseEntry& source, uint32_t self);
  void Drop(const DatabaseEntry& entry, bool force);

 private:
  Cluster() = default;
  std::vector<DatabaseEntry> ReadDatabases();
  void Bootstrap();
  std::shared_ptr<Database> OpenLocked(const DatabaseEntry& entry);
  std::shared_ptr<Database> Live(uint32_t id);  // null when not open

  std::string path_;
  Options options_;
  int64_t opened_micros_ = 0;
  std::unique_ptr<storage::Engine> root_;
  std::mutex mu_;  // open_, and CREATE / DROP DATABASE one at a time
  std::map<uint32_t, std::weak_ptr<Database>> open_;
};

}  // namespace kanto
