// `kubectl create service clusterip|nodeport|loadbalancer|externalname`, `create serviceaccount`
// and `create token`: the Service as create_service.go builds it (label and selector app=NAME,
// one TCP port per --tcp named "port-targetPort"), a bare ServiceAccount, and a TokenRequest
// POSTed to serviceaccounts/NAME/token whose token is printed.
#include <regex>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/create_generators.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

const char* kServiceHelp =
    "Create a service using a specified subcommand.\n\nAliases:\nservice, svc\n\nAvailable Commands:\n"
    "  clusterip      Create a ClusterIP service\n  externalname   Create an ExternalName service\n"
    "  loadbalancer   Create a LoadBalancer service\n  nodeport       Create a NodePort service\n\n"
    "Usage:\n  kubectl create service [flags] [options]\n\n"
    "Use \"kubectl create service <command> --help\" for more information about a given command.\n"
    "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

bool isDns1123Subdomain(const std::string& s) {
  static const std::regex re(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
  return !s.empty() && s.size() <= 253 && std::regex_match(s, re);
}

// validation.IsValidPortName's messages, joined by "," as parsePorts reports them.
std::string portNameErrors(const std::string& p) {
  std::vector<std::string> errs;
  if (p.size() > 15) errs.push_back("must be no more than 15 characters");
  static const std::regex charset("^[-a-z0-9]+$"), letter("[a-z]");
  if (!std::regex_match(p, charset)) errs.push_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!std::regex_search(p, letter)) errs.push_back("must contain at least one letter (a-z)");
  if (p.find("--") != std::string::npos) errs.push_back("must not contain consecutive hyphens (-)");
  if (!p.empty() && (p.front() == '-' || p.back() == '-')) errs.push_back("must not begin or end with a hyphen (-)");
  return join(errs, ",");
}

// Go's strconv.Atoi: optional sign, decimal digits, int64 range.
std::optional<int64_t> goAtoi(const std::string& s) {
  size_t i = s.size() > 0 && (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i >= s.size() || s.find_first_not_of("0123456789", i) != std::string::npos || s.size() > 19) return std::nullopt;
  return std::stoll(s);
}

// create_service.go's parsePorts: "port[:targetPort]" into the ServicePort's port and targetPort.
bool parseServicePorts(const std::string& spec, int64_t* port, OJson* target, std::string* error) {
  auto parts = split(spec, ':');
  const std::string& p = parts[0];
  // utilsnet.ParsePort(p, true): strconv.ParseUint(p, 10, 16)
  if (p.empty() || p.find_first_not_of("0123456789") != std::string::npos) {
    *error = "strconv.ParseUint: parsing " + goQuote(p) + ": invalid syntax";
    return false;
  }
  if (p.size() > 5 || std::stoll(p) > 65535) {
    *error = "strconv.ParseUint: parsing " + goQuote(p) + ": value out of range";
    return false;
  }
  *port = std::stoll(p);
  if (parts.size() == 1) {
    *target = *port;
    return true;
  }
  auto n = goAtoi(parts[1]);
  if (!n) {
    std::string errs = portNameErrors(parts[1]);
    if (!errs.empty()) {
      *error = errs;
      return false;
    }
    *target = parts[1];
    return true;
  }
  if (*n < 1 || *n > 65535) {
    *error = "must be between 1 and 65535, inclusive";
    return false;
  }
  *target = *n;
  return true;
}

