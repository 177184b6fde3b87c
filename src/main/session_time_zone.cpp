#include "main/session_time_zone.hpp"

#include <map>
#include <memory>
#include <mutex>

#include "types/datetime.hpp"

namespace kanto {

const datetime::TimeZone* SessionTimeZone(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<datetime::TimeZone>> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second.get();
  auto tz = std::make_unique<datetime::TimeZone>(datetime::TimeZone::Load(name));
  return cache.emplace(name, std::move(tz)).first->second.get();
}

}  // namespace kanto
