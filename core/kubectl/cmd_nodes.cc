// `kubectl cordon|uncordon|drain|taint` as kubectl 1.32 runs them: cordon patches
// spec.unschedulable and prints "node/x cordoned" (or "already cordoned"); drain cordons, sorts
// the node's pods through drain's filters (DaemonSet, mirror, emptyDir, unmanaged) with their
// exact warnings and errors, evicts the rest and waits on simulated time until they are gone;
// taint parses key=value:Effect / key:Effect- / key- and rewrites spec.taints the way
// reorganizeTaints does (new taints first), printing tainted / untainted / modified.
#include "core/kubectl/cmd_nodes.h"

#include <algorithm>
#include <memory>

#include "core/api/format.h"
#include "core/api/json.h"
#include "core/api/podutil.h"
#include "core/api/selector.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

const char* kDryRunHelp = "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.";
const char* kSelectorHelp = "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.";

const ResourceInfo& nodesResource() { return *resourceForKind("Node"); }

// The nodes named on the command line, or selected by -l (Latest: each one fetched).
bool resolveNodes(CmdEnv& env, const std::vector<std::string>& names, const std::string& selector,
                  std::vector<Ptr<Node>>* out) {
  std::vector<KError> errs;
  if (names.empty()) {
    auto l = env.client().list<Node>("", selector);
    if (!l.ok()) {
      env.fail(KError::fromStatus(l.status));
      return false;
    }
    *out = l.value;
    return true;
  }
  for (const auto& n : names) {
    auto g = env.client().get<Node>("", n);
    if (!g.ok()) {
      errs.push_back(KError::fromStatus(g.status));
      continue;
    }
    out->push_back(g.value);
  }
  if (!errs.empty()) {
    env.fail(errs);
    return false;
  }
  return true;
}

Response patchNode(CmdEnv& env, const std::string& name, Json patch, bool serverDryRun) {
  Request req;
  req.method = "PATCH";
  req.path = Client::path(nodesResource(), "", name);
  req.contentType = "application/merge-patch+json";
  if (serverDryRun) req.query["dryRun"] = "All";
  req.body = std::move(patch);
  return env.client().request(req);
}

// RunCordonOrUncordon for each node; false when a patch failed (already reported).
bool cordonAll(CmdEnv& env, const std::vector<Ptr<Node>>& nodes, bool desired, const std::string& dryRun) {
  bool ok = true;
  std::string suffix = dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "";
  for (const auto& n : nodes) {
    std::string shown = "node/" + n->metadata.name;
    if (n->spec.unschedulable == desired) {
      env.out(shown + (desired ? " already cordoned" : " already uncordoned") + suffix + "\n");
      continue;
    }
    if (dryRun != "client") {
      Response r = patchNode(env, n->metadata.name, {{"spec", {{"unschedulable", desired ? Json(true) : Json(nullptr)}}}},
                             dryRun == "server");
      if (!r.ok()) {
        env.err("error: unable to " + std::string(desired ? "cordon" : "uncordon") + " node \"" + n->metadata.name +
                "\": " + statusOf(r).message + "\n");
        ok = false;
        continue;
      }
    }
    env.out(shown + (desired ? " cordoned" : " uncordoned") + suffix + "\n");
  }
  return ok;
}

void cordonCommand(CmdEnv& env, const std::vector<std::string>& args, bool desired) {
  const std::string verb = desired ? "cordon" : "uncordon";
  FlagSet fs;
  fs.string("dry-run", 0, "none", kDryRunHelp).string("selector", 'l', "", kSelectorHelp).noOptDefault("dry-run", "unchanged");
  std::string help = desired ? "Mark node as unschedulable.\n\nExamples:\n  # Mark node \"foo\" as unschedulable\n  kubectl cordon foo\n"
                             : "Mark node as schedulable.\n\nExamples:\n  # Mark node \"foo\" as schedulable\n  kubectl uncordon foo\n";
  if (!parseFlags(env, fs, args, help)) return;
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  std::string selector = fs.getString("selector");
  if (fs.args().empty() && !fs.changed("selector")) {
    env.usageError("USAGE: " + verb + " NODE [flags]");
    return;
  }
  if (!fs.args().empty() && !selector.empty()) {
    env.usageError("error: cannot specify both a node name and a --selector option");
    return;
  }
  std::vector<Ptr<Node>> nodes;
  if (!resolveNodes(env, fs.args(), selector, &nodes)) return;
  env.done(cordonAll(env, nodes, desired, dryRun) ? 0 : 1);
}

