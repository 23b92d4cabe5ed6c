#include "web/editor_panel.h"

#include <algorithm>
#include <string>

namespace kp {

namespace {

// ImGui edits a char buffer; this keeps a std::string's storage in step with it.
int growString(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    auto* s = static_cast<std::string*>(data->UserData);
    s->resize(static_cast<size_t>(data->BufTextLen));
    data->Buf = s->data();
  }
  return 0;
}

}  // namespace

void EditorPanel::open(const std::string& text, Done done) {
  // A second edit while one is open cancels the first (one editor, one waiting kubectl).
  if (open_) finish(std::nullopt);
  text_ = text;
  done_ = std::move(done);
  open_ = true;
  focus_ = true;
}

void EditorPanel::finish(std::optional<std::string> result) {
  open_ = false;
  Done d = std::move(done_);
  done_ = nullptr;
  if (d) d(std::move(result));
}

void EditorPanel::save() {
  if (open_) finish(text_);
}

void EditorPanel::cancel() {
  if (open_) finish(std::nullopt);
}

void EditorPanel::draw(const Theme& theme, ImVec2 a, ImVec2 b) {
  if (!open_) return;
  const float S = theme.scale;
  const float inset = 10 * S;
  ImGui::SetNextWindowPos(ImVec2(a.x + inset, a.y + inset));
  ImGui::SetNextWindowSize(ImVec2(std::max(200 * S, b.x - a.x - 2 * inset), std::max(160 * S, b.y - a.y - 2 * inset)));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, color::kWindow);
  ImGui::PushStyleColor(ImGuiCol_Border, color::kAccent);
  ImGui::Begin("kubectl edit##editor", nullptr,
               ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleColor(2);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim),
                     "Edit the YAML, then Save (Ctrl+Enter) or Cancel (Esc). kubectl waits in the console.");
  ImVec2 avail = ImGui::GetContentRegionAvail();
  float buttonsH = ImGui::GetFrameHeightWithSpacing();
  if (focus_) {
    ImGui::SetKeyboardFocusHere();
    focus_ = false;
  }
  if (text_.capacity() < 16) text_.reserve(16);
  ImGui::InputTextMultiline("##yaml", text_.data(), text_.capacity() + 1, ImVec2(avail.x, avail.y - buttonsH),
                            ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_AllowTabInput, growString,
                            &text_);
  text_.resize(std::char_traits<char>::length(text_.c_str()));  // the box may shorten the text in place
  ImGuiIO& io = ImGui::GetIO();
  bool saveNow = ImGui::Button("Save") || (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false));
  ImGui::SameLine();
  bool cancelNow = ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  ImGui::End();
  if (saveNow) save();
  else if (cancelNow) cancel();
}

}  // namespace kp
