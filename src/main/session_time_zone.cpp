#include "main/session_time_zone.hpp"

#include <map>
#include <memory>
#include <mutex>

#include "kanto/error.hpp"
#include "types/datetime.hpp"
#include "types/zoneinfo.hpp"

namespace kanto {

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
    const datetime::TimeZone* zone = datetime::FindZoneFile(name);
    if (!zone) throw;  // names neither an offset nor an IANA zone: 22023
    tz = std::make_unique<datetime::TimeZone>(*zone);
  }
  return cache.emplace(name, std::move(tz)).first->second.get();
}

}  // namespace kanto
