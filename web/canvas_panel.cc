// The cluster canvas (see canvas_panel.h). Geometry is recomputed every frame from the canvas
// size, so the same code serves a wide laptop window and a narrow frame in a course page;
// only slot numbers (which pod sits where in its node) persist between frames.
#include "web/canvas_panel.h"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "core/api/quantity.h"

namespace kp {

namespace {

constexpr float kPi = 3.14159265f;

ImU32 lookColor(PodLook look) {
  switch (look) {
    case PodLook::Pending: return color::kPending;
    case PodLook::Creating: return color::kCreating;
    case PodLook::Running: return color::kRunning;
    case PodLook::NotReady: return color::kNotReady;
    case PodLook::Terminating: return color::kTerminating;
    case PodLook::Error: return color::kFailed;
    case PodLook::Succeeded: return color::kSucceeded;
    case PodLook::Failed: return color::kFailed;
  }
  return color::kPending;
}

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }
float smooth(float t) { return t * t * (3 - 2 * t); }
float dist(ImVec2 a, ImVec2 b) { return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)); }
bool inside(ImVec2 p, ImVec2 a, ImVec2 b) { return p.x >= a.x && p.y >= a.y && p.x < b.x && p.y < b.y; }

void text(ImDrawList* dl, ImFont* font, ImVec2 pos, ImU32 col, const std::string& s) {
  dl->AddText(font, font->FontSize, ImVec2(std::floor(pos.x), std::floor(pos.y)), col, s.c_str());
}
float textWidth(ImFont* font, const std::string& s) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.c_str()).x;
}
// Text at a size other than the font's (world-space labels drawn to keep their screen size).
void textAt(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 col, const std::string& s) {
  dl->AddText(font, size, pos, col, s.c_str());
}
float textWidthAt(ImFont* font, float size, const std::string& s) {
  return font->CalcTextSizeA(size, FLT_MAX, 0, s.c_str()).x;
}

std::string formatAge(Time ms) {
  if (ms < 0) ms = 0;
  int64_t s = ms / 1000;
  if (s < 120) return std::to_string(s) + "s";
  if (s < 3600 * 2) return std::to_string(s / 60) + "m";
  return std::to_string(s / 3600) + "h";
}

}  // namespace

const CanvasLayout::Box* CanvasLayout::node(const std::string& name) const {
  for (auto& b : nodes)
    if (b.key == name) return &b;
  return nullptr;
}
const CanvasLayout::Spot* CanvasLayout::pod(const std::string& key) const {
  for (auto& p : pods)
    if (p.key == key) return &p;
  return nullptr;
}

const ImVec2* CanvasLayout::component(const std::string& id) const {
  auto it = components.find(id);
  return it == components.end() ? nullptr : &it->second;
}

std::string fitMiddle(ImFont* font, float size, const std::string& text, float width) {
  auto w = [&](const std::string& s) { return font->CalcTextSizeA(size, FLT_MAX, 0, s.c_str()).x; };
  if (w(text) <= width) return text;
  const std::string dots = "\xE2\x80\xA6";  // …
  // Keep the tail (the random suffix), shorten the head; ASCII names only, as Kubernetes allows.
  size_t tail = std::min<size_t>(6, text.size() / 2);
  for (size_t head = text.size() - tail; head > 0; --head) {
    std::string s = text.substr(0, head) + dots + text.substr(text.size() - tail);
    if (w(s) <= width) return s;
  }
  for (size_t t = tail; t > 0; --t) {
    std::string s = dots + text.substr(text.size() - t);
    if (w(s) <= width) return s;
  }
  return "";
}

void CanvasPanel::zoomAt(ImVec2 screen, float factor) {
  if (!(factor > 0) || !std::isfinite(factor)) return;
  ImVec2 w = toWorld(screen);
  zoom_ = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom);
  pan_ = ImVec2(screen.x - origin_.x - (w.x - origin_.x) * zoom_, screen.y - origin_.y - (w.y - origin_.y) * zoom_);
  clampPan();
}

void CanvasPanel::panBy(ImVec2 delta) {
  if (!std::isfinite(delta.x) || !std::isfinite(delta.y)) return;
  pan_ = ImVec2(pan_.x + delta.x, pan_.y + delta.y);
  clampPan();
}

// Keeps at least a fifth of the picture on the canvas so it cannot be lost off-screen.
void CanvasPanel::clampPan() {
  auto clamp1 = [&](float p, float extent) {
    if (extent <= 0) return 0.0f;
    return std::clamp(p, -extent * zoom_ + extent * 0.3f, extent * 0.7f);
  };
  pan_ = ImVec2(clamp1(pan_.x, size_.x), clamp1(pan_.y, size_.y));
}

void CanvasPanel::toScreenLayout() {
  auto box = [&](CanvasLayout::Box& b) {
    b.min = toScreen(b.min);
    b.max = toScreen(b.max);
  };
  for (auto& b : layout_.nodes) box(b);
  for (auto& b : layout_.services) box(b);
  for (auto& [id, at] : layout_.components) at = toScreen(at);
  layout_.client = toScreen(layout_.client);
  drawnZoom_ = zoom_;
  drawnPan_ = pan_;
}

const CanvasLayout& CanvasPanel::layout() const {
  if (layoutPodsStale_) {
    layoutPodsStale_ = false;
    layout_.pods.clear();
    layout_.pods.reserve(pods_.size());
    for (auto& [key, st] : pods_) {
      if (st.geomFrame != frame_) continue;
      const ImVec2 w = st.geom.center;
      ImVec2 at(origin_.x + (w.x - origin_.x) * drawnZoom_ + drawnPan_.x, origin_.y + (w.y - origin_.y) * drawnZoom_ + drawnPan_.y);
      layout_.pods.push_back({key, st.group, at, st.geom.radius * drawnZoom_});
    }
  }
  return layout_;
}

int CanvasPanel::takeSlot(const std::string& group, PodState* st) {
  auto& v = slots_[group];
  for (size_t i = 0; i < v.size(); ++i)
    if (!v[i]) {
      v[i] = st;
      return static_cast<int>(i);
    }
  v.push_back(st);
  return static_cast<int>(v.size() - 1);
}

void CanvasPanel::releaseSlot(const std::string& group, int slot) {
  auto it = slots_.find(group);
  if (it == slots_.end() || slot < 0 || slot >= static_cast<int>(it->second.size())) return;
  it->second[static_cast<size_t>(slot)] = nullptr;
  while (!it->second.empty() && !it->second.back()) it->second.pop_back();
}

