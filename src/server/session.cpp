#include "server/session.hpp"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>

#include <cmath>
#include <cstring>

#include "server/wire/frontend.hpp"
#include "server/wire/message_limits.hpp"
#include "server/wire/message_reader.hpp"
#include "server/wire/message_writer.hpp"
#include "kanto/binary_format.hpp"

namespace kanto::server {

namespace {
int32_t ReadInt32(const char* p) {
  return static_cast<int32_t>((static_cast<uint8_t>(p[0]) << 24) | (static_cast<uint8_t>(p[1]) << 16) |
                              (static_cast<uint8_t>(p[2]) << 8) | static_cast<uint8_t>(p[3]));
}

bool IsEmptyQuery(const std::string& q) {
  // Only whitespace, semicolons and comments?
  size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ';') {
      i++;
    } else if (c == '-' && i + 1 < q.size() && q[i + 1] == '-') {
      while (i < q.size() && q[i] != '\n') i++;
    } else if (c == '/' && i + 1 < q.size() && q[i + 1] == '*') {
      size_t end = q.find("*/", i + 2);
      if (end == std::string::npos) return false;
      i = end + 2;
    } else {
      return false;
    }
  }
  return true;
}
}  // namespace

Session::Session(asio::ip::tcp::socket socket, std::shared_ptr<Database> db, SessionRegistry& registry,
                 const ServerOptions& options, BlockingPool& pool, IoThread& io, asio::ssl::context* tls,
                 const HbaFile* hba)
    : socket_(std::move(socket)), write_done_(socket_.get_executor()), auth_deadline_(socket_.get_executor()),
      db_(std::move(db)), registry_(registry), options_(options), pool_(pool), io_(io), tls_context_(tls), hba_(hba) {}

Session::~Session() {
  // A statement still streaming to the client that went away ends as failed.
  for (auto& [name, portal] : portals_) {
    if (portal->stream) portal->stream->Abort();
  }
  if (pid_) registry_.Unregister(pid_);
  io_.Leave();
}

bool Session::HasOpenStream() const {
  for (const auto& [name, portal] : portals_) {
    if (portal->stream) return true;
  }
  return false;
}

void Session::Cancel() {
  if (conn_) conn_->Cancel();
}

asio::awaitable<void> Session::ReadExact(asio::mutable_buffer buffer, std::error_code& ec) {
  // Small reads come out of input_, refilled with whatever has arrived (a pipelined batch of
  // messages in one receive); a large remainder goes straight into the caller's buffer.
  auto* dst = static_cast<char*>(buffer.data());
  size_t need = buffer.size();
  size_t take = std::min(need, input_.size() - input_pos_);
  std::memcpy(dst, input_.data() + input_pos_, take);
  input_pos_ += take;
  dst += take;
  need -= take;
  if (need == 0) co_return;
  // Drained: an idle session keeps no read buffer (test/e2e/connections.sh).
  if (input_.capacity() > kKeptInputBytes) {
    std::string().swap(input_);
  } else {
    input_.clear();
  }
  input_pos_ = 0;
  if (need >= kInputBufferBytes) {
    auto target = asio::buffer(dst, need);
    if (tls_) {
      co_await asio::async_read(*tls_, target, asio::redirect_error(asio::use_awaitable, ec));
    } else {
      co_await asio::async_read(socket_, target, asio::redirect_error(asio::use_awaitable, ec));
    }
    co_return;
  }
  if (!tls_) {
    // Takes what has arrived; with nothing there, waits for the socket to be readable with no
    // buffer (Run has usually waited already: the bytes are there, and no second wait is needed).
    while (need > 0) {
      size_t got = ReceiveAvailable(dst, need, ec);
      if (ec) co_return;
      if (got == 0) {
        co_await socket_.async_wait(asio::socket_base::wait_read, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        continue;
      }
      dst += got;
      need -= got;
    }
    co_return;
  }
  input_.resize(kInputBufferBytes);
  auto fill = asio::buffer(input_);
  size_t got = 0;
  if (tls_) {
    got = co_await asio::async_read(*tls_, fill, asio::transfer_at_least(need),
                                    asio::redirect_error(asio::use_awaitable, ec));
  } else {
    got = co_await asio::async_read(socket_, fill, asio::transfer_at_least(need),
                                    asio::redirect_error(asio::use_awaitable, ec));
  }
  input_.resize(got);
  if (ec) co_return;
  std::memcpy(dst, input_.data(), need);
  input_pos_ = need;
}

size_t Session::ReceiveAvailable(char* dst, size_t need, std::error_code& ec) {
  // A per-thread scratch buffer: only the bytes beyond `need` are kept, in input_.
  thread_local std::array<char, kInputBufferBytes> scratch;
  ssize_t got = 0;
  do {
    got = ::recv(socket_.native_handle(), scratch.data(), scratch.size(), MSG_DONTWAIT);
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK) ec = std::error_code(errno, asio::error::get_system_category());
    return 0;
  }
  if (got == 0) {
    ec = asio::error::eof;
    return 0;
  }
  size_t take = std::min(need, static_cast<size_t>(got));
  std::memcpy(dst, scratch.data(), take);
  input_.assign(scratch.data() + take, static_cast<size_t>(got) - take);
  input_pos_ = 0;
  return take;
}

