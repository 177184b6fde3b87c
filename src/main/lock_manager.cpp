#include "common/clock.hpp"
#include "main/lock_manager.hpp"

#include <algorithm>
#include <chrono>

#include "kanto/error.hpp"
#include "main/session_registry.hpp"

namespace kanto {

namespace {
constexpr uint16_t Bit(LockMode m) { return static_cast<uint16_t>(1u << static_cast<unsigned>(m)); }

// PostgreSQL's conflict table: the modes each mode conflicts with.
uint16_t ConflictMask(LockMode mode) {
  using M = LockMode;
  switch (mode) {
    case M::kAccessShare: return Bit(M::kAccessExclusive);
    case M::kRowShare: return Bit(M::kExclusive) | Bit(M::kAccessExclusive);
    case M::kRowExclusive:
      return Bit(M::kShare) | Bit(M::kShareRowExclusive) | Bit(M::kExclusive) | Bit(M::kAccessExclusive);
    case M::kShareUpdateExclusive:
      return Bit(M::kShareUpdateExclusive) | Bit(M::kShare) | Bit(M::kShareRowExclusive) | Bit(M::kExclusive) |
             Bit(M::kAccessExclusive);
    case M::kShare:
      return Bit(M::kRowExclusive) | Bit(M::kShareUpdateExclusive) | Bit(M::kShareRowExclusive) | Bit(M::kExclusive) |
             Bit(M::kAccessExclusive);
    case M::kShareRowExclusive:
      return Bit(M::kRowExclusive) | Bit(M::kShareUpdateExclusive) | Bit(M::kShare) | Bit(M::kShareRowExclusive) |
             Bit(M::kExclusive) | Bit(M::kAccessExclusive);
    case M::kExclusive:
      return Bit(M::kRowShare) | Bit(M::kRowExclusive) | Bit(M::kShareUpdateExclusive) | Bit(M::kShare) |
             Bit(M::kShareRowExclusive) | Bit(M::kExclusive) | Bit(M::kAccessExclusive);
    case M::kAccessExclusive: return 0x1fe;
  }
  return 0x1fe;
}


}  // namespace

void CheckLockWaitEnd(const SessionState& s, const LockWaitLimits& limits, int64_t now) {
  if (s.terminate.load()) throw Error("57P01", "terminating connection due to administrator command");
  if (s.cancel && s.cancel->load()) throw Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
  if (limits.lock_deadline && now >= limits.lock_deadline) {
    throw Error(sqlstate::kLockNotAvailable, "canceling statement due to lock timeout");
  }
  if (limits.statement_deadline && now >= limits.statement_deadline) {
    throw Error(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
  }
}

namespace {
void SetWaitEvent(SessionState& s, const char* type, const char* event) {
  std::lock_guard<std::mutex> lock(s.mu);
  s.wait_event_type = type;
  s.wait_event = event;
}
}  // namespace

LockManager::LockManager(SessionRegistry& sessions, storage::Engine& engine) : sessions_(sessions), engine_(engine) {}
LockManager::~LockManager() = default;

const char* LockModeName(LockMode mode) {
  switch (mode) {
    case LockMode::kAccessShare: return "AccessShareLock";
    case LockMode::kRowShare: return "RowShareLock";
    case LockMode::kRowExclusive: return "RowExclusiveLock";
    case LockMode::kShareUpdateExclusive: return "ShareUpdateExclusiveLock";
    case LockMode::kShare: return "ShareLock";
    case LockMode::kShareRowExclusive: return "ShareRowExclusiveLock";
    case LockMode::kExclusive: return "ExclusiveLock";
    case LockMode::kAccessExclusive: return "AccessExclusiveLock";
  }
  return "";
}

bool LockModesConflict(LockMode a, LockMode b) { return (ConflictMask(a) & Bit(b)) != 0; }

bool LockManager::Grantable(const Entry& e, const SessionState* session, LockMode mode, const Waiter* until) {
  uint16_t conflicts = ConflictMask(mode);
  bool holds_any = false;
  for (const Holder& h : e.holders) {
    if (h.session == session) {
      holds_any = true;
    } else if (h.modes & conflicts) {
      return false;
    }
  }
  if (holds_any) return true;
  for (const Waiter* w : e.waiters) {
    if (w == until) break;
    if (!w->granted && w->session != session && (conflicts & Bit(w->mode))) return false;
  }
  return true;
}

void LockManager::Grant(Entry& e, SessionState* session, LockMode mode) {
  for (Holder& h : e.holders) {
    if (h.session == session) {
      h.modes |= Bit(mode);
      return;
    }
  }
  e.holders.push_back({session, Bit(mode)});
}

void LockManager::WakeWaiters(Entry& e) {
  for (Waiter* w : e.waiters) {
    if (w->granted || !Grantable(e, w->session, w->mode, w)) continue;
    Grant(e, w->session, w->mode);
    w->granted = true;
    w->cv.notify_one();
  }
}

bool LockManager::Acquire(SessionState& session, const LockTag& tag, LockMode mode, LockScope scope, bool dont_wait,
                          const LockWaitLimits& limits, bool* waited) {
  HeldLocks::Counts& counts = session.held.locks[{tag, mode}];
  auto count_it = [&] {
    if (scope == LockScope::kSession) {
      counts.session++;
    } else if (counts.transaction++ == 0) {
      session.held.transaction_order.push_back({tag, mode});
    }
  };
  if (counts.session + counts.transaction > 0) {
    count_it();
    return true;
  }
  Partition& p = PartitionOf(tag);
  std::unique_lock<std::mutex> lock(p.mu);
  Entry& e = p.entries[tag];
  if (Grantable(e, &session, mode, nullptr)) {
    Grant(e, &session, mode);
    lock.unlock();
    count_it();
    return true;
  }
  auto give_up = [&] {
    if (e.holders.empty() && e.waiters.empty()) p.entries.erase(tag);
    lock.unlock();
    session.held.locks.erase({tag, mode});
  };
  if (dont_wait) {
    give_up();
    return false;
  }
  if (waited) *waited = true;
  Waiter w{&session, mode, false, WallMicros(), {}};
  // As PostgreSQL: a session that already holds a lock an earlier waiter waits for goes in front of
  // that waiter -- or, when its own request conflicts with that waiter's, it is a deadlock at once.
  uint16_t mine = 0;
  for (const Holder& h : e.holders) {
    if (h.session == &session) mine = h.modes;
  }
  auto pos = e.waiters.end();
  for (auto it = e.waiters.begin(); mine && it != e.waiters.end(); ++it) {
    const Waiter& other = **it;
    if (other.granted || other.session == &session || !(ConflictMask(other.mode) & mine)) continue;
    if (LockModesConflict(mode, other.mode)) {
      std::string detail = "Process " + std::to_string(session.pid) + " waits for " + LockModeName(mode) + " on " +
                           tag.Describe() + "; blocked by process " + std::to_string(other.session->pid) +
                           ".\nProcess " + std::to_string(other.session->pid) + " waits for " +
                           LockModeName(other.mode) + " on " + tag.Describe() + "; blocked by process " +
                           std::to_string(session.pid) + ".";
      give_up();
      throw Error(sqlstate::kDeadlockDetected, "deadlock detected")
          .WithDetail(detail)
          .WithHint("See server log for query details.");
    }
    pos = it;
    break;
  }
  e.waiters.insert(pos, &w);
  bool relation = tag.kind == LockTag::Kind::kRelation;
  lock.unlock();
  SetWaitEvent(session, "Lock", relation ? "relation" : "advisory");
  lock.lock();
  int64_t start = SteadyMicros();
  int64_t next_deadlock_check = start + limits.deadlock_timeout_ms * 1000;
  try {
    while (!w.granted) {
      int64_t now = SteadyMicros();
      CheckLockWaitEnd(session, limits, now);
      if (limits.deadlock_timeout_ms > 0 && now >= next_deadlock_check) {
        lock.unlock();
        CheckDeadlock(session);
        lock.lock();
        next_deadlock_check = SteadyMicros() + limits.deadlock_timeout_ms * 1000;
        continue;
      }
      int64_t until = now + 100000;
      for (int64_t d : {limits.lock_deadline, limits.statement_deadline, next_deadlock_check}) {
        if (d > 0) until = std::min(until, d);
      }
      w.cv.wait_for(lock, std::chrono::microseconds(std::max<int64_t>(until - now, 1000)));
    }
  } catch (...) {
    if (!lock.owns_lock()) lock.lock();
    e.waiters.remove(&w);
    if (!w.granted) {
      WakeWaiters(e);
      give_up();
      SetWaitEvent(session, "", "");
      throw;
    }
    // Granted while giving up: keep it (the transaction's end, or the caller, releases it).
  }
  e.waiters.remove(&w);
  lock.unlock();
  SetWaitEvent(session, "", "");
  count_it();
  return true;
}

void LockManager::ReleaseOne(SessionState& session, const LockTag& tag, LockMode mode) {
  Partition& p = PartitionOf(tag);
  std::lock_guard<std::mutex> lock(p.mu);
  auto it = p.entries.find(tag);
  if (it == p.entries.end()) return;
  Entry& e = it->second;
  for (size_t i = 0; i < e.holders.size(); i++) {
    if (e.holders[i].session != &session) continue;
    e.holders[i].modes &= static_cast<uint16_t>(~Bit(mode));
    if (e.holders[i].modes == 0) e.holders.erase(e.holders.begin() + static_cast<long>(i));
    break;
  }
  WakeWaiters(e);
  if (e.holders.empty() && e.waiters.empty()) p.entries.erase(it);
}

bool LockManager::Release(SessionState& session, const LockTag& tag, LockMode mode, LockScope scope) {
  auto it = session.held.locks.find({tag, mode});
  if (it == session.held.locks.end()) return false;
  uint32_t& n = scope == LockScope::kSession ? it->second.session : it->second.transaction;
  if (n == 0) return false;
  n--;
  if (it->second.session + it->second.transaction == 0) {
    session.held.locks.erase(it);
    ReleaseOne(session, tag, mode);
  }
  return true;
}

void LockManager::ReleaseAll(SessionState& session, LockScope scope, bool advisory_only) {
  if (scope == LockScope::kTransaction) session.held.transaction_order.clear();
  for (auto it = session.held.locks.begin(); it != session.held.locks.end();) {
    const HeldLocks::Key key = it->first;
    if (advisory_only && key.tag.kind != LockTag::Kind::kAdvisory) {
      ++it;
      continue;
    }
    (scope == LockScope::kSession ? it->second.session : it->second.transaction) = 0;
    if (it->second.session + it->second.transaction > 0) {
      ++it;
      continue;
    }
    it = session.held.locks.erase(it);
    ReleaseOne(session, key.tag, key.mode);
  }
}

void LockManager::ReleaseTransactionLocksAfter(SessionState& session, size_t mark) {
  auto& order = session.held.transaction_order;
  while (order.size() > mark) {
    const HeldLocks::Key key = order.back();
    order.pop_back();
    auto it = session.held.locks.find(key);
    if (it == session.held.locks.end()) continue;
    it->second.transaction = 0;
    if (it->second.session > 0) continue;
    session.held.locks.erase(it);
    ReleaseOne(session, key.tag, key.mode);
  }
}

bool LockManager::HoldsBothScopes(const SessionState& session) {
  std::unordered_map<LockTag, uint8_t, LockTagHash> scopes;  // bit 1: transaction, bit 2: session
  for (const auto& [key, counts] : session.held.locks) {
    uint8_t& bits = scopes[key.tag];
    bits |= (counts.transaction ? 1 : 0) | (counts.session ? 2 : 0);
    if (bits == 3) return true;
  }
  return false;
}

void LockManager::TransferToPrepared(SessionState& session, const std::string& gid) {
  auto holder = std::make_unique<SessionState>();
  for (auto it = session.held.locks.begin(); it != session.held.locks.end();) {
    const HeldLocks::Key key = it->first;
    if (it->second.transaction == 0) {
      ++it;
      continue;
    }
    // HoldsBothScopes was false: the session holds no session-level lock on this object.
    holder->held.locks[key].transaction = it->second.transaction;
    it = session.held.locks.erase(it);
    Partition& p = PartitionOf(key.tag);
    std::lock_guard<std::mutex> lock(p.mu);
    Entry& e = p.entries[key.tag];
    for (size_t i = 0; i < e.holders.size(); i++) {
      if (e.holders[i].session != &session) continue;
      e.holders[i].modes &= static_cast<uint16_t>(~Bit(key.mode));
      if (e.holders[i].modes == 0) e.holders.erase(e.holders.begin() + static_cast<long>(i));
      break;
    }
    Grant(e, holder.get(), key.mode);  // the same modes stay held: no waiter can go on
  }
  session.held.transaction_order.clear();
  std::lock_guard<std::mutex> lock(prepared_mu_);
  prepared_[gid] = std::move(holder);
}

void LockManager::ReleasePrepared(const std::string& gid) {
  std::unique_ptr<SessionState> holder;
  {
    std::lock_guard<std::mutex> lock(prepared_mu_);
    auto it = prepared_.find(gid);
    if (it == prepared_.end()) return;
    holder = std::move(it->second);
    prepared_.erase(it);
  }
  ReleaseAll(*holder, LockScope::kTransaction);
}

// The database (4 bytes, big-endian), then per lock: kind, id1 and id2 (4 bytes each), id3 (2
// bytes), mode.
std::string LockManager::EncodeTransactionLocks(const SessionState& session, uint32_t database) {
  std::string out;
  auto put = [&](uint64_t v, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xff));
  };
  put(database, 4);
  for (const auto& [key, counts] : session.held.locks) {
    if (counts.transaction == 0) continue;
    put(static_cast<uint8_t>(key.tag.kind), 1);
    put(key.tag.id1, 4);
    put(key.tag.id2, 4);
    put(key.tag.id3, 2);
    put(static_cast<uint8_t>(key.mode), 1);
  }
  return out;
}

