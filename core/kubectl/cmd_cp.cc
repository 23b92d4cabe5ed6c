// `kubectl cp LOCAL [NS/]POD:PATH` and `kubectl cp [NS/]POD:PATH LOCAL`, as cp.go does them:
// over the pods/exec subresource, `test -d PATH` then `tar -xmf - -C DIR` with a tar of the
// local file on stdin, or `tar cf - PATH` whose archive is unpacked locally (tar's stderr goes
// to stdout, as kubectl wires it). Approximated: the console's files are one flat directory, so
// only single files travel (a directory from a pod is refused), and there are no retries.
#include "core/base/tar.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/create_generators.h"

namespace kp {

namespace {

struct FileSpec {
  std::string ns, pod, file;
};

// cp.go's extractFileSpec: "[[namespace/]pod:]file/path".
bool extractFileSpec(const std::string& arg, FileSpec* spec, std::string* error) {
  size_t colon = arg.find(':');
  if (colon == 0) {
    *error = "filespec must match the canonical format: [[namespace/]pod:]file/path";
    return false;
  }
  if (colon == std::string::npos) {
    spec->file = arg;
    return true;
  }
  auto pieces = split(arg.substr(0, colon), '/');
  spec->file = arg.substr(colon + 1);
  if (pieces.size() == 1) {
    spec->pod = pieces[0];
  } else if (pieces.size() == 2) {
    spec->ns = pieces[0];
    spec->pod = pieces[1];
  } else {
    *error = "filespec must match the canonical format: [[namespace/]pod:]file/path";
    return false;
  }
  return true;
}

// Go's path.Clean for slash paths.
std::string cleanPath(const std::string& p) {
  bool abs = !p.empty() && p[0] == '/';
  std::vector<std::string> out;
  for (const auto& part : split(p, '/')) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!out.empty() && out.back() != "..") out.pop_back();
      else if (!abs) out.push_back("..");
      continue;
    }
    out.push_back(part);
  }
  std::string joined = join(out, "/");
  if (abs) return "/" + joined;
  return joined.empty() ? "." : joined;
}
std::string dirOf(const std::string& p) {
  std::string c = cleanPath(p);
  auto slash = c.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : c.substr(0, slash);
}
std::string baseOf(const std::string& p) {
  std::string c = cleanPath(p);
  auto slash = c.rfind('/');
  return slash == std::string::npos ? c : c.substr(slash + 1);
}

struct ExecOutcome {
  std::string out, errOut;
  int exitCode = 0;
  std::optional<KError> error;  // the exec could not run (pod missing, refused upgrade, ...)
};

// One exec of argv in the pod's container, run to its end (the kubelet answers at once).
ExecOutcome execToEnd(CmdEnv& env, const std::string& ns, const std::string& pod, const std::string& container,
                      const std::vector<std::string>& argv, const std::string* input) {
  ExecOutcome o;
  Request req;
  req.method = "POST";
  req.path = Client::path(*resourceForKind("Pod"), ns, pod, "exec");
  for (const auto& a : argv) req.add("command", a);
  req.add("container", container);
  if (input) req.add("stdin", "true");
  req.add("stdout", "true");
  req.add("stderr", "true");
  Response resp = env.client().request(req);
  if (!resp.ok()) {
    if (resp.isText) o.error = KError::plain("unable to upgrade connection: " + trimSpace(resp.text));
    else o.error = KError::fromStatus(statusOf(resp));
    return o;
  }
  if (!resp.stream) return o;
  auto stream = resp.stream;
  if (input) {
    stream->write(0, *input);
    stream->closeInput();
  }
  for (int round = 0; round < 2; round++) {
    for (auto& c : stream->take()) {
      if (c.channel == 1) o.out += c.data;
      else if (c.channel == 2) o.errOut += c.data;
      else if (c.channel == 3) {
        Json st = Json::parse(c.data, nullptr, false);
        if (!st.is_object() || st.value("status", "") == "Success") continue;
        std::string code;
        if (st.contains("details") && st["details"].is_object() && st["details"].contains("causes"))
          for (const auto& cause : st["details"]["causes"])
            if (cause.value("reason", "") == "ExitCode") code = cause.value("message", "");
        if (st.value("reason", "") == "NonZeroExitCode" && !code.empty()) o.exitCode = std::atoi(code.c_str());
        else o.error = KError::plain(st.value("message", "error executing remote command"));
      }
    }
    if (stream->ended()) break;
  }
  stream->cancel();
  return o;
}

// ExecOptions.Run's checks before the exec: the pod exists and runs; the container defaults to
// the first one (announced when there are several). false after printing the error.
bool execTarget(CmdEnv& env, const std::string& ns, const std::string& pod, std::string& container) {
  auto got = getJson(env.client(), *resourceForKind("Pod"), ns, pod);
  if (!got.ok()) {
    env.fail(KError::fromStatus(got.status));
    return false;
  }
  const Json& p = got.value;
  std::string phase = p.contains("status") ? p["status"].value("phase", "") : "";
  if (phase == "Succeeded" || phase == "Failed") {
    env.failText("cannot exec into a container in a completed pod; current phase is " + phase);
    return false;
  }
  if (!container.empty()) return true;
  std::vector<std::string> names;
  if (p.contains("spec")) {
    for (const auto& c : p["spec"].value("initContainers", Json::array())) names.push_back(c.value("name", ""));
    for (const auto& c : p["spec"].value("containers", Json::array())) {
      if (container.empty()) container = c.value("name", "");
      names.push_back(c.value("name", ""));
    }
  }
  if (names.size() > 1) env.err("Defaulted container \"" + container + "\" out of: " + join(names, ", ") + "\n");
  return true;
}

