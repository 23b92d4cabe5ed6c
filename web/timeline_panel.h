// The timeline of a command ("what happened in the background"): a collapsible strip along
// the bottom of the canvas listing the recent console commands and, for the chosen one (the
// latest unless picked), the steps it caused inside the cluster as rows
// ("+0.412s  kube-scheduler -> kube-apiserver  scheduler: bound default/kubia-... to ...").
// Play replays them: each beat highlights its rows and sends a particle along a curved arrow
// between the two components on the canvas (positions from CanvasLayout::component). Steps of
// the same pair in a row form one beat. The replay runs on real time, not the simulated clock.
// While not replaying, steps of the latest command that appear get a short live arrow.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/apiserver/activity.h"
#include "web/canvas_panel.h"
#include "web/theme.h"

namespace kp {

// The colour of a component id ("kubelet/minikube-m02" is a kubelet).
ImU32 componentColor(const std::string& id);

class TimelinePanel {
 public:
  // Height of the strip for a canvas `canvasH` pixels tall (collapsed: its header only).
  float height(const Theme& theme, float canvasH) const;
  // Draws the strip over [min, max) inside the current window; `realMs` of wall time passed.
  void draw(const ActivityLog& log, const Theme& theme, ImVec2 min, ImVec2 max, double realMs);
  // Draws the replay's (and live) arrows over the canvas, clipped to [min, max).
  void drawArrows(const CanvasLayout& layout, const Theme& theme, ImVec2 min, ImVec2 max);

  // Replay controls.
  void play(const ActivityLog& log);
  void stop() { playing_ = false; }
  bool playing() const { return playing_; }
  // Moves the replay (and live arrows) on by `realMs` of wall time.
  void tick(const ActivityLog& log, double realMs);
  // Picks the command whose steps are shown (0: always the latest).
  void choose(uint64_t groupId) { chosen_ = groupId; playing_ = false; }
  uint64_t shownGroup(const ActivityLog& log) const;

  bool collapsed = false;
  static constexpr double kBeatMs = 900;  // one arrow of the replay, real milliseconds
  static constexpr double kLiveMs = 700;  // a live arrow

  // The replay's state: the beat being shown, its first and last step index.
  int beat() const { return playing_ ? beat_ : -1; }
  size_t beatFirst() const { return beatFirst_; }
  size_t beatLast() const { return beatLast_; }
  float beatProgress() const { return static_cast<float>(beatMs_ / kBeatMs); }
  // The arrows drawn in the last drawArrows call.
  struct Arrow {
    std::string from, to;
    ImVec2 a, b;     // endpoints (the components' positions)
    ImVec2 head;     // where the particle is
    float t = 0;     // 0..1 along the arrow
    bool live = false;
  };
  const std::vector<Arrow>& arrows() const { return drawn_; }
  // The Play/Stop button of the last frame, in pixels.
  ImVec2 playMin() const { return playMin_; }
  ImVec2 playMax() const { return playMax_; }

  // The groups and their steps (times relative to the command), the replay state and the
  // arrows of the last frame with positions divided by pixelRatio (the bridge's timeline()).
  Json toJson(const ActivityLog& log, float pixelRatio) const;

 private:
  struct Live {
    std::string from, to;
    double ms = 0;
  };
  // The steps of one beat from `first`: same actor and target, one after another.
  static size_t beatEnd(const ActivityGroup& g, size_t first);
  const ActivityGroup* shown(const ActivityLog& log) const;

  uint64_t chosen_ = 0;
  bool playing_ = false;
  uint64_t playGroup_ = 0;
  int beat_ = 0;
  size_t beatFirst_ = 0, beatLast_ = 0;
  double beatMs_ = 0;
  std::string beatFrom_, beatTo_;  // the beat's components
  bool follow_ = false;  // scroll the rows to the highlighted one
  // Live arrows for the latest group's new steps.
  uint64_t liveGroup_ = 0;
  size_t liveSeen_ = 0;
  std::deque<Live> live_;
  std::vector<Arrow> drawn_;
  ImVec2 playMin_, playMax_;
};

}  // namespace kp
