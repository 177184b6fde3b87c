// The prepared state a prepared transaction keeps in its write batch (storage/prepared_state.hpp):
// what is encoded decodes to the same, and a truncated or foreign record is refused.
#include <gtest/gtest.h>

#include "storage/prepared_state.hpp"

namespace kanto::storage {
namespace {

PreparedState Sample() {
  PreparedState s;
  s.row_locks = {{0, std::string("\x00\x00\x01\x02k", 5), true}, {7, "\xff\xff\xff\xfe" "row", false}};
  s.locks = std::string("\x00\x00\x00\x05lock", 8);
  s.serializable = true;
  s.reads = {{"a", "b"}, {"c", ""}};
  s.writes = {{"k", std::string("k\x00", 2)}};
  return s;
}

TEST(PreparedStateTest, RoundTrip) {
  PreparedState s = Sample(), d;
  ASSERT_TRUE(d.Decode(s.Encode()));
  ASSERT_EQ(d.row_locks.size(), 2u);
  EXPECT_EQ(d.row_locks[0].key, s.row_locks[0].key);
  EXPECT_TRUE(d.row_locks[0].exclusive);
  EXPECT_EQ(d.row_locks[1].cf, 7u);
  EXPECT_FALSE(d.row_locks[1].exclusive);
  EXPECT_EQ(d.locks, s.locks);
  EXPECT_TRUE(d.serializable);
  EXPECT_EQ(d.reads, s.reads);
  EXPECT_EQ(d.writes, s.writes);
  PreparedState plain, back;
  ASSERT_TRUE(back.Decode(plain.Encode()));
  EXPECT_FALSE(back.serializable);
  EXPECT_TRUE(back.row_locks.empty());
}

TEST(PreparedStateTest, RefusesTruncatedAndForeign) {
  std::string bytes = Sample().Encode();
  for (size_t n = 0; n < bytes.size(); n++) {
    PreparedState d;
    EXPECT_FALSE(d.Decode(std::string_view(bytes).substr(0, n))) << n;
  }
  PreparedState d;
  EXPECT_FALSE(d.Decode(bytes + "x"));
  EXPECT_FALSE(d.Decode("\x02"));
}

TEST(PreparedStateTest, Key) {
  EXPECT_TRUE(IsPreparedStateKey(PreparedStateKey("gid")));
  EXPECT_FALSE(IsPreparedStateKey("\xff\xff\xff\xfe" "gid"));
  EXPECT_FALSE(IsPreparedStateKey(""));
}

}  // namespace
}  // namespace kanto::storage
