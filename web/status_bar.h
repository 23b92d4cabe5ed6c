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
};

void drawStatusBar(const ViewModel& vm, const Theme& theme, const StatusInfo& info, ImVec2 size);

// "2026-01-01 01:00:05" for Unix milliseconds (UTC), as the cluster's clock shows.
std::string formatClock(Time unixMs);

}  // namespace kp
