#include "storage/key_range_set.hpp"

#include <algorithm>

#include "storage/key_encoding.hpp"

namespace kanto::storage {

namespace {
// a <= b for range ends, where an empty end is +infinity.
bool EndLess(std::string_view a, std::string_view b) {
  if (a.empty()) return false;
  if (b.empty()) return true;
  return a < b;
}
}  // namespace

std::string KeySuccessor(std::string_view key) {
  std::string s(key);
  s.push_back('\0');
  return s;
}

void KeyRangeSet::Add(std::string lo, std::string hi) {
  if (!hi.empty() && hi <= lo) return;
  // The first range that could touch [lo, hi): the one starting at or before lo, if it reaches lo.
  auto it = ranges_.upper_bound(lo);
  if (it != ranges_.begin()) {
    auto prev = std::prev(it);
    if (prev->second.empty() || prev->second >= lo) it = prev;
  }
  // Absorb every range starting at or before hi.
  while (it != ranges_.end() && (hi.empty() || it->first <= hi)) {
    if (it->first < lo) lo = it->first;
    if (EndLess(hi, it->second)) hi = it->second;
    it = ranges_.erase(it);
  }
  ranges_.emplace(std::move(lo), std::move(hi));
}

void KeyRangeSet::AddKey(std::string_view key) { Add(std::string(key), KeySuccessor(key)); }

bool KeyRangeSet::Contains(std::string_view key) const {
  auto it = ranges_.upper_bound(key);
  if (it == ranges_.begin()) return false;
  --it;
  return it->second.empty() || key < it->second;
}

bool KeyRangeSet::Overlaps(std::string_view lo, std::string_view hi) const {
  auto it = ranges_.upper_bound(lo);
  if (it != ranges_.begin()) {
    auto prev = std::prev(it);
    if (prev->second.empty() || lo < prev->second) return true;
  }
  return it != ranges_.end() && (hi.empty() || it->first < hi);
}

bool KeyRangeSet::Covers(std::string_view lo, std::string_view hi) const {
  auto it = ranges_.upper_bound(lo);
  if (it == ranges_.begin()) return false;
  --it;
  return !EndLess(it->second, hi) && (it->second.empty() || lo < it->second);
}

void KeyRangeSet::Coarsen(size_t prefix_len) {
  std::map<std::string, std::string, std::less<>> old;
  old.swap(ranges_);
  for (auto& [lo, hi] : old) {
    std::string new_hi = hi;
    // The end of the prefix that holds the range's last key (hi itself when it starts a prefix).
    if (!hi.empty() && hi.size() > prefix_len) new_hi = PrefixSuccessor(hi.substr(0, prefix_len));
    Add(lo.substr(0, std::min(prefix_len, lo.size())), std::move(new_hi));
  }
}

size_t KeyRangeSet::CountIn(std::string_view lo, std::string_view hi) const {
  size_t n = 0;
  for (auto it = ranges_.lower_bound(lo); it != ranges_.end() && (hi.empty() || it->first < hi); ++it) n++;
  return n;
}

}  // namespace kanto::storage
