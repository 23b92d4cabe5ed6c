// Discovery and OpenAPI documents in the shapes a v1.32 API server writes them (metav1
// APIVersions/APIGroupList/APIResourceList, apidiscovery v2 and v2beta1, OpenAPI v3), built
// from the resource table. Only what clients read is filled in; the rest is left out.
#include "core/apiserver/discovery.h"
#include "core/apiserver/openapi_schemas.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <utility>
#include <vector>

#include "core/api/resources.h"
#include "core/api/status.h"

namespace kp {
namespace {

struct GroupVersion {
  std::string group, version;
  std::string str() const { return group.empty() ? version : group + "/" + version; }
};

// The API server lists groups in its own priority order (apps first, then events, ...,
// batch, ..., discovery.k8s.io); groups it does not rank follow in table order.
int groupPriority(const std::string& group) {
  static const char* const kOrder[] = {"", "apps", "events.k8s.io", "authentication.k8s.io",
                                       "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io",
                                       "networking.k8s.io", "policy", "rbac.authorization.k8s.io",
                                       "storage.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io",
                                       "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io",
                                       "discovery.k8s.io", "flowcontrol.apiserver.k8s.io"};
  for (size_t i = 0; i < std::size(kOrder); i++)
    if (group == kOrder[i]) return static_cast<int>(i);
  return static_cast<int>(std::size(kOrder));
}

std::vector<GroupVersion> servedGroupVersions() {
  std::vector<GroupVersion> out;
  for (const auto& r : allResources()) {
    bool seen = std::any_of(out.begin(), out.end(),
                            [&](const GroupVersion& gv) { return gv.group == r.group && gv.version == r.version; });
    if (!seen) out.push_back({r.group, r.version});
  }
  std::stable_sort(out.begin(), out.end(), [](const GroupVersion& a, const GroupVersion& b) {
    return groupPriority(a.group) < groupPriority(b.group);
  });
  return out;
}

bool served(const std::string& group, const std::string& version) {
  for (const auto& gv : servedGroupVersions())
    if (gv.group == group && gv.version == version) return true;
  return false;
}

// The resources of one group version, sorted by name as the API server sorts them.
std::vector<const ResourceInfo*> resourcesOf(const std::string& group, const std::string& version) {
  std::vector<const ResourceInfo*> out;
  for (const auto& r : allResources())
    if (r.group == group && r.version == version) out.push_back(&r);
  std::sort(out.begin(), out.end(), [](const ResourceInfo* a, const ResourceInfo* b) { return a->resource < b->resource; });
  return out;
}

Json gvkJson(const std::string& group, const std::string& version, const std::string& kind) {
  return {{"group", group}, {"version", version}, {"kind", kind}};
}

Json notFound() {
  return Status{404, "NotFound", "the server could not find the requested resource"}.toJson();
}

Json groupVersionForDiscovery(const GroupVersion& gv) { return {{"groupVersion", gv.str()}, {"version", gv.version}}; }

Json apiGroupJson(const std::string& group) {
  Json versions = Json::array();
  for (const auto& gv : servedGroupVersions())
    if (gv.group == group) versions.push_back(groupVersionForDiscovery(gv));
  return {{"name", group}, {"versions", versions}, {"preferredVersion", versions.empty() ? Json::object() : versions[0]}};
}

// metav1.APIResource for a resource, then one per subresource ("pods/log"). A subresource whose
// response kind lives in another group names that group and version (pods/eviction: policy/v1).
void appendApiResources(const ResourceInfo& r, Json& out) {
  Json j = {{"name", r.resource}, {"singularName", r.singular}, {"namespaced", r.namespaced},
            {"kind", r.kind}, {"verbs", r.verbs}};
  if (!r.shortNames.empty()) j["shortNames"] = r.shortNames;
  if (!r.categories.empty()) j["categories"] = r.categories;
  out.push_back(std::move(j));
  for (const auto& s : r.subresources) {
    Json sj = {{"name", r.resource + "/" + s.name}, {"singularName", ""}, {"namespaced", r.namespaced}};
    if (s.group != r.group || s.version != r.version) {
      sj["group"] = s.group;
      sj["version"] = s.version;
    }
    sj["kind"] = s.kind;
    sj["verbs"] = s.verbs;
    out.push_back(std::move(sj));
  }
}

// apidiscovery APIResourceDiscovery: the resource with its subresources nested.
Json resourceDiscovery(const ResourceInfo& r) {
  Json j = {{"resource", r.resource}, {"responseKind", gvkJson(r.group, r.version, r.kind)},
            {"scope", r.namespaced ? "Namespaced" : "Cluster"}, {"singularResource", r.singular},
            {"verbs", r.verbs}};
  if (!r.shortNames.empty()) j["shortNames"] = r.shortNames;
  if (!r.categories.empty()) j["categories"] = r.categories;
  if (!r.subresources.empty()) {
    Json subs = Json::array();
    for (const auto& s : r.subresources)
      subs.push_back({{"subresource", s.name}, {"responseKind", gvkJson(s.group, s.version, s.kind)}, {"verbs", s.verbs}});
    j["subresources"] = std::move(subs);
  }
  return j;
}

// Which discovery form an Accept header asks for, first acceptable media range first.
enum class DiscoveryForm { Legacy, AggregatedV2, AggregatedV2Beta1 };

std::string trimLower(std::string_view s, bool lower) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) b++;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) e--;
  std::string out(s.substr(b, e - b));
  if (lower)
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (out.size() >= 2 && out.front() == '"' && out.back() == '"') out = out.substr(1, out.size() - 2);
  return out;
}

