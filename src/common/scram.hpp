// SCRAM-SHA-256 (RFC 5802 / 7677) as PostgreSQL uses it: password verifiers in PostgreSQL's stored
// format ("SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>", base64 parts) and the
// server side of the authentication exchange. Passwords are used as given (no SASLprep).
#pragma once

#include <string>
#include <string_view>

namespace kanto::scram {

std::string Base64Encode(std::string_view data);
bool Base64Decode(std::string_view text, std::string* out);

// A new verifier for `password` with a random 16-byte salt and 4096 iterations.
std::string MakeVerifier(std::string_view password);
bool IsVerifier(std::string_view text);

// The server side of one exchange against a stored verifier.
class ServerExchange {
 public:
  explicit ServerExchange(std::string verifier) : verifier_(std::move(verifier)) {}
  // Reads the client-first message; returns the server-first message, or false when malformed.
  bool ServerFirst(std::string_view client_first, std::string* server_first);
  // Checks the client-final message's proof; on success returns the server-final message.
  bool ServerFinal(std::string_view client_final, std::string* server_final);

 private:
  std::string verifier_;
  std::string client_first_bare_;
  std::string server_first_;
  std::string nonce_;
};

}  // namespace kanto::scram
