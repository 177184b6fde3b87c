// storage::BulkLoad and DropRangeAtCommit on a real RocksDB: what is ingested is seen by the
// transaction and kept by its commit only; duplicates are found within and across runs; old
// ranges go at commit while older snapshots still read them.
#include "storage/bulk_load.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "kanto/error.hpp"
#include "storage/engine.hpp"

namespace kanto::storage {
namespace {

// Keys of the test's range: [u32 20000][u32 7][4-digit number].
std::string Lower() { return std::string("\0\0\x4e\x20\0\0\0\x07", 8); }
std::string Upper() { return std::string("\0\0\x4e\x20\0\0\0\x08", 8); }
std::string Key(int n) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06d", n);
  return Lower() + digits;
}

class BulkLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kanto-bulk-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
            std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    Reopen();
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    engine_.reset();
    engine_ = Engine::Open(dir_.string(), {});
  }
  std::unique_ptr<Transaction> Begin(IsolationLevel level = IsolationLevel::kReadCommitted) {
    auto txn = engine_->Begin(level);
    txn->BeginStatement();
    return txn;
  }
  // The keys of [lower, upper) the transaction sees.
  static std::vector<std::string> Keys(Transaction& txn, std::string lower = Lower(), std::string upper = Upper()) {
    std::vector<std::string> out;
    for (auto it = txn.Scan(std::move(lower), std::move(upper)); it->Valid(); it->Next()) out.emplace_back(it->key());
    return out;
  }
  std::vector<std::string> CommittedKeys() {
    auto txn = Begin();
    return Keys(*txn);
  }
  // Loads keys n = count-1 .. 0 (descending, so sorting is needed) with values "v<n>".
  static void Load(BulkLoad& bulk, int count) {
    for (int n = count - 1; n >= 0; n--) bulk.Add(Key(n), "v" + std::to_string(n));
  }
  static BulkLoad::DuplicateFn NoDuplicate() {
    return [](std::string_view, std::string_view, std::string_view) { FAIL() << "no duplicate expected"; };
  }

  std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
};

TEST_F(BulkLoadTest, CommitKeepsWhatWasIngestedInKeyOrder) {
  auto txn = Begin();
  auto bulk = BulkLoad::Start(*txn, Lower(), Upper());
  Load(*bulk, 1000);
  bulk->Finish(NoDuplicate());
  std::vector<std::string> seen = Keys(*txn);  // the transaction sees its ingested keys
  ASSERT_EQ(seen.size(), 1000u);
  EXPECT_EQ(seen.front(), Key(0));
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  // Storage shows the keys to every snapshot at once (sequence number 0): which is why only a range
  // no catalog names may be loaded. A crash now would drop them at the next Open (see e2e bulk_load).
  EXPECT_EQ(CommittedKeys().size(), 1000u);
  txn->Commit();
  EXPECT_EQ(CommittedKeys().size(), 1000u);
  txn.reset();  // a transaction ends before its engine closes (the pool of finished ones is the engine's)
  Reopen();  // the commit deleted the range's drop record: Open keeps it
  EXPECT_EQ(CommittedKeys().size(), 1000u);
  std::string value;
  EXPECT_TRUE(Begin()->Get(Key(17), &value));
  EXPECT_EQ(value, "v17");
}

TEST_F(BulkLoadTest, RollbackDropsTheRangeAndItCanBeLoadedAgain) {
  {
    auto txn = Begin();
    auto bulk = BulkLoad::Start(*txn, Lower(), Upper());
      Load(*bulk, 2000);
    bulk->Finish(NoDuplicate());
    txn->Rollback();
  }
  EXPECT_TRUE(CommittedKeys().empty());
  auto txn = Begin();
  auto bulk = BulkLoad::Start(*txn, Lower(), Upper());  // empty again, so loadable
  Load(*bulk, 3);
  bulk->Finish(NoDuplicate());
  txn->Commit();
  EXPECT_EQ(CommittedKeys(), (std::vector<std::string>{Key(0), Key(1), Key(2)}));
}

TEST_F(BulkLoadTest, RollbackToASavepointDropsTheRangeAtTheEnd) {
  auto txn = Begin();
  txn->SetSavePoint();
  auto bulk = BulkLoad::Start(*txn, Lower(), Upper());
  Load(*bulk, 2000);
  bulk->Finish(NoDuplicate());
  txn->RollbackToSavePoint();
  txn->Put(std::string("\0\0\x4e\x21", 4), "other");  // something to commit
  txn->Commit();
  EXPECT_TRUE(CommittedKeys().empty());
}

