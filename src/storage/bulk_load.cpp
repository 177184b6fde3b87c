// BulkLoad, DropRangeAtCommit and the dropping of recorded ranges (bulk_load.hpp,
// docs/bulk-load.md).
//
// A drop record is the key [u32 2][u32 0][lower] with the value [kind][upper]: kind 'b' for a
// range being built (no catalog names it until the building transaction commits the record's
// deletion), 'd' for a range the catalog stopped naming (dropped with an MVCC range deletion, so
// that older snapshots still read it). Records are dropped by DropRecordedRanges: at the end of a
// transaction that recorded one and at Engine::Open; a 'b' range of a transaction still running
// (BulkState::building) is skipped.
#include "storage/bulk_load.hpp"

#include <rocksdb/convenience.h>
#include <rocksdb/db.h>
#include <rocksdb/sst_file_reader.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/utilities/transaction_db.h>
#include <rocksdb/write_batch.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <queue>
#include <set>

#include "kanto/error.hpp"
#include "storage/engine.hpp"
#include "storage/status.hpp"

namespace kanto::storage {

// What the engine keeps for bulk loads (one per RocksDB instance, in the default keyspace's Engine).
struct BulkState {
  std::mutex mu;
  std::set<std::pair<uint32_t, std::string>> building;  // (column family id, lower) of running builds
  std::mutex drop_mu;                                    // one DropRecordedRanges at a time
  std::string tmp_dir;                                   // the SST files before ingestion
  std::atomic<uint64_t> next_file{0};
};

namespace {
constexpr uint64_t kMergedFileBytes = 256u << 20;  // a merged output file is cut after this
constexpr char kBuilding = 'b', kDropped = 'd';

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
std::string_view View(const rocksdb::Slice& s) { return {s.data(), s.size()}; }

std::string RecordPrefix() { return std::string("\0\0\0\x02\0\0\0\0", 8); }
std::string RecordKey(std::string_view lower) { return RecordPrefix() + std::string(lower); }
// MarkOwnRange's keys: [u32 2][u32 1][u64 transaction id][prefix].
std::string MarkPrefix(uint64_t txn_id) {
  std::string key("\0\0\0\x02\0\0\0\x01", 8);
  for (int i = 7; i >= 0; i--) key.push_back(static_cast<char>((txn_id >> (8 * i)) & 0xff));
  return key;
}
// Deletes the marks stored under `prefix` (one transaction's, or all).
void DeleteMarks(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const std::string& prefix) {
  std::string end = prefix;
  while (!end.empty() && static_cast<uint8_t>(end.back()) == 0xff) end.pop_back();
  if (end.empty()) return;
  end.back()++;
  rocksdb::ReadOptions ro;
  rocksdb::Slice up = ToSlice(end);
  ro.iterate_upper_bound = &up;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf));
  rocksdb::WriteBatch batch;
  for (it->Seek(ToSlice(prefix)); it->Valid(); it->Next()) ThrowIfError(batch.Delete(cf, it->key()));
  ThrowIfError(it->status());
  if (batch.Count() > 0) ThrowIfError(db->Write(rocksdb::WriteOptions(), &batch));
}

bool RangeEmpty(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const std::string& lower, const std::string& upper) {
  rocksdb::ReadOptions ro;
  rocksdb::Slice up = ToSlice(upper);
  ro.iterate_upper_bound = &up;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf));
  it->Seek(ToSlice(lower));
  bool empty = !it->Valid();
  ThrowIfError(it->status());
  return empty;
}

// Removes the SST files that hold only keys of [lower, upper) (not MVCC-safe: for ranges no
// snapshot may read).
void DeleteFilesOf(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const std::string& lower, const std::string& upper) {
  rocksdb::Slice lo = ToSlice(lower), up = ToSlice(upper);
  ThrowIfError(rocksdb::DeleteFilesInRange(db, cf, &lo, &up, false));
}

