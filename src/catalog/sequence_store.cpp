#include "catalog/sequence_store.hpp"

#include "common/binary_io.hpp"
#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/key_encoding.hpp"

namespace kanto {

namespace {
constexpr int64_t kLogAhead = 32;  // values reserved beyond CACHE at each write (PostgreSQL's SEQ_LOG_VALS)
constexpr uint8_t kRecordVersion = 1;

std::string StateKey(uint32_t id) {
  storage::KeyWriter w;
  w.AppendObjectId(id);
  w.AppendObjectId(0);
  return w.Release();
}

// One step from `v`; false when it would pass the bound (after wrapping when the sequence cycles).
bool Step(const SequenceEntry& seq, int64_t v, int64_t* next) {
  if (seq.increment > 0) {
    if (v > seq.max_value - seq.increment) {
      if (!seq.cycle) return false;
      *next = seq.min_value;
      return true;
    }
  } else if (v < seq.min_value - seq.increment) {
    if (!seq.cycle) return false;
    *next = seq.max_value;
    return true;
  }
  *next = v + seq.increment;
  return true;
}

[[noreturn]] void LimitReached(const SequenceEntry& seq) {
  bool up = seq.increment > 0;
  throw Error(sqlstate::kSequenceGeneratorLimitExceeded,
              std::string("nextval: reached ") + (up ? "maximum" : "minimum") + " value of sequence \"" + seq.name +
                  "\" (" + std::to_string(up ? seq.max_value : seq.min_value) + ")");
}
}  // namespace

SequenceStore::~SequenceStore() {
  for (auto& [id, slot] : slots_) {
    // Only counters whose record is ahead of them (values reserved and not handed out). A counter
    // of a sequence dropped meanwhile writes a record no later sequence reads (another instance).
    if (!slot->loaded || slot->state.log_cnt == 0) continue;
    try {
      Write(id, slot->instance, slot->state.last_value, slot->state.is_called);
    } catch (...) {
      // Closing after a storage failure: the reserved range is skipped, as after a crash.
    }
  }
}

SequenceStore::Slot& SequenceStore::SlotFor(const SequenceEntry& seq) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = slots_[seq.id];
  if (!slot) slot = std::make_unique<Slot>();
  return *slot;
}

void SequenceStore::Load(const SequenceEntry& seq, Slot& slot) {
  if (slot.loaded && slot.instance == seq.instance) return;
  slot.state = State{seq.start, 0, false};
  auto txn = engine_.Begin(storage::IsolationLevel::kReadCommitted);
  txn->BeginStatement();
  std::string value;
  if (txn->Get(StateKey(seq.id), &value)) {
    BinaryReader r(value);
    if (r.U8() != kRecordVersion) throw Error(sqlstate::kDataCorrupted, "could not decode sequence record: unknown version");
    uint64_t instance = r.U64();
    int64_t last = static_cast<int64_t>(r.U64());
    bool called = r.Bool();
    if (instance == seq.instance) slot.state = State{last, 0, called};
  }
  txn->Rollback();
  slot.loaded = true;
  slot.instance = seq.instance;
}

void SequenceStore::Write(uint32_t id, uint64_t instance, int64_t value, bool is_called) {
  BinaryWriter w;
  w.U8(kRecordVersion);
  w.U64(instance);
  w.U64(static_cast<uint64_t>(value));
  w.Bool(is_called);
  auto txn = engine_.Begin(storage::IsolationLevel::kReadCommitted);
  txn->BeginStatement();
  txn->Put(StateKey(id), w.data());
  txn->Commit();
}

int64_t SequenceStore::Next(const SequenceEntry& seq) {
  Slot& slot = SlotFor(seq);
  std::lock_guard<std::mutex> lock(slot.mu);
  Load(seq, slot);
  State& s = slot.state;
  int64_t result = s.last_value;
  if (s.is_called && !Step(seq, s.last_value, &result)) LimitReached(seq);
  if (s.log_cnt < 1 || !s.is_called) {
    // Reserve CACHE + 32 values from `result` on: the record holds the last of them.
    int64_t ahead = result;
    int64_t reserved = 1;
    for (int64_t want = seq.cache + kLogAhead; reserved < want; reserved++) {
      int64_t next;
      if (!Step(seq, ahead, &next)) break;
      ahead = next;
    }
    Write(seq, ahead, true);
    s.log_cnt = reserved;
  }
  s.log_cnt--;
  s.last_value = result;
  s.is_called = true;
  return result;
}

void SequenceStore::Set(const SequenceEntry& seq, int64_t value, bool is_called) {
  Slot& slot = SlotFor(seq);
  std::lock_guard<std::mutex> lock(slot.mu);
  Write(seq, value, is_called);
  slot.loaded = true;
  slot.instance = seq.instance;
  slot.state = State{value, 0, is_called};
}

SequenceStore::State SequenceStore::Read(const SequenceEntry& seq) {
  Slot& slot = SlotFor(seq);
  std::lock_guard<std::mutex> lock(slot.mu);
  Load(seq, slot);
  return slot.state;
}

void SequenceStore::Reset(const SequenceEntry& seq) {
  Slot& slot = SlotFor(seq);
  std::lock_guard<std::mutex> lock(slot.mu);
  slot.loaded = true;
  slot.instance = seq.instance;
  slot.state = State{seq.start, 0, false};
}

}  // namespace kanto
