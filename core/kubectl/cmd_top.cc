// `kubectl top node|pod` as k8s.io/kubectl pkg/cmd/top and pkg/metricsutil do it: discovery
// must list metrics.k8s.io (else "Metrics API not available"), an empty answer means "metrics
// not available yet", and the tables put every cell, the last too, through the tabwriter.
// CPU prints as the quantity's MilliValue (rounded up), memory as whole Mi (rounded down).
#include <algorithm>

#include "core/api/format.h"
#include "core/api/json.h"
#include "core/api/quantity.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"
#include "core/base/strings.h"

namespace kp {

namespace {

constexpr Time kMetricsCreationDelay = 2 * 60 * 1000;  // top_pod.go metricsCreationDelay

const char* kTopHelp =
    "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for "
    "nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the "
    "server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod   "
    "        Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse "
    "\"kubectl top <command> --help\" for more information about a given command.\nUse \"kubectl options\" for "
    "a list of global command-line options (applies to all commands).\n";

// A usage as kubectl holds it: CPU in nanocores, memory in bytes.
struct Usage {
  int64_t cpuNano = 0, memory = 0;
};

// resource.Quantity of a CPU value, in nanocores.
int64_t parseCpuNano(const std::string& s) {
  if (s.empty()) return 0;
  char last = s.back();
  std::string num = s;
  int64_t mult = 1000000000;
  if (last == 'n' || last == 'u' || last == 'm') {
    num = s.substr(0, s.size() - 1);
    mult = last == 'n' ? 1 : last == 'u' ? 1000 : 1000000;
  }
  if (auto q = parseQuantityMilli(num)) return *q / 1000 * mult + (*q % 1000) * mult / 1000;
  return 0;
}
int64_t parseBytes(const std::string& s) {
  auto q = parseQuantityMilli(s);
  return q ? (*q + 999) / 1000 : 0;
}
// Quantity.MilliValue(): rounded up.
int64_t cpuMilli(int64_t nano) { return (nano + 999999) / 1000000; }

Usage usageOf(const Json& usage) {
  Usage u;
  if (!usage.is_object()) return u;
  if (usage.contains("cpu") && usage["cpu"].is_string()) u.cpuNano = parseCpuNano(usage["cpu"].get<std::string>());
  if (usage.contains("memory") && usage["memory"].is_string()) u.memory = parseBytes(usage["memory"].get<std::string>());
  return u;
}

// printSingleResourceUsage / printAllResourceUsages: "250m\t12%\t" per resource.
std::string usageCells(const Usage& u, const Usage* available) {
  std::string out = std::to_string(cpuMilli(u.cpuNano)) + "m\t";
  if (available)
    out += std::to_string(static_cast<int64_t>(static_cast<double>(cpuMilli(u.cpuNano)) /
                                               static_cast<double>(available->cpuNano / 1000000) * 100)) + "%\t";
  out += std::to_string(u.memory / (1024 * 1024)) + "Mi\t";
  if (available)
    out += std::to_string(static_cast<int64_t>(static_cast<double>(u.memory) / static_cast<double>(available->memory) * 100)) + "%\t";
  return out;
}

std::string tabwrite(const std::string& text) { return tabwriteText(text, 6, 3); }

// ServerGroups(): whether discovery lists metrics.k8s.io at a version kubectl supports.
std::optional<KError> metricsApiAvailable(CmdEnv& env, bool* available) {
  Request req;
  req.path = "/apis";
  req.accept = "application/json, */*";
  Response resp = env.client().request(req);
  if (!resp.ok()) return KError::fromStatus(statusOf(resp));
  *available = false;
  if (resp.body.contains("groups") && resp.body["groups"].is_array())
    for (const auto& g : resp.body["groups"])
      if (g.value("name", "") == "metrics.k8s.io" && g.contains("versions") && g["versions"].is_array())
        for (const auto& v : g["versions"])
          if (v.value("version", "") == "v1beta1") *available = true;
  return std::nullopt;
}

Response metricsGet(CmdEnv& env, const std::string& path, const std::string& labelSelector, const std::string& fieldSelector) {
  Request req;
  req.path = path;
  req.accept = "application/vnd.kubernetes.protobuf, */*";
  if (!labelSelector.empty()) req.query["labelSelector"] = labelSelector;
  if (!fieldSelector.empty()) req.query["fieldSelector"] = fieldSelector;
  return env.client().request(req);
}

// ---------------------------------------------------------------- top node

struct TopNodeOptions {
  std::string resourceName, selector, sortBy;
  bool noHeaders = false, showCapacity = false;

