// format(formatstr [, VARIADIC "any"]) with PostgreSQL's conversions: %s (the value as text),
// %I (quoted as an identifier), %L (quoted as a literal, NULL unquoted), %% (a percent sign), each
// with an optional argument position (%2$s), left-justify flag (-) and width (%10s, %*s, %*3$s);
// and the quoting functions quote_ident, quote_literal and quote_nullable.
#include <cctype>
#include <cstring>

#include "function/cast.hpp"
#include "function/kernel_util.hpp"
#include "kanto/error.hpp"
#include "parser/keywords.hpp"

namespace kanto {

namespace {

constexpr size_t kMaxResultBytes = (size_t{1} << 30) - 1;  // PostgreSQL's largest allocation

// quote_literal(): quotes doubled; a literal with a backslash doubles it and is written E'...'.
std::string QuoteLiteralText(const std::string& s) {
  std::string out = s.find('\\') == std::string::npos ? "'" : "E'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + "'";
}

[[noreturn]] void Unterminated() {
  throw Error(sqlstate::kInvalidParameterValue, "unterminated format() type specifier")
      .WithHint("For a single \"%\" use \"%%\".");
}

[[noreturn]] void ArgumentZero() {
  throw Error(sqlstate::kInvalidParameterValue, "format specifies argument 0, but arguments are numbered from 1");
}

[[noreturn]] void TooFewArguments() { throw Error(sqlstate::kInvalidParameterValue, "too few arguments for format()"); }

// One conversion: %[position$][-][width | * | *position$]type.
struct Conversion {
  size_t arg = 0;        // 1-based argument position; 0: the next argument
  bool width_arg = false;  // width taken from an argument
  size_t width_pos = 0;  // its position; 0: the next argument
  bool left = false;
  int64_t width = 0;
  std::string type;  // one (UTF-8) character
};

class FormatParser {
 public:
  explicit FormatParser(const std::string& f) : f_(f) {}
  bool AtEnd() const { return pos_ >= f_.size(); }
  char Peek() const { return f_[pos_]; }
  char Next() { return f_[pos_++]; }

  // After the '%' (and not "%%").
  Conversion Parse() {
    Conversion c;
    int64_t n;
    if (Digits(&n)) {
      Need();
      if (Peek() != '$') {
        c.width = n;  // a bare number is the width; no flags may follow it
        c.type = Char();
        return c;
      }
      if (n == 0) ArgumentZero();
      c.arg = static_cast<size_t>(n);
      pos_++;
    }
    Need();
    while (Peek() == '-') {
      c.left = true;
      pos_++;
      Need();
    }
    if (Peek() == '*') {
      pos_++;
      Need();
      c.width_arg = true;
      if (Digits(&n)) {
        Need();
        if (Peek() != '$') throw Error(sqlstate::kInvalidParameterValue, "width argument position must be ended by \"$\"");
        if (n == 0) ArgumentZero();
        c.width_pos = static_cast<size_t>(n);
        pos_++;
      }
    } else if (Digits(&n)) {
      c.width = n;
    }
    Need();
    c.type = Char();
    return c;
  }

 private:
  void Need() const {
    if (AtEnd()) Unterminated();
  }
  bool Digits(int64_t* out) {
    if (AtEnd() || !std::isdigit(static_cast<unsigned char>(Peek()))) return false;
    int64_t v = 0;
    while (!AtEnd() && std::isdigit(static_cast<unsigned char>(Peek()))) {
      v = v * 10 + (Next() - '0');
      if (v > INT32_MAX) throw Error(sqlstate::kNumericValueOutOfRange, "number is out of range");
    }
    *out = v;
    return true;
  }
  std::string Char() {
    size_t start = pos_++;
    while (!AtEnd() && (static_cast<unsigned char>(Peek()) & 0xC0) == 0x80) pos_++;
    return f_.substr(start, pos_ - start);
  }

