// A session's turn on a statement thread. A statement that cannot run on the io thread (another
// statement runs there) goes to the blocking pool; the thread that ran it then goes on answering
// the same client while its messages keep coming: it sends the reply, waits a few milliseconds
// (poll) for the next message, reads it (recv) and answers it, as a PostgreSQL backend does. Each
// statement then costs three system calls and no hand-off between threads, where a round trip
// through the pool cost a futex wake there and an epoll interrupt and futex back. Lock waits stay
// safe: the turn runs on a pool thread, never on an io thread.
//
// The turn ends, and the main loop (Run) takes over with its asynchronous read, when no message
// comes within kPoolWaitMs, when one is not wholly in the buffer or is of a type the turn leaves
// to the main loop (COPY data, Terminate, an invalid one), when the socket does not take the
// output at once, or when the main loop has something to do: an idle timeout to watch, a Wake
// (notifications, pg_terminate_backend), TLS, COPY FROM STDIN, shutdown.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>

#include "server/session.hpp"
#include "server/wire/message_limits.hpp"

namespace kanto::server {

void Session::ContinueOnPool(char type, bool was_skipping, bool* close) {
  continued_on_pool_ = true;
  struct Return {
    Session* s;
    ~Return() { s->ReturnSocket(); }
  } give_back{this};
  std::string body;
  while (true) {
    if (client_gone_) return;
    if (AfterMessage(type, was_skipping, *close) && !SendNow()) return;
    if (*close) return;
    do {
      if (!StayOnPool()) return;
      if (!TakeBufferedMessage(&type, &body) && !(WaitForInput() && TakeBufferedMessage(&type, &body))) return;
    } while (skip_until_sync_ && type != 'S');  // the rest of a failed exchange, as Run skips it
    was_skipping = skip_until_sync_;
    auto start = std::chrono::steady_clock::now();
    HandleMessage(type, body, close);
    last_statement_time_ = std::chrono::steady_clock::now() - start;
  }
}

bool Session::StayOnPool() const {
  return !tls_ && !copy_in_ && !fatal_sent_ && !pool_.stopping() &&
         !wake_requested_->load(std::memory_order_relaxed) && !conn_->terminate_requested() &&
         (!awaiting_query_ || conn_->IdleTimeoutMs() == 0);
}

bool Session::TakeBufferedMessage(char* type, std::string* body) {
  size_t have = input_.size() - input_pos_;
  if (have < 5) return false;
  const auto* p = reinterpret_cast<const uint8_t*>(input_.data() + input_pos_);
  char t = static_cast<char>(p[0]);
  switch (t) {
    case 'P': case 'B': case 'D': case 'E': case 'S': case 'Q': case 'H': case 'C': break;
    default: return false;
  }
  auto len = static_cast<int32_t>((uint32_t{p[1]} << 24) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 8) | p[4]);
  if (len < 4 || len > wire::MaxMessageLength(t) || have < static_cast<size_t>(len) + 1) return false;
  *type = t;
  body->assign(input_.data() + input_pos_ + 5, static_cast<size_t>(len) - 4);
  input_pos_ += static_cast<size_t>(len) + 1;
  return true;
}

bool Session::WaitForInput() {
  if (input_pos_ > 0) {
    input_.erase(0, input_pos_);
    input_pos_ = 0;
  }
  size_t old = input_.size();
  if (old >= kInputBufferBytes) return false;  // a long message: the main loop reads it
  if (!TakeSocket()) return false;
  int fd = turn_fd_;
  pollfd pfd{fd, POLLIN, 0};
  int ready = 0;
  do {
    ready = ::poll(&pfd, 1, kPoolWaitMs);
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return false;
  // Into a per-thread buffer, then appended: resizing input_ to the whole buffer zero-filled 8 kB
  // for every message (1,000 instructions per statement).
  thread_local std::array<char, kInputBufferBytes> scratch;
  ssize_t got = 0;
  do {
    got = ::recv(fd, scratch.data(), kInputBufferBytes - old, MSG_DONTWAIT);
  } while (got < 0 && errno == EINTR);
  if (got > 0) input_.append(scratch.data(), static_cast<size_t>(got));
  return got > 0;  // end of stream or an error: the main loop's read sees it
}

bool Session::SendNow() {
  int fd = SocketFd();
  if (out_pieces_.empty()) {
    // The usual turn: a few small messages, sent from out_, whose room is kept for the next
    // message's replies (taking it made every turn grow a new string from nothing, reallocating
    // as Bind's, Describe's, Execute's and Sync's answers were appended).
    size_t sent = 0;
    while (sent < out_.size()) {
      ssize_t n = ::send(fd, out_.data() + sent, out_.size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        break;  // full (or failed): the main loop's asynchronous write takes the rest
      }
      sent += static_cast<size_t>(n);
    }
    if (sent < out_.size()) {
      out_.erase(0, sent);
      return false;
    }
    if (out_.capacity() > kKeptOutputBytes) {
      std::string().swap(out_);  // an idle session holds no large buffer
    } else {
      out_.clear();
    }
    return true;
  }
  std::vector<std::string> pieces = TakeOutput();
  size_t i = 0;
  size_t sent = 0;  // of pieces[i]
  while (i < pieces.size()) {
    ssize_t n = ::send(fd, pieces[i].data() + sent, pieces[i].size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;  // full (or failed): the main loop's asynchronous write takes the rest
    }
    sent += static_cast<size_t>(n);
    if (sent == pieces[i].size()) {
      i++;
      sent = 0;
    }
  }
  if (i == pieces.size()) return true;
  pieces[i].erase(0, sent);
  for (; i < pieces.size(); i++) {
    sealed_bytes_ += pieces[i].size();
    out_pieces_.push_back(std::move(pieces[i]));
  }
  return false;
}

bool Session::TakeSocket() {
  if (turn_fd_ >= 0) return true;
  std::error_code ec;
  protocol_ = socket_.local_endpoint(ec).protocol();
  if (ec) return false;
  int fd = socket_.release(ec);
  if (ec) return false;
  turn_fd_ = fd;
  return true;
}

void Session::ReturnSocket() {
  if (turn_fd_ < 0) return;
  std::error_code ec;
  socket_.assign(protocol_, turn_fd_, ec);
  if (ec) ::close(turn_fd_);  // the main loop's next read fails: the session ends
  turn_fd_ = -1;
}

bool Session::WriteOnTurn() {
  std::vector<std::string> pieces = TakeOutput();
  for (const std::string& piece : pieces) {
    size_t sent = 0;
    while (sent < piece.size()) {
      ssize_t n = ::send(turn_fd_, piece.data() + sent, piece.size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n >= 0) {
        sent += static_cast<size_t>(n);
        continue;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
      pollfd pfd{turn_fd_, POLLOUT, 0};
      // The client reads slowly, or not at all: wait, but not past the server's shutdown.
      while (::poll(&pfd, 1, 100) == 0) {
        if (pool_.stopping()) return false;
      }
    }
  }
  return true;
}

}  // namespace kanto::server
