// One client connection: the protocol v3 state machine (startup, simple and extended query).
#pragma once

#include <asio.hpp>
#include <asio/ssl.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kanto/kanto.hpp"
#include "server/blocking_pool.hpp"
#include "server/hba.hpp"
#include "server/io_threads.hpp"
#include "server/server.hpp"

namespace kanto::server {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // The socket belongs to io's context, where the session's coroutines run.
  Session(asio::ip::tcp::socket socket, std::shared_ptr<Database> db, SessionRegistry& registry,
          const ServerOptions& options, BlockingPool& pool, IoThread& io, asio::ssl::context* tls,
          const HbaFile* hba);
  ~Session();

  asio::awaitable<void> Run();
  void Cancel();
  // Something for the session to act on while it waits for the client's next message
  // (notifications arrived, pg_terminate_backend named it); see IdleLoop. Runs on the io thread.
  void Wake();
  // A function for other threads that posts Wake to the io thread (it holds no reference: the
  // session may end meanwhile).
  std::function<void()> WakeHook();

 private:
  struct Portal {
    PreparedStatement* statement = nullptr;
    std::vector<Param> params;
    std::vector<int16_t> result_formats;
    std::optional<QueryResult> result;  // a whole result (statements whose rows do not stream)
    size_t next_row = 0;
    // A query's rows streaming from the first Execute on: the batch being sent and its next row.
    std::unique_ptr<ResultStream> stream;
    QueryResult batch;
    size_t batch_row = 0;
    bool finished = false;  // the stream ended: a later Execute sends no rows
  };
  // The client went away while rows were being written (FlushFromPool): the statement is ended
  // as failed and the session closes.
  struct ClientGone {};

  asio::awaitable<bool> Startup();
  // SCRAM-SHA-256 exchange for `user` (throws 28P01 when it fails).
  asio::awaitable<void> AuthenticateScram(const std::string& user, const std::string& verifier);
  asio::awaitable<void> Flush();
  // Socket I/O, through TLS once the client asked for it.
  asio::awaitable<void> ReadExact(asio::mutable_buffer buffer, std::error_code& ec);
  asio::awaitable<void> WriteAll(const std::vector<asio::const_buffer>& buffers);
  // Bytes from the client not yet read by the session: buffered in input_, or in the socket.
  bool InputPending();
  // Reads one message after authentication: type byte and body, within the type's length limit
  // (wire/message_limits.hpp; over it, or an unknown type: Error 08P01). False at end of stream.
  asio::awaitable<bool> ReadMessage(char* type, std::string* body);
  // A message's type byte and length word. False at end of stream.
  asio::awaitable<bool> ReadHeader(char* type, int32_t* length);
  // `size` bytes of body, allocated as they arrive. False at end of stream.
  asio::awaitable<bool> ReadBody(size_t size, std::string* body);
  // A SASLInitialResponse / SASLResponse body ('p', at most wire::kMaxSaslMessage); a longer or
  // shorter one fails authentication (28P01) as in PostgreSQL.
  // With an access file: whether this client must give a password (the first matching line says
  // scram-sha-256); throws 28000 when a line rejects it or none matches.
  bool CheckAccessFile(const std::string& user, const std::string& database, const asio::ip::address& address,
                       bool known_address);
  asio::awaitable<std::string> ReadSaslMessage(const Error& failed);
  // Answers one message (on the blocking pool). Sets *close when the connection must end. Query and
  // Bind consume `body` (a large query or parameter is not held twice).
  void HandleMessage(char type, std::string& body, bool* close);

  void HandleQuery(std::string& body);
  void HandleParse(const std::string& body);
  void HandleBind(std::string& body);
  void HandleDescribe(const std::string& body);
  void HandleExecute(const std::string& body);
  void HandleClose(const std::string& body);

