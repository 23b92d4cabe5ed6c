// Containers' main processes as step lists; see program.h. Only the forms people type in
// tutorials are understood; anything else in a script is "not found" as busybox sh says it.
#include "core/kubelet/program.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cmath>

#include "core/kubelet/images.h"
#include "core/kubelet/programs.h"

namespace kp {

namespace {

std::string baseName(const std::string& p) {
  auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

bool isShell(const std::string& argv0) {
  std::string b = baseName(argv0);
  return b == "sh" || b == "bash" || b == "ash" || b == "dash" || b == "zsh";
}

// Whether argv starts the image's own program (its server, its REPL, or the ENTRYPOINT that
// takes flags); system images run theirs whatever argv says.
bool isImageProgram(const ImageInfo& image, const std::vector<std::string>& run, const Container& c) {
  if (image.kind == ProgramKind::System || run.empty()) return true;
  if (image.argsAreFlags && c.command.empty()) return true;
  std::string b = baseName(run[0]);
  for (const auto& s : image.servers)
    if (run[0] == s || b == baseName(s)) return true;
  // docker-entrypoint.sh hands flags to the server: `redis-server --appendonly yes`.
  return image.kind == ProgramKind::TcpService && c.command.empty() && !run[0].empty() && run[0][0] == '-';
}

}  // namespace

Time sleepArgMillis(const std::string& arg) {
  if (arg == "infinity" || arg == "inf") return -2;
  if (arg.empty()) return -1;
  std::string num = arg;
  double mult = 1000;
  char last = arg.back();
  if (last == 's' || last == 'm' || last == 'h' || last == 'd') {
    num = arg.substr(0, arg.size() - 1);
    mult = last == 's' ? 1000 : last == 'm' ? 60000 : last == 'h' ? 3600000 : 86400000;
  }
  if (num.empty() || num.find_first_not_of("0123456789.") != std::string::npos ||
      std::count(num.begin(), num.end(), '.') > 1 || num == ".")
    return -1;
  double v = std::atof(num.c_str()) * mult;
  // Anything beyond a century is, for the simulation, forever.
  if (!std::isfinite(v) || v > 3.2e12) return -2;
  return static_cast<Time>(v);
}

std::vector<std::string> shellWords(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  bool have = false;
  auto flush = [&] {
    if (have) out.push_back(cur);
    cur.clear();
    have = false;
  };
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c == '\'') {
      size_t end = s.find('\'', i + 1);
      if (end == std::string::npos) end = s.size();
      cur += s.substr(i + 1, end - i - 1);
      have = true;
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < s.size() && s[j] != '"'; j++) {
        if (s[j] == '\\' && j + 1 < s.size()) j++;
        cur += s[j];
      }
      have = true;
      i = j;
    } else if (c == '\\' && i + 1 < s.size()) {
      cur += s[++i];
      have = true;
    } else if (c == ' ' || c == '\t') {
      flush();
    } else if (c == ';' || c == '\n') {
      flush();
      out.push_back(";");
    } else if ((c == '&' || c == '|') && i + 1 < s.size() && s[i + 1] == c) {
      flush();
      out.push_back(std::string(2, c));
      i++;
    } else if (c == '|' || c == '&') {
      flush();
      out.push_back(std::string(1, c));
    } else {
      cur += c;
      have = true;
    }
  }
  flush();
  return out;
}

