// Memcomparable key encoding: byte-wise comparison of encoded keys equals the SQL order of the
// values (NULLs last ascending, DESC columns inverted). Keys are never decoded back into values.
#pragma once

#include <cstdint>
#include <string>

#include "types/value.hpp"

namespace kanto::storage {

class KeyWriter {
 public:
  void AppendObjectId(uint32_t id);  // 4 bytes big-endian
  void AppendU64(uint64_t v);        // 8 bytes big-endian
  void AppendValue(const Value& v, bool descending = false);
  const std::string& data() const { return out_; }
  std::string Release() { return std::move(out_); }

 private:
  std::string out_;
};

// The smallest key greater than every key that starts with `prefix` ("" if none exists).
std::string PrefixSuccessor(std::string prefix);

}  // namespace kanto::storage
