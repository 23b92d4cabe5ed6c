// `kubectl delete`: DELETE with {"propagationPolicy":"Background"} (plus gracePeriodSeconds
// when set), print `pod "x" deleted`, then wait as kubectl does until every deleted object is
// gone from the API (for a pod: its graceful termination), on the simulated clock.
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/manifest.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

struct Deleted {
  const ResourceInfo* r;
  std::string ns, name, uid;
};

// True when the object is gone or was replaced by one with another uid (cmdwait.IsDeleted).
bool isGone(Client& c, const Deleted& d) {
  auto g = getJson(c, *d.r, d.ns, d.name);
  if (!g.ok()) return g.status.reason == "NotFound" || g.status.code == 404;
  std::string uid;
  if (g.value.contains("metadata") && g.value["metadata"].is_object()) uid = g.value["metadata"].value("uid", "");
  return !d.uid.empty() && uid != d.uid;
}

}  // namespace

void cmdDelete(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all", 0, false, "Delete all resources, in the namespace of the specified resource types.")
      .boolean("all-namespaces", 'A', false, "If present, list the requested object(s) across all namespaces.")
      .string("cascade", 0, "background", "Must be \"background\", \"orphan\", or \"foreground\".")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("field-selector", 0, "", "Selector (field query) to filter on.")
      .stringSlice("filename", 'f', "containing the resource to delete.")
      .boolean("force", 0, false, "If true, immediately remove resources from API and bypass graceful deletion.")
      .integer("grace-period", 0, -1, "Period of time in seconds given to the resource to terminate gracefully.")
      .boolean("ignore-not-found", 0, false, "Treat \"resource not found\" as a successful delete.")
      .boolean("interactive", 'i', false, "If true, delete resource only when user confirms.")
      .string("kustomize", 'k', "", "Process a kustomization directory.")
      .boolean("now", 0, false, "If true, resources are signaled for immediate shutdown (same as --grace-period=1).")
      .string("output", 'o', "", "Output mode. Use \"-o name\" for shorter output (resource/name).")
      .string("raw", 0, "", "Raw URI to DELETE to the server.")
      .boolean("recursive", 'R', false, "Process the directory used in -f recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .duration("timeout", "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object")
      .boolean("wait", 0, true, "If true, wait for resources to be gone before returning.")
      .noOptDefault("cascade", "background")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args,
                  "Delete resources by resources and names, or by resources and label selector.\n\nUsage:\n  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])\n"))
    return;
  // Complete
  bool all = fs.getBool("all");
  bool ignoreNotFound = fs.getBool("ignore-not-found");
  if ((all || !fs.getString("selector").empty() || !fs.getString("field-selector").empty()) && !fs.changed("ignore-not-found"))
    ignoreNotFound = true;
  int64_t grace = fs.getInt("grace-period");
  bool force = fs.getBool("force");
  if (fs.getBool("now")) {
    if (grace != -1) {
      env.failText("--now and --grace-period cannot be specified together");
      return;
    }
    grace = 1;
  }
  if (grace == 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  std::string cascade = fs.getString("cascade"), policy;
  if (cascade == "background" || cascade == "true") policy = "Background";
  else if (cascade == "orphan" || cascade == "false") policy = "Orphan";
  else if (cascade == "foreground") policy = "Foreground";
  else {
    env.failText("invalid cascade value (" + cascade + "). Must be \"background\", \"foreground\", or \"orphan\".");
    return;
  }
  if (cascade == "true" || cascade == "false")
    env.err("warning: --cascade=" + cascade + " is deprecated (boolean value) and can be replaced with --cascade=" +
            (cascade == "true" ? "background" : "orphan") + ".\n");
  if (!fs.getString("raw").empty()) {
    env.failText("deleting raw URIs is not available in this simulated cluster");
    return;
  }
  BuilderOptions bo;
  bo.labelSelector = fs.getString("selector");
  bo.fieldSelector = fs.getString("field-selector");
  bo.selectAll = all;
  bo.allNamespaces = fs.getBool("all-namespaces");
  Resolved res;
  std::vector<KError> errs;
  std::map<std::string, std::string> sources;  // resource/ns/name -> the file it came from
  if (!fs.getList("filename").empty()) {
    if (!fs.args().empty()) {
      env.failText("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well");
      return;
    }
    // -f: the objects named in the files
    std::vector<ManifestInfo> infos;
    if (!loadManifests(env, fs.getList("filename"), env.nsExplicit, false, infos, errs)) return;
    for (const auto& info : infos) {
      res.visits.push_back({info.resource, info.ns, info.name});
      sources[info.resource->resource + "/" + info.ns + "/" + info.name] = info.source;
    }
  } else if (auto e = resolveResources(fs.args(), bo, env.ns, "kubectl", res)) {
    env.fail(*e);
    return;
  }
  // Validate
  std::string output = fs.getString("output");
  if (!output.empty() && output != "name") {
    env.failText("unexpected -o output mode: " + output + ". We only support '-o name'");
    return;
  }
  if (grace == 0 && force) {
    env.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  } else if (grace > 0 && force) {
    env.failText("--force and --grace-period greater than 0 cannot be specified together");
    return;
  }
  if (fs.getBool("interactive")) {
    env.failText("--interactive is not available in this simulated cluster");
    return;
  }

  // DeleteResult: visit every target (lists are expanded), delete, print.
  std::vector<Deleted> deleted;
  int found = 0;
  auto deleteOne = [&](const ResourceInfo& r, const std::string& ns, const std::string& name) {
    found++;
    std::string operation = grace == 0 ? "force deleted" : "deleted";
    if (dryRun == "client") operation += " (dry run)";
    else if (dryRun == "server") operation += " (server dry run)";
    auto print = [&] {
      if (output == "name") env.out(kindSlashName(r, name) + "\n");
      else env.out(kindString(r) + " \"" + name + "\" " + operation + "\n");
    };
    if (dryRun == "client") {
      print();
      return;
    }
    Request req;
    req.method = "DELETE";
    req.path = Client::path(r, ns, name);
    req.contentType = "application/json";
    req.body = Json::object();
    if (grace >= 0) req.body["gracePeriodSeconds"] = grace;
    req.body["propagationPolicy"] = policy;
    if (dryRun == "server") req.query["dryRun"] = "All";
    Response resp = env.client().request(req);
    if (!resp.ok()) {
      Status s = statusOf(resp);
      // an ignored NotFound still counts as found (kubectl counts before deleting)
      if (ignoreNotFound && s.reason == "NotFound") return;
      // objects from -f name their file, as cmdutil.AddSourceToErr does
      auto src = sources.find(r.resource + "/" + ns + "/" + name);
      errs.push_back(src == sources.end() ? KError::fromStatus(s) : addSourceToErr("deleting", src->second, s));
      return;
    }
    print();
    std::string uid;
    const Json& b = resp.body;
    if (b.is_object() && b.value("kind", "") == "Status") {
      if (b.contains("details") && b["details"].is_object()) uid = b["details"].value("uid", "");
    } else if (b.is_object() && b.contains("metadata") && b["metadata"].is_object()) {
      uid = b["metadata"].value("uid", "");
    }
    deleted.push_back({&r, ns, name, uid});
  };
  for (const auto& v : res.visits) {
    if (v.name.empty()) {
      auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) {
        if (!(ignoreNotFound && l.status.reason == "NotFound")) errs.push_back(KError::fromStatus(l.status));
        continue;
      }
      for (const auto& o : l.value) {
        const Json& m = o.contains("metadata") ? o["metadata"] : Json::object();
        deleteOne(*v.resource, m.value("namespace", v.ns), m.value("name", ""));
      }
    } else {
      deleteOne(*v.resource, v.ns, v.name);
    }
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  if (found == 0) {
    env.out("No resources found\n");
    env.done(0);
    return;
  }
  if (!fs.getBool("wait") || dryRun != "none" || deleted.empty()) {
    env.done(0);
    return;
  }
  // Wait for deletion (cmdwait with IsDeleted): --timeout=0 means a week.
  int64_t timeout = fs.getDurationMs("timeout");
  if (timeout <= 0) timeout = int64_t(168) * 3600 * 1000;
  Time deadline = env.now() + timeout;
  KubectlContext* ctx = &env.ctx;
  auto pending = std::make_shared<std::vector<Deleted>>(deleted);
  auto step = [ctx, pending, deadline](Execution& ex) {
    while (!pending->empty() && isGone(ctx->client, pending->front())) pending->erase(pending->begin());
    if (pending->empty()) {
      ex.finish(0);
      return;
    }
    if (ctx->now() >= deadline) {
      const Deleted& d = pending->front();
      ex.err("error: timed out waiting for the condition on " + d.r->resource + "/" + d.name + "\n");
      ex.finish(1);
    }
  };
  env.ex.wait(deadline, step);
  step(env.ex);
}

}  // namespace kp
