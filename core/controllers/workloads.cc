// DaemonSet: one pod per eligible node (node selector, taints against the template's
// tolerations plus the ones the controller adds), pinned with node affinity, rolling updates one
// node at a time (maxUnavailable). Job: pods up to parallelism until completions succeed, pod
// failures against backoffLimit with the exponential back-off, activeDeadlineSeconds, and the
// 1.32 terminal conditions (SuccessCriteriaMet then Complete, FailureTarget then Failed).
// EndpointSlice: one IPv4 slice per selector service mirroring its pods' readiness.
#include "core/api/affinity.h"
#include "core/controllers/workloads.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string_view>
#include <unordered_map>

#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/api/selector.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/store.h"

namespace kp {

namespace {

const ResourceInfo& res(const char* kind) { return *resourceForKind(kind); }
std::string keyOf(const Object& o) { return o.metadata.namespace_ + "/" + o.metadata.name; }

std::string revisionHash(const PodTemplateSpec& t) {
  std::string data = toJson(t).dump();
  uint32_t h = 2166136261u;
  for (unsigned char c : data) {
    h ^= c;
    h *= 16777619u;
  }
  static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
  std::string dec = std::to_string(h), out;
  for (unsigned char c : dec) out += kAlphabet[c % 27];
  return out;
}

bool tolerates(const std::vector<Toleration>& tols, const Taint& t) {
  for (const auto& tol : tols) {
    if (!tol.effect.empty() && tol.effect != t.effect) continue;
    if (tol.op == "Exists") {
      if (tol.key.empty() || tol.key == t.key) return true;
    } else if (tol.key == t.key && tol.value == t.value) {
      return true;
    }
  }
  return false;
}

// The tolerations the DaemonSet controller adds to every daemon pod (util.AddOrUpdateDaemonPodTolerations).
std::vector<Toleration> daemonTolerations(const PodSpec& spec) {
  std::vector<Toleration> out = spec.tolerations;
  auto add = [&](const char* key, const char* effect) {
    for (const auto& t : out)
      if (t.key == key && t.effect == effect) return;
    out.push_back({key, "Exists", "", effect, std::nullopt});
  };
  add("node.kubernetes.io/not-ready", "NoExecute");
  add("node.kubernetes.io/unreachable", "NoExecute");
  add("node.kubernetes.io/disk-pressure", "NoSchedule");
  add("node.kubernetes.io/memory-pressure", "NoSchedule");
  add("node.kubernetes.io/pid-pressure", "NoSchedule");
  add("node.kubernetes.io/unschedulable", "NoSchedule");
  if (spec.hostNetwork) add("node.kubernetes.io/network-unavailable", "NoSchedule");
  return out;
}

bool daemonShouldRun(const DaemonSet& ds, const Node& node) {
  for (const auto& [k, v] : ds.spec.template_.spec.nodeSelector) {
    auto it = node.metadata.labels.find(k);
    if (it == node.metadata.labels.end() || it->second != v) return false;
  }
  auto tols = daemonTolerations(ds.spec.template_.spec);
  for (const auto& t : node.spec.taints)
    if ((t.effect == "NoSchedule" || t.effect == "NoExecute") && !tolerates(tols, t)) return false;
  return true;
}

Json nodeAffinityFor(const std::string& node) {
  Json field = {{"key", "metadata.name"}, {"operator", "In"}, {"values", Json::array({node})}};
  Json term = {{"matchFields", Json::array({field})}};
  Json required = {{"nodeSelectorTerms", Json::array({term})}};
  return {{"nodeAffinity", {{"requiredDuringSchedulingIgnoredDuringExecution", required}}}};
}

// The node a daemon pod belongs to: its binding, or the node its affinity pins it to.
std::string daemonPodNode(const Pod& p) {
  if (!p.spec.nodeName.empty()) return p.spec.nodeName;
  try {
    const Json& terms = p.spec.affinity.at("nodeAffinity").at("requiredDuringSchedulingIgnoredDuringExecution").at("nodeSelectorTerms");
    for (const auto& term : terms)
      if (term.contains("matchFields"))
        for (const auto& f : term["matchFields"])
          if (f.value("key", "") == "metadata.name" && f.contains("values") && f["values"].is_array() && !f["values"].empty() &&
              f["values"][0].is_string())
            return f["values"][0].get<std::string>();
  } catch (...) {
  }
  return "";
}

int intOrPercent(const std::optional<IntOrString>& v, int total, int def) {
  if (!v) return def;
  if (!v->isString) return v->intVal;
  const std::string& s = v->strVal;
  if (s.empty() || s.back() != '%') return def;
  int64_t pct = std::min<int64_t>(std::max<int64_t>(std::strtoll(s.substr(0, s.size() - 1).c_str(), nullptr, 10), 0), 100);
  return static_cast<int>((pct * total + 99) / 100);
}

// activeDeadlineSeconds in milliseconds, bounded so that absurd values cannot overflow the clock.
Time deadlineMillis(int64_t seconds) { return std::min<int64_t>(seconds, 1000000000000LL) * 1000; }

bool hasCondition(const Job& job, const std::string& type) {
  for (const auto& c : job.status.conditions)
    if (c.type == type && c.status == "True") return true;
  return false;
}

}  // namespace

// A short stable hash of the pod template, as the ControllerRevision hash label looks.
std::string daemonSetRevisionHash(const PodTemplateSpec& t) { return revisionHash(t); }

WorkloadControllers::WorkloadControllers(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers), rng_(parts.rng),
      jobBursts_(parts.timers, [this](const std::string& k) { jobQueue_.add(k); }) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

bool WorkloadControllers::hasWork() const { return !dsQueue_.empty() || !jobQueue_.empty() || !sliceQueue_.empty(); }

bool WorkloadControllers::processAll() {
  bool did = false;
  while (!dsQueue_.empty()) did = true, reconcileDaemonSet(dsQueue_.pop());
  while (!jobQueue_.empty()) did = true, reconcileJob(jobQueue_.pop());
  while (!sliceQueue_.empty()) did = true, reconcileSlices(sliceQueue_.pop());
  return did;
}

void WorkloadControllers::onEvent(const WatchEvent& e) {
  const std::string& kind = e.resource->kind;
  const Object& o = *e.object;
  auto& store = store_;
  if (kind == "DaemonSet") {
    dsQueue_.add(keyOf(o));
  } else if (kind == "Job") {
    jobQueue_.add(keyOf(o));
  } else if (kind == "Node") {
    for (const auto& ds : store.list<DaemonSet>()) dsQueue_.add(keyOf(*ds));
  } else if (kind == "Service") {
    sliceQueue_.add(keyOf(o));
  } else if (kind == "EndpointSlice") {
    auto it = o.metadata.labels.find("kubernetes.io/service-name");
    if (it != o.metadata.labels.end() && o.metadata.labels.count("endpointslice.kubernetes.io/managed-by"))
      sliceQueue_.add(o.metadata.namespace_ + "/" + it->second);
  } else if (kind == "Pod") {
    const bool endpointsMayChange = !e.old || e.type != WatchType::Modified ||
                                    podEndpointsChanged(static_cast<const Pod&>(*e.old), static_cast<const Pod&>(o));
    for (const Object* p : {e.object.get(), e.old.get()}) {
      if (!p) continue;
      if (auto* ref = p->metadata.controllerRef()) {
        if (ref->kind == "DaemonSet") dsQueue_.add(p->metadata.namespace_ + "/" + ref->name);
        else if (ref->kind == "Job") jobQueue_.add(p->metadata.namespace_ + "/" + ref->name);
      }
      if (!endpointsMayChange) continue;
      for (const auto& svc : store.list<Service>(p->metadata.namespace_))
        if (!svc->spec.selector.empty() && Selector::fromMap(svc->spec.selector).matches(p->metadata.labels))
          sliceQueue_.add(keyOf(*svc));
    }
  }
}

// ---------------------------------------------------------------- DaemonSet

void WorkloadControllers::reconcileDaemonSet(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "daemonset controller", "DaemonSet " + key);
  auto& api = api_;
  auto& store = store_;
  const auto nsKey = splitKey(key);
  const std::string ns = nsKey.first, name = nsKey.second;
  auto ds = store.get<DaemonSet>(ns, name);
  if (!ds || ds->metadata.deletionTimestamp != kNoTime) return;
  const std::string uid = ds->metadata.uid;
  const std::string hash = revisionHash(ds->spec.template_);
  const std::string generation = std::to_string(ds->metadata.generation);
  const char* component = "daemonset-controller";
  Time now = timers_.now();

