#include "server/io_threads.hpp"

namespace kanto::server {

bool IoThread::TryBeginInline() {
  // At most size() - 1 io threads inline: one is always free for new connections.
  if (all_.inline_.fetch_add(1, std::memory_order_acq_rel) >= all_.size() - 1) {
    all_.inline_.fetch_sub(1, std::memory_order_acq_rel);
    return false;
  }
  uint64_t alone = kSession;  // one session (the caller's), not inline
  if (state_.compare_exchange_strong(alone, kSession | kInline, std::memory_order_acq_rel)) return true;
  all_.inline_.fetch_sub(1, std::memory_order_acq_rel);
  return false;
}

void IoThread::EndInline() {
  state_.fetch_and(~kInline, std::memory_order_acq_rel);
  all_.inline_.fetch_sub(1, std::memory_order_acq_rel);
}

bool IoThread::TryAdmit() {
  uint64_t state = state_.load(std::memory_order_acquire);
  while (!(state & kInline)) {
    if (state_.compare_exchange_weak(state, state + kSession, std::memory_order_acq_rel)) return true;
  }
  return false;
}

IoThreads::IoThreads(int count) {
  for (int i = 0; i < count; i++) threads_.push_back(std::make_unique<IoThread>(*this));
}

IoThread& IoThreads::Assign() {
  while (true) {
    IoThread* best = nullptr;
    for (int k = 0; k < size(); k++) {
      IoThread& t = at((next_ + k) % size());
      if (t.state_.load(std::memory_order_acquire) & IoThread::kInline) continue;
      if (!best || t.sessions() < best->sessions()) best = &t;
    }
    next_ = (next_ + 1) % size();
    if (best && best->TryAdmit()) return *best;
  }
}

void IoThreads::Stop() {
  for (auto& t : threads_) t->context().stop();
}

}  // namespace kanto::server
