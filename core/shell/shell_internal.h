// Pieces of the console shell shared between its files: the text filters that may follow a
// pipe (grep, head, tail, wc, sort, uniq, cat, sed), kubecolor's colouring of kubectl output,
// the shell's word splitting and the programs kubectl edit's editor command may name.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kp {

// A filter reads the previous stage's stdout and sets the pipeline's exit code.
using TextFilter = std::function<std::string(const std::string&, int&)>;

// Builds the filter for `name args...` after a pipe; nullopt with *error (the tool's own
// message, e.g. "grep: Unmatched ( or \\(") and *code when the arguments are wrong, or when
// `name` is not a text tool (code 127).
std::optional<TextFilter> makeTextFilter(const std::string& name, const std::vector<std::string>& args,
                                         std::string* error, int* code);
bool isTextTool(const std::string& name);

// Colours kubectl's stdout as kubecolor's default (dark) theme does: tables by column and
// status word, describe/yaml keys, and so on. `verb` is the kubectl subcommand ("get").
std::string kubecolorize(const std::string& text, const std::string& verb);

}  // namespace kp

#include "core/base/memfs.h"
#include "core/kubectl/kubectl.h"

namespace kp {

// Splits one simple command as the console's shell does (quotes, escapes, comments; leading
// NAME=VALUE words are left out); false with *error (bash's text, "bash: ...") on a syntax
// error, a pipe or a redirection.
bool splitSimpleCommand(const std::string& line, std::vector<std::string>& words, std::string* error);

// Runs kubectl edit's editor command (args as exec.Command gets them, the file last) on the
// file kubectl wrote at `path` (see editor_cmd.cc). `files` are the console's files.
EditorRun runEditorProgram(const std::vector<std::string>& args, const std::string& path, const std::string& text,
                           MemFs& files, Time now);

class Cluster;
class Execution;
// `traffic [-n NS] [SERVICE RATE|stop]`: the traffic generator from the console (traffic_cmd.cc).
void runTraffic(Cluster& cluster, const std::string& currentNs, const std::vector<std::string>& words, Execution& ex);

}  // namespace kp
