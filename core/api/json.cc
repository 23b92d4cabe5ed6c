// JSON encoding and decoding of the typed objects. Encoding follows the Go structs' json tags:
// omitempty fields are left out when empty, the others are always written. Decoding reports
// type mismatches with encoding/json's wording ("json: cannot unmarshal number into Go struct
// field ObjectMeta.metadata.name of type string").
#include "core/api/json.h"

#include "core/api/json_object.h"
#include "core/api/resources.h"

#include <cstdio>
#include <ctime>

namespace kp {

const OwnerReference* ObjectMeta::controllerRef() const {
  for (const auto& r : ownerReferences)
    if (r.controller) return &r;
  return nullptr;
}

// ---------------------------------------------------------------- time
std::string formatTime(Time t) {
  if (t == kNoTime) return "";
  time_t secs = static_cast<time_t>(t / 1000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}
Json timeJson(Time t) { return t == kNoTime ? Json(nullptr) : Json(formatTime(t)); }

std::string formatMicroTime(Time t) {
  if (t == kNoTime) return "";
  std::string s = formatTime(t - ((t % 1000) + 1000) % 1000);
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%03d000Z", static_cast<int>(((t % 1000) + 1000) % 1000));
  s.pop_back();
  return s + frac;
}

std::optional<Time> parseTime(const std::string& s) {
  int y, mo, d, h, mi, sec;
  char rest[16] = {0};
  if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%15s", &y, &mo, &d, &h, &mi, &sec, rest) < 6)
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  struct tm tm {};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  int64_t t = static_cast<int64_t>(timegm(&tm));
  std::string r = rest;
  int64_t ms = 0;
  if (!r.empty() && r[0] == '.') {  // fractional seconds: milliseconds are kept
    size_t i = 1;
    int digits = 0;
    while (i < r.size() && isdigit(static_cast<unsigned char>(r[i]))) {
      if (digits++ < 3) ms = ms * 10 + (r[i] - '0');
      i++;
    }
    for (; digits < 3; digits++) ms *= 10;
    r = r.substr(i);
  }
  if (r == "Z" || r.empty()) return t * 1000 + ms;
  int oh, om;
  if ((r[0] == '+' || r[0] == '-') && std::sscanf(r.c_str() + 1, "%2d:%2d", &oh, &om) == 2) {
    int64_t off = oh * 3600 + om * 60;
    return (r[0] == '+' ? t - off : t + off) * 1000 + ms;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- encoding helpers
namespace {
void putStr(Json& j, const char* k, const std::string& v) {
  if (!v.empty()) j[k] = v;
}
template <class I>
void putInt(Json& j, const char* k, I v) {
  if (v != 0) j[k] = v;
}
void putMap(Json& j, const char* k, const StringMap& m) {
  if (!m.empty()) j[k] = m;
}
void putStrs(Json& j, const char* k, const std::vector<std::string>& v) {
  if (!v.empty()) j[k] = v;
}
void putRaw(Json& j, const char* k, const Json& v) {
  if (!v.is_null()) j[k] = v;
}
void putTime(Json& j, const char* k, Time t) {
  if (t != kNoTime) j[k] = formatTime(t);
}
template <class T, class F>
void putList(Json& j, const char* k, const std::vector<T>& v, F enc) {
  if (v.empty()) return;
  Json a = Json::array();
  for (const auto& e : v) a.push_back(enc(e));
  j[k] = std::move(a);
}
}  // namespace

Json toJson(const IntOrString& v) { return v.isString ? Json(v.strVal) : Json(v.intVal); }

Json toJson(const ObjectMeta& m) {
  Json j = Json::object();
  putStr(j, "name", m.name);
  putStr(j, "generateName", m.generateName);
  putStr(j, "namespace", m.namespace_);
  putStr(j, "uid", m.uid);
  putStr(j, "resourceVersion", m.resourceVersion);
  putInt(j, "generation", m.generation);
  // creationTimestamp has no omitempty in Go; an unset one is written as null.
  j["creationTimestamp"] = timeJson(m.creationTimestamp);
  putTime(j, "deletionTimestamp", m.deletionTimestamp);
  if (m.deletionGracePeriodSeconds) j["deletionGracePeriodSeconds"] = *m.deletionGracePeriodSeconds;
  putMap(j, "labels", m.labels);
  putMap(j, "annotations", m.annotations);
  putList(j, "ownerReferences", m.ownerReferences, [](const OwnerReference& r) {
    Json o = {{"apiVersion", r.apiVersion}, {"kind", r.kind}, {"name", r.name}, {"uid", r.uid}};
    if (r.controller) o["controller"] = true;
    if (r.blockOwnerDeletion) o["blockOwnerDeletion"] = true;
    return o;
  });
  putStrs(j, "finalizers", m.finalizers);
  return j;
}

Json toJson(const LabelSelector& s) {
  Json j = Json::object();
  putMap(j, "matchLabels", s.matchLabels);
  putList(j, "matchExpressions", s.matchExpressions, [](const LabelSelectorRequirement& r) {
    Json o = {{"key", r.key}, {"operator", r.op}};
    putStrs(o, "values", r.values);
    return o;
  });
  return j;
}

static Json containerJson(const Container& c) {
  Json j = {{"name", c.name}};
  putStr(j, "image", c.image);
  putStrs(j, "command", c.command);
  putStrs(j, "args", c.args);
  putStr(j, "workingDir", c.workingDir);
  putList(j, "ports", c.ports, [](const ContainerPort& p) {
    Json o = {{"containerPort", p.containerPort}};
    putStr(o, "name", p.name);
    putInt(o, "hostPort", p.hostPort);
    putStr(o, "protocol", p.protocol);
    return o;
  });
  putRaw(j, "envFrom", c.envFrom);
  putList(j, "env", c.env, [](const EnvVar& e) {
    Json o = {{"name", e.name}};
    putStr(o, "value", e.value);
    putRaw(o, "valueFrom", e.valueFrom);
    return o;
  });
  Json res = Json::object();
  putMap(res, "requests", c.resources.requests);
  putMap(res, "limits", c.resources.limits);
  j["resources"] = res;  // no omitempty in Go: {} when empty
  putRaw(j, "volumeMounts", c.volumeMounts);
  putRaw(j, "livenessProbe", c.livenessProbe);
  putRaw(j, "readinessProbe", c.readinessProbe);
  putRaw(j, "startupProbe", c.startupProbe);
  putStr(j, "terminationMessagePath", c.terminationMessagePath);
  putStr(j, "terminationMessagePolicy", c.terminationMessagePolicy);
  putStr(j, "imagePullPolicy", c.imagePullPolicy);
  putRaw(j, "securityContext", c.securityContext);
  if (c.stdin_) j["stdin"] = true;
  if (c.tty) j["tty"] = true;
  return j;
}

Json toJson(const PodSpec& s) {
  Json j = Json::object();
  putRaw(j, "volumes", s.volumes);
  putList(j, "initContainers", s.initContainers, containerJson);
  Json cs = Json::array();  // containers has no omitempty
  for (const auto& c : s.containers) cs.push_back(containerJson(c));
  j["containers"] = cs;
  putStr(j, "restartPolicy", s.restartPolicy);
  if (s.terminationGracePeriodSeconds) j["terminationGracePeriodSeconds"] = *s.terminationGracePeriodSeconds;
  putStr(j, "dnsPolicy", s.dnsPolicy);
  putMap(j, "nodeSelector", s.nodeSelector);
  putStr(j, "serviceAccountName", s.serviceAccountName);
  putStr(j, "serviceAccount", s.serviceAccount);
  putStr(j, "nodeName", s.nodeName);
  if (s.hostNetwork) j["hostNetwork"] = true;
  putRaw(j, "securityContext", s.securityContext);
  putStr(j, "hostname", s.hostname);
  putStr(j, "subdomain", s.subdomain);
  putRaw(j, "affinity", s.affinity);
  putRaw(j, "topologySpreadConstraints", s.topologySpreadConstraints);
  putStr(j, "schedulerName", s.schedulerName);
  putList(j, "tolerations", s.tolerations, [](const Toleration& t) {
    Json o = Json::object();
    putStr(o, "key", t.key);
    putStr(o, "operator", t.op);
    putStr(o, "value", t.value);
    putStr(o, "effect", t.effect);
    if (t.tolerationSeconds) o["tolerationSeconds"] = *t.tolerationSeconds;
    return o;
  });
  putStr(j, "priorityClassName", s.priorityClassName);
  if (s.priority) j["priority"] = *s.priority;
  if (s.enableServiceLinks) j["enableServiceLinks"] = *s.enableServiceLinks;
  putStr(j, "preemptionPolicy", s.preemptionPolicy);
  return j;
}

Json toJson(const PodTemplateSpec& t) {
  return {{"metadata", toJson(t.metadata)}, {"spec", toJson(t.spec)}};
}

static Json stateJson(const ContainerState& s) {
  Json j = Json::object();
  if (s.hasWaiting) {
    Json w = Json::object();
    putStr(w, "reason", s.reason);
    putStr(w, "message", s.message);
    j["waiting"] = w;
  } else if (s.hasRunning) {
    j["running"] = {{"startedAt", timeJson(s.startedAt)}};
  } else if (s.hasTerminated) {
    Json t = {{"exitCode", s.exitCode}, {"startedAt", timeJson(s.startedAt)},
              {"finishedAt", timeJson(s.finishedAt)}};
    putStr(t, "reason", s.reason);
    putStr(t, "message", s.message);
    putStr(t, "containerID", "");
    j["terminated"] = t;
  }
  return j;
}

static Json containerStatusJson(const ContainerStatus& c) {
  Json j = {{"name", c.name}, {"state", stateJson(c.state)}, {"lastState", stateJson(c.lastState)},
            {"ready", c.ready}, {"restartCount", c.restartCount}, {"image", c.image},
            {"imageID", c.imageID}};
  putStr(j, "containerID", c.containerID);
  if (c.started) j["started"] = *c.started;
  return j;
}

static Json podStatusJson(const PodStatus& s) {
  Json j = Json::object();
  putStr(j, "phase", s.phase);
  putList(j, "conditions", s.conditions, [](const PodCondition& c) {
    Json o = {{"type", c.type}, {"status", c.status}, {"lastProbeTime", timeJson(c.lastProbeTime)},
              {"lastTransitionTime", timeJson(c.lastTransitionTime)}};
    putStr(o, "reason", c.reason);
    putStr(o, "message", c.message);
    return o;
  });
  putStr(j, "message", s.message);
  putStr(j, "reason", s.reason);
  putStr(j, "nominatedNodeName", s.nominatedNodeName);
  putStr(j, "hostIP", s.hostIP);
  putList(j, "hostIPs", s.hostIPs, [](const std::string& ip) { return Json{{"ip", ip}}; });
  putStr(j, "podIP", s.podIP);
  putList(j, "podIPs", s.podIPs, [](const std::string& ip) { return Json{{"ip", ip}}; });
  putTime(j, "startTime", s.startTime);
  putList(j, "initContainerStatuses", s.initContainerStatuses, containerStatusJson);
  putList(j, "containerStatuses", s.containerStatuses, containerStatusJson);
  putStr(j, "qosClass", s.qosClass);
  return j;
}

static Json replicaSetStatusJson(const ReplicaSetStatus& s, bool withAvailable = true) {
  Json j = {{"replicas", s.replicas}};
  putInt(j, "fullyLabeledReplicas", s.fullyLabeledReplicas);
  putInt(j, "readyReplicas", s.readyReplicas);
  if (withAvailable) putInt(j, "availableReplicas", s.availableReplicas);
  putInt(j, "observedGeneration", s.observedGeneration);
  putRaw(j, "conditions", s.conditions);
  return j;
}

static Json header(const Object& o) {
  return {{"kind", o.kind()}, {"apiVersion", o.apiVersion()}, {"metadata", toJson(o.metadata)}};
}

template <>
Json ObjectOf<Pod>::toJson() const {
  const auto& p = static_cast<const Pod&>(*this);
  Json j = header(p);
  j["spec"] = kp::toJson(p.spec);
  j["status"] = podStatusJson(p.status);
  return j;
}

template <>
Json ObjectOf<ReplicationController>::toJson() const {
  const auto& rc = static_cast<const ReplicationController&>(*this);
  Json j = header(rc);
  Json spec = Json::object();
  if (rc.spec.replicas) spec["replicas"] = *rc.spec.replicas;
  putInt(spec, "minReadySeconds", rc.spec.minReadySeconds);
  putMap(spec, "selector", rc.spec.selector);
  if (rc.spec.template_) spec["template"] = kp::toJson(*rc.spec.template_);
  j["spec"] = spec;
  j["status"] = replicaSetStatusJson(rc.status);
  return j;
}

template <>
Json ObjectOf<ReplicaSet>::toJson() const {
  const auto& rs = static_cast<const ReplicaSet&>(*this);
  Json j = header(rs);
  Json spec = Json::object();
  if (rs.spec.replicas) spec["replicas"] = *rs.spec.replicas;
  putInt(spec, "minReadySeconds", rs.spec.minReadySeconds);
  spec["selector"] = kp::toJson(rs.spec.selector);
  spec["template"] = kp::toJson(rs.spec.template_);
  j["spec"] = spec;
  j["status"] = replicaSetStatusJson(rs.status);
  return j;
}

template <>
Json ObjectOf<Deployment>::toJson() const {
  const auto& d = static_cast<const Deployment&>(*this);
  Json j = header(d);
  Json spec = Json::object();
  if (d.spec.replicas) spec["replicas"] = *d.spec.replicas;
  spec["selector"] = kp::toJson(d.spec.selector);
  spec["template"] = kp::toJson(d.spec.template_);
  Json strat = Json::object();
  putStr(strat, "type", d.spec.strategy.type);
  if (d.spec.strategy.maxSurge || d.spec.strategy.maxUnavailable) {
    Json ru = Json::object();
    if (d.spec.strategy.maxUnavailable) ru["maxUnavailable"] = kp::toJson(*d.spec.strategy.maxUnavailable);
    if (d.spec.strategy.maxSurge) ru["maxSurge"] = kp::toJson(*d.spec.strategy.maxSurge);
    strat["rollingUpdate"] = ru;
  }
  spec["strategy"] = strat;
  putInt(spec, "minReadySeconds", d.spec.minReadySeconds);
  if (d.spec.revisionHistoryLimit) spec["revisionHistoryLimit"] = *d.spec.revisionHistoryLimit;
  if (d.spec.paused) spec["paused"] = true;
  if (d.spec.progressDeadlineSeconds) spec["progressDeadlineSeconds"] = *d.spec.progressDeadlineSeconds;
  j["spec"] = spec;
  const auto& s = d.status;
  Json st = Json::object();
  putInt(st, "observedGeneration", s.observedGeneration);
  putInt(st, "replicas", s.replicas);
  putInt(st, "updatedReplicas", s.updatedReplicas);
  putInt(st, "readyReplicas", s.readyReplicas);
  putInt(st, "availableReplicas", s.availableReplicas);
  putInt(st, "unavailableReplicas", s.unavailableReplicas);
  putList(st, "conditions", s.conditions, [](const DeploymentCondition& c) {
    Json o = {{"type", c.type}, {"status", c.status}};
    putTime(o, "lastUpdateTime", c.lastUpdateTime);
    putTime(o, "lastTransitionTime", c.lastTransitionTime);
    putStr(o, "reason", c.reason);
    putStr(o, "message", c.message);
    return o;
  });
  if (s.collisionCount) st["collisionCount"] = *s.collisionCount;
  j["status"] = st;
  return j;
}

template <>
Json ObjectOf<Service>::toJson() const {
  const auto& svc = static_cast<const Service&>(*this);
  Json j = header(svc);
  const auto& s = svc.spec;
  Json spec = Json::object();
  putList(spec, "ports", s.ports, [](const ServicePort& p) {
    Json o = Json::object();
    putStr(o, "name", p.name);
    putStr(o, "protocol", p.protocol);
    o["port"] = p.port;
    if (p.targetPort.isString ? !p.targetPort.strVal.empty() : p.targetPort.intVal != 0)
      o["targetPort"] = kp::toJson(p.targetPort);
    putInt(o, "nodePort", p.nodePort);
    return o;
  });
  putMap(spec, "selector", s.selector);
  putStr(spec, "clusterIP", s.clusterIP);
  putStrs(spec, "clusterIPs", s.clusterIPs);
  putStr(spec, "type", s.type);
  putStrs(spec, "externalIPs", s.externalIPs);
  putStr(spec, "sessionAffinity", s.sessionAffinity);
  putStr(spec, "loadBalancerIP", s.loadBalancerIP);
  putStr(spec, "externalTrafficPolicy", s.externalTrafficPolicy);
  putRaw(spec, "sessionAffinityConfig", s.sessionAffinityConfig);
  putStrs(spec, "ipFamilies", s.ipFamilies);
  putStr(spec, "ipFamilyPolicy", s.ipFamilyPolicy);
  if (s.allocateLoadBalancerNodePorts) spec["allocateLoadBalancerNodePorts"] = *s.allocateLoadBalancerNodePorts;
  putStr(spec, "internalTrafficPolicy", s.internalTrafficPolicy);
  j["spec"] = spec;
  Json lb = Json::object();
  putList(lb, "ingress", svc.status.loadBalancerIngress, [](const LoadBalancerIngress& i) {
    Json o = Json::object();
    putStr(o, "ip", i.ip);
    putStr(o, "hostname", i.hostname);
    putStr(o, "ipMode", i.ipMode);
    return o;
  });
  j["status"] = {{"loadBalancer", lb}};
  return j;
}

static Json objectReferenceJson(const ObjectReference& r) {
  Json o = Json::object();
  putStr(o, "kind", r.kind);
  putStr(o, "namespace", r.namespace_);
  putStr(o, "name", r.name);
  putStr(o, "uid", r.uid);
  putStr(o, "apiVersion", r.apiVersion);
  putStr(o, "resourceVersion", r.resourceVersion);
  putStr(o, "fieldPath", r.fieldPath);
  return o;
}

template <>
Json ObjectOf<Endpoints>::toJson() const {
  const auto& ep = static_cast<const Endpoints&>(*this);
  Json j = header(ep);
  auto addr = [](const EndpointAddress& a) {
    Json o = {{"ip", a.ip}};
    putStr(o, "hostname", a.hostname);
    putStr(o, "nodeName", a.nodeName);
    if (a.targetRef) o["targetRef"] = objectReferenceJson(*a.targetRef);
    return o;
  };
  putList(j, "subsets", ep.subsets, [&](const EndpointSubset& s) {
    Json o = Json::object();
    putList(o, "addresses", s.addresses, addr);
    putList(o, "notReadyAddresses", s.notReadyAddresses, addr);
    putList(o, "ports", s.ports, [](const EndpointPort& p) {
      Json q = Json::object();
      putStr(q, "name", p.name);
      q["port"] = p.port;
      putStr(q, "protocol", p.protocol);
      return q;
    });
    return o;
  });
  return j;
}

template <>
Json ObjectOf<Node>::toJson() const {
  const auto& n = static_cast<const Node&>(*this);
  Json j = header(n);
  Json spec = Json::object();
  putStr(spec, "podCIDR", n.spec.podCIDR);
  putStrs(spec, "podCIDRs", n.spec.podCIDRs);
  putStr(spec, "providerID", n.spec.providerID);
  if (n.spec.unschedulable) spec["unschedulable"] = true;
  putList(spec, "taints", n.spec.taints, [](const Taint& t) {
    Json o = {{"key", t.key}, {"effect", t.effect}};
    putStr(o, "value", t.value);
    putTime(o, "timeAdded", t.timeAdded);
    return o;
  });
  j["spec"] = spec;
  const auto& s = n.status;
  Json st = Json::object();
  putMap(st, "capacity", s.capacity);
  putMap(st, "allocatable", s.allocatable);
  putList(st, "conditions", s.conditions, [](const NodeCondition& c) {
    Json o = {{"type", c.type}, {"status", c.status},
              {"lastHeartbeatTime", timeJson(c.lastHeartbeatTime)},
              {"lastTransitionTime", timeJson(c.lastTransitionTime)}};
    putStr(o, "reason", c.reason);
    putStr(o, "message", c.message);
    return o;
  });
  putList(st, "addresses", s.addresses,
          [](const NodeAddress& a) { return Json{{"type", a.type}, {"address", a.address}}; });
  st["daemonEndpoints"] = {{"kubeletEndpoint", {{"Port", s.kubeletPort}}}};
  const auto& i = s.nodeInfo;
  st["nodeInfo"] = {{"machineID", i.machineID},
                    {"systemUUID", i.systemUUID},
                    {"bootID", i.bootID},
                    {"kernelVersion", i.kernelVersion},
                    {"osImage", i.osImage},
                    {"containerRuntimeVersion", i.containerRuntimeVersion},
                    {"kubeletVersion", i.kubeletVersion},
                    {"kubeProxyVersion", i.kubeProxyVersion},
                    {"operatingSystem", i.operatingSystem},
                    {"architecture", i.architecture}};
  putList(st, "images", s.images, [](const ContainerImage& im) {
    return Json{{"names", im.names}, {"sizeBytes", im.sizeBytes}};
  });
  j["status"] = st;
  return j;
}

template <>
Json ObjectOf<Event>::toJson() const {
  const auto& e = static_cast<const Event&>(*this);
  Json j = header(e);
  j["involvedObject"] = objectReferenceJson(e.involvedObject);
  putStr(j, "reason", e.reason);
  putStr(j, "message", e.message);
  Json src = Json::object();
  putStr(src, "component", e.sourceComponent);
  putStr(src, "host", e.sourceHost);
  j["source"] = src;
  j["firstTimestamp"] = timeJson(e.firstTimestamp);
  j["lastTimestamp"] = timeJson(e.lastTimestamp);
  putInt(j, "count", e.count);
  putStr(j, "type", e.type);
  j["eventTime"] = nullptr;
  putStr(j, "action", e.action);
  j["reportingComponent"] = e.reportingComponent;
  j["reportingInstance"] = e.reportingInstance;
  return j;
}

template <>
Json ObjectOf<Namespace>::toJson() const {
  const auto& n = static_cast<const Namespace&>(*this);
  Json j = header(n);
  Json spec = Json::object();
  putStrs(spec, "finalizers", n.finalizers);
  j["spec"] = spec;
  Json st = Json::object();
  putStr(st, "phase", n.phase);
  j["status"] = st;
  return j;
}

template <>
Json ObjectOf<Lease>::toJson() const {
  const auto& l = static_cast<const Lease&>(*this);
  Json j = header(l);
  Json spec = Json::object();
  putStr(spec, "holderIdentity", l.holderIdentity);
  if (l.leaseDurationSeconds) spec["leaseDurationSeconds"] = *l.leaseDurationSeconds;
  if (l.acquireTime != kNoTime) spec["acquireTime"] = formatMicroTime(l.acquireTime);
  if (l.renewTime != kNoTime) spec["renewTime"] = formatMicroTime(l.renewTime);
  if (l.leaseTransitions) spec["leaseTransitions"] = *l.leaseTransitions;
  j["spec"] = spec;
  return j;
}

// ---------------------------------------------------------------- ConfigMap, Secret, DaemonSet, Job, EndpointSlice
template <>
Json ObjectOf<ConfigMap>::toJson() const {
  const auto& cm = static_cast<const ConfigMap&>(*this);
  Json j = header(cm);
  if (cm.immutable) j["immutable"] = *cm.immutable;
  putMap(j, "data", cm.data);
  putMap(j, "binaryData", cm.binaryData);
  return j;
}

template <>
Json ObjectOf<Secret>::toJson() const {
  const auto& sec = static_cast<const Secret&>(*this);
  Json j = header(sec);
  if (sec.immutable) j["immutable"] = *sec.immutable;
  putMap(j, "data", sec.data);
  putMap(j, "stringData", sec.stringData);
  putStr(j, "type", sec.type);
  return j;
}

template <>
Json ObjectOf<DaemonSet>::toJson() const {
  const auto& ds = static_cast<const DaemonSet&>(*this);
  Json j = header(ds);
  Json spec = Json::object();
  spec["selector"] = kp::toJson(ds.spec.selector);
  spec["template"] = kp::toJson(ds.spec.template_);
  Json strat = Json::object();
  putStr(strat, "type", ds.spec.updateStrategyType);
  if (ds.spec.maxUnavailable || ds.spec.maxSurge) {
    Json ru = Json::object();
    if (ds.spec.maxUnavailable) ru["maxUnavailable"] = kp::toJson(*ds.spec.maxUnavailable);
    if (ds.spec.maxSurge) ru["maxSurge"] = kp::toJson(*ds.spec.maxSurge);
    strat["rollingUpdate"] = ru;
  }
  spec["updateStrategy"] = strat;
  putInt(spec, "minReadySeconds", ds.spec.minReadySeconds);
  if (ds.spec.revisionHistoryLimit) spec["revisionHistoryLimit"] = *ds.spec.revisionHistoryLimit;
  j["spec"] = spec;
  const auto& s = ds.status;
  Json st = {{"currentNumberScheduled", s.currentNumberScheduled},
             {"numberMisscheduled", s.numberMisscheduled},
             {"desiredNumberScheduled", s.desiredNumberScheduled},
             {"numberReady", s.numberReady}};
  putInt(st, "observedGeneration", s.observedGeneration);
  putInt(st, "updatedNumberScheduled", s.updatedNumberScheduled);
  putInt(st, "numberAvailable", s.numberAvailable);
  putInt(st, "numberUnavailable", s.numberUnavailable);
  if (s.collisionCount) st["collisionCount"] = *s.collisionCount;
  putRaw(st, "conditions", s.conditions);
  j["status"] = st;
  return j;
}

template <>
Json ObjectOf<Job>::toJson() const {
  const auto& job = static_cast<const Job&>(*this);
  Json j = header(job);
  const auto& sp = job.spec;
  Json spec = Json::object();
  if (sp.parallelism) spec["parallelism"] = *sp.parallelism;
  if (sp.completions) spec["completions"] = *sp.completions;
  if (sp.activeDeadlineSeconds) spec["activeDeadlineSeconds"] = *sp.activeDeadlineSeconds;
  if (sp.backoffLimit) spec["backoffLimit"] = *sp.backoffLimit;
  if (sp.selector) spec["selector"] = kp::toJson(*sp.selector);
  if (sp.manualSelector) spec["manualSelector"] = *sp.manualSelector;
  spec["template"] = kp::toJson(sp.template_);
  if (sp.ttlSecondsAfterFinished) spec["ttlSecondsAfterFinished"] = *sp.ttlSecondsAfterFinished;
  putStr(spec, "completionMode", sp.completionMode);
  if (sp.suspend) spec["suspend"] = *sp.suspend;
  putStr(spec, "podReplacementPolicy", sp.podReplacementPolicy);
  j["spec"] = spec;
  const auto& s = job.status;
  Json st = Json::object();
  putList(st, "conditions", s.conditions, [](const JobCondition& c) {
    Json o = {{"type", c.type}, {"status", c.status}};
    putTime(o, "lastProbeTime", c.lastProbeTime);
    putTime(o, "lastTransitionTime", c.lastTransitionTime);
    putStr(o, "reason", c.reason);
    putStr(o, "message", c.message);
    return o;
  });
  putTime(st, "startTime", s.startTime);
  putTime(st, "completionTime", s.completionTime);
  putInt(st, "active", s.active);
  putInt(st, "succeeded", s.succeeded);
  putInt(st, "failed", s.failed);
  if (s.terminating) st["terminating"] = *s.terminating;
  if (s.ready) st["ready"] = *s.ready;
  if (s.hasUncounted) st["uncountedTerminatedPods"] = Json::object();
  j["status"] = st;
  return j;
}

template <>
Json ObjectOf<EndpointSlice>::toJson() const {
  const auto& es = static_cast<const EndpointSlice&>(*this);
  Json j = header(es);
  j["addressType"] = es.addressType;
  // endpoints and ports have no omitempty: an empty slice is written as null.
  Json eps = nullptr;
  for (const auto& e : es.endpoints) {
    Json o = {{"addresses", e.addresses}};
    Json c = Json::object();
    if (e.conditions.ready) c["ready"] = *e.conditions.ready;
    if (e.conditions.serving) c["serving"] = *e.conditions.serving;
    if (e.conditions.terminating) c["terminating"] = *e.conditions.terminating;
    o["conditions"] = c;
    putStr(o, "hostname", e.hostname);
    if (e.targetRef) o["targetRef"] = objectReferenceJson(*e.targetRef);
    putStr(o, "nodeName", e.nodeName);
    putStr(o, "zone", e.zone);
    eps.push_back(std::move(o));
  }
  j["endpoints"] = eps;
  Json ports = nullptr;
  for (const auto& p : es.ports) {
    Json o = Json::object();
    if (p.name) o["name"] = *p.name;
    if (p.protocol) o["protocol"] = *p.protocol;
    if (p.port) o["port"] = *p.port;
    ports.push_back(std::move(o));
  }
  j["ports"] = ports;
  return j;
}

// ---------------------------------------------------------------- decoding
namespace {

// Thrown inside this file only; objectFromJson turns it into an error value.
struct DecodeError {
  std::string message;
};

const char* jsonTypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "bool";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    case Json::value_t::null: return "null";
    default: return "number";
  }
}

// Walks a JSON object, remembering the Go struct name and the field path for error messages.
class Reader {
 public:
  Reader(const Json& j, std::string structName, std::string path)
      : j_(j), struct_(std::move(structName)), path_(std::move(path)) {
    if (!j_.is_object() && !j_.is_null()) fail("", "object", j_);
  }
  bool has(const char* k) const { return j_.is_object() && j_.contains(k) && !j_.at(k).is_null(); }
  const Json& at(const char* k) const { return j_.at(k); }
  std::string sub(const char* k) const { return path_.empty() ? k : path_ + "." + k; }

  [[noreturn]] void fail(const char* k, const char* goType, const Json& v) const {
    std::string field = *k ? sub(k) : path_;
    throw DecodeError{std::string("json: cannot unmarshal ") + jsonTypeName(v) +
                      " into Go struct field " + struct_ + "." + field + " of type " + goType};
  }
  void str(const char* k, std::string& out) const {
    if (!has(k)) return;
    if (!at(k).is_string()) fail(k, "string", at(k));
    out = at(k).get<std::string>();
  }
  template <class I>
  void integer(const char* k, I& out, const char* goType = "int32") const {
    if (!has(k)) return;
    const Json& v = at(k);
    if (!v.is_number_integer()) {
      if (v.is_number_float() && v.get<double>() == static_cast<double>(static_cast<int64_t>(v.get<double>()))) {
        out = static_cast<I>(v.get<double>());
        return;
      }
      fail(k, goType, v);
    }
    int64_t x = v.get<int64_t>();
    if (sizeof(I) == 4 && (x > INT32_MAX || x < INT32_MIN)) fail(k, goType, v);
    out = static_cast<I>(x);
  }
  template <class I>
  void optInteger(const char* k, std::optional<I>& out, const char* goType = "int32") const {
    if (!has(k)) return;
    I v{};
    integer(k, v, goType);
    out = v;
  }
  void boolean(const char* k, bool& out) const {
    if (!has(k)) return;
    if (!at(k).is_boolean()) fail(k, "bool", at(k));
    out = at(k).get<bool>();
  }
  void optBoolean(const char* k, std::optional<bool>& out) const {
    if (!has(k)) return;
    bool b = false;
    boolean(k, b);
    out = b;
  }
  void strMap(const char* k, StringMap& out) const {
    if (!has(k)) return;
    const Json& v = at(k);
    if (!v.is_object()) fail(k, "map[string]string", v);
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!it.value().is_string()) fail(k, "string", it.value());
      out[it.key()] = it.value().get<std::string>();
    }
  }
  void strList(const char* k, std::vector<std::string>& out) const {
    if (!has(k)) return;
    const Json& v = at(k);
    if (!v.is_array()) fail(k, "[]string", v);
    for (const auto& e : v) {
      if (!e.is_string()) fail(k, "string", e);
      out.push_back(e.get<std::string>());
    }
  }
  void time(const char* k, Time& out) const {
    if (!has(k)) return;
    if (!at(k).is_string()) fail(k, "string", at(k));
    auto t = parseTime(at(k).get<std::string>());
    if (!t) throw DecodeError{"parsing time \"" + at(k).get<std::string>() + "\" as \"2006-01-02T15:04:05Z07:00\": cannot parse"};
    out = *t;
  }
  void raw(const char* k, Json& out) const {
    if (has(k)) out = at(k);
  }
  void intOrString(const char* k, IntOrString& out) const {
    if (!has(k)) return;
    const Json& v = at(k);
    if (v.is_string()) out = IntOrString::ofString(v.get<std::string>());
    else if (v.is_number_integer()) out = IntOrString::ofInt(v.get<int>());
    else fail(k, "intstr.IntOrString", v);
  }
  void optIntOrString(const char* k, std::optional<IntOrString>& out) const {
    if (!has(k)) return;
    IntOrString v;
    intOrString(k, v);
    out = v;
  }
  // Decodes each element of an array with f(Reader&, T&).
  template <class T, class F>
  void list(const char* k, const char* elemStruct, std::vector<T>& out, F f) const {
    if (!has(k)) return;
    const Json& v = at(k);
    if (!v.is_array()) fail(k, (std::string("[]") + elemStruct).c_str(), v);
    for (const auto& e : v) {
      T item{};
      Reader r(e, elemStruct, sub(k));
      f(r, item);
      out.push_back(std::move(item));
    }
  }
  Reader child(const char* k, const char* structName) const {
    static const Json kNull;
    return Reader(has(k) ? at(k) : kNull, structName, sub(k));
  }

 private:
  const Json& j_;
  std::string struct_, path_;
};

void readMeta(const Reader& r, ObjectMeta& m) {
  r.str("name", m.name);
  r.str("generateName", m.generateName);
  r.str("namespace", m.namespace_);
  r.str("uid", m.uid);
  r.str("resourceVersion", m.resourceVersion);
  r.integer("generation", m.generation, "int64");
  r.time("creationTimestamp", m.creationTimestamp);
  r.time("deletionTimestamp", m.deletionTimestamp);
  r.optInteger("deletionGracePeriodSeconds", m.deletionGracePeriodSeconds, "int64");
  r.strMap("labels", m.labels);
  r.strMap("annotations", m.annotations);
  r.list("ownerReferences", "OwnerReference", m.ownerReferences, [](const Reader& o, OwnerReference& ref) {
    o.str("apiVersion", ref.apiVersion);
    o.str("kind", ref.kind);
    o.str("name", ref.name);
    o.str("uid", ref.uid);
    o.boolean("controller", ref.controller);
    o.boolean("blockOwnerDeletion", ref.blockOwnerDeletion);
  });
  r.strList("finalizers", m.finalizers);
}

void readSelector(const Reader& r, LabelSelector& s) {
  r.strMap("matchLabels", s.matchLabels);
  r.list("matchExpressions", "LabelSelectorRequirement", s.matchExpressions,
         [](const Reader& e, LabelSelectorRequirement& q) {
           e.str("key", q.key);
           e.str("operator", q.op);
           e.strList("values", q.values);
         });
}

void readContainer(const Reader& r, Container& c) {
  r.str("name", c.name);
  r.str("image", c.image);
  r.strList("command", c.command);
  r.strList("args", c.args);
  r.str("workingDir", c.workingDir);
  r.list("ports", "ContainerPort", c.ports, [](const Reader& p, ContainerPort& port) {
    p.str("name", port.name);
    p.integer("containerPort", port.containerPort);
    p.integer("hostPort", port.hostPort);
    p.str("protocol", port.protocol);
  });
  r.list("env", "EnvVar", c.env, [](const Reader& e, EnvVar& v) {
    e.str("name", v.name);
    e.str("value", v.value);
    e.raw("valueFrom", v.valueFrom);
  });
  r.raw("envFrom", c.envFrom);
  Reader res = r.child("resources", "ResourceRequirements");
  res.strMap("requests", c.resources.requests);
  res.strMap("limits", c.resources.limits);
  r.raw("volumeMounts", c.volumeMounts);
  r.raw("livenessProbe", c.livenessProbe);
  r.raw("readinessProbe", c.readinessProbe);
  r.raw("startupProbe", c.startupProbe);
  r.str("terminationMessagePath", c.terminationMessagePath);
  r.str("terminationMessagePolicy", c.terminationMessagePolicy);
  r.str("imagePullPolicy", c.imagePullPolicy);
  r.raw("securityContext", c.securityContext);
  r.boolean("stdin", c.stdin_);
  r.boolean("tty", c.tty);
}

void readPodSpec(const Reader& r, PodSpec& s) {
  r.list("containers", "Container", s.containers, readContainer);
  r.list("initContainers", "Container", s.initContainers, readContainer);
  r.str("restartPolicy", s.restartPolicy);
  r.optInteger("terminationGracePeriodSeconds", s.terminationGracePeriodSeconds, "int64");
  r.str("dnsPolicy", s.dnsPolicy);
  r.strMap("nodeSelector", s.nodeSelector);
  r.str("serviceAccountName", s.serviceAccountName);
  r.str("serviceAccount", s.serviceAccount);
  r.str("nodeName", s.nodeName);
  r.boolean("hostNetwork", s.hostNetwork);
  r.str("hostname", s.hostname);
  r.str("subdomain", s.subdomain);
  r.str("schedulerName", s.schedulerName);
  r.str("priorityClassName", s.priorityClassName);
  r.optInteger("priority", s.priority);
  r.optBoolean("enableServiceLinks", s.enableServiceLinks);
  r.str("preemptionPolicy", s.preemptionPolicy);
  r.list("tolerations", "Toleration", s.tolerations, [](const Reader& t, Toleration& tol) {
    t.str("key", tol.key);
    t.str("operator", tol.op);
    t.str("value", tol.value);
    t.str("effect", tol.effect);
    t.optInteger("tolerationSeconds", tol.tolerationSeconds, "int64");
  });
  r.raw("affinity", s.affinity);
  r.raw("topologySpreadConstraints", s.topologySpreadConstraints);
  r.raw("volumes", s.volumes);
  r.raw("securityContext", s.securityContext);
}

void readTemplate(const Reader& r, PodTemplateSpec& t) {
  readMeta(r.child("metadata", "ObjectMeta"), t.metadata);
  readPodSpec(r.child("spec", "PodSpec"), t.spec);
}

void readState(const Reader& r, ContainerState& s) {
  if (r.has("waiting")) {
    s.hasWaiting = true;
    Reader w = r.child("waiting", "ContainerStateWaiting");
    w.str("reason", s.reason);
    w.str("message", s.message);
  } else if (r.has("running")) {
    s.hasRunning = true;
    r.child("running", "ContainerStateRunning").time("startedAt", s.startedAt);
  } else if (r.has("terminated")) {
    s.hasTerminated = true;
    Reader t = r.child("terminated", "ContainerStateTerminated");
    t.integer("exitCode", s.exitCode);
    t.str("reason", s.reason);
    t.str("message", s.message);
    t.time("startedAt", s.startedAt);
    t.time("finishedAt", s.finishedAt);
  }
}

void readContainerStatus(const Reader& r, ContainerStatus& c) {
  r.str("name", c.name);
  r.str("image", c.image);
  r.str("imageID", c.imageID);
  r.str("containerID", c.containerID);
  readState(r.child("state", "ContainerState"), c.state);
  readState(r.child("lastState", "ContainerState"), c.lastState);
  r.boolean("ready", c.ready);
  r.optBoolean("started", c.started);
  r.integer("restartCount", c.restartCount);
}

void readIpList(const Reader& r, const char* k, std::vector<std::string>& out) {
  r.list(k, "PodIP", out, [](const Reader& e, std::string& ip) { e.str("ip", ip); });
}

void readPodStatus(const Reader& r, PodStatus& s) {
  r.str("phase", s.phase);
  r.str("hostIP", s.hostIP);
  r.str("podIP", s.podIP);
  r.str("qosClass", s.qosClass);
  r.str("reason", s.reason);
  r.str("message", s.message);
  r.str("nominatedNodeName", s.nominatedNodeName);
  readIpList(r, "podIPs", s.podIPs);
  readIpList(r, "hostIPs", s.hostIPs);
  r.time("startTime", s.startTime);
  r.list("conditions", "PodCondition", s.conditions, [](const Reader& c, PodCondition& pc) {
    c.str("type", pc.type);
    c.str("status", pc.status);
    c.str("reason", pc.reason);
    c.str("message", pc.message);
    c.time("lastProbeTime", pc.lastProbeTime);
    c.time("lastTransitionTime", pc.lastTransitionTime);
  });
  r.list("containerStatuses", "ContainerStatus", s.containerStatuses, readContainerStatus);
  r.list("initContainerStatuses", "ContainerStatus", s.initContainerStatuses, readContainerStatus);
}

void readRsStatus(const Reader& r, ReplicaSetStatus& s) {
  r.integer("replicas", s.replicas);
  r.integer("fullyLabeledReplicas", s.fullyLabeledReplicas);
  r.integer("readyReplicas", s.readyReplicas);
  r.integer("availableReplicas", s.availableReplicas);
  r.integer("observedGeneration", s.observedGeneration, "int64");
  r.raw("conditions", s.conditions);
}

void readObjectReference(const Reader& r, ObjectReference& o) {
  r.str("kind", o.kind);
  r.str("namespace", o.namespace_);
  r.str("name", o.name);
  r.str("uid", o.uid);
  r.str("apiVersion", o.apiVersion);
  r.str("resourceVersion", o.resourceVersion);
  r.str("fieldPath", o.fieldPath);
}

template <class T>
std::shared_ptr<T> decodeKind(const Json& j, void (*body)(const Reader&, T&)) {
  auto obj = std::make_shared<T>();
  Reader r(j, T::kKind, "");
  readMeta(r.child("metadata", "ObjectMeta"), obj->metadata);
  body(r, *obj);
  return obj;
}

void readPod(const Reader& r, Pod& p) {
  readPodSpec(r.child("spec", "PodSpec"), p.spec);
  readPodStatus(r.child("status", "PodStatus"), p.status);
}
void readRc(const Reader& r, ReplicationController& rc) {
  Reader s = r.child("spec", "ReplicationControllerSpec");
  s.optInteger("replicas", rc.spec.replicas);
  s.integer("minReadySeconds", rc.spec.minReadySeconds);
  s.strMap("selector", rc.spec.selector);
  if (s.has("template")) {
    rc.spec.template_.emplace();
    readTemplate(s.child("template", "PodTemplateSpec"), *rc.spec.template_);
  }
  readRsStatus(r.child("status", "ReplicationControllerStatus"), rc.status);
}
void readRs(const Reader& r, ReplicaSet& rs) {
  Reader s = r.child("spec", "ReplicaSetSpec");
  s.optInteger("replicas", rs.spec.replicas);
  s.integer("minReadySeconds", rs.spec.minReadySeconds);
  readSelector(s.child("selector", "LabelSelector"), rs.spec.selector);
  readTemplate(s.child("template", "PodTemplateSpec"), rs.spec.template_);
  readRsStatus(r.child("status", "ReplicaSetStatus"), rs.status);
}
void readDeployment(const Reader& r, Deployment& d) {
  Reader s = r.child("spec", "DeploymentSpec");
  s.optInteger("replicas", d.spec.replicas);
  readSelector(s.child("selector", "LabelSelector"), d.spec.selector);
  readTemplate(s.child("template", "PodTemplateSpec"), d.spec.template_);
  Reader st = s.child("strategy", "DeploymentStrategy");
  st.str("type", d.spec.strategy.type);
  Reader ru = st.child("rollingUpdate", "RollingUpdateDeployment");
  ru.optIntOrString("maxUnavailable", d.spec.strategy.maxUnavailable);
  ru.optIntOrString("maxSurge", d.spec.strategy.maxSurge);
  s.integer("minReadySeconds", d.spec.minReadySeconds);
  s.optInteger("revisionHistoryLimit", d.spec.revisionHistoryLimit);
  s.optInteger("progressDeadlineSeconds", d.spec.progressDeadlineSeconds);
  s.boolean("paused", d.spec.paused);
  Reader ds = r.child("status", "DeploymentStatus");
  ds.integer("observedGeneration", d.status.observedGeneration, "int64");
  ds.integer("replicas", d.status.replicas);
  ds.integer("updatedReplicas", d.status.updatedReplicas);
  ds.integer("readyReplicas", d.status.readyReplicas);
  ds.integer("availableReplicas", d.status.availableReplicas);
  ds.integer("unavailableReplicas", d.status.unavailableReplicas);
  ds.optInteger("collisionCount", d.status.collisionCount);
  ds.list("conditions", "DeploymentCondition", d.status.conditions,
          [](const Reader& c, DeploymentCondition& dc) {
            c.str("type", dc.type);
            c.str("status", dc.status);
            c.str("reason", dc.reason);
            c.str("message", dc.message);
            c.time("lastUpdateTime", dc.lastUpdateTime);
            c.time("lastTransitionTime", dc.lastTransitionTime);
          });
}
void readService(const Reader& r, Service& svc) {
  Reader s = r.child("spec", "ServiceSpec");
  auto& sp = svc.spec;
  s.str("type", sp.type);
  s.str("clusterIP", sp.clusterIP);
  s.strList("clusterIPs", sp.clusterIPs);
  s.strList("externalIPs", sp.externalIPs);
  s.strList("ipFamilies", sp.ipFamilies);
  s.str("sessionAffinity", sp.sessionAffinity);
  s.str("externalTrafficPolicy", sp.externalTrafficPolicy);
  s.str("internalTrafficPolicy", sp.internalTrafficPolicy);
  s.str("ipFamilyPolicy", sp.ipFamilyPolicy);
  s.str("loadBalancerIP", sp.loadBalancerIP);
  s.strMap("selector", sp.selector);
  s.optBoolean("allocateLoadBalancerNodePorts", sp.allocateLoadBalancerNodePorts);
  s.raw("sessionAffinityConfig", sp.sessionAffinityConfig);
  s.list("ports", "ServicePort", sp.ports, [](const Reader& p, ServicePort& port) {
    p.str("name", port.name);
    p.str("protocol", port.protocol);
    p.integer("port", port.port);
    p.intOrString("targetPort", port.targetPort);
    p.integer("nodePort", port.nodePort);
  });
  Reader lb = r.child("status", "ServiceStatus").child("loadBalancer", "LoadBalancerStatus");
  lb.list("ingress", "LoadBalancerIngress", svc.status.loadBalancerIngress,
          [](const Reader& i, LoadBalancerIngress& in) {
            i.str("ip", in.ip);
            i.str("hostname", in.hostname);
            i.str("ipMode", in.ipMode);
          });
}
void readEndpoints(const Reader& r, Endpoints& ep) {
  auto addr = [](const Reader& a, EndpointAddress& ad) {
    a.str("ip", ad.ip);
    a.str("hostname", ad.hostname);
    a.str("nodeName", ad.nodeName);
    if (a.has("targetRef")) {
      ad.targetRef.emplace();
      readObjectReference(a.child("targetRef", "ObjectReference"), *ad.targetRef);
    }
  };
  r.list("subsets", "EndpointSubset", ep.subsets, [&](const Reader& s, EndpointSubset& sub) {
    s.list("addresses", "EndpointAddress", sub.addresses, addr);
    s.list("notReadyAddresses", "EndpointAddress", sub.notReadyAddresses, addr);
    s.list("ports", "EndpointPort", sub.ports, [](const Reader& p, EndpointPort& port) {
      p.str("name", port.name);
      p.integer("port", port.port);
      p.str("protocol", port.protocol);
    });
  });
}
void readNode(const Reader& r, Node& n) {
  Reader s = r.child("spec", "NodeSpec");
  s.str("podCIDR", n.spec.podCIDR);
  s.strList("podCIDRs", n.spec.podCIDRs);
  s.str("providerID", n.spec.providerID);
  s.boolean("unschedulable", n.spec.unschedulable);
  s.list("taints", "Taint", n.spec.taints, [](const Reader& t, Taint& taint) {
    t.str("key", taint.key);
    t.str("value", taint.value);
    t.str("effect", taint.effect);
    t.time("timeAdded", taint.timeAdded);
  });
  Reader st = r.child("status", "NodeStatus");
  st.strMap("capacity", n.status.capacity);
  st.strMap("allocatable", n.status.allocatable);
  st.list("conditions", "NodeCondition", n.status.conditions, [](const Reader& c, NodeCondition& nc) {
    c.str("type", nc.type);
    c.str("status", nc.status);
    c.str("reason", nc.reason);
    c.str("message", nc.message);
    c.time("lastHeartbeatTime", nc.lastHeartbeatTime);
    c.time("lastTransitionTime", nc.lastTransitionTime);
  });
  st.list("addresses", "NodeAddress", n.status.addresses, [](const Reader& a, NodeAddress& na) {
    a.str("type", na.type);
    a.str("address", na.address);
  });
  Reader i = st.child("nodeInfo", "NodeSystemInfo");
  auto& ni = n.status.nodeInfo;
  i.str("machineID", ni.machineID);
  i.str("systemUUID", ni.systemUUID);
  i.str("bootID", ni.bootID);
  i.str("kernelVersion", ni.kernelVersion);
  i.str("osImage", ni.osImage);
  i.str("containerRuntimeVersion", ni.containerRuntimeVersion);
  i.str("kubeletVersion", ni.kubeletVersion);
  i.str("kubeProxyVersion", ni.kubeProxyVersion);
  i.str("operatingSystem", ni.operatingSystem);
  i.str("architecture", ni.architecture);
  st.list("images", "ContainerImage", n.status.images, [](const Reader& im, ContainerImage& ci) {
    im.strList("names", ci.names);
    im.integer("sizeBytes", ci.sizeBytes, "int64");
  });
}
void readEvent(const Reader& r, Event& e) {
  readObjectReference(r.child("involvedObject", "ObjectReference"), e.involvedObject);
  r.str("reason", e.reason);
  r.str("message", e.message);
  r.str("type", e.type);
  r.str("action", e.action);
  r.str("reportingComponent", e.reportingComponent);
  r.str("reportingInstance", e.reportingInstance);
  Reader src = r.child("source", "EventSource");
  src.str("component", e.sourceComponent);
  src.str("host", e.sourceHost);
  r.time("firstTimestamp", e.firstTimestamp);
  r.time("lastTimestamp", e.lastTimestamp);
  r.integer("count", e.count);
}
void readNamespace(const Reader& r, Namespace& n) {
  r.child("spec", "NamespaceSpec").strList("finalizers", n.finalizers);
  r.child("status", "NamespaceStatus").str("phase", n.phase);
}
void readLease(const Reader& r, Lease& l) {
  Reader spec = r.child("spec", "LeaseSpec");
  spec.str("holderIdentity", l.holderIdentity);
  spec.optInteger("leaseDurationSeconds", l.leaseDurationSeconds);
  spec.time("acquireTime", l.acquireTime);
  spec.time("renewTime", l.renewTime);
  spec.optInteger("leaseTransitions", l.leaseTransitions);
}
void readConfigMap(const Reader& r, ConfigMap& cm) {
  r.optBoolean("immutable", cm.immutable);
  r.strMap("data", cm.data);
  r.strMap("binaryData", cm.binaryData);
}
void readSecret(const Reader& r, Secret& sec) {
  r.optBoolean("immutable", sec.immutable);
  r.strMap("data", sec.data);
  r.strMap("stringData", sec.stringData);
  r.str("type", sec.type);
}
void readDaemonSet(const Reader& r, DaemonSet& ds) {
  Reader s = r.child("spec", "DaemonSetSpec");
  readSelector(s.child("selector", "LabelSelector"), ds.spec.selector);
  readTemplate(s.child("template", "PodTemplateSpec"), ds.spec.template_);
  Reader us = s.child("updateStrategy", "DaemonSetUpdateStrategy");
  us.str("type", ds.spec.updateStrategyType);
  Reader ru = us.child("rollingUpdate", "RollingUpdateDaemonSet");
  ru.optIntOrString("maxUnavailable", ds.spec.maxUnavailable);
  ru.optIntOrString("maxSurge", ds.spec.maxSurge);
  s.integer("minReadySeconds", ds.spec.minReadySeconds);
  s.optInteger("revisionHistoryLimit", ds.spec.revisionHistoryLimit);
  Reader st = r.child("status", "DaemonSetStatus");
  auto& x = ds.status;
  st.integer("currentNumberScheduled", x.currentNumberScheduled);
  st.integer("numberMisscheduled", x.numberMisscheduled);
  st.integer("desiredNumberScheduled", x.desiredNumberScheduled);
  st.integer("numberReady", x.numberReady);
  st.integer("observedGeneration", x.observedGeneration, "int64");
  st.integer("updatedNumberScheduled", x.updatedNumberScheduled);
  st.integer("numberAvailable", x.numberAvailable);
  st.integer("numberUnavailable", x.numberUnavailable);
  st.optInteger("collisionCount", x.collisionCount);
  st.raw("conditions", x.conditions);
}
void readJob(const Reader& r, Job& job) {
  Reader s = r.child("spec", "JobSpec");
  auto& sp = job.spec;
  s.optInteger("parallelism", sp.parallelism);
  s.optInteger("completions", sp.completions);
  s.optInteger("activeDeadlineSeconds", sp.activeDeadlineSeconds, "int64");
  s.optInteger("backoffLimit", sp.backoffLimit);
  if (s.has("selector")) {
    sp.selector.emplace();
    readSelector(s.child("selector", "LabelSelector"), *sp.selector);
  }
  s.optBoolean("manualSelector", sp.manualSelector);
  readTemplate(s.child("template", "PodTemplateSpec"), sp.template_);
  s.optInteger("ttlSecondsAfterFinished", sp.ttlSecondsAfterFinished);
  s.str("completionMode", sp.completionMode);
  s.optBoolean("suspend", sp.suspend);
  s.str("podReplacementPolicy", sp.podReplacementPolicy);
  Reader st = r.child("status", "JobStatus");
  auto& x = job.status;
  st.list("conditions", "JobCondition", x.conditions, [](const Reader& c, JobCondition& jc) {
    c.str("type", jc.type);
    c.str("status", jc.status);
    c.str("reason", jc.reason);
    c.str("message", jc.message);
    c.time("lastProbeTime", jc.lastProbeTime);
    c.time("lastTransitionTime", jc.lastTransitionTime);
  });
  st.time("startTime", x.startTime);
  st.time("completionTime", x.completionTime);
  st.integer("active", x.active);
  st.integer("succeeded", x.succeeded);
  st.integer("failed", x.failed);
  st.optInteger("terminating", x.terminating);
  st.optInteger("ready", x.ready);
  x.hasUncounted = st.has("uncountedTerminatedPods");
}
void readEndpointSlice(const Reader& r, EndpointSlice& es) {
  r.str("addressType", es.addressType);
  r.list("endpoints", "Endpoint", es.endpoints, [](const Reader& e, Endpoint& ep) {
    e.strList("addresses", ep.addresses);
    Reader c = e.child("conditions", "EndpointConditions");
    c.optBoolean("ready", ep.conditions.ready);
    c.optBoolean("serving", ep.conditions.serving);
    c.optBoolean("terminating", ep.conditions.terminating);
    e.str("hostname", ep.hostname);
    e.str("nodeName", ep.nodeName);
    e.str("zone", ep.zone);
    if (e.has("targetRef")) {
      ep.targetRef.emplace();
      readObjectReference(e.child("targetRef", "ObjectReference"), *ep.targetRef);
    }
  });
  r.list("ports", "EndpointPort", es.ports, [](const Reader& p, EndpointSlicePort& port) {
    if (p.has("name")) p.str("name", port.name.emplace());
    if (p.has("protocol")) p.str("protocol", port.protocol.emplace());
    p.optInteger("port", port.port);
  });
}

}  // namespace

