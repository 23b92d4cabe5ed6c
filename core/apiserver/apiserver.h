// The API server: one request handler for REST calls (kubectl, the UI, the native HTTP
// endpoint) and a typed internal client for the controllers, sharing defaulting, validation
// and admission. Errors are metav1.Status values with the real reasons and messages.
#pragma once
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/api/status.h"
#include "core/apiserver/rest.h"
#include "core/apiserver/store.h"
#include "core/base/clock.h"

namespace kp {

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

class WatchCache;
class KubeletApi;

class ApiServer : public RequestHandler, public ApiWriter {
 public:
  ApiServer(Clock& clock, Rng& rng);
  ~ApiServer() override;

  // Reads only: every write goes through the request handler or the typed write path.
  const Store& store() const { return store_; }
  Time now() const { return clock_.now(); }

  // The REST handler (rest.cc).
  Response handle(const Request& req) override;

  // ApiWriter: same defaulting, validation and admission as REST.
  Result<ObjectPtr> create(std::shared_ptr<Object> obj, const std::string& fieldManager = "") override;
  Result<ObjectPtr> update(std::shared_ptr<Object> obj) override;
  Result<ObjectPtr> updateStatus(const Object& withStatus) override;
  Status remove(const ResourceInfo& r, const std::string& ns, const std::string& name,
                const DeleteOptions& opts = {}) override;
  void finalizeDelete(const ResourceInfo& r, const std::string& ns, const std::string& name) override;
  void event(const Object& about, const std::string& type, const std::string& reason,
             const std::string& message, const std::string& component, const std::string& host = "",
             const std::string& fieldPath = "") override;
  // The steps each console command caused (see activity.h).
  ActivityLog& activity() override { return activity_; }
  const ActivityLog& activity() const { return activity_; }

  // Puts objects into the store as they are, without admission (etcd restored from a
  // backup): how tests build an API server from a fixture. Resource versions are restamped.
  void restore(const std::vector<ObjectPtr>& objects);

  void setServiceAllocator(ServiceAllocator* a) { allocator_ = a; }
  // The pods' log, exec, attach and portforward subresources are served by the kubelets.
  void setKubeletApi(KubeletApi* k) { kubelet_ = k; }

  const std::vector<AuditEntry>& audit() const { return audit_; }

  // The storage quota (etcd's --quota-backend-bytes, counted in objects): past it a create
  // fails as etcd's space alarm makes it fail, while reads, updates and deletes go on, so the
  // cluster stays usable and its memory bounded. Events do not count: they are a ring of the
  // newest kMaxEvents (the API server's event TTL, cut short).
  static constexpr size_t kObjectQuota = 100000;
  static constexpr size_t kMaxEvents = 20000;
  size_t objectCount() const;  // stored objects other than events
  // Smaller limits, for tests that fill them.
  void setStorageLimits(size_t objects, size_t events) {
    objectQuota_ = objects;
    maxEvents_ = events;
  }

 private:
  struct Route;
  Response dispatch(const Request& req);
  Response collection(const Route& rt, const Request& req);
  Response object(const Route& rt, const Request& req);
  Response podSubresource(const Route& rt, const Request& req, const ObjectPtr& pod);
  Response evict(const Route& rt, const Request& req, const ObjectPtr& pod);
  // serviceaccounts/NAME/token (token_request.cc)
  Response tokenRequest(const Route& rt, const Request& req, const ObjectPtr& sa);
  Response write(const Route& rt, const Request& req, const ObjectPtr& cur);
  Response watch(const Route& rt, const Request& req);
  Status validate(const Object& obj, const Object* old) const;
  void applyDefaults(Object& obj) const;
  void admitPod(Pod& p);
  void admitClaim(JsonObject& claim) const;
  std::optional<Status> spendDisruption(const Pod& pod);
  Json scaleOf(const Object& o) const;  // autoscaling/v1 Scale

  Clock& clock_;
  Rng& rng_;
  Rng jsonUids_{0x6b756265706c6179ull};  // uids of JsonObject kinds (see create)
  Store store_;
  std::unique_ptr<WatchCache> watchCache_;
  ServiceAllocator* allocator_ = nullptr;
  KubeletApi* kubelet_ = nullptr;
  std::vector<AuditEntry> audit_;
  std::map<std::string, std::string> eventIndex_;  // aggregation key -> event name
  struct StoredEvent {
    std::string ns, name, key;
  };
  std::deque<StoredEvent> eventOrder_;  // oldest first
  size_t objectQuota_ = kObjectQuota, maxEvents_ = kMaxEvents;
  uint64_t eventSeq_ = 0;
  ActivityLog activity_{clock_};
};

}  // namespace kp
