// Serializable snapshot isolation bookkeeping (storage/ssi.hpp, storage/key_range_set.hpp), driven
// directly: dangerous structures, granularity promotion, and when committed state is freed.
#include <gtest/gtest.h>

#include "kanto/error.hpp"
#include "storage/key_range_set.hpp"
#include "storage/ssi.hpp"

namespace kanto::storage {
namespace {

std::string Key(uint32_t table, uint32_t index, int row) {
  std::string k;
  for (uint32_t v : {table, index}) {
    for (int i = 3; i >= 0; i--) k.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  k.push_back(static_cast<char>(row >> 8));
  k.push_back(static_cast<char>(row & 0xff));
  return k;
}

std::string Table(uint32_t table) { return Key(table, 1, 0).substr(0, 8); }

TEST(KeyRangeSetTest, MergesOverlappingAndTouchingRanges) {
  KeyRangeSet s;
  s.Add("b", "d");
  s.Add("f", "h");
  EXPECT_EQ(s.size(), 2u);
  EXPECT_TRUE(s.Contains("b"));
  EXPECT_TRUE(s.Contains("c"));
  EXPECT_FALSE(s.Contains("d"));
  EXPECT_FALSE(s.Contains("a"));
  EXPECT_TRUE(s.Overlaps("c", "z"));
  EXPECT_FALSE(s.Overlaps("d", "f"));
  EXPECT_TRUE(s.Overlaps("e", ""));
  s.Add("d", "f");  // touches both
  EXPECT_EQ(s.size(), 1u);
  EXPECT_TRUE(s.Contains("e"));
  s.Add("a", "");  // unbounded
  EXPECT_EQ(s.size(), 1u);
  EXPECT_TRUE(s.Contains("zzz"));
  KeyRangeSet k;
  k.AddKey("x");
  EXPECT_TRUE(k.Contains("x"));
  EXPECT_FALSE(k.Contains("x0"));
  EXPECT_FALSE(k.Contains("w"));
}

TEST(KeyRangeSetTest, CoversAndCoarsen) {
  KeyRangeSet s;
  s.Add("aa1", "aa5");
  EXPECT_TRUE(s.Covers("aa2", "aa3"));
  EXPECT_TRUE(s.Covers("aa1", "aa5"));
  EXPECT_FALSE(s.Covers("aa2", "aa6"));
  EXPECT_FALSE(s.Covers("a", "aa2"));
  s.Add("ab1", "ab2");
  s.Add("ab7", "ab8");
  s.Coarsen(2);
  EXPECT_EQ(s.size(), 1u);  // "aa" and "ab" touch
  EXPECT_TRUE(s.Covers("aa", "ac"));
  EXPECT_FALSE(s.Contains("ac"));
}

struct Ssi {
  explicit Ssi(SsiLimits limits = {}) : m(limits) {}
  SsiManager m;
  SsiXact* Begin(bool read_only = false) { return m.Begin(read_only, false, [] {}, nullptr); }
  void Read(SsiXact* x, int row) { m.OnRead(x, Key(16384, 1, row), KeySuccessor(Key(16384, 1, row)), true); }
  void ReadAll(SsiXact* x) { m.OnRead(x, Table(16384), PrefixSuccessorOf(Table(16384)), true); }
  void Write(SsiXact* x, int row) { m.OnWrite(x, Key(16384, 1, row)); }
  void Commit(SsiXact* x) {
    m.PreCommit(x);
    m.Finish(x, true);
  }
  static std::string PrefixSuccessorOf(std::string p) {
    p.back()++;
    return p;
  }
};

std::string FailureReason(const std::function<void()>& fn) {
  try {
    fn();
  } catch (Error& e) {
    EXPECT_EQ(e.sqlstate(), "40001");
    return e.detail();
  }
  return "";
}

TEST(SsiTest, WriteSkewFailsTheSecondCommit) {
  Ssi s;
  SsiXact* t1 = s.Begin();
  SsiXact* t2 = s.Begin();
  s.ReadAll(t1);
  s.ReadAll(t2);
  s.Write(t1, 1);
  s.Write(t2, 2);
  s.Commit(t1);
  EXPECT_EQ(FailureReason([&] { s.m.PreCommit(t2); }),
            "Reason code: Canceled on identification as a pivot, during commit attempt.");
  s.m.Finish(t2, false);
  EXPECT_EQ(s.m.Stats().retained, 0u);  // nothing overlaps t1 any more
}

TEST(SsiTest, DisjointRowsDoNotConflict) {
  Ssi s;
  SsiXact* t1 = s.Begin();
  SsiXact* t2 = s.Begin();
  s.Read(t1, 1);
  s.Read(t2, 2);
  s.Write(t1, 1);
  s.Write(t2, 2);
  s.Commit(t1);
  s.Commit(t2);
  EXPECT_EQ(s.m.Stats().active, 0u);
}

TEST(SsiTest, WritesUndoneByASavepointRollbackStopCounting) {
  // t1 wrote row 2, then a savepoint rollback undid it: t2's later read of row 2 is no conflict,
  // so the write skew below is none and both commit.
  Ssi s;
  SsiXact* t1 = s.Begin();
  SsiXact* t2 = s.Begin();
  s.Read(t1, 1);
  s.Write(t1, 2);
  s.Write(t1, 3);
  s.m.ResetWrites(t1, {Key(16384, 1, 3)});
  EXPECT_EQ(s.m.Stats().written_ranges, 1u);
  s.Read(t2, 2);
  s.Write(t2, 1);
  s.Commit(t1);
  s.Commit(t2);
  EXPECT_EQ(s.m.Stats().active, 0u);
}

TEST(SsiTest, AConflictMadeBeforeTheUndoStays) {
  Ssi s;
  SsiXact* t1 = s.Begin();
  SsiXact* t2 = s.Begin();
  s.Read(t1, 1);
  s.Read(t2, 2);
  s.Write(t1, 2);  // t2 -> t1, made while the write stood
  s.m.ResetWrites(t1, {});
  s.Write(t2, 1);
  s.Commit(t1);
  EXPECT_EQ(FailureReason([&] { s.m.PreCommit(t2); }),
            "Reason code: Canceled on identification as a pivot, during commit attempt.");
  s.m.Finish(t2, false);
}

TEST(SsiTest, WriteAfterCommittedPivotFailsTheWriter) {
  // t2 read what t1 later writes, t1 committed; t2 then writes what t1 read: t2 -> t1 -> t2.
  Ssi s;
  SsiXact* t1 = s.Begin();
  SsiXact* t2 = s.Begin();
  s.Read(t1, 1);
  s.Read(t2, 2);
  s.Write(t1, 2);
  s.Commit(t1);
  EXPECT_EQ(FailureReason([&] { s.Write(t2, 1); }),
            "Reason code: Canceled on identification as a pivot, during write.");
  s.m.Finish(t2, false);
}

TEST(SsiTest, CommittedStateLivesWhileAnOverlappingTransactionRuns) {
  Ssi s;
  SsiXact* old = s.Begin();
  SsiXact* t1 = s.Begin();
  s.Read(t1, 1);
  s.Write(t1, 1);
  s.Commit(t1);
  EXPECT_EQ(s.m.Stats().retained, 1u);
  SsiXact* later = s.Begin();  // started after t1 committed: does not keep it
  s.Commit(old);
  EXPECT_EQ(s.m.Stats().retained, 1u);  // t1 is freed; old overlaps later
  s.Commit(later);
  EXPECT_EQ(s.m.Stats().retained, 0u);
  EXPECT_EQ(s.m.Stats().active, 0u);
}

TEST(SsiTest, ManyPointReadsBecomeOneRelationLock) {
  Ssi s;
  SsiXact* t1 = s.Begin();
  for (int row = 0; row < 1000; row += 2) s.Read(t1, row);
  EXPECT_LE(s.m.Stats().read_ranges, 65u);
  // The relation lock covers row 999, never read: t1 -> t2 once t2 writes it; t2 also read row
  // 5000, so t1 writing it closes t1 -> t2 -> t1 with t2 committed first.
  SsiXact* t2 = s.Begin();
  s.Read(t2, 5000);
  s.Write(t2, 999);
  s.Commit(t2);
  EXPECT_EQ(FailureReason([&] { s.Write(t1, 5000); }),
            "Reason code: Canceled on identification as a pivot, during write.");
  s.m.Finish(t1, false);
}

TEST(SsiTest, KeptCommittedTransactionsAreWidenedPastTheTotalBound) {
  SsiLimits limits;
  limits.total_ranges = 100;
  Ssi s(limits);
  SsiXact* old = s.Begin();  // keeps everything committed after it
  for (int t = 0; t < 20; t++) {
    SsiXact* x = s.Begin();
    for (int row = 0; row < 20; row++) s.Read(x, t * 100 + row * 2);
    s.Write(x, t * 100 + 1);
    s.Commit(x);
  }
  SsiStats st = s.m.Stats();
  EXPECT_EQ(st.retained, 20u);
  EXPECT_EQ(st.total_ranges, st.read_ranges + st.written_ranges);
  EXPECT_LE(st.total_ranges, 100u);
  s.Commit(old);
  EXPECT_EQ(s.m.Stats().total_ranges, 0u);
}

TEST(SsiTest, ReadOnlyWithoutConcurrentWritersIsNotTracked) {
  Ssi s;
  EXPECT_EQ(s.Begin(true), nullptr);
  SsiXact* rw = s.Begin();
  SsiXact* ro = s.Begin(true);
  ASSERT_NE(ro, nullptr);
  s.Commit(rw);  // no conflict out: the read-only snapshot is now safe and tracking stops
  EXPECT_FALSE(s.m.OnRead(ro, Key(16384, 1, 1), Key(16384, 1, 2), true));
}

}  // namespace
}  // namespace kanto::storage
