// The persistent volume controller (pkg/controller/volume/persistentvolume) together with
// minikube's storage-provisioner (k8s.io/minikube-hostpath): a claim of a class whose
// provisioner is minikube's gets a new volume pvc-<claim uid> on a hostPath under
// /tmp/hostpath-provisioner/NS/CLAIM; a claim of another class (or of class "") binds to the
// smallest Available volume of its class that has its access modes and size. Binding sets the
// claim's volumeName and both phases to Bound. A deleted claim leaves its volume Released; the
// Delete reclaim policy then removes the volume, Retain keeps it. New volumes become Available.
#pragma once
#include <string>

#include "core/controllers/keyed_controller.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Rng;
class Store;
struct WatchEvent;

class VolumeController : public KeyedController {
 public:
  explicit VolumeController(const ComponentParts& parts);

 private:
  void onEvent(const WatchEvent& e);
  void sync(const std::string& key) override;  // "claim:ns/name" or "volume:name"
  void syncClaim(const std::string& key);
  void syncVolume(const std::string& name);
  const Store& store_;
  ApiWriter& api_;
  Rng& rng_;
};

// minikube's provisioner name, on its `standard` StorageClass.
inline constexpr const char* kMinikubeProvisioner = "k8s.io/minikube-hostpath";

}  // namespace kp
