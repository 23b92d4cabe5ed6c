// Defaulting, admission and validation, in the order the API server applies them on create and
// update: SetDefaults_* (pkg/apis/*/v1/defaults.go), the ServiceAccount and
// DefaultTolerationSeconds admission plugins, then ValidateObject with field-path errors.
#include <regex>

#include "core/api/base64.h"
#include "core/api/json.h"
#include "core/api/quantity.h"
#include "core/api/selector.h"
#include "core/apiserver/apiserver.h"
#include "core/apiserver/json_kinds.h"
#include "core/apiserver/validation.h"

namespace kp {

// The helpers shared with the kinds kept as JSON (json_kinds.cc), declared in validation.h.
namespace admission {

// SetDefaults_Probe and SetDefaults_HTTPGetAction on a raw probe object.
void defaultProbeJson(Json& probe) {
  if (!probe.is_object()) return;
  auto def = [&](const char* key, int v) {
    if (!probe.contains(key) || probe[key].is_null() || (probe[key].is_number_integer() && probe[key].get<long long>() == 0))
      probe[key] = v;
  };
  def("timeoutSeconds", 1);
  def("periodSeconds", 10);
  def("successThreshold", 1);
  def("failureThreshold", 3);
  if (probe.contains("httpGet") && probe["httpGet"].is_object()) {
    Json& h = probe["httpGet"];
    if (!h.contains("path") || (h["path"].is_string() && h["path"].get<std::string>().empty())) h["path"] = "/";
    if (!h.contains("scheme") || (h["scheme"].is_string() && h["scheme"].get<std::string>().empty())) h["scheme"] = "HTTP";
  }
}

void defaultContainer(Container& c) {
  if (c.imagePullPolicy.empty()) {
    // :latest or no tag -> Always, otherwise IfNotPresent (a digest counts as a tag).
    std::string image = c.image;
    auto slash = image.rfind('/');
    std::string last = slash == std::string::npos ? image : image.substr(slash + 1);
    bool tagged = last.find(':') != std::string::npos || image.find('@') != std::string::npos;
    bool latest = !tagged || (last.size() > 7 && last.substr(last.size() - 7) == ":latest");
    c.imagePullPolicy = latest ? "Always" : "IfNotPresent";
  }
  if (c.terminationMessagePath.empty()) c.terminationMessagePath = "/dev/termination-log";
  if (c.terminationMessagePolicy.empty()) c.terminationMessagePolicy = "File";
  for (auto& p : c.ports)
    if (p.protocol.empty()) p.protocol = "TCP";
  for (Json* probe : {&c.livenessProbe, &c.readinessProbe, &c.startupProbe}) defaultProbeJson(*probe);
}

void defaultPodSpec(PodSpec& s) {
  if (s.restartPolicy.empty()) s.restartPolicy = "Always";
  if (!s.terminationGracePeriodSeconds) s.terminationGracePeriodSeconds = 30;
  if (s.dnsPolicy.empty()) s.dnsPolicy = "ClusterFirst";
  if (s.schedulerName.empty()) s.schedulerName = "default-scheduler";
  if (s.securityContext.is_null()) s.securityContext = Json::object();
  for (auto& c : s.containers) defaultContainer(c);
  for (auto& c : s.initContainers) defaultContainer(c);
}

void defaultTemplate(PodTemplateSpec& t) {
  defaultPodSpec(t.spec);
  // A template's creationTimestamp is written as null (metav1.Time zero value).
}

int64_t percentOrInt(const IntOrString& v, int total, bool roundUp) {
  if (!v.isString) return v.intVal;
  std::string s = v.strVal;
  if (s.empty() || s.back() != '%') return 0;
  int64_t pct = std::atoll(s.substr(0, s.size() - 1).c_str());
  return roundUp ? (pct * total + 99) / 100 : pct * total / 100;
}

bool isDns1123Label(const std::string& s) {
  static const std::regex re("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  return s.size() <= 63 && std::regex_match(s, re);
}
bool isDns1123Subdomain(const std::string& s) {
  static const std::regex re("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  return s.size() <= 253 && std::regex_match(s, re);
}
bool isDns1035Label(const std::string& s) {
  static const std::regex re("[a-z]([-a-z0-9]*[a-z0-9])?");
  return s.size() <= 63 && std::regex_match(s, re);
}

const char* kDns1123SubdomainMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
    "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const char* kDns1123LabelMsg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used "
    "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const char* kDns1035LabelMsg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
    "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

std::string quote(const std::string& s) { return Json(s).dump(); }



void validateLabels(Errors& e, const StringMap& labels, const std::string& field) {
  std::string err;
  for (const auto& [k, v] : labels) {
    if (!Selector::parse(k + "=" + v, &err) && !Selector::parse(k, &err)) {
      e.invalid(field, quote(k), "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    } else if (!Selector::parse(k + "=" + v, &err)) {
      e.invalid(field, quote(v), "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }
  }
}

void validateMeta(Errors& e, const ObjectMeta& m, NameRule rule, const std::string& prefix) {
  if (m.name.empty()) {
    e.required(prefix + ".name", "name or generateName is required");
  } else if (rule == NameRule::Dns1035Label && !isDns1035Label(m.name)) {
    e.invalid(prefix + ".name", quote(m.name), kDns1035LabelMsg);
  } else if (rule == NameRule::Dns1123Label && !isDns1123Label(m.name)) {
    e.invalid(prefix + ".name", quote(m.name), kDns1123LabelMsg);
  } else if (rule == NameRule::Subdomain && !isDns1123Subdomain(m.name)) {
    e.invalid(prefix + ".name", quote(m.name), kDns1123SubdomainMsg);
  }
  validateLabels(e, m.labels, prefix + ".labels");
}

void validateContainers(Errors& e, const std::vector<Container>& cs, const std::string& field) {
  if (cs.empty()) {
    e.required(field);
    return;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < cs.size(); i++) {
    const auto& c = cs[i];
    std::string f = field + "[" + std::to_string(i) + "]";
    if (c.name.empty()) e.required(f + ".name");
    else if (!isDns1123Label(c.name)) e.invalid(f + ".name", quote(c.name), kDns1123LabelMsg);
    else if (!names.insert(c.name).second) e.duplicate(f + ".name", quote(c.name));
    if (c.image.empty()) e.required(f + ".image");
    for (size_t p = 0; p < c.ports.size(); p++) {
      int port = c.ports[p].containerPort;
      std::string pf = f + ".ports[" + std::to_string(p) + "]";
      if (port == 0) e.required(pf + ".containerPort");
      else if (port < 1 || port > 65535) e.invalid(pf + ".containerPort", std::to_string(port), "must be between 1 and 65535, inclusive");
      const auto& proto = c.ports[p].protocol;
      if (!proto.empty() && proto != "TCP" && proto != "UDP" && proto != "SCTP")
        e.unsupported(pf + ".protocol", proto, {"SCTP", "TCP", "UDP"});
    }
    for (const auto& [res, q] : c.resources.requests)
      if (!parseQuantityMilli(q)) e.invalid(f + ".resources.requests[" + res + "]", quote(q), "must be a valid quantity");
    for (const auto& [res, q] : c.resources.limits)
      if (!parseQuantityMilli(q)) e.invalid(f + ".resources.limits[" + res + "]", quote(q), "must be a valid quantity");
    if (!c.imagePullPolicy.empty() && c.imagePullPolicy != "Always" && c.imagePullPolicy != "IfNotPresent" &&
        c.imagePullPolicy != "Never")
      e.unsupported(f + ".imagePullPolicy", c.imagePullPolicy, {"Always", "IfNotPresent", "Never"});
  }
}

void validatePodSpec(Errors& e, const PodSpec& s, const std::string& field) {
  validateContainers(e, s.containers, field + ".containers");
  if (!s.restartPolicy.empty() && s.restartPolicy != "Always" && s.restartPolicy != "OnFailure" &&
      s.restartPolicy != "Never")
    e.unsupported(field + ".restartPolicy", s.restartPolicy, {"Always", "Never", "OnFailure"});
  if (s.terminationGracePeriodSeconds && *s.terminationGracePeriodSeconds < 0)
    e.invalid(field + ".terminationGracePeriodSeconds", std::to_string(*s.terminationGracePeriodSeconds),
              "must be greater than or equal to 0");
}

void validateReplicas(Errors& e, const std::optional<int>& replicas, const std::string& field) {
  if (replicas && *replicas < 0)
    e.invalid(field, std::to_string(*replicas), "must be greater than or equal to 0");
}

// The template's labels must satisfy the selector (ValidatePodTemplateSpecForReplicaSet).
void validateSelectorMatches(Errors& e, const Selector& sel, const PodTemplateSpec& t, const std::string& field) {
  if (!sel.matches(t.metadata.labels)) {
    std::string m = "map[string]string{";
    bool first = true;
    for (const auto& [k, v] : t.metadata.labels) {
      m += (first ? "" : ", ") + quote(k) + ":" + quote(v);
      first = false;
    }
    m += "}";
    e.invalid(field + ".metadata.labels", m, "`selector` does not match template `labels`");
  }
}

void validateLabelSelector(Errors& e, const LabelSelector& s, const PodTemplateSpec& t, const std::string& field) {
  if (s.matchLabels.empty() && s.matchExpressions.empty()) {
    e.required(field + ".selector");
    e.invalid(field + ".selector", "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}", "empty selector is invalid for deployment");
    return;
  }
  std::string err;
  auto sel = Selector::fromLabelSelector(s, &err);
  if (!sel) {
    e.invalid(field + ".selector", quote(err), err);
    return;
  }
  validateSelectorMatches(e, *sel, t, field + ".template");
}

}  // namespace admission

using namespace admission;

void ApiServer::applyDefaults(Object& obj) const {
  std::string kind = obj.kind();
  if (auto* jo = dynamic_cast<JsonObject*>(&obj)) {
    if (const JsonKindRules* rules = jsonKindRules(kind); rules && rules->defaults) rules->defaults(*jo);
    return;
  }
  if (kind == "Pod") {
    auto& p = static_cast<Pod&>(obj);
    defaultPodSpec(p.spec);
    if (p.spec.serviceAccountName.empty()) p.spec.serviceAccountName = "default";
    p.spec.serviceAccount = p.spec.serviceAccountName;
    if (!p.spec.enableServiceLinks) p.spec.enableServiceLinks = true;
    if (p.spec.preemptionPolicy.empty()) p.spec.preemptionPolicy = "PreemptLowerPriority";
    if (!p.spec.priority) p.spec.priority = 0;
  } else if (kind == "ReplicationController") {
    auto& rc = static_cast<ReplicationController&>(obj);
    if (!rc.spec.replicas) rc.spec.replicas = 1;
    if (rc.spec.template_) {
      defaultTemplate(*rc.spec.template_);
      // An RC without a selector selects its template's labels; without labels it takes them.
      if (rc.spec.selector.empty()) rc.spec.selector = rc.spec.template_->metadata.labels;
      if (rc.metadata.labels.empty()) rc.metadata.labels = rc.spec.template_->metadata.labels;
    }
  } else if (kind == "ReplicaSet") {
    auto& rs = static_cast<ReplicaSet&>(obj);
    if (!rs.spec.replicas) rs.spec.replicas = 1;
    defaultTemplate(rs.spec.template_);
  } else if (kind == "Deployment") {
    auto& d = static_cast<Deployment&>(obj);
    if (!d.spec.replicas) d.spec.replicas = 1;
    defaultTemplate(d.spec.template_);
    auto& st = d.spec.strategy;
    if (st.type.empty()) st.type = "RollingUpdate";
    if (st.type == "RollingUpdate") {
      if (!st.maxUnavailable) st.maxUnavailable = IntOrString::ofString("25%");
      if (!st.maxSurge) st.maxSurge = IntOrString::ofString("25%");
    }
    if (!d.spec.revisionHistoryLimit) d.spec.revisionHistoryLimit = 10;
    if (!d.spec.progressDeadlineSeconds) d.spec.progressDeadlineSeconds = 600;
  } else if (kind == "Service") {
    auto& s = static_cast<Service&>(obj).spec;
    if (s.type.empty()) s.type = "ClusterIP";
    if (s.sessionAffinity.empty()) s.sessionAffinity = "None";
    for (auto& p : s.ports) {
      if (p.protocol.empty()) p.protocol = "TCP";
      if (!p.targetPort.isString && p.targetPort.intVal == 0) p.targetPort = IntOrString::ofInt(p.port);
    }
    if (s.type != "ExternalName") {
      if (s.ipFamilies.empty()) s.ipFamilies = {"IPv4"};
      if (s.ipFamilyPolicy.empty()) s.ipFamilyPolicy = "SingleStack";
      if (s.internalTrafficPolicy.empty()) s.internalTrafficPolicy = "Cluster";
    }
    if ((s.type == "NodePort" || s.type == "LoadBalancer") && s.externalTrafficPolicy.empty())
      s.externalTrafficPolicy = "Cluster";
    if (s.type == "LoadBalancer" && !s.allocateLoadBalancerNodePorts) s.allocateLoadBalancerNodePorts = true;
  } else if (kind == "Secret") {
    auto& sec = static_cast<Secret&>(obj);
    if (sec.type.empty()) sec.type = "Opaque";
    // stringData is write-only: the registry folds it into data.
    for (const auto& [k, v] : sec.stringData) sec.data[k] = base64Encode(v);
    sec.stringData.clear();
  } else if (kind == "DaemonSet") {
    auto& ds = static_cast<DaemonSet&>(obj);
    defaultTemplate(ds.spec.template_);
    if (ds.spec.updateStrategyType.empty()) ds.spec.updateStrategyType = "RollingUpdate";
    if (ds.spec.updateStrategyType == "RollingUpdate") {
      if (!ds.spec.maxUnavailable) ds.spec.maxUnavailable = IntOrString::ofInt(1);
      if (!ds.spec.maxSurge) ds.spec.maxSurge = IntOrString::ofInt(0);
    }
    if (!ds.spec.revisionHistoryLimit) ds.spec.revisionHistoryLimit = 10;
  } else if (kind == "Job") {
    auto& job = static_cast<Job&>(obj);
    defaultTemplate(job.spec.template_);
    if (!job.spec.completions && !job.spec.parallelism) job.spec.completions = 1;
    if (!job.spec.parallelism) job.spec.parallelism = 1;
    if (!job.spec.backoffLimit) job.spec.backoffLimit = 6;
    if (job.spec.completionMode.empty()) job.spec.completionMode = "NonIndexed";
    if (!job.spec.suspend) job.spec.suspend = false;
    if (job.spec.podReplacementPolicy.empty()) job.spec.podReplacementPolicy = "TerminatingOrFailed";
  } else if (kind == "Namespace") {
    auto& n = static_cast<Namespace&>(obj);
    if (n.finalizers.empty()) n.finalizers = {"kubernetes"};
    if (n.phase.empty()) n.phase = "Active";
    n.metadata.labels["kubernetes.io/metadata.name"] = n.metadata.name;
  }
}

Status ApiServer::validate(const Object& obj, const Object* old) const {
  Errors e;
  std::string kind = obj.kind();
  const ResourceInfo& r = *resourceForKind(kind);
  validateMeta(e, obj.metadata,
               kind == "Service" ? NameRule::Dns1035Label
               : kind == "Namespace" ? NameRule::Dns1123Label
                                     : NameRule::Subdomain);
  if (auto* jo = dynamic_cast<const JsonObject*>(&obj)) {
    const JsonKindRules* rules = jsonKindRules(kind);
    if (rules && rules->validate) rules->validate(e, *jo, dynamic_cast<const JsonObject*>(old));
  } else if (kind == "Pod") {
    const auto& p = static_cast<const Pod&>(obj);
    validatePodSpec(e, p.spec, "spec");
    if (old) {
      // Pod updates may change only a few fields (ValidatePodUpdate).
      const auto& o = static_cast<const Pod&>(*old);
      Json a = toJson(p.spec), b = toJson(o.spec);
      for (size_t i = 0; i < p.spec.containers.size() && i < o.spec.containers.size(); i++) {
        a["containers"][i]["image"] = "";
        b["containers"][i]["image"] = "";
      }
      a.erase("activeDeadlineSeconds"); b.erase("activeDeadlineSeconds");
      a.erase("tolerations"); b.erase("tolerations");
      if (!o.spec.nodeName.empty() || p.spec.nodeName.empty()) {
        if (a != b)
          e.forbidden("spec", "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
      }
    }
  } else if (kind == "ReplicationController") {
    const auto& rc = static_cast<const ReplicationController&>(obj);
    validateReplicas(e, rc.spec.replicas, "spec.replicas");
    if (rc.spec.selector.empty()) e.required("spec.selector");
    if (!rc.spec.template_) {
      e.required("spec.template");
    } else {
      validateSelectorMatches(e, Selector::fromMap(rc.spec.selector), *rc.spec.template_, "spec.template");
      validatePodSpec(e, rc.spec.template_->spec, "spec.template.spec");
    }
  } else if (kind == "ReplicaSet") {
    const auto& rs = static_cast<const ReplicaSet&>(obj);
    validateReplicas(e, rs.spec.replicas, "spec.replicas");
    validateLabelSelector(e, rs.spec.selector, rs.spec.template_, "spec");
    validatePodSpec(e, rs.spec.template_.spec, "spec.template.spec");
  } else if (kind == "Deployment") {
    const auto& d = static_cast<const Deployment&>(obj);
    validateReplicas(e, d.spec.replicas, "spec.replicas");
    validateLabelSelector(e, d.spec.selector, d.spec.template_, "spec");
    validatePodSpec(e, d.spec.template_.spec, "spec.template.spec");
    const auto& st = d.spec.strategy;
    if (st.type != "RollingUpdate" && st.type != "Recreate")
      e.unsupported("spec.strategy.type", st.type, {"Recreate", "RollingUpdate"});
    if (st.type == "RollingUpdate" && st.maxSurge && st.maxUnavailable &&
        percentOrInt(*st.maxSurge, 100, true) == 0 && percentOrInt(*st.maxUnavailable, 100, false) == 0)
      e.invalid("spec.strategy.rollingUpdate.maxUnavailable", st.maxUnavailable->isString ? quote(st.maxUnavailable->strVal) : "0",
                "may not be 0 when `maxSurge` is 0");
    if (old) {
      const auto& o = static_cast<const Deployment&>(*old);
      if (toJson(o.spec.selector) != toJson(d.spec.selector))
        e.invalid("spec.selector", "v1.LabelSelector{...}", "field is immutable");
    }
  } else if (kind == "Service") {
    const auto& s = static_cast<const Service&>(obj).spec;
    static const std::vector<std::string> types = {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"};
    if (std::find(types.begin(), types.end(), s.type) == types.end())
      e.unsupported("spec.type", s.type, types);
    if (s.ports.empty() && s.type != "ExternalName" && s.clusterIP != "None") e.required("spec.ports");
    std::set<std::string> names;
    for (size_t i = 0; i < s.ports.size(); i++) {
      const auto& p = s.ports[i];
      std::string f = "spec.ports[" + std::to_string(i) + "]";
      if (s.ports.size() > 1 && p.name.empty()) e.required(f + ".name");
      if (!p.name.empty() && !names.insert(p.name).second) e.duplicate(f + ".name", quote(p.name));
      if (p.port < 1 || p.port > 65535) e.invalid(f + ".port", std::to_string(p.port), "must be between 1 and 65535, inclusive");
      if (!p.targetPort.isString && (p.targetPort.intVal < 1 || p.targetPort.intVal > 65535))
        e.invalid(f + ".targetPort", std::to_string(p.targetPort.intVal), "must be between 1 and 65535, inclusive");
      if (p.nodePort != 0 && s.type == "ClusterIP")
        e.forbidden(f + ".nodePort", "may not be used when `type` is 'ClusterIP'");
      if (p.protocol != "TCP" && p.protocol != "UDP" && p.protocol != "SCTP")
        e.unsupported(f + ".protocol", p.protocol, {"SCTP", "TCP", "UDP"});
    }
    if (s.sessionAffinity != "None" && s.sessionAffinity != "ClientIP")
      e.unsupported("spec.sessionAffinity", s.sessionAffinity, {"ClientIP", "None"});
    validateLabels(e, s.selector, "spec.selector");
    if (old) {
      const auto& o = static_cast<const Service&>(*old).spec;
      if (!s.clusterIP.empty() && !o.clusterIP.empty() && s.clusterIP != o.clusterIP)
        e.invalid("spec.clusterIPs[0]", quote(s.clusterIP), "may not change once set");
    }
  }
  if (kind == "ConfigMap" || kind == "Secret") {
    const StringMap& data = kind == "ConfigMap" ? static_cast<const ConfigMap&>(obj).data
                                                : static_cast<const Secret&>(obj).data;
    static const std::regex keyRe("[-._a-zA-Z0-9]+");
    for (const auto& [k, v] : data)
      if (k.size() > 253 || !std::regex_match(k, keyRe))
        e.invalid("data[" + k + "]", quote(k), "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
    if (old) {
      Json a = obj.toJson(), b = old->toJson();
      bool wasImmutable = b.value("immutable", false);
      if (wasImmutable && (a.value("data", Json()) != b.value("data", Json()) ||
                           a.value("binaryData", Json()) != b.value("binaryData", Json())))
        e.forbidden("data", "field is immutable when `immutable` is set");
      if (wasImmutable && !a.value("immutable", false))
        e.forbidden("immutable", "field is immutable when `immutable` is set");
      if (kind == "Secret" && static_cast<const Secret&>(obj).type != static_cast<const Secret&>(*old).type)
        e.invalid("type", quote(static_cast<const Secret&>(obj).type), "field is immutable");
    }
  } else if (kind == "DaemonSet") {
    const auto& ds = static_cast<const DaemonSet&>(obj);
    validateLabelSelector(e, ds.spec.selector, ds.spec.template_, "spec");
    validatePodSpec(e, ds.spec.template_.spec, "spec.template.spec");
    if (ds.spec.template_.spec.restartPolicy != "Always")
      e.unsupported("spec.template.spec.restartPolicy", ds.spec.template_.spec.restartPolicy, {"Always"});
    if (ds.spec.updateStrategyType != "RollingUpdate" && ds.spec.updateStrategyType != "OnDelete")
      e.unsupported("spec.updateStrategy.type", ds.spec.updateStrategyType, {"OnDelete", "RollingUpdate"});
  } else if (kind == "Job") {
    const auto& job = static_cast<const Job&>(obj);
    auto nonNegative = [&](const char* field, std::optional<int64_t> v) {
      if (v && *v < 0) e.invalid(field, std::to_string(*v), "must be greater than or equal to 0");
    };
    auto widen = [](const std::optional<int>& v) { return v ? std::optional<int64_t>(*v) : std::nullopt; };
    nonNegative("spec.parallelism", widen(job.spec.parallelism));
    nonNegative("spec.completions", widen(job.spec.completions));
    nonNegative("spec.backoffLimit", widen(job.spec.backoffLimit));
    if (job.spec.activeDeadlineSeconds && *job.spec.activeDeadlineSeconds <= 0)
      e.invalid("spec.activeDeadlineSeconds", std::to_string(*job.spec.activeDeadlineSeconds), "must be greater than or equal to 0");
    validatePodSpec(e, job.spec.template_.spec, "spec.template.spec");
    const auto& rp = job.spec.template_.spec.restartPolicy;
    if (rp != "OnFailure" && rp != "Never") e.unsupported("spec.template.spec.restartPolicy", rp, {"OnFailure", "Never"});
    if (old) {
      const auto& o = static_cast<const Job&>(*old);
      if (toJson(o.spec.template_) != toJson(job.spec.template_))
        e.invalid("spec.template", "core.PodTemplateSpec{...}", "field is immutable");
      if (o.spec.completions != job.spec.completions)
        e.invalid("spec.completions", std::to_string(job.spec.completions.value_or(0)), "field is immutable");
    }
  }
  if (e.causes.empty()) return Status::success();
  return Status::invalid(r, obj.metadata.name, std::move(e.causes));
}

}  // namespace kp
