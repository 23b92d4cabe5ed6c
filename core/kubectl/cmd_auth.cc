// `kubectl auth can-i` (a SelfSubjectAccessReview, or with --list a SelfSubjectRulesReview
// printed as kubectl breaks down, compacts and sorts the rules) and `kubectl auth whoami` (a
// SelfSubjectReview), with auth's texts, warnings and exit codes (can-i exits 1 for "no").
#include <algorithm>
#include <map>

#include "core/kubectl/cmd_auth.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

using OJson = nlohmann::ordered_json;

const char* kAuthHelp =
    "Inspect authorization.\n"
    "\n"
    "Available Commands:\n"
    "  can-i         Check whether an action is allowed\n"
    "  reconcile     Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects\n"
    "  whoami        Experimental: Check self subject attributes\n"
    "\n"
    "Usage:\n"
    "  kubectl auth [flags] [options]\n"
    "\n"
    "Use \"kubectl auth <command> --help\" for more information about a given command.\n"
    "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

const char* kCanIHelp =
    "Check whether an action is allowed.\n"
    "\n"
    " VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. "
    "Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with \"/\". NAME is the name of a "
    "particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.\n"
    "\n"
    "Usage:\n"
    "  kubectl auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]\n";

const char* kWhoAmIHelp =
    "Experimental: Check who you are and your attributes (groups, extra).\n"
    "\n"
    "Usage:\n"
    "  kubectl auth whoami [options]\n";

bool oneOf(const std::string& v, std::initializer_list<const char*> set) {
  for (const char* s : set)
    if (v == s) return true;
  return false;
}

// Go's fmt %v of a []string: "[a b]".
std::string goList(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); i++) out += (i ? " " : "") + v[i];
  return out + "]";
}

std::vector<std::string> strings(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.is_object() && j.contains(key) && j[key].is_array())
    for (const auto& s : j[key])
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

struct Rule {
  std::vector<std::string> verbs, apiGroups, resources, resourceNames, nonResourceURLs;
  // The generated PolicyRule.String() kubectl sorts the list by.
  std::string goString() const {
    return "&PolicyRule{Verbs:" + goList(verbs) + ",APIGroups:" + goList(apiGroups) + ",Resources:" + goList(resources) +
           ",ResourceNames:" + goList(resourceNames) + ",NonResourceURLs:" + goList(nonResourceURLs) + ",}";
  }
};

// rbacutil.BreakdownRule: one verb, one group, one resource and at most one name per rule.
std::vector<Rule> breakdown(const Rule& r) {
  std::vector<Rule> out;
  for (const auto& g : r.apiGroups)
    for (const auto& res : r.resources)
      for (const auto& v : r.verbs) {
        if (r.resourceNames.empty()) out.push_back({{v}, {g}, {res}, {}, {}});
        for (const auto& n : r.resourceNames) out.push_back({{v}, {g}, {res}, {n}, {}});
      }
  for (const auto& u : r.nonResourceURLs)
    for (const auto& v : r.verbs) out.push_back({{v}, {}, {}, {}, {u}});
  return out;
}

// rbacutil.CompactRules: rules of one group and resource (and name) that differ only by verb merge.
std::vector<Rule> compact(const std::vector<Rule>& rules) {
  std::vector<Rule> out;
  std::vector<Rule> simple;
  std::map<std::string, size_t> index;
  for (const auto& r : rules) {
    bool isSimple = r.resourceNames.size() <= 1 && r.nonResourceURLs.empty() && r.apiGroups.size() == 1 && r.resources.size() == 1;
    if (!isSimple) {
      out.push_back(r);
      continue;
    }
    std::string key = r.apiGroups[0] + "\n" + r.resources[0] + "\n" + (r.resourceNames.empty() ? "-" : "+" + r.resourceNames[0]);
    auto it = index.find(key);
    if (it == index.end()) {
      index[key] = simple.size();
      simple.push_back(r);
      continue;
    }
    auto& verbs = simple[it->second].verbs;
    for (const auto& v : r.verbs)
      if (std::find(verbs.begin(), verbs.end(), v) == verbs.end()) verbs.push_back(v);
  }
  out.insert(out.end(), simple.begin(), simple.end());
  return out;
}

