// The regex layer (function/regex): PostgreSQL's compile-error messages, the engine choice and
// limits, and the compiled-pattern cache (a constant pattern is compiled once, not per row).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "function/regex/regex_cache.hpp"
#include "function/regex/regex_translate.hpp"
#include "kanto/error.hpp"
#include "kanto/kanto.hpp"

namespace kanto {
namespace {

std::string CompileError(const std::string& pattern, RegexOptions options = {}) {
  try {
    Regex::Compile(pattern, options);
  } catch (const Error& e) {
    return e.sqlstate() + " " + e.message();
  }
  return "compiled";
}

// Messages as PostgreSQL 15 gives them (checked against the reference server).
TEST(RegexTest, CompileErrorsHavePostgresMessages) {
  EXPECT_EQ(CompileError("("), "2201B invalid regular expression: parentheses () not balanced");
  EXPECT_EQ(CompileError("a)"), "2201B invalid regular expression: parentheses () not balanced");
  EXPECT_EQ(CompileError("["), "2201B invalid regular expression: brackets [] not balanced");
  EXPECT_EQ(CompileError("a{3,2}"), "2201B invalid regular expression: invalid repetition count(s)");
  EXPECT_EQ(CompileError("a{256}"), "2201B invalid regular expression: invalid repetition count(s)");
  EXPECT_EQ(CompileError("a{1"), "2201B invalid regular expression: braces {} not balanced");
  EXPECT_EQ(CompileError("*a"), "2201B invalid regular expression: quantifier operand invalid");
  EXPECT_EQ(CompileError("a(?i)b"), "2201B invalid regular expression: quantifier operand invalid");
  EXPECT_EQ(CompileError("\\1"), "2201B invalid regular expression: invalid backreference number");
  EXPECT_EQ(CompileError("\\k"), "2201B invalid regular expression: invalid escape \\ sequence");
  EXPECT_EQ(CompileError("[z-a]"), "2201B invalid regular expression: invalid character range");
  EXPECT_EQ(CompileError("[[:foo:]]"), "2201B invalid regular expression: invalid character class");
  EXPECT_EQ(CompileError("[[.foo.]]"), "2201B invalid regular expression: invalid collating element");
  EXPECT_EQ(CompileError("(?z)a"), "2201B invalid regular expression: invalid embedded option");
  EXPECT_EQ(CompileError("(?b)a").substr(0, 5), "0A000");
  EXPECT_EQ(CompileError("a{,3}"), "compiled");  // a literal brace, as in PostgreSQL
}

TEST(RegexTest, EngineChoiceAndGreediness) {
  EXPECT_FALSE(TranslateRegex("(a|b)*c", {}).backtracking);
  EXPECT_TRUE(TranslateRegex("(a)\\1", {}).backtracking);
  EXPECT_TRUE(TranslateRegex("a(?=b)", {}).backtracking);
  EXPECT_TRUE(TranslateRegex("\\mword\\M", {}).backtracking);
  EXPECT_TRUE(TranslateRegex("(.*?)(\\d+)(.*)", {}).non_greedy);
  EXPECT_FALSE(TranslateRegex("(?:(.*?)(\\d+)(.*)){1,1}", {}).non_greedy);
  EXPECT_FALSE(TranslateRegex("a*?|b", {}).non_greedy);  // two branches: greedy
  EXPECT_TRUE(TranslateRegex("x{2}y+?", {}).non_greedy);  // {m} has no greediness of its own
}

// Deep nesting is refused with 2201B, not by exhausting the stack.
TEST(RegexTest, DeepNestingIsAnError) {
  std::string deep(100000, '(');
  EXPECT_EQ(CompileError(deep), "2201B invalid regular expression: regular expression is too complex");
  std::string balanced = std::string(400, '(') + "a" + std::string(400, ')');
  EXPECT_EQ(CompileError(balanced), "compiled");
}

// Backtracking (back references) is bounded: exponential work ends in 2201B within the limit.
TEST(RegexTest, BacktrackingLimitGivesError) {
  auto re = Regex::Compile("^(a|aa)+(\\1)?b", {});
  std::string text = std::string(60, 'a') + "cb";
  auto t0 = std::chrono::steady_clock::now();
  try {
    re->Matches(text);
    FAIL() << "expected the match limit";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "2201B");
    EXPECT_EQ(e.message(), "regular expression failed: backtracking step limit exceeded");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  EXPECT_TRUE(re->Matches("aab"));
}

TEST(RegexTest, RowsShareOneCompiledPattern) {
  auto dir = std::filesystem::temp_directory_path() / ("kanto-regex-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    Error e("00000", "");
    auto db = Database::Open(dir.string(), {}, &e);
    ASSERT_NE(db, nullptr) << e.message();
    Connection conn(db);
    ASSERT_TRUE(conn.Execute("CREATE TABLE t AS SELECT g, 'row' || g AS s FROM generate_series(1, 3000) g").ok());
    uint64_t before = RegexCompilations();
    auto r = conn.Execute("SELECT count(*) FROM t WHERE s ~ 'w[0-9]*7$' AND regexp_replace(s, '(o)(w)', '\\2\\1') ~~ 'rwo%'");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.GetText(0, 0), "300");
    EXPECT_LE(RegexCompilations() - before, 2u);
    // A pattern that changes per row is compiled per distinct pattern.
    before = RegexCompilations();
    r = conn.Execute("SELECT count(*) FROM t WHERE s ~ ('^row' || (g % 3) || '$')");
    ASSERT_TRUE(r.ok()) << r.error().message();
    EXPECT_EQ(r.GetText(0, 0), "2");  // row1, row2
    EXPECT_LE(RegexCompilations() - before, 3u);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kanto
