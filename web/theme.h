// The look of kubeplay: a dark and a light palette, the fonts, ImGui's style, and the colours that mean
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

// The palette. Every colour is a variable that usePalette() sets, so the whole UI switches
// between the dark and the light theme at once; panels read them each frame.
namespace color {
// Surfaces, darkest first (in the dark theme).
inline ImU32 kWindow, kPanel, kNode, kNodeHeader, kBorder, kBorderStrong;
inline ImU32 kCanvas, kCanvasEdge, kGridDot;  // the canvas background and its dot grid
inline ImU32 kCard;                           // client and service boxes on the canvas
inline ImU32 kFrame, kButton, kButtonHovered, kButtonActive, kPopup;
// Text.
inline ImU32 kText, kTextDim, kTextFaint, kStderr;
inline ImU32 kChipText;                       // control-plane component chips
inline ImU32 kLoadBalancerText;               // a load balancer's external address
// Accents: Kubernetes blue for the control plane and services, teal for the prompt and traffic.
inline ImU32 kAccent, kKube, kLoadBalancer, kTraffic, kError, kParticle;
// Pod status.
inline ImU32 kPending, kCreating, kRunning, kNotReady, kTerminating, kFailed, kSucceeded;
}  // namespace color

// Sets the palette above (and the console's ANSI colours) to the dark or the light theme, and
// ImGui's style colours to match. Starts dark.
void usePalette(bool light);
bool lightPalette();

// Replaces ImGui's fonts with JetBrains Mono at `scale` (built-in font when not embedded; Hangul
// merged in when embedded), sets the style in the current palette scaled to `scale`, and
// returns the theme. The caller (re)builds the
// font texture afterwards.
Theme setupTheme(float scale);

// `c` with its alpha multiplied by `a` (0..1).
ImU32 withAlpha(ImU32 c, float a);
// Linear mix of two colours.
ImU32 mix(ImU32 a, ImU32 b, float t);

}  // namespace kp
