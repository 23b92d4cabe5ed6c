// kubectl label, annotate, create namespace, config (contexts and the current namespace) and
// namespace deletion. Expected texts are kubectl 1.32's: client-side errors as the real binary
// prints them, the rest from kubectl's label/annotate/config sources and the API server's
// NamespaceLifecycle admission.
#include <gtest/gtest.h>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class MetadataCommands : public ConsoleFixture {};

TEST_F(MetadataCommands, LabelAddsOverwritesAndRemoves) {
  run("kubectl run kubia --image=hyooo/kubia --port=8080");
  EXPECT_EQ(run("kubectl label pod kubia creation_method=manual"), "pod/kubia labeled\n");
  EXPECT_EQ(run("kubectl label pod kubia creation_method=auto", 1),
            "error: 'creation_method' already has a value (manual), and --overwrite is false\n");
  EXPECT_EQ(run("kubectl get pod kubia -o jsonpath={.metadata.labels.creation_method}"), "manual");
  EXPECT_EQ(run("kubectl label pod kubia creation_method=auto --overwrite"), "pod/kubia labeled\n");
  EXPECT_EQ(run("kubectl get pod kubia -o jsonpath={.metadata.labels.creation_method}"), "auto");
  // Same value again: the object does not change.
  EXPECT_EQ(run("kubectl label pod kubia creation_method=auto"), "pod/kubia not labeled\n");
  EXPECT_EQ(run("kubectl label pod kubia --list"), "creation_method=auto\nrun=kubia\n");
  EXPECT_EQ(run("kubectl label pod kubia creation_method-"), "pod/kubia unlabeled\n");
  EXPECT_EQ(run("kubectl label pod kubia nope-"), "label \"nope\" not found.\npod/kubia not labeled\n");
  EXPECT_EQ(run("kubectl get pods -l creation_method"), "No resources found in default namespace.\n");
}

TEST_F(MetadataCommands, LabelSelectsByLabelAndLabelsNodes) {
  run("kubectl create deployment kubia --image=hyooo/kubia --replicas=2");
  std::string out = run("kubectl label pods -l app=kubia env=prod");
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;
  EXPECT_NE(out.find(" labeled\n"), std::string::npos);
  EXPECT_EQ(run("kubectl get pods -l env=prod -o name | wc -l"), "2\n");
  EXPECT_EQ(run("kubectl label node minikube-m02 gpu=true"), "node/minikube-m02 labeled\n");
  EXPECT_EQ(run("kubectl get nodes -l gpu=true -o name"), "node/minikube-m02\n");
}

