// A container's environment as the kubelet assembles it (kubelet_pods.go makeEnvironmentVariables):
// envFrom (ConfigMaps and Secrets, with prefixes), env with $(VAR) expansion and valueFrom
// (configMapKeyRef, secretKeyRef, fieldRef), then the service link variables (FOO_SERVICE_HOST,
// FOO_PORT_80_TCP, ...) for the services that existed when the container started.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/apiserver/store.h"

namespace kp {

using EnvList = std::vector<std::pair<std::string, std::string>>;

struct EnvResult {
  EnvList env;
  // Why the container cannot be created (CreateContainerConfigError), e.g.
  // `configmap "x" not found`; empty when every reference resolved.
  std::string error;
};

// Resolves everything; on a missing non-optional reference returns the kubelet's error.
EnvResult resolveContainerEnvironment(const Store& store, const Pod& pod, const Container& container);
// The environment a running container sees (unresolvable references are left out).
EnvList containerEnvironment(const Store& store, const Pod& pod, const Container& container);

}  // namespace kp
