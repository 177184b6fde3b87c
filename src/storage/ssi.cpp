#include "storage/ssi.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <vector>

#include "kanto/error.hpp"
#include "storage/key_encoding.hpp"

namespace kanto::storage {

struct SsiXact {
  uint64_t id = 0;
  uint64_t snapshot_seq = 0;  // transactions with commit_seq <= this are visible to its snapshot
  uint64_t prepare_seq = 0;   // set when PreCommit passed: it can no longer be cancelled
  uint64_t commit_seq = 0;
  bool declared_read_only = false;
  bool read_only = false;  // declared, or committed without writing
  bool active = false;     // between Begin and Finish (or an early release)
  bool doomed = false;     // another transaction decided that this one must fail
  bool did_write = false;
  // Committed with a rw-conflict out to a transaction that committed before it (PostgreSQL's
  // SXACT_FLAG_CONFLICT_OUT), and the earliest such commit.
  bool conflict_out = false;
  uint64_t earliest_out_conflict_commit = 0;
  bool ro_safe = false, ro_unsafe = false;
  bool coarsened = false;  // its ranges were widened to whole relations (total_ranges)
  // Recovered prepared: rw-conflicts in and out assumed (PostgreSQL's summary conflict flags).
  bool summary_in = false, summary_out = false;
  std::set<SsiXact*> in;   // readers R with R -rw-> this
  std::set<SsiXact*> out;  // writers W with this -rw-> W
  // A read-only transaction: the read-write ones that were running at its snapshot and could
  // still make it unsafe; a read-write transaction: the read-only ones that list it.
  std::set<SsiXact*> possible_unsafe;
  KeyRangeSet reads, writes;
  std::map<std::string, size_t, std::less<>> read_counts, write_counts;  // ranges per relation

  bool committed() const { return commit_seq != 0; }
  bool prepared() const { return prepare_seq != 0; }
};

namespace {
[[noreturn]] void Fail(const std::string& reason) {
  throw Error(sqlstate::kSerializationFailure,
              "could not serialize access due to read/write dependencies among transactions")
      .WithDetail("Reason code: " + reason)
      .WithHint("The transaction might succeed if retried.");
}

// A relation is a [table id][index id] key prefix: one table's rows, or one index.
std::string_view Relation(std::string_view key) { return key.substr(0, std::min<size_t>(8, key.size())); }

// Adds a range to `set` and keeps `counts` (ranges per relation) roughly right.
void AddCounted(KeyRangeSet& set, std::map<std::string, size_t, std::less<>>& counts, std::string lo, std::string hi) {
  std::string rel(Relation(lo));
  size_t before = set.size();
  set.Add(std::move(lo), std::move(hi));
  size_t& c = counts[rel];
  if (set.size() > before) {
    c += set.size() - before;
  } else {
    c -= std::min(c, before - set.size());
  }
  if (c == 0) c = 1;
}

// Replaces the ranges of `relation` by the whole relation.
void Promote(KeyRangeSet& set, std::map<std::string, size_t, std::less<>>& counts, const std::string& relation) {
  set.Add(relation, PrefixSuccessor(relation));
  counts[relation] = 1;
}
}  // namespace

SsiManager::SsiManager(SsiLimits limits) : limits_(limits) {}
SsiManager::~SsiManager() = default;

SsiXact* SsiManager::Begin(bool read_only, bool deferrable, const std::function<void()>& take_snapshot,
                                    const std::atomic<bool>* cancel) {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    auto owned = std::make_unique<SsiXact>();
    SsiXact* x = owned.get();
    x->id = next_id_++;
    x->declared_read_only = x->read_only = read_only;
    take_snapshot();
    x->snapshot_seq = seq_;
    if (read_only) {
      for (auto& [id, y] : xacts_) {
        if (y->active && !y->committed() && !y->doomed && !y->read_only) {
          x->possible_unsafe.insert(y.get());
          y->possible_unsafe.insert(x);
        }
      }
      // No concurrent read-write transaction: nothing can make this snapshot unsafe.
      if (x->possible_unsafe.empty()) return nullptr;
    }
    x->active = true;
    active_snapshots_.insert(x->snapshot_seq);
    xacts_.emplace(x->id, std::move(owned));
    if (!(read_only && deferrable)) return x;
    // READ ONLY DEFERRABLE: wait until every read-write transaction that was running at the
    // snapshot has finished without making it unsafe.
    while (!x->ro_safe && !x->ro_unsafe) {
      safe_cv_.wait_for(lock, std::chrono::milliseconds(100));
      if (cancel && cancel->load(std::memory_order_relaxed)) {
        Release(x);
        Cleanup();
        throw Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
      }
    }
    bool safe = x->ro_safe;
    Release(x);
    Cleanup();
    if (safe) return nullptr;
    // Unsafe: try again with a new snapshot.
  }
}

