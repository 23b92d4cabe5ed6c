// `kubectl run` and `kubectl create deployment`: build the same object real kubectl builds
// (labels run=<name> / app=<name>, container named after the pod or the image), POST it with
// kubectl's fieldManager, and print "pod/kubia created" / "deployment.apps/kubia created".
#include <regex>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/printers.h"

namespace kp {

using OJson = nlohmann::ordered_json;

namespace {

// Prints a created (or dry-run) object as the command's printer (commandPrinter) does: the
// generated object, or the server's answer when there is one. false: printing failed (the
// error was printed and the execution finished).
bool printCreated(CmdEnv& env, const ResourceInfo& r, const std::string& name, const std::string& operation,
                  const std::string& dryRun, const OJson& typed, const Json* created = nullptr) {
  std::string op = operation;
  if (dryRun == "client") op += " (dry run)";
  else if (dryRun == "server") op += " (server dry run)";
  auto printer = commandPrinter(env);
  auto format = printer ? printer->format() : ObjectPrinter::Format::Default;
  if (format == ObjectPrinter::Format::Default) env.out(resourceName(r, name) + " " + op + "\n");
  else if (format == ObjectPrinter::Format::Name) env.out(resourceName(r, name) + "\n");
  else if (created) return printObject(env, r, *created, true);
  else if (format == ObjectPrinter::Format::Json) env.out(typed.dump(4) + "\n");  // typed objects keep struct order
  else {
    std::string raw = typed.dump();
    return printObject(env, r, Json::parse(raw), true, &raw);
  }
  return true;
}

// The docker reference grammar kubectl run checks images against (distribution/reference).
bool validImageReference(const std::string& image) {
  if (image.empty() || image.size() > 1024) return false;
  static const std::regex re(
      R"(^((?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*)*)(?::([\w][\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$)");
  try {
    return std::regex_match(image, re);
  } catch (...) {
    return false;
  }
}

bool validEnvName(const std::string& n) {
  // validation.IsEnvVarName: [-._a-zA-Z][-._a-zA-Z0-9]*
  if (n.empty()) return false;
  for (size_t i = 0; i < n.size(); i++) {
    char c = n[i];
    bool ok = c == '-' || c == '.' || c == '_' || isalpha(static_cast<unsigned char>(c)) ||
              (i > 0 && isdigit(static_cast<unsigned char>(c)));
    if (!ok) return false;
  }
  return true;
}

// generate.ParseLabels (run): "k=v,k2=v2"
std::optional<OJson> parseRunLabels(const std::string& spec, std::string* error) {
  auto parsed = parseLabelSpec(spec, error);
  if (!parsed) return std::nullopt;
  OJson labels = OJson::object();
  for (auto& [k, v] : *parsed) labels[k] = v;
  return labels;
}

// POSTs obj; prints the error (wrapped as the command does) and returns false on failure.
bool postObject(CmdEnv& env, const ResourceInfo& r, const std::string& ns, const Json& obj,
                const std::string& fieldManager, const std::string& dryRun, const std::string& wrap,
                Json* created) {
  Request req;
  req.method = "POST";
  req.path = Client::path(r, ns);
  req.query["fieldManager"] = fieldManager;
  if (r.kind == "Deployment") req.query["fieldValidation"] = "Strict";
  if (dryRun == "server") req.query["dryRun"] = "All";
  req.contentType = "application/json";
  req.body = obj;
  Response resp = env.client().request(req);
  if (!resp.ok()) {
    Status s = statusOf(resp);
    if (!wrap.empty()) env.fail(KError::plain(wrap + s.message));
    else env.fail(KError::fromStatus(s));
    return false;
  }
  if (created) *created = resp.body;
  return true;
}

}  // namespace

void cmdRun(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .stringArray("annotations", 0, "Annotations to apply to the pod.")
      .boolean("attach", 0, false, "If true, wait for the Pod to start running, and then attach to the Pod.")
      .string("cascade", 0, "background", "Deletion cascading strategy.")
      .boolean("command", 0, false, "If true and extra arguments are present, use them as the 'command' field in the container.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .stringArray("env", 0, "Environment variables to set in the container.")
      .boolean("expose", 0, false, "If true, create a ClusterIP service associated with the pod.")
      .string("field-manager", 0, "kubectl-run", "Name of the manager used to track field ownership.")
      .stringSlice("filename", 'f', "to use to replace the resource.")
      .boolean("force", 0, false, "If true, immediately remove resources from API.")
      .integer("grace-period", 0, -1, "Period of time in seconds given to the resource to terminate gracefully.")
      .string("image", 0, "", "The image for the container to run.")
      .string("image-pull-policy", 0, "", "The image pull policy for the container.")
      .string("kustomize", 'k', "", "Process a kustomization directory.")
      .string("labels", 'l', "", "Comma separated labels to apply to the pod. Will override previous values.")
      .boolean("leave-stdin-open", 0, false, "Leave stdin open after the first attach completes.")
      .string("output", 'o', "", "Output format.")
      .string("override-type", 0, "merge", "The method used to override the generated object.")
      .string("overrides", 0, "", "An inline JSON override for the generated object.")
      .duration("pod-running-timeout", "1m0s", "The length of time to wait until at least one pod is running.")
      .string("port", 0, "", "The port that this container exposes.")
      .boolean("privileged", 0, false, "If true, run the container in privileged mode.")
      .boolean("quiet", 'q', false, "If true, suppress prompt messages.")
      .boolean("recursive", 'R', false, "Process the directory used in -f recursively.")
      .string("restart", 0, "Always", "The restart policy for this Pod. Legal values [Always, OnFailure, Never].")
      .boolean("rm", 0, false, "If true, delete the pod after it exits.")
      .boolean("save-config", 0, false, "Save the configuration of the object in its annotation.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .boolean("stdin", 'i', false, "Keep stdin open on the container in the pod.")
      .string("template", 0, "", "Template string.")
      .duration("timeout", "0s", "The length of time to wait before giving up on a delete.")
      .boolean("tty", 't', false, "Allocate a TTY for the container in the pod.")
      .boolean("wait", 0, false, "If true, wait for resources to be gone before returning.")
      .require("image")
      .noOptDefault("dry-run", "unchanged")
      .noOptDefault("cascade", "background");
  if (!parseFlags(env, fs, args,
                  "Create and run a particular image in a pod.\n\nUsage:\n  kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]\n"))
    return;
  const auto& pos = fs.args();
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  if (pos.empty() || fs.argsLenAtDash() == 0) {
    env.usageError("NAME is required for run");
    return;
  }
  std::string image = fs.getString("image");
  if (image.empty()) {
    env.failText("--image is required");
    return;
  }
  if (!validImageReference(image)) {
    env.failText("Invalid image name " + goQuote(image) + ": invalid reference format");
    return;
  }
  bool interactive = fs.getBool("stdin"), tty = fs.getBool("tty");
  if (tty && !interactive) {
    env.usageError("-i/--stdin is required for containers with -t/--tty=true");
    return;
  }
  if (fs.getBool("expose") && fs.getString("port").empty()) {
    env.usageError("--port must be set when exposing a service");
    return;
  }
  std::string restart = fs.getString("restart");
  if (restart != "Always" && restart != "OnFailure" && restart != "Never") {
    env.usageError("invalid restart policy: " + restart);
    return;
  }
  if (fs.getBool("rm") && !fs.getBool("attach") && !interactive) {
    env.usageError("--rm should only be used for attached containers");
    return;
  }
  const bool attach = fs.getBool("attach") || interactive;
  std::string pull = fs.getString("image-pull-policy");
  if (!pull.empty() && pull != "Always" && pull != "IfNotPresent" && pull != "Never") {
    env.failText("invalid image pull policy: " + pull);
    return;
  }
  if (!fs.getString("overrides").empty()) {
    env.failText("--overrides is not available in this simulated cluster");
    return;
  }

  const std::string& name = pos[0];
  // The pod, field for field as generateversioned's BasicPod builds it (struct order).
  std::string error;
  OJson labels;
  if (fs.changed("labels") && !fs.getString("labels").empty()) {
    auto l = parseRunLabels(fs.getString("labels"), &error);
    if (!l) {
      env.failText(error);
      return;
    }
    labels = *l;
  } else {
    labels = OJson::object();
    labels["run"] = name;
  }
  OJson container = OJson::object();
  container["name"] = name;
  container["image"] = image;
  std::vector<std::string> extra(pos.begin() + 1, pos.end());
  if (!extra.empty()) container[fs.getBool("command") ? "command" : "args"] = extra;
  std::string port = fs.getString("port");
  if (!port.empty()) {
    std::string perr;
    auto p = parseGoInt(port, 64, &perr);
    bool decimal = !port.empty() && port.find_first_not_of("+-0123456789") == std::string::npos;
    if (!p || !decimal || *p > INT32_MAX || *p < INT32_MIN) {
      env.failText("strconv.Atoi: parsing " + goQuote(port) + ": " + (p && decimal ? "value out of range" : "invalid syntax"));
      return;
    }
    container["ports"] = OJson::array({OJson{{"containerPort", *p}}});
  }
  auto envs = fs.getList("env");
  if (!envs.empty()) {
    OJson list = OJson::array();
    for (const auto& e : envs) {
      auto eq = e.find('=');
      if (eq == std::string::npos || eq == 0 || !validEnvName(e.substr(0, eq))) {
        env.failText("invalid env: " + e);
        return;
      }
      list.push_back(OJson{{"name", e.substr(0, eq)}, {"value", e.substr(eq + 1)}});
    }
    container["env"] = list;
  }
  container["resources"] = OJson::object();
  if (!pull.empty()) container["imagePullPolicy"] = pull;
  if (fs.getBool("privileged")) container["securityContext"] = OJson{{"privileged", true}};
  OJson meta = OJson::object();
  meta["name"] = name;
  if (env.nsExplicit) meta["namespace"] = env.ns;
  meta["creationTimestamp"] = nullptr;
  meta["labels"] = labels;
  auto annotations = fs.getList("annotations");
  if (!annotations.empty()) {
    OJson a = OJson::object();
    for (const auto& s : annotations) {
      auto eq = s.find('=');
      if (eq == std::string::npos) {
        env.failText("invalid annotation spec: " + s);
        return;
      }
      a[s.substr(0, eq)] = s.substr(eq + 1);
    }
    meta["annotations"] = a;
  }
  OJson pod = OJson::object();
  pod["kind"] = "Pod";
  pod["apiVersion"] = "v1";
  pod["metadata"] = meta;
  pod["spec"] = OJson{{"containers", OJson::array({container})}, {"restartPolicy", restart}, {"dnsPolicy", "ClusterFirst"}};
  pod["status"] = OJson::object();

  const ResourceInfo& pods = *resourceForKind("Pod");
  if (dryRun == "client") {
    if (printCreated(env, pods, name, "created", dryRun, pod)) env.done(0);
    return;
  }
  Json created;
  if (!postObject(env, pods, env.ns, Json::parse(pod.dump()), fs.getString("field-manager"), dryRun, "", &created)) return;
  if (attach && dryRun == "none") {
    runAttached(env, name, fs.getBool("rm"), tty, fs.getBool("quiet"));
    return;
  }
  if (!printCreated(env, pods, name, "created", dryRun, pod, &created)) return;
  if (fs.getBool("expose")) {
    // --expose: a ClusterIP service named after the pod, selecting its labels
    OJson svc = OJson::object();
    svc["kind"] = "Service";
    svc["apiVersion"] = "v1";
    svc["metadata"] = OJson{{"name", name}, {"creationTimestamp", nullptr}};
    OJson sp = OJson::object();
    auto p = parseGoInt(port, 64, nullptr);
    sp["ports"] = OJson::array({OJson{{"port", p.value_or(0)}, {"targetPort", p.value_or(0)}}});
    sp["selector"] = labels;
    svc["spec"] = sp;
    svc["status"] = OJson{{"loadBalancer", OJson::object()}};
    if (!postObject(env, *resourceForKind("Service"), env.ns, Json::parse(svc.dump()), fs.getString("field-manager"),
                    dryRun, "", nullptr))
      return;
    if (!printCreated(env, *resourceForKind("Service"), name, "created", dryRun, svc)) return;
  }
  env.done(0);
}

void cmdCreateDeployment(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("field-manager", 0, "kubectl-create", "Name of the manager used to track field ownership.")
      .stringSlice("image", 0, "Image names to run. A deployment can have multiple images set for multi-container pod.")
      .string("output", 'o', "", "Output format.")
      .int32("port", 0, -1, "The containerPort that this deployment exposes.")
      .int32("replicas", 'r', 1, "Number of replicas to create. Default is 1.")
      .boolean("save-config", 0, false, "Save the configuration of the object in its annotation.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.")
      .string("validate", 0, "strict", "Must be one of: strict (or true), warn, ignore (or false).")
      .require("image")
      .noOptDefault("dry-run", "unchanged")
      .noOptDefault("validate", "strict");
  if (!parseFlags(env, fs, args,
                  "Create a deployment with the specified name.\n\nUsage:\n  kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]\n"))
    return;
  const auto& pos = fs.args();
  std::string name;
  if (!nameFromCommandArgs(env, fs, name)) return;
  std::vector<std::string> command(pos.begin() + 1, pos.end());
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::string validate = fs.getString("validate");
  if (validate != "strict" && validate != "true" && validate != "warn" && validate != "ignore" && validate != "false") {
    env.failText("invalid - validate option " + goQuote(validate) + "; must be one of: strict (or true), warn, ignore (or false)");
    return;
  }
  auto images = fs.getList("image");
  if (images.size() > 1 && !command.empty()) {
    env.failText("cannot specify multiple --image options and command");
    return;
  }
  int64_t replicas = fs.getInt("replicas"), port = fs.getInt("port");

  OJson labels = OJson{{"app", name}};
  OJson containers = OJson::array();
  for (const auto& image : images) {
    // the container is named after the image: "hyooo/kubia:v1" -> "kubia"
    std::string cname = image.substr(image.rfind('/') == std::string::npos ? 0 : image.rfind('/') + 1);
    if (cname.find(':') != std::string::npos) cname = cname.substr(0, cname.find(':'));
    if (cname.find('@') != std::string::npos) cname = cname.substr(0, cname.find('@'));
    if (cname.find_first_of("_.") != std::string::npos) {
      for (auto& c : cname)
        if (c == '_' || c == '.') c = '-';
      cname += "-" + env.ctx.rng.nameSuffix(5);
    }
    OJson c = OJson::object();
    c["name"] = cname;
    c["image"] = image;
    if (!command.empty()) c["command"] = command;
    c["resources"] = OJson::object();
    containers.push_back(c);
  }
  if (port >= 0 && !containers.empty()) {
    OJson c0 = OJson::object();
    c0["name"] = containers[0]["name"];
    c0["image"] = containers[0]["image"];
    if (containers[0].contains("command")) c0["command"] = containers[0]["command"];
    c0["ports"] = OJson::array({OJson{{"containerPort", port}}});
    c0["resources"] = OJson::object();
    containers[0] = c0;
  }
  OJson meta = OJson::object();
  meta["name"] = name;
  if (env.nsExplicit) meta["namespace"] = env.ns;
  meta["creationTimestamp"] = nullptr;
  meta["labels"] = labels;
  OJson deploy = OJson::object();
  deploy["kind"] = "Deployment";
  deploy["apiVersion"] = "apps/v1";
  deploy["metadata"] = meta;
  deploy["spec"] = OJson{
      {"replicas", replicas},
      {"selector", OJson{{"matchLabels", labels}}},
      {"template", OJson{{"metadata", OJson{{"creationTimestamp", nullptr}, {"labels", labels}}},
                         {"spec", OJson{{"containers", containers}}}}},
      {"strategy", OJson::object()}};
  deploy["status"] = OJson::object();

  const ResourceInfo& deployments = *resourceForKind("Deployment");
  if (dryRun == "client") {
    if (printCreated(env, deployments, name, "created", dryRun, deploy)) env.done(0);
    return;
  }
  Json created;
  if (!postObject(env, deployments, env.ns, Json::parse(deploy.dump()), fs.getString("field-manager"), dryRun,
                  "failed to create deployment: ", &created))
    return;
  if (printCreated(env, deployments, name, "created", dryRun, deploy, &created)) env.done(0);
}

// The flags `kubectl create namespace|configmap|secret|job` share.
void addCreateSubcommandFlags(FlagSet& fs) {
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("field-manager", 0, "kubectl-create", "Name of the manager used to track field ownership.")
      .string("output", 'o', "", "Output format.")
      .boolean("save-config", 0, false, "Save the configuration of the object in its annotation.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.")
      .string("validate", 0, "strict", "Must be one of: strict (or true), warn, ignore (or false).")
      .noOptDefault("dry-run", "unchanged")
      .noOptDefault("validate", "strict");
}

bool nameFromCommandArgs(CmdEnv& env, const FlagSet& fs, std::string& name) {
  int n = fs.argsLenAtDash() == -1 ? static_cast<int>(fs.args().size()) : fs.argsLenAtDash();
  if (n != 1) {
    env.usageError("exactly one NAME is required, got " + std::to_string(n));
    return false;
  }
  name = fs.args()[0];
  return true;
}

void cmdCreateNamespace(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  if (!parseFlags(env, fs, args,
                  "Create a namespace with the specified name.\n\nUsage:\n  kubectl create namespace NAME [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun;
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  OJson ns = OJson::object();
  ns["kind"] = "Namespace";
  ns["apiVersion"] = "v1";
  ns["metadata"] = OJson{{"name", name}, {"creationTimestamp", nullptr}};
  ns["spec"] = OJson::object();
  ns["status"] = OJson::object();
  const ResourceInfo& namespaces = *resourceForKind("Namespace");
  if (dryRun == "client") {
    if (printCreated(env, namespaces, name, "created", dryRun, ns)) env.done(0);
    return;
  }
  Json created;
  if (!postObject(env, namespaces, "", Json::parse(ns.dump()), fs.getString("field-manager"), dryRun, "", &created))
    return;
  if (printCreated(env, namespaces, name, "created", dryRun, ns, &created)) env.done(0);
}

// "k=v,k2=v2" with exactly one '=' per item and no trimming, as kubectl's label flags parse it.
std::optional<std::map<std::string, std::string>> parseLabelSpec(const std::string& spec, std::string* error) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (true) {
    size_t comma = spec.find(',', start);
    std::string item = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto eq = item.find('=');
    if (eq == std::string::npos || item.find('=', eq + 1) != std::string::npos) {
      *error = "unexpected label spec: " + item;
      return std::nullopt;
    }
    if (eq == 0) {
      *error = "unexpected empty label key";
      return std::nullopt;
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace kp
