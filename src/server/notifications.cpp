// LISTEN / NOTIFY on the wire: NotificationResponse ('A': pid, channel, payload) messages. A busy
// session sends its notifications just before ReadyForQuery when it is outside a transaction
// block; an idle one (waiting for the client's next message) is woken by the committing session
// and sends them at once, as PostgreSQL does.
#include "server/session.hpp"
#include "server/wire/message_writer.hpp"

namespace kanto::server {

void Session::SendNotifications() {
  if (!conn_) return;
  for (const Notification& n : conn_->TakeNotifications()) {
    wire::MessageWriter w(&out_);
    w.Begin('A').Int32(n.pid).CString(n.channel).CString(n.payload);
    w.End();
  }
}

void Session::WakeForNotifications() {
  // Called from the committing thread: the flags belong to the strand.
  asio::post(strand_, [weak = weak_from_this()] {
    auto self = weak.lock();
    if (!self || self->closed_) return;
    self->wake_pending_ = true;
    if (self->idle_) self->notify_timer_->cancel();
  });
}

asio::awaitable<void> Session::NotificationLoop() {
  auto self = shared_from_this();  // until Run ends (closed_)
  conn_->SetNotificationWake([weak = weak_from_this()] {
    if (auto s = weak.lock()) s->WakeForNotifications();
  });
  while (!closed_) {
    if (!wake_pending_ || !idle_) {
      std::error_code ec;
      notify_timer_->expires_at(asio::steady_timer::time_point::max());
      co_await notify_timer_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    wake_pending_ = false;
    // Idle: the main loop waits in ReadMessage, so nothing runs on the connection meanwhile.
    // Output still pending means a pipelined batch is under way: its ReadyForQuery brings them.
    if (!out_.empty() || !out_pieces_.empty()) continue;
    SendNotifications();
    try {
      co_await Flush();
    } catch (...) {
      break;
    }
  }
  conn_->SetNotificationWake(nullptr);
}

}  // namespace kanto::server
