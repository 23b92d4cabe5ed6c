// `kubectl config` over the kubeconfig minikube writes (cluster, user and context "minikube"),
// kept in the KubectlContext: current-context, get-contexts, get-clusters, get-users,
// set-context (the usual `--current --namespace=X`), use-context and view. The namespace of
// the current context is the one every later command uses.
#include <algorithm>

#include "core/api/json.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

const char* kConfigHelp =
    "Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".\n\n"
    "Available Commands:\n"
    "  current-context   Display the current-context\n"
    "  delete-cluster    Delete the specified cluster from the kubeconfig\n"
    "  delete-context    Delete the specified context from the kubeconfig\n"
    "  delete-user       Delete the specified user from the kubeconfig\n"
    "  get-clusters      Display clusters defined in the kubeconfig\n"
    "  get-contexts      Describe one or many contexts\n"
    "  get-users         Display users defined in the kubeconfig\n"
    "  rename-context    Rename a context from the kubeconfig file\n"
    "  set               Set an individual value in a kubeconfig file\n"
    "  set-cluster       Set a cluster entry in kubeconfig\n"
    "  set-context       Set a context entry in kubeconfig\n"
    "  set-credentials   Set a user entry in kubeconfig\n"
    "  unset             Unset an individual value in a kubeconfig file\n"
    "  use-context       Set the current-context in a kubeconfig file\n"
    "  view              Display merged kubeconfig settings or a specified kubeconfig file\n\n"
    "Usage:\n  kubectl config SUBCOMMAND [options]\n\n"
    "Use \"kubectl config <command> --help\" for more information about a given command.\n"
    "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

KubeconfigContext* findContext(KubectlContext& k, const std::string& name) {
  for (auto& c : k.contexts)
    if (c.name == name) return &c;
  return nullptr;
}

// The namespace later commands use: the current context's, or "default".
void syncNamespace(KubectlContext& k) {
  auto* c = findContext(k, k.currentContext);
  k.namespace_ = c && !c->namespace_.empty() ? c->namespace_ : "default";
}

