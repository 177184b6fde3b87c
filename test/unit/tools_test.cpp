// Pieces of the tools: statement splitting (shell) and MD5 (sqllogictest hashes).
#include <gtest/gtest.h>

#include "tools/statement_splitter.hpp"

namespace kanto::tools {
namespace {

TEST(StatementSplitter, QuotesCommentsAndDollarQuotes) {
  StatementSplitter s;
  auto out = s.Feed("SELECT 'a;b'; SELECT \"x;\" FROM t; -- c;\nSELECT $$;$$; SELECT $tag$ ; $tag$; /* ; /* ; */ */ SELECT 5;");
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0], "SELECT 'a;b'");
  EXPECT_EQ(out[1], "SELECT \"x;\" FROM t");
  EXPECT_EQ(out[3], "SELECT $tag$ ; $tag$");
  EXPECT_TRUE(s.Empty());
}

TEST(StatementSplitter, StatementsAcrossLines) {
  StatementSplitter s;
  EXPECT_TRUE(s.Feed("SELECT 1,\n").empty());
  EXPECT_FALSE(s.Empty());
  auto out = s.Feed("  2;\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], "SELECT 1,\n  2");
  EXPECT_TRUE(s.Feed("SELECT 'it''s").empty());
  auto rest = s.Feed("';");
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0], "SELECT 'it''s'");
}

}  // namespace
}  // namespace kanto::tools

#include "md5.hpp"

namespace kanto::slt {
namespace {

TEST(Md5, KnownVectors) {
  auto hex = [](const std::string& s) {
    Md5 m;
    m.Update(s);
    return m.HexDigest();
  };
  EXPECT_EQ(hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex("abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(hex(std::string(1000, 'a')), "cabe45dcc9ae5b66ba86600cca6b8ba8");
  Md5 parts;
  parts.Update("message ");
  parts.Update("digest");
  EXPECT_EQ(parts.HexDigest(), "f96b697d7cb7938d525a2f31aaf161d0");
}

}  // namespace
}  // namespace kanto::slt
