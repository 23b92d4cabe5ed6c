#include "core/apiserver/quota.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/api/podutil.h"
#include "core/api/quantity.h"
#include "core/apiserver/store.h"

namespace kp {

namespace {

// ------------------------------------------------------------------ what an object uses

// "cpu" and "memory" in a quota mean the requests.
std::string canonical(const std::string& res) {
  if (res == "cpu" || res == "memory" || res == "ephemeral-storage") return "requests." + res;
  return res;
}

int64_t sumContainers(const Pod& p, bool limits, const char* res) {
  int64_t total = 0;
  for (const auto& c : p.spec.containers) {
    const StringMap& m = limits ? c.resources.limits : c.resources.requests;
    auto it = m.find(res);
    if (it != m.end()) total += parseQuantityMilli(it->second).value_or(0);
  }
  return total;
}

// What `o` adds to quota resource `res`, in milli-units (a count of 1 is 1000); 0 if nothing.
int64_t contribution(const std::string& resIn, const ResourceInfo& r, const Object& o) {
  const std::string res = canonical(resIn);
  if (res.rfind("count/", 0) == 0) return res.substr(6) == r.qualified() ? 1000 : 0;
  if (r.kind == "Pod") {
    const auto& p = static_cast<const Pod&>(o);
    if (podFinished(p)) return 0;
    if (res == "pods") return 1000;
    if (res == "requests.cpu") return sumContainers(p, false, "cpu");
    if (res == "requests.memory") return sumContainers(p, false, "memory");
    if (res == "limits.cpu") return sumContainers(p, true, "cpu");
    if (res == "limits.memory") return sumContainers(p, true, "memory");
    return 0;
  }
  if (r.kind == "Service") {
    const auto& s = static_cast<const Service&>(o).spec;
    if (res == "services") return 1000;
    if (res == "services.loadbalancers") return s.type == "LoadBalancer" ? 1000 : 0;
    if (res == "services.nodeports")
      return s.type == "NodePort" || s.type == "LoadBalancer" ? 1000 * static_cast<int64_t>(s.ports.size()) : 0;
    return 0;
  }
  if (r.kind == "PersistentVolumeClaim" && res == "requests.storage") {
    auto* jo = dynamic_cast<const JsonObject*>(&o);
    const Json& q = jo ? jo->field("spec").value("resources", Json::object()).value("requests", Json::object()).value("storage", Json()) : Json();
    return q.is_string() ? parseQuantityMilli(q.get<std::string>()).value_or(0) : 0;
  }
  static const std::map<std::string, std::string> kCounted = {
      {"configmaps", "ConfigMap"}, {"secrets", "Secret"}, {"persistentvolumeclaims", "PersistentVolumeClaim"},
      {"replicationcontrollers", "ReplicationController"}, {"resourcequotas", "ResourceQuota"}};
  auto it = kCounted.find(res);
  return it != kCounted.end() && it->second == r.kind ? 1000 : 0;
}

// A usage figure as status.used prints it: cpu as "500m"/"2", memory and storage as "64Mi",
// counts as "3".
std::string formatUsage(const std::string& resIn, int64_t milli) {
  const std::string res = canonical(resIn);
  if (res.find("cpu") != std::string::npos) return formatCpuMilli(milli);
  if (res.find("memory") != std::string::npos || res.find("storage") != std::string::npos) return formatBytes(milli / 1000);
  return std::to_string(milli / 1000);
}

std::string scalarText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number()) return v.dump();
  return "";
}