  bool complete(CmdEnv& env, const FlagSet& fs) {
    selector = fs.getString("selector");
    sortBy = fs.getString("sort-by");
    noHeaders = fs.getBool("no-headers");
    showCapacity = fs.getBool("show-capacity");
    if (fs.args().size() == 1) resourceName = fs.args()[0];
    else if (fs.args().size() > 1) {
      env.usageError("node [NAME | -l label]");
      return false;
    }
    return true;
  }
  bool validate(CmdEnv& env) const {
    if (!sortBy.empty() && sortBy != "cpu" && sortBy != "memory") {
      env.failText("--sort-by accepts only cpu or memory");
      return false;
    }
    if (!resourceName.empty() && !selector.empty()) {
      env.failText("only one of NAME or --selector can be provided");
      return false;
    }
    return true;
  }
  void run(CmdEnv& env) const {
    bool available = false;
    if (auto e = metricsApiAvailable(env, &available)) return env.fail(*e);
    if (!available) return env.failText("Metrics API not available");
    std::string base = "/apis/metrics.k8s.io/v1beta1/nodes";
    Response resp = metricsGet(env, resourceName.empty() ? base : base + "/" + resourceName, selector, "");
    if (!resp.ok()) return env.fail(KError::fromStatus(statusOf(resp)));
    std::vector<Json> items;
    if (!resourceName.empty()) items.push_back(resp.body);
    else if (resp.body.contains("items") && resp.body["items"].is_array())
      for (const auto& i : resp.body["items"]) items.push_back(i);
    if (items.empty()) return env.failText("metrics not available yet");
    std::map<std::string, Usage> availableByNode;
    std::vector<Json> nodes;
    const ResourceInfo& nodeRes = *resourceForKind("Node");
    if (!resourceName.empty()) {
      auto g = getJson(env.client(), nodeRes, "", resourceName);
      if (!g.ok()) return env.fail(KError::fromStatus(g.status));
      nodes.push_back(g.value);
    } else {
      auto l = listJson(env.client(), nodeRes, "", selector, "");
      if (!l.ok()) return env.fail(KError::fromStatus(l.status));
      nodes = l.value;
    }
    for (const auto& n : nodes) {
      const Json& st = n.contains("status") ? n["status"] : Json::object();
      const char* which = showCapacity ? "capacity" : "allocatable";
      availableByNode[n["metadata"].value("name", "")] = usageOf(st.contains(which) ? st[which] : Json::object());
    }
    struct Row {
      std::string name;
      Usage usage;
    };
    std::vector<Row> rows;
    for (const auto& i : items) rows.push_back({i["metadata"].value("name", ""), usageOf(i.value("usage", Json::object()))});
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      if (sortBy == "cpu") return cpuMilli(a.usage.cpuNano) > cpuMilli(b.usage.cpuNano);
      if (sortBy == "memory") return a.usage.memory > b.usage.memory;
      return a.name < b.name;
    });
    std::string text;
    if (!noHeaders) text += "NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n";
    for (const auto& r : rows) {
      auto it = availableByNode.find(r.name);
      text += r.name + "\t" + usageCells(r.usage, it != availableByNode.end() ? &it->second : nullptr) + "\n";
      if (it != availableByNode.end()) availableByNode.erase(it);
    }
    // Nodes without metrics (printMissingMetricsNodeLine).
    for (const auto& [name, _] : availableByNode) text += name + "\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n";
    env.out(tabwrite(text));
    env.done(0);
  }
};

// ---------------------------------------------------------------- top pod

struct TopPodOptions {
  std::string resourceName, namespace_, labelSelector, fieldSelector, sortBy;
  bool allNamespaces = false, printContainers = false, noHeaders = false, sum = false;