// ---------------------------------------------------------------- drain

struct PodToDrain {
  Ptr<Pod> pod;
  bool remove = true;
  std::string reason;  // "", "Skip", "Warning", "Error"
  std::string message;
};

bool hasEmptyDir(const Pod& p) {
  if (!p.spec.volumes.is_array()) return false;
  for (const auto& v : p.spec.volumes)
    if (v.is_object() && v.contains("emptyDir")) return true;
  return false;
}

struct DrainOptions {
  bool force = false, ignoreDaemonSets = false, deleteEmptyDir = false, disableEviction = false;
  int64_t gracePeriod = -1;
  int64_t skipWaitSeconds = 0;
  Time timeout = 0;
  std::string podSelector, dryRun;
};

// drain.Helper's filters, in their order; a pod's status is the last filter that ran.
PodToDrain filterPod(Client& client, Time now, const Ptr<Pod>& pod, const DrainOptions& o) {
  PodToDrain d{pod, true, "", ""};
  auto warn = [&](bool remove, const std::string& m) { d.remove = remove, d.reason = "Warning", d.message = m; };
  auto error = [&](const std::string& m) { d.remove = false, d.reason = "Error", d.message = m; };
  auto okay = [&] { d.remove = true, d.reason.clear(), d.message.clear(); };
  bool finished = podFinished(*pod);
  const OwnerReference* ref = pod->metadata.controllerRef();
  // skipDeletedFilter
  if (o.skipWaitSeconds > 0 && podTerminating(*pod) &&
      (now - pod->metadata.deletionTimestamp) / 1000 > o.skipWaitSeconds) {
    d.remove = false, d.reason = "Skip";
    return d;
  }
  // daemonSetFilter
  okay();
  if (ref && ref->kind == "DaemonSet" && !finished) {
    const ResourceInfo* ds = resourceForKind("DaemonSet");
    if (ds && client.get(*ds, pod->metadata.namespace_, ref->name).status.reason == "NotFound") {
      std::string nf = "daemonsets.apps \"" + ref->name + "\" not found";
      if (o.force) warn(true, nf);
      else error(nf);
    } else if (!o.ignoreDaemonSets) {
      error("DaemonSet-managed Pods (use --ignore-daemonsets to ignore)");
    } else {
      warn(false, "ignoring DaemonSet-managed Pods");
    }
  }
  if (!d.remove) return d;
  // mirrorPodFilter: static pods (mirrored from the node; owned by the Node object)
  okay();
  if (pod->metadata.annotations.count("kubernetes.io/config.mirror") || (ref && ref->kind == "Node")) {
    d.remove = false, d.reason = "Skip";
    return d;
  }
  // localStorageFilter
  okay();
  if (hasEmptyDir(*pod) && !finished) {
    if (!o.deleteEmptyDir) error("Pods with local storage (use --delete-emptydir-data to override)");
    else warn(true, "deleting Pods with local storage");
  }
  if (!d.remove) return d;
  // unreplicatedFilter
  okay();
  if (!finished && !ref) {
    if (o.force) warn(true, "deleting Pods that declare no controller");
    else error("cannot delete Pods that declare no controller (use --force to override)");
  }
  return d;
}

