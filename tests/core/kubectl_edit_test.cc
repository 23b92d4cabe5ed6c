// kubectl edit with the editor named by KUBE_EDITOR or EDITOR, as a console line sets them.
// Every expected text was printed by real kubectl 1.32 (/usr/lib/google-cloud-sdk/bin/
// kubectl.1.32) against `kubeplay serve` with the same environment, or comes from its
// editor.go ("unable to launch the editor %q", "there was a problem with the editor %q"; the
// quoted command is $SHELL -c VALUE when the value holds quotes or backslashes).
#include <gtest/gtest.h>

#include <regex>

#include "core/shell/shell.h"

namespace kp {
namespace {

struct Output {
  std::string out, err;
  int code = -1;
};

// The temporary file's name is random; tests see it as /tmp/kubectl-edit-N.yaml.
std::string withFixedTempName(const std::string& s) {
  return std::regex_replace(s, std::regex("/tmp/kubectl-edit-[0-9]+\\.yaml"), "/tmp/kubectl-edit-N.yaml");
}

Output runLine(Shell& shell, const std::string& line) {
  Output o;
  for (const auto& c : shell.run(line, &o.code)) (c.err ? o.err : o.out) += c.text;
  o.out = withFixedTempName(o.out);
  o.err = withFixedTempName(o.err);
  return o;
}

std::string replicas(Shell& shell) {
  return shell.runText("kubectl get deploy kubia -o jsonpath='{.spec.replicas}'");
}

struct EditorCase {
  const char* name;
  std::string line;  // run after `kubectl create deployment kubia --image=luksa/kubia:v1`
  std::string out, err;
  int exitCode;
  std::string replicasAfter;
};

class KubectlEditEditor : public ::testing::TestWithParam<EditorCase> {};

TEST_P(KubectlEditEditor, PrintsKubectlText) {
  const EditorCase& c = GetParam();
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  shell.run("kubectl create deployment kubia --image=luksa/kubia:v1");
  Output o = runLine(shell, c.line);
  EXPECT_EQ(o.out, c.out);
  EXPECT_EQ(o.err, c.err);
  EXPECT_EQ(o.code, c.exitCode);
  EXPECT_EQ(replicas(shell), c.replicasAfter);
}

const char* kEdited = "deployment.apps/kubia edited\n";
const char* kCancelled = "Edit cancelled, no changes made.\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, KubectlEditEditor,
    ::testing::Values(
        EditorCase{"SedInPlace", "KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 2/'\" kubectl edit deploy kubia",
                   kEdited, "", 0, "2"},
        EditorCase{"SedTwoExpressions",
                   "KUBE_EDITOR=\"sed -i -e 's/replicas: 1/replicas: 2/' -e 's/luksa/luksa/'\" kubectl edit deploy kubia",
                   kEdited, "", 0, "2"},
        EditorCase{"SedWithoutQuotesIsExeced", "KUBE_EDITOR=\"sed -i -e s/replicas:.1$/&0/\" kubectl edit deploy kubia",
                   kEdited, "", 0, "10"},
        EditorCase{"EditorWhenNoKubeEditor", "EDITOR=\"sed -i 's/replicas: 1/replicas: 3/'\" kubectl edit deploy kubia",
                   kEdited, "", 0, "3"},
        EditorCase{"KubeEditorBeforeEditor",
                   "EDITOR=false KUBE_EDITOR=\"sed -i 's/replicas: 1/replicas: 4/'\" kubectl edit deploy kubia", kEdited,
                   "", 0, "4"},
        EditorCase{"EmptyKubeEditorFallsBack", "KUBE_EDITOR= EDITOR=true kubectl edit deploy kubia", "", kCancelled, 0,
                   "1"},
        EditorCase{"TrueSavesUnchanged", "KUBE_EDITOR=true kubectl edit deploy kubia", "", kCancelled, 0, "1"},
        EditorCase{"ColonInAShell", "KUBE_EDITOR=\": 'x'\" kubectl edit deploy kubia", "", kCancelled, 0, "1"},
        EditorCase{"SedWithoutInPlaceChangesNothing", "KUBE_EDITOR=\"sed -n /nothing/p\" kubectl edit deploy kubia", "",
                   kCancelled, 0, "1"},
        EditorCase{"ColonIsNotAProgram", "KUBE_EDITOR=: kubectl edit deploy kubia", "",
                   "error: unable to launch the editor \":\"\n", 1, "1"},
        EditorCase{"MissingEditor", "KUBE_EDITOR=nonexistent-editor kubectl edit deploy kubia", "",
                   "error: unable to launch the editor \"nonexistent-editor\"\n", 1, "1"},
        EditorCase{"MissingEditorWithArguments", "KUBE_EDITOR=\"nonexistent-editor -x\" kubectl edit deploy kubia", "",
                   "error: unable to launch the editor \"nonexistent-editor -x\"\n", 1, "1"},
        EditorCase{"MissingEditorInAShell", "KUBE_EDITOR=\"nonexistent 'x'\" kubectl edit deploy kubia", "",
                   "/bin/bash: line 1: nonexistent: command not found\n"
                   "error: there was a problem with the editor \"/bin/bash -c nonexistent 'x'\"\n",
                   1, "1"},
        EditorCase{"ShellFromTheEnvironment", "SHELL=/bin/sh KUBE_EDITOR=\"nonexistent 'a'\" kubectl edit deploy kubia", "",
                   "/bin/sh: 1: nonexistent: not found\n"
                   "error: there was a problem with the editor \"/bin/sh -c nonexistent 'a'\"\n",
                   1, "1"},
        EditorCase{"BadSedExpression", "KUBE_EDITOR=\"sed -i 's/a/b/x'\" kubectl edit deploy kubia", "",
                   "sed: -e expression #1, char 7: unknown option to `s'\n"
                   "error: there was a problem with the editor \"/bin/bash -c sed -i 's/a/b/x'\"\n",
                   1, "1"},
        EditorCase{"SedTakesTheFileForItsScript", "KUBE_EDITOR=\"sed -i\" kubectl edit deploy kubia", "",
                   "sed: -e expression #1, char 6: unknown command: `k'\n"
                   "error: there was a problem with the editor \"sed -i\"\n",
                   1, "1"},
        EditorCase{"FalseFails", "KUBE_EDITOR=false kubectl edit deploy kubia", "",
                   "error: there was a problem with the editor \"false\"\n", 1, "1"},
        EditorCase{"PathThatDoesNotExist", "KUBE_EDITOR=/nonexistent/x kubectl edit deploy kubia", "",
                   "error: there was a problem with the editor \"/nonexistent/x\"\n", 1, "1"},
        EditorCase{"EchoPrintsThePath", "KUBE_EDITOR=echo kubectl edit deploy kubia", "/tmp/kubectl-edit-N.yaml\n",
                   kCancelled, 0, "1"},
        EditorCase{"NestedShellNamesItsZero", "KUBE_EDITOR=\"sh -c 'nonexistent'\" kubectl edit deploy kubia", "",
                   "/tmp/kubectl-edit-N.yaml: 1: nonexistent: not found\n"
                   "error: there was a problem with the editor \"/bin/bash -c sh -c 'nonexistent'\"\n",
                   1, "1"},
        // the server rejects the edit; sed makes the same change to the reopened file, which is
        // then unchanged
        EditorCase{"InvalidEditThenNothingNew", "KUBE_EDITOR=\"sed -i 's/^  replicas: 1/  replicas: -1/'\" kubectl edit deploy kubia",
                   "",
                   "error: deployments.apps \"kubia\" is invalid\n"
                   "A copy of your changes has been stored to \"/tmp/kubectl-edit-N.yaml\"\n"
                   "error: Edit cancelled, no valid changes were saved.\n",
                   1, "1"},
        // no terminal here, and no front-end editor natively
        EditorCase{"EditorForAPersonWithoutAFrontEnd", "KUBE_EDITOR=nano kubectl edit deploy kubia", "",
                   "error: unable to launch the editor \"nano\"\n", 1, "1"},
        EditorCase{"DefaultViWithoutAFrontEnd", "kubectl edit deploy kubia", "", "error: unable to launch the editor \"vi\"\n",
                   1, "1"}),
    [](const ::testing::TestParamInfo<EditorCase>& info) { return std::string(info.param.name); });

TEST(KubectlEditEditorFile, CatPrintsTheFileKubectlWrote) {
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster);
  shell.run("kubectl create deployment kubia --image=luksa/kubia:v1");
  Output o = runLine(shell, "KUBE_EDITOR=cat kubectl edit deploy kubia");
  EXPECT_EQ(o.out.substr(0, o.out.find("apiVersion")),
            "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
            "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
            "# reopened with the relevant failures.\n"
            "#\n");
  EXPECT_NE(o.out.find("\nkind: Deployment\n"), std::string::npos);
  EXPECT_EQ(o.err, kCancelled);
  EXPECT_EQ(o.code, 0);
}

TEST(KubectlEditEditorFile, AnEditorForAPersonIsTheFrontEndsEditor) {
  std::vector<std::string> shown;
  ShellOptions opts;
  opts.edit = [&](const std::string& text, std::function<void(std::optional<std::string>)> done) {
    shown.push_back(text);
    std::string s = text;
    s.replace(s.find("replicas: 1"), 11, "replicas: 5");
    done(s);
  };
  Cluster cluster;
  cluster.settle();
  Shell shell(cluster, opts);
  shell.run("kubectl create deployment kubia --image=luksa/kubia:v1");
  Output o = runLine(shell, "KUBE_EDITOR=\"vim -c 'set ft=yaml'\" kubectl edit deploy kubia");
  EXPECT_EQ(o.out, kEdited);
  EXPECT_EQ(shown.size(), 1u);
  EXPECT_EQ(replicas(shell), "5");
  // a command the console can run goes before the front end's editor
  o = runLine(shell, "KUBE_EDITOR=true kubectl edit deploy kubia");
  EXPECT_EQ(o.err, kCancelled);
  EXPECT_EQ(shown.size(), 1u);
}

}  // namespace
}  // namespace kp
