// Tab completion for the console, as bash with kubectl's completion script behaves: the first
// word completes to a command, kubectl's words to its subcommands, flags (and their values),
// resource types, object names from the store, node, namespace and context names, and file
// names of the console's home directory. Completion only reads: nothing runs and nothing is
// sent to the API server.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace kp {

class Shell;

struct Completion {
  // The word being completed: bytes [start, end) of the line, end being the cursor. A word
  // `--flag=value` completes its value (start after the '='), as bash's word breaks do.
  size_t start = 0, end = 0;
  std::string word;                     // the typed text of that word (quotes removed)
  std::vector<std::string> candidates;  // sorted, unique; each starts with `word`
  std::string common;                   // the candidates' longest common prefix
  char openQuote = 0;                   // the word sits inside an unclosed ' or "
};

// What could complete the word at `cursor` (a byte offset; past the end means the end).
Completion complete(Shell& shell, const std::string& line, size_t cursor);

// The effect of a Tab key on the line: a single candidate is inserted with a space after it
// (none after a trailing '=' or '/'); several are completed to their common prefix.
struct TabResult {
  std::string line;
  size_t cursor = 0;
  bool changed = false;    // something was inserted
  bool ambiguous = false;  // several candidates remain: a second Tab lists them
};
TabResult applyCompletion(const std::string& line, size_t cursor, const Completion& c);

// The candidates as readline lists them under the line: in columns that fit `width`
// characters, sorted down the columns, two spaces between them, one line per row.
std::string formatCandidates(const std::vector<std::string>& candidates, size_t width = 80);

}  // namespace kp
