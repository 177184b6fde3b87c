#pragma once
namespace kanto::tools {
// `kanto serve`: the PostgreSQL wire-protocol server.
int RunServe(int argc, char** argv);
}  // namespace kanto::tools
