// A fresh temporary directory for the running test: named after its suite, name and process,
// emptied first. The fixtures that open a database or an engine in it remove it after the test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace kanto {

inline std::filesystem::path FreshTestDir() {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("kanto-" + std::string(test->test_suite_name()) + "-" + test->name() + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace kanto