namespace {
// The relation with the most ranges.
std::string Largest(const std::map<std::string, size_t, std::less<>>& counts) {
  return std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
           return a.second < b.second;
         })->first;
}
}  // namespace

void SsiManager::Bound(SsiXact* x, std::string_view relation, size_t reads_before, size_t writes_before) {
  std::string rel(relation);
  auto read_count = x->read_counts.find(rel);
  if (read_count != x->read_counts.end() && read_count->second > limits_.ranges_per_relation) {
    Promote(x->reads, x->read_counts, rel);
  }
  if (x->reads.size() > limits_.ranges_per_transaction) Promote(x->reads, x->read_counts, Largest(x->read_counts));
  auto write_count = x->write_counts.find(rel);
  if (write_count != x->write_counts.end() && write_count->second > limits_.writes_per_relation) {
    Promote(x->writes, x->write_counts, rel);
  }
  if (x->writes.size() > limits_.writes_per_transaction) Promote(x->writes, x->write_counts, Largest(x->write_counts));
  total_ranges_ = total_ranges_ + x->reads.size() + x->writes.size() - reads_before - writes_before;
}

bool SsiManager::OnRead(SsiXact* x, std::string_view lo, std::string_view hi, bool examined, bool may_throw) {
  std::lock_guard<std::mutex> lock(mu_);
  if (x->ro_safe) {
    Release(x);
    Cleanup();
    return false;
  }
  if (examined && x->doomed && may_throw) Fail("Canceled on identification as a pivot, during conflict out checking.");
  // Already covered by an earlier read: every write in the range since then found that read.
  if (x->reads.Covers(lo, hi)) return true;
  size_t reads_before = x->reads.size(), writes_before = x->writes.size();
  AddCounted(x->reads, x->read_counts, std::string(lo), std::string(hi));
  Bound(x, Relation(lo), reads_before, writes_before);
  // rw-conflicts out: concurrent transactions that wrote in the range.
  for (auto& [id, wp] : xacts_) {
    SsiXact* w = wp.get();
    if (w == x || w->doomed || !w->writes.Overlaps(lo, hi)) continue;
    // A read-only transaction reading a committed write appears to run first, unless the writer
    // has a conflict out to a transaction that committed before this snapshot.
    if (x->read_only && w->committed() &&
        (!w->conflict_out || x->snapshot_seq < w->earliest_out_conflict_commit)) {
      continue;
    }
    if (w->committed() && w->commit_seq <= x->snapshot_seq) continue;  // in the snapshot
    if (x->out.count(w)) continue;
    FlagConflict(x, w, x, may_throw);
  }
  return true;
}

bool SsiManager::OnExamine(SsiXact* x) {
  std::lock_guard<std::mutex> lock(mu_);
  if (x->ro_safe) {
    Release(x);
    Cleanup();
    return false;
  }
  if (x->doomed) Fail("Canceled on identification as a pivot, during conflict out checking.");
  return true;
}

void SsiManager::OnWrite(SsiXact* x, std::string_view key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (x->doomed) Fail("Canceled on identification as a pivot, during conflict in checking.");
  x->did_write = true;
  size_t reads_before = x->reads.size(), writes_before = x->writes.size();
  AddCounted(x->writes, x->write_counts, std::string(key), KeySuccessor(key));
  Bound(x, Relation(key), reads_before, writes_before);
  // rw-conflicts in: concurrent transactions that read a range holding the key.
  for (auto& [id, rp] : xacts_) {
    SsiXact* r = rp.get();
    if (r == x || r->doomed || r->ro_safe) continue;
    if (r->committed() && r->commit_seq <= x->snapshot_seq) continue;  // finished before this snapshot
    if (x->in.count(r) || !r->reads.Contains(key)) continue;
    FlagConflict(r, x, x, true);
  }
}

