// `kubectl set image`: changes container images of pods and pod templates (deployments,
// replica sets, replication controllers) with a strategic merge patch, printing
// "deployment.apps/kubia image updated" as kubectl's set image command does. Other `set`
// subcommands are not simulated.
#include <map>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

const char* kSetHelp =
    "Configure application resources.\n"
    "\n"
    " These commands help you make changes to existing application resources.\n"
    "\n"
    "Available Commands:\n"
    "  env              Update environment variables on a pod template\n"
    "  image            Update the image of a pod template\n"
    "  resources        Update resource requests/limits on objects with pod templates\n"
    "  selector         Set the selector on a resource\n"
    "  serviceaccount   Update the service account of a resource\n"
    "  subject          Update the user, group, or service account in a role binding or cluster role binding\n"
    "\n"
    "Usage:\n"
    "  kubectl set SUBCOMMAND [options]\n"
    "\n"
    "Use \"kubectl set <command> --help\" for more information about a given command.\n"
    "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

const char* kSetImageHelp =
    "Update existing container image(s) of resources.\n"
    "\n"
    " Possible resources include (case insensitive):\n"
    "\n"
    "        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)\n"
    "\n"
    "Examples:\n"
    "  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'\n"
    "  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n"
    "\n"
    "Usage:\n"
    "  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]\n";

// The pod spec of an object as JSON (pods: .spec, workloads: .spec.template.spec), or nullptr.
Json* podSpecOf(Json& obj, const std::string& kind) {
  if (!obj.is_object() || !obj.contains("spec") || !obj["spec"].is_object()) return nullptr;
  if (kind == "Pod") return &obj["spec"];
  Json& spec = obj["spec"];
  if (!spec.contains("template") || !spec["template"].is_object()) return nullptr;
  Json& t = spec["template"];
  if (!t.contains("spec") || !t["spec"].is_object()) return nullptr;
  return &t["spec"];
}

// setImage: every container named `name` (or all for "*") gets the image; patch entries are
// collected per list. Returns whether a container matched.
bool setImage(Json& containers, const std::string& name, const std::string& image, Json& patchList) {
  if (!containers.is_array()) return false;
  bool found = false;
  for (auto& c : containers) {
    if (!c.is_object()) continue;
    std::string cname = c.value("name", "");
    if (cname != name && name != "*") continue;
    found = true;
    std::string old = c.contains("image") && c["image"].is_string() ? c["image"].get<std::string>() : "";
    if (old == image) continue;
    c["image"] = image;
    bool merged = false;
    for (auto& p : patchList)
      if (p.value("name", "") == cname) p["image"] = image, merged = true;
    if (!merged) patchList.push_back({{"image", image}, {"name", cname}});
  }
  return found;
}

}  // namespace

