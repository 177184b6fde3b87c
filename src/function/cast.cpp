// Casts and PostgreSQL text input/output for every supported type.
#include "function/cast.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>

#include "function/cast_text.hpp"
#include "function/object_names.hpp"
#include "function/string_library.hpp"
#include "function/time_zone_functions.hpp"
#include "kanto/error.hpp"
#include "types/enum_type.hpp"
#include "types/array.hpp"
#include "types/char_type.hpp"
#include "types/datetime.hpp"
#include "types/json.hpp"
#include "types/jsonb.hpp"
#include "types/record.hpp"
#include "types/time.hpp"
#include "types/uuid.hpp"

namespace kanto {

namespace {


const char* IntTypeName(TypeId id) {
  return id == TypeId::kInt2 ? "smallint" : id == TypeId::kInt4 ? "integer" : "bigint";
}

void IntRange(TypeId id, int64_t* lo, int64_t* hi) {
  switch (id) {
    case TypeId::kInt2: *lo = INT16_MIN; *hi = INT16_MAX; break;
    case TypeId::kInt4: *lo = INT32_MIN; *hi = INT32_MAX; break;
    default: *lo = INT64_MIN; *hi = INT64_MAX; break;
  }
}

int64_t CheckInt(int64_t v, TypeId id) {
  int64_t lo, hi;
  IntRange(id, &lo, &hi);
  if (v < lo || v > hi) throw Error(sqlstate::kNumericValueOutOfRange, std::string(IntTypeName(id)) + " out of range");
  return v;
}

std::string FormatDouble(double d, bool is_float4) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  if (d == 0) return std::signbit(d) ? "-0" : "0";
  char buf[64];
  std::to_chars_result r = is_float4 ? std::to_chars(buf, buf + sizeof(buf), static_cast<float>(d), std::chars_format::scientific)
                                     : std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string sci(buf, r.ptr);
  size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::atoi(sci.c_str() + epos + 1);
  bool neg = mant[0] == '-';
  if (neg) mant.erase(0, 1);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits.push_back(c);
  }
  int limit = is_float4 ? 6 : 15;
  std::string out = neg ? "-" : "";
  if (exp < -4 || exp >= limit) {
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof(e), "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + e;
  }
  if (exp < 0) {
    out += "0." + std::string(-exp - 1, '0') + digits;
  } else if (static_cast<int>(digits.size()) <= exp + 1) {
    out += digits + std::string(exp + 1 - digits.size(), '0');
  } else {
    out += digits.substr(0, exp + 1) + "." + digits.substr(exp + 1);
  }
  return out;
}

std::string HexBytes(const std::string& s) { return "\\x" + EncodeHex(s); }

std::string ParseBytea(std::string_view s) {
  std::string out;
  if (s.size() >= 2 && s[0] == '\\' && s[1] == 'x') {
    for (size_t i = 2; i < s.size();) {
      if (std::isspace(static_cast<unsigned char>(s[i]))) {
        i++;
        continue;
      }
      int hi = HexDigitValue(s[i]);
      int lo = i + 1 < s.size() ? HexDigitValue(s[i + 1]) : -1;
      if (hi < 0 || lo < 0) {
        throw Error(sqlstate::kInvalidTextRepresentation,
                    std::string("invalid hexadecimal digit: \"") + (hi < 0 ? s[i] : s[i + 1 < s.size() ? i + 1 : i]) + "\"");
      }
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
    return out;
  }
  for (size_t i = 0; i < s.size(); i++) {
    if (s[i] != '\\') {
      out.push_back(s[i]);
    } else if (i + 1 < s.size() && s[i + 1] == '\\') {
      out.push_back('\\');
      i++;
    } else if (i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3') {
      out.push_back(static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
      i += 3;
    } else {
      throw Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type bytea");
    }
  }
  return out;
}

size_t Utf8Length(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Byte offset of the n-th character.
size_t Utf8Offset(const std::string& s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); i++) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (chars == n) return i;
      chars++;
    }
  }
  return s.size();
}