// "msg: ns/a, ns/b" per distinct message (sorted: Go's map order is random).
std::vector<std::string> grouped(const std::vector<PodToDrain>& list, const std::string& reason, const std::string& prefix) {
  std::map<std::string, std::vector<std::string>> by;
  for (const auto& d : list)
    if (d.reason == reason) by[d.message].push_back(d.pod->metadata.namespace_ + "/" + d.pod->metadata.name);
  std::vector<std::string> out;
  for (const auto& [msg, pods] : by) {
    std::string s = prefix + msg + ": ";
    for (size_t i = 0; i < pods.size(); i++) s += (i ? ", " : "") + pods[i];
    out.push_back(s);
  }
  return out;
}

// utilerrors.Aggregate's Error(): the message, or "[a, b]".
std::string aggregate(const std::vector<std::string>& errs) {
  if (errs.size() == 1) return errs[0];
  std::string s = "[";
  for (size_t i = 0; i < errs.size(); i++) s += (i ? ", " : "") + errs[i];
  return s + "]";
}

struct DrainRun {
  KubectlContext* ctx = nullptr;
  DrainOptions opts;
  std::vector<Ptr<Node>> nodes;
  size_t current = 0;
  bool waiting = false;
  struct Pending {
    std::string ns, name, uid;
  };
  std::vector<Pending> pending;
  // Evictions a PodDisruptionBudget refused (429): tried again every 5 s until the timeout.
  struct Retry {
    std::string ns, name, uid;
    Time at = kNoTime;
  };
  std::vector<Retry> retries;
  Time deadline = kNoTime;
  std::vector<std::string> remaining;   // nodes that failed
  std::vector<std::vector<std::string>> fatal;  // their errors
};

// Starts draining nodes[current]; returns false when it finished at once (nothing to wait for).
void drainStep(const std::shared_ptr<DrainRun>& run, Execution& ex);

// The node being drained failed with these errors: say so, and go on with the next node.
void failNode(DrainRun& run, const std::vector<std::string>& nodeErrs, Execution& ex) {
  const std::string& nodeName = run.nodes[run.current]->metadata.name;
  ex.err("error: unable to drain node \"" + nodeName + "\" due to error: " + aggregate(nodeErrs) + ", continuing command...\n");
  run.remaining.push_back(nodeName);
  run.fatal.push_back(nodeErrs);
}

// Evicts (or with --disable-eviction deletes) one pod, printing "evicting pod NS/NAME" first.
// A pod that is gone counts as done; a budget's 429 queues a retry in 5 s with kubectl's
// message; any other error fails the node (false).
bool sendEviction(DrainRun& run, const DrainRun::Pending& p, Execution& ex) {
  KubectlContext& ctx = *run.ctx;
  const DrainOptions& o = run.opts;
  const bool evict = !o.disableEviction;
  if (evict) ex.out("evicting pod " + p.ns + "/" + p.name + (o.dryRun == "server" ? " (server dry run)" : "") + "\n");
  // An eviction (policy/v1, the pods/eviction subresource), or a plain delete with
  // --disable-eviction; both carry the delete options.
  Json deleteOptions = Json::object();
  if (o.gracePeriod >= 0) deleteOptions["gracePeriodSeconds"] = o.gracePeriod;
  if (o.dryRun == "server") deleteOptions["dryRun"] = Json::array({"All"});
  Request req;
  if (evict) {
    req.method = "POST";
    req.path = Client::path(*resourceForKind("Pod"), p.ns, p.name, "eviction");
    req.body = {{"apiVersion", "policy/v1"}, {"kind", "Eviction"},
                {"metadata", {{"name", p.name}, {"namespace", p.ns}}}, {"deleteOptions", deleteOptions}};
  } else {
    req.method = "DELETE";
    req.path = Client::path(*resourceForKind("Pod"), p.ns, p.name);
    req.body = deleteOptions;
    if (o.dryRun == "server") req.query["dryRun"] = "All";
  }
  Response r = ctx.client.request(req);
  if (!r.ok() && statusOf(r).reason == "TooManyRequests" && evict) {
    ex.err("error when evicting pods/\"" + p.name + "\" -n \"" + p.ns + "\" (will retry after 5s): " + statusOf(r).message + "\n");
    run.retries.push_back({p.ns, p.name, p.uid, ctx.now() + 5000});
    return true;
  }
  if (!r.ok() && statusOf(r).reason != "NotFound") {
    failNode(run, {"error when " + std::string(evict ? "evicting pods/\"" : "deleting pod \"") + p.name + "\" -n \"" + p.ns +
                   "\": " + statusOf(r).message}, ex);
    return false;
  }
  if (o.dryRun != "server") run.pending.push_back(p);
  return true;
}