void runCreateServiceType(CmdEnv& env, const std::vector<std::string>& args, const std::string& type) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.stringSlice("tcp", 0, "Port pairs can be specified as '<port>:<targetPort>'.");
  if (type == "ClusterIP")
    fs.string("clusterip", 0, "", "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).");
  if (type == "NodePort") fs.integer("node-port", 0, 0, "Port used to expose the service on each node in a cluster.");
  if (type == "ExternalName") fs.string("external-name", 0, "", "External name of service").require("external-name");
  std::string use = type == "ClusterIP"      ? "clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]"
                    : type == "NodePort"     ? "nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]"
                    : type == "LoadBalancer" ? "loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none]"
                                             : "externalname NAME --external-name external.name [--dry-run=server|client|none]";
  std::string article = type == "ExternalName" ? "an " : "a ";
  if (!parseFlags(env, fs, args, "Create " + article + type + " service with the specified name.\n\nUsage:\n  kubectl create service " + use + "\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  std::string clusterIP = fs.has("clusterip") ? fs.getString("clusterip") : "";
  std::string externalName = fs.has("external-name") ? fs.getString("external-name") : "";
  auto tcp = fs.getList("tcp");
  if (clusterIP == "None" && type != "ClusterIP") {
    env.failText("ClusterIP=None can only be used with ClusterIP service type");
    return;
  }
  if (clusterIP != "None" && tcp.empty() && type != "ExternalName") {
    env.failText("at least one tcp port specifier must be provided");
    return;
  }
  if (type == "ExternalName" && !isDns1123Subdomain(externalName)) {
    env.failText("invalid service external name " + externalName);
    return;
  }
  OJson ports = OJson::array();
  for (const auto& spec : tcp) {
    int64_t port = 0;
    OJson target;
    std::string error;
    if (!parseServicePorts(spec, &port, &target, &error)) {
      env.failText(error);
      return;
    }
    std::string portName = spec;
    for (auto& c : portName)
      if (c == ':') c = '-';
    OJson p = OJson::object();
    p["name"] = portName;
    p["protocol"] = "TCP";
    p["port"] = port;
    p["targetPort"] = target;
    if (fs.has("node-port") && fs.getInt("node-port") != 0) p["nodePort"] = static_cast<int32_t>(fs.getInt("node-port"));
    ports.push_back(p);
  }
  OJson meta = generatedMeta(env, name);
  meta["labels"] = OJson{{"app", name}};
  OJson spec = OJson::object();
  if (!ports.empty()) spec["ports"] = ports;
  spec["selector"] = OJson{{"app", name}};
  if (!clusterIP.empty()) spec["clusterIP"] = clusterIP;
  spec["type"] = type;
  if (!externalName.empty()) spec["externalName"] = externalName;
  OJson svc = OJson::object();
  svc["kind"] = "Service";
  svc["apiVersion"] = "v1";
  svc["metadata"] = meta;
  svc["spec"] = spec;
  svc["status"] = OJson{{"loadBalancer", OJson::object()}};
  submitGenerated(env, fs, *resourceForKind("Service"), name, svc, dryRun, output,
                  "failed to create " + type + " service: ");
}

}  // namespace

void cmdCreateService(CmdEnv& env, const std::vector<std::string>& args) {
  // DefaultSubCommandRun: the subcommand is the first argument that is not a flag.
  std::vector<std::string> rest = args;
  for (size_t i = 0; i < rest.size(); i++) {
    const std::string& a = rest[i];
    if (a == "--") break;
    if (!a.empty() && a[0] == '-') continue;
    static const std::vector<std::pair<std::string, std::string>> types = {
        {"clusterip", "ClusterIP"}, {"nodeport", "NodePort"}, {"loadbalancer", "LoadBalancer"}, {"externalname", "ExternalName"}};
    for (const auto& [sub, type] : types) {
      if (a != sub) continue;
      rest.erase(rest.begin() + static_cast<long>(i));
      env.path += " " + sub;
      runCreateServiceType(env, rest, type);
      return;
    }
    std::string all;
    for (size_t j = i; j < rest.size(); j++) all += (j > i ? " " : "") + rest[j];
    env.err("error: unknown command " + goQuote(all) + "\nSee '" + env.path + " -h' for help and examples\n");
    env.done(1);
    return;
  }
  for (const auto& a : rest)
    if (a == "-h" || a == "--help") {
      env.out(kServiceHelp);
      env.done(0);
      return;
    }
  env.err(kServiceHelp);
  env.done(1);
}

