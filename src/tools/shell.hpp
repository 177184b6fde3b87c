#pragma once
namespace kanto::tools {
// `kanto shell [options] [DIR]`: an interactive SQL shell on an embedded database.
int RunShell(int argc, char** argv);
}  // namespace kanto::tools
