// The cluster canvas: the control plane and worker nodes as boxes, pods inside their node as
// SDF circles coloured by status, services and load balancers with lines to their endpoint
// pods, and a particle for every traced request travelling client -> load balancer -> node
// -> pod. Pods keep their slot while others come and go; new pods fade in, deleted ones fade
// out, and a pod being scheduled glides from the scheduler queue into its node.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "web/sdf_batch.h"
#include "web/theme.h"
#include "web/view_model.h"

namespace kp {

// Where things were drawn in the last frame, in screen pixels (the bridge's view()).
struct CanvasLayout {
  struct Box {
    std::string key;  // node name, or service "namespace/name"
    ImVec2 min, max;
  };
  struct Spot {
    std::string key, node;  // pod "namespace/name"; node "" = scheduler queue
    ImVec2 center;
    float radius = 0;
  };
  ImVec2 min, max;          // the canvas
  ImVec2 client;            // where requests start
  std::vector<Box> nodes, services;
  std::vector<Spot> pods;
  // Where each component sits, for arrows between them (the timeline of a command):
  // "client" (the user's laptop), "kube-apiserver", "etcd", "kube-scheduler",
  // "kube-controller-manager" (their chips in the control-plane box, else the box's centre),
  // "kubelet/NODE" and "kube-proxy/NODE" (points in each node's header).
  std::map<std::string, ImVec2> components;
  int particles = 0;        // request particles in flight
  bool compactPods = false; // at least one node shows pods as unlabelled dots
  const Box* node(const std::string& name) const;
  const Spot* pod(const std::string& key) const;
  const ImVec2* component(const std::string& id) const;
};

class CanvasPanel {
 public:
  // Draws the canvas into the current window's draw list over [min, max).
  void draw(const ViewModel& vm, const Theme& theme, SdfRenderer* gpu, ImVec2 min, ImVec2 max);
  // Positions of pods are filled in when asked (the bridge and tests ask; frames do not).
  const CanvasLayout& layout() const;

  // `minikube dashboard`: highlight the canvas for a moment.
  void flash() { flash_ = 1.0f; }
  bool flashing() const { return flash_ > 0; }

  bool showSystemPods = false;
  // What was clicked last (the inspector shows it): kind "Pod", "Node" or "Service" and the
  // key ("namespace/name" for pods and services, the name for nodes); empty = nothing.
  struct Selection {
    std::string kind, key;
    bool empty() const { return kind.empty(); }
    bool is(const std::string& k, const std::string& name) const { return kind == k && key == name; }
  };
  Selection selected;
  void select(std::string kind, std::string key) { selected = {std::move(kind), std::move(key)}; }

  // Request particles: how long one hop takes on screen (simulated ms; requests take a few
  // simulated ms in the network, which nobody could see).
  static constexpr Time kHopMs = 450;

  // The view transform (wheel zoom about the cursor, drag to pan, double-click or "fit" to
  // reset). The layout is computed to fit the canvas ("world" = the fitted picture, in screen
  // pixels at zoom 1); everything drawn is mapped screen = min + (world - min) * zoom + pan.
  // CanvasLayout reports positions after the transform.
  static constexpr float kMinZoom = 0.25f, kMaxZoom = 8.0f;
  float zoom() const { return zoom_; }
  ImVec2 pan() const { return pan_; }
  void zoomAt(ImVec2 screen, float factor);  // keeps the point under `screen` in place
  void panBy(ImVec2 delta);
  void fit() {
    zoom_ = 1;
    pan_ = ImVec2(0, 0);
  }
  ImVec2 toScreen(ImVec2 world) const {
    return ImVec2(origin_.x + (world.x - origin_.x) * zoom_ + pan_.x, origin_.y + (world.y - origin_.y) * zoom_ + pan_.y);
  }
  ImVec2 toWorld(ImVec2 screen) const {
    return ImVec2(origin_.x + (screen.x - origin_.x - pan_.x) / zoom_, origin_.y + (screen.y - origin_.y - pan_.y) / zoom_);
  }
  // The zoom overlay's buttons (top-right of the canvas), screen pixels: -, fit, +.
  struct OverlayButton {
    const char* label;
    ImVec2 min, max;
  };
  const std::vector<OverlayButton>& overlay() const { return overlay_; }

 private:
  // Where a pod belongs this frame (world coordinates), from its slot and its node's box.
  struct SlotGeom {
    ImVec2 center;
    float radius = 0;
    bool labelled = false;
    float labelW = 0;
    bool summary = false;  // too small to see: the node shows counts per state instead
  };
  struct PodState {
    PodView pod;              // last seen; kept while fading out
    ImVec2 pos;               // drawn position (eases towards the slot)
    bool placed = false;
    float alpha = 0;          // fade in/out
    bool gone = false;        // no longer in the store
    std::string group;        // node name, "" = scheduler queue
    int node = -1;            // index of the group in the view model's nodes, -1 = queue
    int slot = -1;
    Time answeredAt = kNoTime;  // a request reached it (glow)
    SlotGeom geom;            // valid when geomFrame is this frame
    uint64_t geomFrame = 0;
  };
  // Per-object work is redone only when the view model's objects change (a new generation):
  // which state belongs to which view-model pod, each node's pod counts, each service's
  // endpoint states. Frames in between touch no strings per pod.
  void assignSlots(const ViewModel& vm);
  int takeSlot(const std::string& group, PodState* st);
  void releaseSlot(const std::string& group, int slot);

  std::map<std::string, PodState> pods_;  // states are not moved while they live
  uint64_t frame_ = 0;
  uint64_t slotsGeneration_ = ~0ull;  // the view model generation assignSlots last saw
  bool slotsShowSystem_ = false;
  std::map<std::string, std::vector<PodState*>> slots_;  // group -> pod per slot (null = free)
  std::vector<PodState*> vmPods_;                       // per view-model pod; null when not drawn
  struct NodeCounts {
    int shown = 0, hiddenSystem = 0;
    std::array<int, 8> looks{};  // shown pods per PodLook
  };
  std::vector<NodeCounts> nodeCounts_;  // per view-model node
  struct Endpoint {
    PodState* pod;
    float alpha;  // ready 0.42, not ready 0.14
  };
  std::vector<std::vector<Endpoint>> svcEndpoints_;  // per drawn service
  std::vector<const void*> svcSources_;              // the Endpoints objects they were made from
  bool endpointsStale_ = true;                        // a state they point at was erased
  std::map<uint64_t, Time> traceStart_;                    // trace id -> when its particle starts
  Time lastTraceStart_ = 0;
  float flash_ = 0;
  mutable CanvasLayout layout_;
  mutable bool layoutPodsStale_ = true;
  float drawnZoom_ = 1;  // the transform the last frame used (for layout())
  ImVec2 drawnPan_{0, 0};
  float zoom_ = 1;
  ImVec2 pan_{0, 0};
  ImVec2 origin_{0, 0}, size_{0, 0};  // the canvas this frame
  bool panning_ = false;              // the left button went down on the canvas
  std::vector<OverlayButton> overlay_;
  void clampPan();
  void toScreenLayout();
};

// Shortens text to fit `width` with an ellipsis in the middle, keeping both ends (a pod's
// name ends with its distinguishing suffix).
std::string fitMiddle(ImFont* font, float size, const std::string& text, float width);

}  // namespace kp