TEST_F(BulkLoadTest, KeysAlreadyStoredInTheRangeSendTheEntriesThroughTheWriteBatch) {
  auto txn = Begin();
  txn->Put(Key(5000), "stored");
  txn->Commit();
  txn = Begin();
  auto bulk = BulkLoad::Start(*txn, Lower(), Upper());
  for (int n = 4000; n < 6000; n++) {
    if (n != 5000) bulk->Add(Key(n), "v");
  }
  bulk->Finish(NoDuplicate());
  EXPECT_EQ(Keys(*txn).size(), 2000u);
  EXPECT_EQ(CommittedKeys().size(), 1u);  // (not ingested: in the write batch until COMMIT)
  txn->Commit();
  EXPECT_EQ(CommittedKeys().size(), 2000u);
}

TEST_F(BulkLoadTest, FewEntriesGoThroughTheWriteBatch) {
  auto txn = Begin();
  auto bulk = BulkLoad::Start(*txn, Lower(), Upper());
  Load(*bulk, 3);
  bulk->Finish(NoDuplicate());
  EXPECT_EQ(Keys(*txn).size(), 3u);
  EXPECT_TRUE(CommittedKeys().empty());
  txn->Rollback();
  EXPECT_TRUE(CommittedKeys().empty());
}

TEST_F(BulkLoadTest, RepeatableReadSnapshotTakenBeforeSeesTheIngestedKeys) {
  auto txn = Begin(IsolationLevel::kRepeatableRead);
  EXPECT_TRUE(Keys(*txn).empty());  // fixes the snapshot
  auto bulk = BulkLoad::Start(*txn, Lower(), Upper());
  Load(*bulk, 2000);
  bulk->Finish(NoDuplicate());
  EXPECT_EQ(Keys(*txn).size(), 2000u);
  txn->Commit();
}

TEST_F(BulkLoadTest, DuplicatesAreFoundWithinAndAcrossRuns) {
  for (size_t run_bytes : {size_t{1} << 20, size_t{64}}) {  // one run; many small runs, merged
    auto txn = Begin();
    auto bulk = BulkLoad::Start(*txn, Lower(), Upper(), run_bytes);
      Load(*bulk, 2000);
    bulk->Add(Key(42), "again");
    std::string key, first, second;
    try {
      bulk->Finish([&](std::string_view k, std::string_view a, std::string_view b) {
        key = k;
        first = a;
        second = b;
        throw Error("23505", "duplicate");
      });
      FAIL() << "no duplicate reported";
    } catch (const Error& e) {
      EXPECT_EQ(e.sqlstate(), "23505");
    }
    EXPECT_EQ(key, Key(42));
    EXPECT_EQ(first + "," + second, "v42,again");
    txn->Rollback();
    EXPECT_TRUE(CommittedKeys().empty());
  }
}

TEST_F(BulkLoadTest, OverlappingRunsAreMerged) {
  auto txn = Begin();
  auto bulk = BulkLoad::Start(*txn, Lower(), Upper(), 256);
  for (int n = 0; n < 300; n++) bulk->Add(Key((n * 7) % 300), "v");  // 7 is prime to 300: all keys, shuffled
  bulk->Finish(NoDuplicate());
  txn->Commit();
  std::vector<std::string> keys = CommittedKeys();
  ASSERT_EQ(keys.size(), 300u);
  for (int n = 0; n < 300; n++) EXPECT_EQ(keys[n], Key(n));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "kanto-bulk") && !std::filesystem::is_empty(dir_ / "kanto-bulk"));
}

TEST_F(BulkLoadTest, DropRangeAtCommitDropsAfterCommitOnlyAndOlderSnapshotsStillRead) {
  {
    auto txn = Begin();
    for (int n = 0; n < 50; n++) txn->Put(Key(n), "row");
    txn->Commit();
  }
  {
    auto txn = Begin();
    DropRangeAtCommit(*txn, Lower(), Upper());
    txn->Rollback();
  }
  EXPECT_EQ(CommittedKeys().size(), 50u);
  auto reader = Begin(IsolationLevel::kRepeatableRead);
  EXPECT_EQ(Keys(*reader).size(), 50u);
  auto txn = Begin();
  DropRangeAtCommit(*txn, Lower(), Upper());
  EXPECT_EQ(Keys(*txn).size(), 50u);  // until the commit
  txn->Commit();
  EXPECT_TRUE(CommittedKeys().empty());
  EXPECT_EQ(Keys(*reader).size(), 50u);  // its snapshot is from before the drop
  reader->Commit();
}

}  // namespace
}  // namespace kanto::storage
