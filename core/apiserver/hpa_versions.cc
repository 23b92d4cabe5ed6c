#include "core/apiserver/hpa_versions.h"

namespace kp {

namespace {

bool isHpa(const Json& j) { return j.is_object() && j.value("kind", "") == "HorizontalPodAutoscaler"; }

Json objectV1ToV2(Json j) {
  j["apiVersion"] = "autoscaling/v2";
  if (j.contains("spec") && j["spec"].is_object()) {
    Json& spec = j["spec"];
    if (spec.contains("targetCPUUtilizationPercentage")) {
      spec["metrics"] = Json::array({{{"type", "Resource"},
                                      {"resource", {{"name", "cpu"},
                                                    {"target", {{"type", "Utilization"},
                                                                {"averageUtilization", spec["targetCPUUtilizationPercentage"]}}}}}}});
      spec.erase("targetCPUUtilizationPercentage");
    }
  }
  if (j.contains("status") && j["status"].is_object()) {
    Json& st = j["status"];
    if (st.contains("currentCPUUtilizationPercentage")) {
      st["currentMetrics"] = Json::array({{{"type", "Resource"},
                                           {"resource", {{"name", "cpu"},
                                                         {"current", {{"averageUtilization", st["currentCPUUtilizationPercentage"]}}}}}}});
      st.erase("currentCPUUtilizationPercentage");
    }
  }
  return j;
}

// The cpu Utilization entry of a v2 metric list, or null.
Json cpuUtilization(const Json& metrics, const char* field, const char* value) {
  if (!metrics.is_array()) return nullptr;
  for (const auto& m : metrics) {
    if (m.value("type", "") != "Resource" || !m.contains("resource")) continue;
    const Json& r = m["resource"];
    if (r.value("name", "") != "cpu" || !r.contains(field)) continue;
    const Json& t = r[field];
    if (t.is_object() && t.contains(value)) return t[value];
  }
  return nullptr;
}

Json objectV2ToV1(Json j) {
  j["apiVersion"] = "autoscaling/v1";
  if (j.contains("spec") && j["spec"].is_object()) {
    Json& spec = j["spec"];
    Json target = cpuUtilization(spec.value("metrics", Json()), "target", "averageUtilization");
    if (!target.is_null()) spec["targetCPUUtilizationPercentage"] = target;
    spec.erase("metrics");
    spec.erase("behavior");
  }
  if (j.contains("status") && j["status"].is_object()) {
    Json& st = j["status"];
    Json current = cpuUtilization(st.value("currentMetrics", Json()), "current", "averageUtilization");
    if (!current.is_null()) st["currentCPUUtilizationPercentage"] = current;
    st.erase("currentMetrics");
    st.erase("conditions");
  }
  return j;
}

template <class F>
Json eachHpa(const Json& j, F convert, const char* listVersion) {
  if (isHpa(j)) return convert(j);
  if (j.is_object() && j.value("kind", "") == "HorizontalPodAutoscalerList" && j.contains("items")) {
    Json out = j;
    out["apiVersion"] = listVersion;
    for (auto& item : out["items"])
      if (item.is_object()) {
        item["kind"] = "HorizontalPodAutoscaler";
        item = convert(item);
      }
    return out;
  }
  return j;
}

}  // namespace

Json hpaV1ToV2(const Json& v1) { return eachHpa(v1, objectV1ToV2, "autoscaling/v2"); }
Json hpaV2ToV1(const Json& v2) { return eachHpa(v2, objectV2ToV1, "autoscaling/v1"); }

}  // namespace kp
