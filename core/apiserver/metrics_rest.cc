// metrics.k8s.io/v1beta1 over REST, as kube-aggregator proxies it to metrics-server: the
// group added to discovery while the APIService is available, NodeMetrics and PodMetrics lists
// and gets (label and metadata.name field selectors), quantities in metrics-server's units.
#include <algorithm>
#include <map>

#include "core/api/format.h"
#include "core/api/json.h"
#include "core/api/selector.h"
#include "core/apiserver/discovery.h"
#include "core/apiserver/metrics_api.h"
#include "core/base/strings.h"

namespace kp {

namespace {

constexpr const char* kGroup = "metrics.k8s.io";
constexpr const char* kGroupVersion = "metrics.k8s.io/v1beta1";

// resource.Quantity's canonical text of a nano-scaled CPU value: "5m", "1234567n", "2".
std::string cpuQuantity(int64_t nano) {
  if (nano == 0) return "0";
  if (nano % 1000000000 == 0) return std::to_string(nano / 1000000000);
  if (nano % 1000000 == 0) return std::to_string(nano / 1000000) + "m";
  if (nano % 1000 == 0) return std::to_string(nano / 1000) + "u";
  return std::to_string(nano) + "n";
}

// A BinarySI quantity of bytes: "12345Ki", "3Mi", or plain bytes.
std::string memoryQuantity(int64_t bytes) {
  if (bytes == 0) return "0";
  static const char* suffixes[] = {"", "Ki", "Mi", "Gi"};
  int k = 0;
  while (k < 3 && bytes % 1024 == 0) {
    bytes /= 1024;
    k++;
  }
  return std::to_string(bytes) + suffixes[k];
}

Json usageJson(int64_t cpu, int64_t mem) { return {{"cpu", cpuQuantity(cpu)}, {"memory", memoryQuantity(mem)}}; }

Json metaJson(const std::string& name, const std::string& ns, const StringMap& labels, Time now) {
  Json m = {{"name", name}};
  if (!ns.empty()) m["namespace"] = ns;
  m["creationTimestamp"] = formatTime(now / 1000 * 1000);
  if (!labels.empty()) m["labels"] = labels;
  return m;
}

Json nodeJson(const NodeUsage& n, Time now) {
  return {{"metadata", metaJson(n.name, "", n.labels, now)}, {"timestamp", formatTime(n.timestamp / 1000 * 1000)},
          {"window", goDuration(n.window)}, {"usage", usageJson(n.cpuNanoCores, n.memoryBytes)}};
}

Json podJson(const PodUsage& p, Time now) {
  Json cs = Json::array();
  for (const auto& c : p.containers) cs.push_back({{"name", c.name}, {"usage", usageJson(c.cpuNanoCores, c.memoryBytes)}});
  return {{"metadata", metaJson(p.name, p.ns, p.labels, now)}, {"timestamp", formatTime(p.timestamp / 1000 * 1000)},
          {"window", goDuration(p.window)}, {"containers", cs}};
}

Response json(int code, Json body, std::string contentType = {}) { return Response{code, std::move(body), "", false, nullptr, std::move(contentType)}; }

Response notFound(const std::string& resource, const std::string& name) {
  return json(404, Status{404, "NotFound", resource + "." + kGroup + " \"" + name + "\" not found"}.toJson());
}

Json resourceList() {
  return {{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", kGroupVersion},
          {"resources",
           {{{"name", "nodes"}, {"singularName", ""}, {"namespaced", false}, {"kind", "NodeMetrics"}, {"verbs", {"get", "list"}}},
            {{"name", "pods"}, {"singularName", ""}, {"namespaced", true}, {"kind", "PodMetrics"}, {"verbs", {"get", "list"}}}}}};
}

Json apiGroup() {
  Json gv = {{"groupVersion", kGroupVersion}, {"version", "v1beta1"}};
  return {{"name", kGroup}, {"versions", Json::array({gv})}, {"preferredVersion", gv}};
}

Json aggregatedItem() {
  auto res = [](const char* resource, const char* kind, const char* scope) {
    return Json{{"resource", resource}, {"responseKind", {{"group", kGroup}, {"version", "v1beta1"}, {"kind", kind}}},
                {"scope", scope}, {"singularResource", ""}, {"verbs", {"get", "list"}}};
  };
  Json version = {{"version", "v1beta1"},
                  {"resources", {res("nodes", "NodeMetrics", "Cluster"), res("pods", "PodMetrics", "Namespaced")}},
                  {"freshness", "Current"}};
  return {{"metadata", {{"name", kGroup}, {"creationTimestamp", nullptr}}}, {"versions", Json::array({version})}};
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  for (auto& s : split(path, '/'))
    if (!s.empty()) out.push_back(std::move(s));
  return out;
}

std::map<const RequestHandler*, const ResourceMetrics*>& registrations() {
  static std::map<const RequestHandler*, const ResourceMetrics*> r;
  return r;
}

}  // namespace

void setResourceMetrics(const RequestHandler* api, const ResourceMetrics* m) {
  if (m) registrations()[api] = m;
  else registrations().erase(api);
}

const ResourceMetrics* resourceMetricsFor(const RequestHandler* api) {
  auto it = registrations().find(api);
  return it == registrations().end() ? nullptr : it->second;
}

std::optional<Response> serveResourceMetrics(const ResourceMetrics& m, const Request& req, Time now) {
  auto seg = segments(req.path);
  if (seg.empty() || seg[0] != "apis" || !m.available()) return std::nullopt;
  if (seg.size() == 1) {
    // Discovery as the aggregator merges it: the local groups plus the APIService's.
    auto d = serveDiscovery(req);
    if (!d || !d->body.is_object()) return d;
    if (d->body.value("kind", "") == "APIGroupList") d->body["groups"].push_back(apiGroup());
    else if (d->body.contains("items")) d->body["items"].push_back(aggregatedItem());
    return d;
  }
  if (seg[1] != kGroup) return std::nullopt;
  if (seg.size() == 2) {
    Json g = apiGroup();
    g["kind"] = "APIGroup";
    g["apiVersion"] = "v1";
    return json(200, g);
  }
  if (seg[2] != "v1beta1") return std::nullopt;
  if (seg.size() == 3) return json(200, resourceList());
  if (req.method != "GET") return json(405, Status{405, "MethodNotAllowed", "the server does not allow this method on the requested resource"}.toJson());
  std::string ns, resource, name;
  size_t i = 3;
  if (seg.size() >= 5 && seg[3] == "namespaces") {
    ns = seg[4];
    i = 5;
  }
  if (i >= seg.size()) return std::nullopt;
  resource = seg[i];
  if (i + 1 < seg.size()) name = seg[i + 1];
  if (i + 2 < seg.size() || (resource != "nodes" && resource != "pods") || (resource == "nodes" && !ns.empty()))
    return json(404, Status{404, "NotFound", "the server could not find the requested resource"}.toJson());
  std::string err;
  auto labels = Selector::parse(req.param("labelSelector"), &err);
  if (!labels) return json(400, Status::badRequest("unable to parse requirement: " + err).toJson());
  auto fields = FieldSelector::parse(req.param("fieldSelector"), &err);
  if (!fields) return json(400, Status::badRequest(err).toJson());
  auto fieldOk = [&](const std::string& n, const std::string& nsOf) {
    return fields->matches([&](const std::string& f) -> std::optional<std::string> {
      if (f == "metadata.name") return n;
      if (f == "metadata.namespace") return nsOf;
      return std::nullopt;
    });
  };
  if (resource == "nodes") {
    Json items = Json::array();
    for (const auto& n : m.nodeMetrics()) {
      if (!name.empty()) {
        if (n.name == name) return json(200, [&] { Json j = nodeJson(n, now); j["kind"] = "NodeMetrics"; j["apiVersion"] = kGroupVersion; return j; }());
        continue;
      }
      if (labels->matches(n.labels) && fieldOk(n.name, "")) items.push_back(nodeJson(n, now));
    }
    if (!name.empty()) return notFound("nodemetrics", name);
    return json(200, {{"kind", "NodeMetricsList"}, {"apiVersion", kGroupVersion}, {"metadata", Json::object()}, {"items", items}});
  }
  Json items = Json::array();
  for (const auto& p : m.podMetrics(ns)) {
    if (!name.empty()) {
      if (p.name == name) return json(200, [&] { Json j = podJson(p, now); j["kind"] = "PodMetrics"; j["apiVersion"] = kGroupVersion; return j; }());
      continue;
    }
    if (labels->matches(p.labels) && fieldOk(p.name, p.ns)) items.push_back(podJson(p, now));
  }
  if (!name.empty()) return notFound("podmetrics", name);
  return json(200, {{"kind", "PodMetricsList"}, {"apiVersion", kGroupVersion}, {"metadata", Json::object()}, {"items", items}});
}

}  // namespace kp
