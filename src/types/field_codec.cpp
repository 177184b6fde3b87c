#include "types/field_codec.hpp"

#include <cstring>

#include "kanto/error.hpp"

namespace kanto {

namespace {

template <typename T>
void Put(std::string* out, T v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof(T));
}

[[noreturn]] void Corrupt(const char* what) {
  throw Error(sqlstate::kDataCorrupted, std::string("could not decode ") + what + ": data is corrupted");
}

template <typename T>
T Get(std::string_view* d, const char* what) {
  if (d->size() < sizeof(T)) Corrupt(what);
  T v;
  std::memcpy(&v, d->data(), sizeof(T));
  d->remove_prefix(sizeof(T));
  return v;
}

}  // namespace

void EncodeField(const Value& v, std::string* out) {
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

void DecodeField(std::string_view* in, const LogicalType& type, Vector* out, size_t row, const char* what) {
  if (out) out->SetNull(row, false);
  switch (type.physical()) {
    case PhysicalType::kInt64: {
      int64_t v = Get<int64_t>(in, what);
      if (out) out->ints()[row] = v;
      break;
    }
    case PhysicalType::kDouble: {
      double v = Get<double>(in, what);
      if (out) out->doubles()[row] = v;
      break;
    }
    case PhysicalType::kString: {
      uint32_t n = Get<uint32_t>(in, what);
      if (in->size() < n) Corrupt(what);
      if (out) out->strings()[row].assign(in->data(), n);
      in->remove_prefix(n);
      break;
    }
    case PhysicalType::kNumeric: {
      Numeric n = Numeric::Deserialize(in);
      if (out) out->numerics()[row] = std::move(n);
      break;
    }
    case PhysicalType::kInterval: {
      Interval iv;
      iv.months = Get<int32_t>(in, what);
      iv.days = Get<int32_t>(in, what);
      iv.micros = Get<int64_t>(in, what);
      if (out) out->intervals()[row] = iv;
      break;
    }
  }
}

}  // namespace kanto
