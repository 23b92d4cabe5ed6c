// `kubectl edit`: the objects' YAML goes to the editor named by KUBE_EDITOR or EDITOR (run by
// the console, as kubectl runs it through exec or `sh -c`) or, by default, to the front end's
// editor (ShellOptions::edit); the saved text is patched back object by object with kubectl's
// messages ("edited", "Edit cancelled, no changes made.", invalid edits reopened with the
// reasons in the header).
#include <memory>

#include "core/base/strings.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/manifest.h"
#include "core/kubectl/printers.h"

namespace kp {

namespace {

const char* kEditHeader =
    "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
    "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
    "# reopened with the relevant failures.\n"
    "#\n";

struct EditTarget {
  const ResourceInfo* r;
  std::string ns, name;
  Json shown;  // the object as written to the editor
};

// The editor command as editor.go's defaultEnvEditor builds it from the environment.
struct EditorCommand {
  std::vector<std::string> args;  // without the file
  bool shell = false;             // args are {$SHELL, "-c", value}: the file is appended quoted
  bool isDefault = false;         // neither variable set: vi, which the front end's editor stands for
};

EditorCommand editorFromEnv(const Environment& env) {
  EditorCommand e;
  std::string value;
  for (const char* name : {"KUBE_EDITOR", "EDITOR"}) {
    auto it = env.find(name);
    if (it != env.end() && !it->second.empty()) {
      value = it->second;
      break;
    }
  }
  if (value.empty()) {
    e.isDefault = true;
    value = "vi";
  }
  if (value.find(' ') == std::string::npos) {
    e.args = {value};
  } else if (value.find_first_of("\"'\\") == std::string::npos) {
    e.args = split(value, ' ');
  } else {
    // "rather than parse the shell arguments ourselves, punt to the shell"
    auto sh = env.find("SHELL");
    e.args = {sh != env.end() && !sh->second.empty() ? sh->second : "/bin/bash", "-c", value};
    e.shell = true;
  }
  return e;
}

struct EditSession {
  std::vector<EditTarget> targets;
  EditorCommand editor;
  std::string shownText;        // what the editor was given this round
  std::string tempFile;         // where kubectl would keep the file
  bool containsError = false;
  bool ready = false;
  std::optional<std::string> reply;
  int rounds = 0;
};

std::string stripComments(const std::string& text) {
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos + 1);
    pos = nl == std::string::npos ? text.size() : nl + 1;
    size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] == '#') continue;
    out += line;
  }
  return out;
}

std::string bodyText(const std::vector<EditTarget>& targets) {
  if (targets.size() == 1) return toYaml(targets[0].shown);
  Json list = {{"apiVersion", "v1"}, {"items", Json::array()}, {"kind", "List"}, {"metadata", {{"resourceVersion", ""}}}};
  for (const auto& t : targets) list["items"].push_back(t.shown);
  return toYaml(list);
}

// A JSON merge patch from `from` to `to`.
Json diffPatch(const Json& from, const Json& to) {
  Json patch = Json::object();
  for (auto it = to.begin(); it != to.end(); ++it) {
    const std::string& k = it.key();
    if (!from.contains(k)) patch[k] = it.value();
    else if (from[k] != it.value())
      patch[k] = (from[k].is_object() && it.value().is_object()) ? diffPatch(from[k], it.value()) : it.value();
  }
  for (auto it = from.begin(); it != from.end(); ++it)
    if (!to.contains(it.key())) patch[it.key()] = nullptr;
  return patch;
}

void openEditor(KubectlContext* ctx, std::shared_ptr<EditSession> s, Execution& ex);

