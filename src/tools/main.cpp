// The `kanto` command.
#include <cstring>
#include <iostream>
#include <string>

#include "tools/serve.hpp"
#include "tools/shell.hpp"

namespace {
const char* kHelp =
    "usage: kanto COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  shell [DIR]   interactive SQL shell on the embedded database in DIR (default ./kanto-data)\n"
    "  serve         PostgreSQL wire-protocol server (kanto serve --help for its options)\n"
    "\n"
    "  kanto COMMAND --help   options of a command\n"
    "  kanto --version        print the version\n";
}

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    std::cout << kHelp;
    return argc < 2 ? 2 : 0;
  }
  std::string cmd = argv[1];
  if (cmd == "--version" || cmd == "version") {
    std::cout << "kanto 0.1.0\n";
    return 0;
  }
  if (cmd == "shell") return kanto::tools::RunShell(argc - 2, argv + 2);
  if (cmd == "serve") return kanto::tools::RunServe(argc - 2, argv + 2);
  std::cerr << "kanto: unknown command \"" << cmd << "\"\n" << kHelp;
  return 2;
}