TEST_F(MetadataCommands, LabelClientSideErrors) {
  // Texts from the real kubectl 1.32 binary.
  EXPECT_EQ(run("kubectl label pod x a=b=c", 1), "error: invalid label spec: a=b=c\n");
  EXPECT_EQ(run("kubectl label pod x a", 1), "error: at least one label update is required\n");
  EXPECT_EQ(run("kubectl label pod x a=b a-", 1), "error: can not both modify and remove a label in the same command\n");
  EXPECT_EQ(run("kubectl label pod x a=b c", 1), "error: all resources must be specified before label changes: c\n");
  EXPECT_EQ(run("kubectl label --list -o yaml pod x a=b", 1), "error: --list and --output may not be specified together\n");
  EXPECT_EQ(run("kubectl label", 1),
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  EXPECT_EQ(run("kubectl label pod x 'a=b c'", 1),
            "error: invalid label value: \"a=b c\": a valid label must be an empty string or consist of alphanumeric "
            "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
            "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n");
  EXPECT_EQ(run("kubectl label pod nothere a=b", 1), "Error from server (NotFound): pods \"nothere\" not found\n");
}

TEST_F(MetadataCommands, AnnotateSetsAndRefusesToOverwrite) {
  run("kubectl run kubia --image=hyooo/kubia");
  EXPECT_EQ(run("kubectl annotate pod kubia mycompany.com/someannotation=\"foo bar\""), "pod/kubia annotated\n");
  EXPECT_EQ(run("kubectl get pod kubia -o jsonpath='{.metadata.annotations.mycompany\\.com/someannotation}'"), "foo bar");
  EXPECT_EQ(run("kubectl annotate pod kubia mycompany.com/someannotation=other", 1),
            "error: --overwrite is false but found the following declared annotation(s): "
            "'mycompany.com/someannotation' already has a value (foo bar)\n");
  EXPECT_EQ(run("kubectl annotate pod kubia mycompany.com/someannotation-"), "pod/kubia annotated\n");
  EXPECT_EQ(run("kubectl annotate pod kubia a=1 a-", 1),
            "error: can not both modify and remove the following annotation(s) in the same command: a\n");
  EXPECT_EQ(run("kubectl annotate pod kubia =b", 1), "error: at least one annotation update is required\n");
}

TEST_F(MetadataCommands, CreateNamespaceAndWorkInIt) {
  EXPECT_EQ(run("kubectl create namespace custom-namespace"), "namespace/custom-namespace created\n");
  EXPECT_EQ(run("kubectl create ns custom-namespace", 1),
            "Error from server (AlreadyExists): namespaces \"custom-namespace\" already exists\n");
  EXPECT_EQ(run("kubectl create namespace", 1),
            "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n");
  EXPECT_EQ(run("kubectl create namespace My_Space", 1),
            "The Namespace \"My_Space\" is invalid: metadata.name: Invalid value: \"My_Space\": a lowercase RFC 1123 "
            "label must consist of lower case alphanumeric characters or '-', and must start and end with an "
            "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n");
  EXPECT_EQ(run("kubectl create namespace 123-abc"), "namespace/123-abc created\n");
  EXPECT_EQ(run("kubectl run kubia --image=hyooo/kubia -n custom-namespace"), "pod/kubia created\n");
  EXPECT_EQ(run("kubectl get pods"), "No resources found in default namespace.\n");
  EXPECT_EQ(run("kubectl get pods -n custom-namespace -o name"), "pod/kubia\n");
  EXPECT_EQ(run("kubectl run x --image=nginx -n nope", 1), "Error from server (NotFound): namespaces \"nope\" not found\n");
}

TEST_F(MetadataCommands, ConfigSetContextChangesTheCurrentNamespace) {
  EXPECT_EQ(run("kubectl config current-context"), "minikube\n");
  EXPECT_EQ(run("kubectl config get-contexts"),
            "CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n"
            "*         minikube   minikube   minikube   default\n");
  run("kubectl create namespace custom-namespace");
  run("kubectl run kubia --image=hyooo/kubia -n custom-namespace");
  EXPECT_EQ(run("kubectl config set-context --current --namespace=custom-namespace"), "Context \"minikube\" modified.\n");
  EXPECT_EQ(shell.currentNamespace(), "custom-namespace");
  EXPECT_EQ(run("kubectl get pods -o name"), "pod/kubia\n");
  EXPECT_EQ(run("kubectl config get-contexts"),
            "CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n"
            "*         minikube   minikube   minikube   custom-namespace\n");
  EXPECT_EQ(run("kubectl config view --minify -o jsonpath={.contexts[0].context.namespace}"), "custom-namespace");
  EXPECT_EQ(run("kubectl config set-context other --cluster=minikube --user=minikube"), "Context \"other\" created.\n");
  EXPECT_EQ(run("kubectl config use-context other"), "Switched to context \"other\".\n");
  EXPECT_EQ(shell.currentNamespace(), "default");
  EXPECT_EQ(run("kubectl config get-contexts -o name"), "minikube\nother\n");
  EXPECT_EQ(run("kubectl config use-context nope", 1), "error: no context exists with the name: \"nope\"\n");
  EXPECT_EQ(run("kubectl config set-context", 1), "error: you must specify a non-empty context name or --current\n");
  EXPECT_EQ(run("kubectl config set-context a --current", 1),
            "error: you cannot specify both a context name and --current\n");
  EXPECT_EQ(run("kubectl config foo", 1), "error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n");
}

TEST_F(MetadataCommands, DeletingANamespaceDeletesItsContents) {
  run("kubectl create namespace custom-namespace");
  run("kubectl create deployment kubia --image=hyooo/kubia --replicas=2 -n custom-namespace");
  cluster.advance(30000);
  EXPECT_EQ(run("kubectl get pods -n custom-namespace -o name | wc -l"), "2\n");
  EXPECT_EQ(run("kubectl delete namespace default", 1),
            "Error from server (Forbidden): namespaces \"default\" is forbidden: this namespace may not be deleted\n");
  EXPECT_EQ(run("kubectl delete namespace custom-namespace"), "namespace \"custom-namespace\" deleted\n");
  // kubectl waited until the namespace was gone: its pods went through their grace period.
  EXPECT_EQ(run("kubectl get ns custom-namespace", 1),
            "Error from server (NotFound): namespaces \"custom-namespace\" not found\n");
  EXPECT_TRUE(cluster.store().list(*resourceForKind("Pod"), "custom-namespace").empty());
  EXPECT_TRUE(cluster.store().list(*resourceForKind("ReplicaSet"), "custom-namespace").empty());
  EXPECT_TRUE(cluster.store().list(*resourceForKind("Deployment"), "custom-namespace").empty());
  EXPECT_TRUE(cluster.store().list(*resourceForKind("Event"), "custom-namespace").empty());
}

TEST_F(MetadataCommands, TerminatingNamespaceRefusesNewContent) {
  run("kubectl create namespace doomed");
  run("kubectl run kubia --image=hyooo/kubia -n doomed");
  cluster.advance(20000);
  // Start the deletion without waiting for it (kubectl --wait=false).
  EXPECT_EQ(run("kubectl delete ns doomed --wait=false"), "namespace \"doomed\" deleted\n");
  EXPECT_EQ(run("kubectl get ns doomed -o jsonpath={.status.phase}"), "Terminating");
  EXPECT_EQ(run("kubectl run other --image=nginx -n doomed", 1),
            "Error from server (Forbidden): pods \"other\" is forbidden: unable to create new content in namespace "
            "doomed because it is being terminated\n");
  cluster.advance(60000);
  EXPECT_EQ(run("kubectl get ns doomed", 1), "Error from server (NotFound): namespaces \"doomed\" not found\n");
}

}  // namespace
}  // namespace kp
