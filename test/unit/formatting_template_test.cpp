// The template parser of to_char / to_date / to_number (function/formatting_template.hpp).
#include "function/formatting_template.hpp"

#include <gtest/gtest.h>

#include "kanto/error.hpp"

namespace kanto::formatting {
namespace {

// The nodes as text: keywords by name with their modifiers (<FM>, <TH>, ...), literals in quotes.
std::string Describe(const std::vector<FormatNode>& nodes) {
  std::string out;
  for (const FormatNode& n : nodes) {
    if (!out.empty()) out += ' ';
    switch (n.type) {
      case NodeType::kAction:
        if (n.suffix & kSuffixFM) out += "<FM>";
        if (n.suffix & kSuffixTM) out += "<TM>";
        out += n.key->name;
        if (n.suffix & kSuffixTH) out += "<TH>";
        if (n.suffix & kSuffixth) out += "<th>";
        if (n.suffix & kSuffixSP) out += "<SP>";
        break;
      case NodeType::kChar: out += "'" + n.character + "'"; break;
      case NodeType::kSeparator: out += "sep(" + n.character + ")"; break;
      case NodeType::kSpace: out += "space"; break;
    }
  }
  return out;
}

std::string Date(std::string_view t) { return Describe(ParseDateTemplate(t).nodes); }

TEST(FormattingTemplate, LongestKeywordWins) {
  EXPECT_EQ(Date("HH24HH12HH"), "HH24 HH12 HH");
  EXPECT_EQ(Date("YYYYYYY"), "YYYY YYY");
  EXPECT_EQ(Date("Y,YYY"), "Y,YYY");
  EXPECT_EQ(Date("SSSSSSSSS"), "SSSSS SSSS");
  EXPECT_EQ(Date("DDDDD"), "DDD DD");
  EXPECT_EQ(Date("IDDDIYYYIW"), "IDDD IYYY IW");
  EXPECT_EQ(Date("MONTHMONMM"), "MONTH MON MM");
  EXPECT_EQ(Date("TZHTZMTZ"), "TZH TZM TZ");
  EXPECT_EQ(Date("FF1FF6"), "FF1 FF6");
}

TEST(FormattingTemplate, LetterCaseSelectsTheKeyword) {
  EXPECT_EQ(Date("Month month MONTH"), "Month space month space MONTH");
  EXPECT_EQ(Date("Dy dy"), "Dy space dy");
  EXPECT_EQ(Date("yyyy-mm-dd"), "yyyy sep(-) mm sep(-) dd");
  // Mixed case that is no keyword splits: "Yyyy" is Y then yyy.
  EXPECT_EQ(Date("Yyyy"), "Y yyy");
  EXPECT_EQ(Date("mONTH"), "'m' 'O' 'N' 'T' 'H'");
}

TEST(FormattingTemplate, Modifiers) {
  EXPECT_EQ(Date("FMDDth"), "<FM>DD<th>");
  EXPECT_EQ(Date("fmMonth"), "<FM>Month");
  EXPECT_EQ(Date("TMDay"), "<TM>Day");
  EXPECT_EQ(Date("DDTH"), "DD<TH>");
  EXPECT_EQ(Date("DDSP"), "DD<SP>");
  // A modifier without a keyword after it is dropped; TH without a keyword before it is text.
  EXPECT_EQ(Date("FMx"), "'x'");
  EXPECT_EQ(Date("FM"), "");
  EXPECT_EQ(Date("TH"), "'T' 'H'");
  // One prefix per keyword: the second FM is text.
  EXPECT_EQ(Date("FMFMDD"), "'F' 'M' DD");
}

TEST(FormattingTemplate, QuotedTextAndBackslashes) {
  EXPECT_EQ(Date("\"YYYY\"YYYY"), "'Y' 'Y' 'Y' 'Y' YYYY");
  EXPECT_EQ(Date("\"a\\\"b\""), "'a' '\"' 'b'");
  EXPECT_EQ(Date("\\\"YYYY"), "sep(\") YYYY");  // \" outside quotes is a quote character
  EXPECT_EQ(Date("\\YYYY"), "sep(\\) YYYY");  // any other backslash is a separator
  EXPECT_EQ(Date("\"unterminated"), "'u' 'n' 't' 'e' 'r' 'm' 'i' 'n' 'a' 't' 'e' 'd'");
  EXPECT_EQ(Date("\"é\""), "'é'");
}

TEST(FormattingTemplate, SeparatorsSpacesAndText) {
  EXPECT_EQ(Date("DD/MM.YY"), "DD sep(/) MM sep(.) YY");
  EXPECT_EQ(Date("DD x\tMM"), "DD space 'x' space MM");
  EXPECT_EQ(Date("é"), "'é'");
  EXPECT_EQ(Date(""), "");
}

TEST(FormattingTemplate, KeywordsCarryDigitAndCalendar) {
  auto t = ParseDateTemplate("IYYY-MM-Month");
  ASSERT_EQ(t.nodes.size(), 5u);
  EXPECT_EQ(t.nodes[0].key->mode, DateMode::kIsoWeek);
  EXPECT_TRUE(t.nodes[0].key->is_digit);
  EXPECT_EQ(t.nodes[2].key->mode, DateMode::kGregorian);
  EXPECT_FALSE(t.nodes[4].key->is_digit);
  EXPECT_EQ(t.nodes[4].dch(), Dch::kMonth);
  EXPECT_EQ(ParseDateTemplate("dd").nodes[0].dch(), Dch::kDD);  // lower case, same field
}

TEST(FormattingTemplate, NumberDescription) {
  NumberTemplate t = ParseNumberTemplate("FM9,990.0099S");
  EXPECT_EQ(t.desc.pre, 4);
  EXPECT_EQ(t.desc.post, 4);
  EXPECT_TRUE(t.desc.flag & kNumFillMode);
  EXPECT_TRUE(t.desc.flag & kNumDecimal);
  EXPECT_TRUE(t.desc.flag & kNumZero);
  EXPECT_EQ(t.desc.zero_start, 4);
  EXPECT_EQ(t.desc.zero_end, 6);
  EXPECT_EQ(t.desc.lsign, 1);  // S after the decimal point: after the number

  t = ParseNumberTemplate("S999");
  EXPECT_EQ(t.desc.lsign, -1);
  EXPECT_EQ(t.desc.pre_lsign_num, 0);

  t = ParseNumberTemplate("99V999");
  EXPECT_EQ(t.desc.pre, 2);
  EXPECT_EQ(t.desc.multi, 3);

  t = ParseNumberTemplate("9.99EEEE");
  EXPECT_TRUE(t.desc.flag & kNumEEEE);
  EXPECT_EQ(t.desc.post, 2);

  t = ParseNumberTemplate("\"x\"999PR");
  EXPECT_TRUE(t.desc.flag & kNumBracket);
  EXPECT_EQ(t.nodes.size(), 5u);  // 'x' 9 9 9 PR
  EXPECT_EQ(t.nodes[0].type, NodeType::kChar);
}

TEST(FormattingTemplate, ContradictoryNumberTemplates) {
  for (const char* bad : {"9.9.9", "9D9.9", "S9S", "S9MI", "MI9S", "S9PL", "S9SG", "PR9", "9PR9", "9.9V9", "9V9.9",
                          "9EEEEEEEE", "FM9EEEE", "S9EEEE", "9EEEE9", "RN9EEEE"}) {
    try {
      ParseNumberTemplate(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kSyntaxError) << bad;
    }
  }
  EXPECT_NO_THROW(ParseNumberTemplate("9PR"));
  EXPECT_NO_THROW(ParseNumberTemplate("SG9MI"));
}

TEST(FormattingTemplate, CacheReturnsTheSameParse) {
  const DateTemplate& a = CachedDateTemplate("YYYY-MM-DD");
  const DateTemplate& b = CachedDateTemplate("YYYY-MM-DD");
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(Describe(a.nodes), "YYYY sep(-) MM sep(-) DD");
  EXPECT_EQ(CachedNumberTemplate("999").desc.pre, 3);
}

}  // namespace
}  // namespace kanto::formatting
