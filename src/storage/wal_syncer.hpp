// The WAL syncer: what PostgreSQL's WAL writer does for synchronous_commit = off. A commit that did
// not wait for the WAL sync tells it (Note); within kDelayMs a thread of its own syncs the WAL, so
// that a crash of the machine loses at most the commits of the last fraction of a second. Started
// by the first such commit: an engine whose commits all sync has no thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace rocksdb {
class DB;
}

namespace kanto::storage {

class WalSyncer {
 public:
  static constexpr int kDelayMs = 200;  // PostgreSQL's wal_writer_delay default

  explicit WalSyncer(rocksdb::DB* db) : db_(db) {}
  // Syncs what is pending, then stops the thread. REQUIRES: the DB is still open.
  ~WalSyncer();
  // A commit was written to the WAL without a sync. Cheap when one is pending already.
  void Note();

 private:
  void Run();

  rocksdb::DB* db_;
  std::atomic<bool> pending_{false};
  std::once_flag started_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace kanto::storage
