// The console panel (see console_panel.h).
#include "web/console_panel.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>

#include "core/shell/complete.h"

namespace kp {

namespace {
constexpr int kInterrupted = 130;
// A line's base colour for stderr: resolved to color::kStderr when drawn, so it follows the theme.
constexpr ImU32 kStderrMark = 1;
}  // namespace

ConsolePanel::ConsolePanel(Shell& shell) : shell_(shell) {}

void ConsolePanel::append(const std::string& text, ImU32 base) {
  parser_.feed(text, lines_, base);
  if (lines_.size() > kMaxLines) {
    clearSelection();  // its line numbers would point elsewhere
    lines_.erase(lines_.begin(), lines_.begin() + static_cast<long>(lines_.size() - kMaxLines));
  }
  if (stickToBottom_) scrollToBottom_ = true;
}

void ConsolePanel::echo(const std::string& text, bool continuation) {
  // a here-document echoes its lines behind bash's continuation prompt "> "
  size_t nl = text.find('\n');
  std::string line = text.substr(0, nl);
  parser_.breakLine();
  StyledLine l;
  TextStyle prompt;
  prompt.fg = color::kAccent;
  prompt.bold = true;
  l.spans.push_back({prompt, continuation ? "> " : "$ "});
  if (!line.empty()) l.spans.push_back({TextStyle{}, line});
  l.columns = static_cast<int>(line.size()) + 2;
  lines_.push_back(std::move(l));
  if (stickToBottom_) scrollToBottom_ = true;
  if (nl != std::string::npos) echo(text.substr(nl + 1), true);
}

std::string ConsolePanel::promptText() const {
  return continuing() ? std::string(">") : shell_.currentNamespace() + " $";
}

void ConsolePanel::submit(const std::string& line, Done done) {
  // Lines of an unfinished input (a here-document, an open quote) are collected first.
  std::string text = continuing() ? pendingText_ + "\n" + line : line;
  bool idle = !running_ && queue_.empty();
  if (shell_.needsMoreInput(text)) {
    if (idle) echo(line, continuing());
    if (!continuing()) pendingEchoed_ = idle;
    pendingText_ = text;
    collecting_ = true;
    if (done) done("", 0);
    return;
  }
  bool echoed = continuing() && pendingEchoed_;
  if (echoed) echo(line, true);
  collecting_ = false;
  pendingText_.clear();
  Job job{text, std::move(done), echoed};
  if (running_ || !queue_.empty()) {
    queue_.push_back(std::move(job));
    return;
  }
  start(std::move(job));
}

void ConsolePanel::start(Job job) {
  for (;;) {
    if (!job.echoed) echo(job.line);
    std::string trimmed = job.line;
    trimmed.erase(0, trimmed.find_first_not_of(" \t"));
    // the input line recalls the command line of a here-document, not its body
    std::string first = job.line.substr(0, job.line.find('\n'));
    if (!trimmed.empty()) addHistory(first);
    historyPos_ = -1;
    if (trimmed.empty()) {
      if (job.done) job.done("", 0);
    } else {
      runningJob_ = std::move(job);
      runningOutput_.clear();
      running_ = shell_.start(runningJob_.line);
      drain();
      if (!running_->finished()) return;
      finishRunning();  // also starts the next queued line, if any
      return;
    }
    if (queue_.empty()) return;
    job = std::move(queue_.front());
    queue_.pop_front();
  }
}

void ConsolePanel::addHistory(const std::string& line) {
  if (line.empty() || (!history_.empty() && history_.back() == line)) return;
  history_.push_back(line);
  if (onHistoryAdd) onHistoryAdd(line);
}

void ConsolePanel::loadHistory(const std::vector<std::string>& lines) {
  std::vector<std::string> merged, kept;
  for (const auto& l : lines) {
    if (l.find_first_not_of(" \t") == std::string::npos || l.find('\n') != std::string::npos) continue;
    if (!merged.empty() && merged.back() == l) continue;
    merged.push_back(l);
    kept.push_back(l);
  }
  for (const auto& l : history_)
    if (merged.empty() || merged.back() != l) merged.push_back(l);
  history_ = std::move(merged);
  historyPos_ = -1;
  shell_.loadHistory(kept);
}

size_t ConsolePanel::tab(size_t cursor) {
  const std::string line = input_;
  cursor = std::min(cursor, line.size());
  if (continuing()) return cursor;  // here-document lines complete nothing
  Completion c = complete(shell_, line, cursor);
  TabResult r = applyCompletion(line, cursor, c);
  bool again = tabValid_ && !tabChanged_ && tabLine_ == line && tabCursor_ == cursor;
  if (r.changed) {
    setInput(r.line);
  } else if (again && c.candidates.size() > 1) {
    // bash: the candidates under the line, then the prompt and the line again
    std::vector<std::string> shown = c.candidates;
    echo(line);
    append(formatCandidates(shown, static_cast<size_t>(std::max(20, columns_))));
    stickToBottom_ = true;
    scrollToBottom_ = true;
  }
  tabLine_ = r.line;
  tabCursor_ = std::min(r.cursor, r.line.size());
  tabChanged_ = r.changed;
  tabValid_ = true;
  return tabCursor_;
}

void ConsolePanel::drain() {
  if (!running_) return;
  for (OutputChunk& c : running_->takeOutput()) {
    runningOutput_ += c.text;
    append(c.text, c.err ? kStderrMark : 0);
  }
}

void ConsolePanel::finishRunning() {
  drain();
  bool clears = running_->clearsScreen();
  int code = running_->exitCode();
  running_.reset();
  Job job = std::move(runningJob_);
  runningJob_ = {};
  if (clears) clear();
  parser_.breakLine();
  if (job.done) job.done(stripAnsi(runningOutput_), code);
  if (!queue_.empty() && !running_) {
    Job next = std::move(queue_.front());
    queue_.pop_front();
    start(std::move(next));
  }
}

void ConsolePanel::poll() {
  // Background jobs (`cmd &`) print whenever they have something, between commands too.
  for (OutputChunk& c : shell_.pollBackground()) append(c.text, c.err ? kStderrMark : 0);
  if (!running_) return;
  running_->poll();
  drain();
  if (running_->finished()) finishRunning();
}

Time ConsolePanel::wakeAt() const { return running_ ? running_->wakeAt() : kNoTime; }

void ConsolePanel::interrupt() {
  if (running_) {
    append("^C\n");
    running_->interrupt();
    running_->poll();
    // The terminal flushes type-ahead on an interrupt; callers still get their answer.
    std::deque<Job> dropped;
    dropped.swap(queue_);
    if (running_->finished()) finishRunning();
    for (Job& j : dropped)
      if (j.done) j.done("", kInterrupted);
    return;
  }
  echo(input_ + "^C", continuing());
  collecting_ = false;
  pendingText_.clear();
  setInput("");
  historyPos_ = -1;
}

void ConsolePanel::clear() {
  clearSelection();
  lines_.clear();
  parser_.breakLine();
  scrollToBottom_ = true;
}

void ConsolePanel::setInput(const std::string& s) {
  input_ = s.substr(0, sizeof(buf_) - 1);
  pendingReplace_ = input_;
  replaceInput_ = true;
  std::memcpy(buf_, input_.c_str(), input_.size() + 1);
}

void ConsolePanel::paste(const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != '\r') t.push_back(c);
  // Every complete line runs, as a terminal does with a pasted script; the rest is typed.
  size_t nl;
  while ((nl = t.find('\n')) != std::string::npos) {
    std::string line = input_ + t.substr(0, nl);
    t.erase(0, nl + 1);
    setInput("");
    submit(line);
  }
  pendingPaste_ += t;
  wantFocus_ = true;
}

