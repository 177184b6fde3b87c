#include "function/regex/regex_translate.hpp"

#include <cstdio>
#include <vector>

#include "function/regex/utf8.hpp"
#include "kanto/error.hpp"

namespace kanto {

void ThrowInvalidRegex(const std::string& what) {
  throw Error(sqlstate::kInvalidRegularExpression, "invalid regular expression: " + what);
}

namespace {

// PostgreSQL's texts for the compile errors of its regex library.
constexpr const char* kEParen = "parentheses () not balanced";
constexpr const char* kEBrack = "brackets [] not balanced";
constexpr const char* kEBrace = "braces {} not balanced";
constexpr const char* kBadRpt = "quantifier operand invalid";
constexpr const char* kBadBr = "invalid repetition count(s)";
constexpr const char* kEEscape = "invalid escape \\ sequence";
constexpr const char* kESubReg = "invalid backreference number";
constexpr const char* kERange = "invalid character range";
constexpr const char* kECType = "invalid character class";
constexpr const char* kECollate = "invalid collating element";
constexpr const char* kBadOpt = "invalid embedded option";
constexpr const char* kTooBig = "regular expression is too complex";

constexpr int kMaxRepeat = 255;   // PostgreSQL's DUPMAX
constexpr size_t kMaxNesting = 500;  // open groups; the engines nest a little deeper for our own groups

// PostgreSQL's character classes (libc's in a UTF-8 locale), as bodies of an engine bracket.
constexpr const char* kDigitBody = "0-9";
constexpr const char* kSpaceBody =
    "\\x{9}-\\x{d}\\x{20}\\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200a}\\x{2028}\\x{2029}\\x{205f}\\x{3000}";
constexpr const char* kWordBody = "\\p{L}\\p{Nd}_";

const char* ClassBody(std::string_view name) {
  struct Class {
    const char* name;
    const char* body;
  };
  static const Class kClasses[] = {
      {"alnum", "\\p{L}\\p{Nd}"},
      {"alpha", "\\p{L}"},
      {"ascii", "\\x{0}-\\x{7f}"},
      {"blank", "\\x{9}\\x{20}\\x{1680}\\x{2000}-\\x{2006}\\x{2008}-\\x{200a}\\x{205f}\\x{3000}"},
      {"cntrl", "\\x{0}-\\x{1f}\\x{7f}-\\x{9f}"},
      {"digit", kDigitBody},
      {"graph", "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}"},
      {"lower", "\\p{Ll}"},
      {"print", "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\x{20}"},
      {"punct", "\\x{21}-\\x{2f}\\x{3a}-\\x{40}\\x{5b}-\\x{60}\\x{7b}-\\x{7e}\\p{P}\\p{S}"},
      {"space", kSpaceBody},
      {"upper", "\\p{Lu}"},
      {"word", kWordBody},
      {"xdigit", "0-9A-Fa-f"},
  };
  for (const auto& c : kClasses) {
    if (name == c.name) return c.body;
  }
  return nullptr;
}

// The POSIX names of collating elements ([.hyphen.]), for the ASCII characters.
int NamedCollatingElement(std::string_view name) {
  static const char* const kNames[128] = {
      "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "alert", "backspace", "tab", "newline",
      "vertical-tab", "form-feed", "carriage-return", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4",
      "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "IS4", "IS3", "IS2", "IS1", "space",
      "exclamation-mark", "quotation-mark", "number-sign", "dollar-sign", "percent-sign", "ampersand",
      "apostrophe", "left-parenthesis", "right-parenthesis", "asterisk", "plus-sign", "comma", "hyphen",
      "period", "slash", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
      "colon", "semicolon", "less-than-sign", "equals-sign", "greater-than-sign", "question-mark",
      "commercial-at", nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
      nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
      nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, "left-square-bracket", "backslash",
      "right-square-bracket", "circumflex", "underscore", "grave-accent", nullptr, nullptr, nullptr,
      nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
      nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
      nullptr, "left-brace", "vertical-line", "right-brace", "tilde", "DEL"};
  for (int c = 0; c < 128; c++) {
    if (kNames[c] && name == kNames[c]) return c;
  }
  struct Alias {
    const char* name;
    int c;
  };
  static const Alias kAliases[] = {{"hyphen-minus", '-'}, {"full-stop", '.'}, {"solidus", '/'},
                                   {"reverse-solidus", '\\'}, {"circumflex-accent", '^'}, {"low-line", '_'},
                                   {"left-curly-bracket", '{'}, {"right-curly-bracket", '}'}};
  for (const auto& a : kAliases) {
    if (name == a.name) return a.c;
  }
  return -1;
}

// A literal character as both engines read it, inside or outside a bracket.
void EmitChar(std::string& out, uint32_t cp) {
  if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0x80) {
    utf8::Append(out, cp);
  } else {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\\x{%x}", static_cast<unsigned>(cp));
    out += buf;
  }
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

enum class Attr { kNone, kGreedy, kLazy };

struct Frame {
  Attr branch_attr = Attr::kNone;  // the first quantified atom with a greediness in the branch
  bool alternation = false;
  bool lookaround = false;
  int capture = 0;  // group number, 0 when not capturing
  int node = 0;     // its RegexNode
  size_t item_begin = 0;
  int first_capture = 0;
};

// One element of a bracket expression: a character (may start or end a range) or a class.
struct BracketItem {
  bool is_char = false;
  bool rangeable = true;
  uint32_t cp = 0;
  std::string body;     // class body to add
  bool negated = false;  // \D \S \W
};

class Translator {
 public:
  Translator(std::string_view p, RegexOptions o) : p_(p), o_(o) {}

