#include "storage/key_encoding.hpp"

#include <cmath>
#include <cstring>

#include "types/jsonb.hpp"
#include "types/record.hpp"

namespace kanto::storage {

namespace {
void PutBigEndian(std::string& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; i--) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
}  // namespace

void KeyWriter::AppendObjectId(uint32_t id) { PutBigEndian(out_, id, 4); }
void KeyWriter::AppendU64(uint64_t v) { PutBigEndian(out_, v, 8); }

void KeyWriter::AppendValue(const Value& v, bool descending) {
  size_t start = out_.size();
  if (v.is_null()) {
    out_.push_back('\x02');  // after every non-NULL marker: NULLS LAST ascending
  } else {
    out_.push_back('\x01');
    switch (v.type().physical()) {
      case PhysicalType::kInt64:
        PutBigEndian(out_, static_cast<uint64_t>(v.int_value()) ^ (1ull << 63), 8);
        break;
      case PhysicalType::kDouble: {
        double d = v.double_value();
        if (d == 0) d = 0;  // -0 == 0
        uint64_t bits;
        if (std::isnan(d)) {
          bits = ~0ull;  // NaN sorts after every number, as in PostgreSQL
        } else {
          std::memcpy(&bits, &d, 8);
          bits = (bits & (1ull << 63)) ? ~bits : bits | (1ull << 63);
        }
        PutBigEndian(out_, bits, 8);
        break;
      }
      case PhysicalType::kString: {
        if (IsKnownRecord(v.type())) {
          // Field by field, so that records order (and hash) as PostgreSQL compares them.
          for (const Value& f : DecodeRecord(v.str_value(), v.type())) AppendValue(f);
          break;
        }
        if (v.type().id == TypeId::kJsonb) {  // jsonb's btree order, 1.0 equal to 1
          AppendJsonbKey(&out_, v.str_value());
          break;
        }
        std::string s = v.str_value();
        if (v.type().id == TypeId::kChar) {
          while (!s.empty() && s.back() == ' ') s.pop_back();  // trailing blanks are insignificant
        }
        for (char c : s) {
          out_.push_back(c);
          if (c == '\0') out_.push_back('\xff');
        }
        out_.push_back('\0');
        out_.push_back('\x01');
        break;
      }
      case PhysicalType::kNumeric:
        v.numeric_value().EncodeKey(&out_);
        break;
      case PhysicalType::kInterval: {
        __int128 span = v.interval_value().Span();
        unsigned __int128 u = static_cast<unsigned __int128>(span) ^ (static_cast<unsigned __int128>(1) << 127);
        PutBigEndian(out_, static_cast<uint64_t>(u >> 64), 8);
        PutBigEndian(out_, static_cast<uint64_t>(u), 8);
        break;
      }
    }
  }
  if (descending) {
    for (size_t i = start; i < out_.size(); i++) out_[i] = static_cast<char>(~static_cast<uint8_t>(out_[i]));
  }
}

std::string PrefixSuccessor(std::string prefix) {
  while (!prefix.empty()) {
    uint8_t last = static_cast<uint8_t>(prefix.back());
    if (last != 0xff) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return prefix;
}

}  // namespace kanto::storage
