// metrics-server, the addon behind metrics.k8s.io: while its pod (kube-system, k8s-app=
// metrics-server) is ready it scrapes every kubelet's resource metrics each resolution (15 s)
// and keeps the last two points per container, so a usage is a rate over the window between
// them. It needs two scrapes before it has anything to say, as the real one does. No timer
// runs while the addon is off.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "core/apiserver/api_writer.h"
#include "core/apiserver/metrics_api.h"
#include "core/kubelet/usage.h"

namespace kp {

struct WatchEvent;

class MetricsServer : public ResourceMetrics {
 public:
  static constexpr Time kResolution = 15000;  // --metric-resolution
  static constexpr Time kStartup = 30000;     // from ready pod to the first scrape
  MetricsServer(const ComponentParts& parts, const UsageCounters& counters);
  ~MetricsServer() override;
  bool available() const override;
  std::vector<PodUsage> podMetrics(const std::string& ns) const override;
  std::vector<NodeUsage> nodeMetrics() const override;

 private:
  struct Point {
    Time at = kNoTime, started = kNoTime;
    double served = 0;
  };
  void onEvent(const WatchEvent& e);
  bool podReadyNow() const;
  void scrape(uint64_t generation);
  // Requests the sleepless wget/curl loops sent since the last scrape, spread over the ready
  // endpoints of the service their URL names (kube-proxy picks at random: evenly on average).
  void addGeneratedLoad(Time dt);

  const Store& store_;
  Timers& timers_;
  const UsageCounters& counters_;
  int watchId_ = 0;
  bool scraping_ = false;
  uint64_t generation_ = 0;
  Time lastScrape_ = kNoTime;
  std::map<std::string, std::map<std::string, Point>> points_;     // pod uid -> container -> last point
  std::map<std::string, std::map<std::string, double>> generated_;  // pod uid -> container -> load-generator requests
  std::map<std::string, PodUsage> pods_;                             // "ns/name" -> usage of the last window
  std::map<std::string, std::string> podUids_;                       // "ns/name" -> uid measured
  std::map<std::string, NodeUsage> nodes_;
};

}  // namespace kp
