// `kubectl create role|clusterrole|rolebinding|clusterrolebinding`: the generators of kubectl's
// create_role.go family: verbs and resources deduplicated and resolved through discovery (short
// names, the group a resource lives in), one rule per API group in group order, subjects in the
// order users, groups, service accounts; their validation texts; the object POSTed with
// fieldManager kubectl-create, or printed for --dry-run=client.
#include <algorithm>
#include <map>

#include "core/kubectl/cmd_auth.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

using OJson = nlohmann::ordered_json;

const char* kRbacGroup = "rbac.authorization.k8s.io";

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::vector<std::string> dedup(const std::vector<std::string>& in) {
  std::vector<std::string> out;
  for (const auto& s : in)
    if (!contains(out, s)) out.push_back(s);
  return out;
}

struct ResourceArg {
  std::string group, resource, sub;
};

// The object in the typed struct's field order, as kubectl prints it with -o json.
OJson ordered(const Json& j, const std::vector<const char*>& order) {
  OJson o = OJson::object();
  for (const char* k : order)
    if (j.is_object() && j.contains(k)) o[k] = OJson::parse(j[k].dump());
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!o.contains(it.key())) o[it.key()] = OJson::parse(it->dump());
  return o;
}

OJson typedForm(const Json& obj) {
  OJson o = ordered(obj, {"kind", "apiVersion", "metadata", "subjects", "roleRef", "rules", "aggregationRule"});
  if (obj.contains("metadata"))
    o["metadata"] = ordered(obj["metadata"], {"name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                                              "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
                                              "annotations", "ownerReferences", "finalizers", "managedFields"});
  if (obj.contains("rules") && obj["rules"].is_array()) {
    OJson rules = OJson::array();
    for (const auto& r : obj["rules"]) rules.push_back(ordered(r, {"verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"}));
    o["rules"] = rules;
  }
  if (obj.contains("subjects") && obj["subjects"].is_array()) {
    OJson subjects = OJson::array();
    for (const auto& s : obj["subjects"]) subjects.push_back(ordered(s, {"kind", "apiGroup", "name", "namespace"}));
    o["subjects"] = subjects;
  }
  if (obj.contains("roleRef")) o["roleRef"] = ordered(obj["roleRef"], {"apiGroup", "kind", "name"});
  return o;
}

// Prints (dry-run client) or creates the object, then prints it as create's printer does.
void submit(CmdEnv& env, const FlagSet& fs, const ResourceInfo& r, const std::string& name, const Json& obj,
            const std::string& dryRun, const std::string& output, const std::string& wrap) {
  Json shown = obj;
  if (dryRun != "client") {
    Request req;
    req.method = "POST";
    req.path = Client::path(r, env.ns);
    req.query["fieldManager"] = fs.getString("field-manager");
    req.query["fieldValidation"] = "Strict";
    if (dryRun == "server") req.query["dryRun"] = "All";
    req.contentType = "application/json";
    req.body = obj;
    Response resp = env.client().request(req);
    if (!resp.ok()) {
      Status s = statusOf(resp);
      if (wrap.empty()) env.fail(KError::fromStatus(s));
      else env.fail(KError::plain(wrap + s.message));
      return;
    }
    shown = resp.body;
  }
  std::string op = dryRun == "client" ? "created (dry run)" : dryRun == "server" ? "created (server dry run)" : "created";
  if (output.empty()) env.out(resourceName(r, name) + " " + op + "\n");
  else if (output == "name") env.out(resourceName(r, name) + "\n");
  else if (output == "json") env.out(typedForm(shown).dump(4) + "\n");
  else if (output == "yaml") env.out(toYaml(shown));
  else if (!printObject(env, r, shown, dryRun == "client")) return;  // jsonpath, go-template
  env.done(0);
}

Json metaFor(CmdEnv& env, const std::string& name, bool namespaced) {
  Json meta = {{"name", name}, {"creationTimestamp", nullptr}};
  if (namespaced && env.nsExplicit) meta["namespace"] = env.ns;
  return meta;
}