  RegexTranslation Run() {
    if (p_.substr(0, 4) == "***=") {
      i_ = 4;
      return Literal();
    }
    if (p_.substr(0, 4) == "***:") {
      i_ = 4;
    } else if (p_.size() > 3 && p_.substr(0, 3) == "***") {
      ThrowInvalidRegex("invalid regexp (reg version 0.8)");  // an unknown director
    }
    // Embedded options: (?xyz) at the very start of an ARE.
    if (p_.substr(i_, 2) == "(?" && i_ + 2 < p_.size() && ((p_[i_ + 2] | 0x20) >= 'a' && (p_[i_ + 2] | 0x20) <= 'z')) {
      size_t j = i_ + 2;
      for (; j < p_.size() && p_[j] != ')'; j++) {
        if (!ApplyRegexOption(p_[j], o_)) ThrowInvalidRegex(kBadOpt);
      }
      if (j >= p_.size()) ThrowInvalidRegex(kBadOpt);
      i_ = j + 1;
    }
    if (o_.quote) return Literal();
    if (o_.icase) out_ += "(?i)";
    t_.prefix = out_;
    t_.nodes.emplace_back();
    stack_.emplace_back();
    while (true) {
      if (o_.expanded) SkipExpandedSpace();
      if (i_ >= p_.size()) break;
      Token();
    }
    EndAtom();
    if (stack_.size() > 1) ThrowInvalidRegex(kEParen);
    const Frame& top = stack_[0];
    t_.non_greedy = !top.alternation && top.branch_attr == Attr::kLazy;
    t_.pattern = std::move(out_);
    return t_;
  }

 private:
  enum class Last { kNothing, kConstraint, kAtom, kQuantified };

  RegexTranslation Literal() {
    if (o_.icase) out_ += "(?i)";
    while (i_ < p_.size()) EmitChar(out_, NextChar());
    t_.pattern = std::move(out_);
    return t_;
  }

  uint32_t NextChar() { return utf8::Decode(p_, i_); }

  void SkipExpandedSpace() {
    while (i_ < p_.size()) {
      char c = p_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        i_++;
      } else if (c == '#') {
        while (i_ < p_.size() && p_[i_] != '\n') i_++;
      } else {
        break;
      }
    }
  }

  // The atom before is complete: it decides the branch's greediness if none has yet, and it is
  // recorded as an item of the current branch.
  void EndAtom() {
    if (item_open_) {
      RegexItem item;
      item.begin = item_begin_;
      item.end = out_.size();
      item.lazy = pending_ && atom_attr_ == Attr::kLazy;
      item.has_greediness = pending_ && atom_attr_ != Attr::kNone;
      item.quantified = item_quantified_;
      item.child = item_child_;
      item.capture = item_capture_;
      item.first_capture = item_first_capture_;
      item.captures = t_.captures - item_first_capture_ + 1;
      t_.nodes[static_cast<size_t>(stack_.back().node)].branches.back().push_back(item);
      item_open_ = item_quantified_ = false;
      item_child_ = -1;
      item_capture_ = 0;
    }
    if (pending_) {
      if (stack_.back().branch_attr == Attr::kNone) stack_.back().branch_attr = atom_attr_;
      pending_ = false;
    }
  }

