#include "tools/serve.hpp"

#include <cstdio>

namespace kanto::tools {

int RunServe(int, char**) {
  std::fprintf(stderr,
               "kanto serve: the PostgreSQL wire-protocol server is not built yet.\n"
               "Use `kanto shell DIR` for an interactive session on a database directory.\n");
  return 2;
}

}  // namespace kanto::tools
