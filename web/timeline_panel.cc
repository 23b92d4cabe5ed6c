// The timeline strip and its arrows (see timeline_panel.h).
#include "web/timeline_panel.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "imgui.h"

namespace kp {

ImU32 componentColor(const std::string& id) {
  if (id == "client") return color::kText;
  if (id == "kube-apiserver") return color::kKube;
  if (id == "etcd") return color::kRunning;
  if (id == "kube-scheduler") return color::kLoadBalancer;
  if (id == "kube-controller-manager") return color::kCreating;
  if (id.rfind("kubelet", 0) == 0) return color::kAccent;
  if (id.rfind("kube-proxy", 0) == 0) return color::kTraffic;
  return color::kTextDim;
}

namespace {

std::string relTime(Time t, Time start) {
  char buf[32];
  double s = static_cast<double>(t - start) / 1000.0;
  std::snprintf(buf, sizeof buf, "+%.3fs", s);
  return buf;
}

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

// A point of the quadratic Bézier a -> c -> b.
ImVec2 bezier(ImVec2 a, ImVec2 c, ImVec2 b, float t) { return lerp(lerp(a, c, t), lerp(c, b, t), t); }

// The control point bending the arrow from a to b to its left.
ImVec2 controlPoint(ImVec2 a, ImVec2 b) {
  ImVec2 m((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
  float dx = b.x - a.x, dy = b.y - a.y;
  return ImVec2(m.x - dy * 0.22f, m.y + dx * 0.22f);
}

float easeInOut(float t) { return t < 0.5f ? 2 * t * t : 1 - std::pow(-2 * t + 2, 2.0f) / 2; }

}  // namespace

// ------------------------------------------------------------------ state

size_t TimelinePanel::beatEnd(const ActivityGroup& g, size_t first) {
  size_t i = first + 1;
  while (i < g.steps.size() && g.steps[i].actor == g.steps[first].actor && g.steps[i].target == g.steps[first].target &&
         g.steps[i].time - g.steps[first].time <= 1000)
    i++;
  return i;
}

const ActivityGroup* TimelinePanel::shown(const ActivityLog& log) const {
  if (chosen_) {
    if (const ActivityGroup* g = log.group(chosen_)) return g;
  }
  return log.latest();
}

uint64_t TimelinePanel::shownGroup(const ActivityLog& log) const {
  const ActivityGroup* g = shown(log);
  return g ? g->id : 0;
}

void TimelinePanel::play(const ActivityLog& log) {
  const ActivityGroup* g = shown(log);
  if (!g || g->steps.empty()) return;
  playing_ = true;
  playGroup_ = g->id;
  beat_ = 0;
  beatFirst_ = 0;
  beatLast_ = beatEnd(*g, 0) - 1;
  beatMs_ = 0;
  beatFrom_ = g->steps[0].actor;
  beatTo_ = g->steps[0].target;
  follow_ = true;
  live_.clear();
}

void TimelinePanel::tick(const ActivityLog& log, double realMs) {
  if (!(realMs > 0)) realMs = 0;
  realMs = std::min(realMs, 1000.0);
  if (playing_) {
    const ActivityGroup* g = log.group(playGroup_);
    if (!g) {
      playing_ = false;
    } else {
      beatMs_ += realMs;
      while (playing_ && beatMs_ >= kBeatMs) {
        beatMs_ -= kBeatMs;
        if (beatLast_ + 1 >= g->steps.size()) {
          playing_ = false;
          break;
        }
        beatFirst_ = beatLast_ + 1;
        beatLast_ = beatEnd(*g, beatFirst_) - 1;
        beat_++;
        beatFrom_ = g->steps[beatFirst_].actor;
        beatTo_ = g->steps[beatFirst_].target;
        follow_ = true;
      }
    }
  }
  // Live arrows for the steps the latest command is causing now.
  if (const ActivityGroup* g = log.latest()) {
    if (g->id != liveGroup_) {
      liveGroup_ = g->id;
      liveSeen_ = 0;
    }
    for (; liveSeen_ < g->steps.size(); liveSeen_++) {
      if (playing_) continue;
      const auto& s = g->steps[liveSeen_];
      if (!live_.empty() && live_.back().from == s.actor && live_.back().to == s.target) continue;
      live_.push_back({s.actor, s.target, 0});
    }
    while (live_.size() > 12) live_.pop_front();
  }
  if (playing_) live_.clear();
  if (!live_.empty()) {
    // A backlog plays faster so that the arrows keep up with the cluster.
    live_.front().ms += realMs * (1.0 + static_cast<double>(live_.size() - 1) / 3.0);
    if (live_.front().ms >= kLiveMs) live_.pop_front();
  }
}

// ------------------------------------------------------------------ drawing

float TimelinePanel::height(const Theme& theme, float canvasH) const {
  const float S = theme.scale;
  float header = 28 * S;
  if (collapsed) return std::min(header, canvasH * 0.5f);
  return std::max(std::min(header, canvasH * 0.5f), std::min(230 * S, canvasH * 0.36f));
}

void TimelinePanel::draw(const ActivityLog& log, const Theme& theme, ImVec2 min, ImVec2 max, double realMs) {
  tick(log, realMs);
  const float S = theme.scale;
  ImVec2 size(max.x - min.x, max.y - min.y);
  if (size.x < 8 || size.y < 8) return;
  ImFont* small = theme.small ? theme.small : ImGui::GetFont();
  ImFont* mono = theme.mono ? theme.mono : ImGui::GetFont();

  ImGui::SetCursorScreenPos(min);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * S, 4 * S));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6 * S, 2 * S));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(6 * S, 2 * S));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, ImGui::GetStyle().ChildRounding);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, color::kPanel);
  ImGui::BeginChild("##timeline", size, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(min, ImVec2(max.x, min.y), color::kBorder, S);

  const ActivityGroup* g = shown(log);
  // Header: collapse, title, the command picker, Play, the count.
  ImGui::PushFont(mono);
  if (ImGui::ArrowButton("##timelineToggle", collapsed ? ImGuiDir_Up : ImGuiDir_Down)) collapsed = !collapsed;
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kText), "Timeline");
  ImGui::SameLine();
  std::string preview = g ? "$ " + g->command : "(no command yet)";
  ImGui::SetNextItemWidth(std::max(80 * S, std::min(420 * S, size.x * 0.45f)));
  if (ImGui::BeginCombo("##timelineCommand", preview.c_str())) {
    if (ImGui::Selectable("latest command", chosen_ == 0)) choose(0);
    const auto& groups = log.groups();
    for (auto it = groups.rbegin(); it != groups.rend(); ++it) {
      std::string label = "$ " + it->command + "##g" + std::to_string(it->id);
      if (ImGui::Selectable(label.c_str(), chosen_ == it->id)) choose(it->id);
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  bool canPlay = g && !g->steps.empty();
  if (playing_) {
    if (ImGui::Button("Stop##timeline")) stop();
  } else {
    if (!canPlay) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.45f);
    if (ImGui::Button("Play##timeline") && canPlay) play(log);
    if (!canPlay) ImGui::PopStyleVar();
  }
  playMin_ = ImGui::GetItemRectMin();
  playMax_ = ImGui::GetItemRectMax();
  if (g) {
    ImGui::SameLine();
    std::string count = std::to_string(g->steps.size()) + (g->steps.size() == 1 ? " step" : " steps");
    if (g->dropped) count += " (+" + std::to_string(g->dropped) + " not kept)";
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextDim), "%s", count.c_str());
  }
  ImGui::PopFont();

  if (!collapsed && g) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::BeginChild("##timelineRows", ImVec2(0, 0), false, 0);
    ImGui::PopStyleVar();
    const float rowH = small->FontSize + 3 * S;
    const bool replaying = playing_ && playGroup_ == g->id;
    if (replaying && follow_) {
      float y = static_cast<float>(beatFirst_) * rowH - ImGui::GetWindowHeight() * 0.4f;
      ImGui::SetScrollY(std::max(0.0f, y));
      follow_ = false;
    }
    ImDrawList* rl = ImGui::GetWindowDrawList();
    const float timeW = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, "+000.000s").x + 10 * S;
    const float compW = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, "kube-controller-manager").x + 4 * S;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(g->steps.size()), rowH);
    while (clipper.Step()) {
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; i++) {
        const ActivityStep& s = g->steps[static_cast<size_t>(i)];
        ImVec2 p = ImGui::GetCursorScreenPos();
        float w = ImGui::GetContentRegionAvail().x;
        bool hot = replaying && static_cast<size_t>(i) >= beatFirst_ && static_cast<size_t>(i) <= beatLast_;
        if (hot) {
          rl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + w, p.y + rowH), withAlpha(componentColor(s.actor), 0.18f), 3 * S);
          rl->AddRectFilled(ImVec2(p.x, p.y), ImVec2(p.x + 3 * S, p.y + rowH), componentColor(s.actor));
        }
        float ty = p.y + 1.5f * S;
        float x = p.x + 8 * S;
        rl->AddText(small, small->FontSize, ImVec2(x, ty), color::kTextFaint, relTime(s.time, g->start).c_str());
        x += timeW;
        std::string actor = fitMiddle(small, small->FontSize, s.actor, compW);
        rl->AddText(small, small->FontSize, ImVec2(x, ty), componentColor(s.actor), actor.c_str());
        x += compW;
        rl->AddText(small, small->FontSize, ImVec2(x, ty), color::kTextFaint, "->");
        x += small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, "-> ").x;
        std::string target = fitMiddle(small, small->FontSize, s.target, compW);
        rl->AddText(small, small->FontSize, ImVec2(x, ty), componentColor(s.target), target.c_str());
        x += compW;
        rl->PushClipRect(ImVec2(x, p.y), ImVec2(p.x + w, p.y + rowH), true);
        rl->AddText(small, small->FontSize, ImVec2(x, ty), hot ? color::kText : color::kTextDim, s.text.c_str());
        rl->PopClipRect();
        ImGui::Dummy(ImVec2(w, rowH));
      }
    }
    ImGui::EndChild();
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(4);
}

