// `kubectl create configmap`, `kubectl create secret generic` and `kubectl create job`: build the
// object as kubectl's generators do (literals in data, secret values base64-encoded, a Job with
// restartPolicy Never and the command after --), POST it with kubectl's fieldManager and print
// "configmap/NAME created" / "secret/NAME created" / "job.batch/NAME created".
#include <regex>

#include "core/api/base64.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/cmd_create_kinds.h"
#include "core/kubectl/create_generators.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

bool validConfigKey(const std::string& k) {
  static const std::regex re("[-._a-zA-Z0-9]+");
  return !k.empty() && k.size() <= 253 && std::regex_match(k, re) && k != "." && k != ".." && k.rfind("..", 0) != 0;
}
const char* kConfigKeyMsg =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

// --from-literal / --from-file / --from-env-file into data; false after printing the error.
bool collectData(CmdEnv& env, const FlagSet& fs, const std::string& kindName, const std::string& objName,
                 bool secret, StringMap& data) {
  for (const auto& f : fs.getList("from-file")) {
    std::string path = f.substr(f.find('=') == std::string::npos ? 0 : f.find('=') + 1);
    env.failText("error reading " + path + ": no such file or directory");
    return false;
  }
  if (!fs.getList("from-env-file").empty() && (!fs.getList("from-file").empty() || !fs.getList("from-literal").empty())) {
    env.failText("from-env-file cannot be combined with from-file or from-literal");
    return false;
  }
  for (const auto& lit : fs.getList("from-literal")) {
    auto eq = lit.find('=');
    if (eq == std::string::npos || eq == 0) {
      env.failText("invalid literal source " + lit + ", expected key=value");
      return false;
    }
    std::string key = lit.substr(0, eq), value = lit.substr(eq + 1);
    if (!validConfigKey(key)) {
      if (secret) env.failText(goQuote(key) + " is not valid key name for a Secret " + kConfigKeyMsg);
      else env.failText(goQuote(key) + " is not a valid key name for a ConfigMap: " + kConfigKeyMsg);
      return false;
    }
    if (data.count(key)) {
      if (secret) env.failText("cannot add key " + key + ", another key by that name already exists");
      else env.failText("cannot add key " + goQuote(key) + ", another key by that name already exists in Data for " + kindName + " " + goQuote(objName));
      return false;
    }
    data[key] = secret ? base64Encode(value) : value;
  }
  // --from-env-file: KEY=VALUE lines of the console's files (kubectl's processEnvFileLine)
  for (const auto& f : fs.getList("from-env-file")) {
    auto text = env.ctx.files ? env.ctx.files->read(f) : std::nullopt;
    if (!text) {
      env.failText("error reading " + f + ": no such file or directory");
      return false;
    }
    for (std::string line : splitLines(*text)) {
      if (startsWith(line, "\xEF\xBB\xBF")) line.erase(0, 3);
      size_t start = line.find_first_not_of(" \t\r\v\f");
      if (start == std::string::npos || line[start] == '#') continue;
      line.erase(0, start);
      auto eq = line.find('=');
      std::string key = line.substr(0, eq), value = eq == std::string::npos ? "" : line.substr(eq + 1);
      static const std::regex envName("[-._a-zA-Z][-._a-zA-Z0-9]*");
      if (!std::regex_match(key, envName)) {
        env.failText(goQuote(key) + " is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')");
        return false;
      }
      if (data.count(key)) {
        if (secret) env.failText("cannot add key " + key + ", another key by that name already exists");
        else env.failText("cannot add key " + goQuote(key) + ", another key by that name already exists in Data for " + kindName + " " + goQuote(objName));
        return false;
      }
      data[key] = secret ? base64Encode(value) : value;
    }
  }
  return true;
}

}  // namespace

