#include "storage/row_codec.hpp"

#include <cstring>

#include "kanto/error.hpp"

namespace kanto::storage {

namespace {
template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

[[noreturn]] void Corrupt() { throw Error(sqlstate::kDataCorrupted, "could not decode row: data is corrupted"); }

class Reader {
 public:
  explicit Reader(std::string_view d) : d_(d) {}
  template <typename T>
  T Get() {
    if (d_.size() < sizeof(T)) Corrupt();
    T v;
    std::memcpy(&v, d_.data(), sizeof(T));
    d_.remove_prefix(sizeof(T));
    return v;
  }
  std::string_view Take(size_t n) {
    if (d_.size() < n) Corrupt();
    auto s = d_.substr(0, n);
    d_.remove_prefix(n);
    return s;
  }
  std::string_view& rest() { return d_; }

 private:
  std::string_view d_;
};
}  // namespace

void EncodeRow(uint32_t schema_version, const std::vector<Value>& row, std::string* out) {
  out->clear();
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
    switch (v.type().physical()) {
      case PhysicalType::kInt64: Put<int64_t>(out, v.int_value()); break;
      case PhysicalType::kDouble: Put<double>(out, v.double_value()); break;
      case PhysicalType::kString:
        Put<uint32_t>(out, static_cast<uint32_t>(v.str_value().size()));
        out->append(v.str_value());
        break;
      case PhysicalType::kNumeric: v.numeric_value().Serialize(out); break;
      case PhysicalType::kInterval:
        Put<int32_t>(out, v.interval_value().months);
        Put<int32_t>(out, v.interval_value().days);
        Put<int64_t>(out, v.interval_value().micros);
        break;
    }
  }
}

uint32_t DecodeRow(std::string_view data, const std::vector<LogicalType>& types, DataChunk* out) {
  Reader r(data);
  uint32_t version = r.Get<uint32_t>();
  uint16_t ncols = r.Get<uint16_t>();
  std::string_view bitmap = r.Take((ncols + 7) / 8);
  size_t row = out->size();
  for (size_t i = 0; i < types.size(); i++) {
    Vector& col = out->column(i);
    col.Resize(row + 1);
    if (i >= ncols || (static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1) continue;
    col.SetNull(row, false);
    switch (types[i].physical()) {
      case PhysicalType::kInt64: col.ints()[row] = r.Get<int64_t>(); break;
      case PhysicalType::kDouble: col.doubles()[row] = r.Get<double>(); break;
      case PhysicalType::kString: {
        uint32_t n = r.Get<uint32_t>();
        col.strings()[row] = std::string(r.Take(n));
        break;
      }
      case PhysicalType::kNumeric: col.numerics()[row] = Numeric::Deserialize(&r.rest()); break;
      case PhysicalType::kInterval: {
        Interval iv;
        iv.months = r.Get<int32_t>();
        iv.days = r.Get<int32_t>();
        iv.micros = r.Get<int64_t>();
        col.intervals()[row] = iv;
        break;
      }
    }
  }
  out->set_size(row + 1);
  return version;
}

void DecodeRowColumns(std::string_view data, const std::vector<LogicalType>& types, const std::vector<int32_t>& out_pos,
                      DataChunk* out) {
  Reader r(data);
  r.Get<uint32_t>();  // schema version
  uint16_t ncols = r.Get<uint16_t>();
  std::string_view bitmap = r.Take((ncols + 7) / 8);
  size_t row = out->size();
  for (size_t c = 0; c < out->column_count(); c++) out->column(c).Resize(row + 1);
  for (size_t i = 0; i < types.size() && i < ncols; i++) {
    if ((static_cast<uint8_t>(bitmap[i / 8]) >> (i % 8)) & 1) continue;
    int32_t pos = out_pos[i];
    Vector* col = pos >= 0 ? &out->column(static_cast<size_t>(pos)) : nullptr;
    if (col) col->SetNull(row, false);
    switch (types[i].physical()) {
      case PhysicalType::kInt64: {
        int64_t v = r.Get<int64_t>();
        if (col) col->ints()[row] = v;
        break;
      }
      case PhysicalType::kDouble: {
        double v = r.Get<double>();
        if (col) col->doubles()[row] = v;
        break;
      }
      case PhysicalType::kString: {
        uint32_t n = r.Get<uint32_t>();
        std::string_view s = r.Take(n);
        if (col) col->strings()[row].assign(s.data(), s.size());
        break;
      }
      case PhysicalType::kNumeric: {
        Numeric n = Numeric::Deserialize(&r.rest());
        if (col) col->numerics()[row] = std::move(n);
        break;
      }
      case PhysicalType::kInterval: {
        Interval iv;
        iv.months = r.Get<int32_t>();
        iv.days = r.Get<int32_t>();
        iv.micros = r.Get<int64_t>();
        if (col) col->intervals()[row] = iv;
        break;
      }
    }
  }
  out->set_size(row + 1);
}

}  // namespace kanto::storage
