// The look of kubeplay: one dark palette, the fonts, ImGui's style, and the colours that mean
// something (pod status, services, traffic). Every size is in logical pixels times `scale`,
// the device pixel ratio, because the canvas renders at physical resolution to stay crisp.
#pragma once
#include <string_view>

#include "imgui.h"

namespace kp {

struct Theme {
  float scale = 1.0f;          // device pixel ratio
  ImFont* mono = nullptr;      // console and labels (14 px)
  ImFont* bold = nullptr;      // titles (14 px bold)
  ImFont* small = nullptr;     // canvas details (12 px)
  float px(float logical) const { return logical * scale; }
};

namespace color {
// Surfaces, darkest first.
inline constexpr ImU32 kWindow = IM_COL32(11, 15, 21, 255);
inline constexpr ImU32 kPanel = IM_COL32(17, 22, 30, 255);
inline constexpr ImU32 kNode = IM_COL32(23, 30, 41, 235);
inline constexpr ImU32 kNodeHeader = IM_COL32(30, 39, 53, 255);
inline constexpr ImU32 kBorder = IM_COL32(48, 60, 78, 255);
inline constexpr ImU32 kBorderStrong = IM_COL32(74, 92, 118, 255);
// Text.
inline constexpr ImU32 kText = IM_COL32(220, 226, 235, 255);
inline constexpr ImU32 kTextDim = IM_COL32(138, 150, 168, 255);
inline constexpr ImU32 kTextFaint = IM_COL32(92, 104, 122, 255);
// Accents: Kubernetes blue for the control plane and services, teal for the prompt and traffic.
inline constexpr ImU32 kAccent = IM_COL32(94, 234, 212, 255);
inline constexpr ImU32 kKube = IM_COL32(80, 140, 255, 255);
inline constexpr ImU32 kLoadBalancer = IM_COL32(189, 147, 249, 255);
inline constexpr ImU32 kTraffic = IM_COL32(255, 214, 102, 255);
inline constexpr ImU32 kError = IM_COL32(255, 107, 107, 255);
// Pod status.
inline constexpr ImU32 kPending = IM_COL32(140, 152, 170, 255);
inline constexpr ImU32 kCreating = IM_COL32(250, 190, 70, 255);
inline constexpr ImU32 kRunning = IM_COL32(62, 207, 142, 255);
inline constexpr ImU32 kNotReady = IM_COL32(160, 210, 110, 255);
inline constexpr ImU32 kTerminating = IM_COL32(150, 130, 220, 255);
inline constexpr ImU32 kFailed = IM_COL32(255, 107, 107, 255);
inline constexpr ImU32 kSucceeded = IM_COL32(100, 150, 200, 255);
}  // namespace color

// Replaces ImGui's fonts with JetBrains Mono at `scale` (built-in font when not embedded),
// sets the dark style scaled to `scale`, and returns the theme. The caller (re)builds the
// font texture afterwards.
Theme setupTheme(float scale);

// `c` with its alpha multiplied by `a` (0..1).
ImU32 withAlpha(ImU32 c, float a);
// Linear mix of two colours.
ImU32 mix(ImU32 a, ImU32 b, float t);

}  // namespace kp