// Handles the editor's answer: patches, reopens the editor with the errors, or finishes.
void afterEdit(KubectlContext* ctx, std::shared_ptr<EditSession> s, Execution& ex) {
  std::string edited = s->reply.value_or(s->shownText);
  if (s->containsError && stripComments(edited) == stripComments(s->shownText)) {
    ex.err("A copy of your changes has been stored to " + goQuote(s->tempFile) + "\n");
    ex.err("error: Edit cancelled, no valid changes were saved.\n");
    ex.finish(1);
    return;
  }
  if (stripComments(edited) == stripComments(s->shownText)) {
    ex.err("Edit cancelled, no changes made.\n");
    ex.finish(0);
    return;
  }
  if (stripComments(edited).find_first_not_of(" \t\r\n") == std::string::npos) {
    ex.err("Edit cancelled, saved file was empty.\n");
    ex.finish(0);
    return;
  }
  std::vector<ManifestDoc> docs;
  std::string header = kEditHeader;
  auto reopen = [&](const std::string& reasons) {
    s->containsError = true;
    s->shownText = header + reasons + stripComments(edited);
    openEditor(ctx, s, ex);
  };
  if (auto perr = parseManifestText(stripComments(edited), docs)) {
    reopen("# The edited file had a syntax error: " + *perr + "\n#\n");
    return;
  }
  std::vector<Json> objs;
  for (const auto& d : docs) {
    if (d.obj.is_object() && d.obj.value("kind", "") == "List" && d.obj.contains("items") && d.obj["items"].is_array()) {
      for (const auto& i : d.obj["items"]) objs.push_back(i);
    } else {
      objs.push_back(d.obj);
    }
  }
  std::string reasons;
  std::vector<EditTarget> again;
  for (size_t i = 0; i < s->targets.size(); i++) {
    EditTarget& t = s->targets[i];
    std::string resourceString = t.r->qualified();
    // the edited object with the same name (objects removed from the file are left alone)
    const Json* mine = nullptr;
    for (const auto& o : objs)
      if (o.is_object() && o.contains("metadata") && o["metadata"].is_object() && o["metadata"].value("name", "") == t.name &&
          o.value("kind", "") == t.r->kind)
        mine = &o;
    if (!mine) continue;
    Json patch = diffPatch(t.shown, *mine);
    if (patch.empty()) {
      ex.out(resourceName(*t.r, t.name) + " skipped\n");
      continue;
    }
    Request req;
    req.method = "PATCH";
    req.path = Client::path(*t.r, t.ns, t.name);
    req.query["fieldManager"] = "kubectl-edit";
    req.query["fieldValidation"] = "Strict";
    req.contentType = "application/merge-patch+json";
    req.body = patch;
    Response resp = ctx->client.request(req);
    if (resp.ok()) {
      ex.out(resourceName(*t.r, t.name) + " edited\n");
      continue;
    }
    Status st = statusOf(resp);
    if (st.reason == "Invalid") {
      ex.err("error: " + resourceString + " " + goQuote(t.name) + " is invalid\n");
      reasons += "# " + resourceString + " " + goQuote(t.name) + " was not valid:\n";
      for (const auto& c : st.causes) reasons += "# * " + c.field + ": " + c.message + "\n";
      reasons += "#\n";
      again.push_back(t);  // patched again from the object as first shown
    } else if (st.reason == "NotFound") {
      ex.err("error: " + resourceString + " " + goQuote(t.name) + " could not be found on the server\n");
      ex.err("The edits you made on deleted resources have been saved to " + goQuote(s->tempFile) + "\n");
      ex.finish(1);
      return;
    } else {
      ex.err("error: " + resourceString + " " + goQuote(t.name) + " could not be patched: " + st.message + "\n");
      ex.err("You can run `" + ctx->commandName + " replace -f " + s->tempFile + "` to try this update again.\n");
      ex.finish(1);
      return;
    }
  }
  if (again.empty()) {
    ex.finish(0);
    return;
  }
  if (s->rounds > 50) {  // a front end that keeps answering with invalid text
    ex.err("error: Edit cancelled, no valid changes were saved.\n");
    ex.finish(1);
    return;
  }
  s->targets = again;
  reopen(reasons);
}

// Runs the KUBE_EDITOR/EDITOR command on the file; false when the front end's editor is to be
// used instead. Errors end the command as editor.go's Launch reports them.
bool runEditorCommand(KubectlContext* ctx, std::shared_ptr<EditSession> s, Execution& ex) {
  std::vector<std::string> args = s->editor.args;
  if (s->editor.shell) args.back() += " " + goQuote(s->tempFile);
  else args.push_back(s->tempFile);
  EditorRun run = ctx->runEditor ? ctx->runEditor(args, s->tempFile, s->shownText) : EditorRun{};
  if (run.outcome == EditorRun::Interactive && ctx->editor) return false;
  ex.out(run.out);
  ex.err(run.err);
  std::string problem;
  if (run.outcome != EditorRun::Exited) problem = "unable to launch the editor ";
  else if (run.exitCode != 0) problem = "there was a problem with the editor ";
  if (!problem.empty()) {
    if (s->containsError) ex.err("A copy of your changes has been stored to " + goQuote(s->tempFile) + "\n");
    ex.err("error: " + problem + goQuote(join(s->editor.args, " ")) + "\n");
    ex.finish(1);
    return true;
  }
  s->reply = run.text;
  afterEdit(ctx, s, ex);
  return true;
}