  std::map<std::string, std::vector<Ptr<Pod>>> byNode;
  std::vector<std::string> owned(store.podsOwnedBy(uid).begin(), store.podsOwnedBy(uid).end());
  for (const auto& k : owned) {
    const auto pnsKey = splitKey(k);
    const std::string pns = pnsKey.first, pname = pnsKey.second;
    auto pod = store.get<Pod>(pns, pname);
    if (!pod || podTerminating(*pod)) continue;
    byNode[daemonPodNode(*pod)].push_back(pod);
  }
  auto isUpdated = [&](const Pod& p) {
    auto it = p.metadata.labels.find("controller-revision-hash");
    return it != p.metadata.labels.end() && it->second == hash;
  };
  auto createOn = [&](const std::string& node) {
    auto pod = std::make_shared<Pod>();
    pod->metadata.namespace_ = ns;
    pod->metadata.generateName = name + "-";
    pod->metadata.labels = ds->spec.template_.metadata.labels;
    pod->metadata.labels["controller-revision-hash"] = hash;
    pod->metadata.labels["pod-template-generation"] = generation;
    pod->metadata.annotations = ds->spec.template_.metadata.annotations;
    pod->metadata.ownerReferences.push_back({"apps/v1", "DaemonSet", name, uid, true, true});
    pod->spec = ds->spec.template_.spec;
    pod->spec.affinity = nodeAffinityFor(node);
    pod->spec.tolerations = daemonTolerations(ds->spec.template_.spec);
    auto created = api.create(pod);
    if (created.ok()) api.event(*ds, "Normal", "SuccessfulCreate", "Created pod: " + created.value->metadata.name, component);
    else api.event(*ds, "Warning", "FailedCreate", "Error creating: " + created.status.message, component);
  };
  auto deletePod = [&](const Pod& p) {
    std::string pname = p.metadata.name;
    if (api.remove(res("Pod"), ns, pname).ok()) api.event(*ds, "Normal", "SuccessfulDelete", "Deleted pod: " + pname, component);
  };

