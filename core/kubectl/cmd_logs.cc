// `kubectl logs`: GET .../pods/<pod>/log?container=... for a pod, or for the first pod of a
// deployment / replica set / replication controller ("Found 3 pods, using pod/..."); -f prints
// what exists and then follows the log on the simulated clock until Ctrl+C or the pod ends.
#include "core/kubectl/cmd_common.h"

namespace kp {

namespace {

const char* kLogsUsage =
    "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
    "POD or TYPE/NAME is a required argument for the logs command";

struct LogTarget {
  std::string pod, container, uid;
};

// Picks the container as logsForObject does; error text or empty.
std::string chooseContainer(CmdEnv& env, const Json& pod, std::string& container) {
  const Json& spec = pod.contains("spec") ? pod["spec"] : Json::object();
  std::vector<std::string> names;
  if (spec.contains("initContainers") && spec["initContainers"].is_array())
    for (const auto& c : spec["initContainers"]) names.push_back(c.value("name", ""));
  size_t firstMain = names.size();
  if (spec.contains("containers") && spec["containers"].is_array())
    for (const auto& c : spec["containers"]) names.push_back(c.value("name", ""));
  std::string podName = pod.contains("metadata") ? pod["metadata"].value("name", "") : "";
  if (container.empty()) {
    if (pod.contains("metadata") && pod["metadata"].contains("annotations") && pod["metadata"]["annotations"].is_object()) {
      std::string def = pod["metadata"]["annotations"].value("kubectl.kubernetes.io/default-container", "");
      if (!def.empty()) {
        if (std::find(names.begin(), names.end(), def) == names.end())
          env.err("Default container name \"" + def + "\" not found in pod " + podName + "\n");
        else
          container = def;
      }
    }
  }
  if (container.empty()) {
    if (firstMain >= names.size()) return "pod " + podName + " has no containers";
    container = names[firstMain];
    if (names.size() > 1) {
      std::string all;
      for (size_t i = 0; i < names.size(); i++) all += (i ? ", " : "") + names[i];
      env.err("Defaulted container \"" + container + "\" out of: " + all + "\n");
    }
  }
  if (std::find(names.begin(), names.end(), container) == names.end())
    return "container " + container + " is not valid for pod " + podName;
  return "";
}

}  // namespace

// podutils.ByLogging: running pods first, ready ones before the others, then the older one.
void sortByLogging(std::vector<Json>& pods) {
  auto score = [](const Json& p) {
    int s = 0;
    if (!p.contains("status")) return s;
    const Json& st = p["status"];
    if (st.value("phase", "") == "Running") s += 2;
    if (st.contains("conditions") && st["conditions"].is_array())
      for (const auto& c : st["conditions"])
        if (c.value("type", "") == "Ready" && c.value("status", "") == "True") s += 1;
    return s;
  };
  std::stable_sort(pods.begin(), pods.end(), [&](const Json& a, const Json& b) {
    if (score(a) != score(b)) return score(a) > score(b);
    return a["metadata"].value("creationTimestamp", "") < b["metadata"].value("creationTimestamp", "");
  });
}

void cmdLogs(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all-containers", 0, false, "Get all containers' logs in the pod(s).")
      .boolean("all-pods", 0, false, "Get logs from all pod(s).")
      .string("container", 'c', "", "Print the logs of this container")
      .boolean("follow", 'f', false, "Specify if the logs should be streamed.")
      .boolean("ignore-errors", 0, false, "If watching / following pod logs, allow for any errors that occur to be non-fatal")
      .boolean("insecure-skip-tls-verify-backend", 0, false, "Skip verifying the identity of the kubelet that logs are requested from.")
      .integer("limit-bytes", 0, 0, "Maximum bytes of logs to return. Defaults to no limit.")
      .integer("max-log-requests", 0, 5, "Specify maximum number of concurrent logs to follow when using by a selector.")
      .duration("pod-running-timeout", "20s", "The length of time to wait until at least one pod is running")
      .boolean("prefix", 0, false, "Prefix each log line with the log source (pod name and container name)")
      .boolean("previous", 'p', false, "If true, print the logs for the previous instance of the container in a pod if it exists.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .duration("since", "0s", "Only return logs newer than a relative duration like 5s, 2m, or 3h.")
      .string("since-time", 0, "", "Only return logs after a specific date (RFC3339).")
      .integer("tail", 0, -1, "Lines of recent log file to display.")
      .boolean("timestamps", 0, false, "Include timestamps on each line in the log output");
  if (!parseFlags(env, fs, args,
                  "Print the logs for a container in a pod or specified resource.\n\nUsage:\n  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]\n"))
    return;
  const auto& pos = fs.args();
  std::string selector = fs.getString("selector");
  std::string container = fs.getString("container");
  std::string resourceArg;
  switch (pos.size()) {
    case 0:
      if (selector.empty()) {
        env.usageError(kLogsUsage);
        return;
      }
      break;
    case 1:
      resourceArg = pos[0];
      if (!selector.empty()) {
        env.usageError("only a selector (-l) or a POD name is allowed");
        return;
      }
      break;
    case 2:
      resourceArg = pos[0];
      if (fs.changed("container")) {
        env.failText("only one of -c or an inline [CONTAINER] arg is allowed");
        return;
      }
      container = pos[1];
      break;
    default:
      env.usageError(kLogsUsage);
      return;
  }
  int64_t tail = fs.getInt("tail");
  if (!selector.empty() && tail == -1 && !fs.changed("tail")) tail = 10;
  if (fs.getBool("all-containers") && !container.empty()) {
    env.failText("--all-containers=true should not be specified with container name " + container);
    return;
  }
  if (fs.getInt("limit-bytes") < 0) {
    env.failText("--limit-bytes must be greater than 0");
    return;
  }
  if (fs.getDurationMs("since") < 0) {
    env.failText("--since must be greater than 0");
    return;
  }
  if (tail < -1) {
    env.failText("--tail must be greater than or equal to -1");
    return;
  }
  const ResourceInfo& pods = *resourceForKind("Pod");
  std::vector<Json> podObjs;
  if (!resourceArg.empty()) {
    // builder.ResourceNames("pods", arg): "kubia-x" or "deploy/kubia"
    const ResourceInfo* r = &pods;
    std::string name = resourceArg;
    auto slash = resourceArg.find('/');
    if (slash != std::string::npos) {
      r = findResource(resourceArg.substr(0, slash));
      name = resourceArg.substr(slash + 1);
      if (!r) {
        env.failText("the server doesn't have a resource type " + goQuote(resourceArg.substr(0, slash)));
        return;
      }
    }
    auto got = getJson(env.client(), *r, r->namespaced ? env.ns : "", name);
    if (!got.ok()) {
      if (got.status.reason == "NotFound")
        env.failText("error from server (NotFound): " + got.status.message + " in namespace " + goQuote(env.ns));
      else
        env.fail(KError::fromStatus(got.status));
      return;
    }
    if (r->kind == "Pod") {
      podObjs.push_back(got.value);
    } else {
      // SelectorsForObject + GetFirstPod
      auto sel = podSelectorOf(*r, got.value);
      if (!sel) {
        env.failText("cannot get the logs from " + r->kind + ": selector for " + r->kind + " not implemented");
        return;
      }
      auto l = listJson(env.client(), pods, env.ns, *sel, "");
      if (!l.ok()) {
        env.fail(KError::fromStatus(l.status));
        return;
      }
      if (l.value.empty()) {
        env.failText("timed out waiting for the condition");
        return;
      }
      sortByLogging(l.value);
      if (l.value.size() > 1)
        env.err("Found " + std::to_string(l.value.size()) + " pods, using pod/" + l.value[0]["metadata"].value("name", "") + "\n");
      podObjs.push_back(l.value[0]);
    }
  } else {
    auto l = listJson(env.client(), pods, env.ns, selector, "");
    if (!l.ok()) {
      env.fail(KError::fromStatus(l.status));
      return;
    }
    if (l.value.empty()) env.err("No resources found in " + env.ns + " namespace.\n");
    podObjs = l.value;
  }

  std::vector<LogTarget> targets;
  for (const auto& p : podObjs) {
    std::string podName = p["metadata"].value("name", "");
    std::string uid = p["metadata"].value("uid", "");
    if (fs.getBool("all-containers")) {
      for (const char* key : {"initContainers", "containers"})
        if (p.contains("spec") && p["spec"].contains(key) && p["spec"][key].is_array())
          for (const auto& c : p["spec"][key]) targets.push_back({podName, c.value("name", ""), uid});
      continue;
    }
    std::string c = container;
    std::string why = chooseContainer(env, p, c);
    if (!why.empty()) {
      env.failText(why);
      return;
    }
    targets.push_back({podName, c, uid});
  }
  bool follow = fs.getBool("follow");
  if (follow && targets.size() > 1 && static_cast<int64_t>(targets.size()) > fs.getInt("max-log-requests")) {
    env.failText("you are attempting to follow " + std::to_string(targets.size()) +
                 " log streams, but maximum allowed concurrency is " + std::to_string(fs.getInt("max-log-requests")) +
                 ", use --max-log-requests to increase the limit");
    return;
  }
  auto fetch = [&, tail](const LogTarget& t, Response* out) {
    Request req;
    req.path = Client::path(pods, env.ns, t.pod, "log");
    req.query["container"] = t.container;
    if (follow) req.query["follow"] = "true";
    if (fs.getBool("previous")) req.query["previous"] = "true";
    if (tail >= 0) req.query["tailLines"] = std::to_string(tail);
    if (fs.getBool("timestamps")) req.query["timestamps"] = "true";
    if (fs.getDurationMs("since") > 0) req.query["sinceSeconds"] = std::to_string((fs.getDurationMs("since") + 999) / 1000);
    if (!fs.getString("since-time").empty()) req.query["sinceTime"] = fs.getString("since-time");
    if (fs.getInt("limit-bytes") > 0) req.query["limitBytes"] = std::to_string(fs.getInt("limit-bytes"));
    *out = env.client().request(req);
  };
  bool prefix = fs.getBool("prefix") || fs.getBool("all-pods");
  auto withPrefix = [prefix](const LogTarget& t, const std::string& text) {
    if (!prefix || text.empty()) return text;
    std::string p = "[pod/" + t.pod + "/" + t.container + "] ", out;
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      out += p + text.substr(start, nl == std::string::npos ? std::string::npos : nl - start + 1);
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    return out;
  };
  // With -f each log is a stream (the kubelet's, through the API server) that ends when its
  // container instance stops; kubectl ends when every stream did, or on Ctrl+C.
  struct Followed {
    LogTarget target;
    std::shared_ptr<Stream> stream;
  };
  auto followed = std::make_shared<std::vector<Followed>>();
  for (const auto& t : targets) {
    Response resp;
    fetch(t, &resp);
    if (!resp.ok()) {
      KError e = KError::fromStatus(statusOf(resp));
      if (fs.getBool("ignore-errors")) {
        env.out("error: " + e.text() + "\n");
        continue;
      }
      env.fail(e);
      return;
    }
    std::string text = resp.isText ? resp.text : (resp.body.is_string() ? resp.body.get<std::string>() : "");
    env.out(withPrefix(t, text));
    if (resp.stream) {
      followed->push_back({t, resp.stream});
      auto stream = resp.stream;
      env.ex.onFinish([stream] { stream->cancel(); });
    }
  }
  if (followed->empty()) {
    env.done(0);
    return;
  }
  auto step = [followed, withPrefix](Execution& ex) {
    bool open = false;
    for (auto& f : *followed) {
      for (auto& c : f.stream->take()) ex.out(withPrefix(f.target, c.data));
      open |= !f.stream->ended();
    }
    if (!open) ex.finish(0);
  };
  env.ex.wait(kNoTime, step);
}

}  // namespace kp
