// The fixture every headless panel test shares: ImGui's null backend (a context, a built font
// atlas, a display size, no window and no GL) running the real App against a real Cluster, and
// the input a user gives it: frames of real time, keys, typed text, mouse moves, clicks and
// drags, and console lines run to completion.
#pragma once
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <memory>
#include <string>

#include "imgui.h"
#include "web/app.h"
#include "web/theme.h"

namespace kp {

// Key indices for the null backend (ImGui 1.86 reads io.KeysDown through io.KeyMap).
constexpr int kKeyUp = 300, kKeyDown = 301, kKeyEnter = 302, kKeyBackspace = 303, kKeyTab = 304;

class HeadlessApp : public testing::Test {
 protected:
  // What the App is made with; a suite overrides it.
  virtual AppOptions appOptions() { return AppOptions{}; }

  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // large clusters pass 64k vertices
    theme_ = setupTheme(1.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas
    io.DisplaySize = ImVec2(1280, 800);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.KeyMap[ImGuiKey_UpArrow] = kKeyUp;
    io.KeyMap[ImGuiKey_DownArrow] = kKeyDown;
    io.KeyMap[ImGuiKey_Enter] = kKeyEnter;
    io.KeyMap[ImGuiKey_Backspace] = kKeyBackspace;
    io.KeyMap[ImGuiKey_Tab] = kKeyTab;
    io.KeyMap[ImGuiKey_C] = 'C';
    app_ = std::make_unique<App>(appOptions());
  }
  void TearDown() override {
    app_.reset();
    ImGui::DestroyContext();
  }

  // One frame: `ms` of real (and so simulated) time passes, then the UI is drawn.
  void frame(double ms = 16) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = static_cast<float>(std::max(ms, 1.0) / 1000.0);
    ImGui::NewFrame();
    app_->update(ms);
    app_->draw(theme_, nullptr);
    ImGui::Render();
    EXPECT_NE(ImGui::GetDrawData(), nullptr);
    io.MouseWheel = 0;
  }
  void frames(int n, double ms = 16) {
    for (int i = 0; i < n; ++i) frame(ms);
  }
  // Runs a line through the console and waits (frame by frame) for its output.
  std::string run(const std::string& line, int maxFrames = 4000) {
    bool done = false;
    std::string out;
    app_->exec(line, [&](const std::string& o, int) {
      out = o;
      done = true;
    });
    for (int i = 0; i < maxFrames && !done; ++i) frame(50);
    EXPECT_TRUE(done) << line;
    return out;
  }
  void pressKey(int key) {
    ImGui::GetIO().KeysDown[key] = true;
    frame();
    ImGui::GetIO().KeysDown[key] = false;
    frame();
  }
  void type(const std::string& text) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame();
  }
  void moveTo(ImVec2 p) {
    ImGui::GetIO().MousePos = p;
    frames(2);
  }
  void click(ImVec2 p) {
    moveTo(p);
    ImGui::GetIO().MouseDown[0] = true;
    frame();
    ImGui::GetIO().MouseDown[0] = false;
    frames(2);
  }
  void wheel(ImVec2 p, float steps) {
    moveTo(p);
    ImGui::GetIO().MouseWheel = steps;
    frames(2);
  }
  // Drags with the left button from `a` by `d`, in a few moves.
  void drag(ImVec2 a, ImVec2 d) {
    moveTo(a);
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = true;
    frame();
    for (int i = 1; i <= 4; ++i) {
      io.MousePos = ImVec2(a.x + d.x * i / 4, a.y + d.y * i / 4);
      frame();
    }
    io.MouseDown[0] = false;
    frames(2);
  }

  Theme theme_;
  std::unique_ptr<App> app_;
};

}  // namespace kp
