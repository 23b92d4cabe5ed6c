// The API server: one request handler for REST calls (kubectl, the UI, the native HTTP
// endpoint) and a typed internal client for the controllers, sharing defaulting, validation
// and admission. Errors are metav1.Status values with the real reasons and messages.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/apiserver/activity.h"
#include "core/api/status.h"
#include "core/apiserver/rest.h"
#include "core/apiserver/store.h"
#include "core/base/clock.h"

namespace kp {

// Options of a DELETE, as metav1.DeleteOptions.
struct DeleteOptions {
  std::string propagationPolicy;  // Background (default), Foreground, Orphan
  std::optional<int64_t> gracePeriodSeconds;
};

// Assigns and releases cluster IPs and node ports (the service REST storage's allocators).
class ServiceAllocator {
 public:
  virtual ~ServiceAllocator() = default;
  // Fills spec.clusterIP(s) and node ports; returns a non-ok Status (Invalid) on conflicts.
  virtual Status allocate(Service& svc, const Service* old) = 0;
  virtual void release(const Service& svc) = 0;
};

// One REST call as the audit log saw it: what the timeline of a command shows.
struct AuditEntry {
  Time time;
  std::string userAgent, verb, path;
  int code;
};

class ApiServer : public RequestHandler {
 public:
  ApiServer(Clock& clock, Rng& rng);

  Store& store() { return store_; }
  const Store& store() const { return store_; }
  Time now() const { return clock_.now(); }

  // The REST handler.
  Response handle(const Request& req) override;

  // Typed internal client: same defaulting, validation and admission as REST.
  Result<ObjectPtr> create(std::shared_ptr<Object> obj, const std::string& fieldManager = "");
  // Replaces the object; a set resourceVersion must match (optimistic concurrency).
  Result<ObjectPtr> update(std::shared_ptr<Object> obj);
  // The status subresource: replaces only .status of the stored object (no spec validation,
  // no generation bump), as controllers and kubelets write it.
  Result<ObjectPtr> updateStatus(const Object& withStatus);
  Status remove(const ResourceInfo& r, const std::string& ns, const std::string& name,
                const DeleteOptions& opts = {});
  // Removes an object whose graceful deletion finished (the kubelet's final delete).
  void finalizeDelete(const ResourceInfo& r, const std::string& ns, const std::string& name);

  // Records an Event about `about`, aggregating repeats as the event correlator does.
  void event(const Object& about, const std::string& type, const std::string& reason,
             const std::string& message, const std::string& component, const std::string& host = "",
             const std::string& fieldPath = "");

  void setServiceAllocator(ServiceAllocator* a) { allocator_ = a; }
  // Serves GET .../pods/<name>/log; set by the cluster (kubelets hold the logs).
  using LogProvider = std::function<Response(const Pod&, const Request&)>;
  void setLogProvider(LogProvider p) { logs_ = std::move(p); }

  const std::vector<AuditEntry>& audit() const { return audit_; }
  // The steps each console command caused (see activity.h).
  ActivityLog& activity() { return activity_; }
  const ActivityLog& activity() const { return activity_; }

 private:
  Response dispatch(const Request& req);
  Status validate(const Object& obj, const Object* old) const;
  void applyDefaults(Object& obj) const;
  Json scaleOf(const Object& o) const;  // autoscaling/v1 Scale

  Clock& clock_;
  Rng& rng_;
  Store store_;
  ServiceAllocator* allocator_ = nullptr;
  LogProvider logs_;
  std::vector<AuditEntry> audit_;
  std::map<std::string, std::string> eventIndex_;  // aggregation key -> event name
  uint64_t eventSeq_ = 0;
  ActivityLog activity_{clock_};
};

}  // namespace kp