// varchar(n)/char(n) length rules.
std::string ApplyLength(std::string s, const LogicalType& t, CastContext context) {
  if (t.mod1 < 0) return s;
  size_t n = static_cast<size_t>(t.mod1);
  size_t len = Utf8Length(s);
  if (len > n) {
    size_t cut = Utf8Offset(s, n);
    if (context != CastContext::kExplicit) {
      for (size_t i = cut; i < s.size(); i++) {
        if (s[i] != ' ') {
          throw Error(sqlstate::kStringDataRightTruncation, "value too long for type " + t.ToString());
        }
      }
    }
    s.resize(cut);
    len = n;
  }
  if (t.id == TypeId::kChar && len < n) s.append(n - len, ' ');
  return s;
}

// name input: at most 63 bytes (PostgreSQL's NAMEDATALEN - 1), cut at a character boundary.
std::string ClipName(std::string s) {
  constexpr size_t kMaxNameBytes = 63;
  if (s.size() <= kMaxNameBytes) return s;
  size_t cut = kMaxNameBytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) cut--;
  s.resize(cut);
  return s;
}

bool ParseBool(std::string_view raw, bool* out) {
  std::string s = Lower(TrimSpaces(raw));
  if (s.empty()) return false;
  auto prefix_of = [&](const char* word) { return std::strncmp(word, s.c_str(), s.size()) == 0; };
  if (s == "t" || s == "1" || s == "y" || prefix_of("true") || prefix_of("yes") || s == "on") {
    *out = true;
    return true;
  }
  if (s == "f" || s == "0" || s == "n" || prefix_of("false") || prefix_of("no") || s == "off" || s == "of") {
    *out = false;
    return s != "o";
  }
  return false;
}

int64_t ParseInt(std::string_view raw, TypeId id) {
  std::string_view s = TrimSpaces(raw);
  const char* type = IntTypeName(id);
  std::string_view digits = s;
  bool neg = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    neg = digits[0] == '-';
    digits.remove_prefix(1);
  }
  bool ok = !digits.empty();
  for (char c : digits) ok = ok && (std::isdigit(static_cast<unsigned char>(c)) || c == '_');
  if (!ok || digits.front() == '_' || digits.back() == '_') {
    throw Error(sqlstate::kInvalidTextRepresentation,
                std::string("invalid input syntax for type ") + type + ": \"" + std::string(raw) + "\"");
  }
  unsigned __int128 v = 0;
  for (char c : digits) {
    if (c == '_') continue;
    v = v * 10 + static_cast<unsigned>(c - '0');
    if (v > (static_cast<unsigned __int128>(1) << 64)) break;
  }
  __int128 sv = neg ? -static_cast<__int128>(v) : static_cast<__int128>(v);
  int64_t lo, hi;
  IntRange(id, &lo, &hi);
  if (sv < lo || sv > hi) {
    throw Error(sqlstate::kNumericValueOutOfRange,
                "value \"" + std::string(raw) + "\" is out of range for type " + type);
  }
  return static_cast<int64_t>(sv);
}

double ParseDouble(std::string_view raw, bool is_float4) {
  std::string s(TrimSpaces(raw));
  const char* type = is_float4 ? "real" : "double precision";
  std::string low = Lower(s);
  if (low == "nan") return NAN;
  if (low == "infinity" || low == "+infinity" || low == "inf" || low == "+inf") return INFINITY;
  if (low == "-infinity" || low == "-inf") return -INFINITY;
  char* end = nullptr;
  errno = 0;
  double d = s.empty() ? 0 : std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || low.find("inf") != std::string::npos ||
      low.find("nan") != std::string::npos || low.find('x') != std::string::npos) {
    throw Error(sqlstate::kInvalidTextRepresentation,
                std::string("invalid input syntax for type ") + type + ": \"" + std::string(raw) + "\"");
  }
  if (errno == ERANGE && (std::isinf(d) || d == 0)) {
    throw Error(sqlstate::kNumericValueOutOfRange, "\"" + s + "\" is out of range for type " + type);
  }
  if (is_float4) {
    float f = static_cast<float>(d);
    if (std::isinf(f) && !std::isinf(d)) {
      throw Error(sqlstate::kNumericValueOutOfRange, "\"" + s + "\" is out of range for type real");
    }
    return f;
  }
  return d;
}

