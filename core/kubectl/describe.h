// `kubectl describe`: the text kubectl 1.32's describers print for each kind, with the
// object's events at the end. Data is read through the REST client, as kubectl does.
#pragma once
#include <string>

#include "core/kubectl/client.h"

namespace kp {

// Describes one object (pods, deployments, replicasets, replicationcontrollers, services,
// nodes, endpoints, namespaces). Errors are the API's (NotFound) as values.
Result<std::string> describe(Client& client, const ResourceInfo& r, const std::string& ns,
                             const std::string& name);

// DescribePodTemplate written through a plain PrefixWriter (tabs kept), as `kubectl rollout
// history --revision=N` prints a revision's template.
std::string describePodTemplateText(const PodTemplateSpec& t);

}  // namespace kp
