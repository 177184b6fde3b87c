#include "catalog/sequence_session.hpp"

#include "kanto/error.hpp"

namespace kanto {

int64_t SequenceSession::NextVal(const SequenceEntry& seq) {
  int64_t v = store_.Next(seq);
  currval_[seq.id] = Last{seq.instance, v};
  last_used_ = seq.id;
  return v;
}

int64_t SequenceSession::CurrVal(const SequenceEntry& seq) const {
  auto it = currval_.find(seq.id);
  if (it == currval_.end() || it->second.instance != seq.instance) {
    throw Error(sqlstate::kObjectNotInPrerequisiteState,
                "currval of sequence \"" + seq.name + "\" is not yet defined in this session");
  }
  return it->second.value;
}

int64_t SequenceSession::LastVal(const Catalog& catalog) const {
  auto it = currval_.find(last_used_);
  const SequenceEntry* seq = catalog.GetSequence(last_used_);
  if (it == currval_.end() || !seq || seq->instance != it->second.instance) {
    throw Error(sqlstate::kObjectNotInPrerequisiteState, "lastval is not yet defined in this session");
  }
  return it->second.value;
}

int64_t SequenceSession::SetVal(const SequenceEntry& seq, int64_t value, bool is_called) {
  if (value < seq.min_value || value > seq.max_value) {
    throw Error(sqlstate::kNumericValueOutOfRange, "setval: value " + std::to_string(value) +
                                                       " is out of bounds for sequence \"" + seq.name + "\" (" +
                                                       std::to_string(seq.min_value) + ".." +
                                                       std::to_string(seq.max_value) + ")");
  }
  store_.Set(seq, value, is_called);
  if (is_called) currval_[seq.id] = Last{seq.instance, value};
  return value;
}

void SequenceSession::Discard() {
  currval_.clear();
  last_used_ = 0;
}

}  // namespace kanto