// Drops one recorded range and its record in one synced write.
void DropRange(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, const std::string& lower, const std::string& upper,
               bool uncatalogued) {
  if (uncatalogued) DeleteFilesOf(db, cf, lower, upper);
  rocksdb::WriteBatch batch;
  // A range left empty needs no range deletion (which would make a later ingestion into it take
  // a sequence number newer than the snapshots).
  if (!uncatalogued || !RangeEmpty(db, cf, lower, upper)) ThrowIfError(batch.DeleteRange(cf, ToSlice(lower), ToSlice(upper)));
  ThrowIfError(batch.Delete(cf, ToSlice(RecordKey(lower))));
  rocksdb::WriteOptions wo;
  wo.sync = true;
  ThrowIfError(db->Write(wo, &batch));
}

rocksdb::Options SstOptions(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
  return rocksdb::Options(db->GetDBOptions(), db->GetOptions(cf));
}
}  // namespace

struct BulkLoad::Run {
  std::string file, first, last;
};

std::shared_ptr<BulkState> Engine::MakeBulkState(rocksdb::DB* db) {
  auto state = std::make_shared<BulkState>();
  state->tmp_dir = db->GetName() + "/kanto-bulk";
  std::error_code ec;
  std::filesystem::remove_all(state->tmp_dir, ec);  // files of a build that did not finish
  return state;
}

void Engine::DropRecordedRanges(rocksdb::ColumnFamilyHandle* cf) {
  BulkState& state = *root_->bulk_;
  std::lock_guard<std::mutex> drop_lock(state.drop_mu);
  rocksdb::DB* db = db_->GetRootDB();
  std::vector<std::pair<std::string, std::string>> records;
  {
    std::string prefix = RecordPrefix(), end = prefix;
    end.back()++;
    rocksdb::ReadOptions ro;
    rocksdb::Slice up = ToSlice(end);
    ro.iterate_upper_bound = &up;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf));
    for (it->Seek(ToSlice(prefix)); it->Valid(); it->Next()) {
      records.emplace_back(std::string(View(it->key()).substr(prefix.size())), std::string(View(it->value())));
    }
    ThrowIfError(it->status());
  }
  for (const auto& [lower, value] : records) {
    if (value.empty()) continue;
    {
      std::lock_guard<std::mutex> lock(state.mu);
      if (state.building.count({cf->GetID(), lower})) continue;
    }
    DropRange(db, cf, lower, value.substr(1), value[0] == kBuilding);
  }
}

void Engine::DropAllRecordedRanges() {
  rocksdb::DB* db = db_->GetRootDB();
  std::string marks("\0\0\0\x02\0\0\0\x01", 8);
  DeleteMarks(db, cf_.get(), marks);
  DropRecordedRanges(cf_.get());
  std::vector<std::shared_ptr<rocksdb::ColumnFamilyHandle>> handles;
  {
    std::lock_guard<std::mutex> lock(keyspaces_mu_);
    for (const auto& [name, handle] : keyspaces_) handles.push_back(handle);
  }
  for (const auto& handle : handles) {
    DeleteMarks(db, handle.get(), marks);
    DropRecordedRanges(handle.get());
  }
}

void Transaction::EndBulk() {
  if (bulk_ranges_.empty() && !bulk_drops_) return;
  BulkState& state = *engine_->bulk_;
  {
    std::lock_guard<std::mutex> lock(state.mu);
    for (const auto& lower : bulk_ranges_) state.building.erase({cf_->GetID(), lower});
  }
  bulk_ranges_.clear();
  bulk_drops_ = false;
  try {
    DeleteMarks(db_->GetRootDB(), cf_, MarkPrefix(Id()));
    engine_->DropRecordedRanges(cf_);
  } catch (...) {
    // The records stay; the next transaction end or Engine::Open drops the ranges.
  }
}

BulkLoad::BulkLoad(Transaction& txn, std::string lower, std::string upper, size_t run_bytes)
    : txn_(txn), lower_(std::move(lower)), upper_(std::move(upper)), run_bytes_(run_bytes) {}

BulkLoad::~BulkLoad() { RemoveFiles(); }

std::unique_ptr<BulkLoad> BulkLoad::Start(Transaction& txn, std::string lower, std::string upper, size_t run_bytes) {
  return std::unique_ptr<BulkLoad>(new BulkLoad(txn, std::move(lower), std::move(upper), run_bytes));
}

