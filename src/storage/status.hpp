// The one mapping of RocksDB statuses to kanto::Error (engine.cpp); see engine.hpp for the codes.
#pragma once

namespace rocksdb {
class Status;
}

namespace kanto::storage {

void ThrowIfError(const rocksdb::Status& s, const char* what = nullptr);

}  // namespace kanto::storage
