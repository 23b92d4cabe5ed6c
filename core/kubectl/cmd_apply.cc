// `kubectl apply -f` (client-side apply): the last-applied-configuration annotation, a
// three-way merge of the last applied manifest, the new manifest and the live object (fields
// dropped from the manifest are removed, fields others set are kept), and created /
// configured / unchanged as kubectl prints them.
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/manifest.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

// The patchMergeKey of a list field (core/v1 and apps/v1 struct tags); "" for atomic lists.
std::string mergeKey(const std::string& kind, const std::string& path, const std::string& field) {
  if (field == "containers" || field == "initContainers" || field == "ephemeralContainers" || field == "env" ||
      field == "volumes" || field == "imagePullSecrets")
    return "name";
  if (field == "volumeMounts") return "mountPath";
  if (field == "ports") return (kind == "Service" && path == ".spec") ? "port" : "containerPort";
  if (field == "hostAliases") return "ip";
  return "";
}

// Fields the server owns: never taken from a manifest into the merged object.
bool serverOwned(const std::string& path, const std::string& key) {
  if (path.empty()) return key == "status";
  if (path == ".metadata")
    return key == "creationTimestamp" || key == "uid" || key == "resourceVersion" || key == "generation" ||
           key == "managedFields" || key == "selfLink" || key == "deletionTimestamp" ||
           key == "deletionGracePeriodSeconds";
  return false;
}

Json merge3(const std::string& kind, const std::string& path, const Json& current, const Json& original,
            const Json& modified);

Json findByKey(const Json& list, const std::string& key, const Json& value) {
  if (!list.is_array()) return Json();
  for (const auto& e : list)
    if (e.is_object() && e.contains(key) && e[key] == value) return e;
  return Json();
}

// A list merged by its key: elements of the manifest (in its order) merged into the live ones,
// elements the last manifest had and this one dropped removed, others' elements kept after.
Json mergeList3(const std::string& kind, const std::string& path, const std::string& key, const Json& current,
                const Json& original, const Json& modified) {
  Json out = Json::array();
  std::vector<bool> used(current.is_array() ? current.size() : 0, false);
  for (const auto& m : modified) {
    if (!m.is_object() || !m.contains(key)) {
      out.push_back(m);
      continue;
    }
    Json cur;
    for (size_t i = 0; i < used.size(); i++)
      if (!used[i] && current[i].is_object() && current[i].contains(key) && current[i][key] == m[key]) {
        cur = current[i];
        used[i] = true;
        break;
      }
    out.push_back(cur.is_null() ? m : merge3(kind, path, cur, findByKey(original, key, m[key]), m));
  }
  for (size_t i = 0; i < used.size(); i++) {
    if (used[i]) continue;
    const Json& c = current[i];
    bool dropped = c.is_object() && c.contains(key) && !findByKey(original, key, c[key]).is_null();
    if (!dropped) out.push_back(c);
  }
  return out;
}

Json merge3(const std::string& kind, const std::string& path, const Json& current, const Json& original,
            const Json& modified) {
  if (!modified.is_object() || !current.is_object()) return modified;
  Json out = current;
  for (auto it = modified.begin(); it != modified.end(); ++it) {
    const std::string& k = it.key();
    if (serverOwned(path, k)) continue;
    const Json& m = it.value();
    const Json orig = original.is_object() && original.contains(k) ? original[k] : Json();
    if (m.is_null()) {
      out.erase(k);
    } else if (m.is_object() && out.contains(k) && out[k].is_object()) {
      out[k] = merge3(kind, path + "." + k, out[k], orig, m);
    } else if (m.is_array()) {
      std::string key = mergeKey(kind, path, k);
      out[k] = (!key.empty() && out.contains(k) && out[k].is_array()) ? mergeList3(kind, path + "." + k, key, out[k], orig, m) : m;
    } else {
      out[k] = m;
    }
  }
  if (original.is_object())
    for (auto it = original.begin(); it != original.end(); ++it)
      if (!modified.contains(it.key()) && !serverOwned(path, it.key())) out.erase(it.key());
  return out;
}

