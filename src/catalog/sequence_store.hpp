// Sequence values. Each sequence's counter lives in storage under its own id (see
// docs/storage-format.md) and changes outside the user's transaction, as in PostgreSQL: a value
// handed out is never given back, even when the transaction that took it rolls back.
//
// Values are handed out from memory, one database-wide counter per sequence under a mutex, and the
// storage record is written (synced, in a transaction of its own) only when the values logged ahead
// run out: each write reserves CACHE + 32 values. After a restart the counter resumes after the
// reserved range, so a value is never handed out twice; the rest of a range may be skipped (as
// PostgreSQL skips its log_cnt values after a crash).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "catalog/catalog.hpp"

namespace kanto {

namespace storage {
class Engine;
}  // namespace storage

class SequenceStore {
 public:
  explicit SequenceStore(storage::Engine& engine) : engine_(engine) {}
  // A clean close writes each counter's exact state, so a restart resumes after the last value
  // handed out rather than after the reserved range (as PostgreSQL after a clean shutdown).
  ~SequenceStore();

  // The sequence's state as SELECT * FROM seq shows it.
  struct State {
    int64_t last_value = 0;
    int64_t log_cnt = 0;
    bool is_called = false;
  };

  // nextval: throws 2200H at MAXVALUE / MINVALUE without CYCLE.
  int64_t Next(const SequenceEntry& seq);
  // setval / ALTER SEQUENCE RESTART (the caller checks the bounds). Written through at once.
  void Set(const SequenceEntry& seq, int64_t value, bool is_called);
  State Read(const SequenceEntry& seq);
  // A new sequence (CREATE SEQUENCE, serial, identity): starts at START, forgetting any value
  // stored under the same id before.
  void Reset(const SequenceEntry& seq);

 private:
  struct Slot {
    std::mutex mu;
    bool loaded = false;
    uint64_t instance = 0;
    State state;
  };
  Slot& SlotFor(const SequenceEntry& seq);  // locked by the caller after
  void Load(const SequenceEntry& seq, Slot& slot);
  void Write(const SequenceEntry& seq, int64_t value, bool is_called) { Write(seq.id, seq.instance, value, is_called); }
  void Write(uint32_t id, uint64_t instance, int64_t value, bool is_called);

  storage::Engine& engine_;
  std::mutex mu_;
  std::map<uint32_t, std::unique_ptr<Slot>> slots_;
};

}  // namespace kanto
