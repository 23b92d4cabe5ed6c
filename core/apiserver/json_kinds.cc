// The rows of the JSON-kept kinds: defaults as pkg/apis/*/v1/defaults.go sets them, the checks
// of pkg/apis/*/validation that a learner runs into, and the printers.go columns (1.32).
#include "core/apiserver/json_kinds.h"

#include <algorithm>

#include "core/api/cron.h"
#include "core/api/format.h"
#include "core/api/json.h"
#include "core/api/selector.h"

namespace kp {

using admission::Errors;
using admission::quote;

namespace {

// ------------------------------------------------------------------ reading the wire form

const Json& at(const Json& j, std::initializer_list<const char*> path) {
  static const Json kNull;
  const Json* cur = &j;
  for (const char* k : path) {
    if (!cur->is_object()) return kNull;
    auto it = cur->find(k);
    if (it == cur->end()) return kNull;
    cur = &*it;
  }
  return *cur;
}
std::string str(const Json& j, std::initializer_list<const char*> path, const std::string& fallback = "") {
  const Json& v = at(j, path);
  return v.is_string() ? v.get<std::string>() : fallback;
}
int64_t num(const Json& j, std::initializer_list<const char*> path, int64_t fallback = 0) {
  const Json& v = at(j, path);
  return v.is_number_integer() ? v.get<int64_t>() : fallback;
}
size_t count(const Json& j, std::initializer_list<const char*> path) {
  const Json& v = at(j, path);
  return v.is_array() ? v.size() : 0;
}
// An IntOrString or Quantity cell as Go prints it ("1", "50%", "1Gi").
std::string scalar(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}
void setDefault(Json& j, const char* key, Json value) {
  if (!j.is_object()) j = Json::object();
  if (!j.contains(key) || j[key].is_null()) j[key] = std::move(value);
}
// Adds the keys `from` has and `into` lacks, through objects and equally long arrays: the
// typed defaulting's result laid over the original, so no field the types drop is lost.
void mergeMissing(Json& into, const Json& from) {
  if (into.is_object() && from.is_object()) {
    for (auto it = from.begin(); it != from.end(); ++it) {
      if (!into.contains(it.key())) into[it.key()] = it.value();
      else mergeMissing(into[it.key()], it.value());
    }
  } else if (into.is_array() && from.is_array() && into.size() == from.size()) {
    for (size_t i = 0; i < into.size(); i++) mergeMissing(into[i], from[i]);
  }
}

// SetDefaults_PodSpec and friends on a pod template kept as JSON.
void defaultTemplateJson(Json& tmpl) {
  if (!tmpl.is_object()) return;
  PodTemplateSpec t;
  if (!fromJson(tmpl, t, nullptr)) return;
  admission::defaultTemplate(t);
  mergeMissing(tmpl, toJson(t));
}
PodTemplateSpec templateOf(const Json& tmpl) {
  PodTemplateSpec t;
  if (tmpl.is_object()) fromJson(tmpl, t, nullptr);
  return t;
}

std::string accessModes(const Json& modes) {
  static const std::pair<const char*, const char*> kShort[] = {
      {"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"}, {"ReadWriteOncePod", "RWOP"}};
  std::string out;
  for (const auto& [mode, abbrev] : kShort)
    if (modes.is_array() && std::find(modes.begin(), modes.end(), Json(mode)) != modes.end())
      out += (out.empty() ? "" : ",") + std::string(abbrev);
  return out;
}

Json age(const JsonObject& o, Time now) { return ageSince(o.metadata.creationTimestamp, now); }
Json name(const JsonObject& o, Time) { return o.metadata.name; }
Json containersCell(const Json& tmpl) {
  std::string names;
  for (const auto& c : templateOf(tmpl).spec.containers) names += (names.empty() ? "" : ",") + c.name;
  return names;
}
Json imagesCell(const Json& tmpl) {
  std::string images;
  for (const auto& c : templateOf(tmpl).spec.containers) images += (images.empty() ? "" : ",") + c.image;
  return images;
}

constexpr const char* kNameDoc = "The object's name, unique in its namespace (or in the cluster for cluster-wide kinds).";
constexpr const char* kAgeDoc = "How long ago the object was created.";
JsonKindColumn nameCol() { return {"Name", "string", 0, kNameDoc, name}; }
JsonKindColumn ageCol() { return {"Age", "string", 0, kAgeDoc, age}; }

// ------------------------------------------------------------------ storage

void defaultPv(JsonObject& o) {
  setDefault(o.body["spec"], "persistentVolumeReclaimPolicy", "Retain");
  setDefault(o.body["spec"], "volumeMode", "Filesystem");
  setDefault(o.body["status"], "phase", "Pending");
}
void defaultPvc(JsonObject& o) {
  setDefault(o.body["spec"], "volumeMode", "Filesystem");
  setDefault(o.body["status"], "phase", "Pending");
}
void defaultStorageClass(JsonObject& o) {
  setDefault(o.body, "reclaimPolicy", "Delete");
  setDefault(o.body, "volumeBindingMode", "Immediate");
}
void validatePvc(Errors& e, const JsonObject& o, const JsonObject* old) {
  if (count(o.body, {"spec", "accessModes"}) == 0) e.required("spec.accessModes");
  if (at(o.body, {"spec", "resources", "requests", "storage"}).is_null()) e.required("spec.resources[storage]");
  if (old && at(old->body, {"spec"}) != at(o.body, {"spec"}) &&
      at(old->body, {"spec", "accessModes"}) != at(o.body, {"spec", "accessModes"}))
    e.forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims");
}
void validatePv(Errors& e, const JsonObject& o, const JsonObject*) {
  if (count(o.body, {"spec", "accessModes"}) == 0) e.required("spec.accessModes");
  if (at(o.body, {"spec", "capacity", "storage"}).is_null()) e.required("spec.capacity");
}

std::vector<JsonKindColumn> pvColumns() {
  return {nameCol(),
          {"Capacity", "string", 0, "The volume's size.", [](const JsonObject& o, Time) -> Json {
             std::string s = scalar(at(o.body, {"spec", "capacity", "storage"}));
             return s.empty() ? "0" : s;
           }},
          {"Access Modes", "string", 0, "How the volume can be mounted.", [](const JsonObject& o, Time) -> Json {
             return accessModes(at(o.body, {"spec", "accessModes"}));
           }},
          {"Reclaim Policy", "string", 0, "What happens to the volume when its claim goes.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "persistentVolumeReclaimPolicy"});
           }},
          {"Status", "string", 0, "The volume's phase.", [](const JsonObject& o, Time) -> Json {
             return o.metadata.deletionTimestamp != kNoTime ? "Terminating" : str(o.body, {"status", "phase"});
           }},
          {"Claim", "string", 0, "The claim bound to the volume.", [](const JsonObject& o, Time) -> Json {
             const Json& ref = at(o.body, {"spec", "claimRef"});
             return ref.is_object() ? str(ref, {"namespace"}) + "/" + str(ref, {"name"}) : "";
           }},
          {"StorageClass", "string", 0, "StorageClass of the pv", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "storageClassName"});
           }},
          {"VolumeAttributesClass", "string", 0, "VolumeAttributesClass of the pv", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "volumeAttributesClassName"}, "<unset>");
           }},
          {"Reason", "string", 0, "Why the volume is in its phase.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"status", "reason"});
           }},
          ageCol(),
          {"VolumeMode", "string", 1, "Filesystem or Block.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "volumeMode"}, "<unset>");
           }}};
}