Numeric TypmodNumeric(Numeric n, const LogicalType& t) {
  if (t.mod1 < 0) return n;
  return n.ApplyTypmod(t.mod1, t.mod2 < 0 ? 0 : t.mod2);
}

double CheckFloat4(double d) {
  float f = static_cast<float>(d);
  if (std::isinf(f) && !std::isinf(d)) throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
  if (f == 0 && d != 0) throw Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
  return f;
}


// "char" as PostgreSQL's pg_cast has it: to text implicitly; to and from varchar and bpchar in
// assignment (as to name, by I/O); to and from integer explicitly; from name by explicit I/O.
bool CanCastCharByte(const LogicalType& from, const LogicalType& to, CastContext context) {
  if (from.id == TypeId::kCharByte && to.id == TypeId::kText) return true;
  const LogicalType& other = from.id == TypeId::kCharByte ? to : from;
  if (other.IsString()) {
    if (context == CastContext::kImplicit) return false;
    return from.id == TypeId::kCharByte || other.id != TypeId::kName || context == CastContext::kExplicit;
  }
  return other.id == TypeId::kInt4 && context == CastContext::kExplicit;
}

// jsonb -> numeric types and boolean (PostgreSQL's jsonb_numeric, jsonb_bool, ...): the value
// must be a scalar of the matching kind, else 22023 naming the kind it is.
Value JsonbScalarCast(const std::string& stored, const LogicalType& target, const FunctionContext& ctx) {
  JsonValue j = JsonbTree(stored);
  bool want_bool = target.id == TypeId::kBool;
  JsonValue::Kind want = want_bool ? JsonValue::Kind::kBool : JsonValue::Kind::kNumber;
  if (j.kind != want) {
    static const char* kNames[] = {"null", "string", "numeric", "boolean", "array", "object"};
    throw Error(sqlstate::kInvalidParameterValue, std::string("cannot cast jsonb ") + kNames[static_cast<int>(j.kind)] +
                                                      " to type " + target.ToString());
  }
  if (want_bool) return Value::Bool(j.boolean);
  Value n = Value::FromNumeric(Numeric::Parse(j.text), LogicalType(TypeId::kNumeric));
  return CastValue(n, target, CastContext::kExplicit, ctx);
}

// xidin as PostgreSQL 15's: strtoul(text, NULL, 0) cut to 32 bits, with no syntax check ('x' is 0).
int64_t ParseXid(std::string_view raw) {
  std::string s(raw);
  return static_cast<int64_t>(static_cast<uint32_t>(std::strtoul(s.c_str(), nullptr, 0)));
}

// The casts to time and timetz (time_scale / timetz_scale included), or nullopt when `v`'s type
// has none.
std::optional<Value> CastToTime(const Value& v, const LogicalType& target, const FunctionContext& ctx) {
  using datetime::TimeTz;
  const LogicalType& from = v.type();
  int64_t x = v.int_value();
  auto round = [&](int64_t time) { return datetime::RoundTime(time, target.mod1); };
  if (target.id == TypeId::kTime) {
    switch (from.id) {
      case TypeId::kTime: return Value::FromInt(target, round(x));
      case TypeId::kTimeTz: return Value::FromInt(target, round(datetime::UnpackTimeTz(x).time));
      case TypeId::kInterval: return Value::FromInt(target, round(datetime::IntervalToTime(v.interval_value())));
      case TypeId::kTimestamp:
      case TypeId::kTimestampTz:
        // An infinite timestamp has no time of day: NULL, as PostgreSQL's timestamp_time.
        if (x == INT64_MAX || x == INT64_MIN) return Value::Null(target);
        if (from.id == TypeId::kTimestampTz) return Value::FromInt(target, round(datetime::TimestampTzToTime(x, SessionZone(ctx))));
        return Value::FromInt(target, round(datetime::TimestampToTime(x)));
      default: return std::nullopt;
    }
  }
  TimeTz t;
  switch (from.id) {
    case TypeId::kTimeTz: t = datetime::UnpackTimeTz(x); break;
    case TypeId::kTime: t = datetime::TimeToTimeTz(x, SessionZone(ctx), ctx.transaction_start_micros); break;
    case TypeId::kTimestampTz:
      if (x == INT64_MAX || x == INT64_MIN) return Value::Null(target);
      t = datetime::TimestampTzToTimeTz(x, SessionZone(ctx));
      break;
    default: return std::nullopt;
  }
  t.time = round(t.time);
  return Value::FromInt(target, datetime::PackTimeTz(t));
}

}  // namespace

