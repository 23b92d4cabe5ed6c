// The main process when argv starts an image's own program: a server serving (after its
// start-up log), a REPL reading EOF and exiting (python3, node, irb, jshell as CMD), a server
// that refuses to start without its configuration (haproxy without haproxy.cfg, http-echo
// without -text), and the book's timed scripts (luksa/batch-job, luksa/fortune).
#include <cstdlib>

#include "core/kubelet/programs.h"

namespace kp {

namespace {

Program serving(const ImageInfo& image, std::vector<int> ports) {
  Program p;
  p.steps.push_back({ProgramStep::Serve, "", 0, 0, 0});
  p.startLogs = image.startLogs;
  p.ports = std::move(ports);
  return p;
}

Program failing(const std::vector<std::string>& lines, int code) {
  Program p;
  for (const auto& l : lines) p.steps.push_back(stampedLog(l));
  p.steps.push_back({ProgramStep::Exit, "", 0, code, 0});
  return p;
}

int portOf(const std::string& listen, int fallback) {
  auto colon = listen.rfind(':');
  std::string digits = colon == std::string::npos ? listen : listen.substr(colon + 1);
  int port = std::atoi(digits.c_str());
  return port > 0 && port < 65536 ? port : fallback;
}

bool mounted(const Container& c, const std::string& dir) {
  if (!c.volumeMounts.is_array()) return false;
  for (const auto& m : c.volumeMounts)
    if (m.is_object() && m.contains("mountPath") && m["mountPath"].is_string() &&
        m["mountPath"].get<std::string>().rfind(dir, 0) == 0)
      return true;
  return false;
}

Program agnhostProgram(const ImageInfo& image, const std::vector<std::string>& args) {
  std::string sub = args.empty() ? "" : args[0];
  if (sub.empty() || sub == "help" || sub == "--help")
    return failing({"agnhost is a test image combining several tools used by the Kubernetes e2e tests.", "", "Usage:",
                    "  agnhost [command]", "", "Available Commands:", "  dns-suffix      Prints the host's DNS suffix list.",
                    "  netexec         Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints",
                    "  pause           Pauses.", "  serve-hostname  Serves the hostname",
                    "  test-webserver  Creates a test webserver.", "", "Use \"agnhost [command] --help\" for more "
                    "information about a command."},
                   0);
  if (sub == "pause") {
    Program p;
    p.steps.push_back({ProgramStep::Log, "Paused", 0, 0, 0});
    p.steps.push_back({ProgramStep::Forever, "", 0, 0, 0});
    return p;
  }
  if (sub == "serve-hostname") return serving(image, {portOf(flagValue(args, "port"), 9376)});
  if (sub == "netexec") {
    int port = portOf(flagValue(args, "http-port"), 8080);
    Program p = serving(image, {port});
    p.startLogs = {"{nginx-time} Started HTTP server on port " + std::to_string(port),
                   "{nginx-time} Started UDP server on port  8081"};
    return p;
  }
  if (sub == "test-webserver") return serving(image, {portOf(flagValue(args, "port"), 80)});
  return failing({"Error: unknown command \"" + sub + "\" for \"agnhost\"", "Run 'agnhost --help' for usage."}, 1);
}

Program webOrEcho(const ImageInfo& image, const Container& c, const std::vector<std::string>& args, const EnvPairs& env) {
  const std::string& p = image.program;
  if (p == "haproxy" && !mounted(c, "/usr/local/etc/haproxy"))
    return failing({"[ALERT]    (1) : Cannot open configuration file/directory /usr/local/etc/haproxy/haproxy.cfg : No "
                    "such file or directory"},
                   1);
  if (p == "http-echo") {
    bool v1 = image.version.rfind("1.", 0) == 0;
    std::string text = flagValue(args, "text");
    if (text.empty() && v1) text = envValue(env, "ECHO_TEXT");
    if (text.empty()) return failing({v1 ? "Missing -text option or ECHO_TEXT env var!" : "Missing -text option!"}, 127);
    std::string listen = flagValue(args, "listen");
    Program s = serving(image, {portOf(listen, 5678)});
    s.startLogs = {"{nginx-time} [INFO] server is listening on " + (listen.empty() ? std::string(":5678") : listen)};
    return s;
  }
  if (p == "agnhost") return agnhostProgram(image, args);
  if (p == "echo-server" || p == "kicbase-echo") {
    std::string port = envValue(env, "PORT");
    return serving(image, {port.empty() ? image.servesPort : portOf(port, image.servesPort)});
  }
  return serving(image, image.ports);
}

// A REPL as the main process reads its stdin: /dev/null (EOF, exit 0) unless the pod keeps
// stdin open (`kubectl run -it`). With a script argument it runs that script, which the
// image does not have.
Program runtimeProgram(const ImageInfo& image, const Container& c, const std::vector<std::string>& args,
                       const std::string& binary) {
  Program p;
  if (args.empty() || args[0] == "-a" || args[0] == "-i") {
    if (c.stdin_ || c.tty) p.steps.push_back({ProgramStep::Forever, "", 0, 0, 0});
    else p.steps.push_back({ProgramStep::Status, "", 0, 0, 0});
    return p;
  }
  const std::string& a = args[0];
  if ((binary == "python3" || binary == "python") && a == "-m" && args.size() > 1 && args[1] == "http.server") {
    int port = args.size() > 2 ? portOf(args[2], 8000) : 8000;
    Program s = serving(image, {port});
    s.startLogs = {"Serving HTTP on 0.0.0.0 port " + std::to_string(port) + " (http://0.0.0.0:" + std::to_string(port) + "/) ..."};
    return s;
  }
  if (a == "--version" || a == "-V" || a == "-v" || a == "version") {
    ProgramStep e{ProgramStep::Exec, "", 0, 0, 0};
    e.argv = {binary, a};
    p.steps.push_back(e);
    return p;
  }
  if (a[0] == '-') {  // -c/-e/--eval code: its output is not modelled; it runs and ends
    p.steps.push_back({ProgramStep::Status, "", 0, 0, 0});
    return p;
  }
  if (binary == "python3" || binary == "python")
    return failing({binary + ": can't open file '/" + a + "': [Errno 2] No such file or directory"}, 2);
  if (binary == "node")
    return failing({"node:internal/modules/cjs/loader:1228", "  throw err;", "  ^", "",
                    "Error: Cannot find module '/" + a + "'", "    at Module._resolveFilename "
                    "(node:internal/modules/cjs/loader:1225:15)", "    at node:internal/main/run_main_module:28:49 {",
                    "  code: 'MODULE_NOT_FOUND',", "  requireStack: []", "}", "", "Node.js v" + image.version},
                   1);
  if (binary == "ruby") return failing({"ruby: No such file or directory -- " + a + " (LoadError)"}, 1);
  p.steps.push_back({ProgramStep::Status, "", 0, 0, 0});
  return p;
}

// The book's scripts: batch-job logs, works two minutes and exits 0; fortune writes a new
// fortune every 10 s (fortune:args takes the interval as its argument, fortune:env from
// INTERVAL). The nginx that serves the fortune from a shared emptyDir is not connected.
Program batchProgram(const ImageInfo& image, const std::vector<std::string>& args, const EnvPairs& env) {
  Program p;
  if (image.program == "certgen") {  // kube-webhook-certgen create|patch: does its work, exits 0
    p.steps.push_back({ProgramStep::Status, "", 0, 0, 0});
    return p;
  }
  if (image.program == "batch-job") {
    p.steps.push_back(stampedLog("{date} Batch job starting"));
    p.steps.push_back({ProgramStep::Sleep, "", 120000, 0, 0});
    p.steps.push_back(stampedLog("{date} Finished succesfully"));
    p.steps.push_back({ProgramStep::Status, "", 0, 0, 0});
    return p;
  }
  std::string interval = "10";
  if (image.tag == "args" && !args.empty()) interval = args[0];
  if (image.tag == "env" && !envValue(env, "INTERVAL").empty()) interval = envValue(env, "INTERVAL");
  Time ms = sleepArgMillis(interval);
  if (ms < 0) ms = 10000;
  if (image.tag != "latest") p.steps.push_back({ProgramStep::Log, "Configured to generate new fortune every " + interval + " seconds", 0, 0, 0});
  size_t loop = p.steps.size();
  p.steps.push_back(stampedLog("{date} Writing fortune to /var/htdocs/index.html"));
  p.steps.push_back({ProgramStep::Sleep, "", ms, 0, 0});
  p.steps.push_back({ProgramStep::Jump, "", 0, 0, loop});
  return p;
}

}  // namespace

Program webProgram(const ImageInfo& image, const Container& c, const std::vector<std::string>& args, const EnvPairs& env) {
  return webOrEcho(image, c, args, env);
}

Program imageProgram(const ImageInfo& image, const Container& c, const std::string& binary,
                     const std::vector<std::string>& args, const EnvPairs& env) {
  switch (image.kind) {
    case ProgramKind::WebServer:
    case ProgramKind::EchoServer:
      return webProgram(image, c, args, env);
    case ProgramKind::TcpService:
      return dataProgram(image, args, env);
    case ProgramKind::Batch:
      return batchProgram(image, args, env);
    case ProgramKind::ExitsAtOnce:
      return runtimeProgram(image, c, args, binary.substr(binary.rfind('/') + 1));
    default:
      return serving(image, image.ports);
  }
}

}  // namespace kp
