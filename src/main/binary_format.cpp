#include "kanto/binary_format.hpp"

#include <cstring>
#include <optional>
#include <vector>

#include "function/cast.hpp"
#include "main/prepared_impl.hpp"
#include "main/result_impl.hpp"
#include "types/binary_receive.hpp"
#include "types/array.hpp"
#include "types/char_type.hpp"
#include "types/enum_type.hpp"
#include "types/datetime.hpp"
#include "types/record.hpp"
#include "types/time.hpp"
#include "types/uuid.hpp"
#include "types/logical_type.hpp"

namespace kanto::wire {

namespace {
constexpr int64_t kPgEpochDays = 10957;                  // 2000-01-01 - 1970-01-01
constexpr int64_t kPgEpochMicros = 946684800000000LL;

// charsend: the byte itself, the byte 0 included.
std::string CharBinary(const std::string& value) { return value.empty() ? std::string(1, '\0') : value.substr(0, 1); }

std::string BigEndian(uint64_t v, int bytes) {
  std::string out;
  for (int i = bytes - 1; i >= 0; i--) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  return out;
}

// numeric text -> PostgreSQL's binary numeric (base-10000 digits).
std::string NumericBinary(const std::string& text) {
  if (text == "NaN") return BigEndian(0, 2) + BigEndian(0, 2) + BigEndian(0xC000, 2) + BigEndian(0, 2);
  if (text == "Infinity") return BigEndian(0, 2) + BigEndian(0, 2) + BigEndian(0xD000, 2) + BigEndian(0, 2);
  if (text == "-Infinity") return BigEndian(0, 2) + BigEndian(0, 2) + BigEndian(0xF000, 2) + BigEndian(0, 2);
  bool neg = !text.empty() && text[0] == '-';
  std::string s = neg ? text.substr(1) : text;
  size_t dot = s.find('.');
  std::string int_part = dot == std::string::npos ? s : s.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
  int dscale = static_cast<int>(frac.size());
  while (int_part.size() % 4) int_part.insert(0, "0");
  while (frac.size() % 4) frac.push_back('0');
  std::vector<int> digits;
  for (size_t i = 0; i < int_part.size(); i += 4) digits.push_back(std::stoi(int_part.substr(i, 4)));
  int weight = static_cast<int>(int_part.size() / 4) - 1;
  for (size_t i = 0; i < frac.size(); i += 4) digits.push_back(std::stoi(frac.substr(i, 4)));
  // strip leading zero groups
  size_t lead = 0;
  while (lead < digits.size() && digits[lead] == 0) {
    lead++;
    weight--;
  }
  digits.erase(digits.begin(), digits.begin() + static_cast<long>(lead));
  while (!digits.empty() && digits.back() == 0) digits.pop_back();
  if (digits.empty()) weight = 0;
  std::string out = BigEndian(digits.size(), 2) + BigEndian(static_cast<uint16_t>(weight), 2) +
                    BigEndian(neg && !digits.empty() ? 0x4000 : 0, 2) + BigEndian(static_cast<uint16_t>(dscale), 2);
  for (int d : digits) out += BigEndian(static_cast<uint16_t>(d), 2);
  return out;
}

}  // namespace

namespace {

// The element type OID of an array type OID, 0 for other types.
uint32_t ElementOid(uint32_t oid) {
  LogicalType t = LogicalType::FromOid(oid);
  return t.id == TypeId::kArray ? t.ElementType().oid() : 0;
}

// Splits PostgreSQL's array text output ({a,"b c",NULL}) into elements; nullopt for NULL.
std::vector<std::optional<std::string>> SplitArrayText(const std::string& text) {
  std::vector<std::optional<std::string>> out;
  size_t p = 1;  // after '{'
  if (text.size() < 2 || text[0] != '{' || text.back() != '}') {
    throw Error(sqlstate::kFeatureNotSupported, "binary output of this array is not supported");
  }
  if (text.size() == 2) return out;
  while (p < text.size()) {
    std::string item;
    bool quoted = text[p] == '"';
    if (quoted) {
      for (p++; p < text.size() && text[p] != '"'; p++) {
        if (text[p] == '\\') p++;
        item += text[p];
      }
      p++;
    } else {
      for (; p < text.size() && text[p] != ',' && text[p] != '}'; p++) item += text[p];
    }
    if (!quoted && item == "NULL") out.emplace_back(std::nullopt);
    else out.emplace_back(std::move(item));
    p++;  // ',' or '}'
  }
  return out;
}

// Binary form of a scalar value given as its text output.
std::string ScalarTextToBinary(uint32_t oid, const std::string& text) {
  switch (oid) {
    case 16: return std::string(1, text == "t" ? '\1' : '\0');
    case 21: return BigEndian(static_cast<uint64_t>(std::stoll(text)), 2);
    case 23: return BigEndian(static_cast<uint64_t>(std::stoll(text)), 4);
    case 20: return BigEndian(static_cast<uint64_t>(std::stoll(text)), 8);
    case 700: {
      float f = std::strtof(text.c_str(), nullptr);
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      return BigEndian(bits, 4);
    }
    case 701: {
      double d = std::strtod(text.c_str(), nullptr);
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      return BigEndian(bits, 8);
    }
    case 1700: return NumericBinary(text);
    case 25: case 1043: case 1042: case 19: case 114: return text;
    case 18: return CharBinary(CharFromText(text));
    case 3802: return "\x01" + text;
    case 1082: return BigEndian(static_cast<uint64_t>(datetime::ParseDate(text) - kPgEpochDays), 4);
    case 1114: return BigEndian(static_cast<uint64_t>(datetime::ParseTimestamp(text) - kPgEpochMicros), 8);
    case 1083: return datetime::TimeSend(datetime::TimeFromText(text, datetime::TimeZone(), 0));
    case 1266: return datetime::TimeTzSend(datetime::TimeTzFromText(text, datetime::TimeZone(), 0));
    default:
      throw Error(sqlstate::kFeatureNotSupported, "binary output of arrays of type OID " + std::to_string(oid) +
                                                      " is not supported");
  }
}

// PostgreSQL's binary array: ndim, has-null flag, element OID, (size, lower bound) per dimension,
// then each element as length + bytes (-1 for NULL).
std::string ArrayTextToBinary(uint32_t element_oid, const std::string& text) {
  auto items = SplitArrayText(text);
  bool has_null = false;
  for (const auto& i : items) has_null = has_null || !i;
  std::string out = BigEndian(items.empty() ? 0 : 1, 4) + BigEndian(has_null ? 1 : 0, 4) + BigEndian(element_oid, 4);
  if (items.empty()) return out;
  out += BigEndian(items.size(), 4) + BigEndian(1, 4);
  for (const auto& i : items) {
    if (!i) {
      out += BigEndian(0xffffffffu, 4);
      continue;
    }
    std::string b = ScalarTextToBinary(element_oid, *i);
    out += BigEndian(b.size(), 4) + b;
  }
  return out;
}

// The binary form of one non-NULL value from its type (fields of a record).
std::string ValueBinary(const Value& v, const FunctionContext& fn);

// A field of a record or an element of an array: its length and bytes, or -1 for NULL.
void AppendLengthPrefixed(const Value& v, const FunctionContext& fn, std::string* out) {
  if (v.is_null()) {
    *out += BigEndian(0xffffffffu, 4);
    return;
  }
  std::string b = ValueBinary(v, fn);
  *out += BigEndian(b.size(), 4) + b;
}

// PostgreSQL's record_send: field count, then per field its type OID and length-prefixed bytes
// (-1 for NULL).
std::string RecordBinary(const Value& v, const FunctionContext& fn) {
  std::vector<Value> fields = DecodeRecord(v.str_value(), v.type());
  std::string out = BigEndian(fields.size(), 4);
  for (const Value& f : fields) {
    out += BigEndian(f.type().oid(), 4);
    AppendLengthPrefixed(f, fn, &out);
  }
  return out;
}

std::string ValueBinary(const Value& v, const FunctionContext& fn) {
  const LogicalType& t = v.type();
  switch (t.id) {
    case TypeId::kBool: return std::string(1, v.int_value() ? '\1' : '\0');
    case TypeId::kInt2: return BigEndian(static_cast<uint64_t>(v.int_value()), 2);
    case TypeId::kInt4:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole:
    case TypeId::kXid: return BigEndian(static_cast<uint64_t>(v.int_value()), 4);
    case TypeId::kInt8: return BigEndian(static_cast<uint64_t>(v.int_value()), 8);
    case TypeId::kFloat4: {
      float f = static_cast<float>(v.double_value());
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      return BigEndian(bits, 4);
    }
    case TypeId::kFloat8: {
      double d = v.double_value();
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      return BigEndian(bits, 8);
    }
    case TypeId::kNumeric: return NumericBinary(v.numeric_value().ToString());
    case TypeId::kDate: return BigEndian(static_cast<uint64_t>(v.int_value() - kPgEpochDays), 4);
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      int64_t us = v.int_value();  // +-infinity stay the extreme values
      return BigEndian(static_cast<uint64_t>(us == INT64_MAX || us == INT64_MIN ? us : us - kPgEpochMicros), 8);
    }
    case TypeId::kInterval: {
      const Interval& iv = v.interval_value();
      return BigEndian(static_cast<uint64_t>(iv.micros), 8) + BigEndian(static_cast<uint32_t>(iv.days), 4) +
             BigEndian(static_cast<uint32_t>(iv.months), 4);
    }
    case TypeId::kBytea:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
    case TypeId::kJson:
    case TypeId::kPgNodeTree:
    case TypeId::kUnknown: return v.str_value();
    case TypeId::kJsonb: return "\x01" + v.str_value();  // version 1, then the text
    case TypeId::kRecord: return RecordBinary(v, fn);
    case TypeId::kCharByte: return CharBinary(v.str_value());
    case TypeId::kUuid: return v.str_value();  // uuid_send: the 16 bytes
    case TypeId::kTime: return datetime::TimeSend(v.int_value());
    case TypeId::kTimeTz: return datetime::TimeTzSend(datetime::UnpackTimeTz(v.int_value()));
    case TypeId::kEnum: return EnumOutput(v.double_value(), t);  // enum_send: the label
    case TypeId::kArray: {
      // PostgreSQL's binary array with each element in its own binary form.
      std::vector<Value> items = DecodeArray(v.str_value(), t.ElementType());
      bool has_null = false;
      for (const Value& i : items) has_null = has_null || i.is_null();
      std::string out = BigEndian(items.empty() ? 0 : 1, 4) + BigEndian(has_null ? 1 : 0, 4) +
                        BigEndian(t.ElementType().oid(), 4);
      if (items.empty()) return out;
      out += BigEndian(items.size(), 4) + BigEndian(1, 4);
      for (const Value& i : items) AppendLengthPrefixed(i, fn, &out);
      return out;
    }
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: {
      // int2vectorsend / oidvectorsend: array_send of a one-dimensional array with lower bound 0.
      LogicalType element(VectorElementType(t.id));
      std::vector<Value> items = DecodeArray(v.str_value(), element);
      std::string out = BigEndian(items.empty() ? 0 : 1, 4) + BigEndian(0, 4) + BigEndian(element.oid(), 4);
      if (items.empty()) return out;
      out += BigEndian(items.size(), 4) + BigEndian(0, 4);
      for (const Value& i : items) AppendLengthPrefixed(i, fn, &out);
      return out;
    }
    case TypeId::kAclItem: break;  // no aclitemsend in PostgreSQL either
  }
  throw Error(sqlstate::kFeatureNotSupported, "binary output of type " + t.ToString() + " is not supported");
}

}  // namespace

