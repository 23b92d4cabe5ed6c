// `kubectl create secret tls` and `kubectl create secret docker-registry`: a kubernetes.io/tls
// Secret from the console's --cert/--key files, and a kubernetes.io/dockerconfigjson Secret
// whose .dockerconfigjson is the `auths` document docker login writes (or --from-file's files).
// Approximated: a TLS pair is checked only for its PEM blocks (kubectl parses the X.509
// certificate and checks that the key matches it).
#include "core/api/base64.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/output_printer.h"
#include "core/kubectl/create_generators.h"

namespace kp {

namespace {

std::optional<std::string> readLocal(CmdEnv& env, const std::string& path) {
  if (!env.ctx.files) return std::nullopt;
  return env.ctx.files->read(path);
}

// Go's encoding/json.Marshal of a string map document: compact, HTML characters escaped.
std::string goCompactJson(const OJson& j) {
  std::string text = j.dump(), out;
  for (char c : text) {
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else out += c;
  }
  return out;
}

bool hasPemBlock(const std::string& text, const std::string& typeSuffix) {
  size_t pos = 0;
  while ((pos = text.find("-----BEGIN ", pos)) != std::string::npos) {
    size_t end = text.find("-----", pos + 11);
    if (end == std::string::npos) return false;
    std::string type = text.substr(pos + 11, end - pos - 11);
    if (type.size() >= typeSuffix.size() && type.compare(type.size() - typeSuffix.size(), typeSuffix.size(), typeSuffix) == 0 &&
        text.find("-----END " + type + "-----", end) != std::string::npos)
      return true;
    pos = end;
  }
  return false;
}

OJson secretOf(CmdEnv& env, const std::string& name, const OJson& data, const std::string& type) {
  OJson s = OJson::object();
  s["kind"] = "Secret";
  s["apiVersion"] = "v1";
  s["metadata"] = generatedMeta(env, name);
  s["data"] = data;
  s["type"] = type;
  return s;
}

}  // namespace

void cmdCreateSecretTls(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.boolean("append-hash", 0, false, "Append a hash of the secret to its name.")
      .string("cert", 0, "", "Path to PEM encoded public key certificate.")
      .string("key", 0, "", "Path to private key associated with given certificate.");
  if (!parseFlags(env, fs, args,
                  "Create a TLS secret from the given public/private key pair.\n\nUsage:\n  kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  std::string certPath = fs.getString("cert"), keyPath = fs.getString("key");
  if (certPath.empty() || keyPath.empty()) return env.failText("key and cert must be specified");
  auto cert = readLocal(env, certPath);
  if (!cert) return env.failText("Cannot read file " + certPath + ", open " + certPath + ": no such file or directory");
  auto key = readLocal(env, keyPath);
  if (!key) return env.failText("Cannot read file " + keyPath + ", open " + keyPath + ": no such file or directory");
  if (!hasPemBlock(*cert, "CERTIFICATE")) return env.failText("tls: failed to find any PEM data in certificate input");
  if (!hasPemBlock(*key, "PRIVATE KEY")) return env.failText("tls: failed to find any PEM data in key input");
  if (fs.getBool("append-hash")) return env.failText("--append-hash is not available in this simulated cluster");
  OJson data = OJson::object();
  data["tls.crt"] = base64Encode(*cert);
  data["tls.key"] = base64Encode(*key);
  submitGenerated(env, fs, *resourceForKind("Secret"), name, secretOf(env, name, data, "kubernetes.io/tls"), dryRun,
                  output, "failed to create secret ");
}

void cmdCreateSecretDockerRegistry(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  addCreateSubcommandFlags(fs);
  fs.boolean("append-hash", 0, false, "Append a hash of the secret to its name.")
      .string("docker-email", 0, "", "Email for Docker registry")
      .string("docker-password", 0, "", "Password for Docker registry authentication")
      .string("docker-server", 0, "https://index.docker.io/v1/", "Server location for Docker registry")
      .string("docker-username", 0, "", "Username for Docker registry authentication")
      .stringSlice("from-file", 0, "Key files can be specified using their file path.");
  if (!parseFlags(env, fs, args,
                  "Create a new secret for use with Docker registries.\n\nUsage:\n  kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]\n"))
    return;
  std::string name, dryRun, output = fs.getString("output");
  if (!nameFromCommandArgs(env, fs, name) || !dryRunStrategy(env, fs, dryRun) || !genericOutputFormat(env, fs) ||
      !validationDirective(env, fs))
    return;
  auto files = fs.getList("from-file");
  std::string user = fs.getString("docker-username"), password = fs.getString("docker-password"),
              server = fs.getString("docker-server"), email = fs.getString("docker-email");
  if (files.empty() && (user.empty() || password.empty() || server.empty()))
    return env.failText("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required");
  if (fs.getBool("append-hash")) return env.failText("--append-hash is not available in this simulated cluster");
  OJson data = OJson::object();
  if (!files.empty()) {
    for (const auto& f : files) {
      auto eq = f.find('=');
      std::string key = eq == std::string::npos ? ".dockerconfigjson" : f.substr(0, eq);
      std::string path = eq == std::string::npos ? f : f.substr(eq + 1);
      auto text = readLocal(env, path);
      if (!text) return env.failText("error reading " + path + ": no such file or directory");
      data[key] = base64Encode(*text);
    }
  } else {
    OJson entry = OJson::object();
    entry["username"] = user;
    entry["password"] = password;
    if (!email.empty()) entry["email"] = email;
    entry["auth"] = base64Encode(user + ":" + password);
    OJson auths = OJson::object();
    auths[server] = entry;
    data[".dockerconfigjson"] = base64Encode(goCompactJson(OJson{{"auths", auths}}));
  }
  submitGenerated(env, fs, *resourceForKind("Secret"), name, secretOf(env, name, data, "kubernetes.io/dockerconfigjson"),
                  dryRun, output, "failed to create secret ");
}

}  // namespace kp