std::vector<JsonKindColumn> pvcColumns() {
  return {nameCol(),
          {"Status", "string", 0, "The claim's phase.", [](const JsonObject& o, Time) -> Json {
             return o.metadata.deletionTimestamp != kNoTime ? "Terminating" : str(o.body, {"status", "phase"});
           }},
          {"Volume", "string", 0, "The volume bound to the claim.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "volumeName"});
           }},
          {"Capacity", "string", 0, "The bound volume's size.", [](const JsonObject& o, Time) -> Json {
             if (!str(o.body, {"spec", "volumeName"}).empty()) {
               std::string s = scalar(at(o.body, {"status", "capacity", "storage"}));
               return s.empty() ? "0" : s;
             }
             return "";
           }},
          {"Access Modes", "string", 0, "How the bound volume can be mounted.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "volumeName"}).empty() ? "" : accessModes(at(o.body, {"status", "accessModes"}));
           }},
          {"StorageClass", "string", 0, "StorageClass of the pvc", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "storageClassName"});
           }},
          {"VolumeAttributesClass", "string", 0, "VolumeAttributesClass of the pvc", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "volumeAttributesClassName"}, "<unset>");
           }},
          ageCol(),
          {"VolumeMode", "string", 1, "Filesystem or Block.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "volumeMode"}, "<unset>");
           }}};
}

