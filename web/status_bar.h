// The time and status bar: the simulated clock, what the cluster holds, what is running.
#pragma once
#include <string>

#include "web/theme.h"
#include "web/view_model.h"

namespace kp {

struct StatusInfo {
  bool commandRunning = false;
  std::string context = "minikube";
  float fps = 0;
  bool paused = false;
  float speed = 1;  // simulated seconds per real second
  bool behind = false;  // the clock ran slower than real time last frame (too much to do)
};

// What the learner asked of the clock (and the theme switch) in the status bar this frame.
struct TimeRequest {
  bool togglePause = false, step = false, settle = false;
  float speed = 0;  // > 0: the new speed
  bool toggleTheme = false;
  ImVec2 themeMin, themeMax;  // where the theme switch was drawn (both zero when there was no room)
};

// The speeds the bar offers, slowest first.
inline constexpr float kSpeeds[] = {0.25f, 0.5f, 1, 2, 4, 8, 16};

TimeRequest drawStatusBar(const ViewModel& vm, const Theme& theme, const StatusInfo& info, ImVec2 size);
// "0.25x", "1x", "16x"
std::string speedLabel(float speed);

// "2026-01-01 01:00:05" for Unix milliseconds (UTC), as the cluster's clock shows.
std::string formatClock(Time unixMs);

}  // namespace kp
