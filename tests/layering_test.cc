// Include directions in core/, read from the sources (KP_SOURCE_DIR): dependencies point one
// way (web -> shell -> kubectl -> request handler -> store), so a file may include only what
// lies below it. The rules, by the folder of the including file:
//
//   core/base        nothing of core/ outside core/base (the bottom layer)
//   core/api         only core/base and core/api
//   core/apiserver   not core/kubectl, shell, sim, controllers, scheduler, kubelet, network, lessons
//   core/kubectl     not core/shell, sim, controllers, scheduler, kubelet, network, lessons; of
//                    core/apiserver only rest.h (Request, Response, RequestHandler): kubectl
//                    reaches the cluster only through the request handler
//   core/controllers, core/scheduler, core/kubelet, core/network
//                    not core/kubectl, shell, sim, lessons (no component takes the whole Cluster)
//   all of core/     not web/ or cli/, no ImGui, GL or emscripten headers, and project headers
//                    named from the root ("core/...")
//
// A violation prints as `file: includes X (rule)`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace kp {
namespace {

struct Include {
  std::string header;
  bool angled = false;  // <...> rather than "..."
};

struct Rule {
  const char* text;
  std::vector<std::string> dirs;       // applies to files under these folders
  std::vector<std::string> onlyCore;   // if set: core/ headers must lie under one of these
  std::vector<std::string> forbidden;  // header prefixes that may not be included
  std::vector<std::string> allowed;    // exact headers allowed despite `forbidden`
  bool angled = false;                 // the rule is about <...> includes
};

bool under(const std::string& path, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes)
    if (path.compare(0, p.size(), p) == 0) return true;
  return false;
}

std::vector<std::string> prefixed(const std::string& base, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(base + n + "/");
  return out;
}

const std::vector<Rule>& rules() {
  static const std::vector<Rule> r = {
      {"core/base includes nothing of core/ outside core/base", {"core/base/"}, {"core/base/"}, {}, {}},
      {"core/api includes only core/base and core/api", {"core/api/"}, {"core/base/", "core/api/"}, {}, {}},
      {"the API server includes no client and no component",
       {"core/apiserver/"},
       {},
       prefixed("core/", {"kubectl", "shell", "sim", "controllers", "scheduler", "kubelet", "network", "lessons"}),
       {}},
      {"kubectl reaches the cluster only through core/apiserver/rest.h",
       {"core/kubectl/"},
       {},
       prefixed("core/", {"shell", "sim", "controllers", "scheduler", "kubelet", "network", "lessons", "apiserver"}),
       {"core/apiserver/rest.h"}},
      {"components include no client and not the whole Cluster",
       prefixed("core/", {"controllers", "scheduler", "kubelet", "network"}),
       {},
       prefixed("core/", {"kubectl", "shell", "sim", "lessons"}),
       {}},
      {"core includes no front end", {"core/"}, {}, {"web/", "cli/"}, {}},
      {"core links no ImGui, GL or emscripten", {"core/"}, {}, {"imgui", "GL/", "GLES", "GLFW", "emscripten"}, {}, true},
  };
  return r;
}

// What one include of `file` breaks, as `file: includes X (rule)` lines.
std::vector<std::string> violations(const std::string& file, const Include& inc) {
  std::vector<std::string> out;
  auto report = [&](const std::string& rule) { out.push_back(file + ": includes " + inc.header + " (" + rule + ")"); };
  if (!inc.angled && !under(inc.header, {"core/", "web/", "cli/"}))
    report("project headers are named from the root, as \"core/...\"");
  for (const auto& r : rules()) {
    if (!under(file, r.dirs) || inc.angled != r.angled) continue;
    bool inCore = under(inc.header, {"core/"});
    bool bad = (!r.onlyCore.empty() && inCore && !under(inc.header, r.onlyCore)) ||
               (under(inc.header, r.forbidden) &&
                std::find(r.allowed.begin(), r.allowed.end(), inc.header) == r.allowed.end());
    if (bad) report(r.text);
  }
  return out;
}

