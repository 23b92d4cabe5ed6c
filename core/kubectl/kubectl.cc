// The kubectl root command: finds the subcommand as cobra does (global flags may come before
// it), prints cobra's texts for unknown commands (with "Did you mean this?"), and holds the
// helpers every command shares: CheckErr's error printing and the resource builder.
#include <algorithm>
#include <cctype>
#include <set>

#include "core/api/json.h"
#include "core/kubectl/cmd_auth.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/cmd_create_kinds.h"
#include "core/kubectl/create_generators.h"
#include "core/kubectl/cmd_nodes.h"
#include "core/kubectl/manifest.h"

namespace kp {

// ---------------------------------------------------------------- errors (cmdutil.CheckErr)
static std::string standardErrorMessage(const Status& s) {
  if (s.reason == "Unauthorized") return "error: You must be logged in to the server (" + s.message + ")";
  if (!s.reason.empty()) return "Error from server (" + s.reason + "): " + s.message;
  return "Error from server: " + s.message;
}

static std::string messageForError(const KError& e) {
  return e.api ? standardErrorMessage(e.status) : e.message;
}

std::string checkErrText(const KError& e) {
  std::string msg;
  if (e.api && e.status.reason == "Invalid") {
    // "The Deployment \"x\" is invalid: spec.replicas: Invalid value: ..." (details.causes)
    const Status& s = e.status;
    msg = "The request is invalid";
    if (!s.kind.empty() || !s.name.empty()) msg = "The " + s.kind + " " + goQuote(s.name) + " is invalid";
    else if (!s.message.empty() && s.causes.empty()) msg += ": " + s.message;
    std::vector<std::string> causes;
    for (const auto& c : s.causes) {
      std::string line = c.field + ": " + c.message;
      if (std::find(causes.begin(), causes.end(), line) == causes.end()) causes.push_back(line);
    }
    if (causes.size() == 1) {
      msg += ": " + causes[0];
    } else if (causes.size() > 1) {
      msg += ": \n";
      for (const auto& c : causes) msg += "* " + c + "\n";
    }
  } else if (e.api) {
    msg = standardErrorMessage(e.status);
  } else {
    msg = e.message;
    if (msg.rfind("error: ", 0) != 0) msg = "error: " + msg;
  }
  if (msg.empty() || msg.back() != '\n') msg += "\n";
  return msg;
}

std::string checkErrText(const std::vector<KError>& errs) {
  if (errs.empty()) return "";
  if (errs.size() == 1) return checkErrText(errs[0]);
  std::string out;
  for (const auto& e : errs) out += messageForError(e) + "\n";
  return out;
}

std::string aggregateText(const std::vector<KError>& errs) {
  if (errs.size() == 1) return errs[0].text();
  std::string out = "[";
  for (size_t i = 0; i < errs.size(); i++) out += (i ? ", " : "") + errs[i].text();
  return out + "]";
}

Status statusOf(const Response& resp) {
  if (resp.body.is_object() && resp.body.value("kind", "") == "Status") return Status::fromJson(resp.body);
  // client-go's newUnstructuredResponseError for bodies that are not a Status
  Status s;
  s.code = resp.code;
  switch (resp.code) {
    case 400: s.reason = "BadRequest"; s.message = "the server rejected our request for an unknown reason"; break;
    case 404: s.reason = "NotFound"; s.message = "the server could not find the requested resource"; break;
    case 405: s.reason = "MethodNotAllowed"; s.message = "the server does not allow this method on the requested resource"; break;
    case 409: s.reason = "Conflict"; s.message = "the server reported a conflict"; break;
    case 422: s.reason = "Invalid"; s.message = "the server rejected our request due to an error in our request"; break;
    case 500: s.reason = "InternalError"; s.message = "an error on the server (\"" + resp.text + "\") has prevented the request from succeeding"; break;
    default:
      s.reason = "";
      s.message = "the server responded with the status code " + std::to_string(resp.code) +
                  " but did not return more information";
  }
  return s;
}

void CmdEnv::fail(const KError& e) {
  err(checkErrText(e));
  ex.finish(1);
}
void CmdEnv::fail(const std::vector<KError>& errs) {
  err(checkErrText(errs));
  ex.finish(1);
}
void CmdEnv::failText(const std::string& msg) { fail(KError::plain(msg)); }
void CmdEnv::usageError(const std::string& msg) {
  failText(msg + "\nSee '" + path + " -h' for help and examples");
}

// ---------------------------------------------------------------- flags
void addGlobalFlags(FlagSet& fs) {
  // `kubectl options`
  fs.string("as", 0, "", "Username to impersonate for the operation.")
      .stringArray("as-group", 0, "Group to impersonate for the operation.")
      .string("as-uid", 0, "", "UID to impersonate for the operation.")
      .string("cache-dir", 0, "/root/.kube/cache", "Default cache directory")
      .string("certificate-authority", 0, "", "Path to a cert file for the certificate authority")
      .string("client-certificate", 0, "", "Path to a client certificate file for TLS")
      .string("client-key", 0, "", "Path to a client key file for TLS")
      .string("cluster", 0, "", "The name of the kubeconfig cluster to use")
      .string("context", 0, "", "The name of the kubeconfig context to use")
      .boolean("disable-compression", 0, false, "If true, opt-out of response compression for all requests to the server")
      .boolean("insecure-skip-tls-verify", 0, false, "If true, the server's certificate will not be checked for validity.")
      .string("kubeconfig", 0, "", "Path to the kubeconfig file to use for CLI requests.")
      .duration("log-flush-frequency", "5s", "Maximum number of seconds between log flushes")
      .boolean("match-server-version", 0, false, "Require server version to match client version")
      .string("namespace", 'n', "", "If present, the namespace scope for this CLI request")
      .string("password", 0, "", "Password for basic authentication to the API server")
      .string("profile", 0, "none", "Name of profile to capture.")
      .string("profile-output", 0, "profile.pprof", "Name of the file to write the profile to")
      .string("request-timeout", 0, "0", "The length of time to wait before giving up on a single server request.")
      .string("server", 's', "", "The address and port of the Kubernetes API server")
      .string("tls-server-name", 0, "", "Server name to use for server certificate validation.")
      .string("token", 0, "", "Bearer token for authentication to the API server")
      .string("user", 0, "", "The name of the kubeconfig user to use")
      .string("username", 0, "", "Username for basic authentication to the API server")
      .int32("v", 'v', 0, "number for the log level verbosity")
      .string("vmodule", 0, "", "comma-separated list of pattern=N settings for file-filtered logging")
      .boolean("warnings-as-errors", 0, false, "Treat warnings received from the server as errors and exit with a non-zero exit code")
      .boolean("help", 'h', false, "help for this command");
}

// Set while kubectlCommandFlags() asks a command for its flag set.
static std::vector<FlagDef>* gFlagCapture = nullptr;

bool parseFlags(CmdEnv& env, FlagSet& fs, const std::vector<std::string>& args, const std::string& helpText) {
  // A command's own flag shadows a global one of the same name (create rolebinding's --user),
  // as cobra's local flags shadow the persistent ones.
  FlagSet globals;
  addGlobalFlags(globals);
  for (const auto& def : globals.definitions())
    if (!fs.has(def.name)) fs.add(def);
  if (gFlagCapture) {
    *gFlagCapture = fs.definitions();
    env.done(0);
    return false;
  }
  if (auto e = fs.parse(args)) {
    env.err("error: " + *e + "\nSee '" + env.path + " --help' for usage.\n");
    env.done(1);
    return false;
  }
  if (fs.getBool("help")) {
    env.out(helpText + "\nOptions:\n" + fs.usageText());
    env.done(0);
    return false;
  }
  if (auto e = fs.checkRequired()) {
    env.failText(*e);
    return false;
  }
  // --as / --as-group: every request of this command carries the impersonation headers.
  env.client().impersonateUser = fs.getString("as");
  env.client().impersonateGroups = fs.getList("as-group");
  if (fs.getString("as").empty() && !fs.getList("as-group").empty()) {
    // client-go names the kubeconfig user of the current context
    std::string user;
    for (const auto& c : env.ctx.contexts)
      if (c.name == env.ctx.currentContext) user = c.user;
    env.failText("requesting uid, groups or user-extra for " + user + " without impersonating a user");
    return false;
  }
  // -n "" falls back to the context's namespace, as clientcmd does
  if (fs.changed("namespace") && !fs.getString("namespace").empty()) {
    env.ns = fs.getString("namespace");
    env.nsExplicit = true;
  }
  return true;
}

const char* kGenericFormats =
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

bool dryRunStrategy(CmdEnv& env, const FlagSet& fs, std::string& strategy) {
  std::string v = fs.getString("dry-run");
  if (v == "unchanged") {
    env.failText("--dry-run flag without a value was specified. A value must be set: \"none\", \"server\", or \"client\".");
    return false;
  }
  if (v == "" || v == "none") strategy = "none";
  else if (v == "client" || v == "server") strategy = v;
  else {
    env.failText("Invalid dry-run value (" + v + "). Must be \"none\", \"server\", or \"client\".");
    return false;
  }
  return true;
}

bool genericOutputFormat(CmdEnv& env, const std::string& output) {
  if (output.empty() || output == "json" || output == "yaml" || output == "name") return true;
  std::string format = output.substr(0, output.find('='));
  if (std::string(",").append(kGenericFormats).append(",").find("," + format + ",") != std::string::npos) {
    env.failText("output format " + goQuote(format) + " is not available in this simulated cluster");
    return false;
  }
  env.failText("unable to match a printer suitable for the output format " + goQuote(output) +
               ", allowed formats are: " + kGenericFormats);
  return false;
}

// ---------------------------------------------------------------- builder
std::string kindString(const ResourceInfo& r) {
  std::string k = r.kind;
  std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
  return r.group.empty() ? k : k + "." + r.group;
}

std::string kindSlashName(const ResourceInfo& r, const std::string& name) { return kindString(r) + "/" + name; }

Status listError(Status s, const ResourceInfo& r, const std::string& labelSelector, const std::string& fieldSelector) {
  if (s.reason != "BadRequest" && s.reason != "NotFound") return s;
  std::string gvr = goQuote(r.group + "/" + r.version + ", Resource=" + r.resource);
  if (labelSelector.empty() && fieldSelector.empty()) s.message = "Unable to list " + gvr + ": " + s.message;
  else
    s.message = "Unable to find " + gvr + " that match label selector " + goQuote(labelSelector) + ", field selector " +
                goQuote(fieldSelector) + ": " + s.message;
  return s;
}

Json listItem(const ResourceInfo& r, const Json& item) {
  Json j = item;
  if (j.is_object()) {
    if (!j.contains("kind")) j["kind"] = r.kind;
    if (!j.contains("apiVersion")) j["apiVersion"] = r.groupVersion();
  }
  return j;
}

Result<std::vector<Json>> listJson(Client& c, const ResourceInfo& r, const std::string& ns,
                                   const std::string& labelSelector, const std::string& fieldSelector) {
  Request req;
  req.path = Client::path(r, ns);
  req.query["limit"] = "500";
  if (!labelSelector.empty()) req.query["labelSelector"] = labelSelector;
  if (!fieldSelector.empty()) req.query["fieldSelector"] = fieldSelector;
  Response resp = c.request(req);
  if (!resp.ok()) return statusOf(resp);
  std::vector<Json> out;
  if (resp.body.is_object() && resp.body.contains("items") && resp.body["items"].is_array())
    for (const auto& it : resp.body["items"]) out.push_back(listItem(r, it));
  return out;
}

Result<Json> getJson(Client& c, const ResourceInfo& r, const std::string& ns, const std::string& name,
                     const std::string& subresource) {
  Request req;
  req.path = Client::path(r, ns, name, subresource);
  Response resp = c.request(req);
  if (!resp.ok()) return statusOf(resp);
  return resp.body;
}

std::string joinLabels(const StringMap& m) {
  std::string out;
  for (const auto& [k, v] : m) out += (out.empty() ? "" : ",") + k + "=" + v;
  return out;
}

static std::vector<std::string> splitResourceArgument(const std::string& arg) {
  // cli-runtime SplitResourceArgument: comma list without duplicates
  std::vector<std::string> out;
  std::set<std::string> seen;
  size_t start = 0;
  while (true) {
    size_t comma = arg.find(',', start);
    std::string s = arg.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (seen.insert(s).second) out.push_back(s);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// The `all` category, as discovery lists it.
static std::string replaceAliases(const std::string& input) {
  std::string out;
  for (const auto& arg : splitResourceArgument(input)) {
    std::string a = arg;
    if (arg == "all") {
      a.clear();
      for (const auto& r : allResources()) {
        if (!r.inCategoryAll) continue;
        a += (a.empty() ? "" : ",") + (r.group.empty() ? r.resource : r.resource + "." + r.group);
      }
    }
    out += (out.empty() ? "" : ",") + a;
  }
  return out;
}

static const ResourceInfo* mappingFor(const std::string& arg, std::optional<KError>* err) {
  const ResourceInfo* r = arg.empty() ? nullptr : findResource(arg);
  if (!r) {
    // schema.ParseResourceArg: the resource part before the first dot names it in the error
    std::string resource = arg;
    auto dot = resource.find('.');
    if (dot != std::string::npos) resource = resource.substr(0, dot);
    std::string lower = resource;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    *err = KError::plain("the server doesn't have a resource type " + goQuote(lower));
  }
  return r;
}

std::optional<KError> resolveResources(const std::vector<std::string>& argsIn, const BuilderOptions& opts,
                                       const std::string& ns, const std::string& commandName,
                                       Resolved& out) {
  std::vector<std::string> args = argsIn;
  std::vector<KError> errs;
  // normalizeMultipleResourcesArgs: "pods,svc a b" -> pods/a pods/b svc/a svc/b
  if (args.size() >= 2) {
    auto resources = splitResourceArgument(args[0]);
    if (resources.size() > 1) {
      std::vector<std::string> n;
      for (const auto& r : resources)
        for (size_t i = 1; i < args.size(); i++) n.push_back(r + "/" + args[i]);
      args = n;
    }
  }
  struct Tuple { std::string resource, name; };
  std::vector<Tuple> tuples;
  std::vector<std::string> resources, names;
  std::optional<std::string> labelSelector, fieldSelector;
  size_t slashes = 0;
  for (const auto& a : args)
    if (a.find('/') != std::string::npos) slashes++;
  if (slashes > 0 && slashes != args.size()) {
    return KError::plain("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '" +
                         commandName + " get resource/<resource_name>' instead of '" + commandName +
                         " get resource resource/<resource_name>'");
  }
  if (slashes > 0) {
    for (const auto& a : args) {
      auto p = a.find('/');
      if (a.find('/', p + 1) != std::string::npos)
        return KError::plain("arguments in resource/name form may not have more than one slash");
      std::string res = a.substr(0, p), name = a.substr(p + 1);
      if (res.empty() || name.empty() || splitResourceArgument(res).size() != 1)
        return KError::plain("arguments in resource/name form must have a single resource and name");
      tuples.push_back({res, name});
    }
  } else if (!args.empty()) {
    args[0] = replaceAliases(args[0]);
    resources = splitResourceArgument(args[0]);
    for (size_t i = 1; i < args.size(); i++) names.push_back(args[i]);
    if (args.size() == 1 && opts.allowEmptySelector) labelSelector = "";
  }
  // LabelSelectorParam / FieldSelectorParam / SelectAllParam, in the order commands call them
  auto trim = [](std::string s) {
    while (!s.empty() && isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t i = 0;
    while (i < s.size() && isspace(static_cast<unsigned char>(s[i]))) i++;
    return s.substr(i);
  };
  if (opts.labelSelector && !trim(*opts.labelSelector).empty()) labelSelector = trim(*opts.labelSelector);
  if (opts.fieldSelector && !trim(*opts.fieldSelector).empty()) fieldSelector = trim(*opts.fieldSelector);
  if (opts.selectAll) {
    if ((opts.labelSelector && !trim(*opts.labelSelector).empty()) ||
        (opts.fieldSelector && !trim(*opts.fieldSelector).empty()))
      return KError::plain("setting 'all' parameter but found a non empty selector. ");
    labelSelector = "";
  }
  std::string theNs = opts.allNamespaces ? "" : ns;
  out = Resolved{};
  if (labelSelector || fieldSelector) {
    if (!names.empty()) return KError::plain("name cannot be provided when a selector is specified");
    if (!tuples.empty()) return KError::plain("selectors and the all flag cannot be used when passing resource/name arguments");
    if (resources.empty()) return KError::plain("at least one resource must be specified to use a selector");
    if (opts.singleResourceType && resources.size() > 1) return KError::plain("you may only specify a single resource type");
    std::set<const ResourceInfo*> seen;
    for (const auto& res : resources) {
      std::optional<KError> e;
      const ResourceInfo* r = mappingFor(res, &e);
      if (!r) return e;
      if (!seen.insert(r).second) continue;
      out.visits.push_back({r, r->namespaced ? theNs : "", ""});
    }
    out.isList = true;
    out.labelSelector = labelSelector.value_or("");
    out.fieldSelector = fieldSelector.value_or("");
    return std::nullopt;
  }
  auto nsFor = [&](const ResourceInfo* r, std::optional<KError>* e) -> std::string {
    if (!r->namespaced) return "";
    if (theNs.empty())
      *e = KError::plain(opts.allNamespaces ? "a resource cannot be retrieved by name across all namespaces"
                                            : "namespace may not be empty when retrieving a resource by name");
    return theNs;
  };
  if (!tuples.empty()) {
    std::map<std::string, const ResourceInfo*> mappings;
    std::set<const ResourceInfo*> canonical;
    for (const auto& t : tuples) {
      if (mappings.count(t.resource)) continue;
      std::optional<KError> e;
      const ResourceInfo* r = mappingFor(t.resource, &e);
      if (!r) return e;
      mappings[t.resource] = r;
      canonical.insert(r);
    }
    if (canonical.size() > 1 && opts.singleResourceType) return KError::plain("you may only specify a single resource type");
    for (const auto& t : tuples) {
      const ResourceInfo* r = mappings[t.resource];
      std::optional<KError> e;
      std::string vns = nsFor(r, &e);
      if (e) return e;
      out.visits.push_back({r, vns, t.name});
    }
    out.singleItemImplied = tuples.size() == 1;
    return std::nullopt;
  }
  if (!names.empty()) {
    if (resources.empty()) return KError::plain("you must provide a resource and a resource name together");
    if (resources.size() > 1) return KError::plain("you must specify only one resource");
    std::optional<KError> e;
    const ResourceInfo* r = mappingFor(resources[0], &e);
    if (!r) return e;
    std::string vns = nsFor(r, &e);
    if (e) return e;
    for (const auto& n : names) out.visits.push_back({r, vns, n});
    out.singleItemImplied = names.size() == 1;
    return std::nullopt;
  }
  if (!resources.empty()) {
    for (const auto& res : resources) {
      std::optional<KError> e;
      if (!mappingFor(res, &e)) return e;
    }
    return KError::plain("resource(s) were provided, but no name was specified");
  }
  (void)errs;
  return KError::plain(
      "You must provide one or more resources by argument or filename.\n"
      "Example resource specifications include:\n"
      "   '-f rsrc.yaml'\n"
      "   '--filename=rsrc.json'\n"
      "   '<resource> <name>'\n"
      "   '<resource>'");
}

// ---------------------------------------------------------------- the root command
void cmdExplain(CmdEnv& env, const std::vector<std::string>& args);  // cmd_explain.cc
namespace {

struct CommandEntry {
  const char* name;
  void (*run)(CmdEnv&, const std::vector<std::string>&);
  std::vector<std::string> suggestFor;
};

// Every kubectl 1.32 command in the order kubectl adds them (cobra suggests in this order);
// run == nullptr for the ones this simulation does not have.
const std::vector<CommandEntry>& commands() {
  static const std::vector<CommandEntry> all = {
      {"create", cmdCreate, {}},          {"expose", cmdExpose, {}},
      {"run", cmdRun, {}},                {"set", cmdSet, {}},
      {"explain", cmdExplain, {}},        {"get", cmdGet, {"list", "ps"}},
      {"edit", cmdEdit, {"update"}},      {"delete", cmdDelete, {"rm"}},
      {"rollout", cmdRollout, {}},        {"scale", cmdScale, {"resize"}},
      {"autoscale", cmdAutoscale, {}},         {"certificate", nullptr, {}},
      {"cluster-info", cmdClusterInfo, {}}, {"top", cmdTop, {}},
      {"cordon", cmdCordon, {}},            {"uncordon", cmdUncordon, {}},
      {"drain", cmdDrain, {}},             {"taint", cmdTaint, {}},
      {"describe", cmdDescribe, {}},      {"logs", cmdLogs, {}},
      {"attach", nullptr, {}},            {"exec", cmdExec, {}},
      {"port-forward", cmdPortForward, {}},      {"proxy", nullptr, {}},
      {"cp", cmdCp, {}},                  {"auth", cmdAuth, {}},
      {"debug", nullptr, {}},             {"events", nullptr, {}},
      {"diff", nullptr, {}},              {"apply", cmdApply, {}},
      {"patch", nullptr, {}},             {"replace", nullptr, {}},
      {"wait", cmdWait, {"list", "ps"}},  {"kustomize", nullptr, {}},
      {"label", cmdLabel, {}},            {"annotate", cmdAnnotate, {}},
      {"completion", nullptr, {}},        {"alpha", nullptr, {}},
      {"config", cmdConfig, {}},            {"plugin", nullptr, {}},
      {"version", cmdVersion, {}},        {"api-versions", cmdApiVersions, {}},
      {"api-resources", cmdApiResources, {}}, {"options", nullptr, {}},
  };
  return all;
}

// cobra's ld(): Levenshtein distance, case-insensitive.
size_t levenshtein(std::string a, std::string b) {
  for (auto& c : a) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : b) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (a.size() > 256 || b.size() > 256) return 1000;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) prev[j] = j;
  for (size_t i = 1; i <= a.size(); i++) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); j++) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    prev.swap(cur);
  }
  return prev[b.size()];
}

