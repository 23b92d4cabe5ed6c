// `kubectl autoscale (TYPE NAME | TYPE/NAME) --max=N [--min=N] [--cpu-percent=N] [--name=X]`:
// as kubectl 1.32's autoscale.go, an autoscaling/v1 HorizontalPodAutoscaler (v1 carries
// targetCPUUtilizationPercentage) whose scaleTargetRef names each object, which is read first
// and must have a scale subresource. Printed "horizontalpodautoscaler.autoscaling/X autoscaled".
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/create_generators.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

// The kinds whose scale subresource the discovery scale-kind resolver finds.
bool hasScale(const ResourceInfo& r) {
  return r.kind == "Deployment" || r.kind == "ReplicaSet" || r.kind == "ReplicationController" || r.kind == "StatefulSet";
}

}  // namespace

void cmdAutoscale(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .int32("cpu-percent", 0, -1, "The target average CPU utilization (represented as a percent of requested CPU) over all the pods.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("field-manager", 0, "kubectl-autoscale", "Name of the manager used to track field ownership.")
      .stringSlice("filename", 'f', "Filename, directory, or URL to files identifying the resource to autoscale.")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .int32("max", 0, -1, "The upper limit for the number of pods that can be set by the autoscaler. Required.")
      .int32("min", 0, -1, "The lower limit for the number of pods that can be set by the autoscaler.")
      .string("name", 0, "", "The name for the newly created object. If not specified, the name of the input resource will be used.")
      .string("output", 'o', "", "Output format.")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .boolean("record", 0, false, "Record current kubectl command in the resource annotation.")
      .boolean("save-config", 0, false, "Save the configuration of the object in its annotation.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.")
      .require("max")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args,
                  "Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.\n\nUsage:\n  kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]\n"))
    return;
  std::string dryRun, output = fs.getString("output");
  if (!dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, output)) return;
  int64_t max = fs.getInt("max"), min = fs.getInt("min"), cpu = fs.getInt("cpu-percent");
  if (max < 1) return env.failText("--max=MAXPODS is required and must be at least 1, max: " + std::to_string(max));
  if (max < min)
    return env.failText("--max=MAXPODS must be larger or equal to --min=MINPODS, max: " + std::to_string(max) +
                        ", min: " + std::to_string(min));
  if (!fs.getList("filename").empty() || !fs.getString("kustomize").empty())
    return env.failText("autoscale -f/-k is not available in this simulated cluster; name the object (TYPE NAME)");
  Resolved res;
  if (auto e = resolveResources(fs.args(), BuilderOptions{}, env.ns, env.ctx.commandName, res)) return env.fail(*e);
  const ResourceInfo& hpas = *resourceForKind("HorizontalPodAutoscaler");
  int count = 0;
  for (const auto& v : res.visits) {
    if (v.name.empty()) continue;
    auto got = getJson(env.client(), *v.resource, v.ns, v.name);
    if (!got.ok()) return env.fail(KError::fromStatus(got.status));
    const ResourceInfo& r = *v.resource;
    if (!hasScale(r)) {
      std::string gvr = (r.group.empty() ? "" : r.group) + "/" + r.version + ", Resource=" + r.resource;
      return env.failText("cannot autoscale a " + r.kind + ": could not find scale subresource for " + gvr +
                          " in discovery information");
    }
    std::string name = fs.getString("name").empty() ? v.name : fs.getString("name");
    OJson ref = OJson::object();
    ref["kind"] = r.kind;
    ref["name"] = v.name;
    ref["apiVersion"] = r.groupVersion();
    OJson spec = OJson::object();
    spec["scaleTargetRef"] = ref;
    if (min > 0) spec["minReplicas"] = min;
    spec["maxReplicas"] = max;
    if (cpu >= 0) spec["targetCPUUtilizationPercentage"] = cpu;
    OJson meta = OJson::object();
    meta["name"] = name;
    meta["creationTimestamp"] = nullptr;
    OJson hpa = OJson::object();
    hpa["kind"] = "HorizontalPodAutoscaler";
    hpa["apiVersion"] = "autoscaling/v1";
    hpa["metadata"] = meta;
    hpa["spec"] = spec;
    hpa["status"] = OJson{{"currentReplicas", 0}, {"desiredReplicas", 0}};
    count++;
    if (dryRun == "client") {
      if (output.empty()) env.out(resourceName(hpas, name) + " created (dry run)\n");
      else if (output == "name") env.out(resourceName(hpas, name) + "\n");
      else if (output == "json") env.out(typedJsonText(hpa));
      else env.out(toYaml(Json::parse(hpa.dump())));
      continue;
    }
    // kubectl 1.32 creates the HPA through the autoscaling/v1 client.
    Request req;
    req.method = "POST";
    req.path = "/apis/autoscaling/v1/namespaces/" + v.ns + "/horizontalpodautoscalers";
    req.query["fieldManager"] = fs.getString("field-manager");
    if (dryRun == "server") req.query["dryRun"] = "All";
    req.contentType = "application/json";
    req.body = Json::parse(hpa.dump());
    Response resp = env.client().request(req);
    if (!resp.ok()) return env.fail(KError::fromStatus(statusOf(resp)));
    std::string op = dryRun == "server" ? " autoscaled (server dry run)" : " autoscaled";
    if (output.empty()) env.out(resourceName(hpas, name) + op + "\n");
    else if (output == "name") env.out(resourceName(hpas, name) + "\n");
    else if (output == "json") env.out(toJsonText(resp.body));
    else env.out(toYaml(resp.body));
  }
  if (count == 0) return env.failText("no objects passed to autoscale");
  env.done(0);
}

}  // namespace kp
