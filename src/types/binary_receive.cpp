#include "types/binary_receive.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <vector>

#include "kanto/error.hpp"
#include "types/datetime.hpp"
#include "types/interval.hpp"
#include "types/record.hpp"
#include "types/time.hpp"
#include "types/uuid.hpp"

namespace kanto {

namespace {

constexpr int64_t kPgEpochDays = 10957;  // 2000-01-01 - 1970-01-01
constexpr int64_t kPgEpochMicros = 946684800000000LL;
// PostgreSQL's FirstGenbkiObjectId: OIDs below it are built-in, the same in every database.
constexpr uint32_t kFirstNonBuiltinOid = 10000;

Error Insufficient() { return Error(sqlstate::kProtocolViolation, "insufficient data left in message"); }
Error BadFormat() { return Error("22P03", "incorrect binary data format"); }

uint64_t ReadBigEndian(std::string_view s) {
  uint64_t v = 0;
  for (unsigned char c : s) v = (v << 8) | c;
  return v;
}

// A fixed-length value: shorter is 08P01, longer 22P03 (the receive function left bytes unread).
void NeedExactly(std::string_view v, size_t n) {
  if (v.size() < n) throw Insufficient();
  if (v.size() > n) throw BadFormat();
}

// numeric_recv: ndigits, weight, sign, dscale, then base-10000 digits.
std::string NumericText(std::string_view b) {
  if (b.size() < 8) throw Insufficient();
  int ndigits = static_cast<int>(ReadBigEndian(b.substr(0, 2)));
  int16_t weight = static_cast<int16_t>(ReadBigEndian(b.substr(2, 2)));
  uint16_t sign = static_cast<uint16_t>(ReadBigEndian(b.substr(4, 2)));
  int dscale = static_cast<int>(ReadBigEndian(b.substr(6, 2)));
  if (sign == 0xC000) return "NaN";
  if (sign == 0xD000) return "Infinity";
  if (sign == 0xF000) return "-Infinity";
  if (b.size() != 8 + 2 * static_cast<size_t>(ndigits)) throw Error("22P03", "invalid numeric binary value");
  std::string int_part, frac_part;
  for (int i = 0; i < ndigits; i++) {
    int d = static_cast<int>(ReadBigEndian(b.substr(8 + 2 * static_cast<size_t>(i), 2)));
    char buf[8];
    std::snprintf(buf, sizeof(buf), "%04d", d);
    if (i <= weight) int_part += buf;
    else frac_part += buf;
  }
  for (int i = ndigits; i <= weight; i++) int_part += "0000";
  if (weight < -1) frac_part.insert(0, std::string(static_cast<size_t>(-1 - weight) * 4, '0'));
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  frac_part.resize(static_cast<size_t>(dscale), '0');
  return (sign == 0x4000 ? "-" : "") + int_part + (dscale ? "." + frac_part : "");
}

// `text` in double quotes, its quotes and backslashes escaped, as array_in and record_in read it.
void AppendQuoted(std::string_view text, std::string* out) {
  *out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') *out += '\\';
    *out += c;
  }
  *out += '"';
}

// An array element or record field (`what` number `n`) in its text form: bytes its type leaves
// unread are PostgreSQL's 22P03 "improper binary format in array element 1".
std::string FieldText(std::string_view bytes, const LogicalType& type, const char* what, size_t n) {
  try {
    return BinaryReceiveText(bytes, type);
  } catch (Error& e) {
    if (e.sqlstate() == "22P03" && e.message() == BadFormat().message()) {
      throw Error("22P03", std::string("improper binary format in ") + what + " " + std::to_string(n));
    }
    throw;
  }
}

// The spelling of a type OID in array_recv's mismatch message ("???" for one Kanto lacks).
std::string OidTypeName(uint32_t oid) {
  LogicalType t = LogicalType::FromOid(oid);
  return t.id == TypeId::kUnknown && oid != 705 ? "???" : t.ToString();
}

// array_recv: ndim, has-null flag, element OID, (size, lower bound) per dimension, then each
// element as a 32-bit length (-1 for NULL) and its bytes, read as `element`. The elements in
// their text input form (nullopt for NULL).
std::vector<std::optional<std::string>> ArrayElements(std::string_view v, const LogicalType& element) {
  auto need = [&](size_t pos, size_t n) {
    if (pos + n > v.size()) throw Insufficient();
  };
  auto int32_at = [&](size_t pos) {
    need(pos, 4);
    return static_cast<int32_t>(ReadBigEndian(v.substr(pos, 4)));
  };
  int32_t ndim = int32_at(0);
  int32_t flags = int32_at(4);
  uint32_t element_oid = static_cast<uint32_t>(int32_at(8));
  if (ndim < 0) throw Error("22P03", "invalid number of dimensions: " + std::to_string(ndim));
  if (flags != 0 && flags != 1) throw Error("22P03", "invalid array flags");
  // As PostgreSQL: only a mismatch of two built-in OIDs is an error, a user type's OID (of another
  // database, say) is taken for the expected type.
  uint32_t expected = element.oid();
  if (element_oid != expected && element_oid < kFirstNonBuiltinOid && expected < kFirstNonBuiltinOid) {
    throw Error(sqlstate::kDatatypeMismatch, "binary data has array element type " + std::to_string(element_oid) +
                                                 " (" + OidTypeName(element_oid) + ") instead of expected " +
                                                 std::to_string(expected) + " (" + element.ToString() + ")");
  }
  std::vector<std::optional<std::string>> out;
  if (ndim == 0) {
    if (v.size() != 12) throw BadFormat();
    return out;
  }
  if (ndim != 1) throw Error(sqlstate::kFeatureNotSupported, "multidimensional arrays are not supported");
  int32_t count = int32_at(12);
  if (count < 0) throw Error("22P03", "invalid array length");
  size_t pos = 20;
  need(16, 4);  // the lower bound
  for (int32_t k = 0; k < count; k++) {
    int32_t len = int32_at(pos);
    pos += 4;
    if (len < -1) throw Insufficient();
    if (len == -1) {
      out.emplace_back(std::nullopt);
      continue;
    }
    need(pos, static_cast<size_t>(len));
    size_t n = static_cast<size_t>(k) + 1;
    out.emplace_back(FieldText(v.substr(pos, static_cast<size_t>(len)), element, "array element", n));
    pos += static_cast<size_t>(len);
  }
  if (pos != v.size()) throw BadFormat();
  return out;
}

// record_recv: the field count, then per field its type OID, a 32-bit length (-1 for NULL) and its
// bytes, read as the record type's field. As a record literal, each field quoted ("1","a b",).
std::string RecordLiteral(std::string_view v, const LogicalType& type) {
  if (!IsKnownRecord(type)) {
    throw Error(sqlstate::kFeatureNotSupported, "input of anonymous composite types is not implemented");
  }
  const std::vector<RecordField>& fields = RecordTypeOf(type).fields;
  auto int32_at = [&](size_t pos) {
    if (pos + 4 > v.size()) throw Insufficient();
    return static_cast<int32_t>(ReadBigEndian(v.substr(pos, 4)));
  };
  int32_t count = int32_at(0);
  if (count != static_cast<int32_t>(fields.size())) {
    throw Error(sqlstate::kDatatypeMismatch, "wrong number of columns: " + std::to_string(count) + ", expected " +
                                                 std::to_string(fields.size()));
  }
  size_t pos = 4;
  std::string out = "(";
  for (size_t k = 0; k < fields.size(); k++) {
    if (k) out += ',';
    const LogicalType& field = fields[k].type;
    uint32_t oid = static_cast<uint32_t>(int32_at(pos));
    // As PostgreSQL: only a mismatch of two built-in OIDs is an error.
    if (oid != field.oid() && oid < kFirstNonBuiltinOid && field.oid() < kFirstNonBuiltinOid) {
      throw Error(sqlstate::kDatatypeMismatch, "binary data has type " + std::to_string(oid) + " (" + OidTypeName(oid) +
                                                   ") instead of expected " + std::to_string(field.oid()) + " (" +
                                                   field.ToString() + ") in record column " + std::to_string(k + 1));
    }
    int32_t len = int32_at(pos + 4);
    pos += 8;
    if (len < -1 || (len > 0 && pos + static_cast<size_t>(len) > v.size())) {
      throw Error("22P03", "insufficient data left in message");  // record_recv's own check: 22P03
    }
    if (len == -1) continue;  // NULL: nothing between the commas
    std::string text = FieldText(v.substr(pos, static_cast<size_t>(len)), field, "record column", k + 1);
    pos += static_cast<size_t>(len);
    AppendQuoted(text, &out);
  }
  if (pos != v.size()) throw BadFormat();
  return out + ")";
}

// An array literal of the elements, each quoted ({"a","b c",NULL}).
std::string ArrayLiteral(const std::vector<std::optional<std::string>>& items) {
  std::string out = "{";
  for (size_t k = 0; k < items.size(); k++) {
    if (k) out += ',';
    if (!items[k]) {
      out += "NULL";
      continue;
    }
    AppendQuoted(*items[k], &out);
  }
  return out + "}";
}

}  // namespace