void finishExec(CmdEnv& env, const ExecOutcome& o) {
  if (o.error) return env.fail(*o.error);
  if (o.exitCode != 0) {
    env.err("command terminated with exit code " + std::to_string(o.exitCode) + "\n");
    return env.done(o.exitCode);
  }
  env.done(0);
}

void copyToPod(CmdEnv& env, const FlagSet& fs, const FileSpec& src, FileSpec dest) {
  std::optional<std::string> data = env.ctx.files ? env.ctx.files->read(src.file) : std::nullopt;
  if (!data) return env.failText(src.file + " doesn't exist in local filesystem");
  std::string container = fs.getString("container");
  // checkDestinationIsDir: `test -d DEST` (its output discarded); a directory gets the file's name
  {
    std::string c = container;
    ExecOutcome probe;
    auto got = getJson(env.client(), *resourceForKind("Pod"), dest.ns, dest.pod);
    if (got.ok()) {
      if (c.empty() && got.value.contains("spec") && !got.value["spec"].value("containers", Json::array()).empty())
        c = got.value["spec"]["containers"][0].value("name", "");
      probe = execToEnd(env, dest.ns, dest.pod, c, {"test", "-d", dest.file}, nullptr);
      if (!probe.error && probe.exitCode == 0) dest.file = dest.file + "/" + baseOf(src.file);
    }
  }
  if (!execTarget(env, dest.ns, dest.pod, container)) return;
  std::string destPath = cleanPath(dest.file);
  TarEntry entry;
  entry.name = baseOf(destPath);
  entry.data = *data;
  if (const auto* st = env.ctx.files->stat(src.file)) entry.mtime = st->modified / 1000;
  std::string archive = tarWrite({entry});
  std::vector<std::string> argv = {"tar"};
  if (fs.getBool("no-preserve")) argv.insert(argv.end(), {"--no-same-permissions", "--no-same-owner"});
  argv.insert(argv.end(), {"-xmf", "-"});
  std::string dir = dirOf(dest.file);
  if (!dir.empty()) argv.insert(argv.end(), {"-C", dir});
  ExecOutcome o = execToEnd(env, dest.ns, dest.pod, container, argv, &archive);
  env.out(o.out);
  env.err(o.errOut);
  finishExec(env, o);
}

void copyFromPod(CmdEnv& env, const FlagSet& fs, const FileSpec& src, const FileSpec& dest) {
  std::string container = fs.getString("container");
  if (!execTarget(env, src.ns, src.pod, container)) return;
  ExecOutcome o = execToEnd(env, src.ns, src.pod, container, {"tar", "cf", "-", src.file}, nullptr);
  // the remote tar's stderr is wired to kubectl's stdout
  env.out(o.errOut);
  if (o.error || o.exitCode != 0) return finishExec(env, o);
  std::string error;
  auto entries = tarRead(o.out, &error);
  if (!entries) return env.failText(error);
  // untarAll: member names start with the source path without its leading slashes
  std::string prefix = src.file;
  while (startsWith(prefix, "/")) prefix.erase(0, 1);
  prefix = cleanPath(prefix);
  while (startsWith(prefix, "../")) prefix.erase(0, 3);
  if (prefix == "." || prefix == "..") prefix = "";
  for (const auto& e : *entries) {
    std::string name = e.name;
    if (!e.dir && name.compare(0, prefix.size(), prefix) != 0) return env.failText("tar contents corrupted");
    std::string rest = name.size() > prefix.size() ? name.substr(prefix.size()) : "";
    while (startsWith(rest, "/")) rest.erase(0, 1);
    if (e.dir) {
      if (rest.empty() || rest == "/") continue;
      return env.failText("copying a directory out of a pod is not available in this simulated cluster: the console's files have no directories");
    }
    std::string target = rest.empty() ? dest.file : dest.file + "/" + rest;
    if (!env.ctx.writableFiles || !env.ctx.writableFiles->write(target, e.data, env.now()))
      return env.failText("open " + target + ": no such file or directory");
  }
  env.done(0);
}

}  // namespace

void cmdCp(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.string("container", 'c', "", "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen")
      .boolean("no-preserve", 0, false, "The copied file/directory's ownership and permissions will not be preserved in the container")
      .integer("retries", 0, 0, "Set number of retries to complete a copy operation from a container.");
  if (!parseFlags(env, fs, args,
                  "Copy files and directories to and from containers.\n\nUsage:\n  kubectl cp <file-spec-src> <file-spec-dest> [options]\n"))
    return;
  const auto& pos = fs.args();
  if (pos.size() != 2) return env.failText("source and destination are required");
  FileSpec src, dest;
  std::string error;
  if (!extractFileSpec(pos[0], &src, &error) || !extractFileSpec(pos[1], &dest, &error)) return env.failText(error);
  if (!src.pod.empty() && !dest.pod.empty()) return env.failText("one of src or dest must be a local file specification");
  if (src.file.empty() || dest.file.empty()) return env.failText("filepath can not be empty");
  if (src.ns.empty()) src.ns = env.ns;
  if (dest.ns.empty()) dest.ns = env.ns;
  if (!src.pod.empty()) return copyFromPod(env, fs, src, dest);
  if (!dest.pod.empty()) return copyToPod(env, fs, src, dest);
  env.failText("one of src or dest must be a remote file specification");
}

}  // namespace kp
