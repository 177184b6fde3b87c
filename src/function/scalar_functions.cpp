// Built-in scalar functions: math, strings, date/time and system information.
#include <chrono>
#include <cmath>
#include <random>

#include "common/clock.hpp"
#include "common/sql_text.hpp"
#include "function/cast.hpp"
#include "function/datetime_age.hpp"
#include "function/datetime_library.hpp"
#include "function/formatting.hpp"
#include "function/kernel_util.hpp"
#include "function/string_library.hpp"
#include "function/time_functions.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"
#include "types/datetime.hpp"
#include "types/uuid.hpp"

namespace kanto {

namespace {
const LogicalType kText = T(TypeId::kText), kInt4 = T(TypeId::kInt4), kInt8 = T(TypeId::kInt8),
                  kF8 = T(TypeId::kFloat8), kNum = T(TypeId::kNumeric), kBool = T(TypeId::kBool),
                  kTs = T(TypeId::kTimestamp), kTz = T(TypeId::kTimestampTz), kDate = T(TypeId::kDate),
                  kIv = T(TypeId::kInterval), kBytea = T(TypeId::kBytea);

std::string JoinChars(const std::vector<std::string>& c, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to && i < c.size(); i++) out += c[i];
  return out;
}

// substring(s, start [, count]) with PostgreSQL's 1-based, clamping semantics.
// The byte offset `n` characters (as Chars splits them) after byte `pos`, or the end.
size_t SkipChars(const std::string& s, size_t pos, int64_t n) {
  for (; n > 0 && pos < s.size(); n--) {
    pos++;
    while (pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) pos++;
  }
  return pos;
}

// Characters [start, start + count) (1-based), found by scanning: a large string is not split.
std::string Substring(const std::string& s, int64_t start, int64_t count, bool has_count) {
  if (has_count && count < 0) throw Error(sqlstate::kSubstringError, "negative substring length not allowed");
  int64_t from = std::max<int64_t>(start, 1);
  if (has_count && start + count <= from) return "";
  size_t begin = SkipChars(s, 0, from - 1);
  size_t end = has_count ? SkipChars(s, begin, start + count - from) : s.size();
  return s.substr(begin, end - begin);
}

// Scans the ends of `s` character by character (a large string is not split).
std::string TrimChars(const std::string& s, const std::string& chars, bool left, bool right) {
  auto set = Utf8Chars(chars);
  std::string_view text(s);
  auto in = [&](std::string_view ch) { return std::find(set.begin(), set.end(), ch) != set.end(); };
  size_t b = 0, e = s.size();
  if (left) {
    while (b < e) {
      size_t next = SkipChars(s, b, 1);
      if (!in(text.substr(b, next - b))) break;
      b = next;
    }
  }
  if (right) {
    while (e > b) {
      size_t start = e - 1;
      while (start > b && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
      if (!in(text.substr(start, e - start))) break;
      e = start;
    }
  }
  return s.substr(b, e - b);
}

std::string Pad(const std::string& s, int64_t len, const std::string& fill, bool left) {
  auto c = Utf8Chars(s);
  if (len <= 0) return "";
  if (static_cast<int64_t>(c.size()) >= len) return JoinChars(c, 0, static_cast<size_t>(len));
  auto f = Utf8Chars(fill);
  if (f.empty()) return s;
  std::string pad;
  for (int64_t i = 0; i < len - static_cast<int64_t>(c.size()); i++) pad += f[i % f.size()];
  return left ? pad + s : s + pad;
}

std::string LowerAscii(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}
std::string UpperAscii(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

double CheckedDouble(double v) {
  if (std::isinf(v)) throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  return v;
}

}  // namespace

void RegisterMathFunctions(FunctionRegistry& r) {
  for (TypeId t : {TypeId::kInt2, TypeId::kInt4, TypeId::kInt8}) {
    AddRowFunction(r, "abs", {T(t)}, T(t), [t](const std::vector<Value>& a, FunctionContext&) {
      int64_t v = a[0].int_value();
      int64_t lim = t == TypeId::kInt2 ? INT16_MIN : t == TypeId::kInt4 ? INT32_MIN : INT64_MIN;
      if (v == lim) {
        throw Error(sqlstate::kNumericValueOutOfRange,
                    std::string(t == TypeId::kInt2 ? "smallint" : t == TypeId::kInt4 ? "integer" : "bigint") + " out of range");
      }
      return Value::FromInt(T(t), v < 0 ? -v : v);
    });
  }
  AddRowFunction(r, "abs", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(std::fabs(a[0].double_value())); });
  AddRowFunction(r, "abs", {kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(a[0].numeric_value().Abs()); });
  AddRowFunction(r, "sign", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
    double v = a[0].double_value();
    return Value::Float8(v > 0 ? 1 : (v < 0 ? -1 : 0));
  });
  AddRowFunction(r, "sign", {kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(Numeric::FromInt64(a[0].numeric_value().Sign())); });
  AddRowFunction(r, "round", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(std::rint(a[0].double_value())); });
  AddRowFunction(r, "round", {kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(a[0].numeric_value().Round(0)); });
  AddRowFunction(r, "round", {kNum, kInt4}, kNum, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromNumeric(a[0].numeric_value().Round(static_cast<int>(a[1].int_value())));
  });
  AddRowFunction(r, "trunc", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(std::trunc(a[0].double_value())); });
  AddRowFunction(r, "trunc", {kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(a[0].numeric_value().Trunc(0)); });
  AddRowFunction(r, "trunc", {kNum, kInt4}, kNum, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromNumeric(a[0].numeric_value().Trunc(static_cast<int>(a[1].int_value())));
  });
  for (const char* name : {"ceil", "ceiling"}) {
    AddRowFunction(r, name, {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(std::ceil(a[0].double_value())); });
    AddRowFunction(r, name, {kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(a[0].numeric_value().Ceil()); });
  }
  AddRowFunction(r, "floor", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(std::floor(a[0].double_value())); });
  AddRowFunction(r, "floor", {kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(a[0].numeric_value().Floor()); });
  AddRowFunction(r, "sqrt", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
    if (a[0].double_value() < 0) throw Error("2201F", "cannot take square root of a negative number");
    return Value::Float8(std::sqrt(a[0].double_value()));
  });
  AddRowFunction(r, "sqrt", {kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(a[0].numeric_value().Sqrt()); });
  AddRowFunction(r, "cbrt", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(std::cbrt(a[0].double_value())); });
  for (const char* name : {"power", "pow"}) {
    AddRowFunction(r, name, {kF8, kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
      return Value::Float8(CheckedDouble(std::pow(a[0].double_value(), a[1].double_value())));
    });
    AddRowFunction(r, name, {kNum, kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) {
      return Value::FromNumeric(a[0].numeric_value().Power(a[1].numeric_value()));
    });
  }
  AddRowFunction(r, "exp", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(CheckedDouble(std::exp(a[0].double_value()))); });
  AddRowFunction(r, "ln", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
    double v = a[0].double_value();
    if (v == 0) throw Error("2201E", "cannot take logarithm of zero");
    if (v < 0) throw Error("2201E", "cannot take logarithm of a negative number");
    return Value::Float8(std::log(v));
  });
  AddRowFunction(r, "log", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
    double v = a[0].double_value();
    if (v == 0) throw Error("2201E", "cannot take logarithm of zero");
    if (v < 0) throw Error("2201E", "cannot take logarithm of a negative number");
    return Value::Float8(std::log10(v));
  });
  AddRowFunction(r, "log10", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(std::log10(a[0].double_value())); });
  for (TypeId t : {TypeId::kInt2, TypeId::kInt4, TypeId::kInt8}) {
    AddRowFunction(r, "mod", {T(t), T(t)}, T(t), [t](const std::vector<Value>& a, FunctionContext&) {
      if (a[1].int_value() == 0) throw Error(sqlstate::kDivisionByZero, "division by zero");
      if (a[1].int_value() == -1) return Value::FromInt(T(t), 0);
      return Value::FromInt(T(t), a[0].int_value() % a[1].int_value());
    });
  }
  AddRowFunction(r, "mod", {kNum, kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromNumeric(a[0].numeric_value().Mod(a[1].numeric_value())); });
  AddRowFunction(r, "div", {kNum, kNum}, kNum, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromNumeric(a[0].numeric_value().DivScale(a[1].numeric_value(), 1).Trunc(0));
  });
  AddRowFunction(r, "pi", {}, kF8, [](const std::vector<Value>&, FunctionContext&) { return Value::Float8(M_PI); });
  AddRowFunction(r, "degrees", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(a[0].double_value() * 180.0 / M_PI); });
  AddRowFunction(r, "radians", {kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(a[0].double_value() * M_PI / 180.0); });
  struct Trig {
    const char* name;
    double (*f)(double);
  };
  for (Trig t : {Trig{"sin", std::sin}, Trig{"cos", std::cos}, Trig{"tan", std::tan}, Trig{"asin", std::asin},
                 Trig{"acos", std::acos}, Trig{"atan", std::atan}}) {
    auto f = t.f;
    AddRowFunction(r, t.name, {kF8}, kF8, [f](const std::vector<Value>& a, FunctionContext&) { return Value::Float8(f(a[0].double_value())); });
  }
  AddRowFunction(r, "atan2", {kF8, kF8}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Float8(std::atan2(a[0].double_value(), a[1].double_value()));
  });
  // TABLESAMPLE's percentage as a fraction (planner/bind_tablesample.cpp); internal, not in pg_proc.
  AddRowFunction(r, "$tablesample_fraction", {T(TypeId::kFloat4)}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
    if (a[0].is_null()) throw Error(sqlstate::kInvalidTablesampleArgument, "TABLESAMPLE parameter cannot be null");
    double p = a[0].double_value();
    if (!(p >= 0 && p <= 100)) throw Error(sqlstate::kInvalidTablesampleArgument, "sample percentage must be between 0 and 100");
    return Value::Float8(p / 100);
  }, /*strict=*/false);
  AddRowFunction(r, "random", {}, kF8, [](const std::vector<Value>&, FunctionContext&) {
    thread_local std::mt19937_64 gen(std::random_device{}());
    return Value::Float8(std::uniform_real_distribution<double>(0.0, 1.0)(gen));
  }, true, true);
  AddRowFunction(r, "gen_random_uuid", {}, T(TypeId::kUuid), [](const std::vector<Value>&, FunctionContext&) {
    return Value::FromString(T(TypeId::kUuid), RandomUuid());
  }, true, true);
  for (TypeId t : {TypeId::kInt4, TypeId::kInt8}) {
    AddRowFunction(r, "gcd", {T(t), T(t)}, T(t), [t](const std::vector<Value>& a, FunctionContext&) {
      int64_t x = std::llabs(a[0].int_value()), y = std::llabs(a[1].int_value());
      while (y) {
        int64_t tmp = x % y;
        x = y;
        y = tmp;
      }
      return Value::FromInt(T(t), x);
    });
  }
}