// describe.CombineResourceGroup: "deployments.apps", "pods/log", "pods.metrics.k8s.io/x".
std::string combineResourceGroup(const std::vector<std::string>& resources, const std::vector<std::string>& groups) {
  if (resources.empty()) return "";
  const std::string& r = resources[0];
  auto slash = r.find('/');
  std::string out = r.substr(0, slash);
  if (!groups.empty() && !groups[0].empty()) out += "." + groups[0];
  if (slash != std::string::npos) out += r.substr(slash);
  return out;
}

// POSTs a review; the response body, or false after printing the error.
bool postReview(CmdEnv& env, const char* group, const char* resource, const Json& body, Json* out) {
  Request req;
  req.method = "POST";
  req.path = std::string("/apis/") + group + "/v1/" + resource;
  req.contentType = "application/json";
  req.body = body;
  Response resp = env.client().request(req);
  if (!resp.ok()) {
    env.fail(KError::fromStatus(statusOf(resp)));
    return false;
  }
  *out = resp.body;
  return true;
}

void warn(CmdEnv& env, const std::string& msg) { env.err("Warning: " + msg + "\n\n"); }

void canI(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all-namespaces", 'A', false, "If true, check the specified action in all namespaces.")
      .boolean("list", 0, false, "If true, prints all allowed actions.")
      .boolean("no-headers", 0, false, "If true, prints allowed actions without headers")
      .boolean("quiet", 'q', false, "If true, suppress output and just return the exit code.")
      .string("subresource", 0, "", "SubResource such as pod/log or deployment/scale");
  if (!parseFlags(env, fs, args, kCanIHelp)) return;
  const bool list = fs.getBool("list"), quiet = fs.getBool("quiet"), all = fs.getBool("all-namespaces");
  const std::string subresource = fs.getString("subresource");
  const auto& pos = fs.args();
  // Complete
  std::string verb, url, resourceArg, name;
  const ResourceInfo* info = nullptr;
  std::string group, resource;
  if (list) {
    if (!pos.empty()) {
      env.failText("list option must be specified with no arguments");
      return;
    }
  } else {
    if (pos.size() != 2) {
      env.failText("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
      return;
    }
    verb = pos[0];
    if (!pos[1].empty() && pos[1][0] == '/') {
      url = pos[1];
    } else {
      auto slash = pos[1].find('/');
      resourceArg = pos[1].substr(0, slash);
      if (slash != std::string::npos) name = pos[1].substr(slash + 1);
      if (resourceArg == "*") {
        resource = "*";
      } else if ((info = findResource(toLower(resourceArg)))) {
        group = info->group;
        resource = info->resource;
      } else {
        // schema.ParseResourceArg: "foo.bar" is resource foo in group bar
        std::string lower = toLower(resourceArg);
        auto dot = lower.find('.');
        std::string res = lower.substr(0, dot), grp = dot == std::string::npos ? "" : lower.substr(dot + 1);
        if (lower != "users" && lower != "groups") {
          if (grp.empty()) warn(env, "the server doesn't have a resource type '" + res + "'");
          else warn(env, "the server doesn't have a resource type '" + res + "' in group '" + grp + "'");
        }
        resource = resourceArg;
      }
    }
  }
  const std::string ns = all ? "" : env.ns;
  // Validate
  if (list) {
    if (quiet || all || !subresource.empty()) {
      env.failText("list option can't be specified with neither quiet, all-namespaces nor subresource options");
      return;
    }
  } else {
    if (!url.empty()) {
      if (!subresource.empty()) {
        env.failText("--subresource can not be used with NonResourceURL");
        return;
      }
      if (!oneOf(verb, {"get", "put", "post", "head", "options", "delete", "patch", "*"}))
        warn(env, "verb '" + verb + "' is not a known verb");
    } else if (!resource.empty() && !all) {
      if (info && !info->namespaced) {
        if (group.empty()) warn(env, "resource '" + resource + "' is not namespace scoped");
        else warn(env, "resource '" + resource + "' is not namespace scoped in group '" + group + "'");
      }
      if (!oneOf(verb, {"get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind",
                        "impersonate", "*", "approve", "sign", "escalate", "attest"}))
        warn(env, "verb '" + verb + "' is not a known verb");
    }
    if (fs.getBool("no-headers")) {
      env.failText("--no-headers cannot be set without --list specified");
      return;
    }
  }
  // Run
  if (list) {
    Json body = {{"kind", "SelfSubjectRulesReview"}, {"apiVersion", "authorization.k8s.io/v1"},
                 {"metadata", {{"creationTimestamp", nullptr}}}, {"spec", {{"namespace", ns}}}, {"status", {{"resourceRules", nullptr}, {"nonResourceRules", nullptr}, {"incomplete", false}}}};
    Json resp;
    if (!postReview(env, "authorization.k8s.io", "selfsubjectrulesreviews", body, &resp)) return;
    Json status = resp.value("status", Json::object());
    if (status.value("incomplete", false)) env.err("Warning: the list may be incomplete: " + status.value("evaluationError", "") + "\n");
    std::vector<Rule> broken;
    if (status.contains("resourceRules") && status["resourceRules"].is_array())
      for (const auto& r : status["resourceRules"])
        for (auto& b : breakdown({strings(r, "verbs"), strings(r, "apiGroups"), strings(r, "resources"), strings(r, "resourceNames"), {}}))
          broken.push_back(std::move(b));
    if (status.contains("nonResourceRules") && status["nonResourceRules"].is_array())
      for (const auto& r : status["nonResourceRules"])
        for (auto& b : breakdown({strings(r, "verbs"), {}, {}, {}, strings(r, "nonResourceURLs")})) broken.push_back(std::move(b));
    auto rules = compact(broken);
    std::stable_sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.goString() < b.goString(); });
    std::string text;
    if (!fs.getBool("no-headers")) text += "Resources\tNon-Resource URLs\tResource Names\tVerbs\n";
    for (const auto& r : rules)
      text += combineResourceGroup(r.resources, r.apiGroups) + "\t" + goList(r.nonResourceURLs) + "\t" + goList(r.resourceNames) +
              "\t" + goList(r.verbs) + "\n";
    env.out(tabwriteText(text, 6, 3));
    env.done(0);
    return;
  }
  Json attrs;
  const char* which;
  if (url.empty()) {
    which = "resourceAttributes";
    attrs = Json::object();
    if (!ns.empty()) attrs["namespace"] = ns;
    if (!verb.empty()) attrs["verb"] = verb;
    if (!group.empty()) attrs["group"] = group;
    if (!resource.empty()) attrs["resource"] = resource;
    if (!subresource.empty()) attrs["subresource"] = subresource;
    if (!name.empty()) attrs["name"] = name;
  } else {
    which = "nonResourceAttributes";
    attrs = {{"path", url}, {"verb", verb}};
  }
  Json body = {{"kind", "SelfSubjectAccessReview"}, {"apiVersion", "authorization.k8s.io/v1"},
               {"metadata", {{"creationTimestamp", nullptr}}}, {"spec", {{which, attrs}}}, {"status", {{"allowed", false}}}};
  Json resp;
  if (!postReview(env, "authorization.k8s.io", "selfsubjectaccessreviews", body, &resp)) return;
  Json status = resp.value("status", Json::object());
  bool allowed = status.value("allowed", false);
  if (!quiet) {
    if (allowed) {
      env.out("yes\n");
    } else {
      std::string line = "no";
      if (!status.value("reason", "").empty()) line += " - " + status.value("reason", "");
      if (!status.value("evaluationError", "").empty()) line += " - " + status.value("evaluationError", "");
      env.out(line + "\n");
    }
  }
  env.done(allowed ? 0 : 1);
}

