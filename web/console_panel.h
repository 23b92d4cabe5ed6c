// The console: a scrollback of styled lines (ANSI colours parsed), an input line behind a
// `$ ` prompt (`> ` while a here-document collects its lines) with history on Up/Down (kept
// across page loads by the front end), Tab completion as bash's (a second Tab lists the
// candidates in the scrollback), Ctrl+L to clear and Ctrl+C to interrupt (with text selected by dragging in the scrollback, Ctrl+C
// copies it instead, as terminals do). Lines run
// one at a time through the Shell; a line submitted while another runs waits its turn, as
// type-ahead does in a terminal. The bridge submits lines through the same path as Enter.
#pragma once
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/shell/shell.h"
#include "web/ansi.h"
#include "web/theme.h"

namespace kp {

class ConsolePanel {
 public:
  // Called when a submitted line has finished: its output (stdout and stderr in order,
  // escape sequences removed) and exit code.
  using Done = std::function<void(const std::string& output, int exitCode)>;

  explicit ConsolePanel(Shell& shell);

  // Runs `line` as if typed and entered: echoed after the prompt, added to history.
  void submit(const std::string& line, Done done = {});
  // Moves the running command on (after the clock moved) and starts queued lines.
  void poll();
  // Ctrl+C: interrupts the running command, or abandons the input line.
  void interrupt();
  // Ctrl+L / `clear`.
  void clear();
  // Text pasted from the browser's clipboard, inserted at the cursor.
  void paste(const std::string& text);
  void focusInput() { wantFocus_ = true; }
  // Prints text (ANSI colours allowed) into the scrollback, e.g. the welcome banner.
  void print(const std::string& text) { append(text); }

  void draw(const Theme& theme, ImVec2 size);

  bool busy() const { return running_ != nullptr; }
  // The simulated time by which the running command needs a poll, or kNoTime.
  Time wakeAt() const;
  // After a theme switch: the scrollback's terminal colours in the new theme's table.
  void recolor(bool toLight);
  const std::vector<std::string>& history() const { return history_; }
  // Lines of earlier sessions (oldest first), put before this session's in the console's and
  // the shell's history. Empty lines and consecutive repeats are skipped.
  void loadHistory(const std::vector<std::string>& lines);
  // Called with each line added to the history (the front end stores it).
  std::function<void(const std::string&)> onHistoryAdd;
  // Tab at `cursor` of the input line (what the key does; public for the bridge and tests).
  // Returns the new cursor position.
  size_t tab(size_t cursor);
  const std::vector<StyledLine>& lines() const { return lines_; }
  std::string text() const;        // the scrollback as plain text
  // The scrollback text selected with the mouse ("" when none), lines joined by newlines.
  std::string selectedText() const;
  void clearSelection() { selA_ = selB_ = {}; selecting_ = false; }
  // The input line's prompt: the current namespace and "$" ("> " while a here-document or an
  // open quote collects more lines).
  std::string promptText() const;
  std::string input() const { return input_; }
  void setInput(const std::string& s);
  // Screen rectangle of the input line in the last frame (pixels).
  ImVec2 inputMin() const { return inputMin_; }
  ImVec2 inputMax() const { return inputMax_; }

  static constexpr size_t kMaxLines = 5000;

 private:
  struct Job {
    std::string line;
    Done done;
    bool echoed = false;  // its lines were echoed while they were typed
  };
  bool continuing() const { return collecting_; }
  void start(Job job);
  void drain();
  void finishRunning();
  void append(const std::string& text, ImU32 base = 0);
  void echo(const std::string& line, bool continuation = false);
  static int inputCallback(ImGuiInputTextCallbackData* data);
  void addHistory(const std::string& line);

  Shell& shell_;
  std::vector<StyledLine> lines_;
  AnsiParser parser_;
  std::deque<Job> queue_;
  std::unique_ptr<Execution> running_;
  Job runningJob_;
  std::string runningOutput_;
  std::vector<std::string> history_;
  int historyPos_ = -1;            // -1: editing a new line
  std::string savedInput_;         // the new line while browsing history
  std::string input_;
  // An input still waiting for lines (here-document, open quote): the text so far.
  std::string pendingText_;
  bool collecting_ = false, pendingEchoed_ = false;
  char buf_[4096] = {};
  bool stickToBottom_ = true;
  std::string pendingPaste_;
  std::string pendingReplace_;
  bool replaceInput_ = false;
  bool wantFocus_ = true;
  bool scrollToBottom_ = true;
  ImVec2 inputMin_, inputMax_;
  // The last Tab: the line and cursor it left, and whether it inserted anything (readline
  // lists the candidates on a Tab that follows a Tab that inserted nothing).
  std::string tabLine_;
  size_t tabCursor_ = 0;
  bool tabValid_ = false, tabChanged_ = false;
  int columns_ = 80;  // the scrollback's width in characters, for the candidate list
  // A selection in the scrollback: line index and character column of both ends (a: where
  // the drag started). Equal ends select nothing.
  struct TextPos {
    long line = 0;
    long col = 0;
    bool operator<(const TextPos& o) const { return line != o.line ? line < o.line : col < o.col; }
    bool operator==(const TextPos& o) const { return line == o.line && col == o.col; }
  };
  TextPos selA_, selB_;
  bool selecting_ = false;
};

}  // namespace kp