namespace {

// Appends the steps of one simple command (already split into words).
void simpleCommand(const std::vector<std::string>& w, std::vector<ProgramStep>& steps) {
  if (w.empty()) return;
  const std::string cmd = baseName(w[0]);
  auto status = [&](int code) { steps.push_back({ProgramStep::Status, "", 0, code, 0}); };
  if (cmd == "echo") {
    std::string line;
    size_t from = 1;
    bool newline = true;
    if (w.size() > 1 && w[1] == "-n") {
      from = 2;
      newline = false;
    }
    for (size_t i = from; i < w.size(); i++) line += (i > from ? " " : "") + w[i];
    if (newline || !line.empty()) steps.push_back({ProgramStep::Log, line, 0, 0, 0});
    status(0);
  } else if (cmd == "sleep") {
    Time ms = w.size() > 1 ? sleepArgMillis(w[1]) : -1;
    if (w.size() < 2) {
      steps.push_back({ProgramStep::Log, "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.", 0, 0, 0});
      status(1);
    } else if (ms == -1) {
      steps.push_back({ProgramStep::Log, "sleep: invalid number '" + w[1] + "'", 0, 0, 0});
      status(1);
    } else if (ms == -2) {
      steps.push_back({ProgramStep::Forever, "", 0, 0, 0});
    } else {
      steps.push_back({ProgramStep::Sleep, "", ms, 0, 0});
      status(0);
    }
  } else if (cmd == "true" || cmd == ":") {
    status(0);
  } else if (cmd == "false") {
    status(1);
  } else if (cmd == "exit") {
    int code = 0;
    if (w.size() > 1) code = static_cast<int>(std::strtol(w[1].c_str(), nullptr, 10) & 255);
    steps.push_back({ProgramStep::Exit, "", 0, code, 0});
  } else if (cmd == "touch") {
    for (size_t i = 1; i < w.size(); i++) steps.push_back({ProgramStep::Touch, w[i], 0, 0, 0});
    status(0);
  } else if (cmd == "rm") {
    for (size_t i = 1; i < w.size(); i++)
      if (w[i].empty() || w[i][0] != '-') steps.push_back({ProgramStep::Remove, w[i], 0, 0, 0});
    status(0);
  } else if (cmd == "tail" && std::find(w.begin(), w.end(), "-f") != w.end()) {
    steps.push_back({ProgramStep::Forever, "", 0, 0, 0});
  } else if (cmd == "yes") {
    steps.push_back({ProgramStep::Forever, "", 0, 0, 0});  // prints y until killed (usually to /dev/null)
  } else if (cmd == "date") {
    status(0);  // its output is not modelled in container logs
  } else {
    ProgramStep e{ProgramStep::Exec, "", 0, 0, 0};
    e.argv = w;
    e.inShell = true;
    steps.push_back(e);
  }
}

// Splits words into statements at ";" / "&&" / "||" (conditionals run unconditionally: a
// simplification) and handles `while true; do ...; done` / `while :; do ...; done`.
void script(const std::vector<std::string>& words, std::vector<ProgramStep>& steps) {
  std::vector<std::string> cur;
  for (size_t i = 0; i <= words.size(); i++) {
    bool end = i == words.size();
    // `while sleep N; do ...` (the HPA walkthrough's load generator) sleeps before each round.
    bool sleepFirst = !end && cur.empty() && words[i] == "while" && i + 3 < words.size() &&
                      words[i + 1] == "sleep" && words[i + 3] == ";";
    if (!end && cur.empty() && words[i] == "while" && i + 1 < words.size() &&
        (words[i + 1] == "true" || words[i + 1] == ":" || sleepFirst)) {
      // Find "do" ... matching "done".
      size_t j = sleepFirst ? i + 3 : i + 2;
      while (j < words.size() && words[j] == ";") j++;
      if (j < words.size() && words[j] == "do") {
        size_t depth = 1, k = j + 1;
        for (; k < words.size(); k++) {
          if (words[k] == "do") depth++;
          if (words[k] == "done" && --depth == 0) break;
        }
        std::vector<std::string> body(words.begin() + static_cast<long>(j + 1),
                                      words.begin() + static_cast<long>(std::min(k, words.size())));
        size_t start = steps.size();
        if (sleepFirst) simpleCommand({"sleep", words[i + 2]}, steps);
        script(body, steps);
        steps.push_back({ProgramStep::Jump, "", 0, 0, start});
        i = k;
        continue;
      }
    }
    if (end || words[i] == ";" || words[i] == "&&" || words[i] == "||" || words[i] == "&") {
      simpleCommand(cur, steps);
      cur.clear();
      continue;
    }
    if (words[i] == "|") {  // a pipeline: only its last command's status matters here
      cur.clear();
      continue;
    }
    cur.push_back(words[i]);
  }
}

}  // namespace