namespace {
// Byte offset of character column `col` in UTF-8 text (the end when it has fewer).
size_t byteOfColumn(const std::string& s, long col) {
  size_t i = 0;
  for (long c = 0; c < col && i < s.size(); c++) {
    i++;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) i++;
  }
  return i;
}
}  // namespace

std::string ConsolePanel::selectedText() const {
  if (selA_ == selB_ || lines_.empty()) return "";
  TextPos a = std::min(selA_, selB_), b = std::max(selA_, selB_);
  std::string out;
  long last = std::min<long>(b.line, static_cast<long>(lines_.size()) - 1);
  for (long i = std::max<long>(0, a.line); i <= last; i++) {
    std::string l = lines_[static_cast<size_t>(i)].plain();
    size_t from = i == a.line ? byteOfColumn(l, a.col) : 0;
    size_t to = i == b.line ? byteOfColumn(l, b.col) : l.size();
    if (i > a.line) out += '\n';
    if (to > from) out += l.substr(from, to - from);
  }
  return out;
}

std::string ConsolePanel::text() const {
  std::string s;
  for (auto& l : lines_) {
    s += l.plain();
    s += '\n';
  }
  return s;
}

int ConsolePanel::inputCallback(ImGuiInputTextCallbackData* data) {
  auto* self = static_cast<ConsolePanel*>(data->UserData);
  auto replace = [&](const std::string& s) {
    data->DeleteChars(0, data->BufTextLen);
    data->InsertChars(0, s.c_str());
  };
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
    self->input_.assign(data->Buf, static_cast<size_t>(data->BufTextLen));
    size_t cursor = self->tab(static_cast<size_t>(std::max(0, data->CursorPos)));
    if (self->replaceInput_) {
      replace(self->pendingReplace_);
      self->replaceInput_ = false;
    }
    data->CursorPos = static_cast<int>(std::min(cursor, static_cast<size_t>(data->BufTextLen)));
    data->SelectionStart = data->SelectionEnd = data->CursorPos;
    return 0;
  }
  if (data->EventFlag == ImGuiInputTextFlags_CallbackHistory) {
    const auto& h = self->history_;
    if (h.empty()) return 0;
    if (data->EventKey == ImGuiKey_UpArrow) {
      if (self->historyPos_ == -1) {
        self->savedInput_.assign(data->Buf, static_cast<size_t>(data->BufTextLen));
        self->historyPos_ = static_cast<int>(h.size()) - 1;
      } else if (self->historyPos_ > 0) {
        --self->historyPos_;
      }
      replace(h[static_cast<size_t>(self->historyPos_)]);
    } else if (data->EventKey == ImGuiKey_DownArrow && self->historyPos_ != -1) {
      if (++self->historyPos_ >= static_cast<int>(h.size())) {
        self->historyPos_ = -1;
        replace(self->savedInput_);
      } else {
        replace(h[static_cast<size_t>(self->historyPos_)]);
      }
    }
    return 0;
  }
  if (self->replaceInput_) {
    replace(self->pendingReplace_);
    self->replaceInput_ = false;
  }
  if (!self->pendingPaste_.empty()) {
    data->InsertChars(data->CursorPos, self->pendingPaste_.c_str());
    self->pendingPaste_.clear();
  }
  return 0;
}

