// What a session does while it waits for its client's next message: another coroutine on the
// session's io thread (IdleLoop) sends the notifications that arrive meanwhile, and ends the wait
// when an idle timeout passes or pg_terminate_backend names the session; the main loop (Run) then
// sends the FATAL error and closes, as PostgreSQL does.
#include "server/session.hpp"

namespace kanto::server {

std::function<void()> Session::WakeHook() {
  return [weak = weak_from_this(), executor = executor_, flag = wake_requested_] {
    flag->store(true, std::memory_order_relaxed);  // a session on its pool turn looks at this
    asio::post(executor, [weak] {
      if (auto self = weak.lock()) self->Wake();
    });
  };
}

void Session::Wake() {
  if (closed_ || !idle_timer_) return;
  wake_pending_ = true;
  if (waiting_for_client_) idle_timer_->cancel();
}

void Session::BeginIdleWait(int64_t timeout_ms) {
  idle_deadline_ = timeout_ms > 0 ? asio::steady_timer::clock_type::now() + std::chrono::milliseconds(timeout_ms)
                                  : asio::steady_timer::time_point::max();
  waiting_for_client_ = true;
  // IdleLoop looks again for a new deadline or a wake that came while busy. Without either it
  // would only wait on as it does (no deadline): most messages skip the timer's re-arming.
  if (wake_pending_ || idle_deadline_ != asio::steady_timer::time_point::max() ||
      idle_timer_->expiry() != asio::steady_timer::time_point::max()) {
    idle_timer_->cancel();
  }
}

void Session::EndIdleWait() {
  waiting_for_client_ = false;
  std::error_code ignored;
  socket_.cancel(ignored);  // ReadMessage returns; Run sees idle_expired_ / terminate_requested()
}

asio::awaitable<void> Session::IdleLoop() {
  auto self = shared_from_this();  // until Run ends (closed_)
  while (!closed_) {
    if (waiting_for_client_ && conn_->terminate_requested()) {
      EndIdleWait();
      continue;
    }
    if (waiting_for_client_ && asio::steady_timer::clock_type::now() >= idle_deadline_) {
      idle_expired_ = true;
      EndIdleWait();
      continue;
    }
    // Notifications go out only between commands (not while COPY data comes in). Output still
    // pending means a pipelined batch is under way: its ReadyForQuery brings them.
    if (waiting_for_client_ && wake_pending_ && !copy_in_) {
      wake_pending_ = false;
      if (!out_.empty() || !out_pieces_.empty()) continue;
      SendNotifications();
      try {
        co_await Flush();
      } catch (...) {
        break;
      }
      continue;
    }
    std::error_code ec;
    idle_timer_->expires_at(waiting_for_client_ ? idle_deadline_ : asio::steady_timer::time_point::max());
    co_await idle_timer_->async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  conn_->SetNotificationWake(nullptr);
  conn_->SetTerminateHook(nullptr);
}

}  // namespace kanto::server