  void Atom(Attr attr = Attr::kNone) {
    last_ = Last::kAtom;
    atom_attr_ = attr;
    pending_ = true;
  }

  void Token() {
    char c = p_[i_];
    bool quantifier = c == '*' || c == '+' || c == '?' || (c == '{' && BoundFollows());
    if (!quantifier && c != ')') {
      EndAtom();
      item_begin_ = out_.size();
      item_first_capture_ = t_.captures + 1;
    }
    OneToken(c);
    if (!quantifier && c != '(' && c != ')' && c != '|' && out_.size() > item_begin_) item_open_ = true;
  }

  void OneToken(char c) {
    switch (c) {
      case '*':
      case '+':
      case '?': {
        i_++;
        Quantifier(std::string(1, c), false);
        return;
      }
      case '{':
        if (BoundFollows()) {
          Bound();
          return;
        }
        break;
      case '(':
        EndAtom();
        OpenGroup();
        return;
      case ')':
        EndAtom();
        i_++;
        CloseGroup();
        return;
      case '|':
        EndAtom();
        i_++;
        stack_.back().alternation = true;
        t_.nodes[static_cast<size_t>(stack_.back().node)].branches.emplace_back();
        out_ += '|';
        last_ = Last::kNothing;
        return;
      case '^':
        EndAtom();
        i_++;
        out_ += o_.nl_anchor ? "(?m:^)" : "\\A";
        last_ = Last::kConstraint;
        return;
      case '$':
        EndAtom();
        i_++;
        out_ += o_.nl_anchor ? "(?m:$)" : "\\z";
        last_ = Last::kConstraint;
        return;
      case '.':
        EndAtom();
        i_++;
        out_ += o_.nl_stop ? "[^\\n]" : "(?s:.)";
        Atom();
        return;
      case '[':
        EndAtom();
        i_++;
        Bracket();
        return;
      case '\\':
        EndAtom();
        i_++;
        Escape();
        return;
      default:
        break;
    }
    EndAtom();
    EmitChar(out_, NextChar());
    Atom();
  }

  void Quantifier(const std::string& op, bool fixed) {
    if (last_ != Last::kAtom) ThrowInvalidRegex(kBadRpt);
    item_quantified_ = true;
    bool lazy = i_ < p_.size() && p_[i_] == '?';
    if (lazy) i_++;
    out_ += op;
    if (lazy) out_ += '?';
    if (!fixed) atom_attr_ = lazy ? Attr::kLazy : Attr::kGreedy;
    last_ = Last::kQuantified;
  }

  // In expanded syntax white space may stand inside a bound: "{ 1 , 2 }".
  void SkipBoundSpace() {
    if (!o_.expanded) return;
    while (i_ < p_.size() && (p_[i_] == ' ' || p_[i_] == '\t' || p_[i_] == '\n' || p_[i_] == '\r')) i_++;
  }

  bool BoundFollows() {
    size_t saved = i_++;
    SkipBoundSpace();
    bool digit = i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9';
    i_ = saved;
    return digit;
  }

  int ReadCount() {
    int v = 0;
    while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') {
      if (v <= kMaxRepeat) v = v * 10 + (p_[i_] - '0');
      i_++;
    }
    return v;
  }

  // {m}, {m,}, {m,n} (the caller saw '{' and a digit).
  void Bound() {
    if (last_ != Last::kAtom) ThrowInvalidRegex(kBadRpt);
    i_++;
    SkipBoundSpace();
    int m = ReadCount();
    int n = m;
    bool comma = false, open = false;
    SkipBoundSpace();
    if (i_ < p_.size() && p_[i_] == ',') {
      comma = true;
      i_++;
      SkipBoundSpace();
      if (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9') {
        n = ReadCount();
        SkipBoundSpace();
      } else {
        open = true;
      }
    }
    if (i_ >= p_.size()) ThrowInvalidRegex(kEBrace);
    if (p_[i_] != '}') ThrowInvalidRegex(kBadBr);
    i_++;
    if (m > kMaxRepeat || (!open && (n > kMaxRepeat || n < m))) ThrowInvalidRegex(kBadBr);
    std::string op = "{" + std::to_string(m) + (comma ? "," : "") + (comma && !open ? std::to_string(n) : "") + "}";
    Quantifier(op, !comma);
  }

