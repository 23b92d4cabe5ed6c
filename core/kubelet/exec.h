// Commands run inside a container (`kubectl exec`, exec probes): the few programs the images
// have (env, hostname, cat, ls, echo, curl, wget, nslookup, sh -c, true/false, sleep) answering
// as they do, with requests going through the cluster network and its DNS.
#pragma once
#include <string>
#include <vector>

#include "core/api/types.h"

namespace kp {

class Kubelets;
class Network;
class Store;

// What a command running in a container can reach: the objects its environment comes from,
// the pod network (cluster DNS, HTTP through kube-proxy) and the files its container made.
struct ContainerWorld {
  const Store& store;
  Network& network;
  const Kubelets& kubelets;
};

struct ExecResult {
  std::string out, errOut;
  int exitCode = 0;
  std::string error;  // the runtime could not start the command (its text, printed on stdout)
};

// input: the command's standard input when it has one (exec -i, kubectl cp's tar), else null.
ExecResult execInContainer(const ContainerWorld& world, const Pod& pod, const std::string& container,
                           const std::vector<std::string>& argv, const std::string* input = nullptr);

// The container's environment as the kubelet builds it: the spec's env (plain values), then
// HOSTNAME, PATH and the service links (KUBERNETES_SERVICE_HOST, ...) as `env` prints them.
std::vector<std::pair<std::string, std::string>> containerEnvironmentBasic(const ContainerWorld& world, const Pod& pod,
                                                                           const std::string& container);

}  // namespace kp