void RegisterStringFunctions(FunctionRegistry& r) {
  AddCryptoHashFunctions(r);
  AddByteaEncodingFunctions(r);
  AddTextEditFunctions(r);
  for (const char* name : {"length", "char_length", "character_length"}) {
    AddRowFunction(r, name, {kText}, kInt4, [](const std::vector<Value>& a, FunctionContext&) { return Value::Int4(static_cast<int64_t>(Utf8Len(a[0].str_value()))); });
  }
  AddRowFunction(r, "length", {kBytea}, kInt4, [](const std::vector<Value>& a, FunctionContext&) { return Value::Int4(static_cast<int64_t>(a[0].str_value().size())); });
  AddRowFunction(r, "octet_length", {kText}, kInt4, [](const std::vector<Value>& a, FunctionContext&) { return Value::Int4(static_cast<int64_t>(a[0].str_value().size())); });
  AddRowFunction(r, "bit_length", {kText}, kInt4, [](const std::vector<Value>& a, FunctionContext&) { return Value::Int4(static_cast<int64_t>(a[0].str_value().size() * 8)); });
  AddRowFunction(r, "lower", {kText}, kText, [](const std::vector<Value>& a, FunctionContext&) { return Value::Text(LowerAscii(a[0].str_value())); });
  AddRowFunction(r, "upper", {kText}, kText, [](const std::vector<Value>& a, FunctionContext&) { return Value::Text(UpperAscii(a[0].str_value())); });
  AddRowFunction(r, "initcap", {kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    std::string s = a[0].str_value();
    bool start = true;
    for (auto& c : s) {
      unsigned char u = static_cast<unsigned char>(c);
      c = static_cast<char>(start ? std::toupper(u) : std::tolower(u));
      start = !std::isalnum(u);
    }
    return Value::Text(s);
  });
  for (const char* name : {"substring", "substr"}) {
    AddRowFunction(r, name, {kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
      return Value::Text(Substring(a[0].str_value(), a[1].int_value(), 0, false));
    });
    AddRowFunction(r, name, {kText, kInt4, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
      return Value::Text(Substring(a[0].str_value(), a[1].int_value(), a[2].int_value(), true));
    });
  }
  auto strpos = [](const std::vector<Value>& a, FunctionContext&) {
    size_t p = a[0].str_value().find(a[1].str_value());
    if (p == std::string::npos) return Value::Int4(0);
    return Value::Int4(static_cast<int64_t>(Utf8Len(a[0].str_value().substr(0, p))) + 1);
  };
  AddRowFunction(r, "strpos", {kText, kText}, kInt4, strpos);
  AddRowFunction(r, "position", {kText, kText}, kInt4, strpos);
  AddRowFunction(r, "replace", {kText, kText, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    std::string s = a[0].str_value();
    const std::string& from = a[1].str_value();
    if (from.empty()) return Value::Text(s);
    std::string out;
    size_t pos = 0, hit;
    while ((hit = s.find(from, pos)) != std::string::npos) {
      out += s.substr(pos, hit - pos) + a[2].str_value();
      pos = hit + from.size();
    }
    return Value::Text(out + s.substr(pos));
  });
  struct TrimFn {
    const char* name;
    bool left, right;
  };
  for (TrimFn t : {TrimFn{"btrim", true, true}, TrimFn{"trim", true, true}, TrimFn{"ltrim", true, false}, TrimFn{"rtrim", false, true}}) {
    AddRowFunction(r, t.name, {kText}, kText, [t](const std::vector<Value>& a, FunctionContext&) {
      return Value::Text(TrimChars(a[0].str_value(), " ", t.left, t.right));
    });
    AddRowFunction(r, t.name, {kText, kText}, kText, [t](const std::vector<Value>& a, FunctionContext&) {
      return Value::Text(TrimChars(a[0].str_value(), a[1].str_value(), t.left, t.right));
    });
  }
  AddRowFunction(r, "left", {kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    auto c = Utf8Chars(a[0].str_value());
    int64_t n = a[1].int_value();
    size_t take = n >= 0 ? static_cast<size_t>(n) : (c.size() > static_cast<size_t>(-n) ? c.size() + n : 0);
    return Value::Text(JoinChars(c, 0, take));
  });
  AddRowFunction(r, "right", {kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    auto c = Utf8Chars(a[0].str_value());
    int64_t n = a[1].int_value();
    size_t take = n >= 0 ? std::min<size_t>(static_cast<size_t>(n), c.size()) : (c.size() > static_cast<size_t>(-n) ? c.size() + n : 0);
    return Value::Text(JoinChars(c, c.size() - take, c.size()));
  });
  AddRowFunction(r, "repeat", {kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    std::string out;
    int64_t n = a[1].int_value();
    if (n > 0 && a[0].str_value().size() * static_cast<size_t>(n) > (1u << 30)) {
      throw Error(sqlstate::kOutOfMemory, "requested length too large");
    }
    for (int64_t i = 0; i < n; i++) out += a[0].str_value();
    return Value::Text(out);
  });
  AddRowFunction(r, "reverse", {kText}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    auto c = Utf8Chars(a[0].str_value());
    std::reverse(c.begin(), c.end());
    return Value::Text(JoinChars(c, 0, c.size()));
  });
  AddRowFunction(r, "lpad", {kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) { return Value::Text(Pad(a[0].str_value(), a[1].int_value(), " ", true)); });
  AddRowFunction(r, "lpad", {kText, kInt4, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) { return Value::Text(Pad(a[0].str_value(), a[1].int_value(), a[2].str_value(), true)); });
  AddRowFunction(r, "rpad", {kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) { return Value::Text(Pad(a[0].str_value(), a[1].int_value(), " ", false)); });
  AddRowFunction(r, "rpad", {kText, kInt4, kText}, kText, [](const std::vector<Value>& a, FunctionContext&) { return Value::Text(Pad(a[0].str_value(), a[1].int_value(), a[2].str_value(), false)); });
  AddRowFunction(r, "split_part", {kText, kText, kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    const std::string& s = a[0].str_value();
    const std::string& d = a[1].str_value();
    int64_t n = a[2].int_value();
    if (n == 0) throw Error(sqlstate::kInvalidParameterValue, "field position must not be zero");
    std::vector<std::string> parts;
    if (d.empty()) {
      parts.push_back(s);
    } else {
      size_t pos = 0, hit;
      while ((hit = s.find(d, pos)) != std::string::npos) {
        parts.push_back(s.substr(pos, hit - pos));
        pos = hit + d.size();
      }
      parts.push_back(s.substr(pos));
    }
    int64_t idx = n > 0 ? n - 1 : static_cast<int64_t>(parts.size()) + n;
    if (idx < 0 || idx >= static_cast<int64_t>(parts.size())) return Value::Text("");
    return Value::Text(parts[idx]);
  });
  AddRowFunction(r, "starts_with", {kText, kText}, kBool, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bool(a[0].str_value().rfind(a[1].str_value(), 0) == 0);
  });
  AddRowFunction(r, "ascii", {kText}, kInt4, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Int4(a[0].str_value().empty() ? 0 : static_cast<unsigned char>(a[0].str_value()[0]));
  });
  AddRowFunction(r, "chr", {kInt4}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    int64_t c = a[0].int_value();
    if (c <= 0 || c > 0x10FFFF) throw Error(sqlstate::kInvalidParameterValue, "requested character too large for encoding: " + std::to_string(c));
    std::string out;
    if (c < 0x80) out.push_back(static_cast<char>(c));
    else if (c < 0x800) { out.push_back(static_cast<char>(0xC0 | (c >> 6))); out.push_back(static_cast<char>(0x80 | (c & 0x3F))); }
    else if (c < 0x10000) { out.push_back(static_cast<char>(0xE0 | (c >> 12))); out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F))); out.push_back(static_cast<char>(0x80 | (c & 0x3F))); }
    else { out.push_back(static_cast<char>(0xF0 | (c >> 18))); out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F))); out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F))); out.push_back(static_cast<char>(0x80 | (c & 0x3F))); }
    return Value::Text(out);
  });
  // concat / concat_ws take any arguments and skip NULLs.
  {
    ScalarFunction f;
    f.name = "concat";
    f.arg_types = {T(TypeId::kUnknown)};
    f.variadic = true;
    f.strict = false;
    f.return_type = kText;
    f.kernel = RowKernel([](const std::vector<Value>& a, FunctionContext& ctx) {
      std::string out;
      for (const auto& v : a) {
        if (!v.is_null()) out += ValueToText(v, ctx);
      }
      return Value::Text(out);
    }, false);
    r.Add(f);
    f.name = "concat_ws";
    f.arg_types = {kText, T(TypeId::kUnknown)};
    f.kernel = RowKernel([](const std::vector<Value>& a, FunctionContext& ctx) {
      if (a[0].is_null()) return Value::Null(kText);
      std::string out;
      bool first = true;
      for (size_t i = 1; i < a.size(); i++) {
        if (a[i].is_null()) continue;
        if (!first) out += a[0].str_value();
        out += ValueToText(a[i], ctx);
        first = false;
      }
      return Value::Text(out);
    }, false);
    r.Add(f);
  }
  AddRowFunction(r, "to_hex", {kInt8}, kText, [](const std::vector<Value>& a, FunctionContext&) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%llx", static_cast<unsigned long long>(a[0].int_value()));
    return Value::Text(buf);
  });
}

