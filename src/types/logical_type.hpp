// LogicalType: the SQL type of a value or column, with its modifiers (varchar(n), numeric(p,s)).
#pragma once

#include <cstdint>
#include <string>

namespace kanto {

enum class TypeId : uint8_t {
  kUnknown,  // untyped NULL or string literal not yet coerced (PostgreSQL's "unknown")
  kBool,
  kInt2,
  kInt4,
  kInt8,
  kFloat4,
  kFloat8,
  kNumeric,
  kText,
  kVarchar,
  kChar,  // blank-padded char(n), PostgreSQL's bpchar
  kBytea,
  kDate,
  kTimestamp,
  kTimestampTz,
  kInterval,
  kArray,  // one-dimensional array of `elem` (element modifiers in mod1/mod2)
  // Object identifiers (unsigned 32-bit). The reg* types read and print object names.
  kOid,
  kRegclass,
  kRegtype,
  kRegnamespace,
  kRegproc,  // a function by name (pg_am.amhandler, pg_type.typinput)
  // int2vector (pg_index.indkey): int2 values held like an int2[] (types/array.hpp), written "1 2",
  // subscripted from 0, and implicitly an int2[] wherever an array is expected.
  kInt2Vector,
  // name: an identifier as the system catalogs hold it (relname, attname, ...): text of at most 63
  // bytes, longer input cut there.
  kName,
  // json: JSON text kept as written (types/json.hpp); no comparison operators, as in PostgreSQL.
  kJson,
  // jsonb: JSON held as its normalised text (types/jsonb.hpp), with PostgreSQL's jsonb btree order.
  kJsonb,
  // A composite value (types/record.hpp): mod1 names its fields (-1: the pseudo-type "record").
  kRecord,
  // "char" (OID 18): one byte, the type of the catalogs' kind and flag columns (relkind, typtype,
  // contype, ...). Held as a string of zero bytes (the byte 0) or one byte; compared as unsigned
  // bytes. Text I/O writes bytes with the high bit set as \ooo, as PostgreSQL 15 (types/char_type.hpp).
  kCharByte,
  // oidvector (pg_proc.proargtypes, pg_index.indclass): oid values held like an oid[], as
  // int2vector is an int2[] (written "23 25", subscripted from 0).
  kOidVector,
  // xid: a 32-bit transaction id (pg_database.datfrozenxid); no comparison but = and <>.
  kXid,
  // More reg* types (held as the OID, as kRegproc): a function with its argument types
  // ("lower(text)"), an operator by name ("+"), an operator with its operand types ("+(integer,integer)"),
  // a role.
  kRegprocedure,
  kRegoper,
  kRegoperator,
  kRegrole,
  // aclitem (the elements of relacl, attacl, ...): one privilege grant, held as its text form.
  kAclItem,
  // pg_node_tree (adbin, conbin, indexprs): an expression as the catalog keeps it; Kanto keeps the
  // expression's SQL text. Not accepted as input, as in PostgreSQL.
  kPgNodeTree,
  // An enum (types/enum_type.hpp): mod1 names its definition (-1: the pseudo-type anyenum of
  // function signatures). Held as the label's sort order.
  kEnum,
  // uuid (OID 2950): held as its 16 bytes (types/uuid.hpp), compared as unsigned bytes.
  kUuid,
  // time (OID 1083): microseconds since midnight, 0 to 86,400,000,000 (24:00:00 included).
  // mod1: the precision time(p) rounds to (0-6; -1 when absent). types/time.hpp.
  kTime,
  // timetz (OID 1266): a time of day with its UTC offset (seconds west of UTC, as PostgreSQL),
  // packed into one int64 that orders as PostgreSQL's timetz_cmp (UTC time, then zone) and is
  // equal exactly when both parts are (types/time.hpp). mod1: precision, as time.
  kTimeTz,
};
inline constexpr TypeId kLastTypeId = TypeId::kTimeTz;

// The element type of int2vector (int2) and oidvector (oid); kUnknown for every other type.
TypeId VectorElementType(TypeId vector);

// How a value of the type is held in memory (Value and Vector storage).
enum class PhysicalType : uint8_t {
  kInt64,    // bool, int2/4/8, date (days since 1970-01-01), timestamp[tz] (microseconds since epoch),
             // time (microseconds since midnight), timetz (packed, types/time.hpp)
  kDouble,   // float4, float8, enums (the label's sort order)
  kString,   // text, varchar, char, name, json, bytea (raw bytes), unknown literals, records, "char", uuid
  kNumeric,  // numeric
  kInterval, // interval
};
// Arrays are held as kString: the encoding of types/array.hpp.

// In a function signature, LogicalType(kUnknown, kAnyNonArray): any type but an array
// (PostgreSQL's anynonarray).
inline constexpr int32_t kAnyNonArray = -2;

struct LogicalType {
  TypeId id = TypeId::kUnknown;
  // varchar(n)/char(n): length in characters; numeric(p,s): precision. -1 when absent.
  int32_t mod1 = -1;
  // numeric(p,s): scale. -1 when absent.
  int32_t mod2 = -1;
  // kArray: the element type (kUnknown in a function signature: any array, PostgreSQL's anyarray).
  TypeId elem = TypeId::kUnknown;

  constexpr LogicalType() = default;
  constexpr LogicalType(TypeId t, int32_t m1 = -1, int32_t m2 = -1) : id(t), mod1(m1), mod2(m2) {}
  // The array type whose elements are `element` (which must not be an array).
  static LogicalType ArrayOf(const LogicalType& element) {
    LogicalType t(TypeId::kArray, element.mod1, element.mod2);
    t.elem = element.id;
    return t;
  }
  // REQUIRES: id == kArray.
  LogicalType ElementType() const { return LogicalType(elem, mod1, mod2); }
  bool IsArray() const { return id == TypeId::kArray; }
  // Whether mod1 names a definition (a record's fields, an enum's labels; also as an array's
  // element) rather than holding a modifier.
  bool HasDescriptor() const {
    TypeId base = id == TypeId::kArray ? elem : id;
    return base == TypeId::kRecord || base == TypeId::kEnum;
  }

  PhysicalType physical() const;
  // PostgreSQL's spelling, as in format_type(): "integer", "character varying(10)", "numeric(10,2)".
  std::string ToString() const;
  // PostgreSQL type OID (int4 = 23, text = 25, ...).
  uint32_t oid() const;
  // The OID of the array type over `element` (int4 -> 1007 int4[]).
  static uint32_t ArrayOid(TypeId element);
  // The type with PostgreSQL OID `oid` (arrays included); kUnknown when Kanto has no such type.
  static LogicalType FromOid(uint32_t oid);
  // PostgreSQL's atttypmod for the type (-1 when absent).
  int32_t typmod() const;
  bool IsNumeric() const;  // int2/4/8, float4/8, numeric
  bool IsInteger() const;  // int2/4/8
  bool IsString() const;   // text, varchar, char, name, unknown
  bool IsTemporal() const; // date, timestamp, timestamptz (not time, timetz)
  bool IsOid() const;      // oid and the reg* types

  // Position in the numeric widening order int2 < int4 < int8 < numeric < float4 < float8 (0 when
  // not numeric): an implicit cast only goes up.
  int NumericRank() const;

  bool operator==(const LogicalType& o) const {
    return id == o.id && mod1 == o.mod1 && mod2 == o.mod2 && elem == o.elem;
  }
  bool operator!=(const LogicalType& o) const { return !(*this == o); }
};

}  // namespace kanto