  void SendRowDescription(const QueryResult& r, const std::vector<int16_t>& formats);
  void SendRowDescription(const std::vector<ColumnInfo>& columns, const std::vector<int16_t>& formats);
  void SendDataRows(const QueryResult& r, size_t from, size_t to, const std::vector<int16_t>& formats);
  // The rest of a streaming statement's rows (NextBatch), DataRow by DataRow, then its notices and
  // CommandComplete or ErrorResponse. False when it failed.
  bool SendStreamedRows(ResultStream& stream, const std::vector<int16_t>& formats);
  // While a statement runs on the blocking pool: once enough output is pending, writes it through
  // the io thread and waits for the write, so a client that does not read holds the statement there
  // (back-pressure) instead of the output growing. Throws ClientGone when the write fails.
  void FlushIfFull();
  asio::awaitable<void> FlushAndSignal(std::promise<bool>* done);
  size_t PendingBytes() const { return out_.size() + sealed_bytes_; }
  // The pending output, in order, leaving none.
  std::vector<std::string> TakeOutput();
  // Portals whose rows are still streaming (their statement holds its transaction).
  bool HasOpenStream() const;
  void SendCommandComplete(const std::string& tag);
  // COPY ... TO STDOUT text: one CopyData message per line.
  void SendCopyData(const std::string& data, bool binary = false);
  // CopyInResponse ('G') / CopyOutResponse ('H'): text format for the whole copy and each column.
  void SendCopyResponse(char type, const QueryResult& r);
  // COPY ... TO STDOUT: CopyOutResponse, the data as it streams, CopyDone; returns the statement's
  // end (its tag), or its error (no CopyDone sent).
  QueryResult SendCopyOut(QueryResult start, ResultStream& stream);
  // 57P01 (terminated), 25P03 / 57P05 (idle timeouts) are FATAL: the connection closes after them.
  void SendError(const Error& e, const char* severity = "ERROR");
  // NoticeResponse for each NOTICE the statement raised.
  void SendNotices(const QueryResult& r);
  // ErrorResponse ('E') or NoticeResponse ('N') with e's fields.
  void SendReport(char type, const Error& e, const char* severity);
  void SendReadyForQuery();
  void SendParameterStatus(const std::string& name, const std::string& value);
  // NotificationResponse for each notification received, when outside a transaction block.
  void SendNotifications();
  // While the main loop waits in ReadMessage for the client (session_idle.cpp): sends the
  // notifications a Wake announced, and ends the wait (Run then sends the FATAL error and closes)
  // when idle_in_transaction_session_timeout / idle_session_timeout pass or pg_terminate_backend
  // named the session. BeginIdleWait starts such a wait (timeout_ms 0: no limit).
  asio::awaitable<void> IdleLoop();
  void BeginIdleWait(int64_t timeout_ms);
  void EndIdleWait();

