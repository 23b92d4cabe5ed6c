// Buffered store watches for waiting kubectl commands (see watch.h).
#include "core/kubectl/watch.h"

#include <optional>
#include <string>

#include "core/api/selector.h"
#include "core/apiserver/tables.h"

#include "core/sim/cluster.h"

namespace kp {

std::shared_ptr<WatchBuffer> startWatch(CmdEnv& env, const ResourceInfo& r,
                                        std::function<bool(const Object&)> match) {
  auto buffer = std::make_shared<WatchBuffer>();
  Store& store = env.ctx.cluster.api().store();
  std::string kind = r.kind;
  // The watcher holds the buffer, not the command: a watcher left behind never dangles.
  std::weak_ptr<WatchBuffer> weak = buffer;
  Cluster* cluster = &env.ctx.cluster;
  int id = store.watch([weak, kind, match, cluster](const WatchEvent& e) {
    auto b = weak.lock();
    if (!b || !e.resource || e.resource->kind != kind || !e.object || !match(*e.object)) return;
    if (b->events.size() < 100000) b->events.push_back({e, cluster->now()});
  });
  Store* s = &store;
  env.ex.onFinish([s, id] { s->unwatch(id); });
  return buffer;
}


// ---------------------------------------------------------------- kubectl get -w

namespace {

// The fields a watch can filter on without the server: names, namespaces and the pod fields
// learners use (spec.nodeName, status.phase).
std::optional<std::string> watchField(const Object& o, const std::string& field) {
  if (field == "metadata.name") return o.metadata.name;
  if (field == "metadata.namespace") return o.metadata.namespace_;
  if (std::string(o.kind()) == "Pod") {
    const auto& p = static_cast<const Pod&>(o);
    if (field == "spec.nodeName") return p.spec.nodeName;
    if (field == "status.phase") return p.status.phase;
  }
  return std::nullopt;
}

struct GetWatchJob {
  const ResourceInfo* r = nullptr;
  GetWatchOptions opts;
  std::shared_ptr<WatchBuffer> buffer;
  std::vector<int> widths;   // the tabwriter's remembered column widths
  bool headerPrinted = false;
  int printed = 0;           // objects printed by the generic printers
};

void printObject(CmdEnv& env, GetWatchJob& job, const Json& obj) {
  const std::string& output = job.opts.output;
  if (output == "name") {
    std::string name;
    if (obj.contains("metadata") && obj["metadata"].is_object()) name = obj["metadata"].value("name", "");
    env.out(resourceName(*job.r, name) + "\n");
  } else if (output == "json") {
    env.out(toJsonText(obj));
  } else {
    if (job.printed > 0) env.out("---\n");
    env.out(toYaml(obj));
  }
  job.printed++;
}

void printRows(CmdEnv& env, GetWatchJob& job, const Json& table) {
  if (!table.is_object() || !table.contains("rows") || !table["rows"].is_array() || table["rows"].empty()) return;
  TablePrintOptions po = job.opts.table;
  if (job.headerPrinted) po.noHeaders = true;
  std::string text = printTableCells(table, *job.r, po);
  if (text.empty()) return;
  env.out(tabwriteRemembering(text, job.widths));
  job.headerPrinted = true;
}

void watchStep(CmdEnv env, std::shared_ptr<GetWatchJob> job) {
  auto& cluster = env.ctx.cluster;
  for (const auto& item : job->buffer->take()) {
    const ObjectPtr& obj = item.event.object;
    if (job->opts.output == "" || job->opts.output == "wide") {
      Json table = renderTable(*job->r, {obj}, item.at, cluster.store().resourceVersion());
      printRows(env, *job, table);
    } else {
      printObject(env, *job, listItem(*job->r, obj->toJson()));
    }
  }
  // Waits until interrupted (Ctrl+C), as kubectl does.
  env.ex.wait(kNoTime, [env, job](Execution&) { watchStep(env, job); });
}

}  // namespace

void watchGet(CmdEnv& env, const Resolved& res, const GetWatchOptions& opts) {
  if (res.visits.empty()) {
    env.done(0);
    return;
  }
  for (const auto& v : res.visits)
    if (v.resource != res.visits[0].resource) {
      env.failText("you may only specify a single resource type");
      return;
    }
  auto job = std::make_shared<GetWatchJob>();
  job->r = res.visits[0].resource;
  job->opts = opts;
  const bool human = opts.output.empty() || opts.output == "wide";
  // The builder's infos: every named object must exist; a list is read once.
  std::vector<ObjectPtr> current;
  std::vector<std::string> names;
  bool isList = false;
  for (const auto& v : res.visits) {
    if (v.name.empty()) {
      isList = true;
      auto l = env.client().list(*v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) {
        env.fail(KError::fromStatus(l.status));
        return;
      }
      for (auto& o : l.value) current.push_back(o);
    } else {
      auto g = env.client().get(*v.resource, v.ns, v.name);
      if (!g.ok()) {
        if (opts.ignoreNotFound && g.status.reason == "NotFound") {
          env.done(0);
          return;
        }
        env.fail(KError::fromStatus(g.status));
        return;
      }
      current.push_back(g.value);
      names.push_back(v.name);
    }
  }
  if (!opts.watchOnly) {
    if (human) {
      Json table = renderTable(*job->r, current, env.now(), env.ctx.cluster.store().resourceVersion());
      printRows(env, *job, table);
    } else {
      for (const auto& o : current) printObject(env, *job, listItem(*job->r, o->toJson()));
    }
  }
  if (res.visits.size() > 1) {
    env.failText("watch is only supported on individual resources and resource collections, but " +
                 std::to_string(current.size()) + " resources were found");
    return;
  }
  const Visit& v = res.visits[0];
  std::string ns = v.ns, name = v.name;
  std::optional<Selector> labels;
  std::optional<FieldSelector> fields;
  std::string err;
  if (isList && !res.labelSelector.empty()) labels = Selector::parse(res.labelSelector, &err);
  if (isList && !res.fieldSelector.empty()) fields = FieldSelector::parse(res.fieldSelector, &err);
  bool namespaced = v.resource->namespaced;
  job->buffer = startWatch(env, *v.resource, [ns, name, labels, fields, namespaced](const Object& o) {
    if (namespaced && !ns.empty() && o.metadata.namespace_ != ns) return false;
    if (!name.empty() && o.metadata.name != name) return false;
    if (labels && !labels->matches(o.metadata.labels)) return false;
    if (fields && !fields->matches([&o](const std::string& f) { return watchField(o, f); })) return false;
    return true;
  });
  watchStep(env, job);
}

}  // namespace kp
