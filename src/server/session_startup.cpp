// The start of a session: SSLRequest (TLS) / GSSENCRequest / CancelRequest, the StartupMessage,
// authentication (trust or SCRAM-SHA-256; the access file decides when there is one), and the
// ParameterStatus / BackendKeyData greeting.
#include "common/scram.hpp"
#include "server/session.hpp"
#include "server/server.hpp"
#include "server/wire/frontend.hpp"
#include "server/wire/message_limits.hpp"
#include "server/wire/message_reader.hpp"
#include "server/wire/message_writer.hpp"

namespace kanto::server {

asio::awaitable<bool> Session::Startup() {
  while (true) {
    char len_buf[4];
    std::error_code ec;
    co_await ReadExact(asio::buffer(len_buf, 4), ec);
    if (ec) co_return false;
    int32_t len = wire::MessageReader(std::string_view(len_buf, 4)).Int32();
    if (len < 8 || len - 4 > wire::kMaxStartupPacketBody) {
      throw Error(sqlstate::kProtocolViolation, "invalid length of startup packet");
    }
    std::string body(static_cast<size_t>(len) - 4, '\0');
    co_await ReadExact(asio::buffer(body), ec);
    if (ec) co_return false;
    wire::StartupPacket packet = wire::DecodeStartup(body);
    int32_t code = packet.code;
    if (code == wire::kSslRequestCode && tls_context_ && !tls_) {
      // Bytes sent after the SSLRequest, before the handshake, are not encrypted: they must not
      // be read as if they came through TLS (as PostgreSQL, which ends the connection).
      if (input_pos_ < input_.size()) {
        throw Error(sqlstate::kProtocolViolation, "received unencrypted data after SSL request");
      }
      out_ += 'S';
      co_await Flush();
      tls_ = std::make_unique<asio::ssl::stream<asio::ip::tcp::socket&>>(socket_, *tls_context_);
      co_await tls_->async_handshake(asio::ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return false;  // not a TLS client after all: nothing more to say
      continue;
    }
    if (code == wire::kSslRequestCode || code == wire::kGssEncRequestCode) {
      out_ += 'N';  // no TLS configured / no GSS encryption
      co_await Flush();
      continue;
    }
    if (code == wire::kCancelRequestCode) {
      registry_.Cancel(packet.cancel_pid, packet.cancel_secret);
      co_return false;
    }
    if (code >> 16 != 3) {
      throw Error(sqlstate::kFeatureNotSupported,
                  "unsupported frontend protocol " + std::to_string(code >> 16) + "." + std::to_string(code & 0xffff) +
                      ": server supports 3.0 to 3.0");
    }
    std::map<std::string, std::string>& params = packet.params;
    std::string user = params.count("user") ? params["user"] : "";
    std::string database = params.count("database") ? params["database"] : user;
    if (user.empty()) throw Error(sqlstate::kInvalidAuthorization, "no PostgreSQL user name specified in startup packet");
    Database::RoleInfo role;
    bool exists = db_->FindRole(user, &role);
    asio::error_code addr_ec;
    auto remote = socket_.remote_endpoint(addr_ec);
    bool loopback = !addr_ec && remote.address().is_loopback();
    // With a password required, an unknown role fails like a wrong password (as in PostgreSQL,
    // which does not tell unauthenticated clients which roles exist).
    // (A named local: GCC 12 destroys temporaries in co_await arguments twice.)
    std::string verifier = exists ? role.password_verifier : std::string();
    bool password = !loopback || options_.loopback_auth == "scram-sha-256";
    if (hba_) password = CheckAccessFile(user, database, addr_ec ? asio::ip::address() : remote.address(), !addr_ec);
    if (password) co_await AuthenticateScram(user, verifier);
    if (!exists) throw Error(sqlstate::kInvalidAuthorization, "role \"" + user + "\" does not exist");
    if (!role.can_login) throw Error(sqlstate::kInvalidAuthorization, "role \"" + user + "\" is not permitted to log in");
    // The database by name (3D000 when there is none), and whether it takes this session now.
    Error refused(sqlstate::kSuccess, "");
    std::shared_ptr<Database> target = db_->OpenDatabase(database, &refused);
    if (!target || !target->AcceptsConnection(role.superuser, &refused)) throw refused;
    if (registry_.active() >= options_.max_connections) {
      throw Error(sqlstate::kTooManyConnections, "sorry, too many clients already");
    }
    conn_ = std::make_unique<Connection>(target);
    conn_->SetUser(user);
    conn_->SetDeallocateHook([this](const std::string& name) {
      if (name.empty()) {
        pending_deallocate_all_ = true;
        return true;
      }
      if (!statements_.count(name)) return false;
      pending_deallocate_.push_back(name);
      return true;
    });
    pid_ = conn_->backend_pid();
    secret_ = registry_.Register(this, pid_);
    if (!addr_ec) conn_->SetClient(remote.address().to_string(), remote.port());
    asio::error_code local_ec;
    auto local = socket_.local_endpoint(local_ec);
    if (!local_ec) conn_->SetServerEndpoint(local.address().to_string(), local.port());
    // pg_terminate_backend and notifications reach a session that waits for its client (IdleLoop).
    conn_->SetTerminateHook(WakeHook());
    conn_->SetNotificationWake(WakeHook());
    wire::MessageWriter w(&out_);
    w.Begin('R').Int32(0);  // AuthenticationOk
    w.End();
    // Startup parameters that are settings become this session's defaults.
    for (const auto& [key, value] : params) {
      if (key != "user" && key != "database" && key != "options" && key != "replication") {
        conn_->SetSessionDefault(key, value);
      }
    }
    if (params.count("options")) {  // -c name=value, as psql's PGOPTIONS sends them
      for (const auto& [key, value] : wire::ParseStartupOptions(params["options"])) conn_->SetSessionDefault(key, value);
    }
    std::string app = params.count("application_name") ? params["application_name"] : "";
    SendParameterStatus("application_name", app);
    SendParameterStatus("client_encoding", "UTF8");
    SendParameterStatus("DateStyle", "ISO, MDY");
    SendParameterStatus("default_transaction_read_only", "off");
    SendParameterStatus("in_hot_standby", "off");
    SendParameterStatus("integer_datetimes", "on");
    SendParameterStatus("IntervalStyle", "postgres");
    SendParameterStatus("is_superuser", role.superuser ? "on" : "off");
    SendParameterStatus("server_encoding", "UTF8");
    SendParameterStatus("server_version", "15.0 (Kanto 0.1.0)");
    SendParameterStatus("session_authorization", user);
    SendParameterStatus("standard_conforming_strings", "on");
    SendParameterStatus("TimeZone", "UTC");
    wire::MessageWriter k(&out_);
    k.Begin('K').Int32(pid_).Int32(secret_);
    k.End();
    SendReadyForQuery();
    co_await Flush();
    co_return true;
  }
}

bool Session::CheckAccessFile(const std::string& user, const std::string& database, const asio::ip::address& address,
                              bool known_address) {
  // As PostgreSQL words it (28000), naming the client's address and whether it came over TLS.
  std::string who = "host \"" + (known_address ? address.to_string() : std::string("[unknown]")) + "\", user \"" + user +
                    "\", database \"" + database + "\", " + (tls_ ? "SSL encryption" : "no encryption");
  std::optional<HbaMethod> method;
  if (known_address) method = hba_->Match({tls_ != nullptr, database, user, address});
  if (!method) throw Error(sqlstate::kInvalidAuthorization, "no pg_hba.conf entry for " + who);
  if (*method == HbaMethod::kReject) throw Error(sqlstate::kInvalidAuthorization, "pg_hba.conf rejects connection for " + who);
  return *method == HbaMethod::kScramSha256;
}

asio::awaitable<std::string> Session::ReadSaslMessage(const Error& failed) {
  char type = 0;
  int32_t len = 0;
  std::string body;
  if (!co_await ReadHeader(&type, &len) || type != 'p') {
    throw Error(sqlstate::kProtocolViolation,
                "expected SASL response, got message type " + std::to_string(static_cast<int>(type)));
  }
  if (len < 4 || len > wire::kMaxSaslMessage) {
    // As in PostgreSQL: the log says why, the client only that authentication failed.
    Log("info", "invalid message length");
    throw failed;
  }
  if (!co_await ReadBody(static_cast<size_t>(len) - 4, &body)) {
    throw Error(sqlstate::kProtocolViolation, "expected SASL response, got message type 0");
  }
  co_return body;
}

asio::awaitable<void> Session::AuthenticateScram(const std::string& user, const std::string& verifier) {
  Error failed(sqlstate::kInvalidPassword, "password authentication failed for user \"" + user + "\"");
  {
    wire::MessageWriter w(&out_);
    w.Begin('R').Int32(10).CString("SCRAM-SHA-256").Byte(0);  // AuthenticationSASL
    w.End();
  }
  co_await Flush();
  std::string body = co_await ReadSaslMessage(failed);
  wire::SaslInitial initial = wire::DecodeSaslInitial(body);
  if (initial.mechanism != "SCRAM-SHA-256") {
    throw Error(sqlstate::kProtocolViolation, "client selected an invalid SASL authentication mechanism");
  }
  const std::string& client_first = initial.data;
  scram::ServerExchange exchange(verifier);
  std::string server_first;
  if (!exchange.ServerFirst(client_first, &server_first)) throw Error(sqlstate::kProtocolViolation, "malformed SCRAM message");
  {
    wire::MessageWriter w(&out_);
    w.Begin('R').Int32(11).Bytes(server_first);  // AuthenticationSASLContinue
    w.End();
  }
  co_await Flush();
  body = co_await ReadSaslMessage(failed);
  std::string server_final;
  if (verifier.empty() || !exchange.ServerFinal(body, &server_final)) throw failed;
  wire::MessageWriter w(&out_);
  w.Begin('R').Int32(12).Bytes(server_final);  // AuthenticationSASLFinal
  w.End();
}

}  // namespace kanto::server
