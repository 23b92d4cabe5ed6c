// Kubelets::pullProgress (see kubelet.h): what the canvas shows while an image downloads.
#include "core/kubelet/kubelet.h"

namespace kp {

Kubelets::PullProgress Kubelets::pullProgress(const std::string& podUid) const {
  PullProgress out;
  auto it = pods_.find(podUid);
  if (it == pods_.end()) return out;
  for (const auto& [name, c] : it->second.containers)
    if (c.pulling && c.pullEnds != kNoTime) {
      out.started = c.pullStarted;
      out.ends = c.pullEnds;
      break;
    }
  return out;
}

}  // namespace kp
