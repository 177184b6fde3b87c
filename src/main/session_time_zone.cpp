#include "main/session_time_zone.hpp"

#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>

#include "kanto/error.hpp"
#include "types/datetime.hpp"

namespace kanto {

namespace {

uint32_t Be32(const unsigned char* p) { return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]; }
uint64_t Be64(const unsigned char* p) { return (uint64_t{Be32(p)} << 32) | Be32(p + 4); }

// Reads the IANA zone `name` from the system's compiled tz database (TZif, RFC 8536: the 64-bit
// data block of version 2+ files). False when there is no such zone or the file is malformed.
bool LoadTzif(const std::string& name, datetime::TimeZone* out) {
  if (name.empty() || name.size() > 100 || name[0] == '/' || name.find("..") != std::string::npos) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+') return false;
  }
  std::ifstream in("/usr/share/zoneinfo/" + name, std::ios::binary);
  if (!in) return false;
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto* d = reinterpret_cast<const unsigned char*>(data.data());
  auto counts = [&](size_t at, uint32_t c[6]) {
    if (at + 44 > data.size() || data.compare(at, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; i++) c[i] = Be32(d + at + 20 + 4 * i);
    return true;
  };
  uint32_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!counts(0, c) || data[4] < '2') return false;
  size_t v1 = 44 + c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
  if (!counts(v1, c)) return false;
  size_t times = v1 + 44, idx = times + size_t{c[3]} * 8, types = idx + c[3];
  if (c[4] == 0 || types + size_t{c[4]} * 6 > data.size()) return false;
  auto offset_of = [&](uint32_t type) { return static_cast<int32_t>(Be32(d + types + 6 * type)); };
  // Before the first transition: the first standard-time type (RFC 8536 3.2), else type 0.
  int32_t initial = offset_of(0);
  for (uint32_t t = 0; t < c[4]; t++) {
    if (d[types + 6 * t + 4] == 0) {
      initial = offset_of(t);
      break;
    }
  }
  std::vector<std::pair<int64_t, int32_t>> transitions;
  for (uint32_t i = 0; i < c[3]; i++) {
    uint8_t type = d[idx + i];
    if (type >= c[4]) return false;
    transitions.push_back({static_cast<int64_t>(Be64(d + times + 8 * i)), offset_of(type)});
  }
  *out = datetime::TimeZone::FromTransitions(name, initial, std::move(transitions));
  return true;
}

}  // namespace

const datetime::TimeZone* SessionTimeZone(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<datetime::TimeZone>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second.get();
  std::unique_ptr<datetime::TimeZone> tz;
  try {
    tz = std::make_unique<datetime::TimeZone>(datetime::TimeZone::Load(name));
  } catch (const Error&) {
    datetime::TimeZone zone;
    if (!LoadTzif(name, &zone)) throw;  // names neither an offset nor an IANA zone: 22023
    tz = std::make_unique<datetime::TimeZone>(std::move(zone));
  }
  return cache.emplace(name, std::move(tz)).first->second.get();
}

}  // namespace kanto
