// The exported functions behind window.kubeplay (see bridge.h).
#include "web/bridge.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "web/app.h"

namespace kp {
namespace {
App* gApp = nullptr;
const float* gPixelRatio = nullptr;
std::string gResult;  // returned strings live here until the next call
std::vector<double> gFrameMs;  // frame CPU times since the last kp_frame_stats(1)
}  // namespace

void recordFrameTime(double ms) {
  if (gFrameMs.size() < 100000) gFrameMs.push_back(ms);
}

void attachBridge(App* app, const float* pixelRatio) {
  gApp = app;
  gPixelRatio = pixelRatio;
  if (!app) return;
  // Each history line goes to the page, which keeps it in localStorage.
  app->console().onHistoryAdd = [](const std::string& line) {
    EM_ASM({
      if (Module.kpHistoryAdd) Module.kpHistoryAdd(UTF8ToString($0));
    }, line.c_str());
  };
  // The theme: the page's choice (remembered, or the system's preference) before the first
  // frame; a switch in the status bar goes back to the page to be remembered.
  app->setLightTheme(EM_ASM_INT({ return Module.kpInitialTheme && Module.kpInitialTheme() === 'light' ? 1 : 0; }) != 0);
  app->onThemeChange = [](bool light) {
    EM_ASM({
      if (Module.kpThemeChanged) Module.kpThemeChanged($0 ? 'light' : 'dark');
    }, light ? 1 : 0);
  };
}

void announceReady() {
  EM_ASM({
    if (Module.kpReady) Module.kpReady();
  });
}

}  // namespace kp

using kp::gApp;

extern "C" {

EMSCRIPTEN_KEEPALIVE void kp_exec(const char* line, int id) {
  if (!gApp) return;
  gApp->exec(line ? line : "", [id](const std::string& output, int code) {
    EM_ASM({
      if (Module.kpDone) Module.kpDone($0, UTF8ToString($1), $2);
    }, id, output.c_str(), code);
  });
}

EMSCRIPTEN_KEEPALIVE const char* kp_state() {
  kp::gResult = gApp ? gApp->stateJson() : "{}";
  return kp::gResult.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* kp_view() {
  kp::gResult = gApp ? gApp->viewJson(kp::gPixelRatio ? *kp::gPixelRatio : 1.0f) : "{}";
  return kp::gResult.c_str();
}

EMSCRIPTEN_KEEPALIVE void kp_advance(double ms) {
  if (gApp && ms > 0) gApp->advance(static_cast<kp::Time>(ms));
}

EMSCRIPTEN_KEEPALIVE double kp_now() { return gApp ? static_cast<double>(gApp->cluster().now()) : 0; }

EMSCRIPTEN_KEEPALIVE void kp_paste(const char* text) {
  if (gApp && text) gApp->console().paste(text);
}

EMSCRIPTEN_KEEPALIVE const char* kp_console() {
  kp::gResult = gApp ? gApp->console().text() : "";
  return kp::gResult.c_str();
}

EMSCRIPTEN_KEEPALIVE void kp_set_theme(int light) {
  if (gApp) gApp->setLightTheme(light != 0);
}

EMSCRIPTEN_KEEPALIVE const char* kp_frame_stats(int reset) {
  std::vector<double> v = kp::gFrameMs;
  double mean = 0, p95 = 0, max = 0;
  if (!v.empty()) {
    for (double x : v) mean += x;
    mean /= static_cast<double>(v.size());
    std::sort(v.begin(), v.end());
    p95 = v[std::min(v.size() - 1, static_cast<size_t>(static_cast<double>(v.size()) * 0.95))];
    max = v.back();
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "{\"frames\":%zu,\"meanMs\":%.3f,\"p95Ms\":%.3f,\"maxMs\":%.3f}", v.size(), mean, p95, max);
  kp::gResult = buf;
  if (reset) kp::gFrameMs.clear();
  return kp::gResult.c_str();
}

EMSCRIPTEN_KEEPALIVE void kp_focus_console() {
  if (gApp) gApp->console().focusInput();
}

EMSCRIPTEN_KEEPALIVE const char* kp_selection() {
  kp::gResult = gApp ? gApp->console().selectedText() : "";
  return kp::gResult.c_str();
}

EMSCRIPTEN_KEEPALIVE void kp_load_history(const char* text) {
  if (!gApp || !text) return;
  std::vector<std::string> lines;
  std::string t = text;
  size_t pos = 0;
  while (pos <= t.size()) {
    size_t nl = t.find('\n', pos);
    if (nl == std::string::npos) nl = t.size();
    if (nl > pos) lines.push_back(t.substr(pos, nl - pos));
    pos = nl + 1;
  }
  gApp->console().loadHistory(lines);
}

EMSCRIPTEN_KEEPALIVE const char* kp_timeline() {
  kp::gResult = gApp ? gApp->timeline().toJson(gApp->cluster().api().activity(), kp::gPixelRatio ? *kp::gPixelRatio : 1.0f).dump()
                     : "{}";
  return kp::gResult.c_str();
}

}  // extern "C"
