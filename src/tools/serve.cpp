#include "tools/serve.hpp"

#include <chrono>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "server/server.hpp"

namespace kanto::tools {

namespace {
const char* kServeHelp =
    "usage: kanto serve [--config FILE] [--data DIR] [--listen HOST:PORT] [--max-connections N]\n"
    "                   [--auth trust|scram-sha-256 | --hba FILE] [--tls-cert FILE --tls-key FILE]\n"
    "                   [--authentication-timeout DURATION] [-c NAME=VALUE]...\n"
    "\n"
    "Serves the database in DIR over the PostgreSQL wire protocol (v3).\n"
    "  --config FILE         settings file: lines of `key = value` with the keys data, listen,\n"
    "                        max_connections, auth, hba_file, tls_cert, tls_key, authentication_timeout,\n"
    "                        max_prepared_transactions and synchronous_commit\n"
    "                        ('#' starts a comment; env KANTO_CONFIG)\n"
    "  --data DIR            data directory (default ./kanto-data; env KANTO_DATA)\n"
    "  --listen HOST:PORT    address to listen on (default 127.0.0.1:5432; env KANTO_LISTEN)\n"
    "  --max-connections N   refuse further connections with 53300 (default 100;\n"
    "                        env KANTO_MAX_CONNECTIONS)\n"
    "  --auth METHOD         authentication of loopback clients: trust (default) or scram-sha-256\n"
    "                        (env KANTO_AUTH); clients on other addresses always need a password\n"
    "  --hba FILE            client access file in PostgreSQL's pg_hba.conf format (host, hostssl,\n"
    "                        hostnossl lines; database, user, address; trust, reject or\n"
    "                        scram-sha-256): the first matching line decides, no line refuses;\n"
    "                        reloaded on SIGHUP; replaces --auth (env KANTO_HBA_FILE)\n"
    "  --tls-cert FILE       PEM certificate (chain) for TLS; with --tls-key, clients that ask for\n"
    "  --tls-key FILE        TLS (sslmode=require) get it (env KANTO_TLS_CERT, KANTO_TLS_KEY)\n"
    "  --authentication-timeout DURATION\n"
    "                        a client that has not finished startup and authentication within\n"
    "                        it is disconnected: seconds, or with a unit (500ms, 10s, 1min);\n"
    "                        1s to 600s (default 60s; env KANTO_AUTHENTICATION_TIMEOUT)\n"
    "  -c NAME=VALUE         a setting as in the config file, PostgreSQL's way (postgres -c):\n"
    "                        e.g. -c max_prepared_transactions=10 (PREPARE TRANSACTION; default 0,\n"
    "                        which disables it as in PostgreSQL; env KANTO_MAX_PREPARED_TRANSACTIONS),\n"
    "                        -c synchronous_commit=off (the sessions' default; COMMIT then returns\n"
    "                        before the WAL sync, which follows within 200 ms: a crash of the\n"
    "                        machine may lose the last commits, never a part of one; default on)\n"
    "Command-line options override the environment, which overrides the config file.\n"
    "\n"
    "A new data directory has the superuser role \"kanto\" (no password) and the database \"kanto\".\n"
    "Give roles passwords with CREATE ROLE name LOGIN PASSWORD '...' or ALTER ROLE ... PASSWORD;\n"
    "they are stored as SCRAM-SHA-256 verifiers. Stop with SIGINT or SIGTERM: running statements are\n"
    "cancelled, open transactions rolled back, committed data is kept.\n";

bool ParseListen(const std::string& s, server::ServerOptions* o) {
  size_t colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  o->host = s.substr(0, colon);
  if (o->host.size() > 2 && o->host.front() == '[' && o->host.back() == ']') o->host = o->host.substr(1, o->host.size() - 2);
  char* end = nullptr;
  long port = std::strtol(s.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || port < 0 || port > 65535) return false;
  o->port = static_cast<uint16_t>(port);
  return true;
}

// "60", "60s", "1min", "1500ms" as milliseconds; false unless it is a whole number of one of those
// units between 1 s and 600 s (PostgreSQL's range for authentication_timeout).
bool ParseAuthTimeout(const std::string& s, std::chrono::milliseconds* out) {
  char* end = nullptr;
  long long n = std::strtoll(s.c_str(), &end, 10);
  if (end == s.c_str() || n < 0 || n > 600000) return false;
  std::string unit = end;
  long long ms = unit == "ms" ? n : unit.empty() || unit == "s" ? n * 1000 : unit == "min" ? n * 60000 : -1;
  if (ms < 1000 || ms > 600000) return false;
  *out = std::chrono::milliseconds(ms);
  return true;
}

// Applies one setting; false (with *error) when the key or value is bad.
bool Apply(const std::string& key, const std::string& value, server::ServerOptions* o, std::string* error) {
  if (key == "data") {
    o->data_dir = value;
  } else if (key == "listen") {
    if (!ParseListen(value, o)) *error = "bad listen \"" + value + "\" (want HOST:PORT)";
  } else if (key == "max_connections") {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    if (*end != '\0' || n < 1 || n > 100000) *error = "bad max_connections \"" + value + "\"";
    else o->max_connections = static_cast<int>(n);
  } else if (key == "auth") {
    if (value != "trust" && value != "scram-sha-256") *error = "bad auth \"" + value + "\" (want trust or scram-sha-256)";
    else o->loopback_auth = value;
  } else if (key == "hba_file") {
    o->hba_file = value;
  } else if (key == "tls_cert") {
    o->tls_cert = value;
  } else if (key == "tls_key") {
    o->tls_key = value;
  } else if (key == "authentication_timeout") {
    if (!ParseAuthTimeout(value, &o->authentication_timeout)) {
      *error = "bad authentication_timeout \"" + value + "\" (want 1s to 600s, e.g. 60s or 1min)";
    }
  } else if (key == "max_prepared_transactions") {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < 0 || n > 262143) *error = "bad max_prepared_transactions \"" + value + "\"";
    else o->max_prepared_transactions = static_cast<int>(n);
  } else if (key == "synchronous_commit") {
    // PostgreSQL's values; without replication all but off mean the WAL sync before COMMIT returns.
    std::string v;
    for (char c : value) v += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "off" || v == "false" || v == "no" || v == "0") {
      o->sync_commit = false;
    } else if (v == "on" || v == "true" || v == "yes" || v == "1" || v == "local" || v == "remote_write" ||
               v == "remote_apply") {
      o->sync_commit = true;
    } else {
      *error = "bad synchronous_commit \"" + value + "\" (want on, off, local, remote_write or remote_apply)";
    }
  } else {
    *error = "unknown setting \"" + key + "\"";
  }
  return error->empty();
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool LoadConfig(const std::string& path, server::ServerOptions* o) {
  std::ifstream in(path);
  if (!in) {
    std::fprintf(stderr, "kanto serve: cannot read config file %s\n", path.c_str());
    return false;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); number++) {
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    line = Trim(line);
    if (line.empty()) continue;
    size_t eq = line.find('=');
    std::string error = eq == std::string::npos ? "expected key = value" : "";
    if (error.empty()) {
      std::string value = Trim(line.substr(eq + 1));
      if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') && value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      Apply(Trim(line.substr(0, eq)), value, o, &error);
    }
    if (!error.empty()) {
      std::fprintf(stderr, "kanto serve: %s:%d: %s\n", path.c_str(), number, error.c_str());
      return false;
    }
  }
  return true;
}
}  // namespace