  asio::ip::tcp::socket socket_;
  // What the last receive brought beyond the bytes read so far (input_pos_ onwards): one receive
  // usually holds a whole pipelined batch (Bind, Describe, Execute, Sync).
  static constexpr size_t kInputBufferBytes = 8192;
  // Once drained, a larger buffer is released (an idle session holds none).
  static constexpr size_t kKeptInputBytes = 256;
  // Without TLS, once the socket is readable: receives what has arrived (without waiting), copies
  // up to `need` bytes to dst and keeps the rest in input_. Returns the bytes copied; ec is set at
  // end of stream or on an error.
  size_t ReceiveAvailable(char* dst, size_t need, std::error_code& ec);
  std::string input_;
  size_t input_pos_ = 0;
  // The wait for the client: the main loop sets waiting_for_client_ and idle_deadline_ and kicks
  // idle_timer_; a Wake (posted to the io thread) sets wake_pending_ and kicks it too; IdleLoop acts.
  // Writes of the two coroutines take turns through writing_ / write_done_.
  // The session's io thread (IoThread): its coroutines and handlers run there and only there, so
  // they need no strand.
  asio::any_io_executor executor_;
  std::unique_ptr<asio::steady_timer> idle_timer_;
  asio::steady_timer::time_point idle_deadline_ = asio::steady_timer::time_point::max();
  asio::steady_timer write_done_;
  bool waiting_for_client_ = false;
  bool wake_pending_ = false;
  bool idle_expired_ = false;  // the idle timeout ended the wait
  bool closed_ = false;
  bool writing_ = false;
  asio::steady_timer auth_deadline_;  // authentication_timeout, until Startup is done
  bool fatal_sent_ = false;  // a FATAL error went out: the connection closes
  bool startup_done_ = false;
  bool auth_timed_out_ = false;
  std::shared_ptr<Database> db_;
  SessionRegistry& registry_;
  const ServerOptions& options_;
  BlockingPool& pool_;
  IoThread& io_;
  asio::ssl::context* tls_context_;  // null: TLS off
  const HbaFile* hba_;               // null: no access file (ServerOptions::loopback_auth)
  std::unique_ptr<asio::ssl::stream<asio::ip::tcp::socket&>> tls_;
  std::unique_ptr<Connection> conn_;
  // Pending output: out_pieces_, then out_. A large message (a DataRow with a big value) is moved
  // to out_pieces_ once written, so that appending the next one does not reallocate (and copy) it.
  std::string out_;
  // Room out_ keeps between turns once its messages went out (SendNow); more is released.
  static constexpr size_t kKeptOutputBytes = 256;
  std::vector<std::string> out_pieces_;
  size_t sealed_bytes_ = 0;  // in out_pieces_
  bool on_pool_ = false;     // HandleMessage runs on the blocking pool (FlushIfFull may wait)
  bool inline_ = false;      // HandleMessage runs on the io thread (FlushIfFull writes)
  // How long the last statement took: one that was slow goes to the pool next time, not inline.
  std::chrono::steady_clock::duration last_statement_time_{};
  // Runs a message that executes SQL: inline when the pool allows it, else on the pool, where the
  // session may stay for the messages that follow (ContinueOnPool). False when the session must
  // end (an exception escaped HandleMessage).
  asio::awaitable<bool> RunSql(char type, std::string& body, bool was_skipping, bool* close);
  // After a message (its type; was_skipping: skip_until_sync_ before it): applies deallocations,
  // sets awaiting_query_, and says whether the output should go out now.
  bool AfterMessage(char type, bool was_skipping, bool close);
  bool awaiting_query_ = true;  // ReadyForQuery went out: the idle timeouts apply to the next read
  // The session's turn on a statement thread (session_pool_loop.cpp): after a message run on the
  // pool, that thread keeps answering the client's next messages with plain non-blocking system
  // calls while they come within kPoolWaitMs, instead of handing each one back and forth between
  // the io threads and the pool. Sets continued_on_pool_ (Run then skips AfterMessage).
  static constexpr int kPoolWaitMs = 3;
  void ContinueOnPool(char type, bool was_skipping, bool* close);
  bool StayOnPool() const;
  // A whole message of a type ContinueOnPool answers, from input_ (false: none, or one the main
  // loop must read and report).
  bool TakeBufferedMessage(char* type, std::string* body);
  // Waits up to kPoolWaitMs for bytes from the client and appends them to input_.
  bool WaitForInput();
  // Sends the pending output without blocking; what the socket does not take stays pending.
  bool SendNow();
  // While the turn waits for the client, the socket is out of the io threads' epoll set (asio
  // registers it edge-triggered for good: each arriving packet would wake an io thread for
  // nothing). TakeSocket releases it from socket_ into turn_fd_, ReturnSocket assigns it back.
  bool TakeSocket();
  void ReturnSocket();
  int turn_fd_ = -1;
  asio::ip::tcp protocol_ = asio::ip::tcp::v4();
  int SocketFd() { return turn_fd_ >= 0 ? turn_fd_ : socket_.native_handle(); }
  // FlushIfFull on a turn that holds the socket: writes all pending output, waiting for the
  // client to read (false when the write fails or the server stops).
  bool WriteOnTurn();
  bool continued_on_pool_ = false;
  // Set by WakeHook from other threads: a session on its pool turn returns to the main loop.
  std::shared_ptr<std::atomic<bool>> wake_requested_ = std::make_shared<std::atomic<bool>>(false);
  bool client_gone_ = false;
  void SealOutput();
  int32_t pid_ = 0;
  int32_t secret_ = 0;
  bool skip_until_sync_ = false;
  // COPY FROM STDIN: CopyData collected until CopyDone / CopyFail.
  bool copy_in_ = false;
  std::string copy_buffer_;
  std::map<std::string, std::unique_ptr<PreparedStatement>> statements_;
  // The RowDescription last sent for a prepared statement's columns in these result formats,
  // whole: the extended protocol describes the same portal for every Bind (libpq's
  // PQexecPrepared), and a statement's columns are fixed when it is parsed. Only Parse makes a
  // statement, so it forgets the message (a new statement may take a dropped one's address).
  const PreparedStatement* described_statement_ = nullptr;
  std::vector<int16_t> described_formats_;
  std::string described_message_;
  void SendRowDescription(const PreparedStatement& stmt, const std::vector<int16_t>& formats);
  // DEALLOCATE runs inside a statement that may itself be prepared: names to drop (or "all") are
  // applied once the current message is done.
  std::vector<std::string> pending_deallocate_;
  bool pending_deallocate_all_ = false;
  void ApplyDeallocations();
  std::map<std::string, std::unique_ptr<Portal>> portals_;
  // The unnamed portal, emptied at Sync and kept for the next Bind with its vectors' room: a
  // prepared statement's Bind / Execute / Sync otherwise made and freed a Portal every time.
  std::unique_ptr<Portal> spare_portal_;
  void KeepSparePortal(std::unique_ptr<Portal> portal);
};

}  // namespace kanto::server
