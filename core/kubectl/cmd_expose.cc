// `kubectl expose`: a Service for a deployment, replica set, replication controller, pod or
// service, with the selector, ports, protocols and labels taken from the object the way
// kubectl's polymorphic helpers do; prints "service/kubia-http exposed".
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/base/strings.h"
#include "core/kubectl/printers.h"

namespace kp {

using OJson = nlohmann::ordered_json;

namespace {

// expose's parseLabels: like run's, but an empty spec is its own error.
std::optional<std::map<std::string, std::string>> parseExposeLabels(const std::string& spec, std::string* error) {
  if (spec.empty()) {
    *error = "no label spec passed";
    return std::nullopt;
  }
  return parseLabelSpec(spec, error);
}

std::string mapLabels(const Json& m) {
  std::string out;
  if (!m.is_object()) return out;
  for (auto it = m.begin(); it != m.end(); ++it)
    out += (out.empty() ? "" : ",") + it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump());
  return out;
}

const Json& at(const Json& j, std::initializer_list<const char*> path) {
  static const Json null;
  const Json* cur = &j;
  for (const char* k : path) {
    if (!cur->is_object() || !cur->contains(k)) return null;
    cur = &(*cur)[k];
  }
  return *cur;
}

// The pod spec of a workload (or the pod's own spec).
const Json& podSpecOf(const Json& obj, const std::string& kind) {
  if (kind == "Pod") return at(obj, {"spec"});
  return at(obj, {"spec", "template", "spec"});
}

}  // namespace