bool startNode(const std::shared_ptr<DrainRun>& run, Execution& ex) {
  KubectlContext& ctx = *run->ctx;
  const auto& node = run->nodes[run->current];
  const std::string& nodeName = node->metadata.name;
  const DrainOptions& o = run->opts;
  auto pods = ctx.client.list<Pod>("", o.podSelector, "spec.nodeName=" + nodeName);
  std::vector<PodToDrain> list;
  std::vector<std::string> errs;
  if (!pods.ok()) {
    errs.push_back(pods.status.message);
  } else {
    for (const auto& p : pods.value) list.push_back(filterPod(ctx.client, ctx.now(), p, o));
    errs = grouped(list, "Error", "cannot delete ");
  }
  if (!errs.empty()) {
    failNode(*run, errs, ex);
    return true;
  }
  auto warnings = grouped(list, "Warning", "");
  if (!warnings.empty()) {
    std::string w;
    for (size_t i = 0; i < warnings.size(); i++) w += (i ? "; " : "") + warnings[i];
    ex.err("Warning: " + w + "\n");
  }
  if (o.dryRun == "client") {
    for (const auto& d : list)
      if (d.remove) ex.out("evicting pod " + d.pod->metadata.namespace_ + "/" + d.pod->metadata.name + " (dry run)\n");
    ex.out("node/" + nodeName + " drained (dry run)\n");
    return true;
  }
  run->pending.clear();
  run->retries.clear();
  for (const auto& d : list) {
    if (!d.remove) continue;
    const auto& m = d.pod->metadata;
    if (!sendEviction(*run, {m.namespace_, m.name, m.uid}, ex)) return true;
  }
  if (run->pending.empty() && run->retries.empty()) {
    ex.out("node/" + nodeName + " drained" + (o.dryRun == "server" ? " (server dry run)" : "") + "\n");
    return true;
  }
  run->waiting = true;
  run->deadline = o.timeout > 0 ? ctx.now() + o.timeout : ctx.now() + int64_t(168) * 3600 * 1000;
  return false;
}

void finishAll(const std::shared_ptr<DrainRun>& run, Execution& ex) {
  if (run->remaining.empty()) {
    ex.finish(0);
    return;
  }
  std::string out = "There are pending nodes to be drained:\n";
  for (const auto& n : run->remaining) out += " " + n + "\n";
  // CheckErr of the aggregate (one level of aggregate-of-one unwrapped): one error per line,
  // without the "error: " prefix.
  if (run->fatal.size() == 1)
    for (const auto& f : run->fatal[0]) out += f + "\n";
  else
    for (const auto& f : run->fatal) out += aggregate(f) + "\n";
  ex.err(out);
  ex.finish(1);
}