const ResourceInfo* resourceOfQuotaName(const std::string& res) {
  static const std::map<std::string, std::string> kKinds = {
      {"pods", "Pod"}, {"requests.cpu", "Pod"}, {"requests.memory", "Pod"}, {"limits.cpu", "Pod"}, {"limits.memory", "Pod"},
      {"services", "Service"}, {"services.loadbalancers", "Service"}, {"services.nodeports", "Service"},
      {"configmaps", "ConfigMap"}, {"secrets", "Secret"}, {"persistentvolumeclaims", "PersistentVolumeClaim"},
      {"requests.storage", "PersistentVolumeClaim"}, {"replicationcontrollers", "ReplicationController"},
      {"resourcequotas", "ResourceQuota"}};
  std::string c = canonical(res);
  if (c.rfind("count/", 0) == 0) return findResource(c.substr(6));
  auto it = kKinds.find(c);
  return it == kKinds.end() ? nullptr : resourceForKind(it->second);
}

// ------------------------------------------------------------------ limit ranges

struct RangeItem {
  Json min, max, dflt, dfltRequest;
};

std::vector<RangeItem> containerRanges(const Store& store, const std::string& ns) {
  std::vector<RangeItem> out;
  for (const auto& lr : store.list(*resourceForKind("LimitRange"), ns)) {
    auto* jo = dynamic_cast<const JsonObject*>(lr.get());
    const Json& limits = jo ? jo->field("spec").value("limits", Json::array()) : Json::array();
    for (const auto& item : limits)
      if (item.is_object() && item.value("type", "") == "Container")
        out.push_back({item.value("min", Json::object()), item.value("max", Json::object()),
                       item.value("default", Json::object()), item.value("defaultRequest", Json::object())});
  }
  return out;
}

}  // namespace

std::optional<Status> admitLimitRanges(const Store& store, Pod& pod) {
  auto ranges = containerRanges(store, pod.metadata.namespace_);
  if (ranges.empty()) return std::nullopt;
  std::vector<std::string> set, errors;
  for (auto& c : pod.spec.containers) {
    std::vector<std::string> requestSet, limitSet;
    for (const auto& r : ranges) {
      for (const auto& [src, dst, names] : {std::tuple{&r.dfltRequest, &c.resources.requests, &requestSet},
                                            std::tuple{&r.dflt, &c.resources.limits, &limitSet}}) {
        if (!src->is_object()) continue;
        for (auto it = src->begin(); it != src->end(); ++it)
          if (!dst->count(it.key())) {
            (*dst)[it.key()] = scalarText(it.value());
            names->push_back(it.key());
          }
      }
    }
    // A limit without a request sets the request too (as the API's defaulting does).
    for (const auto& [res, q] : c.resources.limits)
      if (!c.resources.requests.count(res)) c.resources.requests[res] = q;
    auto join = [](std::vector<std::string> v) {
      std::sort(v.begin(), v.end());
      std::string s;
      for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
      return s;
    };
    if (!requestSet.empty()) set.push_back(join(requestSet) + " request for container " + c.name);
    if (!limitSet.empty()) set.push_back(join(limitSet) + " limit for container " + c.name);
    for (const auto& r : ranges) {
      for (auto it = r.max.begin(); r.max.is_object() && it != r.max.end(); ++it) {
        auto lim = c.resources.limits.find(it.key());
        auto max = parseQuantityMilli(scalarText(it.value()));
        if (lim != c.resources.limits.end() && max && parseQuantityMilli(lim->second).value_or(0) > *max)
          errors.push_back("maximum " + it.key() + " usage per Container is " + scalarText(it.value()) + ", but limit is " + lim->second);
      }
      for (auto it = r.min.begin(); r.min.is_object() && it != r.min.end(); ++it) {
        auto req = c.resources.requests.find(it.key());
        auto min = parseQuantityMilli(scalarText(it.value()));
        if (req != c.resources.requests.end() && min && parseQuantityMilli(req->second).value_or(0) < *min)
          errors.push_back("minimum " + it.key() + " usage per Container is " + scalarText(it.value()) + ", but request is " + req->second);
      }
    }
  }
  if (!errors.empty()) {
    std::string msg = errors.size() == 1 ? errors[0] : "[";
    for (size_t i = 0; errors.size() > 1 && i < errors.size(); i++) msg += (i ? ", " : "") + errors[i];
    if (errors.size() > 1) msg += "]";
    return Status{403, "Forbidden", "pods \"" + pod.metadata.name + "\" is forbidden: " + msg};
  }
  if (!set.empty()) {
    std::string note = "LimitRanger plugin set: ";
    for (size_t i = 0; i < set.size(); i++) note += (i ? "; " : "") + set[i];
    pod.metadata.annotations["kubernetes.io/limit-ranger"] = note;
  }
  return std::nullopt;
}