std::optional<DiscoveryForm> mediaRangeForm(std::string_view range) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= range.size()) {
    size_t semi = range.find(';', start);
    if (semi == std::string_view::npos) semi = range.size();
    parts.push_back(std::string(range.substr(start, semi - start)));
    start = semi + 1;
  }
  std::string type = trimLower(parts[0], true);
  if (type != "application/json" && type != "application/*" && type != "*/*") return std::nullopt;
  std::string g, v, as;
  for (size_t i = 1; i < parts.size(); i++) {
    auto eq = parts[i].find('=');
    if (eq == std::string::npos) continue;
    std::string key = trimLower(std::string_view(parts[i]).substr(0, eq), true);
    std::string val = trimLower(std::string_view(parts[i]).substr(eq + 1), false);
    if (key == "g") g = val;
    else if (key == "v") v = val;
    else if (key == "as") as = val;
    else if (key == "q" && (val == "0" || val == "0.0" || val == "0.00" || val == "0.000")) return std::nullopt;
  }
  if (g.empty() && v.empty() && as.empty()) return DiscoveryForm::Legacy;
  if (type == "application/json" && g == "apidiscovery.k8s.io" && as == "APIGroupDiscoveryList") {
    if (v == "v2") return DiscoveryForm::AggregatedV2;
    if (v == "v2beta1") return DiscoveryForm::AggregatedV2Beta1;
  }
  return std::nullopt;  // another typed form (a Table, an unknown version): not this one
}

DiscoveryForm discoveryForm(const std::string& accept) {
  size_t start = 0;
  while (start < accept.size()) {
    size_t comma = accept.find(',', start);
    if (comma == std::string::npos) comma = accept.size();
    if (auto f = mediaRangeForm(std::string_view(accept).substr(start, comma - start))) return *f;
    start = comma + 1;
  }
  return DiscoveryForm::Legacy;
}

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> seg;
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) seg.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return seg;
}

Response jsonResponse(int code, Json body, std::string contentType = {}) {
  Response r;
  r.code = code;
  r.body = std::move(body);
  r.contentType = std::move(contentType);
  return r;
}

// A 64-bit FNV-1a of the document, in the upper-case hex the API server uses for its hashes.
std::string documentHash(const Json& doc) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : doc.dump()) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(h));
  return buf;
}

std::string openApiPathKey(const GroupVersion& gv) {
  return gv.group.empty() ? "api/" + gv.version : "apis/" + gv.group + "/" + gv.version;
}

// A PATCH operation as the API server documents it, reduced to what kubectl reads: the
// x-kubernetes-group-version-kind and the query parameters (fieldValidation among them).
// No requestBody: kubectl then computes strategic merge patches from its compiled-in types.
Json patchOperation(const std::string& operationId, const Json& gvk) {
  Json params = Json::array();
  for (const char* p : {"dryRun", "fieldManager", "fieldValidation", "force"}) {
    Json schema = std::string(p) == "force" ? Json{{"type", "boolean"}} : Json{{"type", "string"}, {"uniqueItems", true}};
    params.push_back({{"name", p}, {"in", "query"}, {"schema", schema}});
  }
  return {{"operationId", operationId}, {"parameters", params}, {"responses", {{"200", {{"description", "OK"}}}}},
          {"x-kubernetes-action", "patch"}, {"x-kubernetes-group-version-kind", gvk}};
}

