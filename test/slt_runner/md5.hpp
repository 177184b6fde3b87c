// MD5 (RFC 1321), for sqllogictest's "N values hashing to <md5>" results.
#pragma once

#include <cstdint>
#include <string>

namespace kanto::slt {

class Md5 {
 public:
  Md5();
  void Update(const std::string& data);
  std::string HexDigest();  // finishes the hash

 private:
  void Block(const uint8_t* p);
  uint32_t h_[4];
  uint64_t length_ = 0;
  std::string buffer_;
};

}  // namespace kanto::slt
