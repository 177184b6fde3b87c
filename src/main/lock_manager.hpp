// LockManager: PostgreSQL's heavyweight locks -- table locks (LOCK TABLE and the implicit lock each
// statement takes on the relations it reads or writes) and advisory locks -- with the eight lock
// modes and their conflict table, held per session (session-scoped advisory locks) or to the end of
// the transaction. Waits end at lock_timeout, statement_timeout, a cancel or a terminate; a session
// that has waited deadlock_timeout looks for a cycle in the waits-for graph, which also holds the
// sessions waiting for row locks in storage (deadlock_detector.cpp).
//
// Locks live in 16 partitions (by tag hash), each with its own mutex, and a session keeps the locks
// it holds in its own table: taking a lock the transaction already has costs no shared state.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kanto {

namespace storage {
class Engine;
}
class SessionState;
class SessionRegistry;

enum class LockMode : uint8_t {
  kAccessShare = 1,
  kRowShare,
  kRowExclusive,
  kShareUpdateExclusive,
  kShare,
  kShareRowExclusive,
  kExclusive,
  kAccessExclusive,
};
// "AccessShareLock", ... (pg_locks.mode, the deadlock DETAIL).
const char* LockModeName(LockMode mode);
bool LockModesConflict(LockMode a, LockMode b);

struct LockTag {
  enum class Kind : uint8_t { kRelation, kAdvisory };
  Kind kind = Kind::kRelation;
  uint32_t id1 = 0;  // relation OID; advisory: the bigint key's high half, or the first int4 key
  uint32_t id2 = 0;  // advisory: the bigint key's low half, or the second int4 key
  uint16_t id3 = 0;  // advisory: 1 for a bigint key, 2 for two int4 keys (pg_locks.objsubid)
  bool operator==(const LockTag&) const = default;

  static LockTag Relation(uint32_t oid) { return {Kind::kRelation, oid, 0, 0}; }
  static LockTag Advisory(int64_t key) {
    auto u = static_cast<uint64_t>(key);
    return {Kind::kAdvisory, static_cast<uint32_t>(u >> 32), static_cast<uint32_t>(u), 1};
  }
  static LockTag Advisory(int32_t key1, int32_t key2) {
    return {Kind::kAdvisory, static_cast<uint32_t>(key1), static_cast<uint32_t>(key2), 2};
  }
  // As PostgreSQL's deadlock DETAIL names it: "relation 16385 of database 5", "advisory lock [5,0,1,1]".
  std::string Describe() const;
};

struct LockTagHash {
  size_t operator()(const LockTag& t) const {
    uint64_t h = (static_cast<uint64_t>(t.id1) << 32 | t.id2) * 0x9E3779B97F4A7C15ull;
    return static_cast<size_t>(h ^ (h >> 29) ^ (static_cast<uint64_t>(t.kind) << 7) ^ t.id3);
  }
};

enum class LockScope : uint8_t { kTransaction, kSession };

// The locks one session holds: counts per (tag, mode) and scope. Only the session's thread uses it.
struct HeldLocks {
  struct Key {
    LockTag tag;
    LockMode mode;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const { return LockTagHash()(k.tag) * 31 + static_cast<size_t>(k.mode); }
  };
  struct Counts {
    uint32_t transaction = 0;
    uint32_t session = 0;
  };
  std::unordered_map<Key, Counts, KeyHash> locks;
  // The transaction-level locks in the order the transaction first took them (a savepoint marks a
  // length: ROLLBACK TO releases what came after it).
  std::vector<Key> transaction_order;
};

// How long a wait may take. Times are steady-clock microseconds; 0: no limit.
struct LockWaitLimits {
  int64_t lock_deadline = 0;       // lock_timeout: 55P03 "canceling statement due to lock timeout"
  int64_t statement_deadline = 0;  // statement_timeout: 57014
  int64_t deadlock_timeout_ms = 1000;
};

// One lock holder or waiter, as pg_locks shows it.
struct LockStatus {
  LockTag tag;
  LockMode mode;
  int32_t pid = 0;
  bool granted = false;
  int64_t wait_start_micros = 0;  // wall clock, for waiters
};

// Throws when a wait must end now: 57P01 after pg_terminate_backend, 57014 at a cancel or past
// statement_timeout, 55P03 past lock_timeout. `now`: steady-clock microseconds.
void CheckLockWaitEnd(const SessionState& session, const LockWaitLimits& limits, int64_t now);

