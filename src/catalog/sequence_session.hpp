// One session's use of the sequences: nextval / currval / setval / lastval over the database's
// SequenceStore, with the values this session last obtained (currval, lastval), as in PostgreSQL.
#pragma once

#include <cstdint>
#include <map>

#include "catalog/catalog.hpp"
#include "catalog/sequence_store.hpp"

namespace kanto {

class SequenceSession {
 public:
  explicit SequenceSession(SequenceStore& store) : store_(store) {}

  int64_t NextVal(const SequenceEntry& seq);
  // 55000 when this session has not called nextval on the sequence.
  int64_t CurrVal(const SequenceEntry& seq) const;
  // The value of the last nextval of the session; 55000 when none (or its sequence is gone).
  int64_t LastVal(const Catalog& catalog) const;
  uint32_t last_used() const { return last_used_; }  // the sequence of that nextval (0: none)
  // setval: 22003 outside [MINVALUE, MAXVALUE]. Returns `value`.
  int64_t SetVal(const SequenceEntry& seq, int64_t value, bool is_called);
  SequenceStore::State Read(const SequenceEntry& seq) { return store_.Read(seq); }
  SequenceStore& store() { return store_; }
  // DISCARD SEQUENCES / ALL.
  void Discard();

 private:
  struct Last {
    uint64_t instance = 0;
    int64_t value = 0;
  };
  SequenceStore& store_;
  std::map<uint32_t, Last> currval_;
  uint32_t last_used_ = 0;
};

}  // namespace kanto