Param BinaryReceive(std::string_view v, const LogicalType& type) {
  if (type.IsOid() || type.id == TypeId::kXid) {  // oidrecv, the reg* types', xidrecv: unsigned 4 bytes
    NeedExactly(v, 4);
    return Param(static_cast<int64_t>(static_cast<uint32_t>(ReadBigEndian(v))));
  }
  switch (type.id) {
    case TypeId::kBool: NeedExactly(v, 1); return Param(v[0] != 0);
    case TypeId::kCharByte: NeedExactly(v, 1); return Param(std::string(v));  // charrecv: the byte
    case TypeId::kInt2: NeedExactly(v, 2); return Param(static_cast<int64_t>(static_cast<int16_t>(ReadBigEndian(v))));
    case TypeId::kInt4: NeedExactly(v, 4); return Param(static_cast<int64_t>(static_cast<int32_t>(ReadBigEndian(v))));
    case TypeId::kInt8: NeedExactly(v, 8); return Param(static_cast<int64_t>(ReadBigEndian(v)));
    case TypeId::kInterval: {
      NeedExactly(v, 16);
      Interval iv;
      iv.micros = static_cast<int64_t>(ReadBigEndian(v.substr(0, 8)));
      iv.days = static_cast<int32_t>(ReadBigEndian(v.substr(8, 4)));
      iv.months = static_cast<int32_t>(ReadBigEndian(v.substr(12, 4)));
      return Param(datetime::FormatInterval(iv));
    }
    case TypeId::kFloat4: {
      NeedExactly(v, 4);
      uint32_t bits = static_cast<uint32_t>(ReadBigEndian(v));
      float f;
      std::memcpy(&f, &bits, 4);
      return Param(static_cast<double>(f));
    }
    case TypeId::kFloat8: {
      NeedExactly(v, 8);
      uint64_t bits = ReadBigEndian(v);
      double d;
      std::memcpy(&d, &bits, 8);
      return Param(d);
    }
    case TypeId::kNumeric: return Param(NumericText(v));
    case TypeId::kDate: {
      NeedExactly(v, 4);
      int64_t days = static_cast<int32_t>(ReadBigEndian(v));
      return Param(datetime::FormatDate(days + kPgEpochDays));
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      NeedExactly(v, 8);
      int64_t micros = static_cast<int64_t>(ReadBigEndian(v));
      if (micros == INT64_MAX || micros == INT64_MIN) return Param(micros > 0 ? "infinity" : "-infinity");
      int64_t unix_micros;
      if (__builtin_add_overflow(micros, kPgEpochMicros, &unix_micros)) {
        throw Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
      }
      std::string text = datetime::FormatTimestamp(unix_micros);
      return Param(type.id == TypeId::kTimestampTz ? text + "+00" : text);
    }
    case TypeId::kBytea: {
      static const char* kHex = "0123456789abcdef";
      std::string out = "\\x";
      for (unsigned char c : v) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
      return Param(out);
    }
    // textrecv and its kin, json_recv, unknownrecv, and enum_recv: the text itself (an enum's
    // label is checked when the Param is read as the enum).
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kName:
    case TypeId::kJson:
    case TypeId::kUnknown:
    case TypeId::kEnum: return Param(std::string(v));
    case TypeId::kUuid: return Param(UuidToText(UuidFromBinary(std::string(v))));  // uuid_recv: the 16 bytes
    case TypeId::kTime: return Param(datetime::TimeToText(datetime::TimeRecv(v)));
    case TypeId::kTimeTz: return Param(datetime::TimeTzToText(datetime::TimeTzRecv(v)));
    case TypeId::kJsonb:  // jsonb_recv: version 1, then the text
      if (v.empty() || v[0] != '\x01') {
        throw Error("XX000", "unsupported jsonb version number " +
                                 std::to_string(v.empty() ? 0 : static_cast<unsigned char>(v[0])));
      }
      return Param(std::string(v.substr(1)));
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: {  // int2vectorrecv / oidvectorrecv: a binary array, as the vector's text "1 2"
      std::string text;
      for (const auto& e : ArrayElements(v, LogicalType(VectorElementType(type.id)))) {
        if (!e) throw Error("22P03", "invalid array flags");
        text += (text.empty() ? "" : " ") + *e;
      }
      return Param(text);
    }
    case TypeId::kArray: return Param(ArrayLiteral(ArrayElements(v, type.ElementType())));
    case TypeId::kAclItem:  // no aclitemrecv in PostgreSQL either
      throw Error(sqlstate::kUndefinedFunction, "no binary input function available for type aclitem");
    case TypeId::kRecord: return Param(RecordLiteral(v, type));
    default: break;  // pg_node_tree
  }
  throw Error(sqlstate::kFeatureNotSupported, "binary input of type " + type.ToString() + " is not supported");
}

std::string BinaryReceiveText(std::string_view bytes, const LogicalType& type) {
  Param p = BinaryReceive(bytes, type);
  switch (p.kind()) {
    case Param::Kind::kBool: return p.int_value() ? "t" : "f";
    case Param::Kind::kInt: return std::to_string(p.int_value());
    case Param::Kind::kDouble: {
      char buf[40];
      std::snprintf(buf, sizeof(buf), "%.17g", p.double_value());
      return buf;
    }
    default: return std::move(p).text();
  }
}

}  // namespace kanto