std::vector<JsonKindColumn> storageClassColumns() {
  return {{"Name", "string", 0, kNameDoc, [](const JsonObject& o, Time) -> Json {
             auto it = o.metadata.annotations.find("storageclass.kubernetes.io/is-default-class");
             bool dflt = it != o.metadata.annotations.end() && it->second == "true";
             return o.metadata.name + (dflt ? " (default)" : "");
           }},
          {"Provisioner", "string", 0, "The volume plugin that makes this class's volumes.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"provisioner"});
           }},
          {"ReclaimPolicy", "string", 0, "What happens to a volume of this class when its claim goes.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"reclaimPolicy"}, "Delete");
           }},
          {"VolumeBindingMode", "string", 0, "When claims of this class are bound.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"volumeBindingMode"}, "Immediate");
           }},
          {"AllowVolumeExpansion", "string", 0, "Whether claims of this class may grow.", [](const JsonObject& o, Time) -> Json {
             const Json& v = at(o.body, {"allowVolumeExpansion"});
             return v.is_boolean() && v.get<bool>();
           }},
          ageCol()};
}

// ------------------------------------------------------------------ workloads

void defaultStatefulSet(JsonObject& o) {
  Json& spec = o.body["spec"];
  setDefault(spec, "replicas", 1);
  setDefault(spec, "podManagementPolicy", "OrderedReady");
  setDefault(spec, "revisionHistoryLimit", 10);
  setDefault(spec, "updateStrategy", Json{{"type", "RollingUpdate"}});
  if (spec["updateStrategy"].value("type", "") == "RollingUpdate")
    setDefault(spec["updateStrategy"], "rollingUpdate", Json{{"partition", 0}});
  setDefault(spec, "persistentVolumeClaimRetentionPolicy", Json{{"whenDeleted", "Retain"}, {"whenScaled", "Retain"}});
  defaultTemplateJson(spec["template"]);
  if (spec.contains("volumeClaimTemplates") && spec["volumeClaimTemplates"].is_array()) {
    for (auto& pvc : spec["volumeClaimTemplates"]) {
      if (!pvc.is_object()) continue;
      setDefault(pvc, "apiVersion", "v1");
      setDefault(pvc, "kind", "PersistentVolumeClaim");
      setDefault(pvc["metadata"], "creationTimestamp", nullptr);
      setDefault(pvc["spec"], "volumeMode", "Filesystem");
      setDefault(pvc["status"], "phase", "Pending");
    }
  }
  setDefault(o.body, "status", Json{{"replicas", 0}, {"availableReplicas", 0}});
}
void validateStatefulSet(Errors& e, const JsonObject& o, const JsonObject* old) {
  const Json& spec = at(o.body, {"spec"});
  int64_t replicas = num(spec, {"replicas"}, 1);
  if (replicas < 0) e.invalid("spec.replicas", std::to_string(replicas), "must be greater than or equal to 0");
  PodTemplateSpec t = templateOf(at(spec, {"template"}));
  admission::validateLabelSelector(e, labelSelectorFromJson(at(spec, {"selector"})), t, "spec");
  admission::validatePodSpec(e, t.spec, "spec.template.spec");
  std::string policy = str(spec, {"podManagementPolicy"});
  if (policy != "OrderedReady" && policy != "Parallel")
    e.unsupported("spec.podManagementPolicy", policy, {"OrderedReady", "Parallel"});
  if (old) {
    Json a = spec, b = at(old->body, {"spec"});
    for (const char* mutableField : {"replicas", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy",
                                     "minReadySeconds", "ordinals", "revisionHistoryLimit"}) {
      a.erase(mutableField);
      b.erase(mutableField);
    }
    if (a != b)
      e.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
  }
}
std::vector<JsonKindColumn> statefulSetColumns() {
  return {nameCol(),
          {"Ready", "string", 0, "Ready pods out of the wanted replicas.", [](const JsonObject& o, Time) -> Json {
             return std::to_string(num(o.body, {"status", "readyReplicas"})) + "/" +
                    std::to_string(num(o.body, {"spec", "replicas"}, 1));
           }},
          ageCol(),
          {"Containers", "string", 1, "Names of each container in the template.", [](const JsonObject& o, Time) -> Json {
             return containersCell(at(o.body, {"spec", "template"}));
           }},
          {"Images", "string", 1, "Images referenced by each container in the template.", [](const JsonObject& o, Time) -> Json {
             return imagesCell(at(o.body, {"spec", "template"}));
           }}};
}

