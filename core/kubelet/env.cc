// The kubelet's container environment: envFrom, env (values, $(VAR) references, ConfigMap and
// Secret keys, the downward API) and the Docker-link style service variables.
#include "core/kubelet/env.h"
#include "core/base/strings.h"

#include "core/api/base64.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace kp {

namespace {

std::string upperName(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// envvars.FromServices: host/port variables and the Docker link variables of each service.
void serviceVars(const Service& svc, EnvList& out) {
  const auto& s = svc.spec;
  if (s.clusterIP.empty() || s.clusterIP == "None" || s.ports.empty()) return;
  std::string name = upperName(svc.metadata.name);
  out.push_back({name + "_SERVICE_HOST", s.clusterIP});
  out.push_back({name + "_SERVICE_PORT", std::to_string(s.ports[0].port)});
  for (const auto& p : s.ports)
    if (!p.name.empty()) out.push_back({name + "_SERVICE_PORT_" + upperName(p.name), std::to_string(p.port)});
  const auto& first = s.ports[0];
  out.push_back({name + "_PORT", toLower(first.protocol) + "://" + s.clusterIP + ":" + std::to_string(first.port)});
  for (const auto& p : s.ports) {
    std::string prefix = name + "_PORT_" + std::to_string(p.port) + "_" + p.protocol;
    std::string proto = toLower(p.protocol);
    out.push_back({prefix, proto + "://" + s.clusterIP + ":" + std::to_string(p.port)});
    out.push_back({prefix + "_PROTO", proto});
    out.push_back({prefix + "_PORT", std::to_string(p.port)});
    out.push_back({prefix + "_ADDR", s.clusterIP});
  }
}

// expansion.MappingFuncFor + Expand: $(VAR) from the variables so far, $$ escapes a $, and an
// unknown reference stays as written.
std::string expand(const std::string& in, const std::map<std::string, std::string>& vars) {
  std::string out;
  for (size_t i = 0; i < in.size(); i++) {
    if (in[i] != '$' || i + 1 >= in.size()) {
      out += in[i];
      continue;
    }
    char n = in[i + 1];
    if (n == '$') {
      out += '$';
      i++;
    } else if (n == '(') {
      size_t close = in.find(')', i + 2);
      if (close == std::string::npos) {
        out += in.substr(i);
        break;
      }
      std::string name = in.substr(i + 2, close - i - 2);
      auto it = vars.find(name);
      out += it != vars.end() ? it->second : "$(" + name + ")";
      i = close;
    } else {
      out += '$';
    }
  }
  return out;
}

std::string fieldRefValue(const Pod& pod, const std::string& path, bool* ok) {
  *ok = true;
  if (path == "metadata.name") return pod.metadata.name;
  if (path == "metadata.namespace") return pod.metadata.namespace_;
  if (path == "metadata.uid") return pod.metadata.uid;
  if (path == "spec.nodeName") return pod.spec.nodeName;
  if (path == "spec.serviceAccountName") return pod.spec.serviceAccountName;
  if (path == "status.hostIP") return pod.status.hostIP;
  if (path == "status.podIP") return pod.status.podIP;
  if (path == "status.hostIPs") {
    std::string s;
    for (size_t i = 0; i < pod.status.hostIPs.size(); i++) s += (i ? "," : "") + pod.status.hostIPs[i];
    return s;
  }
  if (path == "status.podIPs") {
    std::string s;
    for (size_t i = 0; i < pod.status.podIPs.size(); i++) s += (i ? "," : "") + pod.status.podIPs[i];
    return s;
  }
  for (const char* prefix : {"metadata.labels['", "metadata.annotations['"}) {
    std::string p = prefix;
    if (path.rfind(p, 0) == 0 && path.size() > p.size() + 2 && path.substr(path.size() - 2) == "']") {
      std::string key = path.substr(p.size(), path.size() - p.size() - 2);
      const auto& m = p[9] == 'l' ? pod.metadata.labels : pod.metadata.annotations;
      auto it = m.find(key);
      return it == m.end() ? "" : it->second;
    }
  }
  *ok = false;
  return "";
}

std::string jsonString(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}
bool jsonTrue(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_boolean() && j[key].get<bool>();
}

}  // namespace

EnvResult resolveContainerEnvironment(const Store& store, const Pod& pod, const Container& container) {
  EnvResult res;
  const std::string& ns = pod.metadata.namespace_;
  // Service variables: the pod's namespace (with enableServiceLinks) and the master service,
  // only services created before the container started.
  Time cutoff = kNoTime;
  for (const auto& cs : pod.status.containerStatuses)
    if (cs.name == container.name && cs.state.hasRunning) cutoff = cs.state.startedAt;
  if (cutoff == kNoTime) cutoff = pod.status.startTime;
  auto existedAtStart = [&](const Service& s) {
    return cutoff == kNoTime || s.metadata.creationTimestamp == kNoTime || s.metadata.creationTimestamp <= cutoff;
  };
  EnvList serviceEnv;
  std::map<std::string, Ptr<Service>> services;
  if (pod.spec.enableServiceLinks.value_or(true))
    for (const auto& s : store.list<Service>(ns))
      if (existedAtStart(*s)) services[s->metadata.name] = s;
  if (auto k = store.get<Service>("default", "kubernetes"); k && existedAtStart(*k)) services[k->metadata.name] = k;
  for (const auto& [name, s] : services) serviceVars(*s, serviceEnv);

  std::map<std::string, std::string> vars;  // what $(VAR) may refer to
  for (const auto& [k, v] : serviceEnv) vars[k] = v;
  EnvList own;
  auto set = [&](const std::string& k, const std::string& v) {
    vars[k] = v;
    for (auto& e : own)
      if (e.first == k) {
        e.second = v;
        return;
      }
    own.push_back({k, v});
  };
  auto fail = [&](const std::string& msg) {
    if (res.error.empty()) res.error = msg;
  };

  if (container.envFrom.is_array()) {
    for (const auto& src : container.envFrom) {
      std::string prefix = jsonString(src, "prefix");
      if (src.contains("configMapRef")) {
        const Json& ref = src["configMapRef"];
        std::string name = jsonString(ref, "name");
        auto cm = store.get<ConfigMap>(ns, name);
        if (!cm) {
          if (!jsonTrue(ref, "optional")) fail("configmap \"" + name + "\" not found");
          continue;
        }
        for (const auto& [k, v] : cm->data) set(prefix + k, v);
      } else if (src.contains("secretRef")) {
        const Json& ref = src["secretRef"];
        std::string name = jsonString(ref, "name");
        auto sec = store.get<Secret>(ns, name);
        if (!sec) {
          if (!jsonTrue(ref, "optional")) fail("secret \"" + name + "\" not found");
          continue;
        }
        for (const auto& [k, v] : sec->data) set(prefix + k, base64Decode(v));
      }
    }
  }
  for (const auto& e : container.env) {
    if (e.valueFrom.is_object()) {
      const Json& vf = e.valueFrom;
      if (vf.contains("configMapKeyRef")) {
        const Json& ref = vf["configMapKeyRef"];
        std::string name = jsonString(ref, "name"), key = jsonString(ref, "key");
        bool optional = jsonTrue(ref, "optional");
        auto cm = store.get<ConfigMap>(ns, name);
        if (!cm) {
          if (!optional) fail("configmap \"" + name + "\" not found");
          continue;
        }
        auto it = cm->data.find(key);
        if (it == cm->data.end()) {
          if (!optional) fail("couldn't find key " + key + " in ConfigMap " + ns + "/" + name);
          continue;
        }
        set(e.name, it->second);
      } else if (vf.contains("secretKeyRef")) {
        const Json& ref = vf["secretKeyRef"];
        std::string name = jsonString(ref, "name"), key = jsonString(ref, "key");
        bool optional = jsonTrue(ref, "optional");
        auto sec = store.get<Secret>(ns, name);
        if (!sec) {
          if (!optional) fail("secret \"" + name + "\" not found");
          continue;
        }
        auto it = sec->data.find(key);
        if (it == sec->data.end()) {
          if (!optional) fail("couldn't find key " + key + " in Secret " + ns + "/" + name);
          continue;
        }
        set(e.name, base64Decode(it->second));
      } else if (vf.contains("fieldRef")) {
        bool ok = false;
        std::string v = fieldRefValue(pod, jsonString(vf["fieldRef"], "fieldPath"), &ok);
        if (ok) set(e.name, v);
      } else if (vf.contains("resourceFieldRef")) {
        set(e.name, "0");
      }
    } else {
      set(e.name, expand(e.value, vars));
    }
  }
  res.env = own;
  for (const auto& kv : serviceEnv) {
    bool present = std::any_of(own.begin(), own.end(), [&](const auto& e) { return e.first == kv.first; });
    if (!present) res.env.push_back(kv);
  }
  return res;
}

EnvList containerEnvironment(const Store& store, const Pod& pod, const Container& container) {
  return resolveContainerEnvironment(store, pod, container).env;
}

}  // namespace kp