void cmdCreateServiceAccount(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  if (!parseFlags(env, fs, args,
                  "Create a service account with the specified name.\n\nUsage:\n  kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  OJson sa = OJson::object();
  sa["kind"] = "ServiceAccount";
  sa["apiVersion"] = "v1";
  sa["metadata"] = generatedMeta(env, name);
  submitGenerated(env, fs, *resourceForKind("ServiceAccount"), name, sa, dryRun, output, "failed to create serviceaccount: ");
}

void cmdCreateToken(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .stringArray("audience", 0, "Audience of the requested token.")
      .string("bound-object-kind", 0, "", "Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret.")
      .string("bound-object-name", 0, "", "Name of an object to bind the token to.")
      .string("bound-object-uid", 0, "", "UID of an object to bind the token to.")
      .duration("duration", "0s", "Requested lifetime of the issued token.")
      .string("output", 'o', "", "Output format.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.");
  if (!parseFlags(env, fs, args, "Request a service account token.\n\nUsage:\n  kubectl create token SERVICE_ACCOUNT_NAME [options]\n"))
    return;
  std::string name, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !genericOutputFormat(env, fs)) return;
  int64_t durationMs = fs.getDurationMs("duration");
  if (durationMs < 0) return env.failText("--duration must be greater than or equal to 0");
  if (durationMs % 1000 != 0) return env.failText("--duration cannot be expressed in units less than seconds");
  auto audiences = fs.getList("audience");
  for (const auto& a : audiences)
    if (a.empty()) return env.failText("--audience must not be an empty string");
  std::string kind = fs.getString("bound-object-kind"), objName = fs.getString("bound-object-name"),
              objUid = fs.getString("bound-object-uid");
  if (kind.empty()) {
    if (!objName.empty()) return env.failText("--bound-object-name can only be set if --bound-object-kind is provided");
    if (!objUid.empty()) return env.failText("--bound-object-uid can only be set if --bound-object-kind is provided");
  } else {
    if (kind != "Node" && kind != "Pod" && kind != "Secret")
      return env.failText("supported --bound-object-kind values are Node, Pod, Secret");
    if (objName.empty()) return env.failText("--bound-object-name is required if --bound-object-kind is provided");
  }
  OJson spec = OJson::object();
  spec["audiences"] = audiences.empty() ? OJson(nullptr) : OJson(audiences);
  if (durationMs > 0) spec["expirationSeconds"] = durationMs / 1000;
  if (!kind.empty()) {
    OJson ref = OJson::object();
    ref["kind"] = kind;
    ref["apiVersion"] = "v1";
    ref["name"] = objName;
    if (!objUid.empty()) ref["uid"] = objUid;
    spec["boundObjectRef"] = ref;
  }
  OJson tr = OJson::object();
  tr["kind"] = "TokenRequest";
  tr["apiVersion"] = "authentication.k8s.io/v1";
  tr["metadata"] = OJson{{"creationTimestamp", nullptr}};
  tr["spec"] = spec;
  tr["status"] = OJson{{"token", ""}, {"expirationTimestamp", nullptr}};
  Request req;
  req.method = "POST";
  req.path = Client::path(*resourceForKind("ServiceAccount"), env.ns, name, "token");
  req.contentType = "application/json";
  req.body = Json::parse(tr.dump());
  Response resp = env.client().request(req);
  if (!resp.ok()) return env.fail(KError::plain("failed to create token: " + statusOf(resp).message));
  std::string token;
  if (resp.body.is_object() && resp.body.contains("status") && resp.body["status"].is_object())
    token = resp.body["status"].value("token", "");
  if (token.empty()) return env.failText("failed to create token: no token in server response");
  if (output == "json") env.out(toJsonText(resp.body));
  else if (output == "yaml") env.out(toYaml(resp.body));
  else if (output == "name") env.out("tokenrequest.authentication.k8s.io/" + name + "\n");
  else if (!output.empty()) {
    static const ResourceInfo kTokenRequest{"tokenrequests", "tokenrequest", "TokenRequest", "authentication.k8s.io", "v1"};
    if (!printObject(env, kTokenRequest, resp.body)) return;  // jsonpath, go-template
  } else env.out(token + "\n");  // the console is a terminal: kubectl adds the newline there
  env.done(0);
}

}  // namespace kp