void BulkLoad::Add(std::string_view key, std::string_view value) {
  if (!entries_.empty()) {
    const Entry& last = entries_.back();
    if (std::string_view(data_.data() + last.offset, last.key_size) >= key) sorted_ = false;
  }
  entries_.push_back({data_.size(), static_cast<uint32_t>(key.size()), static_cast<uint32_t>(value.size())});
  data_.append(key);
  data_.append(value);
  count_++;
  if (data_.size() >= run_bytes_) FlushRun();
}

std::string BulkLoad::NewFileName() {
  BulkState& state = *txn_.engine_->bulk_;
  std::filesystem::create_directories(state.tmp_dir);
  std::string name = state.tmp_dir + "/" + std::to_string(getpid()) + "-" + std::to_string(state.next_file++) + ".sst";
  files_.push_back(name);
  return name;
}

void BulkLoad::RemoveFiles() {
  std::error_code ec;
  for (const auto& f : files_) std::filesystem::remove(f, ec);
  files_.clear();
}

// Sorts the current run and writes it to its own SST file; of equal keys the first is kept and
// the first such pair remembered for Finish.
void BulkLoad::FlushRun() {
  if (entries_.empty()) return;
  auto key_of = [this](const Entry& e) { return std::string_view(data_.data() + e.offset, e.key_size); };
  if (!sorted_) {
    std::stable_sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) { return key_of(a) < key_of(b); });
  }
  rocksdb::DB* db = txn_.db_->GetRootDB();
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), SstOptions(db, txn_.cf_), txn_.cf_);
  Run run;
  run.file = NewFileName();
  ThrowIfError(writer.Open(run.file));
  std::string_view prev;
  const Entry* prev_entry = nullptr;
  for (const Entry& e : entries_) {
    std::string_view key = key_of(e), value(data_.data() + e.offset + e.key_size, e.value_size);
    if (prev_entry && key == prev) {
      if (!have_duplicate_) {
        have_duplicate_ = true;
        duplicate_key_ = key;
        duplicate_first_ = std::string(data_.data() + prev_entry->offset + prev_entry->key_size, prev_entry->value_size);
        duplicate_second_ = value;
      }
      continue;
    }
    ThrowIfError(writer.Put(ToSlice(key), ToSlice(value)));
    prev = key;
    prev_entry = &e;
  }
  run.first = key_of(entries_.front());
  run.last = prev;
  ThrowIfError(writer.Finish());
  runs_.push_back(std::move(run));
  std::vector<Entry>().swap(entries_);
  data_.clear();
  sorted_ = true;
}

// The runs as files to ingest: themselves when their key ranges follow each other, else their
// merge (a k-way merge of the run files into new files), which also finds equal keys across runs.
std::vector<std::string> BulkLoad::MergeRuns() {
  std::sort(runs_.begin(), runs_.end(), [](const Run& a, const Run& b) { return a.first < b.first; });
  bool ordered = true;
  for (size_t i = 1; i < runs_.size(); i++) ordered = ordered && runs_[i - 1].last < runs_[i].first;
  std::vector<std::string> out;
  if (ordered) {
    for (const Run& run : runs_) out.push_back(run.file);
    return out;
  }
  rocksdb::DB* db = txn_.db_->GetRootDB();
  rocksdb::Options options = SstOptions(db, txn_.cf_);
  std::vector<std::unique_ptr<rocksdb::SstFileReader>> readers;
  std::vector<std::unique_ptr<rocksdb::Iterator>> its;
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  for (const Run& run : runs_) {
    readers.push_back(std::make_unique<rocksdb::SstFileReader>(options));
    ThrowIfError(readers.back()->Open(run.file));
    its.emplace_back(readers.back()->NewIterator(ro));
    its.back()->SeekToFirst();
  }
  // Min-heap of run indexes by current key; equal keys pop in run order.
  auto greater = [&](size_t a, size_t b) {
    int c = its[a]->key().compare(its[b]->key());
    return c != 0 ? c > 0 : a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(greater)> heap(greater);
  for (size_t i = 0; i < its.size(); i++) {
    if (its[i]->Valid()) heap.push(i);
  }
  std::unique_ptr<rocksdb::SstFileWriter> writer;
  std::string prev_key, prev_value;
  bool have_prev = false;
  while (!heap.empty()) {
    size_t i = heap.top();
    heap.pop();
    std::string_view key = View(its[i]->key()), value = View(its[i]->value());
    if (have_prev && key == prev_key) {
      if (!have_duplicate_) {
        have_duplicate_ = true;
        duplicate_key_ = key;
        duplicate_first_ = prev_value;
        duplicate_second_ = value;
      }
    } else {
      if (!writer) {
        writer = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options, txn_.cf_);
        out.push_back(NewFileName());
        ThrowIfError(writer->Open(out.back()));
      }
      ThrowIfError(writer->Put(ToSlice(key), ToSlice(value)));
      prev_key = key;
      prev_value = value;
      have_prev = true;
      if (writer->FileSize() >= kMergedFileBytes) {
        ThrowIfError(writer->Finish());
        writer.reset();
      }
    }
    its[i]->Next();
    if (its[i]->Valid()) heap.push(i);
  }
  for (auto& it : its) ThrowIfError(it->status());
  if (writer) ThrowIfError(writer->Finish());
  its.clear();
  readers.clear();
  std::error_code ec;
  for (const Run& run : runs_) {
    std::filesystem::remove(run.file, ec);
    files_.erase(std::find(files_.begin(), files_.end(), run.file));
  }
  runs_.clear();
  return out;
}

