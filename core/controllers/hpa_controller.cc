// The HPA controller's sync (horizontal.go) and replica calculator (replica_calculator.go);
// see hpa_controller.h. Conditions, reasons, messages and events use the upstream texts.
#include "core/controllers/hpa_controller.h"

#include "core/controllers/controllers.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>

#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/api/selector.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/metrics_api.h"
#include "core/apiserver/store.h"

namespace kp {

namespace {

constexpr double kTolerance = 0.1;                      // --horizontal-pod-autoscaler-tolerance
constexpr Time kCpuInitializationPeriod = 300000;      // --horizontal-pod-autoscaler-cpu-initialization-period
constexpr Time kDelayOfInitialReadiness = 30000;       // --horizontal-pod-autoscaler-initial-readiness-delay
const char* kComponent = "horizontal-pod-autoscaler";

const ResourceInfo& hpaResource() { return *resourceForKind("HorizontalPodAutoscaler"); }

int intField(const Json& j, const char* key, int fallback) {
  if (j.is_object() && j.contains(key) && j[key].is_number_integer()) return j[key].get<int>();
  return fallback;
}
std::string strField(const Json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return "";
}
const Json& objField(const Json& j, const char* key) {
  static const Json empty = Json::object();
  if (j.is_object() && j.contains(key) && j[key].is_object()) return j[key];
  return empty;
}

struct Policy {
  std::string type;  // Pods or Percent
  int value = 0, periodSeconds = 0;
};
struct Rules {
  int window = 0;
  std::string select = "Max";
  std::vector<Policy> policies;
};

// The v2 defaults (GenerateHPAScaleUpRules / ScaleDownRules) under what the spec sets.
Rules rulesOf(const Json& behavior, bool up) {
  Rules r;
  if (up) {
    r.window = 0;
    r.policies = {{"Pods", 4, 15}, {"Percent", 100, 15}};
  } else {
    r.window = 300;
    r.policies = {{"Percent", 100, 15}};
  }
  const Json& b = objField(behavior, up ? "scaleUp" : "scaleDown");
  r.window = intField(b, "stabilizationWindowSeconds", r.window);
  if (!strField(b, "selectPolicy").empty()) r.select = strField(b, "selectPolicy");
  if (b.contains("policies") && b["policies"].is_array() && !b["policies"].empty()) {
    r.policies.clear();
    for (const auto& p : b["policies"])
      r.policies.push_back({strField(p, "type"), intField(p, "value", 0), intField(p, "periodSeconds", 15)});
  }
  return r;
}

// A label selector in its JSON form.
std::optional<Selector> selectorOf(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  LabelSelector ls;
  if (j.contains("matchLabels") && j["matchLabels"].is_object())
    for (auto it = j["matchLabels"].begin(); it != j["matchLabels"].end(); ++it)
      if (it.value().is_string()) ls.matchLabels[it.key()] = it.value().get<std::string>();
  if (j.contains("matchExpressions") && j["matchExpressions"].is_array())
    for (const auto& e : j["matchExpressions"]) {
      LabelSelectorRequirement r{strField(e, "key"), strField(e, "operator"), {}};
      if (e.contains("values") && e["values"].is_array())
        for (const auto& v : e["values"])
          if (v.is_string()) r.values.push_back(v.get<std::string>());
      ls.matchExpressions.push_back(r);
    }
  std::string err;
  return Selector::fromLabelSelector(ls, &err);
}

struct Target {
  bool found = false;
  int replicas = 0;
  Selector selector;
  std::string error;  // why the scale could not be read
};

// The scale subresource of the target: spec.replicas and the pod selector.
Target scaleOf(const Store& store, const std::string& ns, const Json& ref) {
  Target t;
  std::string kind = strField(ref, "kind"), name = strField(ref, "name");
  const ResourceInfo* r = resourceForKind(kind);
  auto notFound = [&] {
    std::string res = r ? r->resource + (r->group.empty() ? "" : "." + r->group) : kind;
    t.error = res + " \"" + name + "\" not found";
    return t;
  };
  if (!r) {
    t.error = "no matches for kind \"" + kind + "\" in group \"" + strField(ref, "apiVersion") + "\"";
    return t;
  }
  std::string err;
  if (kind == "Deployment") {
    auto d = store.get<Deployment>(ns, name);
    if (!d) return notFound();
    t.replicas = d->spec.replicas.value_or(1);
    auto s = Selector::fromLabelSelector(d->spec.selector, &err);
    if (s) t.selector = *s;
  } else if (kind == "ReplicaSet") {
    auto d = store.get<ReplicaSet>(ns, name);
    if (!d) return notFound();
    t.replicas = d->spec.replicas.value_or(1);
    auto s = Selector::fromLabelSelector(d->spec.selector, &err);
    if (s) t.selector = *s;
  } else if (kind == "ReplicationController") {
    auto d = store.get<ReplicationController>(ns, name);
    if (!d) return notFound();
    t.replicas = d->spec.replicas.value_or(1);
    t.selector = Selector::fromMap(d->spec.selector);
  } else if (kind == "StatefulSet") {
    auto o = store.get(*r, ns, name);
    if (!o) return notFound();
    const auto& js = static_cast<const JsonObject&>(*o);
    t.replicas = intField(js.field("spec"), "replicas", 1);
    auto s = selectorOf(objField(js.field("spec"), "selector"));
    if (s) t.selector = *s;
  } else {
    t.error = "the server could not find the requested resource";
    return t;
  }
  t.found = true;
  return t;
}

struct MetricResult {
  bool ok = false;
  int replicas = 0;
  int64_t utilization = 0;  // percent (Utilization targets)
  int64_t rawAverage = 0;   // milli-units per pod
  std::string error;        // replica calculator's error
};

// GetResourceReplicas / GetRawResourceReplicas for one resource metric.
MetricResult resourceReplicas(const Store& store, const ResourceMetrics& metrics, const std::string& ns,
                              const Selector& selector, const std::string& resource, bool utilizationTarget,
                              int64_t target, int currentReplicas, Time now) {
  MetricResult res;
  if (!metrics.available()) {
    res.error = "unable to get metrics for resource " + resource +
                ": unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)";
    return res;
  }
  struct Sample {
    int64_t value;  // milli-units
    Time timestamp, window;
  };
  std::map<std::string, Sample> samples;
  for (const auto& p : metrics.podMetrics(ns)) {
    if (!selector.matches(p.labels)) continue;
    int64_t sum = 0;
    for (const auto& c : p.containers) sum += resource == "cpu" ? c.cpuNanoCores / 1000000 : c.memoryBytes * 1000;
    samples[p.name] = {sum, p.timestamp, p.window};
  }
  if (samples.empty()) {
    res.error = "unable to get metrics for resource " + resource + ": no metrics returned from resource metrics API";
    return res;
  }
  std::vector<Ptr<Pod>> pods;
  for (const auto& p : store.list<Pod>(ns))
    if (selector.matches(p->metadata.labels)) pods.push_back(p);
  if (pods.empty()) {
    res.error = "no pods returned by selector while calculating replica count";
    return res;
  }
  // groupPods
  int readyCount = 0;
  std::vector<std::string> unready, missing;
  for (const auto& p : pods) {
    const std::string& name = p->metadata.name;
    if (podTerminating(*p) || p->status.phase == "Failed") {
      samples.erase(name);
      continue;
    }
    if (p->status.phase == "Pending") {
      unready.push_back(name);
      samples.erase(name);
      continue;
    }
    auto s = samples.find(name);
    if (s == samples.end()) {
      missing.push_back(name);
      continue;
    }
    if (resource == "cpu") {
      const PodCondition* ready = podCondition(*p, "Ready");
      bool isUnready;
      if (!ready || p->status.startTime == kNoTime) {
        isUnready = true;
      } else if (p->status.startTime + kCpuInitializationPeriod > now) {
        // Still initialising: its sample counts once a whole window follows its readiness.
        isUnready = ready->status == "False" || s->second.timestamp < ready->lastTransitionTime + s->second.window;
      } else {
        isUnready = ready->status == "False" && p->status.startTime + kDelayOfInitialReadiness > ready->lastTransitionTime;
      }
      if (isUnready) {
        unready.push_back(name);
        samples.erase(name);
        continue;
      }
    }
    readyCount++;
  }
  // calculatePodRequests
  std::map<std::string, int64_t> requests;
  for (const auto& p : pods) {
    int64_t sum = 0;
    for (const auto& c : p->spec.containers) {
      auto it = c.resources.requests.find(resource);
      auto q = it == c.resources.requests.end() ? std::nullopt : parseQuantityMilli(it->second);
      if (!q) {
        if (!utilizationTarget) continue;
        res.error = "missing request for " + resource + " in container " + c.name + " of Pod " + p->metadata.name;
        return res;
      }
      sum += *q;
    }
    requests[p->metadata.name] = sum;
  }
  if (samples.empty()) {
    res.error = "did not receive metrics for targeted pods (pods might be unready)";
    return res;
  }
  // GetResourceUtilizationRatio (or the raw average against an AverageValue target).
  auto ratioOf = [&](const std::map<std::string, Sample>& m, int64_t* utilization, int64_t* raw) {
    int64_t total = 0, requested = 0;
    int n = 0;
    for (const auto& [name, s] : m) {
      auto r = requests.find(name);
      if (utilizationTarget && (r == requests.end() || r->second == 0)) continue;
      total += s.value;
      if (r != requests.end()) requested += r->second;
      n++;
    }
    if (raw) *raw = n ? total / n : 0;
    if (!utilizationTarget) return n && target ? static_cast<double>(total) / n / static_cast<double>(target) : 0.0;
    int64_t u = requested ? total * 100 / requested : 0;
    if (utilization) *utilization = u;
    return static_cast<double>(u) / static_cast<double>(target);
  };
  double ratio = ratioOf(samples, &res.utilization, &res.rawAverage);
  res.ok = true;
  bool scaleUpWithUnready = !unready.empty() && ratio > 1.0;
  if (!scaleUpWithUnready && missing.empty()) {
    res.replicas = std::abs(1.0 - ratio) <= kTolerance ? currentReplicas : static_cast<int>(std::ceil(ratio * readyCount));
    return res;
  }
  // Missing pods count as using 100% of their request on the way down and nothing on the way
  // up; unready ones as nothing when scaling up.
  auto adjusted = samples;
  if (!missing.empty()) {
    for (const auto& name : missing) {
      int64_t fallback = 0;
      if (ratio < 1.0)
        fallback = utilizationTarget ? requests[name] * std::max<int64_t>(100, target) / 100 : target;
      adjusted[name] = {fallback, now, 0};
    }
  }
  if (scaleUpWithUnready)
    for (const auto& name : unready) adjusted[name] = {0, now, 0};
  double newRatio = ratioOf(adjusted, nullptr, nullptr);
  if (std::abs(1.0 - newRatio) <= kTolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
    res.replicas = currentReplicas;
    return res;
  }
  int proposed = static_cast<int>(std::ceil(newRatio * static_cast<double>(adjusted.size())));
  if ((newRatio < 1.0 && proposed > currentReplicas) || (newRatio > 1.0 && proposed < currentReplicas)) proposed = currentReplicas;
  res.replicas = proposed;
  return res;
}

// setCondition: a condition keeps its lastTransitionTime while its status does not change.
void setCondition(Json& conditions, const std::string& type, bool status, const std::string& reason,
                  const std::string& message, Time now) {
  std::string st = status ? "True" : "False";
  for (auto& c : conditions)
    if (strField(c, "type") == type) {
      if (strField(c, "status") != st) c["lastTransitionTime"] = formatTime(now / 1000 * 1000);
      c["status"] = st;
      c["reason"] = reason;
      c["message"] = message;
      return;
    }
  conditions.push_back({{"type", type}, {"status", st}, {"lastTransitionTime", formatTime(now / 1000 * 1000)},
                        {"reason", reason}, {"message", message}});
}

int changeInPeriod(const std::vector<std::pair<Time, int>>& events, int periodSeconds, Time now) {
  int n = 0;
  for (const auto& [at, change] : events)
    if (at > now - static_cast<Time>(periodSeconds) * 1000) n += change;
  return n;
}

}  // namespace

void Controllers::startAutoscaler(const ResourceMetrics& metrics) {
  hpa_ = std::make_unique<HpaController>(ComponentParts{store_, api_, timers_, rng_}, metrics);
}

HpaController::HpaController(const ComponentParts& parts, const ResourceMetrics& metrics)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), metrics_(metrics) {
  watchId_ = store_.watch([this](const WatchEvent& e) { onEvent(e); });
}

