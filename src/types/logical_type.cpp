#include "types/logical_type.hpp"

#include <utility>

#include "types/enum_type.hpp"
#include "types/record.hpp"

namespace kanto {

PhysicalType LogicalType::physical() const {
  switch (id) {
    case TypeId::kBool:
    case TypeId::kInt2:
    case TypeId::kInt4:
    case TypeId::kInt8:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kOid:
    case TypeId::kRegclass:
    case TypeId::kRegtype:
    case TypeId::kRegnamespace:
    case TypeId::kRegproc:
    case TypeId::kXid:
    case TypeId::kRegprocedure:
    case TypeId::kRegoper:
    case TypeId::kRegoperator:
    case TypeId::kRegrole:
    case TypeId::kTime:
    case TypeId::kTimeTz:
      return PhysicalType::kInt64;
    case TypeId::kFloat4:
    case TypeId::kFloat8:
    case TypeId::kEnum:
      return PhysicalType::kDouble;
    case TypeId::kNumeric:
      return PhysicalType::kNumeric;
    case TypeId::kInterval:
      return PhysicalType::kInterval;
    case TypeId::kUnknown:
    case TypeId::kText:
    case TypeId::kVarchar:
    case TypeId::kChar:
    case TypeId::kBytea:
    case TypeId::kArray:
    case TypeId::kInt2Vector:
    case TypeId::kName:
    case TypeId::kJson:
    case TypeId::kJsonb:
    case TypeId::kRecord:
    case TypeId::kCharByte:
    case TypeId::kOidVector:
    case TypeId::kAclItem:
    case TypeId::kPgNodeTree:
    case TypeId::kUuid:
      return PhysicalType::kString;
  }
  return PhysicalType::kString;
}

std::string LogicalType::ToString() const {
  switch (id) {
    case TypeId::kUnknown: return "unknown";
    case TypeId::kBool: return "boolean";
    case TypeId::kInt2: return "smallint";
    case TypeId::kInt4: return "integer";
    case TypeId::kInt8: return "bigint";
    case TypeId::kFloat4: return "real";
    case TypeId::kFloat8: return "double precision";
    case TypeId::kNumeric:
      if (mod1 < 0) return "numeric";
      return "numeric(" + std::to_string(mod1) + "," + std::to_string(mod2 < 0 ? 0 : mod2) + ")";
    case TypeId::kText: return "text";
    case TypeId::kVarchar:
      return mod1 < 0 ? "character varying" : "character varying(" + std::to_string(mod1) + ")";
    case TypeId::kChar:
      return mod1 < 0 ? "bpchar" : "character(" + std::to_string(mod1) + ")";
    case TypeId::kBytea: return "bytea";
    case TypeId::kDate: return "date";
    case TypeId::kTimestamp: return "timestamp without time zone";
    case TypeId::kTimestampTz: return "timestamp with time zone";
    case TypeId::kInterval: {
      // Field masks as PostgreSQL's INTERVAL_MASK bits (YEAR 4, MONTH 2, DAY 8, HOUR 1024, ...).
      static const std::pair<int32_t, const char*> kFields[] = {
          {4, " year"}, {2, " month"}, {8, " day"}, {1024, " hour"}, {2048, " minute"}, {4096, " second"},
          {6, " year to month"}, {8 | 1024, " day to hour"}, {8 | 1024 | 2048, " day to minute"},
          {8 | 1024 | 2048 | 4096, " day to second"}, {1024 | 2048, " hour to minute"},
          {1024 | 2048 | 4096, " hour to second"}, {2048 | 4096, " minute to second"}};
      for (const auto& [mask, text] : kFields) {
        if (mod1 == mask) return std::string("interval") + text;
      }
      return "interval";
    }
    case TypeId::kArray:
      if (elem == TypeId::kRecord && mod1 < 0) return "record[]";
      if (elem == TypeId::kEnum && mod1 < 0) return "anyenum[]";
      return elem == TypeId::kUnknown ? "anyarray" : ElementType().ToString() + "[]";
    case TypeId::kOid: return "oid";
    case TypeId::kRegclass: return "regclass";
    case TypeId::kRegtype: return "regtype";
    case TypeId::kRegnamespace: return "regnamespace";
    case TypeId::kRegproc: return "regproc";
    case TypeId::kInt2Vector: return "int2vector";
    case TypeId::kName: return "name";
    case TypeId::kJson: return "json";
    case TypeId::kJsonb: return "jsonb";
    case TypeId::kRecord: return mod1 < 0 ? "record" : RecordTypeOf(*this).name;
    case TypeId::kCharByte: return "\"char\"";
    case TypeId::kOidVector: return "oidvector";
    case TypeId::kXid: return "xid";
    case TypeId::kRegprocedure: return "regprocedure";
    case TypeId::kRegoper: return "regoper";
    case TypeId::kRegoperator: return "regoperator";
    case TypeId::kRegrole: return "regrole";
    case TypeId::kAclItem: return "aclitem";
    case TypeId::kPgNodeTree: return "pg_node_tree";
    case TypeId::kEnum: return mod1 < 0 ? "anyenum" : EnumTypeOf(*this).name;
    case TypeId::kUuid: return "uuid";
    case TypeId::kTime:
      return mod1 < 0 ? "time without time zone" : "time(" + std::to_string(mod1) + ") without time zone";
    case TypeId::kTimeTz:
      return mod1 < 0 ? "time with time zone" : "time(" + std::to_string(mod1) + ") with time zone";
  }
  return "unknown";
}

uint32_t LogicalType::oid() const {
  switch (id) {
    case TypeId::kUnknown: return 705;
    case TypeId::kBool: return 16;
    case TypeId::kInt2: return 21;
    case TypeId::kInt4: return 23;
    case TypeId::kInt8: return 20;
    case TypeId::kFloat4: return 700;
    case TypeId::kFloat8: return 701;
    case TypeId::kNumeric: return 1700;
    case TypeId::kText: return 25;
    case TypeId::kVarchar: return 1043;
    case TypeId::kChar: return 1042;
    case TypeId::kBytea: return 17;
    case TypeId::kDate: return 1082;
    case TypeId::kTimestamp: return 1114;
    case TypeId::kTimestampTz: return 1184;
    case TypeId::kInterval: return 1186;
    case TypeId::kArray:
      if (elem == TypeId::kEnum && mod1 >= 0) return EnumTypeOf(ElementType()).array_oid;
      return elem == TypeId::kRecord && mod1 >= 0 ? RecordTypeOf(ElementType()).array_oid : ArrayOid(elem);
    case TypeId::kOid: return 26;
    case TypeId::kRegclass: return 2205;
    case TypeId::kRegtype: return 2206;
    case TypeId::kRegnamespace: return 4089;
    case TypeId::kRegproc: return 24;
    case TypeId::kInt2Vector: return 22;
    case TypeId::kName: return 19;
    case TypeId::kJson: return 114;
    case TypeId::kJsonb: return 3802;
    case TypeId::kRecord: return mod1 < 0 ? kAnonymousRecordOid : RecordTypeOf(*this).oid;
    case TypeId::kCharByte: return 18;
    case TypeId::kOidVector: return 30;
    case TypeId::kXid: return 28;
    case TypeId::kRegprocedure: return 2202;
    case TypeId::kRegoper: return 2203;
    case TypeId::kRegoperator: return 2204;
    case TypeId::kRegrole: return 4096;
    case TypeId::kAclItem: return 1033;
    case TypeId::kPgNodeTree: return 194;
    case TypeId::kEnum: return mod1 < 0 ? 3500 : EnumTypeOf(*this).oid;  // 3500: anyenum
    case TypeId::kUuid: return 2950;
    case TypeId::kTime: return 1083;
    case TypeId::kTimeTz: return 1266;
  }
  return 0;
}

uint32_t LogicalType::ArrayOid(TypeId element) {
  switch (element) {
    case TypeId::kBool: return 1000;
    case TypeId::kInt2: return 1005;
    case TypeId::kInt4: return 1007;
    case TypeId::kInt8: return 1016;
    case TypeId::kFloat4: return 1021;
    case TypeId::kFloat8: return 1022;
    case TypeId::kNumeric: return 1231;
    case TypeId::kText: return 1009;
    case TypeId::kVarchar: return 1015;
    case TypeId::kChar: return 1014;
    case TypeId::kBytea: return 1001;
    case TypeId::kDate: return 1182;
    case TypeId::kTimestamp: return 1115;
    case TypeId::kTimestampTz: return 1185;
    case TypeId::kInterval: return 1187;
    case TypeId::kOid: return 1028;
    case TypeId::kRegclass: return 2210;
    case TypeId::kRegtype: return 2211;
    case TypeId::kRegnamespace: return 4090;
    case TypeId::kRegproc: return 1008;
    case TypeId::kInt2Vector: return 1006;
    case TypeId::kName: return 1003;
    case TypeId::kJson: return 199;
    case TypeId::kJsonb: return 3807;
    case TypeId::kRecord: return kAnonymousRecordArrayOid;
    case TypeId::kCharByte: return 1002;
    case TypeId::kOidVector: return 1013;
    case TypeId::kXid: return 1011;
    case TypeId::kRegprocedure: return 2207;
    case TypeId::kRegoper: return 2208;
    case TypeId::kRegoperator: return 2209;
    case TypeId::kRegrole: return 4097;
    case TypeId::kAclItem: return 1034;
    case TypeId::kPgNodeTree: return 0;  // no array type
    case TypeId::kUuid: return 2951;
    case TypeId::kTime: return 1183;
    case TypeId::kTimeTz: return 1270;
    case TypeId::kEnum:  // each enum has its own array type (EnumType::array_oid)
    case TypeId::kUnknown:
    case TypeId::kArray: return 2277;  // anyarray
  }
  return 0;
}

LogicalType LogicalType::FromOid(uint32_t oid) {
  for (uint8_t i = static_cast<uint8_t>(TypeId::kBool); i <= static_cast<uint8_t>(kLastTypeId); i++) {
    if (i == static_cast<uint8_t>(TypeId::kArray) || i == static_cast<uint8_t>(TypeId::kEnum)) continue;
    LogicalType t(static_cast<TypeId>(i));
    if (t.oid() == oid) return t;
    if (oid != 0 && ArrayOid(t.id) == oid) return ArrayOf(t);
  }
  return LogicalType();
}

int32_t LogicalType::typmod() const {
  if (HasDescriptor()) return -1;
  if (id == TypeId::kArray) return ElementType().typmod();
  if (id == TypeId::kInterval) return mod1 < 0 || mod1 == 0x7FFF ? -1 : ((mod1 & 0x7FFF) << 16) | 0xFFFF;
  switch (id) {
    case TypeId::kVarchar:
    case TypeId::kChar:
      return mod1 < 0 ? -1 : mod1 + 4;
    case TypeId::kNumeric:
      return mod1 < 0 ? -1 : ((mod1 << 16) | (mod2 < 0 ? 0 : mod2)) + 4;
    case TypeId::kTime:
    case TypeId::kTimeTz:
      return mod1;  // the precision itself, as PostgreSQL's time typmod
    default:
      return -1;
  }
}

int LogicalType::NumericRank() const {
  switch (id) {
    case TypeId::kInt2: return 1;
    case TypeId::kInt4: return 2;
    case TypeId::kInt8: return 3;
    case TypeId::kNumeric: return 4;
    case TypeId::kFloat4: return 5;
    case TypeId::kFloat8: return 6;
    default: return 0;
  }
}

bool LogicalType::IsNumeric() const {
  return IsInteger() || id == TypeId::kFloat4 || id == TypeId::kFloat8 || id == TypeId::kNumeric;
}
bool LogicalType::IsInteger() const {
  return id == TypeId::kInt2 || id == TypeId::kInt4 || id == TypeId::kInt8;
}
bool LogicalType::IsString() const {
  return id == TypeId::kText || id == TypeId::kVarchar || id == TypeId::kChar || id == TypeId::kName ||
         id == TypeId::kUnknown;
}
bool LogicalType::IsOid() const {
  return id == TypeId::kOid || id == TypeId::kRegclass || id == TypeId::kRegtype || id == TypeId::kRegnamespace ||
         id == TypeId::kRegproc || id == TypeId::kRegprocedure || id == TypeId::kRegoper || id == TypeId::kRegoperator ||
         id == TypeId::kRegrole;
}

TypeId VectorElementType(TypeId vector) {
  if (vector == TypeId::kInt2Vector) return TypeId::kInt2;
  if (vector == TypeId::kOidVector) return TypeId::kOid;
  return TypeId::kUnknown;
}
bool LogicalType::IsTemporal() const {
  return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz;
}

}  // namespace kanto
