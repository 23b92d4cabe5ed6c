// The object store (etcd's role): objects by resource, namespace and name, a global
// resourceVersion, watchers notified of every change, and the indexes controllers need
// (pods by node, pods by controlling owner) so that their work grows with changes, not size.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/api/resources.h"
#include "core/api/types.h"

namespace kp {

enum class WatchType { Added, Modified, Deleted };
const char* watchTypeName(WatchType t);  // "ADDED", "MODIFIED", "DELETED"

struct WatchEvent {
  WatchType type;
  const ResourceInfo* resource;
  ObjectPtr object;  // the new state (for Deleted: the last state)
  ObjectPtr old;     // the previous state for Modified, else nullptr
  int64_t rv = 0;    // the store's resourceVersion after the change (a deletion has its own)
};

class Store {
 public:
  using Watcher = std::function<void(const WatchEvent&)>;
  using Objects = std::map<std::string, ObjectPtr>;  // key "namespace/name" (cluster-scoped: "/name")

  static std::string key(const std::string& ns, const std::string& name) { return ns + "/" + name; }

  ObjectPtr get(const ResourceInfo& r, const std::string& ns, const std::string& name) const;
  // By the store's own key ("namespace/name"), as the indexes below hold them.
  ObjectPtr getByKey(const ResourceInfo& r, const std::string& key) const {
    const auto& m = all(r);
    auto it = m.find(key);
    return it == m.end() ? nullptr : it->second;
  }
  template <class T>
  Ptr<T> get(const std::string& ns, const std::string& name) const {
    return std::static_pointer_cast<const T>(get(*resourceForKind(T::kKind), ns, name));
  }
  // All objects of a resource in key order (namespace, then name); ns "" = every namespace.
  std::vector<ObjectPtr> list(const ResourceInfo& r, const std::string& ns = "") const;
  template <class T>
  std::vector<Ptr<T>> list(const std::string& ns = "") const {
    std::vector<Ptr<T>> out;
    for (auto& o : list(*resourceForKind(T::kKind), ns)) out.push_back(std::static_pointer_cast<const T>(o));
    return out;
  }
  const Objects& all(const ResourceInfo& r) const;
  size_t count(const ResourceInfo& r) const { return all(r).size(); }

  int64_t resourceVersion() const { return rv_; }

  // Subscribes to every change (an informer's event handler). Reading the changes does not
  // change the data, so a const store can be watched.
  int watch(Watcher w) const;
  void unwatch(int id) const;
  // An informer's start: every stored object is handed to `w` as ADDED (the initial list, in
  // resource-table order, each resource in key order), then `w` watches. A component built
  // over a store that already holds objects sees them as if it had been there all along.
  int listAndWatch(const Watcher& w) const;

  // Index: keys ("ns/name") of pods bound to a node, and of pods whose controller has a uid.
  const std::set<std::string>& podsOnNode(const std::string& node) const;
  const std::set<std::string>& podsOwnedBy(const std::string& ownerUid) const;
  // Keys of pods in a namespace that have no controller (candidates for adoption).
  const std::set<std::string>& orphanPods(const std::string& ns) const;

 private:
  // Writes, only through the API server, which has validated the object: the store stamps
  // the next resourceVersion, keeps the indexes and notifies watchers.
  friend class ApiServer;
  ObjectPtr put(const ResourceInfo& r, std::shared_ptr<Object> obj);
  ObjectPtr erase(const ResourceInfo& r, const std::string& ns, const std::string& name);

  void index(const Object* old, const Object* now);
  void notify(const WatchEvent& e);

  std::unordered_map<const ResourceInfo*, Objects> data_;
  int64_t rv_ = 1000;
  mutable std::map<int, Watcher> watchers_;
  mutable int nextWatch_ = 1;
  std::unordered_map<std::string, std::set<std::string>> byNode_, byOwner_;
};

}  // namespace kp