  void OpenGroup() {
    i_++;
    if (stack_.size() >= kMaxNesting) ThrowInvalidRegex(kTooBig);
    Frame f;
    f.item_begin = out_.size();
    f.first_capture = t_.captures + 1;
    if (i_ < p_.size() && p_[i_] == '?') {
      std::string_view rest = p_.substr(i_ + 1);
      if (rest.substr(0, 1) == ":") {
        out_ += "(?:";
        i_ += 2;
      } else if (rest.substr(0, 1) == "=" || rest.substr(0, 1) == "!") {
        out_ += "(?";
        out_ += rest[0];
        i_ += 2;
        f.lookaround = true;
      } else if (rest.substr(0, 2) == "<=" || rest.substr(0, 2) == "<!") {
        out_ += "(?<";
        out_ += rest[1];
        i_ += 3;
        f.lookaround = true;
      } else if (rest.substr(0, 1) == "#") {
        size_t close = p_.find(')', i_);
        if (close == std::string_view::npos) ThrowInvalidRegex(kEParen);
        i_ = close + 1;
        return;
      } else {
        ThrowInvalidRegex(kBadRpt);
      }
    } else if (lookaround_depth_ > 0) {
      out_ += "(?:";  // parentheses inside constraints do not capture
    } else {
      out_ += '(';
      t_.captures++;
      f.capture = t_.captures;
      closed_.push_back(false);
    }
    if (f.lookaround) {
      t_.backtracking = true;
      lookaround_depth_++;
    }
    f.node = static_cast<int>(t_.nodes.size());
    t_.nodes.emplace_back();
    stack_.push_back(f);
    last_ = Last::kNothing;
  }

  void CloseGroup() {
    if (stack_.size() == 1) ThrowInvalidRegex(kEParen);
    Frame f = stack_.back();
    stack_.pop_back();
    out_ += ')';
    if (f.capture) closed_[static_cast<size_t>(f.capture - 1)] = true;
    item_open_ = true;
    item_begin_ = f.item_begin;
    item_first_capture_ = f.first_capture;
    item_child_ = f.lookaround ? -1 : f.node;
    item_capture_ = f.capture;
    if (f.lookaround) {
      lookaround_depth_--;
      last_ = Last::kConstraint;
      return;
    }
    Atom(f.alternation ? Attr::kGreedy : f.branch_attr);
  }