// "patchAppsV1NamespacedDeployment": the API server's operation ids name the group in camel case.
std::string operationId(const GroupVersion& gv, const ResourceInfo& r, const std::string& sub) {
  std::string group = gv.group.empty() ? "core" : gv.group;
  auto dot = group.find('.');
  if (dot != std::string::npos && group.substr(dot) == ".k8s.io") group = group.substr(0, dot);
  std::string id = "patch";
  bool upper = true;
  for (char c : group + "." + gv.version) {
    if (c == '.' || c == '-') {
      upper = true;
      continue;
    }
    id.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  id += (r.namespaced ? "Namespaced" : "") + r.kind;
  if (!sub.empty()) id += static_cast<char>(std::toupper(static_cast<unsigned char>(sub[0]))) + sub.substr(1);
  return id;
}

std::optional<Response> serveOpenApi(const std::vector<std::string>& seg) {
  if (seg.size() == 2 && seg[1] == "v2") return jsonResponse(404, notFound());
  if (seg.size() < 2 || seg[1] != "v3") return jsonResponse(404, notFound());
  if (seg.size() == 2) return jsonResponse(200, openApiV3RootDocument());
  std::optional<Json> doc;
  if (seg.size() == 4 && seg[2] == "api") doc = openApiV3Document("", seg[3]);
  if (seg.size() == 5 && seg[2] == "apis") doc = openApiV3Document(seg[3], seg[4]);
  return doc ? jsonResponse(200, std::move(*doc)) : jsonResponse(404, notFound());
}

std::optional<Response> serveDiscoveryPath(const Request& req, const std::vector<std::string>& seg) {
  if (seg.size() == 1 && seg[0] == "version") return jsonResponse(200, versionInfo());
  if (!seg.empty() && seg[0] == "openapi") return serveOpenApi(seg);
  bool api = !seg.empty() && seg[0] == "api";
  bool apis = !seg.empty() && seg[0] == "apis";
  if (!api && !apis) return std::nullopt;
  if (seg.size() == 1) {
    DiscoveryForm form = discoveryForm(req.accept);
    if (form == DiscoveryForm::Legacy) return jsonResponse(200, api ? apiVersionsDocument() : apiGroupListDocument());
    bool v2 = form == DiscoveryForm::AggregatedV2;
    return jsonResponse(200, aggregatedDiscoveryDocument(api, v2 ? "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1"),
                        std::string(v2 ? kAggregatedDiscoveryV2 : kAggregatedDiscoveryV2Beta1));
  }
  if (api && seg.size() == 2) {
    auto doc = apiResourceListDocument("", seg[1]);
    return doc ? jsonResponse(200, std::move(*doc)) : jsonResponse(404, notFound());
  }
  if (apis && seg.size() == 2) {
    bool known = std::any_of(allResources().begin(), allResources().end(),
                             [&](const ResourceInfo& r) { return !r.group.empty() && r.group == seg[1]; });
    if (!known) return jsonResponse(404, notFound());
    Json g = apiGroupJson(seg[1]);
    g["kind"] = "APIGroup";
    g["apiVersion"] = "v1";
    return jsonResponse(200, std::move(g));
  }
  if (apis && seg.size() == 3) {
    auto doc = apiResourceListDocument(seg[1], seg[2]);
    return doc ? jsonResponse(200, std::move(*doc)) : jsonResponse(404, notFound());
  }
  return std::nullopt;  // a resource path
}

}  // namespace

