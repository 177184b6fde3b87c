// COPY's text and CSV codec (commands/copy_format.hpp): fields read back as they were written.
#include <gtest/gtest.h>

#include "commands/copy_format.hpp"
#include "kanto/error.hpp"

namespace kanto::commands {
namespace {

CopyOptions Csv() {
  CopyOptions o;
  o.csv = true;
  o.delimiter = ',';
  o.null_string = "";
  return o;
}

std::vector<std::vector<CopyField>> ReadAll(std::string_view data, const CopyOptions& o) {
  CopyReader reader(data, o);
  std::vector<std::vector<CopyField>> rows;
  std::vector<CopyField> fields;
  while (reader.Next(&fields)) rows.push_back(fields);
  return rows;
}

TEST(CopyFormat, TextEscapesAndNull) {
  CopyOptions o;
  std::vector<CopyField> f;
  ParseTextLine("a\\tb\t\\N\t\\x41\\101\\\\\t", o, &f);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(*f[0], "a\tb");
  EXPECT_FALSE(f[1].has_value());
  EXPECT_EQ(*f[2], "AA\\");
  EXPECT_EQ(*f[3], "");
  // An escaped null marker is text, not NULL.
  ParseTextLine("\\\\N", o, &f);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(*f[0], "\\N");
}

TEST(CopyFormat, TextLinesStopAtEndMarker) {
  CopyOptions o;
  CopyReader reader("1\tx\r\n2\ty\n\\.\n3\tz\n", o);
  std::vector<CopyField> f;
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(*f[1], "x");
  EXPECT_EQ(reader.raw(), "1\tx");
  ASSERT_TRUE(reader.Next(&f));
  EXPECT_EQ(reader.line(), 2u);
  EXPECT_FALSE(reader.Next(&f));
}

TEST(CopyFormat, CsvQuotesNullsAndMultilineFields) {
  auto rows = ReadAll("1,\"a, b\",,\"\"\n2,\"line\nbreak\",\"say \"\"hi\"\"\",x\n", Csv());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(*rows[0][1], "a, b");
  EXPECT_FALSE(rows[0][2].has_value());  // unquoted empty: NULL
  EXPECT_EQ(*rows[0][3], "");            // quoted empty: an empty string
  EXPECT_EQ(*rows[1][1], "line\nbreak");
  EXPECT_EQ(*rows[1][2], "say \"hi\"");
}

TEST(CopyFormat, CsvUnterminatedQuote) {
  try {
    ReadAll("1,\"open\n", Csv());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.sqlstate(), "22P04");
    EXPECT_EQ(e.message(), "unterminated CSV quoted field");
  }
}

TEST(CopyFormat, OutputRoundTrips) {
  for (const CopyOptions& o : {CopyOptions{}, Csv()}) {
    std::string line;
    std::vector<std::string> values{"plain", "tab\there", "new\nline", "back\\slash", "", "q\"uote,comma"};
    for (size_t i = 0; i < values.size(); i++) {
      if (i) line += o.delimiter;
      AppendCopyField(values[i], o, &line);
    }
    line += '\n';
    auto rows = ReadAll(line, o);
    ASSERT_EQ(rows.size(), 1u) << line;
    ASSERT_EQ(rows[0].size(), values.size());
    for (size_t i = 0; i < values.size(); i++) {
      ASSERT_TRUE(rows[0][i].has_value());
      EXPECT_EQ(*rows[0][i], values[i]);
    }
  }
}

TEST(CopyFormat, ContextTextIsCut) {
  EXPECT_EQ(CopyContextText("short"), "short");
  std::string long_text(99, 'a');
  long_text += "\xc3\xa9tail";  // a two-byte character across the 100-byte limit
  EXPECT_EQ(CopyContextText(long_text), std::string(99, 'a') + "...");
}

}  // namespace
}  // namespace kanto::commands
