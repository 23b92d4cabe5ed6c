// Hostile and random input for the commands that change the cluster: manifests, labels,
// rollouts, nodes, exec, config, background jobs and here-documents. Nothing may throw, abort,
// hang or trip the sanitizers, and the console still answers afterwards.
#include <gtest/gtest.h>

#include <random>

#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class CommandsFuzz : public ConsoleFixture {};

TEST_F(CommandsFuzz, SurvivesHostileAndRandomLines) {
  run("kubectl create deployment kubia --image=hyooo/kubia --replicas=2 --port=8080");
  run("kubectl expose deploy kubia --port=80 --target-port=8080");
  cluster.advance(20000);
  std::vector<std::string> hostile = {
      "cat <<EOF | kubectl apply -f -\n" + std::string(5000, '[') + "\nEOF",
      "cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nmetadata: {name: 'x'}\nspec: {containers: 7}\nEOF",
      "cat <<EOF | kubectl apply -f -\n---\n---\n- a\n- b\n: :\nEOF",
      "cat <<EOF | kubectl create -f -\n{\"kind\":\"List\",\"items\":[1,2,{\"kind\":null}]}\nEOF",
      "cat <<'EOF' > big.yaml\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\nspec: {replicas: 99999999999999999999}\nEOF",
      "kubectl apply -f big.yaml",
      "kubectl apply -f /",
      "kubectl delete -f big.yaml -f big.yaml -f -",
      "kubectl label pods --all " + std::string(300, 'k') + "=v",
      "kubectl label pods --all a=b=c=d a- b- =",
      "kubectl annotate deploy kubia " + std::string(70000, 'x') + "=y",
      "kubectl set image deploy/kubia *=" + std::string(2000, 'i'),
      "kubectl set image deploy/kubia kubia=",
      "kubectl rollout undo deploy/kubia --to-revision=-9223372036854775808",
      "kubectl rollout undo deploy/kubia --to-revision=99999999999999999999",
      "kubectl rollout history deploy/kubia --revision=-1",
      "kubectl rollout status deploy/kubia --timeout=-1s",
      "kubectl rollout pause deploy/nothere",
      "kubectl scale deploy kubia --replicas=2147483648",
      "kubectl taint nodes minikube-m02 " + std::string(1000, '=') + ":NoSchedule",
      "kubectl taint nodes --all a=b:NoExecute",
      "kubectl taint nodes --all a-",
      "kubectl drain minikube --ignore-daemonsets --force --timeout=1s",
      "kubectl cordon ''",
      "minikube node stop minikube",
      "minikube node delete " + std::string(500, 'm'),
      "minikube node add && minikube node add",
      "kubectl exec -- ",
      "kubectl exec kubia -- sh -c '" + std::string(10000, ';') + "'",
      "kubectl exec deploy/kubia -- curl http://kubia." + std::string(300, 'a') + ":99999",
      "kubectl exec deploy/kubia -- wget -qO- " + std::string(3000, '/'),
      "kubectl run t --image=busybox --restart=Never -it --rm -- sh -c 'while true; do echo x; done'",
      "kubectl create job j --image=busybox -- sh -c 'exit 300'",
      "kubectl create configmap c --from-literal=" + std::string(10000, '='),
      "kubectl create secret generic s --from-literal=a=\xff\xfe",
      "kubectl create ns " + std::string(64, 'n'),
      "kubectl config set-context --current --namespace=" + std::string(1000, 'z'),
      "kubectl get pods",
      "kubectl config set-context --current --namespace=default",
      "kubectl get pods -w --watch-only -o json &",
      "kubectl get events -w &",
      "jobs -l",
      "kill %99999999999999999999",
      "kill %1 %2 %3",
      "fg %7",
      "kubectl logs deploy/kubia -f --tail=-99 &",
      "kill %4",
      "echo x >> " + std::string(5000, 'f'),
      "cat < nothing",
      "rm -rf /",
      "ls -l " + std::string(200, '*'),
  };
  for (const auto& line : hostile) {
    int code = -1;
    std::string out = shell.runText(line, &code);
    EXPECT_GE(code, 0) << line.substr(0, 200);
  }
  std::mt19937 rng(11);
  const std::vector<std::string> words = {
      "kubectl", "apply", "-f", "-", "create", "delete", "get", "label", "annotate", "rollout", "undo", "status",
      "history", "restart", "pause", "resume", "set", "image", "exec", "--", "env", "curl", "kubia", "deploy/kubia",
      "pods", "node", "nodes", "minikube-m02", "taint", "cordon", "uncordon", "drain", "config", "set-context",
      "--current", "--namespace=x", "job", "configmap", "secret", "generic", "ns", "a=b", "a-", "--overwrite",
      "--all", "-l", "app=kubia", "--dry-run=client", "-o", "yaml", "json", "name", "&", "|", "grep", "<<EOF",
      ">", "f.yaml", "--to-revision=0", "*=nginx", "--ignore-daemonsets", "--force", "'", "\"", "0", "-1",
  };
  for (int i = 0; i < 400; i++) {
    std::string line = rng() % 2 ? "kubectl" : "minikube node";
    int n = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < n; k++) line += " " + words[rng() % words.size()];
    int code = -1;
    shell.runText(line, &code);
    EXPECT_GE(code, 0) << line;
  }
  // Still a working cluster and console.
  int code = -1;
  std::string nodes = shell.runText("kubectl get nodes -o name", &code);
  EXPECT_EQ(code, 0) << nodes;
  EXPECT_NE(nodes.find("node/minikube\n"), std::string::npos) << nodes;
}

}  // namespace
}  // namespace kp
