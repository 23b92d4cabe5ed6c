// The shape of most kube-controller-manager controllers: watch events only add keys ("ns/name")
// to a work queue, and a sync re-reads the store for one key and makes the world match it, so
// running it twice is harmless. The controller manager (Controllers) runs every KeyedController
// it owns in its processing loop.
#pragma once
#include <string>

#include "core/base/workqueue.h"

namespace kp {

class KeyedController {
 public:
  virtual ~KeyedController() = default;
  // Syncs every queued key; returns whether there was any.
  bool processAll() {
    bool did = false;
    while (!queue_.empty()) {
      sync(queue_.pop());
      did = true;
    }
    return did;
  }
  bool hasWork() const { return !queue_.empty(); }

 protected:
  virtual void sync(const std::string& key) = 0;
  WorkQueue queue_;
};

}  // namespace kp
