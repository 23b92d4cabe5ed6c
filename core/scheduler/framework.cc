// The framework's shared pieces: statuses, parsing a pod into what the plugins read (requests,
// priority, host ports, affinity terms) and keeping a node's cache entry as pods come and go.
#include "core/scheduler/framework.h"

#include <algorithm>

#include "core/api/quantity.h"
#include "core/apiserver/store.h"

namespace kp {

std::string PluginStatus::message() const {
  std::string out;
  for (size_t i = 0; i < reasons.size(); i++) out += (i ? ", " : "") + reasons[i];
  return out;
}

int64_t parseMilli(const StringMap& m, const char* key) {
  auto it = m.find(key);
  if (it == m.end()) return 0;
  return parseQuantityMilli(it->second).value_or(0);
}

std::optional<Selector> selectorFromJson(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  LabelSelector ls;
  if (j.contains("matchLabels") && j["matchLabels"].is_object())
    for (const auto& [k, v] : j["matchLabels"].items())
      if (v.is_string()) ls.matchLabels[k] = v.get<std::string>();
  if (j.contains("matchExpressions") && j["matchExpressions"].is_array())
    for (const auto& e : j["matchExpressions"]) {
      if (!e.is_object()) continue;
      LabelSelectorRequirement r{e.value("key", ""), e.value("operator", ""), {}};
      if (e.contains("values") && e["values"].is_array())
        for (const auto& v : e["values"])
          if (v.is_string()) r.values.push_back(v.get<std::string>());
      ls.matchExpressions.push_back(std::move(r));
    }
  std::string error;
  auto s = Selector::fromLabelSelector(ls, &error);
  if (!s) return Selector::nothing();  // an invalid selector selects nothing
  return s;
}

bool tolerates(const std::vector<Toleration>& tolerations, const Taint& t) {
  for (const auto& tol : tolerations) {
    if (!tol.effect.empty() && tol.effect != t.effect) continue;
    if (tol.key.empty() && tol.op == "Exists") return true;
    if (tol.key != t.key) continue;
    if (tol.op == "Exists") return true;
    if (tol.value == t.value) return true;
  }
  return false;
}

bool AffinityTerm::matches(const Pod& pod, const Store& store) const {
  const std::string& ns = pod.metadata.namespace_;
  bool nsOk = allNamespaces || std::find(namespaces.begin(), namespaces.end(), ns) != namespaces.end();
  if (!nsOk && namespaceSelector) {
    auto n = store.get<Namespace>("", ns);
    nsOk = n && namespaceSelector->matches(n->metadata.labels);
  }
  return nsOk && selector.matches(pod.metadata.labels);
}

namespace {

// An affinity term (v1.PodAffinityTerm) of a pod in namespace `ns`, as
// framework.newAffinityTerm reads it: namespaces and namespaceSelector together; neither means
// the pod's own namespace; an empty namespaceSelector means every namespace.
AffinityTerm parseTerm(const Json& t, const std::string& ns, int weight) {
  AffinityTerm term;
  term.weight = weight;
  if (!t.is_object()) return term;
  if (auto s = selectorFromJson(t.value("labelSelector", Json()))) term.selector = *s;
  term.topologyKey = t.value("topologyKey", "");
  if (t.contains("namespaces") && t["namespaces"].is_array())
    for (const auto& n : t["namespaces"])
      if (n.is_string()) term.namespaces.push_back(n.get<std::string>());
  const Json& nsSel = t.value("namespaceSelector", Json());
  if (nsSel.is_object()) {
    auto s = selectorFromJson(nsSel);
    if (s && s->empty()) term.allNamespaces = true;
    else term.namespaceSelector = s;
  } else if (term.namespaces.empty()) {
    term.namespaces.push_back(ns);
  }
  return term;
}

void parseTerms(const Json& affinity, const char* kind, const std::string& ns, std::vector<AffinityTerm>& required,
                std::vector<AffinityTerm>& preferred) {
  if (!affinity.is_object() || !affinity.contains(kind) || !affinity[kind].is_object()) return;
  const Json& a = affinity[kind];
  const Json& req = a.value("requiredDuringSchedulingIgnoredDuringExecution", Json());
  if (req.is_array())
    for (const auto& t : req) required.push_back(parseTerm(t, ns, 0));
  const Json& pref = a.value("preferredDuringSchedulingIgnoredDuringExecution", Json());
  if (pref.is_array())
    for (const auto& w : pref) {
      if (!w.is_object()) continue;
      const Json& weight = w.value("weight", Json());
      preferred.push_back(parseTerm(w.value("podAffinityTerm", Json()), ns, weight.is_number_integer() ? weight.get<int>() : 0));
    }
}

}  // namespace

std::shared_ptr<const PodInfo> PodInfo::make(std::shared_ptr<const Pod> pod) {
  auto info = std::make_shared<PodInfo>();
  const Pod& p = *pod;
  info->key = p.metadata.namespace_ + "/" + p.metadata.name;
  // Requests as the resource fit plugin sums them: containers add up, an init container
  // needs its own request at most (memory kept in bytes: parseQuantityMilli gives millibytes).
  for (const auto& c : p.spec.containers) {
    info->cpuMilli += parseMilli(c.resources.requests, "cpu");
    info->memoryBytes += parseMilli(c.resources.requests, "memory") / 1000;
    for (const auto& port : c.ports)
      if (port.hostPort > 0) info->hostPorts.push_back({"0.0.0.0", port.protocol.empty() ? "TCP" : port.protocol, port.hostPort});
  }
  for (const auto& c : p.spec.initContainers) {
    info->cpuMilli = std::max(info->cpuMilli, parseMilli(c.resources.requests, "cpu"));
    info->memoryBytes = std::max(info->memoryBytes, parseMilli(c.resources.requests, "memory") / 1000);
  }
  info->priority = p.spec.priority.value_or(0);
  if (auto* ref = p.metadata.controllerRef()) info->ownerUid = ref->uid;
  parseTerms(p.spec.affinity, "podAffinity", p.metadata.namespace_, info->requiredAffinity, info->preferredAffinity);
  parseTerms(p.spec.affinity, "podAntiAffinity", p.metadata.namespace_, info->requiredAntiAffinity, info->preferredAntiAffinity);
  info->pod = std::move(pod);
  return info;
}

void NodeInfo::addPod(const PodInfoPtr& p) {
  cpuMilli += p->cpuMilli;
  memoryBytes += p->memoryBytes;
  pods.push_back(p);
  if (p->hasAffinity()) podsWithAffinity.push_back(p);
  if (!p->requiredAntiAffinity.empty()) podsWithRequiredAntiAffinity.push_back(p);
  if (!p->ownerUid.empty()) byOwner[p->ownerUid]++;
}

void NodeInfo::removePod(const std::string& key) {
  auto drop = [&](std::vector<PodInfoPtr>& v) {
    auto it = std::find_if(v.begin(), v.end(), [&](const PodInfoPtr& p) { return p->key == key; });
    if (it == v.end()) return PodInfoPtr();
    PodInfoPtr p = *it;
    v.erase(it);
    return p;
  };
  PodInfoPtr p = drop(pods);
  if (!p) return;
  drop(podsWithAffinity);
  drop(podsWithRequiredAntiAffinity);
  cpuMilli -= p->cpuMilli;
  memoryBytes -= p->memoryBytes;
  if (!p->ownerUid.empty()) {
    auto it = byOwner.find(p->ownerUid);
    if (it != byOwner.end() && --it->second <= 0) byOwner.erase(it);
  }
}

const std::string* NodeInfo::label(const std::string& key) const {
  if (!node) return nullptr;
  auto it = node->metadata.labels.find(key);
  return it == node->metadata.labels.end() ? nullptr : &it->second;
}

}  // namespace kp
