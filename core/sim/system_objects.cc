// The kube-proxy and kindnet DaemonSets of a minikube cluster (kubeadm's kube-proxy addon and
// minikube's kindnet CNI manifest, reduced to what the simulation shows) and the API server's
// own EndpointSlice.
#include "core/sim/system_objects.h"

#include <cstdio>
#include <tuple>

#include "core/api/json.h"
#include "core/api/json_object.h"
#include "core/apiserver/apiserver.h"
#include "core/apiserver/rbac.h"
#include "core/controllers/workloads.h"

namespace kp {

void adoptSystemDaemonPods(ApiServer& api) {
  struct Spec {
    const char* name;
    const char* image;
    StringMap podLabels;
    StringMap dsLabels;
    const char* cpu;
    const char* memory;
  };
  const std::vector<Spec> specs = {
      {"kube-proxy", "registry.k8s.io/kube-proxy:v1.32.4", {{"k8s-app", "kube-proxy"}}, {{"k8s-app", "kube-proxy"}}, nullptr, nullptr},
      {"kindnet", "kindest/kindnetd:v20241108-5c6d2daf", {{"app", "kindnet"}, {"k8s-app", "kindnet"}, {"tier", "node"}},
       {{"app", "kindnet"}, {"k8s-app", "kindnet"}, {"tier", "node"}}, "100m", "50Mi"},
  };
  for (const auto& s : specs) {
    auto ds = std::make_shared<DaemonSet>();
    ds->metadata.namespace_ = "kube-system";
    ds->metadata.name = s.name;
    ds->metadata.labels = s.dsLabels;
    ds->metadata.annotations["deprecated.daemonset.template.generation"] = "1";
    ds->spec.selector.matchLabels = {{"k8s-app", s.podLabels.at("k8s-app")}};
    if (std::string(s.name) == "kindnet") ds->spec.selector.matchLabels = {{"app", "kindnet"}};
    ds->spec.template_.metadata.labels = s.podLabels;
    Container c;
    c.name = std::string(s.name) == "kindnet" ? "kindnet-cni" : s.name;
    c.image = s.image;
    c.imagePullPolicy = "IfNotPresent";
    if (s.cpu) c.resources.requests["cpu"] = s.cpu, c.resources.limits["cpu"] = s.cpu;
    if (s.memory) c.resources.requests["memory"] = s.memory, c.resources.limits["memory"] = s.memory;
    auto& ps = ds->spec.template_.spec;
    ps.containers = {c};
    ps.hostNetwork = true;
    ps.priorityClassName = "system-node-critical";
    ps.serviceAccountName = std::string(s.name) == "kindnet" ? "kindnet" : "kube-proxy";
    ps.tolerations = {{"", "Exists", "", "", std::nullopt}};
    if (std::string(s.name) == "kube-proxy") ps.nodeSelector = {{"kubernetes.io/os", "linux"}};
    auto created = api.create(ds);
    if (!created.ok()) continue;
    const auto& stored = static_cast<const DaemonSet&>(*created.value);
    std::string uid = stored.metadata.uid, hash = daemonSetRevisionHash(stored.spec.template_);
    for (const auto& pod : api.store().list<Pod>("kube-system")) {
      const OwnerReference* ref = pod->metadata.controllerRef();
      if (!ref || ref->kind != "DaemonSet" || ref->name != s.name) continue;
      auto copy = std::make_shared<Pod>(*pod);
      for (auto& r : copy->metadata.ownerReferences)
        if (r.controller) r.uid = uid;
      copy->metadata.labels["controller-revision-hash"] = hash;
      api.update(copy);
    }
  }
}

void createKubernetesEndpointSlice(ApiServer& api) {
  auto es = std::make_shared<EndpointSlice>();
  es->metadata.namespace_ = "default";
  es->metadata.name = "kubernetes";
  es->metadata.labels = {{"kubernetes.io/service-name", "kubernetes"}};
  es->addressType = "IPv4";
  Endpoint e;
  e.addresses = {"192.168.49.2"};
  e.conditions.ready = true;
  es->endpoints = {e};
  es->ports = {{std::string("https"), std::string("TCP"), 8443}};
  api.create(es);
}

void createStorageAndPriorityClasses(ApiServer& api) {
  auto sc = makeJsonObject("StorageClass");
  sc->metadata.name = "standard";
  sc->metadata.labels = {{"addonmanager.kubernetes.io/mode", "EnsureExists"}};
  sc->metadata.annotations = {{"storageclass.kubernetes.io/is-default-class", "true"}};
  sc->body = {{"provisioner", "k8s.io/minikube-hostpath"}, {"reclaimPolicy", "Delete"}, {"volumeBindingMode", "Immediate"}};
  api.create(sc);
  for (auto [name, value, text] : {std::tuple{"system-cluster-critical", 2000000000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."},
                                   std::tuple{"system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node."}}) {
    auto pc = makeJsonObject("PriorityClass");
    pc->metadata.name = name;
    pc->body = {{"value", value}, {"description", text}, {"globalDefault", false}};
    api.create(pc);
  }
}

void createBootstrapRbac(ApiServer& api) {
  std::vector<ObjectPtr> objects;
  for (Json j : bootstrapRbacObjects()) {
    // A uid from the name (FNV-1a) in the uuid layout: no draw from the cluster's RNG.
    std::string key = j["kind"].get<std::string>() + "/" + j["metadata"]["name"].get<std::string>();
    uint64_t h = 1469598103934665603ull;
    for (char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    char uid[40];
    std::snprintf(uid, sizeof uid, "%08x-%04x-4%03x-8%03x-%012llx", static_cast<unsigned>(h >> 32),
                  static_cast<unsigned>(h >> 16) & 0xffff, static_cast<unsigned>(h) & 0xfff,
                  static_cast<unsigned>(h >> 40) & 0xfff, static_cast<unsigned long long>(h * 31) & 0xffffffffffffull);
    j["metadata"]["uid"] = uid;
    j["metadata"]["creationTimestamp"] = formatTime(api.now() / 1000 * 1000);
    std::string error;
    if (auto obj = objectFromJson(j, &error)) objects.push_back(obj);
  }
  api.restore(objects);
}

}  // namespace kp
