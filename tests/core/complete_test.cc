// Tab completion against a real cluster: the candidates kubectl's completion offers for real
// lines (subcommands and flags as `kubectl __complete` of kubectl 1.32 lists them, object,
// node, namespace and context names from the store), bash's insertion rules, readline's
// column listing, and hostile lines that must not crash.
#include <gtest/gtest.h>

#include <random>

#include "core/shell/complete.h"
#include "core/shell/shell.h"

namespace kp {
namespace {

using Strings = std::vector<std::string>;

class CompletionTest : public ::testing::Test {
 protected:
  void SetUp() override { cluster_.settle(); }
  Strings cands(const std::string& line) { return complete(shell_, line, line.size()).candidates; }
  // The line after one Tab at its end.
  std::string tab(const std::string& line) {
    return applyCompletion(line, line.size(), complete(shell_, line, line.size())).line;
  }
  // Names as `kubectl get TYPE -o name` prints them, without the "type/" part.
  Strings names(const std::string& getArgs) {
    std::string out = shell_.runText("kubectl get " + getArgs + " -o name");
    Strings v;
    size_t pos = 0;
    while (pos < out.size()) {
      size_t nl = out.find('\n', pos);
      std::string l = out.substr(pos, nl - pos);
      v.push_back(l.substr(l.find('/') + 1));
      if (nl == std::string::npos) break;
      pos = nl + 1;
    }
    std::sort(v.begin(), v.end());
    return v;
  }
  Cluster cluster_;
  Shell shell_{cluster_};
};

TEST_F(CompletionTest, FirstWordIsAShellCommand) {
  EXPECT_EQ(cands("kube"), (Strings{"kubecolor", "kubectl"}));
  EXPECT_EQ(tab("kube"), "kubec");
  EXPECT_EQ(tab("kubect"), "kubectl ");
  EXPECT_EQ(tab("mini"), "minikube ");
  EXPECT_EQ(cands("hi"), (Strings{"history"}));
  Strings all = cands("");
  EXPECT_NE(std::find(all.begin(), all.end(), "kubectl"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "sleep"), all.end());
  EXPECT_NE(std::find(all.begin(), all.end(), "curl"), all.end());
}

TEST_F(CompletionTest, AssignmentsBeforeTheCommand) {
  EXPECT_EQ(tab("KUBE_EDITOR=true kubect"), "KUBE_EDITOR=true kubectl ");
  EXPECT_EQ(tab("KUBE_EDITOR=true kubectl edi"), "KUBE_EDITOR=true kubectl edit ");
  EXPECT_EQ(cands("exp"), (Strings{"export"}));
}

TEST_F(CompletionTest, KubectlSubcommands) {
  EXPECT_EQ(tab("kubectl ro"), "kubectl rollout ");
  EXPECT_EQ(tab("k sc"), "k scale ");
  EXPECT_EQ(cands("kubectl de"), (Strings{"delete", "describe"}));
  EXPECT_EQ(tab("kubectl de"), "kubectl de");
  EXPECT_EQ(tab("kubectl desc"), "kubectl describe ");
  // kubectl __complete rollout ""
  EXPECT_EQ(cands("kubectl rollout "), (Strings{"history", "pause", "restart", "resume", "status", "undo"}));
  EXPECT_EQ(cands("kubectl create "), (Strings{"clusterrole", "clusterrolebinding", "configmap", "deployment", "job",
                                              "namespace", "role", "rolebinding", "secret"}));
  EXPECT_EQ(cands("kubectl auth "), (Strings{"can-i", "whoami"}));
  EXPECT_EQ(tab("kubectl config use"), "kubectl config use-context ");
  EXPECT_EQ(tab("kubectl set im"), "kubectl set image ");
  // global flags before the subcommand
  EXPECT_EQ(tab("kubectl -n kube-system ge"), "kubectl -n kube-system get ");
  EXPECT_EQ(cands("kubectl rollout status x"), Strings{});
}

TEST_F(CompletionTest, FlagsOfTheCommand) {
  // kubectl __complete scale --re: only the required --replicas while it is not set
  EXPECT_EQ(cands("kubectl scale --re"), (Strings{"--replicas="}));
  EXPECT_EQ(tab("kubectl scale deploy kubia --re"), "kubectl scale deploy kubia --replicas=");
  EXPECT_EQ(cands("kubectl create deployment web --"), (Strings{"--image="}));
  // once set, the others come (and --replicas is not offered again)
  Strings after = cands("kubectl scale --replicas=3 --");
  EXPECT_EQ(std::count(after.begin(), after.end(), "--replicas="), 0);
  EXPECT_EQ(std::count(after.begin(), after.end(), "--current-replicas="), 1);
  EXPECT_EQ(std::count(after.begin(), after.end(), "--all"), 1);
  EXPECT_EQ(cands("kubectl get --show-l"), (Strings{"--show-labels"}));
  EXPECT_EQ(tab("kubectl get --show-l"), "kubectl get --show-labels ");
  EXPECT_EQ(cands("kubectl get --all-n"), (Strings{"--all-namespaces"}));
  EXPECT_EQ(cands("kubectl logs --ta"), (Strings{"--tail="}));
  EXPECT_EQ(cands("kubectl get --nam"), (Strings{"--namespace="}));
  // shorthands after a single dash
  Strings dash = cands("kubectl get -");
  EXPECT_NE(std::find(dash.begin(), dash.end(), "-A"), dash.end());
  EXPECT_NE(std::find(dash.begin(), dash.end(), "-o"), dash.end());
  EXPECT_NE(std::find(dash.begin(), dash.end(), "-w"), dash.end());
  EXPECT_NE(std::find(dash.begin(), dash.end(), "--watch"), dash.end());
  // global flags alone before a command
  EXPECT_EQ(cands("kubectl --kubec"), (Strings{"--kubeconfig="}));
}

TEST_F(CompletionTest, FlagValues) {
  // kubectl __complete get -o w
  EXPECT_EQ(cands("kubectl get pods -o w"), (Strings{"wide"}));
  EXPECT_EQ(tab("kubectl get pods -o w"), "kubectl get pods -o wide ");
  Strings o = cands("kubectl get pods -o ");
  for (const char* f : {"json", "yaml", "wide", "name", "jsonpath=", "custom-columns="})
    EXPECT_NE(std::find(o.begin(), o.end(), f), o.end()) << f;
  // --flag=value completes the value: the word starts after '='
  std::string line = "kubectl get pods --output=ya";
  Completion c = complete(shell_, line, line.size());
  EXPECT_EQ(c.candidates, (Strings{"yaml"}));
  EXPECT_EQ(c.word, "ya");
  EXPECT_EQ(c.start, line.size() - 2);
  EXPECT_EQ(tab(line), "kubectl get pods --output=yaml ");
  EXPECT_EQ(tab("kubectl get pods -o jsonp"), "kubectl get pods -o jsonpath");
  EXPECT_EQ(cands("kubectl get pods -o jsonpath"), (Strings{"jsonpath-as-json=", "jsonpath-file=", "jsonpath="}));
  EXPECT_EQ(tab("kubectl get pods -ojs"), "kubectl get pods -ojson");
  EXPECT_EQ(cands("kubectl expose deploy kubia --type="),
            (Strings{"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}));
  EXPECT_EQ(tab("kubectl expose deploy kubia --type N"), "kubectl expose deploy kubia --type NodePort ");
  EXPECT_EQ(cands("kubectl run x --image=nginx --restart="), (Strings{"Always", "Never", "OnFailure"}));
  EXPECT_EQ(cands("kubectl apply --dry-run="), (Strings{"client", "none", "server"}));
  // namespaces after -n
  EXPECT_EQ(cands("kubectl get pods -n kube-"), (Strings{"kube-node-lease", "kube-public", "kube-system"}));
  EXPECT_EQ(cands("kubectl get pods --namespace=def"), (Strings{"default"}));
  // contexts
  EXPECT_EQ(cands("kubectl get pods --context "), (Strings{"minikube"}));
}

TEST_F(CompletionTest, ResourceTypes) {
  // the types as `kubectl api-resources -o name` lists them
  EXPECT_EQ(tab("kubectl get no"), "kubectl get nodes ");
  // pods and poddisruptionbudgets.policy share "pod": bash completes the common prefix
  EXPECT_EQ(tab("kubectl get po"), "kubectl get pod");
  EXPECT_EQ(tab("kubectl get deploy"), "kubectl get deployments.apps ");
  EXPECT_EQ(cands("kubectl get rep"), (Strings{"replicasets.apps", "replicationcontrollers"}));
  EXPECT_EQ(tab("kubectl get rep"), "kubectl get replica");
  // a short or singular name typed in full completes to itself
  EXPECT_EQ(tab("kubectl get svc"), "kubectl get svc ");
  EXPECT_EQ(tab("kubectl describe deployment"), "kubectl describe deployments.apps ");
  EXPECT_EQ(tab("kubectl describe rs"), "kubectl describe rs ");
  EXPECT_EQ(cands("kubectl get xyz"), Strings{});
  // commands with their own type list
  EXPECT_EQ(cands("kubectl scale "), (Strings{"deployment", "replicaset", "replicationcontroller", "statefulset"}));
  EXPECT_EQ(cands("kubectl rollout status "), (Strings{"daemonset", "deployment", "statefulset"}));
  EXPECT_EQ(tab("kubectl rollout undo dep"), "kubectl rollout undo deployment ");
  EXPECT_EQ(tab("kubectl taint no"), "kubectl taint node ");
  EXPECT_EQ(cands("kubectl scale po"), Strings{});
}

TEST_F(CompletionTest, ObjectNamesFromTheStore) {
  shell_.runText("kubectl create deployment kubia --image=luksa/kubia:v1 --replicas=3");
  shell_.runText("kubectl create deployment other --image=nginx");
  shell_.runText("kubectl expose deployment kubia --port=80 --target-port=8080");
  cluster_.settle();
  EXPECT_EQ(tab("kubectl scale deploy ku"), "kubectl scale deploy kubia ");
  EXPECT_EQ(cands("kubectl scale deploy "), (Strings{"kubia", "other"}));
  EXPECT_EQ(tab("kubectl get deploy/ku"), "kubectl get deploy/kubia ");
  EXPECT_EQ(cands("kubectl get svc "), (Strings{"kubernetes", "kubia"}));
  EXPECT_EQ(tab("kubectl describe svc kubi"), "kubectl describe svc kubia ");
  // pods: the three kubia replicas, as kubectl get pods names them
  Strings kubiaPods;
  for (const auto& n : names("pods"))
    if (n.rfind("kubia-", 0) == 0) kubiaPods.push_back(n);
  ASSERT_EQ(kubiaPods.size(), 3u);
  EXPECT_EQ(cands("kubectl delete pod kubia-"), kubiaPods);
  EXPECT_EQ(cands("kubectl logs "), names("pods"));
  EXPECT_EQ(cands("kubectl exec -it "), names("pods"));
  // names already on the line are not offered again
  Strings rest = cands("kubectl delete pod " + kubiaPods[0] + " kubia-");
  EXPECT_EQ(rest, Strings(kubiaPods.begin() + 1, kubiaPods.end()));
  // the pod's containers after logs POD and -c
  EXPECT_EQ(cands("kubectl logs " + kubiaPods[0] + " "), (Strings{"kubia"}));
  EXPECT_EQ(cands("kubectl logs " + kubiaPods[0] + " -c "), (Strings{"kubia"}));
  // another namespace: -n before or after
  EXPECT_EQ(cands("kubectl -n kube-system get pods etcd"), (Strings{"etcd-minikube"}));
  EXPECT_EQ(cands("kubectl get pods etcd -n kube-system"), (Strings{"kube-system"}));
  EXPECT_EQ(cands("kubectl get pods --namespace=kube-system kube-sch"), (Strings{"kube-scheduler-minikube"}));
  EXPECT_EQ(cands("kubectl get pods etcd"), Strings{});
  // the context's namespace
  shell_.runText("kubectl config set-context --current --namespace=kube-system");
  EXPECT_EQ(cands("kubectl describe pod etcd"), (Strings{"etcd-minikube"}));
}

TEST_F(CompletionTest, NodesNamespacesContexts) {
  shell_.runText("minikube node add");
  cluster_.settle();
  // minikube's four nodes and the one just added
  const Strings nodes = {"minikube", "minikube-m02", "minikube-m03", "minikube-m04", "minikube-m05"};
  EXPECT_EQ(cands("kubectl cordon "), nodes);
  EXPECT_EQ(tab("kubectl drain minikube-"), "kubectl drain minikube-m0");
  EXPECT_EQ(tab("kubectl drain minikube-m05"), "kubectl drain minikube-m05 ");
  EXPECT_EQ(cands("kubectl taint nodes "), nodes);
  EXPECT_EQ(cands("kubectl taint node/minikube-m0"),
            (Strings{"node/minikube-m02", "node/minikube-m03", "node/minikube-m04", "node/minikube-m05"}));
  EXPECT_EQ(cands("kubectl get nodes minikube"), nodes);
  EXPECT_EQ(cands("minikube node stop "), nodes);
  EXPECT_EQ(cands("kubectl uncordon minikube minikube-m02 "), Strings{});
  EXPECT_EQ(cands("minikube node "), (Strings{"add", "delete", "list", "start", "stop"}));
  EXPECT_EQ(tab("minikube no"), "minikube node ");
  EXPECT_EQ(cands("kubectl get ns kube-p"), (Strings{"kube-public"}));
  EXPECT_EQ(tab("kubectl config use-context mini"), "kubectl config use-context minikube ");
}

TEST_F(CompletionTest, FileNames) {
  shell_.runText("echo a > kubia.yaml");
  shell_.runText("echo b > kubia-svc.yaml");
  shell_.runText("echo c > notes.txt");
  EXPECT_EQ(cands("kubectl apply -f "), (Strings{"kubia-svc.yaml", "kubia.yaml", "notes.txt"}));
  EXPECT_EQ(tab("kubectl apply -f n"), "kubectl apply -f notes.txt ");
  EXPECT_EQ(tab("kubectl create --filename=kubia."), "kubectl create --filename=kubia.yaml ");
  EXPECT_EQ(tab("cat no"), "cat notes.txt ");
  EXPECT_EQ(tab("rm kubia"), "rm kubia");
  EXPECT_EQ(cands("rm kubia"), (Strings{"kubia-svc.yaml", "kubia.yaml"}));
  EXPECT_EQ(tab("kubectl get pods > no"), "kubectl get pods > notes.txt ");
  EXPECT_EQ(tab("cat \"no"), "cat \"notes.txt\" ");
  EXPECT_EQ(cands("cat <<EO"), Strings{});
}

TEST_F(CompletionTest, LastCommandOfAPipeline) {
  EXPECT_EQ(tab("kubectl get pods | gr"), "kubectl get pods | grep ");
  EXPECT_EQ(tab("kubectl get pods -A | grep x | wc -l ; kubectl get no"), "kubectl get pods -A | grep x | wc -l ; kubectl get nodes ");
  EXPECT_EQ(tab("sleep 1 && kubectl get no"), "sleep 1 && kubectl get nodes ");
  EXPECT_EQ(tab("echo 'a | b' kubectl ro"), "echo 'a | b' kubectl ro");
}

TEST_F(CompletionTest, CursorInsideTheLine) {
  std::string line = "kubectl get no -o wide";
  Completion c = complete(shell_, line, 14);
  EXPECT_EQ(c.word, "no");
  EXPECT_EQ(c.candidates, (Strings{"nodes"}));
  TabResult r = applyCompletion(line, 14, c);
  EXPECT_EQ(r.line, "kubectl get nodes -o wide");  // the space after the word is already there
  EXPECT_EQ(r.cursor, 18u);
  EXPECT_TRUE(r.changed);
  // past the end is the end
  EXPECT_EQ(complete(shell_, "kubectl ro", 999).candidates, (Strings{"rollout"}));
}

TEST_F(CompletionTest, TabOutcome) {
  Completion c;
  c.word = "po";
  c.candidates = {"pods"};
  c.common = "pods";
  TabResult r = applyCompletion("k get po", 8, c);
  EXPECT_EQ(r.line, "k get pods ");
  EXPECT_FALSE(r.ambiguous);
  c.candidates = {"deploy/a", "deploy/b"};
  c.word = "deploy/";
  c.common = "deploy/";
  r = applyCompletion("k get deploy/", 13, c);
  EXPECT_FALSE(r.changed);
  EXPECT_TRUE(r.ambiguous);
  c.candidates = {"deploy/"};
  c.word = "dep";
  c.common = "deploy/";
  EXPECT_EQ(applyCompletion("k get dep", 9, c).line, "k get deploy/");
  EXPECT_FALSE(applyCompletion("x", 1, Completion{}).changed);
}

TEST_F(CompletionTest, CandidateColumns) {
  // readline: column width = longest + 2, as many columns as fit, sorted down the columns
  EXPECT_EQ(formatCandidates({"history", "pause", "restart", "resume", "status", "undo"}, 80),
            "history  pause    restart  resume   status   undo\n");
  EXPECT_EQ(formatCandidates({"aaaa", "bb", "cc", "dd", "ee"}, 19), "aaaa  cc    ee\nbb    dd\n");
  EXPECT_EQ(formatCandidates({"aaaa", "bb", "cc", "dd", "ee"}, 18), "aaaa  dd\nbb    ee\ncc\n");
  EXPECT_EQ(formatCandidates({"a-very-long-candidate-name"}, 10), "a-very-long-candidate-name\n");
  EXPECT_EQ(formatCandidates({}, 80), "");
}

TEST_F(CompletionTest, HostileLinesDoNotCrash) {
  const std::string alphabet = "kubectl get pods -n -o= --x=y '\"\\|;&<>()`#$ \t\nabc/=,";
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), len(0, 40);
  for (int i = 0; i < 3000; i++) {
    std::string line = i % 3 == 0 ? "kubectl " : "";
    size_t n = len(rng);
    for (size_t k = 0; k < n; k++) line += alphabet[pick(rng)];
    size_t cursor = len(rng);
    Completion c = complete(shell_, line, cursor);
    TabResult r = applyCompletion(line, cursor, c);
    EXPECT_LE(r.cursor, r.line.size());
    for (const auto& s : c.candidates) EXPECT_EQ(s.rfind(c.word, 0), 0u) << line;
  }
  for (const char* line : {"kubectl -n", "kubectl --namespace=", "kubectl -", "kubectl --", "kubectl -- ",
                           "kubectl get -- po", "k logs -c ", "kubectl rollout undo deploy/", "kubectl get /",
                           "kubectl get pods,svc ", "kubectl get pods/ ", "'", "\"", "\\", "2>", "cat << ", "|",
                           "kubectl taint node/", "kubectl set image deploy/x ", "kubectl label pods a b=",
                           "kubectl get pods -nkube", "kubectl get -A pods ", "kubectl config "})
    complete(shell_, line, std::string(line).size());
  EXPECT_EQ(cands("kubectl get pods -nkube-s"), (Strings{"-nkube-system"}));
}

}  // namespace
}  // namespace kp

namespace kp {
namespace {

TEST_F(CompletionTest, TrafficTakesAServiceThenARate) {
  shell_.runText("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  shell_.runText("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http");
  EXPECT_EQ(tab("traf"), "traffic ");
  EXPECT_EQ(tab("traffic kubia-"), "traffic kubia-http ");
  EXPECT_EQ(cands("traffic "), (Strings{"kubernetes", "kubia-http"}));
  EXPECT_EQ(tab("traffic kubia-http s"), "traffic kubia-http stop ");
  EXPECT_EQ(cands("traffic kubia-http stop "), Strings{});
  EXPECT_EQ(cands("traffic -n kube-"), (Strings{"kube-node-lease", "kube-public", "kube-system"}));
}

}  // namespace
}  // namespace kp
