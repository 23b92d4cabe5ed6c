// `kubectl label` and `kubectl annotate`: split the arguments into resources and KEY=VALUE /
// KEY- pairs, fetch each object (the builder's Latest), change its labels or annotations and
// send the difference as a JSON merge patch, printing "pod/kubia labeled" / "annotated" as
// kubectl 1.32 does (including its quirks: "unlabeled" only without --overwrite).
#include <algorithm>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

struct MetaEdit {
  const char* what;       // "label" | "annotation"
  const char* field;      // "labels" | "annotations"
  const char* doneVerb;   // "labeled" | "annotated"
  std::map<std::string, std::string> add;
  std::vector<std::string> remove;
};

// cmdutil.GetResourcesAndPairs: resources first, then KEY=VALUE / KEY- pairs.
bool splitResourcesAndPairs(const std::vector<std::string>& args, const std::string& pairType,
                            std::vector<std::string>& resources, std::vector<std::string>& pairs,
                            std::string* error) {
  bool foundPair = false;
  for (const auto& s : args) {
    bool nonResource = (s.find('=') != std::string::npos && s[0] != '=') ||
                       (s.size() > 1 && s.back() == '-');
    if (nonResource) {
      foundPair = true;
      pairs.push_back(s);
    } else if (!foundPair) {
      resources.push_back(s);
    } else {
      *error = "all resources must be specified before " + pairType + " changes: " + s;
      return false;
    }
  }
  return true;
}

// IsValidLabelValue: at most 63 characters of [-A-Za-z0-9_.], alphanumeric at both ends.
std::vector<std::string> labelValueErrors(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 63) errs.push_back("must be no more than 63 characters");
  bool ok = true;
  for (size_t i = 0; i < v.size(); i++) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    bool alnum = std::isalnum(c) != 0;
    if (!alnum && c != '-' && c != '_' && c != '.') ok = false;
    if ((i == 0 || i + 1 == v.size()) && !alnum) ok = false;
  }
  if (!ok)
    errs.push_back(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
        "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used "
        "for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  return errs;
}

// label's parseLabels.
bool parseLabelPairs(const std::vector<std::string>& specs, MetaEdit& edit, std::string* error) {
  for (const auto& spec : specs) {
    if (spec.find('=') != std::string::npos) {
      auto eq = spec.find('=');
      if (spec.find('=', eq + 1) != std::string::npos) {
        *error = "invalid label spec: " + spec;
        return false;
      }
      std::string value = spec.substr(eq + 1);
      auto errs = labelValueErrors(value);
      if (!errs.empty()) {
        std::string joined;
        for (size_t i = 0; i < errs.size(); i++) joined += (i ? ";" : "") + errs[i];
        *error = "invalid label value: " + goQuote(spec) + ": " + joined;
        return false;
      }
      edit.add[spec.substr(0, eq)] = value;
    } else if (!spec.empty() && spec.back() == '-') {
      edit.remove.push_back(spec.substr(0, spec.size() - 1));
    } else {
      *error = "unknown label spec: " + spec;
      return false;
    }
  }
  for (const auto& r : edit.remove)
    if (edit.add.count(r)) {
      *error = "can not both modify and remove a label in the same command";
      return false;
    }
  return true;
}

// cmdutil.ParsePairs(..., "annotation", true) and annotate's validateAnnotations.
bool parseAnnotationPairs(const std::vector<std::string>& specs, MetaEdit& edit, std::string* error) {
  std::string invalid;
  for (const auto& spec : specs) {
    if (spec.find('=') != std::string::npos && spec[0] != '=') {
      auto eq = spec.find('=');
      edit.add[spec.substr(0, eq)] = spec.substr(eq + 1);
    } else if (spec.size() > 1 && spec.back() == '-') {
      edit.remove.push_back(spec.substr(0, spec.size() - 1));
    } else {
      invalid += (invalid.empty() ? "" : ", ") + spec;
    }
  }
  if (!invalid.empty()) {
    *error = "invalid annotation format: " + invalid;
    return false;
  }
  std::string both;
  for (const auto& r : edit.remove)
    if (edit.add.count(r)) both += (both.empty() ? "" : ", ") + r;
  if (!both.empty()) {
    *error = "can not both modify and remove the following annotation(s) in the same command: " + both;
    return false;
  }
  return true;
}

StringMap metaMap(const Json& obj, const char* field) {
  StringMap m;
  if (obj.contains("metadata") && obj["metadata"].is_object() && obj["metadata"].contains(field) &&
      obj["metadata"][field].is_object())
    for (auto it = obj["metadata"][field].begin(); it != obj["metadata"][field].end(); ++it)
      if (it.value().is_string()) m[it.key()] = it.value().get<std::string>();
  return m;
}