void BulkLoad::Sort(const DuplicateFn& on_duplicate) {
  if (runs_.empty() && count_ < kWriteThroughEntries) {
    // Few entries: sorted here and written through the transaction, cheaper than files.
    auto key_of = [this](const Entry& e) { return std::string_view(data_.data() + e.offset, e.key_size); };
    if (!sorted_) {
      std::stable_sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) { return key_of(a) < key_of(b); });
    }
    for (size_t i = 1; i < entries_.size(); i++) {
      if (key_of(entries_[i]) != key_of(entries_[i - 1])) continue;
      auto value_of = [this](const Entry& e) { return std::string_view(data_.data() + e.offset + e.key_size, e.value_size); };
      on_duplicate(key_of(entries_[i]), value_of(entries_[i - 1]), value_of(entries_[i]));
      throw Error(sqlstate::kInternalError, "duplicate key in a bulk load");
    }
    in_memory_ = true;
    return;
  }
  FlushRun();
  for (const Run& run : runs_) {
    if (first_key_.empty() || run.first < first_key_) first_key_ = run.first;
    if (run.last > last_key_) last_key_ = run.last;
  }
  if (!have_duplicate_) sorted_files_ = MergeRuns();
  if (have_duplicate_) {
    RemoveFiles();
    on_duplicate(duplicate_key_, duplicate_first_, duplicate_second_);
    throw Error(sqlstate::kInternalError, "duplicate key in a bulk load");
  }
}

void BulkLoad::Finish(const DuplicateFn& on_duplicate) {
  Sort(on_duplicate);
  Ingest();
}

void BulkLoad::ForgetRange(const std::string& lower) {
  BulkState& state = *txn_.engine_->bulk_;
  std::lock_guard<std::mutex> lock(state.mu);
  state.building.erase({txn_.cf_->GetID(), lower});
  auto& ranges = txn_.bulk_ranges_;
  ranges.erase(std::remove(ranges.begin(), ranges.end(), lower), ranges.end());
}

// Drops, now, the ranges this transaction built that overlap [lower, upper) and that it no longer
// names (their drop record's deletion was undone by a rollback to a savepoint): their keys would
// otherwise be mixed with the new ones, and their records would drop the new ones at the end.
void BulkLoad::DropOwnOverlapping(const std::string& lower, const std::string& upper) {
  rocksdb::DB* db = txn_.db_->GetRootDB();
  std::vector<std::string> own = txn_.bulk_ranges_;
  for (const std::string& lo : own) {
    std::string record, seen;
    if (!db->Get(rocksdb::ReadOptions(), txn_.cf_, ToSlice(RecordKey(lo)), &record).ok() || record.empty()) continue;
    std::string hi = record.substr(1);
    if (!(lo < upper && lower < hi)) continue;
    if (!txn_.Get(RecordKey(lo), &seen)) continue;  // deleted in this transaction: the range is in use
    DropRange(db, txn_.cf_, lo, hi, true);
    ForgetRange(lo);
  }
}

