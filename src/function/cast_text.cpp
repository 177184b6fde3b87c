// Text input and output of arrays (array_in / array_out), int2vector and interval literals with fields.
#include "function/cast_text.hpp"

#include <charconv>
#include <cmath>

#include "function/cast.hpp"
#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/datetime.hpp"

namespace kanto {

namespace {
// PostgreSQL's interval field masks (INTERVAL_MASK in datetime.h).
constexpr int32_t kMonthBit = 1 << 1, kYearBit = 1 << 2, kDayBit = 1 << 3, kHourBit = 1 << 10, kMinuteBit = 1 << 11,
                  kSecondBit = 1 << 12, kAllFields = 0x7FFF;

[[noreturn]] void MalformedArray(std::string_view text, const std::string& detail) {
  throw Error(sqlstate::kInvalidTextRepresentation, "malformed array literal: \"" + std::string(text) + "\"")
      .WithDetail(detail);
}

}  // namespace

std::string VectorToText(const Value& v) {
  std::string out;
  for (const Value& e : DecodeArray(v.str_value(), LogicalType(VectorElementType(v.type().id)))) {
    if (!out.empty()) out += ' ';
    out += std::to_string(e.int_value());
  }
  return out;
}

Value TextToVector(std::string_view text, TypeId vector) {
  constexpr size_t kMaxElements = 100;  // PostgreSQL's FUNC_MAX_ARGS
  const bool oids = vector == TypeId::kOidVector;
  const char* element_name = oids ? "oid" : "smallint";
  const int64_t lo = oids ? INT32_MIN : INT16_MIN, hi = oids ? UINT32_MAX : INT16_MAX;
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  LogicalType element(VectorElementType(vector));
  std::vector<Value> elements;
  size_t at = 0;
  while (true) {
    while (at < text.size() && space(text[at])) at++;
    if (at == text.size()) break;
    // The errors quote the text from the element on, as PostgreSQL does.
    std::string rest(text.substr(at));
    if (elements.size() == kMaxElements) {
      throw Error(sqlstate::kInvalidParameterValue, element.ToString() == "oid" ? "oidvector has too many elements"
                                                                                 : "int2vector has too many elements");
    }
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data() + at + (text[at] == '+'), text.data() + text.size(), n);
    size_t stop = static_cast<size_t>(end - text.data());
    if (ec == std::errc::invalid_argument || (stop < text.size() && !space(text[stop]))) {
      throw Error(sqlstate::kInvalidTextRepresentation,
                  std::string("invalid input syntax for type ") + element_name + ": \"" + rest + "\"");
    }
    if (ec == std::errc::result_out_of_range || n < lo || n > hi) {
      // (oidin quotes only the number, int2vectorin the text from it on)
      std::string quoted = oids ? std::string(text.substr(at, stop - at)) : rest;
      throw Error(sqlstate::kNumericValueOutOfRange,
                  "value \"" + quoted + "\" is out of range for type " + element_name);
    }
    if (oids && n < 0) n += int64_t{1} << 32;
    elements.push_back(Value::FromInt(element, n));
    at = stop;
  }
  Value v = MakeArrayValue(LogicalType::ArrayOf(element), elements);
  v.set_type(LogicalType(vector));
  return v;
}

