#include "tools/serve.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "server/server.hpp"

namespace kanto::tools {

namespace {
const char* kServeHelp =
    "usage: kanto serve [--data DIR] [--listen HOST:PORT] [--max-connections N]\n"
    "\n"
    "Serves the database in DIR over the PostgreSQL wire protocol (v3).\n"
    "  --data DIR            data directory (default ./kanto-data; env KANTO_DATA)\n"
    "  --listen HOST:PORT    address to listen on (default 127.0.0.1:5432; env KANTO_LISTEN)\n"
    "  --max-connections N   refuse further connections with 53300 (default 100)\n"
    "\n"
    "Clients connect as user \"kanto\" to database \"kanto\" with trust authentication; only loopback\n"
    "clients are accepted until password authentication exists. Stop with SIGINT or SIGTERM: open\n"
    "transactions are rolled back, committed data is kept.\n";

bool ParseListen(const std::string& s, server::ServerOptions* o) {
  size_t colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  o->host = s.substr(0, colon);
  if (o->host.size() > 2 && o->host.front() == '[' && o->host.back() == ']') o->host = o->host.substr(1, o->host.size() - 2);
  int port = std::atoi(s.c_str() + colon + 1);
  if (port < 0 || port > 65535) return false;
  o->port = static_cast<uint16_t>(port);
  return true;
}
}  // namespace

int RunServe(int argc, char** argv) {
  server::ServerOptions options;
  if (const char* d = std::getenv("KANTO_DATA")) options.data_dir = d;
  if (const char* l = std::getenv("KANTO_LISTEN")) {
    if (!ParseListen(l, &options)) {
      std::fprintf(stderr, "kanto serve: bad KANTO_LISTEN \"%s\" (want HOST:PORT)\n", l);
      return 2;
    }
  }
  for (int i = 0; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::fputs(kServeHelp, stdout);
      return 0;
    } else if (a == "--data" && i + 1 < argc) {
      options.data_dir = argv[++i];
    } else if (a == "--listen" && i + 1 < argc) {
      if (!ParseListen(argv[++i], &options)) {
        std::fprintf(stderr, "kanto serve: bad --listen \"%s\" (want HOST:PORT)\n", argv[i]);
        return 2;
      }
    } else if (a == "--max-connections" && i + 1 < argc) {
      options.max_connections = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "kanto serve: unknown option %s\n%s", a.c_str(), kServeHelp);
      return 2;
    }
  }
  return server::RunServer(options);
}

}  // namespace kanto::tools
