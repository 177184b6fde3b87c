// The access file's rules (server/hba.hpp) on what test/e2e/hba.sh cannot reach from loopback:
// IPv6 and IPv4-mapped clients, masks in both forms, keywords against quoted names.
#include <gtest/gtest.h>

#include "server/hba.hpp"

namespace kanto::server {
namespace {

std::optional<HbaMethod> MatchOne(const std::string& text, const std::string& address, const std::string& user = "u",
                                  const std::string& database = "d", bool ssl = false) {
  HbaRules rules;
  std::string error;
  EXPECT_TRUE(HbaRules::Parse(text, "t.conf", &rules, &error)) << error;
  return rules.Match({ssl, database, user, asio::ip::make_address(address)});
}

TEST(HbaTest, AddressesAndMasks) {
  EXPECT_EQ(MatchOne("host all all 10.1.0.0/16 trust", "10.1.200.3"), HbaMethod::kTrust);
  EXPECT_EQ(MatchOne("host all all 10.1.0.0/16 trust", "10.2.0.1"), std::nullopt);
  EXPECT_EQ(MatchOne("host all all 10.1.0.0 255.255.0.0 reject", "10.1.9.9"), HbaMethod::kReject);
  EXPECT_EQ(MatchOne("host all all 0.0.0.0/0 trust", "192.168.1.1"), HbaMethod::kTrust);
  // An IPv4 client that arrives on an IPv6 socket is matched as IPv4; an IPv4 rule never takes
  // a real IPv6 client.
  EXPECT_EQ(MatchOne("host all all 127.0.0.1/32 trust", "::ffff:127.0.0.1"), HbaMethod::kTrust);
  EXPECT_EQ(MatchOne("host all all 0.0.0.0/0 trust", "::1"), std::nullopt);
  EXPECT_EQ(MatchOne("host all all ::1/128 scram-sha-256", "::1"), HbaMethod::kScramSha256);
  EXPECT_EQ(MatchOne("host all all fd00::/8 trust", "fd12:3456::1"), HbaMethod::kTrust);
  EXPECT_EQ(MatchOne("host all all fd00::/8 trust", "fe80::1"), std::nullopt);
  EXPECT_EQ(MatchOne("host all all all trust", "fe80::1"), HbaMethod::kTrust);
  EXPECT_EQ(MatchOne("host all all samehost trust", "127.0.0.1"), HbaMethod::kTrust);
}

TEST(HbaTest, FirstMatchAndNames) {
  std::string text =
      "# comment\n"
      "hostssl  app,\"all\"  alice, bob  0.0.0.0/0  trust   # after\n"
      "host     sameuser     all         0.0.0.0/0  md5\n"
      "host     all          \"all\"     0.0.0.0/0  reject\n";
  EXPECT_EQ(MatchOne(text, "1.2.3.4", "alice", "app", true), HbaMethod::kTrust);
  EXPECT_EQ(MatchOne(text, "1.2.3.4", "bob", "all", true), HbaMethod::kTrust);  // "all": the database named all
  EXPECT_EQ(MatchOne(text, "1.2.3.4", "bob", "other", true), std::nullopt);
  EXPECT_EQ(MatchOne(text, "1.2.3.4", "alice", "app", false), std::nullopt);      // hostssl only
  EXPECT_EQ(MatchOne(text, "1.2.3.4", "carol", "carol"), HbaMethod::kScramSha256);
  EXPECT_EQ(MatchOne(text, "1.2.3.4", "all", "x"), HbaMethod::kReject);           // the role named all
  EXPECT_EQ(MatchOne("local all all peer\nhostnossl all all 0.0.0.0/0 trust", "1.2.3.4", "u", "d", true), std::nullopt);
  EXPECT_EQ(MatchOne("host replication all 0.0.0.0/0 trust", "1.2.3.4", "u", "replication"), std::nullopt);
  EXPECT_EQ(MatchOne("host \"replication\" all 0.0.0.0/0 trust", "1.2.3.4", "u", "replication"), HbaMethod::kTrust);
}

TEST(HbaTest, RefusedLinesNameTheLine) {
  for (const auto& [text, want] : std::vector<std::pair<std::string, std::string>>{
           {"\nhost all all 127.0.0.1/32 bogus", "t.conf:2: invalid authentication method \"bogus\""},
           {"host all all ::1/129 trust", "t.conf:1: invalid CIDR mask"},
           {"host all all 10.0.0.0 ffff::1 trust", "t.conf:1: IP address and mask do not match"},
           {"host all all 10.0.0.0/8 \"trust", "t.conf:1: unterminated quoted string"},
           {"host all alice, 10.0.0.0/8 trust", "t.conf:1: "},
           {"bogus all all 10.0.0.0/8 trust", "t.conf:1: invalid connection type \"bogus\""},
       }) {
    HbaRules rules;
    std::string error;
    EXPECT_FALSE(HbaRules::Parse(text, "t.conf", &rules, &error)) << text;
    EXPECT_EQ(error.rfind(want, 0), 0u) << error;
  }
}

}  // namespace
}  // namespace kanto::server