bool fromJson(const Json& j, ObjectMeta& m, std::string* error) {
  try {
    readMeta(Reader(j, "ObjectMeta", "metadata"), m);
    return true;
  } catch (const DecodeError& e) {
    if (error) *error = e.message;
    return false;
  }
}

bool fromJson(const Json& j, PodTemplateSpec& t, std::string* error) {
  try {
    readTemplate(Reader(j, "PodTemplateSpec", "template"), t);
    return true;
  } catch (const DecodeError& e) {
    if (error) *error = e.message;
    return false;
  }
}

Json JsonObject::toJson() const {
  Json j = body.is_object() ? body : Json::object();
  j["kind"] = kind_;
  j["apiVersion"] = apiVersion_;
  j["metadata"] = kp::toJson(metadata);
  return j;
}

std::shared_ptr<JsonObject> makeJsonObject(std::string_view kind) {
  auto o = std::make_shared<JsonObject>();
  if (const ResourceInfo* r = resourceForKind(kind)) {
    o->kind_ = r->kind.c_str();
    o->apiVersion_ = r->apiVersion.c_str();
  }
  return o;
}

const Json& JsonObject::field(const char* key) const {
  static const Json kEmpty = Json::object();
  auto it = body.find(key);
  return it != body.end() && it->is_object() ? *it : kEmpty;
}