Json quotaUsage(const Store& store, const std::string& ns, const Json& hard) {
  Json used = Json::object();
  if (!hard.is_object()) return used;
  for (auto it = hard.begin(); it != hard.end(); ++it) {
    const ResourceInfo* r = resourceOfQuotaName(it.key());
    int64_t total = 0;
    if (r)
      for (const auto& o : store.list(*r, ns)) total += contribution(it.key(), *r, *o);
    used[it.key()] = formatUsage(it.key(), total);
  }
  return used;
}

std::optional<Status> admitQuota(const Store& store, const ResourceInfo& r, const Object& obj) {
  const std::string& ns = obj.metadata.namespace_;
  const std::string who = r.qualified() + " \"" + obj.metadata.name + "\" is forbidden: ";
  for (const auto& q : store.list(*resourceForKind("ResourceQuota"), ns)) {
    auto* quota = dynamic_cast<const JsonObject*>(q.get());
    if (!quota) continue;
    const Json& hard = quota->field("spec").value("hard", Json::object());
    if (!hard.is_object() || hard.empty()) continue;
    // A pod must state every compute resource the quota limits.
    if (r.kind == "Pod") {
      const auto& pod = static_cast<const Pod&>(obj);
      std::map<std::string, std::set<std::string>> missing;
      for (auto it = hard.begin(); it != hard.end(); ++it) {
        std::string res = canonical(it.key());
        bool limits = res.rfind("limits.", 0) == 0;
        if (!limits && res.rfind("requests.", 0) != 0) continue;
        std::string name = res.substr(res.find('.') + 1);
        if (name != "cpu" && name != "memory") continue;
        for (const auto& c : pod.spec.containers)
          if (!(limits ? c.resources.limits : c.resources.requests).count(name)) missing[res].insert(c.name);
      }
      if (!missing.empty()) {
        std::string msg;
        for (const auto& [res, names] : missing) {
          std::string list;
          for (const auto& n : names) list += (list.empty() ? "" : ",") + n;
          msg += (msg.empty() ? "" : "; ") + res + " for: " + list;
        }
        return Status{403, "Forbidden", who + "failed quota: " + quota->metadata.name + ": must specify " + msg};
      }
    }
    std::string requested, used, limited;
    for (auto it = hard.begin(); it != hard.end(); ++it) {
      int64_t add = contribution(it.key(), r, obj);
      if (add == 0) continue;
      const ResourceInfo* counted = resourceOfQuotaName(it.key());
      int64_t now = 0;
      if (counted)
        for (const auto& o : store.list(*counted, ns)) now += contribution(it.key(), *counted, *o);
      auto limit = parseQuantityMilli(scalarText(it.value()));
      if (!limit || now + add <= *limit) continue;
      requested += (requested.empty() ? "" : ",") + it.key() + "=" + formatUsage(it.key(), add);
      used += (used.empty() ? "" : ",") + it.key() + "=" + formatUsage(it.key(), now);
      limited += (limited.empty() ? "" : ",") + it.key() + "=" + scalarText(it.value());
    }
    if (!requested.empty())
      return Status{403, "Forbidden", who + "exceeded quota: " + quota->metadata.name + ", requested: " + requested +
                                          ", used: " + used + ", limited: " + limited};
  }
  return std::nullopt;
}

}  // namespace kp