bool CanCast(const LogicalType& from, const LogicalType& to, CastContext context) {
  // A vector is an array of its elements (implicitly), and casts as one (oidvector::regtype[]).
  if (VectorElementType(from.id) != TypeId::kUnknown && to.id == TypeId::kArray) {
    LogicalType element(VectorElementType(from.id));
    return to.elem == element.id || CanCast(LogicalType::ArrayOf(element), to, context);
  }
  // pg_node_tree is binary-coercible to text (implicit); nothing converts to it.
  if (from.id == TypeId::kPgNodeTree) return to.id == TypeId::kText || (to.IsString() && context != CastContext::kImplicit);
  if (from.id == TypeId::kEnum && to.id == TypeId::kEnum) {  // one enum type (any of its definitions)
    return to.mod1 < 0 || (from.mod1 >= 0 && EnumTypeOf(from).oid == EnumTypeOf(to).oid);
  }
  if (from.id == TypeId::kArray && to.id == TypeId::kArray) {
    return from.elem == to.elem || to.elem == TypeId::kUnknown || CanCast(from.ElementType(), to.ElementType(), context);
  }
  if (from.id == to.id || from.id == TypeId::kUnknown) return true;
  if (from.id == TypeId::kCharByte || to.id == TypeId::kCharByte) return CanCastCharByte(from, to, context);
  bool from_json = from.id == TypeId::kJson || from.id == TypeId::kJsonb;
  bool to_json = to.id == TypeId::kJson || to.id == TypeId::kJsonb;
  if (from_json && to_json) return context != CastContext::kImplicit;  // json <-> jsonb: assignment
  if (from.id == TypeId::kJsonb && (to.IsNumeric() || to.id == TypeId::kBool)) {
    return context == CastContext::kExplicit;  // from a scalar: jsonb_int4 and the others
  }
  if ((from.IsOid() || to.IsOid()) && !from.IsString() && !to.IsString()) {
    if (to.IsOid()) return from.IsOid() || from.IsInteger();               // implicit
    return to.IsInteger() && context != CastContext::kImplicit;            // oid -> integer: assignment
  }
  char fc = 0, tc = 0;
  auto cat = [](TypeId id) {
    switch (id) {
      case TypeId::kInt2: case TypeId::kInt4: case TypeId::kInt8: case TypeId::kFloat4: case TypeId::kFloat8:
      case TypeId::kNumeric: return 'N';
      case TypeId::kText: case TypeId::kVarchar: case TypeId::kChar: case TypeId::kName: return 'S';
      case TypeId::kDate: case TypeId::kTimestamp: case TypeId::kTimestampTz: return 'D';
      default: return 'X';
    }
  };
  fc = cat(from.id);
  tc = cat(to.id);
  // Implicit
  if (fc == 'N' && tc == 'N' && to.NumericRank() > from.NumericRank()) return true;
  // name -> varchar / bpchar only in assignment (PostgreSQL's pg_cast); name -> text is implicit.
  bool name_to_varchar = from.id == TypeId::kName && (to.id == TypeId::kVarchar || to.id == TypeId::kChar);
  if (fc == 'S' && tc == 'S' && !name_to_varchar) return true;
  // text and varchar -> regclass: implicit, by name lookup (PostgreSQL's text_regclass).
  if ((from.id == TypeId::kText || from.id == TypeId::kVarchar) && to.id == TypeId::kRegclass) return true;
  if (from.id == TypeId::kDate && (to.id == TypeId::kTimestamp || to.id == TypeId::kTimestampTz)) return true;
  if (from.id == TypeId::kTimestamp && to.id == TypeId::kTimestampTz) return true;
  if (from.id == TypeId::kTime && (to.id == TypeId::kTimeTz || to.id == TypeId::kInterval)) return true;
  if (context == CastContext::kImplicit) return false;
  // Assignment: a time of day from a timestamp, an interval or a timetz (PostgreSQL's pg_cast).
  if (to.id == TypeId::kTime && (from.id == TypeId::kTimestamp || from.id == TypeId::kTimestampTz ||
                                 from.id == TypeId::kInterval || from.id == TypeId::kTimeTz)) {
    return true;
  }
  if (to.id == TypeId::kTimeTz && from.id == TypeId::kTimestampTz) return true;
  // Assignment
  if (fc == 'N' && tc == 'N') return true;
  if (fc == 'D' && tc == 'D') return true;
  if (tc == 'S') return true;  // I/O conversion to string types
  if (context == CastContext::kAssignment) return false;
  // Explicit
  if (fc == 'S') return true;  // I/O conversion from string types
  if ((from.id == TypeId::kBool && to.id == TypeId::kInt4) || (from.id == TypeId::kInt4 && to.id == TypeId::kBool)) {
    return true;
  }
  if (from.id == TypeId::kInt8 && to.id == TypeId::kBool) return false;
  return false;
}

