// `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]` as create_ingress.go
// builds it: rules checked against its regular expression (anchored at the start only), paths
// ending in '*' become Prefix (else Exact), rules of one host share an IngressRule, and TLS
// entries group hosts by secret.
#include <map>
#include <regex>
#include <set>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/create_generators.h"

namespace kp {

namespace {

// "svc:port" into an IngressBackend; the port is a number when intstr.Parse takes it as one.
OJson backendOf(const std::string& service) {
  auto parts = split(service, ':');
  OJson port = OJson::object();
  const std::string& p = parts.size() > 1 ? parts[1] : std::string();
  bool number = !p.empty() && p.size() < 10 &&
                p.find_first_not_of("0123456789", p[0] == '-' || p[0] == '+' ? 1 : 0) == std::string::npos &&
                p != "-" && p != "+";
  if (number) port["number"] = std::stoll(p);
  else port["name"] = p;
  OJson svc = OJson::object();
  svc["name"] = parts[0];
  svc["port"] = port;
  return OJson{{"service", svc}};
}

OJson pathOf(const std::string& pathAndService) {
  auto parts = split(pathAndService, '=');
  std::string path = "/" + parts[0], pathType = "Exact";
  if (path.back() == '*') {
    pathType = "Prefix";
    path.pop_back();
  }
  OJson p = OJson::object();
  p["path"] = path;
  p["pathType"] = pathType;
  p["backend"] = backendOf(parts.size() > 1 ? parts[1] : "");
  return p;
}

}  // namespace

void cmdCreateIngress(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.stringArray("annotation", 0, "Annotation to insert in the ingress object, in the format annotation=value")
      .string("class", 0, "", "Ingress Class to be used")
      .string("default-backend", 0, "", "Default service for backend, in format of svcname:port")
      .stringArray("rule", 0, "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.");
  if (!parseFlags(env, fs, args,
                  "Create an ingress with the specified name.\n\nUsage:\n  kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  auto rules = fs.getList("rule"), annotationSpecs = fs.getList("annotation");
  std::string defaultBackend = fs.getString("default-backend"), ingressClass = fs.getString("class");
  if (defaultBackend.empty() && rules.empty())
    return env.failText("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)");
  static const std::regex ruleRe(R"(^([\w\*\-\.]*)(/.*)=([\w\-]+):([\w\-]+)(,(tls)=?([\w\-]+)?)?)");
  for (const auto& rule : rules)
    if (!std::regex_search(rule, ruleRe))
      return env.failText("rule " + rule + " is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]");
  for (const auto& a : annotationSpecs)
    if (a.find('=') == std::string::npos)
      return env.failText("annotation " + a + " is invalid and should be in format key=[value]");
  if (!defaultBackend.empty() && split(defaultBackend, ':').size() != 2)
    return env.failText("default-backend should be in format servicename:serviceport");

  std::map<std::string, std::string> annotations;
  for (const auto& a : annotationSpecs) annotations[a.substr(0, a.find('='))] = a.substr(a.find('=') + 1);

  // TLS: one entry per secret, holding the hosts of the rules that name it (buildTLSRules).
  OJson tls = OJson::array();
  std::set<std::string> hostSeen;
  for (const auto& rule : rules) {
    auto parts = split(rule, ',');
    if (parts.size() != 2) continue;
    std::string host = rule.substr(0, rule.find('/'));
    auto secretParts = split(parts[1], '=');
    std::string secret = secretParts.size() > 1 ? secretParts[1] : "";
    if (hostSeen.count(host)) continue;
    int idx = -1;
    for (size_t i = 0; i < tls.size(); i++)
      if (tls[i].value("secretName", "") == secret) idx = static_cast<int>(i);
    hostSeen.insert(host);
    if (idx >= 0) {
      if (!tls[idx].contains("hosts")) tls[idx]["hosts"] = OJson::array();
      tls[idx]["hosts"].push_back(host);
      continue;
    }
    OJson entry = OJson::object();
    if (!host.empty()) entry["hosts"] = OJson::array({host});
    if (!secret.empty()) entry["secretName"] = secret;
    if (!entry.empty()) tls.push_back(entry);
  }
  // Rules: paths of one host go into the same IngressRule (buildIngressRules).
  OJson ingressRules = OJson::array();
  for (const auto& rule : rules) {
    std::string withoutTls = split(rule, ',')[0];
    size_t slash = withoutTls.find('/');
    std::string host = withoutTls.substr(0, slash);
    OJson path = pathOf(withoutTls.substr(slash + 1));
    int idx = -1;
    for (size_t i = 0; i < ingressRules.size(); i++)
      if (ingressRules[i].value("host", "") == host) idx = static_cast<int>(i);
    if (idx >= 0) {
      ingressRules[idx]["http"]["paths"].push_back(path);
      continue;
    }
    OJson r = OJson::object();
    if (!host.empty()) r["host"] = host;
    r["http"] = OJson{{"paths", OJson::array({path})}};
    ingressRules.push_back(r);
  }
  OJson spec = OJson::object();
  if (!ingressClass.empty()) spec["ingressClassName"] = ingressClass;
  if (!defaultBackend.empty()) spec["defaultBackend"] = backendOf(defaultBackend);
  if (!tls.empty()) spec["tls"] = tls;
  if (!ingressRules.empty()) spec["rules"] = ingressRules;
  OJson meta = generatedMeta(env, name);
  if (!annotations.empty()) {
    OJson a = OJson::object();
    for (const auto& [k, v] : annotations) a[k] = v;
    meta["annotations"] = a;
  }
  OJson ing = OJson::object();
  ing["kind"] = "Ingress";
  ing["apiVersion"] = "networking.k8s.io/v1";
  ing["metadata"] = meta;
  ing["spec"] = spec;
  ing["status"] = OJson{{"loadBalancer", OJson::object()}};
  submitGenerated(env, fs, *resourceForKind("Ingress"), name, ing, dryRun, output, "failed to create ingress: ");
}

}  // namespace kp
