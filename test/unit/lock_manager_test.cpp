// The heavyweight lock manager (src/main/lock_manager.*): PostgreSQL's conflict table, re-entrant
// counts per scope, try locks, the wait queue, waits that end at a timeout or cancel, and deadlock
// detection over the waits-for graph.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "kanto/error.hpp"
#include "main/lock_manager.hpp"
#include "main/session_registry.hpp"
#include "storage/engine.hpp"

namespace kanto {
namespace {

using M = LockMode;

TEST(LockModes, ConflictTableIsPostgreSQLs) {
  // Rows and columns in mode order AccessShare .. AccessExclusive; 1: conflict.
  const char* table[8] = {"00000001", "00000011", "00001111", "00011111",
                          "00110111", "00111111", "01111111", "11111111"};
  for (int a = 1; a <= 8; a++) {
    for (int b = 1; b <= 8; b++) {
      bool conflict = table[a - 1][b - 1] == '1';
      EXPECT_EQ(LockModesConflict(static_cast<M>(a), static_cast<M>(b)), conflict) << a << " " << b;
    }
  }
  EXPECT_STREQ(LockModeName(M::kShareUpdateExclusive), "ShareUpdateExclusiveLock");
}

class LockManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("kanto-locks-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    engine_ = storage::Engine::Open(dir_.string(), {});
    locks_ = std::make_unique<LockManager>(registry_, *engine_);
    for (SessionState* s : {&a_, &b_, &c_}) {
      s->cancel = &cancel_;
      registry_.Add(s);
    }
  }
  void TearDown() override {
    for (SessionState* s : {&a_, &b_, &c_}) {
      locks_->ReleaseAll(*s, LockScope::kSession);
      locks_->ReleaseAll(*s, LockScope::kTransaction);
      registry_.Remove(s);
    }
    locks_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  bool Try(SessionState& s, const LockTag& tag, M mode, LockScope scope = LockScope::kTransaction) {
    return locks_->Acquire(s, tag, mode, scope, true, {});
  }

  std::filesystem::path dir_;
  std::unique_ptr<storage::Engine> engine_;
  SessionRegistry registry_;
  std::unique_ptr<LockManager> locks_;
  std::atomic<bool> cancel_{false};
  SessionState a_, b_, c_;
};

TEST_F(LockManagerTest, CountsPerScope) {
  LockTag key = LockTag::Advisory(int64_t{7});
  ASSERT_TRUE(Try(a_, key, M::kExclusive, LockScope::kSession));
  ASSERT_TRUE(Try(a_, key, M::kExclusive, LockScope::kSession));
  ASSERT_TRUE(Try(a_, key, M::kExclusive, LockScope::kTransaction));
  EXPECT_FALSE(Try(b_, key, M::kShare));
  locks_->ReleaseAll(a_, LockScope::kTransaction);
  EXPECT_TRUE(locks_->Release(a_, key, M::kExclusive, LockScope::kSession));
  EXPECT_FALSE(Try(b_, key, M::kShare));
  EXPECT_TRUE(locks_->Release(a_, key, M::kExclusive, LockScope::kSession));
  EXPECT_FALSE(locks_->Release(a_, key, M::kExclusive, LockScope::kSession));
  EXPECT_TRUE(Try(b_, key, M::kShare));
  // Two int4 keys with the same bits are another lock.
  EXPECT_TRUE(Try(a_, LockTag::Advisory(0, 7), M::kExclusive));
}

TEST_F(LockManagerTest, WaiterIsGrantedAtRelease) {
  LockTag t = LockTag::Relation(16400);
  ASSERT_TRUE(Try(a_, t, M::kAccessExclusive));
  std::atomic<bool> got{false};
  std::thread waiter([&] {
    bool waited = false;
    locks_->Acquire(b_, t, M::kAccessShare, LockScope::kTransaction, false, {}, &waited);
    EXPECT_TRUE(waited);
    got = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(got.load());
  auto status = locks_->Status();
  EXPECT_EQ(status.size(), 2u);
  // A later request that conflicts with the waiter queues behind it.
  EXPECT_FALSE(Try(c_, t, M::kAccessExclusive));
  locks_->ReleaseAll(a_, LockScope::kTransaction);
  waiter.join();
  EXPECT_TRUE(got.load());
}

TEST_F(LockManagerTest, WaitEndsAtLockTimeoutAndCancel) {
  LockTag t = LockTag::Advisory(int64_t{1});
  ASSERT_TRUE(Try(a_, t, M::kExclusive));
  LockWaitLimits limits;
  limits.lock_deadline = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now().time_since_epoch()).count() + 50000;
  try {
    locks_->Acquire(b_, t, M::kExclusive, LockScope::kTransaction, false, limits);
    FAIL() << "no timeout";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "55P03");
  }
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel_ = true;
  });
  try {
    locks_->Acquire(b_, t, M::kExclusive, LockScope::kTransaction, false, {});
    FAIL() << "no cancel";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "57014");
  }
  canceller.join();
  cancel_ = false;
  EXPECT_EQ(locks_->Status().size(), 1u);  // the waiters left the queue
}

TEST_F(LockManagerTest, DeadlockFoundByTheFirstWaiter) {
  LockTag x = LockTag::Advisory(int64_t{1}), y = LockTag::Advisory(int64_t{2});
  ASSERT_TRUE(Try(a_, x, M::kExclusive));
  ASSERT_TRUE(Try(b_, y, M::kExclusive));
  LockWaitLimits limits;
  limits.deadlock_timeout_ms = 100;
  std::string victim_error;
  std::thread first([&] {
    try {
      locks_->Acquire(a_, y, M::kExclusive, LockScope::kTransaction, false, limits);
    } catch (const Error& e) {
      victim_error = e.sqlstate() + " " + e.detail();
      locks_->ReleaseAll(a_, LockScope::kTransaction);
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  LockWaitLimits patient;
  patient.deadlock_timeout_ms = 5000;
  auto start = std::chrono::steady_clock::now();
  locks_->Acquire(b_, x, M::kExclusive, LockScope::kTransaction, false, patient);
  first.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  std::string p = std::to_string(a_.pid), q = std::to_string(b_.pid);
  EXPECT_EQ(victim_error, "40P01 Process " + p + " waits for ExclusiveLock on advisory lock [16383,0,2,1]; blocked by process " +
                              q + ".\nProcess " + q +
                              " waits for ExclusiveLock on advisory lock [16383,0,1,1]; blocked by process " + p + ".");
}

}  // namespace
}  // namespace kanto
