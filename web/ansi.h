// ANSI SGR ("\x1b[1;32m") parsing for the console: shell output arrives in chunks with colour
// sequences (kubecolor, coloured errors); the console keeps it as lines of styled spans.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "imgui.h"

namespace kp {

struct TextStyle {
  ImU32 fg = 0;  // 0 = the line's default colour
  ImU32 bg = 0;  // 0 = none
  bool bold = false;
  bool dim = false;
  bool underline = false;
  bool operator==(const TextStyle&) const = default;
};

struct Span {
  TextStyle style;
  std::string text;
};

struct StyledLine {
  std::vector<Span> spans;
  ImU32 base = 0;  // default colour of this line (stderr lines are reddish), 0 = theme text
  int columns = 0; // characters so far (tabs expanded)
  std::string plain() const;
};

// Splits text into lines and styled spans. Keeps the SGR state and an unfinished escape
// sequence across feed() calls, as a terminal does. Other escape sequences (cursor moves)
// are dropped; tabs expand to 8 columns; "\r\n" is a newline.
class AnsiParser {
 public:
  // Appends `text` to `lines`, continuing the last line unless the previous text ended with
  // a newline. `base` is the default colour for lines this call starts.
  void feed(std::string_view text, std::vector<StyledLine>& lines, ImU32 base = 0);
  void reset() { style_ = {}; pending_.clear(); lineOpen_ = false; }
  // Ends the current line (a new prompt always starts on a fresh line).
  void breakLine() { lineOpen_ = false; }
  bool lineOpen() const { return lineOpen_; }

 private:
  void applySgr(std::string_view params);
  TextStyle style_;
  std::string pending_;  // an escape sequence cut by a chunk boundary
  bool lineOpen_ = false;
};

// The text without escape sequences (the bridge returns command output this way).
std::string stripAnsi(std::string_view text);

// The 16 terminal colours of the current theme: 0-7 normal, 8-15 bright.
ImU32 ansiColor(int index);
// Switches ansiColor() to the light theme's colours (darker, readable on white) or back.
void useLightAnsi(bool light);
// One of the 16 colours of the other theme's table in this theme (text already parsed keeps
// its colours through a theme switch); other colours unchanged.
ImU32 translateAnsi(ImU32 c, bool toLight);
// xterm's 256-colour palette.
ImU32 ansi256(int index);

}  // namespace kp
