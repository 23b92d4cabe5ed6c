// GNU sed in small, for the console: `sed [-n] [-E] [-i] [-e EXPR]... [FILE]...` with the
// commands s/RE/REPL/[gpiIN], p and d, each optionally after a line number, `$` or /RE/
// address (and `!`). Used by `kubectl edit` when KUBE_EDITOR is a sed (kubectl runs
// `sh -c "$KUBE_EDITOR FILE"`) and by the console's own `sed`. Errors carry GNU sed's text.
//
// Regular expressions are GNU's basic (or, with -E, extended) syntax translated to
// std::regex; matching is leftmost-first rather than POSIX leftmost-longest, which only
// differs for alternations (`a\|ab`). Lines longer than 4096 bytes are matched only by
// literal patterns (std::regex recurses per character).
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kp {

struct SedProgram;

// sed's command line, parsed, with its script compiled.
struct SedCommandLine {
  std::shared_ptr<const SedProgram> program;
  bool quiet = false;      // -n
  bool inPlace = false;    // -i[SUFFIX] (no backup is written: the console has no place for it)
  bool separate = false;   // -s (implied by -i)
  std::vector<std::string> files;
};

// What sed prints and how it ends.
struct SedResult {
  std::string out, err;
  int code = 0;
};

// The files sed may read and, with -i, write back.
struct SedFiles {
  std::function<std::optional<std::string>(const std::string& path)> read;
  std::function<void(const std::string& path, const std::string& text)> write;
};

// Parses `args` (without "sed") as GNU sed does; nullopt with *error (GNU's message, newline
// included) and *code (1 for a bad option or script).
std::optional<SedCommandLine> parseSedArgs(const std::vector<std::string>& args, std::string* error, int* code);

// Runs a parsed command line on its files (or on `input` when it names none).
SedResult runSed(const SedCommandLine& cmd, const std::string& input, const SedFiles& files);

// Parses and runs `sed ARGS...`.
SedResult runSed(const std::vector<std::string>& args, const std::string& input, const SedFiles& files);

}  // namespace kp
