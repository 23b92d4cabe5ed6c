// Manifests in the console: here-documents and files, YAML/JSON to objects, and kubectl
// create -f / apply / delete -f / get -f / edit with the texts kubectl 1.32 prints.
#include <gtest/gtest.h>

#include "core/kubectl/manifest.h"
#include "core/shell/fs.h"
#include "core/shell/shell.h"

namespace kp {
namespace {

struct Console {
  Cluster cluster;
  std::unique_ptr<Shell> shell;
  explicit Console(ShellOptions o = {}) {
    cluster.settle();
    shell = std::make_unique<Shell>(cluster, std::move(o));
  }
  std::string run(const std::string& line, int* code = nullptr) { return shell->runText(line, code); }
  // stdout and stderr apart
  std::pair<std::string, std::string> split(const std::string& line, int* code = nullptr) {
    std::string out, err;
    for (const auto& c : shell->run(line, code)) (c.err ? err : out) += c.text;
    return {out, err};
  }
};

// ---------------------------------------------------------------- shell: files, here-documents
struct FileCase {
  const char* name;
  std::vector<std::string> setup;  // lines run first
  std::string line;
  std::string out;  // stdout + stderr
  int exitCode;
};

class ManifestsShellFiles : public ::testing::TestWithParam<FileCase> {};

TEST_P(ManifestsShellFiles, Output) {
  Console c;
  for (const auto& s : GetParam().setup) c.run(s);
  int code = -1;
  EXPECT_EQ(c.run(GetParam().line, &code), GetParam().out);
  EXPECT_EQ(code, GetParam().exitCode);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ManifestsShellFiles,
    ::testing::Values(
        FileCase{"HeredocToFile", {"cat <<EOF > a.txt\nline one\n  line two\nEOF"}, "cat a.txt", "line one\n  line two\n", 0},
        FileCase{"HeredocQuotedDelimiter", {"cat <<'END' >a.txt\n$HOME stays\nEND"}, "cat a.txt", "$HOME stays\n", 0},
        FileCase{"HeredocDashStripsTabs", {"cat <<-EOF > a.txt\n\tindented\n\tEOF"}, "cat a.txt", "indented\n", 0},
        FileCase{"HeredocToStdout", {}, "cat <<EOF\nhi\nEOF", "hi\n", 0},
        FileCase{"HeredocIntoGrep", {}, "cat <<EOF | grep b\na\nb\nEOF", "b\n", 0},
        FileCase{"HeredocUnterminated", {}, "cat <<EOF\nhi",
                 "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\nhi\n", 0},
        FileCase{"EchoRedirect", {"echo hello > f", "echo world >> f"}, "cat f", "hello\nworld\n", 0},
        FileCase{"EchoRedirectNoSpace", {"echo hello >f"}, "cat ./f", "hello\n", 0},
        FileCase{"TruncateOnRedirect", {"echo one > f", "echo two > f"}, "cat f", "two\n", 0},
        FileCase{"KubectlOutputToFile", {"kubectl version --client > v.txt"}, "cat v.txt",
                 "Client Version: v1.32.4\nKustomize Version: v5.5.0\n", 0},
        FileCase{"PipelineOutputToFile", {"kubectl version --client | grep Client > v.txt"}, "cat v.txt",
                 "Client Version: v1.32.4\n", 0},
        FileCase{"StderrToFile", {"kubectl get foo 2> err.txt"}, "cat err.txt",
                 "error: the server doesn't have a resource type \"foo\"\n", 0},
        FileCase{"InputRedirect", {"echo data > f"}, "cat < f", "data\n", 0},
        FileCase{"InputRedirectMissing", {}, "cat < nope", "bash: nope: No such file or directory\n", 1},
        FileCase{"CatMissing", {}, "cat kubia.yaml", "cat: kubia.yaml: No such file or directory\n", 1},
        FileCase{"CatSomeMissing", {"echo a > a"}, "cat a b", "a\ncat: b: No such file or directory\n", 1},
        FileCase{"CatBadOption", {}, "cat -z f", "cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n", 1},
        FileCase{"LsEmpty", {}, "ls", "", 0},
        FileCase{"LsNames", {"echo > b.yaml", "echo > a.yaml"}, "ls", "a.yaml  b.yaml\n", 0},
        FileCase{"LsOnePerLine", {"echo > b.yaml", "echo > a.yaml"}, "ls -1", "a.yaml\nb.yaml\n", 0},
        FileCase{"LsMissing", {}, "ls x.yaml", "ls: cannot access 'x.yaml': No such file or directory\n", 2},
        FileCase{"RmFile", {"echo > a", "rm a"}, "ls", "", 0},
        FileCase{"RmMissing", {}, "rm a", "rm: cannot remove 'a': No such file or directory\n", 1},
        FileCase{"RmForceMissing", {}, "rm -f a", "", 0},
        FileCase{"RmNoOperand", {}, "rm", "rm: missing operand\nTry 'rm --help' for more information.\n", 1},
        FileCase{"RedirectIntoDirectory", {}, "echo x > dir/x", "bash: dir/x: No such file or directory\n", 1},
        FileCase{"RedirectWithoutTarget", {}, "echo x >", "bash: syntax error near unexpected token `newline'\n", 2},
        FileCase{"LineContinuation", {}, "echo a \\\nb", "a b\n", 0},
        FileCase{"QuoteAcrossLines", {}, "echo 'a\nb'", "a\nb\n", 0}),
    [](const ::testing::TestParamInfo<FileCase>& i) { return std::string(i.param.name); });

TEST(ManifestsShell, NeedsMoreInput) {
  Cluster cluster;
  Shell shell(cluster);
  EXPECT_TRUE(shell.needsMoreInput("cat <<EOF > kubia.yaml"));
  EXPECT_TRUE(shell.needsMoreInput("cat <<EOF > kubia.yaml\napiVersion: v1"));
  EXPECT_FALSE(shell.needsMoreInput("cat <<EOF > kubia.yaml\napiVersion: v1\nEOF"));
  EXPECT_TRUE(shell.needsMoreInput("kubectl apply -f - <<'EOF'\nkind: Pod\n EOF"));
  EXPECT_FALSE(shell.needsMoreInput("cat <<-EOF\n\tx\n\tEOF"));
  EXPECT_TRUE(shell.needsMoreInput("echo 'open"));
  EXPECT_TRUE(shell.needsMoreInput("kubectl get pods |"));
  EXPECT_TRUE(shell.needsMoreInput("echo a \\"));
  EXPECT_FALSE(shell.needsMoreInput("kubectl get pods"));
  EXPECT_FALSE(shell.needsMoreInput("echo '<<EOF'"));
  EXPECT_FALSE(shell.needsMoreInput("echo x # it's a comment"));
}

TEST(ManifestsShell, LsLongFormat) {
  Console c;
  c.run("echo hello > f");
  // 2026-01-01 00:00 UTC is the cluster's epoch
  EXPECT_EQ(c.run("ls -l"), "total 4\n-rw-r--r-- 1 docker docker 6 Jan  1 00:00 f\n");
}

// ---------------------------------------------------------------- YAML to JSON
struct YamlCase {
  const char* name;
  std::string yaml;
  std::string json;   // goJson of the documents, one per line; or the error
};

class ManifestsYaml : public ::testing::TestWithParam<YamlCase> {};

TEST_P(ManifestsYaml, Converts) {
  std::vector<ManifestDoc> docs;
  auto err = parseManifestText(GetParam().yaml, docs);
  std::string got;
  for (const auto& d : docs) got += d.raw + "\n";
  if (err) got += "ERR " + *err + "\n";
  EXPECT_EQ(got, GetParam().json);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ManifestsYaml,
    ::testing::Values(
        YamlCase{"Scalars",
                 "a: yes\nb: \"yes\"\nc: 0x1F\nd: 010\ne: 1.5\nf: ~\ng: on\nh: 1e3\ni: 2.0\nj: '8080'\nk: -7\nl: hello world\nm: null\np: False\n",
                 "{\"a\":true,\"b\":\"yes\",\"c\":31,\"d\":8,\"e\":1.5,\"f\":null,\"g\":true,\"h\":1000,\"i\":2,\"j\":\"8080\",\"k\":-7,\"l\":\"hello world\",\"m\":null,\"p\":false}\n"},
        YamlCase{"KeysBecomeStrings", "1: a\ntrue: b\n", "{\"1\":\"a\",\"true\":\"b\"}\n"},
        YamlCase{"SortedKeysAndEscapes", "z: 1\na: '<&>'\n", "{\"a\":\"\\u003c\\u0026\\u003e\",\"z\":1}\n"},
        YamlCase{"Sequences", "items:\n- 1\n- two\n- {a: b}\n", "{\"items\":[1,\"two\",{\"a\":\"b\"}]}\n"},
        YamlCase{"BlockScalar", "cmd: |\n  echo hi\n  exit 0\n", "{\"cmd\":\"echo hi\\nexit 0\\n\"}\n"},
        YamlCase{"MultiDocumentSkipsEmpty", "---\n---\na: 1\n---\n# only a comment\n---\nb: 2\n", "{\"a\":1}\n{\"b\":2}\n"},
        YamlCase{"JsonDocument", "{\"kind\": \"Pod\", \"apiVersion\": \"v1\"}", "{\"kind\": \"Pod\", \"apiVersion\": \"v1\"}\n"},
        YamlCase{"MappingValuesError", "a: b: c\n",
                 "ERR error converting YAML to JSON: yaml: line 1: mapping values are not allowed in this context\n"},
        YamlCase{"ParserErrorLineCountsFromZero", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: y\n",
                 "ERR error converting YAML to JSON: yaml: line 4: did not find expected key\n"},
        YamlCase{"TabInIndentation", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n",
                 "ERR error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n"},
        YamlCase{"InfinityIsNotJson", "a: .inf\n", "ERR error converting YAML to JSON: json: unsupported value: +Inf\n"}),
    [](const ::testing::TestParamInfo<YamlCase>& i) { return std::string(i.param.name); });

// ---------------------------------------------------------------- create -f
const char* kPodManifest =
    "cat <<EOF > kubia-manual.yaml\n"
    "apiVersion: v1\n"
    "kind: Pod\n"
    "metadata:\n"
    "  name: kubia-manual\n"
    "spec:\n"
    "  containers:\n"
    "  - image: luksa/kubia\n"
    "    name: kubia\n"
    "    ports:\n"
    "    - containerPort: 8080\n"
    "      protocol: TCP\n"
    "EOF";

TEST(ManifestsCreate, CreatesThePodOfTheBook) {
  Console c;
  c.run(kPodManifest);
  int code = -1;
  EXPECT_EQ(c.run("kubectl create -f kubia-manual.yaml", &code), "pod/kubia-manual created\n");
  EXPECT_EQ(code, 0);
  EXPECT_EQ(c.run("kubectl get pod kubia-manual -o jsonpath='{.spec.containers[0].ports[0].containerPort}'"), "8080");
  EXPECT_EQ(c.run("kubectl create -f kubia-manual.yaml", &code),
            "Error from server (AlreadyExists): error when creating \"kubia-manual.yaml\": pods \"kubia-manual\" already exists\n");
  EXPECT_EQ(code, 1);
}

TEST(ManifestsCreate, FromStdin) {
  Console c;
  EXPECT_EQ(c.run("cat <<EOF | kubectl create -f -\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\nEOF"),
            "namespace/team-a created\n");
  EXPECT_EQ(c.run("kubectl create -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: team-a\n"
                  "spec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
                  "    spec:\n      containers:\n      - name: web\n        image: nginx\nEOF"),
            "deployment.apps/web created\n");
  EXPECT_EQ(c.run("kubectl get deploy web -n team-a -o jsonpath='{.spec.replicas}'"), "1");
}

struct ErrorCase {
  const char* name;
  std::string file;     // written to f.yaml
  std::string command;  // run after
  std::string out;
  int exitCode;
};

class ManifestsCreateErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ManifestsCreateErrors, Output) {
  Console c;
  if (!GetParam().file.empty()) c.run("cat <<'EOF' > f.yaml\n" + GetParam().file + "EOF");
  int code = -1;
  EXPECT_EQ(c.run(GetParam().command, &code), GetParam().out);
  EXPECT_EQ(code, GetParam().exitCode);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ManifestsCreateErrors,
    ::testing::Values(
        ErrorCase{"MissingPath", "", "kubectl create -f x.yaml", "error: the path \"x.yaml\" does not exist\n", 1},
        ErrorCase{"ApplyMissingPath", "", "kubectl apply -f x.yaml", "error: the path \"x.yaml\" does not exist\n", 1},
        ErrorCase{"ApplyNoFile", "", "kubectl apply", "error: must specify one of -f and -k\n", 1},
        ErrorCase{"ApplyEmptyStdin", "", "kubectl apply -f -", "error: no objects passed to apply\n", 1},
        ErrorCase{"UnknownKind", "apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n", "kubectl create -f f.yaml",
                  "error: resource mapping not found for name: \"x\" namespace: \"\" from \"f.yaml\": no matches for kind \"Foo\" in version \"v1\"\nensure CRDs are installed first\n", 1},
        ErrorCase{"WrongVersion", "apiVersion: v1\nkind: Deployment\nmetadata:\n  name: x\n  namespace: a\n", "kubectl apply -f f.yaml",
                  "error: resource mapping not found for name: \"x\" namespace: \"a\" from \"f.yaml\": no matches for kind \"Deployment\" in version \"v1\"\nensure CRDs are installed first\n", 1},
        ErrorCase{"KindNotSet", "apiVersion: v1\nmetadata:\n  name: x\n", "kubectl create -f f.yaml",
                  "error: error validating \"f.yaml\": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n", 1},
        ErrorCase{"ApiVersionNotSet", "kind: Pod\nmetadata:\n  name: x\n", "kubectl apply -f f.yaml",
                  "error: error validating \"f.yaml\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n", 1},
        ErrorCase{"KindMissingNoValidation", "apiVersion: v1\nmetadata:\n  name: x\n", "kubectl apply -f f.yaml --validate=false",
                  "error: unable to decode \"f.yaml\": Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}'\n", 1},
        ErrorCase{"NamespaceMismatch", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  namespace: a\nspec:\n  containers:\n  - name: c\n    image: nginx\n",
                  "kubectl create -f f.yaml -n b",
                  "error: the namespace from the provided object \"a\" does not match the namespace \"b\". You must pass '--namespace=a' to perform this operation.\n", 1},
        ErrorCase{"ParseError", "apiVersion: v1\nkind: Pod\nmetadata: x: y\n", "kubectl create -f f.yaml",
                  "error: error parsing f.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n", 1},
        ErrorCase{"InvalidReplicas",
                  "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: x}\n"
                  "  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n      - name: x\n        image: nginx\n",
                  "kubectl apply -f f.yaml",
                  "The Deployment \"x\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n", 1}),
    [](const ::testing::TestParamInfo<ErrorCase>& i) { return std::string(i.param.name); });

// ---------------------------------------------------------------- apply
const char* kDeployAndService =
    "cat <<EOF > kubia.yaml\n"
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: kubia\n"
    "  labels:\n"
    "    app: kubia\n"
    "    tier: web\n"
    "spec:\n"
    "  replicas: REPLICAS\n"
    "  selector:\n"
    "    matchLabels:\n"
    "      app: kubia\n"
    "  template:\n"
    "    metadata:\n"
    "      labels:\n"
    "        app: kubia\n"
    "    spec:\n"
    "      containers:\n"
    "      - name: kubia\n"
    "        image: luksa/kubia:v1\n"
    "        ports:\n"
    "        - containerPort: 8080\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: Service\n"
    "metadata:\n"
    "  name: kubia\n"
    "spec:\n"
    "  selector:\n"
    "    app: kubia\n"
    "  ports:\n"
    "  - port: 80\n"
    "    targetPort: 8080\n"
    "EOF";

std::string manifest(const std::string& replicas, bool tier = true) {
  std::string m = kDeployAndService;
  m.replace(m.find("REPLICAS"), 8, replicas);
  if (!tier) m.erase(m.find("    tier: web\n"), 14);
  return m;
}

TEST(ManifestsApply, CreatedConfiguredUnchangedDeleted) {
  Console c;
  c.run(manifest("2"));
  int code = -1;
  EXPECT_EQ(c.run("kubectl apply -f kubia.yaml", &code), "deployment.apps/kubia created\nservice/kubia created\n");
  EXPECT_EQ(code, 0);
  EXPECT_EQ(c.run("kubectl get deploy kubia -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'"),
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"kubia\",\"tier\":\"web\"},"
            "\"name\":\"kubia\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"kubia\"}},"
            "\"template\":{\"metadata\":{\"labels\":{\"app\":\"kubia\"}},\"spec\":{\"containers\":[{\"image\":\"luksa/kubia:v1\","
            "\"name\":\"kubia\",\"ports\":[{\"containerPort\":8080}]}]}}}}\n");
  EXPECT_EQ(c.run("kubectl apply -f kubia.yaml"), "deployment.apps/kubia unchanged\nservice/kubia unchanged\n");

  // replicas changed and a label dropped from the manifest: the label goes from the object
  c.run(manifest("3", false));
  EXPECT_EQ(c.run("kubectl apply -f kubia.yaml"), "deployment.apps/kubia configured\nservice/kubia unchanged\n");
  EXPECT_EQ(c.run("kubectl get deploy kubia -o jsonpath='{.spec.replicas} {.metadata.labels}'"), "3 {\"app\":\"kubia\"}");
  EXPECT_EQ(c.run("kubectl apply -f kubia.yaml"), "deployment.apps/kubia unchanged\nservice/kubia unchanged\n");
  // defaults the server filled in stay: the service keeps its cluster IP and protocol
  EXPECT_EQ(c.run("kubectl get svc kubia -o jsonpath='{.spec.ports[0].protocol}'"), "TCP");

  EXPECT_EQ(c.run("kubectl get -f kubia.yaml -o name"), "deployment.apps/kubia\nservice/kubia\n");
  EXPECT_EQ(c.run("kubectl delete -f kubia.yaml", &code), "deployment.apps \"kubia\" deleted\nservice \"kubia\" deleted\n");
  EXPECT_EQ(code, 0);
  EXPECT_EQ(c.run("kubectl get -f kubia.yaml", &code),
            "Error from server (NotFound): deployments.apps \"kubia\" not found\nError from server (NotFound): services \"kubia\" not found\n");
  EXPECT_EQ(code, 1);
  EXPECT_EQ(c.run("kubectl delete -f kubia.yaml", &code),
            "Error from server (NotFound): error when deleting \"kubia.yaml\": deployments.apps \"kubia\" not found\n"
            "Error from server (NotFound): error when deleting \"kubia.yaml\": services \"kubia\" not found\n");
  EXPECT_EQ(code, 1);
  EXPECT_EQ(c.run("kubectl delete -f kubia.yaml --ignore-not-found", &code), "");
  EXPECT_EQ(code, 0);
}

TEST(ManifestsApply, WarnsAboutObjectsCreatedWithoutApply) {
  Console c;
  c.run("kubectl create deployment kubia --image=luksa/kubia:v1");
  c.run(manifest("2"));
  auto [out, err] = c.split("kubectl apply -f kubia.yaml");
  EXPECT_EQ(out, "deployment.apps/kubia configured\nservice/kubia created\n");
  EXPECT_EQ(err,
            "Warning: resource deployments/kubia is missing the kubectl.kubernetes.io/last-applied-configuration annotation "
            "which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by "
            "either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n");
  EXPECT_EQ(c.run("kubectl get deploy kubia -o jsonpath='{.spec.replicas}'"), "2");
  EXPECT_EQ(c.run("kubectl apply -f kubia.yaml"), "deployment.apps/kubia unchanged\nservice/kubia unchanged\n");
}

TEST(ManifestsApply, ContainerRemovedFromTheManifestIsRemoved) {
  Console c;
  std::string two =
      "kubectl apply -f - <<EOF\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  selector:\n"
      "    matchLabels: {app: w}\n  template:\n    metadata:\n      labels: {app: w}\n    spec:\n      containers:\n"
      "      - name: a\n        image: nginx\nSECOND\nEOF";
  std::string withB = two;
  withB.replace(withB.find("SECOND"), 6, "      - name: b\n        image: redis");
  std::string withoutB = two;
  withoutB.replace(withoutB.find("SECOND\n"), 7, "");
  EXPECT_EQ(c.run(withB), "deployment.apps/w created\n");
  EXPECT_EQ(c.run("kubectl get deploy w -o jsonpath='{.spec.template.spec.containers[*].name}'"), "a b");
  EXPECT_EQ(c.run(withoutB), "deployment.apps/w configured\n");
  EXPECT_EQ(c.run("kubectl get deploy w -o jsonpath='{.spec.template.spec.containers[*].name}'"), "a");
}

TEST(ManifestsApply, DryRunChangesNothing) {
  Console c;
  c.run(manifest("2"));
  EXPECT_EQ(c.run("kubectl apply -f kubia.yaml --dry-run=client"),
            "deployment.apps/kubia created (dry run)\nservice/kubia created (dry run)\n");
  int code = -1;
  c.run("kubectl get deploy kubia", &code);
  EXPECT_EQ(code, 1);
}

// ---------------------------------------------------------------- edit
TEST(ManifestsEdit, WithoutAnEditor) {
  Console c;
  c.run("kubectl create deployment kubia --image=luksa/kubia:v1");
  int code = -1;
  EXPECT_EQ(c.run("kubectl edit deployment kubia", &code), "error: unable to launch the editor \"vi\"\n");
  EXPECT_EQ(code, 1);
  EXPECT_EQ(c.run("kubectl edit deployment nope", &code),
            "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  EXPECT_EQ(code, 1);
}

TEST(ManifestsEdit, EditedCancelledAndInvalid) {
  std::vector<std::string> shown;
  std::function<std::optional<std::string>(const std::string&)> answer;
  ShellOptions o;
  o.edit = [&](const std::string& text, std::function<void(std::optional<std::string>)> done) {
    shown.push_back(text);
    done(answer(text));
  };
  Console c(o);
  c.run("kubectl create deployment kubia --image=luksa/kubia:v1");

  answer = [](const std::string& t) {
    std::string s = t;
    s.replace(s.find("replicas: 1"), 11, "replicas: 4");
    return s;
  };
  EXPECT_EQ(c.run("kubectl edit deploy/kubia"), "deployment.apps/kubia edited\n");
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].rfind(
                "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
                "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
                "# reopened with the relevant failures.\n#\napiVersion: apps/v1\nkind: Deployment\n",
                0),
            0u);
  EXPECT_EQ(c.run("kubectl get deploy kubia -o jsonpath='{.spec.replicas}'"), "4");