void defaultCronJob(JsonObject& o) {
  Json& spec = o.body["spec"];
  setDefault(spec, "concurrencyPolicy", "Allow");
  setDefault(spec, "suspend", false);
  setDefault(spec, "successfulJobsHistoryLimit", 3);
  setDefault(spec, "failedJobsHistoryLimit", 1);
  if (spec.contains("jobTemplate") && spec["jobTemplate"].is_object()) {
    Json& jt = spec["jobTemplate"];
    setDefault(jt["metadata"], "creationTimestamp", nullptr);
    if (jt.contains("spec") && jt["spec"].is_object()) defaultTemplateJson(jt["spec"]["template"]);
  }
  setDefault(o.body, "status", Json::object());
}
void validateCronJob(Errors& e, const JsonObject& o, const JsonObject*) {
  const Json& spec = at(o.body, {"spec"});
  std::string schedule = str(spec, {"schedule"});
  if (schedule.empty()) e.required("spec.schedule");
  else if (!CronSchedule::parse(schedule)) e.invalid("spec.schedule", quote(schedule), "unparseable schedule: " + quote(schedule));
  std::string policy = str(spec, {"concurrencyPolicy"});
  if (policy != "Allow" && policy != "Forbid" && policy != "Replace")
    e.unsupported("spec.concurrencyPolicy", policy, {"Allow", "Forbid", "Replace"});
  PodTemplateSpec t = templateOf(at(spec, {"jobTemplate", "spec", "template"}));
  admission::validatePodSpec(e, t.spec, "spec.jobTemplate.spec.template.spec");
  const auto& rp = t.spec.restartPolicy;
  if (rp != "OnFailure" && rp != "Never")
    e.unsupported("spec.jobTemplate.spec.template.spec.restartPolicy", rp, {"OnFailure", "Never"});
  if (o.metadata.name.size() > 52)
    e.invalid("metadata.name", quote(o.metadata.name), "must be no more than 52 characters");
}
std::vector<JsonKindColumn> cronJobColumns() {
  return {nameCol(),
          {"Schedule", "string", 0, "When jobs are started, in cron form.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "schedule"});
           }},
          {"Timezone", "string", 0, "The time zone of the schedule.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "timeZone"}, "<none>");
           }},
          {"Suspend", "boolean", 0, "Whether new jobs are held back.", [](const JsonObject& o, Time) -> Json {
             const Json& v = at(o.body, {"spec", "suspend"});
             return v.is_boolean() ? (v.get<bool>() ? "True" : "False") : "<unset>";
           }},
          {"Active", "integer", 0, "Jobs of this CronJob that are running.", [](const JsonObject& o, Time) -> Json {
             return static_cast<int64_t>(count(o.body, {"status", "active"}));
           }},
          {"Last Schedule", "string", 0, "When a job was last started.", [](const JsonObject& o, Time now) -> Json {
             auto t = parseTime(str(o.body, {"status", "lastScheduleTime"}));
             return t ? ageSince(*t, now) : "<none>";
           }},
          ageCol(),
          {"Containers", "string", 1, "Names of each container in the template.", [](const JsonObject& o, Time) -> Json {
             return containersCell(at(o.body, {"spec", "jobTemplate", "spec", "template"}));
           }},
          {"Images", "string", 1, "Images referenced by each container in the template.", [](const JsonObject& o, Time) -> Json {
             return imagesCell(at(o.body, {"spec", "jobTemplate", "spec", "template"}));
           }},
          {"Selector", "string", 1, "The jobs' pod selector.", [](const JsonObject& o, Time) -> Json {
             const Json& s = at(o.body, {"spec", "jobTemplate", "spec", "selector"});
             return s.is_object() ? formatLabelSelector(labelSelectorFromJson(s)) : "<none>";
           }}};
}

