// kubectl edit's KUBE_EDITOR/EDITOR commands as the console runs them. kubectl execs the
// editor with the temporary file as its last argument, or runs `$SHELL -c "VALUE \"FILE\""`
// when the value has quotes; here the programs are sed, cat, echo, true and false (vi, nano
// and other editors for a person are the front end's editor), and `sh -c`/`bash -c` splits
// its line with the console's own shell rules and prints bash's or dash's errors.
#include "core/base/strings.h"
#include "core/shell/sed.h"
#include "core/shell/shell_internal.h"

namespace kp {

namespace {

std::string baseName(const std::string& p) {
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

bool isShellProgram(const std::string& name) { return name == "sh" || name == "bash" || name == "dash"; }

bool isInteractiveEditor(const std::string& name) {
  for (const char* e : {"vi", "vim", "nvim", "view", "vim.tiny", "nano", "pico", "emacs", "micro", "joe", "mcedit"})
    if (name == e) return true;
  return false;
}

// The program a path or name runs: "sed" for sed, /bin/sed and /usr/bin/sed; "" for a path
// elsewhere (no such file here).
std::string programOf(const std::string& word) {
  if (word.find('/') == std::string::npos) return word;
  std::string dir = word.substr(0, word.rfind('/') + 1);
  return dir == "/bin/" || dir == "/usr/bin/" ? baseName(word) : "";
}

bool isProgram(const std::string& name) {
  return name == "sed" || name == "cat" || name == "echo" || name == "true" || name == "false" || isShellProgram(name) ||
         isInteractiveEditor(name);
}

// The file kubectl wrote, over the console's own files.
struct EditorFiles {
  const std::string& path;
  std::string text;
  MemFs& files;
  Time now;
  std::optional<std::string> read(const std::string& p) const {
    if (p == path) return text;
    return files.read(p);
  }
};

EditorRun exited(int code, std::string out = "", std::string err = "") {
  EditorRun r;
  r.outcome = EditorRun::Exited;
  r.exitCode = code;
  r.out = std::move(out);
  r.err = std::move(err);
  return r;
}

EditorRun runProgram(const std::vector<std::string>& argv, EditorFiles& f, int depth);

// `sh -c LINE [NAME]`: the line split by the console's rules, run with the shell's builtins;
// its complaints name $0 as bash ("NAME: line 1: x: command not found") or dash does.
EditorRun runShell(const std::vector<std::string>& argv, EditorFiles& f, int depth) {
  std::string self = argv.size() > 3 ? argv[3] : argv[0];
  bool dash = baseName(argv[0]) != "bash";
  std::vector<std::string> words;
  std::string error;
  if (!splitSimpleCommand(argv[2], words, &error)) {
    if (startsWith(error, "bash: ")) error = error.substr(6);
    return exited(2, "", self + (dash ? ": 1: " : ": -c: line 1: ") + error + "\n");
  }
  if (words.empty() || words[0] == ":" || words[0] == "true") return exited(0);
  if (words[0] == "false") return exited(1);
  std::string program = programOf(words[0]);
  if (program.empty() || !isProgram(program)) {
    bool path = words[0].find('/') != std::string::npos;
    std::string why = path ? "No such file or directory" : dash ? "not found" : "command not found";
    return exited(127, "", self + (dash ? ": 1: " : ": line 1: ") + words[0] + ": " + why + "\n");
  }
  return runProgram(words, f, depth + 1);
}

EditorRun runProgram(const std::vector<std::string>& argv, EditorFiles& f, int depth) {
  std::string program = programOf(argv[0]);
  if (program.empty()) return exited(127);  // fork/exec: no such file (not exec's ErrNotFound)
  if (!isProgram(program)) return EditorRun{};
  if (isInteractiveEditor(program)) {
    EditorRun r;
    r.outcome = EditorRun::Interactive;
    return r;
  }
  if (isShellProgram(program)) {
    if (argv.size() < 3 || argv[1] != "-c" || depth > 8) return exited(2, "", argv[0] + ": this console runs only `" + argv[0] + " -c LINE`\n");
    return runShell(argv, f, depth);
  }
  if (program == "true") return exited(0);
  if (program == "false") return exited(1);
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  if (program == "echo") return exited(0, join(args, " ") + "\n");
  if (program == "cat") {
    EditorRun r = exited(0);
    for (const auto& a : args) {
      if (auto t = f.read(a)) {
        r.out += *t;
      } else {
        r.err += "cat: " + a + ": No such file or directory\n";
        r.exitCode = 1;
      }
    }
    return r;
  }
  SedFiles io;
  io.read = [&f](const std::string& p) { return f.read(p); };
  io.write = [&f](const std::string& p, const std::string& text) {
    if (p == f.path) f.text = text;
    else f.files.write(p, text, f.now);
  };
  SedResult s = runSed(args, "", io);
  return exited(s.code, s.out, s.err);
}

}  // namespace

EditorRun runEditorProgram(const std::vector<std::string>& args, const std::string& path, const std::string& text,
                           MemFs& files, Time now) {
  if (args.empty()) return EditorRun{};
  EditorFiles f{path, text, files, now};
  EditorRun r = runProgram(args, f, 0);
  r.text = f.text;
  return r;
}

}  // namespace kp
