#include "storage/prepared_state.hpp"

namespace kanto::storage {

namespace {
constexpr char kVersion = 1;
constexpr std::string_view kKeyPrefix("\xff\xff\xff\xfd", 4);

void PutU32(std::string* out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out->push_back(static_cast<char>((v >> shift) & 0xff));
}

void PutBytes(std::string* out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out->append(s);
}

void PutRanges(std::string* out, const std::vector<std::pair<std::string, std::string>>& ranges) {
  PutU32(out, static_cast<uint32_t>(ranges.size()));
  for (const auto& [lo, hi] : ranges) {
    PutBytes(out, lo);
    PutBytes(out, hi);
  }
}

// Reads from the front of `in`; every Get is false (and the reader stays failed) past the end.
struct Reader {
  std::string_view in;
  bool ok = true;
  bool Byte(char* c) {
    if (!ok || in.empty()) return ok = false;
    *c = in[0];
    in.remove_prefix(1);
    return true;
  }
  bool U32(uint32_t* v) {
    if (!ok || in.size() < 4) return ok = false;
    *v = 0;
    for (int i = 0; i < 4; i++) *v = *v << 8 | static_cast<unsigned char>(in[i]);
    in.remove_prefix(4);
    return true;
  }
  bool Bytes(std::string* s) {
    uint32_t n = 0;
    if (!U32(&n) || in.size() < n) return ok = false;
    s->assign(in.substr(0, n));
    in.remove_prefix(n);
    return true;
  }
  bool Ranges(std::vector<std::pair<std::string, std::string>>* ranges) {
    uint32_t n = 0;
    if (!U32(&n)) return false;
    for (uint32_t i = 0; i < n && ok; i++) {
      std::pair<std::string, std::string> r;
      if (Bytes(&r.first) && Bytes(&r.second)) ranges->push_back(std::move(r));
    }
    return ok;
  }
};
}  // namespace

std::string PreparedState::Encode() const {
  std::string out(1, kVersion);
  PutU32(&out, static_cast<uint32_t>(row_locks.size()));
  for (const RowLock& l : row_locks) {
    PutU32(&out, l.cf);
    out.push_back(l.exclusive ? 1 : 0);
    PutBytes(&out, l.key);
  }
  PutBytes(&out, locks);
  out.push_back(serializable ? 1 : 0);
  if (serializable) {
    PutRanges(&out, reads);
    PutRanges(&out, writes);
  }
  return out;
}

bool PreparedState::Decode(std::string_view bytes) {
  Reader r{bytes};
  char version = 0, flag = 0;
  if (!r.Byte(&version) || version != kVersion) return false;
  uint32_t n = 0;
  if (!r.U32(&n)) return false;
  row_locks.clear();
  for (uint32_t i = 0; i < n && r.ok; i++) {
    RowLock l;
    char exclusive = 0;
    if (r.U32(&l.cf) && r.Byte(&exclusive) && r.Bytes(&l.key)) {
      l.exclusive = exclusive != 0;
      row_locks.push_back(std::move(l));
    }
  }
  if (!r.Bytes(&locks) || !r.Byte(&flag)) return false;
  serializable = flag != 0;
  if (serializable && (!r.Ranges(&reads) || !r.Ranges(&writes))) return false;
  return r.ok && r.in.empty();
}

std::string PreparedStateKey(std::string_view gid) {
  std::string out(kKeyPrefix);
  out.append(gid);
  return out;
}

bool IsPreparedStateKey(std::string_view key) { return key.substr(0, kKeyPrefix.size()) == kKeyPrefix; }

}  // namespace kanto::storage
