// DatabaseImpl: one open database directory (storage engine + catalog).
#pragma once

#include <memory>
#include <string>

#include "catalog/catalog_manager.hpp"
#include "kanto/kanto.hpp"
#include "storage/engine.hpp"

namespace kanto {

class DatabaseImpl {
 public:
  // Throws kanto::Error.
  DatabaseImpl(const std::string& path, const Options& options);
  ~DatabaseImpl();

  storage::Engine& engine() { return *engine_; }
  CatalogManager& catalog() { return *catalog_; }
  const Options& options() const { return options_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  Options options_;
  std::unique_ptr<storage::Engine> engine_;
  std::unique_ptr<CatalogManager> catalog_;
};

}  // namespace kanto
