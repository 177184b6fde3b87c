// Serializable snapshot isolation (SSI), after PostgreSQL's predicate.c design (Cahill, Röhm and
// Fekete 2008; Ports and Grittner 2012). A SERIALIZABLE transaction runs on one snapshot, as
// REPEATABLE READ does, and additionally
//  - records the key ranges it read (SIREAD "locks": point reads, scanned ranges; more than
//    SsiLimits::ranges_per_relation ranges in one relation become the whole relation) and the
//    keys it wrote;
//  - records a rw-antidependency R -> W whenever R read a key range in which a concurrent W wrote
//    (found at R's read when W wrote first, at W's write when R read first);
//  - fails with 40001 when a dangerous structure T0 -> T1 -> T2 (both edges rw, concurrent
//    transactions) forms in which T2 committed first, by PostgreSQL's rules (the same reason codes).
// Everything a committed transaction recorded is kept until no active serializable transaction
// overlaps it. Only serializable transactions take part; writes at other levels are not seen.
// One mutex guards the whole state.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/key_range_set.hpp"

namespace kanto::storage {

struct SsiLimits {
  size_t ranges_per_relation = 64;       // read ranges in one relation before it is read whole
  size_t ranges_per_transaction = 1024;  // read ranges in all relations before the largest is promoted
  size_t writes_per_relation = 4096;     // written keys in one relation before it counts as written whole
  size_t writes_per_transaction = 16384;  // written ranges in all relations before the largest is promoted
  // Ranges kept by all transactions: beyond this, the oldest committed ones that are still kept are
  // widened to whole relations (each then costs a few ranges per relation it touched).
  size_t total_ranges = 200000;
};

// Counters for tests and docs.
struct SsiStats {
  size_t active = 0;     // serializable transactions running
  size_t retained = 0;   // committed ones kept for overlapping transactions
  size_t read_ranges = 0;
  size_t written_ranges = 0;
  size_t total_ranges = 0;  // as the manager counts them (equals read_ranges + written_ranges)
};

struct SsiXact;  // one serializable transaction's record (ssi.cpp)

class SsiManager {
 public:

  explicit SsiManager(SsiLimits limits = {});
  ~SsiManager();

  // Registers a serializable transaction when it takes its snapshot; `take_snapshot` runs under
  // the manager's lock, so that the snapshot and the commit order agree. A READ ONLY transaction
  // whose snapshot is safe at once (no concurrent read-write serializable transaction) is not
  // tracked at all: nullptr. READ ONLY DEFERRABLE waits until a snapshot is safe (taking a new
  // one whenever it proves unsafe) and then runs untracked; `cancel` ends the wait with 57014.
  SsiXact* Begin(bool read_only, bool deferrable, const std::function<void()>& take_snapshot,
              const std::atomic<bool>* cancel);
  // The transaction read [lo, hi) (hi empty: unbounded). `examined`: it saw at least one key
  // (a doomed transaction then fails, as PostgreSQL does when it examines a tuple). With
  // `may_throw` false a failure dooms the transaction instead of throwing (iterator teardown).
  // Returns false when the transaction no longer needs tracking (a read-only transaction whose
  // snapshot became safe): the caller forgets it.
  bool OnRead(SsiXact* x, std::string_view lo, std::string_view hi, bool examined, bool may_throw = true);
  // The transaction examines a key (a scan found one): a doomed transaction fails here. False as
  // for OnRead.
  bool OnExamine(SsiXact* x);
  // The transaction wrote (put or deleted) `key`.
  void OnWrite(SsiXact* x, std::string_view key);
  // ROLLBACK TO SAVEPOINT undid some of its writes: `keys` are those it still has. Later reads
  // no longer conflict with the undone ones (PostgreSQL sees their subtransaction aborted); the
  // rw-conflicts they made while they stood stay, as in PostgreSQL.
  void ResetWrites(SsiXact* x, const std::vector<std::string>& keys);
  // Before the storage commit: fails with 40001 when committing would complete a dangerous
  // structure. False: nothing to track any more (safe read-only), the caller forgets it.
  bool PreCommit(SsiXact* x);
  // After the storage commit (committed) or at rollback. The manager owns and frees `x`.
  void Finish(SsiXact* x, bool committed);

  // PREPARE TRANSACTION: after PreCommit passed, x stays active (its reads and writes keep taking
  // part) until Finish. Its SIREAD ranges and written ranges, to keep with the prepared state.
  using Ranges = std::vector<std::pair<std::string, std::string>>;
  void Describe(SsiXact* x, Ranges* reads, Ranges* writes);
  // A prepared transaction recovered after a restart, as PostgreSQL recovers one: prepared before
  // every transaction since, with its ranges, and -- its rw-conflicts were not kept -- assumed to
  // have had a conflict in and a conflict out (a serializable transaction that reads what it
  // wrote then fails with 40001, as it would be the pivot of a dangerous structure).
  SsiXact* RecoverPrepared(const Ranges& reads, const Ranges& writes);

  SsiStats Stats();

 private:
  void FlagConflict(SsiXact* reader, SsiXact* writer, SsiXact* me, bool may_throw);
  void CheckConflict(SsiXact* reader, SsiXact* writer, SsiXact* me, bool may_throw);
  void Release(SsiXact* x);  // unlinks and frees
  void Cleanup();
  // Applies the per-transaction limits after x's reads or writes grew, and keeps total_ranges_.
  void Bound(SsiXact* x, std::string_view relation, size_t reads_before, size_t writes_before);

  SsiLimits limits_;
  std::mutex mu_;
  std::condition_variable safe_cv_;
  uint64_t seq_ = 1;  // last prepare/commit sequence number handed out
  uint64_t next_id_ = 1;
  size_t total_ranges_ = 0;  // reads and writes of every kept transaction
  std::map<uint64_t, std::unique_ptr<SsiXact>> xacts_;  // every tracked transaction, by id
  std::multiset<uint64_t> active_snapshots_;        // snapshot_seq of the active ones
  std::deque<SsiXact*> committed_;                     // retained committed ones, in commit order
};

}  // namespace kanto::storage
