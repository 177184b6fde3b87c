#include "types/zoneinfo.hpp"

#include <dirent.h>
#include <strings.h>

#include <cctype>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace kanto::datetime {

namespace {

constexpr const char* kZoneDirectory = "/usr/share/zoneinfo";

uint32_t Be32(const unsigned char* p) { return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3]; }
uint64_t Be64(const unsigned char* p) { return (uint64_t{Be32(p)} << 32) | Be32(p + 4); }

// The file of zone `name` under the zone directory, each path component matched without regard to
// letter case; "" when there is none. Names are letters, digits, / _ - + only (no "..", no "/..").
// `canonical`: the name as the directory spells it ("Europe/Paris" for "europe/paris").
std::string ZonePath(const std::string& name, std::string* canonical) {
  if (name.empty() || name.size() > 100 || name[0] == '/' || name.find("..") != std::string::npos) return "";
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' && c != '+') return "";
  }
  std::string path = kZoneDirectory;
  size_t begin = 0;
  while (begin <= name.size()) {
    size_t end = name.find('/', begin);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(begin, end - begin);
    if (part.empty()) return "";
    DIR* d = opendir(path.c_str());
    if (!d) return "";
    std::string found;
    while (dirent* entry = readdir(d)) {
      if (part == entry->d_name) {
        found = entry->d_name;
        break;
      }
      if (found.empty() && strcasecmp(part.c_str(), entry->d_name) == 0) found = entry->d_name;
    }
    closedir(d);
    if (found.empty()) return "";
    path += "/" + found;
    *canonical += (canonical->empty() ? "" : "/") + found;
    begin = end + 1;
  }
  return path;
}

// Reads a TZif file (the 64-bit data block of version 2+ files). False when it is malformed.
bool LoadTzif(const std::string& path, const std::string& name, TimeZone* out) {
  std::ifstream in(path, std::ios::binary);
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
  size_t v1 = 44 + size_t{c[3]} * 5 + size_t{c[4]} * 6 + c[5] + size_t{c[2]} * 8 + c[1] + c[0];
  if (!counts(v1, c)) return false;
  size_t times = v1 + 44, idx = times + size_t{c[3]} * 8, types = idx + c[3];
  if (c[4] == 0 || types + size_t{c[4]} * 6 > data.size()) return false;
  auto offset_of = [&](uint32_t type) { return static_cast<int32_t>(Be32(d + types + 6 * type)); };
  // Designations (abbreviations): NUL-terminated strings after the types, indexed by byte.
  size_t chars = types + size_t{c[4]} * 6;
  if (chars + c[5] > data.size()) return false;
  auto abbreviation_of = [&](uint32_t type) {
    size_t at = d[types + 6 * type + 5];
    if (at >= c[5]) return std::string();
    size_t end = at;
    while (end < c[5] && d[chars + end] != 0) end++;
    return std::string(data, chars + at, end - at);
  };
  // Before the first transition: the first standard-time type (RFC 8536 3.2), else type 0.
  uint32_t initial_type = 0;
  for (uint32_t t = 0; t < c[4]; t++) {
    if (d[types + 6 * t + 4] == 0) {
      initial_type = t;
      break;
    }
  }
  std::vector<std::pair<int64_t, int32_t>> transitions;
  std::vector<std::string> abbreviations;
  for (uint32_t i = 0; i < c[3]; i++) {
    uint8_t type = d[idx + i];
    if (type >= c[4]) return false;
    transitions.push_back({static_cast<int64_t>(Be64(d + times + 8 * i)), offset_of(type)});
    abbreviations.push_back(abbreviation_of(type));
  }
  *out = TimeZone::FromTransitions(name, offset_of(initial_type), std::move(transitions));
  out->SetAbbreviations(abbreviation_of(initial_type), std::move(abbreviations));
  return true;
}

}  // namespace

const TimeZone* FindZoneFile(const std::string& name) {
  static std::mutex mu;
  // Only zones found are kept (the pointers live as long as the process): as many as there are files.
  static std::map<std::string, std::unique_ptr<TimeZone>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second.get();
  std::string canonical;
  std::string path = ZonePath(name, &canonical);
  if (path.empty()) return nullptr;
  auto zone = std::make_unique<TimeZone>();
  if (!LoadTzif(path, canonical, zone.get())) return nullptr;
  return cache.emplace(name, std::move(zone)).first->second.get();
}

}  // namespace kanto::datetime
