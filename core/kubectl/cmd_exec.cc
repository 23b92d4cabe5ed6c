// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: finds the pod
// (the first pod of a deployment/replica set/service as GetFirstPod picks it), checks it as
// exec.go does, and runs the command in the container through the kubelet; a non-zero exit
// is reported as "command terminated with exit code N".
#include "core/kubectl/cmd_common.h"
#include "core/kubelet/exec.h"
#include "core/kubelet/kubelet.h"
#include "core/sim/cluster.h"

namespace kp {

namespace {

// Label selector text of a workload or service's spec (SelectorsForObject), "" if none.
std::string selectorOf(const ResourceInfo& r, const Json& obj) {
  std::string sel;
  const Json* m = nullptr;
  if (!obj.contains("spec") || !obj["spec"].is_object()) return sel;
  const Json& spec = obj["spec"];
  if (r.kind == "ReplicationController" || r.kind == "Service") {
    if (spec.contains("selector")) m = &spec["selector"];
  } else if (spec.contains("selector") && spec["selector"].is_object() && spec["selector"].contains("matchLabels")) {
    m = &spec["selector"]["matchLabels"];
  }
  if (m && m->is_object())
    for (auto it = m->begin(); it != m->end(); ++it)
      if (it->is_string()) sel += (sel.empty() ? "" : ",") + it.key() + "=" + it->get<std::string>();
  return sel;
}

}  // namespace

void cmdExec(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.string("container", 'c', "", "Container name.")
      .stringSlice("filename", 'f', "to use to exec into the resource")
      .duration("pod-running-timeout", "1m0s", "The length of time to wait until at least one pod is running")
      .boolean("quiet", 'q', false, "Only print output from the remote session")
      .boolean("stdin", 'i', false, "Pass stdin to the container")
      .boolean("tty", 't', false, "Stdin is a TTY");
  if (!parseFlags(env, fs, args,
                  "Execute a command in a container.\n\nUsage:\n  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]\n"))
    return;
  const auto& pos = fs.args();
  int dash = fs.argsLenAtDash();
  if (pos.empty() || dash == 0) {
    env.failText("pod, type/name or --filename must be specified");
    return;
  }
  std::string target = pos[0];
  std::vector<std::string> command;
  if (dash > 1) {
    env.usageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
    return;
  }
  if (dash == -1 && pos.size() > 1) {
    env.usageError("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
    return;
  }
  command.assign(pos.begin() + 1, pos.end());
  if (command.empty()) {
    env.failText("you must specify at least one command for the container");
    return;
  }
  const ResourceInfo& podsR = *resourceForKind("Pod");
  std::string podName = target;
  if (auto slash = target.find('/'); slash != std::string::npos) {
    const ResourceInfo* r = findResource(target.substr(0, slash));
    std::string name = target.substr(slash + 1);
    if (!r) {
      env.failText("the server doesn't have a resource type " + goQuote(target.substr(0, slash)));
      return;
    }
    if (r->kind != "Pod") {
      auto got = getJson(env.client(), *r, r->namespaced ? env.ns : "", name);
      if (!got.ok()) {
        env.fail(KError::fromStatus(got.status));
        return;
      }
      if (r->kind != "Deployment" && r->kind != "ReplicaSet" && r->kind != "ReplicationController" && r->kind != "Service") {
        env.failText("cannot attach to " + r->kind + ": selector for " + r->kind + " not implemented");
        return;
      }
      auto l = listJson(env.client(), podsR, env.ns, selectorOf(*r, got.value), "");
      if (!l.ok()) {
        env.fail(KError::fromStatus(l.status));
        return;
      }
      if (l.value.empty()) {
        env.failText("timed out waiting for the condition");
        return;
      }
      sortByLogging(l.value);
      podName = l.value[0]["metadata"].value("name", "");
    } else {
      podName = name;
    }
  }
  auto got = getJson(env.client(), podsR, env.ns, podName);
  if (!got.ok()) {
    env.fail(KError::fromStatus(got.status));
    return;
  }
  auto pod = env.ctx.cluster.api().store().get<Pod>(env.ns, podName);
  if (!pod) {
    env.failText("pods " + goQuote(podName) + " not found");
    return;
  }
  if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed") {
    env.failText("cannot exec into a container in a completed pod; current phase is " + pod->status.phase);
    return;
  }
  std::string container = fs.getString("container");
  if (container.empty()) {
    auto ann = pod->metadata.annotations.find("kubectl.kubernetes.io/default-container");
    if (ann != pod->metadata.annotations.end()) {
      for (const auto& c : pod->spec.containers)
        if (c.name == ann->second) container = c.name;
      if (container.empty() && !fs.getBool("quiet"))
        env.err("Default container name \"" + ann->second + "\" not found in pod " + podName + "\n");
    }
    if (container.empty() && !pod->spec.containers.empty()) {
      container = pod->spec.containers[0].name;
      if (pod->spec.containers.size() + pod->spec.initContainers.size() > 1 && !fs.getBool("quiet")) {
        std::string all;
        for (const auto& c : pod->spec.initContainers) all += (all.empty() ? "" : ", ") + c.name;
        for (const auto& c : pod->spec.containers) all += (all.empty() ? "" : ", ") + c.name;
        env.err("Defaulted container \"" + container + "\" out of: " + all + "\n");
      }
    }
  }
  bool known = false;
  for (const auto& c : pod->spec.containers) known |= c.name == container;
  // The API server's exec location checks (BadRequest), then the kubelet's own.
  if (!known) {
    env.fail(KError::fromStatus(Status::badRequest("container " + container + " is not valid for pod " + podName)));
    return;
  }
  if (pod->spec.nodeName.empty()) {
    env.fail(KError::fromStatus(Status::badRequest("pod " + podName + " does not have a host assigned")));
    return;
  }
  if (env.ctx.cluster.kubelets().runningInstance(*pod, container) == 0) {
    // The kubelet refuses the stream for a container it does not run.
    env.failText("unable to upgrade connection: container not found (" + goQuote(container) + ")");
    return;
  }
  ExecResult r = execInContainer(env.ctx.cluster, *pod, container, command);
  bool tty = fs.getBool("tty") && fs.getBool("stdin");
  if (!r.error.empty()) {
    env.out(r.error + "\n");
    env.err("command terminated with exit code " + std::to_string(r.exitCode) + "\n");
    env.done(r.exitCode);
    return;
  }
  if (tty) {
    // A terminal joins the streams and ends lines with CR LF.
    std::string joined = r.out + r.errOut, withCr;
    for (char ch : joined) {
      if (ch == '\n') withCr += '\r';
      withCr += ch;
    }
    env.out(withCr);
  } else {
    env.out(r.out);
    env.err(r.errOut);
  }
  if (r.exitCode != 0) {
    env.err("command terminated with exit code " + std::to_string(r.exitCode) + "\n");
    env.done(r.exitCode);
    return;
  }
  env.done(0);
}

}  // namespace kp
