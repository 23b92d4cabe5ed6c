// The browser application without its platform layer: one Cluster, one Shell (coloured), the
// panels and the view model. web/main.cpp drives it from the browser's frame loop and the
// bridge; tests/web drives it headless. Each frame: update() moves simulated time on by the
// real time elapsed and polls the running command; draw() builds the view model and draws.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "core/shell/shell.h"
#include "core/sim/cluster.h"
#include "web/canvas_panel.h"
#include "web/console_panel.h"
#include "web/editor_panel.h"
#include "web/inspector_panel.h"
#include "web/status_bar.h"
#include "web/timeline_panel.h"
#include "web/view_model.h"

namespace kp {

struct AppOptions {
  ClusterOptions cluster;
  bool welcome = true;  // print the welcome text into the console
};

class App {
 public:
  explicit App(AppOptions opts = {});
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Moves simulated time on by `realMs` of wall time (at most a second per frame, so a tab
  // that was in the background does not replay minutes at once) and polls the console. The
  // clock moves in slices until kFrameBudgetMs of wall time is spent: when the cluster has
  // more to do than fits (a Deployment of 100,000 pods), simulated time runs slower than
  // real time and the page keeps drawing and answering.
  void update(double realMs);
  static constexpr double kFrameBudgetMs = 10;
  // Whether the last frame ran out of budget before the clock caught up.
  bool behind() const { return behind_; }
  // Moves simulated time by `ms` at once, stopping at each deadline of the running command
  // so that `sleep` and `kubectl delete` finish at their time and queued lines follow.
  void advance(Time ms);
  // The clock's controls (the status bar's buttons): speed is simulated seconds per real
  // second (0.25 to 16); while paused, frames move no simulated time (commands still run at
  // once); step moves one simulated second; settle runs until nothing is in flux (see below).
  void setSpeed(float speed);
  float speed() const { return speed_; }
  void setPaused(bool paused) { paused_ = paused; }
  bool paused() const { return paused_; }
  void step() { advance(1000); }
  // Runs simulated time, a second at a time for at most ten minutes, until no pod is being
  // created, pulled, started or terminated and every Deployment has its available replicas.
  // Returns the simulated milliseconds it ran.
  Time runUntilSettled();
  // The status bar's settle button: the same, spread over frames (each within the frame
  // budget) so that a cluster with a lot to do does not freeze the page.
  void fastForward();
  bool fastForwarding() const { return fastForwardFrom_ != kNoTime; }
  bool settled() const;

  // The light or the dark theme (the status bar's switch): the palette, ImGui's colours and
  // the console's scrollback.
  void setLightTheme(bool light);
  // Called when the learner switches the theme in the status bar (the page remembers it).
  std::function<void(bool light)> onThemeChange;
  bool lightTheme() const { return lightPalette(); }

  // Runs a console line as if typed; `done` gets its output when it finishes.
  void exec(const std::string& line, ConsolePanel::Done done = {});

  // Draws the whole UI over ImGui's main viewport (between NewFrame and Render).
  void draw(const Theme& theme, SdfRenderer* gpu);

  // Every object in its Kubernetes JSON form, grouped by kind: {"Pod": [...], ...}.
  std::string stateJson() const;
  // The last frame's view model with screen positions, divided by `pixelRatio` (CSS pixels,
  // relative to the canvas element's top-left corner).
  std::string viewJson(float pixelRatio) const;

  // `minikube dashboard`: bring the cluster canvas forward.
  void focusCanvas();

  Cluster& cluster() { return *cluster_; }
  Shell& shell() { return *shell_; }
  ConsolePanel& console() { return *console_; }
  CanvasPanel& canvas() { return canvas_; }
  EditorPanel& editor() { return editor_; }
  InspectorPanel& inspector() { return inspector_; }
  TimelinePanel& timeline() { return timeline_; }
  const ViewModel& viewModel() const { return vm_; }
  // Panel rectangles of the last frame, in pixels.
  ImVec2 canvasMin() const { return canvasMin_; }
  ImVec2 canvasMax() const { return canvasMax_; }
  ImVec2 consoleMin() const { return consoleMin_; }
  ImVec2 consoleMax() const { return consoleMax_; }

 private:
  std::unique_ptr<Cluster> cluster_;
  std::unique_ptr<Shell> shell_;
  std::unique_ptr<ConsolePanel> console_;
  CanvasPanel canvas_;
  EditorPanel editor_;  // kubectl edit's editor, over the canvas while open
  InspectorPanel inspector_;  // the selected object, over the canvas's right side
  TimelinePanel timeline_;  // the steps of a command, along the bottom of the canvas
  ViewModel vm_;
  // Moves the clock by up to `ms` in slices until `budgetMs` of wall time is spent.
  void advanceWithin(Time ms, double budgetMs);
  double carryMs_ = 0;  // fractions of a millisecond not yet given to the clock
  bool behind_ = false;
  Time fastForwardFrom_ = kNoTime;
  float speed_ = 1;
  bool paused_ = false;
  float canvasShare_ = 0;  // eases towards the narrow layout's canvas height share
  ImVec2 themeMin_, themeMax_;  // the status bar's theme switch
  ImVec2 canvasDrawMax_;  // the canvas drawing's corner, above the timeline strip
  ImVec2 canvasMin_, canvasMax_, consoleMin_, consoleMax_;
  float fps_ = 0;
};

}  // namespace kp