// The fallback: the entries of [lower, upper) go into the transaction's write batch instead, read
// from the sorted files (`files`) or, once ingested, from storage (`ingested`).
void BulkLoad::WriteThrough(const std::vector<std::string>& files, bool ingested, const std::string& lower,
                            const std::string& upper) {
  rocksdb::DB* db = txn_.db_->GetRootDB();
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  auto put_all = [&](rocksdb::Iterator* it) {
    for (; it->Valid(); it->Next()) txn_.PutUnlocked(View(it->key()), View(it->value()));
    ThrowIfError(it->status());
  };
  if (ingested) {
    rocksdb::Slice up = ToSlice(upper);
    ro.iterate_upper_bound = &up;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, txn_.cf_));
    it->Seek(ToSlice(lower));
    put_all(it.get());
    return;
  }
  rocksdb::Options options = SstOptions(db, txn_.cf_);
  for (const auto& file : files) {
    rocksdb::SstFileReader reader(options);
    ThrowIfError(reader.Open(file));
    std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(ro));
    it->SeekToFirst();
    put_all(it.get());
  }
}

void BulkLoad::Ingest() {
  if (in_memory_) {
    for (const Entry& e : entries_) {
      txn_.PutUnlocked(std::string_view(data_.data() + e.offset, e.key_size),
                       std::string_view(data_.data() + e.offset + e.key_size, e.value_size));
    }
    return;
  }
  const std::vector<std::string>& files = sorted_files_;
  if (files.empty()) return;
  rocksdb::DB* db = txn_.db_->GetRootDB();
  // The range recorded is the entries' own, [first, last] (a COPY's rows are a part of the table's
  // row range, which later writes of the transaction may extend).
  std::string lower = first_key_, upper = last_key_ + std::string(1, '\0');
  DropOwnOverlapping(lower, upper);
  if (!RangeEmpty(db, txn_.cf_, lower, upper)) {
    WriteThrough(files, false, lower, upper);
    RemoveFiles();
    return;
  }
  {
    BulkState& state = *txn_.engine_->bulk_;
    std::lock_guard<std::mutex> lock(state.mu);
    state.building.insert({txn_.cf_->GetID(), lower});
    txn_.bulk_ranges_.push_back(lower);
  }
  rocksdb::WriteOptions wo;
  wo.sync = true;
  ThrowIfError(db->Put(wo, txn_.cf_, ToSlice(RecordKey(lower)), ToSlice(std::string(1, kBuilding) + upper)));
  rocksdb::IngestExternalFileOptions options;
  options.move_files = true;
  // Nothing is stored in the range and no catalog names it: the files may take sequence number 0
  // (seen by every snapshot, this transaction's own included).
  options.snapshot_consistency = false;
  options.allow_global_seqno = true;
  options.allow_blocking_flush = true;
  ThrowIfError(db->IngestExternalFile(txn_.cf_, files, options));
  RemoveFiles();  // (moved: the links are gone already; copied: the originals)
  std::string value;
  if (!txn_.Get(lower, &value)) {
    // RocksDB gave the files a sequence number newer than the transaction's snapshot (the range
    // held a range deletion): their entries go through the write batch, and the files go.
    WriteThrough({}, true, lower, upper);
    DropRange(db, txn_.cf_, lower, upper, true);
    ForgetRange(lower);
    return;
  }
  // The switch: the range is the transaction's once it commits this deletion of its drop record.
  txn_.DeleteUnlocked(RecordKey(lower));
}

void DropRangeAtCommit(Transaction& txn, std::string lower, std::string upper) {
  txn.PutUnlocked(RecordKey(lower), std::string(1, kDropped) + upper);
  txn.bulk_drops_ = true;
}

void MarkOwnRange(Transaction& txn, const std::string& prefix) {
  txn.PutUnlocked(MarkPrefix(txn.Id()) + prefix, "");
  txn.bulk_drops_ = true;
}

bool IsOwnRange(Transaction& txn, const std::string& prefix) {
  std::string value;
  return txn.Get(MarkPrefix(txn.Id()) + prefix, &value);
}

}  // namespace kanto::storage
