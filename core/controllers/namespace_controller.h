// The namespace controller: when a namespace is deleted (phase Terminating, the "kubernetes"
// finalizer in its spec) it deletes everything in it, waits until it is all gone (pods take
// their grace period) and then finalizes the namespace, which removes it. Watch-driven: only
// events in terminating namespaces queue work.
#pragma once
#include "core/base/workqueue.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Rng;
class Store;
class Timers;
struct WatchEvent;

class NamespaceController {
 public:
  explicit NamespaceController(const ComponentParts& parts);
  bool processAll();
  bool hasWork() const { return !queue_.empty(); }

 private:
  void onEvent(const WatchEvent& e);
  void sync(const std::string& name);
  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  Rng& rng_;
  WorkQueue queue_;
};

}  // namespace kp