  answer = [](const std::string&) { return std::nullopt; };
  EXPECT_EQ(c.run("kubectl edit deploy kubia"), "Edit cancelled, no changes made.\n");
  answer = [](const std::string&) { return std::string("# nothing\n"); };
  EXPECT_EQ(c.run("kubectl edit deploy kubia"), "Edit cancelled, saved file was empty.\n");

  // an invalid edit is reopened with the reasons; saving it unchanged gives up
  shown.clear();
  answer = [&shown](const std::string& t) {
    std::string s = t;
    if (shown.size() == 1) s.replace(s.find("replicas: 4"), 11, "replicas: -1");
    return s;
  };
  int code = -1;
  std::string out = c.run("kubectl edit deploy kubia", &code);
  EXPECT_EQ(code, 1);
  ASSERT_EQ(shown.size(), 2u);
  EXPECT_NE(shown[1].find("#\n# deployments.apps \"kubia\" was not valid:\n"
                          "# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n"),
            std::string::npos);
  EXPECT_EQ(out.rfind("error: deployments.apps \"kubia\" is invalid\nA copy of your changes has been stored to \"/tmp/kubectl-edit-", 0), 0u);
  EXPECT_NE(out.find(".yaml\"\nerror: Edit cancelled, no valid changes were saved.\n"), std::string::npos);
  EXPECT_EQ(c.run("kubectl get deploy kubia -o jsonpath='{.spec.replicas}'"), "4");
}

