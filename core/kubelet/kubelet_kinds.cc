// A container whose environment references a missing ConfigMap, Secret or key waits in
// CreateContainerConfigError; the kubelet retries on its next sync and starts it once the
// reference resolves.
#include <algorithm>
#include <cstdlib>

#include "core/api/podutil.h"
#include "core/kubelet/env.h"
#include "core/kubelet/kubelet.h"

namespace kp {

namespace {

const char* kComponent = "kubelet";
std::string containerField(const std::string& c) { return "spec.containers{" + c + "}"; }
// The kubelet's sync loop picks a pod up again about this often while it cannot start.
constexpr Time kConfigRetry = 10000;

const Container* findContainer(const Pod& pod, const std::string& name) {
  for (const auto& c : pod.spec.containers)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

bool Kubelets::containerConfigReady(const std::string& uid, const std::string& cname) {
  auto it = pods_.find(uid);
  if (it == pods_.end()) return false;
  const auto nsKey = splitKey(it->second.key);
  const std::string ns = nsKey.first, name = nsKey.second;
  auto pod = store_.get<Pod>(ns, name);
  if (!pod) return false;
  const Container* spec = findContainer(*pod, cname);
  if (!spec) return true;
  EnvResult env = resolveContainerEnvironment(store_, *pod, *spec);
  if (env.error.empty()) return true;
  ContainerRun& cr = it->second.containers[cname];
  cr.waitReason = "CreateContainerConfigError";
  cr.waitMessage = env.error;
  api_.event(*pod, "Warning", "Failed", "Error: " + env.error, kComponent, it->second.node, containerField(cname));
  updateStatus(uid);
  timers_.after(kConfigRetry, [this, uid, cname] {
    auto again = pods_.find(uid);
    if (again == pods_.end() || again->second.killing) return;
    auto c = again->second.containers.find(cname);
    if (c == again->second.containers.end() || c->second.running || c->second.exited) return;
    startContainer(uid, cname);
  });
  return false;
}

}  // namespace kp