void runMetaEdit(CmdEnv& env, const std::vector<std::string>& args, bool labels) {
  FlagSet fs;
  fs.boolean("all", 0, false, "Select all resources, in the namespace of the specified resource types")
      .boolean("all-namespaces", 'A', false, "If true, check the specified action in all namespaces.")
      .boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("field-manager", 0, labels ? "kubectl-label" : "kubectl-annotate",
              "Name of the manager used to track field ownership.")
      .string("field-selector", 0, "", "Selector (field query) to filter on.")
      .stringSlice("filename", 'f', "Filename, directory, or URL to files identifying the resource to update")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .boolean("list", 0, false, labels ? "If true, display the labels for a given resource."
                                         : "If true, display the annotations for a given resource.")
      .boolean("local", 0, false, "If true, will NOT contact api-server but run locally.")
      .string("output", 'o', "", "Output format.")
      .boolean("overwrite", 0, false, "If true, allow existing values to be overwritten.")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .string("resource-version", 0, "", "Only succeed if this is the current resource-version for the object.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.")
      .noOptDefault("dry-run", "unchanged");
  const char* help =
      labels ? "Update the labels on a resource.\n\nUsage:\n  kubectl label [--overwrite] (-f FILENAME | TYPE NAME) "
               "KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]\n"
             : "Update the annotations on one or more resources.\n\nUsage:\n  kubectl annotate [--overwrite] (-f "
               "FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]\n";
  if (!parseFlags(env, fs, args, help)) return;
  MetaEdit edit{labels ? "label" : "annotation", labels ? "labels" : "annotations",
                labels ? "labeled" : "annotated", {}, {}};
  std::string output = fs.getString("output");
  std::string dryRun;
  std::vector<std::string> resources, pairs;
  std::string error;
  bool list = fs.getBool("list"), all = fs.getBool("all");
  bool noFiles = fs.getList("filename").empty() && fs.getString("kustomize").empty();
  // The two commands check in different orders (label: Complete then Validate).
  if (labels) {
    if (!dryRunStrategy(env, fs, dryRun)) return;
    if (!splitResourcesAndPairs(fs.args(), edit.what, resources, pairs, &error) ||
        !parseLabelPairs(pairs, edit, &error)) {
      env.failText(error);
      return;
    }
    if (list && !output.empty()) return env.failText("--list and --output may not be specified together");
    if (all && !fs.getString("selector").empty())
      return env.failText("cannot set --all and --selector at the same time");
    if (all && !fs.getString("field-selector").empty())
      return env.failText("cannot set --all and --field-selector at the same time");
  } else {
    if (!dryRunStrategy(env, fs, dryRun)) return;
    if (!splitResourcesAndPairs(fs.args(), edit.what, resources, pairs, &error) ||
        !parseAnnotationPairs(pairs, edit, &error)) {
      env.failText(error);
      return;
    }
    if (list && !output.empty()) return env.failText("--list and --output may not be specified together");
    if (all && !fs.getString("selector").empty())
      return env.failText("cannot set --all and --selector at the same time");
    if (all && !fs.getString("field-selector").empty())
      return env.failText("cannot set --all and --field-selector at the same time");
  }
  if (fs.getBool("local")) {
    if (dryRun == "server")
      return env.failText("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    if (!resources.empty())
      return env.failText(labels ? "can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set"
                                 : "can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set");
    return env.failText(labels ? "one or more files must be specified as -f pod.yaml or --filename=pod.json"
                               : "one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json");
  }
  if (resources.empty() && noFiles)
    return env.failText("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  if (edit.add.empty() && edit.remove.empty() && !list)
    return env.failText(std::string("at least one ") + edit.what + " update is required");
  if (!genericOutputFormat(env, fs)) return;
  output = printerOutput(env);
  if (!noFiles) {
    env.failText("-f is not available for kubectl " + std::string(edit.what) + " in this simulated cluster");
    return;
  }

  BuilderOptions bo;
  bo.selectAll = all;
  bo.allNamespaces = fs.getBool("all-namespaces");
  bo.labelSelector = fs.getString("selector");
  bo.fieldSelector = fs.getString("field-selector");
  Resolved res;
  if (auto e = resolveResources(resources, bo, env.ns, "kubectl", res)) {
    env.fail(*e);
    return;
  }
  std::string rv = fs.getString("resource-version");
  if (!res.singleItemImplied && !rv.empty())
    return env.failText("--resource-version may only be used with a single resource");

  std::vector<KError> errs;
  auto visit = [&](const ResourceInfo& r, const std::string& ns, Json obj) {
    StringMap before = metaMap(obj, edit.field);
    if (!fs.getBool("overwrite")) {
      std::vector<std::string> clashes;
      for (const auto& [k, v] : edit.add) {
        if (!labels && k == "kubernetes.io/change-cause") continue;
        auto it = before.find(k);
        if (it != before.end() && it->second != v)
          clashes.push_back("'" + k + "' already has a value (" + it->second + ")");
      }
      if (!clashes.empty()) {
        if (labels) {
          std::vector<KError> each;
          for (auto& c : clashes) each.push_back(KError::plain(c + ", and --overwrite is false"));
          errs.push_back(KError::plain(aggregateText(each)));
        } else {
          std::string joined;
          for (size_t i = 0; i < clashes.size(); i++) joined += (i ? "; " : "") + clashes[i];
          errs.push_back(KError::plain("--overwrite is false but found the following declared annotation(s): " + joined));
        }
        return;
      }
    }
    std::string name = obj["metadata"].value("name", "");
    bool server = dryRun == "none" || dryRun == "server";
    if (server && !list && labels)
      for (const auto& k : edit.remove)
        if (!before.count(k)) env.out("label " + goQuote(k) + " not found.\n");
    StringMap after = before;
    for (const auto& [k, v] : edit.add) after[k] = v;
    for (const auto& k : edit.remove) after.erase(k);
    // The local object as the command holds it after the change (what -o prints).
    Json changed = obj;
    if (after.empty() && !changed["metadata"].contains(edit.field)) {
      // a nil map stays absent
    } else {
      changed["metadata"][edit.field] = Json::object();
      for (const auto& [k, v] : after) changed["metadata"][edit.field][k] = v;
    }
    if (!rv.empty()) changed["metadata"]["resourceVersion"] = rv;
    bool differs = before != after || !rv.empty();
    Json shown = changed;
    if (server && !list && (differs || !labels)) {
      Json patch = Json::object();
      Json fieldPatch = Json::object();
      for (const auto& [k, v] : after)
        if (!before.count(k) || before.at(k) != v) fieldPatch[k] = v;
      for (const auto& [k, v] : before)
        if (!after.count(k)) fieldPatch[k] = nullptr;
      if (!fieldPatch.empty()) patch["metadata"][edit.field] = fieldPatch;
      if (!rv.empty()) patch["metadata"]["resourceVersion"] = rv;
      Request req;
      req.method = "PATCH";
      req.path = Client::path(r, ns, name);
      req.contentType = "application/merge-patch+json";
      req.query["fieldManager"] = fs.getString("field-manager");
      if (dryRun == "server") req.query["dryRun"] = "All";
      req.body = patch;
      Response resp = env.client().request(req);
      if (!resp.ok()) {
        errs.push_back(KError::fromStatus(statusOf(resp)));
        return;
      }
      if (!labels) shown = listItem(r, resp.body);  // annotate prints the server's answer
    }
    if (list) {
      const char* indent = res.singleItemImplied ? "" : " ";
      if (!res.singleItemImplied)
        env.out(std::string("Listing ") + edit.field + " for " + r.kind + "." + r.group + "/" + name + ":\n");
      for (const auto& [k, v] : metaMap(shown, edit.field)) env.out(indent + k + "=" + v + "\n");
      return;
    }
    std::string verb = edit.doneVerb;
    if (labels) {
      // label's updateDataChangeMsg compares the serialized objects
      verb = "not labeled";
      if (differs) {
        verb = "labeled";
        if (!fs.getBool("overwrite") && changed.dump().size() < obj.dump().size()) verb = "unlabeled";
      }
    }
    if (dryRun == "client") verb += " (dry run)";
    else if (dryRun == "server") verb += " (server dry run)";
    if (output.empty()) env.out(resourceName(r, name) + " " + verb + "\n");
    else if (output == "name") env.out(resourceName(r, name) + "\n");
    else if (!env.ex.finished()) printObject(env, r, shown);
  };
  for (const auto& v : res.visits) {
    if (v.name.empty()) {
      auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) {
        errs.push_back(KError::fromStatus(l.status));
        continue;
      }
      for (auto& o : l.value) {
        visit(*v.resource, o["metadata"].value("namespace", v.ns), o);
        if (env.ex.finished()) return;
      }
    } else {
      auto g = getJson(env.client(), *v.resource, v.ns, v.name);
      if (!g.ok()) {
        errs.push_back(KError::fromStatus(g.status));
        continue;
      }
      visit(*v.resource, v.ns, g.value);
      if (env.ex.finished()) return;
    }
  }
  if (!errs.empty()) return env.fail(errs);
  env.done(0);
}

}  // namespace

void cmdLabel(CmdEnv& env, const std::vector<std::string>& args) { runMetaEdit(env, args, true); }
void cmdAnnotate(CmdEnv& env, const std::vector<std::string>& args) { runMetaEdit(env, args, false); }

}  // namespace kp
