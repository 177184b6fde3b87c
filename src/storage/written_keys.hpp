// WrittenKeys: which keys a transaction may have written (a filter with no false negatives), so
// that a read of a key it never wrote goes straight to the database and skips the search of the
// transaction's indexed write batch (docs/performance.md, bench/embedded cause 8).
//
// It answers "maybe" for every key added since it was made and rarely (about 0.02% of keys per
// filter, so under 0.5% at a million keys written) for others. Keys are never removed: after ROLLBACK TO SAVEPOINT a key undone still answers
// "maybe", which costs only the search it would have cost anyway, so savepoints need no care.
// It grows as a list of filters, each twice the size of the one before, so its memory is 4-8
// bytes per key written (the write batch holds about 100 per row) and no key is ever re-hashed.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace kanto::storage {

class WrittenKeys {
 public:
  void Add(std::string_view key);
  bool MayContain(std::string_view key) const;
  bool empty() const { return filters_.empty(); }

 private:
  // One filter: 64-bit words, a key sets 4 bits of one word (32 bits per key at capacity).
  struct Filter {
    std::vector<uint64_t> words;
    uint64_t capacity = 0;  // keys it takes before the next one starts
    uint64_t count = 0;
  };
  static uint64_t Hash(std::string_view key);
  static uint64_t Bits(uint64_t hash);
  static size_t Word(const Filter& f, uint64_t hash);
  std::vector<Filter> filters_;
};

}  // namespace kanto::storage