void cmdExpose(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("cluster-ip", 0, "", "ClusterIP to be assigned to the service.")
      .string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .string("external-ip", 0, "", "Additional external IP address (not managed by Kubernetes) to accept for the service.")
      .string("field-manager", 0, "kubectl-expose", "Name of the manager used to track field ownership.")
      .stringSlice("filename", 'f', "Filename identifying the resource to expose a service")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .string("labels", 'l', "", "Labels to apply to the service created by this call.")
      .string("load-balancer-ip", 0, "", "IP to assign to the LoadBalancer.")
      .string("name", 0, "", "The name for the newly created object.")
      .string("output", 'o', "", "Output format.")
      .string("override-type", 0, "merge", "The method used to override the generated object.")
      .string("overrides", 0, "", "An inline JSON override for the generated object.")
      .string("port", 0, "", "The port that the service should serve on. Copied from the resource being exposed, if unspecified")
      .string("protocol", 0, "", "The network protocol for the service to be created. Default is 'TCP'.")
      .boolean("recursive", 'R', false, "Process the directory used in -f recursively.")
      .boolean("record", 0, false, "Record current kubectl command in the resource annotation.")
      .boolean("save-config", 0, false, "Save the configuration of the object in its annotation.")
      .string("selector", 0, "", "A label selector to use for this service.")
      .string("session-affinity", 0, "", "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("target-port", 0, "", "Name or number for the port on the container that the service should direct traffic to.")
      .string("template", 0, "", "Template string.")
      .string("type", 0, "", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args,
                  "Expose a resource as a new Kubernetes service.\n\nUsage:\n  kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]\n"))
    return;
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::string output = printerOutput(env);
  Resolved res;
  if (auto e = resolveResources(fs.args(), BuilderOptions{}, env.ns, "kubectl", res)) {
    env.fail(*e);
    return;
  }
  for (const auto& v : res.visits) {
    auto got = getJson(env.client(), *v.resource, v.ns, v.name);
    if (!got.ok()) {
      env.fail(KError::fromStatus(got.status));
      return;
    }
    const Json& obj = got.value;
    std::string kind = v.resource->kind;
    if (kind != "ReplicationController" && kind != "Service" && kind != "Pod" && kind != "Deployment" &&
        kind != "ReplicaSet") {
      env.failText("cannot expose a " + kind + (v.resource->group.empty() ? "" : "." + v.resource->group));
      return;
    }
    std::string defaultName = v.name.substr(0, 63);

    // MapBasedSelectorForObject
    std::string selector = fs.getString("selector");
    if (selector.empty()) {
      std::string why;
      if (kind == "ReplicationController") {
        selector = mapLabels(at(obj, {"spec", "selector"}));
      } else if (kind == "Pod") {
        selector = mapLabels(at(obj, {"metadata", "labels"}));
        if (selector.empty()) why = "the pod has no labels and cannot be exposed";
      } else if (kind == "Service") {
        if (at(obj, {"spec", "selector"}).is_null()) why = "the service has no pod selector set";
        selector = mapLabels(at(obj, {"spec", "selector"}));
      } else {
        const Json& ml = at(obj, {"spec", "selector", "matchLabels"});
        const char* what = kind == "Deployment" ? "deployment" : "replicaset";
        if (!ml.is_object() || ml.empty()) why = std::string("invalid ") + what + ": no selectors, therefore cannot be exposed";
        else if (at(obj, {"spec", "selector", "matchExpressions"}).is_array() &&
                 !at(obj, {"spec", "selector", "matchExpressions"}).empty())
          why = "couldn't convert expressions - \"" + at(obj, {"spec", "selector", "matchExpressions"}).dump() +
                "\" to map-based selector format";
        selector = mapLabels(ml);
      }
      if (!why.empty()) {
        env.failText("couldn't retrieve selectors via --selector flag or introspection: " + why);
        return;
      }
    }
    bool headless = fs.getString("cluster-ip") == "None";
    // PortsForObject / MultiProtocolsForObject
    std::string port = fs.getString("port"), ports;
    std::map<std::string, std::vector<std::string>> protocolsFor;
    std::vector<std::string> objPorts;
    auto addPort = [&](const std::string& p, const std::string& proto) {
      if (std::find(objPorts.begin(), objPorts.end(), p) == objPorts.end()) objPorts.push_back(p);
      auto& list = protocolsFor[p];
      if (std::find(list.begin(), list.end(), proto) == list.end()) list.push_back(proto);
    };
    if (kind == "Service") {
      const Json& sp = at(obj, {"spec", "ports"});
      if (sp.is_array())
        for (const auto& p : sp) addPort(jsonScalarText(p.value("port", Json(0))), p.value("protocol", std::string("TCP")));
    } else {
      const Json& cs = at(podSpecOf(obj, kind), {"containers"});
      if (cs.is_array())
        for (const auto& c : cs)
          if (c.contains("ports") && c["ports"].is_array())
            for (const auto& p : c["ports"])
              addPort(jsonScalarText(p.value("containerPort", Json(0))), p.value("protocol", std::string("TCP")));
    }
    if (port.empty()) {
      if (objPorts.empty()) {
        if (!headless) {
          env.failText("couldn't find port via --port flag or introspection");
          return;
        }
      } else if (objPorts.size() == 1) {
        port = objPorts[0];
      } else {
        for (const auto& p : objPorts) ports += (ports.empty() ? "" : ",") + p;
      }
    }
    std::string labelsText = fs.getString("labels");
    if (labelsText.empty()) labelsText = mapLabels(at(obj, {"metadata", "labels"}));

    // createService
    std::string error;
    if (selector.empty()) {
      env.failText("selector must be specified");
      return;
    }
    auto sel = parseExposeLabels(selector, &error);
    if (!sel) {
      env.failText(error);
      return;
    }
    std::optional<std::map<std::string, std::string>> labels;
    if (!labelsText.empty()) {
      labels = parseExposeLabels(labelsText, &error);
      if (!labels) {
        env.failText(error);
        return;
      }
    }
    std::string name = fs.getString("name").empty() ? defaultName : fs.getString("name");
    if (name.empty()) {
      env.failText("name must be specified");
      return;
    }
    std::string portString = ports.empty() ? port : ports;
    std::string protocol = fs.getString("protocol");
    OJson svcPorts = OJson::array();
    if (!portString.empty()) {
      auto list = split(portString, ',');
      for (size_t i = 0; i < list.size(); i++) {
        const std::string& ps = list[i];
        bool decimal = !ps.empty() && ps.find_first_not_of("+-0123456789") == std::string::npos;
        auto p = decimal ? parseGoInt(ps, 64, nullptr) : std::nullopt;
        if (!p) {
          env.failText("strconv.Atoi: parsing " + goQuote(ps) + ": " + (decimal ? "value out of range" : "invalid syntax"));
          return;
        }
        std::string pname = list.size() > 1 ? "port-" + std::to_string(i + 1) : "";
        std::string proto = protocol;
        if (proto.empty() && protocolsFor.empty()) proto = "TCP";
        else if (proto.empty()) {
          proto = "TCP";
          auto it = protocolsFor.find(ps);
          if (it != protocolsFor.end()) {
            if (it->second.size() == 1) {
              proto = it->second[0];
            } else {
              for (const auto& pr : it->second) {
                std::string lower = pr;
                for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
                OJson sp = OJson::object();
                sp["name"] = "port-" + std::to_string(i + 1) + "-" + lower;
                sp["protocol"] = pr;
                sp["port"] = *p;
                svcPorts.push_back(sp);
              }
              continue;
            }
          }
        }
        OJson sp = OJson::object();
        if (!pname.empty()) sp["name"] = pname;
        sp["protocol"] = proto;
        sp["port"] = *p;
        svcPorts.push_back(sp);
      }
    }
    std::string targetPort = fs.getString("target-port");
    for (auto& sp : svcPorts) {
      if (!targetPort.empty()) {
        // intstr.Parse: a number when it parses as one
        bool decimal = targetPort.find_first_not_of("+-0123456789") == std::string::npos;
        auto n = decimal ? parseGoInt(targetPort, 32, nullptr) : std::nullopt;
        if (n) sp["targetPort"] = *n;
        else sp["targetPort"] = targetPort;
      } else {
        sp["targetPort"] = sp["port"];
      }
    }
    OJson meta = OJson::object();
    meta["name"] = name;
    meta["creationTimestamp"] = nullptr;
    if (labels) {
      OJson l = OJson::object();
      for (auto& [k, val] : *labels) l[k] = val;
      meta["labels"] = l;
    }
    OJson spec = OJson::object();
    spec["ports"] = svcPorts;
    OJson s = OJson::object();
    for (auto& [k, val] : *sel) s[k] = val;
    spec["selector"] = s;
    if (!fs.getString("cluster-ip").empty()) spec["clusterIP"] = fs.getString("cluster-ip");
    std::string type = fs.getString("type");
    if (!type.empty()) spec["type"] = type;
    if (!fs.getString("external-ip").empty()) spec["externalIPs"] = OJson::array({fs.getString("external-ip")});
    if (type == "LoadBalancer" && !fs.getString("load-balancer-ip").empty())
      spec["loadBalancerIP"] = fs.getString("load-balancer-ip");
    std::string affinity = fs.getString("session-affinity");
    if (!affinity.empty()) {
      if (affinity != "None" && affinity != "ClientIP") {
        env.failText("unknown session affinity: " + affinity);
        return;
      }
      spec["sessionAffinity"] = affinity;
    }
    OJson svc = OJson::object();
    svc["kind"] = "Service";
    svc["apiVersion"] = "v1";
    svc["metadata"] = meta;
    svc["spec"] = spec;
    svc["status"] = OJson{{"loadBalancer", OJson::object()}};

    const ResourceInfo& services = *resourceForKind("Service");
    std::string op = "exposed";
    if (dryRun == "client") op += " (dry run)";
    else if (dryRun == "server") op += " (server dry run)";
    if (dryRun == "client") {
      if (output == "json") env.out(svc.dump(4) + "\n");
      else if (output == "name") env.out(resourceName(services, name) + "\n");
      else if (output.empty()) env.out(resourceName(services, name) + " " + op + "\n");
      else if (std::string raw = svc.dump(); !printObject(env, services, Json::parse(raw), true, &raw)) return;
      continue;
    }
    Request req;
    req.method = "POST";
    req.path = Client::path(services, env.ns);
    req.query["fieldManager"] = fs.getString("field-manager");
    if (dryRun == "server") req.query["dryRun"] = "All";
    req.contentType = "application/json";
    req.body = Json::parse(svc.dump());
    Response resp = env.client().request(req);
    if (!resp.ok()) {
      env.fail(KError::fromStatus(statusOf(resp)));
      return;
    }
    if (output == "name") env.out(resourceName(services, name) + "\n");
    else if (output.empty()) env.out(resourceName(services, name) + " " + op + "\n");
    else if (!printObject(env, services, resp.body, true)) return;
  }
  env.done(0);
}

}  // namespace kp