void CanvasPanel::assignSlots(const ViewModel& vm) {
  // The same objects as last frame: only the request counters move.
  if (vm.generation == slotsGeneration_ && vm.storeVersion >= 0 && showSystemPods == slotsShowSystem_ &&
      vmPods_.size() == vm.pods.size()) {
    for (size_t i = 0; i < vm.pods.size(); ++i)
      if (PodState* st = vmPods_[i]) {
        st->pod.requestsOk = vm.pods[i].requestsOk;
        st->pod.requestsFailed = vm.pods[i].requestsFailed;
      }
    return;
  }
  slotsGeneration_ = vm.generation;
  if (slotsShowSystem_ != showSystemPods) endpointsStale_ = true;
  slotsShowSystem_ = showSystemPods;
  for (auto& [key, st] : pods_) st.gone = true;
  std::unordered_map<std::string, int> nodeIndex;  // node name -> index, instead of a scan per pod
  for (size_t i = 0; i < vm.nodes.size(); ++i) nodeIndex.emplace(vm.nodes[i].name, static_cast<int>(i));
  nodeCounts_.assign(vm.nodes.size(), NodeCounts{});
  vmPods_.assign(vm.pods.size(), nullptr);
  for (size_t i = 0; i < vm.pods.size(); ++i) {
    const PodView& p = vm.pods[i];
    auto ni = p.node.empty() ? nodeIndex.end() : nodeIndex.find(p.node);
    const bool shown = !p.system || showSystemPods;
    if (ni != nodeIndex.end()) {
      NodeCounts& c = nodeCounts_[static_cast<size_t>(ni->second)];
      if (shown) {
        ++c.shown;
        ++c.looks[static_cast<size_t>(p.look)];
      } else {
        ++c.hiddenSystem;
      }
    }
    if (!shown) continue;
    PodState& st = pods_[p.key];
    vmPods_[i] = &st;
    st.gone = false;
    if (!p.source || st.pod.source != p.source) {
      st.pod = p;
    } else {  // the same object: only what moves without a write
      st.pod.requestsOk = p.requestsOk;
      st.pod.requestsFailed = p.requestsFailed;
      st.pod.pullProgress = p.pullProgress;
    }
    // A pod bound to a node that is not drawn waits in the queue area rather than vanishing.
    const std::string& group = ni != nodeIndex.end() ? p.node : std::string();
    if (st.slot < 0 || st.group != group) {
      if (st.slot >= 0) releaseSlot(st.group, st.slot);
      st.group = group;
      st.slot = takeSlot(group, &st);
    }
  }
  for (auto& [key, st] : pods_) {  // pods fading out keep their group; nodes may have moved
    auto ni = st.group.empty() ? nodeIndex.end() : nodeIndex.find(st.group);
    st.node = ni == nodeIndex.end() ? -1 : ni->second;
  }
}