HpaController::~HpaController() { store_.unwatch(watchId_); }

void HpaController::onEvent(const WatchEvent& e) {
  if (e.resource != &hpaResource()) return;
  std::string key = e.object->metadata.namespace_ + "/" + e.object->metadata.name;
  if (e.type == WatchType::Deleted) {
    states_.erase(key);
    return;
  }
  if (e.type != WatchType::Added || states_.count(key)) return;
  // A new HPA is synced at once, then every sync period.
  uint64_t loop = ++loops_;
  states_[key].loop = loop;
  timers_.after(0, [this, key, loop] { tick(key, loop); });
}

void HpaController::tick(const std::string& key, uint64_t loop) {
  auto it = states_.find(key);
  if (it == states_.end() || it->second.loop != loop) return;
  reconcile(key);
  timers_.after(kSyncPeriod, [this, key, loop] { tick(key, loop); });
}

void HpaController::reconcile(const std::string& key) {
  auto [ns, name] = splitKey(key);
  auto obj = store_.get(hpaResource(), ns, name);
  if (!obj) return;
  const auto& hpa = static_cast<const JsonObject&>(*obj);
  State& st = states_[key];
  const Time now = timers_.now();
  const Json& spec = hpa.field("spec");
  Json status = hpa.field("status");
  Json conditions = status.contains("conditions") && status["conditions"].is_array() ? status["conditions"] : Json::array();
  const int minReplicas = intField(spec, "minReplicas", 1);
  const int maxReplicas = intField(spec, "maxReplicas", 1);
  const int prevDesired = intField(status, "desiredReplicas", 0);

  auto writeStatus = [&](int current, int desired, const Json& metricStatuses, bool rescaled) {
    Json s = Json::object();
    s["currentReplicas"] = current;
    s["desiredReplicas"] = desired;
    if (!metricStatuses.empty()) s["currentMetrics"] = metricStatuses;
    if (rescaled) s["lastScaleTime"] = formatTime(now / 1000 * 1000);
    else if (status.contains("lastScaleTime")) s["lastScaleTime"] = status["lastScaleTime"];
    s["conditions"] = conditions;
    if (s == status) return;
    auto copy = std::make_shared<JsonObject>(hpa);
    copy->body["status"] = s;
    api_.updateStatus(*copy);
  };

  Target target = scaleOf(store_, ns, objField(spec, "scaleTargetRef"));
  if (!target.found) {
    api_.event(hpa, "Warning", "FailedGetScale", target.error, kComponent);
    setCondition(conditions, "AbleToScale", false, "FailedGetScale",
                 "the HPA controller was unable to get the target's current scale: " + target.error, now);
    writeStatus(intField(status, "currentReplicas", 0), prevDesired, status.value("currentMetrics", Json::array()), false);
    return;
  }
  setCondition(conditions, "AbleToScale", true, "SucceededGetScale", "the HPA controller was able to get the target's current scale", now);
  const int current = target.replicas;
  int desired = 0;
  std::string rescaleReason;
  Json metricStatuses = Json::array();
  bool rescale = false;

  if (current == 0 && minReplicas != 0) {
    setCondition(conditions, "ScalingActive", false, "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", now);
  } else if (current > maxReplicas) {
    rescaleReason = "Current number of replicas above Spec.MaxReplicas";
    desired = maxReplicas;
    rescale = true;
  } else if (current < minReplicas) {
    rescaleReason = "Current number of replicas below Spec.MinReplicas";
    desired = minReplicas;
    rescale = true;
  } else {
    // computeReplicasForMetrics: the largest proposal of the valid metrics.
    Json specs = spec.contains("metrics") && spec["metrics"].is_array() && !spec["metrics"].empty()
                     ? spec["metrics"]
                     : Json::array({{{"type", "Resource"},
                                     {"resource", {{"name", "cpu"}, {"target", {{"type", "Utilization"}, {"averageUtilization", 80}}}}}}});
    int proposal = -1, invalid = 0;
    std::string metricName, firstError;
    std::optional<std::pair<std::string, std::string>> invalidCondition;
    for (const auto& m : specs) {
      Json ms = Json::object();
      ms["type"] = "";
      std::string type = strField(m, "type");
      const Json& r = objField(m, "resource");
      const Json& t = objField(r, "target");
      std::string resource = strField(r, "name"), targetType = strField(t, "type");
      if (type != "Resource" || (resource != "cpu" && resource != "memory")) {
        invalid++;
        std::string err = "unable to get metric " + (resource.empty() ? type : resource) + ": the server could not find the metric";
        if (firstError.empty()) firstError = "failed to get " + type + " metric value: " + err;
        if (!invalidCondition) invalidCondition = {{"FailedGetExternalMetric", err}};
        metricStatuses.push_back(ms);
        continue;
      }
      bool utilization = targetType != "AverageValue";
      int64_t targetValue = utilization ? intField(t, "averageUtilization", 80) : 0;
      if (!utilization) {
        auto q = parseQuantityMilli(strField(t, "averageValue"));
        targetValue = q ? *q : 0;
      }
      MetricResult mr = resourceReplicas(store_, metrics_, ns, target.selector, resource, utilization, targetValue, current, now);
      if (!mr.ok) {
        std::string err = "failed to get " + resource + " utilization: " + mr.error;
        api_.event(hpa, "Warning", "FailedGetResourceMetric", err, kComponent);
        invalid++;
        if (firstError.empty()) firstError = "failed to get " + resource + " resource metric value: " + err;
        if (!invalidCondition) invalidCondition = {{"FailedGetResourceMetric", "the HPA was unable to compute the replica count: " + err}};
        metricStatuses.push_back(ms);
        continue;
      }
      Json currentValue = Json::object();
      currentValue["averageValue"] = resource == "cpu" ? formatCpuMilli(mr.rawAverage) : formatBytes(mr.rawAverage / 1000);
      if (utilization) currentValue["averageUtilization"] = mr.utilization;
      ms = {{"type", "Resource"}, {"resource", {{"name", resource}, {"current", currentValue}}}};
      metricStatuses.push_back(ms);
      std::string thisName = resource + (utilization ? " resource utilization (percentage of request)" : " resource");
      if (mr.replicas > proposal) {
        proposal = mr.replicas;
        metricName = thisName;
      }
    }
    if (invalid == static_cast<int>(specs.size()) || proposal == -1) {
      if (invalidCondition) setCondition(conditions, "ScalingActive", false, invalidCondition->first, invalidCondition->second, now);
      std::string err = "invalid metrics (" + std::to_string(invalid) + " invalid out of " + std::to_string(specs.size()) +
                        "), first error is: " + firstError;
      api_.event(hpa, "Warning", "FailedComputeMetricsReplicas", err, kComponent);
      writeStatus(current, prevDesired, metricStatuses, false);
      return;
    }
    setCondition(conditions, "ScalingActive", true, "ValidMetricFound",
                 "the HPA was able to successfully calculate a replica count from " + metricName, now);
    desired = proposal;
    if (desired > current) rescaleReason = metricName + " above target";
    if (desired < current) rescaleReason = "All metrics below target";

    // normalizeDesiredReplicasWithBehaviors
    const Json& behavior = objField(spec, "behavior");
    Rules up = rulesOf(behavior, true), down = rulesOf(behavior, false);
    if (st.recommendations.empty()) st.recommendations.push_back({now, current});  // maybeInitScaleDownStabilizationWindow
    const int prenormalized = desired;
    int upRec = prenormalized, downRec = prenormalized;
    Time upCutoff = now - static_cast<Time>(up.window) * 1000, downCutoff = now - static_cast<Time>(down.window) * 1000;
    int oldIndex = -1;
    for (size_t i = 0; i < st.recommendations.size(); i++) {
      const auto& rec = st.recommendations[i];
      if (rec.at > upCutoff) upRec = std::min(upRec, rec.replicas);
      if (rec.at > downCutoff) downRec = std::max(downRec, rec.replicas);
      if (rec.at < upCutoff && rec.at < downCutoff) oldIndex = static_cast<int>(i);
    }
    int stabilized = std::min(std::max(current, upRec), downRec);
    if (oldIndex >= 0) st.recommendations[static_cast<size_t>(oldIndex)] = {now, prenormalized};
    else st.recommendations.push_back({now, prenormalized});
    if (stabilized != prenormalized) {
      if (prenormalized >= current)
        setCondition(conditions, "AbleToScale", true, "ScaleUpStabilized",
                     "recent recommendations were lower than current one, applying the lowest recent recommendation", now);
      else
        setCondition(conditions, "AbleToScale", true, "ScaleDownStabilized",
                     "recent recommendations were higher than current one, applying the highest recent recommendation", now);
    } else {
      setCondition(conditions, "AbleToScale", true, "ReadyForNewScale", "recommended size matches current size", now);
    }
    // convertDesiredReplicasWithBehaviorRate
    std::vector<std::pair<Time, int>> ups, downs;
    for (const auto& e : st.scaleUps) ups.push_back({e.at, e.change});
    for (const auto& e : st.scaleDowns) downs.push_back({e.at, e.change});
    std::string reason = "DesiredWithinRange", message = "the desired count is within the acceptable range";
    int limited = stabilized;
    if (stabilized > current) {
      int limit = up.select == "Disabled" ? current : (up.select == "Min" ? INT_MAX : INT_MIN);
      if (up.select != "Disabled")
        for (const auto& p : up.policies) {
          int start = current - changeInPeriod(ups, p.periodSeconds, now) + changeInPeriod(downs, p.periodSeconds, now);
          int proposed = p.type == "Pods" ? start + p.value
                                          : static_cast<int>(std::ceil(static_cast<double>(start) * (1 + p.value / 100.0)));
          limit = up.select == "Min" ? std::min(limit, proposed) : std::max(limit, proposed);
        }
      limit = std::max(limit, current);
      int maxAllowed = maxReplicas;
      std::string r = "TooManyReplicas", msg = "the desired replica count is more than the maximum replica count";
      if (maxAllowed > limit) {
        maxAllowed = limit;
        r = "ScaleUpLimit";
        msg = "the desired replica count is increasing faster than the maximum scale rate";
      }
      if (stabilized > maxAllowed) {
        limited = maxAllowed;
        reason = r;
        message = msg;
      }
    } else if (stabilized < current) {
      int limit = down.select == "Disabled" ? current : (down.select == "Min" ? INT_MIN : INT_MAX);
      if (down.select != "Disabled")
        for (const auto& p : down.policies) {
          int start = current - changeInPeriod(ups, p.periodSeconds, now) + changeInPeriod(downs, p.periodSeconds, now);
          int proposed = p.type == "Pods" ? start - p.value : static_cast<int>(static_cast<double>(start) * (1 - p.value / 100.0));
          limit = down.select == "Min" ? std::max(limit, proposed) : std::min(limit, proposed);
        }
      limit = std::min(limit, current);
      int minAllowed = minReplicas;
      std::string r = "TooFewReplicas", msg = "the desired replica count is less than the minimum replica count";
      if (minAllowed < limit) {
        minAllowed = limit;
        r = "ScaleDownLimit";
        msg = "the desired replica count is decreasing faster than the maximum scale rate";
      }
      if (stabilized < minAllowed) {
        limited = minAllowed;
        reason = r;
        message = msg;
      }
    }
    setCondition(conditions, "ScalingLimited", limited != stabilized, reason, message, now);
    desired = limited;
    rescale = desired != current;
  }

  if (rescale) {
    const std::string kind = strField(objField(spec, "scaleTargetRef"), "kind");
    const std::string tname = strField(objField(spec, "scaleTargetRef"), "name");
    Result<ObjectPtr> w = Status{404, "NotFound", "not found"};
    if (kind == "Deployment") {
      auto copy = std::make_shared<Deployment>(*store_.get<Deployment>(ns, tname));
      copy->spec.replicas = desired;
      w = api_.update(copy);
    } else if (kind == "ReplicaSet") {
      auto copy = std::make_shared<ReplicaSet>(*store_.get<ReplicaSet>(ns, tname));
      copy->spec.replicas = desired;
      w = api_.update(copy);
    } else if (kind == "ReplicationController") {
      auto copy = std::make_shared<ReplicationController>(*store_.get<ReplicationController>(ns, tname));
      copy->spec.replicas = desired;
      w = api_.update(copy);
    } else if (kind == "StatefulSet") {
      auto copy = std::make_shared<JsonObject>(static_cast<const JsonObject&>(*store_.get(*resourceForKind(kind), ns, tname)));
      copy->body["spec"]["replicas"] = desired;
      w = api_.update(copy);
    }
    if (!w.ok()) {
      setCondition(conditions, "AbleToScale", false, "FailedUpdateScale",
                   "the HPA controller was unable to update the target scale: " + w.status.message, now);
      api_.event(hpa, "Warning", "FailedRescale",
                 "New size: " + std::to_string(desired) + "; reason: " + rescaleReason + "; error: " + w.status.message, kComponent);
      writeStatus(current, prevDesired, metricStatuses, false);
      return;
    }
    setCondition(conditions, "AbleToScale", true, "SucceededRescale",
                 "the HPA controller was able to update the target scale to " + std::to_string(desired), now);
    api_.event(hpa, "Normal", "SuccessfulRescale", "New size: " + std::to_string(desired) + "; reason: " + rescaleReason, kComponent);
    // storeScaleEvent: kept as long as the longest policy period needs them.
    auto prune = [&](std::vector<ScaleEvent>& v) {
      v.erase(std::remove_if(v.begin(), v.end(), [&](const ScaleEvent& e) { return e.at < now - 1800 * 1000; }), v.end());
    };
    if (desired > current) st.scaleUps.push_back({now, desired - current});
    else st.scaleDowns.push_back({now, current - desired});
    prune(st.scaleUps);
    prune(st.scaleDowns);
  } else {
    desired = current;
  }
  writeStatus(current, desired, metricStatuses, rescale);
}

}  // namespace kp
