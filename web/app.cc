// The application loop body and layout (see app.h).
#include "web/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <set>

#include "core/api/resources.h"

namespace kp {

namespace {

const char* kWelcome =
    "\x1b[1;36mkubeplay\x1b[0m \xE2\x80\x94 a Kubernetes cluster simulated in your browser.\n"
    "Type \x1b[1mkubectl get nodes\x1b[0m to begin, \x1b[1mhelp\x1b[0m to see what this shell knows.\n"
    "\x1b[2mTab: complete   Up/Down: history   Ctrl+C: interrupt   Ctrl+L: clear\x1b[0m\n\n";

}  // namespace

App::App(AppOptions opts) {
  cluster_ = std::make_unique<Cluster>(opts.cluster);
  ShellOptions so;
  so.color = true;
  so.dashboard = [this]() {
    focusCanvas();
    return std::string("Opening the Kubernetes dashboard: the cluster view is the dashboard here.\n");
  };
  so.edit = [this](const std::string& text, std::function<void(std::optional<std::string>)> done) {
    editor_.open(text, std::move(done));
  };
  shell_ = std::make_unique<Shell>(*cluster_, so);
  console_ = std::make_unique<ConsolePanel>(*shell_);
  if (opts.welcome) console_->print(kWelcome);
  vm_ = buildViewModel(*cluster_);
}

App::~App() = default;

void App::focusCanvas() { canvas_.flash(); }

void App::update(double realMs) {
  if (realMs > 0) fps_ = fps_ * 0.95f + 0.05f * static_cast<float>(1000.0 / std::max(1.0, realMs));
  if (paused_) {
    console_->poll();
    return;
  }
  if (fastForwarding()) {
    // Ten simulated minutes at most, as runUntilSettled; each frame as far as its budget goes.
    advanceWithin(600000 - (cluster_->now() - fastForwardFrom_), kFrameBudgetMs);
    if (settled() || cluster_->now() - fastForwardFrom_ >= 600000) fastForwardFrom_ = kNoTime;
    return;
  }
  carryMs_ += std::clamp(realMs, 0.0, 1000.0) * static_cast<double>(speed_);
  Time whole = static_cast<Time>(carryMs_);
  carryMs_ -= static_cast<double>(whole);
  if (whole > 0) advanceWithin(whole, kFrameBudgetMs);
  else console_->poll();
}

void App::advanceWithin(Time ms, double budgetMs) {
  // Slices of 20 ms: short enough that one slice of a busy cluster stays well within a frame.
  static constexpr Time kSlice = 20;
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  const Time end = cluster_->now() + std::max<Time>(0, ms);
  behind_ = false;
  while (cluster_->now() < end) {
    advance(std::min(kSlice, end - cluster_->now()));
    double spent = std::chrono::duration<double, std::milli>(clock::now() - start).count();
    if (cluster_->now() < end && spent >= budgetMs) {
      behind_ = true;  // the rest of this frame's time is dropped: the cluster lags
      break;
    }
  }
}

void App::fastForward() {
  if (!fastForwarding() && !settled()) fastForwardFrom_ = cluster_->now();
}

void App::advance(Time ms) {
  const Time end = cluster_->now() + std::max<Time>(0, ms);
  for (int guard = 0; guard < 100000; ++guard) {
    Time now = cluster_->now();
    if (now >= end) break;
    Time step = end - now;
    Time wake = console_->wakeAt();
    if (wake != kNoTime && wake > now && wake < end) step = wake - now;
    cluster_->advance(step);
    console_->poll();
    if (cluster_->now() <= now) break;  // a clock that does not move must not hang the page
  }
  console_->poll();
}

void App::setSpeed(float speed) { speed_ = std::clamp(speed, kSpeeds[0], kSpeeds[std::size(kSpeeds) - 1]); }

bool App::settled() const {
  const Store& store = cluster_->store();
  for (const auto& p : store.list<Pod>()) {
    if (p->metadata.deletionTimestamp != kNoTime) return false;
    if (p->status.phase == "Succeeded" || p->status.phase == "Failed") continue;
    bool unschedulable = false;
    for (const auto& c : p->status.conditions)
      if (c.type == "PodScheduled" && c.status == "False") unschedulable = true;
    if (unschedulable) continue;  // waits for the cluster to change, not for time
    if (p->status.phase != "Running") return false;
    for (const auto& cs : p->status.containerStatuses) {
      // A crash loop never settles; a container waiting for anything else is in flux.
      if (cs.state.hasWaiting && cs.state.reason != "CrashLoopBackOff" && cs.state.reason != "ImagePullBackOff") return false;
    }
  }
  for (const auto& d : store.list<Deployment>()) {
    int want = d->spec.replicas.value_or(1);
    if (d->status.updatedReplicas != want || d->status.replicas != want || d->status.availableReplicas != want)
      return false;
  }
  return true;
}

Time App::runUntilSettled() {
  const Time start = cluster_->now();
  for (int i = 0; i < 600 && !settled(); ++i) advance(1000);
  return cluster_->now() - start;
}

void App::setLightTheme(bool light) {
  if (light == lightPalette()) return;
  usePalette(light);
  console_->recolor(light);
}

void App::exec(const std::string& line, ConsolePanel::Done done) { console_->submit(line, std::move(done)); }

void App::draw(const Theme& theme, SdfRenderer* gpu) {
  const float S = theme.scale;
  updateViewModel(*cluster_, vm_);

  ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * S, 6 * S));
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8 * S, 6 * S));
  ImGui::Begin("##kubeplay", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);

  StatusInfo info;
  info.commandRunning = console_->busy();
  info.fps = fps_;
  info.paused = paused_;
  info.speed = speed_;
  info.behind = behind_;
  TimeRequest time = drawStatusBar(vm_, theme, info, ImVec2(ImGui::GetContentRegionAvail().x, 26 * S));
  if (time.togglePause) paused_ = !paused_;
  if (time.speed > 0) setSpeed(time.speed);
  if (time.step) step();
  if (time.settle) fastForward();
  themeMin_ = time.themeMin;
  themeMax_ = time.themeMax;
  if (time.toggleTheme) {
    setLightTheme(!lightPalette());
    if (onThemeChange) onThemeChange(lightPalette());
  }

  ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = 8 * S;
  const bool wide = avail.x / S >= 860;
  // Narrow frames stack the canvas over the console; `minikube dashboard` gives the canvas
  // most of the height for a while.
  float share = canvas_.flashing() ? 0.72f : 0.52f;
  canvasShare_ = canvasShare_ == 0 ? share : canvasShare_ + (share - canvasShare_) * 0.15f;
  ImVec2 canvasSize, consoleSize;
  if (wide) {
    float consoleW = std::clamp(avail.x * 0.4f, 420 * S, 640 * S);
    canvasSize = ImVec2(avail.x - consoleW - gap, avail.y);
    consoleSize = ImVec2(consoleW, avail.y);
  } else {
    float ch = std::floor((avail.y - gap) * canvasShare_);
    canvasSize = ImVec2(avail.x, ch);
    consoleSize = ImVec2(avail.x, avail.y - ch - gap);
  }

  const float rounding = ImGui::GetStyle().ChildRounding;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_ChildBorderSize, 0.0f);
  ImGui::BeginChild("##canvas", canvasSize, false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(2);  // tooltips opened inside the canvas get the normal padding back
  {
    ImVec2 a = ImGui::GetWindowPos(), b(a.x + canvasSize.x, a.y + canvasSize.y);
    canvasMin_ = a;
    canvasMax_ = b;
    // The timeline strip takes the bottom of the canvas area; its arrows go over the canvas.
    ImVec2 cb(b.x, b.y - timeline_.height(theme, b.y - a.y));
    canvas_.draw(vm_, theme, gpu, a, cb);
    canvasDrawMax_ = cb;
    timeline_.draw(cluster_->api().activity(), theme, ImVec2(a.x, cb.y), b, ImGui::GetIO().DeltaTime * 1000.0);
    timeline_.drawArrows(canvas_.layout(), theme, a, cb);
    // Round the canvas's corners: paint the window colour around a rounded outline.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(a, b, false);
    float t = rounding;
    dl->AddRect(ImVec2(a.x - t * 0.5f, a.y - t * 0.5f), ImVec2(b.x + t * 0.5f, b.y + t * 0.5f), color::kWindow,
                rounding + t * 0.5f, 0, t);
    dl->AddRect(a, b, color::kBorder, rounding, 0, S);
    dl->PopClipRect();
  }
  ImGui::EndChild();

  if (wide) ImGui::SameLine(0, gap);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(10 * S, 8 * S));
  ImGui::BeginChild("##console", consoleSize, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  consoleMin_ = ImGui::GetWindowPos();
  consoleMax_ = ImVec2(consoleMin_.x + consoleSize.x, consoleMin_.y + consoleSize.y);
  console_->draw(theme, ImGui::GetContentRegionAvail());
  ImGui::EndChild();
  ImGui::PopStyleVar();

  ImGui::End();
  inspector_.refresh(*cluster_, canvas_.selected, shell_->currentNamespace(), ImGui::GetTime());
  std::string action;
  inspector_.draw(canvas_.selected, theme, canvasMin_, canvasDrawMax_, &action);
  if (!action.empty()) exec(action);
  editor_.draw(theme, canvasMin_, canvasMax_);
}

