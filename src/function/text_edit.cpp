// translate(text, from, to), overlay(text | bytea PLACING ... FROM n [FOR m]) and to_hex(int4),
// character by character on UTF-8 (overlay on bytea by bytes), as PostgreSQL defines them.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "function/kernel_util.hpp"
#include "function/string_library.hpp"
#include "kanto/error.hpp"

namespace kanto {

std::vector<std::string> Utf8Chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) j++;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

namespace {

// overlay(s placing p from start for count) = substring(s, 1, start - 1) || p || substring(s, start + count),
// over units (characters or bytes); 22011 when start < 1.
template <typename Units>
Units Overlay(const Units& s, const Units& p, int64_t start, int64_t count) {
  if (start < 1) throw Error(sqlstate::kSubstringError, "negative substring length not allowed");
  Units out;
  size_t head = static_cast<size_t>(std::min<int64_t>(start - 1, static_cast<int64_t>(s.size())));
  out.insert(out.end(), s.begin(), s.begin() + static_cast<std::ptrdiff_t>(head));
  out.insert(out.end(), p.begin(), p.end());
  int64_t tail = start + count - 1;  // 0-based index where the rest begins
  if (tail < 0) tail = 0;
  if (tail < static_cast<int64_t>(s.size())) out.insert(out.end(), s.begin() + tail, s.end());
  return out;
}

std::string Join(const std::vector<std::string>& c) {
  std::string out;
  for (const auto& ch : c) out += ch;
  return out;
}

}  // namespace

void AddTextEditFunctions(FunctionRegistry& r) {
  const LogicalType text(TypeId::kText), bytea(TypeId::kBytea), int4(TypeId::kInt4);
  AddRowFunction(r, "translate", {text, text, text}, text, [](const std::vector<Value>& a, FunctionContext&) {
    auto from = Utf8Chars(a[1].str_value()), to = Utf8Chars(a[2].str_value());
    std::string out;
    for (const auto& ch : Utf8Chars(a[0].str_value())) {
      size_t k = 0;
      while (k < from.size() && from[k] != ch) k++;
      if (k == from.size()) {
        out += ch;
      } else if (k < to.size()) {
        out += to[k];
      }
    }
    return Value::Text(out);
  });
  AddRowFunction(r, "overlay", {text, text, int4, int4}, text, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Text(Join(Overlay(Utf8Chars(a[0].str_value()), Utf8Chars(a[1].str_value()), a[2].int_value(), a[3].int_value())));
  });
  AddRowFunction(r, "overlay", {text, text, int4}, text, [](const std::vector<Value>& a, FunctionContext&) {
    auto p = Utf8Chars(a[1].str_value());
    return Value::Text(Join(Overlay(Utf8Chars(a[0].str_value()), p, a[2].int_value(), static_cast<int64_t>(p.size()))));
  });
  AddRowFunction(r, "overlay", {bytea, bytea, int4, int4}, bytea, [](const std::vector<Value>& a, FunctionContext&) {
    return Value::Bytea(Overlay(a[0].str_value(), a[1].str_value(), a[2].int_value(), a[3].int_value()));
  });
  AddRowFunction(r, "overlay", {bytea, bytea, int4}, bytea, [](const std::vector<Value>& a, FunctionContext&) {
    const std::string& p = a[1].str_value();
    return Value::Bytea(Overlay(a[0].str_value(), p, a[2].int_value(), static_cast<int64_t>(p.size())));
  });
  AddRowFunction(r, "to_hex", {int4}, text, [](const std::vector<Value>& a, FunctionContext&) {
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%x", static_cast<uint32_t>(static_cast<int32_t>(a[0].int_value())));
    return Value::Text(buf);
  });
}

}  // namespace kanto