// "Thu, 01 Jan 2026 00:00:00 UTC" (Go's time.RFC1123) from an RFC 3339 UTC text.
std::string rfc1123(Time t) {
  std::string s = formatTime(t);  // 2026-01-01T00:00:00Z
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  // Sakamoto's day of the week
  static const int offs[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  int yy = m < 3 ? y - 1 : y;
  int wd = (yy + yy / 4 - yy / 100 + yy / 400 + offs[m - 1] + d) % 7;
  return std::string(days[wd]) + ", " + s.substr(8, 2) + " " + months[m - 1] + " " + s.substr(0, 4) + " " +
         s.substr(11, 8) + " UTC";
}

Json kubeconfigJson(KubectlContext& k, bool minify) {
  Time started = k.kubeconfigWritten;
  auto extension = [&](const char* name) {
    return Json::array({Json{{"extension", {{"last-update", rfc1123(started)},
                                            {"provider", "minikube.sigs.k8s.io"},
                                            {"version", "v1.35.0"}}},
                             {"name", name}}});
  };
  Json cfg = Json::object();
  cfg["apiVersion"] = "v1";
  cfg["clusters"] = Json::array({Json{{"cluster", {{"certificate-authority", "/root/.minikube/ca.crt"},
                                                   {"extensions", extension("cluster_info")},
                                                   {"server", k.server}}},
                                      {"name", "minikube"}}});
  Json contexts = Json::array();
  for (const auto& c : k.contexts) {
    if (minify && c.name != k.currentContext) continue;
    Json ctx = Json::object();
    if (!c.cluster.empty()) ctx["cluster"] = c.cluster;
    if (c.name == "minikube") ctx["extensions"] = extension("context_info");
    if (!c.namespace_.empty()) ctx["namespace"] = c.namespace_;
    if (!c.user.empty()) ctx["user"] = c.user;
    contexts.push_back(Json{{"context", ctx}, {"name", c.name}});
  }
  cfg["contexts"] = contexts;
  cfg["current-context"] = k.currentContext;
  cfg["kind"] = "Config";
  cfg["preferences"] = Json::object();
  cfg["users"] = Json::array({Json{{"name", "minikube"},
                                   {"user", {{"client-certificate", "/root/.minikube/profiles/minikube/client.crt"},
                                             {"client-key", "/root/.minikube/profiles/minikube/client.key"}}}}});
  return cfg;
}

// Parses a config subcommand's flags; usage errors name `kubectl config <sub>`.
bool parseSub(CmdEnv& env, FlagSet& fs, const std::vector<std::string>& args, const std::string& help) {
  return parseFlags(env, fs, args, help);
}

// helpErrorf: the command's help on stdout, then the error.
void unexpectedArgs(CmdEnv& env, const std::vector<std::string>& args, const std::string& help) {
  std::string list = "[";
  for (size_t i = 0; i < args.size(); i++) list += (i ? " " : "") + args[i];
  env.out(help + "\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n");
  env.failText("Unexpected args: " + list + "]");
}

void configCurrentContext(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  if (!parseSub(env, fs, args, "Display the current-context.\n\nUsage:\n  kubectl config current-context [flags] [options]\n"))
    return;
  if (env.ctx.currentContext.empty()) return env.failText("current-context is not set");
  env.out(env.ctx.currentContext + "\n");
  env.done(0);
}

void configGetContexts(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("no-headers", 0, false, "When using the default or custom-column output format, don't print headers.")
      .string("output", 'o', "", "Output format. One of: (name).");
  if (!parseSub(env, fs, args, "Display one or many contexts from the kubeconfig file.\n\nUsage:\n  kubectl config get-contexts [(-o|--output=)name)] [options]\n"))
    return;
  std::string output = fs.getString("output");
  if (!output.empty() && output != "name")
    return env.failText("--output " + output + " is not available in kubectl config get-contexts; resetting to default output format");
  bool nameOnly = output == "name";
  std::vector<KError> errs;
  std::vector<std::string> names;
  if (fs.args().empty()) {
    for (const auto& c : env.ctx.contexts) names.push_back(c.name);
  } else {
    for (const auto& n : fs.args()) {
      if (findContext(env.ctx, n)) names.push_back(n);
      else errs.push_back(KError::plain("context " + n + " not found"));
    }
  }
  std::sort(names.begin(), names.end());
  if (nameOnly) {
    for (const auto& n : names) env.out(n + "\n");
  } else {
    std::vector<std::vector<std::string>> rows;
    if (!fs.getBool("no-headers")) rows.push_back({"CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"});
    for (const auto& n : names) {
      const auto* c = findContext(env.ctx, n);
      rows.push_back({n == env.ctx.currentContext ? "*" : " ", n, c->cluster, c->user, c->namespace_});
    }
    if (!rows.empty()) env.out(tabwrite(rows));
  }
  if (!errs.empty()) return env.fail(errs);
  env.done(0);
}

void configGetNames(CmdEnv& env, const std::vector<std::string>& args, const char* what) {
  FlagSet fs;
  if (!parseSub(env, fs, args, std::string("Display ") + what + " defined in the kubeconfig.\n\nUsage:\n  kubectl config get-" + what + " [options]\n"))
    return;
  env.out("NAME\nminikube\n");
  env.done(0);
}

void configSetContext(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("current", 0, false, "Modify the current context")
      .string("cluster", 0, "", "cluster for the context entry in kubeconfig")
      .string("user", 0, "", "user for the context entry in kubeconfig");
  const std::string help =
      "Set a context entry in kubeconfig.\n\nUsage:\n  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]\n";
  if (!parseSub(env, fs, args, help)) return;
  if (fs.args().size() > 1) return unexpectedArgs(env, fs.args(), help);
  std::string name = fs.args().empty() ? "" : fs.args()[0];
  bool current = fs.getBool("current");
  if (name.empty() && !current) return env.failText("you must specify a non-empty context name or --current");
  if (!name.empty() && current) return env.failText("you cannot specify both a context name and --current");
  if (current) {
    if (env.ctx.currentContext.empty()) return env.failText("no current context is set");
    name = env.ctx.currentContext;
  }
  auto* c = findContext(env.ctx, name);
  bool exists = c != nullptr;
  if (!c) {
    env.ctx.contexts.push_back({name, "", "", ""});
    c = &env.ctx.contexts.back();
  }
  if (fs.changed("cluster")) c->cluster = fs.getString("cluster");
  if (fs.changed("user")) c->user = fs.getString("user");
  if (fs.changed("namespace")) c->namespace_ = fs.getString("namespace");
  syncNamespace(env.ctx);
  env.out("Context " + goQuote(name) + (exists ? " modified.\n" : " created.\n"));
  env.done(0);
}

void configUseContext(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  const std::string help =
      "Set the current-context in a kubeconfig file.\n\nAliases:\nuse-context, use\n\nExamples:\n  # Use the context for the minikube cluster\n  kubectl config use-context minikube\n\nUsage:\n  kubectl config use-context CONTEXT_NAME [options]\n";
  if (!parseSub(env, fs, args, help)) return;
  if (fs.args().size() != 1) return unexpectedArgs(env, fs.args(), help);
  std::string name = fs.args()[0];
  if (name.empty()) return env.failText("empty context names are not allowed");
  if (!findContext(env.ctx, name)) return env.failText("no context exists with the name: " + goQuote(name));
  env.ctx.currentContext = name;
  syncNamespace(env.ctx);
  env.out("Switched to context " + goQuote(name) + ".\n");
  env.done(0);
}

void configView(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .boolean("flatten", 0, false, "Flatten the resulting kubeconfig file into self-contained output.")
      .boolean("merge", 0, true, "Merge the full hierarchy of kubeconfig files")
      .boolean("minify", 0, false, "Remove all information not used by current-context from the output")
      .string("output", 'o', "yaml", "Output format.")
      .boolean("raw", 0, false, "Display raw byte data and sensitive data")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.");
  if (!parseSub(env, fs, args, "Display merged kubeconfig settings or a specified kubeconfig file.\n\nUsage:\n  kubectl config view [flags] [options]\n"))
    return;
  std::string output = fs.getString("output");
  Json cfg = kubeconfigJson(env.ctx, fs.getBool("minify"));
  if (output == "yaml") env.out(toYaml(cfg));
  else if (output == "json") env.out(toJsonText(cfg));
  else if (output.rfind("jsonpath=", 0) == 0) {
    std::string error;
    auto text = renderJsonPathTemplate(output.substr(9), cfg, &error);
    if (!text) return env.failText(error);
    env.out(*text);
  } else {
    return env.failText("unable to match a printer suitable for the output format " + goQuote(output) +
                        ", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml");
  }
  env.done(0);
}

}  // namespace

