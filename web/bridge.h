// The JavaScript bridge: C functions exported from the wasm module that public/kubeplay-loader.js
// wraps as window.kubeplay (exec, state, view, advance). Browser build only.
#pragma once

namespace kp {

class App;

// Points the exported functions at the running app; `pixelRatio` is read at each view() call.
void attachBridge(App* app, const float* pixelRatio);
// Resolves window.kubeplay.ready (called once the first frame is drawn).
void announceReady();
// One frame's CPU time in ms (update + draw + render), for kp_frame_stats.
void recordFrameTime(double ms);

}  // namespace kp

extern "C" {
// Runs a console line as if typed; calls Module.kpDone(id, output, exitCode) when it finishes
// (possibly before returning).
void kp_exec(const char* line, int id);
// Every object as Kubernetes JSON grouped by kind. The string lives until the next call.
const char* kp_state();
// The canvas view model with positions in CSS pixels relative to the canvas element.
const char* kp_view();
// Moves simulated time by ms at once.
void kp_advance(double ms);
// The simulated clock, Unix milliseconds.
double kp_now();
// Text from the browser's clipboard (a paste event), typed into the console.
void kp_paste(const char* text);
// The console's scrollback as plain text (tests, copy). The string lives until the next call.
const char* kp_console();
// Gives the console's input line the keyboard focus.
void kp_focus_console();
// The console history of earlier page loads (lines joined by newlines, oldest first), put
// before this session's. Each line entered later is passed to Module.kpHistoryAdd(line).
void kp_load_history(const char* text);
// The console text selected with the mouse ("" when none); the page copies it on Ctrl+C.
const char* kp_selection();
// The timeline: every kept command with its steps, the replay state and the arrows drawn in
// the last frame (CSS pixels). The string lives until the next call.
const char* kp_timeline();
// CPU time per frame since the last reset as JSON {"frames","meanMs","p95Ms","maxMs"}; reset
// != 0 starts a new measurement after reading. The string lives until the next call.
const char* kp_frame_stats(int reset);
// The colour theme: light != 0 for the light one. Not remembered (the status bar's switch is).
void kp_set_theme(int light);
}