  bool complete(CmdEnv& env, const FlagSet& fs) {
    labelSelector = fs.getString("selector");
    fieldSelector = fs.getString("field-selector");
    sortBy = fs.getString("sort-by");
    allNamespaces = fs.getBool("all-namespaces");
    printContainers = fs.getBool("containers");
    noHeaders = fs.getBool("no-headers");
    sum = fs.getBool("sum");
    namespace_ = env.ns;
    if (fs.args().size() == 1) resourceName = fs.args()[0];
    else if (fs.args().size() > 1) {
      env.usageError("pod [NAME | -l label]");
      return false;
    }
    return true;
  }
  bool validate(CmdEnv& env) const {
    if (!sortBy.empty() && sortBy != "cpu" && sortBy != "memory") {
      env.failText("--sort-by accepts only cpu or memory");
      return false;
    }
    if (!resourceName.empty() && (!labelSelector.empty() || !fieldSelector.empty())) {
      env.failText("only one of NAME or selector can be provided");
      return false;
    }
    return true;
  }
  // verifyEmptyMetrics: why a list came back empty.
  std::optional<KError> verifyEmpty(CmdEnv& env) const {
    const ResourceInfo& podRes = *resourceForKind("Pod");
    std::vector<Json> pods;
    if (!resourceName.empty()) {
      auto g = getJson(env.client(), podRes, namespace_, resourceName);
      if (!g.ok()) return KError::fromStatus(g.status);
      pods.push_back(g.value);
    } else {
      auto l = listJson(env.client(), podRes, namespace_, labelSelector, fieldSelector);
      if (!l.ok()) return KError::fromStatus(l.status);
      if (l.value.empty()) return std::nullopt;
      pods = l.value;
    }
    for (const auto& p : pods) {
      auto created = parseTime(p["metadata"].value("creationTimestamp", ""));
      Time age = env.now() - created.value_or(env.now());
      if (age > kMetricsCreationDelay)
        return KError::plain("Metrics not available for pod " + p["metadata"].value("namespace", "") + "/" +
                             p["metadata"].value("name", "") + ", age: " + goDuration(age));
    }
    return KError::plain("metrics not available yet");
  }
  void run(CmdEnv& env) const {
    bool available = false;
    if (auto e = metricsApiAvailable(env, &available)) return env.fail(*e);
    if (!available) return env.failText("Metrics API not available");
    std::string base = allNamespaces ? "/apis/metrics.k8s.io/v1beta1/pods"
                                     : "/apis/metrics.k8s.io/v1beta1/namespaces/" + namespace_ + "/pods";
    Response resp = metricsGet(env, resourceName.empty() ? base : base + "/" + resourceName, labelSelector, fieldSelector);
    if (!resp.ok()) return env.fail(KError::fromStatus(statusOf(resp)));
    std::vector<Json> items;
    if (!resourceName.empty()) items.push_back(resp.body);
    else if (resp.body.contains("items") && resp.body["items"].is_array())
      for (const auto& i : resp.body["items"]) items.push_back(i);
    if (items.empty()) {
      if (auto e = verifyEmpty(env)) return env.fail(*e);
      env.err(allNamespaces ? "No resources found\n" : "No resources found in " + namespace_ + " namespace.\n");
      return env.done(0);
    }
    struct Container {
      std::string name;
      Usage usage;
    };
    struct Row {
      std::string ns, name;
      Usage total;
      std::vector<Container> containers;
    };
    std::vector<Row> rows;
    for (const auto& i : items) {
      Row r{i["metadata"].value("namespace", ""), i["metadata"].value("name", ""), {}, {}};
      if (i.contains("containers") && i["containers"].is_array())
        for (const auto& c : i["containers"]) {
          Usage u = usageOf(c.value("usage", Json::object()));
          r.containers.push_back({c.value("name", ""), u});
          r.total.cpuNano += u.cpuNano;
          r.total.memory += u.memory;
        }
      rows.push_back(std::move(r));
    }
    auto byUsage = [&](const Usage& a, const Usage& b) {
      return sortBy == "cpu" ? cpuMilli(a.cpuNano) > cpuMilli(b.cpuNano) : a.memory > b.memory;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
      if (!sortBy.empty()) return byUsage(a.total, b.total);
      if (allNamespaces && a.ns != b.ns) return a.ns < b.ns;
      return a.name < b.name;
    });
    std::string text;
    int columns = 3;
    if (!noHeaders) {
      if (allNamespaces) {
        text += "NAMESPACE\t";
        columns++;
      }
      if (printContainers) {
        text += "POD\t";
        columns++;
      }
      text += "NAME\tCPU(cores)\tMEMORY(bytes)\t\n";
    }
    Usage total;
    for (auto& r : rows) {
      total.cpuNano += r.total.cpuNano;
      total.memory += r.total.memory;
      if (printContainers) {
        std::stable_sort(r.containers.begin(), r.containers.end(), [&](const Container& a, const Container& b) {
          if (!sortBy.empty()) return byUsage(a.usage, b.usage);
          return a.name < b.name;
        });
        for (const auto& c : r.containers)
          text += (allNamespaces ? r.ns + "\t" : "") + r.name + "\t" + c.name + "\t" + usageCells(c.usage, nullptr) + "\n";
      } else {
        text += (allNamespaces ? r.ns + "\t" : "") + r.name + "\t" + usageCells(r.total, nullptr) + "\n";
      }
    }
    if (sum) {
      for (int i = 0; i < columns - 2; i++) text += "\t";
      text += "________\t________\t\n";
      for (int i = 0; i < columns - 3; i++) text += "\t";
      text += "\t" + usageCells(total, nullptr) + "\n";
    }
    env.out(tabwrite(text));
    env.done(0);
  }
};

}  // namespace