std::string ArrayToText(const Value& v, const FunctionContext& ctx) {
  std::string out = "{";
  bool first = true;
  for (const Value& e : DecodeArray(v.str_value(), v.type().ElementType())) {
    if (!first) out += ',';
    first = false;
    if (e.is_null()) {
      out += "NULL";
      continue;
    }
    std::string text = ValueToText(e, ctx);
    bool quote = text.empty() || Lower(text) == "null";
    for (char c : text) {
      if (c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || std::isspace(static_cast<unsigned char>(c))) quote = true;
    }
    if (!quote) {
      out += text;
      continue;
    }
    out += '"';
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// Interval input under a field mask (`interval '3' month`, `interval '1 day 2 hours' day`): a bare
// number counts the lowest field of the mask; fields below it are dropped.
Interval ParseIntervalFields(std::string_view text, int32_t mask) {
  if (mask < 0 || mask == kAllFields) return datetime::ParseInterval(text);
  std::string_view t = TrimSpaces(text);
  double number = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), number);
  Interval iv;
  if (!t.empty() && ec == std::errc() && end == t.data() + t.size()) {
    if (mask & kSecondBit) iv.micros = static_cast<int64_t>(std::llround(number * 1e6));
    else if (mask & kMinuteBit) iv.micros = static_cast<int64_t>(std::llround(number * 60e6));
    else if (mask & kHourBit) iv.micros = static_cast<int64_t>(std::llround(number * 3600e6));
    else if (mask & kDayBit) iv.days = static_cast<int32_t>(number);
    else if (mask & kMonthBit) iv.months = static_cast<int32_t>(number);
    else if (mask & kYearBit) iv.months = static_cast<int32_t>(number * 12);
    else return datetime::ParseInterval(text);
  } else {
    iv = datetime::ParseInterval(text);
  }
  if (mask & kSecondBit) return iv;
  if (mask & kMinuteBit) {
    iv.micros -= iv.micros % 60000000;
  } else if (mask & kHourBit) {
    iv.micros -= iv.micros % 3600000000LL;
  } else if (mask & kDayBit) {
    iv.micros = 0;
  } else if (mask & kMonthBit) {
    iv.micros = 0;
    iv.days = 0;
  } else if (mask & kYearBit) {
    iv.micros = 0;
    iv.days = 0;
    iv.months -= iv.months % 12;
  }
  return iv;
}

// PostgreSQL's array_in for one-dimensional arrays: {a, "b c", NULL, "x\"y"}.
Value TextToArray(std::string_view text, const LogicalType& type, const FunctionContext& ctx) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  size_t p = 0, n = text.size();
  while (p < n && is_space(text[p])) p++;
  if (p < n && text[p] == '[') {
    throw Error(sqlstate::kFeatureNotSupported, "array bounds in array literals are not supported");
  }
  if (p >= n || text[p] != '{') MalformedArray(text, "Array value must start with \"{\" or dimension information.");
  p++;
  LogicalType elem = type.ElementType();
  std::vector<Value> values;
  while (true) {
    while (p < n && is_space(text[p])) p++;
    if (p >= n) MalformedArray(text, "Unexpected end of input.");
    if (text[p] == '}' && values.empty()) {
      p++;
      break;
    }
    if (text[p] == '{') throw Error(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
    std::string item;
    bool quoted = false;
    if (text[p] == '"') {
      quoted = true;
      p++;
      while (p < n && text[p] != '"') {
        if (text[p] == '\\' && p + 1 < n) p++;
        item += text[p++];
      }
      if (p >= n) MalformedArray(text, "Unexpected end of input.");
      p++;
      while (p < n && is_space(text[p])) p++;
    } else {
      size_t last_kept = 0;
      while (p < n && text[p] != ',' && text[p] != '}') {
        if (text[p] == '"' || text[p] == '{') MalformedArray(text, std::string("Unexpected \"") + text[p] + "\" character.");
        if (text[p] == '\\' && p + 1 < n) {
          item += text[++p];
          p++;
          last_kept = item.size();
          continue;
        }
        item += text[p++];
        if (!is_space(item.back())) last_kept = item.size();
      }
      item.resize(last_kept);
      if (item.empty()) MalformedArray(text, std::string("Unexpected \"") + (p < n ? text[p] : ' ') + "\" character.");
    }
    if (!quoted && Lower(item) == "null") {
      values.push_back(Value::Null(elem));
    } else {
      Value v = TextToValue(item, elem, ctx);
      v.set_type(elem);
      values.push_back(std::move(v));
    }
    if (p >= n) MalformedArray(text, "Unexpected end of input.");
    if (text[p] == ',') {
      p++;
      continue;
    }
    if (text[p] == '}') {
      p++;
      break;
    }
    MalformedArray(text, std::string("Unexpected \"") + text[p] + "\" character.");
  }
  while (p < n && is_space(text[p])) p++;
  if (p < n) MalformedArray(text, "Junk after closing right brace.");
  return MakeArrayValue(type, values);
}

}  // namespace kanto
