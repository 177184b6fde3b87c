#include "storage/row_codec.hpp"

#include <cstring>

#include "kanto/error.hpp"
#include "types/field_codec.hpp"

namespace kanto::storage {

namespace {

constexpr const char* kWhat = "row";

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

template <typename T>
T Get(std::string_view* d) {
  if (d->size() < sizeof(T)) throw Error(sqlstate::kDataCorrupted, "could not decode row: data is corrupted");
  T v;
  std::memcpy(&v, d->data(), sizeof(T));
  d->remove_prefix(sizeof(T));
  return v;
}

// Appends one row to `out`: table column i goes to out column out_pos[i] (-1: skipped), or to
// column i when out_pos is null. Columns missing from the row (added later) read as NULL.
uint32_t Decode(std::string_view d, const std::vector<LogicalType>& types, const std::vector<int32_t>* out_pos,
                DataChunk* out, const std::vector<std::string>* missing) {
  uint32_t version = Get<uint32_t>(&d);
  uint16_t ncols = Get<uint16_t>(&d);
  size_t bitmap_bytes = (ncols + 7) / 8;
  if (d.size() < bitmap_bytes) throw Error(sqlstate::kDataCorrupted, "could not decode row: data is corrupted");
  std::string_view bitmap = d.substr(0, bitmap_bytes);
  d.remove_prefix(bitmap_bytes);
  size_t row = out->size();
  for (size_t c = 0; c < out->column_count(); c++) out->column(c).Resize(row + 1);
  for (size_t i = 0; i < types.size() && i < ncols; i++) {
    if ((static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1) continue;
    int32_t pos = out_pos ? (*out_pos)[i] : static_cast<int32_t>(i);
    DecodeField(&d, types[i], pos >= 0 ? &out->column(static_cast<size_t>(pos)) : nullptr, row, kWhat);
  }
  for (size_t i = ncols; missing && i < types.size() && i < missing->size(); i++) {
    int32_t pos = out_pos ? (*out_pos)[i] : static_cast<int32_t>(i);
    if ((*missing)[i].empty() || pos < 0) continue;
    std::string_view field = (*missing)[i];
    DecodeField(&field, types[i], &out->column(static_cast<size_t>(pos)), row, kWhat);
  }
  out->set_size(row + 1);
  return version;
}

}  // namespace

void EncodeRow(uint32_t schema_version, const std::vector<Value>& row, std::string* out) {
  out->clear();
  // One allocation of about the right size: a row with a large value is not copied while it grows.
  size_t bytes = 6 + (row.size() + 7) / 8;
  for (const Value& v : row) {
    bytes += 16;
    if (!v.is_null() && v.type().physical() == PhysicalType::kString) bytes += v.str_value().size();
  }
  out->reserve(bytes);
  Put<uint32_t>(out, schema_version);
  Put<uint16_t>(out, static_cast<uint16_t>(row.size()));
  size_t bitmap = out->size();
  out->append((row.size() + 7) / 8, '\0');
  for (size_t i = 0; i < row.size(); i++) {
    const Value& v = row[i];
    if (v.is_null()) {
      (*out)[bitmap + i / 8] = static_cast<char>((*out)[bitmap + i / 8] | (1 << (i % 8)));
      continue;
    }
    EncodeField(v, out);
  }
}

uint32_t DecodeRow(std::string_view data, const std::vector<LogicalType>& types, DataChunk* out,
                   const std::vector<std::string>* missing) {
  return Decode(data, types, nullptr, out, missing);
}

void DecodeRowColumns(std::string_view data, const std::vector<LogicalType>& types, const std::vector<int32_t>& out_pos,
                      DataChunk* out, const std::vector<std::string>* missing) {
  Decode(data, types, &out_pos, out, missing);
}

std::string EncodeField(const Value& v) {
  std::string out;
  kanto::EncodeField(v, &out);
  return out;
}

}  // namespace kanto::storage
