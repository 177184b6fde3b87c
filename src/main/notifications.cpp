#include "main/notifications.hpp"

#include <algorithm>

#include "kanto/error.hpp"

namespace kanto {

SessionNotifications::SessionNotifications(NotificationHub& hub) : hub_(hub) {}

SessionNotifications::~SessionNotifications() {
  std::lock_guard<std::mutex> lock(hub_.mu_);
  hub_.listeners_.erase(this);
  hub_.queued_bytes_ -= delivered_bytes_;
}

void SessionNotifications::Notify(const std::string& channel, const std::string& payload) {
  if (channel.empty()) throw Error(sqlstate::kInvalidParameterValue, "channel name cannot be empty");
  if (channel.size() > kMaxChannelName) throw Error(sqlstate::kInvalidParameterValue, "channel name too long");
  if (payload.size() > kMaxNotifyPayload) throw Error(sqlstate::kInvalidParameterValue, "payload string too long");
  // The same channel and payload twice in one transaction is delivered once (PostgreSQL's folding).
  for (const auto& n : notifies_) {
    if (n.first == channel && n.second == payload) return;
  }
  notifies_.emplace_back(channel, payload);
}

void SessionNotifications::Listen(const std::string& channel) { actions_.push_back({Action::Kind::kListen, channel}); }

void SessionNotifications::Unlisten(const std::string& channel) {
  actions_.push_back({Action::Kind::kUnlisten, channel});
}

void SessionNotifications::UnlistenAll() { actions_.push_back({Action::Kind::kUnlistenAll, ""}); }

void SessionNotifications::RollbackTo(const Mark& m) {
  if (actions_.size() > m.actions) actions_.resize(m.actions);
  if (notifies_.size() > m.notifies) notifies_.resize(m.notifies);
}

void SessionNotifications::Rollback() {
  actions_.clear();
  notifies_.clear();
}

void SessionNotifications::Commit(int32_t sender_pid, const std::function<void()>& storage_commit) {
  if (!HasPendingActions()) {
    storage_commit();
    return;
  }
  std::unique_lock<std::mutex> lock(hub_.mu_);
  // Listening state as it will be after this commit (LISTEN before NOTIFY in one transaction
  // receives its own notification, as in PostgreSQL).
  std::vector<std::string> channels = channels_;
  for (const auto& a : actions_) {
    auto it = std::find(channels.begin(), channels.end(), a.channel);
    switch (a.kind) {
      case Action::Kind::kListen:
        if (it == channels.end()) channels.push_back(a.channel);
        break;
      case Action::Kind::kUnlisten:
        if (it != channels.end()) channels.erase(it);
        break;
      case Action::Kind::kUnlistenAll: channels.clear(); break;
    }
  }
  auto listens = [&](SessionNotifications* s, const std::string& channel) {
    const auto& list = s == this ? channels : s->channels_;
    return std::find(list.begin(), list.end(), channel) != list.end();
  };
  std::set<SessionNotifications*> receivers = hub_.listeners_;
  if (!channels.empty()) receivers.insert(this);
  uint64_t bytes = 0;
  for (const auto& [channel, payload] : notifies_) {
    for (auto* s : receivers) {
      if (listens(s, channel)) bytes += channel.size() + payload.size() + 32;
    }
  }
  if (hub_.queued_bytes_ + bytes > hub_.max_queue_bytes_) {
    throw Error(sqlstate::kProgramLimitExceeded, "too many notifications in the NOTIFY queue");
  }
  storage_commit();  // throws: nothing changes
  channels_ = channels;  // a copy: `listens` reads `channels` for this session below
  if (channels_.empty()) {
    hub_.listeners_.erase(this);
  } else {
    hub_.listeners_.insert(this);
  }
  // Undelivered notifications on channels this commit stopped listening to are not delivered.
  std::erase_if(delivered_, [&](const Notification& n) {
    if (listens(this, n.channel)) return false;
    uint64_t size = NotificationHub::Size(n);
    delivered_bytes_ -= size;
    hub_.queued_bytes_ -= size;
    return true;
  });
  for (auto* s : receivers) {
    bool got = false;
    for (const auto& [channel, payload] : notifies_) {
      if (!listens(s, channel)) continue;
      Notification n{sender_pid, channel, payload};
      uint64_t size = NotificationHub::Size(n);
      s->delivered_.push_back(std::move(n));
      s->delivered_bytes_ += size;
      hub_.queued_bytes_ += size;
      got = true;
    }
    if (got && s->wake_) s->wake_();
  }
  actions_.clear();
  notifies_.clear();
}

std::vector<std::string> SessionNotifications::Channels() const {
  std::lock_guard<std::mutex> lock(hub_.mu_);
  return channels_;
}

std::vector<Notification> SessionNotifications::Take() {
  std::lock_guard<std::mutex> lock(hub_.mu_);
  std::vector<Notification> out = std::move(delivered_);
  delivered_ = {};
  hub_.queued_bytes_ -= delivered_bytes_;
  delivered_bytes_ = 0;
  return out;
}

bool SessionNotifications::HasDelivered() const {
  std::lock_guard<std::mutex> lock(hub_.mu_);
  return !delivered_.empty();
}

void SessionNotifications::SetWake(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(hub_.mu_);
  wake_ = std::move(wake);
}

double NotificationHub::Usage() const {
  std::lock_guard<std::mutex> lock(mu_);
  return max_queue_bytes_ ? static_cast<double>(queued_bytes_) / static_cast<double>(max_queue_bytes_) : 0;
}

}  // namespace kanto