  // Reads hex digits (exactly `count`, or 1 to 8 when count is 0) after \u \U \x.
  uint32_t ReadHex(size_t count) {
    size_t start = i_;
    uint32_t v = 0;
    while (i_ < p_.size() && IsHex(p_[i_]) && (count == 0 ? i_ - start < 8 : i_ - start < count)) {
      char h = p_[i_++];
      v = v * 16 + static_cast<uint32_t>(h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
    }
    if (i_ == start || (count && i_ - start != count) || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      ThrowInvalidRegex(kEEscape);
    }
    return v;
  }

  // Up to three octal digits, as long as the value stays a byte (\701 is \70 then 1).
  uint32_t ReadOctal(size_t* digits = nullptr) {
    uint32_t v = 0;
    size_t k = 0;
    for (; k < 3 && i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '7'; k++) {
      uint32_t next = v * 8 + static_cast<uint32_t>(p_[i_] - '0');
      if (next > 255) break;
      v = next;
      i_++;
    }
    if (digits) *digits = k;
    return v;
  }

  // A character-entry escape (the character after the backslash is at i_); false if `c` is not one.
  bool CharEscape(char c, uint32_t* cp) {
    switch (c) {
      case 'a': *cp = 7; break;
      case 'b': *cp = 8; break;
      case 'B': *cp = '\\'; break;
      case 'e': *cp = 27; break;
      case 'f': *cp = 12; break;
      case 'n': *cp = 10; break;
      case 'r': *cp = 13; break;
      case 't': *cp = 9; break;
      case 'v': *cp = 11; break;
      case 'c':
        i_++;
        if (i_ >= p_.size()) ThrowInvalidRegex(kEEscape);
        *cp = NextChar() & 0x1F;
        return true;
      case 'u':
        i_++;
        *cp = ReadHex(4);
        return true;
      case 'U':
        i_++;
        *cp = ReadHex(8);
        return true;
      case 'x':
        i_++;
        *cp = ReadHex(0);
        return true;
      case '0':
        *cp = ReadOctal();
        return true;
      default:
        return false;
    }
    i_++;
    return true;
  }

  static std::string Negated(const char* body, bool nl_stop) {
    return std::string("[^") + body + (nl_stop ? "\\n" : "") + "]";
  }

  void WordConstraint(char c) {
    const std::string w = std::string("[") + kWordBody + "]";
    t_.backtracking = true;
    if (c == 'm') out_ += "(?<!" + w + ")(?=" + w + ")";
    if (c == 'M') out_ += "(?<=" + w + ")(?!" + w + ")";
    if (c == 'y') out_ += "(?:(?<!" + w + ")(?=" + w + ")|(?<=" + w + ")(?!" + w + "))";
    if (c == 'Y') out_ += "(?:(?<=" + w + ")(?=" + w + ")|(?<!" + w + ")(?!" + w + "))";
    last_ = Last::kConstraint;
  }

  void Escape() {
    if (i_ >= p_.size()) ThrowInvalidRegex(kEEscape);
    char c = p_[i_];
    uint32_t cp;
    const char* body = c == 'd' || c == 'D' ? kDigitBody : c == 's' || c == 'S' ? kSpaceBody : c == 'w' || c == 'W' ? kWordBody : nullptr;
    if (body) {
      i_++;
      // \D \S \W match a newline even in newline-sensitive mode (only [^...] and . do not).
      out_ += c >= 'a' ? std::string("[") + body + "]" : Negated(body, false);
      Atom();
      return;
    }
    switch (c) {
      case 'A':
      case 'Z':
        i_++;
        out_ += c == 'A' ? "\\A" : "\\z";
        last_ = Last::kConstraint;
        return;
      case 'm':
      case 'M':
      case 'y':
      case 'Y':
        i_++;
        WordConstraint(c);
        return;
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      BackReference();
      return;
    }
    if (CharEscape(c, &cp)) {
      EmitChar(out_, cp);
      Atom();
      return;
    }
    if (IsAlnum(c)) ThrowInvalidRegex(kEEscape);
    EmitChar(out_, NextChar());
    Atom();
  }

  void BackReference() {
    size_t start = i_;
    int n = 0;
    while (i_ < p_.size() && p_[i_] >= '0' && p_[i_] <= '9' && n <= 1000) n = n * 10 + (p_[i_++] - '0');
    if (i_ - start > 1 && n > t_.captures) {
      // \mnn that is no back reference: an octal character entry when it can be one.
      i_ = start;
      size_t k = 0;
      uint32_t v = ReadOctal(&k);
      if (k < 2) ThrowInvalidRegex(kESubReg);
      EmitChar(out_, v);
      Atom();
      return;
    }
    if (n > t_.captures || !closed_[static_cast<size_t>(n - 1)] || lookaround_depth_ > 0) ThrowInvalidRegex(kESubReg);
    t_.backtracking = true;
    out_ += "(?:\\g{" + std::to_string(n) + "})";
    Atom();
  }

  // One element of a bracket expression at i_ (not the closing bracket).
  BracketItem BracketElement() {
    BracketItem item;
    char c = p_[i_];
    if (c == '[' && i_ + 1 < p_.size() && (p_[i_ + 1] == ':' || p_[i_ + 1] == '=' || p_[i_ + 1] == '.')) {
      char kind = p_[i_ + 1];
      const char close[3] = {kind, ']', '\0'};
      size_t end = p_.find(close, i_ + 2);
      if (end == std::string_view::npos) ThrowInvalidRegex(kEBrack);
      std::string_view name = p_.substr(i_ + 2, end - i_ - 2);
      i_ = end + 2;
      if (kind == ':') {
        const char* body = ClassBody(name);
        if (!body) ThrowInvalidRegex(kECType);
        item.body = body;
        item.rangeable = false;
        return item;
      }
      // [=x=] and [.x.]: a single character (no multi-character collating elements).
      size_t len = name.empty() ? 0 : 1;
      while (len < name.size() && (static_cast<unsigned char>(name[len]) & 0xC0) == 0x80) len++;
      item.is_char = true;
      item.rangeable = kind == '.';
      if (!name.empty() && len != name.size()) {
        int named = kind == '.' ? NamedCollatingElement(name) : -1;
        if (named < 0) ThrowInvalidRegex(kECollate);
        item.cp = static_cast<uint32_t>(named);
        return item;
      }
      if (name.empty()) ThrowInvalidRegex(kECollate);
      Translator sub(name, o_);
      item.cp = sub.NextChar();
      item.rangeable = kind == '.';
      return item;
    }
    if (c == '\\') {
      i_++;
      if (i_ >= p_.size()) ThrowInvalidRegex(kEEscape);
      char e = p_[i_];
      const char* body = e == 'd' || e == 'D' ? kDigitBody : e == 's' || e == 'S' ? kSpaceBody : e == 'w' || e == 'W' ? kWordBody : nullptr;
      if (body) {
        i_++;
        item.body = body;
        item.negated = e < 'a';
        item.rangeable = false;
        return item;
      }
      uint32_t cp;
      item.is_char = true;
      if (CharEscape(e, &cp)) {
        item.cp = cp;
        return item;
      }
      if (IsAlnum(e)) ThrowInvalidRegex(kEEscape);
      item.cp = NextChar();
      return item;
    }
    item.is_char = true;
    item.cp = NextChar();
    return item;
  }

  void Bracket() {
    if (p_.substr(i_ - 1, 7) == "[[:<:]]" || p_.substr(i_ - 1, 7) == "[[:>:]]") {
      char which = p_[i_ + 2] == '<' ? 'm' : 'M';
      i_ += 6;
      WordConstraint(which);
      return;
    }
    bool negated = i_ < p_.size() && p_[i_] == '^';
    if (negated) i_++;
    std::string body;
    std::vector<std::string> negated_parts;
    bool first = true;
    while (true) {
      if (i_ >= p_.size()) ThrowInvalidRegex(kEBrack);
      if (p_[i_] == ']' && !first) {
        i_++;
        break;
      }
      first = false;
      BracketItem a = BracketElement();
      auto dash_follows = [&] { return i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']'; };
      if (dash_follows()) {
        i_++;
        BracketItem b = BracketElement();
        if (!a.is_char || !a.rangeable || !b.is_char || !b.rangeable || b.cp < a.cp || dash_follows()) {
          ThrowInvalidRegex(kERange);
        }
        EmitChar(body, a.cp);
        body += '-';
        EmitChar(body, b.cp);
        continue;
      }
      if (a.is_char) {
        EmitChar(body, a.cp);
      } else if (a.negated) {
        negated_parts.push_back(Negated(a.body.c_str(), false));
      } else {
        body += a.body;
      }
    }
    if (negated_parts.empty()) {
      out_ += negated ? Negated(body.c_str(), o_.nl_stop) : "[" + body + "]";
    } else if (negated) {
      // [^x\D]: a character that is none of the listed ones and is in every complemented class.
      t_.backtracking = true;
      if (o_.nl_stop) body += "\\n";
      out_ += "(?:";
      if (!body.empty()) out_ += "(?![" + body + "])";
      for (const auto& part : negated_parts) out_ += "(?!" + part + ")";
      out_ += "(?s:.))";
    } else {
      out_ += "(?:";
      if (!body.empty()) out_ += "[" + body + "]|";
      for (size_t k = 0; k < negated_parts.size(); k++) out_ += (k ? "|" : "") + negated_parts[k];
      out_ += ')';
    }
    Atom();
  }

  std::string_view p_;
  RegexOptions o_;
  size_t i_ = 0;
  std::string out_;
  RegexTranslation t_;
  std::vector<Frame> stack_;
  Last last_ = Last::kNothing;
  Attr atom_attr_ = Attr::kNone;
  bool pending_ = false;
  // The item being read (see EndAtom).
  bool item_open_ = false, item_quantified_ = false;
  size_t item_begin_ = 0;
  int item_first_capture_ = 0, item_child_ = -1, item_capture_ = 0;
  int lookaround_depth_ = 0;
  std::vector<bool> closed_;  // per capturing group: its ')' has been seen
};

}  // namespace

RegexTranslation TranslateRegex(std::string_view pattern, RegexOptions options) {
  return Translator(pattern, options).Run();
}

}  // namespace kanto
