// storage::WrittenKeys (the filter of keys a transaction wrote) and the reads that rely on it: a
// transaction reads its own writes through Get and GetForUpdate whatever path wrote them, and
// after ROLLBACK TO SAVEPOINT reads what is left, on a real RocksDB.
#include <gtest/gtest.h>
#include <string>

#include "kanto/error.hpp"

#include "storage/written_keys.hpp"
#include "temp_engine.hpp"

namespace kanto::storage {
namespace {

std::string UserKey(int table, int row) { return BigEndianKey({table, row}); }

TEST(WrittenKeysTest, NoFalseNegativesAndFewFalsePositives) {
  WrittenKeys w;
  EXPECT_TRUE(w.empty());
  EXPECT_FALSE(w.MayContain(UserKey(16384, 1)));
  constexpr int kKeys = 300000;  // ten filters
  for (int i = 0; i < kKeys; i++) w.Add(UserKey(16384, i));
  for (int i = 0; i < kKeys; i++) ASSERT_TRUE(w.MayContain(UserKey(16384, i))) << i;
  int false_positives = 0;
  for (int i = 0; i < kKeys; i++) false_positives += w.MayContain(UserKey(16385, i)) ? 1 : 0;
  EXPECT_LT(false_positives, kKeys / 100) << false_positives;
}

class WrittenKeysEngineTest : public TempEngineTest {
 protected:
  std::string Read(Transaction& t, const std::string& key, bool for_update) {
    std::string v;
    bool found = for_update ? t.GetForUpdate(key, &v) : t.Get(key, &v);
    return found ? v : "<none>";
  }
};

TEST_F(WrittenKeysEngineTest, OwnWritesAndSavepoints) {
  {
    auto setup = engine_->Begin(IsolationLevel::kReadCommitted);
    setup->BeginStatement();
    setup->Put(UserKey(16384, 1), "committed");
    setup->Commit();
  }
  for (bool for_update : {false, true}) {
    auto t = engine_->Begin(IsolationLevel::kReadCommitted);
    t->BeginStatement();
    EXPECT_EQ(Read(*t, UserKey(16384, 1), for_update), "committed");
    EXPECT_EQ(Read(*t, UserKey(16384, 2), for_update), "<none>");
    t->Put(UserKey(16384, 2), "put");
    t->PutUnlocked(UserKey(16384, 3), "unlocked");
    t->PutShared(UserKey(16384, 4), "shared");  // the default keyspace is also the shared one
    t->Delete(UserKey(16384, 1));
    EXPECT_EQ(Read(*t, UserKey(16384, 1), for_update), "<none>");
    EXPECT_EQ(Read(*t, UserKey(16384, 2), for_update), "put");
    EXPECT_EQ(Read(*t, UserKey(16384, 3), for_update), "unlocked");
    EXPECT_EQ(Read(*t, UserKey(16384, 4), for_update), "shared");
    t->SetSavePoint();
    t->Put(UserKey(16384, 1), "after savepoint");
    t->DeleteUnlocked(UserKey(16384, 3));
    t->Put(UserKey(16384, 5), "new");
    EXPECT_EQ(Read(*t, UserKey(16384, 1), for_update), "after savepoint");
    EXPECT_EQ(Read(*t, UserKey(16384, 3), for_update), "<none>");
    t->RollbackToSavePoint();
    EXPECT_EQ(Read(*t, UserKey(16384, 1), for_update), "<none>");
    EXPECT_EQ(Read(*t, UserKey(16384, 3), for_update), "unlocked");
    EXPECT_EQ(Read(*t, UserKey(16384, 5), for_update), "<none>");
    t->Rollback();
  }
  auto t = engine_->Begin(IsolationLevel::kRepeatableRead);
  t->BeginStatement();
  EXPECT_EQ(Read(*t, UserKey(16384, 1), true), "committed");
  EXPECT_EQ(Read(*t, UserKey(16384, 2), false), "<none>");
  t->Rollback();
}

// A key another transaction wrote after this one's snapshot: GetForUpdate of a key this one never
// wrote still validates against the snapshot (40001), as the read through the write batch did.
TEST_F(WrittenKeysEngineTest, RepeatableReadConflictOnUnwrittenKey) {
  auto a = engine_->Begin(IsolationLevel::kRepeatableRead);
  a->BeginStatement();
  EXPECT_EQ(Read(*a, UserKey(16384, 7), false), "<none>");
  auto b = engine_->Begin(IsolationLevel::kReadCommitted);
  b->BeginStatement();
  b->Put(UserKey(16384, 7), "b");
  b->Commit();
  std::string v;
  try {
    a->GetForUpdate(UserKey(16384, 7), &v);
    FAIL() << "no serialization failure";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "40001");
  }
  a->Rollback();
}

}  // namespace
}  // namespace kanto::storage

namespace kanto::storage {
namespace {

// Engine::Begin reuses the RocksDB transactions of finished ones: each still has its own id, no
// writes, locks or snapshot of the one before.
TEST_F(WrittenKeysEngineTest, ReusedTransactionsStartClean) {
  uint64_t first_id = 0;
  {
    auto t = engine_->Begin(IsolationLevel::kReadCommitted);
    t->BeginStatement();
    first_id = t->Id();
    t->Put(UserKey(16384, 1), "one");
    t->Commit();
  }
  uint64_t second_id = 0;
  {
    auto t = engine_->Begin(IsolationLevel::kRepeatableRead);
    t->BeginStatement();
    second_id = t->Id();
    EXPECT_EQ(t->WriteCount(), 0u);
    EXPECT_EQ(Read(*t, UserKey(16384, 1), true), "one");  // locked, then left unfinished
    t->Put(UserKey(16384, 2), "rolled back");
  }  // rolled back by the destructor
  EXPECT_NE(first_id, second_id);
  auto a = engine_->Begin(IsolationLevel::kReadCommitted);
  a->BeginStatement();
  EXPECT_NE(a->Id(), second_id);
  EXPECT_EQ(a->WriteCount(), 0u);
  EXPECT_EQ(Read(*a, UserKey(16384, 2), false), "<none>");
  auto b = engine_->Begin(IsolationLevel::kReadCommitted);
  b->BeginStatement();
  b->SetLockWait(50, "55P03", "lock timeout");
  EXPECT_EQ(Read(*b, UserKey(16384, 1), true), "one");  // the earlier lock was released
  b->Put(UserKey(16384, 1), "b");
  try {
    std::string v;
    a->SetLockWait(50, "55P03", "lock timeout");
    a->GetForUpdate(UserKey(16384, 1), &v);
    FAIL() << "a got b's lock";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "55P03");
  }
  b->Commit();
  a->Rollback();
}

}  // namespace
}  // namespace kanto::storage