void drainStep(const std::shared_ptr<DrainRun>& run, Execution& ex) {
  KubectlContext& ctx = *run->ctx;
  for (int guard = 0; guard < 100000; guard++) {
    if (run->waiting) {
      const DrainOptions& o = run->opts;
      const std::string nodeName = run->nodes[run->current]->metadata.name;
      // waitForDelete: a pod is gone when it is not found or its uid changed.
      for (auto it = run->pending.begin(); it != run->pending.end();) {
        auto p = ctx.client.get<Pod>(it->ns, it->name);
        if (!p.ok() || p.value->metadata.uid != it->uid) {
          ex.out("pod/" + it->name + (o.disableEviction ? " deleted" : " evicted") + "\n");
          it = run->pending.erase(it);
        } else {
          ++it;
        }
      }
      // Refused evictions whose 5 s are up go again.
      auto due = run->retries;
      run->retries.clear();
      bool failed = false;
      for (const auto& r : due) {
        if (failed || ctx.now() < r.at) run->retries.push_back(r);
        else failed = !sendEviction(*run, {r.ns, r.name, r.uid}, ex);
      }
      if (failed) {
        run->waiting = false;
        run->current++;
        continue;
      }
      if (!run->pending.empty() || !run->retries.empty()) {
        if (ctx.now() < run->deadline) return;
        std::string text;
        if (!run->retries.empty()) {
          const auto& r = run->retries.front();
          text = "error when evicting pods/\"" + r.name + "\" -n \"" + r.ns + "\": global timeout reached: " + goDuration(run->opts.timeout);
        } else {
          const auto& p = run->pending.front();
          text = "error when waiting for pod \"" + p.name + "\" in namespace \"" + p.ns +
                 "\" to terminate: global timeout reached: " + goDuration(run->opts.timeout);
        }
        ex.err("There are pending pods in node \"" + nodeName + "\" when an error occurred: " + text + "\n");
        for (const auto& q : run->pending) ex.err("pod/" + q.name + "\n");
        for (const auto& q : run->retries) ex.err("pod/" + q.name + "\n");
        ex.err("error: unable to drain node \"" + nodeName + "\" due to error: " + text + ", continuing command...\n");
        run->remaining.push_back(nodeName);
        run->fatal.push_back({text});
      } else {
        ex.out("node/" + nodeName + " drained\n");
      }
      run->waiting = false;
      run->current++;
    }
    if (run->current >= run->nodes.size()) {
      finishAll(run, ex);
      return;
    }
    if (!startNode(run, ex)) {
      Time deadline = run->deadline;
      ex.wait(deadline, [run](Execution& e) { drainStep(run, e); });
      // Poll again once a second as kubectl does; deadline is the latest wake-up.
      return;
    }
    run->current++;
  }
}

// ---------------------------------------------------------------- taint

bool isAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

const char* kNameRegexMsg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

bool validName(const std::string& s) {
  if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back())) return false;
  for (char c : s)
    if (!isAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

// validation.IsQualifiedName's messages.
std::vector<std::string> qualifiedNameErrors(const std::string& key) {
  std::vector<std::string> errs;
  std::string name = key;
  auto slash = key.find('/');
  if (slash != std::string::npos) {
    std::string prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (key.find('/', slash + 1) != std::string::npos) {
      return {"a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
              "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
              "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. "
              "'example.com/MyName')"};
    }
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      bool ok = prefix.size() <= 253;
      size_t start = 0;
      while (ok) {
        size_t dot = prefix.find('.', start);
        std::string label = prefix.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (label.empty() || !((label.front() >= 'a' && label.front() <= 'z') || (label.front() >= '0' && label.front() <= '9')) ||
            !((label.back() >= 'a' && label.back() <= 'z') || (label.back() >= '0' && label.back() <= '9')))
          ok = false;
        for (char c : label)
          if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) ok = false;
        if (dot == std::string::npos) break;
        start = dot + 1;
      }
      if (prefix.size() > 253) errs.push_back("prefix part must be no more than 253 characters");
      else if (!ok)
        errs.push_back("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                       "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
                       "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
  }
  if (name.empty()) errs.push_back("name part must be non-empty");
  else if (name.size() > 63) errs.push_back("name part must be no more than 63 characters");
  if (!validName(name)) errs.push_back(kNameRegexMsg);
  return errs;
}

std::vector<std::string> labelValueErrors(const std::string& v) {
  std::vector<std::string> errs;
  if (v.size() > 63) errs.push_back("must be no more than 63 characters");
  if (!v.empty() && !validName(v))
    errs.push_back("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
                   "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
                   "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  return errs;
}

std::string joinErrs(const std::vector<std::string>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); i++) s += (i ? "; " : "") + v[i];
  return s;
}

