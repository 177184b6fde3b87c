// uuid (types/uuid): the input forms PostgreSQL's uuid_in accepts and those it refuses, the output
// form, the binary length check, and gen_random_uuid's version and variant bits.
#include <gtest/gtest.h>

#include <set>

#include "kanto/error.hpp"
#include "types/uuid.hpp"

namespace kanto {
namespace {

TEST(Uuid, InputFormsAndOutput) {
  const std::string canonical = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";
  for (const char* form : {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
                           "A0EEBC999C0B4EF8BB6D6BB9BD380A11", "a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11",
                           "{a0eebc999c0b4ef8bb6d6bb9bd380a11}"}) {
    std::string bytes = UuidFromText(form);
    ASSERT_EQ(bytes.size(), 16u) << form;
    EXPECT_EQ(UuidToText(bytes), canonical) << form;
  }
  EXPECT_EQ(static_cast<unsigned char>(UuidFromText(canonical)[0]), 0xa0);
}

TEST(Uuid, RefusedInput) {
  for (const char* bad : {"", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111",
                          "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
                          "a0eebc9-99c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99--9c0b-4ef8-bb6d-6bb9bd380a11",
                          " a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11-",
                          "g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"}) {
    try {
      UuidFromText(bad);
      ADD_FAILURE() << "accepted " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.sqlstate(), "22P02") << bad;
      EXPECT_EQ(e.message(), std::string("invalid input syntax for type uuid: \"") + bad + "\"");
    }
  }
}

TEST(Uuid, BinaryIsSixteenBytes) {
  std::string bytes = UuidFromText("00000000-0000-0000-0000-0000000000ff");
  EXPECT_EQ(UuidFromBinary(bytes), bytes);
  EXPECT_THROW(UuidFromBinary(bytes.substr(1)), Error);
  EXPECT_THROW(UuidFromBinary(bytes + "x"), Error);
}

TEST(Uuid, RandomIsVersionFour) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; i++) {
    std::string u = RandomUuid();
    ASSERT_EQ(u.size(), 16u);
    EXPECT_EQ(static_cast<unsigned char>(u[6]) >> 4, 4);
    EXPECT_EQ(static_cast<unsigned char>(u[8]) >> 6, 2);
    seen.insert(u);
  }
  EXPECT_EQ(seen.size(), 100u);
}

}  // namespace
}  // namespace kanto
