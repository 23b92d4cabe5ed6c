// ingress-nginx's status sync and its routing (see ingress_controller.h). Routing follows the
// nginx configuration the controller generates: one server per host named in the rules of all
// its Ingresses (exact names before wildcards), a catch-all server for rules without a host;
// inside a server the longest matching path wins, Exact before Prefix on a tie; a server with
// no matching path answers from the Ingress's defaultBackend, else nginx's 404.
#include "core/network/ingress_controller.h"

#include <algorithm>
#include <cctype>

#include "core/api/podutil.h"
#include "core/apiserver/store.h"

namespace kp {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

const Json& child(const Json& j, const char* key) {
  static const Json empty;
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it == j.end() ? empty : *it;
}

std::string str(const Json& j, const char* key) {
  const Json& v = child(j, key);
  return v.is_string() ? v.get<std::string>() : "";
}

// The path's elements, split by '/', empty ones dropped ("/foo//bar/" -> foo, bar).
std::vector<std::string> elements(const std::string& p) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= p.size()) {
    size_t slash = p.find('/', i);
    if (slash == std::string::npos) slash = p.size();
    if (slash > i) out.push_back(p.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

bool backendOf(const Json& b, const std::string& ns, IngressBackend& out) {
  const Json& svc = child(b, "service");
  if (!svc.is_object()) return false;
  out.ns = ns;
  out.service = str(svc, "name");
  const Json& port = child(svc, "port");
  if (child(port, "number").is_number_integer()) out.port = child(port, "number").get<int>();
  out.portName = str(port, "name");
  return !out.service.empty();
}

}  // namespace

std::string nginxErrorPage(int status) {
  std::string title = status == 404   ? "404 Not Found"
                      : status == 503 ? "503 Service Temporarily Unavailable"
                      : status == 502 ? "502 Bad Gateway"
                      : status == 504 ? "504 Gateway Time-out"
                                      : std::to_string(status);
  return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
         "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
}

bool ingressPathMatches(const std::string& pathType, const std::string& rulePath, const std::string& requestPath) {
  if (pathType == "Exact") return rulePath == requestPath;
  // Prefix (and ImplementationSpecific): every element of the rule's path is an element of
  // the request's, in order; a trailing slash on either side is ignored.
  std::vector<std::string> rule = elements(rulePath), req = elements(requestPath);
  if (rule.size() > req.size()) return false;
  return std::equal(rule.begin(), rule.end(), req.begin());
}

bool ingressHostMatches(const std::string& ruleHostIn, const std::string& hostIn) {
  std::string ruleHost = lower(ruleHostIn), host = lower(hostIn);
  if (ruleHost.rfind("*.", 0) != 0) return ruleHost == host;
  std::string suffix = ruleHost.substr(1);  // ".foo.com"
  if (host.size() <= suffix.size() || host.compare(host.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  std::string label = host.substr(0, host.size() - suffix.size());
  return label.find('.') == std::string::npos;
}

IngressController::IngressController(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers) {
  watch_ = store_.watch([this](const WatchEvent& e) { onEvent(e); });
}

IngressController::~IngressController() {
  *alive_ = false;
  store_.unwatch(watch_);
}

bool IngressController::isControllerPod(const Pod& pod) const {
  for (const auto& c : pod.spec.containers) {
    std::string image = c.image.substr(0, c.image.find('@'));
    if (image.rfind(kControllerImage, 0) == 0 &&
        (image.size() == std::string(kControllerImage).size() || image[std::string(kControllerImage).size()] == ':'))
      return true;
  }
  return false;
}

bool IngressController::serves(const JsonObject& ing) const {
  const ResourceInfo* classes = resourceForKind("IngressClass");
  if (!classes) return false;
  std::string className = str(child(ing.body, "spec"), "ingressClassName");
  if (className.empty()) {
    // The annotation that predates ingressClassName still selects a class by name.
    auto a = ing.metadata.annotations.find("kubernetes.io/ingress.class");
    if (a != ing.metadata.annotations.end()) className = a->second;
  }
  for (const auto& o : store_.list(*classes)) {
    const auto& cls = static_cast<const JsonObject&>(*o);
    if (str(child(cls.body, "spec"), "controller") != kControllerClass) continue;
    if (!className.empty() && cls.metadata.name == className) return true;
    auto d = cls.metadata.annotations.find("ingressclass.kubernetes.io/is-default-class");
    if (className.empty() && d != cls.metadata.annotations.end() && d->second == "true") return true;
  }
  return false;
}

IngressRoute IngressController::route(const std::string& hostIn, const std::string& pathIn) const {
  IngressRoute none;
  const ResourceInfo* r = resourceForKind("Ingress");
  if (!r) return none;
  std::string host = lower(hostIn.substr(0, hostIn.rfind(':') == std::string::npos ? hostIn.size() : hostIn.rfind(':')));
  std::string path = pathIn.substr(0, pathIn.find('?'));
  if (path.empty()) path = "/";
  struct Candidate {
    std::string pathType, path;
    IngressBackend backend;
    std::string ingress;
  };
  // The server for the host: an exact name, else a wildcard, else the catch-all (no host).
  enum Level { kNone, kCatchAll, kWildcard, kExact };
  Level level = kNone;
  std::vector<Candidate> paths;
  std::vector<std::pair<std::string, IngressBackend>> defaults;  // (ingress key, backend) of that server's Ingresses
  std::vector<Ptr<JsonObject>> ours;
  for (const auto& o : store_.list(*r)) {
    auto ing = std::static_pointer_cast<const JsonObject>(o);
    if (serves(*ing)) ours.push_back(ing);
  }
  for (const auto& ing : ours)
    for (const auto& rule : child(child(ing->body, "spec"), "rules")) {
      std::string rh = str(rule, "host");
      Level l = rh.empty() ? kCatchAll : !ingressHostMatches(rh, host) ? kNone : rh[0] == '*' ? kWildcard : kExact;
      level = std::max(level, l);
    }
  if (level == kNone) level = kCatchAll;
  for (const auto& ing : ours) {
    const std::string key = ing->metadata.namespace_ + "/" + ing->metadata.name;
    const Json& spec = child(ing->body, "spec");
    bool contributes = false;
    for (const auto& rule : child(spec, "rules")) {
      std::string rh = str(rule, "host");
      Level l = rh.empty() ? kCatchAll : !ingressHostMatches(rh, host) ? kNone : rh[0] == '*' ? kWildcard : kExact;
      if (l != level) continue;
      contributes = true;
      for (const auto& p : child(child(rule, "http"), "paths")) {
        Candidate c;
        c.pathType = str(p, "pathType");
        c.path = str(p, "path");
        if (c.path.empty()) c.path = "/";
        c.ingress = key;
        if (backendOf(child(p, "backend"), ing->metadata.namespace_, c.backend)) paths.push_back(c);
      }
    }
    // An Ingress without rules puts its default backend on the catch-all server.
    if (child(spec, "rules").empty() && level == kCatchAll) contributes = true;
    IngressBackend b;
    if (contributes && backendOf(child(spec, "defaultBackend"), ing->metadata.namespace_, b)) defaults.push_back({key, b});
  }
  const Candidate* best = nullptr;
  for (const auto& c : paths) {
    if (!ingressPathMatches(c.pathType, c.path, path)) continue;
    if (!best || c.path.size() > best->path.size() ||
        (c.path.size() == best->path.size() && c.pathType == "Exact" && best->pathType != "Exact"))
      best = &c;
  }
  IngressRoute out;
  if (best) {
    out.found = true;
    out.backend = best->backend;
    out.ingress = best->ingress;
  } else if (!defaults.empty()) {
    out.found = true;
    out.ingress = defaults.front().first;
    out.backend = defaults.front().second;
  }
  return out;
}

void IngressController::onEvent(const WatchEvent& e) {
  const std::string kind = e.resource->kind;
  if (kind == "Ingress" || kind == "IngressClass") {
    // Our own status writes change nothing the sync looks at.
    if (kind == "Ingress" && e.type == WatchType::Modified && e.old) {
      auto a = static_cast<const JsonObject&>(*e.old).body;
      auto b = static_cast<const JsonObject&>(*e.object).body;
      a.erase("status");
      b.erase("status");
      if (a == b && e.old->metadata.annotations == e.object->metadata.annotations) return;
    }
    scheduleSync();
  } else if (kind == "Pod") {
    const auto& pod = static_cast<const Pod&>(*e.object);
    if (!isControllerPod(pod)) return;
    bool was = e.old && podReady(static_cast<const Pod&>(*e.old)) && !podTerminating(static_cast<const Pod&>(*e.old));
    bool is = e.type != WatchType::Deleted && podReady(pod) && !podTerminating(pod);
    if (was != is) scheduleSync();
  }
}

void IngressController::scheduleSync() {
  if (syncPending_) return;
  syncPending_ = true;
  std::weak_ptr<bool> alive = alive_;
  timers_.after(kStatusDelayMs, [this, alive] {
    if (!alive.lock()) return;
    syncPending_ = false;
    syncStatus();
  });
}

std::string IngressController::controllerAddress() const {
  for (const auto& p : store_.list<Pod>()) {
    if (!isControllerPod(*p) || !podReady(*p) || podTerminating(*p) || p->spec.nodeName.empty()) continue;
    // --report-node-internal-ip-address: the node's InternalIP.
    if (auto n = store_.get<Node>("", p->spec.nodeName))
      for (const auto& a : n->status.addresses)
        if (a.type == "InternalIP") return a.address;
  }
  return "";
}

void IngressController::syncStatus() {
  const ResourceInfo* r = resourceForKind("Ingress");
  if (!r) return;
  std::string ip = controllerAddress();
  Json want = Json::object();
  if (!ip.empty()) want = Json{{"ingress", Json::array({Json{{"ip", ip}}})}};
  for (const auto& o : store_.list(*r)) {
    const auto& ing = static_cast<const JsonObject&>(*o);
    if (!serves(ing)) continue;
    const Json& have = child(child(ing.body, "status"), "loadBalancer");
    if (have == want || (have.is_null() && want.empty())) continue;
    JsonObject copy = ing;
    copy.body["status"]["loadBalancer"] = want;
    api_.updateStatus(copy);
  }
}

}  // namespace kp
