#include "function/regex/regex_dissect.hpp"

#include <re2/re2.h>

#include <vector>

namespace kanto {

RegexDissector::RegexDissector(RegexTranslation t) : t_(std::move(t)) {}
RegexDissector::~RegexDissector() = default;

const re2::RE2* RegexDissector::Piece(size_t begin, size_t end) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto found = pieces_.find({begin, end});
  if (found == pieces_.end() && piece_bytes_ + (end - begin) > kDissectPatternBytes) return nullptr;
  auto& slot = pieces_[{begin, end}];
  if (!slot) {
    piece_bytes_ += end - begin;
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_log_errors(false);
    o.set_max_mem(kRe2MaxMemory / 4);
    slot = std::make_unique<RE2>(t_.prefix + t_.pattern.substr(begin, end - begin), o);
  }
  return slot->ok() ? slot.get() : nullptr;
}

struct RegexDissector::Run {
  const RegexDissector& d;
  std::string_view text;
  RegexMatch* m;
  size_t budget = kDissectBudget;
  bool failed = false;

  // Does pattern[begin, end) match text[b, e] exactly?
  bool Exact(size_t begin, size_t end, size_t b, size_t e) {
    if (begin == end) return b == e;
    // Text scanned, weighted by the piece's size (an automaton that outgrows its memory runs as an NFA).
    size_t cost = (e - b + 1) * (1 + (end - begin) / 256);
    if (budget < cost) {
      failed = true;
      return false;
    }
    budget -= cost;
    const RE2* re = d.Piece(begin, end);
    if (!re) {
      failed = true;
      return false;
    }
    return re->Match(re2::StringPiece(text.data(), text.size()), b, e, RE2::ANCHOR_BOTH, nullptr, 0);
  }

  size_t Next(size_t i) const {
    i++;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) i++;
    return i;
  }
  size_t Prev(size_t i) const {
    i--;
    while (i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) i--;
    return i;
  }

  bool Node(int index, size_t b, size_t e) {
    for (const auto& branch : d.t_.nodes[static_cast<size_t>(index)].branches) {
      size_t begin = branch.empty() ? 0 : branch.front().begin, end = branch.empty() ? 0 : branch.back().end;
      if (Exact(begin, end, b, e)) return Sequence(branch, b, e);
      if (failed) return false;
    }
    return false;
  }

  bool Sequence(const std::vector<RegexItem>& all, size_t b, size_t e) {
    // Runs of items without groups are split as one, with the greediness of the first that has one.
    std::vector<RegexItem> items;
    for (const RegexItem& it : all) {
      if (!items.empty() && it.captures == 0 && items.back().captures == 0) {
        RegexItem& run = items.back();
        run.end = it.end;
        run.quantified = true;
        if (!run.has_greediness) {
          run.has_greediness = it.has_greediness;
          run.lazy = it.lazy;
        }
      } else {
        items.push_back(it);
      }
    }
    for (size_t i = 0; i < items.size(); i++) {
      const RegexItem& it = items[i];
      if (i + 1 == items.size()) return Item(it, b, e);
      int later = 0;
      for (size_t j = i; j < items.size(); j++) later += items[j].captures;
      if (later == 0) return true;  // no group left to place
      size_t rest_begin = items[i + 1].begin, rest_end = items.back().end;
      bool found = false;
      size_t mid = it.lazy ? b : e;
      while (true) {
        if (Exact(it.begin, it.end, b, mid) && Exact(rest_begin, rest_end, mid, e)) {
          found = true;
          break;
        }
        if (failed) return false;
        if (it.lazy ? mid >= e : mid <= b) break;
        mid = it.lazy ? Next(mid) : Prev(mid);
      }
      if (!found || !Item(it, b, mid)) return false;
      b = mid;
    }
    return b == e;
  }

  bool Item(const RegexItem& it, size_t b, size_t e) {
    if (it.captures == 0) return true;
    if (it.quantified) {
      // Perl's assignment inside a repetition (the last iteration), renumbered into the whole RE.
      const RE2* re = d.Piece(it.begin, it.end);
      if (!re) return false;
      std::vector<re2::StringPiece> g(static_cast<size_t>(it.captures) + 1);
      if (!re->Match(re2::StringPiece(text.data(), text.size()), b, e, RE2::ANCHOR_BOTH, g.data(), static_cast<int>(g.size()))) {
        return false;
      }
      for (size_t k = 1; k < g.size(); k++) {
        if (!g[k].data()) continue;
        size_t group = static_cast<size_t>(it.first_capture) + k - 1;
        m->start[group] = static_cast<size_t>(g[k].data() - text.data());
        m->end[group] = m->start[group] + g[k].size();
      }
      if (!it.capture || !g[1].data() || it.child < 0) return true;
      // The groups inside come from the last iteration alone, placed by the rules above.
      size_t last_b = m->start[static_cast<size_t>(it.capture)], last_e = m->end[static_cast<size_t>(it.capture)];
      for (int k = it.capture + 1; k < it.first_capture + it.captures; k++) {
        m->start[static_cast<size_t>(k)] = m->end[static_cast<size_t>(k)] = RegexMatch::npos;
      }
      return Node(it.child, last_b, last_e);
    }
    if (it.capture) {
      m->start[static_cast<size_t>(it.capture)] = b;
      m->end[static_cast<size_t>(it.capture)] = e;
    }
    return it.child < 0 || Node(it.child, b, e);
  }
};

bool RegexDissector::Assign(std::string_view text, size_t b, size_t e, RegexMatch* m) const {
  if (t_.nodes.empty()) return false;
  Run run{*this, text, m};
  return run.Node(0, b, e) && !run.failed;
}

}  // namespace kanto
