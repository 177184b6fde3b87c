// A set of key ranges [lo, hi) kept as disjoint, coalesced intervals (an empty `hi` is unbounded).
// Serializable transactions record what they read and wrote in these (src/storage/ssi.hpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>

namespace kanto::storage {

class KeyRangeSet {
 public:
  // Adds [lo, hi), merging it with every range it overlaps or touches.
  void Add(std::string lo, std::string hi);
  // Adds the single key `key` ([key, key + "\0")).
  void AddKey(std::string_view key);
  bool Contains(std::string_view key) const;
  bool Overlaps(std::string_view lo, std::string_view hi) const;
  // Whether one range holds all of [lo, hi).
  bool Covers(std::string_view lo, std::string_view hi) const;
  // Widens every range to whole `prefix_len`-byte key prefixes (a superset, in fewer ranges).
  void Coarsen(size_t prefix_len);
  // Number of disjoint ranges whose start lies in [lo, hi).
  size_t CountIn(std::string_view lo, std::string_view hi) const;
  size_t size() const { return ranges_.size(); }
  bool empty() const { return ranges_.empty(); }
  void clear() { ranges_.clear(); }
  // The ranges in key order, as [lo, hi) pairs.
  template <class F>
  void ForEach(F&& f) const {
    for (const auto& [lo, hi] : ranges_) f(lo, hi);
  }

 private:
  std::map<std::string, std::string, std::less<>> ranges_;  // lo -> hi, disjoint and not touching
};

// The key just after `key` in byte order: key + "\0".
std::string KeySuccessor(std::string_view key);

}  // namespace kanto::storage
