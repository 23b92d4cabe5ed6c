// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: finds the pod
// (the first pod of a deployment/replica set/service as GetFirstPod picks it), checks it as
// exec.go does, and runs the command in the container through the kubelet; a non-zero exit
// is reported as "command terminated with exit code N".
#include "core/kubectl/cmd_common.h"

#include <optional>
#include <set>

namespace kp {

namespace {

// Label selector text of a workload or service's spec (SelectorsForObject), "" if none.
// The container kubectl picks without -c: the default-container annotation, else the first,
// saying so when the pod has more than one.
std::string defaultContainer(CmdEnv& env, const Pod& pod, bool quiet) {
  std::string container;
  const std::string& podName = pod.metadata.name;
  auto ann = pod.metadata.annotations.find("kubectl.kubernetes.io/default-container");
  if (ann != pod.metadata.annotations.end()) {
    for (const auto& c : pod.spec.containers)
      if (c.name == ann->second) container = c.name;
    if (container.empty() && !quiet) env.err("Default container name \"" + ann->second + "\" not found in pod " + podName + "\n");
  }
  if (container.empty() && !pod.spec.containers.empty()) {
    container = pod.spec.containers[0].name;
    if (pod.spec.containers.size() + pod.spec.initContainers.size() > 1 && !quiet) {
      std::string all;
      for (const auto& c : pod.spec.initContainers) all += (all.empty() ? "" : ", ") + c.name;
      for (const auto& c : pod.spec.containers) all += (all.empty() ? "" : ", ") + c.name;
      env.err("Defaulted container \"" + container + "\" out of: " + all + "\n");
    }
  }
  return container;
}

// Copies a remote command's output to the console until its final Status arrives: success, or
// "command terminated with exit code N" (exec.CodeExitError), as kubectl's main prints it.
void remoteStep(CmdEnv env, std::shared_ptr<Stream> stream) {
  for (auto& c : stream->take()) {
    if (c.channel == 1) env.out(c.data);
    else if (c.channel == 2) env.err(c.data);
    else if (c.channel == 3) {
      Json st = Json::parse(c.data, nullptr, false);
      if (!st.is_object() || st.value("status", "") == "Success") return env.done(0);
      std::string code;
      if (st.contains("details") && st["details"].is_object() && st["details"].contains("causes"))
        for (const auto& cause : st["details"]["causes"])
          if (cause.value("reason", "") == "ExitCode") code = cause.value("message", "");
      if (st.value("reason", "") == "NonZeroExitCode" && !code.empty()) {
        env.err("command terminated with exit code " + code + "\n");
        return env.done(std::atoi(code.c_str()));
      }
      return env.failText(st.value("message", "error executing remote command"));
    }
  }
  if (stream->ended()) return env.done(0);
  env.ex.wait(kNoTime, [env, stream](Execution&) { remoteStep(env, stream); });
}

}  // namespace

std::optional<std::string> podSelectorOf(const ResourceInfo& r, const Json& obj) {
  // SelectorsForObject: a map for the two kinds of the core group, a LabelSelector for the rest.
  static const std::set<std::string> mapSelector = {"ReplicationController", "Service"};
  static const std::set<std::string> labelSelector = {"Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"};
  bool isMap = mapSelector.count(r.kind) > 0;
  if (!isMap && !labelSelector.count(r.kind)) return std::nullopt;
  const Json* sel = obj.contains("spec") && obj["spec"].is_object() && obj["spec"].contains("selector")
                        ? &obj["spec"]["selector"] : nullptr;
  std::vector<std::string> parts;
  const Json* labels = !sel ? nullptr : isMap ? sel : sel->contains("matchLabels") ? &(*sel)["matchLabels"] : nullptr;
  if (labels && labels->is_object())
    for (auto it = labels->begin(); it != labels->end(); ++it)
      if (it->is_string()) parts.push_back(it.key() + "=" + it->get<std::string>());
  if (!isMap && sel && sel->contains("matchExpressions") && (*sel)["matchExpressions"].is_array()) {
    for (const auto& e : (*sel)["matchExpressions"]) {
      if (!e.is_object()) continue;
      std::string key = e.value("key", ""), op = e.value("operator", "");
      std::vector<std::string> values;
      if (e.contains("values") && e["values"].is_array())
        for (const auto& v : e["values"])
          if (v.is_string()) values.push_back(v.get<std::string>());
      if (op == "In" || op == "NotIn") parts.push_back(key + (op == "In" ? " in (" : " notin (") + join(values, ",") + ")");
      else if (op == "Exists") parts.push_back(key);
      else if (op == "DoesNotExist") parts.push_back("!" + key);
    }
  }
  return join(parts, ",");
}

// AttachablePodForObject: the pod a TYPE/NAME names (POD alone, pod/NAME, or the first pod of
// an object with a pod selector, as GetFirstPod sorts them).
// The object's JSON goes to *object when asked for. false: the error was printed.
bool attachablePod(CmdEnv& env, const std::string& target, std::string* podName, Json* object) {
  const ResourceInfo& podsR = *resourceForKind("Pod");
  *podName = target;
  auto slash = target.find('/');
  if (slash == std::string::npos) return true;
  const ResourceInfo* r = findResource(target.substr(0, slash));
  std::string name = target.substr(slash + 1);
  if (!r) {
    env.failText("the server doesn't have a resource type " + goQuote(target.substr(0, slash)));
    return false;
  }
  *podName = name;
  if (r->kind == "Pod") return true;
  auto got = getJson(env.client(), *r, r->namespaced ? env.ns : "", name);
  if (!got.ok()) {
    env.fail(KError::fromStatus(got.status));
    return false;
  }
  if (object) *object = got.value;
  auto selector = podSelectorOf(*r, got.value);
  if (!selector) {
    env.failText("cannot attach to " + r->kind + ": selector for " + r->kind + " not implemented");
    return false;
  }
  auto l = listJson(env.client(), podsR, env.ns, *selector, "");
  if (!l.ok()) {
    env.fail(KError::fromStatus(l.status));
    return false;
  }
  if (l.value.empty()) {
    env.failText("timed out waiting for the condition");
    return false;
  }
  sortByLogging(l.value);
  *podName = l.value[0]["metadata"].value("name", "");
  return true;
}

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
  std::string podName;
  if (!attachablePod(env, target, &podName, nullptr)) return;
  auto got = env.client().get<Pod>(env.ns, podName);
  if (!got.ok()) {
    env.fail(KError::fromStatus(got.status));
    return;
  }
  const Pod& pod = *got.value;
  if (pod.status.phase == "Succeeded" || pod.status.phase == "Failed") {
    env.failText("cannot exec into a container in a completed pod; current phase is " + pod.status.phase);
    return;
  }
  std::string container = fs.getString("container");
  if (container.empty()) container = defaultContainer(env, pod, fs.getBool("quiet"));
  bool tty = fs.getBool("tty") && fs.getBool("stdin");
  bool in = fs.getBool("stdin");
  Request req;
  req.method = "POST";
  req.path = Client::path(podsR, env.ns, podName, "exec");
  for (const auto& arg : command) req.add("command", arg);
  req.add("container", container);
  if (in) req.add("stdin", "true");
  req.add("stdout", "true");
  if (!tty) req.add("stderr", "true");
  if (tty) req.add("tty", "true");
  runRemote(env, req, in);
}

void runRemote(CmdEnv& env, const Request& req, bool sendInput) {
  Response resp = env.client().request(req);
  if (!resp.ok()) {
    // A refused upgrade: the API server's Status, or the kubelet's text passed on.
    if (resp.isText) env.failText("unable to upgrade connection: " + trimSpace(resp.text));
    else env.fail(KError::fromStatus(statusOf(resp)));
    return;
  }
  if (!resp.stream) {
    env.done(0);
    return;
  }
  auto stream = resp.stream;
  env.ex.onFinish([stream] { stream->cancel(); });
  if (sendInput) {
    if (env.ex.input) stream->write(0, *env.ex.input);
    stream->closeInput();
  }
  remoteStep(env, stream);
}

}  // namespace kp