void cmdConfig(CmdEnv& env, const std::vector<std::string>& args) {
  // The first argument that is not a flag names the subcommand.
  size_t i = 0;
  while (i < args.size() && !args[i].empty() && args[i][0] == '-') i++;
  if (i == args.size()) {
    FlagSet fs;
    if (!parseFlags(env, fs, args, kConfigHelp)) return;
    env.out(kConfigHelp);
    env.done(0);
    return;
  }
  std::string sub = args[i];
  std::vector<std::string> rest = args;
  rest.erase(rest.begin() + static_cast<long>(i));
  env.path += " " + sub;
  if (sub == "current-context") return configCurrentContext(env, rest);
  if (sub == "get-contexts") return configGetContexts(env, rest);
  if (sub == "get-clusters") return configGetNames(env, rest, "clusters");
  if (sub == "get-users") return configGetNames(env, rest, "users");
  if (sub == "set-context") return configSetContext(env, rest);
  if (sub == "use-context" || sub == "use") return configUseContext(env, rest);
  if (sub == "view") return configView(env, rest);
  static const char* known[] = {"delete-cluster", "delete-context", "delete-user", "rename-context",
                                "set", "set-cluster", "set-credentials", "unset"};
  for (const char* k : known)
    if (sub == k) return env.failText("\"kubectl config " + sub + "\" is not available in this simulated cluster");
  env.err("error: unknown command " + goQuote(sub) + "\nSee 'kubectl config -h' for help and examples\n");
  env.done(1);
}

}  // namespace kp
