// READ COMMITTED statement snapshots (storage::Transaction::BeginStatement): each statement sees
// every commit made before it started, also when the previous statement's snapshot is kept
// because nothing was committed in between, on a real RocksDB.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/engine.hpp"

namespace kanto::storage {
namespace {

std::string Key(int row) {
  std::string k;
  for (int v : {16384, 1, row}) {
    for (int i = 3; i >= 0; i--) k.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  return k;
}

TEST(StatementSnapshotTest, ReadCommittedSeesCommitsBeforeEachStatement) {
  auto dir = std::filesystem::temp_directory_path() / ("kanto-stmt-snapshot-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    auto engine = Engine::Open(dir.string(), {});
    auto read = [](Transaction& t, int row) {
      std::string v;
      return t.Get(Key(row), &v) ? v : "<none>";
    };
    auto commit = [&](int row, const char* value) {
      auto w = engine->Begin(IsolationLevel::kReadCommitted);
      w->BeginStatement();
      if (value) {
        w->Put(Key(row), value);
      } else {
        w->Delete(Key(row));
      }
      w->Commit();
    };
    auto t = engine->Begin(IsolationLevel::kReadCommitted);
    t->BeginStatement();
    EXPECT_EQ(read(*t, 1), "<none>");
    t->Put(Key(2), "own");  // the transaction's own writes commit nothing
    t->BeginStatement();    // (the same snapshot)
    EXPECT_EQ(read(*t, 2), "own");
    commit(1, "one");
    EXPECT_EQ(read(*t, 1), "<none>");  // within the statement: its snapshot
    t->BeginStatement();
    EXPECT_EQ(read(*t, 1), "one");
    t->BeginStatement();
    EXPECT_EQ(read(*t, 1), "one");
    commit(1, nullptr);
    t->BeginStatement();
    EXPECT_EQ(read(*t, 1), "<none>");
    EXPECT_EQ(read(*t, 2), "own");
    t->Rollback();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kanto::storage