void ConsolePanel::draw(const Theme& theme, ImVec2 size) {
  const float S = theme.scale;
  ImGuiIO& io = ImGui::GetIO();
  ImFont* mono = theme.mono ? theme.mono : ImGui::GetFont();
  ImFont* bold = theme.bold ? theme.bold : mono;
  ImGui::PushFont(mono);

  // Keyboard shortcuts work wherever the focus is: the console is the only keyboard user.
  if (io.KeyCtrl && ImGui::IsKeyPressed('L', false)) clear();
  // Ctrl+C copies a selection (the page takes the text in its copy event) or interrupts.
  if (io.KeyCtrl && ImGui::IsKeyPressed('C', false)) {
    if (!selectedText().empty()) clearSelection();
    else interrupt();
  }

  const float lineH = mono->FontSize + 3 * S;
  const float charW = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, 0, "M").x;
  if (charW > 0) columns_ = std::max(20, static_cast<int>((size.x - 16 * S) / charW));
  const float inputH = ImGui::GetFrameHeight() + 6 * S;
  const float statusH = busy() ? lineH + 4 * S : 0;
  const float scrollH = std::max(lineH, size.y - inputH - statusH);

  // ---- scrollback
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, 0));
  ImGui::BeginChild("##scrollback", ImVec2(size.x, scrollH), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // Mouse selection: the line under the pointer from the scrolled content position, the
  // column from the monospace advance.
  const ImVec2 origin = ImGui::GetCursorScreenPos();  // line 0, scrolled
  auto posAt = [&](ImVec2 m) {
    TextPos p;
    p.line = static_cast<long>(std::floor((m.y - origin.y) / lineH));
    p.line = std::max(0L, std::min(p.line, static_cast<long>(lines_.size()) - 1));
    p.col = charW > 0 ? std::max(0L, static_cast<long>(std::lround((m.x - origin.x) / charW))) : 0;
    return p;
  };
  if (!lines_.empty() && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) {
    selA_ = selB_ = posAt(io.MousePos);
    selecting_ = true;
  }
  if (selecting_) {
    if (ImGui::IsMouseDown(0)) selB_ = posAt(io.MousePos);
    else selecting_ = false;
  }
  const TextPos selLo = std::min(selA_, selB_), selHi = std::max(selA_, selB_);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(lines_.size()), lineH);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const StyledLine& line = lines_[static_cast<size_t>(i)];
      ImVec2 p = ImGui::GetCursorScreenPos();
      float x = p.x;
      if (!(selLo == selHi) && i >= selLo.line && i <= selHi.line) {
        long c0 = i == selLo.line ? selLo.col : 0;
        long c1 = i == selHi.line ? selHi.col : std::max<long>(line.columns, c0) + 1;
        if (c1 > c0)
          dl->AddRectFilled(ImVec2(p.x + c0 * charW, p.y), ImVec2(p.x + c1 * charW, p.y + lineH),
                            withAlpha(color::kAccent, 0.35f));
      }
      for (const Span& sp : line.spans) {
        ImFont* f = sp.style.bold ? bold : mono;
        ImU32 col = sp.style.fg ? sp.style.fg : line.base == kStderrMark ? color::kStderr : line.base ? line.base : color::kText;
        if (sp.style.dim) col = withAlpha(col, 0.6f);
        float w = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, sp.text.c_str()).x;
        if (sp.style.bg) dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + w, p.y + lineH), sp.style.bg);
        dl->AddText(f, f->FontSize, ImVec2(x, p.y + 1.5f * S), col, sp.text.c_str());
        if (sp.style.underline) dl->AddLine(ImVec2(x, p.y + lineH - S), ImVec2(x + w, p.y + lineH - S), col, S);
        x += w;
      }
      ImGui::Dummy(ImVec2(std::max(1.0f, x - p.x + 8 * S), lineH));
    }
  }
  clipper.End();
  if (scrollToBottom_) {
    ImGui::SetScrollHereY(1.0f);
    scrollToBottom_ = false;
  }
  stickToBottom_ = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - lineH;
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();

  // ---- a running command
  if (busy()) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* wdl = ImGui::GetWindowDrawList();
    float r = 5 * S;
    ImVec2 c(p.x + r + 2 * S, p.y + lineH * 0.5f + 2 * S);
    float a0 = static_cast<float>(ImGui::GetTime() * 6.0);
    wdl->PathArcTo(c, r, a0, a0 + 4.4f, 20);
    wdl->PathStroke(color::kAccent, 0, 1.8f * S);
    std::string what = runningJob_.line;
    if (what.size() > 60) what = what.substr(0, 57) + "...";
    std::string msg = "running  " + what;
    wdl->AddText(mono, mono->FontSize, ImVec2(p.x + 2 * r + 10 * S, p.y + 2 * S), color::kTextDim, msg.c_str());
    float mw = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, 0, msg.c_str()).x;
    std::string hint = queue_.empty() ? "  Ctrl+C to interrupt" : "  Ctrl+C to interrupt, " + std::to_string(queue_.size()) + " waiting";
    wdl->AddText(mono, mono->FontSize, ImVec2(p.x + 2 * r + 10 * S + mw, p.y + 2 * S), color::kTextFaint, hint.c_str());
    ImGui::Dummy(ImVec2(size.x, statusH));
  }

  // ---- input line
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3 * S);
  ImGui::AlignTextToFramePadding();
  if (!continuing()) {
    // The namespace later commands use (kubectl config set-context --current --namespace=X).
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "%s", shell_.currentNamespace().c_str());
    ImGui::SameLine(0, 6 * S);
  }
  ImGui::PushFont(bold);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(busy() ? color::kTextFaint : color::kAccent),
                     continuing() ? ">" : "$");
  ImGui::PopFont();
  ImGui::SameLine(0, 6 * S);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (wantFocus_ || (!ImGui::IsAnyItemActive() && !ImGui::IsMouseDown(0))) {
    ImGui::SetKeyboardFocusHere();
    wantFocus_ = false;
  }
  ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2 * S, ImGui::GetStyle().FramePadding.y));
  bool entered = ImGui::InputText("##input", buf_, sizeof(buf_),
                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory |
                                      ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_CallbackCompletion,
                                  &ConsolePanel::inputCallback, this);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  inputMin_ = ImGui::GetItemRectMin();
  inputMax_ = ImGui::GetItemRectMax();
  input_ = buf_;
  if (entered) {
    std::string line = buf_;
    buf_[0] = 0;
    input_.clear();
    ImGui::SetKeyboardFocusHere(-1);  // stay in the input line for the next command
    stickToBottom_ = true;
    submit(line);
  }
  ImGui::PopFont();
}

void ConsolePanel::recolor(bool toLight) {
  for (StyledLine& line : lines_)
    for (Span& sp : line.spans) {
      sp.style.fg = translateAnsi(sp.style.fg, toLight);
      sp.style.bg = translateAnsi(sp.style.bg, toLight);
    }
}

}  // namespace kp
