#include "function/formatting_template.hpp"

#include <unordered_map>

#include "kanto/error.hpp"

namespace kanto::formatting {

namespace {

using G = DateMode;
constexpr G kN = G::kNone, kG = G::kGregorian, kIso = G::kIsoWeek;

#define DK(name, id, digit, mode) KeyWord{name, static_cast<uint8_t>(Dch::id), digit, mode}

// Grouped by first character; within a group a keyword comes before every keyword that is a
// prefix of it, so the first match is the longest.
const KeyWord kDateKeywords[] = {
    DK("A.D.", kA_D, false, kN), DK("A.M.", kA_M, false, kN), DK("AD", kAD, false, kN), DK("AM", kAM, false, kN),
    DK("B.C.", kB_C, false, kN), DK("BC", kBC, false, kN),
    DK("CC", kCC, true, kN),
    DK("DAY", kDAY, false, kN), DK("DDD", kDDD, true, kG), DK("DD", kDD, true, kG), DK("DY", kDY, false, kN),
    DK("Day", kDay, false, kN), DK("Dy", kDy, false, kN), DK("D", kD, true, kG),
    DK("FF1", kFF1, true, kN), DK("FF2", kFF2, true, kN), DK("FF3", kFF3, true, kN), DK("FF4", kFF4, true, kN),
    DK("FF5", kFF5, true, kN), DK("FF6", kFF6, true, kN), DK("FX", kFX, false, kN),
    DK("HH24", kHH24, true, kN), DK("HH12", kHH12, true, kN), DK("HH", kHH, true, kN),
    DK("IDDD", kIDDD, true, kIso), DK("ID", kID, true, kIso), DK("IW", kIW, true, kIso), DK("IYYY", kIYYY, true, kIso),
    DK("IYY", kIYY, true, kIso), DK("IY", kIY, true, kIso), DK("I", kI, true, kIso),
    DK("J", kJ, true, kN),
    DK("MI", kMI, true, kN), DK("MM", kMM, true, kG), DK("MONTH", kMONTH, false, kG), DK("MON", kMON, false, kG),
    DK("MS", kMS, true, kN), DK("Month", kMonth, false, kG), DK("Mon", kMon, false, kG),
    DK("OF", kOF, false, kN),
    DK("P.M.", kP_M, false, kN), DK("PM", kPM, false, kN),
    DK("Q", kQ, true, kN),
    DK("RM", kRM, false, kG),
    DK("SSSSS", kSSSS, true, kN), DK("SSSS", kSSSS, true, kN), DK("SS", kSS, true, kN),
    DK("TZH", kTZH, false, kN), DK("TZM", kTZM, true, kN), DK("TZ", kTZ, false, kN),
    DK("US", kUS, true, kN),
    DK("WW", kWW, true, kG), DK("W", kW, true, kG),
    DK("Y,YYY", kY_YYY, true, kG), DK("YYYY", kYYYY, true, kG), DK("YYY", kYYY, true, kG), DK("YY", kYY, true, kG),
    DK("Y", kY, true, kG),
    DK("a.d.", ka_d, false, kN), DK("a.m.", ka_m, false, kN), DK("ad", kad, false, kN), DK("am", kam, false, kN),
    DK("b.c.", kb_c, false, kN), DK("bc", kbc, false, kN),
    DK("cc", kCC, true, kN),
    DK("day", kday, false, kN), DK("ddd", kDDD, true, kG), DK("dd", kDD, true, kG), DK("dy", kdy, false, kN),
    DK("d", kD, true, kG),
    DK("ff1", kFF1, true, kN), DK("ff2", kFF2, true, kN), DK("ff3", kFF3, true, kN), DK("ff4", kFF4, true, kN),
    DK("ff5", kFF5, true, kN), DK("ff6", kFF6, true, kN), DK("fx", kFX, false, kN),
    DK("hh24", kHH24, true, kN), DK("hh12", kHH12, true, kN), DK("hh", kHH, true, kN),
    DK("iddd", kIDDD, true, kIso), DK("id", kID, true, kIso), DK("iw", kIW, true, kIso), DK("iyyy", kIYYY, true, kIso),
    DK("iyy", kIYY, true, kIso), DK("iy", kIY, true, kIso), DK("i", kI, true, kIso),
    DK("j", kJ, true, kN),
    DK("mi", kMI, true, kN), DK("mm", kMM, true, kG), DK("month", kmonth, false, kG), DK("mon", kmon, false, kG),
    DK("ms", kMS, true, kN),
    DK("of", kOF, false, kN),
    DK("p.m.", kp_m, false, kN), DK("pm", kpm, false, kN),
    DK("q", kQ, true, kN),
    DK("rm", krm, false, kG),
    DK("sssss", kSSSS, true, kN), DK("ssss", kSSSS, true, kN), DK("ss", kSS, true, kN),
    DK("tzh", kTZH, false, kN), DK("tzm", kTZM, true, kN), DK("tz", ktz, false, kN),
    DK("us", kUS, true, kN),
    DK("ww", kWW, true, kG), DK("w", kW, true, kG),
    DK("y,yyy", kY_YYY, true, kG), DK("yyyy", kYYYY, true, kG), DK("yyy", kYYY, true, kG), DK("yy", kYY, true, kG),
    DK("y", kY, true, kG),
};
#undef DK

#define NK(name, id) KeyWord{name, static_cast<uint8_t>(Num::id)}
const KeyWord kNumberKeywords[] = {
    NK(",", kComma), NK(".", kDec), NK("0", k0), NK("9", k9), NK("B", kB), NK("C", kC), NK("D", kD),
    NK("EEEE", kE), NK("FM", kFM), NK("G", kG), NK("L", kL), NK("MI", kMI), NK("PL", kPL), NK("PR", kPR),
    NK("RN", kRN), NK("SG", kSG), NK("SP", kSP), NK("S", kS), NK("TH", kTH), NK("V", kV),
    NK("b", kB), NK("c", kC), NK("d", kD), NK("eeee", kE), NK("fm", kFM), NK("g", kG), NK("l", kL),
    NK("mi", kMI), NK("pl", kPL), NK("pr", kPR), NK("rn", krn), NK("sg", kSG), NK("sp", kSP), NK("s", kS),
    NK("th", kth), NK("v", kV),
};
#undef NK

template <size_t N>
const KeyWord* FindKeyword(const KeyWord (&table)[N], std::string_view s) {
  unsigned char c = static_cast<unsigned char>(s[0]);
  if (c <= ' ' || c >= '~') return nullptr;
  for (const KeyWord& k : table) {
    if (k.name[0] == s[0] && s.substr(0, k.name.size()) == k.name) return &k;
  }
  return nullptr;
}

size_t Utf8CharLen(std::string_view s, size_t pos) {
  unsigned char c = static_cast<unsigned char>(s[pos]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return std::min(n, s.size() - pos);
}

bool IsSeparatorChar(char c) {
  return c > 0x20 && c < 0x7F && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9');
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

Error SyntaxError(std::string message) { return Error(sqlstate::kSyntaxError, std::move(message)); }

// Records what a number keyword asks for, refusing contradictions as PostgreSQL does.
void Describe(NumberDesc& d, Num id) {
  if ((d.flag & kNumEEEE) && id != Num::kE) throw SyntaxError("\"EEEE\" must be the last pattern used");
  switch (id) {
    case Num::k9:
      if (d.flag & kNumBracket) throw SyntaxError("\"9\" must be ahead of \"PR\"");
      if (d.flag & kNumMulti) {
        d.multi++;
        break;
      }
      if (d.flag & kNumDecimal) d.post++;
      else d.pre++;
      break;
    case Num::k0:
      if (d.flag & kNumBracket) throw SyntaxError("\"0\" must be ahead of \"PR\"");
      if (!(d.flag & kNumZero) && !(d.flag & kNumDecimal)) {
        d.flag |= kNumZero;
        d.zero_start = d.pre + 1;
      }
      if (!(d.flag & kNumDecimal)) d.pre++;
      else d.post++;
      d.zero_end = d.pre + d.post;
      break;
    case Num::kB:
      if (d.pre == 0 && d.post == 0 && !(d.flag & kNumZero)) d.flag |= kNumBlank;
      break;
    case Num::kD:
      d.flag |= kNumLDecimal;
      d.need_locale = true;
      [[fallthrough]];
    case Num::kDec:
      if (d.flag & kNumDecimal) throw SyntaxError("multiple decimal points");
      if (d.flag & kNumMulti) throw SyntaxError("cannot use \"V\" and decimal point together");
      d.flag |= kNumDecimal;
      break;
    case Num::kFM:
      d.flag |= kNumFillMode;
      break;
    case Num::kS:
      if (d.flag & kNumLSign) throw SyntaxError("cannot use \"S\" twice");
      if (d.flag & (kNumPlus | kNumMinus | kNumBracket))
        throw SyntaxError("cannot use \"S\" and \"PL\"/\"MI\"/\"SG\"/\"PR\" together");
      if (!(d.flag & kNumDecimal)) {
        d.lsign = -1;
        d.pre_lsign_num = d.pre;
        d.need_locale = true;
        d.flag |= kNumLSign;
      } else if (d.lsign == 0) {
        d.lsign = 1;
        d.need_locale = true;
        d.flag |= kNumLSign;
      }
      break;
    case Num::kMI:
      if (d.flag & kNumLSign) throw SyntaxError("cannot use \"S\" and \"MI\" together");
      d.flag |= kNumMinus;
      if (d.flag & kNumDecimal) d.flag |= kNumMinusPost;
      break;
    case Num::kPL:
      if (d.flag & kNumLSign) throw SyntaxError("cannot use \"S\" and \"PL\" together");
      d.flag |= kNumPlus;
      if (d.flag & kNumDecimal) d.flag |= kNumPlusPost;
      break;
    case Num::kSG:
      if (d.flag & kNumLSign) throw SyntaxError("cannot use \"S\" and \"SG\" together");
      d.flag |= kNumMinus | kNumPlus;
      break;
    case Num::kPR:
      if (d.flag & (kNumLSign | kNumPlus | kNumMinus))
        throw SyntaxError("cannot use \"PR\" and \"S\"/\"PL\"/\"MI\"/\"SG\" together");
      d.flag |= kNumBracket;
      break;
    case Num::kRN:
    case Num::krn:
      d.flag |= kNumRoman;
      break;
    case Num::kL:
    case Num::kG:
      d.need_locale = true;
      break;
    case Num::kV:
      if (d.flag & kNumDecimal) throw SyntaxError("cannot use \"V\" and decimal point together");
      d.flag |= kNumMulti;
      break;
    case Num::kE:
      if (d.flag & kNumEEEE) throw SyntaxError("cannot use \"EEEE\" twice");
      if (d.flag & (kNumBlank | kNumFillMode | kNumLSign | kNumBracket | kNumMinus | kNumPlus | kNumRoman | kNumMulti))
        throw SyntaxError("\"EEEE\" is incompatible with other formats")
            .WithDetail("\"EEEE\" may only be used together with digit and decimal point patterns.");
      d.flag |= kNumEEEE;
      break;
    default:
      break;
  }
}

// One parser for both kinds of template; `date` selects the keyword table and the modifiers.
template <size_t N>
std::vector<FormatNode> Parse(std::string_view s, const KeyWord (&table)[N], bool date, NumberDesc* desc) {
  std::vector<FormatNode> nodes;
  size_t i = 0;
  auto literal = [&](NodeType type, size_t pos) {
    size_t len = Utf8CharLen(s, pos);
    FormatNode n;
    n.type = type;
    n.character = std::string(s.substr(pos, len));
    nodes.push_back(std::move(n));
    return len;
  };
  while (i < s.size()) {
    int suffix = 0;
    if (date) {
      std::string_view rest = s.substr(i);
      if (rest.starts_with("FM") || rest.starts_with("fm")) {
        suffix |= kSuffixFM;
        i += 2;
      } else if (rest.starts_with("TM") || rest.starts_with("tm")) {
        suffix |= kSuffixTM;
        i += 2;
      }
      if (i >= s.size()) break;
    }
    if (const KeyWord* k = FindKeyword(table, s.substr(i))) {
      FormatNode n;
      n.type = NodeType::kAction;
      n.key = k;
      n.suffix = suffix;
      i += k->name.size();
      if (desc) Describe(*desc, n.num());
      if (date && i < s.size()) {
        std::string_view rest = s.substr(i);
        int postfix = rest.starts_with("TH") ? kSuffixTH : rest.starts_with("th") ? kSuffixth
                      : rest.starts_with("SP")   ? kSuffixSP : 0;
        n.suffix |= postfix;
        if (postfix) i += 2;
      }
      nodes.push_back(std::move(n));
      continue;
    }
    if (s[i] == '"') {
      for (i++; i < s.size();) {
        if (s[i] == '"') {
          i++;
          break;
        }
        if (s[i] == '\\' && i + 1 < s.size()) i++;
        i += literal(NodeType::kChar, i);
      }
      continue;
    }
    // Outside quotes a backslash only escapes a double quote.
    if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == '"') i++;
    NodeType type = date && IsSeparatorChar(s[i]) ? NodeType::kSeparator
                    : IsSpace(s[i])               ? NodeType::kSpace
                                                  : NodeType::kChar;
    i += literal(type, i);
  }
  return nodes;
}

}  // namespace

DateTemplate ParseDateTemplate(std::string_view text) {
  DateTemplate t{Parse(text, kDateKeywords, true, nullptr)};
  for (const FormatNode& n : t.nodes)
    t.uses_zone_name = t.uses_zone_name || (n.type == NodeType::kAction && (n.dch() == Dch::kTZ || n.dch() == Dch::ktz));
  return t;
}

NumberTemplate ParseNumberTemplate(std::string_view text) {
  NumberTemplate t;
  t.nodes = Parse(text, kNumberKeywords, false, &t.desc);
  return t;
}

namespace {
template <typename T>
struct TemplateCache {
  std::unordered_map<std::string, T> parsed;
  const std::string* last_text = nullptr;  // the key of the last template asked for
  const T* last = nullptr;
};

template <typename T, typename ParseFn>
const T& Cached(TemplateCache<T>& cache, const std::string& text, ParseFn parse) {
  if (cache.last && *cache.last_text == text) return *cache.last;  // the usual case: one template per query
  auto it = cache.parsed.find(text);
  if (it == cache.parsed.end()) {
    if (cache.parsed.size() >= 64) cache.parsed.clear();
    it = cache.parsed.emplace(text, parse(text)).first;
  }
  cache.last_text = &it->first;
  cache.last = &it->second;
  return it->second;
}
}  // namespace

const DateTemplate& CachedDateTemplate(const std::string& text) {
  thread_local TemplateCache<DateTemplate> cache;
  return Cached(cache, text, ParseDateTemplate);
}

const NumberTemplate& CachedNumberTemplate(const std::string& text) {
  thread_local TemplateCache<NumberTemplate> cache;
  return Cached(cache, text, ParseNumberTemplate);
}

}  // namespace kanto::formatting
