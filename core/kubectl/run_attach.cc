// `kubectl run -i/-t/--attach [--rm]` after the pod is created, as run.go does it: waits for
// the pod to run; a pod that already finished has its log printed (what attaching would have
// shown), a running one is attached to through pods/attach ("If you don't see a command
// prompt, try pressing enter." with a terminal) until it ends; --rm deletes it afterwards
// (`pod "NAME" deleted`), and a failed pod ends the command with "pod NS/NAME terminated
// (Error)".
#include "core/kubectl/cmd_common.h"

namespace kp {

namespace {

struct AttachRun {
  KubectlContext* ctx = nullptr;
  std::string ns, name;
  bool remove = false, tty = false, quiet = false;
  std::shared_ptr<Stream> stream;  // once attached
  Time deadline = kNoTime;
};

// The end: --rm, and the exit status of the pod as run.go reports it.
void finishRun(AttachRun& run, const Pod& pod, Execution& ex) {
  const ResourceInfo& pods = *resourceForKind("Pod");
  if (run.remove) {
    Request del;
    del.method = "DELETE";
    del.path = Client::path(pods, run.ns, run.name);
    del.body = {{"propagationPolicy", "Background"}};
    if (run.ctx->client.request(del).ok()) ex.out("pod \"" + run.name + "\" deleted\n");
  }
  if (pod.status.phase == "Failed") {
    std::string reason = "Error", message;
    for (const auto& cs : pod.status.containerStatuses)
      if (cs.state.hasTerminated) {
        reason = cs.state.reason;
        message = cs.state.message;
      }
    ex.err("error: pod " + run.ns + "/" + run.name + " terminated (" + reason + ")\n" + message + (message.empty() ? "" : "\n"));
    ex.finish(1);
    return;
  }
  ex.finish(0);
}

void attachStep(const std::shared_ptr<AttachRun>& run, Execution& ex) {
  KubectlContext& ctx = *run->ctx;
  const ResourceInfo& pods = *resourceForKind("Pod");
  if (run->stream) {
    for (auto& c : run->stream->take())
      if (c.channel == 1 || c.channel == 2) ex.out(c.data);
    if (!run->stream->ended()) {
      // Attached to a pod that keeps running, a script cannot type or press Ctrl+C: it
      // detaches when the deadline passes.
      if (ctx.now() >= run->deadline) ex.finish(0);
      return;
    }
  }
  auto pod = ctx.client.get<Pod>(run->ns, run->name);
  if (!pod.ok()) {
    ex.err("error: pods " + goQuote(run->name) + " not found\n");
    ex.finish(1);
    return;
  }
  const std::string phase = pod.value->status.phase;
  bool done = phase == "Succeeded" || phase == "Failed";
  if (!done && phase != "Running") {  // keep waiting for the pod to start
    if (ctx.now() >= run->deadline) {
      ex.err("error: timed out waiting for the condition\n");
      ex.finish(1);
    }
    return;
  }
  if (done) {
    // Finished before (or while) we attached: what is left to show is in its log.
    if (!run->stream) {
      Request req;
      req.path = Client::path(pods, run->ns, run->name, "log");
      Response r = ctx.client.request(req);
      if (r.ok() && r.isText) ex.out(r.text);
    }
    return finishRun(*run, *pod.value, ex);
  }
  if (run->stream) return;  // the attach ended but the pod still runs: wait for its phase
  Request req;
  req.method = "POST";
  req.path = Client::path(pods, run->ns, run->name, "attach");
  if (!pod.value->spec.containers.empty()) req.add("container", pod.value->spec.containers[0].name);
  req.add("stdin", "true");
  req.add("stdout", "true");
  if (!run->tty) req.add("stderr", "true");
  if (run->tty) req.add("tty", "true");
  Response r = ctx.client.request(req);
  if (!r.ok() || !r.stream) return;  // not running yet after all: try again on the next poll
  run->stream = r.stream;
  auto stream = r.stream;
  ex.onFinish([stream] { stream->cancel(); });
  if (run->tty && !run->quiet) ex.err("If you don't see a command prompt, try pressing enter.\n");
  attachStep(run, ex);
}

}  // namespace

void runAttached(CmdEnv& env, const std::string& name, bool remove, bool tty, bool quiet) {
  auto run = std::make_shared<AttachRun>();
  run->ctx = &env.ctx;
  run->ns = env.ns;
  run->name = name;
  run->remove = remove;
  run->tty = tty;
  run->quiet = quiet;
  run->deadline = env.now() + 300000;
  env.ex.wait(run->deadline, [run](Execution& ex) { attachStep(run, ex); });
}

}  // namespace kp