// `kubectl top`, `kubectl top node|nodes|no`, `kubectl top pod|pods|po`.
void cmdTop(CmdEnv& env, const std::vector<std::string>& args) {
  std::string sub;
  std::vector<std::string> rest;
  for (const auto& a : args) {
    if (sub.empty() && !a.empty() && a[0] != '-') {
      sub = a;
      continue;
    }
    rest.push_back(a);
  }
  if (sub.empty()) {
    env.out(kTopHelp);
    return env.done(0);
  }
  bool node = sub == "node" || sub == "nodes" || sub == "no";
  bool pod = sub == "pod" || sub == "pods" || sub == "po";
  if (!node && !pod) {
    env.err("error: unknown command " + goQuote(sub) + "\nSee 'kubectl top -h' for help and examples\n");
    return env.done(1);
  }
  env.path = node ? "kubectl top node" : "kubectl top pod";
  FlagSet fs;
  fs.string("selector", 'l', "", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.")
      .string("sort-by", 0, "", std::string("If non-empty, sort ") + (node ? "nodes" : "pods") +
                                    " list using specified field. The field can be either 'cpu' or 'memory'.")
      .boolean("no-headers", 0, false, node ? "If present, print output without headers" : "If present, print output without headers.")
      .boolean("use-protocol-buffers", 0, true, "Enables using protocol-buffers to access Metrics API.");
  if (node) {
    fs.boolean("show-capacity", 0, false, "Print node resources based on Capacity instead of Allocatable(default) of the nodes.");
  } else {
    fs.string("field-selector", 0, "", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
        .boolean("containers", 0, false, "If present, print usage of containers within a pod.")
        .boolean("all-namespaces", 'A', false, "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.")
        .boolean("sum", 0, false, "Print the sum of the resource usage");
  }
  const std::string help =
      node ? "Display resource (CPU/memory) usage of nodes.\n\n The top-node command allows you to see the resource consumption of nodes.\n\n"
             "Aliases:\n  node, nodes, no\n\nUsage:\n  kubectl top node [NAME | -l label] [options]\n"
           : "Display resource (CPU/memory) usage of pods.\n\n The 'top pod' command allows you to see the resource consumption of pods.\n\n"
             " Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.\n\n"
             "Aliases:\n  pod, pods, po\n\nUsage:\n  kubectl top pod [NAME | -l label] [options]\n";
  if (!parseFlags(env, fs, rest, help)) return;
  if (node) {
    TopNodeOptions o;
    if (!o.complete(env, fs) || !o.validate(env)) return;
    o.run(env);
  } else {
    TopPodOptions o;
    if (!o.complete(env, fs) || !o.validate(env)) return;
    o.run(env);
  }
}

}  // namespace kp
