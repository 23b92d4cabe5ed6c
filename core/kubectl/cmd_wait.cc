// `kubectl wait --for=condition=Ready|delete|create|jsonpath=...`: visits the resources one after
// the other, as kubectl does, printing "pod/kubia-xxx condition met" for each and failing with
// "timed out waiting for the condition on pods/kubia-xxx" when the shared --timeout passes.
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

struct WaitSpec {
  enum Kind { Condition, Delete, Create, JsonPathValue } kind = Condition;
  std::string conditionName, conditionValue = "true";
  JsonPath path;
  std::string pathValue;
  bool matchAny = false;
};

bool equalFold(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// ConditionalWait.checkCondition / JSONPathWait.checkCondition; error text in *err.
bool checkObject(const WaitSpec& w, const Json& obj, std::string* err) {
  if (w.kind == WaitSpec::Condition) {
    if (!obj.contains("status") || !obj["status"].is_object()) return false;
    const Json& conds = obj["status"].contains("conditions") ? obj["status"]["conditions"] : Json();
    if (!conds.is_array()) return false;
    for (const auto& c : conds) {
      if (!c.is_object() || !c.contains("type") || !c["type"].is_string() || !equalFold(c["type"].get<std::string>(), w.conditionName))
        continue;
      if (!c.contains("status") || !c["status"].is_string()) continue;
      // A condition observed for an older generation does not count.
      if (obj.contains("metadata") && obj["metadata"].contains("generation") && obj["metadata"]["generation"].is_number()) {
        int64_t gen = obj["metadata"]["generation"].get<int64_t>();
        const Json* observed = nullptr;
        if (c.contains("observedGeneration")) observed = &c["observedGeneration"];
        else if (obj["status"].contains("observedGeneration")) observed = &obj["status"]["observedGeneration"];
        if (observed && observed->is_number() && observed->get<int64_t>() < gen) return false;
      }
      return equalFold(c["status"].get<std::string>(), w.conditionValue);
    }
    return false;
  }
  // jsonpath
  auto found = w.path.find(obj);
  if (found.empty()) return false;
  if (found.size() > 1) {
    *err = "given jsonpath expression matches more than one value";
    return false;
  }
  if (w.matchAny) return true;
  if (found[0].is_structured()) {
    *err = "jsonpath leads to a nested object or list which is not supported";
    return false;
  }
  auto trim = [](std::string s) {
    while (!s.empty() && isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
    size_t i = 0;
    while (i < s.size() && isspace(static_cast<unsigned char>(s[i]))) i++;
    return s.substr(i);
  };
  return trim(jsonScalarText(found[0])) == trim(w.pathValue);
}

struct WaitTarget {
  const ResourceInfo* r;
  std::string ns, name;
};

// The state of a running wait, shared by the poll steps.
struct WaitRun {
  KubectlContext* ctx;
  WaitSpec spec;
  std::vector<WaitTarget> targets;
  size_t next = 0;
  Time deadline;
  bool zeroTimeout = false;
  std::string output;
};

// Moves the wait on as far as the cluster allows now; finishes the execution when done.
void advanceWait(const std::shared_ptr<WaitRun>& run, Execution& ex) {
  Client& c = run->ctx->client;
  while (run->next < run->targets.size()) {
    const WaitTarget& t = run->targets[run->next];
    auto got = getJson(c, *t.r, t.ns, t.name);
    bool timedOut = run->ctx->now() >= run->deadline;
    auto met = [&] {
      if (run->output == "name") ex.out(resourceName(*t.r, t.name) + "\n");
      else ex.out(resourceName(*t.r, t.name) + " condition met\n");
      run->next++;
    };
    if (run->spec.kind == WaitSpec::Delete) {
      if (!got.ok() && got.status.reason == "NotFound") {
        met();
        continue;
      }
      if (!got.ok()) {
        ex.err(checkErrText(KError::fromStatus(got.status)));
        ex.finish(1);
        return;
      }
      if (run->zeroTimeout) {
        ex.err("error: condition not met for " + kindSlashName(*t.r, t.name) + "\n");
        ex.finish(1);
        return;
      }
    } else {
      if (!got.ok()) {
        ex.err(checkErrText(KError::fromStatus(got.status)));
        ex.finish(1);
        return;
      }
      std::string err;
      bool ok = checkObject(run->spec, got.value, &err);
      if (!err.empty()) {
        ex.err("error: " + err + "\n");
        ex.finish(1);
        return;
      }
      if (ok) {
        met();
        continue;
      }
      if (run->zeroTimeout) {
        ex.err("error: condition not met for " + t.r->resource + "/" + t.name + "\n");
        ex.finish(1);
        return;
      }
    }
    if (timedOut) {
      ex.err("error: timed out waiting for the condition on " + t.r->resource + "/" + t.name + "\n");
      ex.finish(1);
      return;
    }
    return;  // not yet: poll again later
  }
  ex.finish(0);
}

}  // namespace

void cmdWait(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("all", 0, false, "Select all resources in the namespace of the specified resource types")
      .boolean("all-namespaces", 'A', false, "If present, list the requested object(s) across all namespaces.")
      .boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("field-selector", 0, "", "Selector (field query) to filter on.")
      .stringSlice("filename", 'f', "identifying the resource.")
      .string("for", 0, "", "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].")
      .boolean("local", 0, false, "If true, annotation will NOT contact api-server but run locally.")
      .string("output", 'o', "", "Output format.")
      .boolean("recursive", 'R', true, "Process the directory used in -f recursively.")
      .string("selector", 'l', "", "Selector (label query) to filter on.")
      .boolean("show-managed-fields", 0, false, "Keep the managedFields when printing objects.")
      .string("template", 0, "", "Template string.")
      .duration("timeout", "30s", "The length of time to wait before giving up.");
  if (!parseFlags(env, fs, args,
                  "Experimental: Wait for a specific condition on one or many resources.\n\nUsage:\n  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]\n"))
    return;
  std::string output = fs.getString("output");
  if (!output.empty() && output != "name") {
    env.failText("unable to match a printer suitable for the output format " + goQuote(output) +
                 ", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml");
    return;
  }
  // conditionFuncFor
  std::string cond = fs.getString("for");
  std::string lower = cond;
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  WaitSpec spec;
  if (lower == "delete") {
    spec.kind = WaitSpec::Delete;
  } else if (lower == "create") {
    spec.kind = WaitSpec::Create;
  } else if (cond.rfind("condition=", 0) == 0) {
    spec.conditionName = cond.substr(10);
    auto eq = spec.conditionName.find('=');
    if (eq != std::string::npos) {
      spec.conditionValue = spec.conditionName.substr(eq + 1);
      spec.conditionName = spec.conditionName.substr(0, eq);
    }
  } else if (cond.rfind("jsonpath=", 0) == 0) {
    // splitJSONPathInput: '=' separates expression and value, '==' stays in the expression
    std::string input = cond.substr(9);
    std::vector<std::string> parts(1);
    for (size_t i = 0; i < input.size(); i++) {
      if (input[i] == '=') {
        if (i + 1 < input.size() && input[i + 1] == '=') {
          parts.back() += "==";
          i++;
          continue;
        }
        parts.emplace_back();
        continue;
      }
      parts.back() += input[i];
    }
    if (parts.size() > 2) {
      env.failText("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
      return;
    }
    std::string error;
    auto relaxed = relaxedJsonPath(parts[0], &error);
    if (!relaxed) {
      env.failText(error);
      return;
    }
    if (parts.size() == 2) {
      std::string v = parts[1];
      while (!v.empty() && (v.front() == '\'' || v.front() == '"')) v.erase(0, 1);
      while (!v.empty() && (v.back() == '\'' || v.back() == '"')) v.pop_back();
      if (v.empty()) {
        env.failText("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
        return;
      }
      spec.pathValue = v;
    } else {
      spec.matchAny = true;
    }
    if (relaxed->empty()) {
      env.failText("jsonpath expression cannot be empty");
      return;
    }
    auto jp = JsonPath::parse(*relaxed, &error);
    if (!jp) {
      env.failText(error);
      return;
    }
    spec.kind = WaitSpec::JsonPathValue;
    spec.path = *jp;
  } else {
    env.failText("unrecognized condition: " + goQuote(cond));
    return;
  }
  if (spec.kind == WaitSpec::Create) {
    env.failText("--for=create is not available in this simulated cluster");
    return;
  }
  int64_t timeout = fs.getDurationMs("timeout");
  if (timeout < 0) timeout = int64_t(168) * 3600 * 1000;

  BuilderOptions bo;
  bo.labelSelector = fs.getString("selector");
  bo.fieldSelector = fs.getString("field-selector");
  bo.selectAll = fs.getBool("all");
  bo.allNamespaces = fs.getBool("all-namespaces");
  Resolved res;
  if (auto e = resolveResources(fs.args(), bo, env.ns, "kubectl", res)) {
    env.fail(*e);
    return;
  }
  auto run = std::make_shared<WaitRun>();
  run->ctx = &env.ctx;
  run->spec = spec;
  run->deadline = env.now() + timeout;
  run->zeroTimeout = timeout == 0;
  run->output = output;
  for (const auto& v : res.visits) {
    if (v.name.empty()) {
      auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) {
        env.fail(KError::fromStatus(l.status));
        return;
      }
      for (const auto& o : l.value) {
        const Json& m = o.contains("metadata") ? o["metadata"] : Json::object();
        run->targets.push_back({v.resource, m.value("namespace", v.ns), m.value("name", "")});
      }
    } else {
      // the builder fetches each object; a missing one is an error (ignored for --for=delete)
      auto g = getJson(env.client(), *v.resource, v.ns, v.name);
      if (!g.ok()) {
        if (spec.kind == WaitSpec::Delete && g.status.reason == "NotFound") continue;
        if (run->targets.empty()) {
          env.fail(KError::fromStatus(g.status));
          return;
        }
      }
      run->targets.push_back({v.resource, v.ns, v.name});
    }
  }
  if (run->targets.empty()) {
    if (spec.kind == WaitSpec::Delete) {
      env.done(0);
      return;
    }
    env.failText("no matching resources found");
    return;
  }
  advanceWait(run, env.ex);
  if (!env.ex.finished()) env.ex.wait(run->deadline, [run](Execution& ex) { advanceWait(run, ex); });
}

}  // namespace kp
