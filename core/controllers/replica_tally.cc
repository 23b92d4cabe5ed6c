#include "core/controllers/replica_tally.h"

#include "core/api/podutil.h"

namespace kp {

ReplicaTally::Facts ReplicaTally::factsOf(const Pod& pod, const std::string& owner, const Owner& o) {
  Facts f;
  f.owner = owner;
  f.matches = o.selector.matches(pod.metadata.labels);
  f.active = podActive(pod);
  f.ready = podReady(pod);
  f.fully = true;
  for (const auto& [k, v] : o.labels) {
    auto it = pod.metadata.labels.find(k);
    if (it == pod.metadata.labels.end() || it->second != v) {
      f.fully = false;
      break;
    }
  }
  return f;
}

void ReplicaTally::add(Counts& c, const Facts& f, int sign) {
  if (!f.matches) {
    c.mismatched += sign;
    return;
  }
  if (!f.active) return;
  c.active += sign;
  if (f.ready) c.ready += sign;
  if (f.fully) c.fullyLabeled += sign;
}

void ReplicaTally::onPod(const std::string& key, const Pod* now) {
  if (auto it = pods_.find(key); it != pods_.end()) {
    if (auto o = owners_.find(it->second.owner); o != owners_.end()) add(o->second.counts, it->second, -1);
    pods_.erase(it);
  }
  if (!now) return;
  const OwnerReference* ref = now->metadata.controllerRef();
  if (!ref) return;
  auto o = owners_.find(ref->uid);
  if (o == owners_.end()) return;  // not built yet: its first sync walks
  Facts f = factsOf(*now, ref->uid, o->second);
  add(o->second.counts, f, +1);
  pods_.emplace(key, std::move(f));
}

std::optional<ReplicaTally::Counts> ReplicaTally::counts(const std::string& ownerUid, int64_t generation) const {
  auto it = owners_.find(ownerUid);
  if (it == owners_.end() || it->second.generation != generation) return std::nullopt;
  return it->second.counts;
}

void ReplicaTally::rebuild(const std::string& ownerUid, int64_t generation, const Selector& selector,
                           const StringMap& templateLabels, const std::vector<const Pod*>& pods) {
  Owner& o = owners_[ownerUid];
  o.generation = generation;
  o.selector = selector;
  o.labels = templateLabels;
  o.counts = {};
  for (const Pod* p : pods) {
    Facts f = factsOf(*p, ownerUid, o);
    add(o.counts, f, +1);
    pods_[p->metadata.namespace_ + "/" + p->metadata.name] = std::move(f);
  }
}

}  // namespace kp
