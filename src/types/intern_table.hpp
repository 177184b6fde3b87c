// InternTable: a process-wide, append-only table of type descriptions (a record's fields, an
// enum's labels) by small integer id, so that a LogicalType can name one in its mod1. Equal
// descriptions (by `key`) share an id; an id and the reference Get returns stay valid for the life
// of the process. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "kanto/error.hpp"

namespace kanto {

template <typename T>
class InternTable {
 public:
  // The id of `value`, whose description is `key` (added when new).
  int32_t Intern(std::string key, const T& value) {
    {
      std::shared_lock lock(mutex_);
      if (auto it = ids_.find(key); it != ids_.end()) return it->second;
    }
    std::unique_lock lock(mutex_);
    if (auto it = ids_.find(key); it != ids_.end()) return it->second;
    auto id = static_cast<int32_t>(values_.size());
    values_.push_back(std::make_unique<T>(value));
    ids_.emplace(std::move(key), id);
    return id;
  }

  // XX000 naming `what` for an id never given out.
  const T& Get(int32_t id, const char* what) {
    std::shared_lock lock(mutex_);
    if (id < 0 || static_cast<size_t>(id) >= values_.size()) {
      throw Error(sqlstate::kInternalError, std::string("unknown ") + what + " " + std::to_string(id));
    }
    return *values_[static_cast<size_t>(id)];
  }

 private:
  std::shared_mutex mutex_;
  std::vector<std::unique_ptr<T>> values_;  // GUARDED_BY(mutex_)
  std::map<std::string, int32_t> ids_;      // GUARDED_BY(mutex_)
};

}  // namespace kanto
