#include "storage/wal_syncer.hpp"

#include <chrono>

#include <rocksdb/db.h>

namespace kanto::storage {

WalSyncer::~WalSyncer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void WalSyncer::Note() {
  if (pending_.exchange(true, std::memory_order_acq_rel)) return;
  std::call_once(started_, [this] { thread_ = std::thread([this] { Run(); }); });
}

void WalSyncer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait_for(lock, std::chrono::milliseconds(kDelayMs), [this] { return stop_; });
    // A failed sync is retried at the next round; a commit that syncs reports the I/O error.
    if (pending_.exchange(false, std::memory_order_acq_rel)) {
      lock.unlock();
      db_->SyncWAL().PermitUncheckedError();
      lock.lock();
    }
    if (stop_) return;
  }
}

}  // namespace kanto::storage
