// `kubectl create cronjob` (create_cronjob.go: one container named after the CronJob, the
// command after the name, restartPolicy OnFailure unless --restart) and the --from=cronjob/NAME
// half of `kubectl create job`: the CronJob's jobTemplate copied into a Job annotated
// cronjob.kubernetes.io/instantiate=manual and owned by the CronJob.
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/create_generators.h"
#include "core/kubectl/printers.h"

namespace kp {

void cmdCreateCronJob(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.string("image", 0, "", "Image name to run.")
      .string("restart", 0, "", "job's restart policy. supported values: OnFailure, Never")
      .string("schedule", 0, "", "A schedule in the Cron format the job should be run with.")
      .require("image")
      .require("schedule");
  if (!parseFlags(env, fs, args,
                  "Create a cronjob with the specified name.\n\nUsage:\n  kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name)) return;
  std::vector<std::string> command(fs.args().begin() + 1, fs.args().end());
  std::string restart = fs.getString("restart");
  if (restart.empty()) restart = "OnFailure";
  if (!dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) || !validationDirective(env, fs)) return;
  OJson container = OJson::object();
  container["name"] = name;
  container["image"] = fs.getString("image");
  if (!command.empty()) container["command"] = command;
  container["resources"] = OJson::object();
  OJson podSpec = OJson::object();
  podSpec["containers"] = OJson::array({container});
  podSpec["restartPolicy"] = restart;
  OJson templ = OJson::object();
  templ["metadata"] = OJson{{"creationTimestamp", nullptr}};
  templ["spec"] = podSpec;
  OJson jobTemplateMeta = OJson::object();
  jobTemplateMeta["name"] = name;
  jobTemplateMeta["creationTimestamp"] = nullptr;
  OJson jobTemplate = OJson::object();
  jobTemplate["metadata"] = jobTemplateMeta;
  jobTemplate["spec"] = OJson{{"template", templ}};
  OJson spec = OJson::object();
  spec["schedule"] = fs.getString("schedule");
  spec["jobTemplate"] = jobTemplate;
  OJson cj = OJson::object();
  cj["kind"] = "CronJob";
  cj["apiVersion"] = "batch/v1";
  cj["metadata"] = generatedMeta(env, name);
  cj["spec"] = spec;
  cj["status"] = OJson::object();
  submitGenerated(env, fs, *resourceForKind("CronJob"), name, cj, dryRun, output, "failed to create cronjob: ");
}

// The Job that `kubectl create job NAME --from=cronjob/CJ` makes (create_job.go's
// createJobFromCronJob); the CronJob is read from the server first, also for --dry-run=client.
void createJobFromCronJob(CmdEnv& env, const FlagSet& fs, const std::string& name, const std::string& from,
                          const std::string& dryRun, const std::string& output) {
  Resolved resolved;
  if (auto e = resolveResources({from}, BuilderOptions{}, env.ns, env.ctx.commandName, resolved)) return env.fail(*e);
  if (resolved.visits.size() != 1 || resolved.visits[0].name.empty())
    return env.failText("from must be an existing cronjob");
  const Visit& v = resolved.visits[0];
  auto got = getJson(env.client(), *v.resource, v.ns, v.name);
  if (!got.ok()) return env.fail(KError::fromStatus(got.status));
  if (v.resource->kind != "CronJob") {
    // Go's %T of the decoded object, e.g. *v1.Deployment
    return env.failText("unknown object type *" + v.resource->version + "." + v.resource->kind);
  }
  const Json& cronJob = got.value;
  Json jobTemplate = Json::object();
  if (cronJob.contains("spec") && cronJob["spec"].is_object() && cronJob["spec"].contains("jobTemplate"))
    jobTemplate = cronJob["spec"]["jobTemplate"];
  if (!jobTemplate.is_object()) jobTemplate = Json::object();
  Json templateMeta = jobTemplate.contains("metadata") && jobTemplate["metadata"].is_object() ? jobTemplate["metadata"] : Json::object();
  OJson annotations = OJson::object();
  annotations["cronjob.kubernetes.io/instantiate"] = "manual";
  if (templateMeta.contains("annotations") && templateMeta["annotations"].is_object())
    for (auto it = templateMeta["annotations"].begin(); it != templateMeta["annotations"].end(); ++it)
      annotations[it.key()] = it.value();
  OJson meta = generatedMeta(env, name);
  if (templateMeta.contains("labels") && templateMeta["labels"].is_object() && !templateMeta["labels"].empty())
    meta["labels"] = OJson::parse(templateMeta["labels"].dump());
  meta["annotations"] = annotations;
  OJson owner = OJson::object();
  owner["apiVersion"] = "batch/v1";
  owner["kind"] = "CronJob";
  const Json cronMeta = cronJob.contains("metadata") && cronJob["metadata"].is_object() ? cronJob["metadata"] : Json::object();
  owner["name"] = cronMeta.value("name", "");
  owner["uid"] = cronMeta.value("uid", "");
  owner["controller"] = true;
  meta["ownerReferences"] = OJson::array({owner});
  OJson job = OJson::object();
  job["kind"] = "Job";
  job["apiVersion"] = "batch/v1";
  job["metadata"] = meta;
  job["spec"] = jobTemplate.contains("spec") ? OJson::parse(jobTemplate["spec"].dump()) : OJson::object();
  job["status"] = OJson::object();
  submitGenerated(env, fs, *resourceForKind("Job"), name, job, dryRun, output, "failed to create job: ");
}

}  // namespace kp
