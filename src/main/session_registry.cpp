#include "main/session_registry.hpp"

namespace kanto {

void SessionRegistry::Add(SessionState* s) {
  std::lock_guard<std::mutex> lock(mu_);
  // Unique in the process, so in every database of a directory (BackendKeyData, pg_terminate_backend).
  static std::atomic<int32_t> next_pid{1000};
  s->pid = next_pid++;
  sessions_[s->pid] = s;
}

void SessionRegistry::Remove(SessionState* s) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(s->pid);
}

bool SessionRegistry::Signal(int32_t pid, bool terminate) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(pid);
  if (it == sessions_.end()) return false;
  SessionState& s = *it->second;
  if (terminate) s.terminate.store(true);
  if (s.cancel) s.cancel->store(true);
  if (terminate && s.on_terminate) s.on_terminate();
  return true;
}

void SessionRegistry::ForEach(const std::function<void(const SessionState&)>& f) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [pid, s] : sessions_) f(*s);
}

}  // namespace kanto
