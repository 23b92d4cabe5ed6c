// The smaller kubectl commands: describe (with its name-prefix fallback), cluster-info (the
// control plane and the kube-system services labelled kubernetes.io/cluster-service=true),
// version and api-resources, each printing what kubectl 1.32 prints.
#include <algorithm>

#include "core/kubectl/cmd_common.h"

#include <set>
#include "core/kubectl/describe.h"
#include "core/kubectl/printers.h"

namespace kp {

void cmdDescribe(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all-namespaces", 'A', false, "If present, list the requested object(s) across all namespaces.")
      .integer("chunk-size", 0, 500, "Return large lists in chunks rather than all at once.")
      .stringSlice("filename", 'f', "Filename, directory, or URL to files containing the resource to describe")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .boolean("recursive", 'R', false, "Process the directory used in -f recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .boolean("show-events", 0, true, "If true, display events related to the described object.");
  if (!parseFlags(env, fs, args,
                  "Show details of a specific resource or group of resources.\n\nUsage:\n  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)\n"))
    return;
  const auto& pos = fs.args();
  if (pos.empty() && fs.getList("filename").empty()) {
    env.failText("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
    return;
  }
  bool allNs = fs.getBool("all-namespaces");
  BuilderOptions bo;
  bo.allowEmptySelector = true;
  bo.labelSelector = fs.getString("selector");
  bo.allNamespaces = allNs;
  Resolved res;
  if (auto e = resolveResources(pos, bo, env.ns, "kubectl", res)) {
    env.fail(*e);
    return;
  }
  struct Info {
    const ResourceInfo* r;
    std::string ns, name;
  };
  std::vector<Info> infos;
  std::vector<KError> errs;
  for (const auto& v : res.visits) {
    if (v.name.empty()) {
      auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) { errs.push_back(KError::fromStatus(l.status)); continue; }
      for (const auto& o : l.value) {
        const Json& m = o.contains("metadata") ? o["metadata"] : Json::object();
        infos.push_back({v.resource, m.value("namespace", ""), m.value("name", "")});
      }
    } else {
      auto g = getJson(env.client(), *v.resource, v.ns, v.name);
      if (!g.ok()) { errs.push_back(KError::fromStatus(g.status)); continue; }
      infos.push_back({v.resource, v.ns, v.name});
    }
  }
  // `kubectl describe pod kubia` describes every pod whose name starts with "kubia".
  if (!errs.empty() && pos.size() == 2 && errs[0].api && errs[0].status.reason == "NotFound" && !res.visits.empty()) {
    const Visit& v = res.visits[0];
    auto l = listJson(env.client(), *v.resource, v.ns, "", "");
    if (!l.ok()) {
      env.fail(KError::fromStatus(l.status));
      return;
    }
    bool any = false;
    for (const auto& o : l.value) {
      std::string name = o.contains("metadata") ? o["metadata"].value("name", "") : "";
      if (name.rfind(pos[1], 0) != 0) continue;
      any = true;
      auto d = describe(env.client(), *v.resource, v.ns, name);
      if (!d.ok()) {
        env.fail(KError::fromStatus(d.status));
        return;
      }
      env.out(d.value + "\n");
    }
    if (!any) {
      env.fail(errs[0]);
      return;
    }
    env.done(0);
    return;
  }
  bool first = true;
  std::set<std::string> seenErrs;
  for (const auto& i : infos) {
    auto d = describe(env.client(), *i.r, i.ns, i.name);
    if (!d.ok()) {
      KError e = KError::fromStatus(d.status);
      if (seenErrs.insert(e.text()).second) errs.push_back(e);
      continue;
    }
    env.out(first ? d.value : "\n\n" + d.value);
    first = false;
  }
  if (infos.empty() && errs.empty()) {
    if (allNs) env.err("No resources found\n");
    else env.err("No resources found in " + env.ns + " namespace.\n");
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  env.done(0);
}

void cmdClusterInfo(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  if (!parseFlags(env, fs, args,
                  "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.\n\nUsage:\n  kubectl cluster-info [flags] [options]\n"))
    return;
  if (!fs.args().empty() && fs.args()[0] == "dump") {
    env.failText("\"kubectl cluster-info dump\" is not available in this simulated cluster");
    return;
  }
  std::string ns = env.nsExplicit && !env.ns.empty() ? env.ns : "kube-system";
  const ResourceInfo& services = *resourceForKind("Service");
  auto l = listJson(env.client(), services, ns, "kubernetes.io/cluster-service=true", "");
  if (l.ok()) {
    env.out("Kubernetes control plane is running at " + env.ctx.server + "\n");
    for (const auto& svc : l.value) {
      const Json& meta = svc.contains("metadata") ? svc["metadata"] : Json::object();
      const Json& spec = svc.contains("spec") ? svc["spec"] : Json::object();
      std::string link;
      const Json* ingress = nullptr;
      if (svc.contains("status") && svc["status"].contains("loadBalancer") &&
          svc["status"]["loadBalancer"].contains("ingress") && svc["status"]["loadBalancer"]["ingress"].is_array() &&
          !svc["status"]["loadBalancer"]["ingress"].empty())
        ingress = &svc["status"]["loadBalancer"]["ingress"][0];
      if (ingress) {
        std::string ip = ingress->value("ip", "");
        if (ip.empty()) ip = ingress->value("hostname", "");
        if (spec.contains("ports") && spec["ports"].is_array())
          for (const auto& p : spec["ports"]) link += "http://" + ip + ":" + jsonScalarText(p.value("port", Json(0))) + " ";
      } else {
        std::string name = meta.value("name", "");
        if (spec.contains("ports") && spec["ports"].is_array() && !spec["ports"].empty()) {
          const Json& p = spec["ports"][0];
          std::string portName = p.value("name", "");
          std::string scheme = (portName == "https" || p.value("port", 0) == 443) ? "https" : "";
          // utilnet.JoinSchemeNamePort
          if (!scheme.empty()) name = scheme + ":" + name + ":" + portName;
          else if (!portName.empty()) name = name + ":" + portName;
        }
        link = env.ctx.server + "/api/v1/namespaces/" + meta.value("namespace", ns) + "/services/" + name + "/proxy";
      }
      std::string shown;
      if (meta.contains("labels") && meta["labels"].is_object()) shown = meta["labels"].value("kubernetes.io/name", "");
      if (shown.empty()) shown = meta.value("name", "");
      env.out(shown + " is running at " + link + "\n");
    }
  }
  env.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  if (!l.ok()) {
    env.fail(KError::fromStatus(l.status));
    return;
  }
  env.done(0);
}

namespace {

Json clientVersionJson() {
  // kubectl v1.32.4 as built by the Kubernetes release
  return {{"major", "1"},        {"minor", "32"},         {"gitVersion", "v1.32.4"},
          {"gitCommit", "59526cd4867447956156ae3a602fcbac5c7a6c24"},
          {"gitTreeState", "clean"}, {"buildDate", "2025-04-22T16:02:27Z"}, {"goVersion", "go1.23.6"},
          {"compiler", "gc"},    {"platform", "linux/amd64"}};
}

// Go's json.MarshalIndent(v, "", "  ") of the version structs (field order kept).
std::string versionJsonText(const Json& client, const Json* server) {
  using OJson = nlohmann::ordered_json;
  auto ordered = [](const Json& v) {
    OJson o = OJson::object();
    for (const char* k : {"major", "minor", "emulationMajor", "emulationMinor", "minCompatibilityMajor",
                          "minCompatibilityMinor", "gitVersion", "gitCommit", "gitTreeState", "buildDate",
                          "goVersion", "compiler", "platform"})
      if (v.contains(k)) o[k] = v[k];
    return o;
  };
  OJson doc = OJson::object();
  doc["clientVersion"] = ordered(client);
  doc["kustomizeVersion"] = "v5.5.0";
  if (server) doc["serverVersion"] = ordered(*server);
  return doc.dump(2);
}

}  // namespace

void cmdVersion(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("client", 0, false, "If true, shows client version only (no server required).")
      .string("output", 'o', "", "One of 'yaml' or 'json'.");
  if (!parseFlags(env, fs, args, "Print the client and server version information for the current context.\n\nUsage:\n  kubectl version [flags] [options]\n"))
    return;
  if (!fs.args().empty()) {
    std::string list = "[";
    for (size_t i = 0; i < fs.args().size(); i++) list += (i ? " " : "") + fs.args()[i];
    env.failText("extra arguments: " + list + "]");
    return;
  }
  std::string output = fs.getString("output");
  if (!output.empty() && output != "yaml" && output != "json") {
    env.failText("--output must be 'yaml' or 'json'");
    return;
  }
  Json client = clientVersionJson();
  Json server;
  bool haveServer = false;
  if (!fs.getBool("client")) {
    Request req;
    req.path = "/version";
    req.query["timeout"] = "32s";
    Response resp = env.client().request(req);
    if (resp.ok() && resp.body.is_object() && resp.body.contains("gitVersion")) {
      server = resp.body;
    } else {
      server = client;  // the simulated API server is the same release
    }
    haveServer = true;
  }
  if (output.empty()) {
    env.out("Client Version: " + client["gitVersion"].get<std::string>() + "\n");
    env.out("Kustomize Version: v5.5.0\n");
    if (haveServer) env.out("Server Version: " + server.value("gitVersion", std::string("v1.32.4")) + "\n");
  } else if (output == "json") {
    env.out(versionJsonText(client, haveServer ? &server : nullptr) + "\n");
  } else {
    Json doc = {{"clientVersion", client}, {"kustomizeVersion", "v5.5.0"}};
    if (haveServer) doc["serverVersion"] = server;
    env.out(toYaml(doc) + "\n");
  }
  env.done(0);
}

void cmdApiResources(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.string("api-group", 0, "", "Limit to resources in the specified API group.")
      .boolean("cached", 0, false, "Use the cached list of resources if available.")
      .stringSlice("categories", 0, "Limit to resources that belong to the specified categories.")
      .boolean("namespaced", 0, true, "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.")
      .boolean("no-headers", 0, false, "When using the default or custom-column output format, don't print headers (default print headers).")
      .string("output", 'o', "", "Output format. One of: (wide, name).")
      .string("sort-by", 0, "", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
      .stringSlice("verbs", 0, "Limit to resources that support the specified verbs.");
  if (!parseFlags(env, fs, args, "Print the supported API resources on the server.\n\nUsage:\n  kubectl api-resources [flags] [options]\n"))
    return;
  if (!fs.args().empty()) {
    env.usageError("unexpected arguments: [" + fs.args()[0] + "]");
    return;
  }
  std::string output = fs.getString("output");
  if (!output.empty() && output != "wide" && output != "name") {
    env.failText("--output " + output + " is not available in kubectl api-resources");
    return;
  }
  std::string sortBy = fs.getString("sort-by");
  if (!sortBy.empty() && sortBy != "name" && sortBy != "kind") {
    env.failText("--sort-by accepts only name or kind");
    return;
  }
  std::vector<const ResourceInfo*> list;
  for (const auto& r : allResources()) {
    if (fs.changed("api-group") && r.group != fs.getString("api-group")) continue;
    if (fs.changed("namespaced") && r.namespaced != fs.getBool("namespaced")) continue;
    auto cats = fs.getList("categories");
    if (!cats.empty() && !(r.inCategoryAll && std::find(cats.begin(), cats.end(), "all") != cats.end())) continue;
    list.push_back(&r);
  }
  std::stable_sort(list.begin(), list.end(), [&](const ResourceInfo* a, const ResourceInfo* b) {
    if (sortBy == "name") return a->resource < b->resource;
    if (sortBy == "kind") return a->kind < b->kind;
    if (a->group != b->group) return a->group < b->group;
    return a->resource < b->resource;
  });
  if (output == "name") {
    for (const auto* r : list) env.out((r->group.empty() ? r->resource : r->resource + "." + r->group) + "\n");
    env.done(0);
    return;
  }
  std::vector<std::vector<std::string>> rows;
  bool wide = output == "wide";
  if (!fs.getBool("no-headers")) {
    std::vector<std::string> h = {"NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"};
    if (wide) h.insert(h.end(), {"VERBS", "CATEGORIES"});
    rows.push_back(h);
  }
  for (const auto* r : list) {
    std::string shorts;
    for (const auto& s : r->shortNames) shorts += (shorts.empty() ? "" : ",") + s;
    std::vector<std::string> row = {r->resource, shorts, r->groupVersion(), r->namespaced ? "true" : "false", r->kind};
    if (wide) {
      row.push_back("[" + join(r->verbs, " ") + "]");
      row.push_back(join(r->categories, ","));
    }
    rows.push_back(row);
  }
  env.out(tabwrite(rows));
  env.done(0);
}

}  // namespace kp

namespace kp {

// `kubectl api-versions`: every group/version discovery lists, sorted.
void cmdApiVersions(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  if (!parseFlags(env, fs, args,
                  "Print the supported API versions on the server, in the form of \"group/version\".\n\nUsage:\n"
                  "  kubectl api-versions [options]\n"))
    return;
  std::set<std::string> versions;
  for (const auto& r : allResources()) versions.insert(r.groupVersion());
  for (const auto& v : versions) env.out(v + "\n");
  env.done(0);
}

}  // namespace kp
