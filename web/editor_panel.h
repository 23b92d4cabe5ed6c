// The editor `kubectl edit` opens in the browser: the object's YAML (with kubectl's comment
// header) in a multi-line text box over the cluster canvas. Save (Ctrl+Enter or the button)
// hands the text back to the waiting kubectl, which patches the object; Cancel (Escape) closes
// it without saving, which kubectl reports as "Edit cancelled, no changes made.".
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "imgui.h"
#include "web/theme.h"

namespace kp {

class EditorPanel {
 public:
  using Done = std::function<void(std::optional<std::string>)>;

  // Shows `text` for editing; `done` is called once, with the saved text or nullopt.
  void open(const std::string& text, Done done);
  bool isOpen() const { return open_; }
  const std::string& text() const { return text_; }
  void setText(std::string t) { text_ = std::move(t); }
  void save();
  void cancel();

  // Draws the editor as a window over the rectangle [a, b] while it is open.
  void draw(const Theme& theme, ImVec2 a, ImVec2 b);

 private:
  void finish(std::optional<std::string> result);
  bool open_ = false, focus_ = false;
  std::string text_;
  Done done_;
};

}  // namespace kp
