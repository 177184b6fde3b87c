// The client access file (`kanto serve --hba FILE`), in PostgreSQL's pg_hba.conf format: which
// connection type, database, role and client address may connect, and how it authenticates.
//
//   # TYPE     DATABASE   USER    ADDRESS          METHOD
//   host       all        kanto   127.0.0.1/32     trust
//   hostssl    app        all     10.0.0.0/8       scram-sha-256
//   host       all        all     0.0.0.0/0        reject
//
// The first line that matches a connection decides; no line matching refuses it (28000), as in
// PostgreSQL. Types: host, hostssl, hostnossl, and local (Unix-socket connections, which Kanto does
// not accept, so a local line matches nothing). Databases: all, sameuser, a name, or a comma list
// ("quoted" for a name that is a keyword). Users: all, a name, or a comma list. Addresses: CIDR
// (a.b.c.d/n, an IPv6 address/n), an address and a mask in two columns, all, samehost, samenet.
// Methods: trust, reject, scram-sha-256, and md5 (which is SCRAM-SHA-256 here, as in PostgreSQL for
// a role whose password is stored as a SCRAM verifier, the only way Kanto stores them).
// Everything else PostgreSQL accepts there (role groups +name, samerole, @file, host names,
// replication, other methods, options after the method) refuses the file with an error naming
// it: a rule Kanto cannot apply must not be silently dropped.
#pragma once

#include <asio/ip/address.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kanto::server {

enum class HbaMethod { kTrust, kReject, kScramSha256 };

struct HbaClient {
  bool ssl = false;
  std::string database;
  std::string user;
  asio::ip::address address;
};

struct HbaRule;

// The rules of one file, parsed.
class HbaRules {
 public:
  // Parses `text` (the contents of `file`, named in errors). False with *error set to
  // "FILE:LINE: what" at the first line that is wrong or asks for what Kanto does not do.
  static bool Parse(const std::string& text, const std::string& file, HbaRules* out, std::string* error);

  // The method of the first rule matching `client`; nullopt when none does.
  std::optional<HbaMethod> Match(const HbaClient& client) const;

  HbaRules();
  ~HbaRules();
  HbaRules(HbaRules&&) noexcept;
  HbaRules& operator=(HbaRules&&) noexcept;

 private:
  std::vector<HbaRule> rules_;
};

// The access file of a running server: loaded at start, reloaded on SIGHUP. Sessions match
// against the rules as they were when their connection started.
class HbaFile {
 public:
  explicit HbaFile(std::string path) : path_(std::move(path)) {}
  // (Re)reads the file. On an error (a message naming the file and line) the rules in force stay.
  bool Load(std::string* error);
  std::optional<HbaMethod> Match(const HbaClient& client) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  mutable std::mutex mu_;
  std::shared_ptr<const HbaRules> rules_;
};

}  // namespace kanto::server