uint32_t LockManager::PreparedDatabase(std::string_view encoded) {
  if (encoded.size() < 4) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) v = v << 8 | static_cast<unsigned char>(encoded[i]);
  return v;
}

void LockManager::AdoptPrepared(const std::string& gid, std::string_view encoded, uint32_t database) {
  constexpr size_t kSize = 12;
  if (PreparedDatabase(encoded) != database) return;
  auto holder = std::make_unique<SessionState>();
  for (size_t at = 4; at + kSize <= encoded.size(); at += kSize) {
    auto get = [&](size_t from, int bytes) {
      uint64_t v = 0;
      for (int i = 0; i < bytes; i++) v = v << 8 | static_cast<unsigned char>(encoded[at + from + i]);
      return v;
    };
    auto kind = static_cast<LockTag::Kind>(get(0, 1));
    auto mode = static_cast<LockMode>(get(11, 1));
    if ((kind != LockTag::Kind::kRelation && kind != LockTag::Kind::kAdvisory) || mode < LockMode::kAccessShare ||
        mode > LockMode::kAccessExclusive) {
      continue;  // not an encoding of this version: nothing to hold
    }
    LockTag tag{kind, static_cast<uint32_t>(get(1, 4)), static_cast<uint32_t>(get(5, 4)),
                static_cast<uint16_t>(get(9, 2))};
    holder->held.locks[{tag, mode}].transaction = 1;
    Partition& p = PartitionOf(tag);
    std::lock_guard<std::mutex> lock(p.mu);
    // Held together before: granted at once, as the restart's recovery does before any session.
    Grant(p.entries[tag], holder.get(), mode);
  }
  std::lock_guard<std::mutex> lock(prepared_mu_);
  prepared_[gid] = std::move(holder);
}

std::vector<LockStatus> LockManager::Status() const {
  std::vector<LockStatus> out;
  for (const Partition& p : partitions_) {
    std::lock_guard<std::mutex> lock(p.mu);
    for (const auto& [tag, e] : p.entries) {
      for (const Holder& h : e.holders) {
        for (unsigned m = 1; m <= 8; m++) {
          if (h.modes & (1u << m)) out.push_back({tag, static_cast<LockMode>(m), h.session->pid, true, 0});
        }
      }
      for (const Waiter* w : e.waiters) {
        if (!w->granted) out.push_back({tag, w->mode, w->session->pid, false, w->since_micros});
      }
    }
  }
  return out;
}

}  // namespace kanto
