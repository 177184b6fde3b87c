#include "storage/written_keys.hpp"

#include <functional>

namespace kanto::storage {

namespace {
constexpr uint64_t kFirstCapacity = 256;  // keys; its filter is 1 KB
}  // namespace

uint64_t WrittenKeys::Hash(std::string_view key) { return std::hash<std::string_view>()(key); }

// Four bit positions (0-63) from the hash's upper 24 bits; the lower bits choose the word.
uint64_t WrittenKeys::Bits(uint64_t hash) {
  uint64_t bits = 0;
  for (int i = 0; i < 4; i++) bits |= uint64_t{1} << ((hash >> (40 + 6 * i)) & 63);
  return bits;
}

// The word count is a power of two; the mix keeps the word choice independent of the bit choice.
size_t WrittenKeys::Word(const Filter& f, uint64_t hash) {
  return static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> 20) & (f.words.size() - 1);
}

void WrittenKeys::Add(std::string_view key) {
  if (filters_.empty() || filters_.back().count >= filters_.back().capacity) {
    Filter f;
    f.capacity = filters_.empty() ? kFirstCapacity : filters_.back().capacity * 2;
    f.words.assign(f.capacity / 2, 0);  // 32 bits per key
    filters_.push_back(std::move(f));
  }
  Filter& f = filters_.back();
  uint64_t h = Hash(key);
  f.words[Word(f, h)] |= Bits(h);
  f.count++;
}

bool WrittenKeys::MayContain(std::string_view key) const {
  if (filters_.empty()) return false;
  uint64_t h = Hash(key);
  uint64_t bits = Bits(h);
  for (const Filter& f : filters_) {
    if ((f.words[Word(f, h)] & bits) == bits) return true;
  }
  return false;
}

}  // namespace kanto::storage
