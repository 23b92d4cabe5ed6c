// Shared pieces of the kubectl commands: kubectl's error values and how CheckErr prints them,
// the resource builder (TYPE NAME, TYPE/NAME, comma lists, `all`, selectors) as cli-runtime
// resolves arguments, and small helpers for API responses.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "core/kubectl/flags.h"
#include "core/kubectl/kubectl.h"

namespace kp {

// An error as kubectl's commands return it: a server Status (printed by StandardErrorMessage)
// or a plain Go error text.
struct KError {
  bool api = false;
  Status status;        // when api
  std::string message;  // when !api: err.Error()
  static KError plain(std::string m) { KError e; e.message = std::move(m); return e; }
  static KError fromStatus(Status s) { KError e; e.api = true; e.status = std::move(s); return e; }
  // Go's err.Error(): the message (for API errors: Status.message).
  std::string text() const { return api ? status.message : message; }
};

// cmdutil.CheckErr's text for one error (with its final newline).
std::string checkErrText(const KError& e);
// CheckErr of an aggregate: one error as checkErrText, several one per line (MultipleErrors).
std::string checkErrText(const std::vector<KError>& errs);
// Go's utilerrors.Aggregate.Error(): "msg" or "[a, b]".
std::string aggregateText(const std::vector<KError>& errs);

// The Status carried by a failed response (a metav1.Status body, or what client-go makes of
// a body that is not one).
Status statusOf(const Response& resp);

// One command invocation: the context, the execution, and the command path for usage texts.
struct CmdEnv {
  KubectlContext& ctx;
  Execution& ex;
  std::string path;        // "kubectl create deployment"
  std::string ns;          // effective namespace (-n or the context's)
  bool nsExplicit = false; // -n given
  Client& client() { return ctx.client; }
  Time now() const { return ctx.now(); }
  void out(const std::string& s) { ex.out(s); }
  void err(const std::string& s) { ex.err(s); }
  // Prints CheckErr's text for e and finishes with exit code 1.
  void fail(const KError& e);
  void fail(const std::vector<KError>& errs);
  void failText(const std::string& msg);  // "error: " + msg
  // cmdutil.UsageErrorf: "error: <msg>\nSee '<path> -h' for help and examples"
  void usageError(const std::string& msg);
  void done(int code = 0) { ex.finish(code); }
};

// The flags every kubectl command accepts (kubectl options), added to a command's FlagSet.
void addGlobalFlags(FlagSet& fs);

// ---- the resource builder (cli-runtime resource.Builder, as far as kubectl's commands use it)
struct BuilderOptions {
  bool allowEmptySelector = false;  // ResourceTypeOrNameArgs(true, ...): `get pods` lists all
  std::optional<std::string> labelSelector, fieldSelector;
  bool selectAll = false;           // --all
  bool allNamespaces = false;       // -A
  bool singleResourceType = false;
};

// One thing to visit: a list of a resource (name empty) or one named object.
struct Visit {
  const ResourceInfo* resource = nullptr;
  std::string ns;    // "" for cluster-scoped, or every namespace with -A
  std::string name;  // empty: list with the selectors
};

struct Resolved {
  std::vector<Visit> visits;
  bool isList = false;             // visits are selector lists
  bool singleItemImplied = false;  // exactly one named object was asked for
  std::string labelSelector, fieldSelector;
};

// Resolves args as ResourceTypeOrNameArgs + the builder's visitor choice; errors are the
// builder's texts ("the server doesn't have a resource type \"foo\"", ...).
std::optional<KError> resolveResources(const std::vector<std::string>& args, const BuilderOptions& opts,
                                       const std::string& ns, const std::string& commandName,
                                       Resolved& out);

// The resource builder's Selector visitor: a list that failed as BadRequest or NotFound names
// what was listed ("Unable to list \"/v1, Resource=pods\": ...", or "Unable to find ... that
// match label selector ..., field selector ...: ..." when selectors were given).
Status listError(Status s, const ResourceInfo& r, const std::string& labelSelector, const std::string& fieldSelector);

// The item of a list response with the kind/apiVersion kubectl's unstructured decoding restores.
Json listItem(const ResourceInfo& r, const Json& item);

// "pod/kubia", "deployment.apps/kubia" (kind lower-cased, as the name printer)
std::string kindSlashName(const ResourceInfo& r, const std::string& name);
// "pod", "deployment.apps": as delete names objects
std::string kindString(const ResourceInfo& r);

// Lists objects as JSON (items with kind restored); error Status on failure.
Result<std::vector<Json>> listJson(Client& c, const ResourceInfo& r, const std::string& ns,
                                   const std::string& labelSelector, const std::string& fieldSelector);
Result<Json> getJson(Client& c, const ResourceInfo& r, const std::string& ns, const std::string& name,
                     const std::string& subresource = "");

// Orders pods as kubectl picks one for logs/exec of a controller (podutils.ByLogging).
void sortByLogging(std::vector<Json>& pods);

// Label maps: "app=kubia,tier=web" with sorted keys (Go maps print unordered; sorted is stable).
std::string joinLabels(const StringMap& m);

// The commands.
void cmdGet(CmdEnv& env, const std::vector<std::string>& args);
void cmdDescribe(CmdEnv& env, const std::vector<std::string>& args);
void cmdRun(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreate(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateDeployment(CmdEnv& env, const std::vector<std::string>& args);
void cmdExpose(CmdEnv& env, const std::vector<std::string>& args);
void cmdScale(CmdEnv& env, const std::vector<std::string>& args);
void cmdDelete(CmdEnv& env, const std::vector<std::string>& args);
void cmdLogs(CmdEnv& env, const std::vector<std::string>& args);
void cmdExec(CmdEnv& env, const std::vector<std::string>& args);
// kubectl run -i/-t/--attach: waits for pod `name`, shows its output, --rm deletes it.
void runAttached(CmdEnv& env, const std::string& name, bool remove, bool tty, bool quiet);
void cmdWait(CmdEnv& env, const std::vector<std::string>& args);
void cmdPortForward(CmdEnv& env, const std::vector<std::string>& args);
// AttachablePodForObject: the pod TYPE/NAME (or POD) names; the object's JSON to *object when
// given. false: the error was printed.
bool attachablePod(CmdEnv& env, const std::string& target, std::string* podName, Json* object);
// SelectorsForObject: the label selector (as a query string) of the pods an object of this
// kind owns or selects, or nullopt for a kind that selects no pods.
std::optional<std::string> podSelectorOf(const ResourceInfo& r, const Json& obj);
// Runs an exec (or attach) request: copies the stream to the console until its final Status;
// with sendInput the command's standard input is written first and closed.
void runRemote(CmdEnv& env, const Request& req, bool sendInput);
void cmdClusterInfo(CmdEnv& env, const std::vector<std::string>& args);
void cmdVersion(CmdEnv& env, const std::vector<std::string>& args);
void cmdApiResources(CmdEnv& env, const std::vector<std::string>& args);
void cmdApiVersions(CmdEnv& env, const std::vector<std::string>& args);
void cmdTop(CmdEnv& env, const std::vector<std::string>& args);
void cmdCreateNamespace(CmdEnv& env, const std::vector<std::string>& args);
void cmdLabel(CmdEnv& env, const std::vector<std::string>& args);
void cmdAnnotate(CmdEnv& env, const std::vector<std::string>& args);
void cmdConfig(CmdEnv& env, const std::vector<std::string>& args);
void cmdSet(CmdEnv& env, const std::vector<std::string>& args);
void cmdRollout(CmdEnv& env, const std::vector<std::string>& args);

// Parses a command's flags (its own plus the global ones); on a flag error prints kubectl's
// text and finishes the execution, returning false. Handles -h/--help.
bool parseFlags(CmdEnv& env, FlagSet& fs, const std::vector<std::string>& args, const std::string& helpText);

// cmdutil.GetDryRunStrategy: "none", "client" or "server" into `strategy`; on a bad value prints
// kubectl's error, finishes the execution and returns false.
bool dryRunStrategy(CmdEnv& env, const FlagSet& fs, std::string& strategy);
// The printers of the commands that change objects (name, json, yaml; empty = the command's
// own message). Anything else: kubectl's error (finished, false).
bool genericOutputFormat(CmdEnv& env, const std::string& output);

// The flags of `kubectl create namespace|configmap|secret|job` (output, dry-run, validation).
void addCreateSubcommandFlags(FlagSet& fs);
// create.go's NameFromCommandArgs: exactly one NAME before any `--`; otherwise the usage error.
bool nameFromCommandArgs(CmdEnv& env, const FlagSet& fs, std::string& name);

// A tiny JSONPath (k8s.io/client-go/util/jsonpath subset): .a.b, [n], [*], [?(@.k=="v")].
struct JsonPath {
  struct Step {
    enum Kind { Field, Index, All, Filter } kind = Field;
    std::string field;
    long long index = 0;
    std::vector<Step> filterPath;
    std::string filterValue;
    bool filterNotEqual = false;
  };
  std::vector<Step> steps;
  // Parses one path such as ".status.phase" (with or without braces); *error on failure.
  static std::optional<JsonPath> parse(const std::string& expr, std::string* error);
  // Every value the path reaches (missing keys reach nothing).
  std::vector<Json> find(const Json& root) const;
};
// Renders a kubectl -o jsonpath template ("{.items[*].metadata.name}{\"\\n\"}", {range}..{end}).
std::optional<std::string> renderJsonPathTemplate(const std::string& tmpl, const Json& root, std::string* error);
// kubectl wait's RelaxedJSONPathExpression: "{.a.b}", ".a.b" and "a.b" name the same path.
std::optional<std::string> relaxedJsonPath(const std::string& expr, std::string* error);
// Go's fmt %v of a JSON scalar as unstructured holds it (3 for 3.0, true, text).
std::string jsonScalarText(const Json& j);

// "k=v,k2=v2" label flags (run --labels, expose --labels/--selector); *error on a bad item.
std::optional<std::map<std::string, std::string>> parseLabelSpec(const std::string& spec, std::string* error);

}  // namespace kp