void addRoleFlags(FlagSet& fs) {
  addCreateSubcommandFlags(fs);
  fs.stringSlice("verb", 0, "Verb that applies to the resources contained in the rule")
      .stringSlice("resource", 0, "Resource that the rule applies to")
      .stringArray("resource-name", 0, "Resource in the white list that the rule applies to, repeat this flag for multiple items");
}

// The resource a --resource names, as the REST mapper resolves it; nullptr when discovery has no such resource.
const ResourceInfo* mapResource(const ResourceArg& a) {
  return findResource(a.group.empty() ? a.resource : a.resource + "." + a.group);
}

// validateResource: every resource resolves, and special verbs go with their resources.
std::optional<std::string> validateResources(const std::vector<ResourceArg>& resources, const std::vector<std::string>& verbs) {
  static const std::map<std::string, std::vector<std::pair<std::string, std::string>>> special = {
      {"use", {{"policy", "podsecuritypolicies"}, {"extensions", "podsecuritypolicies"}}},
      {"bind", {{kRbacGroup, "roles"}, {kRbacGroup, "clusterroles"}}},
      {"escalate", {{kRbacGroup, "roles"}, {kRbacGroup, "clusterroles"}}},
      {"impersonate", {{"", "users"}, {"", "serviceaccounts"}, {"", "groups"}, {"authentication.k8s.io", "userextras"}}},
  };
  for (const auto& r : resources) {
    if (r.resource.empty()) return std::string("resource must be specified if apiGroup/subresource specified");
    if (r.resource == "*") return std::nullopt;
    const ResourceInfo* info = mapResource(r);
    std::string group = info ? info->group : r.group, resource = info ? info->resource : r.resource;
    bool mapped = info != nullptr;
    for (const auto& v : verbs) {
      auto it = special.find(v);
      if (it == special.end()) continue;
      bool match = false;
      for (const auto& [g, res] : it->second)
        if (res == resource && g == group) match = true;
      if (!match) return "can not perform '" + v + "' on '" + resource + "' in group '" + group + "'";
      mapped = true;
    }
    if (!mapped) {
      // CheckErr prints a NoResourceMatchError without the "error: " prefix
      std::string msg = "the server doesn't have a resource type " + goQuote(toLower(r.resource));
      if (!r.group.empty()) msg += " in group " + goQuote(toLower(r.group));
      return "\n" + msg;
    }
  }
  return std::nullopt;
}

// generateResourcePolicyRules: one rule per API group (sorted), resources in the order given.
Json policyRules(const std::vector<std::string>& verbs, const std::vector<ResourceArg>& resources,
                 const std::vector<std::string>& names, const std::vector<std::string>& urls) {
  std::map<std::string, std::vector<std::string>> byGroup;
  for (const auto& r : resources) {
    const ResourceInfo* info = r.resource == "*" ? nullptr : mapResource(r);
    std::string group = info ? info->group : r.group, resource = info ? info->resource : r.resource;
    if (!r.sub.empty()) resource += "/" + r.sub;
    auto& list = byGroup[group];
    if (!contains(list, resource)) list.push_back(resource);
  }
  Json rules = Json::array();
  for (const auto& [group, list] : byGroup) {
    Json rule = {{"verbs", verbs}, {"apiGroups", {group}}, {"resources", list}};
    if (!names.empty()) rule["resourceNames"] = names;
    rules.push_back(rule);
  }
  if (!urls.empty()) rules.push_back({{"verbs", verbs}, {"nonResourceURLs", urls}});
  return rules;
}

