// The browser entry point: a GLFW window on the page's <canvas id="canvas"> (WebGL2), Dear
// ImGui with its GLFW and OpenGL3 backends, the SDF renderer, and the frame loop that drives
// kp::App. The canvas renders at CSS size x devicePixelRatio and the UI is laid out in those
// physical pixels (Theme::scale), so text and shapes stay crisp on high-DPI screens.
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "web/app.h"
#include "web/bridge.h"
#include "web/gl_renderer.h"
#include "web/theme.h"

namespace {

struct Platform {
  GLFWwindow* window = nullptr;
  std::unique_ptr<kp::App> app;
  kp::Theme theme;
  kp::GlSdfRenderer gpu;
  bool gpuOk = false;
  float pixelRatio = 0;
  int width = 0, height = 0;  // backbuffer pixels
  double lastMs = 0;
  bool announced = false;
  // Key releases that arrived in the same frame as their press: held back one frame, because
  // ImGui 1.86 reads key state once per frame and would never see the press.
  std::vector<int> pressedThisFrame;
  struct Release {
    int key, scancode, mods;
  };
  std::vector<Release> deferred, deferredReady;
};
Platform P;

void keyCallback(GLFWwindow* w, int key, int scancode, int action, int mods) {
  if (action == GLFW_RELEASE) {
    for (int k : P.pressedThisFrame)
      if (k == key) {
        P.deferred.push_back({key, scancode, mods});
        return;
      }
  } else if (action == GLFW_PRESS) {
    P.pressedThisFrame.push_back(key);
  }
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}

// Emscripten's GLFW passes the DOM wheel event's deltaX/deltaY as the scroll offsets: pixels,
// positive downwards. Desktop GLFW (and ImGui) expect steps, positive upwards: about 100 px
// a notch.
void scrollCallback(GLFWwindow* w, double dx, double dy) {
  ImGui_ImplGlfw_ScrollCallback(w, -dx / 100.0, -dy / 100.0);
}

void applyDeferredKeys() {
  for (auto& r : P.deferredReady) ImGui_ImplGlfw_KeyCallback(P.window, r.key, r.scancode, GLFW_RELEASE, r.mods);
  P.deferredReady.swap(P.deferred);
  P.deferred.clear();
  P.pressedThisFrame.clear();
}

// Sizes the backbuffer to the canvas's CSS size times devicePixelRatio, and rebuilds the fonts
// at the new scale when the ratio changes (browser zoom, a window moved to another screen).
void syncCanvas() {
  double cssW = 0, cssH = 0;
  emscripten_get_element_css_size("#canvas", &cssW, &cssH);
  float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (ratio <= 0) ratio = 1;
  int w = std::max(1, static_cast<int>(std::lround(cssW * ratio)));
  int h = std::max(1, static_cast<int>(std::lround(cssH * ratio)));
  if (w != P.width || h != P.height) {
    emscripten_set_canvas_element_size("#canvas", w, h);
    P.width = w;
    P.height = h;
  }
  if (ratio != P.pixelRatio) {
    bool first = P.pixelRatio == 0;
    P.pixelRatio = ratio;
    P.theme = kp::setupTheme(ratio);
    if (!first) {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
  }
}

void frame() {
  double nowMs = emscripten_get_now();
  double dt = P.lastMs > 0 ? nowMs - P.lastMs : 0;
  P.lastMs = nowMs;

  syncCanvas();
  applyDeferredKeys();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  // GLFW's idea of the window size is the size it was created with; the canvas is ours.
  io.DisplaySize = ImVec2(static_cast<float>(P.width), static_cast<float>(P.height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ImGui::NewFrame();

  const double frameStart = emscripten_get_now();  // CPU time of update + draw + render
  P.app->update(dt);
  P.gpu.beginFrame();
  P.app->draw(P.theme, P.gpuOk ? &P.gpu : nullptr);

  ImGui::Render();
  glViewport(0, 0, P.width, P.height);
  glClearColor(11 / 255.0f, 15 / 255.0f, 21 / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  kp::recordFrameTime(emscripten_get_now() - frameStart);

  if (!P.announced) {
    P.announced = true;
    kp::announceReady();
  }
}

}  // namespace

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "kubeplay: glfwInit failed\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  P.window = glfwCreateWindow(800, 600, "kubeplay", nullptr, nullptr);
  if (!P.window) {
    std::fprintf(stderr, "kubeplay: WebGL2 is not available\n");
    EM_ASM({ if (Module.kpFail) Module.kpFail("WebGL2 is not available in this browser."); });
    return 1;
  }
  glfwMakeContextCurrent(P.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().ConfigInputTextCursorBlink = true;
  syncCanvas();
  ImGui_ImplGlfw_InitForOpenGL(P.window, true);
  glfwSetKeyCallback(P.window, keyCallback);  // wraps ImGui's (see Platform::deferred)
  glfwSetScrollCallback(P.window, scrollCallback);  // wraps ImGui's (DOM wheel units)
  ImGui_ImplOpenGL3_Init("#version 300 es");
  P.gpuOk = P.gpu.init();
  if (!P.gpuOk) std::fprintf(stderr, "kubeplay: SDF shaders unavailable; drawing with ImGui primitives\n");

  kp::AppOptions opts;
  P.app = std::make_unique<kp::App>(opts);
  kp::attachBridge(P.app.get(), &P.pixelRatio);
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}