std::string suggestions(const std::string& typed) {
  std::vector<std::string> out;
  std::string lowerTyped = typed;
  for (auto& c : lowerTyped) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& c : commands()) {
    if (std::string(c.name) == "alpha") continue;  // hidden without alpha features
    std::string name = c.name;
    if (levenshtein(typed, name) <= 2 || name.rfind(lowerTyped, 0) == 0) out.push_back(name);
    for (const auto& s : c.suggestFor)
      if (levenshtein(typed, s) == 0 && s.size() == typed.size()) out.push_back(name);
  }
  if (out.empty()) return "";
  std::string s = "\n\nDid you mean this?\n";
  for (const auto& o : out) s += "\t" + o + "\n";
  return s;
}

// Global flags that take a value: cobra's stripFlags skips the value when it finds the
// subcommand among args.
bool globalTakesValue(const std::string& arg) {
  static FlagSet fs = [] {
    FlagSet f;
    addGlobalFlags(f);
    return f;
  }();
  if (arg.rfind("--", 0) == 0) {
    std::string name = arg.substr(2);
    if (name.find('=') != std::string::npos) return false;
    // unknown long flags are assumed to take a value, as cobra does
    if (!fs.has(name)) return true;
    return fs.getString(name) != "false" && fs.getString(name) != "true";
  }
  if (arg.size() == 2 && arg[0] == '-') {
    return arg[1] != 'h';
  }
  return false;
}

