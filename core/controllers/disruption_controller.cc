#include "core/controllers/disruption_controller.h"

#include <algorithm>
#include <cmath>

#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/api/selector.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/json_kinds.h"
#include "core/apiserver/store.h"

namespace kp {

namespace {

// An IntOrString budget bound against `total`; percentages round up (GetScaledValueFromIntOrPercent).
int scaled(const Json& v, int total) {
  if (v.is_number_integer()) return v.get<int>();
  if (v.is_string()) {
    std::string s = v.get<std::string>();
    if (!s.empty() && s.back() == '%') {
      int pct = std::atoi(s.c_str());
      return static_cast<int>(std::ceil(pct * total / 100.0));
    }
    return std::atoi(s.c_str());
  }
  return 0;
}

}  // namespace

int desiredHealthyPods(const JsonObject& pdb, int expected) {
  const Json& spec = pdb.field("spec");
  if (spec.contains("minAvailable") && !spec["minAvailable"].is_null()) return scaled(spec["minAvailable"], expected);
  if (spec.contains("maxUnavailable") && !spec["maxUnavailable"].is_null())
    return std::max(0, expected - scaled(spec["maxUnavailable"], expected));
  return 0;
}

DisruptionController::DisruptionController(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

void DisruptionController::onEvent(const WatchEvent& e) {
  const auto& m = e.object->metadata;
  if (e.resource->kind == "PodDisruptionBudget") {
    if (e.type != WatchType::Deleted) queue_.add(m.namespace_ + "/" + m.name);
  } else if (e.resource->kind == "Pod") {
    for (const auto& b : store_.list(*resourceForKind("PodDisruptionBudget"), m.namespace_)) {
      auto* pdb = dynamic_cast<const JsonObject*>(b.get());
      if (!pdb) continue;
      auto sel = Selector::fromLabelSelector(labelSelectorFromJson(pdb->field("spec").value("selector", Json::object())), nullptr);
      if (!sel) continue;
      bool matches = sel->matches(m.labels) || (e.old && sel->matches(e.old->metadata.labels));
      if (matches) queue_.add(m.namespace_ + "/" + b->metadata.name);
    }
  }
}

void DisruptionController::sync(const std::string& key) {
  auto [ns, name] = splitKey(key);
  auto pdb = std::dynamic_pointer_cast<const JsonObject>(store_.get(*resourceForKind("PodDisruptionBudget"), ns, name));
  if (!pdb || pdb->metadata.deletionTimestamp != kNoTime) return;
  ActivityLog::Scope scope(api_.activity(), "kube-controller-manager", "disruption controller", "PodDisruptionBudget " + key);
  const Json& spec = pdb->field("spec");
  auto sel = Selector::fromLabelSelector(labelSelectorFromJson(spec.value("selector", Json::object())), nullptr);
  int expected = 0, healthy = 0;
  for (const auto& p : store_.list<Pod>(ns)) {
    if (!sel || sel->empty() || !sel->matches(p->metadata.labels) || podTerminating(*p) || podFinished(*p)) continue;
    expected++;
    if (podReady(*p)) healthy++;
  }
  int desired = desiredHealthyPods(*pdb, expected);
  int allowed = std::max(0, healthy - desired);
  const Json& old = pdb->field("status");
  Time now = timers_.now() / 1000 * 1000;
  bool was = false;
  std::string since = formatTime(now);
  if (old.contains("conditions") && old["conditions"].is_array() && !old["conditions"].empty()) {
    was = old["conditions"][0].value("status", "") == "True";
    if (was == (allowed > 0)) since = old["conditions"][0].value("lastTransitionTime", since);
  }
  Json st = {{"currentHealthy", healthy}, {"desiredHealthy", desired}, {"disruptionsAllowed", allowed},
             {"expectedPods", expected}, {"observedGeneration", pdb->metadata.generation},
             {"conditions", Json::array({{{"type", "DisruptionAllowed"}, {"status", allowed > 0 ? "True" : "False"},
                                           {"reason", allowed > 0 ? "SufficientPods" : "InsufficientPods"}, {"message", ""},
                                           {"lastTransitionTime", since}, {"observedGeneration", pdb->metadata.generation}}})}};
  if (old.contains("disruptedPods")) st["disruptedPods"] = old["disruptedPods"];
  Json a = st, b = old;
  if (a != b) {
    auto copy = std::make_shared<JsonObject>(*pdb);
    copy->body["status"] = st;
    api_.updateStatus(*copy);
  }
}

}  // namespace kp
