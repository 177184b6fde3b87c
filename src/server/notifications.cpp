// LISTEN / NOTIFY on the wire: NotificationResponse ('A': pid, channel, payload) messages. A busy
// session sends its notifications just before ReadyForQuery when it is outside a transaction
// block; an idle one (waiting for the client's next message) is woken by the committing session
// and sends them at once (IdleLoop, session_idle.cpp), as PostgreSQL does.
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

}  // namespace kanto::server
