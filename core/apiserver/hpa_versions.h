// autoscaling/v1 HorizontalPodAutoscalers, which `kubectl autoscale` (1.32) creates, served
// over the stored autoscaling/v2 objects as the API server converts between the versions: v1's
// targetCPUUtilizationPercentage is v2's cpu Resource metric with an Utilization target, and
// v1's currentCPUUtilizationPercentage is the cpu entry of v2's currentMetrics.
#pragma once
#include "core/api/types.h"

namespace kp {

// A v1 object (or list) in, the v2 wire form out; anything else unchanged.
Json hpaV1ToV2(const Json& v1);
// A v2 object or list in, the v1 wire form out; Status and Tables unchanged.
Json hpaV2ToV1(const Json& v2);

}  // namespace kp