std::string ValueToText(const Value& v, const FunctionContext& ctx) {
  const LogicalType& t = v.type();
  switch (t.id) {
    case TypeId::kBool: return v.int_value() ? "t" : "f";
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return std::to_string(v.int_value());
    case TypeId::kFloat4: return FormatDouble(v.double_value(), true);
    case TypeId::kFloat8: return FormatDouble(v.double_value(), false);
    case TypeId::kNumeric: return v.numeric_value().ToString();
    case TypeId::kBytea: return HexBytes(v.str_value());
    case TypeId::kDate: return datetime::FormatDate(v.int_value());
    case TypeId::kTimestamp: return datetime::FormatTimestamp(v.int_value());
    case TypeId::kTimestampTz: return datetime::FormatTimestampTz(v.int_value(), SessionZone(ctx));
    case TypeId::kInterval: return datetime::FormatInterval(v.interval_value());
    case TypeId::kArray: return ArrayToText(v, ctx);
    case TypeId::kRecord: return RecordToText(v, ctx);
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: return VectorToText(v);
    case TypeId::kEnum: return EnumOutput(v.double_value(), t);
    case TypeId::kCharByte: return CharToText(v.str_value());
    case TypeId::kUuid: return UuidToText(v.str_value());
    case TypeId::kTime: return datetime::TimeToText(v.int_value());
    case TypeId::kTimeTz: return datetime::TimeTzToText(datetime::UnpackTimeTz(v.int_value()));
    case TypeId::kXid: return std::to_string(v.int_value());
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole: return OidTypeToText(v, ctx);
    default: return v.str_value();
  }
}

namespace {
bool StoredAsText(TypeId id) {
  return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kChar || id == TypeId::kName ||
         id == TypeId::kUnknown;
}
}  // namespace

std::string VectorValueToText(const Vector& vec, size_t i, const FunctionContext& ctx) {
  if (StoredAsText(vec.type().id)) return vec.strings()[i];
  switch (vec.type().id) {
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return std::to_string(vec.ints()[i]);
    default: return ValueToText(vec.GetValue(i), ctx);
  }
}

std::string_view VectorValueTextView(const Vector& vec, size_t i, const FunctionContext& ctx, std::string* scratch) {
  if (StoredAsText(vec.type().id)) return vec.strings()[i];
  *scratch = VectorValueToText(vec, i, ctx);
  return *scratch;
}

