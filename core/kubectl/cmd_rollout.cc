// `kubectl rollout status|history|undo|restart|pause|resume` for deployments, with the texts of
// kubectl's DeploymentStatusViewer, DeploymentHistoryViewer, DeploymentRollbacker and the
// pauser/resumer/restarter helpers. `rollout status` waits on simulated time, printing a line
// for every change of the deployment it watches.
#include <algorithm>
#include <map>

#include "core/api/json.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/describe.h"
#include "core/kubectl/printers.h"
#include "core/kubectl/watch.h"

namespace kp {

namespace {

const char* kRevisionAnnotation = "deployment.kubernetes.io/revision";

const char* kRolloutHelp =
    "Manage the rollout of one or many resources.\n"
    "        \n"
    " Valid resource types include:\n"
    "\n"
    "  *  deployments\n"
    "  *  daemonsets\n"
    "  *  statefulsets\n"
    "\n"
    "Examples:\n"
    "  # Rollback to the previous deployment\n"
    "  kubectl rollout undo deployment/abc\n"
    "  \n"
    "  # Check the rollout status of a daemonset\n"
    "  kubectl rollout status daemonset/foo\n"
    "  \n"
    "  # Restart a deployment\n"
    "  kubectl rollout restart deployment/abc\n"
    "  \n"
    "  # Restart deployments with the 'app=nginx' label\n"
    "  kubectl rollout restart deployment --selector=app=nginx\n"
    "\n"
    "Available Commands:\n"
    "  history       View rollout history\n"
    "  pause         Mark the provided resource as paused\n"
    "  restart       Restart a resource\n"
    "  resume        Resume a paused resource\n"
    "  status        Show the status of the rollout\n"
    "  undo          Undo a previous rollout\n"
    "\n"
    "Usage:\n"
    "  kubectl rollout SUBCOMMAND [options]\n"
    "\n"
    "Use \"kubectl rollout <command> --help\" for more information about a given command.\n"
    "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

// GroupKind.String(): "Pod", "ReplicaSet.apps".
std::string groupKind(const ResourceInfo& r) { return r.group.empty() ? r.kind : r.kind + "." + r.group; }
// The resource string of the patch errors: "deployments.apps".
std::string resourceGroup(const ResourceInfo& r) { return r.group.empty() ? r.resource : r.resource + "." + r.group; }

int64_t revisionOf(const ObjectMeta& m) {
  auto it = m.annotations.find(kRevisionAnnotation);
  if (it == m.annotations.end()) return 0;
  std::string err;
  auto v = parseGoInt(it->second, 64, &err);
  return v ? *v : 0;
}

// The objects named by the arguments, fetched (the builder's Latest()).
struct Target {
  const ResourceInfo* r;
  std::string ns, name;
};

bool collectTargets(CmdEnv& env, const std::vector<std::string>& args, const std::string& selector,
                    std::vector<Target>& out, std::vector<KError>& errs) {
  BuilderOptions bo;
  bo.allowEmptySelector = true;
  bo.labelSelector = selector;
  Resolved res;
  if (auto e = resolveResources(args, bo, env.ns, "kubectl", res)) {
    env.fail(*e);
    return false;
  }
  for (const auto& v : res.visits) {
    if (v.name.empty()) {
      auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) { errs.push_back(KError::fromStatus(l.status)); continue; }
      for (auto& o : l.value) out.push_back({v.resource, v.ns, o["metadata"].value("name", "")});
    } else {
      auto g = getJson(env.client(), *v.resource, v.ns, v.name);
      if (!g.ok()) { errs.push_back(KError::fromStatus(g.status)); continue; }
      out.push_back({v.resource, v.ns, v.name});
    }
  }
  return true;
}

// The ReplicaSets a deployment controls (deploymentutil.GetAllReplicaSets by controller uid).
std::vector<Ptr<ReplicaSet>> replicaSetsOf(Client& c, const Deployment& d) {
  std::vector<Ptr<ReplicaSet>> out;
  auto l = c.list<ReplicaSet>(d.metadata.namespace_);
  if (!l.ok()) return out;
  for (const auto& rs : l.value) {
    auto* ref = rs->metadata.controllerRef();
    if (ref && ref->uid == d.metadata.uid) out.push_back(rs);
  }
  return out;
}

bool needsResource(CmdEnv& env, const FlagSet& fs) {
  if (fs.args().empty() && fs.getList("filename").empty() && fs.getString("kustomize").empty()) {
    env.failText("required resource not specified");
    return false;
  }
  if (!fs.getList("filename").empty() || !fs.getString("kustomize").empty()) {
    env.failText("reading objects from files is not available in this simulated cluster");
    return false;
  }
  return true;
}

bool printOperation(CmdEnv& env, const std::string& output, const ResourceInfo& r, const std::string& name,
                    const std::string& operation, const Json& obj) {
  if (output.empty()) env.out(resourceName(r, name) + " " + operation + "\n");
  else if (output == "name") env.out(resourceName(r, name) + "\n");
  else return printObject(env, r, obj);
  return true;
}

void addCommonFlags(FlagSet& fs, const std::string& printOp) {
  fs.stringSlice("filename", 'f', "Filename, directory, or URL to files identifying the resource to get from a server.")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on.");
  if (!printOp.empty())
    fs.string("output", 'o', "", "Output format.")
        .boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
        .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
        .string("template", 0, "", "Template string.");
}

// ---------------------------------------------------------------- status

// DeploymentStatusViewer.Status: the message, whether the rollout is done, or an error.
struct StatusResult {
  std::string message;
  bool done = false;
  std::string error;
};

StatusResult deploymentStatus(const Deployment& d, int64_t revision) {
  StatusResult r;
  if (revision > 0) {
    int64_t have = revisionOf(d.metadata);
    if (revision != have) {
      r.error = "desired revision (" + std::to_string(revision) + ") is different from the running revision (" +
                std::to_string(have) + ")";
      return r;
    }
  }
  const std::string q = goQuote(d.metadata.name);
  const auto& st = d.status;
  if (d.metadata.generation <= st.observedGeneration) {
    for (const auto& c : st.conditions)
      if (c.type == "Progressing" && c.reason == "ProgressDeadlineExceeded") {
        r.error = "deployment " + q + " exceeded its progress deadline";
        return r;
      }
    if (d.spec.replicas && st.updatedReplicas < *d.spec.replicas) {
      r.message = "Waiting for deployment " + q + " rollout to finish: " + std::to_string(st.updatedReplicas) +
                  " out of " + std::to_string(*d.spec.replicas) + " new replicas have been updated...\n";
      return r;
    }
    if (st.replicas > st.updatedReplicas) {
      r.message = "Waiting for deployment " + q + " rollout to finish: " + std::to_string(st.replicas - st.updatedReplicas) +
                  " old replicas are pending termination...\n";
      return r;
    }
    if (st.availableReplicas < st.updatedReplicas) {
      r.message = "Waiting for deployment " + q + " rollout to finish: " + std::to_string(st.availableReplicas) + " of " +
                  std::to_string(st.updatedReplicas) + " updated replicas are available...\n";
      return r;
    }
    r.message = "deployment " + q + " successfully rolled out\n";
    r.done = true;
    return r;
  }
  r.message = "Waiting for deployment spec update to be observed...\n";
  return r;
}

struct StatusJob {
  std::vector<Target> targets;
  size_t index = 0;
  bool started = false;  // the current target's initial state was printed
  std::shared_ptr<ApiWatch> changes;
  int64_t revision = 0;
  bool watch = true;
  Time deadline = kNoTime;  // --timeout
  Time patience = kNoTime;  // without --timeout: when a script stops moving the clock for it
  std::string ns;
};

void statusStep(CmdEnv env, std::shared_ptr<StatusJob> job) {
  auto& c = env.client();
  while (job->index < job->targets.size()) {
    const Target& t = job->targets[job->index];
    if (!job->started) {
      if (t.r->kind != "Deployment") {
        env.failText("no status viewer has been implemented for " + groupKind(*t.r));
        return;
      }
      auto d = c.get<Deployment>(t.ns, t.name);
      if (!d.ok()) {
        env.fail(KError::fromStatus(d.status));
        return;
      }
      // UntilWithSync: a list by name, then a watch from the list's version.
      const std::string byName = "metadata.name=" + t.name;
      Request list;
      list.path = Client::path(*t.r, t.ns);
      list.query = {{"fieldSelector", byName}, {"limit", "500"}};
      Response l = c.request(list);
      std::string rv = l.ok() && l.body.contains("metadata") ? l.body["metadata"].value("resourceVersion", "") : "";
      auto w = ApiWatch::open(env, *t.r, t.ns, rv, "", byName, false);
      if (!w.ok()) {
        env.fail(KError::fromStatus(w.status));
        return;
      }
      job->changes = w.value;
      job->started = true;
      StatusResult s = deploymentStatus(*d.value, job->revision);
      if (!s.error.empty()) {
        env.failText(s.error);
        return;
      }
      env.out(s.message);
      if (s.done || !job->watch) {
        job->index++;
        job->started = false;
        continue;
      }
    }
    bool next = false;
    for (const auto& e : job->changes->next()) {
      if (e.type == "DELETED") {
        env.failText("object has been deleted");
        return;
      }
      if (e.type == "ERROR") {
        env.fail(KError::fromStatus(Status::fromJson(e.object)));
        return;
      }
      Json obj = e.object;
      obj["kind"] = "Deployment";
      std::string err;
      auto decoded = objectFromJson(obj, &err);
      if (!decoded) continue;
      StatusResult s = deploymentStatus(static_cast<const Deployment&>(*decoded), job->revision);
      if (!s.error.empty()) {
        env.failText(s.error);
        return;
      }
      env.out(s.message);
      if (s.done) {
        next = true;
        break;
      }
    }
    if (next) {
      job->index++;
      job->started = false;
      continue;
    }
    if (job->deadline != kNoTime && env.now() >= job->deadline) {
      env.failText("timed out waiting for the condition");
      return;
    }
    // Still rolling out: wait for the next change.
    // Without --timeout kubectl waits for Ctrl+C. Scripts move the clock up to an hour for it;
    // after that the command waits without a deadline (scripts then stop it, consoles wait).
    Time wake = job->deadline;
    if (wake == kNoTime && env.now() < job->patience) wake = job->patience;
    env.ex.wait(wake, [env, job](Execution&) { statusStep(env, job); });
    return;
  }
  env.done(0);
}

void rolloutStatus(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCommonFlags(fs, "");
  fs.integer("revision", 0, 0, "Pin to a specific revision for showing its status. Defaults to 0 (last revision).")
      .duration("timeout", "0s", "The length of time to wait before ending watch, zero means never.")
      .boolean("watch", 'w', true, "Watch the status of the rollout until it's done.");
  if (!parseFlags(env, fs, args,
                  "Show the status of the rollout.\n\nUsage:\n  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]\n"))
    return;
  if (!needsResource(env, fs)) return;
  int64_t revision = fs.getInt("revision");
  if (revision < 0) {
    env.failText("revision must be a positive integer: " + std::to_string(revision));
    return;
  }
  auto job = std::make_shared<StatusJob>();
  std::vector<KError> errs;
  if (!collectTargets(env, fs.args(), fs.getString("selector"), job->targets, errs)) return;
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  if (job->targets.empty()) {
    env.err("No resources found in " + env.ns + " namespace.\n");
    env.done(0);
    return;
  }
  job->revision = revision;
  job->watch = fs.getBool("watch");
  int64_t timeout = fs.getDurationMs("timeout");
  if (timeout > 0) job->deadline = env.now() + timeout;
  job->patience = env.now() + 3600LL * 1000;
  statusStep(env, job);
}

// ---------------------------------------------------------------- history

void rolloutHistory(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCommonFlags(fs, "history");
  fs.integer("revision", 0, 0, "See the details, including podTemplate of the revision specified");
  if (!parseFlags(env, fs, args,
                  "View previous rollout revisions and configurations.\n\nUsage:\n  kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]\n"))
    return;
  if (!needsResource(env, fs)) return;
  int64_t revision = fs.getInt("revision");
  if (revision < 0) {
    env.failText("revision must be a positive integer: " + std::to_string(revision));
    return;
  }
  if (!genericOutputFormat(env, fs)) return;
  std::string output = printerOutput(env);
  std::vector<Target> targets;
  std::vector<KError> errs;
  if (!collectTargets(env, fs.args(), fs.getString("selector"), targets, errs)) return;
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  for (const auto& t : targets) {
    if (t.r->kind != "Deployment") {
      env.failText("no history viewer has been implemented for " + goQuote(groupKind(*t.r)));
      return;
    }
    auto d = env.client().get<Deployment>(t.ns, t.name);
    if (!d.ok()) {
      env.fail(KError::fromStatus(d.status));
      return;
    }
    std::map<int64_t, Ptr<ReplicaSet>> history;
    for (const auto& rs : replicaSetsOf(env.client(), *d.value)) history[revisionOf(rs->metadata)] = rs;
    if (!output.empty()) {
      // The ReplicaSets themselves, through the printer.
      const ResourceInfo* rsInfo = resourceForKind("ReplicaSet");
      auto print = [&](const ReplicaSet& rs) {
        Json j = listItem(*rsInfo, rs.toJson());
        if (output == "name") env.out(resourceName(*rsInfo, rs.metadata.name) + "\n");
        else return printObject(env, *rsInfo, j);
        return true;
      };
      if (revision > 0) {
        auto it = history.find(revision);
        if (it == history.end()) {
          env.failText("unable to find the specified revision");
          return;
        }
        if (!print(*it->second)) return;
      } else {
        for (const auto& [rev, rs] : history)
          if (!print(*rs)) return;
      }
      continue;
    }
    std::string text;
    if (history.empty()) {
      text = "No rollout history found.";
    } else if (revision > 0) {
      auto it = history.find(revision);
      if (it == history.end()) {
        env.failText("unable to find the specified revision");
        return;
      }
      PodTemplateSpec tmpl = it->second->spec.template_;
      auto cause = it->second->metadata.annotations.find("kubernetes.io/change-cause");
      if (cause != it->second->metadata.annotations.end() && !cause->second.empty())
        tmpl.metadata.annotations["kubernetes.io/change-cause"] = cause->second;
      text = describePodTemplateText(tmpl);
    } else {
      std::string table = "REVISION\tCHANGE-CAUSE\n";
      for (const auto& [rev, rs] : history) {
        auto cause = rs->metadata.annotations.find("kubernetes.io/change-cause");
        std::string cc = cause == rs->metadata.annotations.end() || cause->second.empty() ? "<none>" : cause->second;
        table += std::to_string(rev) + "\t" + cc + "\n";
      }
      text = tabwriteText(table, 0, 2);
    }
    std::string withRevision = revision > 0 ? "with revision #" + std::to_string(revision) : "";
    env.out(resourceName(*t.r, t.name) + " " + withRevision + "\n" + text + "\n");
  }
  env.done(0);
}

// ---------------------------------------------------------------- undo

void rolloutUndo(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCommonFlags(fs, "rolled back");
  fs.string("dry-run", 0, "none", "Must be \"none\", \"server\", or \"client\".")
      .integer("to-revision", 0, 0, "The revision to rollback to. Default to 0 (last revision).")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args,
                  "Roll back to a previous rollout.\n\nUsage:\n  kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]\n"))
    return;
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  if (!needsResource(env, fs)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::string output = printerOutput(env);
  int64_t toRevision = fs.getInt("to-revision");
  std::vector<Target> targets;
  std::vector<KError> errs;
  if (!collectTargets(env, fs.args(), fs.getString("selector"), targets, errs)) return;
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  for (const auto& t : targets) {
    if (t.r->kind != "Deployment") {
      env.failText("no rollbacker has been implemented for " + goQuote(groupKind(*t.r)));
      return;
    }
    if (toRevision < 0) {
      env.failText("unable to find specified revision " + std::to_string(toRevision) + " in history");
      return;
    }
    auto d = env.client().get<Deployment>(t.ns, t.name);
    if (!d.ok()) {
      env.failText("failed to retrieve Deployment " + t.name + ": " + d.status.message);
      return;
    }
    const Deployment& dep = *d.value;
    // deploymentRevision: the named revision, or the newest one before the latest.
    Ptr<ReplicaSet> target;
    int64_t latest = -1, previous = -1;
    Ptr<ReplicaSet> latestRS, previousRS;
    auto rss = replicaSetsOf(env.client(), dep);
    std::sort(rss.begin(), rss.end(), [](const Ptr<ReplicaSet>& a, const Ptr<ReplicaSet>& b) {
      return a->metadata.name < b->metadata.name;
    });
    for (const auto& rs : rss) {
      auto it = rs->metadata.annotations.find(kRevisionAnnotation);
      if (it == rs->metadata.annotations.end()) continue;
      std::string perr;
      auto v = parseGoInt(it->second, 64, &perr);
      if (!v) continue;
      if (toRevision == 0) {
        if (latest < *v) {
          previous = latest, previousRS = latestRS;
          latest = *v, latestRS = rs;
        } else if (previous < *v) {
          previous = *v, previousRS = rs;
        }
      } else if (toRevision == *v) {
        target = rs;
        break;
      }
    }
    if (toRevision > 0 && !target) {
      env.failText("unable to find specified revision " + std::to_string(toRevision) + " in history");
      return;
    }
    if (toRevision == 0) {
      if (!previousRS) {
        env.failText("no rollout history found for deployment " + goQuote(dep.metadata.name));
        return;
      }
      target = previousRS;
    }
    if (dryRun == "client") {
      if (!printOperation(env, output, *t.r, t.name, describePodTemplateText(target->spec.template_), dep.toJson())) return;
      continue;
    }
    if (dep.spec.paused) {
      env.failText("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
      return;
    }
    PodTemplateSpec tmpl = target->spec.template_;
    tmpl.metadata.labels.erase("pod-template-hash");
    PodTemplateSpec current = dep.spec.template_;
    current.metadata.labels.erase("pod-template-hash");
    if (toJson(tmpl) == toJson(current)) {
      if (!printOperation(env, output, *t.r, t.name,
                     "skipped rollback (current template already matches revision " + std::to_string(toRevision) + ")",
                     listItem(*t.r, dep.toJson()))) return;
      continue;
    }
    // The deployment keeps its own bookkeeping annotations and takes the revision's others.
    static const char* kSkip[] = {"kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
                                  "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                                  "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to"};
    auto skipped = [](const std::string& k) {
      for (const char* s : kSkip)
        if (k == s) return true;
      return false;
    };
    Json annotations = Json::object();
    for (const auto& [k, v] : dep.metadata.annotations)
      if (skipped(k)) annotations[k] = v;
    for (const auto& [k, v] : target->metadata.annotations)
      if (!skipped(k)) annotations[k] = v;
    Request req;
    req.method = "PATCH";
    req.path = Client::path(*t.r, t.ns, t.name);
    req.contentType = "application/json-patch+json";
    if (dryRun == "server") req.query["dryRun"] = "All";
    req.body = Json::array({{{"op", "replace"}, {"path", "/spec/template"}, {"value", toJson(tmpl)}},
                            {{"op", "replace"}, {"path", "/metadata/annotations"}, {"value", annotations}}});
    Response resp = env.client().request(req);
    if (!resp.ok()) {
      env.failText("failed restoring revision " + std::to_string(toRevision) + ": " + statusOf(resp).message);
      return;
    }
    if (!printOperation(env, output, *t.r, t.name, "rolled back", listItem(*t.r, dep.toJson()))) return;
  }
  env.done(0);
}

// ---------------------------------------------------------------- pause, resume, restart

enum class Mutation { Pause, Resume, Restart };

void rolloutMutate(CmdEnv& env, const std::vector<std::string>& args, Mutation m) {
  const char* op = m == Mutation::Pause ? "paused" : m == Mutation::Resume ? "resumed" : "restarted";
  FlagSet fs;
  addCommonFlags(fs, op);
  std::string fm = m == Mutation::Pause ? "kubectl-rollout" : m == Mutation::Resume ? "kubectl-rollout" : "kubectl-rollout";
  fs.string("field-manager", 0, fm, "Name of the manager used to track field ownership.");
  const char* help = m == Mutation::Pause
                         ? "Mark the provided resource as paused.\n\nUsage:\n  kubectl rollout pause RESOURCE [options]\n"
                     : m == Mutation::Resume
                         ? "Resume a paused resource.\n\nUsage:\n  kubectl rollout resume RESOURCE [options]\n"
                         : "Restart a resource.\n\nUsage:\n  kubectl rollout restart RESOURCE [options]\n";
  if (!parseFlags(env, fs, args, help)) return;
  if (!needsResource(env, fs)) return;
  if (!genericOutputFormat(env, fs)) return;
  std::string output = printerOutput(env);
  std::vector<Target> targets;
  std::vector<KError> errs;
  if (!collectTargets(env, fs.args(), fs.getString("selector"), targets, errs)) return;
  if (targets.empty() && errs.empty()) {
    env.err("No resources found in " + env.ns + " namespace.\n");
    env.done(0);
    return;
  }
  for (const auto& t : targets) {
    auto got = getJson(env.client(), *t.r, t.ns, t.name);
    if (!got.ok()) {
      errs.push_back(KError::fromStatus(got.status));
      continue;
    }
    Json obj = listItem(*t.r, got.value);
    const std::string prefix = "error: " + resourceGroup(*t.r) + " " + goQuote(t.name) + " ";
    if (t.r->kind != "Deployment") {
      errs.push_back(KError::plain(prefix + (m == Mutation::Pause    ? "pausing is not supported"
                                             : m == Mutation::Resume ? "resuming is not supported"
                                                                     : "restarting is not supported")));
      continue;
    }
    bool paused = obj.contains("spec") && obj["spec"].is_object() && obj["spec"].value("paused", false);
    Json patch;
    if (m == Mutation::Pause) {
      if (paused) {
        errs.push_back(KError::plain(prefix + "is already paused"));
        continue;
      }
      patch = {{"spec", {{"paused", true}}}};
    } else if (m == Mutation::Resume) {
      if (!paused) {
        errs.push_back(KError::plain(prefix + "is not paused"));
        continue;
      }
      patch = {{"spec", {{"paused", nullptr}}}};
    } else {
      if (paused) {
        errs.push_back(KError::plain(prefix + "can't restart paused deployment (run rollout resume first)"));
        continue;
      }
      std::string at = formatTime(env.now());
      std::string have;
      const Json& tmeta = obj["spec"]["template"]["metadata"];
      if (tmeta.is_object() && tmeta.contains("annotations") && tmeta["annotations"].is_object())
        have = tmeta["annotations"].value("kubectl.kubernetes.io/restartedAt", "");
      if (have == at) {
        errs.push_back(KError::plain("failed to create patch for " + t.name +
                                     ": if restart has already been triggered within the past second, please wait before attempting to trigger another"));
        continue;
      }
      patch = {{"spec", {{"template", {{"metadata", {{"annotations", {{"kubectl.kubernetes.io/restartedAt", at}}}}}}}}}};
    }
    Request req;
    req.method = "PATCH";
    req.path = Client::path(*t.r, t.ns, t.name);
    req.contentType = "application/strategic-merge-patch+json";
    req.query["fieldManager"] = fs.getString("field-manager");
    req.body = patch;
    Response resp = env.client().request(req);
    if (!resp.ok()) {
      errs.push_back(KError::plain("failed to patch: " + statusOf(resp).message));
      continue;
    }
    if (!printOperation(env, output, *t.r, t.name, op, listItem(*t.r, resp.body))) return;
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  env.done(0);
}

}  // namespace

// Flags that take a value in the next word when given before the subcommand.
static bool takesValue(const std::string& a) {
  static const char* kWithValue[] = {"-n", "--namespace", "-l", "--selector", "-o", "--output", "--context",
                                     "--cluster", "--user", "-s", "--server", "--kubeconfig", "--timeout",
                                     "--revision", "--to-revision", "--field-manager", "--dry-run", "-f", "--filename"};
  for (const char* f : kWithValue)
    if (a == f) return true;
  return false;
}

void cmdRollout(CmdEnv& env, const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); i++) {
    const std::string& a = args[i];
    if (a == "--") break;
    if (!a.empty() && a[0] == '-') {
      if (takesValue(a)) i++;
      continue;
    }
    std::vector<std::string> rest(args.begin(), args.end());
    rest.erase(rest.begin() + static_cast<long>(i));
    env.path += " " + a;
    if (a == "status") return rolloutStatus(env, rest);
    if (a == "history") return rolloutHistory(env, rest);
    if (a == "undo") return rolloutUndo(env, rest);
    if (a == "pause") return rolloutMutate(env, rest, Mutation::Pause);
    if (a == "resume") return rolloutMutate(env, rest, Mutation::Resume);
    if (a == "restart") return rolloutMutate(env, rest, Mutation::Restart);
    // cobra's legacyArgs: a parent command without Run rejects an unknown subcommand
    env.path = env.ctx.commandName + " rollout";
    env.err("error: unknown command " + goQuote(a) + "\nSee '" + env.path + " -h' for help and examples\n");
    env.done(1);
    return;
  }
  FlagSet fs;
  if (!parseFlags(env, fs, args, kRolloutHelp)) return;
  env.out(kRolloutHelp);
  env.done(0);
}

}  // namespace kp
