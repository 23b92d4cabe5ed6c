// Watches through the API (see watch.h), and `kubectl get -w` as get.go's watch() runs it.
#include "core/kubectl/watch.h"

#include <optional>
#include <string>

namespace kp {

Result<std::shared_ptr<ApiWatch>> ApiWatch::open(CmdEnv& env, const ResourceInfo& r, const std::string& ns,
                                                 const std::string& resourceVersion, const std::string& labelSelector,
                                                 const std::string& fieldSelector, bool table) {
  Response resp = env.client().watch(r, ns, resourceVersion, labelSelector, fieldSelector, table);
  if (!resp.ok()) return statusOf(resp);
  if (!resp.stream) return Status{500, "InternalError", "the server did not answer the watch with a stream"};
  auto w = std::make_shared<ApiWatch>();
  w->stream_ = resp.stream;
  auto stream = resp.stream;
  env.ex.onFinish([stream] { stream->cancel(); });
  return w;
}

std::vector<ApiWatch::Event> ApiWatch::next() {
  std::vector<Event> out;
  for (auto& c : stream_->take()) {
    if (!c.event.is_object()) continue;
    std::string type = c.event.value("type", "");
    if (type == "BOOKMARK") continue;
    out.push_back({type, c.event.contains("object") ? c.event["object"] : Json()});
  }
  return out;
}

namespace {

struct GetWatchJob {
  const ResourceInfo* r = nullptr;
  GetWatchOptions opts;
  std::shared_ptr<ApiWatch> watch;
  std::vector<int> widths;   // the tabwriter's remembered column widths
  Json columns = Json::array();  // the Table columns seen last
  bool headerPrinted = false;
  bool skipFirst = false;    // a watch of one object starts with a synthetic ADDED
  int printed = 0;           // objects printed by the generic printers
};

bool human(const GetWatchOptions& o) { return o.output.empty() || o.output == "wide"; }

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
  // Only the first event of a Table watch carries the column definitions; later rows are
  // printed with the ones seen last.
  Json t = table;
  if (t.contains("columnDefinitions") && t["columnDefinitions"].is_array()) job.columns = t["columnDefinitions"];
  else t["columnDefinitions"] = job.columns;
  std::string text = printTableCells(t, *job.r, po);
  if (text.empty()) return;
  env.out(tabwriteRemembering(text, job.widths));
  job.headerPrinted = true;
}

void print(CmdEnv& env, GetWatchJob& job, const Json& obj) {
  if (human(job.opts)) printRows(env, job, obj);
  else printObject(env, job, listItem(*job.r, obj));
}

void watchStep(CmdEnv env, std::shared_ptr<GetWatchJob> job) {
  for (const auto& e : job->watch->next()) {
    if (e.type == "ERROR") {
      env.fail(KError::fromStatus(Status::fromJson(e.object)));
      return;
    }
    if (job->skipFirst) {
      job->skipFirst = false;
      continue;
    }
    print(env, *job, e.object);
  }
  // The server closed the watch (its timeout): get -w ends, as UntilWithoutRetry does.
  if (job->watch->ended()) {
    env.done(0);
    return;
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
  const bool table = human(opts);
  // The builder's infos: every named object must exist; a list is read once.
  std::vector<Json> current;  // objects, or Tables when human
  std::string listVersion;
  bool isList = false;
  for (const auto& v : res.visits) {
    Request req;
    req.path = Client::path(*v.resource, v.ns, v.name);
    if (v.name.empty()) {
      isList = true;
      req.query["limit"] = "500";
      if (!res.labelSelector.empty()) req.query["labelSelector"] = res.labelSelector;
      if (!res.fieldSelector.empty()) req.query["fieldSelector"] = res.fieldSelector;
    }
    if (table) req.accept = Client::tableAccept();
    Response resp = env.client().request(req);
    if (!resp.ok()) {
      Status s = statusOf(resp);
      if (!v.name.empty() && opts.ignoreNotFound && s.reason == "NotFound") {
        env.done(0);
        return;
      }
      env.fail(KError::fromStatus(s));
      return;
    }
    if (v.name.empty() && resp.body.contains("metadata") && resp.body["metadata"].is_object())
      listVersion = resp.body["metadata"].value("resourceVersion", "");
    if (table || !v.name.empty()) current.push_back(resp.body);
    else if (resp.body.contains("items") && resp.body["items"].is_array())
      for (const auto& item : resp.body["items"]) current.push_back(item);
  }
  if (!opts.watchOnly)
    for (const auto& o : current) print(env, *job, o);
  if (res.visits.size() > 1) {
    env.failText("watch is only supported on individual resources and resource collections, but " +
                 std::to_string(current.size()) + " resources were found");
    return;
  }
  const Visit& v = res.visits[0];
  // A list's version is ~now and its watch sends no synthetic events; one object is watched
  // from "0" by name, whose first (synthetic) ADDED is not printed.
  std::string rv = isList ? listVersion : "0";
  std::string fields = isList ? res.fieldSelector : "metadata.name=" + v.name;
  job->skipFirst = !isList;
  auto w = ApiWatch::open(env, *v.resource, v.ns, rv, isList ? res.labelSelector : "", fields, table);
  if (!w.ok()) {
    env.fail(KError::fromStatus(w.status));
    return;
  }
  job->watch = w.value;
  watchStep(env, job);
}

}  // namespace kp