std::optional<Taint> parseTaint(const std::string& st, std::string* error) {
  Taint t;
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t c = st.find(':', start);
    parts.push_back(st.substr(start, c == std::string::npos ? std::string::npos : c - start));
    if (c == std::string::npos) break;
    start = c + 1;
  }
  if (parts.size() == 1) {
    t.key = parts[0];
  } else if (parts.size() == 2) {
    t.effect = parts[1];
    if (t.effect != "NoSchedule" && t.effect != "PreferNoSchedule" && t.effect != "NoExecute") {
      *error = "invalid taint effect: " + t.effect + ", unsupported taint effect";
      return std::nullopt;
    }
    const std::string& kv = parts[0];
    size_t eq = kv.find('=');
    if (eq != std::string::npos && kv.find('=', eq + 1) != std::string::npos) {
      *error = "invalid taint spec: " + st;
      return std::nullopt;
    }
    t.key = kv.substr(0, eq);
    if (eq != std::string::npos) {
      t.value = kv.substr(eq + 1);
      auto errs = labelValueErrors(t.value);
      if (!errs.empty()) {
        *error = "invalid taint spec: " + st + ", " + joinErrs(errs);
        return std::nullopt;
      }
    }
  } else {
    *error = "invalid taint spec: " + st;
    return std::nullopt;
  }
  auto errs = qualifiedNameErrors(t.key);
  if (!errs.empty()) {
    *error = "invalid taint spec: " + st + ", " + joinErrs(errs);
    return std::nullopt;
  }
  return t;
}

// Taint.ToString(): key=value:effect, key:effect, key=value, key.
std::string taintString(const Taint& t) {
  std::string s = t.key;
  if (!t.value.empty()) s += "=" + t.value;
  if (!t.effect.empty()) s += ":" + t.effect;
  return s;
}

Json taintsJson(const std::vector<Taint>& ts) {
  Json arr = Json::array();
  for (const auto& t : ts) {
    Json o = {{"key", t.key}, {"effect", t.effect}};
    if (!t.value.empty()) o["value"] = t.value;
    if (t.timeAdded != kNoTime) o["timeAdded"] = formatTime(t.timeAdded);
    arr.push_back(o);
  }
  return arr;
}

}  // namespace

void cmdCordon(CmdEnv& env, const std::vector<std::string>& args) { cordonCommand(env, args, true); }
void cmdUncordon(CmdEnv& env, const std::vector<std::string>& args) { cordonCommand(env, args, false); }

