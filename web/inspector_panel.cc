// The inspector (see inspector_panel.h).
#include "web/inspector_panel.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "core/api/resources.h"
#include "core/kubectl/client.h"
#include "core/kubectl/describe.h"
#include "core/kubectl/printers.h"
#include "core/network/network.h"

namespace kp {

namespace {

void splitKey(const std::string& key, std::string* ns, std::string* name) {
  size_t slash = key.find('/');
  if (slash == std::string::npos) {
    ns->clear();
    *name = key;
  } else {
    *ns = key.substr(0, slash);
    *name = key.substr(slash + 1);
  }
}

std::string keyOf(const Object& o) {
  return o.metadata.namespace_.empty() ? o.metadata.name : o.metadata.namespace_ + "/" + o.metadata.name;
}

// The image with a tag that no registry has: what "break the image" sets.
std::string brokenImage(const std::string& image) {
  size_t slash = image.rfind('/');
  size_t colon = image.find(':', slash == std::string::npos ? 0 : slash);
  std::string base = colon == std::string::npos ? image : image.substr(0, colon);
  return base + ":does-not-exist";
}

}  // namespace

void InspectorPanel::refresh(Cluster& cluster, const CanvasPanel::Selection& sel, const std::string& currentNs,
                             double clock, double minInterval) {
  const std::string id = sel.kind + "/" + sel.key;
  const Store& store = cluster.store();
  if (sel.empty()) {
    content_ = Content{};
    builtFor_.clear();
    return;
  }
  bool changedSelection = id != builtFor_;
  bool changedStore = store.resourceVersion() != builtAtVersion_;
  bool trafficMoved = false;
  if (!changedSelection && !changedStore) {
    // Request counters live outside the store; they refresh on the same throttle.
    trafficMoved = sel.kind == "Service" || sel.kind == "Pod";
    if (!trafficMoved) return;
  }
  if (!changedSelection && clock - builtAtClock_ < minInterval) return;
  builtFor_ = id;
  builtAtVersion_ = store.resourceVersion();
  builtAtClock_ = clock;

  Content c;
  c.kind = sel.kind;
  c.key = sel.key;
  splitKey(sel.key, &c.ns, &c.name);
  const ResourceInfo* r = resourceForKind(sel.kind);
  ObjectPtr obj = r ? store.get(*r, r->namespaced ? c.ns : "", c.name) : nullptr;
  c.found = obj != nullptr;
  if (!obj) {
    content_ = std::move(c);
    return;
  }
  Client client(cluster.api(), cluster.clock());
  client.userAgent = "kubeplay-inspector";
  auto described = describe(client, *r, r->namespaced ? c.ns : "", c.name);
  c.describe = described.ok() ? described.value : described.status.message;
  c.yaml = toYaml(obj->toJson());

  // Owner chain: follow controller references upwards (Pod -> ReplicaSet -> Deployment).
  ObjectPtr at = obj;
  for (int depth = 0; at && depth < 8; ++depth) {
    const OwnerReference* ref = at->metadata.controllerRef();
    if (!ref) break;
    const ResourceInfo* ri = resourceForKind(ref->kind);
    std::string ns = ri && ri->namespaced ? at->metadata.namespace_ : "";
    c.owners.push_back({ref->kind, ns.empty() ? ref->name : ns + "/" + ref->name, ref->kind + " " + ref->name});
    at = ri ? store.get(*ri, ns, ref->name) : nullptr;
  }

  const std::string nsFlag = r->namespaced && c.ns != currentNs ? " -n " + c.ns : "";
  Network& net = cluster.network();
  auto requestsText = [](const RequestCounters* rc) {
    if (!rc) return std::string("no requests yet");
    return std::to_string(rc->ok) + " answered, " + std::to_string(rc->failed) + " failed";
  };

  if (sel.kind == "Pod") {
    auto pod = std::static_pointer_cast<const Pod>(obj);
    if (!pod->spec.nodeName.empty()) c.related.push_back({"Node", pod->spec.nodeName, "Node " + pod->spec.nodeName});
    for (const auto& ep : store.list<Endpoints>(pod->metadata.namespace_))
      for (const auto& sub : ep->subsets)
        for (const auto* list : {&sub.addresses, &sub.notReadyAddresses})
          for (const auto& a : *list)
            if (a.targetRef && a.targetRef->name == pod->metadata.name) {
              std::string k = ep->metadata.namespace_ + "/" + ep->metadata.name;
              bool ready = list == &sub.addresses;
              Link l{"Service", k, "Service " + ep->metadata.name + (ready ? "" : " (not ready)")};
              if (std::none_of(c.related.begin(), c.related.end(), [&](const Link& x) { return x.key == k && x.kind == "Service"; }))
                c.related.push_back(l);
            }
    c.requests = requestsText(net.podRequests(sel.key));
    c.actions.push_back({"Delete", "kubectl delete pod " + c.name + nsFlag});
    c.actions.push_back({"Logs", "kubectl logs " + c.name + nsFlag});
    c.actions.push_back({"Describe", "kubectl describe pod " + c.name + nsFlag});
  } else if (sel.kind == "Deployment") {
    auto d = std::static_pointer_cast<const Deployment>(obj);
    int replicas = d->spec.replicas.value_or(1);
    for (const auto& rs : store.list<ReplicaSet>(d->metadata.namespace_))
      if (auto* ref = rs->metadata.controllerRef(); ref && ref->uid == d->metadata.uid)
        c.related.push_back({"ReplicaSet", keyOf(*rs), "ReplicaSet " + rs->metadata.name + " (" +
                                                           std::to_string(rs->spec.replicas.value_or(1)) + " replicas)"});
    if (replicas > 0)
      c.actions.push_back({"Scale -1", "kubectl scale deployment " + c.name + " --replicas=" + std::to_string(replicas - 1) + nsFlag});
    c.actions.push_back({"Scale +1", "kubectl scale deployment " + c.name + " --replicas=" + std::to_string(replicas + 1) + nsFlag});
    if (!d->spec.template_.spec.containers.empty()) {
      const Container& first = d->spec.template_.spec.containers.front();
      c.actions.push_back({"Break the image", "kubectl set image deployment/" + c.name + " " + first.name + "=" +
                                                   brokenImage(first.image) + nsFlag});
    }
    c.actions.push_back({"Undo rollout", "kubectl rollout undo deployment/" + c.name + nsFlag});
    c.actions.push_back({"Restart", "kubectl rollout restart deployment/" + c.name + nsFlag});
  } else if (sel.kind == "ReplicaSet" || sel.kind == "DaemonSet" || sel.kind == "Job") {
    for (const auto& p : store.list<Pod>(obj->metadata.namespace_))
      if (auto* ref = p->metadata.controllerRef(); ref && ref->uid == obj->metadata.uid)
        c.related.push_back({"Pod", keyOf(*p), "Pod " + p->metadata.name});
    c.actions.push_back({"Delete", "kubectl delete " + r->singular + " " + c.name + nsFlag});
  } else if (sel.kind == "Node") {
    auto node = std::static_pointer_cast<const Node>(obj);
    std::vector<Link> system;
    for (const auto& p : store.list<Pod>())
      if (p->spec.nodeName == c.name) {
        bool sys = p->metadata.namespace_.rfind("kube-", 0) == 0;
        (sys ? system : c.related).push_back({"Pod", keyOf(*p), "Pod " + keyOf(*p)});
      }
    c.related.insert(c.related.end(), system.begin(), system.end());
    bool controlPlane = node->metadata.labels.count("node-role.kubernetes.io/control-plane") > 0;
    if (!controlPlane) {
      if (cluster.nodeRunning(c.name)) c.actions.push_back({"Stop node", "minikube node stop " + c.name});
      else c.actions.push_back({"Start node", "minikube node start " + c.name});
    }
    if (node->spec.unschedulable) c.actions.push_back({"Uncordon", "kubectl uncordon " + c.name});
    else c.actions.push_back({"Cordon", "kubectl cordon " + c.name});
    c.actions.push_back({"Drain", "kubectl drain " + c.name + " --ignore-daemonsets"});
  } else if (sel.kind == "Service") {
    auto svc = std::static_pointer_cast<const Service>(obj);
    if (auto ep = store.get<Endpoints>(svc->metadata.namespace_, svc->metadata.name))
      for (const auto& sub : ep->subsets)
        for (const auto* list : {&sub.addresses, &sub.notReadyAddresses})
          for (const auto& a : *list)
            if (a.targetRef && a.targetRef->kind == "Pod") {
              std::string k = svc->metadata.namespace_ + "/" + a.targetRef->name;
              if (std::none_of(c.related.begin(), c.related.end(), [&](const Link& x) { return x.key == k; }))
                c.related.push_back({"Pod", k, "Pod " + a.targetRef->name + " " + a.ip +
                                                   (list == &sub.addresses ? "" : " (not ready)")});
            }
    c.requests = requestsText(net.serviceRequests(sel.key));
    c.trafficUrl = net.externalUrl(*svc);
    c.trafficRate = net.trafficRate(svc->metadata.namespace_, svc->metadata.name);
    if (!c.trafficUrl.empty()) c.actions.push_back({"curl", "curl " + c.trafficUrl});
    c.actions.push_back({"Delete", "kubectl delete service " + c.name + nsFlag});
  }
  if (!trafficMoved || changedStore || changedSelection) content_ = std::move(c);
  else {
    content_.requests = c.requests;
    content_.trafficRate = c.trafficRate;
  }
}

void InspectorPanel::draw(CanvasPanel::Selection& sel, const Theme& theme, ImVec2 a, ImVec2 b, std::string* command) {
  min_ = max_ = ImVec2(0, 0);
  if (sel.empty()) return;
  const float S = theme.scale;
  const float inset = 10 * S;
  float w = std::clamp((b.x - a.x) * 0.42f, std::min(300 * S, b.x - a.x - 2 * inset), 480 * S);
  // Below the canvas's zoom buttons (top-right), so they stay usable while it is open.
  const float top = 30 * S;
  ImVec2 pos(b.x - inset - w, a.y + inset + top), size(w, std::max(120 * S, b.y - a.y - 2 * inset - top));
  min_ = pos;
  max_ = ImVec2(pos.x + size.x, pos.y + size.y);
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, withAlpha(color::kPanel, 0.97f));
  ImGui::PushStyleColor(ImGuiCol_Border, color::kBorderStrong);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12 * S, 10 * S));
  ImGui::Begin("##inspector", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(2);
  const Content& c = content_;
  ImFont* bold = theme.bold ? theme.bold : ImGui::GetFont();
  ImFont* small = theme.small ? theme.small : ImGui::GetFont();
  auto dim = ImGui::ColorConvertU32ToFloat4(color::kTextDim);

  // Header: kind, name, close.
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kKube), "%s", c.kind.c_str());
  ImGui::SameLine();
  ImGui::PushFont(bold);
  ImGui::TextUnformatted(c.name.c_str());
  ImGui::PopFont();
  float closeW = ImGui::CalcTextSize("\xC3\x97").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - closeW);
  bool close = ImGui::SmallButton("\xC3\x97##close");
  if (!c.ns.empty()) {
    ImGui::PushFont(small);
    ImGui::TextColored(dim, "namespace %s", c.ns.c_str());
    ImGui::PopFont();
  }
  if (!c.found) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s \"%s\" no longer exists.", c.kind.c_str(),
                       c.name.c_str());
    ImGui::TextWrapped("It was deleted; its controller (if any) may have made a replacement with a new name.");
  } else {
    // Owner chain.
    if (!c.owners.empty()) {
      ImGui::PushFont(small);
      ImGui::TextColored(dim, "owned by");
      for (const Link& l : c.owners) {
        ImGui::SameLine();
        ImGui::TextColored(dim, "\xE2\x86\x92");
        ImGui::SameLine();
        if (ImGui::SmallButton(l.label.c_str())) sel = {l.kind, l.key};
      }
      ImGui::PopFont();
    }
    if (!c.requests.empty()) {
      ImGui::PushFont(small);
      ImGui::TextColored(dim, "requests: %s", c.requests.c_str());
      ImGui::PopFont();
    }
    // Traffic generator for services reachable from outside.
    if (!c.trafficUrl.empty()) {
      if (!sliderActive_) sliderRate_ = static_cast<float>(c.trafficRate);
      ImGui::PushFont(small);
      ImGui::TextColored(dim, "traffic");
      ImGui::SameLine();
      ImGui::SetNextItemWidth(std::max(80 * S, ImGui::GetContentRegionAvail().x));
      ImGui::SliderFloat("##traffic", &sliderRate_, 0.0f, 20.0f, sliderRate_ == 0 ? "off" : "%.1f req/s");
      sliderActive_ = ImGui::IsItemActive();
      if (ImGui::IsItemDeactivatedAfterEdit() && command) {
        float r = std::round(sliderRate_ * 10) / 10;
        std::string nsFlag = c.ns.empty() ? "" : " -n " + c.ns;
        *command = "traffic" + nsFlag + " " + c.name + " " + (r < 0.1f ? std::string("stop") : Network::formatRate(r));
      }
      ImGui::PopFont();
    }
    // Actions.
    if (!c.actions.empty()) {
      ImGui::Spacing();
      float x = 0, avail = ImGui::GetContentRegionAvail().x;
      for (size_t i = 0; i < c.actions.size(); ++i) {
        const Action& act = c.actions[i];
        float bw = ImGui::CalcTextSize(act.label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
        if (i > 0) {
          if (x + bw + 6 * S <= avail) ImGui::SameLine(0, 6 * S);
          else x = 0;
        }
        if (ImGui::Button(act.label.c_str()) && command) *command = act.command;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", act.command.c_str());
        x += bw + 6 * S;
      }
    }
    ImGui::Spacing();
    // Tabs: describe, YAML, related.
    struct TabDef {
      Tab t;
      const char* label;
    };
    const TabDef tabs[] = {{Tab::Describe, "Describe"}, {Tab::Yaml, "YAML"}, {Tab::Related, "Related"}};
    for (const TabDef& t : tabs) {
      if (t.t != Tab::Describe) ImGui::SameLine(0, 2 * S);
      bool on = tab == t.t;
      ImGui::PushStyleColor(ImGuiCol_Button, on ? withAlpha(color::kKube, 0.45f) : withAlpha(color::kBorder, 0.6f));
      if (ImGui::Button(t.label)) tab = t.t;
      ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, withAlpha(color::kWindow, 0.8f));
    ImGui::BeginChild("##inspector-body", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    ImGui::PushFont(small);
    if (tab == Tab::Describe) {
      ImGui::TextUnformatted(c.describe.c_str(), c.describe.c_str() + c.describe.size());
    } else if (tab == Tab::Yaml) {
      ImGui::TextUnformatted(c.yaml.c_str(), c.yaml.c_str() + c.yaml.size());
    } else {
      if (c.related.empty()) ImGui::TextColored(dim, "nothing related");
      for (const Link& l : c.related)
        if (ImGui::Selectable(l.label.c_str(), false)) sel = {l.kind, l.key};
    }
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  ImGui::End();
  if (close) sel = {};
}

}  // namespace kp