void defaultHpa(JsonObject& o) {
  Json& spec = o.body["spec"];
  setDefault(spec, "minReplicas", 1);
  if (!spec.contains("metrics") || !spec["metrics"].is_array() || spec["metrics"].empty())
    spec["metrics"] = Json::array({{{"type", "Resource"},
                                    {"resource", {{"name", "cpu"}, {"target", {{"type", "Utilization"}, {"averageUtilization", 80}}}}}}});
  setDefault(o.body, "status", Json{{"currentReplicas", 0}, {"desiredReplicas", 0}});
}
// formatHPAMetrics: "cpu: 12%/80%", "<unknown>" before the first measurement.
std::string hpaTargets(const JsonObject& o) {
  const Json& specs = at(o.body, {"spec", "metrics"});
  const Json& current = at(o.body, {"status", "currentMetrics"});
  std::vector<std::string> list;
  for (size_t i = 0; specs.is_array() && i < specs.size(); i++) {
    const Json& m = specs[i];
    if (str(m, {"type"}) != "Resource") {
      list.push_back("<unknown>/" + scalar(at(m, {"external", "target", "value"})));
      continue;
    }
    const Json& target = at(m, {"resource", "target"});
    const Json* cur = current.is_array() && i < current.size() ? &current[i] : nullptr;
    std::string res = str(m, {"resource", "name"});
    if (!at(target, {"averageValue"}).is_null()) {
      std::string now = cur ? scalar(at(*cur, {"resource", "current", "averageValue"})) : "";
      list.push_back(res + ": " + (now.empty() ? "<unknown>" : now) + "/" + scalar(at(target, {"averageValue"})));
    } else {
      const Json& util = cur ? at(*cur, {"resource", "current", "averageUtilization"}) : Json();
      std::string now = util.is_number_integer() ? std::to_string(util.get<int64_t>()) + "%" : "<unknown>";
      const Json& want = at(target, {"averageUtilization"});
      list.push_back(res + ": " + now + "/" + (want.is_number_integer() ? std::to_string(want.get<int64_t>()) + "%" : "<auto>"));
    }
  }
  if (list.empty()) return "<none>";
  const size_t max = 2;
  std::string out;
  for (size_t i = 0; i < list.size() && i < max; i++) out += (i ? ", " : "") + list[i];
  if (list.size() > max) out += " + " + std::to_string(list.size() - max) + " more...";
  return out;
}
void validateHpa(Errors& e, const JsonObject& o, const JsonObject*) {
  const Json& spec = at(o.body, {"spec"});
  int64_t min = num(spec, {"minReplicas"}, 1), max = num(spec, {"maxReplicas"}, 0);
  if (str(spec, {"scaleTargetRef", "kind"}).empty()) e.required("spec.scaleTargetRef.kind");
  if (str(spec, {"scaleTargetRef", "name"}).empty()) e.required("spec.scaleTargetRef.name");
  if (min < 1) e.invalid("spec.minReplicas", std::to_string(min), "must be greater than or equal to 1");
  if (max < min) e.invalid("spec.maxReplicas", std::to_string(max), "must be greater than or equal to `minReplicas`");
}
std::vector<JsonKindColumn> hpaColumns() {
  return {nameCol(),
          {"Reference", "string", 0, "The scaled object.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "scaleTargetRef", "kind"}) + "/" + str(o.body, {"spec", "scaleTargetRef", "name"});
           }},
          {"Targets", "string", 0, "Current and wanted values of the metrics.", [](const JsonObject& o, Time) -> Json {
             return hpaTargets(o);
           }},
          {"MinPods", "string", 0, "The fewest replicas.", [](const JsonObject& o, Time) -> Json {
             const Json& v = at(o.body, {"spec", "minReplicas"});
             return v.is_number_integer() ? Json(v.get<int64_t>()) : Json("<unset>");
           }},
          {"MaxPods", "string", 0, "The most replicas.", [](const JsonObject& o, Time) -> Json {
             return num(o.body, {"spec", "maxReplicas"});
           }},
          {"Replicas", "string", 0, "The replicas the target has now.", [](const JsonObject& o, Time) -> Json {
             return num(o.body, {"status", "currentReplicas"});
           }},
          ageCol()};
}

// ------------------------------------------------------------------ networking and policy