void cmdSetImage(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all", 0, false, "Select all resources, in the namespace of the specified resource types")
      .boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("field-manager", 0, "kubectl-set", "Name of the manager used to track field ownership.")
      .stringSlice("filename", 'f', "Filename, directory, or URL to files identifying the resource to get from a server.")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .boolean("local", 0, false, "If true, set image will NOT contact api-server but run locally.")
      .string("output", 'o', "", "Output format.")
      .boolean("record", 0, false, "Record current kubectl command in the resource annotation.")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args, kSetImageHelp)) return;
  if (fs.changed("record")) env.err("Flag --record has been deprecated, --record will be removed in the future\n");
  // ChangeCauseRecorder: the command line (positionals, then the flags) as kubernetes.io/change-cause.
  std::string changeCause;
  if (fs.getBool("record")) {
    changeCause = env.ctx.commandName + " set image";
    for (const auto& a : fs.args()) changeCause += " " + a;
    changeCause += " --record=true";
  }
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::string output = printerOutput(env);
  // cmdutil.GetResourcesAndPairs, then ParsePairs without removal.
  std::vector<std::string> resources, pairs;
  bool foundPair = false;
  for (const auto& s : fs.args()) {
    bool nonResource = (s.find('=') != std::string::npos && s[0] != '=') || (s.size() > 1 && s.back() == '-');
    if (nonResource) {
      foundPair = true;
      pairs.push_back(s);
    } else if (!foundPair) {
      resources.push_back(s);
    } else {
      env.failText("all resources must be specified before image changes: " + s);
      return;
    }
  }
  std::map<std::string, std::string> images;  // Go ranges a map in random order; sorted here
  std::string invalid;
  for (const auto& p : pairs) {
    if (p.find('=') != std::string::npos && p[0] != '=') {
      auto eq = p.find('=');
      images[p.substr(0, eq)] = p.substr(eq + 1);
    } else {
      invalid += (invalid.empty() ? "" : ", ") + p;
    }
  }
  if (!invalid.empty()) {
    env.failText("invalid image format: " + invalid);
    return;
  }
  bool local = fs.getBool("local");
  if (!fs.getList("filename").empty() || !fs.getString("kustomize").empty()) {
    env.failText("reading objects from files is not available in this simulated cluster");
    return;
  }
  if (local) {
    if (!resources.empty()) {
      env.failText("error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
      return;
    }
  }
  // The builder runs in Complete, before Validate.
  struct Target {
    const ResourceInfo* r;
    std::string ns, name;
    Json obj;
  };
  std::vector<Target> targets;
  if (!resources.empty()) {
    BuilderOptions bo;
    bo.selectAll = fs.getBool("all");
    bo.labelSelector = fs.getString("selector");
    Resolved res;
    if (auto e = resolveResources(resources, bo, env.ns, "kubectl", res)) {
      env.fail(*e);
      return;
    }
    std::vector<KError> infoErrs;
    for (const auto& v : res.visits) {
      if (v.name.empty()) {
        auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
        if (!l.ok()) { infoErrs.push_back(KError::fromStatus(l.status)); continue; }
        for (auto& o : l.value) targets.push_back({v.resource, v.ns, o["metadata"].value("name", ""), o});
      } else {
        auto g = getJson(env.client(), *v.resource, v.ns, v.name);
        if (!g.ok()) { infoErrs.push_back(KError::fromStatus(g.status)); continue; }
        targets.push_back({v.resource, v.ns, v.name, listItem(*v.resource, g.value)});
      }
    }
    if (!infoErrs.empty()) {
      env.fail(infoErrs);
      return;
    }
  }
  // Validate
  std::vector<KError> verrs;
  if (fs.getBool("all") && !fs.getString("selector").empty())
    verrs.push_back(KError::plain("cannot set --all and --selector at the same time"));
  if (resources.empty())
    verrs.push_back(KError::plain("one or more resources must be specified as <resource> <name> or <resource>/<name>"));
  if (images.empty()) verrs.push_back(KError::plain("at least one image update is required"));
  else if (images.size() > 1 && images.count("*"))
    verrs.push_back(KError::plain("all containers are already specified by *, but saw more than one container_name=container_image pairs"));
  if (local && dryRun == "server")
    verrs.push_back(KError::plain("cannot specify --local and --dry-run=server - did you mean --dry-run=client?"));
  if (!verrs.empty()) {
    env.fail(verrs);
    return;
  }

  std::vector<KError> errs;
  for (auto& t : targets) {
    const std::string kind = t.r->kind;
    Json* spec = podSpecOf(t.obj, kind);
    if (!spec || (kind != "Pod" && kind != "Deployment" && kind != "ReplicaSet" && kind != "ReplicationController")) {
      // UpdatePodSpecForObject's error for kinds without a pod template
      errs.push_back(KError::plain("error: " + t.r->resource + "/" + t.name +
                                   " the object is not a pod or does not have a pod template: *v1." + kind + "\n"));
      continue;
    }
    Json containerPatch = Json::array(), initPatch = Json::array();
    for (const auto& [name, image] : images) {
      bool initFound = spec->contains("initContainers") && setImage((*spec)["initContainers"], name, image, initPatch);
      bool found = spec->contains("containers") && setImage((*spec)["containers"], name, image, containerPatch);
      if (!found && !initFound) errs.push_back(KError::plain("error: unable to find container named " + goQuote(name)));
    }
    if (containerPatch.empty() && initPatch.empty()) continue;  // no changes: nothing patched or printed
    // The whole changed lists: by name under strategic-merge semantics, and still right for a
    // server that merges them as JSON merge patches do.
    Json specPatch = Json::object();
    if (!containerPatch.empty()) specPatch["containers"] = (*spec)["containers"];
    if (!initPatch.empty()) specPatch["initContainers"] = (*spec)["initContainers"];
    Json patch = kind == "Pod" ? Json{{"spec", specPatch}} : Json{{"spec", {{"template", {{"spec", specPatch}}}}}};
    if (!changeCause.empty()) patch["metadata"]["annotations"]["kubernetes.io/change-cause"] = changeCause;
    Json result = t.obj;
    if (dryRun != "client") {
      Request req;
      req.method = "PATCH";
      req.path = Client::path(*t.r, t.ns, t.name);
      req.contentType = "application/strategic-merge-patch+json";
      req.query["fieldManager"] = fs.getString("field-manager");
      if (dryRun == "server") req.query["dryRun"] = "All";
      req.body = patch;
      Response resp = env.client().request(req);
      if (!resp.ok()) {
        errs.push_back(KError::plain("failed to patch image update to pod template: " + statusOf(resp).message));
        continue;
      }
      result = listItem(*t.r, resp.body);
    }
    std::string suffix = dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "";
    if (output.empty()) env.out(resourceName(*t.r, t.name) + " image updated" + suffix + "\n");
    else if (output == "name") env.out(resourceName(*t.r, t.name) + "\n");
    else if (!printObject(env, *t.r, result)) return;
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  env.done(0);
}

void cmdSet(CmdEnv& env, const std::vector<std::string>& args) {
  // The subcommand is the first word that is not a flag.
  for (size_t i = 0; i < args.size(); i++) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (!a.empty() && a[0] == '-') {
      if (a == "-n" || a == "--namespace" || a == "-l" || a == "--selector" || a == "-o" || a == "--output" ||
          a == "--context" || a == "--kubeconfig" || a == "-f" || a == "--filename")
        i++;
      continue;
    }
    std::vector<std::string> rest(args.begin(), args.end());
    rest.erase(rest.begin() + static_cast<long>(i));
    if (a == "image") {
      env.path += " image";
      cmdSetImage(env, rest);
      return;
    }
    if (a == "env" || a == "resources" || a == "selector" || a == "serviceaccount" || a == "sa" || a == "subject") {
      env.failText("\"kubectl set " + a + "\" is not available in this simulated cluster (see 'kubectl set image')");
      return;
    }
    break;  // cobra: an unknown word runs `set` itself, which prints its help
  }
  FlagSet fs;
  if (!parseFlags(env, fs, {}, kSetHelp)) return;
  env.out(kSetHelp);
  env.done(0);
}

}  // namespace kp