void SsiManager::ResetWrites(SsiXact* x, const std::vector<std::string>& keys) {
  std::lock_guard<std::mutex> lock(mu_);
  total_ranges_ -= std::min(total_ranges_, x->writes.size());
  x->writes.clear();
  x->write_counts.clear();
  for (const std::string& key : keys) {
    size_t reads_before = x->reads.size(), writes_before = x->writes.size();
    AddCounted(x->writes, x->write_counts, key, KeySuccessor(key));
    Bound(x, Relation(key), reads_before, writes_before);
  }
}

void SsiManager::FlagConflict(SsiXact* reader, SsiXact* writer, SsiXact* me, bool may_throw) {
  CheckConflict(reader, writer, me, may_throw);
  reader->out.insert(writer);
  writer->in.insert(reader);
}

// PostgreSQL's OnConflict_CheckForSerializationFailure: the new edge reader -rw-> writer
// completes a dangerous structure whose last transaction committed first.
void SsiManager::CheckConflict(SsiXact* reader, SsiXact* writer, SsiXact* me, bool may_throw) {
  // reader -> writer -> T2, with the writer committed after T2.
  bool failure = (writer->committed() && writer->conflict_out) || writer->summary_out;
  if (!failure) {
    for (SsiXact* t2 : writer->out) {
      if (t2->prepared() && (!reader->committed() || t2->prepare_seq <= reader->commit_seq) &&
          (!writer->committed() || t2->prepare_seq <= writer->commit_seq) &&
          (!reader->read_only || t2->prepare_seq <= reader->snapshot_seq)) {
        failure = true;
        break;
      }
    }
  }
  // T0 -> reader -> writer, with the writer committed (or committing) first.
  if (!failure && writer->prepared() && !reader->read_only) {
    failure = reader->summary_in;
    for (SsiXact* t0 : reader->in) {
      if (failure) break;
      if (!t0->doomed && (!t0->committed() || t0->commit_seq >= writer->prepare_seq) &&
          (!t0->read_only || t0->snapshot_seq >= writer->prepare_seq)) {
        failure = true;
        break;
      }
    }
  }
  if (!failure) return;
  if (me == writer) Fail("Canceled on identification as a pivot, during write.");
  if (writer->prepared()) {
    // Too late to cancel the writer: the reader (this transaction) goes.
    if (!may_throw) {
      me->doomed = true;
      return;
    }
    Fail("Canceled on conflict out to pivot " + std::to_string(writer->id) + ", during read.");
  }
  writer->doomed = true;
}

bool SsiManager::PreCommit(SsiXact* x) {
  std::lock_guard<std::mutex> lock(mu_);
  if (x->ro_safe) {
    Release(x);
    Cleanup();
    return false;
  }
  if (x->doomed) Fail("Canceled on identification as a pivot, during commit attempt.");
  // far -> near -> x with x committing first: near (the pivot) must fail.
  for (SsiXact* near : x->in) {
    if (near->committed() || near->doomed) continue;
    for (SsiXact* far : near->in) {
      if (far == x || (!far->committed() && !far->read_only && !far->doomed)) {
        if (near->prepared()) Fail("Canceled on commit attempt with conflict in from prepared pivot.");
        near->doomed = true;
        break;
      }
    }
  }
  x->prepare_seq = ++seq_;
  return true;
}

void SsiManager::Finish(SsiXact* x, bool committed) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!committed) {
    Release(x);
    Cleanup();
    safe_cv_.notify_all();
    return;
  }
  x->commit_seq = ++seq_;
  if (!x->did_write) x->read_only = true;
  if (!x->read_only && x->summary_out) {
    x->conflict_out = true;  // to a transaction that committed before every other
    x->earliest_out_conflict_commit = 1;
  }
  if (!x->read_only) {
    for (SsiXact* w : x->out) {
      if (!w->committed()) continue;
      if (!x->conflict_out || w->prepare_seq < x->earliest_out_conflict_commit) {
        x->earliest_out_conflict_commit = w->prepare_seq;
      }
      x->conflict_out = true;
    }
  }
  if (!x->declared_read_only) {
    // Read-only transactions that were waiting for this one: unsafe if it wrote and has a conflict
    // out to a transaction that committed before their snapshot, otherwise one fewer to wait for.
    std::vector<SsiXact*> readers(x->possible_unsafe.begin(), x->possible_unsafe.end());
    for (SsiXact* ro : readers) {
      if (x->did_write && x->conflict_out && x->earliest_out_conflict_commit <= ro->snapshot_seq) {
        ro->ro_unsafe = true;
        for (SsiXact* p : ro->possible_unsafe) p->possible_unsafe.erase(ro);
        ro->possible_unsafe.clear();
      } else {
        ro->possible_unsafe.erase(x);
        x->possible_unsafe.erase(ro);
        if (ro->possible_unsafe.empty() && !ro->ro_unsafe) ro->ro_safe = true;
      }
    }
  }
  for (SsiXact* p : x->possible_unsafe) p->possible_unsafe.erase(x);
  x->possible_unsafe.clear();
  x->active = false;
  active_snapshots_.erase(active_snapshots_.find(x->snapshot_seq));
  committed_.push_back(x);
  Cleanup();
  safe_cv_.notify_all();
}

