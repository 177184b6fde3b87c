// Puts that skip the write batch's index while their keys ascend (storage/unindexed_writes.cpp):
// the transaction still reads every own write back, through Get, GetForUpdate and scans, after
// overwrites and deletes inside the unindexed range, savepoints, commit and rollback, on a real
// RocksDB.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "temp_engine.hpp"

namespace kanto::storage {
namespace {

std::string Key(int row) { return BigEndianKey({16384, 1, row}); }

class UnindexedWritesTest : public TempEngineTest {
 protected:
  static std::string Read(Transaction& t, int row, bool for_update = false) {
    std::string v;
    bool found = for_update ? t.GetForUpdate(Key(row), &v) : t.Get(Key(row), &v);
    return found ? v : "<none>";
  }
  // "row=value" for every key of rows [lo, hi).
  static std::vector<std::string> Scan(Transaction& t, int lo, int hi) {
    std::vector<std::string> out;
    for (auto it = t.Scan(Key(lo), Key(hi)); it->Valid(); it->Next()) {
      std::string_view k = it->key();
      int row = 0;
      for (size_t i = 8; i < 12; i++) row = (row << 8) | static_cast<uint8_t>(k[i]);
      out.push_back(std::to_string(row) + "=" + std::string(it->value()));
    }
    return out;
  }
};

TEST_F(UnindexedWritesTest, ReadsSeeAscendingPuts) {
  for (bool for_update : {false, true}) {
    auto t = Begin();
    for (int i = 1; i <= 100; i++) {
      // The primary key check of an insert: a key above every written one.
      EXPECT_EQ(Read(*t, i, true), "<none>");
      if (i % 2) {
        t->Put(Key(i), "v" + std::to_string(i));
      } else {
        t->PutUnlocked(Key(i), "v" + std::to_string(i));
      }
    }
    EXPECT_EQ(t->WriteCount(), 100u);
    EXPECT_EQ(Read(*t, 100, for_update), "v100");  // the last, and a duplicate key's check
    EXPECT_EQ(Read(*t, 1, for_update), "v1");
    EXPECT_EQ(Read(*t, 57, for_update), "v57");
    EXPECT_EQ(Read(*t, 101, for_update), "<none>");
    t->Rollback();
  }
}

TEST_F(UnindexedWritesTest, ScansSeeAscendingPuts) {
  auto t = Begin();
  for (int i = 1; i <= 5; i++) t->Put(Key(i), "a");
  EXPECT_EQ(Scan(*t, 0, 10), (std::vector<std::string>{"1=a", "2=a", "3=a", "4=a", "5=a"}));
  // Indexed from now on; more writes in and above the range.
  t->Put(Key(3), "b");
  t->Put(Key(7), "b");
  EXPECT_EQ(Scan(*t, 2, 8), (std::vector<std::string>{"2=a", "3=b", "4=a", "5=a", "7=b"}));
  t->Rollback();
  // A scan that ends below the unindexed range, or starts above it, needs no index of it.
  auto u = Begin();
  for (int i = 10; i <= 20; i++) u->Put(Key(i), "c");
  EXPECT_TRUE(Scan(*u, 0, 10).empty());
  EXPECT_TRUE(Scan(*u, 21, 30).empty());
  EXPECT_EQ(Scan(*u, 19, 30), (std::vector<std::string>{"19=c", "20=c"}));
  u->Rollback();
}

// Writes of keys inside the unindexed range go through the index: the newest write of a key wins
// once the index is rebuilt.
TEST_F(UnindexedWritesTest, OverwritesAndDeletesInsideTheRange) {
  auto t = Begin();
  for (int i = 1; i <= 10; i++) t->Put(Key(i), "old");
  t->Put(Key(4), "new");
  t->Delete(Key(6));
  t->Put(Key(11), "above");
  t->Put(Key(11), "above again");
  EXPECT_EQ(Read(*t, 4), "new");
  EXPECT_EQ(Read(*t, 6), "<none>");
  EXPECT_EQ(Read(*t, 5), "old");
  EXPECT_EQ(Read(*t, 11), "above again");
  t->Commit();
  auto r = Begin();
  EXPECT_EQ(Read(*r, 4), "new");
  EXPECT_EQ(Read(*r, 6), "<none>");
  EXPECT_EQ(Read(*r, 10), "old");
  EXPECT_EQ(Read(*r, 11), "above again");
  r->Rollback();
}

TEST_F(UnindexedWritesTest, SavepointsCommitAndRollback) {
  auto t = Begin();
  for (int i = 1; i <= 10; i++) t->Put(Key(i), "kept");
  t->SetSavePoint();
  for (int i = 11; i <= 20; i++) t->Put(Key(i), "undone");
  t->RollbackToSavePoint();
  EXPECT_EQ(Read(*t, 5), "kept");
  EXPECT_EQ(Read(*t, 15), "<none>");
  for (int i = 21; i <= 30; i++) t->Put(Key(i), "later");
  t->SetSavePoint();
  t->Put(Key(31), "popped");
  t->PopSavePoint();
  EXPECT_EQ(t->WriteCount(), 21u);
  t->Commit();
  auto r = Begin();
  EXPECT_EQ(Read(*r, 10), "kept");
  EXPECT_EQ(Read(*r, 15), "<none>");
  EXPECT_EQ(Read(*r, 25), "later");
  EXPECT_EQ(Read(*r, 31), "popped");
  for (int i = 40; i <= 50; i++) r->Put(Key(i), "rolled back");
  r->Rollback();
  auto s = Begin();
  EXPECT_EQ(Read(*s, 45), "<none>");
  EXPECT_EQ(Scan(*s, 0, 100).size(), 21u);
  s->Rollback();
}

}  // namespace
}  // namespace kanto::storage