Json versionInfo() {
  return {{"major", "1"}, {"minor", "32"}, {"gitVersion", "v1.32.4"},
          {"gitCommit", "59526cd4867447956156ae3a602fcbac5ccbe294"}, {"gitTreeState", "clean"},
          {"buildDate", "2025-04-22T16:02:27Z"}, {"goVersion", "go1.23.6"}, {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

Json apiVersionsDocument() {
  Json versions = Json::array();
  for (const auto& gv : servedGroupVersions())
    if (gv.group.empty()) versions.push_back(gv.version);
  return {{"kind", "APIVersions"}, {"versions", versions},
          {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", "192.168.49.2:8443"}}}}};
}

Json apiGroupListDocument() {
  Json groups = Json::array();
  std::vector<std::string> seen;
  for (const auto& gv : servedGroupVersions()) {
    if (gv.group.empty() || std::find(seen.begin(), seen.end(), gv.group) != seen.end()) continue;
    seen.push_back(gv.group);
    groups.push_back(apiGroupJson(gv.group));
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<Json> apiResourceListDocument(const std::string& group, const std::string& version) {
  if (!served(group, version)) return std::nullopt;
  Json resources = Json::array();
  for (const ResourceInfo* r : resourcesOf(group, version)) appendApiResources(*r, resources);
  GroupVersion gv{group, version};
  Json doc = {{"kind", "APIResourceList"}, {"groupVersion", gv.str()}, {"resources", resources}};
  if (!group.empty()) doc["apiVersion"] = "v1";  // the API server writes it for groups only
  return doc;
}

Json aggregatedDiscoveryDocument(bool core, std::string_view apiVersion) {
  Json items = Json::array();
  for (const auto& gv : servedGroupVersions()) {
    if (gv.group.empty() != core) continue;
    Json resources = Json::array();
    for (const ResourceInfo* r : resourcesOf(gv.group, gv.version)) resources.push_back(resourceDiscovery(*r));
    Json version = {{"version", gv.version}, {"resources", resources}, {"freshness", "Current"}};
    // One item per group, its versions in preference order.
    auto it = std::find_if(items.begin(), items.end(),
                           [&](const Json& item) { return item["metadata"].value("name", "") == gv.group; });
    if (it != items.end()) {
      (*it)["versions"].push_back(std::move(version));
      continue;
    }
    Json meta = {{"creationTimestamp", nullptr}};
    if (!gv.group.empty()) meta["name"] = gv.group;
    items.push_back({{"metadata", meta}, {"versions", Json::array({std::move(version)})}});
  }
  return {{"kind", "APIGroupDiscoveryList"}, {"apiVersion", std::string(apiVersion)}, {"metadata", Json::object()},
          {"items", items}};
}

Json openApiV3RootDocument() {
  // Built once: the documents only change with the resource table, and hashing them all
  // (schemas included) on every request would cost each real kubectl command.
  static const Json root = [] {
    Json paths = Json::object();
    for (const auto& gv : servedGroupVersions()) {
      auto doc = openApiV3Document(gv.group, gv.version);
      if (!doc) continue;
      std::string key = openApiPathKey(gv);
      paths[key] = {{"serverRelativeURL", "/openapi/v3/" + key + "?hash=" + documentHash(*doc)}};
    }
    return Json{{"paths", paths}};
  }();
  return root;
}

std::optional<Json> openApiV3Document(const std::string& group, const std::string& version) {
  if (!served(group, version)) return std::nullopt;
  GroupVersion gv{group, version};
  Json paths = Json::object();
  for (const ResourceInfo* r : resourcesOf(group, version)) {
    std::string base = "/" + openApiPathKey(gv) + (r->namespaced ? "/namespaces/{namespace}/" : "/") + r->resource + "/{name}";
    Json pathParams = Json::array({{{"name", "name"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}}});
    if (r->namespaced)
      pathParams.push_back({{"name", "namespace"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    paths[base] = {{"parameters", pathParams}, {"patch", patchOperation(operationId(gv, *r, ""), gvkJson(group, version, r->kind))}};
    // The subresources that take a PATCH, under the kind they answer with.
    for (const auto& s : r->subresources) {
      if (std::find(s.verbs.begin(), s.verbs.end(), "patch") == s.verbs.end()) continue;
      paths[base + "/" + s.name] = {{"parameters", pathParams},
                                    {"patch", patchOperation(operationId(gv, *r, s.name), gvkJson(s.group, s.version, s.kind))}};
    }
  }
  return Json{{"openapi", "3.0.0"}, {"info", {{"title", "Kubernetes"}, {"version", "v1.32.4"}}}, {"paths", paths},
              {"components", {{"schemas", openapi::schemasFor(group, version)}}}};
}

std::optional<Response> serveDiscovery(const Request& req) {
  try {
    auto seg = splitPath(req.path);
    auto resp = serveDiscoveryPath(req, seg);
    if (resp && req.method != "GET" && req.method != "HEAD")
      return jsonResponse(405, Status{405, "MethodNotAllowed", "the server does not allow this method on the requested resource"}.toJson());
    return resp;
  } catch (const std::exception& e) {
    return jsonResponse(500, Status{500, "InternalError", std::string("Internal error occurred: ") + e.what()}.toJson());
  }
}

}  // namespace kp
