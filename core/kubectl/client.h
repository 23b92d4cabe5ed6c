// kubectl's REST client: every kubectl command reaches the cluster through the API server's
// request handler with the same paths, verbs and bodies real kubectl sends.
#pragma once
#include <string>
#include <vector>

#include "core/api/resources.h"
#include "core/apiserver/rest.h"
#include "core/base/clock.h"

namespace kp {

class Client {
 public:
  // The machine's clock (ages that kubectl computes itself, as describe does).
  Client(RequestHandler& api, const Clock& clock) : api_(api), clock_(clock) {}
  // Sent as the User-Agent of every request when set (else kubectl's): the audit log and the
  // timeline tell the playground's own reads (the inspector) from the learner's commands.
  std::string userAgent;
  // kubectl --as / --as-group: sent on every request of the running command.
  std::string impersonateUser;
  std::vector<std::string> impersonateGroups;

  static std::string path(const ResourceInfo& r, const std::string& ns, const std::string& name = "",
                          const std::string& subresource = "");
  Response request(Request req);

  Result<ObjectPtr> get(const ResourceInfo& r, const std::string& ns, const std::string& name);
  template <class T>
  Result<Ptr<T>> get(const std::string& ns, const std::string& name) {
    auto r = get(*resourceForKind(T::kKind), ns, name);
    if (!r.ok()) return r.status;
    return std::static_pointer_cast<const T>(r.value);
  }
  // ns "" lists every namespace (or a cluster-scoped resource).
  Result<std::vector<ObjectPtr>> list(const ResourceInfo& r, const std::string& ns,
                                      const std::string& labelSelector = "",
                                      const std::string& fieldSelector = "");
  template <class T>
  Result<std::vector<Ptr<T>>> list(const std::string& ns, const std::string& labelSelector = "",
                                   const std::string& fieldSelector = "") {
    auto r = list(*resourceForKind(T::kKind), ns, labelSelector, fieldSelector);
    if (!r.ok()) return r.status;
    std::vector<Ptr<T>> out;
    for (auto& o : r.value) out.push_back(std::static_pointer_cast<const T>(o));
    return out;
  }
  // A server-rendered Table (see apiserver/tables.h) for a list, or one object when name is set.
  Result<Json> table(const ResourceInfo& r, const std::string& ns, const std::string& name = "",
                     const std::string& labelSelector = "", const std::string& fieldSelector = "");
  // Events about one object, as `kubectl describe` asks for them (involvedObject.* selectors).
  Result<std::vector<Ptr<Event>>> eventsFor(const Object& o);

  // Opens a watch of a resource from resourceVersion (GET ...?watch=true), as client-go's
  // reflector does after its list; the Response carries the Stream, or the error.
  Response watch(const ResourceInfo& r, const std::string& ns, const std::string& resourceVersion,
                 const std::string& labelSelector = "", const std::string& fieldSelector = "", bool table = false);
  Time now() const { return clock_.now(); }
  // The Accept header of a server-rendered Table.
  static const char* tableAccept();

 private:
  Response send(Request& req);
  RequestHandler& api_;
  const Clock& clock_;
};

}  // namespace kp
