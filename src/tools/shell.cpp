// kanto shell: psql-like interactive shell over the embedding API.
#include "tools/shell.hpp"

#include <readline/history.h>
#include <readline/readline.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "kanto/introspect.hpp"
#include "kanto/kanto.hpp"
#include "tools/result_printer.hpp"
#include "tools/statement_splitter.hpp"

namespace kanto::tools {

namespace {

const char* kShellHelp =
    "usage: kanto shell [options] [DIR]\n"
    "\n"
    "Opens the database in DIR (default ./kanto-data, created if missing) and runs SQL.\n"
    "Interactive when standard input is a terminal (line editing, history in ~/.kanto_history);\n"
    "otherwise reads statements from standard input.\n"
    "\n"
    "options:\n"
    "  -d NAME      connect to database NAME of the directory (default: the default one, kanto)\n"
    "  -c SQL       run SQL and exit\n"
    "  -f FILE      run the statements in FILE and exit\n"
    "  -q, --quiet  do not print command tags\n"
    "  -h, --help   this help\n"
    "\n"
    "Non-interactive runs stop at the first error and exit with status 1 (like psql -v ON_ERROR_STOP=1).\n"
    "\n"
    "backslash commands:\n"
    "  \\q          quit\n"
    "  \\d [NAME]   list tables and indexes, or describe table NAME\n"
    "  \\dt         list tables\n"
    "  \\dv         list views\n"
    "  \\di         list indexes\n"
    "  \\timing     toggle printing of each statement's time\n"
    "  \\?          this list\n";

class Shell {
 public:
  Shell(std::shared_ptr<Database> db, bool quiet) : conn_(std::move(db)), quiet_(quiet) {}

  // Returns false on error.
  bool RunStatement(const std::string& sql) {
    auto start = std::chrono::steady_clock::now();
    auto results = conn_.ExecuteAll(sql);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    bool ok = true;
    for (const auto& r : results) {
      if (!r.ok()) {
        PrintError(r.error());
        ok = false;
        break;
      }
      if (!r.notices().empty()) std::cout.flush();
      for (const Error& notice : r.notices()) PrintError(notice, "NOTICE");  // to stderr, as psql does
      if (r.has_rows()) {
        // A value whose text form cannot be made (an output function's error) ends this
        // statement's output, not the shell.
        try {
          PrintResult(std::cout, r);
        } catch (const Error& e) {
          std::cout.flush();
          PrintError(e);
          ok = false;
          break;
        }
      } else if (!quiet_ && !r.command_tag().empty()) {
        std::cout << r.command_tag() << "\n";
      }
    }
    if (timing_) std::printf("Time: %.3f ms\n", ms);
    std::cout.flush();
    return ok;
  }

  // Returns false to quit; *failed set on errors.
  bool RunBackslash(const std::string& line, bool* failed) {
    std::istringstream in(line);
    std::string cmd, arg;
    in >> cmd >> arg;
    if (cmd == "\\q") return false;
    if (cmd == "\\?") {
      std::cout << kShellHelp;
    } else if (cmd == "\\timing") {
      timing_ = arg.empty() ? !timing_ : arg == "on";
      std::cout << "Timing is " << (timing_ ? "on." : "off.") << "\n";
    } else if (cmd == "\\d" && !arg.empty()) {
      TableDescription t;
      if (!DescribeTable(conn_, arg, &t)) {
        std::cerr << "Did not find any relation named \"" << arg << "\".\n";
        *failed = true;
        return true;
      }
      std::vector<std::vector<std::string>> rows;
      for (const auto& c : t.columns) rows.push_back({c.name, c.type, "", c.not_null ? "not null" : "", c.default_sql});
      PrintTable(std::cout, "Table \"" + t.schema + "." + t.name + "\"",
                 {"Column", "Type", "Collation", "Nullable", "Default"}, rows, {false, false, false, false, false},
                 false);
      if (!t.indexes.empty()) {
        std::cout << "Indexes:\n";
        for (const auto& i : t.indexes) std::cout << "    " << i << "\n";
      }
      std::cout << "\n";
    } else if (cmd == "\\d" || cmd == "\\dt" || cmd == "\\di" || cmd == "\\dv" || cmd == "\\dt+" || cmd == "\\d+") {
      bool indexes = cmd == "\\di";
      bool views = cmd == "\\d" || cmd == "\\d+" || cmd == "\\dv";
      bool tables = cmd != "\\di" && cmd != "\\dv";
      std::vector<std::vector<std::string>> rows;
      for (const auto& r : ListRelations(conn_)) {
        if ((r.kind == "table" && tables) || (r.kind == "view" && views) || (r.kind == "index" && indexes)) {
          std::vector<std::string> row = {r.schema, r.name, r.kind, r.owner};
          if (indexes) row.push_back(r.table);
          rows.push_back(row);
        }
      }
      if (rows.empty()) {
        std::cout << "Did not find any relations.\n";
      } else if (indexes) {
        PrintTable(std::cout, "List of relations", {"Schema", "Name", "Type", "Owner", "Table"}, rows,
                   {false, false, false, false, false});
      } else {
        PrintTable(std::cout, "List of relations", {"Schema", "Name", "Type", "Owner"}, rows,
                   {false, false, false, false});
      }
    } else {
      std::cerr << "invalid command " << cmd << "\nTry \\? for help.\n";
      *failed = true;
    }
    std::cout.flush();
    return true;
  }