Json TimelinePanel::toJson(const ActivityLog& log, float pixelRatio) const {
  const float k = pixelRatio > 0 ? 1.0f / pixelRatio : 1.0f;
  auto pt = [&](ImVec2 p) { return Json{{"x", std::round(p.x * k * 10) / 10}, {"y", std::round(p.y * k * 10) / 10}}; };
  Json groups = Json::array();
  for (const auto& g : log.groups()) {
    Json steps = Json::array();
    for (const auto& s : g.steps)
      steps.push_back({{"ms", s.time - g.start}, {"actor", s.actor}, {"target", s.target}, {"kind", s.kind}, {"text", s.text}});
    groups.push_back({{"id", g.id}, {"command", g.command}, {"start", g.start}, {"dropped", g.dropped}, {"steps", std::move(steps)}});
  }
  Json arrows = Json::array();
  for (const auto& a : drawn_)
    arrows.push_back({{"from", a.from}, {"to", a.to}, {"a", pt(a.a)}, {"b", pt(a.b)}, {"head", pt(a.head)}, {"t", a.t}, {"live", a.live}});
  Json play = pt(playMin_);
  play["w"] = std::round((playMax_.x - playMin_.x) * k * 10) / 10;
  play["h"] = std::round((playMax_.y - playMin_.y) * k * 10) / 10;
  return {{"groups", std::move(groups)},
          {"shown", shownGroup(log)},
          {"collapsed", collapsed},
          {"playing", playing_},
          {"beat", beat()},
          {"beatFirst", playing_ ? Json(beatFirst_) : Json()},
          {"beatLast", playing_ ? Json(beatLast_) : Json()},
          {"play", std::move(play)},
          {"arrows", std::move(arrows)}};
}

