// `kubectl get`: server-side Tables printed as kubectl's human-readable printer does (a blank
// line between resource kinds, kind prefixes when several kinds were asked for, "No resources
// found" on stderr), and -o yaml|json|name|jsonpath through the generic printers.
#include <cstdio>
#include <ctime>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/custom_columns.h"
#include "core/kubectl/manifest.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/printers.h"
#include "core/kubectl/sorter.h"
#include "core/kubectl/watch.h"

namespace kp {

namespace {

const ResourceInfo kNoResource;

// klog.Exitf's line, as kubectl's sorter dies on a field it cannot sort (the time is the
// simulated clock's; kubectl's process id is 1 here).
std::string klogFatal(CmdEnv& env, const std::string& msg) {
  std::time_t secs = static_cast<std::time_t>(env.now() / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "F%02d%02d %02d:%02d:%02d.%06d %7d sorter.go:329] ", tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(env.now() % 1000) * 1000, 1);
  return buf + msg + "\n";
}

// --sort-by: orders objs as kubectl's RuntimeSort; false: the error was printed.
bool sortObjects(CmdEnv& env, std::vector<std::pair<const ResourceInfo*, Json>>& objs, const std::string& sortBy) {
  if (sortBy.empty() || objs.size() < 2) return true;
  std::vector<const Json*> ptrs;
  for (const auto& o : objs) ptrs.push_back(&o.second);
  std::string error;
  bool fatal = false;
  auto order = sortOrder(ptrs, sortBy, &error, &fatal);
  if (!order) {
    if (fatal) {
      env.err(klogFatal(env, error));
      env.done(1);
    } else {
      env.failText(error);
    }
    return false;
  }
  std::vector<std::pair<const ResourceInfo*, Json>> sorted;
  for (size_t i : *order) sorted.push_back(std::move(objs[i]));
  objs = std::move(sorted);
  return true;
}

}  // namespace

void cmdGet(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all-namespaces", 'A', false, "If present, list the requested object(s) across all namespaces.")
      .boolean("allow-missing-template-keys", 0, true, "Ignore any errors in templates when a field or map key is missing.")
      .integer("chunk-size", 0, 500, "Return large lists in chunks rather than all at once.")
      .string("field-selector", 0, "", "Selector (field query) to filter on, supports '=', '==', and '!='.")
      .stringSlice("filename", 'f', "Filename, directory, or URL to files identifying the resource to get from a server.")
      .boolean("ignore-not-found", 0, false, "If the requested object does not exist the command will return exit code 0.")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .stringSlice("label-columns", 'L', "Accepts a comma separated list of labels that are going to be presented as columns.")
      .boolean("no-headers", 0, false, "When using the default or custom-column output format, don't print headers.")
      .string("output", 'o', "", "Output format. One of: (json, yaml, name, wide, jsonpath=...).")
      .boolean("output-watch-events", 0, false, "Output watch event objects when --watch or --watch-only is used.")
      .string("raw", 0, "", "Raw URI to request from the server.")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.")
      .boolean("server-print", 0, true, "If true, have the server return the appropriate table output.")
      .boolean("show-kind", 0, false, "If present, list the resource type for the requested object(s).")
      .boolean("show-labels", 0, false, "When printing, show all labels as the last column.")
      .boolean("show-managed-fields", 0, false, "If true, keep the managedFields when printing objects in JSON or YAML format.")
      .string("sort-by", 0, "", "If non-empty, sort list types using this field specification.")
      .string("subresource", 0, "", "If specified, gets the subresource of the requested object.")
      .string("template", 0, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file.")
      .boolean("watch", 'w', false, "After listing/getting the requested object, watch for changes.")
      .boolean("watch-only", 0, false, "Watch for changes to the requested object(s), without listing/getting first.");
  if (!parseFlags(env, fs, args, "Display one or many resources.\n\nUsage:\n  kubectl get [(-o|--output=)json|yaml|name|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]\n"))
    return;
  const auto& pos = fs.args();
  std::string output = fs.getString("output");
  bool allNs = fs.getBool("all-namespaces");
  bool watch = fs.getBool("watch") || fs.getBool("watch-only");

  if (pos.empty() && !watch && fs.getList("filename").empty()) {
    env.err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\n");
    env.usageError("Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).");
    return;
  }
  if (fs.getBool("show-labels") && !output.empty() && output != "wide") {
    env.failText("--show-labels option cannot be used with " + output + " printer");
    return;
  }
  if (fs.getBool("output-watch-events") && !watch) {
    env.failText("--output-watch-events option can only be used with --watch or --watch-only");
    return;
  }
  if (!fs.getList("filename").empty() && !pos.empty()) {
    env.failText("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well");
    return;
  }

  // Which printer (PrintFlags.ToPrinter)
  PrinterScope scope;
  scope.get = true;
  auto printer = toPrinter(env, fs, scope);
  if (!printer) return;
  bool human = printer->isHuman();
  std::string sortBy = fs.getString("sort-by");
  if (!sortBy.empty()) {
    std::string error;
    if (!relaxedJsonPathExpression(sortBy, &error)) {
      env.failText(error);
      return;
    }
  }

  BuilderOptions bo;
  bo.allowEmptySelector = true;
  bo.labelSelector = fs.getString("selector");
  bo.fieldSelector = fs.getString("field-selector");
  bo.allNamespaces = allNs;
  Resolved res;
  std::vector<KError> errs;
  if (!fs.getList("filename").empty()) {
    // -f: the objects named in the files (a single file implies a single item)
    std::vector<ManifestInfo> infos;
    if (!loadManifests(env, fs.getList("filename"), env.nsExplicit, false, infos, errs)) return;
    for (const auto& info : infos) res.visits.push_back({info.resource, info.ns, info.name});
    auto files = fs.getList("filename");
    res.singleItemImplied = files.size() == 1 && files[0] != "-";
  } else if (auto e = resolveResources(pos, bo, env.ns, "kubectl", res)) {
    env.fail(*e);
    return;
  }
  bool ignoreNotFound = fs.getBool("ignore-not-found");
  if (watch) {
    if (!human && output != "yaml" && output != "json" && output != "name") {
      env.failText("output format " + goQuote(output.substr(0, output.find('='))) +
                   " is not available with --watch in this simulated cluster");
      return;
    }
    if (fs.getBool("output-watch-events")) {
      env.failText("--output-watch-events is not available in this simulated cluster");
      return;
    }
    GetWatchOptions wo;
    wo.output = output;
    wo.watchOnly = fs.getBool("watch-only");
    wo.ignoreNotFound = ignoreNotFound;
    wo.table.wide = output == "wide";
    wo.table.noHeaders = fs.getBool("no-headers");
    wo.table.showLabels = fs.getBool("show-labels");
    wo.table.withNamespace = allNs && !res.visits.empty() && res.visits[0].resource->namespaced;
    wo.table.labelColumns = fs.getList("label-columns");
    watchGet(env, res, wo);
    return;
  }
  auto addErr = [&](const Status& s) {
    if (ignoreNotFound && s.reason == "NotFound") return;
    errs.push_back(KError::fromStatus(s));
  };

  if (!human) {
    // printGeneric: objects as they are, in a List unless exactly one object was named.
    std::vector<std::pair<const ResourceInfo*, Json>> objs;
    for (const auto& v : res.visits) {
      if (v.name.empty()) {
        auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
        if (!l.ok()) { addErr(listError(l.status, *v.resource, res.labelSelector, res.fieldSelector)); continue; }
        for (auto& o : l.value) objs.push_back({v.resource, o});
      } else {
        auto g = getJson(env.client(), *v.resource, v.ns, v.name);
        if (!g.ok()) { addErr(g.status); continue; }
        objs.push_back({v.resource, listItem(*v.resource, g.value)});
      }
    }
    if (!sortObjects(env, objs, sortBy)) return;
    if (!(objs.empty() && !errs.empty())) {
      Json doc;
      if (res.singleItemImplied && objs.size() == 1) {
        doc = objs[0].second;
      } else {
        doc = {{"apiVersion", "v1"}, {"items", Json::array()}, {"kind", "List"},
               {"metadata", {{"resourceVersion", ""}}}};
        for (auto& [r, o] : objs) doc["items"].push_back(o);
      }
      if (printer->format() == ObjectPrinter::Format::Name) {
        for (auto& [r, o] : objs) {
          std::string name;
          if (o.contains("metadata") && o["metadata"].is_object()) name = o["metadata"].value("name", "");
          env.out(resourceName(*r, name) + "\n");
        }
      } else if (!printer->print(env, !objs.empty() ? *objs[0].first : res.visits.empty() ? kNoResource : *res.visits[0].resource,
                                 doc)) {
        return;
      }
    }
    if (!errs.empty()) {
      env.fail(errs);
      return;
    }
    env.done(0);
    return;
  }

  // The human-readable path: one Table per run of objects of the same resource.
  struct Group {
    const ResourceInfo* r;
    Json table;
  };
  std::vector<Group> groups;
  for (const auto& v : res.visits) {
    auto t = env.client().table(*v.resource, v.ns, v.name, v.name.empty() ? res.labelSelector : "",
                                v.name.empty() ? res.fieldSelector : "");
    if (!t.ok()) {
      addErr(v.name.empty() ? listError(t.status, *v.resource, res.labelSelector, res.fieldSelector) : t.status);
      continue;
    }
    Json table = std::move(t.value);
    if (!table.is_object()) continue;
    if (!table.contains("rows") || !table["rows"].is_array()) table["rows"] = Json::array();
    if (!groups.empty() && groups.back().r == v.resource && !v.name.empty()) {
      for (auto& row : table["rows"]) groups.back().table["rows"].push_back(std::move(row));
    } else {
      groups.push_back({v.resource, std::move(table)});
    }
  }
  if (!sortBy.empty()) {
    // TableSorter: rows ordered by their objects (the full objects: the Table's rows carry
    // only their metadata here, so they are read once more by namespace)
    for (auto& g : groups) {
      auto& rows = g.table["rows"];
      if (rows.empty()) continue;
      std::map<std::string, std::map<std::string, Json>> byNs;
      std::vector<Json> objects;
      for (const auto& row : rows) {
        Json meta = row.contains("object") && row["object"].is_object() ? row["object"].value("metadata", Json::object()) : Json::object();
        std::string ns = meta.is_object() ? meta.value("namespace", "") : "", name = meta.is_object() ? meta.value("name", "") : "";
        if (!byNs.count(ns)) {
          auto& m = byNs[ns];
          auto l = listJson(env.client(), *g.r, ns, "", "");
          if (l.ok())
            for (auto& o : l.value)
              if (o.contains("metadata") && o["metadata"].is_object()) m[o["metadata"].value("name", "")] = o;
        }
        auto it = byNs[ns].find(name);
        objects.push_back(it != byNs[ns].end() ? it->second : row.value("object", Json::object()));
      }
      std::vector<const Json*> ptrs;
      for (const auto& o : objects) ptrs.push_back(&o);
      std::string error;
      bool fatal = false;
      auto order = sortOrder(ptrs, sortBy, &error, &fatal);
      if (!order) {
        if (fatal) {
          env.err(klogFatal(env, error));
          env.done(1);
        } else {
          env.failText(error);
        }
        return;
      }
      Json sorted = Json::array();
      for (size_t i : *order) sorted.push_back(std::move(rows[i]));
      rows = std::move(sorted);
    }
  }
  std::set<const ResourceInfo*> kinds;
  for (const auto& g : groups) kinds.insert(g.r);
  bool withKind = kinds.size() > 1 || fs.getBool("show-kind");
  bool noHeaders = fs.getBool("no-headers");
  bool written = false, allNamespaced = !allNs;
  for (const auto& g : groups) {
    allNamespaced = allNamespaced && g.r->namespaced;
    if (g.table["rows"].empty()) continue;  // an empty Table prints nothing, not even headers
    TablePrintOptions po;
    po.wide = output == "wide";
    po.noHeaders = noHeaders;
    po.showLabels = fs.getBool("show-labels");
    po.withNamespace = allNs && g.r->namespaced;
    po.withKind = withKind;
    po.labelColumns = fs.getList("label-columns");
    std::string text = printTable(g.table, *g.r, po);
    if (text.empty()) continue;
    if (written && !noHeaders) env.out("\n");
    env.out(text);
    written = true;
  }
  if (!written && !ignoreNotFound && errs.empty()) {
    if (allNamespaced) env.err("No resources found in " + env.ns + " namespace.\n");
    else env.err("No resources found\n");
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  env.done(0);
}

}  // namespace kp
