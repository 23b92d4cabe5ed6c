// What a running container costs the node, as cAdvisor would measure it: CPU and memory that
// follow what its program does. An image's server idles at a little CPU and adds some for
// each request it serves (counted by the kubelet as requests reach the pod); a shell loop
// without a sleep (`while true; do :; done`, `yes > /dev/null`) spins a whole core, up to the
// container's CPU limit; a loop that fetches a URL without pausing is a load generator.
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "core/api/types.h"

namespace kp {

struct UsageProfile {
  int64_t idleNanoCores = 0;     // CPU while nothing happens
  int64_t nanoCoreSecondsPerRequest = 0;  // CPU each request served costs
  bool busy = false;             // spins a core
  int64_t memoryBytes = 0;       // working set at start
  int64_t memoryPerRequest = 0;  // growth per request served (caches, buffers)
  int64_t memoryGrowthMax = 0;   // the growth levels off here
  std::string loadUrl;           // a sleepless loop fetching this URL: requests at kLoadRate
  static constexpr int kLoadRate = 100;  // requests per second of a sleepless wget/curl loop
};

// The profile of container c of a pod, from its image and command.
UsageProfile usageProfile(const Container& c);

// The kubelet's per-container count of requests served (read-only for everything else).
class UsageCounters {
 public:
  void requestServed(const std::string& podUid, const std::string& container) { served_[podUid][container]++; }
  uint64_t served(const std::string& podUid, const std::string& container) const;
  void forget(const std::string& podUid) { served_.erase(podUid); }

 private:
  std::map<std::string, std::map<std::string, uint64_t>> served_;
};

}  // namespace kp