// A JSON merge patch (RFC 7386) that turns `from` into `to`.
Json mergeDiff(const Json& from, const Json& to) {
  Json patch = Json::object();
  for (auto it = to.begin(); it != to.end(); ++it) {
    const std::string& k = it.key();
    if (!from.contains(k)) patch[k] = it.value();
    else if (from[k] != it.value()) {
      if (from[k].is_object() && it.value().is_object()) patch[k] = mergeDiff(from[k], it.value());
      else patch[k] = it.value();
    }
  }
  for (auto it = from.begin(); it != from.end(); ++it)
    if (!to.contains(it.key())) patch[it.key()] = nullptr;
  return patch;
}

// GetModifiedConfiguration: the manifest with the annotation holding its own JSON.
Json withLastApplied(const Json& obj) {
  Json bare = obj;
  if (!bare.contains("metadata") || !bare["metadata"].is_object()) bare["metadata"] = Json::object();
  if (!bare["metadata"].contains("annotations") || !bare["metadata"]["annotations"].is_object())
    bare["metadata"]["annotations"] = Json::object();
  bare["metadata"]["annotations"].erase(kLastApplied);
  Json out = bare;
  out["metadata"]["annotations"][kLastApplied] = goJson(bare) + "\n";
  return out;
}

}  // namespace