  DaemonSetStatus st;
  int unavailable = 0;
  std::vector<Ptr<Pod>> oldPods;
  for (const auto& node : store.list<Node>()) {
    const std::string& nn = node->metadata.name;
    bool run = daemonShouldRun(*ds, *node);
    auto it = byNode.find(nn);
    std::vector<Ptr<Pod>> pods = it == byNode.end() ? std::vector<Ptr<Pod>>{} : it->second;
    if (!run) {
      if (!pods.empty()) st.numberMisscheduled++;
      for (const auto& p : pods) deletePod(*p);
      continue;
    }
    st.desiredNumberScheduled++;
    // Failed daemon pods are killed and replaced.
    std::vector<Ptr<Pod>> live;
    for (const auto& p : pods) {
      if (p->status.phase == "Failed") deletePod(*p);
      else live.push_back(p);
    }
    if (live.empty()) {
      createOn(nn);
      unavailable++;
      continue;
    }
    // Keep the oldest, remove duplicates.
    std::sort(live.begin(), live.end(), [](const Ptr<Pod>& a, const Ptr<Pod>& b) {
      return a->metadata.creationTimestamp != b->metadata.creationTimestamp
                 ? a->metadata.creationTimestamp < b->metadata.creationTimestamp
                 : a->metadata.name < b->metadata.name;
    });
    for (size_t i = 1; i < live.size(); i++) deletePod(*live[i]);
    const Pod& p = *live[0];
    st.currentNumberScheduled++;
    bool ready = podReady(p), available = podAvailable(p, ds->spec.minReadySeconds, now);
    if (ready) st.numberReady++;
    if (available) st.numberAvailable++;
    else unavailable++;
    if (isUpdated(p)) st.updatedNumberScheduled++;
    else oldPods.push_back(live[0]);
  }
  // RollingUpdate: replace old pods while at most maxUnavailable nodes lack an available pod;
  // old pods that are unavailable anyway go first.
  if (ds->spec.updateStrategyType == "RollingUpdate" && !oldPods.empty()) {
    int maxUnavailable = std::max(1, intOrPercent(ds->spec.maxUnavailable, st.desiredNumberScheduled, 1));
    std::stable_sort(oldPods.begin(), oldPods.end(), [&](const Ptr<Pod>& a, const Ptr<Pod>& b) {
      return !podAvailable(*a, ds->spec.minReadySeconds, now) && podAvailable(*b, ds->spec.minReadySeconds, now);
    });
    for (const auto& p : oldPods) {
      bool avail = podAvailable(*p, ds->spec.minReadySeconds, now);
      if (avail && unavailable >= maxUnavailable) break;
      if (avail) unavailable++;
      deletePod(*p);
    }
  }
  st.numberUnavailable = std::max(0, st.desiredNumberScheduled - st.numberAvailable);
  st.observedGeneration = ds->metadata.generation;
  auto fresh = store.get<DaemonSet>(ns, name);
  if (!fresh) return;
  auto copy = std::make_shared<DaemonSet>(*fresh);
  st.collisionCount = fresh->status.collisionCount;
  st.conditions = fresh->status.conditions;
  copy->status = st;
  if (copy->toJson()["status"] != fresh->toJson()["status"]) api.updateStatus(*copy);
}

