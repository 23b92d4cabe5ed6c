// `kubectl scale`: PATCH .../<resource>/<name>/scale with {"spec":{"replicas":N}} as a JSON
// merge patch (or GET + PUT of the Scale when --current-replicas/--resource-version set a
// precondition), printing "deployment.apps/kubia scaled" as kubectl's scale command does.
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/printers.h"

namespace kp {

void cmdScale(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all", 0, false, "Select all resources in the namespace of the specified resource types")
      .boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .integer("current-replicas", 0, -1, "Precondition for current size.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .stringSlice("filename", 'f', "Filename identifying the resource to set a new size")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .string("output", 'o', "", "Output format.")
      .boolean("record", 0, false, "Record current kubectl command in the resource annotation.")
      .boolean("recursive", 'R', false, "Process the directory used in -f recursively.")
      .integer("replicas", 0, 0, "The new desired number of replicas. Required.")
      .string("resource-version", 0, "", "Precondition for resource version.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.")
      .duration("timeout", "0s", "The length of time to wait before giving up on a scale operation.")
      .require("replicas")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args,
                  "Set a new size for a deployment, replica set, replication controller, or stateful set.\n\nUsage:\n  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)\n"))
    return;
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::string output = printerOutput(env);
  int64_t replicas = fs.getInt("replicas"), current = fs.getInt("current-replicas");
  if (replicas < 0) {
    env.failText("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    return;
  }
  if (current < -1) {
    env.failText("The --current-replicas must specify an integer of -1 or greater");
    return;
  }
  BuilderOptions bo;
  bo.selectAll = fs.getBool("all");
  bo.labelSelector = fs.getString("selector");
  Resolved res;
  if (auto e = resolveResources(fs.args(), bo, env.ns, "kubectl", res)) {
    env.fail(*e);
    return;
  }
  // The builder's infos (Latest: every object is fetched), errors kept for the end.
  struct Target {
    const ResourceInfo* r;
    std::string ns, name;
    Json obj;
  };
  std::vector<Target> targets;
  std::vector<KError> infoErrs;
  for (const auto& v : res.visits) {
    if (v.name.empty()) {
      auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) { infoErrs.push_back(KError::fromStatus(l.status)); continue; }
      for (auto& o : l.value)
        targets.push_back({v.resource, v.ns, o["metadata"].value("name", ""), o});
    } else {
      auto g = getJson(env.client(), *v.resource, v.ns, v.name);
      if (!g.ok()) { infoErrs.push_back(KError::fromStatus(g.status)); continue; }
      targets.push_back({v.resource, v.ns, v.name, g.value});
    }
  }
  std::string rv = fs.getString("resource-version");
  if (!rv.empty() && targets.size() > 1) {
    env.failText("cannot use --resource-version with multiple resources");
    return;
  }
  if (targets.empty()) {
    if (!infoErrs.empty()) env.failText("no objects passed to scale " + aggregateText(infoErrs));
    else env.failText("no objects passed to scale");
    return;
  }
  bool precondition = current != -1 || !rv.empty();
  for (const auto& t : targets) {
    if (dryRun == "client") {
      if (output == "name" || output.empty()) env.out(resourceName(*t.r, t.name) + (output.empty() ? " scaled (dry run)\n" : "\n"));
      else if (!printObject(env, *t.r, t.obj)) return;
      continue;
    }
    Request req;
    req.path = Client::path(*t.r, t.ns, t.name, "scale");
    if (dryRun == "server") req.query["dryRun"] = "All";
    if (precondition) {
      // ScaleSimple with preconditions: GET the Scale, check, PUT it back with the new size.
      Request get;
      get.path = req.path;
      Response g = env.client().request(get);
      if (!g.ok()) {
        env.fail(KError::fromStatus(statusOf(g)));
        return;
      }
      Json scale = g.body;
      int64_t have = 0;
      if (scale.contains("spec") && scale["spec"].is_object() && scale["spec"].contains("replicas") &&
          scale["spec"]["replicas"].is_number_integer())
        have = scale["spec"]["replicas"].get<int64_t>();
      if (current != -1 && have != current) {
        env.failText("Expected replicas to be " + std::to_string(current) + ", was " + std::to_string(have));
        return;
      }
      std::string haveRv;
      if (scale.contains("metadata") && scale["metadata"].is_object())
        haveRv = scale["metadata"].value("resourceVersion", "");
      if (!rv.empty() && haveRv != rv) {
        env.failText("Expected resource version to be " + rv + ", was " + haveRv);
        return;
      }
      if (!scale.is_object()) scale = Json::object();
      scale["spec"]["replicas"] = replicas;
      req.method = "PUT";
      req.contentType = "application/json";
      req.body = scale;
    } else {
      req.method = "PATCH";
      req.contentType = "application/merge-patch+json";
      req.body = {{"spec", {{"replicas", replicas}}}};
    }
    Response resp = env.client().request(req);
    if (!resp.ok()) {
      env.fail(KError::fromStatus(statusOf(resp)));
      return;
    }
    std::string op = dryRun == "server" ? " scaled (server dry run)\n" : " scaled\n";
    if (output.empty()) env.out(resourceName(*t.r, t.name) + op);
    else if (output == "name") env.out(resourceName(*t.r, t.name) + "\n");
    else if (!printObject(env, *t.r, t.obj)) return;
  }
  if (!infoErrs.empty()) {
    env.fail(infoErrs);
    return;
  }
  env.done(0);
}

}  // namespace kp
