#include "types/vector.hpp"

namespace kanto {

void Vector::Reserve(size_t n) {
  nulls_.reserve(n);
  switch (type_.physical()) {
    case PhysicalType::kInt64: ints_.reserve(n); break;
    case PhysicalType::kDouble: doubles_.reserve(n); break;
    case PhysicalType::kString: strings_.reserve(n); break;
    case PhysicalType::kNumeric: numerics_.reserve(n); break;
    case PhysicalType::kInterval: intervals_.reserve(n); break;
  }
}

void Vector::Resize(size_t n) {
  nulls_.resize(n, 1);
  switch (type_.physical()) {
    case PhysicalType::kInt64: ints_.resize(n); break;
    case PhysicalType::kDouble: doubles_.resize(n); break;
    case PhysicalType::kString: strings_.resize(n); break;
    case PhysicalType::kNumeric: numerics_.resize(n); break;
    case PhysicalType::kInterval: intervals_.resize(n); break;
  }
}

void Vector::Clear() {
  nulls_.clear();
  ints_.clear();
  doubles_.clear();
  strings_.clear();
  numerics_.clear();
  intervals_.clear();
}

bool Vector::HasNulls() const {
  for (uint8_t n : nulls_) {
    if (n) return true;
  }
  return false;
}

Value Vector::GetValue(size_t i) const {
  if (nulls_[i]) return Value::Null(type_);
  switch (type_.physical()) {
    case PhysicalType::kInt64: return Value::FromInt(type_, ints_[i]);
    case PhysicalType::kDouble: return Value::FromDouble(type_, doubles_[i]);
    case PhysicalType::kString: return Value::FromString(type_, strings_[i]);
    case PhysicalType::kNumeric: return Value::FromNumeric(numerics_[i], type_);
    case PhysicalType::kInterval: {
      Value v = Value::FromInterval(intervals_[i]);
      v.set_type(type_);
      return v;
    }
  }
  return Value::Null(type_);
}

Value Vector::TakeValue(size_t i) {
  if (type_.physical() != PhysicalType::kString || nulls_[i]) return GetValue(i);
  return Value::FromString(type_, std::move(strings_[i]));
}

void Vector::SetValue(size_t i, Value&& v) {
  if (type_.physical() != PhysicalType::kString || v.is_null()) {
    SetValue(i, static_cast<const Value&>(v));
    return;
  }
  nulls_[i] = 0;
  strings_[i] = v.TakeString();
}

void Vector::SetValue(size_t i, const Value& v) {
  if (v.is_null()) {
    nulls_[i] = 1;
    return;
  }
  nulls_[i] = 0;
  switch (type_.physical()) {
    case PhysicalType::kInt64: ints_[i] = v.int_value(); break;
    case PhysicalType::kDouble: doubles_[i] = v.double_value(); break;
    case PhysicalType::kString: strings_[i] = v.str_value(); break;
    case PhysicalType::kNumeric: numerics_[i] = v.numeric_value(); break;
    case PhysicalType::kInterval: intervals_[i] = v.interval_value(); break;
  }
}

void Vector::Append(const Value& v) {
  Resize(size() + 1);
  SetValue(size() - 1, v);
}

void Vector::Append(Value&& v) {
  Resize(size() + 1);
  SetValue(size() - 1, std::move(v));
}

void Vector::AppendFrom(const Vector& other, size_t i) {
  nulls_.push_back(other.nulls_[i]);
  switch (type_.physical()) {
    case PhysicalType::kInt64: ints_.push_back(other.ints_[i]); break;
    case PhysicalType::kDouble: doubles_.push_back(other.doubles_[i]); break;
    case PhysicalType::kString: strings_.push_back(other.strings_[i]); break;
    case PhysicalType::kNumeric: numerics_.push_back(other.numerics_[i]); break;
    case PhysicalType::kInterval: intervals_.push_back(other.intervals_[i]); break;
  }
}

namespace {
template <typename T>
void SelectInto(std::vector<T>& data, const std::vector<uint32_t>& sel) {
  std::vector<T> out;
  out.reserve(sel.size());
  for (uint32_t s : sel) out.push_back(std::move(data[s]));
  data = std::move(out);
}
}  // namespace

void Vector::Select(const std::vector<uint32_t>& sel) {
  SelectInto(nulls_, sel);
  switch (type_.physical()) {
    case PhysicalType::kInt64: SelectInto(ints_, sel); break;
    case PhysicalType::kDouble: SelectInto(doubles_, sel); break;
    case PhysicalType::kString: SelectInto(strings_, sel); break;
    case PhysicalType::kNumeric: SelectInto(numerics_, sel); break;
    case PhysicalType::kInterval: SelectInto(intervals_, sel); break;
  }
}

DataChunk::DataChunk(const std::vector<LogicalType>& types) { Initialize(types); }

void DataChunk::Initialize(const std::vector<LogicalType>& types) {
  columns_.clear();
  columns_.reserve(types.size());
  for (const auto& t : types) columns_.emplace_back(t);
  size_ = 0;
}

std::vector<LogicalType> DataChunk::types() const {
  std::vector<LogicalType> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c.type());
  return out;
}

void DataChunk::Reset() {
  for (auto& c : columns_) c.Clear();
  size_ = 0;
}

void DataChunk::AppendRow(const std::vector<Value>& row) {
  for (size_t i = 0; i < columns_.size(); i++) columns_[i].Append(row[i]);
  size_++;
}

void DataChunk::AppendRow(std::vector<Value>&& row) {
  for (size_t i = 0; i < columns_.size(); i++) columns_[i].Append(std::move(row[i]));
  size_++;
}

void DataChunk::AppendRowFrom(const DataChunk& other, size_t row) {
  for (size_t i = 0; i < columns_.size(); i++) columns_[i].AppendFrom(other.columns_[i], row);
  size_++;
}

size_t DataChunk::ApproxRowBytes(size_t row) const {
  size_t bytes = 16 * columns_.size();
  for (const auto& c : columns_) {
    if (c.type().physical() == PhysicalType::kString) bytes += c.strings()[row].size();
  }
  return bytes;
}

std::vector<Value> DataChunk::GetRow(size_t row) const {
  std::vector<Value> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c.GetValue(row));
  return out;
}

void DataChunk::Select(const std::vector<uint32_t>& sel) {
  for (auto& c : columns_) c.Select(sel);
  size_ = sel.size();
}

}  // namespace kanto