// The text with its comments blanked out (newlines kept); string, character and raw string
// literals are copied, so that a "/*" inside one opens nothing.
std::string withoutComments(const std::string& t) {
  std::string out;
  size_t i = 0, n = t.size();
  while (i < n) {
    char c = t[i], next = i + 1 < n ? t[i + 1] : '\0';
    if (c == '/' && next == '/') {
      while (i < n && t[i] != '\n') i++;
    } else if (c == '/' && next == '*') {
      size_t end = t.find("*/", i + 2);
      end = end == std::string::npos ? n : end + 2;
      for (; i < end; i++) out += t[i] == '\n' ? '\n' : ' ';
    } else if (c == 'R' && next == '"' && (i == 0 || (!isalnum(static_cast<unsigned char>(t[i - 1])) && t[i - 1] != '_'))) {
      size_t paren = t.find('(', i + 2);
      std::string close = paren == std::string::npos ? "" : ")" + t.substr(i + 2, paren - i - 2) + "\"";
      size_t end = close.empty() ? std::string::npos : t.find(close, paren);
      end = end == std::string::npos ? n : end + close.size();
      out += t.substr(i, end - i);
      i = end;
    } else if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < n && t[j] != c && t[j] != '\n') j += t[j] == '\\' ? 2 : 1;
      j = std::min(j + 1, n);
      out += t.substr(i, j - i);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

// The #include lines of a source text (commented-out ones are not read).
std::vector<Include> includesOf(const std::string& text) {
  std::vector<Include> out;
  static const std::regex re(R"(^\s*#\s*include\s*([<"])([^>"]+)[>"])");
  std::string code = withoutComments(text);
  size_t pos = 0;
  while (pos < code.size()) {
    size_t nl = code.find('\n', pos);
    std::string line = code.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? code.size() : nl + 1;
    std::smatch m;
    if (std::regex_search(line, m, re)) out.push_back({m[2].str(), m[1].str() == "<"});
  }
  return out;
}

TEST(Layering, CoreIncludesPointDownward) {
  namespace fs = std::filesystem;
  const fs::path root = KP_SOURCE_DIR;
  std::vector<std::string> found;
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root / "core")) {
    std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".cc" && ext != ".cpp" && ext != ".hpp")) continue;
    files++;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string rel = fs::relative(entry.path(), root).generic_string();
    for (const auto& inc : includesOf(text))
      for (auto& v : violations(rel, inc)) found.push_back(std::move(v));
  }
  EXPECT_GT(files, 50u) << "core/ was not found under " << root;
  std::sort(found.begin(), found.end());
  std::string report;
  for (const auto& v : found) report += v + "\n";
  EXPECT_TRUE(found.empty()) << found.size() << " include(s) against the layering rules:\n" << report;
}

// The checker itself: one include per case and what it must report ("" when allowed).
struct LayeringCase {
  const char* name;
  std::string file;
  std::string line;  // the include line
  std::string report;
};

class LayeringRules : public ::testing::TestWithParam<LayeringCase> {};

