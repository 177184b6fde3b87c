// READ COMMITTED statement snapshots (storage::Transaction::BeginStatement): each statement sees
// every commit made before it started, also when the previous statement's snapshot is kept
// because nothing was committed in between, on a real RocksDB.
#include <gtest/gtest.h>

#include <string>

#include "temp_engine.hpp"

namespace kanto::storage {
namespace {

class StatementSnapshotTest : public TempEngineTest {
 protected:
  static std::string Read(Transaction& t, int row) {
    std::string v;
    return t.Get(BigEndianKey({16384, 1, row}), &v) ? v : "<none>";
  }
  // Another transaction commits `value` under row `row` (null: deletes it).
  void Commit(int row, const char* value) {
    auto w = Begin();
    if (value) {
      w->Put(BigEndianKey({16384, 1, row}), value);
    } else {
      w->Delete(BigEndianKey({16384, 1, row}));
    }
    w->Commit();
  }
};

TEST_F(StatementSnapshotTest, ReadCommittedSeesCommitsBeforeEachStatement) {
  auto t = Begin();
  EXPECT_EQ(Read(*t, 1), "<none>");
  t->Put(BigEndianKey({16384, 1, 2}), "own");  // the transaction's own writes commit nothing
  t->BeginStatement();                          // (the same snapshot)
  EXPECT_EQ(Read(*t, 2), "own");
  Commit(1, "one");
  EXPECT_EQ(Read(*t, 1), "<none>");  // within the statement: its snapshot
  t->BeginStatement();
  EXPECT_EQ(Read(*t, 1), "one");
  t->BeginStatement();
  EXPECT_EQ(Read(*t, 1), "one");
  Commit(1, nullptr);
  t->BeginStatement();
  EXPECT_EQ(Read(*t, 1), "<none>");
  EXPECT_EQ(Read(*t, 2), "own");
  t->Rollback();
}

}  // namespace
}  // namespace kanto::storage
