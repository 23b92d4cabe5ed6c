#include "core/controllers/cronjob_controller.h"

#include <algorithm>
#include <ctime>
#include <vector>

#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/apiserver/activity.h"
#include "core/apiserver/api_writer.h"
#include "core/apiserver/store.h"

namespace kp {

// ------------------------------------------------------------------ the controller

namespace {

const char* kComponent = "cronjob-controller";

bool jobFinished(const Job& job, std::string* how = nullptr) {
  for (const auto& c : job.status.conditions)
    if ((c.type == "Complete" || c.type == "Failed") && c.status == "True") {
      if (how) *how = c.type;
      return true;
    }
  return false;
}

}  // namespace

CronJobController::CronJobController(const ComponentParts& parts)
    : store_(parts.store), api_(parts.api), timers_(parts.timers) {
  store_.listAndWatch([this](const WatchEvent& e) { onEvent(e); });
}

void CronJobController::onEvent(const WatchEvent& e) {
  const Object& o = *e.object;
  if (e.resource->kind == "CronJob") {
    if (e.type == WatchType::Deleted) wakeups_.erase(o.metadata.namespace_ + "/" + o.metadata.name);
    else queue_.add(o.metadata.namespace_ + "/" + o.metadata.name);
  } else if (e.resource->kind == "Job") {
    if (auto* ref = o.metadata.controllerRef(); ref && ref->kind == "CronJob")
      queue_.add(o.metadata.namespace_ + "/" + ref->name);
  }
}

void CronJobController::wakeAt(const std::string& key, Time t) {
  auto it = wakeups_.find(key);
  if (it != wakeups_.end() && it->second == t) return;
  wakeups_[key] = t;
  timers_.at(t, [this, key, t] {
    auto w = wakeups_.find(key);
    if (w != wakeups_.end() && w->second == t) queue_.add(key);
  });
}

void CronJobController::sync(const std::string& key) {
  // Plain strings, not a structured binding: the lambdas below capture them.
  const auto nsName = splitKey(key);
  const std::string ns = nsName.first, name = nsName.second;
  const ResourceInfo& cjRes = *resourceForKind("CronJob");
  auto cj = std::dynamic_pointer_cast<const JsonObject>(store_.get(cjRes, ns, name));
  if (!cj || cj->metadata.deletionTimestamp != kNoTime) return;
  ActivityLog::Scope scope(api_.activity(), "kube-controller-manager", "cronjob controller", "CronJob " + key);
  const Json& spec = cj->field("spec");
  const Json& status = cj->field("status");
  const Time now = timers_.now();

  // The jobs it owns, and what became of them.
  std::vector<Ptr<Job>> active, succeeded, failed;
  for (const auto& job : store_.list<Job>(ns)) {
    auto* ref = job->metadata.controllerRef();
    if (!ref || ref->uid != cj->metadata.uid) continue;
    std::string how;
    if (!jobFinished(*job, &how)) active.push_back(job);
    else (how == "Complete" ? succeeded : failed).push_back(job);
  }
  Json st = status;
  Time lastSuccess = kNoTime;
  if (st.contains("lastSuccessfulTime") && st["lastSuccessfulTime"].is_string())
    lastSuccess = parseTime(st["lastSuccessfulTime"].get<std::string>()).value_or(kNoTime);
  for (const auto& job : succeeded) {
    if (job->status.completionTime != kNoTime && job->status.completionTime > lastSuccess) {
      lastSuccess = job->status.completionTime;
      api_.event(*cj, "Normal", "SawCompletedJob", "Saw completed job: " + job->metadata.name + ", condition: Complete",
                 kComponent);
    }
  }
  for (const auto& job : failed) (void)job;

  // A run that is due: the latest scheduled time after the last one, not later than now.
  auto schedule = CronSchedule::parse(spec.value("schedule", ""));
  Time last = cj->metadata.creationTimestamp;
  if (st.contains("lastScheduleTime") && st["lastScheduleTime"].is_string())
    last = parseTime(st["lastScheduleTime"].get<std::string>()).value_or(last);
  std::optional<Time> due;
  if (schedule) {
    for (auto t = schedule->nextAfter(last); t && *t <= now; t = schedule->nextAfter(*t)) due = t;
  }
  bool suspended = spec.value("suspend", false);
  int64_t deadline = spec.contains("startingDeadlineSeconds") && spec["startingDeadlineSeconds"].is_number_integer()
                         ? spec["startingDeadlineSeconds"].get<int64_t>()
                         : -1;
  if (due && !suspended && (deadline < 0 || now - *due <= deadline * 1000)) {
    std::string policy = spec.value("concurrencyPolicy", "Allow");
    bool run = true;
    if (policy == "Forbid" && !active.empty()) {
      api_.event(*cj, "Normal", "JobAlreadyActive",
                 "Not starting job because prior execution is running and concurrency policy is Forbid", kComponent);
      run = false;
    } else if (policy == "Replace") {
      for (const auto& job : active) {
        DeleteOptions opts;
        opts.propagationPolicy = "Background";
        api_.remove(*resourceForKind("Job"), ns, job->metadata.name, opts);
        api_.event(*cj, "Normal", "SuccessfulDelete", "Deleted job " + job->metadata.name, kComponent);
      }
      active.clear();
    }
    if (run) {
      const Json& jt = spec.value("jobTemplate", Json::object());
      Json meta = jt.value("metadata", Json::object());
      if (!meta.is_object()) meta = Json::object();
      meta.erase("creationTimestamp");
      meta["name"] = name + "-" + std::to_string(*due / 1000 / 60);
      meta["namespace"] = ns;
      meta["annotations"]["batch.kubernetes.io/cronjob-scheduled-timestamp"] = formatTime(*due);
      meta["ownerReferences"] = Json::array({{{"apiVersion", "batch/v1"}, {"kind", "CronJob"}, {"name", name},
                                              {"uid", cj->metadata.uid}, {"controller", true}, {"blockOwnerDeletion", true}}});
      Json jobJson = {{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"metadata", meta}, {"spec", jt.value("spec", Json::object())}};
      std::string err;
      auto job = objectFromJson(jobJson, &err);
      auto made = job ? api_.create(job) : Result<ObjectPtr>(Status::badRequest(err));
      if (made.ok()) {
        api_.event(*cj, "Normal", "SuccessfulCreate", "Created job " + made.value->metadata.name, kComponent);
        active.push_back(std::static_pointer_cast<const Job>(made.value));
      } else if (made.status.reason != "AlreadyExists") {
        api_.event(*cj, "Warning", "FailedCreate", "Error creating job: " + made.status.message, kComponent);
      }
    }
    st["lastScheduleTime"] = formatTime(*due);
  }

  // History limits: delete the oldest finished jobs past them.
  auto prune = [&](std::vector<Ptr<Job>>& jobs, int64_t keep) {
    std::sort(jobs.begin(), jobs.end(), [](const Ptr<Job>& a, const Ptr<Job>& b) {
      return a->status.startTime < b->status.startTime;
    });
    for (size_t i = 0; keep >= 0 && jobs.size() > static_cast<size_t>(keep) && i < jobs.size() - keep; i++) {
      DeleteOptions opts;
      opts.propagationPolicy = "Background";
      api_.remove(*resourceForKind("Job"), ns, jobs[i]->metadata.name, opts);
      api_.event(*cj, "Normal", "SuccessfulDelete", "Deleted job " + jobs[i]->metadata.name, kComponent);
    }
  };
  prune(succeeded, spec.value("successfulJobsHistoryLimit", 3));
  prune(failed, spec.value("failedJobsHistoryLimit", 1));

  Json refs = Json::array();
  for (const auto& job : active)
    refs.push_back({{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"name", job->metadata.name}, {"namespace", ns},
                    {"resourceVersion", job->metadata.resourceVersion}, {"uid", job->metadata.uid}});
  if (refs.empty()) st.erase("active");
  else st["active"] = refs;
  if (lastSuccess != kNoTime) st["lastSuccessfulTime"] = formatTime(lastSuccess);
  auto latest = std::dynamic_pointer_cast<const JsonObject>(store_.get(cjRes, ns, name));
  if (latest && latest->field("status") != st) {
    auto copy = std::make_shared<JsonObject>(*latest);
    copy->body["status"] = st;
    api_.updateStatus(*copy);
  }
  if (schedule)
    if (auto next = schedule->nextAfter(std::max(now, last))) wakeAt(key, *next);
}

}  // namespace kp