void cmdApply(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all", 0, false, "Select all resources in the namespace of the specified resource types.")
      .boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("cascade", 0, "background", "Must be \"background\", \"orphan\", or \"foreground\".")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("field-manager", 0, "kubectl-client-side-apply", "Name of the manager used to track field ownership.")
      .stringSlice("filename", 'f', "The files that contain the configurations to apply.")
      .boolean("force", 0, false, "If true, immediately remove resources from API and bypass graceful deletion.")
      .boolean("force-conflicts", 0, false, "If true, server-side apply will force the changes against conflicts.")
      .integer("grace-period", 0, -1, "Period of time in seconds given to the resource to terminate gracefully.")
      .string("kustomize", 'k', "", "Process a kustomization directory.")
      .boolean("openapi-patch", 0, true, "If true, use openapi to calculate diff.")
      .string("output", 'o', "", "Output format.")
      .boolean("overwrite", 0, true, "Automatically resolve conflicts between the modified and live configuration.")
      .boolean("prune", 0, false, "Automatically delete resource objects that do not appear in the configs.")
      .stringArray("prune-allowlist", 0, "Overwrite the default allowlist with <group/version/kind> for --prune")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .boolean("server-side", 0, false, "If true, apply runs in the server instead of the client.")
      .boolean("show-managed-fields", 0, false, "Keep managedFields when printing.")
      .string("subresource", 0, "", "Operate on the subresource of the requested object.")
      .string("template", 0, "", "Template string.")
      .duration("timeout", "0s", "The length of time to wait before giving up on a delete.")
      .string("validate", 0, "strict", "Validation mode.")
      .boolean("wait", 0, false, "If true, wait for resources to be gone before returning.")
      .noOptDefault("cascade", "background")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args,
                  "Apply a configuration to a resource by file name or stdin.\n\nUsage:\n  kubectl apply (-f FILENAME | -k DIRECTORY) [options]\n"))
    return;
  if (!fs.args().empty()) {
    // apply's subcommands (view-last-applied, ...) and stray arguments
    const std::string& a = fs.args()[0];
    if (a == "view-last-applied" || a == "set-last-applied" || a == "edit-last-applied") {
      env.failText("\"kubectl apply " + a + "\" is not available in this simulated cluster");
      return;
    }
    env.usageError("Unexpected args: [" + [&] {
      std::string s;
      for (size_t i = 0; i < fs.args().size(); i++) s += (i ? " " : "") + fs.args()[i];
      return s;
    }() + "]");
    return;
  }
  auto files = fs.getList("filename");
  if (files.empty() && fs.getString("kustomize").empty()) {
    env.failText("must specify one of -f and -k");
    return;
  }
  if (!fs.getString("kustomize").empty()) {
    env.failText("--kustomize is not available in this simulated cluster");
    return;
  }
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::string output = printerOutput(env);
  std::string validate = fs.getString("validate");
  if (validate != "strict" && validate != "true" && validate != "warn" && validate != "ignore" && validate != "false") {
    env.failText("invalid - validate option " + goQuote(validate) + "; must be one of: strict (or true), warn, ignore (or false)");
    return;
  }
  if (fs.getBool("prune") || fs.getBool("server-side")) {
    env.failText(std::string(fs.getBool("prune") ? "--prune" : "--server-side") + " is not available in this simulated cluster");
    return;
  }
  std::vector<ManifestInfo> infos;
  std::vector<KError> errs;
  if (!loadManifests(env, files, env.nsExplicit, validate != "ignore" && validate != "false", infos, errs)) return;
  std::string suffix = dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "";
  std::string manager = fs.getString("field-manager");
  int count = 0;
  auto print = [&](const ManifestInfo& info, const std::string& op, const Json& obj) {
    if (output == "name") env.out(resourceName(*info.resource, info.name) + "\n");
    else if (!output.empty()) return printObject(env, *info.resource, obj);
    else env.out(resourceName(*info.resource, info.name) + " " + op + suffix + "\n");
    return true;
  };
  for (const auto& info : infos) {
    count++;
    Json modified = withLastApplied(info.obj);
    auto current = getJson(env.client(), *info.resource, info.ns, info.name);
    if (!current.ok() && !(current.status.reason == "NotFound" || current.status.code == 404)) {
      errs.push_back(addSourceToErr("retrieving current configuration of:\nResource: \"" + info.resource->group + "/" +
                                        info.resource->version + ", Resource=" + info.resource->resource +
                                        "\", GroupVersionKind: \"" + info.resource->groupVersion() + ", Kind=" +
                                        info.resource->kind + "\"\nName: \"" + info.name + "\", Namespace: \"" + info.ns +
                                        "\"\nfrom server for:",
                                    info.source, current.status));
      continue;
    }
    if (!current.ok()) {
      Json created = modified;
      if (dryRun != "client") {
        Request req;
        req.method = "POST";
        req.path = Client::path(*info.resource, info.ns);
        req.query["fieldManager"] = manager;
        req.query["fieldValidation"] = "Strict";
        if (dryRun == "server") req.query["dryRun"] = "All";
        req.contentType = "application/json";
        req.body = modified;
        Response resp = env.client().request(req);
        if (!resp.ok()) {
          errs.push_back(addSourceToErr("creating", info.source, statusOf(resp)));
          continue;
        }
        created = resp.body;
      }
      if (!print(info, "created", created)) return;
      continue;
    }
    const Json& live = current.value;
    Json original;
    const Json& meta = live.contains("metadata") ? live["metadata"] : Json::object();
    if (meta.contains("annotations") && meta["annotations"].is_object() && meta["annotations"].contains(kLastApplied) &&
        meta["annotations"][kLastApplied].is_string()) {
      try {
        original = Json::parse(meta["annotations"][kLastApplied].get<std::string>());
      } catch (...) {
        original = Json();
      }
    } else {
      env.err("Warning: resource " + info.resource->resource + "/" + info.name + " is missing the " + kLastApplied +
              " annotation which is required by " + env.ctx.commandName + " apply. " + env.ctx.commandName +
              " apply should only be used on resources created declaratively by either " + env.ctx.commandName +
              " create --save-config or " + env.ctx.commandName + " apply. The missing annotation will be patched automatically.\n");
    }
    Json merged = merge3(info.resource->kind, "", live, original, modified);
    Json patch = mergeDiff(live, merged);
    if (patch.empty()) {
      if (!print(info, "unchanged", live)) return;
      continue;
    }
    Json result = merged;
    if (dryRun != "client") {
      Request req;
      req.method = "PATCH";
      req.path = Client::path(*info.resource, info.ns, info.name);
      req.query["fieldManager"] = manager;
      req.query["fieldValidation"] = "Strict";
      if (dryRun == "server") req.query["dryRun"] = "All";
      req.contentType = "application/merge-patch+json";
      req.body = patch;
      Response resp = env.client().request(req);
      if (!resp.ok()) {
        Status s = statusOf(resp);
        if (s.reason != "Invalid") s.message = "error when applying patch:\n" + goJson(patch) + "\nto:\nResource: \"" +
                                               info.resource->group + "/" + info.resource->version + ", Resource=" +
                                               info.resource->resource + "\", GroupVersionKind: \"" +
                                               info.resource->groupVersion() + ", Kind=" + info.resource->kind +
                                               "\"\nName: \"" + info.name + "\", Namespace: \"" + info.ns + "\"\nfor: " +
                                               goQuote(info.source) + ": " + s.message;
        errs.push_back(KError::fromStatus(s));
        continue;
      }
      result = resp.body;
    }
    if (!print(info, "configured", result)) return;
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  if (count == 0) {
    env.failText("no objects passed to apply");
    return;
  }
  env.done(0);
}

}  // namespace kp