namespace {

std::shared_ptr<Object> decodeJsonObject(const Json& j, const ResourceInfo& r) {
  auto obj = makeJsonObject(r.kind);
  Reader reader(j, obj->kind_, "");
  readMeta(reader.child("metadata", "ObjectMeta"), obj->metadata);
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "kind" && it.key() != "apiVersion" && it.key() != "metadata") obj->body[it.key()] = it.value();
  return obj;
}

}  // namespace

std::shared_ptr<Object> objectFromJson(const Json& j, std::string* error) {
  if (!j.is_object()) {
    if (error) *error = "Object 'Kind' is missing in '" + j.dump() + "'";
    return nullptr;
  }
  std::string kind = j.contains("kind") && j["kind"].is_string() ? j["kind"].get<std::string>() : "";
  try {
    if (kind == "Pod") return decodeKind<Pod>(j, readPod);
    if (kind == "ReplicationController") return decodeKind<ReplicationController>(j, readRc);
    if (kind == "ReplicaSet") return decodeKind<ReplicaSet>(j, readRs);
    if (kind == "Deployment") return decodeKind<Deployment>(j, readDeployment);
    if (kind == "Service") return decodeKind<Service>(j, readService);
    if (kind == "Endpoints") return decodeKind<Endpoints>(j, readEndpoints);
    if (kind == "Node") return decodeKind<Node>(j, readNode);
    if (kind == "Event") return decodeKind<Event>(j, readEvent);
    if (kind == "Namespace") return decodeKind<Namespace>(j, readNamespace);
    if (kind == "ConfigMap") return decodeKind<ConfigMap>(j, readConfigMap);
    if (kind == "Lease") return decodeKind<Lease>(j, readLease);
    if (kind == "Secret") return decodeKind<Secret>(j, readSecret);
    if (kind == "DaemonSet") return decodeKind<DaemonSet>(j, readDaemonSet);
    if (kind == "Job") return decodeKind<Job>(j, readJob);
    if (kind == "EndpointSlice") return decodeKind<EndpointSlice>(j, readEndpointSlice);
    if (const ResourceInfo* r = resourceForKind(kind)) return decodeJsonObject(j, *r);
  } catch (const DecodeError& e) {
    if (error) *error = e.message;
    return nullptr;
  } catch (const Json::exception& e) {
    if (error) *error = e.what();
    return nullptr;
  }
  if (error) *error = kind.empty() ? "Object 'Kind' is missing in '" + j.dump() + "'"
                                   : "no kind \"" + kind + "\" is registered";
  return nullptr;
}

}  // namespace kp