void validateIngress(Errors& e, const JsonObject& o, const JsonObject*) {
  const Json& rules = at(o.body, {"spec", "rules"});
  bool backend = !at(o.body, {"spec", "defaultBackend"}).is_null();
  if ((!rules.is_array() || rules.empty()) && !backend)
    e.invalid("spec", "{}", "either `defaultBackend` or `rules` must be specified");
  for (size_t i = 0; rules.is_array() && i < rules.size(); i++) {
    const Json& paths = at(rules[i], {"http", "paths"});
    for (size_t p = 0; paths.is_array() && p < paths.size(); p++) {
      std::string f = "spec.rules[" + std::to_string(i) + "].http.paths[" + std::to_string(p) + "]";
      std::string type = str(paths[p], {"pathType"});
      if (type.empty()) e.required(f + ".pathType", "pathType must be specified");
      else if (type != "Exact" && type != "Prefix" && type != "ImplementationSpecific")
        e.unsupported(f + ".pathType", type, {"Exact", "ImplementationSpecific", "Prefix"});
      std::string path = str(paths[p], {"path"});
      if (type != "ImplementationSpecific" && (path.empty() || path[0] != '/'))
        e.invalid(f + ".path", quote(path), "must be an absolute path");
    }
  }
}
std::vector<JsonKindColumn> ingressColumns() {
  return {nameCol(),
          {"Class", "string", 0, "The IngressClass that serves the ingress.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "ingressClassName"}, "<none>");
           }},
          {"Hosts", "string", 0, "The host names the rules match.", [](const JsonObject& o, Time) -> Json {
             const Json& rules = at(o.body, {"spec", "rules"});
             std::vector<std::string> hosts;
             bool more = false;
             for (size_t i = 0; rules.is_array() && i < rules.size(); i++) {
               if (hosts.size() == 3) more = true;
               std::string h = str(rules[i], {"host"});
               if (!more && !h.empty()) hosts.push_back(h);
             }
             if (hosts.empty()) return "*";
             std::string out;
             for (size_t i = 0; i < hosts.size(); i++) out += (i ? "," : "") + hosts[i];
             if (more) out += " + " + std::to_string(rules.size() - 3) + " more...";
             return out;
           }},
          {"Address", "string", 0, "Where the ingress controller receives traffic.", [](const JsonObject& o, Time) -> Json {
             const Json& lb = at(o.body, {"status", "loadBalancer", "ingress"});
             std::string out;
             for (size_t i = 0; lb.is_array() && i < lb.size(); i++) {
               std::string a = str(lb[i], {"ip"});
               if (a.empty()) a = str(lb[i], {"hostname"});
               if (!a.empty()) out += (out.empty() ? "" : ",") + a;
             }
             return out;
           }},
          {"Ports", "string", 0, "The ports the ingress listens on.", [](const JsonObject& o, Time) -> Json {
             return count(o.body, {"spec", "tls"}) ? "80, 443" : "80";
           }},
          ageCol()};
}
std::vector<JsonKindColumn> ingressClassColumns() {
  return {nameCol(),
          {"Controller", "string", 0, "The controller that serves this class.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"spec", "controller"});
           }},
          {"Parameters", "string", 0, "The object holding the controller's settings.", [](const JsonObject& o, Time) -> Json {
             const Json& p = at(o.body, {"spec", "parameters"});
             if (!p.is_object()) return "<none>";
             std::string group = str(p, {"apiGroup"});
             return str(p, {"kind"}) + (group.empty() ? "" : "." + group) + "/" + str(p, {"name"});
           }},
          ageCol()};
}

void defaultNetworkPolicy(JsonObject& o) {
  Json& spec = o.body["spec"];
  setDefault(spec, "podSelector", Json::object());
  if (!spec.contains("policyTypes") || !spec["policyTypes"].is_array() || spec["policyTypes"].empty()) {
    Json types = Json::array({"Ingress"});
    if (spec.contains("egress") && spec["egress"].is_array()) types.push_back("Egress");
    spec["policyTypes"] = types;
  }
  for (const char* dir : {"ingress", "egress"}) {
    if (!spec.contains(dir) || !spec[dir].is_array()) continue;
    for (auto& rule : spec[dir])
      if (rule.is_object() && rule.contains("ports") && rule["ports"].is_array())
        for (auto& p : rule["ports"]) setDefault(p, "protocol", "TCP");
  }
}
std::vector<JsonKindColumn> networkPolicyColumns() {
  return {nameCol(),
          {"Pod-Selector", "string", 0, "The pods the policy applies to.", [](const JsonObject& o, Time) -> Json {
             return formatLabelSelector(labelSelectorFromJson(at(o.body, {"spec", "podSelector"})));
           }},
          ageCol()};
}

void validatePdb(Errors& e, const JsonObject& o, const JsonObject*) {
  const Json& spec = at(o.body, {"spec"});
  if (!at(spec, {"minAvailable"}).is_null() && !at(spec, {"maxUnavailable"}).is_null())
    e.invalid("spec", "policy.PodDisruptionBudgetSpec{...}", "minAvailable and maxUnavailable cannot be both set");
}
std::vector<JsonKindColumn> pdbColumns() {
  return {nameCol(),
          {"Min Available", "string", 0, "Pods that must stay available.", [](const JsonObject& o, Time) -> Json {
             const Json& v = at(o.body, {"spec", "minAvailable"});
             return v.is_null() ? "N/A" : scalar(v);
           }},
          {"Max Unavailable", "string", 0, "Pods that may be unavailable.", [](const JsonObject& o, Time) -> Json {
             const Json& v = at(o.body, {"spec", "maxUnavailable"});
             return v.is_null() ? "N/A" : scalar(v);
           }},
          {"Allowed Disruptions", "integer", 0, "Evictions allowed now.", [](const JsonObject& o, Time) -> Json {
             return num(o.body, {"status", "disruptionsAllowed"});
           }},
          ageCol()};
}