std::vector<std::string> imageDefaultArgv(const ImageInfo& image) {
  std::vector<std::string> argv = image.entrypoint;
  argv.insert(argv.end(), image.cmd.begin(), image.cmd.end());
  return argv;
}

Program containerProgram(const ImageInfo* image, const Container& c,
                         const std::vector<std::pair<std::string, std::string>>& env) {
  Program p;
  if (!image) return p;
  std::vector<std::string> argv;
  if (!c.command.empty()) {
    argv = c.command;
    argv.insert(argv.end(), c.args.begin(), c.args.end());
  } else {
    argv = image->entrypoint;
    const auto& rest = c.args.empty() ? image->cmd : c.args;
    argv.insert(argv.end(), rest.begin(), rest.end());
  }
  p.argv = argv;
  // An ENTRYPOINT script that execs its arguments (nginx, redis, curl): look at what it runs.
  std::vector<std::string> run = argv;
  bool wrapper = !image->entrypoint.empty() && c.command.empty() && !image->argsAreFlags;
  bool bareEntrypoint = wrapper && run.size() == image->entrypoint.size();  // jenkins: tini -- jenkins.sh
  if (wrapper && run.size() > image->entrypoint.size())
    run.erase(run.begin(), run.begin() + static_cast<long>(image->entrypoint.size()));
  // A command that names the entrypoint script itself (`/docker-entrypoint.sh nginx -g ...`).
  if (!c.command.empty() && image->entrypoint.size() == 1 && !image->argsAreFlags &&
      baseName(run[0]) == baseName(image->entrypoint[0])) {
    run.erase(run.begin());
    bareEntrypoint = run.empty();
  }
  if (bareEntrypoint || isImageProgram(*image, run, c)) {
    std::string binary;
    std::vector<std::string> args;
    if (image->argsAreFlags && c.command.empty()) {
      args = c.args.empty() ? image->cmd : c.args;
      if (!args.empty() && image->kind != ProgramKind::Batch)
        for (const auto& s : image->servers)
          if (!args.empty() && baseName(args[0]) == baseName(s)) args.erase(args.begin());
    } else if (!bareEntrypoint && !run.empty() && (run[0].empty() || run[0][0] != '-')) {
      binary = run[0];
      args.assign(run.begin() + 1, run.end());
    } else if (!bareEntrypoint) {
      args = run;
    }
    Program own = imageProgram(*image, c, binary, args, env);
    own.argv = argv;
    return own;
  }
  if (isShell(run[0])) {
    if (image->shell.empty()) {
      p.notFound = run[0];
      return p;
    }
    auto dashC = std::find(run.begin() + 1, run.end(), "-c");
    if (dashC != run.end()) {
      std::string text = dashC + 1 != run.end() ? *(dashC + 1) : "";
      script(shellWords(text), p.steps);
    } else if (c.stdin_ || c.tty) {
      p.steps.push_back({ProgramStep::Forever, "", 0, 0, 0});  // an interactive shell waits for input
    } else {
      p.steps.push_back({ProgramStep::Status, "", 0, 0, 0});  // reads EOF from /dev/null and exits
    }
    return p;
  }
  static const char* known[] = {"sleep", "echo", "true", "false", "tail", "date", "touch", "rm"};
  static const char* execs[] = {"env", "printenv", "hostname", "cat", "ls", "curl", "wget", "nslookup"};
  std::string b = baseName(run[0]);
  bool tool = std::find(image->tools.begin(), image->tools.end(), b) != image->tools.end() ||
              (b == "wget" && image->shell == "busybox");
  if (!image->shell.empty() && std::find(std::begin(known), std::end(known), b) != std::end(known)) {
    simpleCommand(run, p.steps);
  } else if (!image->shell.empty() && (tool || (std::find(std::begin(execs), std::end(execs), b) != std::end(execs) &&
                                                b != "curl" && b != "wget" && b != "nslookup"))) {
    ProgramStep e{ProgramStep::Exec, "", 0, 0, 0};
    e.argv = run;
    p.steps.push_back(e);
  } else {
    p.notFound = run[0];
  }
  return p;
}

}  // namespace kp