void createRole(CmdEnv& env, const std::vector<std::string>& args, bool cluster) {
  FlagSet fs;
  addRoleFlags(fs);
  if (cluster)
    fs.stringSlice("non-resource-url", 0, "A partial url that user should have access to.")
        .stringArray("aggregation-rule", 0, "An aggregation label selector for combining ClusterRoles.");
  const char* help = cluster
      ? "Create a cluster role.\n\nUsage:\n  kubectl create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none] [options]\n"
      : "Create a role with single rule.\n\nUsage:\n  kubectl create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]\n";
  if (!parseFlags(env, fs, args, help)) return;
  // --aggregation-rule is a map flag: key=value pairs, comma-separated, accumulated.
  std::map<std::string, std::string> aggregation;
  if (cluster)
    for (const auto& v : fs.getList("aggregation-rule"))
      for (const auto& pair : split(v, ',')) {
        auto eq = pair.find('=');
        if (eq == std::string::npos) {
          env.err("error: invalid argument " + goQuote(v) + " for \"--aggregation-rule\" flag: malformed pair, expect string=string\nSee '" + env.path + " --help' for usage.\n");
          env.done(1);
          return;
        }
        aggregation[trimSpace(pair.substr(0, eq))] = trimSpace(pair.substr(eq + 1));
      }
  std::string name;
  if (!nameFromCommandArgs(env, fs, name)) return;
  std::vector<std::string> verbs;
  for (const auto& v : fs.getList("verb")) {
    if (v == "*") {
      verbs = {"*"};
      break;
    }
    if (!contains(verbs, v)) verbs.push_back(v);
  }
  std::vector<ResourceArg> resources;
  for (const auto& r : fs.getList("resource")) {
    ResourceArg a;
    auto slash = r.find('/');
    std::string head = r.substr(0, slash);
    if (slash != std::string::npos) a.sub = r.substr(slash + 1);
    auto dot = head.find('.');
    if (dot != std::string::npos) a.group = head.substr(dot + 1);
    a.resource = head.substr(0, dot);
    if (a.resource == "*" && dot == std::string::npos && slash == std::string::npos) {
      resources = {a};
      break;
    }
    resources.push_back(a);
  }
  std::vector<std::string> names = dedup(fs.getList("resource-name"));
  std::vector<std::string> urls = cluster ? dedup(fs.getList("non-resource-url")) : std::vector<std::string>{};
  std::string dryRun, output = fs.getString("output");
  if (!dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs)) return;

  static const std::vector<std::string> kResourceVerbs = {"*", "get", "delete", "list", "create", "update", "patch",
                                                          "watch", "proxy", "deletecollection", "use", "bind", "escalate", "impersonate"};
  if (cluster && !aggregation.empty()) {
    if (!urls.empty() || !verbs.empty() || !resources.empty() || !names.empty()) {
      env.failText("aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames");
      return;
    }
  } else {
    if (verbs.empty()) {
      env.failText("at least one verb must be specified");
      return;
    }
    if (!cluster && resources.empty()) {
      env.failText("at least one resource must be specified");
      return;
    }
    if (cluster && resources.empty() && urls.empty()) {
      env.failText("one of resource or nonResourceURL must be specified");
      return;
    }
    if (!resources.empty()) {
      for (const auto& v : verbs)
        if (!contains(kResourceVerbs, v)) env.err("Warning: '" + v + "' is not a standard resource verb\n");
      if (auto e = validateResources(resources, verbs)) {
        if (e->rfind("\n", 0) == 0) {
          env.err(e->substr(1) + "\n");
          env.done(1);
        } else {
          env.failText(*e);
        }
        return;
      }
    }
    if (!urls.empty()) {
      static const std::vector<std::string> kUrlVerbs = {"*", "get", "post", "put", "delete", "patch", "head", "options"};
      for (const auto& v : verbs)
        if (!contains(kUrlVerbs, v)) {
          env.failText("invalid verb: '" + v + "' for nonResourceURL");
          return;
        }
      for (const auto& u : urls) {
        if (u == "*") continue;
        if (u.empty() || u[0] != '/') {
          env.failText("nonResourceURL should start with /");
          return;
        }
        if (u.substr(0, u.size() - 1).find('*') != std::string::npos) {
          env.failText("nonResourceURL only supports wildcard matches when '*' is at the end");
          return;
        }
      }
    }
  }
  const ResourceInfo& r = *resourceForKind(cluster ? "ClusterRole" : "Role");
  Json obj = {{"kind", r.kind}, {"apiVersion", r.groupVersion()}, {"metadata", metaFor(env, name, !cluster)}};
  if (cluster && !aggregation.empty()) {
    obj["rules"] = nullptr;
    obj["aggregationRule"] = {{"clusterRoleSelectors", Json::array({{{"matchLabels", aggregation}}})}};
  } else {
    obj["rules"] = policyRules(verbs, resources, names, urls);
  }
  submit(env, fs, r, name, obj, dryRun, output, "");
}