// ---------------------------------------------------------------- Job

void WorkloadControllers::reconcileJob(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "job controller", "Job " + key);
  auto& api = api_;
  auto& store = store_;
  const auto nsKey = splitKey(key);
  const std::string ns = nsKey.first, name = nsKey.second;
  auto job = store.get<Job>(ns, name);
  if (!job || job->metadata.deletionTimestamp != kNoTime) return;
  const char* component = "job-controller";
  const std::string uid = job->metadata.uid;
  Time now = timers_.now() / 1000 * 1000;
  const auto& spec = job->spec;
  bool finished = hasCondition(*job, "Complete") || hasCondition(*job, "Failed");

  std::vector<Ptr<Pod>> active;
  int succeeded = 0, failed = 0, ready = 0, restarts = 0;
  Time lastFailure = kNoTime;
  std::vector<std::string> owned(store.podsOwnedBy(uid).begin(), store.podsOwnedBy(uid).end());
  for (const auto& k : owned) {
    const auto pnsKey = splitKey(k);
    const std::string pns = pnsKey.first, pname = pnsKey.second;
    auto pod = store.get<Pod>(pns, pname);
    if (!pod) continue;
    if (pod->status.phase == "Succeeded") succeeded++;
    else if (pod->status.phase == "Failed") {
      failed++;
      for (const auto& cs : pod->status.containerStatuses)
        if (cs.state.hasTerminated) lastFailure = std::max(lastFailure, cs.state.finishedAt);
    } else if (!podTerminating(*pod)) {
      active.push_back(pod);
      if (podReady(*pod)) ready++;
      for (const auto& cs : pod->status.containerStatuses) restarts += cs.restartCount;
    }
  }
  // Pods removed after they were counted stay counted (the controller tracks them with finalizers).
  succeeded = std::max(succeeded, job->status.succeeded);
  failed = std::max(failed, job->status.failed);

  JobStatus st = job->status;
  if (finished) return;
  if (st.startTime == kNoTime) st.startTime = now;
  auto addCondition = [&](const std::string& type, const std::string& reason, const std::string& message) {
    for (const auto& c : st.conditions)
      if (c.type == type) return;
    st.conditions.push_back({type, "True", reason, message, now, now});
  };
  int completions = spec.completions.value_or(-1);
  int parallelism = spec.parallelism.value_or(1);
  int backoffLimit = spec.backoffLimit.value_or(6);
  bool onFailure = spec.template_.spec.restartPolicy == "OnFailure";
  int failures = failed + (onFailure ? restarts : 0);

  std::string failReason, failMessage;
  if (hasCondition(*job, "FailureTarget")) {
    for (const auto& c : job->status.conditions)
      if (c.type == "FailureTarget") failReason = c.reason, failMessage = c.message;
  } else if (failures > backoffLimit) {
    failReason = "BackoffLimitExceeded";
    failMessage = "Job has reached the specified backoff limit";
  } else if (spec.activeDeadlineSeconds && now - st.startTime >= deadlineMillis(*spec.activeDeadlineSeconds)) {
    failReason = "DeadlineExceeded";
    failMessage = "Job was active longer than specified deadline";
  }
  bool complete = !failReason.empty() ? false
                                      : (completions >= 0 ? succeeded >= completions : succeeded > 0 && active.empty());
  if (!failReason.empty()) {
    if (!hasCondition(*job, "FailureTarget")) {
      addCondition("FailureTarget", failReason, failMessage);
      api.event(*job, "Warning", failReason, failMessage, component);
    }
    for (const auto& p : active) api.remove(res("Pod"), ns, p->metadata.name);
    active.clear();
    addCondition("Failed", failReason, failMessage);
  } else if (complete) {
    if (!hasCondition(*job, "SuccessCriteriaMet"))
      addCondition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods");
    for (const auto& p : active) api.remove(res("Pod"), ns, p->metadata.name);
    active.clear();
    addCondition("Complete", "CompletionsReached", "Reached expected number of succeeded pods");
    st.completionTime = now;
    api.event(*job, "Normal", "Completed", "Job completed", component);
  } else if (!spec.suspend.value_or(false)) {
    int remaining = completions >= 0 ? completions - succeeded - static_cast<int>(active.size())
                                     : (succeeded > 0 ? 0 : parallelism - static_cast<int>(active.size()));
    int want = std::min(parallelism - static_cast<int>(active.size()), remaining);
    // Pod failures delay the next pods: 10 s doubling per failure, at most 6 minutes.
    Time backoff = failures == 0 ? 0 : std::min<Time>(360000, 10000LL << std::min(failures - 1, 6));
    if (want > 0 && lastFailure != kNoTime && timers_.now() < lastFailure + backoff) {
      std::string k = key;
      timers_.at(lastFailure + backoff, [this, k] { jobQueue_.add(k); });
      want = 0;
    }
    want = jobBursts_.allow(key, want);
    for (int i = 0; i < want; i++) {
      auto pod = std::make_shared<Pod>();
      pod->metadata.namespace_ = ns;
      pod->metadata.generateName = name + "-";
      pod->metadata.labels = spec.template_.metadata.labels;
      pod->metadata.annotations = spec.template_.metadata.annotations;
      pod->metadata.ownerReferences.push_back({"batch/v1", "Job", name, uid, true, true});
      pod->spec = spec.template_.spec;
      auto created = api.create(pod);
      if (!created.ok()) {
        api.event(*job, "Warning", "FailedCreate", "Error creating: " + created.status.message, component);
        jobBursts_.failed(key);
        break;
      }
      jobBursts_.succeeded(key);
      api.event(*job, "Normal", "SuccessfulCreate", "Created pod: " + created.value->metadata.name, component);
      active.push_back(std::static_pointer_cast<const Pod>(created.value));
    }
    if (spec.activeDeadlineSeconds) {
      std::string k = key;
      timers_.at(st.startTime + deadlineMillis(*spec.activeDeadlineSeconds), [this, k] { jobQueue_.add(k); });
    }
  }
  st.active = static_cast<int>(active.size());
  st.succeeded = succeeded;
  st.failed = failed;
  st.ready = finished || !failReason.empty() || complete ? 0 : ready;
  st.terminating = 0;
  st.hasUncounted = true;
  auto fresh = store.get<Job>(ns, name);
  if (!fresh) return;
  auto copy = std::make_shared<Job>(*fresh);
  copy->status = st;
  if (copy->toJson()["status"] != fresh->toJson()["status"]) api.updateStatus(*copy);
}

