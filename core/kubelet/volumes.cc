// The kubelet's volume manager, reduced to what a container's files see: each volumeMount of a
// container mounts its pod volume's files on the container's file system. emptyDir lives as
// long as its pod (shared by the pod's containers); hostPath as long as its node's directory; a
// PersistentVolumeClaim's files are its bound volume's and outlive every pod; configMap, secret,
// downwardAPI and projected volumes are written from the objects when the container starts
// (their later updates are not carried over) and mounted read-only.
#include <algorithm>

#include "core/api/base64.h"
#include "core/apiserver/store.h"
#include "core/kubelet/container_fs.h"
#include "core/kubelet/kubelet.h"

namespace kp {

namespace {

// A configMap or secret volume: every key, or only the listed items (key -> path).
void writeKeys(ContainerFs& v, const StringMap& data, const Json& items, bool decode) {
  auto value = [&](const std::string& text) { return decode ? base64Decode(text) : text; };
  if (items.is_array() && !items.empty()) {
    for (const auto& it : items) {
      auto d = data.find(it.value("key", ""));
      if (d != data.end()) v.write("/" + it.value("path", d->first), value(d->second));
    }
    return;
  }
  for (const auto& [k, text] : data) v.write("/" + k, value(text));
}

// A downwardAPI item's value: metadata.name, .namespace, .uid, .labels, .annotations, or one
// label or annotation (metadata.labels['app']).
std::string fieldValue(const Pod& pod, const std::string& path) {
  const auto& m = pod.metadata;
  auto pairs = [](const StringMap& map) {
    std::string out;
    for (const auto& [k, val] : map) out += (out.empty() ? "" : "\n") + k + "=\"" + val + "\"";
    return out;
  };
  if (path == "metadata.name") return m.name;
  if (path == "metadata.namespace") return m.namespace_;
  if (path == "metadata.uid") return m.uid;
  if (path == "metadata.labels") return pairs(m.labels);
  if (path == "metadata.annotations") return pairs(m.annotations);
  for (const auto& [prefix, map] : {std::pair<std::string, const StringMap*>{"metadata.labels['", &m.labels},
                                    std::pair<std::string, const StringMap*>{"metadata.annotations['", &m.annotations}}) {
    if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size() + 2) {
      auto it = map->find(path.substr(prefix.size(), path.size() - prefix.size() - 2));
      return it == map->end() ? "" : it->second;
    }
  }
  if (path == "spec.nodeName") return pod.spec.nodeName;
  if (path == "spec.serviceAccountName") return pod.spec.serviceAccountName;
  return "";
}

void writeDownward(ContainerFs& v, const Pod& pod, const Json& items) {
  if (!items.is_array()) return;
  for (const auto& it : items)
    if (it.contains("fieldRef") && it["fieldRef"].is_object())
      v.write("/" + it.value("path", ""), fieldValue(pod, it["fieldRef"].value("fieldPath", "")));
}

}  // namespace

std::shared_ptr<ContainerFs> Kubelets::volumeFor(const Pod& pod, const Json& vol) {
  const std::string name = vol.value("name", "");
  auto shared = [&](const std::string& key) {
    auto& v = volumeData_[key];
    if (!v) v = ContainerFs::volume();
    return v;
  };
  if (vol.contains("emptyDir")) return shared("emptyDir:" + pod.metadata.uid + "/" + name);
  if (vol.contains("hostPath") && vol["hostPath"].is_object())
    return shared("hostPath:" + pod.spec.nodeName + ":" + ContainerFs::normalize(vol["hostPath"].value("path", "/")));
  if (vol.contains("persistentVolumeClaim") && vol["persistentVolumeClaim"].is_object()) {
    auto pvc = std::dynamic_pointer_cast<const JsonObject>(store_.get(
        *resourceForKind("PersistentVolumeClaim"), pod.metadata.namespace_, vol["persistentVolumeClaim"].value("claimName", "")));
    std::string pv = pvc ? pvc->field("spec").value("volumeName", "") : "";
    return pv.empty() ? nullptr : shared("pv:" + pv);
  }
  auto v = ContainerFs::volume();
  if (vol.contains("configMap") && vol["configMap"].is_object()) {
    if (auto cm = store_.get<ConfigMap>(pod.metadata.namespace_, vol["configMap"].value("name", "")))
      writeKeys(*v, cm->data, vol["configMap"].value("items", Json()), false);
  } else if (vol.contains("secret") && vol["secret"].is_object()) {
    if (auto sec = store_.get<Secret>(pod.metadata.namespace_, vol["secret"].value("secretName", "")))
      writeKeys(*v, sec->data, vol["secret"].value("items", Json()), true);
  } else if (vol.contains("downwardAPI") && vol["downwardAPI"].is_object()) {
    writeDownward(*v, pod, vol["downwardAPI"].value("items", Json()));
  } else if (vol.contains("projected") && vol["projected"].is_object()) {
    for (const auto& src : vol["projected"].value("sources", Json::array())) {
      if (src.contains("serviceAccountToken")) v->write("/" + src["serviceAccountToken"].value("path", "token"), "eyJhbGciOiJSUzI1NiJ9." + base64Encode(pod.metadata.uid));
      if (src.contains("configMap") && src["configMap"].is_object())
        if (auto cm = store_.get<ConfigMap>(pod.metadata.namespace_, src["configMap"].value("name", "")))
          writeKeys(*v, cm->data, src["configMap"].value("items", Json()), false);
      if (src.contains("downwardAPI") && src["downwardAPI"].is_object())
        writeDownward(*v, pod, src["downwardAPI"].value("items", Json()));
    }
  } else {
    return nullptr;
  }
  return v;
}

void Kubelets::mountVolumes(const Pod& pod, const Container& c, ContainerFs& fs) {
  if (!c.volumeMounts.is_array() || !pod.spec.volumes.is_array()) return;
  for (const auto& vm : c.volumeMounts) {
    if (!vm.is_object()) continue;
    std::string name = vm.value("name", "");
    auto vol = std::find_if(pod.spec.volumes.begin(), pod.spec.volumes.end(),
                            [&](const Json& v) { return v.is_object() && v.value("name", "") == name; });
    if (vol == pod.spec.volumes.end()) continue;
    auto data = volumeFor(pod, *vol);
    if (!data) continue;
    bool written = vol->contains("configMap") || vol->contains("secret") || vol->contains("downwardAPI") || vol->contains("projected");
    fs.mount(vm.value("mountPath", "/"), data, written || vm.value("readOnly", false));
  }
}

void Kubelets::forgetPodVolumes(const std::string& podUid) {
  const std::string prefix = "emptyDir:" + podUid + "/";
  for (auto it = volumeData_.lower_bound(prefix); it != volumeData_.end() && it->first.rfind(prefix, 0) == 0;)
    it = volumeData_.erase(it);
}

}  // namespace kp
