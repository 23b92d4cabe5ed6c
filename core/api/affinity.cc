// Node affinity as the scheduler's NodeAffinity filter and the DaemonSet controller check it.
#include "core/api/affinity.h"

#include <algorithm>

namespace kp {

bool requiredNodeAffinityMatches(const Pod& pod, const Node& node) {
  const Json& a = pod.spec.affinity;
  if (!a.is_object() || !a.contains("nodeAffinity")) return true;
  const Json& na = a["nodeAffinity"];
  if (!na.is_object() || !na.contains("requiredDuringSchedulingIgnoredDuringExecution")) return true;
  const Json& req = na["requiredDuringSchedulingIgnoredDuringExecution"];
  if (!req.is_object() || !req.contains("nodeSelectorTerms") || !req["nodeSelectorTerms"].is_array()) return true;
  auto matches = [](const Json& r, const std::string* value) {
    std::string op = r.value("operator", "");
    std::vector<std::string> values;
    if (r.contains("values") && r["values"].is_array())
      for (const auto& v : r["values"])
        if (v.is_string()) values.push_back(v.get<std::string>());
    bool in = value && std::find(values.begin(), values.end(), *value) != values.end();
    if (op == "In") return in;
    if (op == "NotIn") return !in;
    if (op == "Exists") return value != nullptr;
    if (op == "DoesNotExist") return value == nullptr;
    return false;
  };
  for (const auto& term : req["nodeSelectorTerms"]) {
    if (!term.is_object()) continue;
    bool ok = true, any = false;
    if (term.contains("matchFields") && term["matchFields"].is_array())
      for (const auto& f : term["matchFields"]) {
        any = true;
        if (f.value("key", "") != "metadata.name" || !matches(f, &node.metadata.name)) ok = false;
      }
    if (term.contains("matchExpressions") && term["matchExpressions"].is_array())
      for (const auto& e : term["matchExpressions"]) {
        any = true;
        auto it = node.metadata.labels.find(e.value("key", ""));
        if (!matches(e, it == node.metadata.labels.end() ? nullptr : &it->second)) ok = false;
      }
    if (any && ok) return true;
  }
  return false;
}

const Json& podTopologySpreadConstraints(const PodSpec& spec) {
  return spec.topologySpreadConstraints;
}

}  // namespace kp