TEST(ManifestsFuzz, HostileInputNeverCrashes) {
  Console c;
  const char* lines[] = {
      "cat <<", "cat <<EOF <<EOF2\na\nEOF\nb\nEOF2", "cat <<<x", "echo >> >", "kubectl apply -f - <<EOF\n: : :\n- - -\nEOF",
      "kubectl apply -f - <<EOF\n[1, 2\nEOF", "kubectl apply -f - <<EOF\n{\"kind\": \nEOF", "kubectl apply -f - <<EOF\n\"just a string\"\nEOF",
      "kubectl apply -f - <<EOF\nkind: List\napiVersion: v1\nitems: [1, {kind: Pod}]\nEOF",
      "kubectl apply -f - <<EOF\na: &x [*x]\nEOF", "kubectl create -f - <<EOF\n\t- tab\nEOF",
      "kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: 7\nEOF",
      "kubectl delete -f - <<EOF\napiVersion: v1\nkind: Pod\nEOF", "kubectl get -f nope.yaml", "ls -l -a /", "rm -rf .",
      "kubectl apply -f - <<EOF\na: 99999999999999999999999\nb: 0x\nc: 1e999\nEOF", "cat < <", "echo x 2>&", "echo x 3> f"};
  for (const char* l : lines) {
    int code = -1;
    c.run(l, &code);
    EXPECT_GE(code, 0) << l;
  }
}

}  // namespace
}  // namespace kp
