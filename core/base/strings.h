// The string helpers every layer uses, once: Go's strings.Split/Join/TrimSpace/ToLower/ToUpper/
// HasPrefix/HasSuffix semantics (the texts kubectl and the API server print come from Go), and
// Go's %q quoting.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp {

// strings.Split(s, sep): every piece, empty ones included ("" gives {""}).
std::vector<std::string> split(std::string_view s, char sep);
// strings.Join.
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// strings.TrimSpace for ASCII white space.
std::string trimSpace(std::string_view s);
// ASCII case mapping.
std::string toLower(std::string_view s);
std::string toUpper(std::string_view s);
inline bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
inline bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
// The lines of a text without their '\n' (a final newline ends the last line, adds none).
std::vector<std::string> splitLines(std::string_view text);
// A shell variable name, as bash's NAME: a letter or `_`, then letters, digits and `_`.
bool isShellName(std::string_view s);
// Go's %q of a string (used in many error texts).
std::string goQuote(std::string_view s);

}  // namespace kp
