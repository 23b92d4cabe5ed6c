// Tab completion (see complete.h). The line up to the cursor is split as the shell splits it;
// the last simple command (after a `|`, `;` or `&&`) is completed: its first word against the
// shell's commands, kubectl's words against kubectl's command tree, flag sets and the store.
#include "core/shell/complete.h"
#include "core/base/strings.h"

#include <algorithm>
#include <set>

#include "core/api/resources.h"
#include "core/kubectl/kubectl.h"
#include "core/shell/fs.h"
#include "core/shell/shell.h"

namespace kp {

namespace {

// The words of the last simple command before the cursor, and the word being typed.
struct Words {
  std::vector<std::string> done;  // complete words before the current one
  std::string cur;                // the current word, unquoted
  size_t curStart = 0;            // where it starts in the line
  char openQuote = 0;
  bool redirectTarget = false;    // the current word follows > >> < 2>
  bool heredocDelimiter = false;  // the current word follows << (nothing to complete)
};

Words splitForCompletion(const std::string& line) {
  Words w;
  bool inWord = false;
  bool nextIsRedirect = false, nextIsHeredoc = false;
  auto endWord = [&] {
    if (!inWord) return;
    if (nextIsRedirect || nextIsHeredoc) {
      nextIsRedirect = nextIsHeredoc = false;  // a file name or delimiter, not an argument
    } else {
      w.done.push_back(w.cur);
    }
    w.cur.clear();
    inWord = false;
  };
  auto startWord = [&](size_t i) {
    if (!inWord) {
      inWord = true;
      w.curStart = i;
    }
  };
  auto newCommand = [&] {
    w.done.clear();
    w.cur.clear();
    inWord = false;
    nextIsRedirect = nextIsHeredoc = false;
  };
  for (size_t i = 0; i < line.size(); i++) {
    char c = line[i];
    if (c == '\'' || c == '"') {
      startWord(i);
      size_t j = i + 1;
      bool closed = false;
      for (; j < line.size(); j++) {
        if (c == '"' && line[j] == '\\' && j + 1 < line.size()) {
          w.cur += line[++j];
          continue;
        }
        if (line[j] == c) {
          closed = true;
          break;
        }
        w.cur += line[j];
      }
      if (!closed) {
        w.openQuote = c;
        break;
      }
      i = j;
    } else if (c == '\\') {
      startWord(i);
      if (i + 1 < line.size()) w.cur += line[++i];
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      endWord();
    } else if (c == '#' && !inWord) {
      // a comment: the rest of the line completes nothing
      newCommand();
      w.heredocDelimiter = true;
      return w;
    } else if (c == '|' || c == ';' || c == '&' || c == '(' || c == ')' || c == '`') {
      endWord();
      newCommand();
      if (c == '&' && i + 1 < line.size() && line[i + 1] == '>') nextIsRedirect = true, i++;
    } else if (c == '>' || c == '<') {
      if (inWord && (w.cur == "1" || w.cur == "2") && line[i - 1] == w.cur[0]) {
        w.cur.clear();
        inWord = false;
      } else {
        endWord();
      }
      bool heredoc = c == '<' && i + 1 < line.size() && line[i + 1] == '<';
      while (i + 1 < line.size() && (line[i + 1] == '>' || line[i + 1] == '<' || line[i + 1] == '&' || line[i + 1] == '-'))
        i++;
      if (heredoc) nextIsHeredoc = true, nextIsRedirect = false;
      else nextIsRedirect = true, nextIsHeredoc = false;
    } else {
      startWord(i);
      w.cur += c;
    }
  }
  if (!inWord) w.curStart = line.size();
  w.redirectTarget = nextIsRedirect;
  w.heredocDelimiter = w.heredocDelimiter || nextIsHeredoc;
  return w;
}

std::vector<std::string> sortedUnique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// ---------------------------------------------------------------- what the store holds
std::vector<std::string> objectNames(Shell& shell, const ResourceInfo& r, const std::string& ns, bool allNs) {
  std::vector<std::string> out;
  const Store& store = shell.cluster().store();
  for (const auto& o : store.list(r, (!r.namespaced || allNs) ? "" : ns))
    if (o) out.push_back(o->metadata.name);
  return out;
}

std::vector<std::string> namesOf(Shell& shell, const char* resource) {
  const ResourceInfo* r = findResource(resource);
  return r ? objectNames(shell, *r, "", true) : std::vector<std::string>{};
}

// Resource types as `kubectl api-resources -o name` lists them (deployments.apps), which is
// what kubectl's completion offers.
std::vector<std::string> resourceTypeNames() {
  std::vector<std::string> out;
  for (const auto& r : allResources()) out.push_back(r.qualified());
  return out;
}

// A resource word typed in full that no listed type name starts with (svc, po, deploy, node)
// still completes: to itself, so that Tab moves on to the names.
std::vector<std::string> resourceTypes(const std::string& word, const std::vector<std::string>& allowed) {
  std::vector<std::string> out;
  if (!allowed.empty()) {
    out = allowed;
  } else {
    out = resourceTypeNames();
  }
  bool any = false;
  for (const auto& t : out)
    if (startsWith(t, word)) any = true;
  if (!any && !word.empty()) {
    const ResourceInfo* r = findResource(word);
    if (r) {
      bool ok = allowed.empty();
      for (const auto& a : allowed)
        if (findResource(a) == r) ok = true;
      if (ok) out.push_back(word);
    }
  }
  return out;
}

// ---------------------------------------------------------------- kubectl
struct KubectlLine {
  std::vector<std::string> path;         // "get" / "rollout", "undo"
  std::vector<std::string> positionals;  // after the path
  std::vector<FlagDef> flags;            // of the path's command
  std::set<std::string> flagsSet;        // names of the flags given
  std::string ns;                        // -n or the context's namespace
  bool allNamespaces = false;
  std::string container;                 // -c
  std::string pendingFlag;               // the last word is this flag, waiting for its value
};

const FlagDef* findFlag(const std::vector<FlagDef>& defs, const std::string& name) {
  for (const auto& d : defs)
    if (d.name == name) return &d;
  return nullptr;
}
const FlagDef* findShort(const std::vector<FlagDef>& defs, char c) {
  for (const auto& d : defs)
    if (d.shorthand == c) return &d;
  return nullptr;
}
bool takesValue(const FlagDef& d) { return d.type != FlagType::Bool && d.noOptDefVal.empty(); }

const std::vector<std::string>& subcommandsOf(const std::string& cmd) {
  static const std::vector<std::string> none;
  static const std::vector<std::string> create = {"clusterrole", "clusterrolebinding", "configmap", "deployment", "job",
                                                  "namespace", "role", "rolebinding", "secret"};
  static const std::vector<std::string> auth = {"can-i", "whoami"};
  static const std::vector<std::string> rollout = {"history", "pause", "restart", "resume", "status", "undo"};
  static const std::vector<std::string> config = {"current-context", "get-clusters", "get-contexts", "get-users",
                                                  "set-context", "use-context", "view"};
  static const std::vector<std::string> set = {"image"};
  if (cmd == "create") return create;
  if (cmd == "rollout") return rollout;
  if (cmd == "config") return config;
  if (cmd == "set") return set;
  if (cmd == "auth") return auth;
  return none;
}

bool isSubcommandOf(const std::string& cmd, const std::string& word) {
  for (const auto& s : subcommandsOf(cmd))
    if (s == word) return true;
  if (cmd == "create") return word == "deploy" || word == "ns" || word == "cm";
  if (cmd == "config") return word == "use";
  return false;
}

KubectlLine analyzeKubectl(Shell& shell, const std::vector<std::string>& args) {
  KubectlLine k;
  KubectlContext& ctx = shell.kubectlContext();
  k.ns = ctx.namespace_;
  k.flags = kubectlCommandFlags({}, ctx);
  std::set<std::string> commands;
  for (const auto& c : kubectlCommandNames()) commands.insert(c);
  bool dash = false;
  std::string nsFlag;
  auto setPath = [&](std::vector<std::string> path) {
    k.path = std::move(path);
    auto defs = kubectlCommandFlags(k.path, ctx);
    if (!defs.empty()) k.flags = std::move(defs);
  };
  for (size_t i = 0; i < args.size(); i++) {
    const std::string& a = args[i];
    k.pendingFlag.clear();
    if (!dash && a == "--") {
      dash = true;
      continue;
    }
    if (!dash && a.size() > 1 && a[0] == '-') {
      const FlagDef* d = nullptr;
      std::string value;
      bool hasValue = false;
      if (a[1] == '-') {
        std::string name = a.substr(2);
        auto eq = name.find('=');
        if (eq != std::string::npos) {
          value = name.substr(eq + 1);
          hasValue = true;
          name = name.substr(0, eq);
        }
        d = findFlag(k.flags, name);
      } else {
        // shorthands: -it, -n NS, -nNS
        for (size_t j = 1; j < a.size(); j++) {
          const FlagDef* s = findShort(k.flags, a[j]);
          if (!s) break;
          k.flagsSet.insert(s->name);
          if (s->name == "all-namespaces") k.allNamespaces = true;
          if (takesValue(*s)) {
            d = s;
            if (j + 1 < a.size()) {
              value = a.substr(j + 1 + (a[j + 1] == '=' ? 1 : 0));
              hasValue = true;
            }
            break;
          }
        }
        if (d && !hasValue) {
          // the value is the next word
        } else if (!d) {
          continue;
        }
      }
      if (!d) continue;
      k.flagsSet.insert(d->name);
      if (!hasValue && takesValue(*d)) {
        if (i + 1 < args.size()) {
          value = args[++i];
          hasValue = true;
        } else {
          k.pendingFlag = d->name;
        }
      }
      if (hasValue && d->name == "namespace") nsFlag = value;
      if (hasValue && d->name == "container") k.container = value;
      if (d->name == "all-namespaces" && (!hasValue || value == "true")) k.allNamespaces = true;
      continue;
    }
    if (k.path.empty()) {
      if (commands.count(a)) setPath({a});
      else k.path = {a};  // an unknown command: nothing more to complete
      continue;
    }
    if (k.path.size() == 1 && k.positionals.empty() && isSubcommandOf(k.path[0], a)) {
      std::string sub = a;
      if (sub == "deploy") sub = "deployment";
      if (sub == "ns") sub = "namespace";
      if (sub == "cm") sub = "configmap";
      if (sub == "use") sub = "use-context";
      setPath({k.path[0], sub});
      continue;
    }
    k.positionals.push_back(a);
  }
  if (!nsFlag.empty()) k.ns = nsFlag;
  return k;
}

std::vector<std::string> outputFormats(const std::string& cmd) {
  std::vector<std::string> v = {"json", "yaml", "name", "go-template=", "go-template-file=", "template=",
                                "templatefile=", "jsonpath=", "jsonpath-as-json=", "jsonpath-file="};
  if (cmd == "get") {
    v.push_back("custom-columns=");
    v.push_back("custom-columns-file=");
    v.push_back("wide");
  }
  if (cmd == "config") v = {"json", "yaml", "name", "jsonpath="};
  if (cmd == "api-resources") v = {"wide", "name"};
  if (cmd == "version") v = {"json", "yaml"};
  return v;
}

std::vector<std::string> podContainers(Shell& shell, const std::string& ns, const std::string& pod) {
  std::vector<std::string> out;
  auto p = shell.cluster().store().get<Pod>(ns, pod);
  if (!p) return out;
  for (const auto& c : p->spec.containers) out.push_back(c.name);
  for (const auto& c : p->spec.initContainers) out.push_back(c.name);
  return out;
}

std::vector<std::string> flagValues(Shell& shell, const KubectlLine& k, const FlagDef& d) {
  const std::string cmd = k.path.empty() ? "" : k.path[0];
  KubectlContext& ctx = shell.kubectlContext();
  const std::string& n = d.name;
  if (n == "namespace") return namesOf(shell, "namespaces");
  if (n == "output") return outputFormats(cmd);
  if (n == "filename") return shell.files().names();
  if (n == "context") {
    std::vector<std::string> v;
    for (const auto& c : ctx.contexts) v.push_back(c.name);
    return v;
  }
  if (n == "cluster") {
    std::vector<std::string> v;
    for (const auto& c : ctx.contexts) v.push_back(c.cluster);
    return v;
  }
  if (n == "user") {
    std::vector<std::string> v;
    for (const auto& c : ctx.contexts) v.push_back(c.user);
    return v;
  }
  if (n == "type" && cmd == "expose") return {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"};
  if (n == "dry-run") return {"none", "server", "client"};
  if (n == "restart") return {"Always", "OnFailure", "Never"};
  if (n == "image-pull-policy") return {"Always", "IfNotPresent", "Never"};
  if (n == "cascade") return {"background", "foreground", "orphan"};
  if (n == "container" && (cmd == "logs" || cmd == "exec" || cmd == "attach") && !k.positionals.empty()) {
    std::string pod = k.positionals[0];
    if (startsWith(pod, "pod/")) pod = pod.substr(4);
    else if (startsWith(pod, "pods/")) pod = pod.substr(5);
    return podContainers(shell, k.ns, pod);
  }
  if (d.type == FlagType::Bool) return {"true", "false"};
  return {};
}

std::vector<std::string> flagNames(const KubectlLine& k, const std::string& word) {
  std::vector<std::string> out;
  // cobra offers only the required flags while some are not set yet
  std::vector<const FlagDef*> defs;
  for (const auto& d : k.flags)
    if (d.required && !k.flagsSet.count(d.name)) defs.push_back(&d);
  if (defs.empty())
    for (const auto& d : k.flags) defs.push_back(&d);
  for (const FlagDef* d : defs) {
    bool repeatable = d->type == FlagType::StringArray || d->type == FlagType::StringSlice;
    if (k.flagsSet.count(d->name) && !repeatable) continue;
    out.push_back("--" + d->name + (takesValue(*d) ? "=" : ""));
    if (d->shorthand && !startsWith(word, "--")) out.push_back(std::string("-") + d->shorthand);
  }
  return out;
}

// TYPE/NAME words: "deploy/kubia", with the type as typed.
std::vector<std::string> typeSlashNames(Shell& shell, const KubectlLine& k, const std::string& word,
                                        const std::vector<std::string>& allowed) {
  std::vector<std::string> out;
  auto slash = word.find('/');
  std::string type = word.substr(0, slash);
  const ResourceInfo* r = findResource(type);
  if (!r) return out;
  if (!allowed.empty()) {
    bool ok = false;
    for (const auto& a : allowed)
      if (findResource(a) == r) ok = true;
    if (!ok) return out;
  }
  for (const auto& n : objectNames(shell, *r, k.ns, k.allNamespaces)) out.push_back(type + "/" + n);
  return out;
}

// Positional arguments of the commands that take a resource type and names.
std::vector<std::string> typeAndNames(Shell& shell, const KubectlLine& k, const std::string& word,
                                      const std::vector<std::string>& allowed, size_t firstPos = 0) {
  std::vector<std::string> pos(k.positionals.begin() + static_cast<long>(std::min(firstPos, k.positionals.size())),
                               k.positionals.end());
  if (word.find('/') != std::string::npos) {
    for (const auto& p : pos)
      if (p.find('/') == std::string::npos) return {};  // TYPE NAME and TYPE/NAME do not mix
    return typeSlashNames(shell, k, word, allowed);
  }
  if (pos.empty()) return resourceTypes(word, allowed);
  if (pos[0].find('/') != std::string::npos) return {};
  // names of the type (a comma list of types completes nothing)
  if (pos[0].find(',') != std::string::npos) return {};
  const ResourceInfo* r = findResource(pos[0]);
  if (!r) return {};
  std::set<std::string> given(pos.begin() + 1, pos.end());
  std::vector<std::string> out;
  for (const auto& n : objectNames(shell, *r, k.ns, k.allNamespaces))
    if (!given.count(n)) out.push_back(n);
  return out;
}

std::vector<std::string> kubectlPositionals(Shell& shell, const KubectlLine& k, const std::string& word) {
  if (k.path.empty()) {
    auto v = kubectlCommandNames();
    v.push_back("help");
    return v;
  }
  const std::string& cmd = k.path[0];
  const auto& subs = subcommandsOf(cmd);
  if (!subs.empty() && k.path.size() == 1) return k.positionals.empty() ? subs : std::vector<std::string>{};
  const size_t n = k.positionals.size();
  if (cmd == "help") return n == 0 ? kubectlCommandNames() : std::vector<std::string>{};
  if (cmd == "get" || cmd == "describe" || cmd == "delete" || cmd == "edit" || cmd == "label" ||
      cmd == "annotate" || cmd == "wait") {
    // label/annotate: after the names come KEY=VAL words, which complete nothing
    if ((cmd == "label" || cmd == "annotate") && word.find('=') != std::string::npos) return {};
    return typeAndNames(shell, k, word, {});
  }
  if (cmd == "scale") return typeAndNames(shell, k, word, {"deployment", "replicaset", "replicationcontroller", "statefulset"});
  if (cmd == "expose")
    return typeAndNames(shell, k, word, {"deployment", "pod", "replicaset", "replicationcontroller", "service"});
  if (cmd == "rollout") return typeAndNames(shell, k, word, {"daemonset", "deployment", "statefulset"});
  if (cmd == "set" && k.path.size() > 1 && k.path[1] == "image") {
    // set image TYPE NAME CONTAINER=IMAGE
    if (word.find('=') != std::string::npos) return {};
    if (!k.positionals.empty() && (k.positionals[0].find('/') != std::string::npos || n >= 2)) return {};
    return typeAndNames(shell, k, word, {});
  }
  if (cmd == "logs" || cmd == "exec" || cmd == "attach") {
    if (word.find('/') != std::string::npos && n == 0)
      return typeSlashNames(shell, k, word, {"pod", "deployment", "replicaset", "job", "service", "daemonset", "statefulset"});
    const ResourceInfo* pods = findResource("pods");
    if (n == 0) return pods ? objectNames(shell, *pods, k.ns, false) : std::vector<std::string>{};
    if (cmd == "logs" && n == 1 && k.positionals[0].find('/') == std::string::npos)
      return podContainers(shell, k.ns, k.positionals[0]);
    return {};
  }
  if (cmd == "cordon" || cmd == "uncordon" || cmd == "drain") return n == 0 ? namesOf(shell, "nodes") : std::vector<std::string>{};
  if (cmd == "taint") {
    if (n == 0) {
      if (word.find('/') != std::string::npos) return typeSlashNames(shell, k, word, {"node"});
      return resourceTypes(word, {"node"});
    }
    if (k.positionals[0].find('/') != std::string::npos) return {};
    if (findResource(k.positionals[0]) != findResource("nodes")) return {};
    if (n == 1) return namesOf(shell, "nodes");
    return {};
  }
  if (cmd == "config" && k.path.size() > 1) {
    const std::string& sub = k.path[1];
    if ((sub == "use-context" || sub == "set-context" || sub == "get-contexts") && n == 0) {
      std::vector<std::string> v;
      for (const auto& c : shell.kubectlContext().contexts) v.push_back(c.name);
      return v;
    }
    return {};
  }
  return {};
}

std::vector<std::string> kubectlCandidates(Shell& shell, const std::vector<std::string>& args, std::string& word,
                                           size_t& wordOffset) {
  KubectlLine k = analyzeKubectl(shell, args);
  if (!k.pendingFlag.empty()) {
    const FlagDef* d = findFlag(k.flags, k.pendingFlag);
    return d ? flagValues(shell, k, *d) : std::vector<std::string>{};
  }
  bool afterDash = std::find(args.begin(), args.end(), "--") != args.end();
  if (!afterDash && startsWith(word, "-")) {
    if (startsWith(word, "--") && word.find('=') != std::string::npos) {
      auto eq = word.find('=');
      const FlagDef* d = findFlag(k.flags, word.substr(2, eq - 2));
      wordOffset = eq + 1;
      word = word.substr(eq + 1);
      return d ? flagValues(shell, k, *d) : std::vector<std::string>{};
    }
    if (!startsWith(word, "--") && word.size() > 2) {
      // -nkube-system, -owide: the value after a shorthand
      const FlagDef* d = findShort(k.flags, word[1]);
      if (d && takesValue(*d)) {
        std::vector<std::string> out;
        for (const auto& v : flagValues(shell, k, *d)) out.push_back(word.substr(0, 2) + v);
        return out;
      }
      return {};
    }
    return flagNames(k, word);
  }
  return kubectlPositionals(shell, k, word);
}

// ---------------------------------------------------------------- the shell's own commands
std::vector<std::string> shellCommands() {
  return {"cat", "clear", "curl", "echo", "egrep", "exit", "export", "false", "fg", "grep", "head", "help", "history",
          "jobs", "kill", "kubecolor", "kubectl", "k", "ls", "minikube", "rm", "sed", "sleep", "sort", "tail", "touch",
          "traffic", "true", "uniq", "unset", "wc"};
}

std::vector<std::string> minikubeCandidates(Shell& shell, const std::vector<std::string>& args) {
  std::vector<std::string> pos;
  for (const auto& a : args)
    if (!a.empty() && a[0] != '-') pos.push_back(a);
  if (pos.empty()) return {"dashboard", "ip", "node", "status"};
  if (pos[0] == "node") {
    if (pos.size() == 1) return {"add", "delete", "list", "start", "stop"};
    if (pos.size() == 2 && (pos[1] == "stop" || pos[1] == "start" || pos[1] == "delete")) return namesOf(shell, "nodes");
  }
  return {};
}

}  // namespace

Completion complete(Shell& shell, const std::string& lineIn, size_t cursor) {
  Completion c;
  cursor = std::min(cursor, lineIn.size());
  const std::string line = lineIn.substr(0, cursor);
  Words w = splitForCompletion(line);
  // NAME=VALUE words before a command only set its environment
  while (!w.done.empty() && w.done[0].find('=') != std::string::npos && isShellName(w.done[0].substr(0, w.done[0].find('='))))
    w.done.erase(w.done.begin());
  c.end = cursor;
  c.start = std::min(w.curStart, cursor);
  c.word = w.cur;
  c.openQuote = w.openQuote;
  std::vector<std::string> cands;
  size_t offset = 0;  // the completed part starts this many bytes into the word
  if (w.heredocDelimiter) {
    // nothing
  } else if (w.redirectTarget) {
    cands = shell.files().names();
  } else if (w.done.empty()) {
    cands = shellCommands();
  } else {
    const std::string& cmd = w.done[0];
    std::vector<std::string> args(w.done.begin() + 1, w.done.end());
    if (cmd == "kubectl" || cmd == "k" || cmd == "kubecolor") {
      cands = kubectlCandidates(shell, args, c.word, offset);
    } else if (cmd == "cat" || cmd == "rm" || cmd == "ls" || cmd == "touch" || cmd == "head" || cmd == "tail" ||
               cmd == "wc" || cmd == "sort" || cmd == "uniq" || cmd == "grep" || cmd == "egrep" || cmd == "sed") {
      if (!startsWith(c.word, "-")) cands = shell.files().names();
    } else if (cmd == "minikube") {
      cands = minikubeCandidates(shell, args);
    } else if (cmd == "traffic") {
      // traffic [-n NS] SERVICE RATE|stop: services first, then "stop".
      size_t positional = 0;
      for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-n" || args[i] == "--namespace") ++i;
        else if (!startsWith(args[i], "-")) ++positional;
      }
      if (!args.empty() && (args.back() == "-n" || args.back() == "--namespace")) cands = namesOf(shell, "namespaces");
      else if (positional == 0) cands = objectNames(shell, *findResource("services"), shell.currentNamespace(), false);
      else if (positional == 1) cands = {"stop"};
    } else if (cmd == "help" || cmd == "history" || cmd == "clear") {
      // no arguments
    }
  }
  if (offset) c.start = cursor >= c.word.size() ? cursor - c.word.size() : 0;  // bash breaks words at '='
  for (auto& s : sortedUnique(std::move(cands)))
    if (startsWith(s, c.word)) c.candidates.push_back(s);
  if (!c.candidates.empty()) {
    std::string p = c.candidates[0];
    for (const auto& s : c.candidates) {
      size_t i = 0;
      while (i < p.size() && i < s.size() && p[i] == s[i]) i++;
      p.resize(i);
    }
    c.common = p;
  }
  return c;
}

TabResult applyCompletion(const std::string& lineIn, size_t cursor, const Completion& c) {
  TabResult r;
  cursor = std::min(cursor, lineIn.size());
  r.line = lineIn;
  r.cursor = cursor;
  if (c.candidates.empty() || c.common.size() < c.word.size()) return r;
  std::string insert = c.common.substr(c.word.size());
  if (c.candidates.size() == 1) {
    const std::string& only = c.candidates[0];
    char last = only.empty() ? 0 : only.back();
    if (last != '=' && last != '/') {
      if (c.openQuote) insert += c.openQuote;
      // a space, unless one follows the cursor already
      if (cursor >= lineIn.size() || lineIn[cursor] != ' ') insert += ' ';
      else r.cursor++;
    }
  } else {
    r.ambiguous = true;
  }
  r.line.insert(cursor, insert);
  r.cursor += insert.size();
  r.changed = r.line != lineIn || r.cursor != cursor;
  return r;
}

std::string formatCandidates(const std::vector<std::string>& items, size_t width) {
  if (items.empty()) return "";
  size_t longest = 0;
  for (const auto& s : items) longest = std::max(longest, s.size());
  size_t colWidth = longest + 2;
  size_t cols = width / colWidth;
  if (cols > 1 && cols * colWidth == width) cols--;
  if (cols < 1) cols = 1;
  size_t rows = (items.size() + cols - 1) / cols;
  std::string out;
  for (size_t row = 0; row < rows; row++) {
    std::string line;
    size_t prev = 0;
    for (size_t col = 0; col < cols; col++) {
      size_t i = col * rows + row;
      if (i >= items.size()) break;
      if (col > 0) line.append(colWidth - prev, ' ');
      line += items[i];
      prev = items[i].size();
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace kp
