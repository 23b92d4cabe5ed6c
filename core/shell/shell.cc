// The console shell: bash-like word splitting (quotes, escapes, comments, `|` pipes, a few
// redirections, NAME=VALUE assignments), the built-in commands (kubectl and its aliases, curl,
// sleep, echo, clear, history, help, minikube, export, unset, sed) and Execution, which lets
// waiting commands run on simulated time.
#include "core/shell/shell.h"
#include "core/base/strings.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "core/kubectl/flags.h"
#include "core/shell/fs.h"
#include "core/kubectl/kubectl.h"
#include "core/shell/shell_internal.h"
#include "core/shell/minikube.h"
#include "core/shell/sed.h"

namespace kp {

// ---------------------------------------------------------------- words
namespace {

struct Word {
  std::string text;
  bool quoted = false;  // had quotes or escapes: never an operator
  bool op = false;      // a redirection operator (">", ">>", "2>", "2>&", "<", "<<", "<<-")
  size_t plain = std::string::npos;  // how many leading characters were unquoted
};

// bash's NAME=VALUE word: the name and the `=` unquoted, the name an identifier.
bool isAssignment(const Word& w) {
  size_t eq = w.text.find('=');
  return !w.op && eq != std::string::npos && eq < w.plain && isShellName(w.text.substr(0, eq));
}
// A here-document: its delimiter word and the body lines the front end collected.
struct Heredoc {
  std::string delimiter;
  bool stripTabs = false;  // <<-
  bool found = false;      // the delimiter line was seen
  std::string body;
};
struct Stage {
  std::vector<std::string> words;
  Environment assignments;    // NAME=VALUE words before the command
  bool mergeStderr = false;   // 2>&1
  bool dropStderr = false;    // 2>/dev/null
  bool dropStdout = false;    // >/dev/null
  std::string outFile, errFile;  // > file, 2> file
  bool outAppend = false, errAppend = false;
  std::string inFile;            // < file
  int heredoc = -1;              // index of the here-document feeding stdin
};

// Splits a line into pipeline stages as bash would; *error names bash's complaint. The
// here-documents named on the line are appended to *heredocs (their bodies are filled later).
bool parseLine(const std::string& line, std::vector<Stage>& stages, std::string* error,
               std::vector<Heredoc>* heredocs = nullptr) {
  std::vector<std::vector<Word>> raw(1);
  std::string cur;
  bool inWord = false, quoted = false;
  size_t plain = std::string::npos;
  auto endWord = [&] {
    if (inWord) raw.back().push_back({cur, quoted, false, plain});
    cur.clear();
    inWord = false;
    quoted = false;
    plain = std::string::npos;
  };
  for (size_t i = 0; i < line.size(); i++) {
    char c = line[i];
    if ((c == '\'' || c == '"' || c == '\\') && plain == std::string::npos) plain = cur.size();
    if (c == '\'') {
      size_t end = line.find('\'', i + 1);
      if (end == std::string::npos) {
        *error = "bash: unexpected EOF while looking for matching `''";
        return false;
      }
      cur += line.substr(i + 1, end - i - 1);
      inWord = quoted = true;
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      bool closed = false;
      for (; j < line.size(); j++) {
        if (line[j] == '\\' && j + 1 < line.size() && line[j + 1] == '\n') {
          j++;  // a line continuation inside double quotes
        } else if (line[j] == '\\' && j + 1 < line.size() &&
                   (line[j + 1] == '"' || line[j + 1] == '\\' || line[j + 1] == '$' || line[j + 1] == '`')) {
          cur += line[++j];
        } else if (line[j] == '"') {
          closed = true;
          break;
        } else {
          cur += line[j];
        }
      }
      if (!closed) {
        *error = "bash: unexpected EOF while looking for matching `\"'";
        return false;
      }
      inWord = quoted = true;
      i = j;
    } else if (c == '\\') {
      if (i + 1 < line.size() && line[i + 1] == '\n') {
        i++;  // line continuation
        continue;
      }
      if (i + 1 < line.size()) cur += line[++i];
      inWord = quoted = true;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      endWord();
    } else if (c == '#' && !inWord) {
      // a comment runs to the end of the line
      while (i + 1 < line.size() && line[i + 1] != '\n') i++;
    } else if (c == '|') {
      endWord();
      if (i + 1 < line.size() && line[i + 1] == '|') {
        *error = "bash: `||' is not supported in this console";
        return false;
      }
      if (raw.back().empty()) {
        *error = "bash: syntax error near unexpected token `|'";
        return false;
      }
      raw.emplace_back();
    } else if (c == '>') {
      // [n]> [n]>> [n]>&: the file descriptor is a bare 1 or 2 right before the operator
      std::string op;
      if (inWord && !quoted && (cur == "1" || cur == "2")) {
        op = cur;
        cur.clear();
        inWord = false;
      } else {
        endWord();
      }
      op += '>';
      if (i + 1 < line.size() && line[i + 1] == '>') op += line[++i];
      else if (i + 1 < line.size() && line[i + 1] == '&') op += line[++i];
      raw.back().push_back({op, false, true});
    } else if (c == '<') {
      endWord();
      std::string op = "<";
      if (i + 1 < line.size() && line[i + 1] == '<') {
        op += line[++i];
        if (i + 1 < line.size() && line[i + 1] == '<') {
          *error = "bash: here-strings (<<<) are not supported in this console";
          return false;
        }
        if (i + 1 < line.size() && line[i + 1] == '-') op += line[++i];
      } else if (i + 1 < line.size() && (line[i + 1] == '(' || line[i + 1] == '>' || line[i + 1] == '&')) {
        *error = std::string("bash: `<") + line[i + 1] + "' is not supported in this console";
        return false;
      }
      raw.back().push_back({op, false, true});
    } else if (c == '$' && line.compare(i, 14, "$(minikube ip)") == 0) {
      // The one command substitution the tutorials use: the primary node's address.
      cur += "192.168.49.2";
      inWord = true;
      i += 13;
    } else if (c == ';' || c == '&' || c == '`' || (c == '$' && i + 1 < line.size() && line[i + 1] == '(')) {
      std::string tok(1, c);
      if (c == '$') tok = "$(";
      *error = "bash: `" + tok + "' is not supported in this console (one command, optionally piped into grep/head/tail/wc)";
      return false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  endWord();
  if (raw.size() > 1 && raw.back().empty()) {
    *error = "bash: syntax error: unexpected end of file";
    return false;
  }
  for (auto& words : raw) {
    Stage s;
    for (size_t k = 0; k < words.size(); k++) {
      const Word& w = words[k];
      if (s.words.empty() && isAssignment(w)) {
        size_t eq = w.text.find('=');
        s.assignments[w.text.substr(0, eq)] = w.text.substr(eq + 1);
        continue;
      }
      if (!w.op) {
        s.words.push_back(w.text);
        continue;
      }
      if (k + 1 >= words.size() || words[k + 1].op) {
        *error = "bash: syntax error near unexpected token `" +
                 (k + 1 < words.size() ? words[k + 1].text : std::string("newline")) + "'";
        return false;
      }
      const Word& target = words[++k];
      const std::string& t = target.text;
      if (w.text == "<<" || w.text == "<<-") {
        if (heredocs) {
          Heredoc h;
          h.delimiter = t;
          h.stripTabs = w.text == "<<-";
          heredocs->push_back(h);
          s.heredoc = static_cast<int>(heredocs->size()) - 1;
          s.inFile.clear();
        }
      } else if (w.text == "<") {
        s.inFile = t;
        s.heredoc = -1;
      } else if (w.text == "2>&" && t == "1") {
        s.mergeStderr = true;
      } else if (w.text == ">&" || w.text == "1>&" || w.text == "2>&") {
        if (t == "2" || t == "1") continue;  // >&2 and 2>&2 keep stdout/stderr on the console
        *error = "bash: " + t + ": ambiguous redirect";
        return false;
      } else if (w.text[0] == '2') {
        if (t == "/dev/null") s.dropStderr = true;
        else s.errFile = t, s.errAppend = w.text == "2>>";
      } else {
        if (t == "/dev/null") s.dropStdout = true;
        else s.outFile = t, s.outAppend = w.text.size() >= 2 && w.text.substr(w.text.size() - 2) == ">>";
      }
    }
    stages.push_back(std::move(s));
  }
  return true;
}

// Where the command line ends in a console text: at the first newline outside quotes that
// neither follows a backslash nor a trailing `|`. The rest holds the here-document lines.
// *open is set when the text ends inside quotes or right after a continuation.
size_t commandEnd(const std::string& text, bool* open) {
  char q = 0;
  bool wordStart = true;
  *open = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (q == '\'') {
      if (c == '\'') q = 0;
      continue;
    }
    if (c == '\\' && q != '\'') {
      if (i + 1 >= text.size()) {
        *open = true;
        return text.size();
      }
      i++;
      wordStart = false;
      continue;
    }
    if (q == '"') {
      if (c == '"') q = 0;
      continue;
    }
    if (c == '\'' || c == '"') {
      q = c;
      wordStart = false;
      continue;
    }
    if (c == '#' && wordStart) {
      while (i + 1 < text.size() && text[i + 1] != '\n') i++;
      continue;
    }
    if (c == '\n') {
      size_t last = text.find_last_not_of(" \t\r", i == 0 ? 0 : i - 1);
      if (i > 0 && last != std::string::npos && last < i && text[last] == '|' && (last == 0 || text[last - 1] != '|')) {
        if (i + 1 >= text.size()) *open = true;
        wordStart = true;
        continue;
      }
      return i;
    }
    wordStart = c == ' ' || c == '\t' || c == '|' || c == '\r';
  }
  if (q) *open = true;
  else {
    size_t last = text.find_last_not_of(" \t\r\n");
    if (last != std::string::npos && text[last] == '|' && (last == 0 || text[last - 1] != '|')) *open = true;
  }
  return text.size();
}

// Fills the here-documents' bodies from the lines after the command line, in order.
void readHeredocs(const std::string& rest, std::vector<Heredoc>& docs) {
  size_t pos = 0;
  for (auto& h : docs) {
    while (pos < rest.size()) {
      size_t nl = rest.find('\n', pos);
      std::string ln = rest.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
      pos = nl == std::string::npos ? rest.size() : nl + 1;
      if (!ln.empty() && ln.back() == '\r') ln.pop_back();
      if (h.stripTabs) ln.erase(0, ln.find_first_not_of('\t') == std::string::npos ? ln.size() : ln.find_first_not_of('\t'));
      if (ln == h.delimiter) {
        h.found = true;
        break;
      }
      h.body += ln + "\n";
      if (nl == std::string::npos) break;
    }
  }
}

}  // namespace

bool splitSimpleCommand(const std::string& line, std::vector<std::string>& words, std::string* error) {
  std::vector<Stage> stages;
  if (!parseLine(line, stages, error)) return false;
  if (stages.size() > 1) {
    *error = "bash: pipes are not supported in an editor command in this console";
    return false;
  }
  words.clear();
  if (stages.empty()) return true;
  const Stage& st = stages[0];
  if (st.mergeStderr || st.dropStderr || st.dropStdout || !st.outFile.empty() || !st.errFile.empty() ||
      !st.inFile.empty()) {
    *error = "bash: redirections are not supported in an editor command in this console";
    return false;
  }
  words = st.words;
  return true;
}

namespace {

const char* kHelp =
    "This console runs a small shell around a simulated minikube cluster. What works:\n"
    "\n"
    "  kubectl ...        run, create deployment, get, describe, expose, scale, delete,\n"
    "                     logs, wait, set image, rollout, cluster-info, version, api-resources,\n"
    "                     apply -f, create -f, delete -f, get -f, edit\n"
    "  k ...              the same as kubectl\n"
    "  kubecolor ...      kubectl with colours\n"
    "  curl URL           send an HTTP request (e.g. curl 10.96.0.10:8080, curl -s http://IP:PORT/)\n"
    "  traffic SVC RATE   steady requests to a service from outside (RATE per second, stop)\n"
    "  sleep N            let N seconds of cluster time pass (5, 5s, 2m)\n"
    "  minikube ...       dashboard, ip, status, node add|start|stop|delete|list,\n"
    "                     addons enable|disable ingress, addons list\n"
    "  echo, clear, history, help\n"
    "  NAME=VALUE CMD     run CMD with a variable set (e.g. KUBE_EDITOR=\"sed -i 's/a/b/'\" kubectl edit ...);\n"
    "                     export NAME=VALUE keeps it for later commands, unset NAME drops it\n"
    "  CMD &              run CMD in the background (e.g. kubectl get pods -w &); its output\n"
    "                     mixes with later commands. jobs lists them, kill %1 stops one,\n"
    "                     fg %1 brings one back (Ctrl+C then stops it). The [1] 4100 line\n"
    "                     shows the job number and the console's own process number.\n"
    "  cat, ls, rm, touch files in the console's home directory\n"
    "\n"
    "Pipes: kubectl get pods | grep kubia   (grep -i -v -c -E, head -n N, tail -n N, wc -l, sort, uniq, sed)\n"
    "Files: echo x > f, >> f, 2> f, < f, and here-documents:\n"
    "  cat <<EOF > kubia.yaml      (type the manifest, then a line with EOF)\n"
    "  kubectl apply -f kubia.yaml\n";

}  // namespace

// ---------------------------------------------------------------- Shell
// The console machine: its files, its loopback ports, and kubectl's context (which reaches
// the cluster only through the API server's request handler). kubectl's randomness is its own,
// seeded from the cluster's seed, so that it never shifts the cluster's.
struct ShellState {
  explicit ShellState(Cluster& c) : kubectl(c.api(), c.clock(), c.options().seed ^ 0x6b756265637431ULL) {
    kubectl.files = &files;
    kubectl.writableFiles = &files;
    kubectl.localPorts = &localPorts;
    kubectl.kubeconfigWritten = c.startedAt() - c.options().clusterAge;
    const Clock* clock = &c.clock();
    MemFs* fs = &files;
    kubectl.runEditor = [clock, fs](const std::vector<std::string>& args, const std::string& path, const std::string& text) {
      return runEditorProgram(args, path, text, *fs, clock->now());
    };
  }
  MemFs files;
  LocalPorts localPorts;
  KubectlContext kubectl;
  // The shell's variables (NAME=VALUE alone on a line, export) and which of them are exported:
  // the environment of the commands it starts.
  Environment vars;
  std::set<std::string> exported;
  Environment environment(const Environment& assignments) const {
    Environment env;
    for (const auto& name : exported)
      if (vars.count(name)) env[name] = vars.at(name);
    for (const auto& [k, v] : assignments) env[k] = v;
    return env;
  }
};

Shell::Shell(Cluster& cluster, ShellOptions opts)
    : cluster_(cluster), opts_(std::move(opts)), state_(std::make_unique<ShellState>(cluster)) {
  state_->kubectl.editor = opts_.edit;
}

Shell::~Shell() = default;

std::string Shell::currentNamespace() const { return state_->kubectl.namespace_; }

namespace {

// A GET to the console machine's own loopback: a port kubectl port-forward listens on (its
// forwarded HTTP answer), or nothing (refused at once).
HttpResult localGet(LocalPorts& local, const std::string& url) {
  HttpResult res;
  UrlParts parts;
  if (!splitUrl(url, parts, res)) return res;
  res.host = parts.host;
  res.port = parts.port;
  LocalPorts::Answer a = local.connect(parts.port, "GET " + parts.path + " HTTP/1.1\r\nHost: " + parts.host + ":" +
                                                       std::to_string(parts.port) +
                                                       "\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n");
  if (!a.connected) {
    failConnect(res, parts.host, parts.port, false);
    return res;
  }
  size_t head = a.bytes.find("\r\n\r\n");
  if (a.reset || head == std::string::npos) {
    res.curlExit = 52;
    res.error = "Empty reply from server";
    return res;
  }
  res.ok = true;
  res.status = std::atoi(a.bytes.c_str() + a.bytes.find(' ') + 1);
  res.body = a.bytes.substr(head + 4);
  return res;
}

bool isLoopback(const std::string& url) {
  std::string u = url;
  if (u.rfind("http://", 0) == 0) u = u.substr(7);
  for (const char* h : {"localhost", "127.0.0.1", "[::1]"}) {
    std::string host = h;
    if (u.compare(0, host.size(), host) == 0 && (u.size() == host.size() || u[host.size()] == ':' || u[host.size()] == '/'))
      return true;
  }
  return false;
}

// curl URL: an HTTP GET through the simulated network (or to the console machine's own
// forwarded ports), printed as curl prints it.
void runCurl(Cluster& cluster, LocalPorts& local, const std::vector<std::string>& args, Execution& ex) {
  bool silent = false, showErrors = false, verbose = false, include = false, fail = false;
  std::string url;
  HttpRequestOptions request;
  double maxTime = 0, connectTimeout = 0;  // seconds; 0: none
  // An option's value: what follows the letter (-m5) or the next word (-m 5).
  auto option = [&](const std::string& name, const std::string& value) {
    if (name == "H" || name == "header") {
      auto colon = value.find(':');
      std::string key = value.substr(0, colon);
      for (auto& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (key == "host" && colon != std::string::npos) request.hostHeader = trimSpace(value.substr(colon + 1));
    } else if (name == "m" || name == "max-time") {
      maxTime = std::atof(value.c_str());
    } else if (name == "connect-timeout") {
      connectTimeout = std::atof(value.c_str());
    } else if (name == "resolve") {
      // HOST:PORT:ADDRESS
      auto first = value.find(':');
      auto second = first == std::string::npos ? first : value.find(':', first + 1);
      if (second != std::string::npos) request.resolve[value.substr(0, second)] = value.substr(second + 1);
    }
  };
  for (size_t i = 1; i < args.size(); i++) {
    const std::string& a = args[i];
    if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (size_t k = 1; k < a.size(); k++) {
        char c = a[k];
        if (c == 's') silent = true;
        else if (c == 'S') showErrors = true;
        else if (c == 'v') verbose = true;
        else if (c == 'i') include = true;
        else if (c == 'f') fail = true;
        else if (c == 'L' || c == 'k') {
        } else if (c == 'm' || c == 'X' || c == 'H' || c == 'o') {
          std::string value;
          if (k + 1 == a.size()) {
            if (i + 1 < args.size()) value = args[++i];  // the option's value
          } else {
            value = a.substr(k + 1);
          }
          option(std::string(1, c), value);
          break;
        } else {
          ex.err(std::string("curl: option -") + c + ": is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
          ex.finish(2);
          return;
        }
      }
    } else if (a == "--silent") silent = true;
    else if (a == "--verbose") verbose = true;
    else if (a == "--include") include = true;
    else if (a == "--fail") fail = true;
    else if (a == "--max-time" || a == "--connect-timeout" || a == "--request" || a == "--header" || a == "--resolve") {
      if (i + 1 < args.size()) option(a.substr(2), args[++i]);
    } else if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos &&
               (a.rfind("--max-time=", 0) == 0 || a.rfind("--connect-timeout=", 0) == 0)) {
      option(a.substr(2, a.find('=') - 2), a.substr(a.find('=') + 1));
    } else if (a.rfind("--", 0) == 0 && a.size() > 2) {
      ex.err("curl: option " + a + ": is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
      ex.finish(2);
      return;
    } else url = a;
  }
  if (url.empty()) {
    ex.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
    ex.finish(2);
    return;
  }
  if (url.size() > 8192) {
    ex.err("curl: (3) URL using bad/illegal format or missing URL\n");
    ex.finish(3);
    return;
  }
  std::string hostPort = url;
  if (hostPort.rfind("http://", 0) == 0) hostPort = hostPort.substr(7);
  else if (hostPort.rfind("https://", 0) == 0) hostPort = hostPort.substr(8);
  std::string path = "/";
  if (hostPort.find('/') != std::string::npos) {
    path = hostPort.substr(hostPort.find('/'));
    hostPort = hostPort.substr(0, hostPort.find('/'));
  }
  std::string host = hostPort, port = "80";
  if (hostPort.find(':') != std::string::npos) {
    host = hostPort.substr(0, hostPort.find(':'));
    port = hostPort.substr(hostPort.find(':') + 1);
  }
  if (verbose) ex.err("*   Trying " + host + ":" + port + "...\n");
  HttpResult r = isLoopback(url) ? localGet(local, url) : cluster.network().httpGet(url, request);
  // --connect-timeout / --max-time end a connection that gets no answer sooner than the kernel.
  double limit = connectTimeout > 0 && (maxTime <= 0 || connectTimeout < maxTime) ? connectTimeout : maxTime;
  if (!r.ok && r.curlExit == 28 && limit > 0 && limit * 1000 < r.durationMs) {
    Time ms = static_cast<Time>(limit * 1000);
    r.durationMs = ms;
    r.error = "Connection timed out after " + std::to_string(ms + 1) + " milliseconds";
  }
  if (!r.ok) {
    int code = r.curlExit ? r.curlExit : 7;
    std::string msg = (!silent || showErrors) ? "curl: (" + std::to_string(code) + ") " + r.error + "\n" : "";
    if (r.durationMs <= 0) {
      ex.err(msg);
      ex.finish(code);
      return;
    }
    // An address that never answers: curl gives up when the kernel's connect times out.
    Time until = cluster.now() + r.durationMs;
    ex.wait(until, [&cluster, until, msg, code](Execution& e) {
      if (cluster.now() < until) return;
      e.err(msg);
      e.finish(code);
    });
    return;
  }
  if (verbose) {
    ex.err("* Connected to " + host + " (" + host + ") port " + port + "\n> GET " + path + " HTTP/1.1\n> Host: " +
           hostPort + "\n> User-Agent: curl/7.88.1\n> Accept: */*\n> \n< HTTP/1.1 " + std::to_string(r.status) +
           (r.status == 200 ? " OK" : "") + "\n< \n");
  }
  if (fail && r.status >= 400) {
    if (!silent || showErrors)
      ex.err("curl: (22) The requested URL returned error: " + std::to_string(r.status) + "\n");
    ex.finish(22);
    return;
  }
  if (include) ex.out("HTTP/1.1 " + std::to_string(r.status) + (r.status == 200 ? " OK" : "") + "\r\n\r\n");
  ex.out(r.body);
  if (verbose) ex.err("* Connection #0 to host " + host + " left intact\n");
  ex.finish(0);
}

// GNU sleep: NUMBER[smhd], several summed.
void runSleep(Cluster& cluster, const std::vector<std::string>& args, Execution& ex) {
  if (args.size() < 2) {
    ex.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    ex.finish(1);
    return;
  }
  long double total = 0;
  for (size_t i = 1; i < args.size(); i++) {
    const std::string& a = args[i];
    char* end = nullptr;
    std::string num = a;
    long double mult = 1000;
    if (!num.empty() && std::string("smhd").find(num.back()) != std::string::npos) {
      char u = num.back();
      num.pop_back();
      mult = u == 's' ? 1000 : u == 'm' ? 60000 : u == 'h' ? 3600000 : 86400000;
    }
    bool ok = !num.empty() && num.size() < 40 && num.find_first_not_of("0123456789.") == std::string::npos &&
              std::count(num.begin(), num.end(), '.') <= 1 && num != ".";
    long double v = ok ? std::strtold(num.c_str(), &end) : 0;
    if (!ok) {
      ex.err("sleep: invalid time interval \xE2\x80\x98" + a + "\xE2\x80\x99\nTry 'sleep --help' for more information.\n");
      ex.finish(1);
      return;
    }
    total += v * mult;
  }
  // Simulated time is bounded: a day is plenty for any lesson.
  const long double kMax = 24.0L * 3600 * 1000;
  if (total > kMax) total = kMax;
  Time deadline = cluster.now() + static_cast<Time>(total);
  Cluster* c = &cluster;
  ex.wait(deadline, [c, deadline](Execution& e) {
    if (c->now() >= deadline) e.finish(0);
  });
  if (cluster.now() >= deadline) ex.finish(0);
}

void runMinikube(Cluster& cluster, const ShellOptions& opts, const std::vector<std::string>& args, Execution& ex) {
  std::string sub = args.size() > 1 ? args[1] : "";
  if (sub == "dashboard") {
    std::string text = opts.dashboard ? opts.dashboard()
                                      : "The cluster view is part of the browser build: run scripts/serve.sh and open http://127.0.0.1:8080\n";
    if (!text.empty() && text.back() != '\n') text += "\n";
    ex.out(text);
    ex.finish(0);
  } else if (sub == "ip") {
    ex.out("192.168.49.2\n");
    ex.finish(0);
  } else if (sub == "node") {
    runMinikubeNode(cluster, args, ex);
  } else if (sub == "status") {
    runMinikubeStatus(cluster, ex);
  } else if (sub == "addons") {
    runMinikubeAddons(cluster, args, ex);
  } else if (sub.empty()) {
    ex.out("minikube provisions and manages local Kubernetes clusters optimized for development workflows.\n\n"
           "In this console: minikube dashboard, minikube ip, minikube status, minikube node add|start|stop|delete|list,\n"
           "minikube addons enable|disable ingress, minikube addons list\n");
    ex.finish(0);
  } else {
    ex.err("minikube " + sub + " is not available in this simulated cluster (try: dashboard, ip, status, node, addons)\n");
    ex.finish(1);
  }
}

}  // namespace

std::unique_ptr<Execution> Shell::start(const std::string& line) {
  auto ex = std::make_unique<Execution>();
  std::string trimmed = trimSpace(line);
  if (trimmed.empty()) {
    ex->finish(0);
    return ex;
  }
  // `command &`: a background job (an `&` that is not part of `&&`, `>&` or `\&`).
  if (trimmed.back() == '&') {
    char prev = trimmed.size() >= 2 ? trimmed[trimmed.size() - 2] : '\0';
    if (prev != '&' && prev != '>' && prev != '\\' && prev != '|') {
      std::string command = trimSpace(trimmed.substr(0, trimmed.size() - 1));
      if (!command.empty()) return startBackground(trimmed, command);
      history_.push_back(trimmed);
      ex->err("bash: syntax error near unexpected token `&'\n");
      ex->finish(2);
      return ex;
    }
  }
  history_.push_back(trimmed.size() > 4096 ? trimmed.substr(0, 4096) : trimmed);
  if (history_.size() > 1000) history_.erase(history_.begin());
  cluster_.api().activity().beginCommand(trimmed);  // the timeline of what this line causes

  // The command line, then the lines of its here-documents.
  bool open = false;
  size_t end = commandEnd(line, &open);
  std::string commandLine = line.substr(0, end);
  std::string rest = end < line.size() ? line.substr(end + 1) : "";
  std::vector<Stage> stages;
  std::vector<Heredoc> docs;
  std::string error;
  if (!parseLine(commandLine, stages, &error, &docs)) {
    ex->err(error + "\n");
    ex->finish(2);
    return ex;
  }
  readHeredocs(rest, docs);
  for (const auto& d : docs)
    if (!d.found) ex->err("bash: warning: here-document at line 1 delimited by end-of-file (wanted `" + d.delimiter + "')\n");
  if (stages.size() == 1 && stages[0].words.empty() && !stages[0].assignments.empty()) {
    // NAME=VALUE alone sets shell variables (exported ones stay exported)
    for (const auto& [k, v] : stages[0].assignments) state_->vars[k] = v;
    ex->finish(0);
    return ex;
  }
  if (stages.empty() || stages[0].words.empty()) {
    ex->finish(0);
    return ex;
  }
  MemFs& fs = state_->files;
  Cluster* cluster = &cluster_;
  // Standard input and output files of a stage, opened as bash does before the command runs.
  auto openFiles = [&](const Stage& st, Execution& target) {
    if (st.heredoc >= 0 && st.heredoc < static_cast<int>(docs.size())) {
      target.input = docs[static_cast<size_t>(st.heredoc)].body;
    } else if (!st.inFile.empty()) {
      auto data = fs.read(st.inFile);
      if (!data) {
        ex->err("bash: " + st.inFile + ": No such file or directory\n");
        ex->finish(1);
        return false;
      }
      target.input = *data;
    }
    for (int k = 0; k < 2; k++) {
      const std::string& file = k == 0 ? st.outFile : st.errFile;
      if (file.empty()) continue;
      if (!fs.write(file, "", cluster->now(), k == 0 ? st.outAppend : st.errAppend)) {
        ex->err("bash: " + file + ": " + (MemFs::normalize(file).empty() && (file == "." || file == "~" || file == "/") ? "Is a directory" : "No such file or directory") + "\n");
        ex->finish(1);
        return false;
      }
      auto sink = [&fs, cluster, file](const std::string& text) { fs.write(file, text, cluster->now(), true); };
      if (k == 0) target.outSink_ = sink;
      else target.errSink_ = sink;
    }
    return true;
  };

  // `cat <<EOF | kubectl apply -f -`: the text of the first stage is kubectl's standard input.
  size_t cmdStage = 0;
  std::optional<std::string> piped;
  auto isKubectl = [](const std::string& w) { return w == "kubectl" || w == "k" || w == "kubecolor"; };
  if (stages.size() > 1 && !stages[1].words.empty() && isKubectl(stages[1].words[0]) &&
      (stages[0].words[0] == "cat" || stages[0].words[0] == "echo")) {
    Execution producer;
    if (!openFiles(stages[0], producer)) return ex;
    runBuiltin(stages[0].words, producer, stages[0].assignments);
    piped = std::string();
    for (auto& c : producer.takeOutput()) {
      if (c.err) ex->err(c.text);
      else *piped += c.text;
    }
    if (!stages[0].outFile.empty()) piped = std::string();
    cmdStage = 1;
  }
  // The stages after the command are text filters.
  for (size_t i = cmdStage + 1; i < stages.size(); i++) {
    const auto& w = stages[i].words;
    if (w.empty()) continue;
    int code = 0;
    auto f = makeTextFilter(w[0], std::vector<std::string>(w.begin() + 1, w.end()), &error, &code);
    if (!f) {
      ex->err(error + "\n");
      ex->finish(code);
      return ex;
    }
    ex->filters.push_back(*f);
  }
  Stage first = stages[cmdStage];
  if (first.outFile.empty() && stages.size() > cmdStage + 1 && !stages.back().outFile.empty()) {
    // `... | grep x > out`: the pipeline's output goes to the file
    first.outFile = stages.back().outFile;
    first.outAppend = stages.back().outAppend;
  }
  if (first.words.empty()) {
    ex->finish(0);
    return ex;
  }
  std::vector<std::string> words = first.words;
  std::string cmd = words[0];
  Execution& target = *ex;
  if (piped) target.input = piped;
  if (!openFiles(first, target)) return ex;
  target.mergeErr_ = first.mergeStderr;
  target.dropErr_ = first.dropStderr;
  target.dropOut_ = first.dropStdout;
  if (opts_.color && stages.size() == cmdStage + 1 && !first.dropStdout && first.outFile.empty()) {
    // kubecolor colours when it writes to the terminal; errors are red in a coloured console
    if (cmd == "kubecolor") {
      std::string verb;
      for (size_t k = 1; k < words.size(); k++)
        if (!words[k].empty() && words[k][0] != '-') {
          verb = words[k];
          break;
        }
      target.paintOut_ = [verb](const std::string& t) { return kubecolorize(t, verb); };
    }
    if (!first.mergeStderr && first.errFile.empty())
      target.paintErr_ = [](const std::string& t) {
        bool nl = !t.empty() && t.back() == '\n';
        return "\x1b[31m" + (nl ? t.substr(0, t.size() - 1) : t) + "\x1b[0m" + (nl ? "\n" : "");
      };
  }
  runBuiltin(words, target, first.assignments);
  // Controllers react before the next command, as they would on a real cluster in the time
  // it takes to type it.
  cluster_.settle();
  return ex;
}

bool Shell::needsMoreInput(const std::string& text) const {
  bool open = false;
  size_t end = commandEnd(text, &open);
  if (open) return true;
  std::vector<Stage> stages;
  std::vector<Heredoc> docs;
  std::string error;
  if (!parseLine(text.substr(0, end), stages, &error, &docs)) return false;
  if (docs.empty()) return false;
  readHeredocs(end < text.size() ? text.substr(end + 1) : "", docs);
  for (const auto& d : docs)
    if (!d.found) return true;
  return false;
}

MemFs& Shell::files() { return state_->files; }

KubectlContext& Shell::kubectlContext() { return state_->kubectl; }

void Shell::loadHistory(const std::vector<std::string>& lines) {
  std::vector<std::string> merged;
  for (const auto& l : lines)
    if (!l.empty() && l.find('\n') == std::string::npos) merged.push_back(l.size() > 4096 ? l.substr(0, 4096) : l);
  merged.insert(merged.end(), history_.begin(), history_.end());
  if (merged.size() > 1000) merged.erase(merged.begin(), merged.begin() + static_cast<long>(merged.size() - 1000));
  history_ = std::move(merged);
}

void Shell::runBuiltin(const std::vector<std::string>& words, Execution& target, const Environment& assignments) {
  std::string cmd = words[0];
  std::string error;
  if (cmd == "kubectl" || cmd == "k" || cmd == "kubecolor") {
    std::vector<std::string> args(words.begin() + 1, words.end());
    state_->kubectl.env = state_->environment(assignments);
    runKubectl(args, state_->kubectl, target);
  } else if (cmd == "export" || cmd == "unset") {
    runVariableBuiltin(words, target);
  } else if (cmd == "sed") {
    MemFs* fs = &state_->files;
    Time now = cluster_.now();
    SedFiles io;
    io.read = [fs](const std::string& p) { return fs->read(p); };
    io.write = [fs, now](const std::string& p, const std::string& text) { fs->write(p, text, now); };
    SedResult r = runSed(std::vector<std::string>(words.begin() + 1, words.end()), target.input.value_or(""), io);
    target.out(r.out);
    target.err(r.err);
    target.finish(r.code);
  } else if (cmd == "curl") {
    runCurl(cluster_, state_->localPorts, words, target);
  } else if (cmd == "traffic") {
    runTraffic(cluster_, state_->kubectl.namespace_, words, target);
  } else if (cmd == "sleep") {
    runSleep(cluster_, words, target);
    // A watch kept running from a script ends with the next sleep (see continueUntilNextSleep).
    if (target.finished()) {
      endSleepJobs();
    } else {
      std::weak_ptr<int> alive = alive_;
      target.onFinish([this, alive] {
        if (alive.lock()) endSleepJobs();
      });
    }
  } else if (cmd == "jobs") {
    runJobsBuiltin(words, target);
  } else if (cmd == "kill") {
    runKill(words, target);
  } else if (cmd == "fg") {
    runFg(words, target);
  } else if (isFileCommand(cmd)) {
    runFileCommand(state_->files, cluster_.now(), words, target);
  } else if (cmd == "echo") {
    bool newline = true;
    size_t k = 1;
    if (k < words.size() && words[k] == "-n") newline = false, k++;
    std::string text;
    for (size_t firstWord = k; k < words.size(); k++) text += (k == firstWord ? "" : " ") + words[k];
    target.out(text + (newline ? "\n" : ""));
    target.finish(0);
  } else if (cmd == "clear") {
    target.requestClear();
    target.finish(0);
  } else if (cmd == "history") {
    std::string out;
    for (size_t i = 0; i < history_.size(); i++) {
      std::string n = std::to_string(i + 1);
      out += std::string(n.size() < 5 ? 5 - n.size() : 0, ' ') + n + "  " + history_[i] + "\n";
    }
    target.out(out);
    target.finish(0);
  } else if (cmd == "help") {
    target.out(kHelp);
    target.finish(0);
  } else if (cmd == "minikube") {
    runMinikube(cluster_, opts_, words, target);
  } else if (cmd == "exit" || cmd == "true" || cmd == ":") {
    target.finish(0);
  } else if (cmd == "false") {
    target.finish(1);
  } else if (isTextTool(cmd)) {
    // a text tool without a pipe reads an empty stdin here
    int code = 0;
    auto f = makeTextFilter(cmd, std::vector<std::string>(words.begin() + 1, words.end()), &error, &code);
    if (!f) {
      target.err(error + "\n");
      target.finish(code);
    } else {
      int c = 0;
      target.out((*f)("", c));
      target.finish(c);
    }
  } else {
    target.err("bash: " + cmd + ": command not found\n");
    target.finish(127);
  }
}

// bash's export [-n] [-p] [NAME[=VALUE]...] and unset [-v] [NAME...].
void Shell::runVariableBuiltin(const std::vector<std::string>& words, Execution& ex) {
  const std::string& cmd = words[0];
  bool unexport = false, list = words.size() == 1;
  size_t k = 1;
  for (; k < words.size() && words[k].size() > 1 && words[k][0] == '-'; k++) {
    if (words[k] == "--") {
      k++;
      break;
    }
    for (size_t j = 1; j < words[k].size(); j++) {
      char o = words[k][j];
      if (cmd == "export" && (o == 'n' || o == 'p' || o == 'f')) {
        unexport = unexport || o == 'n';
        list = list || o == 'p';
      } else if (cmd == "unset" && (o == 'v' || o == 'f' || o == 'n')) {
      } else {
        ex.err("bash: " + cmd + ": -" + std::string(1, o) + ": invalid option\n" + cmd +
               (cmd == "export" ? ": usage: export [-fn] [name[=value] ...] or export -p\n"
                                : ": usage: unset [-f] [-v] [-n] [name ...]\n"));
        ex.finish(2);
        return;
      }
    }
  }
  int code = 0;
  bool named = k < words.size();
  for (; k < words.size(); k++) {
    const std::string& w = words[k];
    size_t eq = w.find('=');
    std::string name = w.substr(0, eq);
    if (!isShellName(name)) {
      if (cmd == "unset") continue;  // bash ignores them silently
      ex.err("bash: export: `" + w + "': not a valid identifier\n");
      code = 1;
      continue;
    }
    if (cmd == "unset") {
      state_->vars.erase(name);
      state_->exported.erase(name);
      continue;
    }
    if (eq != std::string::npos) state_->vars[name] = w.substr(eq + 1);
    if (unexport) state_->exported.erase(name);
    else state_->exported.insert(name);
  }
  if (cmd == "export" && list && !named) {
    std::string out;
    for (const auto& name : state_->exported) {
      out += "declare -x " + name;
      auto it = state_->vars.find(name);
      if (it != state_->vars.end()) {
        std::string v;
        for (char c : it->second) v += (c == '"' || c == '\\' || c == '$' || c == '`') ? std::string("\\") + c : std::string(1, c);
        out += "=\"" + v + "\"";
      }
      out += "\n";
    }
    ex.out(out);
  }
  ex.finish(code);
}

void runToCompletion(Cluster& cluster, Execution& ex, const std::function<void()>& between) {
  // Each round moves the clock to the next timer or the command's deadline, whichever comes
  // first, and polls. A command without a deadline waits for Ctrl+C, which a script cannot
  // press: it is stopped after the cluster has run what is due now.
  for (int rounds = 0; rounds < 2000000 && !ex.poll(); rounds++) {
    Time wake = ex.wakeAt();
    if (wake == kNoTime) {
      cluster.settle();
      ex.poll();
      if (between) between();
      ex.interrupt();
      return;
    }
    Time next = cluster.nextTimer();
    Time target = (next != kNoTime && next < wake) ? next : wake;
    if (target < cluster.now()) target = cluster.now();
    cluster.advance(target - cluster.now());
    cluster.settle();
    if (between) between();
  }
  if (!ex.finished()) ex.interrupt();
}

namespace {
void appendChunks(std::vector<OutputChunk>& out, std::vector<OutputChunk> more) {
  for (auto& c : more) {
    if (c.text.empty()) continue;
    if (!out.empty() && out.back().err == c.err) out.back().text += c.text;
    else out.push_back(std::move(c));
  }
}
}  // namespace

std::vector<OutputChunk> Shell::run(const std::string& line, int* exitCode) {
  auto ex = start(line);
  std::vector<OutputChunk> out = ex->takeOutput();
  appendChunks(out, pollBackground());
  // Background jobs print while the command runs, in simulated-time order.
  auto between = [&] {
    appendChunks(out, ex->takeOutput());
    appendChunks(out, pollBackground());
  };
  while (!ex->finished()) {
    runToCompletion(cluster_, *ex, between);
  }
  appendChunks(out, ex->takeOutput());
  appendChunks(out, pollBackground());
  if (exitCode) *exitCode = ex->exitCode();
  return out;
}

// ---------------------------------------------------------------- background jobs

std::unique_ptr<Execution> Shell::startBackground(const std::string& original, const std::string& command) {
  auto jobEx = start(command);
  if (!history_.empty()) history_.back() = original.size() > 4096 ? original.substr(0, 4096) : original;
  int id = 1;
  for (const auto& j : jobs_) id = std::max(id, j.id + 1);
  Job job;
  job.id = id;
  job.pid = nextPid_++;
  job.line = command;
  job.ex = std::move(jobEx);
  jobs_.push_back(std::move(job));
  // bash's job-control line: "[1] 4100" (job number, process id)
  auto ex = std::make_unique<Execution>();
  ex->out("[" + std::to_string(id) + "] " + std::to_string(jobs_.back().pid) + "\n");
  ex->finish(0);
  return ex;
}

void Shell::continueUntilNextSleep(std::unique_ptr<Execution> ex) {
  if (!ex) return;
  Job job;
  job.id = 0;
  job.pid = nextPid_++;
  job.ex = std::move(ex);
  jobs_.push_back(std::move(job));
}

void Shell::endSleepJobs() {
  for (auto& j : jobs_)
    if (j.id == 0 && j.ex && !j.ex->finished()) {
      j.ex->poll();  // what happened up to now is still printed
      j.ex->interrupt();
    }
}

namespace {
// bash's job status column: "Done", "Exit 2", "Terminated", padded to 24 columns.
std::string jobLine(int id, char mark, const std::string& status, const std::string& line) {
  std::string s = status;
  if (s.size() < 24) s += std::string(24 - s.size(), ' ');
  return "[" + std::to_string(id) + "]" + mark + "  " + s + line;
}
}  // namespace

std::vector<OutputChunk> Shell::pollBackground() {
  std::vector<OutputChunk> out;
  if (jobs_.empty()) return out;
  for (size_t i = 0; i < jobs_.size(); i++) {
    Execution* e = jobs_[i].ex.get();
    if (!e) continue;
    if (!e->finished()) e->poll();
    appendChunks(out, e->takeOutput());
  }
  // The current job (+) is the newest, the previous (-) the one before.
  int current = 0, previous = 0;
  for (const auto& j : jobs_)
    if (j.id > current) previous = current, current = j.id;
    else if (j.id > previous) previous = j.id;
  std::string notices;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    if (!it->ex || !it->ex->finished()) {
      ++it;
      continue;
    }
    if (it->id > 0) {
      int code = it->ex->exitCode();
      std::string status = it->killed ? "Terminated" : code == 0 ? "Done" : "Exit " + std::to_string(code);
      char mark = it->id == current ? '+' : it->id == previous ? '-' : ' ';
      notices += jobLine(it->id, mark, status, it->line) + "\n";
    }
    it = jobs_.erase(it);
  }
  appendChunks(out, {{false, notices}});
  return out;
}

Shell::Job* Shell::findJob(const std::string& spec) {
  Job* newest = nullptr;
  for (auto& j : jobs_)
    if (j.id > 0 && (!newest || j.id > newest->id)) newest = &j;
  if (spec.empty() || spec == "%" || spec == "%%" || spec == "%+") return newest;
  if (spec.size() > 1 && spec[0] == '%') {
    std::string n = spec.substr(1);
    if (n.empty() || n.size() > 9 || n.find_first_not_of("0123456789") != std::string::npos) return nullptr;
    int id = std::atoi(n.c_str());
    for (auto& j : jobs_)
      if (j.id > 0 && j.id == id) return &j;
    return nullptr;
  }
  if (!spec.empty() && spec.size() <= 9 && spec.find_first_not_of("0123456789") == std::string::npos) {
    int pid = std::atoi(spec.c_str());
    for (auto& j : jobs_)
      if (j.id > 0 && j.pid == pid) return &j;
  }
  return nullptr;
}

void Shell::runJobsBuiltin(const std::vector<std::string>& words, Execution& ex) {
  bool pids = words.size() > 1 && words[1] == "-l";
  int current = 0, previous = 0;
  for (const auto& j : jobs_)
    if (j.id > current) previous = current, current = j.id;
    else if (j.id > previous) previous = j.id;
  std::string text;
  for (auto& j : jobs_) {
    if (j.id == 0 || !j.ex) continue;
    if (!j.ex->finished()) j.ex->poll();
    char mark = j.id == current ? '+' : j.id == previous ? '-' : ' ';
    std::string status = !j.ex->finished() ? "Running" : j.killed ? "Terminated"
                         : j.ex->exitCode() == 0 ? "Done" : "Exit " + std::to_string(j.ex->exitCode());
    std::string line = jobLine(j.id, mark, status, j.line + (j.ex->finished() ? "" : " &"));
    if (pids) line.replace(line.find(']') + 2, 2, " " + std::to_string(j.pid) + " ");  // "[1]+ 4100 Running"
    text += line + "\n";
  }
  ex.out(text);
  ex.finish(0);
}

void Shell::runKill(const std::vector<std::string>& words, Execution& ex) {
  std::vector<std::string> targets;
  bool hard = false;
  for (size_t i = 1; i < words.size(); i++) {
    const std::string& w = words[i];
    if (w == "-s" || w == "-n") {
      if (i + 1 < words.size() && (words[i + 1] == "9" || words[i + 1] == "KILL" || words[i + 1] == "SIGKILL")) hard = true;
      i++;
    } else if (w.size() > 1 && w[0] == '-' && w != "--") {
      hard = hard || w == "-9" || w == "-KILL" || w == "-SIGKILL";
    } else if (w != "--") {
      targets.push_back(w);
    }
  }
  if (targets.empty()) {
    ex.err("kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n");
    ex.finish(2);
    return;
  }
  int code = 0;
  for (const auto& t : targets) {
    Job* j = findJob(t);
    if (!j) {
      if (!t.empty() && t[0] == '%') ex.err("bash: kill: " + t + ": no such job\n");
      else if (t.find_first_not_of("0123456789") == std::string::npos) ex.err("bash: kill: (" + t + ") - No such process\n");
      else ex.err("bash: kill: " + t + ": arguments must be process or job IDs\n");
      code = 1;
      continue;
    }
    if (j->ex && !j->ex->finished()) {
      j->ex->poll();
      j->ex->interrupt();
      j->killed = true;
    }
  }
  (void)hard;
  ex.finish(code);
}

void Shell::runFg(const std::vector<std::string>& words, Execution& ex) {
  std::string spec = words.size() > 1 ? words[1] : "";
  Job* j = findJob(spec);
  if (!j) {
    ex.err("bash: fg: " + (spec.empty() ? std::string("current") : spec) + ": no such job\n");
    ex.finish(1);
    return;
  }
  // The job leaves the table and runs as this command: Ctrl+C now reaches it.
  std::shared_ptr<Execution> job(std::move(j->ex));
  std::string line = j->line;
  for (auto it = jobs_.begin(); it != jobs_.end(); ++it)
    if (&*it == j) {
      jobs_.erase(it);
      break;
    }
  ex.out(line + "\n");
  // Each poll forwards the job's output and waits again until the job's own next deadline.
  struct Forward {
    std::shared_ptr<Execution> job;
    void operator()(Execution& e) const {
      if (!job->finished()) job->poll();
      for (auto& c : job->takeOutput()) {
        if (c.err) e.err(c.text);
        else e.out(c.text);
      }
      if (job->finished()) e.finish(job->exitCode());
      else e.wait(job->wakeAt(), *this);
    }
  };
  ex.onFinish([job] {
    if (!job->finished()) job->interrupt();
  });
  Forward{job}(ex);
}

std::string Shell::runText(const std::string& line, int* exitCode) {
  std::string text;
  for (const auto& c : run(line, exitCode)) text += c.text;
  return text;
}

}  // namespace kp