void CanvasPanel::draw(const ViewModel& vm, const Theme& theme, SdfRenderer* gpu, ImVec2 min, ImVec2 max) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImGuiIO& io = ImGui::GetIO();
  const float S = theme.scale;
  const float dt = std::min(io.DeltaTime, 0.1f);
  const double clock = ImGui::GetTime();
  ImFont* small = theme.small ? theme.small : ImGui::GetFont();
  ImFont* mono = theme.mono ? theme.mono : ImGui::GetFont();
  ImFont* bold = theme.bold ? theme.bold : mono;

  ++frame_;
  layout_ = CanvasLayout{};
  layoutPodsStale_ = true;
  layout_.min = min;
  layout_.max = max;

  // ---- the view transform: overlay buttons, wheel, drag, double-click
  origin_ = min;
  size_ = ImVec2(max.x - min.x, max.y - min.y);
  clampPan();
  const bool hovered = ImGui::IsWindowHovered();
  {
    overlay_.clear();
    const float h = 22 * S, y0 = min.y + 8 * S;
    float x = max.x - 8 * S;
    for (const char* label : {"+", "fit", "-"}) {
      float w = label[1] ? 34 * S : 24 * S;
      overlay_.push_back({label, ImVec2(x - w, y0), ImVec2(x, y0 + h)});
      x -= w + 2 * S;
    }
    std::reverse(overlay_.begin(), overlay_.end());  // left to right: - fit +
  }
  int overlayHit = -1;
  for (size_t i = 0; i < overlay_.size(); ++i)
    if (hovered && inside(io.MousePos, overlay_[i].min, overlay_[i].max)) overlayHit = static_cast<int>(i);
  const bool mouseInCanvas = hovered && inside(io.MousePos, min, max);
  const ImVec2 centre((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
  bool overlayClicked = false;
  if (overlayHit >= 0 && ImGui::IsMouseClicked(0)) {
    overlayClicked = true;
    std::string which = overlay_[static_cast<size_t>(overlayHit)].label;
    if (which == "fit") fit();
    else zoomAt(centre, which == "+" ? 1.25f : 0.8f);
  }
  if (mouseInCanvas && overlayHit < 0 && io.MouseWheel != 0)
    zoomAt(io.MousePos, std::pow(1.15f, std::clamp(io.MouseWheel, -10.0f, 10.0f)));
  if (mouseInCanvas && overlayHit < 0 && ImGui::IsMouseDoubleClicked(0)) fit();
  if (mouseInCanvas && overlayHit < 0 && ImGui::IsMouseClicked(0) && !ImGui::IsAnyItemHovered()) panning_ = true;
  if (!io.MouseDown[0]) panning_ = false;
  if (panning_ && ImGui::IsMouseDragging(0, 3 * S)) panBy(io.MouseDelta);
  const float Z = zoom_;
  // Pod layout level of detail: zooming in by whole powers of two re-lays pods out with
  // labels at their screen size (more of them get labels); between steps the picture only
  // scales, so the point under the cursor stays put. Zoomed out, labels give way to dots.
  const float lod = Z >= 1 ? std::exp2(std::floor(std::log2(Z))) : 1.0f;
  const float iz = 1.0f / lod;
  const bool podLabels = Z >= 0.6f;
  const ImVec2 wmin = toWorld(min), wmax = toWorld(max);  // the visible part of the world
  const ImVec2 mouse = toWorld(io.MousePos);
  auto visible = [&](ImVec2 p, float r) {
    return p.x + r >= wmin.x && p.y + r >= wmin.y && p.x - r <= wmax.x && p.y - r <= wmax.y;
  };
  const bool worldText = Z * (small->FontSize) >= 6.0f;  // node and service texts still legible

  dl->PushClipRect(min, max, true);

  GridStyle grid;
  grid.min = min;
  grid.max = max;
  grid.spacing = std::round(22 * S);
  grid.scale = S;
  grid.background = color::kCanvas;
  grid.edge = color::kCanvasEdge;
  grid.dot = color::kGridDot;
  drawGrid(dl, gpu, grid);

  // Everything from here to the legend is drawn in world coordinates and mapped to the screen
  // afterwards: vertices in place, GPU batches before they are queued. The world clip is the
  // visible world rectangle (ImGui culls text against it); commands get the canvas clip back.
  dl->PushClipRect(wmin, wmax, false);
  const int vtxStart = dl->VtxBuffer.Size;
  const int cmdStart = dl->CmdBuffer.Size - 1;
  const ImVec4 worldClip = dl->_ClipRectStack.back();
  auto emitCircles = [&](std::vector<SdfCircle> v) {
    if (gpu)  // the draw-list fallback is transformed with the other vertices
      for (SdfCircle& c : v) {
        ImVec2 p = toScreen(ImVec2(c.x, c.y));
        c.x = p.x;
        c.y = p.y;
        c.radius *= Z;
        c.ringWidth *= Z;
        c.glow *= Z;
      }
    drawCircles(dl, gpu, std::move(v));
  };
  auto emitLines = [&](std::vector<SdfLine> v) {
    if (gpu)
      for (SdfLine& l : v) {
        ImVec2 a = toScreen(ImVec2(l.x0, l.y0)), b = toScreen(ImVec2(l.x1, l.y1));
        l.x0 = a.x;
        l.y0 = a.y;
        l.x1 = b.x;
        l.y1 = b.y;
        l.width *= Z;
      }
    drawLines(dl, gpu, std::move(v));
  };

  assignSlots(vm);
  // Fade: appear, or disappear and give the slot back.
  for (auto it = pods_.begin(); it != pods_.end();) {
    PodState& st = it->second;
    st.alpha = st.gone ? st.alpha - dt * 2.5f : std::min(1.0f, st.alpha + dt * 4.0f);
    if (st.gone && st.alpha <= 0) {
      releaseSlot(st.group, st.slot);
      endpointsStale_ = true;
      it = pods_.erase(it);
    } else {
      ++it;
    }
  }

  // ---- geometry: a top band (client, services, scheduler queue), then a grid of nodes
  const float pad = 14 * S;
  const float bandH = 62 * S;
  const float bandTop = min.y + pad;
  const ImVec2 clientMin(min.x + pad, bandTop), clientMax(min.x + pad + 78 * S, bandTop + bandH);
  layout_.client = ImVec2(clientMax.x, (clientMin.y + clientMax.y) * 0.5f);
  layout_.components["client"] = ImVec2((clientMin.x + clientMax.x) * 0.5f, clientMax.y);

  std::vector<const ServiceView*> services;
  for (auto& s : vm.services)
    if (!s.system || showSystemPods) services.push_back(&s);
  int queued = 0;
  for (auto& [key, st] : pods_)
    if (st.group.empty()) ++queued;
  const float queueW = queued ? std::min(40 * S + queued * 24 * S, 220 * S) : 0;
  const float svcX = clientMax.x + 24 * S;
  const float svcAvail = max.x - pad - svcX - (queueW > 0 ? queueW + 16 * S : 0);
  const float svcGap = 12 * S;
  float svcW = 0;
  if (!services.empty())
    svcW = std::clamp((svcAvail - svcGap * (services.size() - 1)) / services.size(), 120 * S, 250 * S);

  const bool roomy = max.y - min.y >= 380 * S;  // room for the legend and two-line node headers
  const float nodesTop = bandTop + bandH + (roomy ? 30 : 20) * S;
  const float legendH = roomy ? 22 * S : 0;
  const float nodesBottom = std::max(nodesTop + 60 * S, max.y - pad - legendH);
  const float gap = 14 * S;
  const int nNodes = static_cast<int>(vm.nodes.size());
  int cols = 1;
  {
    float best = -1, W = max.x - min.x - 2 * pad, H = nodesBottom - nodesTop;
    for (int c = 1; c <= std::max(1, nNodes); ++c) {
      int rows = (nNodes + c - 1) / c;
      float w = (W - (c - 1) * gap) / c, h = (H - (rows - 1) * gap) / std::max(1, rows);
      float score = std::min(w / 1.5f, h);
      if (score > best + 0.5f) {
        best = score;
        cols = c;
      }
    }
  }
  const int rows = std::max(1, (nNodes + cols - 1) / cols);
  const float cellW = (max.x - min.x - 2 * pad - (cols - 1) * gap) / cols;
  const float cellH = (nodesBottom - nodesTop - (rows - 1) * gap) / rows;
  const bool tallHeaders = cellH >= 130 * S;
  const float headerH = (tallHeaders ? 46 : 30) * S;

  struct Summary {
    int node;
    ImVec2 a, b;
  };
  std::vector<Summary> summaries;
  // Where each pod of a group (a node, or "" = the queue) belongs this frame.
  auto placeGroup = [&](const std::string& group, int nodeIndex, ImVec2 a, ImVec2 b, bool allowLabels) {
    auto it = slots_.find(group);
    if (it == slots_.end()) return;
    const auto& slots = it->second;
    int n = static_cast<int>(slots.size());
    float W = b.x - a.x, H = b.y - a.y;
    float rowH = 36 * S * iz, colMin = 190 * S * iz;  // labels keep their screen size
    int lcols = std::max(1, static_cast<int>(W / colMin));
    int lrows = std::max(0, static_cast<int>(H / rowH));
    bool labelled = allowLabels && podLabels && n <= lcols * lrows;
    // Unlabelled: the largest cell (at most 26 px on screen) such that every slot fits the area.
    float cell = 0;
    int ccols = 1;
    if (!labelled) {
      for (int c = 1; c <= std::max(1, n); ++c) {
        int r = (n + c - 1) / c;
        float size = std::min({26 * S * iz, W / c, H / std::max(1, r)});
        if (size > cell + 0.01f) {
          cell = size;
          ccols = c;
        }
      }
      cell = std::max(cell, 1.5f * S);  // crowded nodes: tiny dots (a summary below 3 px)
      ccols = std::max(ccols, static_cast<int>(W / cell));
    }
    for (int i = 0; i < n; ++i) {
      PodState* st = slots[static_cast<size_t>(i)];
      if (!st) continue;
      SlotGeom g;
      g.labelled = labelled;
      g.summary = false;
      if (labelled) {
        float colW = W / lcols;
        g.radius = 10 * S * iz;
        g.center = ImVec2(a.x + (i % lcols) * colW + 14 * S * iz, a.y + (i / lcols) * rowH + rowH * 0.5f);
        g.labelW = colW - 34 * S * iz;
      } else {
        g.radius = std::min(9 * S * iz, cell * 0.36f);
        g.center = ImVec2(a.x + (i % ccols) * cell + cell * 0.5f, a.y + (i / ccols) * cell + cell * 0.5f);
        g.labelW = 0;
        layout_.compactPods = true;
        if (cell * Z < 3.0f * S && !group.empty()) {
          g.summary = true;
          if (summaries.empty() || summaries.back().node != nodeIndex) summaries.push_back({nodeIndex, a, b});
        }
      }
      st->geom = g;
      st->geomFrame = frame_;
    }
  };

  // ---- nodes
  for (int i = 0; i < nNodes; ++i) {
    const NodeView& n = vm.nodes[static_cast<size_t>(i)];
    ImVec2 a(min.x + pad + (i % cols) * (cellW + gap), nodesTop + (i / cols) * (cellH + gap));
    ImVec2 b(a.x + cellW, a.y + cellH);
    layout_.nodes.push_back({n.name, a, b});
    if (n.controlPlane)
      for (const char* c : {"kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"})
        layout_.components[c] = ImVec2((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    ImVec2& kubeletAt = layout_.components["kubelet/" + n.name];
    ImVec2& proxyAt = layout_.components["kube-proxy/" + n.name];
    kubeletAt = ImVec2(a.x + 0.3f * (b.x - a.x), a.y + headerH);  // moved onto the chips below
    proxyAt = ImVec2(a.x + 0.7f * (b.x - a.x), a.y + headerH);
    ImU32 border = n.controlPlane ? withAlpha(color::kKube, 0.55f) : color::kBorder;
    dl->AddRectFilled(a, b, color::kNode, 10 * S);
    dl->AddRectFilled(a, ImVec2(b.x, a.y + headerH), color::kNodeHeader, 10 * S, ImDrawFlags_RoundCornersTop);
    dl->AddLine(ImVec2(a.x, a.y + headerH), ImVec2(b.x, a.y + headerH), color::kBorder, S);
    dl->AddRect(a, b, border, 10 * S, 0, 1.2f * S);
    if (selected.is("Node", n.name))
      dl->AddRect(ImVec2(a.x - 2 * S, a.y - 2 * S), ImVec2(b.x + 2 * S, b.y + 2 * S), color::kAccent, 11 * S, 0, 2.5f * S * std::max(1.0f, iz));

    float x = a.x + 12 * S, y = a.y + 8 * S;
    dl->AddCircleFilled(ImVec2(x + 4 * S, y + 8 * S), 4 * S, n.ready ? color::kRunning : color::kError, 16);
    x += 14 * S;
    int podCount = 0, hidden = 0;
    if (static_cast<size_t>(i) < nodeCounts_.size()) {
      podCount = nodeCounts_[static_cast<size_t>(i)].shown;
      hidden = nodeCounts_[static_cast<size_t>(i)].hiddenSystem;
    }
    std::string role = n.controlPlane ? "control-plane" : "worker";
    float roleW = textWidth(small, role) + 12 * S;
    float nameW = b.x - x - roleW - 20 * S;
    text(dl, bold, ImVec2(x, y), color::kText, fitMiddle(bold, bold->FontSize, n.name, nameW));
    ImVec2 pillA(b.x - 10 * S - roleW, y + 1 * S), pillB(b.x - 10 * S, y + 16 * S);
    dl->AddRectFilled(pillA, pillB, n.controlPlane ? withAlpha(color::kKube, 0.22f) : withAlpha(color::kText, 0.06f), 8 * S);
    text(dl, small, ImVec2(pillA.x + 6 * S, pillA.y + 1 * S), n.controlPlane ? color::kChipText : color::kTextDim, role);
    std::string info = n.ip;
    std::string count = std::to_string(podCount) + (podCount == 1 ? " pod" : " pods");
    if (hidden) count += " +" + std::to_string(hidden) + " system";
    float countW = textWidth(small, count);
    if (tallHeaders) {
      if (!n.podCidr.empty() && textWidth(small, info + "  " + n.podCidr) + countW + 30 * S < b.x - a.x)
        info += "  " + n.podCidr;
      text(dl, small, ImVec2(a.x + 12 * S, y + 20 * S), color::kTextDim, info);
      text(dl, small, ImVec2(b.x - 10 * S - countW, y + 20 * S), color::kTextFaint, count);
    } else {
      // One line: the address follows the name when there is room.
      float used = x + textWidth(bold, fitMiddle(bold, bold->FontSize, n.name, nameW)) + 10 * S;
      if (used + textWidth(small, info) < pillA.x - 6 * S) text(dl, small, ImVec2(used, y + 2 * S), color::kTextDim, info);
    }
    ImVec2 areaA(a.x + 10 * S, a.y + headerH + 6 * S), areaB(b.x - 8 * S, b.y - 6 * S);
    if (!n.ready) {  // NotReady: a red badge in the header (the box is dimmed further down)
      const char* badge = "NotReady";
      float bw = textWidth(small, badge) + 12 * S;
      ImVec2 ba(b.x - 10 * S - roleW - 6 * S - bw, y + 1 * S), bb(ba.x + bw, y + 16 * S);
      if (ba.x > a.x + 30 * S) {
        dl->AddRectFilled(ba, bb, withAlpha(color::kError, 0.85f), 8 * S);
        if (worldText) text(dl, small, ImVec2(ba.x + 6 * S, ba.y + 1 * S), IM_COL32(255, 255, 255, 255), badge);
      }
    }
    // The node's agents as chips, and its allocated resources as bars, along the bottom.
    if (areaB.y - areaA.y >= 64 * S) {
      const float h = 16 * S, y1 = b.y - 6 * S, y0 = y1 - h;
      areaB.y = y0 - 4 * S;
      const bool longNames = cellW >= 330 * S;
      float cx = a.x + 10 * S;
      auto chip = [&](const char* label) {
        float w = textWidth(small, label) + 10 * S;
        ImVec2 c0(cx, y0), c1(cx + w, y1);
        dl->AddRectFilled(c0, c1, color::kButton, 4 * S);
        dl->AddRect(c0, c1, withAlpha(color::kKube, 0.45f), 4 * S, 0, S);
        if (worldText) text(dl, small, ImVec2(cx + 5 * S, y0 + (h - small->FontSize) * 0.5f), color::kTextDim, label);
        cx += w + 4 * S;
        return ImVec2((c0.x + c1.x) * 0.5f, (c0.y + c1.y) * 0.5f);
      };
      kubeletAt = chip(longNames ? "kubelet" : "kl");
      proxyAt = chip(longNames ? "kube-proxy" : "kp");
      struct Bar {
        const char* name;
        double used, total;
      };
      const Bar bars[] = {{"cpu", static_cast<double>(n.cpuRequestedMilli), static_cast<double>(n.cpuAllocatableMilli)},
                          {"mem", static_cast<double>(n.memRequestedBytes), static_cast<double>(n.memAllocatableBytes)},
                          {"pods", static_cast<double>(n.podsScheduled), static_cast<double>(n.podsAllocatable)}};
      const float avail = b.x - 8 * S - cx - 2 * S, barGap = 8 * S;
      const float bw = (avail - 2 * barGap) / 3;
      if (bw >= 18 * S) {
        for (int k = 0; k < 3; ++k) {
          const Bar& bar = bars[k];
          float x0 = cx + 2 * S + k * (bw + barGap), x1 = x0 + bw;
          if (worldText && bw >= 60 * S) {
            text(dl, small, ImVec2(x0, y0 + (h - small->FontSize) * 0.5f), color::kTextFaint, bar.name);
            x0 += textWidth(small, "pods") + 4 * S;
          }
          float frac = bar.total > 0 ? static_cast<float>(std::clamp(bar.used / bar.total, 0.0, 1.0)) : 0.0f;
          ImU32 fill = frac >= 0.9f ? color::kError : frac >= 0.7f ? color::kPending : color::kRunning;
          float by0 = y0 + h * 0.5f - 3 * S, by1 = by0 + 6 * S;
          dl->AddRectFilled(ImVec2(x0, by0), ImVec2(x1, by1), withAlpha(color::kText, 0.08f), 3 * S);
          if (frac > 0) dl->AddRectFilled(ImVec2(x0, by0), ImVec2(x0 + std::max(2 * S, (x1 - x0) * frac), by1), fill, 3 * S);
        }
      }
    }
    // The control plane's own components (system pods, hidden by default) as chips along the
    // bottom of its box: what answers kubectl, schedules and reconciles.
    if (n.controlPlane && hidden && !showSystemPods && areaB.y - areaA.y > 90 * S) {
      std::vector<std::string> chips;
      for (auto& p : vm.pods) {
        if (p.node != n.name || !p.system) continue;
        std::string c = p.name;
        if (c.size() > n.name.size() + 1 && c.compare(c.size() - n.name.size() - 1, std::string::npos, "-" + n.name) == 0) {
          c.resize(c.size() - n.name.size() - 1);  // static pods: kube-apiserver-minikube
        } else if (!p.owner.empty() && c.rfind(p.owner + "-", 0) == 0) {
          c = p.owner;  // DaemonSet pods: kube-proxy-x7k2p
          // ReplicaSet pods: coredns-668d6bf9bc-x7k2p; drop the pod-template-hash.
          size_t dash = c.rfind('-');
          if (dash != std::string::npos && c.size() - dash > 6 &&
              c.find_first_of("0123456789", dash) != std::string::npos)
            c.resize(dash);
        }
        if (std::find(chips.begin(), chips.end(), c) == chips.end()) chips.push_back(c);
      }
      // The control plane's components first, in the order a request meets them.
      auto rank = [](const std::string& c) {
        static const char* order[] = {"kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"};
        for (int i = 0; i < 4; ++i)
          if (c == order[i]) return i;
        return 4;
      };
      std::stable_sort(chips.begin(), chips.end(), [&](const std::string& x, const std::string& y) {
        return rank(x) != rank(y) ? rank(x) < rank(y) : x < y;
      });
      // Flow into at most two rows, then anchor the rows to the bottom of the box.
      const float rowH = 20 * S, rowGap = 4 * S;
      std::vector<std::vector<std::string>> rows(1);
      float cx = areaA.x;
      for (auto& c : chips) {
        float w = textWidth(small, c) + 14 * S;
        if (cx + w > areaB.x && !rows.back().empty()) {
          if (rows.size() == 2) break;
          rows.emplace_back();
          cx = areaA.x;
        }
        rows.back().push_back(c);
        cx += w + 6 * S;
      }
      std::vector<std::pair<ImVec2, std::string>> placed;
      float cy = areaB.y - rows.size() * rowH - (rows.size() - 1) * rowGap;
      for (auto& row : rows) {
        cx = areaA.x;
        for (auto& c : row) {
          placed.push_back({ImVec2(cx, cy), c});
          cx += textWidth(small, c) + 20 * S;
        }
        cy += rowH + rowGap;
      }
      for (auto& [pos, c] : placed) {
        float w = textWidth(small, c) + 14 * S;
        if (rank(c) < 4) layout_.components[c] = ImVec2(pos.x + w * 0.5f, pos.y + rowH * 0.5f);
        dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + rowH), withAlpha(color::kKube, 0.10f), 10 * S);
        dl->AddRect(pos, ImVec2(pos.x + w, pos.y + rowH), withAlpha(color::kKube, 0.35f), 10 * S, 0, S);
        text(dl, small, ImVec2(pos.x + 7 * S, pos.y + 3 * S), color::kChipText, c);
      }
      for (auto& pp : placed) areaB.y = std::min(areaB.y, pp.first.y - 6 * S);
    }
    if (podCount == 0 && areaB.y - areaA.y > 40 * S) {
      std::string none = "no pods";
      text(dl, small, ImVec2(areaA.x + 4 * S, areaA.y + 6 * S), color::kTextFaint, none);
    }
    placeGroup(n.name, i, areaA, areaB, true);
  }

  // ---- client
  {
    ImVec2 c((clientMin.x + clientMax.x) * 0.5f, clientMin.y + 22 * S);
    dl->AddRectFilled(clientMin, clientMax, color::kCard, 8 * S);
    dl->AddRect(clientMin, clientMax, color::kBorder, 8 * S, 0, S);
    // A small laptop: screen and base.
    dl->AddRect(ImVec2(c.x - 13 * S, c.y - 11 * S), ImVec2(c.x + 13 * S, c.y + 6 * S), color::kTextDim, 2 * S, 0, 1.5f * S);
    dl->AddLine(ImVec2(c.x - 17 * S, c.y + 10 * S), ImVec2(c.x + 17 * S, c.y + 10 * S), color::kTextDim, 2 * S);
    std::string label = "client";
    text(dl, small, ImVec2(c.x - textWidth(small, label) * 0.5f, clientMax.y - 22 * S), color::kTextDim, label);
  }

  // ---- services and load balancers
  for (size_t i = 0; i < services.size(); ++i) {
    const ServiceView& s = *services[i];
    ImVec2 a(svcX + i * (svcW + svcGap), bandTop), b(a.x + svcW, bandTop + bandH);
    layout_.services.push_back({s.key, a, b});
    bool lb = s.type == "LoadBalancer";
    ImU32 accent = lb ? color::kLoadBalancer : color::kKube;
    dl->AddRectFilled(a, b, color::kCard, 8 * S);
    dl->AddRectFilled(a, ImVec2(a.x + 4 * S, b.y), accent, 8 * S, ImDrawFlags_RoundCornersLeft);
    dl->AddRect(a, b, withAlpha(accent, 0.6f), 8 * S, 0, 1.2f * S);
    if (selected.is("Service", s.key))
      dl->AddRect(ImVec2(a.x - 2 * S, a.y - 2 * S), ImVec2(b.x + 2 * S, b.y + 2 * S), color::kAccent, 9 * S, 0, 2.5f * S * std::max(1.0f, iz));
    float x = a.x + 12 * S, w = svcW - 20 * S;
    std::string tag = lb ? "LB" : s.type == "NodePort" ? "NP" : "SVC";
    float tagW = textWidth(small, tag) + 10 * S;
    dl->AddRectFilled(ImVec2(b.x - 8 * S - tagW, a.y + 8 * S), ImVec2(b.x - 8 * S, a.y + 23 * S), withAlpha(accent, 0.22f), 7 * S);
    text(dl, small, ImVec2(b.x - 3 * S - tagW, a.y + 8 * S), accent, tag);
    text(dl, bold, ImVec2(x, a.y + 6 * S), color::kText, fitMiddle(bold, bold->FontSize, s.name, w - tagW - 6 * S));
    text(dl, small, ImVec2(x, a.y + 25 * S), color::kTextDim, fitMiddle(small, small->FontSize, s.clusterIP + "  " + s.ports, w));
    if (lb) {
      bool pending = s.externalIP == "<pending>";
      text(dl, small, ImVec2(x, a.y + 41 * S), pending ? color::kTextFaint : color::kLoadBalancerText,
           fitMiddle(small, small->FontSize, "external " + s.externalIP, w));
    } else {
      size_t n = s.endpoints.size();
      text(dl, small, ImVec2(x, a.y + 41 * S), color::kTextFaint,
           std::to_string(n) + (n == 1 ? " endpoint" : " endpoints"));
    }
  }

  // ---- scheduler queue (pods not bound to a drawn node)
  if (queued) {
    ImVec2 a(max.x - pad - queueW, bandTop), b(max.x - pad, bandTop + bandH);
    dl->AddRect(a, b, withAlpha(color::kPending, 0.5f), 8 * S, 0, S);
    text(dl, small, ImVec2(a.x + 8 * S, a.y + 5 * S), color::kTextDim, fitMiddle(small, small->FontSize, "scheduling", b.x - a.x - 12 * S));
    placeGroup("", -1, ImVec2(a.x + 6 * S, a.y + 24 * S), ImVec2(b.x - 4 * S, b.y - 4 * S), false);
  }

  // ---- pods: ease towards their slot
  const float ease = 1.0f - std::exp(-dt * 9.0f);
  for (auto& [key, st] : pods_) {
    if (st.geomFrame != frame_) continue;
    if (!st.placed) {
      st.pos = st.geom.center;
      st.placed = true;
    } else {
      st.pos = lerp(st.pos, st.geom.center, ease);
    }
  }

  // ---- lines from services to their endpoint pods (under the pods), one instanced draw
  std::vector<const void*> sources;  // unchanged Endpoints objects: the same endpoint states
  sources.reserve(services.size());
  for (const ServiceView* sv : services) sources.push_back(sv->endpointsSource.get());
  if (endpointsStale_ || sources != svcSources_) {
    endpointsStale_ = false;
    svcSources_ = std::move(sources);
    svcEndpoints_.assign(services.size(), {});
    for (size_t i = 0; i < services.size(); ++i) {
      auto add = [&](const std::vector<std::string>& keys, float alpha) {
        for (auto& k : keys)
          if (auto it = pods_.find(k); it != pods_.end()) svcEndpoints_[i].push_back({&it->second, alpha});
      };
      add(services[i]->endpoints, 0.42f);
      add(services[i]->notReadyEndpoints, 0.14f);
    }
  }
  size_t endpointCount = 0;
  for (const ServiceView* sv : services) endpointCount += sv->endpoints.size() + sv->notReadyEndpoints.size();
  std::vector<int> nodeEndpoints;  // per node, with many endpoints
  // Curves flattened into a few segments; with many endpoints, fewer (level of detail).
  const int curveSegments = endpointCount <= 200 ? 10 : endpointCount <= 1500 ? 4 : 1;
  std::vector<SdfLine> svcLines;
  svcLines.reserve(endpointCount * static_cast<size_t>(curveSegments));
  for (size_t i = 0; i < services.size(); ++i) {
    const ServiceView& s = *services[i];
    const auto& box = layout_.services[i];
    ImU32 accent = s.type == "LoadBalancer" ? color::kLoadBalancer : color::kKube;
    ImVec2 from((box.min.x + box.max.x) * 0.5f, box.max.y);
    // Hundreds of endpoints would be a solid wall of curves: one line per node instead.
    const bool perNode = endpointCount > 300;
    nodeEndpoints.assign(static_cast<size_t>(nNodes), 0);
    for (const Endpoint& ep : svcEndpoints_[i]) {
      const PodState& st = *ep.pod;
      if (!st.placed) continue;
      if (perNode) {
        if (ep.alpha > 0.2f && st.node >= 0 && st.node < nNodes) ++nodeEndpoints[static_cast<size_t>(st.node)];
        continue;
      }
      ImVec2 to = st.pos;
      if (!visible(ImVec2((from.x + to.x) * 0.5f, (from.y + to.y) * 0.5f),
                   0.5f * (std::fabs(to.x - from.x) + std::fabs(to.y - from.y)) + 40 * S))
        continue;
      float dy = std::max(30 * S, (to.y - from.y) * 0.5f);
      ImVec2 c1(from.x, from.y + dy), c2(to.x, to.y - dy);
      ImU32 col = withAlpha(accent, ep.alpha * st.alpha);
      ImVec2 prev = from;
      for (int k = 1; k <= curveSegments; ++k) {
        float t = static_cast<float>(k) / curveSegments, u = 1 - t;
        ImVec2 q(u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
                 u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y);
        svcLines.push_back({prev.x, prev.y, q.x, q.y, col, 1.4f * S});
        prev = q;
      }
    }
    for (size_t ni = 0; ni < nodeEndpoints.size() && ni < layout_.nodes.size(); ++ni)
      if (int count = nodeEndpoints[ni]) {
        const CanvasLayout::Box* nb = &layout_.nodes[ni];
        ImVec2 to((nb->min.x + nb->max.x) * 0.5f, nb->min.y);
        float w = std::min(6.0f, 1.2f + 0.04f * static_cast<float>(count)) * S;
        svcLines.push_back({from.x, from.y, to.x, to.y, withAlpha(accent, 0.5f), w});
      }
  }
  emitLines(std::move(svcLines));
  for (size_t i = 0; i < services.size(); ++i) {
    const auto& box = layout_.services[i];
    ImU32 accent = services[i]->type == "LoadBalancer" ? color::kLoadBalancer : color::kKube;
    dl->AddCircleFilled(ImVec2((box.min.x + box.max.x) * 0.5f, box.max.y), 3 * S, accent, 12);
  }

  // ---- request particles: positions first (answering pods glow)
  struct Particle {
    std::vector<ImVec2> path;
    float t;       // in hops
    bool ok;
    float fade;    // 1 -> 0 after arrival
  };
  std::vector<Particle> particles;
  std::map<uint64_t, bool> live;
  // Pods by name, for hops whose namespace is unknown (built only when one needs it).
  std::unordered_map<std::string, std::map<std::string, PodState>::iterator> podsByName;
  auto podByName = [&](const std::string& ns, const std::string& name) {
    if (!ns.empty()) {
      auto it = pods_.find(ns + "/" + name);
      return it != pods_.end() && it->second.placed ? it : pods_.end();
    }
    if (podsByName.empty())
      for (auto it = pods_.begin(); it != pods_.end(); ++it)
        if (it->second.placed) podsByName.emplace(it->second.pod.name, it);
    auto found = podsByName.find(name);
    return found == podsByName.end() ? pods_.end() : found->second;
  };
  for (const RequestTrace& tr : vm.traces) {
    live[tr.id] = true;
    auto [it, inserted] = traceStart_.try_emplace(tr.id, tr.start);
    if (inserted) {
      // Requests sent together would overlap: start each a little after the previous one.
      it->second = std::max(tr.start, lastTraceStart_ + 240);
      lastTraceStart_ = it->second;
    }
    Time start = it->second;
    Particle p;
    p.ok = tr.ok;
    std::string podKey, hopNs;
    for (const Hop& h : tr.hops) {
      if (h.kind == "client") {
        p.path.push_back(layout_.client);
      } else if (h.kind == "loadbalancer" || h.kind == "service") {
        for (size_t i = 0; i < services.size(); ++i)
          if (services[i]->name == h.name) {
            hopNs = services[i]->ns;
            const auto& box = layout_.services[i];
            p.path.push_back(ImVec2((box.min.x + box.max.x) * 0.5f, box.max.y - 6 * S));
            break;
          }
      } else if (h.kind == "node") {
        if (auto* box = layout_.node(h.name)) p.path.push_back(ImVec2((box->min.x + box->max.x) * 0.5f, box->min.y + 4 * S));
      } else if (h.kind == "pod") {
        auto found = podByName(hopNs, h.name);
        if (found != pods_.end()) {
          p.path.push_back(found->second.pos);
          podKey = found->first;
        }
      }
    }
    if (p.path.size() < 2) continue;
    float segments = static_cast<float>(p.path.size() - 1);
    p.t = static_cast<float>(vm.now - start) / kHopMs;
    if (p.t < 0) continue;
    if (p.t >= segments) {
      if (tr.ok && !podKey.empty()) {
        auto& st = pods_[podKey];
        Time arrived = start + static_cast<Time>(segments * kHopMs);
        if (st.answeredAt < arrived) st.answeredAt = arrived;
      }
      p.fade = 1.0f - (p.t - segments) / 1.2f;
      if (p.fade <= 0) continue;
      p.t = segments;
    } else {
      p.fade = 1;
    }
    particles.push_back(std::move(p));
  }
  for (auto it = traceStart_.begin(); it != traceStart_.end();)
    it = live.count(it->first) ? std::next(it) : traceStart_.erase(it);

  // ---- pod circles, in one instanced draw
  std::string hoveredPod;
  std::vector<char> notReady(static_cast<size_t>(nNodes), 0);  // nodes whose pods are drawn dimmed
  for (int i = 0; i < nNodes; ++i) notReady[static_cast<size_t>(i)] = !vm.nodes[static_cast<size_t>(i)].ready;
  const std::string* selectedPod = selected.kind == "Pod" ? &selected.key : nullptr;
  struct Badge {
    ImVec2 at;
    float r;
    int restarts;
    float alpha;
  };
  std::vector<Badge> badges;
  std::vector<SdfCircle> circles;
  circles.reserve(pods_.size() + 2);
  for (auto& [key, st] : pods_) {
    if (!st.placed || st.geomFrame != frame_) continue;
    const SlotGeom& g = st.geom;
    if (g.summary || !visible(st.pos, g.radius + 14 * S * iz)) continue;
    ImU32 c = lookColor(st.pod.look);
    float a = st.alpha;
    if (st.pod.deletionAt != kNoTime && st.pod.graceMs > 0) {  // terminating: fade with the grace period
      float left = static_cast<float>(st.pod.deletionAt - vm.now) / static_cast<float>(st.pod.graceMs);
      a *= 0.3f + 0.7f * std::clamp(left, 0.0f, 1.0f);
    }
    if (st.node >= 0 && st.node < nNodes && notReady[static_cast<size_t>(st.node)]) a *= 0.45f;
    SdfCircle sc;
    sc.x = st.pos.x;
    sc.y = st.pos.y;
    sc.radius = g.radius * (0.6f + 0.4f * smooth(std::min(1.0f, a)));
    sc.ringWidth = std::min(2.2f * S * iz, g.radius * 0.35f);
    sc.fill = withAlpha(mix(c, color::kNode, 0.2f), a);
    sc.ring = withAlpha(mix(c, IM_COL32(255, 255, 255, 255), 0.25f), a);
    switch (st.pod.look) {
      case PodLook::Pending:
        sc.fill = withAlpha(color::kNode, a);
        sc.ring = withAlpha(c, a);
        break;
      case PodLook::Creating:
        sc.fill = withAlpha(mix(c, color::kNode, 0.7f), a);
        sc.ring = withAlpha(c, a);
        sc.arc = 0.3f;
        sc.arcAngle = static_cast<float>(std::fmod(clock * 5.0, 2 * kPi));
        if (st.pod.pullProgress >= 0) {  // the image pull: a ring filling clockwise from the top
          sc.arc = std::max(0.03f, st.pod.pullProgress);
          sc.arcAngle = -kPi / 2;
        }
        break;
      case PodLook::Terminating:
        sc.fill = withAlpha(mix(c, color::kNode, 0.55f), a * 0.8f);
        sc.ring = withAlpha(c, a);
        sc.arc = 0.75f;
        sc.arcAngle = static_cast<float>(std::fmod(-clock * 2.0, 2 * kPi));
        break;
      case PodLook::Error:
      case PodLook::Failed:
        sc.glow = 8 * S;
        sc.glowStrength = 0.35f + 0.25f * static_cast<float>(std::sin(clock * 4.0));
        break;
      default:
        break;
    }
    if (st.pod.restarts > 0 && g.radius * Z >= 5 * S)
      badges.push_back({ImVec2(st.pos.x + g.radius * 0.75f, st.pos.y - g.radius * 0.75f), g.radius, st.pod.restarts, a});
    if (st.answeredAt != kNoTime && vm.now >= st.answeredAt && vm.now - st.answeredAt < 900) {
      float k = 1.0f - static_cast<float>(vm.now - st.answeredAt) / 900.0f;
      sc.glow = 14 * S;
      sc.glowStrength = k;
      sc.ring = mix(sc.ring, color::kTraffic, k);
    }
    if (mouseInCanvas && overlayHit < 0 && dist(mouse, st.pos) <= g.radius + 4 * S * iz) hoveredPod = key;
    circles.push_back(sc);
    const bool isSelected = selectedPod && *selectedPod == key;
    if (isSelected || key == hoveredPod) {
      SdfCircle sel;
      sel.x = sc.x;
      sel.y = sc.y;
      sel.radius = g.radius + 5 * S * iz;
      sel.ringWidth = 1.5f * S * iz;
      sel.ring = withAlpha(isSelected ? color::kAccent : color::kTextDim, a);
      circles.push_back(sel);
    }
  }
  emitCircles(std::move(circles));

  // ---- pod labels
  for (auto& [key, st] : pods_) {
    if (!st.placed || st.geomFrame != frame_ || !st.geom.labelled) continue;
    const SlotGeom* g = &st.geom;
    if (!visible(st.pos, g->labelW + 40 * S * iz)) continue;
    float a = st.alpha;
    const float fs = small->FontSize * iz;  // the same size on screen at any zoom
    float x = st.pos.x + g->radius + 9 * S * iz;
    float w = g->labelW;
    const std::string ip = st.pod.ip.empty() ? "no IP" : st.pod.ip;
    textAt(dl, small, fs, ImVec2(x, st.pos.y + 1 * S * iz), withAlpha(color::kTextDim, a), ip);
    float ipW = textWidthAt(small, fs, ip + " ");
    // Requests this pod answered (and failed), right-aligned on the name line: the learner
    // sees the traffic spread over the replicas.
    float nameRight = w;
    if (st.pod.requestsOk || st.pod.requestsFailed) {
      std::string n = std::to_string(st.pod.requestsOk) + " req";
      std::string f = st.pod.requestsFailed ? " " + std::to_string(st.pod.requestsFailed) + " failed" : "";
      float nw = textWidthAt(small, fs, n), fw = textWidthAt(small, fs, f);
      if (nw + fw + 60 * S * iz < w) {
        float rx = x + w - nw - fw;
        textAt(dl, small, fs, ImVec2(rx, st.pos.y - 15 * S * iz), withAlpha(color::kTraffic, a), n);
        if (!f.empty()) textAt(dl, small, fs, ImVec2(rx + nw, st.pos.y - 15 * S * iz), withAlpha(color::kError, a), f);
        nameRight = w - nw - fw - 6 * S * iz;
      }
    }
    textAt(dl, small, fs, ImVec2(x, st.pos.y - 15 * S * iz), withAlpha(color::kText, a), fitMiddle(small, fs, st.pod.name, nameRight));
    if (ipW + 20 * S * iz < w)
      textAt(dl, small, fs, ImVec2(x + ipW, st.pos.y + 1 * S * iz), withAlpha(lookColor(st.pod.look), a),
             fitMiddle(small, fs, st.pod.status, w - ipW));
  }

  // ---- nodes too small on screen for their pods: counts per state
  for (const Summary& sm : summaries) {
    if (sm.node < 0 || static_cast<size_t>(sm.node) >= nodeCounts_.size() || !visible(ImVec2((sm.a.x + sm.b.x) * 0.5f, (sm.a.y + sm.b.y) * 0.5f), (sm.b.x - sm.a.x) + (sm.b.y - sm.a.y)))
      continue;
    const float fs = small->FontSize / Z;  // legible at any zoom
    float y = sm.a.y;
    const std::array<int, 8>& looks = nodeCounts_[static_cast<size_t>(sm.node)].looks;
    for (size_t k = 0; k < 8; ++k) {
      if (!looks[k]) continue;
      if (y + fs > sm.b.y) break;
      PodLook look = static_cast<PodLook>(k);
      dl->AddCircleFilled(ImVec2(sm.a.x + fs * 0.4f, y + fs * 0.5f), fs * 0.3f, lookColor(look), 12);
      textAt(dl, small, fs, ImVec2(sm.a.x + fs, y), color::kTextDim, std::to_string(looks[k]) + " " + podLookName(look));
      y += fs * 1.1f;
    }
  }

  // ---- restart counts: a small badge on the pod's top-right (crash loops)
  for (const Badge& bd : badges) {
    std::string count = bd.restarts > 99 ? "99+" : std::to_string(bd.restarts);
    float fs = std::min(small->FontSize * iz, bd.r * 1.1f);
    float w = textWidthAt(small, fs, count);
    float r = std::max(fs * 0.62f, w * 0.5f + fs * 0.2f);
    dl->AddCircleFilled(bd.at, r, withAlpha(color::kError, bd.alpha), 16);
    textAt(dl, small, fs, ImVec2(bd.at.x - w * 0.5f, bd.at.y - fs * 0.5f), withAlpha(IM_COL32(255, 255, 255, 255), bd.alpha), count);
  }
  // NotReady nodes: the whole box dimmed.
  for (size_t i = 0; i < notReady.size() && i < layout_.nodes.size(); ++i)
    if (notReady[i]) dl->AddRectFilled(layout_.nodes[i].min, layout_.nodes[i].max, withAlpha(color::kCanvasEdge, 0.45f), 10 * S);

  // ---- particles and their route, in a second instanced draw above the labels
  std::vector<SdfCircle> dots;
  std::vector<SdfLine> trails;
  for (const Particle& p : particles) {
    ImU32 c = p.ok ? color::kTraffic : color::kError;
    for (size_t i = 0; i + 1 < p.path.size(); ++i)
      trails.push_back({p.path[i].x, p.path[i].y, p.path[i + 1].x, p.path[i + 1].y, withAlpha(c, 0.16f * p.fade), 1.5f * S});
    auto at = [&](float t) {
      t = std::clamp(t, 0.0f, static_cast<float>(p.path.size() - 1));
      size_t seg = std::min(static_cast<size_t>(t), p.path.size() - 2);
      return lerp(p.path[seg], p.path[seg + 1], smooth(t - seg));
    };
    for (int k = 4; k >= 1; --k) {
      ImVec2 q = at(p.t - k * 0.05f);
      SdfCircle tail;
      tail.x = q.x;
      tail.y = q.y;
      tail.radius = (4.5f - k * 0.6f) * S;
      tail.fill = withAlpha(c, (0.5f - k * 0.1f) * p.fade);
      dots.push_back(tail);
    }
    ImVec2 q = at(p.t);
    SdfCircle head;
    head.x = q.x;
    head.y = q.y;
    head.radius = 5 * S;
    head.fill = withAlpha(color::kParticle, p.fade);
    head.ring = withAlpha(c, p.fade);
    head.ringWidth = 2 * S;
    head.glow = 10 * S;
    head.glowStrength = 0.8f * p.fade;
    dots.push_back(head);
    if (p.fade < 1) {  // arrived: the response status floats up from the pod
      std::string label = p.ok ? "200" : "\xC3\x97";
      float rise = (1 - p.fade) * 18 * S;
      text(dl, small, ImVec2(q.x + 8 * S, q.y - 20 * S - rise), withAlpha(c, p.fade), label);
    }
  }
  layout_.particles = static_cast<int>(particles.size());
  emitLines(std::move(trails));
  emitCircles(std::move(dots));

  // ---- map the world onto the screen
  {
    const int vtxEnd = dl->VtxBuffer.Size;
    dl->PopClipRect();
    if (Z != 1.0f || pan_.x != 0 || pan_.y != 0)
      for (int i = vtxStart; i < vtxEnd; ++i) dl->VtxBuffer[i].pos = toScreen(dl->VtxBuffer[i].pos);
    const ImVec4 screenClip = dl->_ClipRectStack.back();
    for (int i = std::max(0, cmdStart); i < dl->CmdBuffer.Size; ++i) {
      ImVec4& r = dl->CmdBuffer[i].ClipRect;
      if (r.x == worldClip.x && r.y == worldClip.y && r.z == worldClip.z && r.w == worldClip.w) r = screenClip;
    }
  }

  // ---- zoom overlay (screen space)
  for (size_t i = 0; i < overlay_.size(); ++i) {
    const OverlayButton& b = overlay_[i];
    bool hot = overlayHit == static_cast<int>(i);
    dl->AddRectFilled(b.min, b.max, hot ? color::kButtonHovered : color::kCard, 5 * S);
    dl->AddRect(b.min, b.max, color::kBorder, 5 * S, 0, S);
    float w = textWidth(small, b.label);
    text(dl, small, ImVec2((b.min.x + b.max.x - w) * 0.5f, (b.min.y + b.max.y - small->FontSize) * 0.5f),
         hot ? color::kText : color::kTextDim, b.label);
  }
  if (Z != 1.0f) {
    char pct[16];
    std::snprintf(pct, sizeof pct, "%d%%", static_cast<int>(std::lround(Z * 100)));
    float w = textWidth(small, pct);
    text(dl, small, ImVec2(overlay_.front().min.x - w - 6 * S, overlay_.front().min.y + 3 * S), color::kTextFaint, pct);
  }

  // ---- legend
  if (roomy) {
    struct Item {
      const char* name;
      ImU32 c;
    };
    const Item items[] = {{"Pending", color::kPending},   {"Creating", color::kCreating},
                          {"Running", color::kRunning},   {"Terminating", color::kTerminating},
                          {"Error", color::kFailed},      {"request", color::kTraffic}};
    float x = min.x + pad, y = max.y - pad * 0.5f - 14 * S;
    for (const Item& it : items) {
      float w = textWidth(small, it.name);
      if (x + 14 * S + w > max.x - pad) break;
      dl->AddCircleFilled(ImVec2(x + 4 * S, y + 7 * S), 4 * S, it.c, 16);
      text(dl, small, ImVec2(x + 12 * S, y), color::kTextDim, it.name);
      x += w + 28 * S;
    }
  }

  if (flash_ > 0) {
    flash_ = std::max(0.0f, flash_ - dt / 2.0f);
    float k = smooth(flash_);
    dl->AddRect(ImVec2(min.x + S, min.y + S), ImVec2(max.x - S, max.y - S), withAlpha(color::kAccent, k), 8 * S, 0, 3 * S);
  }
  dl->PopClipRect();

  // The system-pods switch sits in the bottom-right corner, beside the legend.
  if (roomy) {
    ImGui::PushFont(small);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3 * S, 2 * S));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, color::kButton);
    ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, color::kButtonHovered);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color::kTextDim));
    const char* label = "system pods";
    float w = ImGui::CalcTextSize(label).x + ImGui::GetFrameHeight() + 8 * S;
    ImGui::SetCursorScreenPos(ImVec2(max.x - w - 10 * S, max.y - ImGui::GetFrameHeight() - 6 * S));
    ImGui::Checkbox(label, &showSystemPods);
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar();
    ImGui::PopFont();
  }

  // ---- interaction: hover details, click to select
  const bool overItem = ImGui::IsAnyItemHovered();
  std::string hoveredService, hoveredNode;
  if (mouseInCanvas && overlayHit < 0 && !overItem && hoveredPod.empty()) {
    for (auto& b : layout_.services)
      if (inside(mouse, b.min, b.max)) hoveredService = b.key;
    if (hoveredService.empty())
      for (auto& b : layout_.nodes)
        if (inside(mouse, b.min, b.max)) hoveredNode = b.key;
  }
  if (mouseInCanvas && !overlayClicked && !overItem && ImGui::IsMouseClicked(0)) {
    selected = {};
    if (!hoveredPod.empty()) select("Pod", hoveredPod);
    else if (!hoveredService.empty()) select("Service", hoveredService);
    else if (!hoveredNode.empty()) select("Node", hoveredNode);
  }
  if (!hoveredPod.empty()) {
    const PodState& st = pods_[hoveredPod];
    ImGui::BeginTooltip();
    ImGui::PushFont(bold);
    ImGui::TextUnformatted(st.pod.name.c_str());
    ImGui::PopFont();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(lookColor(st.pod.look)), "%s", st.pod.status.c_str());
    ImGui::TextDisabled("namespace %s", st.pod.ns.c_str());
    ImGui::Text("node      %s", st.pod.node.empty() ? "<none>" : st.pod.node.c_str());
    ImGui::Text("ip        %s", st.pod.ip.empty() ? "<none>" : st.pod.ip.c_str());
    if (!st.pod.image.empty()) ImGui::Text("image     %s", st.pod.image.c_str());
    ImGui::Text("restarts  %d", st.pod.restarts);
    if (st.pod.created != kNoTime) ImGui::Text("age       %s", formatAge(vm.now - st.pod.created).c_str());
    ImGui::EndTooltip();
  } else if (!hoveredService.empty()) {
    for (size_t i = 0; i < layout_.services.size(); ++i) {
      if (layout_.services[i].key != hoveredService) continue;
      const ServiceView& s = *services[i];
      ImGui::BeginTooltip();
      ImGui::PushFont(bold);
      ImGui::TextUnformatted(s.name.c_str());
      ImGui::PopFont();
      ImGui::Text("type        %s", s.type.c_str());
      ImGui::Text("cluster-ip  %s", s.clusterIP.c_str());
      if (!s.externalIP.empty()) ImGui::Text("external-ip %s", s.externalIP.c_str());
      ImGui::Text("ports       %s", s.ports.c_str());
      ImGui::Text("endpoints   %zu ready, %zu not ready", s.endpoints.size(), s.notReadyEndpoints.size());
      ImGui::EndTooltip();
    }
  } else if (!hoveredNode.empty()) {
    if (const NodeView* n = vm.node(hoveredNode)) {
      ImGui::BeginTooltip();
      ImGui::PushFont(bold);
      ImGui::TextUnformatted(n->name.c_str());
      ImGui::PopFont();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(n->ready ? color::kRunning : color::kError), "%s",
                         n->ready ? "Ready" : "NotReady");
      ImGui::Text("roles     %s", n->controlPlane ? "control-plane" : "<none>");
      ImGui::Text("ip        %s", n->ip.empty() ? "<none>" : n->ip.c_str());
      if (!n->podCidr.empty()) ImGui::Text("pod cidr  %s", n->podCidr.c_str());
      auto pctOf = [](double used, double total) { return total > 0 ? static_cast<int>(used * 100 / total) : 0; };
      ImGui::TextDisabled("allocated (requests / allocatable)");
      ImGui::Text("cpu       %s / %s (%d%%)", formatCpuMilli(n->cpuRequestedMilli).c_str(),
                  formatCpuMilli(n->cpuAllocatableMilli).c_str(), pctOf(n->cpuRequestedMilli, n->cpuAllocatableMilli));
      ImGui::Text("memory    %s / %s (%d%%)", formatBytes(n->memRequestedBytes).c_str(),
                  formatBytes(n->memAllocatableBytes).c_str(), pctOf(n->memRequestedBytes, n->memAllocatableBytes));
      ImGui::Text("pods      %d / %d (%d%%)", n->podsScheduled, n->podsAllocatable, pctOf(n->podsScheduled, n->podsAllocatable));
      ImGui::EndTooltip();
    }
  }
  toScreenLayout();
}

}  // namespace kp