// ---------------------------------------------------------------- EndpointSlice

void WorkloadControllers::reconcileSlices(const std::string& key) {
  ActivityLog::Scope activityScope(api_.activity(), "kube-controller-manager", "endpointslice controller");
  auto& api = api_;
  auto& store = store_;
  const auto nsKey = splitKey(key);
  const std::string ns = nsKey.first, name = nsKey.second;
  auto svc = store.get<Service>(ns, name);
  std::vector<Ptr<EndpointSlice>> mine;
  for (const auto& es : store.list<EndpointSlice>(ns)) {
    auto it = es->metadata.labels.find("kubernetes.io/service-name");
    auto mb = es->metadata.labels.find("endpointslice.kubernetes.io/managed-by");
    if (it != es->metadata.labels.end() && it->second == name && mb != es->metadata.labels.end() &&
        mb->second == "endpointslice-controller.k8s.io")
      mine.push_back(es);
  }
  if (!svc || svc->spec.selector.empty() || svc->spec.type == "ExternalName") {
    for (const auto& es : mine) api.remove(res("EndpointSlice"), ns, es->metadata.name);
    return;
  }
  Selector sel = Selector::fromMap(svc->spec.selector);
  std::vector<EndpointSlicePort> ports;
  bool portsSet = false;
  std::vector<Endpoint> endpoints;
  for (const auto& pod : store.list<Pod>(ns)) {
    if (!sel.matches(pod->metadata.labels) || pod->status.podIP.empty() || podFinished(*pod)) continue;
    std::vector<EndpointSlicePort> podPorts;
    for (const auto& sp : svc->spec.ports) {
      int port = targetPortFor(sp, *pod);
      if (port == 0) continue;
      podPorts.push_back({sp.name, sp.protocol, port});
    }
    if (!portsSet) {
      ports = podPorts;
      portsSet = true;
    }
    Endpoint e;
    e.addresses = {pod->status.podIP};
    bool terminating = podTerminating(*pod);
    bool ready = podReady(*pod);
    e.conditions.ready = ready && !terminating;
    e.conditions.serving = ready;
    e.conditions.terminating = terminating;
    e.nodeName = pod->spec.nodeName;
    e.targetRef = ObjectReference{"Pod", ns, pod->metadata.name, pod->metadata.uid, "", "", ""};
    endpoints.push_back(e);
  }
  if (!portsSet) ports.clear();
  StringMap labels = svc->metadata.labels;
  labels["kubernetes.io/service-name"] = name;
  labels["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io";

  // At most kMaxEndpointsPerSlice endpoints per slice, as the controller's
  // --max-endpoints-per-slice default: an endpoint stays in the slice it is in (its conditions
  // follow the pod), new endpoints fill slices with room before a new slice is made, and a
  // service without endpoints keeps one empty slice.
  auto byAddress = [](const Endpoint& a, const Endpoint& b) { return a.addresses < b.addresses; };
  sortMovingOnce(endpoints, byAddress);
  auto podOf = [](const Endpoint& e) -> std::string_view {
    return e.targetRef ? std::string_view(e.targetRef->name) : e.addresses.empty() ? std::string_view() : std::string_view(e.addresses.front());
  };
  std::unordered_map<std::string_view, const Endpoint*> wanted;  // pod name -> its endpoint (not yet placed)
  wanted.reserve(endpoints.size());
  for (const Endpoint& e : endpoints) wanted.emplace(podOf(e), &e);
  std::sort(mine.begin(), mine.end(), [](const Ptr<EndpointSlice>& a, const Ptr<EndpointSlice>& b) {
    return a->metadata.name < b->metadata.name;
  });
  std::vector<std::vector<Endpoint>> content(mine.size());
  for (size_t i = 0; i < mine.size(); i++)
    for (const Endpoint& e : mine[i]->endpoints) {
      auto it = wanted.find(podOf(e));
      if (it == wanted.end() || !it->second) continue;  // gone, or already placed in an earlier slice
      if (content[i].size() >= kMaxEndpointsPerSlice) continue;
      content[i].push_back(*it->second);
      it->second = nullptr;
    }
  std::vector<Endpoint> fresh;
  for (const Endpoint& e : endpoints)
    if (wanted[podOf(e)]) fresh.push_back(e);
  size_t next = 0;
  for (size_t i = 0; i < content.size() && next < fresh.size(); i++)
    while (content[i].size() < kMaxEndpointsPerSlice && next < fresh.size()) content[i].push_back(fresh[next++]);
  while (next < fresh.size()) {
    content.emplace_back();
    while (content.back().size() < kMaxEndpointsPerSlice && next < fresh.size()) content.back().push_back(fresh[next++]);
  }
  if (content.empty()) content.emplace_back();

  for (size_t i = 0; i < content.size(); i++) {
    // An emptied slice goes away, except the first when the service has no endpoints at all.
    if (content[i].empty() && (i > 0 || !endpoints.empty())) {
      if (i < mine.size()) api.remove(res("EndpointSlice"), ns, mine[i]->metadata.name);
      continue;
    }
    sortMovingOnce(content[i], byAddress);
    Ptr<EndpointSlice> current = i < mine.size() ? mine[i] : nullptr;
    if (current && content[i] == current->endpoints && ports == current->ports && labels == current->metadata.labels &&
        current->addressType == "IPv4")
      continue;  // unchanged: no write
    auto es = std::make_shared<EndpointSlice>();
    if (current) es->metadata = current->metadata;  // not its endpoints: they are replaced
    es->addressType = "IPv4";
    es->endpoints = std::move(content[i]);
    es->ports = ports;
    es->metadata.labels = labels;
    if (current) {
      es->metadata.annotations["endpoints.kubernetes.io/last-change-trigger-time"] = formatTime(timers_.now());
      api.update(es);
      continue;
    }
    es->metadata.namespace_ = ns;
    es->metadata.generateName = name + "-";
    es->metadata.ownerReferences.push_back({"v1", "Service", name, svc->metadata.uid, true, true});
    es->metadata.annotations["endpoints.kubernetes.io/last-change-trigger-time"] = formatTime(timers_.now());
    api.create(es);
  }
}

}  // namespace kp