const char* kRootHelp =
    "kubectl controls the Kubernetes cluster manager.\n"
    "\n"
    " Find more information at: https://kubernetes.io/docs/reference/kubectl/\n"
    "\n"
    "Commands in this simulated cluster:\n"
    "  create deployment  Create a deployment with the specified name\n"
    "  run             Run a particular image on the cluster (as a pod)\n"
    "  expose          Expose a deployment, replica set, replication controller, pod or service as a new service\n"
    "  get             Display one or many resources\n"
    "  describe        Show details of a specific resource or group of resources\n"
    "  delete          Delete resources by resources and names, or by resources and label selector\n"
    "  scale           Set a new size for a deployment, replica set, or replication controller\n"
    "  logs            Print the logs for a container in a pod\n"
    "  wait            Wait for a specific condition on one or many resources\n"
    "  cluster-info    Display cluster information\n"
    "  api-resources   Print the supported API resources on the server\n"
    "  version         Print the client and server version information\n"
    "\n"
    "Usage:\n"
    "  kubectl [flags] [options]\n"
    "\n"
    "Use \"kubectl <command> --help\" for more information about a given command.\n";

}  // namespace

void cmdCreate(CmdEnv& env, const std::vector<std::string>& args) {
  // `kubectl create` with a subcommand; create -f is not simulated.
  FlagSet fs;
  fs.stringSlice("filename", 'f', "Filename, directory, or URL to files to use to create the resource")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("output", 'o', "", "Output format.")
      .boolean("edit", 0, false, "Edit the API resource before creating")
      .string("field-manager", 0, "kubectl-create", "Name of the manager used to track field ownership.")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .string("raw", 0, "", "Raw URI to POST to the server.")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .string("validate", 0, "strict", "Validation mode.")
      .boolean("windows-line-endings", 0, false, "Only relevant if --edit=true.")
      .boolean("save-config", 0, false, "Save the configuration in an annotation.")
      .boolean("show-managed-fields", 0, false, "Keep managedFields when printing.")
      .string("template", 0, "", "Template string.")
      .boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.");
  if (!parseFlags(env, fs, args,
                  "Create a resource from a file or from stdin.\n\nAvailable Commands:\n  deployment    Create a deployment with the specified name\n"))
    return;
  if (!fs.args().empty()) {
    std::string list = "[";
    for (size_t i = 0; i < fs.args().size(); i++) list += (i ? " " : "") + fs.args()[i];
    env.usageError("Unexpected args: " + list + "]");
    return;
  }
  if (fs.getList("filename").empty() && fs.getString("kustomize").empty()) {
    env.failText("must specify one of -f and -k");
    return;
  }
  if (!fs.getString("kustomize").empty() || !fs.getString("raw").empty() || fs.getBool("edit")) {
    env.failText("--kustomize, --raw and --edit are not available in this simulated cluster");
    return;
  }
  createFromFiles(env, fs);
}