void RegisterDatetimeFunctions(FunctionRegistry& r) {
  AddTimeZoneFunctions(r);
  AddTimeFunctions(r);
  for (const char* name : {"now", "transaction_timestamp", "current_timestamp"}) {
    AddRowFunction(r, name, {}, kTz, [](const std::vector<Value>&, FunctionContext& ctx) { return Value::TimestampTz(ctx.transaction_start_micros); });
  }
  AddRowFunction(r, "statement_timestamp", {}, kTz, [](const std::vector<Value>&, FunctionContext& ctx) { return Value::TimestampTz(ctx.statement_start_micros); });
  AddRowFunction(r, "clock_timestamp", {}, kTz, [](const std::vector<Value>&, FunctionContext&) {
    return Value::TimestampTz(WallMicros());
  }, true, true);
  struct Kind {
    LogicalType type;
    char code;
  };
  for (Kind k : {Kind{kDate, 'd'}, Kind{kTs, 't'}, Kind{kTz, 'z'}}) {
    char code = k.code;
    AddRowFunction(r, "extract", {kText, k.type}, kNum, [code](const std::vector<Value>& a, FunctionContext& ctx) {
      return Value::FromNumeric(Numeric::Parse(datetime::Extract(a[0].str_value(), a[1].int_value(), code, SessionZone(ctx))));
    });
    AddRowFunction(r, "date_part", {kText, k.type}, kF8, [code](const std::vector<Value>& a, FunctionContext& ctx) {
      return Value::Float8(std::strtod(datetime::Extract(a[0].str_value(), a[1].int_value(), code, SessionZone(ctx)).c_str(), nullptr));
    });
  }
  AddRowFunction(r, "extract", {kText, kIv}, kNum, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::FromNumeric(Numeric::Parse(datetime::ExtractInterval(a[0].str_value(), a[1].interval_value())));
  });
  AddRowFunction(r, "date_part", {kText, kIv}, kF8, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Float8(std::strtod(datetime::ExtractInterval(a[0].str_value(), a[1].interval_value()).c_str(), nullptr));
  });
  AddAgeFunctions(r);
  AddFormattingFunctions(r);
  AddDateTimeConstructors(r);
  AddDateTimeBinning(r);
  AddOverlaps(r);
  AddRowFunction(r, "justify_hours", {kIv}, kIv, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromInterval(datetime::JustifyHours(a[0].interval_value())); });
  AddRowFunction(r, "justify_days", {kIv}, kIv, [](const std::vector<Value>& a, FunctionContext&) { return Value::FromInterval(datetime::JustifyDays(a[0].interval_value())); });
  AddRowFunction(r, "to_timestamp", {kF8}, kTz, [](const std::vector<Value>& a, FunctionContext&) {
    double s = a[0].double_value();
    if (std::isnan(s)) throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
    if (std::isinf(s)) return Value::TimestampTz(s > 0 ? INT64_MAX : INT64_MIN);
    // PostgreSQL's range (4714-11-24 BC to 294277-01-01), rounded to microseconds from 2000-01-01.
    constexpr double kPostgresEpoch = 946684800.0;
    auto out_of_range = [s] {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.15g", s);
      return Error(sqlstate::kDatetimeFieldOverflow, std::string("timestamp out of range: \"") + buf + "\"");
    };
    if (s < -210866803200.0 || s >= 9224318016000.0) throw out_of_range();
    double micros = std::nearbyint((s - kPostgresEpoch) * 1e6);
    if (micros >= 9223372036854775807.0 - 946684800e6) throw out_of_range();
    return Value::TimestampTz(static_cast<int64_t>(micros) + 946684800LL * datetime::kMicrosPerSecond);
  });
}