void cmdDrain(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.integer("chunk-size", 0, 500, "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.")
      .boolean("delete-emptydir-data", 0, false, "Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).")
      .boolean("disable-eviction", 0, false, "Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.")
      .string("dry-run", 0, "none", kDryRunHelp)
      .boolean("force", 0, false, "Continue even if there are pods that do not declare a controller.")
      .integer("grace-period", 0, -1, "Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.")
      .boolean("ignore-daemonsets", 0, false, "Ignore DaemonSet-managed pods.")
      .string("pod-selector", 0, "", "Label selector to filter pods on the node")
      .string("selector", 'l', "", kSelectorHelp)
      .integer("skip-wait-for-delete-timeout", 0, 0, "If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.")
      .duration("timeout", "0s", "The length of time to wait before giving up, zero means infinite")
      .noOptDefault("dry-run", "unchanged");
  if (!parseFlags(env, fs, args,
                  "Drain node in preparation for maintenance.\n\nUsage:\n  kubectl drain NODE [options]\n"))
    return;
  auto run = std::make_shared<DrainRun>();
  run->ctx = &env.ctx;
  DrainOptions& o = run->opts;
  if (!dryRunStrategy(env, fs, o.dryRun)) return;
  std::string selector = fs.getString("selector");
  if (fs.args().empty() && !fs.changed("selector")) {
    env.usageError("USAGE: drain NODE [flags]");
    return;
  }
  if (!fs.args().empty() && !selector.empty()) {
    env.usageError("error: cannot specify both a node name and a --selector option");
    return;
  }
  o.force = fs.getBool("force");
  o.ignoreDaemonSets = fs.getBool("ignore-daemonsets");
  o.deleteEmptyDir = fs.getBool("delete-emptydir-data");
  o.disableEviction = fs.getBool("disable-eviction");
  // Bounded so that the deletion timestamp (in milliseconds) cannot overflow.
  o.gracePeriod = std::min<int64_t>(fs.getInt("grace-period"), int64_t{1} << 40);
  o.skipWaitSeconds = fs.getInt("skip-wait-for-delete-timeout");
  o.timeout = fs.getDurationMs("timeout");
  o.podSelector = fs.getString("pod-selector");
  if (!o.podSelector.empty()) {
    std::string err;
    if (!Selector::parse(o.podSelector, &err)) {
      env.failText("--pod-selector=" + o.podSelector + " is not a valid label selector: " + err);
      return;
    }
  }
  if (!resolveNodes(env, fs.args(), selector, &run->nodes)) return;
  if (!cordonAll(env, run->nodes, true, o.dryRun)) {
    env.done(1);
    return;
  }
  drainStep(run, env.ex);
}