TEST_P(LayeringRules, Report) {
  const LayeringCase& c = GetParam();
  std::string report;
  for (const auto& inc : includesOf(c.line))
    for (const auto& v : violations(c.file, inc)) report += v + "\n";
  EXPECT_EQ(report, c.report);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LayeringRules,
    ::testing::Values(
        LayeringCase{"BaseIncludesBase", "core/base/timers.h", "#include \"core/base/clock.h\"", ""},
        LayeringCase{"BaseIncludesApi", "core/base/timers.h", "#include \"core/api/types.h\"",
                     "core/base/timers.h: includes core/api/types.h (core/base includes nothing of core/ outside core/base)\n"},
        LayeringCase{"ApiIncludesBase", "core/api/json.cc", "#include \"core/base/strings.h\"", ""},
        LayeringCase{"ApiIncludesApiserver", "core/api/json.cc", "#include \"core/apiserver/store.h\"",
                     "core/api/json.cc: includes core/apiserver/store.h (core/api includes only core/base and core/api)\n"},
        LayeringCase{"ApiserverIncludesKubelet", "core/apiserver/admission.cc", "#include \"core/kubelet/probes.h\"",
                     "core/apiserver/admission.cc: includes core/kubelet/probes.h (the API server includes no client and "
                     "no component)\n"},
        LayeringCase{"ApiserverIncludesKubectl", "core/apiserver/rest_handler.cc", "  #  include \"core/kubectl/kubectl.h\"",
                     "core/apiserver/rest_handler.cc: includes core/kubectl/kubectl.h (the API server includes no client "
                     "and no component)\n"},
        LayeringCase{"KubectlIncludesRest", "core/kubectl/client.h", "#include \"core/apiserver/rest.h\"", ""},
        LayeringCase{"KubectlIncludesStore", "core/kubectl/client.cc", "#include \"core/apiserver/store.h\"",
                     "core/kubectl/client.cc: includes core/apiserver/store.h (kubectl reaches the cluster only through "
                     "core/apiserver/rest.h)\n"},
        LayeringCase{"KubectlIncludesApiserver", "core/kubectl/client.cc", "#include \"core/apiserver/apiserver.h\"",
                     "core/kubectl/client.cc: includes core/apiserver/apiserver.h (kubectl reaches the cluster only "
                     "through core/apiserver/rest.h)\n"},
        LayeringCase{"KubectlIncludesShell", "core/kubectl/cmd_edit.cc", "#include \"core/shell/sed.h\"",
                     "core/kubectl/cmd_edit.cc: includes core/shell/sed.h (kubectl reaches the cluster only through "
                     "core/apiserver/rest.h)\n"},
        LayeringCase{"KubectlIncludesCluster", "core/kubectl/kubectl.cc", "#include \"core/sim/cluster.h\"",
                     "core/kubectl/kubectl.cc: includes core/sim/cluster.h (kubectl reaches the cluster only through "
                     "core/apiserver/rest.h)\n"},
        LayeringCase{"ControllerIncludesCluster", "core/controllers/workloads.cc", "#include \"core/sim/cluster.h\"",
                     "core/controllers/workloads.cc: includes core/sim/cluster.h (components include no client and not "
                     "the whole Cluster)\n"},
        LayeringCase{"ShellIncludesKubectlAndCluster", "core/shell/shell.h",
                     "#include \"core/kubectl/kubectl.h\"\n#include \"core/sim/cluster.h\"", ""},
        LayeringCase{"ShellIncludesWeb", "core/shell/shell.cc", "#include \"web/app.h\"",
                     "core/shell/shell.cc: includes web/app.h (core includes no front end)\n"},
        LayeringCase{"ShellIncludesCli", "core/shell/shell.cc", "#include \"cli/serve.h\"",
                     "core/shell/shell.cc: includes cli/serve.h (core includes no front end)\n"},
        LayeringCase{"CoreIncludesImgui", "core/sim/cluster.cc", "#include <imgui.h>",
                     "core/sim/cluster.cc: includes imgui.h (core links no ImGui, GL or emscripten)\n"},
        LayeringCase{"CoreIncludesEmscripten", "core/shell/shell.cc", "#include <emscripten/emscripten.h>",
                     "core/shell/shell.cc: includes emscripten/emscripten.h (core links no ImGui, GL or emscripten)\n"},
        LayeringCase{"RelativeInclude", "core/shell/sed.cc", "#include \"sed.h\"",
                     "core/shell/sed.cc: includes sed.h (project headers are named from the root, as \"core/...\")\n"},
        LayeringCase{"SystemHeader", "core/base/strings.cc", "#include <string>", ""},
        LayeringCase{"CommentedOut", "core/base/strings.cc", "// #include \"core/sim/cluster.h\"\n/*\n#include \"web/app.h\"\n*/",
                     ""},
        LayeringCase{"AfterACommentNamingAGlob", "core/apiserver/admission.cc",
                     "// SetDefaults_* (pkg/apis/*/v1/defaults.go)\n#include \"core/sim/cluster.h\"",
                     "core/apiserver/admission.cc: includes core/sim/cluster.h (the API server includes no client and no "
                     "component)\n"},
        LayeringCase{"AfterAStringHoldingACommentOpener", "core/kubectl/x.cc",
                     "const char* s = \"/*\"; char q = '\"';\n#include \"core/shell/shell.h\"",
                     "core/kubectl/x.cc: includes core/shell/shell.h (kubectl reaches the cluster only through "
                     "core/apiserver/rest.h)\n"}),
    [](const ::testing::TestParamInfo<LayeringCase>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kp