void createBinding(CmdEnv& env, const std::vector<std::string>& args, bool cluster) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  const char* what = cluster ? "clusterrole" : "role";
  fs.string("clusterrole", 0, "", std::string("ClusterRole this ") + (cluster ? "ClusterRoleBinding" : "RoleBinding") + " should reference")
      .stringArray("user", 0, std::string("Usernames to bind to the ") + what + ". The flag can be repeated to add multiple users.")
      .stringArray("group", 0, std::string("Groups to bind to the ") + what + ". The flag can be repeated to add multiple groups.")
      .stringArray("serviceaccount", 0, std::string("Service accounts to bind to the ") + what +
                                            ", in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.");
  if (cluster) fs.require("clusterrole");
  else fs.string("role", 0, "", "Role this RoleBinding should reference");
  const char* help = cluster
      ? "Create a cluster role binding for a particular cluster role.\n\nUsage:\n  kubectl create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]\n"
      : "Create a role binding for a particular role or cluster role.\n\nUsage:\n  kubectl create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]\n";
  if (!parseFlags(env, fs, args, help)) return;
  std::string name;
  if (!nameFromCommandArgs(env, fs, name)) return;
  std::string dryRun, output = fs.getString("output");
  if (!dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs)) return;
  std::string clusterRole = fs.getString("clusterrole"), role = cluster ? "" : fs.getString("role");
  if (!cluster && clusterRole.empty() == role.empty()) {
    env.failText("exactly one of clusterrole or role must be specified");
    return;
  }
  Json subjects = Json::array();
  for (const auto& u : fs.getList("user")) subjects.push_back({{"kind", "User"}, {"apiGroup", kRbacGroup}, {"name", u}});
  for (const auto& g : fs.getList("group")) subjects.push_back({{"kind", "Group"}, {"apiGroup", kRbacGroup}, {"name", g}});
  for (const auto& sa : fs.getList("serviceaccount")) {
    auto parts = split(sa, ':');
    if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
      env.failText("serviceaccount must be <namespace>:<name>");
      return;
    }
    subjects.push_back({{"kind", "ServiceAccount"}, {"name", parts[1]}, {"namespace", parts[0]}});
  }
  const ResourceInfo& r = *resourceForKind(cluster ? "ClusterRoleBinding" : "RoleBinding");
  Json obj = {{"kind", r.kind}, {"apiVersion", r.groupVersion()}, {"metadata", metaFor(env, name, !cluster)}};
  obj["roleRef"] = {{"apiGroup", kRbacGroup}, {"kind", role.empty() ? "ClusterRole" : "Role"}, {"name", role.empty() ? clusterRole : role}};
  if (!subjects.empty()) obj["subjects"] = subjects;
  submit(env, fs, r, name, obj, dryRun, output, cluster ? "failed to create clusterrolebinding: " : "failed to create rolebinding: ");
}

}  // namespace

void cmdCreateRbac(const std::string& which, CmdEnv& env, const std::vector<std::string>& args) {
  if (which == "role") createRole(env, args, false);
  else if (which == "clusterrole") createRole(env, args, true);
  else if (which == "rolebinding") createBinding(env, args, false);
  else createBinding(env, args, true);
}

}  // namespace kp
