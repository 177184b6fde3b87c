// A session's setting values: the defaults, shared by every session of the database, and the
// values this session set on top of them. A session that SETs nothing holds no copy of the
// defaults (an idle connection's memory, test/e2e/connections.sh). A version changes whenever a
// value does, so that what every statement reads from the settings (timeouts, work_mem, the time
// zone, ...) is parsed once per version (ConnectionImpl::statement_settings) instead of looked up
// by name and parsed per statement (docs/performance.md, bench/embedded cause 7).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace kanto {

struct Options;

class SettingValues {
 public:
  using Map = std::map<std::string, std::string, std::less<>>;

  SettingValues() : defaults_(std::make_shared<const Map>()), version_(NewVersion()) {}
  explicit SettingValues(std::shared_ptr<const Map> defaults)
      : defaults_(std::move(defaults)), version_(NewVersion()) {}

  // The value of `name`, or null when it is not a setting of this session.
  const std::string* Find(std::string_view name) const;
  bool Contains(std::string_view name) const { return Find(name) != nullptr; }
  // Gives `name` the value (a name that is not a default becomes a setting of this session, as
  // a placeholder such as myapp.user does). A default's own value holds no memory of its own.
  void Set(std::string_view name, std::string_view value);
  // Every setting, this session's values over the defaults.
  Map All() const;
  // How many values this session holds beyond the defaults.
  size_t changed_count() const { return changed_.size(); }
  // Changes when a value changes (Set with a different value) and differs between any two
  // SettingValues objects (never 0), so a cache of parsed values keyed by it is never stale.
  uint64_t version() const { return version_; }

 private:
  static uint64_t NewVersion();
  std::shared_ptr<const Map> defaults_;
  Map changed_;
  uint64_t version_;
};

// The settings Kanto acts on and their values before any SET (connection_session.cpp); a
// session's startup parameters and ALTER DATABASE ... SET values are set over them.
SettingValues::Map DefaultSettingValues(const Options& options);

}  // namespace kanto
