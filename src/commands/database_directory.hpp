// DatabaseDirectory: what CREATE / ALTER / DROP DATABASE need of the data directory beyond the
// catalog: the sessions connected to each database and the keyspaces that hold them. The API
// façade implements it (main/cluster.cpp); commands/database.cpp checks the statements.
#pragma once

#include <cstdint>

#include "catalog/catalog.hpp"

namespace kanto::commands {

class DatabaseDirectory {
 public:
  virtual ~DatabaseDirectory() = default;
  // The sessions connected to database `id`, the calling session excluded.
  virtual int OtherSessions(uint32_t id) = 0;
  // Creates database `entry` (its id and keyspace are assigned) as a copy of database `source`,
  // committed at once; 55006 while other sessions are connected to `source`. Returns the id.
  virtual uint32_t Create(DatabaseEntry entry, const DatabaseEntry& source) = 0;
  // Drops the database and its keys, committed at once; 55006 while other sessions are connected
  // (`force`: they are terminated first, as pg_terminate_backend does).
  virtual void Drop(const DatabaseEntry& entry, bool force) = 0;
};

// "There is 1 other session using the database." / "There are N other sessions ..."
std::string OtherSessionsDetail(int sessions);

}  // namespace kanto::commands
