// The programs a container can exec; see exec.h. busybox images answer as busybox 1.36 does
// (wget, nslookup, "cat: can't open"), Debian-based ones as coreutils and curl do.
#include "core/kubelet/exec.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "core/base/strings.h"
#include "core/base/tar.h"
#include "core/kubelet/env.h"
#include "core/kubelet/images.h"
#include "core/kubelet/kubelet.h"
#include "core/kubelet/program.h"
#include "core/kubelet/programs.h"
#include "core/apiserver/store.h"
#include "core/network/network.h"

namespace kp {

namespace {

std::string baseName(const std::string& p) {
  auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

std::string hostsFile(const Pod& pod) {
  std::string name = pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname;
  std::string out =
      "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n"
      "fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
  if (!pod.status.podIP.empty()) out += pod.status.podIP + "\t" + name + "\n";
  return out;
}

std::string resolvConf(const Pod& pod) {
  if (pod.spec.hostNetwork && pod.spec.dnsPolicy != "ClusterFirstWithHostNet")
    return "nameserver 192.168.49.1\noptions edns0 trust-ad ndots:0\n";
  return "nameserver 10.96.0.10\nsearch " + pod.metadata.namespace_ + ".svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n";
}

struct Runner {
  const ContainerWorld& world;
  const Pod& pod;
  const std::string& container;
  const ImageInfo* image;
  const std::string* input = nullptr;  // standard input, when the command has one
  ContainerFs* files() const { return world.kubelets.containerFs(pod, container); }
  bool busybox() const { return image && image->shell == "busybox"; }
  bool has(const std::string& tool) const {
    return image && std::find(image->tools.begin(), image->tools.end(), tool) != image->tools.end();
  }

  std::string fileText(const std::string& path, bool* found) {
    *found = true;
    if (path == "/etc/hostname") return (pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname) + "\n";
    if (path == "/etc/hosts") return hostsFile(pod);
    if (path == "/etc/resolv.conf") return resolvConf(pod);
    if (path == "/var/run/secrets/kubernetes.io/serviceaccount/namespace") return pod.metadata.namespace_;
    if (auto* fs = files())
      if (auto data = fs->read(path)) return *data;
    bool known = false;
    if (world.kubelets.fileExists(pod, container, path, &known)) return "";
    if (!known && path == "/app.js" && image && image->kind == ProgramKind::Kubia) return "const http = require('http');\n";
    if (!known && image) {
      std::string text = imageFile(*image, pod, path, found);
      if (*found) return text;
    }
    *found = false;
    return "";
  }

  void run(const std::vector<std::string>& argvIn, ExecResult& r, bool inShell) {
    if (argvIn.empty()) return;
    // A shell's `> FILE` and `>> FILE`: the command's output goes to the file.
    if (inShell) {
      auto op = std::find_if(argvIn.begin(), argvIn.end(), [](const std::string& w) { return w == ">" || w == ">>"; });
      if (op != argvIn.end() && op + 1 != argvIn.end()) {
        std::vector<std::string> cmd(argvIn.begin(), op);
        cmd.insert(cmd.end(), op + 2, argvIn.end());
        ExecResult inner;
        run(cmd, inner, true);
        r.errOut += inner.errOut;
        r.exitCode = inner.exitCode;
        redirect(*(op + 1), inner.out, *op == ">>", r);
        return;
      }
    }
    const std::vector<std::string>& argv = argvIn;
    std::string cmd = baseName(argv[0]);
    auto notFound = [&] {
      if (inShell) {
        r.errOut += "sh: " + argv[0] + ": not found\n";
        r.exitCode = 127;
      } else {
        r.error = "OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + argv[0] +
                  "\": executable file not found in $PATH: unknown";
        r.exitCode = 126;
      }
    };
    if (!image || image->shell.empty()) return notFound();
    r.exitCode = 0;
    if (cmd == "sh" || cmd == "bash" || cmd == "ash" || cmd == "zsh") {
      if (cmd == "bash" && busybox() && !has("bash")) return notFound();
      if (cmd == "zsh" && !has("zsh")) return notFound();
      auto c = std::find(argv.begin() + 1, argv.end(), "-c");
      if (c == argv.end() || c + 1 == argv.end()) return;  // no terminal, no script: EOF at once
      std::vector<std::string> words = shellWords(*(c + 1)), cur;
      for (size_t i = 0; i <= words.size(); i++) {
        if (i == words.size() || words[i] == ";" || words[i] == "&&" || words[i] == "||") {
          if (!cur.empty()) run(cur, r, true);
          cur.clear();
          if (i < words.size() && ((words[i] == "&&" && r.exitCode != 0) || (words[i] == "||" && r.exitCode == 0))) {
            // Skip the next command.
            while (i + 1 < words.size() && words[i + 1] != ";" && words[i + 1] != "&&" && words[i + 1] != "||") i++;
          }
          continue;
        }
        cur.push_back(words[i]);
      }
      return;
    }
    if (cmd == "exit" && inShell) {
      r.exitCode = argv.size() > 1 ? static_cast<int>(std::strtol(argv[1].c_str(), nullptr, 10) & 255) : 0;
      return;
    }
    if (cmd == "true" || cmd == ":") return;
    if (cmd == "false") {
      r.exitCode = 1;
      return;
    }
    if (cmd == "sleep") return;  // returns at once: the console does not wait on exec'd sleeps
    if (cmd == "echo") {
      std::string line;
      for (size_t i = 1; i < argv.size(); i++) line += (i > 1 ? " " : "") + argv[i];
      r.out += line + "\n";
      return;
    }
    if (cmd == "mkdir") {
      for (size_t i = 1; i < argv.size(); i++) {
        if (argv[i].rfind("-", 0) == 0) continue;
        ContainerFs* fs = files();
        if (!fs || !fs->mkdirs(argv[i])) {
          r.errOut += "mkdir: can't create directory '" + argv[i] + "': " +
                      (fs && fs->readOnlyAt(argv[i]) ? "Read-only file system" : "File exists") + "\n";
          r.exitCode = 1;
        }
      }
      return;
    }
    if (cmd == "hostname") {
      r.out += (pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname) + "\n";
      return;
    }
    if (cmd == "env" || cmd == "printenv") {
      for (const auto& [k, v] : containerEnvironmentBasic(world, pod, container))
        if (cmd == "env" || argv.size() < 2 || argv[1] == k) r.out += (argv.size() >= 2 && cmd == "printenv" ? v : k + "=" + v) + "\n";
      return;
    }
    if (cmd == "cat") {
      for (size_t i = 1; i < argv.size(); i++) {
        bool found = false;
        std::string text = fileText(argv[i], &found);
        if (found) {
          r.out += text;
        } else {
          r.errOut += busybox() ? "cat: can't open '" + argv[i] + "': No such file or directory\n"
                                : "cat: " + argv[i] + ": No such file or directory\n";
          r.exitCode = 1;
        }
      }
      return;
    }
    if (cmd == "ls") {
      std::string dir = argv.size() > 1 ? argv.back() : "/";
      if (dir == "/") {
        r.out += busybox() ? "bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n"
                           : "bin\nboot\ndev\netc\nhome\nlib\nlib64\nmedia\nmnt\nopt\nproc\nroot\nrun\nsbin\nsrv\nsys\ntmp\nusr\nvar\n";
      } else if (dir == "/etc") {
        r.out += "hostname\nhosts\nresolv.conf\n";
      }
      // what kubectl cp or tar wrote: a file lists as itself, a directory by its entries
      if (auto* fs = files()) {
        if (fs->isFile(dir)) {
          r.out += dir + "\n";
        } else if (dir != "/" && dir != "/etc") {
          for (const auto& n : fs->list(dir)) r.out += n + "\n";
        } else {
          std::set<std::string> shown;
          for (const auto& l : split(r.out, '\n')) shown.insert(l);
          for (const auto& n : fs->list(dir))
            if (!shown.count(n)) r.out += n + "\n";
        }
      }
      return;
    }
    if (cmd == "test" || cmd == "[") {
      // test -d|-f|-e PATH
      std::vector<std::string> a(argv.begin() + 1, argv.end());
      if (cmd == "[" && !a.empty() && a.back() == "]") a.pop_back();
      r.exitCode = 1;
      if (a.size() == 2) {
        auto* fs = files();
        bool found = false;
        fileText(a[1], &found);
        bool dir = fs ? fs->isDir(a[1]) : ContainerFs().isDir(a[1]);
        if ((a[0] == "-d" && dir) || (a[0] == "-f" && found) || (a[0] == "-e" && (dir || found))) r.exitCode = 0;
      }
      return;
    }
    if (cmd == "tar") return tar(argv, r);
    if (cmd == "touch" || cmd == "rm") return;
    if (cmd == "curl" && has("curl")) return curl(argv, r);
    if (cmd == "wget" && (has("wget") || busybox())) return wget(argv, r);
    if (cmd == "nslookup" && busybox() && !has("dig")) return nslookup(argv, r);
    if (image && runImageTool(*image, ToolContext{pod, world.network, world.kubelets.now()}, argv, r)) return;
    notFound();
  }

  // tar cf - PATH... (the archive on stdout) and tar xmf - [-C DIR] (the archive on stdin), as
  // kubectl cp runs them; other modes are not simulated.
  // Writes a redirected command's output; a read-only mount refuses as the shell says it.
  void redirect(const std::string& path, const std::string& out, bool append, ExecResult& r) {
    ContainerFs* fs = files();
    std::string old = append && fs ? fs->read(path).value_or("") : "";
    if (fs && fs->write(path, old + out, world.kubelets.now() / 1000)) return;
    bool readOnly = fs && fs->readOnlyAt(path);
    std::string why = readOnly ? "Read-only file system" : "nonexistent directory";
    r.errOut += busybox() ? "sh: can't create " + path + ": " + why + "\n" : "sh: 1: cannot create " + path + ": " + (readOnly ? why : "Directory nonexistent") + "\n";
    r.exitCode = busybox() ? 1 : 2;
  }

  void tar(const std::vector<std::string>& argv, ExecResult& r) {
    bool create = false, extract = false;
    std::string dir = "/", archive;
    std::vector<std::string> paths;
    for (size_t i = 1; i < argv.size(); i++) {
      const std::string& a = argv[i];
      if (a == "-C" && i + 1 < argv.size()) {
        dir = argv[++i];
      } else if (startsWith(a, "--")) {
        continue;  // --no-same-permissions, --no-same-owner
      } else if ((i == 1 || a[0] == '-') && a.find_first_not_of("-cxtvzmfpo") == std::string::npos) {
        create |= a.find('c') != std::string::npos;
        extract |= a.find('x') != std::string::npos;
        if (a.find('f') != std::string::npos && i + 1 < argv.size()) archive = argv[++i];
      } else {
        paths.push_back(a);
      }
    }
    auto* fs = files();
    if (create == extract || archive != "-" || !fs) {
      r.errOut += busybox() ? "tar: need one of the -c or -x options\n"
                            : "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n";
      r.exitCode = 2;
      return;
    }
    if (extract) {
      std::string error;
      if (!fs->tarExtract(input ? *input : std::string(), dir, &error)) {
        r.errOut += error + "\n";
        r.exitCode = busybox() ? 1 : 2;
      }
      return;
    }
    std::vector<TarEntry> entries;
    bool failed = false, leadingSlash = false;
    for (const auto& p : paths) {
      leadingSlash |= startsWith(p, "/");
      if (auto a = fs->tarCreate(p)) {
        std::string err;
        auto members = tarRead(*a, &err);
        if (members)
          for (auto& e : *members) entries.push_back(std::move(e));
        continue;
      }
      bool found = false;
      std::string text = fileText(p, &found);
      if (found) {
        entries.push_back({ContainerFs::normalize(p).substr(1), text, false, 0644, 0});
        continue;
      }
      r.errOut += busybox() ? "tar: " + p + ": No such file or directory\n" : "tar: " + p + ": Cannot stat: No such file or directory\n";
      failed = true;
    }
    if (leadingSlash)
      r.errOut.insert(0, busybox() ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n");
    r.out += tarWrite(entries);
    if (failed) {
      if (!busybox()) r.errOut += "tar: Exiting with failure status due to previous errors\n";
      r.exitCode = busybox() ? 1 : 2;
    }
  }

  void curl(const std::vector<std::string>& argv, ExecResult& r) {
    std::string url;
    bool silent = false, showErr = false;
    double limit = 0;  // --max-time / --connect-timeout, seconds
    for (size_t i = 1; i < argv.size(); i++) {
      const std::string& a = argv[i];
      if (a == "-s" || a == "--silent") silent = true;
      else if (a == "-S" || a == "--show-error") showErr = true;
      else if (a == "-sS" || a == "-Ss") silent = showErr = true;
      else if ((a == "-m" || a == "--max-time" || a == "--connect-timeout") && i + 1 < argv.size()) {
        double v = std::atof(argv[++i].c_str());
        if (v > 0 && (limit == 0 || v < limit)) limit = v;
      } else if (a == "-H" || a == "--header") i++;
      else if (!a.empty() && a[0] == '-') continue;
      else url = a;
    }
    if (url.empty()) {
      r.errOut += "curl: try 'curl --help' or 'curl --manual' for more information\n";
      r.exitCode = 2;
      return;
    }
    HttpResult h = world.network.httpGetFromPod(pod, url);
    if (!h.ok && h.curlExit == 28 && limit > 0 && limit * 1000 < h.durationMs)
      h.error = "Connection timed out after " + std::to_string(static_cast<Time>(limit * 1000) + 1) + " milliseconds";
    if (!h.ok) {
      r.exitCode = h.curlExit ? h.curlExit : 7;
      if (!silent || showErr) r.errOut += "curl: (" + std::to_string(r.exitCode) + ") " + h.error + "\n";
      return;
    }
    r.out += h.body;
  }

  void wget(const std::vector<std::string>& argv, ExecResult& r) {
    std::string url, output;
    bool quiet = false, toStdout = false;
    for (size_t i = 1; i < argv.size(); i++) {
      std::string a = argv[i];
      if (a == "-O" && i + 1 < argv.size()) {
        output = argv[++i];
        toStdout = output == "-";
      } else if (a.rfind("-O", 0) == 0 && a.size() > 2) {
        output = a.substr(2);
        toStdout = output == "-";
      } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
        for (size_t k = 1; k < a.size(); k++) {
          if (a[k] == 'q') quiet = true;
          if (a[k] == 'O') {
            output = k + 1 < a.size() ? a.substr(k + 1) : (i + 1 < argv.size() ? argv[++i] : "");
            toStdout = output == "-";
            break;
          }
        }
      } else if (a[0] != '-') {
        url = a;
      }
    }
    if (url.empty()) {
      r.errOut += "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n";
      r.exitCode = 1;
      return;
    }
    HttpResult h = world.network.httpGetFromPod(pod, url);
    std::string host = h.host.empty() ? url : h.host;
    if (!h.ok && h.curlExit == 6) {
      r.errOut += "wget: bad address '" + host + (h.port && url.find(':' + std::to_string(h.port)) != std::string::npos ? ":" + std::to_string(h.port) : "") + "'\n";
      r.exitCode = 1;
      return;
    }
    if (!quiet) r.errOut += "Connecting to " + host + " (" + h.resolvedIp + ":" + std::to_string(h.port) + ")\n";
    if (!h.ok) {
      r.errOut += h.curlExit == 28 ? "wget: download timed out\n"
                                   : "wget: can't connect to remote host (" + h.resolvedIp + "): Connection refused\n";
      r.exitCode = 1;
      return;
    }
    if (h.status >= 400) {
      r.errOut += "wget: server returned error: HTTP/1.1 " + std::to_string(h.status) + " Internal Server Error\n";
      r.exitCode = 1;
      return;
    }
    if (toStdout) {
      if (!quiet) r.errOut += "writing to stdout\n";
      r.out += h.body;
      if (!quiet) r.errOut += "-                    100% |********************************|    " + std::to_string(h.body.size()) + "  0:00:00 ETA\nwritten to stdout\n";
    } else {
      std::string file = output.empty() ? "index.html" : output;
      if (!quiet) r.errOut += "saving to '" + file + "'\n" + file + "           100% |********************************|    " + std::to_string(h.body.size()) + "  0:00:00 ETA\n'" + file + "' saved\n";
    }
  }

  void nslookup(const std::vector<std::string>& argv, ExecResult& r) {
    if (argv.size() < 2) {
      r.errOut += "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n";
      r.exitCode = 1;
      return;
    }
    std::string fqdn;
    std::string ip = world.network.resolve(pod.metadata.namespace_, argv[1], &fqdn);
    r.out += "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n";
    if (ip.empty()) {
      r.out += "** server can't find " + argv[1] + ": NXDOMAIN\n\n";
      r.exitCode = 1;
      return;
    }
    r.out += "Name:\t" + fqdn + "\nAddress: " + ip + "\n\n";
  }
};

}  // namespace

std::vector<std::pair<std::string, std::string>> containerEnvironmentBasic(const ContainerWorld& world, const Pod& pod,
                                                                           const std::string& container) {
  std::vector<std::pair<std::string, std::string>> env;
  env.push_back({"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"});
  env.push_back({"HOSTNAME", pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname});
  const Container* spec = nullptr;
  for (const auto& c : pod.spec.containers)
    if (c.name == container) spec = &c;
  // The container's own variables (env, envFrom, ConfigMap/Secret references) and the service
  // links, as the kubelet assembled them when it started the container.
  if (spec)
    for (auto& kv : containerEnvironment(world.store, pod, *spec)) env.push_back(std::move(kv));
  if (auto info = findImage(spec ? spec->image : "")) {
    if (info->kind == ProgramKind::Kubia) {
      env.push_back({"NPM_CONFIG_LOGLEVEL", "info"});
      env.push_back({"NODE_VERSION", "7.10.1"});
      env.push_back({"YARN_VERSION", "0.24.4"});
    } else if (info->program == "nginx") {
      env.push_back({"NGINX_VERSION", info->version});
    }
  }
  env.push_back({"HOME", "/root"});
  return env;
}

ExecResult execInContainer(const ContainerWorld& world, const Pod& pod, const std::string& container,
                           const std::vector<std::string>& argv, const std::string* input) {
  ExecResult r;
  const Container* spec = nullptr;
  for (const auto& c : pod.spec.containers)
    if (c.name == container) spec = &c;
  auto info = findImage(spec ? spec->image : "");
  Runner runner{world, pod, container, info ? &*info : nullptr, input};
  runner.run(argv, r, false);
  return r;
}

}  // namespace kp
