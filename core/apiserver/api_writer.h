// The API server's typed write path, as the components (controllers, scheduler, kubelets,
// network) use it: the same defaulting, validation and admission as REST, without the JSON
// round trip. Components read through a const Store& and write only through this, so the
// store's mutable handle stays private to the API server. ComponentParts bundles the narrow
// parts every component is built from.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/api/resources.h"
#include "core/api/status.h"
#include "core/api/types.h"
#include "core/base/clock.h"
#include "core/base/timers.h"

namespace kp {

class ActivityLog;
class Store;

// Options of a DELETE, as metav1.DeleteOptions.
struct DeleteOptions {
  std::string propagationPolicy;  // Background (default), Foreground, Orphan
  std::optional<int64_t> gracePeriodSeconds;
};

class ApiWriter {
 public:
  virtual ~ApiWriter() = default;
  virtual Result<ObjectPtr> create(std::shared_ptr<Object> obj, const std::string& fieldManager = "") = 0;
  // Replaces the object; a set resourceVersion must match (optimistic concurrency).
  virtual Result<ObjectPtr> update(std::shared_ptr<Object> obj) = 0;
  // The status subresource: replaces only .status of the stored object (no spec validation,
  // no generation bump), as controllers and kubelets write it.
  virtual Result<ObjectPtr> updateStatus(const Object& withStatus) = 0;
  virtual Status remove(const ResourceInfo& r, const std::string& ns, const std::string& name,
                        const DeleteOptions& opts = {}) = 0;
  // Removes an object whose graceful deletion finished (the kubelet's final delete).
  virtual void finalizeDelete(const ResourceInfo& r, const std::string& ns, const std::string& name) = 0;
  // Records an Event about `about`, aggregating repeats as the event correlator does.
  virtual void event(const Object& about, const std::string& type, const std::string& reason,
                     const std::string& message, const std::string& component, const std::string& host = "",
                     const std::string& fieldPath = "") = 0;
  // Where components say who is writing (see activity.h).
  virtual ActivityLog& activity() = 0;
};

// What every component is built from: the store to read and watch (never to write), the
// typed write path, timers on the virtual clock and the seeded random source. Peers that are
// real (IP address management, the container runtime) are passed on their own, by interface.
struct ComponentParts {
  const Store& store;
  ApiWriter& api;
  Timers& timers;
  Rng& rng;
};

}  // namespace kp