  const std::string& f_;
  size_t pos_ = 0;
};

// A width argument: any type, read as its text converts to integer (PostgreSQL's int4 input).
int64_t WidthValue(const Value& v, FunctionContext& ctx) {
  if (v.is_null()) return 0;
  std::string text = ValueToText(v, ctx);
  size_t b = text.find_first_not_of(" \t\n\r\f\v"), e = text.find_last_not_of(" \t\n\r\f\v");
  std::string digits = b == std::string::npos ? "" : text.substr(b, e - b + 1);
  size_t i = !digits.empty() && (digits[0] == '+' || digits[0] == '-') ? 1 : 0;
  bool valid = i < digits.size();
  for (size_t j = i; j < digits.size(); j++) valid = valid && std::isdigit(static_cast<unsigned char>(digits[j]));
  if (!valid) throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type integer: \"" + text + "\"");
  int64_t n = 0;
  for (size_t j = i; j < digits.size(); j++) {
    n = n * 10 + (digits[j] - '0');
    if (n > int64_t{INT32_MAX} + 1) break;
  }
  if (digits[0] == '-') n = -n;
  if (n > INT32_MAX || n < INT32_MIN) {
    throw Error(sqlstate::kNumericValueOutOfRange, "value \"" + text + "\" is out of range for type integer");
  }
  return n;
}

void Append(std::string& out, const std::string& s, bool left, int64_t width) {
  size_t len = Utf8Len(s);
  size_t pad = width > 0 && static_cast<size_t>(width) > len ? static_cast<size_t>(width) - len : 0;
  if (out.size() + s.size() + pad > kMaxResultBytes) {
    throw Error(sqlstate::kProgramLimitExceeded, "out of memory")
        .WithDetail("Cannot enlarge string buffer containing " + std::to_string(out.size()) + " bytes by " +
                    std::to_string(s.size() + pad) + " more bytes.");
  }
  if (!left) out.append(pad, ' ');
  out += s;
  if (left) out.append(pad, ' ');
}

Value Format(const std::vector<Value>& a, FunctionContext& ctx) {
  if (a[0].is_null()) return Value::Null(T(TypeId::kText));
  const std::string& f = a[0].str_value();
  const size_t nargs = a.size() - 1;  // arguments are a[1..nargs]
  size_t next = 1;
  std::string out;
  FormatParser p(f);
  while (!p.AtEnd()) {
    char ch = p.Next();
    if (ch != '%') {
      out += ch;
      continue;
    }
    if (p.AtEnd()) Unterminated();
    if (p.Peek() == '%') {
      out += p.Next();
      continue;
    }
    Conversion c = p.Parse();
    if (c.type != "s" && c.type != "I" && c.type != "L") {
      throw Error(sqlstate::kInvalidParameterValue, "unrecognized format() type specifier \"" + c.type + "\"")
          .WithHint("For a single \"%\" use \"%%\".");
    }
    if (c.width_arg) {
      size_t w = c.width_pos ? c.width_pos : next;
      if (w > nargs) TooFewArguments();
      int64_t width = WidthValue(a[w], ctx);
      if (width == INT32_MIN) throw Error(sqlstate::kNumericValueOutOfRange, "number is out of range");
      if (width < 0) c.left = true;
      c.width = width < 0 ? -width : width;
      next = w + 1;
    }
    size_t arg = c.arg ? c.arg : next;
    if (arg > nargs) TooFewArguments();
    next = arg + 1;
    const Value& v = a[arg];
    std::string text;
    if (v.is_null()) {
      if (c.type == "I") throw Error(sqlstate::kNullValueNotAllowed, "null values cannot be formatted as an SQL identifier");
      if (c.type == "L") text = "NULL";
    } else {
      text = ValueToText(v, ctx);
      if (c.type == "I") text = QuoteIdentifier(text);
      if (c.type == "L") text = QuoteLiteralText(text);
    }
    Append(out, text, c.left, c.width);
  }
  return Value::Text(out);
}

}  // namespace

void RegisterFormatFunctions(FunctionRegistry& r) {
  const LogicalType text = T(TypeId::kText), any = T(TypeId::kUnknown);
  constexpr bool kNonStrict = false;
  AddRowFunction(r, "format", {text}, text, Format, kNonStrict);
  ScalarFunction variadic;
  variadic.name = "format";
  variadic.arg_types = {text, any};
  variadic.variadic = true;
  variadic.strict = false;
  variadic.return_type = text;
  variadic.kernel = RowKernel(Format, kNonStrict);
  r.Add(std::move(variadic));

  AddRowFunction(r, "quote_ident", {text}, text, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(QuoteIdentifier(a[0].str_value()));
  });
  auto literal = [](const std::vector<Value>& a, FunctionContext& ctx) {
    if (a[0].is_null()) return Value::Null(T(TypeId::kText));
    return Value::Text(QuoteLiteralText(a[0].type().IsString() ? a[0].str_value() : ValueToText(a[0], ctx)));
  };
  AddRowFunction(r, "quote_literal", {text}, text, literal);
  AddRowFunction(r, "quote_literal", {any}, text, literal);
  auto nullable = [literal](const std::vector<Value>& a, FunctionContext& ctx) {
    return a[0].is_null() ? Value::Text("NULL") : literal(a, ctx);
  };
  AddRowFunction(r, "quote_nullable", {text}, text, nullable, kNonStrict);
  AddRowFunction(r, "quote_nullable", {any}, text, nullable, kNonStrict);
}

}  // namespace kanto
