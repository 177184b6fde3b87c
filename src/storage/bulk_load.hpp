// Sorted bulk ingestion of a fresh key range (CREATE INDEX, ALTER TABLE ADD PRIMARY KEY on loaded
// rows): the entries are sorted in memory in bounded runs, written into SST files in key order
// (rocksdb::SstFileWriter, runs merged when they overlap) and ingested with IngestExternalFile,
// bypassing the transaction's write batch. Design and crash safety: docs/bulk-load.md.
//
// Transactional switch. Start records the range durably as "to drop" before anything is written;
// Finish ingests and, in the transaction, deletes that record. So the range survives only if the
// transaction commits with that delete (and with the catalog change naming the range, written in
// the same transaction by the caller); after a rollback, a rollback to an earlier savepoint or a
// crash, the record remains and the range is dropped (at the transaction's end, or at the next
// Engine::Open). DropRangeAtCommit records an old range (the rows ADD PRIMARY KEY moved) the other
// way round: the record is written in the transaction and the range dropped once it commits.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kanto::storage {

class Transaction;

class BulkLoad {
 public:
  // Called with the key and the values of the first two entries found with equal keys; must throw
  // (23505). The first duplicate is reported at Finish, after every entry was added.
  using DuplicateFn = std::function<void(std::string_view key, std::string_view first, std::string_view second)>;

  // Starts loading keys of [lower, upper), a range no committed catalog names (a new index id,
  // the rows of a table this transaction created or gave new row ids).
  // REQUIRES: the transaction holds the table so that no other transaction writes its keys.
  // `run_bytes`: entries (key and value bytes) sorted in memory at a time; each run goes to its
  // own file, and files whose key ranges overlap are merged at Finish.
  static std::unique_ptr<BulkLoad> Start(Transaction& txn, std::string lower, std::string upper,
                                         size_t run_bytes = kDefaultRunBytes);
  static constexpr size_t kDefaultRunBytes = 64u << 20;
  // Fewer entries than this go through the transaction's write batch (no files).
  static constexpr uint64_t kWriteThroughEntries = 1000;
  ~BulkLoad();
  BulkLoad(const BulkLoad&) = delete;
  BulkLoad& operator=(const BulkLoad&) = delete;

  // Adds an entry, in any order. REQUIRES: lower <= key < upper.
  void Add(std::string_view key, std::string_view value);
  // Entries added so far.
  uint64_t size() const { return count_; }
  // Sorts, checks for equal keys (on_duplicate), writes and ingests the SST files, and makes the
  // entries the transaction's (deletes their range's drop record in the transaction). Where
  // ingestion cannot be used (keys stored in the entries' range already, or RocksDB would not
  // show the ingested entries to the transaction's snapshot) the entries go into the
  // transaction's write batch instead: either way the transaction then reads them.
  void Finish(const DuplicateFn& on_duplicate);
  // Finish in two steps: Sort (and on_duplicate), then Ingest. Between them the caller may still
  // fail (then nothing was written).
  void Sort(const DuplicateFn& on_duplicate);
  void Ingest();

 private:
  struct Run;
  BulkLoad(Transaction& txn, std::string lower, std::string upper, size_t run_bytes);
  void FlushRun();
  std::string NewFileName();
  std::vector<std::string> MergeRuns();
  void RemoveFiles();
  void ForgetRange(const std::string& lower);
  void DropOwnOverlapping(const std::string& lower, const std::string& upper);
  void WriteThrough(const std::vector<std::string>& files, bool ingested, const std::string& lower,
                    const std::string& upper);

  Transaction& txn_;
  std::string lower_, upper_;
  size_t run_bytes_;
  // The current run: keys and values back to back in data_, entries_ pointing into it.
  struct Entry {
    uint64_t offset;
    uint32_t key_size, value_size;
  };
  std::string data_;
  std::vector<Entry> entries_;
  bool sorted_ = true;  // entries_ in strictly ascending key order as added
  std::vector<Run> runs_;
  std::vector<std::string> files_;  // every file written and not yet ingested or removed
  uint64_t count_ = 0;
  bool have_duplicate_ = false;
  std::string duplicate_key_, duplicate_first_, duplicate_second_;
  std::vector<std::string> sorted_files_;  // Sort's output, for Ingest
  std::string first_key_, last_key_;
  bool in_memory_ = false;  // Sort kept the entries in memory, for Ingest to write through
};

// Records [lower, upper) to be dropped whole (one range deletion) once `txn` commits: the old
// range of keys the transaction's catalog change no longer names. Nothing happens on rollback.
// REQUIRES: no other transaction writes keys in the range from now on.
void DropRangeAtCommit(Transaction& txn, std::string lower, std::string upper);

// Marks the keys under `prefix` as `txn`'s alone until it ends (a table it created or truncated):
// IsOwnRange tells COPY ... FREEZE it may load them. The mark is a key in the transaction's write
// batch, so a rollback to an earlier savepoint undoes it; what COMMIT stores of it goes when the
// transaction ends (and at Engine::Open).
void MarkOwnRange(Transaction& txn, const std::string& prefix);
bool IsOwnRange(Transaction& txn, const std::string& prefix);

}  // namespace kanto::storage