void cmdCreateConfigMap(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.boolean("append-hash", 0, false, "Append a hash of the configmap to its name.")
      .stringSlice("from-env-file", 0, "Specify the path to a file to read lines of key=val pairs to create a configmap.")
      .stringSlice("from-file", 0, "Key file can be specified using its file path.")
      .stringArray("from-literal", 0, "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)");
  if (!parseFlags(env, fs, args,
                  "Create a config map based on a file, directory, or specified literal value.\n\nUsage:\n  kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs)) return;
  StringMap data;
  if (!collectData(env, fs, "ConfigMap", name, false, data)) return;
  OJson obj = OJson::object();
  obj["kind"] = "ConfigMap";
  obj["apiVersion"] = "v1";
  obj["metadata"] = generatedMeta(env, name);
  if (!data.empty()) obj["data"] = OJson::parse(Json(data).dump());
  submitGenerated(env, fs, *resourceForKind("ConfigMap"), name, obj, dryRun, output, "failed to create configmap: ");
}

void cmdCreateSecretGeneric(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.boolean("append-hash", 0, false, "Append a hash of the secret to its name.")
      .stringSlice("from-env-file", 0, "Specify the path to a file to read lines of key=val pairs to create a secret.")
      .stringSlice("from-file", 0, "Key files can be specified using their file path.")
      .stringArray("from-literal", 0, "Specify a key and literal value to insert in secret (i.e. mykey=somevalue)")
      .string("type", 0, "", "The type of secret to create");
  if (!parseFlags(env, fs, args,
                  "Create a secret based on a file, directory, or specified literal value.\n\nUsage:\n  kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs)) return;
  StringMap data;
  if (!collectData(env, fs, "Secret", name, true, data)) return;
  OJson obj = OJson::object();
  obj["kind"] = "Secret";
  obj["apiVersion"] = "v1";
  obj["metadata"] = generatedMeta(env, name);
  if (!data.empty()) obj["data"] = OJson::parse(Json(data).dump());
  if (!fs.getString("type").empty()) obj["type"] = fs.getString("type");
  submitGenerated(env, fs, *resourceForKind("Secret"), name, obj, dryRun, output, "failed to create secret: ");
}

void cmdCreateSecret(CmdEnv& env, const std::vector<std::string>& args) {
  // `kubectl create secret` has the subcommands generic, docker-registry and tls.
  std::vector<std::string> rest = args;
  for (size_t i = 0; i < rest.size(); i++) {
    const std::string& a = rest[i];
    if (a == "--") break;
    if (!a.empty() && a[0] == '-') continue;
    if (a == "generic") {
      rest.erase(rest.begin() + static_cast<long>(i));
      env.path += " generic";
      cmdCreateSecretGeneric(env, rest);
      return;
    }
    if (a == "docker-registry" || a == "tls") {
      const std::string sub = a;  // a refers into rest
      rest.erase(rest.begin() + static_cast<long>(i));
      env.path += " " + sub;
      if (sub == "tls") cmdCreateSecretTls(env, rest);
      else cmdCreateSecretDockerRegistry(env, rest);
      return;
    }
    std::string all;
    for (size_t j = i; j < rest.size(); j++) all += (j > i ? " " : "") + rest[j];
    env.err("error: unknown command \"" + all + "\"\nSee '" + env.path + " -h' for help and examples\n");
    env.done(1);
    return;
  }
  env.out("Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.\n\nAvailable Commands:\n  docker-registry   Create a secret for use with a Docker registry\n  generic           Create a secret from a local file, directory, or literal value\n  tls               Create a TLS secret\n\nUsage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n\nUse \"kubectl create secret <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n");
  env.done(0);
}

void cmdCreateJob(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.string("from", 0, "", "The name of the resource to create a Job from (only cronjob is supported).")
      .string("image", 0, "", "Image name to run.");
  if (!parseFlags(env, fs, args,
                  "Create a job with the specified name.\n\nUsage:\n  kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name)) return;
  std::string image = fs.getString("image"), from = fs.getString("from");
  if (!dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs)) return;
  const auto& pos = fs.args();
  std::vector<std::string> command;
  if (fs.argsLenAtDash() != -1) command.assign(pos.begin() + fs.argsLenAtDash(), pos.end());
  if (image.empty() == from.empty()) {
    env.failText("either --image or --from must be specified");
    return;
  }
  if (!command.empty() && !from.empty()) {
    env.failText("cannot specify --from and command");
    return;
  }
  if (!from.empty()) {
    createJobFromCronJob(env, fs, name, from, dryRun, output);
    return;
  }
  // Go's struct field order, which `-o json` of a dry run shows
  OJson container = OJson::object();
  container["name"] = name;
  container["image"] = image;
  if (!command.empty()) container["command"] = command;
  container["resources"] = OJson::object();
  OJson podSpec = OJson::object();
  podSpec["containers"] = OJson::array({container});
  podSpec["restartPolicy"] = "Never";
  OJson templ = OJson::object();
  templ["metadata"] = OJson{{"creationTimestamp", nullptr}};
  templ["spec"] = podSpec;
  OJson obj = OJson::object();
  obj["kind"] = "Job";
  obj["apiVersion"] = "batch/v1";
  obj["metadata"] = generatedMeta(env, name);
  obj["spec"] = OJson{{"template", templ}};
  obj["status"] = OJson::object();
  submitGenerated(env, fs, *resourceForKind("Job"), name, obj, dryRun, output, "failed to create job: ");
}

}  // namespace kp
