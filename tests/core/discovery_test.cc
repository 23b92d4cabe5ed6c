// Discovery, /version and the OpenAPI v3 stubs: the documents' shapes as client-go 1.32 reads
// them (discovery_client.go, aggregated_discovery.go, query_param_verifier_v3.go), and that every
// resource of the table appears in each form with its subresources.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "core/api/resources.h"
#include "core/apiserver/discovery.h"

namespace kp {
namespace {

// What kubectl 1.32 sends for /api and /apis.
constexpr const char* kKubectlAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

Response get(const std::string& path, const std::string& accept = "application/json") {
  Request req;
  req.path = path;
  req.accept = accept;
  auto resp = serveDiscovery(req);
  EXPECT_TRUE(resp) << path << " is a discovery path";
  return resp ? *resp : Response{};
}

std::string resourcePath(const ResourceInfo& r) { return r.group.empty() ? "/api/" + r.version : "/apis/" + r.group + "/" + r.version; }

std::string str(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

const Json* findByName(const Json& list, const std::string& key, const std::string& name) {
  for (const auto& e : list)
    if (e.value(key, "") == name) return &e;
  return nullptr;
}

TEST(DiscoveryVersion, AnswersAsAOneThirtyTwoServer) {
  Response r = get("/version");
  EXPECT_EQ(r.code, 200);
  EXPECT_EQ(r.body["major"], "1");
  EXPECT_EQ(r.body["minor"], "32");  // the kubectl dispatcher picks kubectl 1.32 from this
  EXPECT_EQ(r.body["gitVersion"], "v1.32.4");
  for (const char* k : {"gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"})
    EXPECT_TRUE(r.body[k].is_string()) << k;
  EXPECT_EQ(get("/version/").body, r.body);
}

TEST(DiscoveryLegacy, ApiVersionsAndGroupList) {
  Response api = get("/api");
  EXPECT_TRUE(api.contentType.empty());
  EXPECT_EQ(api.body["kind"], "APIVersions");
  EXPECT_EQ(api.body["versions"], Json::parse(R"(["v1"])"));
  EXPECT_TRUE(api.body["serverAddressByClientCIDRs"].is_array());

  Response apis = get("/apis");
  EXPECT_EQ(apis.body["kind"], "APIGroupList");
  EXPECT_EQ(apis.body["apiVersion"], "v1");
  std::set<std::string> groups;
  for (const auto& g : apis.body["groups"]) {
    groups.insert(str(g["name"]));
    ASSERT_FALSE(g["versions"].empty());
    EXPECT_EQ(g["preferredVersion"], g["versions"][0]);
    EXPECT_EQ(g["versions"][0]["groupVersion"], str(g["name"]) + "/" + str(g["versions"][0]["version"]));
  }
  for (const auto& r : allResources())
    if (!r.group.empty()) EXPECT_TRUE(groups.count(r.group)) << r.group;
  EXPECT_EQ(apis.body["groups"][0]["name"], "apps");  // the API server's group order

  Response group = get("/apis/apps");
  EXPECT_EQ(group.body["kind"], "APIGroup");
  EXPECT_EQ(group.body["preferredVersion"]["groupVersion"], "apps/v1");
}

TEST(DiscoveryLegacy, EveryResourceAndSubresourceIsListedWithItsVerbs) {
  for (const auto& r : allResources()) {
    Response list = get(resourcePath(r));
    ASSERT_EQ(list.code, 200) << r.resource;
    EXPECT_EQ(list.body["kind"], "APIResourceList");
    EXPECT_EQ(list.body["groupVersion"], r.groupVersion());
    const Json* e = findByName(list.body["resources"], "name", r.resource);
    ASSERT_TRUE(e) << r.resource;
    EXPECT_EQ((*e)["singularName"], r.singular);
    EXPECT_EQ((*e)["namespaced"], r.namespaced);
    EXPECT_EQ((*e)["kind"], r.kind);
    EXPECT_EQ((*e)["verbs"], Json(r.verbs));
    EXPECT_EQ(e->value("shortNames", Json::array()), Json(r.shortNames));
    EXPECT_EQ(e->value("categories", Json::array()).size(), r.inCategoryAll ? 1u : 0u) << r.resource;
    for (const auto& s : r.subresources) {
      const Json* se = findByName(list.body["resources"], "name", r.resource + "/" + s.name);
      ASSERT_TRUE(se) << r.resource << "/" << s.name;
      EXPECT_EQ((*se)["kind"], s.kind);
      EXPECT_EQ((*se)["verbs"], Json(s.verbs));
      EXPECT_EQ((*se)["namespaced"], r.namespaced);
      EXPECT_EQ(se->value("group", r.group), s.group);
      EXPECT_EQ(se->value("version", r.version), s.version);
    }
  }
}

TEST(DiscoveryLegacy, SubresourcesKubectlLooksFor) {
  struct Row {
    const char* path;
    const char* name;
    const char* group;
    const char* version;
    const char* kind;
    Json verbs;
  };
  const Row rows[] = {
      {"/api/v1", "pods/log", nullptr, nullptr, "Pod", {"get"}},
      {"/api/v1", "pods/exec", nullptr, nullptr, "PodExecOptions", {"create", "get"}},
      {"/api/v1", "pods/attach", nullptr, nullptr, "PodAttachOptions", {"create", "get"}},
      {"/api/v1", "pods/portforward", nullptr, nullptr, "PodPortForwardOptions", {"create", "get"}},
      // drain's CheckEvictionSupport wants name, kind and a non-empty group and version.
      {"/api/v1", "pods/eviction", "policy", "v1", "Eviction", {"create"}},
      {"/api/v1", "pods/binding", nullptr, nullptr, "Binding", {"create"}},
      {"/api/v1", "pods/status", nullptr, nullptr, "Pod", {"get", "patch", "update"}},
      {"/api/v1", "namespaces/finalize", nullptr, nullptr, "Namespace", {"update"}},
      {"/api/v1", "replicationcontrollers/scale", "autoscaling", "v1", "Scale", {"get", "patch", "update"}},
      {"/apis/apps/v1", "deployments/scale", "autoscaling", "v1", "Scale", {"get", "patch", "update"}},
      {"/apis/apps/v1", "replicasets/scale", "autoscaling", "v1", "Scale", {"get", "patch", "update"}},
      {"/apis/apps/v1", "deployments/status", nullptr, nullptr, "Deployment", {"get", "patch", "update"}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    Response list = get(row.path);
    const Json* e = findByName(list.body["resources"], "name", row.name);
    ASSERT_TRUE(e);
    EXPECT_EQ((*e)["kind"], row.kind);
    EXPECT_EQ((*e)["verbs"], row.verbs);
    EXPECT_EQ((*e)["singularName"], "");
    if (row.group) {
      EXPECT_EQ((*e)["group"], row.group);
      EXPECT_EQ((*e)["version"], row.version);
    } else {
      EXPECT_FALSE(e->contains("group"));
    }
  }
  // Namespaces cannot be deleted as a collection.
  Response core = get("/api/v1");
  const Json* ns = findByName(core.body["resources"], "name", "namespaces");
  ASSERT_TRUE(ns);
  EXPECT_EQ((*ns)["verbs"], Json::parse(R"(["create","delete","get","list","patch","update","watch"])"));
}

TEST(DiscoveryAggregated, ContentTypeFollowsTheAcceptHeader) {
  struct Row {
    const char* name;
    std::string accept;
    std::string contentType;  // empty: legacy JSON
  } rows[] = {
      {"Kubectl", kKubectlAccept, std::string(kAggregatedDiscoveryV2)},
      {"V2BetaOnly", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json",
       std::string(kAggregatedDiscoveryV2Beta1)},
      {"ParametersInAnyOrderAndSpaced", "application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io",
       std::string(kAggregatedDiscoveryV2)},
      {"ProtobufFirst", "application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList," + std::string(kKubectlAccept),
       std::string(kAggregatedDiscoveryV2)},
      {"PlainJson", "application/json", ""},
      {"NoAccept", "", ""},
      {"Anything", "*/*", ""},
      {"TableIsNotDiscovery", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json", ""},
      {"UnknownVersion", "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList", ""},
      {"RefusedWithQZero", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0,application/json", ""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    for (const char* path : {"/api", "/apis"}) {
      Response r = get(path, row.accept);
      EXPECT_EQ(r.code, 200);
      EXPECT_EQ(r.contentType, row.contentType);
      if (row.contentType.empty()) {
        EXPECT_NE(r.body["kind"], "APIGroupDiscoveryList");
      } else {
        EXPECT_EQ(r.body["kind"], "APIGroupDiscoveryList");
        EXPECT_EQ(r.body["apiVersion"], row.contentType == kAggregatedDiscoveryV2 ? "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1");
      }
    }
  }
  // Below /api and /apis there is only the legacy form.
  EXPECT_EQ(get("/api/v1", kKubectlAccept).body["kind"], "APIResourceList");
}

// The legacy entries client-go derives from an aggregated document (SplitGroupsAndResources):
// (group version, name, namespaced, group, version, kind, verbs).
using Entry = std::tuple<std::string, std::string, bool, std::string, std::string, std::string, std::string>;

Entry entry(const std::string& gv, const Json& name, bool namespaced, const Json& group, const Json& version,
            const Json& kind, const Json& verbs) {
  return Entry{gv, str(name), namespaced, str(group), str(version), str(kind), verbs.dump()};
}

std::set<Entry> entriesFromAggregated(const Json& list) {
  std::set<Entry> out;
  for (const auto& item : list["items"]) {
    std::string group = item["metadata"].value("name", "");
    for (const auto& v : item["versions"]) {
      EXPECT_EQ(v["freshness"], "Current");
      std::string gv = group.empty() ? str(v["version"]) : group + "/" + str(v["version"]);
      for (const auto& r : v["resources"]) {
        const Json& rk = r["responseKind"];
        bool namespaced = r["scope"] == "Namespaced";
        EXPECT_TRUE(namespaced || r["scope"] == "Cluster");
        EXPECT_TRUE(r["singularResource"].is_string());
        out.insert(entry(gv, r["resource"], namespaced, rk["group"], rk["version"], rk["kind"], r["verbs"]));
        for (const auto& s : r.value("subresources", Json::array())) {
          const Json& sk = s["responseKind"];
          out.insert(entry(gv, str(r["resource"]) + "/" + str(s["subresource"]), namespaced, sk["group"], sk["version"],
                           sk["kind"], s["verbs"]));
        }
      }
    }
  }
  return out;
}

std::set<Entry> entriesFromLegacy() {
  std::set<Entry> out;
  std::set<std::string> gvs;
  for (const auto& r : allResources()) gvs.insert(resourcePath(r));
  for (const auto& path : gvs) {
    Json list = get(path).body;
    std::string gv = str(list["groupVersion"]);
    auto slash = gv.find('/');
    std::string group = slash == std::string::npos ? "" : gv.substr(0, slash);
    std::string version = slash == std::string::npos ? gv : gv.substr(slash + 1);
    for (const auto& e : list["resources"])
      out.insert(entry(gv, e["name"], e.value("namespaced", false), e.value("group", group), e.value("version", version),
                       e["kind"], e["verbs"]));
  }
  return out;
}

TEST(DiscoveryAggregated, SaysWhatLegacyDiscoverySays) {
  std::set<Entry> aggregated = entriesFromAggregated(get("/api", kKubectlAccept).body);
  for (const auto& e : entriesFromAggregated(get("/apis", kKubectlAccept).body)) aggregated.insert(e);
  EXPECT_EQ(aggregated, entriesFromLegacy());
  EXPECT_GT(aggregated.size(), allResources().size());
}

TEST(DiscoveryAggregated, DocumentShapes) {
  Json core = get("/api", kKubectlAccept).body;
  ASSERT_EQ(core["items"].size(), 1u);
  EXPECT_FALSE(core["items"][0]["metadata"].contains("name"));  // the core group has no name
  EXPECT_EQ(core["items"][0]["versions"][0]["version"], "v1");
  const Json* pods = findByName(core["items"][0]["versions"][0]["resources"], "resource", "pods");
  ASSERT_TRUE(pods);
  EXPECT_EQ((*pods)["responseKind"], Json::parse(R"({"group":"","version":"v1","kind":"Pod"})"));
  EXPECT_EQ((*pods)["scope"], "Namespaced");
  EXPECT_EQ((*pods)["singularResource"], "pod");
  EXPECT_EQ((*pods)["shortNames"], Json::parse(R"(["po"])"));
  EXPECT_EQ((*pods)["categories"], Json::parse(R"(["all"])"));
  const Json* eviction = findByName((*pods)["subresources"], "subresource", "eviction");
  ASSERT_TRUE(eviction);
  EXPECT_EQ(*eviction, Json::parse(R"({"subresource":"eviction","responseKind":{"group":"policy","version":"v1",
      "kind":"Eviction"},"verbs":["create"]})"));

  Json groups = get("/apis", kKubectlAccept).body;
  std::set<std::string> names;
  for (const auto& item : groups["items"]) names.insert(item["metadata"].value("name", ""));
  for (const auto& r : allResources()) EXPECT_TRUE(r.group.empty() || names.count(r.group)) << r.group;
  EXPECT_FALSE(names.count(""));
  const Json& apps = groups["items"][0];
  EXPECT_EQ(apps["metadata"]["name"], "apps");
  const Json* deploy = findByName(apps["versions"][0]["resources"], "resource", "deployments");
  ASSERT_TRUE(deploy);
  const Json* scale = findByName((*deploy)["subresources"], "subresource", "scale");
  ASSERT_TRUE(scale);
  EXPECT_EQ((*scale)["responseKind"], Json::parse(R"({"group":"autoscaling","version":"v1","kind":"Scale"})"));
  const Json* nodes = findByName(core["items"][0]["versions"][0]["resources"], "resource", "nodes");
  ASSERT_TRUE(nodes);
  EXPECT_EQ((*nodes)["scope"], "Cluster");
}

// query_param_verifier_v3.go: the first PATCH operation whose x-kubernetes-group-version-kind
// matches decides; it must carry the query parameter.
bool supportsFieldValidation(const Json& doc, const std::string& group, const std::string& version, const std::string& kind) {
  for (const auto& [path, item] : doc["paths"].items()) {
    if (!item.contains("patch")) continue;
    const Json& op = item["patch"];
    const Json& gvk = op["x-kubernetes-group-version-kind"];
    if (gvk.value("group", "?") != group || gvk.value("version", "?") != version || gvk.value("kind", "?") != kind) continue;
    for (const auto& p : op["parameters"])
      if (p.value("name", "") == "fieldValidation" && p.value("in", "") == "query") return true;
    return false;
  }
  return false;
}

TEST(DiscoveryOpenApi, RootListsEveryGroupVersionWithAHash) {
  Response root = get("/openapi/v3");
  EXPECT_EQ(root.code, 200);
  std::set<std::string> keys;
  for (const auto& [key, gv] : root.body["paths"].items()) {
    keys.insert(key);
    std::string url = str(gv["serverRelativeURL"]);
    EXPECT_EQ(url.rfind("/openapi/v3/" + key + "?hash=", 0), 0u) << url;
    EXPECT_GT(url.size(), ("/openapi/v3/" + key + "?hash=").size());
  }
  for (const auto& r : allResources()) EXPECT_TRUE(keys.count(resourcePath(r).substr(1))) << r.resource;
  EXPECT_EQ(get("/openapi/v3").body, root.body);  // stable: clients cache by the hash
}

TEST(DiscoveryOpenApi, EveryKindHasAPatchWithFieldValidation) {
  for (const auto& r : allResources()) {
    SCOPED_TRACE(r.resource);
    Response doc = get("/openapi/v3" + resourcePath(r));
    ASSERT_EQ(doc.code, 200);
    EXPECT_EQ(doc.body["openapi"], "3.0.0");
    EXPECT_TRUE(doc.body["components"].is_object());
    EXPECT_TRUE(supportsFieldValidation(doc.body, r.group, r.version, r.kind));
    std::string path = resourcePath(r) + (r.namespaced ? "/namespaces/{namespace}/" : "/") + r.resource + "/{name}";
    ASSERT_TRUE(doc.body["paths"].contains(path)) << path;
    EXPECT_EQ(doc.body["paths"][path]["patch"]["x-kubernetes-action"], "patch");
    // No requestBody: kubectl then builds strategic merge patches from its compiled-in types.
    EXPECT_FALSE(doc.body["paths"][path]["patch"].contains("requestBody"));
    if (r.subresource("scale")) {
      EXPECT_TRUE(doc.body["paths"].contains(path + "/scale"));
      EXPECT_TRUE(supportsFieldValidation(doc.body, "autoscaling", "v1", "Scale"));
    }
  }
  EXPECT_EQ(get("/openapi/v3/apis/apps/v1").body["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]
                ["patch"]["operationId"],
            "patchAppsV1NamespacedDeployment");
}

TEST(DiscoveryPaths, NotFoundWrongMethodAndNotDiscovery) {
  struct Row {
    const char* name;
    const char* method;
    const char* path;
    int code;  // 0: not a discovery path
  } rows[] = {
      {"OpenApiV2", "GET", "/openapi/v2", 404},
      {"OpenApiV3UnknownGroup", "GET", "/openapi/v3/apis/nope/v1", 404},
      {"OpenApiV3GroupOnly", "GET", "/openapi/v3/apis/apps", 404},
      {"UnknownGroupVersion", "GET", "/apis/nope/v1", 404},
      {"UnknownVersion", "GET", "/apis/apps/v2", 404},
      {"UnknownCoreVersion", "GET", "/api/v2", 404},
      {"UnknownGroup", "GET", "/apis/nope", 404},
      {"PostToApi", "POST", "/api", 405},
      {"DeleteVersion", "DELETE", "/version", 405},
      {"Pods", "GET", "/api/v1/pods", 0},
      {"NamespacedPods", "POST", "/api/v1/namespaces/default/pods", 0},
      {"Deployments", "GET", "/apis/apps/v1/deployments", 0},
      {"Root", "GET", "/", 0},
      {"Healthz", "GET", "/healthz", 0},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    Request req;
    req.method = row.method;
    req.path = row.path;
    auto resp = serveDiscovery(req);
    if (row.code == 0) {
      EXPECT_FALSE(resp);
      continue;
    }
    ASSERT_TRUE(resp);
    EXPECT_EQ(resp->code, row.code);
    EXPECT_EQ(resp->body["kind"], "Status");
    EXPECT_EQ(resp->body["code"], row.code);
  }
}

TEST(DiscoveryResources, CategoriesFollowInCategoryAll) {
  for (const auto& r : allResources()) {
    EXPECT_EQ(!r.categories.empty(), r.inCategoryAll) << r.resource;
    EXPECT_FALSE(r.verbs.empty()) << r.resource;
    EXPECT_TRUE(std::is_sorted(r.verbs.begin(), r.verbs.end())) << r.resource;
  }
  const ResourceInfo* pods = findResource("pods");
  ASSERT_TRUE(pods);
  ASSERT_TRUE(pods->subresource("eviction"));
  EXPECT_EQ(pods->subresource("eviction")->group, "policy");
  EXPECT_EQ(pods->subresource("nope"), nullptr);
}

}  // namespace
}  // namespace kp