  // Non-interactive: stops at the first error.
  int RunScript(std::istream& in) {
    StatementSplitter splitter;
    std::string line;
    while (std::getline(in, line)) {
      if (splitter.Empty() && !line.empty() && line[0] == '\\') {
        bool failed = false;
        if (!RunBackslash(line, &failed)) return 0;
        if (failed) return 1;
        continue;
      }
      for (const auto& stmt : splitter.Feed(line + "\n")) {
        if (!RunStatement(stmt)) return 1;
      }
    }
    if (!splitter.Empty()) {
      if (!RunStatement(splitter.Rest())) return 1;
    }
    return 0;
  }

  int RunInteractive() {
    std::string history = std::string(getenv("HOME") ? getenv("HOME") : ".") + "/.kanto_history";
    read_history(history.c_str());
    std::printf("kanto shell 0.1.0 (PostgreSQL dialect). Type \\? for help, \\q to quit.\n\n");
    StatementSplitter splitter;
    while (true) {
      const char* prompt = splitter.Empty() ? "kanto=> " : "kanto-> ";
      char* raw = readline(prompt);
      if (!raw) break;
      std::string line = raw;
      free(raw);
      if (!line.empty()) add_history(line.c_str());
      if (splitter.Empty() && !line.empty() && line[0] == '\\') {
        bool failed = false;
        if (!RunBackslash(line, &failed)) break;
        continue;
      }
      for (const auto& stmt : splitter.Feed(line + "\n")) RunStatement(stmt);
    }
    write_history(history.c_str());
    return 0;
  }

 private:
  void PrintError(const Error& e, const char* severity = "ERROR") {
    std::cerr << severity << ":  " << e.message() << "\n";
    if (!e.detail().empty()) std::cerr << "DETAIL:  " << e.detail() << "\n";
    if (!e.hint().empty()) std::cerr << "HINT:  " << e.hint() << "\n";
  }

  Connection conn_;
  bool quiet_;
  bool timing_ = false;
};

}  // namespace

int RunShell(int argc, char** argv) {
  std::string dir = "kanto-data", command, file, database;
  bool quiet = false;
  for (int i = 0; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::cout << kShellHelp;
      return 0;
    } else if (a == "-c" && i + 1 < argc) {
      command = argv[++i];
    } else if (a == "-d" && i + 1 < argc) {
      database = argv[++i];
    } else if (a == "-f" && i + 1 < argc) {
      file = argv[++i];
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "kanto shell: unknown option " << a << "\n";
      return 2;
    } else {
      dir = a;
    }
  }
  Error error("00000", "");
  Options options;
  options.database = database;
  auto db = Database::Open(dir, options, &error);
  if (!db) {
    std::cerr << "kanto shell: cannot open \"" << dir << "\": " << error.message() << "\n";
    return 2;
  }
  Shell shell(db, quiet);
  if (!command.empty()) {
    std::istringstream in(command);
    return shell.RunScript(in);
  }
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "kanto shell: cannot read " << file << "\n";
      return 2;
    }
    return shell.RunScript(in);
  }
  if (isatty(STDIN_FILENO)) return shell.RunInteractive();
  return shell.RunScript(std::cin);
}

}  // namespace kanto::tools