int RunServe(int argc, char** argv) {
  server::ServerOptions options;
  std::string config = std::getenv("KANTO_CONFIG") ? std::getenv("KANTO_CONFIG") : "";
  for (int i = 0; i + 1 < argc; i++) {
    if (std::strcmp(argv[i], "--config") == 0) config = argv[i + 1];
  }
  if (!config.empty() && !LoadConfig(config, &options)) return 2;
  static const std::pair<const char*, const char*> kEnv[] = {
      {"KANTO_DATA", "data"},        {"KANTO_LISTEN", "listen"},        {"KANTO_MAX_CONNECTIONS", "max_connections"},
      {"KANTO_AUTH", "auth"},        {"KANTO_HBA_FILE", "hba_file"},    {"KANTO_TLS_CERT", "tls_cert"},    {"KANTO_TLS_KEY", "tls_key"},
      {"KANTO_AUTHENTICATION_TIMEOUT", "authentication_timeout"},
      {"KANTO_MAX_PREPARED_TRANSACTIONS", "max_prepared_transactions"}};
  for (const auto& [var, key] : kEnv) {
    const char* v = std::getenv(var);
    std::string error;
    if (v && !Apply(key, v, &options, &error)) {
      std::fprintf(stderr, "kanto serve: %s: %s\n", var, error.c_str());
      return 2;
    }
  }
  static const std::pair<const char*, const char*> kFlags[] = {
      {"--data", "data"}, {"--listen", "listen"}, {"--max-connections", "max_connections"}, {"--auth", "auth"},
      {"--hba", "hba_file"},      {"--tls-cert", "tls_cert"}, {"--tls-key", "tls_key"}, {"--authentication-timeout", "authentication_timeout"}};
  for (int i = 0; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kServeHelp, stdout);
      return 0;
    }
    if (a == "--config" && i + 1 < argc) {
      i++;
      continue;
    }
    if (a == "-c" && i + 1 < argc) {  // -c name=value
      std::string setting = argv[++i];
      size_t eq = setting.find('=');
      std::string error = eq == std::string::npos ? "bad -c \"" + setting + "\" (want NAME=VALUE)" : "";
      if (error.empty()) Apply(Trim(setting.substr(0, eq)), Trim(setting.substr(eq + 1)), &options, &error);
      if (!error.empty()) {
        std::fprintf(stderr, "kanto serve: %s\n", error.c_str());
        return 2;
      }
      continue;
    }
    const char* key = nullptr;
    for (const auto& [flag, k] : kFlags) {
      if (a == flag) key = k;
    }
    if (!key || i + 1 >= argc) {
      std::fprintf(stderr, "kanto serve: unknown option %s\n%s", a.c_str(), kServeHelp);
      return 2;
    }
    std::string error;
    if (!Apply(key, argv[++i], &options, &error)) {
      std::fprintf(stderr, "kanto serve: %s\n", error.c_str());
      return 2;
    }
  }
  if (!options.hba_file.empty() && !options.loopback_auth.empty()) {
    std::fprintf(stderr, "kanto serve: auth and hba_file cannot both be given (the access file says how each client authenticates)\n");
    return 2;
  }
  return server::RunServer(options);
}

}  // namespace kanto::tools
