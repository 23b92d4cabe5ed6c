// `kubectl run -i/-t/--attach [--rm]` after the pod is created: waits for the pod as run.go
// does; a pod that already finished has its log printed (what attaching would have shown),
// a running one is attached to ("If you don't see a command prompt, try pressing enter." with
// a terminal) until it ends; --rm deletes it afterwards (`pod "NAME" deleted`), and a failed
// pod ends the command with "pod NS/NAME terminated (Error)".
#include "core/kubectl/cmd_common.h"
#include "core/sim/cluster.h"

namespace kp {

void runAttached(CmdEnv& env, const std::string& name, bool remove, bool tty, bool quiet) {
  KubectlContext* ctx = &env.ctx;
  std::string ns = env.ns;
  auto printed = std::make_shared<size_t>(0);
  auto prompted = std::make_shared<bool>(false);
  // Attached to a pod that keeps running, a script cannot type or press Ctrl+C: it detaches
  // after five simulated minutes.
  const Time deadline = env.now() + 300000;
  auto step = [ctx, ns, name, remove, tty, quiet, printed, prompted, deadline](Execution& ex) {
    const ResourceInfo& pods = *resourceForKind("Pod");
    auto pod = ctx->cluster.api().store().get<Pod>(ns, name);
    if (!pod) {
      ex.err("error: pods " + goQuote(name) + " not found\n");
      ex.finish(1);
      return;
    }
    const std::string phase = pod->status.phase;
    bool done = phase == "Succeeded" || phase == "Failed";
    if (!done && phase != "Running") {  // keep waiting for the pod to start
      if (ctx->cluster.now() >= deadline) {
        ex.err("error: timed out waiting for the condition\n");
        ex.finish(1);
      }
      return;
    }
    Request req;
    req.path = Client::path(pods, ns, name, "log");
    Response r = ctx->client.request(req);
    if (r.ok() && r.isText && r.text.size() > *printed) {
      if (!*prompted && !done && tty && !quiet) {
        ex.err("If you don't see a command prompt, try pressing enter.\n");
        *prompted = true;
      }
      ex.out(r.text.substr(*printed));
      *printed = r.text.size();
    } else if (!done && tty && !quiet && !*prompted) {
      ex.err("If you don't see a command prompt, try pressing enter.\n");
      *prompted = true;
    }
    if (!done) {
      if (ctx->cluster.now() >= deadline) ex.finish(0);
      return;
    }
    if (remove) {
      Request del;
      del.method = "DELETE";
      del.path = Client::path(pods, ns, name);
      Response d = ctx->client.request(del);
      if (d.ok()) ex.out("pod \"" + name + "\" deleted\n");
    }
    if (phase == "Failed") {
      std::string reason = "Error", message;
      for (const auto& cs : pod->status.containerStatuses)
        if (cs.state.hasTerminated) {
          reason = cs.state.reason;
          message = cs.state.message;
        }
      ex.err("error: pod " + ns + "/" + name + " terminated (" + reason + ")\n" + message + (message.empty() ? "" : "\n"));
      ex.finish(1);
      return;
    }
    ex.finish(0);
  };
  env.ex.wait(deadline, step);
}

}  // namespace kp
