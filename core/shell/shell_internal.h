// Pieces of the console shell shared between its files: the text filters that may follow a
// pipe (grep, head, tail, wc, sort, uniq, cat) and kubecolor's colouring of kubectl output.
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

namespace kp {
class Cluster;
class Execution;
// `traffic [-n NS] [SERVICE RATE|stop]`: the traffic generator from the console (traffic_cmd.cc).
void runTraffic(Cluster& cluster, const std::string& currentNs, const std::vector<std::string>& words, Execution& ex);

}  // namespace kp
