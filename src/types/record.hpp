// Composite (record) values: a row of named, typed fields, as PostgreSQL's composite types hold them
// (ROW(1, 'a'), a table's row type, CREATE TYPE t AS (...)).
//
// A LogicalType of id kRecord names its field list by `mod1`, an id into a process-wide table of
// interned RecordTypes (PostgreSQL's typmod registry of anonymous records plays the same part).
// mod1 < 0 is the pseudo-type "record" of function signatures (any composite). The table is
// append-only: an id stays valid for the life of the process, and equal descriptions share an id.
//
// A value is held as a byte string (PhysicalType::kString) in the layout of types/array.hpp: u32
// field count, then per field a flag byte (0 NULL, 1 present) and the field in the stored layout
// of types/field_codec.hpp. The catalog stores a column's record type by its full description, so
// stored rows never depend on process-local ids.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "types/value.hpp"

namespace kanto {

inline constexpr uint32_t kAnonymousRecordOid = 2249;       // pg_type "record"
inline constexpr uint32_t kAnonymousRecordArrayOid = 2287;  // pg_type "_record"

struct RecordField {
  std::string name;
  LogicalType type;
  bool operator==(const RecordField&) const = default;
};

struct RecordType {
  // pg_type OID of the composite type and of its array type; the anonymous "record" by default.
  uint32_t oid = kAnonymousRecordOid;
  uint32_t array_oid = kAnonymousRecordArrayOid;
  // pg_type.typrelid: the table whose row type this is (CREATE TYPE's own relation id), 0 for
  // anonymous records.
  uint32_t relid = 0;
  // format_type's spelling ("record", "point3", "public.t").
  std::string name = "record";
  std::vector<RecordField> fields;
  bool operator==(const RecordType&) const = default;
  bool anonymous() const { return oid == kAnonymousRecordOid; }
};

// The LogicalType for `record` (interned: equal descriptions give equal types).
LogicalType RecordLogicalType(const RecordType& record);
// An anonymous record with fields f1, f2, ... of `types` (what ROW(...) builds).
LogicalType AnonymousRecordType(const std::vector<LogicalType>& types);
// REQUIRES: type.id == kRecord and type.mod1 >= 0 (a record with known fields). The reference
// stays valid for the life of the process.
const RecordType& RecordTypeOf(const LogicalType& type);
// Whether `type` is a record with known fields (not the pseudo-type "record").
inline bool IsKnownRecord(const LogicalType& type) { return type.id == TypeId::kRecord && type.mod1 >= 0; }

// Encodes the field values (each NULL or of its field's physical type).
std::string EncodeRecord(const std::vector<Value>& fields);
// Decodes an encoded record into values typed as `type`'s fields (XX001 on corrupt data).
std::vector<Value> DecodeRecord(std::string_view data, const LogicalType& type);
Value MakeRecordValue(const LogicalType& type, const std::vector<Value>& fields);
// PostgreSQL's btree order of records (record_cmp): field by field, a NULL field after any value.
int CompareRecords(std::string_view a, std::string_view b, const LogicalType& type);

}  // namespace kanto
