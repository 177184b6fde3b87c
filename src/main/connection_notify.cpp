// LISTEN / UNLISTEN / NOTIFY statements: recorded in the session's transaction, applied at commit
// (main/notifications.hpp).
#include "main/connection_impl.hpp"
#include "main/result_impl.hpp"

namespace kanto {

std::unique_ptr<ResultImpl> ConnectionImpl::RunNotify(const ast::NotifyStmt& stmt) {
  using A = ast::NotifyStmt::Action;
  switch (stmt.action) {
    case A::kListen:
      notifications_.Listen(stmt.channel);
      return TagOnly("LISTEN");
    case A::kUnlisten:
      notifications_.Unlisten(stmt.channel);
      return TagOnly("UNLISTEN");
    case A::kUnlistenAll:
      notifications_.UnlistenAll();
      return TagOnly("UNLISTEN");
    case A::kNotify:
      notifications_.Notify(stmt.channel, stmt.payload);
      return TagOnly("NOTIFY");
  }
  return TagOnly("NOTIFY");
}

}  // namespace kanto
