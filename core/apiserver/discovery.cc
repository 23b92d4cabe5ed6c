// Discovery (interim: the legacy documents).
#include "core/apiserver/discovery.h"

#include "core/api/resources.h"

namespace kp {

namespace {
Json discoveryResource(const ResourceInfo& r) {
  Json verbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
  Json j = {{"name", r.resource}, {"singularName", r.singular}, {"namespaced", r.namespaced},
            {"kind", r.kind}, {"verbs", verbs}};
  if (!r.shortNames.empty()) j["shortNames"] = r.shortNames;
  if (r.inCategoryAll) j["categories"] = {"all"};
  return j;
}
}  // namespace

std::optional<Response> serveDiscovery(const Request& req) {
  const std::string& p = req.path;
  if (p == "/version" || p == "/version/")
    return Response{200, {{"major", "1"}, {"minor", "32"}, {"gitVersion", "v1.32.4"},
                          {"gitCommit", "59526cd4867447956156ae3a602fcbac5ccbe294"}, {"gitTreeState", "clean"},
                          {"buildDate", "2025-04-22T16:02:27Z"}, {"goVersion", "go1.23.6"},
                          {"compiler", "gc"}, {"platform", "linux/amd64"}}, "", false, nullptr, ""};
  if (p == "/api" || p == "/api/")
    return Response{200, {{"kind", "APIVersions"}, {"versions", {"v1"}},
                          {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", "192.168.49.2:8443"}}}}}, "", false, nullptr, ""};
  if (p == "/apis" || p == "/apis/") {
    Json groups = Json::array();
    for (const char* g : {"apps", "batch", "coordination.k8s.io", "discovery.k8s.io"})
      groups.push_back({{"name", g}, {"versions", {{{"groupVersion", std::string(g) + "/v1"}, {"version", "v1"}}}},
                        {"preferredVersion", {{"groupVersion", std::string(g) + "/v1"}, {"version", "v1"}}}});
    return Response{200, {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}}, "", false, nullptr, ""};
  }
  std::string gv;
  if (p == "/api/v1") gv = "v1";
  for (const char* g : {"apps", "batch", "coordination.k8s.io", "discovery.k8s.io"})
    if (p == std::string("/apis/") + g + "/v1") gv = std::string(g) + "/v1";
  if (gv.empty()) return std::nullopt;
  Json list = Json::array();
  for (const auto& r : allResources())
    if (r.groupVersion() == gv) list.push_back(discoveryResource(r));
  return Response{200, {{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", gv}, {"resources", list}}, "", false, nullptr, ""};
}

}  // namespace kp
