// The API resources the server serves: names, short names, kinds and groups, as discovery
// lists them. kubectl resolves what the user typed (`po`, `deploy`, `deployments.apps`) here.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kp {

// A subresource as discovery lists it (pods/log, deployments/scale): what it answers with and
// the verbs the API server allows on it.
struct SubresourceInfo {
  std::string name;  // "log", "scale"
  std::string group, version, kind;  // the response kind: autoscaling/v1 Scale, policy/v1 Eviction
  std::vector<std::string> verbs;
};

struct ResourceInfo {
  std::string resource;  // plural, e.g. "deployments"
  std::string singular;  // "deployment"
  std::string kind;      // "Deployment"
  std::string group;     // "" for core, "apps"
  std::string version;   // "v1"
  bool namespaced = true;
  std::vector<std::string> shortNames;
  bool inCategoryAll = false;  // part of `kubectl get all`
  // The subresources the kind has on a v1.32 API server (see subresourcesOf in resources.cc).
  enum Subs : unsigned { kNone = 0, kStatus = 1, kScale = 2, kPodSubs = 4, kFinalize = 8, kToken = 16 };
  unsigned subs = kNone;
  // Verbs beyond the usual eight: review kinds (SelfSubjectAccessReview) only take "create".
  bool createOnly = false;
  // Discovery's view, filled in by allResources(): the verbs (sorted, as the API server lists
  // them), the subresources and the categories ("all" exactly when inCategoryAll).
  std::vector<std::string> verbs;
  std::vector<SubresourceInfo> subresources;
  std::vector<std::string> categories;
  std::string apiVersion;  // groupVersion(), kept for objects that point at it (JsonObject)
  std::string groupVersion() const { return group.empty() ? version : group + "/" + version; }
  // The subresource with this name, or nullptr.
  const SubresourceInfo* subresource(std::string_view name) const;
  // "deployments.apps" or "pods": how API errors name the resource.
  std::string qualified() const { return group.empty() ? resource : resource + "." + group; }
};

const std::vector<ResourceInfo>& allResources();
// Resolves a plural, singular, short name, kind, or `name.group` form, case-insensitively.
const ResourceInfo* findResource(std::string_view name);
const ResourceInfo* resourceForKind(std::string_view kind);

}  // namespace kp