void defaultLimitRange(JsonObject& o) {
  Json& limits = o.body["spec"]["limits"];
  if (!limits.is_array()) return;
  for (auto& item : limits) {
    if (!item.is_object() || item.value("type", "") != "Container") continue;
    // SetDefaults_LimitRangeItem: default falls back to max, defaultRequest to default.
    if (item.contains("max") && item["max"].is_object())
      for (auto it = item["max"].begin(); it != item["max"].end(); ++it) setDefault(item["default"], it.key().c_str(), it.value());
    if (item.contains("default") && item["default"].is_object())
      for (auto it = item["default"].begin(); it != item["default"].end(); ++it)
        setDefault(item["defaultRequest"], it.key().c_str(), it.value());
  }
}

// printResourceQuota: "resource: used/hard" pairs sorted by name; limits.* go to the Limit
// column, everything else to Request.
std::string quotaCell(const JsonObject& o, bool limits) {
  const Json& hard = at(o.body, {"status", "hard"});
  const Json& used = at(o.body, {"status", "used"});
  std::string out;
  if (!hard.is_object()) return out;
  for (auto it = hard.begin(); it != hard.end(); ++it) {
    if ((it.key().rfind("limits.", 0) == 0) != limits) continue;
    std::string u = used.is_object() && used.contains(it.key()) ? scalar(used[it.key()]) : "";
    out += (out.empty() ? "" : ", ") + it.key() + ": " + (u.empty() ? "0" : u) + "/" + scalar(it.value());
  }
  return out;
}
std::vector<JsonKindColumn> resourceQuotaColumns() {
  return {nameCol(),
          {"Request", "string", 0, "Requests used and allowed.", [](const JsonObject& o, Time) -> Json { return quotaCell(o, false); }},
          {"Limit", "string", 0, "Limits used and allowed.", [](const JsonObject& o, Time) -> Json { return quotaCell(o, true); }},
          ageCol()};
}

// ------------------------------------------------------------------ identity and scheduling

void defaultPriorityClass(JsonObject& o) { setDefault(o.body, "preemptionPolicy", "PreemptLowerPriority"); }
void validatePriorityClass(Errors& e, const JsonObject& o, const JsonObject* old) {
  const Json& v = at(o.body, {"value"});
  if (!v.is_number_integer()) return;
  if (v.get<int64_t>() > 1000000000 && o.metadata.name.rfind("system-", 0) != 0)
    e.forbidden("value", "maximum allowed value of a user defined priority is 1000000000");
  if (old && at(old->body, {"value"}) != v) e.forbidden("value", "may not be changed in an update.");
}
std::vector<JsonKindColumn> priorityClassColumns() {
  return {nameCol(),
          {"Value", "integer", 0, "The priority of pods of this class.", [](const JsonObject& o, Time) -> Json {
             return num(o.body, {"value"});
           }},
          {"Global-Default", "boolean", 0, "Whether pods without a class get this one.", [](const JsonObject& o, Time) -> Json {
             const Json& v = at(o.body, {"globalDefault"});
             return v.is_boolean() && v.get<bool>();
           }},
          ageCol(),
          {"PreemptionPolicy", "string", 0, "Whether pods of this class may preempt others.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"preemptionPolicy"});
           }}};
}

std::vector<JsonKindColumn> serviceAccountColumns() {
  return {nameCol(),
          {"Secrets", "string", 0, "Secrets the account lists.", [](const JsonObject& o, Time) -> Json {
             return static_cast<int64_t>(count(o.body, {"secrets"}));
           }},
          ageCol()};
}

// SubjectsStrings: the users, groups and service accounts ("ns/name") a binding names.
std::string subjects(const JsonObject& o, const char* kind) {
  const Json& list = at(o.body, {"subjects"});
  std::string out;
  for (size_t i = 0; list.is_array() && i < list.size(); i++) {
    if (str(list[i], {"kind"}) != kind) continue;
    std::string s = std::string(kind) == "ServiceAccount" ? str(list[i], {"namespace"}) + "/" + str(list[i], {"name"})
                                                          : str(list[i], {"name"});
    out += (out.empty() ? "" : ", ") + s;
  }
  return out;
}
void validateBinding(Errors& e, const JsonObject& o, const JsonObject* old) {
  if (str(o.body, {"roleRef", "name"}).empty()) e.required("roleRef.name");
  std::string kind = str(o.body, {"roleRef", "kind"});
  if (kind != "Role" && kind != "ClusterRole") e.unsupported("roleRef.kind", kind, {"ClusterRole", "Role"});
  if (old && at(old->body, {"roleRef"}) != at(o.body, {"roleRef"}))
    e.invalid("roleRef", "rbac.RoleRef{...}", "cannot change roleRef");
}
std::vector<JsonKindColumn> bindingColumns() {
  return {nameCol(),
          {"Role", "string", 0, "The role the binding grants.", [](const JsonObject& o, Time) -> Json {
             return str(o.body, {"roleRef", "kind"}) + "/" + str(o.body, {"roleRef", "name"});
           }},
          ageCol(),
          {"Users", "string", 1, "Users in the binding", [](const JsonObject& o, Time) -> Json { return subjects(o, "User"); }},
          {"Groups", "string", 1, "Groups in the binding", [](const JsonObject& o, Time) -> Json { return subjects(o, "Group"); }},
          {"ServiceAccounts", "string", 1, "ServiceAccounts in the binding", [](const JsonObject& o, Time) -> Json {
             return subjects(o, "ServiceAccount");
           }}};
}