void TimelinePanel::drawArrows(const CanvasLayout& layout, const Theme& theme, ImVec2 min, ImVec2 max) {
  drawn_.clear();
  const float S = theme.scale;
  // The arrows: the replay's beat, else the front live arrow.
  struct Want {
    std::string from, to;
    float t;
    bool live;
  };
  std::vector<Want> list;
  if (playing_ && !beatFrom_.empty()) list.push_back({beatFrom_, beatTo_, easeInOut(std::min(1.0f, beatProgress() / 0.7f)), false});
  if (!playing_ && !live_.empty())
    list.push_back({live_.front().from, live_.front().to, easeInOut(static_cast<float>(std::min(1.0, live_.front().ms / kLiveMs))), true});
  if (list.empty()) return;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(min, max, true);
  for (const Want& w : list) {
    const ImVec2* pa = layout.component(w.from);
    const ImVec2* pb = layout.component(w.to);
    if (!pa || !pb) continue;
    ImU32 col = componentColor(w.from);
    float alpha = w.live ? 0.75f : 1.0f;
    Arrow out{w.from, w.to, *pa, *pb, *pa, w.t, w.live};
    if (w.from == w.to || (std::fabs(pa->x - pb->x) < 1 && std::fabs(pa->y - pb->y) < 1)) {
      // Work a component does by itself: a ring pulsing out of it.
      float r = (6 + 18 * w.t) * S;
      dl->AddCircle(*pa, r, withAlpha(col, alpha * (1 - w.t * 0.7f)), 24, 2.5f * S);
      dl->AddCircleFilled(*pa, 4 * S, withAlpha(col, alpha));
      drawn_.push_back(out);
      continue;
    }
    ImVec2 c = controlPoint(*pa, *pb);
    // The path (faint), the travelled part (bright), the particle and its trail, the head.
    const int segs = 28;
    ImVec2 pts[segs + 1];
    for (int i = 0; i <= segs; i++) pts[i] = bezier(*pa, c, *pb, static_cast<float>(i) / segs);
    dl->AddPolyline(pts, segs + 1, withAlpha(col, 0.22f * alpha), 0, 1.5f * S);
    int upTo = static_cast<int>(std::floor(w.t * segs));
    if (upTo >= 1) dl->AddPolyline(pts, upTo + 1, withAlpha(col, 0.8f * alpha), 0, 2.2f * S);
    ImVec2 head = bezier(*pa, c, *pb, w.t);
    for (int k = 1; k <= 5; k++) {
      float tt = std::max(0.0f, w.t - 0.035f * k);
      dl->AddCircleFilled(bezier(*pa, c, *pb, tt), (4.5f - 0.6f * k) * S, withAlpha(col, alpha * (0.5f - 0.08f * k)));
    }
    dl->AddCircleFilled(head, 5 * S, withAlpha(color::kText, alpha));
    dl->AddCircleFilled(head, 3.5f * S, withAlpha(col, alpha));
    // Arrowhead at the target, along the curve's last tangent.
    float dx = pb->x - c.x, dy = pb->y - c.y;
    float len = std::sqrt(dx * dx + dy * dy);
    if (len > 0.5f) {
      dx /= len;
      dy /= len;
      float hl = 11 * S, hw = 5.5f * S;
      ImVec2 tip = *pb;
      ImVec2 base(tip.x - dx * hl, tip.y - dy * hl);
      dl->AddTriangleFilled(tip, ImVec2(base.x - dy * hw, base.y + dx * hw), ImVec2(base.x + dy * hw, base.y - dx * hw),
                            withAlpha(col, (0.35f + 0.65f * w.t) * alpha));
    }
    out.head = head;
    drawn_.push_back(out);
  }
  dl->PopClipRect();
}

}  // namespace kp
