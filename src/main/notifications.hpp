// LISTEN / NOTIFY: the database's notification hub and each session's part of it.
//
// A session's LISTEN, UNLISTEN and NOTIFY are collected in its transaction (SessionNotifications)
// and take effect at commit, as in PostgreSQL: NotificationHub::Commit runs the storage commit and
// then appends the transaction's notifications to the queue of every session listening on their
// channel, all under one lock, so every listener sees notifications in commit order. A rolled-back
// transaction (or savepoint) drops its own. A listener takes its notifications when it is outside
// a transaction block (the server sends them as NotificationResponse messages); the hub calls the
// listener's wake function when new ones arrive so that an idle connection gets them at once.
//
// The queue is bounded: all listeners' undelivered notifications together may hold at most
// `max_queue_bytes` (each copy counted by its channel and payload size plus 32 bytes). A commit
// whose notifications do not fit fails before the storage commit with 54000 "too many
// notifications in the NOTIFY queue", as PostgreSQL's does when its 8GB queue is full.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "function/function_context.hpp"
#include "kanto/kanto.hpp"

namespace kanto {

class NotificationHub;

// PostgreSQL's limits: a channel name shorter than NAMEDATALEN, a payload shorter than 8000 bytes.
inline constexpr size_t kMaxChannelName = 63;
inline constexpr size_t kMaxNotifyPayload = 7999;
inline constexpr uint64_t kDefaultNotifyQueueBytes = 1ull << 30;

// One session's LISTEN state and transaction-local actions.
class SessionNotifications : public NotificationSink {
 public:
  explicit SessionNotifications(NotificationHub& hub);
  ~SessionNotifications() override;
  SessionNotifications(const SessionNotifications&) = delete;
  SessionNotifications& operator=(const SessionNotifications&) = delete;

  // In the current transaction (22023 for an empty or too long channel, a too long payload).
  void Notify(const std::string& channel, const std::string& payload) override;
  void Listen(const std::string& channel);
  void Unlisten(const std::string& channel);  // "" with all = true: UNLISTEN *
  void UnlistenAll();
  bool HasPendingActions() const { return !actions_.empty() || !notifies_.empty(); }

  // Savepoints: the transaction's actions so far, and dropping those after a mark.
  struct Mark {
    size_t actions = 0, notifies = 0;
  };
  Mark mark() const { return {actions_.size(), notifies_.size()}; }
  void RollbackTo(const Mark& m);

  // At commit: applies LISTEN / UNLISTEN and queues the notifications, around `storage_commit`
  // (which may throw: then nothing is applied). At rollback: forgets them.
  void Commit(int32_t sender_pid, const std::function<void()>& storage_commit);
  void Rollback();

  // The channels this session listens on (committed), in the order they were first listened to.
  std::vector<std::string> Channels() const override;
  // The notifications delivered to this session so far, oldest first; the queue empties.
  std::vector<Notification> Take();
  bool HasDelivered() const;
  // Called from the committing thread when notifications arrive (null: none).
  void SetWake(std::function<void()> wake);

 private:
  friend class NotificationHub;
  struct Action {
    enum class Kind : uint8_t { kListen, kUnlisten, kUnlistenAll } kind;
    std::string channel;
  };
  NotificationHub& hub_;
  std::vector<Action> actions_;
  std::vector<std::pair<std::string, std::string>> notifies_;  // channel, payload; duplicates folded
  // Guarded by the hub's mutex.
  std::vector<std::string> channels_;
  // A vector, not a deque: a deque allocates its first block (half a kilobyte) in every session.
  std::vector<Notification> delivered_;
  uint64_t delivered_bytes_ = 0;
  std::function<void()> wake_;
};

class NotificationHub {
 public:
  explicit NotificationHub(uint64_t max_queue_bytes = kDefaultNotifyQueueBytes) : max_queue_bytes_(max_queue_bytes) {}
  // Fraction of the queue in use (pg_notification_queue_usage).
  double Usage() const;

 private:
  friend class SessionNotifications;
  static uint64_t Size(const Notification& n) { return n.channel.size() + n.payload.size() + 32; }
  mutable std::mutex mu_;
  std::set<SessionNotifications*> listeners_;  // sessions listening on at least one channel
  uint64_t queued_bytes_ = 0;
  uint64_t max_queue_bytes_;
};

}  // namespace kanto
