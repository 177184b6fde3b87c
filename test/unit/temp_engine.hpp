// The fixture of unit tests of the storage engine: a real RocksDB Engine in a fresh temporary
// directory (named after the test, removed after it), and keys made of big-endian 4-byte parts
// (a user table's id first, as the SQL layer's keys start).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <initializer_list>
#include <memory>
#include <string>

#include "storage/engine.hpp"
#include "test_dir.hpp"

namespace kanto::storage {

inline std::string BigEndianKey(std::initializer_list<int> parts) {
  std::string k;
  for (int v : parts) {
    for (int i = 3; i >= 0; i--) k.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  return k;
}

class TempEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir();
    engine_ = Engine::Open(dir_.string(), {});
  }
  void TearDown() override {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  // A READ COMMITTED transaction with its first statement begun.
  std::unique_ptr<Transaction> Begin() {
    auto t = engine_->Begin(IsolationLevel::kReadCommitted);
    t->BeginStatement();
    return t;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
};

}  // namespace kanto::storage