void openEditor(KubectlContext* ctx, std::shared_ptr<EditSession> s, Execution& ex) {
  s->ready = false;
  s->reply.reset();
  s->rounds++;
  if (!s->editor.isDefault && runEditorCommand(ctx, s, ex)) return;
  std::weak_ptr<EditSession> weak = s;
  ctx->editor(s->shownText, [weak](std::optional<std::string> text) {
    if (auto live = weak.lock()) {
      live->reply = std::move(text);
      live->ready = true;
    }
  });
  // the session lives as long as the command waits for the editor
  ex.wait(kNoTime, [ctx, s](Execution& e) {
    if (!s->ready) return;
    s->ready = false;
    afterEdit(ctx, s, e);
  });
  if (s->ready) {
    s->ready = false;
    afterEdit(ctx, s, ex);
  }
}

}  // namespace

void cmdEdit(CmdEnv& env, const std::vector<std::string>& args) {
  FlagSet fs;
  fs.boolean("allow-missing-template-keys", 0, true, "Ignore missing template keys.")
      .string("field-manager", 0, "kubectl-edit", "Name of the manager used to track field ownership.")
      .stringSlice("filename", 'f', "Filename, directory, or URL to files to use to edit the resource")
      .string("kustomize", 'k', "", "Process the kustomization directory.")
      .string("output", 'o', "", "Output format.")
      .boolean("output-patch", 0, false, "Output the patch if the resource is edited.")
      .boolean("recursive", 'R', false, "Process the directory used in -f, --filename recursively.")
      .boolean("save-config", 0, false, "Save the configuration in an annotation.")
      .boolean("show-managed-fields", 0, false, "Keep managedFields when printing.")
      .string("subresource", 0, "", "The subresource to edit.")
      .string("template", 0, "", "Template string.")
      .string("validate", 0, "strict", "Validation mode.")
      .boolean("windows-line-endings", 0, false, "Use Windows line endings.");
  if (!parseFlags(env, fs, args,
                  "Edit a resource from the default editor.\n\nUsage:\n  kubectl edit (RESOURCE/NAME | -f FILENAME) [options]\n"))
    return;
  std::string output = fs.getString("output");
  if (!output.empty() && output != "yaml" && output != "json") {
    env.failText("the edit mode \"" + output + "\" is not supported in this simulated cluster (yaml only)");
    return;
  }
  Resolved res;
  std::vector<KError> errs;
  if (!fs.getList("filename").empty()) {
    std::vector<ManifestInfo> infos;
    if (!loadManifests(env, fs.getList("filename"), env.nsExplicit, false, infos, errs)) return;
    for (const auto& info : infos) res.visits.push_back({info.resource, info.ns, info.name});
  } else {
    BuilderOptions bo;
    if (auto e = resolveResources(fs.args(), bo, env.ns, "kubectl", res)) {
      env.fail(*e);
      return;
    }
  }
  auto s = std::make_shared<EditSession>();
  for (const auto& v : res.visits) {
    std::vector<Json> objs;
    if (v.name.empty()) {
      auto l = listJson(env.client(), *v.resource, v.ns, res.labelSelector, res.fieldSelector);
      if (!l.ok()) {
        errs.push_back(KError::fromStatus(l.status));
        continue;
      }
      objs = l.value;
    } else {
      auto g = getJson(env.client(), *v.resource, v.ns, v.name);
      if (!g.ok()) {
        errs.push_back(KError::fromStatus(g.status));
        continue;
      }
      objs.push_back(listItem(*v.resource, g.value));
    }
    for (auto& o : objs) {
      if (!fs.getBool("show-managed-fields") && o.contains("metadata") && o["metadata"].is_object())
        o["metadata"].erase("managedFields");
      std::string ns, name;
      if (o.contains("metadata") && o["metadata"].is_object()) {
        ns = o["metadata"].value("namespace", "");
        name = o["metadata"].value("name", "");
      }
      s->targets.push_back({v.resource, ns, name, o});
    }
  }
  if (!errs.empty()) {
    env.fail(errs);
    return;
  }
  if (s->targets.empty()) {
    env.failText("edit cancelled, no objects found");
    return;
  }
  s->editor = editorFromEnv(env.ctx.env);
  if (s->editor.isDefault && !env.ctx.editor) {
    // kubectl falls back to vi, which this console does not have
    env.failText("unable to launch the editor \"vi\"");
    return;
  }
  s->tempFile = "/tmp/kubectl-edit-" + std::to_string(1000000000 + env.ctx.rng.below(999999999)) + ".yaml";
  s->shownText = std::string(kEditHeader) + bodyText(s->targets);
  openEditor(&env.ctx, s, env.ex);
}

}  // namespace kp
