// `kubectl create quota`, `create poddisruptionbudget` and `create priorityclass`, as
// create_quota.go, create_pdb.go and create_priorityclass.go build them: --hard parsed as
// resource quantities (shown canonical), the PDB's selector through ParseToLabelSelector.
#include <algorithm>
#include <map>
#include <regex>

#include "core/api/selector.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/create_generators.h"

namespace kp {

void cmdCreateQuota(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.string("hard", 0, "", "A comma-delimited set of resource=quantity pairs that define a hard limit.")
      .string("scopes", 0, "", "A comma-delimited set of quota scopes that must all match each object tracked by the quota.");
  if (!parseFlags(env, fs, args,
                  "Create a resource quota with the specified name, hard limits, and optional scopes.\n\nUsage:\n  kubectl create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  std::map<std::string, std::string> hard;  // a ResourceList: Go prints map keys sorted
  std::string hardSpec = fs.getString("hard");
  if (!hardSpec.empty()) {
    for (const auto& statement : split(hardSpec, ',')) {
      auto parts = split(statement, '=');
      if (parts.size() != 2) return env.failText("Invalid argument syntax " + statement + ", expected <resource>=<value>");
      std::string error;
      auto q = canonicalQuantity(parts[1], &error);
      if (!q) return env.failText(error);
      hard[parts[0]] = *q;
    }
  }
  std::vector<std::string> scopes;
  std::string scopeSpec = fs.getString("scopes");
  if (!scopeSpec.empty()) {
    for (const auto& s : split(scopeSpec, ',')) {
      if (s.empty()) return env.failText("invalid resource quota scope \"\"");
      scopes.push_back(s);
    }
  }
  OJson spec = OJson::object();
  if (!hard.empty()) {
    OJson h = OJson::object();
    for (const auto& [k, v] : hard) h[k] = v;
    spec["hard"] = h;
  }
  if (!scopes.empty()) spec["scopes"] = scopes;
  OJson quota = OJson::object();
  quota["kind"] = "ResourceQuota";
  quota["apiVersion"] = "v1";
  quota["metadata"] = generatedMeta(env, name);
  quota["spec"] = spec;
  quota["status"] = OJson::object();
  submitGenerated(env, fs, *resourceForKind("ResourceQuota"), name, quota, dryRun, output, "failed to create quota: ");
}

namespace {

// metav1.ParseToLabelSelector: equality into matchLabels, the rest into matchExpressions.
std::optional<OJson> parseToLabelSelector(const std::string& text, std::string* error) {
  std::string err;
  auto sel = Selector::parse(text, &err);
  if (!sel) {
    *error = "couldn't parse the selector string " + goQuote(text) + ": unable to parse requirement: " + err;
    return std::nullopt;
  }
  std::map<std::string, std::string> matchLabels;
  OJson exprs = OJson::array();
  for (const auto& r : sel->requirements()) {
    std::string op;
    switch (r.op) {
      case Requirement::Op::Equals:
        matchLabels[r.key] = r.values.empty() ? "" : r.values[0];
        continue;
      case Requirement::Op::NotEquals:
        *error = "\"!=\" is not a valid label selector operator";
        return std::nullopt;
      case Requirement::Op::In: op = "In"; break;
      case Requirement::Op::NotIn: op = "NotIn"; break;
      case Requirement::Op::Exists: op = "Exists"; break;
      case Requirement::Op::DoesNotExist: op = "DoesNotExist"; break;
    }
    OJson e = OJson::object();
    e["key"] = r.key;
    e["operator"] = op;
    std::vector<std::string> values = r.values;
    std::sort(values.begin(), values.end());
    if (!values.empty()) e["values"] = values;
    exprs.push_back(e);
  }
  OJson out = OJson::object();
  if (!matchLabels.empty()) {
    OJson m = OJson::object();
    for (const auto& [k, v] : matchLabels) m[k] = v;
    out["matchLabels"] = m;
  }
  if (!exprs.empty()) out["matchExpressions"] = exprs;
  return out;
}

// intstr.Parse: an integer when strconv.Atoi takes it, else the string.
OJson intOrString(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s.size() < 10) return std::stoll(s);
  return s;
}

}  // namespace

void cmdCreatePodDisruptionBudget(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.string("max-unavailable", 0, "", "The maximum number or percentage of unavailable pods this budget requires.")
      .string("min-available", 0, "", "The minimum number or percentage of available pods this budget requires.")
      .string("selector", 0, "", "A label selector to use for this budget. Only equality-based selector requirements are supported.");
  if (!parseFlags(env, fs, args,
                  "Create a pod disruption budget with the specified name, selector, and desired minimum available pods.\n\nUsage:\n  kubectl create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  std::string selector = fs.getString("selector"), minAvailable = fs.getString("min-available"),
              maxUnavailable = fs.getString("max-unavailable");
  if (selector.empty()) return env.failText("a selector must be specified");
  if (maxUnavailable.empty() && minAvailable.empty())
    return env.failText("one of min-available or max-unavailable must be specified");
  if (!maxUnavailable.empty() && !minAvailable.empty())
    return env.failText("min-available and max-unavailable cannot be both specified");
  static const std::regex re("^[0-9]+%?$");
  if (!minAvailable.empty() && !std::regex_match(minAvailable, re))
    return env.failText("invalid format specified for min-available");
  if (!maxUnavailable.empty() && !std::regex_match(maxUnavailable, re))
    return env.failText("invalid format specified for max-unavailable");
  std::string error;
  auto sel = parseToLabelSelector(selector, &error);
  if (!sel) return env.failText(error);
  OJson spec = OJson::object();
  if (!minAvailable.empty()) spec["minAvailable"] = intOrString(minAvailable);
  spec["selector"] = *sel;
  if (!maxUnavailable.empty() && minAvailable.empty()) spec["maxUnavailable"] = intOrString(maxUnavailable);
  OJson status = OJson::object();
  status["disruptionsAllowed"] = 0;
  status["currentHealthy"] = 0;
  status["desiredHealthy"] = 0;
  status["expectedPods"] = 0;
  OJson pdb = OJson::object();
  pdb["kind"] = "PodDisruptionBudget";
  pdb["apiVersion"] = "policy/v1";
  pdb["metadata"] = generatedMeta(env, name);
  pdb["spec"] = spec;
  pdb["status"] = status;
  submitGenerated(env, fs, *resourceForKind("PodDisruptionBudget"), name, pdb, dryRun, output,
                  "failed to create poddisruptionbudgets: ");
}

void cmdCreatePriorityClass(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.string("description", 0, "", "description is an arbitrary string that usually provides guidelines on when this priority class should be used.")
      .boolean("global-default", 0, false, "global-default specifies whether this PriorityClass should be considered as the default priority.")
      .string("preemption-policy", 0, "PreemptLowerPriority", "preemption-policy is the policy for preempting pods with lower priority.")
      .int32("value", 0, 0, "the value of this priority class.");
  if (!parseFlags(env, fs, args,
                  "Create a priority class with the specified name, value, globalDefault and description.\n\nUsage:\n  kubectl create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  OJson meta = OJson::object();
  meta["name"] = name;
  meta["creationTimestamp"] = nullptr;
  OJson pc = OJson::object();
  pc["kind"] = "PriorityClass";
  pc["apiVersion"] = "scheduling.k8s.io/v1";
  pc["metadata"] = meta;
  pc["value"] = fs.getInt("value");
  if (fs.getBool("global-default")) pc["globalDefault"] = true;
  if (!fs.getString("description").empty()) pc["description"] = fs.getString("description");
  pc["preemptionPolicy"] = fs.getString("preemption-policy");
  submitGenerated(env, fs, *resourceForKind("PriorityClass"), name, pc, dryRun, output, "failed to create priorityclass: ");
}

}  // namespace kp
