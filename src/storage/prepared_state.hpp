// The prepared state of a prepared transaction: what it must hold again after a restart, which
// RocksDB's recovery of the transaction (its write batch) does not give back. PREPARE TRANSACTION
// writes it into the transaction's own write batch, so that it is in the WAL with the prepared
// writes (atomically), as a put and a delete of one key: a commit stores nothing of it. Its key
// is PreparedStateKey(gid) in the default keyspace (object id 0xfffffffd, never a table's).
//
// Format (version 1): byte 1, then
//   u32 row lock count, each: u32 column family id, byte exclusive, bytes key
//   bytes caller's locks (PreparedInfo::locks, opaque here)
//   byte serializable; when 1: u32 read range count, each: bytes lo, bytes hi; the same for writes
// where u32 is 4 bytes big-endian and bytes a u32 length and the bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kanto::storage {

struct PreparedState {
  struct RowLock {
    uint32_t cf = 0;
    std::string key;
    bool exclusive = true;
  };
  std::vector<RowLock> row_locks;  // RocksDB locks: rows' own keys and their key locks
  std::string locks;               // the caller's (PreparedInfo::locks)
  bool serializable = false;
  // SERIALIZABLE's SIREAD ranges and written ranges, as the SsiManager keeps them ([lo, hi)).
  std::vector<std::pair<std::string, std::string>> reads, writes;

  std::string Encode() const;
  // False when `bytes` is not a prepared state Kanto wrote.
  bool Decode(std::string_view bytes);
};

std::string PreparedStateKey(std::string_view gid);
bool IsPreparedStateKey(std::string_view key);

}  // namespace kanto::storage
