// The CronJob controller (pkg/controller/cronjob, the v2 controller): on the simulated clock,
// at each time the five-field schedule names (minute hour day-of-month month day-of-week, or
// @hourly/@daily/...; UTC), it creates the Job NAME-<minutes since the epoch> from the job
// template, owned by the CronJob. concurrencyPolicy Allow runs jobs side by side, Forbid skips a
// run while one is active, Replace deletes the active ones first; suspend holds new runs;
// startingDeadlineSeconds drops runs that are too late. Finished jobs beyond
// successfulJobsHistoryLimit / failedJobsHistoryLimit are deleted, oldest first. The status
// lists the active jobs and the last schedule and success times.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "core/api/cron.h"
#include "core/base/clock.h"
#include "core/controllers/keyed_controller.h"

namespace kp {

struct ComponentParts;
class ApiWriter;
class Store;
class Timers;
struct WatchEvent;

class CronJobController : public KeyedController {
 public:
  explicit CronJobController(const ComponentParts& parts);

 private:
  void onEvent(const WatchEvent& e);
  void sync(const std::string& key) override;
  void wakeAt(const std::string& key, Time t);
  const Store& store_;
  ApiWriter& api_;
  Timers& timers_;
  std::map<std::string, Time> wakeups_;  // key -> the timer already set for it
};

}  // namespace kp
