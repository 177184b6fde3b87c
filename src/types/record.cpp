#include "types/record.hpp"

#include "kanto/error.hpp"
#include "types/array.hpp"
#include "types/field_codec.hpp"
#include "types/intern_table.hpp"
#include "types/value_compare.hpp"

namespace kanto {

namespace {

void AppendType(std::string* key, const LogicalType& t) {
  key->append(std::to_string(static_cast<int>(t.id)) + ":" + std::to_string(t.mod1) + ":" +
              std::to_string(t.mod2) + ":" + std::to_string(static_cast<int>(t.elem)) + ";");
}

std::string Key(const RecordType& r) {
  std::string key = std::to_string(r.oid) + "/" + std::to_string(r.array_oid) + "/" + std::to_string(r.relid) + "/" +
                    std::to_string(r.name.size()) + ":" + r.name + "/";
  for (const RecordField& f : r.fields) {
    key += std::to_string(f.name.size()) + ":" + f.name;
    AppendType(&key, f.type);
  }
  return key;
}

InternTable<RecordType>& Records() {
  static InternTable<RecordType> records;
  return records;
}

}  // namespace

LogicalType RecordLogicalType(const RecordType& record) {
  return LogicalType(TypeId::kRecord, Records().Intern(Key(record), record));
}

LogicalType AnonymousRecordType(const std::vector<LogicalType>& types) {
  RecordType r;
  for (size_t i = 0; i < types.size(); i++) r.fields.push_back({"f" + std::to_string(i + 1), types[i]});
  return RecordLogicalType(r);
}

const RecordType& RecordTypeOf(const LogicalType& type) { return Records().Get(type.mod1, "record type"); }

// The same layout as an array's (count, then flag + field per element).
std::string EncodeRecord(const std::vector<Value>& fields) { return EncodeArray(fields); }

std::vector<Value> DecodeRecord(std::string_view data, const LogicalType& type) {
  if (!IsKnownRecord(type)) {
    throw Error(sqlstate::kFeatureNotSupported, "values of the pseudo-type record without known fields are not supported");
  }
  const RecordType& r = RecordTypeOf(type);
  size_t n = ArrayLength(data);
  if (n != r.fields.size()) throw Error(sqlstate::kDataCorrupted, "could not decode record: data is corrupted");
  std::vector<Value> out;
  out.reserve(n);
  data.remove_prefix(sizeof(uint32_t));
  for (const RecordField& f : r.fields) {
    if (data.empty()) throw Error(sqlstate::kDataCorrupted, "could not decode record: data is corrupted");
    bool present = data[0] != 0;
    data.remove_prefix(1);
    if (!present) {
      out.push_back(Value::Null(f.type));
      continue;
    }
    Vector one(f.type);
    one.Resize(1);
    DecodeField(&data, f.type, &one, 0, "record");
    out.push_back(one.GetValue(0));
  }
  return out;
}

Value MakeRecordValue(const LogicalType& type, const std::vector<Value>& fields) {
  return Value::FromString(type, EncodeRecord(fields));
}

int CompareRecords(std::string_view a, std::string_view b, const LogicalType& type) {
  return CompareValueLists(DecodeRecord(a, type), DecodeRecord(b, type));
}

}  // namespace kanto