void SsiManager::Describe(SsiXact* x, Ranges* reads, Ranges* writes) {
  std::lock_guard<std::mutex> lock(mu_);
  x->reads.ForEach([&](const std::string& lo, const std::string& hi) { reads->emplace_back(lo, hi); });
  x->writes.ForEach([&](const std::string& lo, const std::string& hi) { writes->emplace_back(lo, hi); });
}

SsiXact* SsiManager::RecoverPrepared(const Ranges& reads, const Ranges& writes) {
  std::lock_guard<std::mutex> lock(mu_);
  auto owned = std::make_unique<SsiXact>();
  SsiXact* x = owned.get();
  x->id = next_id_++;
  x->snapshot_seq = 0;  // before everything since the restart
  x->prepare_seq = 1;
  x->active = true;
  x->summary_in = x->summary_out = true;
  for (const auto& [lo, hi] : reads) AddCounted(x->reads, x->read_counts, lo, hi);
  for (const auto& [lo, hi] : writes) AddCounted(x->writes, x->write_counts, lo, hi);
  x->did_write = !x->writes.empty();
  total_ranges_ += x->reads.size() + x->writes.size();
  active_snapshots_.insert(x->snapshot_seq);
  xacts_.emplace(x->id, std::move(owned));
  return x;
}

void SsiManager::Release(SsiXact* x) {
  for (SsiXact* p : x->in) p->out.erase(x);
  for (SsiXact* p : x->out) p->in.erase(x);
  if (!x->committed()) {
    // A read-write transaction that ends without committing cannot make a read-only one unsafe.
    for (SsiXact* ro : x->possible_unsafe) {
      ro->possible_unsafe.erase(x);
      if (!x->declared_read_only && ro->possible_unsafe.empty() && !ro->ro_unsafe) ro->ro_safe = true;
    }
  } else {
    for (SsiXact* p : x->possible_unsafe) p->possible_unsafe.erase(x);
  }
  if (x->active) active_snapshots_.erase(active_snapshots_.find(x->snapshot_seq));
  total_ranges_ -= x->reads.size() + x->writes.size();
  xacts_.erase(x->id);
}

// Frees the committed transactions that no active serializable transaction overlaps.
void SsiManager::Cleanup() {
  uint64_t oldest = active_snapshots_.empty() ? std::numeric_limits<uint64_t>::max() : *active_snapshots_.begin();
  while (!committed_.empty() && committed_.front()->commit_seq <= oldest) {
    SsiXact* c = committed_.front();
    committed_.pop_front();
    Release(c);
  }
  // Over the memory bound: widen the oldest committed transactions still kept to whole relations.
  for (SsiXact* c : committed_) {
    if (total_ranges_ <= limits_.total_ranges) break;
    if (c->coarsened) continue;
    size_t before = c->reads.size() + c->writes.size();
    c->reads.Coarsen(8);
    c->writes.Coarsen(8);
    c->coarsened = true;
    total_ranges_ = total_ranges_ + c->reads.size() + c->writes.size() - before;
  }
}

SsiStats SsiManager::Stats() {
  std::lock_guard<std::mutex> lock(mu_);
  SsiStats s;
  s.active = active_snapshots_.size();
  s.retained = committed_.size();
  for (auto& [id, x] : xacts_) {
    s.read_ranges += x->reads.size();
    s.written_ranges += x->writes.size();
  }
  s.total_ranges = total_ranges_;
  return s;
}

}  // namespace kanto::storage
