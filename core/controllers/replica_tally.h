// What each ReplicaSet (or ReplicationController) knows of the pods it controls, kept from
// the watch: how many are active, ready and fully labelled, and how many no longer match its
// selector. A sync of a controller with 100,000 pods then reads four numbers instead of
// walking every pod to learn that one of them changed, so a one-pod write costs in proportion
// to that pod (the work the real controller's informer indexes save it).
//
// An owner's counts are built by one walk (rebuild, from its sync) under the selector and
// template of its current generation, then kept by every pod event; a new generation (a
// changed selector, template or replica count) makes the next sync walk again.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/api/selector.h"
#include "core/api/types.h"

namespace kp {

class ReplicaTally {
 public:
  struct Counts {
    int active = 0;        // matching, neither terminating nor finished
    int ready = 0;         // ... and Ready
    int fullyLabeled = 0;  // ... and carrying every label of the template
    int mismatched = 0;    // controlled but no longer matching the selector
  };
  // A pod was added or changed (`now`), or deleted (`now` == nullptr), under store key `key`.
  void onPod(const std::string& key, const Pod* now);
  // The owner's counts under `generation`, or nullopt when a walk must (re)build them.
  std::optional<Counts> counts(const std::string& ownerUid, int64_t generation) const;
  // After a walk over the owner's pods (every pod it controls).
  void rebuild(const std::string& ownerUid, int64_t generation, const Selector& selector,
               const StringMap& templateLabels, const std::vector<const Pod*>& pods);
  // The owner is gone.
  void forget(const std::string& ownerUid) { owners_.erase(ownerUid); }

 private:
  struct Facts {
    std::string owner;
    bool matches = false, active = false, ready = false, fully = false;
  };
  struct Owner {
    int64_t generation = -1;
    Selector selector;
    StringMap labels;
    Counts counts;
  };
  static Facts factsOf(const Pod& pod, const std::string& owner, const Owner& o);
  static void add(Counts& c, const Facts& f, int sign);

  std::unordered_map<std::string, Facts> pods_;    // pod key -> what it counts for
  std::unordered_map<std::string, Owner> owners_;  // owner uid -> its counts
};

}  // namespace kp