// json's binary form is its text.
bool BinaryIsText(uint32_t oid) {
  return oid == 25 || oid == 1043 || oid == 1042 || oid == 19 || oid == 114 || oid == 705 || oid == 194;
}

std::string EncodeBinary(const QueryResult& r, size_t row, size_t col) {
  uint32_t oid = r.column(col).type_oid;
  if (BinaryIsText(oid)) return r.GetText(row, col);
  if (const ResultImpl* impl = r.impl(); impl && col < impl->types.size()) {
    const LogicalType& t = impl->types[col];
    // Records, and arrays (each element in its own binary form, whatever its type).
    if (t.id == TypeId::kEnum) return r.GetText(row, col);  // enum_send: the label
    if (t.id == TypeId::kRecord || t.IsArray() || VectorElementType(t.id) != TypeId::kUnknown) {
      size_t offset = 0;
      return ValueBinary(impl->Cell(row, col, &offset).GetValue(offset), impl->fn);
    }
  }
  switch (oid) {
    case 3802: return "\x01" + r.GetText(row, col);  // jsonb: version 1, then the text
    case 16: return std::string(1, r.GetInt64(row, col) ? '\1' : '\0');
    case 18: return CharBinary(CharFromText(r.GetText(row, col)));
    case 2950: return UuidFromText(r.GetText(row, col));  // uuid_send: the 16 bytes
    case 1083: return datetime::TimeSend(r.GetInt64(row, col));
    case 1266: return datetime::TimeTzSend(datetime::UnpackTimeTz(r.GetInt64(row, col)));
    case 21: return BigEndian(static_cast<uint64_t>(r.GetInt64(row, col)), 2);
    case 23: return BigEndian(static_cast<uint64_t>(r.GetInt64(row, col)), 4);
    case 26: return BigEndian(static_cast<uint64_t>(r.GetInt64(row, col)), 4);
    case 2205: case 2206: case 4089: case 24: case 2202: case 2203: case 2204: case 4096:  // reg* types: binary is the OID
    case 28:  // xid
      return BigEndian(static_cast<uint64_t>(r.GetInt64(row, col)), 4);
    case 1186: {  // interval: microseconds, days, months
      Interval iv = datetime::ParseInterval(r.GetText(row, col));
      return BigEndian(static_cast<uint64_t>(iv.micros), 8) + BigEndian(static_cast<uint32_t>(iv.days), 4) +
             BigEndian(static_cast<uint32_t>(iv.months), 4);
    }
    case 20: return BigEndian(static_cast<uint64_t>(r.GetInt64(row, col)), 8);
    case 700: {
      float f = static_cast<float>(r.GetDouble(row, col));
      uint32_t bits;
      std::memcpy(&bits, &f, 4);
      return BigEndian(bits, 4);
    }
    case 701: {
      double d = r.GetDouble(row, col);
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      return BigEndian(bits, 8);
    }
    case 1082: return BigEndian(static_cast<uint64_t>(r.GetInt64(row, col) - kPgEpochDays), 4);
    case 1114:
    case 1184: return BigEndian(static_cast<uint64_t>(r.GetInt64(row, col) - kPgEpochMicros), 8);
    case 1700: return NumericBinary(r.GetText(row, col));
    case 17: {
      // bytea: raw bytes from the \x text form
      std::string hex = r.GetText(row, col);
      std::string out;
      for (size_t i = 2; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
      return out;
    }
    default:
      if (uint32_t element = ElementOid(oid)) return ArrayTextToBinary(element, r.GetText(row, col));
      throw Error(sqlstate::kFeatureNotSupported, "binary output of type " + r.column(col).type_name + " is not supported");
  }
}

Param DecodeBinaryParam(const std::string& value, PreparedStatement& stmt, size_t i) {
  try {
    return BinaryReceive(value, stmt.impl().param_types.at(i));
  } catch (Error& e) {
    if (e.sqlstate() == "22P03" && e.message() == "incorrect binary data format") {
      throw Error("22P03", "incorrect binary data format in bind parameter " + std::to_string(i + 1));
    }
    throw;
  }
}

}  // namespace kanto::wire