class LockManager {
 public:
  LockManager(SessionRegistry& sessions, storage::Engine& engine);
  ~LockManager();

  // Takes the lock (again: locks are re-entrant, counted per scope). With `dont_wait`, returns
  // false instead of waiting. Throws 55P03 / 57014 / 57P01 / 40P01 when a wait ends without it.
  bool Acquire(SessionState& session, const LockTag& tag, LockMode mode, LockScope scope, bool dont_wait,
               const LockWaitLimits& limits, bool* waited = nullptr);
  // Gives back one count of a lock; false when the session holds no such lock in that scope.
  bool Release(SessionState& session, const LockTag& tag, LockMode mode, LockScope scope);
  // Every lock of the scope (the transaction's at its end; the session's advisory locks at
  // pg_advisory_unlock_all and disconnect). `advisory_only`: relation locks stay.
  void ReleaseAll(SessionState& session, LockScope scope, bool advisory_only = false);

  // ROLLBACK TO SAVEPOINT (and an error inside one): the transaction-level locks first taken after
  // the savepoint, which marked `mark` = held.transaction_order.size(), go; those held before stay.
  void ReleaseTransactionLocksAfter(SessionState& session, size_t mark);
  // PREPARE TRANSACTION (PostgreSQL's rules): whether the session holds a session-level and a
  // transaction-level lock on one object (then it cannot prepare, 0A000).
  static bool HoldsBothScopes(const SessionState& session);
  // After the storage transaction is prepared: its transaction-level locks pass to the prepared
  // transaction `gid` (held by no session, pg_locks.pid null) until ReleasePrepared(gid).
  void TransferToPrepared(SessionState& session, const std::string& gid);
  // COMMIT / ROLLBACK PREPARED: the prepared transaction's locks go (none when it has none here).
  void ReleasePrepared(const std::string& gid);
  // The session's transaction-level locks in database `database`, encoded to be kept with its
  // prepared state (storage::Transaction::PreparedInfo::locks); the same locks taken again for the
  // prepared transaction `gid` from that encoding (after a restart, or when the database is opened
  // again), when they are `database`'s; and the database of an encoding (0: unknown).
  static std::string EncodeTransactionLocks(const SessionState& session, uint32_t database);
  void AdoptPrepared(const std::string& gid, std::string_view encoded, uint32_t database);
  static uint32_t PreparedDatabase(std::string_view encoded);

  // Every holder and waiter (pg_locks).
  std::vector<LockStatus> Status() const;

  // The waits-for graph (deadlock_detector.cpp): throws 40P01 when `session` is on a cycle.
  void CheckDeadlock(SessionState& session) const;

 private:
  struct Waiter {
    SessionState* session;
    LockMode mode;
    bool granted = false;
    int64_t since_micros = 0;
    std::condition_variable cv;
  };
  struct Holder {
    SessionState* session;
    uint16_t modes;  // bit per LockMode
  };
  struct Entry {
    std::vector<Holder> holders;
    std::list<Waiter*> waiters;
  };
  struct Partition {
    mutable std::mutex mu;
    std::unordered_map<LockTag, Entry, LockTagHash> entries;
  };
  static constexpr size_t kPartitions = 16;

  Partition& PartitionOf(const LockTag& tag) { return partitions_[LockTagHash()(tag) % kPartitions]; }
  // Whether `session` may have `mode` now: no other holder has a conflicting mode, and no waiter
  // before `until` (all of them when null) from another session asks for a conflicting one (unless
  // the session already holds a lock on the object).
  static bool Grantable(const Entry& e, const SessionState* session, LockMode mode, const Waiter* until);
  static void Grant(Entry& e, SessionState* session, LockMode mode);
  // After a release or a waiter leaving: grants what can be granted, in queue order.
  static void WakeWaiters(Entry& e);
  void ReleaseOne(SessionState& session, const LockTag& tag, LockMode mode);

  SessionRegistry& sessions_;
  storage::Engine& engine_;
  Partition partitions_[kPartitions];
  // The holders of prepared transactions' locks, by gid.
  std::mutex prepared_mu_;
  std::map<std::string, std::unique_ptr<SessionState>> prepared_;
};

}  // namespace kanto