void whoAmI(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "If true, ignore any errors in templates when a field or map key is missing in the template.")
      .string("output", 'o', "", "Output format.")
      .boolean("show-managed-fields", 0, false, "If true, keep the managedFields when printing objects in JSON or YAML format.")
      .string("template", 0, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file.");
  if (!parseFlags(env, fs, args, kWhoAmIHelp)) return;
  const std::string output = fs.getString("output");
  if (!genericOutputFormat(env, output)) return;
  Json body = {{"kind", "SelfSubjectReview"}, {"apiVersion", "authentication.k8s.io/v1"},
               {"metadata", {{"creationTimestamp", nullptr}}}, {"status", {{"userInfo", Json::object()}}}};
  Request req;
  req.method = "POST";
  req.path = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
  req.contentType = "application/json";
  req.body = body;
  Response resp = env.client().request(req);
  if (!resp.ok()) {
    Status s = statusOf(resp);
    if (s.reason == "Forbidden") env.failText("the selfsubjectreviews API is not enabled in the cluster or you do not have permission to call it");
    else if (s.reason == "NotFound")
      env.failText("the selfsubjectreviews API is not enabled in the cluster\nenable APISelfSubjectReview feature gate and authentication.k8s.io/v1alpha1 or authentication.k8s.io/v1beta1 API");
    else env.fail(KError::fromStatus(s));
    return;
  }
  Json ui = resp.body.value("status", Json::object()).value("userInfo", Json::object());
  if (output.empty()) {
    std::string text = "ATTRIBUTE\tVALUE\n";
    if (!ui.value("username", "").empty()) text += "Username\t" + ui.value("username", "") + "\n";
    if (!ui.value("uid", "").empty()) text += "UID\t" + ui.value("uid", "") + "\n";
    auto groups = strings(ui, "groups");
    if (!groups.empty()) text += "Groups\t" + goList(groups) + "\n";
    if (ui.contains("extra") && ui["extra"].is_object())
      for (auto it = ui["extra"].begin(); it != ui["extra"].end(); ++it) text += "Extra: " + it.key() + "\t" + goList(strings(ui["extra"], it.key().c_str())) + "\n";
    env.out(tabwriteText(text, 6, 3));
  } else if (output == "name") {
    env.out("selfsubjectreview.authentication.k8s.io/\n");
  } else {
    // The typed object in struct order: kind, apiVersion, metadata, status.userInfo.
    OJson o = OJson::object();
    o["kind"] = "SelfSubjectReview";
    o["apiVersion"] = "authentication.k8s.io/v1";
    o["metadata"] = OJson::parse(resp.body.value("metadata", Json::object()).dump());
    OJson u = OJson::object();
    for (const char* k : {"username", "uid", "groups", "extra"})
      if (ui.contains(k)) u[k] = OJson::parse(ui[k].dump());
    o["status"] = OJson{{"userInfo", u}};
    if (output == "json") env.out(o.dump(4) + "\n");
    else env.out(toYaml(Json::parse(o.dump())));
  }
  env.done(0);
}

}  // namespace

void cmdAuth(CmdEnv& env, const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); i++) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (!a.empty() && a[0] == '-') {
      if (oneOf(a, {"-n", "--namespace", "--as", "--as-group", "--context", "--cluster", "--user", "-s", "--server", "--kubeconfig", "-o", "--output"})) i++;
      continue;
    }
    std::vector<std::string> rest(args.begin(), args.end());
    rest.erase(rest.begin() + static_cast<long>(i));
    env.path += " " + a;
    if (a == "can-i") return canI(env, rest);
    if (a == "whoami") return whoAmI(env, rest);
    if (a == "reconcile") {
      env.failText("\"kubectl auth reconcile\" is not available in this simulated cluster; use 'kubectl apply -f'");
      return;
    }
    // DefaultSubCommandRun's RequireNoArguments
    env.path = env.ctx.commandName + " auth";
    env.err("error: unknown command " + goQuote(a) + "\nSee '" + env.path + " -h' for help and examples\n");
    env.done(1);
    return;
  }
  FlagSet fs;
  if (!parseFlags(env, fs, args, kAuthHelp)) return;
  // DefaultSubCommandRun: the help on stderr, exit 1
  env.err(kAuthHelp);
  env.done(1);
}

}  // namespace kp