void cmdTaint(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all", 0, false, "Select all nodes in the cluster")
      .boolean("allow-missing-template-keys", 0, true, "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.")
      .string("dry-run", 0, "none", kDryRunHelp)
      .string("field-manager", 0, "kubectl-taint", "Name of the manager used to track field ownership.")
      .string("output", 'o', "", "Output format.")
      .boolean("overwrite", 0, false, "If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.")
      .string("selector", 'l', "", kSelectorHelp)
      .boolean("show-managed-fields", 0, false, "If true, keep the managedFields when printing objects in JSON or YAML format.")
      .string("template", 0, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file.")
      .string("validate", 0, "strict", "Must be one of: strict (or true), warn, ignore (or false).")
      .noOptDefault("dry-run", "unchanged")
      .noOptDefault("validate", "strict");
  if (!parseFlags(env, fs, args,
                  "Update the taints on one or more nodes.\n\nUsage:\n  kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]\n"))
    return;
  std::string dryRun;
  if (!dryRunStrategy(env, fs, dryRun)) return;
  std::vector<std::string> resources, taintArgs;
  bool met = false;
  for (const auto& s : fs.args()) {
    bool isTaint = s.find('=') != std::string::npos || s.find(':') != std::string::npos || (!s.empty() && s.back() == '-');
    if (isTaint) {
      met = true;
      taintArgs.push_back(s);
    } else if (!met) {
      resources.push_back(s);
    } else {
      env.failText("all resources must be specified before taint changes: " + s);
      return;
    }
  }
  if (resources.empty()) {
    env.failText("one or more resources must be specified as <resource> <name>");
    return;
  }
  if (taintArgs.empty()) {
    env.failText("at least one taint update is required");
    return;
  }
  std::vector<Taint> toAdd, toRemove;
  for (const auto& spec : taintArgs) {
    std::string err;
    if (spec.back() == '-') {
      auto t = parseTaint(spec.substr(0, spec.size() - 1), &err);
      if (!t) return env.usageError(err);
      toRemove.push_back({t->key, "", t->effect, kNoTime});
      continue;
    }
    auto t = parseTaint(spec, &err);
    if (!t) return env.usageError(err);
    if (t->effect.empty()) return env.usageError("invalid taint spec: " + spec);
    for (const auto& a : toAdd)
      if (a.key == t->key && a.effect == t->effect)
        return env.usageError("duplicated taints with the same key and effect: {" + t->key + " " + t->value + " " + t->effect + " <nil>}");
    toAdd.push_back(*t);
  }
  // Validate: the resource type must be nodes.
  std::string type = resources[0];
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
  const ResourceInfo* r = findResource(type);
  if (!r) {
    env.failText("the server doesn't have a resource type \"" + type + "\"");
    return;
  }
  if (r->kind != "Node") {
    env.failText("invalid resource type " + type + ", only node types are supported");
    return;
  }
  std::vector<std::string> conflicts;
  for (const auto& a : toAdd)
    for (const auto& rm : toRemove)
      if (a.key == rm.key && (rm.effect.empty() || a.effect == rm.effect)) conflicts.push_back(rm.key + "=" + rm.effect);
  if (!conflicts.empty()) {
    std::string s;
    for (size_t i = 0; i < conflicts.size(); i++) s += (i ? ", " : "") + conflicts[i];
    env.failText("can not both modify and remove the following taint(s) in the same command: " + s);
    return;
  }
  bool all = fs.getBool("all");
  std::string selector = fs.getString("selector");
  if (all && !selector.empty()) {
    env.failText("setting 'all' parameter with a non empty selector is prohibited");
    return;
  }
  if (!all && selector.empty() && resources.size() < 2) {
    env.failText("at least one resource name must be specified since 'all' parameter is not set");
    return;
  }
  std::vector<Ptr<Node>> nodes;
  std::vector<std::string> names(resources.begin() + 1, resources.end());
  if (all || !selector.empty()) names.clear();
  if (!resolveNodes(env, names, selector, &nodes)) return;
  bool overwrite = fs.getBool("overwrite");
  std::string output = fs.getString("output");
  for (const auto& node : nodes) {
    const auto& old = node->spec.taints;
    if (!overwrite) {
      std::string exists;
      for (const auto& a : toAdd)
        for (const auto& o : old)
          if (a.key == o.key && a.effect == o.effect) exists += (exists.empty() ? "" : ",") + a.key;
      if (!exists.empty()) {
        env.failText("node " + node->metadata.name + " already has " + exists + " taint(s) with same effect(s) and --overwrite is false");
        return;
      }
    }
    // reorganizeTaints: the new taints first, then the old ones they do not replace.
    std::vector<Taint> next = toAdd;
    for (const auto& o : old) {
      bool replaced = false;
      for (const auto& a : toAdd) replaced |= a.key == o.key && a.effect == o.effect;
      if (!replaced) next.push_back(o);
    }
    bool added = old.size() != next.size();
    std::vector<std::string> notFound;
    bool removed = false;
    for (const auto& rm : toRemove) {
      size_t before = next.size();
      next.erase(std::remove_if(next.begin(), next.end(),
                                [&](const Taint& t) { return t.key == rm.key && (rm.effect.empty() || t.effect == rm.effect); }),
                 next.end());
      removed = next.size() != before;
      if (!removed) notFound.push_back("taint \"" + taintString(rm) + "\" not found");
    }
    if (!notFound.empty()) {
      std::vector<KError> errs;
      for (const auto& n : notFound) errs.push_back(KError::plain(n));
      env.failText(aggregateText(errs));
      return;
    }
    std::string op = (added && removed) || overwrite ? "modified" : added ? "tainted" : "untainted";
    if (dryRun != "client") {
      Response resp = patchNode(env, node->metadata.name, {{"spec", {{"taints", next.empty() ? Json(nullptr) : taintsJson(next)}}}},
                                dryRun == "server");
      if (!resp.ok()) {
        env.fail(KError::fromStatus(statusOf(resp)));
        return;
      }
    }
    std::string suffix = dryRun == "client" ? " (dry run)" : dryRun == "server" ? " (server dry run)" : "";
    if (output == "name") env.out("node/" + node->metadata.name + "\n");
    else env.out("node/" + node->metadata.name + " " + op + suffix + "\n");
  }
  env.done(0);
}

}  // namespace kp
