// Persistence test helper: commits one row per transaction and prints each id once its COMMIT has
// returned. The test kills this process with SIGKILL at a random moment and checks that every
// printed id is still there after reopening.
#include <cstdio>
#include <string>

#include "kanto/kanto.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: crash_writer DIR [START]\n");
    return 2;
  }
  kanto::Error error("00000", "");
  auto db = kanto::Database::Open(argv[1], {}, &error);
  if (!db) {
    std::fprintf(stderr, "open failed: %s\n", error.message().c_str());
    return 1;
  }
  kanto::Connection conn(db);
  auto r = conn.Execute("CREATE TABLE IF NOT EXISTS crash (id bigint PRIMARY KEY, payload text)");
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n", r.error().message().c_str());
    return 1;
  }
  long start = argc > 2 ? std::stol(argv[2]) : 1;
  for (long id = start;; id++) {
    auto ins = conn.Execute("INSERT INTO crash VALUES ($1, repeat('x', 100))", {kanto::Param(static_cast<int64_t>(id))});
    if (!ins.ok()) {
      std::fprintf(stderr, "%s\n", ins.error().message().c_str());
      return 1;
    }
    std::printf("%ld\n", id);
    std::fflush(stdout);
  }
}