const std::vector<JsonKindRules>& allRules() {
  static const std::vector<JsonKindRules> rules = {
      {"ServiceAccount", false, nullptr, nullptr, serviceAccountColumns()},
      {"PersistentVolume", false, defaultPv, validatePv, pvColumns()},
      {"PersistentVolumeClaim", false, defaultPvc, validatePvc, pvcColumns()},
      {"StorageClass", false, defaultStorageClass, nullptr, storageClassColumns()},
      {"StatefulSet", true, defaultStatefulSet, validateStatefulSet, statefulSetColumns()},
      {"CronJob", true, defaultCronJob, validateCronJob, cronJobColumns()},
      {"HorizontalPodAutoscaler", true, defaultHpa, validateHpa, hpaColumns()},
      {"Ingress", true, nullptr, validateIngress, ingressColumns()},
      {"IngressClass", false, nullptr, nullptr, ingressClassColumns()},
      {"NetworkPolicy", true, defaultNetworkPolicy, nullptr, networkPolicyColumns()},
      {"PodDisruptionBudget", true, nullptr, validatePdb, pdbColumns()},
      {"ResourceQuota", false, nullptr, nullptr, resourceQuotaColumns()},
      {"LimitRange", false, defaultLimitRange, nullptr, {}},
      {"PriorityClass", false, defaultPriorityClass, validatePriorityClass, priorityClassColumns()},
      {"Role", false, nullptr, nullptr, {}},
      {"ClusterRole", false, nullptr, nullptr, {}},
      {"RoleBinding", false, nullptr, validateBinding, bindingColumns()},
      {"ClusterRoleBinding", false, nullptr, validateBinding, bindingColumns()},
  };
  return rules;
}

}  // namespace

const JsonKindRules* jsonKindRules(std::string_view kind) {
  for (const auto& r : allRules())
    if (kind == r.kind) return &r;
  return nullptr;
}

Json jsonKindTableColumns(std::string_view kind) {
  const JsonKindRules* rules = jsonKindRules(kind);
  if (!rules || rules->columns.empty()) return nullptr;
  Json cols = Json::array();
  for (const auto& c : rules->columns)
    cols.push_back({{"name", c.name}, {"type", c.type}, {"format", c.cell == name ? "name" : ""},
                    {"description", c.description}, {"priority", c.priority}});
  return cols;
}

Json jsonKindTableRow(const Object& o, Time now) {
  auto* jo = dynamic_cast<const JsonObject*>(&o);
  const JsonKindRules* rules = jo ? jsonKindRules(jo->kind()) : nullptr;
  if (!rules || rules->columns.empty()) return nullptr;
  Json cells = Json::array();
  for (const auto& c : rules->columns) cells.push_back(c.cell(*jo, now));
  return cells;
}

LabelSelector labelSelectorFromJson(const Json& j) {
  LabelSelector s;
  if (!j.is_object()) return s;
  if (j.contains("matchLabels") && j["matchLabels"].is_object())
    for (auto it = j["matchLabels"].begin(); it != j["matchLabels"].end(); ++it)
      if (it.value().is_string()) s.matchLabels[it.key()] = it.value().get<std::string>();
  if (j.contains("matchExpressions") && j["matchExpressions"].is_array())
    for (const auto& r : j["matchExpressions"]) {
      if (!r.is_object()) continue;
      LabelSelectorRequirement req{str(r, {"key"}), str(r, {"operator"}), {}};
      if (r.contains("values") && r["values"].is_array())
        for (const auto& v : r["values"])
          if (v.is_string()) req.values.push_back(v.get<std::string>());
      s.matchExpressions.push_back(std::move(req));
    }
  return s;
}

}  // namespace kp
