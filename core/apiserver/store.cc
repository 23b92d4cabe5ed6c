#include "core/apiserver/store.h"

namespace kp {

const char* watchTypeName(WatchType t) {
  switch (t) {
    case WatchType::Added: return "ADDED";
    case WatchType::Modified: return "MODIFIED";
    case WatchType::Deleted: return "DELETED";
  }
  return "";
}

static const Store::Objects kEmpty;
static const std::set<std::string> kNoKeys;

const Store::Objects& Store::all(const ResourceInfo& r) const {
  auto it = data_.find(&r);
  return it == data_.end() ? kEmpty : it->second;
}

ObjectPtr Store::get(const ResourceInfo& r, const std::string& ns, const std::string& name) const {
  const auto& m = all(r);
  auto it = m.find(key(r.namespaced ? ns : "", name));
  return it == m.end() ? nullptr : it->second;
}

std::vector<ObjectPtr> Store::list(const ResourceInfo& r, const std::string& ns) const {
  std::vector<ObjectPtr> out;
  const auto& m = all(r);
  if (ns.empty() || !r.namespaced) {
    out.reserve(m.size());
    for (const auto& [k, v] : m) out.push_back(v);
    return out;
  }
  std::string prefix = ns + "/";
  for (auto it = m.lower_bound(prefix); it != m.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
    out.push_back(it->second);
  return out;
}

ObjectPtr Store::put(const ResourceInfo& r, std::shared_ptr<Object> obj) {
  obj->metadata.resourceVersion = std::to_string(++rv_);
  auto& m = data_[&r];
  std::string k = key(r.namespaced ? obj->metadata.namespace_ : "", obj->metadata.name);
  ObjectPtr now = obj;
  ObjectPtr old;
  auto it = m.find(k);
  if (it != m.end()) {
    old = it->second;
    it->second = now;
  } else {
    m.emplace(k, now);
  }
  if (r.kind == "Pod") index(old.get(), now.get());
  notify({old ? WatchType::Modified : WatchType::Added, &r, now, old, rv_});
  return now;
}

ObjectPtr Store::erase(const ResourceInfo& r, const std::string& ns, const std::string& name) {
  auto& m = data_[&r];
  auto it = m.find(key(r.namespaced ? ns : "", name));
  if (it == m.end()) return nullptr;
  ObjectPtr old = it->second;
  m.erase(it);
  ++rv_;
  if (r.kind == "Pod") index(old.get(), nullptr);
  notify({WatchType::Deleted, &r, old, nullptr, rv_});
  return old;
}

void Store::index(const Object* old, const Object* now) {
  auto podNode = [](const Object* o) { return static_cast<const Pod*>(o)->spec.nodeName; };
  // Pods without a controller are indexed under "~orphans/<namespace>".
  auto ownerUid = [](const Object* o) {
    auto* ref = o->metadata.controllerRef();
    return ref ? ref->uid : "~orphans/" + o->metadata.namespace_;
  };
  auto move = [](auto& index, const std::string& from, const std::string& to, const std::string& k) {
    if (from == to) return;
    if (!from.empty()) {
      auto it = index.find(from);
      if (it != index.end()) {
        it->second.erase(k);
        if (it->second.empty()) index.erase(it);
      }
    }
    if (!to.empty()) index[to].insert(k);
  };
  const Object* any = now ? now : old;
  std::string k = key(any->metadata.namespace_, any->metadata.name);
  move(byNode_, old ? podNode(old) : "", now ? podNode(now) : "", k);
  move(byOwner_, old ? ownerUid(old) : "", now ? ownerUid(now) : "", k);
}

const std::set<std::string>& Store::podsOnNode(const std::string& node) const {
  auto it = byNode_.find(node);
  return it == byNode_.end() ? kNoKeys : it->second;
}

const std::set<std::string>& Store::orphanPods(const std::string& ns) const { return podsOwnedBy("~orphans/" + ns); }

const std::set<std::string>& Store::podsOwnedBy(const std::string& uid) const {
  auto it = byOwner_.find(uid);
  return it == byOwner_.end() ? kNoKeys : it->second;
}

int Store::watch(Watcher w) const {
  watchers_[nextWatch_] = std::move(w);
  return nextWatch_++;
}

void Store::unwatch(int id) const { watchers_.erase(id); }

int Store::listAndWatch(const Watcher& w) const {
  for (const auto& r : allResources())
    for (const auto& o : list(r)) w(WatchEvent{WatchType::Added, &r, o, nullptr, rv_});
  return watch(w);
}

void Store::notify(const WatchEvent& e) {
  // Copy the ids first: a watcher may add or remove watchers.
  std::vector<int> ids;
  ids.reserve(watchers_.size());
  for (const auto& [id, w] : watchers_) ids.push_back(id);
  for (int id : ids) {
    auto it = watchers_.find(id);
    if (it != watchers_.end()) it->second(e);
  }
}

}  // namespace kp
