// IoThreads (src/server/io_threads.hpp): a statement runs inline only on an io thread with one
// session, at most size() - 1 at once, and new connections go to an io thread that is not inline.
#include "server/io_threads.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace kanto::server {

TEST(IoThreadsTest, AssignBalancesAndSkipsInline) {
  IoThreads io(2);
  IoThread& a = io.Assign();
  IoThread& b = io.Assign();
  EXPECT_NE(&a, &b);  // fewest sessions first
  ASSERT_TRUE(a.TryBeginInline());
  // a runs a statement inline: the next three connections all go to b.
  for (int i = 0; i < 3; i++) EXPECT_EQ(&io.Assign(), &b);
  EXPECT_EQ(b.sessions(), 4);
  EXPECT_EQ(a.sessions(), 1);
  a.EndInline();
  EXPECT_EQ(&io.Assign(), &a);  // free again, and with fewer sessions
}

TEST(IoThreadsTest, InlineOnlyAloneAndNeverEverywhere) {
  IoThreads io(2);
  IoThread& a = io.Assign();
  IoThread& b = io.Assign();
  ASSERT_TRUE(a.TryBeginInline());
  EXPECT_FALSE(a.TryBeginInline());  // one at a time per thread
  EXPECT_FALSE(b.TryBeginInline());  // one io thread stays free for new connections
  a.EndInline();
  ASSERT_TRUE(b.TryBeginInline());
  b.EndInline();
  IoThread& c = io.Assign();  // a second session on one of them: no inline there
  EXPECT_FALSE(c.TryBeginInline());
  c.Leave();
  EXPECT_TRUE(c.TryBeginInline());
  c.EndInline();
}

TEST(IoThreadsTest, OneThreadNeverInline) {
  IoThreads io(1);
  IoThread& a = io.Assign();
  EXPECT_FALSE(a.TryBeginInline());
  EXPECT_EQ(&io.Assign(), &a);
}

TEST(IoThreadsTest, ConcurrentInlineAndAssign) {
  // Threads race to go inline while connections are assigned: never more than one inline, and
  // never a connection assigned to a thread that is inline.
  IoThreads io(3);
  std::vector<IoThread*> solo = {&io.Assign(), &io.Assign(), &io.Assign()};
  std::atomic<int> inline_now{0};
  std::atomic<int> max_inline{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> runners;
  for (IoThread* t : solo) {
    runners.emplace_back([&, t] {
      while (!stop.load()) {
        if (!t->TryBeginInline()) continue;
        int now = ++inline_now;
        int seen = max_inline.load();
        while (now > seen && !max_inline.compare_exchange_weak(seen, now)) {
        }
        EXPECT_EQ(t->sessions(), 1);
        --inline_now;
        t->EndInline();
      }
    });
  }
  for (int i = 0; i < 2000; i++) io.Assign().Leave();
  stop = true;
  for (auto& r : runners) r.join();
  EXPECT_LE(max_inline.load(), 2);
  for (IoThread* t : solo) EXPECT_EQ(t->sessions(), 1);
}

}  // namespace kanto::server
