// The API resources the server serves: names, short names, kinds and groups, as discovery
// lists them. kubectl resolves what the user typed (`po`, `deploy`, `deployments.apps`) here.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp {

struct ResourceInfo {
  std::string resource;  // plural, e.g. "deployments"
  std::string singular;  // "deployment"
  std::string kind;      // "Deployment"
  std::string group;     // "" for core, "apps"
  std::string version;   // "v1"
  bool namespaced = true;
  std::vector<std::string> shortNames;
  bool inCategoryAll = false;  // part of `kubectl get all`
  std::string groupVersion() const { return group.empty() ? version : group + "/" + version; }
  // "deployments.apps" or "pods": how API errors name the resource.
  std::string qualified() const { return group.empty() ? resource : resource + "." + group; }
};

const std::vector<ResourceInfo>& allResources();
// Resolves a plural, singular, short name, kind, or `name.group` form, case-insensitively.
const ResourceInfo* findResource(std::string_view name);
const ResourceInfo* resourceForKind(std::string_view kind);

}  // namespace kp