void runKubectl(const std::vector<std::string>& argsIn, KubectlContext& ctx, Execution& ex) {
  CmdEnv env{ctx, ex, ctx.commandName, ctx.namespace_};
  ctx.client.impersonateUser.clear();  // set again by this command's --as
  ctx.client.impersonateGroups.clear();
  // Find the subcommand (cobra's Find with stripFlags).
  std::vector<std::string> args = argsIn;
  size_t cmdIndex = args.size();
  for (size_t i = 0; i < args.size(); i++) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (!a.empty() && a[0] == '-') {
      if (globalTakesValue(a)) i++;
      continue;
    }
    cmdIndex = i;
    break;
  }
  if (cmdIndex == args.size()) {
    // no subcommand: root flags only
    FlagSet fs;
    addGlobalFlags(fs);
    if (auto e = fs.parse(args)) {
      env.err("error: " + *e + "\nSee 'kubectl --help' for usage.\n");
      ex.finish(1);
      return;
    }
    ex.out(kRootHelp);
    ex.finish(0);
    return;
  }
  std::string name = args[cmdIndex];
  if (name == "help") {
    ex.out(kRootHelp);
    ex.finish(0);
    return;
  }
  const CommandEntry* found = nullptr;
  for (const auto& c : commands())
    if (name == c.name) found = &c;
  if (!found) {
    std::string msg = "error: unknown command " + goQuote(name) + " for \"kubectl\"" + suggestions(name);
    if (msg.back() != '\n') msg += "\n";
    env.err(msg);
    ex.finish(1);
    return;
  }
  args.erase(args.begin() + static_cast<long>(cmdIndex));
  env.path = ctx.commandName + " " + name;
  if (!found->run) {
    env.failText("\"kubectl " + name + "\" is not available in this simulated cluster (see 'help')");
    return;
  }
  if (name == "create") {
    // `create deployment` is a subcommand of create
    for (size_t i = 0; i < args.size(); i++) {
      const std::string& a = args[i];
      if (a == "--") break;
      if (!a.empty() && a[0] == '-') {
        if (a.find('=') == std::string::npos && a != "-R" && a != "--recursive" && a != "--edit" &&
            a != "--save-config" && a != "--windows-line-endings" && a != "--show-managed-fields" &&
            a != "--allow-missing-template-keys" && globalTakesValue(a))
          i++;
        continue;
      }
      if (a == "deployment" || a == "deploy") {
        args.erase(args.begin() + static_cast<long>(i));
        env.path = ctx.commandName + " create deployment";
        cmdCreateDeployment(env, args);
        return;
      }
      if (a == "namespace" || a == "ns") {
        args.erase(args.begin() + static_cast<long>(i));
        env.path = ctx.commandName + " create namespace";
        cmdCreateNamespace(env, args);
        return;
      }
      if (a == "role" || a == "clusterrole" || a == "rolebinding" || a == "clusterrolebinding") {
        const std::string sub = a;
        args.erase(args.begin() + static_cast<long>(i));
        env.path = ctx.commandName + " create " + sub;
        cmdCreateRbac(sub, env, args);
        return;
      }
      if (a == "configmap" || a == "cm" || a == "secret" || a == "job") {
        const std::string sub = a == "cm" ? std::string("configmap") : a;
        args.erase(args.begin() + static_cast<long>(i));
        env.path = ctx.commandName + " create " + sub;
        if (sub == "job") cmdCreateJob(env, args);
        else if (sub == "secret") cmdCreateSecret(env, args);
        else cmdCreateConfigMap(env, args);
        return;
      }
      {
        std::vector<std::string> rest = args;
        rest.erase(rest.begin() + static_cast<long>(i));
        if (runCreateGenerator(env, a, rest)) return;
      }
      break;
    }
  }
  found->run(env, args);
}

std::vector<std::string> kubectlCommandNames() {
  std::vector<std::string> out;
  for (const auto& c : commands())
    if (c.run) out.push_back(c.name);
  return out;
}

std::vector<FlagDef> kubectlCommandFlags(const std::vector<std::string>& path, KubectlContext& ctx) {
  std::vector<FlagDef> defs;
  if (path.empty()) {
    FlagSet fs;
    addGlobalFlags(fs);
    return fs.definitions();
  }
  bool known = false;
  for (const auto& c : commands())
    if (c.run && path[0] == c.name) known = true;
  if (!known) return defs;
  Execution scratch;
  gFlagCapture = &defs;
  runKubectl(path, ctx, scratch);
  gFlagCapture = nullptr;
  return defs;
}

}  // namespace kp