Value TextToValue(std::string_view text, const LogicalType& type, const FunctionContext& ctx) {
  int64_t now = ctx.transaction_start_micros;
  switch (type.id) {
    case TypeId::kBool: {
      bool b;
      if (!ParseBool(text, &b)) {
        throw Error(sqlstate::kInvalidTextRepresentation,
                    "invalid input syntax for type boolean: \"" + std::string(text) + "\"");
      }
      return Value::Bool(b);
    }
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8: return Value::FromInt(type, ParseInt(text, type.id));
    case TypeId::kFloat4: return Value::FromDouble(type, ParseDouble(text, true));
    case TypeId::kFloat8: return Value::FromDouble(type, ParseDouble(text, false));
    case TypeId::kNumeric: return Value::FromNumeric(TypmodNumeric(Numeric::Parse(text), type), type);
    case TypeId::kText:
    case TypeId::kUnknown: return Value::FromString(type, std::string(text));
    case TypeId::kName: return Value::FromString(type, ClipName(std::string(text)));
    case TypeId::kVarchar:
    case TypeId::kChar: return Value::FromString(type, ApplyLength(std::string(text), type, CastContext::kAssignment));
    case TypeId::kBytea: return Value::FromString(type, ParseBytea(text));
    case TypeId::kJson: ValidateJson(text); return Value::FromString(type, std::string(text));
    case TypeId::kJsonb: return Value::FromString(type, JsonbFromText(text));
    case TypeId::kDate: return Value::FromInt(type, datetime::ParseDate(text, now));
    case TypeId::kTimestamp: return Value::FromInt(type, datetime::ParseTimestamp(text, now));
    case TypeId::kTimestampTz: return Value::FromInt(type, datetime::ParseTimestampTz(text, SessionZone(ctx), now));
    case TypeId::kInterval: return Value::FromInterval(ParseIntervalFields(text, type.mod1));
    case TypeId::kArray: return TextToArray(text, type, ctx);
    case TypeId::kRecord: return TextToRecord(text, type, ctx);
    case TypeId::kInt2Vector:
    case TypeId::kOidVector: return TextToVector(text, type.id);
    case TypeId::kEnum:
      if (type.mod1 < 0) throw Error(sqlstate::kFeatureNotSupported, "cannot read a value of the pseudo-type anyenum");
      return Value::FromDouble(type, EnumInput(text, type));
    case TypeId::kCharByte: return Value::FromString(type, CharFromText(text));
    case TypeId::kUuid: return Value::FromString(type, UuidFromText(text));
    case TypeId::kTime:
      return Value::FromInt(type, datetime::RoundTime(datetime::TimeFromText(text, SessionZone(ctx), now), type.mod1));
    case TypeId::kTimeTz: {
      datetime::TimeTz t = datetime::TimeTzFromText(text, SessionZone(ctx), now);
      t.time = datetime::RoundTime(t.time, type.mod1);
      return Value::FromInt(type, datetime::PackTimeTz(t));
    }
    case TypeId::kXid: return Value::FromInt(type, ParseXid(text));
    case TypeId::kAclItem:
      throw Error(sqlstate::kFeatureNotSupported, "aclitem input is not supported (Kanto has no privileges)");
    case TypeId::kPgNodeTree:
      throw Error(sqlstate::kFeatureNotSupported, "cannot accept a value of type pg_node_tree");
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole: return TextToOidType(text, type, ctx);
  }
  throw Error(sqlstate::kFeatureNotSupported, "cannot read type " + type.ToString());
}

