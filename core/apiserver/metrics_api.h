// The resource metrics API (metrics.k8s.io/v1beta1), as the aggregator proxies it to
// metrics-server: the last window of each pod's and node's usage. metrics-server implements
// ResourceMetrics (core/kubelet/metrics_server.h); the REST handler serves it while the
// APIService v1beta1.metrics.k8s.io is available, and the HPA controller reads it directly.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/apiserver/rest.h"
#include "core/api/types.h"

namespace kp {

struct ContainerUsage {
  std::string name;
  int64_t cpuNanoCores = 0;
  int64_t memoryBytes = 0;
};
struct PodUsage {
  std::string ns, name;
  StringMap labels;
  Time timestamp = kNoTime, window = 0;
  std::vector<ContainerUsage> containers;
};
struct NodeUsage {
  std::string name;
  StringMap labels;
  Time timestamp = kNoTime, window = 0;
  int64_t cpuNanoCores = 0, memoryBytes = 0;
};

class ResourceMetrics {
 public:
  virtual ~ResourceMetrics() = default;
  // Whether the APIService is available (metrics-server's pod is ready): only then is the
  // group in discovery and are its paths served.
  virtual bool available() const = 0;
  // The pods of ns ("" for all) with metrics from the last scrape, by namespace and name.
  virtual std::vector<PodUsage> podMetrics(const std::string& ns) const = 0;
  virtual std::vector<NodeUsage> nodeMetrics() const = 0;
};

// The aggregator's registration of the APIService: m serves metrics.k8s.io for the request
// handler `api` (nullptr unregisters). Kept beside the API server rather than in it, so that
// the group can come and go with the addon.
void setResourceMetrics(const RequestHandler* api, const ResourceMetrics* m);
const ResourceMetrics* resourceMetricsFor(const RequestHandler* api);

// The answer for a metrics.k8s.io path, or the discovery documents with the group added;
// nullopt when the request is about something else (or the API is not available).
std::optional<Response> serveResourceMetrics(const ResourceMetrics& m, const Request& req, Time now);

}  // namespace kp