void RegisterSystemFunctions(FunctionRegistry& r) {
  AddRowFunction(r, "version", {}, kText, [](const std::vector<Value>&, FunctionContext&) {
    return Value::Text("PostgreSQL 15.0 (Kanto 0.1.0) on x86_64-pc-linux-gnu, compiled by g++, 64-bit");
  });
  // A Kanto server is never a standby.
  AddRowFunction(r, "pg_is_in_recovery", {}, T(TypeId::kBool), [](const std::vector<Value>&, FunctionContext&) {
    return Value::Bool(false);
  });
  // They return name, as in PostgreSQL.
  const LogicalType kName = T(TypeId::kName);
  AddRowFunction(r, "current_database", {}, kName, [kName](const std::vector<Value>&, FunctionContext& ctx) {
    return Value::FromString(kName, ctx.current_database);
  });
  for (const char* name : {"current_user", "user"}) {
    AddRowFunction(r, name, {}, kName, [kName](const std::vector<Value>&, FunctionContext& ctx) {
      return Value::FromString(kName, ctx.current_user);
    });
  }
  AddRowFunction(r, "session_user", {}, kName, [kName](const std::vector<Value>&, FunctionContext& ctx) {
    return Value::FromString(kName, ctx.session_user);
  });
  // pg_typeof(x): the argument's type as format_type spells it (regtype output).
  AddRowFunction(r, "pg_typeof", {T(TypeId::kUnknown)}, kText,
                 [](const std::vector<Value>& a, FunctionContext&) {
                   LogicalType t = a[0].type();  // regtype output: no modifiers (a record's names its fields)
                   if (!t.HasDescriptor()) t.mod1 = t.mod2 = -1;
                   return Value::Text(t.ToString());
                 },
                 /*strict=*/false);
}

}  // namespace kanto