Value CastValue(const Value& v, const LogicalType& target, CastContext context, const FunctionContext& ctx) {
  if (v.is_null()) return Value::Null(target);
  const LogicalType& from = v.type();
  if (from.id == TypeId::kUnknown || (from.IsString() && target.id != from.id && !target.IsString())) {
    // bpchar reaches "char" as its padded bytes (binary-coerced to text), other types trimmed.
    bool trim = from.id == TypeId::kChar && target.id != TypeId::kCharByte;
    Value r = TextToValue(trim ? std::string(TrimSpaces(v.str_value())) : v.str_value(), target, ctx);
    if (target.mod1 >= 0 && target.IsString()) r = Value::FromString(target, ApplyLength(r.str_value(), target, context));
    return r;
  }
  if (target.IsOid() && (from.IsInteger() || from.IsOid())) {
    int64_t x = v.int_value();
    if (x < INT32_MIN || x > UINT32_MAX) throw Error(sqlstate::kNumericValueOutOfRange, "OID out of range");
    return Value::FromInt(target, x < 0 ? x + (int64_t{1} << 32) : x);
  }
  if (from.IsOid() && target.IsInteger()) {  // binary coercion: large OIDs become negative int4
    int64_t x = v.int_value();
    if (target.id != TypeId::kInt8 && x > INT32_MAX) x -= int64_t{1} << 32;
    return Value::FromInt(target, CheckInt(x, target.id));
  }
  if (from.id == TypeId::kJsonb && (target.IsNumeric() || target.id == TypeId::kBool)) {
    return JsonbScalarCast(v.str_value(), target, ctx);
  }
  switch (target.id) {
    case TypeId::kBool:
      if (from.IsInteger()) return Value::Bool(v.int_value() != 0);
      break;
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
      if (from.IsInteger()) return Value::FromInt(target, CheckInt(v.int_value(), target.id));
      if (from.id == TypeId::kBool) return Value::FromInt(target, v.int_value());
      if (from.id == TypeId::kCharByte) return Value::FromInt(target, CharToInt(v.str_value()));
      if (from.id == TypeId::kFloat4 || from.id == TypeId::kFloat8) {
        double d = std::rint(v.double_value());
        if (std::isnan(d) || d < -9.2233720368547758e18 || d >= 9.2233720368547758e18) {
          throw Error(sqlstate::kNumericValueOutOfRange, std::string(IntTypeName(target.id)) + " out of range");
        }
        return Value::FromInt(target, CheckInt(static_cast<int64_t>(d), target.id));
      }
      if (from.id == TypeId::kNumeric) {
        int64_t lo, hi;
        IntRange(target.id, &lo, &hi);
        return Value::FromInt(target, v.numeric_value().ToInt64(IntTypeName(target.id), lo, hi));
      }
      break;
    case TypeId::kFloat4:
    case TypeId::kFloat8: {
      double d;
      if (from.IsInteger()) d = static_cast<double>(v.int_value());
      else if (from.id == TypeId::kFloat4 || from.id == TypeId::kFloat8) d = v.double_value();
      else if (from.id == TypeId::kNumeric) d = v.numeric_value().ToDouble();
      else break;
      if (target.id == TypeId::kFloat4) d = CheckFloat4(d);
      return Value::FromDouble(target, d);
    }
    case TypeId::kNumeric:
      if (from.IsInteger()) return Value::FromNumeric(TypmodNumeric(Numeric::FromInt64(v.int_value()), target), target);
      if (from.id == TypeId::kFloat4 || from.id == TypeId::kFloat8) {
        double d = v.double_value();
        Numeric n = from.id == TypeId::kFloat4 ? Numeric::Parse(FormatDouble(d, true)) : Numeric::FromDouble(d);
        return Value::FromNumeric(TypmodNumeric(n, target), target);
      }
      if (from.id == TypeId::kNumeric) return Value::FromNumeric(TypmodNumeric(v.numeric_value(), target), target);
      break;
    case TypeId::kName:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar: {
      // boolean's cast to text spells the word out ('true'), unlike its output ('t').
      std::string s = from.id == TypeId::kBool ? (v.int_value() ? "true" : "false")
                      : from.id == TypeId::kChar && target.id != TypeId::kChar
                          ? std::string(v.str_value().substr(0, v.str_value().find_last_not_of(' ') + 1))
                          : ValueToText(v, ctx);
      if (from.id == TypeId::kChar && v.str_value().find_first_not_of(' ') == std::string::npos) s.clear();
      if (target.id == TypeId::kName) return Value::FromString(target, ClipName(std::move(s)));
      return Value::FromString(target, ApplyLength(std::move(s), target, context));
    }
    case TypeId::kDate:
      if (from.id == TypeId::kTimestamp) return Value::Date(datetime::TimestampToDate(v.int_value()));
      if (from.id == TypeId::kTimestampTz) {
        return Value::Date(datetime::TimestampToDate(datetime::TimestampTzToTimestamp(v.int_value(), SessionZone(ctx))));
      }
      break;
    case TypeId::kTimestamp:
      if (from.id == TypeId::kDate) return Value::Timestamp(datetime::DateToTimestamp(v.int_value()));
      if (from.id == TypeId::kTimestampTz) return Value::Timestamp(datetime::TimestampTzToTimestamp(v.int_value(), SessionZone(ctx)));
      break;
    case TypeId::kTimestampTz:
      if (from.id == TypeId::kDate) {
        return Value::TimestampTz(datetime::TimestampToTimestampTz(datetime::DateToTimestamp(v.int_value()), SessionZone(ctx)));
      }
      if (from.id == TypeId::kTimestamp) return Value::TimestampTz(datetime::TimestampToTimestampTz(v.int_value(), SessionZone(ctx)));
      break;
    case TypeId::kArray:
      if (TypeId element = VectorElementType(from.id); element != TypeId::kUnknown) {  // the same encoding
        Value r = v;
        r.set_type(LogicalType::ArrayOf(LogicalType(element)));
        return target.elem == element ? r : CastValue(r, target, context, ctx);
      }
      if (from.id == TypeId::kArray) {
        LogicalType elem = target.ElementType();
        std::vector<Value> out;
        for (const Value& e : DecodeArray(v.str_value(), from.ElementType())) {
          Value c = CastValue(e, elem, context, ctx);
          c.set_type(elem);
          out.push_back(std::move(c));
        }
        return MakeArrayValue(target, out);
      }
      break;
    case TypeId::kRecord:
      if (from.id == TypeId::kRecord && IsKnownRecord(from) && IsKnownRecord(target)) {
        return from == target ? v : CastRecord(v, target, context, ctx);
      }
      if (from.id == TypeId::kRecord && target.mod1 < 0) {  // to the pseudo-type record
        return v;
      }
      break;
    case TypeId::kCharByte:
      if (from.IsInteger()) return Value::FromString(target, CharFromInt(v.int_value()));
      break;
    case TypeId::kTime:
    case TypeId::kTimeTz:
      if (std::optional<Value> r = CastToTime(v, target, ctx)) return *r;
      break;
    case TypeId::kInterval:
      if (from.id == TypeId::kTime) return Value::FromInterval(Interval{0, 0, v.int_value()});
      break;
    case TypeId::kBytea:
    case TypeId::kUnknown:
    case TypeId::kInt2Vector:
    case TypeId::kOidVector:
    case TypeId::kXid:
    case TypeId::kUuid:
    case TypeId::kAclItem:
    case TypeId::kPgNodeTree:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole:
      break;
    case TypeId::kJson:
      if (from.id == TypeId::kJsonb) return Value::FromString(target, v.str_value());  // already JSON text
      break;
    case TypeId::kJsonb:
      if (from.id == TypeId::kJson) return Value::FromString(target, JsonbFromText(v.str_value()));
      break;
    case TypeId::kEnum:
      break;
  }
  if (from.id == target.id) {
    Value r = v;
    r.set_type(target);
    return r;
  }
  throw Error(sqlstate::kCannotCoerce, "cannot cast type " + from.ToString() + " to " + target.ToString());
}

void CastVector(const Vector& in, const LogicalType& target, Vector& out, CastContext context,
                const FunctionContext& ctx) {
  size_t n = in.size();
  Vector result(target);
  result.Resize(n);
  const LogicalType& from = in.type();
  if (from.IsInteger() && target.IsInteger()) {
    for (size_t i = 0; i < n; i++) {
      if (in.IsNull(i)) continue;
      result.SetNull(i, false);
      result.ints()[i] = CheckInt(in.ints()[i], target.id);
    }
  } else if (from.IsInteger() && target.id == TypeId::kFloat8) {
    for (size_t i = 0; i < n; i++) {
      if (in.IsNull(i)) continue;
      result.SetNull(i, false);
      result.doubles()[i] = static_cast<double>(in.ints()[i]);
    }
  } else {
    for (size_t i = 0; i < n; i++) {
      if (in.IsNull(i)) continue;
      Value v = CastValue(in.GetValue(i), target, context, ctx);
      v.set_type(target);
      result.SetValue(i, v);
    }
  }
  out = std::move(result);
}

}  // namespace kanto