bool Session::InputPending() {
  if (input_pos_ < input_.size()) return true;
  if (turn_fd_ >= 0) {
    int n = 0;
    return ::ioctl(turn_fd_, FIONREAD, &n) == 0 && n > 0;
  }
  std::error_code ec;
  return socket_.available(ec) > 0;
}

asio::awaitable<void> Session::WriteAll(const std::vector<asio::const_buffer>& buffers) {
  // The main loop and IdleLoop write in turn (both run on the session's io thread).
  while (writing_) {
    std::error_code ec;
    write_done_.expires_at(asio::steady_timer::time_point::max());
    co_await write_done_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  writing_ = true;
  struct Done {
    Session* s;
    ~Done() {
      s->writing_ = false;
      s->write_done_.cancel();
    }
  } done{this};
  if (tls_) {
    co_await asio::async_write(*tls_, buffers, asio::use_awaitable);
  } else {
    co_await asio::async_write(socket_, buffers, asio::use_awaitable);
  }
}

void Session::SealOutput() {
  constexpr size_t kSealBytes = 1 << 20;
  if (out_.size() < kSealBytes) return;
  sealed_bytes_ += out_.size();
  out_pieces_.push_back(std::move(out_));
  out_ = std::string();
}

void Session::FlushIfFull() {
  constexpr size_t kStreamBufferBytes = 1 << 20;
  if ((!on_pool_ && !inline_) || PendingBytes() < kStreamBufferBytes) return;
  if (inline_) {
    // On the io thread, with no other write under way (RunSql checked): write here and now.
    std::vector<std::string> pieces = TakeOutput();
    std::vector<asio::const_buffer> buffers;
    for (const auto& p : pieces) buffers.push_back(asio::buffer(p));
    std::error_code ec;
    asio::write(socket_, buffers, ec);
    if (ec) {
      client_gone_ = true;
      throw ClientGone{};
    }
    return;
  }
  if (turn_fd_ >= 0) {  // a turn on the pool holds the socket (session_pool_loop.cpp)
    if (!WriteOnTurn()) {
      client_gone_ = true;
      throw ClientGone{};
    }
    return;
  }
  std::promise<bool> done;
  auto written = done.get_future();
  asio::co_spawn(executor_, FlushAndSignal(&done), asio::detached);
  if (!written.get()) {
    client_gone_ = true;
    throw ClientGone{};
  }
}

asio::awaitable<void> Session::FlushAndSignal(std::promise<bool>* done) {
  bool ok = true;
  try {
    co_await Flush();
  } catch (...) {
    ok = false;
  }
  done->set_value(ok);
}

std::vector<std::string> Session::TakeOutput() {
  std::vector<std::string> pieces;
  pieces.swap(out_pieces_);
  sealed_bytes_ = 0;
  if (!out_.empty()) pieces.push_back(std::move(out_));
  out_ = std::string();
  return pieces;
}

asio::awaitable<void> Session::Flush() {
  if (out_.empty() && out_pieces_.empty()) co_return;
  std::vector<std::string> pieces = TakeOutput();
  std::vector<asio::const_buffer> buffers;
  for (const auto& p : pieces) buffers.push_back(asio::buffer(p));
  co_await WriteAll(buffers);
}

asio::awaitable<bool> Session::ReadHeader(char* type, int32_t* length) {
  char header[5];
  std::error_code ec;
  co_await ReadExact(asio::buffer(header, 5), ec);
  if (ec) co_return false;
  *type = header[0];
  *length = ReadInt32(header + 1);
  co_return true;
}

asio::awaitable<bool> Session::ReadBody(size_t size, std::string* body) {
  body->clear();
  std::error_code ec;
  while (body->size() < size) {
    // Grow with what has arrived (a chunk, then doubling), never to the claimed size up front.
    size_t have = body->size();
    size_t next = std::min(size, std::max(have * 2, have + wire::kReadChunk));
    body->resize(next);
    co_await ReadExact(asio::buffer(body->data() + have, next - have), ec);
    if (ec) co_return false;
  }
  co_return true;
}

asio::awaitable<bool> Session::ReadMessage(char* type, std::string* body) {
  int32_t len = 0;
  if (!co_await ReadHeader(type, &len)) co_return false;
  int32_t max = wire::MaxMessageLength(*type);
  if (max == 0) {
    throw Error(sqlstate::kProtocolViolation,
                "invalid frontend message type " + std::to_string(static_cast<int>(*type)));
  }
  if (len < 4 || len > max) throw Error(sqlstate::kProtocolViolation, "invalid message length");
  co_return co_await ReadBody(static_cast<size_t>(len) - 4, body);
}

namespace {
bool IsFatal(const Error& e) { return e.sqlstate() == "57P01" || e.sqlstate() == "25P03" || e.sqlstate() == "57P05"; }
}  // namespace

void Session::SendError(const Error& e, const char* severity) {
  if (IsFatal(e)) {
    severity = "FATAL";
    fatal_sent_ = true;
  }
  SendReport('E', e, severity);
}

void Session::SendNotices(const QueryResult& r) {
  // Class 01 is a WARNING (pg_advisory_unlock of a lock not held, ...), the rest NOTICEs.
  for (const Error& notice : r.notices()) {
    SendReport('N', notice, notice.sqlstate().rfind("01", 0) == 0 ? "WARNING" : "NOTICE");
  }
}

void Session::SendReport(char type, const Error& e, const char* severity) {
  wire::MessageWriter w(&out_);
  w.Begin(type);
  w.Byte('S').CString(severity).Byte('V').CString(severity).Byte('C').CString(e.sqlstate());
  w.Byte('M').CString(e.message());
  if (!e.detail().empty()) w.Byte('D').CString(e.detail());
  if (!e.hint().empty()) w.Byte('H').CString(e.hint());
  if (e.position() > 0) w.Byte('P').CString(std::to_string(e.position()));
  w.Byte(0);
  w.End();
}

void Session::SendReadyForQuery() {
  SendNotifications();  // PostgreSQL sends them just before ReadyForQuery
  wire::MessageWriter w(&out_);
  w.Begin('Z').Byte(static_cast<uint8_t>(conn_ ? conn_->transaction_status() : 'I'));
  w.End();
}

void Session::SendParameterStatus(const std::string& name, const std::string& value) {
  wire::MessageWriter w(&out_);
  w.Begin('S').CString(name).CString(value);
  w.End();
}

void Session::SendCommandComplete(const std::string& tag) {
  wire::MessageWriter w(&out_);
  w.Begin('C').CString(tag);
  w.End();
}

void Session::SendRowDescription(const std::vector<ColumnInfo>& columns, const std::vector<int16_t>& formats) {
  wire::MessageWriter w(&out_);
  w.Begin('T').Int16(static_cast<int16_t>(columns.size()));
  for (size_t i = 0; i < columns.size(); i++) {
    const ColumnInfo& c = columns[i];
    int16_t format = formats.empty() ? 0 : (formats.size() == 1 ? formats[0] : formats[i]);
    w.CString(c.name).Int32(0).Int16(0).Int32(static_cast<int32_t>(c.type_oid)).Int16(c.type_length);
    w.Int32(c.typmod).Int16(format);
  }
  w.End();
}

void Session::SendRowDescription(const PreparedStatement& stmt, const std::vector<int16_t>& formats) {
  if (described_statement_ == &stmt && described_formats_ == formats) {
    out_.append(described_message_);
    return;
  }
  size_t start = out_.size();
  SendRowDescription(stmt.columns(), formats);
  described_message_.assign(out_, start);
  described_statement_ = &stmt;
  described_formats_ = formats;
}

void Session::SendRowDescription(const QueryResult& r, const std::vector<int16_t>& formats) {
  std::vector<ColumnInfo> columns;
  for (size_t i = 0; i < r.column_count(); i++) columns.push_back(r.column(i));
  SendRowDescription(columns, formats);
}

void Session::SendDataRows(const QueryResult& r, size_t from, size_t to, const std::vector<int16_t>& formats) {
  size_t ncols = r.column_count();
  for (size_t row = from; row < to; row++) {
    // A value that cannot be encoded (binary output of a type without one) fails the statement
    // with its error: the row begun is taken back, so the client never sees half a DataRow.
    size_t row_start = out_.size();
    wire::MessageWriter w(&out_);
    w.Begin('D').Int16(static_cast<int16_t>(ncols));
    for (size_t c = 0; c < ncols; c++) try {
      if (r.IsNull(row, c)) {
        w.Int32(-1);
        continue;
      }
      int16_t format = formats.empty() ? 0 : (formats.size() == 1 ? formats[0] : formats[c]);
      // Text (and the binary form of text types) is written from the result in place.
      std::string scratch;
      std::string_view value;
      if (format == 1 && !wire::BinaryIsText(r.column(c).type_oid)) {
        scratch = wire::EncodeBinary(r, row, c);
        value = scratch;
      } else {
        value = r.GetTextView(row, c, &scratch);
      }
      w.Int32(static_cast<int32_t>(value.size())).Bytes(value);
    } catch (const Error&) {
      out_.resize(row_start);
      throw;
    }
    w.End();
    SealOutput();
    FlushIfFull();
  }
}

bool Session::SendStreamedRows(ResultStream& stream, const std::vector<int16_t>& formats) {
  QueryResult batch;
  try {
    while (stream.NextBatch(&batch)) SendDataRows(batch, 0, batch.row_count(), formats);
  } catch (ClientGone&) {
    stream.Abort();
    throw;
  }
  SendNotices(batch);
  if (!batch.ok()) {
    SendError(batch.error());
    return false;
  }
  SendCommandComplete(batch.command_tag());
  return true;
}

void Session::SendCopyData(const std::string& data, bool binary) {
  if (binary) {  // (binary rows have no line ends: one message for the batch)
    if (data.empty()) return;
    wire::MessageWriter d(&out_);
    d.Begin('d').Bytes(data);
    d.End();
    SealOutput();
    return;
  }
  for (size_t pos = 0; pos < data.size();) {
    size_t end = data.find('\n', pos);
    end = end == std::string::npos ? data.size() : end + 1;
    wire::MessageWriter d(&out_);
    d.Begin('d').Bytes(std::string_view(data).substr(pos, end - pos));
    d.End();
    SealOutput();
    pos = end;
  }
}

void Session::SendCopyResponse(char type, const QueryResult& r) {
  int16_t format = r.is_copy_binary() ? 1 : 0;
  wire::MessageWriter w(&out_);
  w.Begin(type).Byte(static_cast<uint8_t>(format)).Int16(static_cast<int16_t>(r.column_count()));
  for (size_t c = 0; c < r.column_count(); c++) w.Int16(format);
  w.End();
}

QueryResult Session::SendCopyOut(QueryResult start, ResultStream& stream) {
  SendCopyResponse('H', start);
  bool binary = start.is_copy_binary();
  SendCopyData(start.copy_data(), binary);
  if (!start.is_streaming()) {
    wire::MessageWriter done(&out_);
    done.Begin('c');
    done.End();
    return start;
  }
  // The rows as COPY text, batch by batch as the client reads them; an error ends the copy
  // without CopyDone, as in PostgreSQL.
  QueryResult batch;
  try {
    while (stream.NextBatch(&batch)) {
      SendCopyData(batch.copy_data(), binary);
      FlushIfFull();
    }
    if (binary && batch.ok()) SendCopyData(batch.copy_data(), true);  // the binary format's trailer
  } catch (ClientGone&) {
    stream.Abort();
    throw;
  }
  SendNotices(batch);
  if (batch.ok()) {
    wire::MessageWriter done(&out_);
    done.Begin('c');
    done.End();
  }
  return batch;
}

void Session::ApplyDeallocations() {
  auto drop = [&](const std::string& name) {
    auto it = statements_.find(name);
    if (it == statements_.end()) return;
    for (auto p = portals_.begin(); p != portals_.end();) {
      p = p->second->statement == it->second.get() ? portals_.erase(p) : std::next(p);
    }
    statements_.erase(it);
  };
  if (pending_deallocate_all_) {
    portals_.clear();
    statements_.clear();
  }
  for (const auto& name : pending_deallocate_) drop(name);
  pending_deallocate_all_ = false;
  pending_deallocate_.clear();
}

void Session::HandleQuery(std::string& body) {
  // The body is the query string and its NUL: it becomes the query in place, without a copy.
  size_t end = body.find('\0');
  if (end == std::string::npos) wire::MessageReader::Fail("invalid string in message");
  if (end + 1 != body.size()) wire::MessageReader::Fail("invalid message format");
  body.resize(end);
  std::string sql = std::move(body);
  if (IsEmptyQuery(sql)) {
    wire::MessageWriter w(&out_);
    w.Begin('I');
    w.End();
    return;
  }
  ResultStream stream = conn_->Stream(std::move(sql));
  QueryResult r;
  while (stream.NextStatement(&r)) {
    SendNotices(r);
    if (!r.ok()) {
      SendError(r.error());
      return;
    }
    if (r.copy_in_pending()) {
      // CopyInResponse: textual format for the whole copy and each column.
      SendCopyResponse('G', r);
      copy_in_ = true;
      copy_buffer_.clear();
      return;  // ReadyForQuery follows CopyDone / CopyFail
    } else if (r.is_copy_out()) {
      r = SendCopyOut(std::move(r), stream);
      if (!r.ok()) {
        SendError(r.error());
        return;
      }
    } else if (r.is_streaming()) {
      SendRowDescription(r, {});
      if (!SendStreamedRows(stream, {})) return;
      continue;
    } else if (r.has_rows()) {
      SendRowDescription(r, {});
      SendDataRows(r, 0, r.row_count(), {});
    }
    SendCommandComplete(r.command_tag());
  }
}

void Session::HandleParse(const std::string& body) {
  wire::ParseMessage parse = wire::DecodeParse(body);
  const std::string& name = parse.name;
  const std::string& sql = parse.sql;
  if (!name.empty() && statements_.count(name)) {
    throw Error(sqlstate::kDuplicatePreparedStatement, "prepared statement \"" + name + "\" already exists");
  }
  Error err(sqlstate::kSuccess, "");
  described_statement_ = nullptr;
  auto stmt = conn_->Prepare(sql, parse.param_types, &err);
  if (!stmt) throw err;
  statements_[name] = std::move(stmt);
  wire::MessageWriter w(&out_);
  w.Begin('1');
  w.End();
}

void Session::HandleBind(std::string& body) {
  wire::BindMessage bind = wire::DecodeBind(body);
  std::string().swap(body);  // the parameters are in `bind` now
  const std::string& portal_name = bind.portal;
  const std::string& stmt_name = bind.statement;
  auto it = statements_.find(stmt_name);
  if (it == statements_.end()) {
    throw Error(sqlstate::kUndefinedPreparedStatement, "prepared statement \"" + stmt_name + "\" does not exist");
  }
  std::unique_ptr<Portal> portal = std::move(spare_portal_);
  if (!portal) portal = std::make_unique<Portal>();
  portal->statement = it->second.get();
  size_t nparams = bind.params.size();
  if (nparams != portal->statement->param_count()) {
    throw Error(sqlstate::kProtocolViolation, "bind message supplies " + std::to_string(nparams) +
                                                  " parameters, but prepared statement \"" + stmt_name + "\" requires " +
                                                  std::to_string(portal->statement->param_count()));
  }
  for (size_t i = 0; i < nparams; i++) {
    if (!bind.params[i]) {
      portal->params.emplace_back();
      continue;
    }
    std::string value = std::move(*bind.params[i]);
    if (bind.ParamFormat(i) == 1) {
      // Binary values are in the statement's parameter type: declared in Parse, else inferred.
      portal->params.emplace_back(wire::DecodeBinaryParam(value, *portal->statement, i));
    } else {
      portal->params.emplace_back(std::move(value));
    }
  }
  portal->result_formats = std::move(bind.result_formats);
  portals_[portal_name] = std::move(portal);
  wire::MessageWriter w(&out_);
  w.Begin('2');
  w.End();
}

void Session::KeepSparePortal(std::unique_ptr<Portal> portal) {
  portal->stream.reset();  // (a statement still streaming ends here, as destroying the portal ended it)
  portal->statement = nullptr;
  portal->params.clear();
  portal->result_formats.clear();
  portal->result.reset();
  portal->next_row = 0;
  portal->batch = QueryResult();
  portal->batch_row = 0;
  portal->finished = false;
  spare_portal_ = std::move(portal);
}

void Session::HandleDescribe(const std::string& body) {
  auto [kind, name] = wire::DecodeTarget(body);
  if (kind == 'S') {
    auto it = statements_.find(name);
    if (it == statements_.end()) {
      throw Error(sqlstate::kUndefinedPreparedStatement, "prepared statement \"" + name + "\" does not exist");
    }
    PreparedStatement& stmt = *it->second;
    wire::MessageWriter w(&out_);
    w.Begin('t').Int16(static_cast<int16_t>(stmt.param_count()));
    for (size_t i = 0; i < stmt.param_count(); i++) w.Int32(static_cast<int32_t>(stmt.param_type_oid(i)));
    w.End();
    if (stmt.columns().empty()) {
      wire::MessageWriter n(&out_);
      n.Begin('n');
      n.End();
    } else {
      SendRowDescription(stmt, {});
    }
    return;
  }
  auto it = portals_.find(name);
  const std::vector<ColumnInfo>* cursor = it == portals_.end() ? conn_->CursorColumns(name) : nullptr;
  if (it == portals_.end() && !cursor) throw Error(sqlstate::kInvalidCursorName, "portal \"" + name + "\" does not exist");
  const auto& columns = cursor ? *cursor : it->second->statement->columns();
  if (columns.empty()) {
    wire::MessageWriter n(&out_);
    n.Begin('n');
    n.End();
  } else if (cursor) {
    SendRowDescription(columns, {});
  } else {
    SendRowDescription(*it->second->statement, it->second->result_formats);
  }
}

void Session::HandleExecute(const std::string& body) {
  auto [name, max_rows] = wire::DecodeExecute(body);
  auto it = portals_.find(name);
  if (it == portals_.end()) throw Error(sqlstate::kInvalidCursorName, "portal \"" + name + "\" does not exist");
  Portal& portal = *it->second;
  if (!portal.result && !portal.stream && !portal.finished) {
    auto stream = std::make_unique<ResultStream>(portal.statement->Stream(std::move(portal.params)));
    QueryResult start;
    stream->NextStatement(&start);
    SendNotices(start);
    if (!start.ok()) throw start.error();
    if (start.is_copy_out()) {
      // COPY ... TO STDOUT: CopyOutResponse, the data (streaming), CopyDone, then its tag.
      QueryResult end = SendCopyOut(std::move(start), *stream);
      if (!end.ok()) throw end.error();
      portal.result.emplace(std::move(end));
    } else if (start.is_streaming()) {
      portal.stream = std::move(stream);
    } else {
      portal.result.emplace(std::move(start));
    }
  }
  if (portal.stream || portal.finished) {
    // Rows as the statement produces them; with a row limit the portal suspends after it, and
    // the next Execute goes on from there.
    uint64_t sent = 0;
    while (portal.stream) {
      if (max_rows > 0 && sent == static_cast<uint64_t>(max_rows)) {
        wire::MessageWriter s(&out_);
        s.Begin('s');
        s.End();
        return;
      }
      size_t left = portal.batch.row_count() - portal.batch_row;
      if (left == 0) {
        bool more = portal.stream->NextBatch(&portal.batch);
        portal.batch_row = 0;
        if (!more) {
          QueryResult end = std::move(portal.batch);
          portal.batch = QueryResult();
          portal.stream.reset();
          portal.finished = true;
          SendNotices(end);
          if (!end.ok()) throw end.error();
          break;
        }
        continue;
      }
      size_t n = max_rows > 0 ? std::min<uint64_t>(left, static_cast<uint64_t>(max_rows) - sent) : left;
      try {
        SendDataRows(portal.batch, portal.batch_row, portal.batch_row + n, portal.result_formats);
      } catch (ClientGone&) {
        portal.stream->Abort();
        portal.stream.reset();
        throw;
      }
      portal.batch_row += n;
      sent += n;
    }
    SendCommandComplete("SELECT " + std::to_string(sent));
    return;
  }
  const QueryResult& r = *portal.result;
  if (r.has_rows()) {
    size_t end = r.row_count();
    if (max_rows > 0) end = std::min(end, portal.next_row + static_cast<size_t>(max_rows));
    SendDataRows(r, portal.next_row, end, portal.result_formats);
    size_t sent = end - portal.next_row;
    portal.next_row = end;
    if (end < r.row_count()) {
      wire::MessageWriter s(&out_);
      s.Begin('s');
      s.End();
      return;
    }
    bool is_select = r.command_tag().rfind("SELECT", 0) == 0;
    SendCommandComplete(is_select ? "SELECT " + std::to_string(sent) : r.command_tag());
    return;
  }
  SendCommandComplete(r.command_tag());
}

void Session::HandleClose(const std::string& body) {
  auto [kind, name] = wire::DecodeTarget(body);
  if (kind == 'S') {
    // Portals of the statement go too.
    auto it = statements_.find(name);
    if (it != statements_.end()) {
      for (auto p = portals_.begin(); p != portals_.end();) {
        p = p->second->statement == it->second.get() ? portals_.erase(p) : std::next(p);
      }
      statements_.erase(it);
    }
  } else {
    portals_.erase(name);
  }
  wire::MessageWriter w(&out_);
  w.Begin('3');
  w.End();
}

void Session::HandleMessage(char type, std::string& body, bool* close) {
  if (copy_in_) {
    // COPY FROM STDIN: CopyDone or CopyFail end it; Flush and Sync are ignored meanwhile.
    if (type == 'c' || type == 'f') {
      copy_in_ = false;
      QueryResult r = type == 'c' ? conn_->CopyIn(copy_buffer_) : conn_->CopyFail(wire::MessageReader(body).CString());
      copy_buffer_.clear();
      copy_buffer_.shrink_to_fit();
      if (r.ok()) {
        SendCommandComplete(r.command_tag());
      } else {
        SendError(r.error());
      }
      SendReadyForQuery();
    } else if (type != 'H' && type != 'S') {
      copy_in_ = false;
      conn_->CopyFail("unexpected message during COPY");
      SendError(Error(sqlstate::kProtocolViolation,
                      "unexpected message type " + std::to_string(static_cast<int>(type)) + " during COPY from stdin"));
      SendReadyForQuery();
    }
    return;
  }
  try {
    switch (type) {
      case 'Q':
        HandleQuery(body);
        if (fatal_sent_) {
          *close = true;
        } else if (!copy_in_) {
          SendReadyForQuery();
        }
        break;
      case 'P': HandleParse(body); break;
      case 'B': HandleBind(body); break;
      case 'D': HandleDescribe(body); break;
      case 'E': HandleExecute(body); break;
      case 'C': HandleClose(body); break;
      case 'H': break;  // Flush: output goes out after the message
      case 'S':
        skip_until_sync_ = false;
        // The unnamed portal lives until the next Sync.
        if (auto unnamed = portals_.find(""); unnamed != portals_.end()) {
          std::unique_ptr<Portal> portal = std::move(unnamed->second);
          portals_.erase(unnamed);
          KeepSparePortal(std::move(portal));
        }
        if (conn_->transaction_status() == 'I') {
          // The implicit transaction ends at Sync: so do the portals still streaming in it.
          for (auto p = portals_.begin(); p != portals_.end();) {
            p = p->second->stream ? portals_.erase(p) : std::next(p);
          }
        }
        SendReadyForQuery();
        break;
      default:
        throw Error(sqlstate::kProtocolViolation,
                    "invalid frontend message type " + std::to_string(static_cast<int>(type)));
    }
  } catch (ClientGone&) {
    *close = true;
  } catch (const Error& e) {
    SendError(e);
    // 08P01 closes the connection when the message stream itself is broken (PostgreSQL's FATAL);
    // one raised while reading a Bind (a binary parameter's bytes: "insufficient data left in
    // message", the parameter count) is an ERROR there, after which the session skips to Sync.
    bool broken_stream = e.sqlstate() == sqlstate::kProtocolViolation && type != 'B';
    if (broken_stream || fatal_sent_) {
      *close = true;
    } else if (type == 'Q') {
      SendReadyForQuery();
    } else {
      skip_until_sync_ = true;
    }
  }
}

asio::awaitable<bool> Session::RunSql(char type, std::string& body, bool was_skipping, bool* close) {
  struct Flag {
    bool& flag;
    explicit Flag(bool& f) : flag(f) { flag = true; }
    ~Flag() { flag = false; }
  };
  // Inline only without TLS (FlushIfFull writes to the socket itself), with no write of IdleLoop
  // under way, and when this session's last statement was quick: a slow one (a long query, a lock
  // wait) would hold an io thread.
  constexpr auto kInlineLimit = std::chrono::milliseconds(2);
  auto handle = [&] {  // the statement's own time, without the hand-offs
    auto start = std::chrono::steady_clock::now();
    struct Timed {
      Session* s;
      std::chrono::steady_clock::time_point start;
      ~Timed() { s->last_statement_time_ = std::chrono::steady_clock::now() - start; }
    } timed{this, start};
    HandleMessage(type, body, close);
  };
  bool ok = true;
  if (!tls_ && !writing_ && last_statement_time_ < kInlineLimit && io_.TryBeginInline()) {
    struct EndInline {
      IoThread& io;
      ~EndInline() { io.EndInline(); }
    } end_inline{io_};
    try {
      Flag on_io(inline_);
      handle();
    } catch (const std::exception&) {
      ok = false;
    }
  } else {
    continued_on_pool_ = false;
    // IdleLoop writes nothing more while the main loop is not reading. A turn reads and writes the
    // raw socket, so a TLS session never takes one.
    bool stay = !writing_ && !tls_;
    try {
      co_await RunBlocking(pool_, [&] {
        Flag on_pool(on_pool_);
        handle();
        if (stay) ContinueOnPool(type, was_skipping, close);
      });
    } catch (const std::exception&) {
      ok = false;
    }
  }
  co_return ok;
}

bool Session::AfterMessage(char type, bool was_skipping, bool close) {
  ApplyDeallocations();
  awaiting_query_ = type == 'Q' || type == 'S' || (type == 'c' || type == 'f');
  // Reply once a batch of pipelined messages has been answered.
  // An error in an extended-query exchange goes out at once, as PostgreSQL flushes every
  // ErrorResponse (drivers such as asyncpg wait for it after Flush, which is then skipped).
  bool failed = !was_skipping && skip_until_sync_;
  return close || failed || type == 'Q' || type == 'S' || type == 'H' || !InputPending();
}

asio::awaitable<void> Session::Run() {
  // co_await is not allowed inside catch blocks: handlers record what to do, the flush follows.
  bool started = false;
  bool fatal = false;
  // Startup and authentication must finish within authentication_timeout; past it the socket is
  // closed (the timer fires on this session's io thread), which ends the pending read.
  auth_deadline_.expires_after(options_.authentication_timeout);
  auto executor = co_await asio::this_coro::executor;
  executor_ = executor;
  auto on_deadline = [self = shared_from_this()](std::error_code ec) {
    if (ec || self->startup_done_) return;
    self->auth_timed_out_ = true;
    std::error_code ignored;
    self->socket_.close(ignored);
  };
  auth_deadline_.async_wait(std::move(on_deadline));
  try {
    started = co_await Startup();
  } catch (const Error& e) {
    // Errors during startup are FATAL: report and close.
    SendError(e, "FATAL");
    fatal = true;
  } catch (const std::exception&) {
  }
  startup_done_ = true;
  auth_deadline_.cancel();
  if (auth_timed_out_) {
    // As in PostgreSQL, the client is told nothing; the log says why.
    Log("info", "canceling authentication due to timeout");
    co_return;
  }
  if (fatal) {
    try {
      co_await Flush();
    } catch (...) {
    }
    // Half-close so the client reads the error before the connection goes away.
    std::error_code ignored;
    socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  }
  if (!started) co_return;
  idle_timer_ = std::make_unique<asio::steady_timer>(executor);
  asio::co_spawn(executor, IdleLoop(), asio::detached);
  struct StopIdleLoop {
    Session* s;
    ~StopIdleLoop() {
      s->closed_ = true;
      s->idle_timer_->cancel();
    }
  } stop_idle_loop{this};
  bool close = false;
  while (!close) {
    char type = 0;
    std::string body;
    bool got = false;
    bool protocol_error = false;
    int64_t idle_ms = awaiting_query_ ? conn_->IdleTimeoutMs() : 0;
    bool in_transaction = conn_->transaction_status() != 'I';
    try {
      if (!conn_->terminate_requested()) {
        wake_requested_->store(false, std::memory_order_relaxed);  // Wake (on the io thread) acts on it
        BeginIdleWait(idle_ms);
        bool readable = true;
        if (!tls_ && input_pos_ >= input_.size()) {
          // The wait for the client holds no read buffer and no nested coroutine frames.
          if (input_.capacity() > kKeptInputBytes) std::string().swap(input_);
          input_.clear();
          input_pos_ = 0;
          std::error_code wait_ec;
          co_await socket_.async_wait(asio::socket_base::wait_read, asio::redirect_error(asio::use_awaitable, wait_ec));
          readable = !wait_ec;
        }
        if (readable) got = co_await ReadMessage(&type, &body);
        waiting_for_client_ = false;
      }
    } catch (const Error& e) {
      waiting_for_client_ = false;
      // A message the session cannot frame ends it (FATAL), and the log keeps the reason.
      Log("info", std::string("terminating connection: ") + e.message());
      SendError(e, "FATAL");
      protocol_error = true;
    } catch (const std::exception&) {
      waiting_for_client_ = false;
      break;
    }
    if (!protocol_error && (idle_expired_ || conn_->terminate_requested())) {
      // As PostgreSQL: the client gets the FATAL error, then the connection closes.
      if (conn_->terminate_requested()) {
        SendError(Error("57P01", "terminating connection due to administrator command"));
      } else if (in_transaction) {
        SendError(Error("25P03", "terminating connection due to idle-in-transaction timeout"));
      } else {
        SendError(Error("57P05", "terminating connection due to idle-session timeout"));
      }
      protocol_error = true;
    }
    if (protocol_error) {
      try {
        co_await Flush();
      } catch (...) {
      }
      std::error_code ignored;
      socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
      break;
    }
    if (!got || type == 'X') break;
    if (copy_in_ && type == 'd') {
      copy_buffer_ += body;  // COPY FROM STDIN data: collected until CopyDone or CopyFail
      continue;
    }
    if (!copy_in_ && (type == 'd' || type == 'c' || type == 'f')) continue;  // copy messages outside COPY
    if (skip_until_sync_ && type != 'S' && !copy_in_) continue;
    // Messages that run SQL (and may wait for row locks or fsync) go to the blocking pool; the
    // others are answered here.
    // Closing a streaming portal (Close, or Sync for the unnamed one) completes its statement.
    bool runs_sql = type == 'Q' || type == 'E' || (copy_in_ && (type == 'c' || type == 'f')) ||
                    ((type == 'C' || type == 'S') && HasOpenStream());
    bool was_skipping = skip_until_sync_;
    continued_on_pool_ = false;
    if (runs_sql) {
      if (!co_await RunSql(type, body, was_skipping, &close)) break;
    } else {
      HandleMessage(type, body, &close);
    }
    if (client_gone_) break;
    // A turn on the pool answered this message and maybe more: what it could not send goes now.
    bool flush = continued_on_pool_ ? close || PendingBytes() > 0 : AfterMessage(type, was_skipping, close);
    std::error_code ec;
    if (flush) {
      try {
        co_await Flush();
      } catch (...) {
        break;
      }
    }
    if (close) socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  }
}

}  // namespace kanto::server