std::string App::stateJson() const {
  Json out = Json::object();
  std::set<std::string> seen;
  for (const ResourceInfo& r : allResources()) {
    if (!seen.insert(r.kind).second) continue;
    Json items = Json::array();
    for (const ObjectPtr& o : cluster_->store().list(r)) items.push_back(o->toJson());
    out[r.kind] = std::move(items);
  }
  return out.dump();
}

std::string App::viewJson(float pixelRatio) const {
  const float k = pixelRatio > 0 ? 1.0f / pixelRatio : 1.0f;
  const CanvasLayout& l = canvas_.layout();
  // ImGui's display coordinates start at the canvas element's top-left corner.
  auto x = [&](float v) { return std::round(v * k * 10) / 10; };
  auto y = [&](float v) { return std::round(v * k * 10) / 10; };
  auto rect = [&](ImVec2 a, ImVec2 b) {
    return Json{{"x", x(a.x)}, {"y", y(a.y)}, {"w", std::round((b.x - a.x) * k * 10) / 10},
                {"h", std::round((b.y - a.y) * k * 10) / 10}};
  };
  Json v;
  v["pixelRatio"] = pixelRatio;
  v["now"] = vm_.now;
  v["progress"] = vm_.progress;  // the status bar's "creating 48,200/100,000 pods"
  v["behind"] = behind_;
  v["canvas"] = rect(canvasMin_, canvasDrawMax_);  // where the cluster is drawn (above the timeline strip)
  v["console"] = rect(consoleMin_, consoleMax_);
  v["theme"] = lightPalette() ? "light" : "dark";
  v["themeButton"] = rect(themeMin_, themeMax_);
  v["input"] = rect(console_->inputMin(), console_->inputMax());
  v["client"] = Json{{"x", x(l.client.x)}, {"y", y(l.client.y)}};
  Json nodes = Json::array();
  for (auto& b : l.nodes) {
    Json n = rect(b.min, b.max);
    n["name"] = b.key;
    if (const NodeView* nv = vm_.node(b.key)) {
      n["ip"] = nv->ip;
      n["controlPlane"] = nv->controlPlane;
      n["ready"] = nv->ready;
    }
    nodes.push_back(std::move(n));
  }
  v["nodes"] = std::move(nodes);
  Json pods = Json::array();
  for (auto& s : l.pods) {
    Json p{{"key", s.key}, {"node", s.node}, {"x", x(s.center.x)}, {"y", y(s.center.y)},
           {"r", std::round(s.radius * k * 10) / 10}};
    if (const PodView* pv = vm_.pod(s.key)) {
      p["namespace"] = pv->ns;
      p["name"] = pv->name;
      p["ip"] = pv->ip;
      p["status"] = pv->status;
      p["look"] = podLookName(pv->look);
      p["requestsOk"] = pv->requestsOk;
      p["requestsFailed"] = pv->requestsFailed;
    } else {
      p["name"] = s.key.substr(s.key.find('/') + 1);
      p["status"] = "Gone";
    }
    pods.push_back(std::move(p));
  }
  v["pods"] = std::move(pods);
  Json services = Json::array();
  for (auto& b : l.services) {
    Json s = rect(b.min, b.max);
    s["key"] = b.key;
    for (auto& sv : vm_.services)
      if (sv.key == b.key) {
        s["name"] = sv.name;
        s["type"] = sv.type;
        s["clusterIP"] = sv.clusterIP;
        s["externalIP"] = sv.externalIP;
        s["endpoints"] = sv.endpoints;
        s["trafficRate"] = sv.trafficRate;
        s["requestsOk"] = sv.requestsOk;
        s["requestsFailed"] = sv.requestsFailed;
      }
    services.push_back(std::move(s));
  }
  v["services"] = std::move(services);
  v["particles"] = l.particles;
  v["compactPods"] = l.compactPods;
  v["selectedPod"] = canvas_.selected.kind == "Pod" ? canvas_.selected.key : "";
  v["selected"] = {{"kind", canvas_.selected.kind}, {"key", canvas_.selected.key}};
  {
    const InspectorPanel::Content& c = inspector_.content();
    Json ins = rect(inspector_.min(), inspector_.max());
    ins["kind"] = c.kind;
    ins["key"] = c.key;
    ins["found"] = c.found;
    ins["requests"] = c.requests;
    ins["trafficRate"] = c.trafficRate;
    Json owners = Json::array(), actions = Json::array();
    for (auto& o : c.owners) owners.push_back(o.label);
    for (auto& a : c.actions) actions.push_back(Json{{"label", a.label}, {"command", a.command}});
    ins["owners"] = std::move(owners);
    ins["actions"] = std::move(actions);
    v["inspector"] = std::move(ins);
  }
  v["consoleBusy"] = console_->busy();
  v["inputText"] = console_->input();
  return v.dump();
}

}  // namespace kp
