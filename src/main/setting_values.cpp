#include "main/setting_values.hpp"

#include <atomic>

namespace kanto {

const std::string* SettingValues::Find(std::string_view name) const {
  if (auto it = changed_.find(name); it != changed_.end()) return &it->second;
  if (auto it = defaults_->find(name); it != defaults_->end()) return &it->second;
  return nullptr;
}

uint64_t SettingValues::NewVersion() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

void SettingValues::Set(std::string_view name, std::string_view value) {
  const std::string* current = Find(name);
  if (current && *current == value) return;
  version_ = NewVersion();
  auto it = changed_.find(name);
  auto base = defaults_->find(name);
  if (base != defaults_->end() && base->second == value) {
    if (it != changed_.end()) changed_.erase(it);
    return;
  }
  if (it == changed_.end()) {
    changed_.emplace(std::string(name), std::string(value));
  } else if (it->second != value) {
    it->second = value;
  }
}

SettingValues::Map SettingValues::All() const {
  Map all = changed_;
  all.insert(defaults_->begin(), defaults_->end());  // keeps this session's values
  return all;
}

}  // namespace kanto
