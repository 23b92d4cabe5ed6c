// ConfigMaps, Secrets, DaemonSets, Jobs and EndpointSlices through the console: the create
// commands (messages as kubectl 1.32 prints them), get tables (printers.go columns), describe
// (describe.go layouts), the kubelet's environment and CreateContainerConfigError, and the
// controllers' results in the store.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "core/api/base64.h"
#include "core/kubelet/env.h"
#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"
#include "core/sim/cluster.h"

namespace kp {
namespace {

class Kinds : public ConsoleFixture {
 protected:
  Ptr<Pod> onlyPod(const std::string& labelKey, const std::string& labelValue, const std::string& ns = "default") {
    Ptr<Pod> found;
    for (const auto& p : cluster.store().list<Pod>(ns)) {
      auto it = p->metadata.labels.find(labelKey);
      if (it != p->metadata.labels.end() && it->second == labelValue) {
        EXPECT_FALSE(found) << "more than one pod with " << labelKey << "=" << labelValue;
        found = p;
      }
    }
    return found;
  }
  std::string envOf(const Pod& pod, const std::string& name) {
    for (const auto& [k, v] : containerEnvironment(cluster.store(), pod, pod.spec.containers.at(0)))
      if (k == name) return v;
    return "<missing>";
  }
};

// ---------------------------------------------------------------- ConfigMap and Secret

TEST(Base64, RoundTripsAndRejectsGarbage) {
  EXPECT_EQ(base64Encode("secret"), "c2VjcmV0");
  EXPECT_EQ(base64Encode("ab"), "YWI=");
  EXPECT_EQ(base64Encode(""), "");
  EXPECT_EQ(base64Decode("c2VjcmV0"), "secret");
  bool ok = true;
  base64Decode("c2Vj*mV0", &ok);
  EXPECT_FALSE(ok);
  base64Decode("abc", &ok);
  EXPECT_FALSE(ok);
}

TEST_F(Kinds, CreateConfigMapFromLiterals) {
  EXPECT_EQ(run("kubectl create configmap fortune-config --from-literal=sleep-interval=25 --from-literal=mode=fast"),
            "configmap/fortune-config created\n");
  auto cm = cluster.store().get<ConfigMap>("default", "fortune-config");
  ASSERT_TRUE(cm);
  EXPECT_EQ(cm->data, (StringMap{{"mode", "fast"}, {"sleep-interval", "25"}}));
  EXPECT_EQ(run("kubectl get cm fortune-config"), "NAME             DATA   AGE\nfortune-config   2      0s\n");
  EXPECT_EQ(run("kubectl get configmap fortune-config -o jsonpath='{.data.mode}'"), "fast");
  EXPECT_EQ(run("kubectl create cm fortune-config --from-literal=a=1", 1),
            "error: failed to create configmap: configmaps \"fortune-config\" already exists\n");
}

TEST_F(Kinds, CreateConfigMapClientErrorsMatchKubectl) {
  // Texts from kubectl 1.32 (create configmap ... --dry-run=client with no cluster).
  EXPECT_EQ(run("kubectl create configmap", 1),
            "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n");
  EXPECT_EQ(run("kubectl create configmap x y", 1),
            "error: exactly one NAME is required, got 2\nSee 'kubectl create configmap -h' for help and examples\n");
  EXPECT_EQ(run("kubectl create configmap x --from-literal=foo", 1), "error: invalid literal source foo, expected key=value\n");
  EXPECT_EQ(run("kubectl create configmap x --from-literal=a=1 --from-literal=a=2", 1),
            "error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap \"x\"\n");
  EXPECT_EQ(run("kubectl create configmap x '--from-literal=a b=1'", 1),
            "error: \"a b\" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric "
            "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation "
            "is '[-._a-zA-Z0-9]+')\n");
  EXPECT_EQ(run("kubectl create configmap x --dry-run=client"), "configmap/x created (dry run)\n");
  EXPECT_FALSE(cluster.store().get<ConfigMap>("default", "x"));
}

TEST_F(Kinds, CreateSecretGenericStoresBase64) {
  EXPECT_EQ(run("kubectl create secret generic db --from-literal=username=admin --from-literal=password=secret"),
            "secret/db created\n");
  auto s = cluster.store().get<Secret>("default", "db");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->type, "Opaque");
  EXPECT_EQ(s->data.at("password"), "c2VjcmV0");
  EXPECT_EQ(run("kubectl get secret db -o jsonpath='{.data.password}'"), "c2VjcmV0");
  EXPECT_EQ(run("kubectl get secrets"), "NAME   TYPE     DATA   AGE\ndb     Opaque   2      0s\n");
  EXPECT_EQ(run("kubectl describe secret db"),
            "Name:         db\n"
            "Namespace:    default\n"
            "Labels:       <none>\n"
            "Annotations:  <none>\n"
            "\n"
            "Type:  Opaque\n"
            "\n"
            "Data\n"
            "====\n"
            "password:  6 bytes\n"
            "username:  5 bytes\n");
  EXPECT_EQ(run("kubectl create secret generic x --from-literal=a=1 --from-literal=a=2", 1),
            "error: cannot add key a, another key by that name already exists\n");
  EXPECT_EQ(run("kubectl create secret generic", 1),
            "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n");
}

TEST_F(Kinds, DescribeConfigMapListsDataSorted) {
  run("kubectl create configmap cfg --from-literal=b=two --from-literal=a=one");
  EXPECT_EQ(run("kubectl describe configmap cfg"),
            "Name:         cfg\n"
            "Namespace:    default\n"
            "Labels:       <none>\n"
            "Annotations:  <none>\n"
            "\n"
            "Data\n"
            "====\n"
            "a:\n"
            "----\n"
            "one\n"
            "\n"
            "b:\n"
            "----\n"
            "two\n"
            "\n"
            "\n"
            "BinaryData\n"
            "====\n"
            "\n"
            "Events:  <none>\n");
}

TEST_F(Kinds, ServerRejectsBadConfigKeysAndFoldsStringData) {
  auto bad = std::make_shared<ConfigMap>();
  bad->metadata.name = "bad";
  bad->data["a b"] = "1";
  auto r = cluster.api().create(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status.reason, "Invalid");
  auto sec = std::make_shared<Secret>();
  sec->metadata.name = "s";
  sec->stringData["token"] = "abc";
  auto created = cluster.api().create(sec);
  ASSERT_TRUE(created.ok());
  auto stored = cluster.store().get<Secret>("default", "s");
  EXPECT_TRUE(stored->stringData.empty());
  EXPECT_EQ(stored->data.at("token"), "YWJj");
}

TEST_F(Kinds, EnvFromConfigMapSecretAndFieldRefs) {
  run("kubectl create configmap cfg --from-literal=INTERVAL=25 --from-literal=MODE=fast");
  run("kubectl create secret generic creds --from-literal=password=s3cret");
  auto pod = std::make_shared<Pod>();
  pod->metadata.name = "envpod";
  pod->metadata.labels = {{"app", "envpod"}};
  Container c;
  c.name = "main";
  c.image = "hyooo/kubia";
  c.env.push_back({"FIRST", "hello", nullptr});
  c.env.push_back({"SECOND", "$(FIRST) world $(NOPE)", nullptr});
  c.env.push_back({"SLEEP", "", Json{{"configMapKeyRef", {{"name", "cfg"}, {"key", "INTERVAL"}}}}});
  c.env.push_back({"PASS", "", Json{{"secretKeyRef", {{"name", "creds"}, {"key", "password"}}}}});
  c.env.push_back({"POD_NAME", "", Json{{"fieldRef", {{"fieldPath", "metadata.name"}}}}});
  c.env.push_back({"POD_NS", "", Json{{"fieldRef", {{"fieldPath", "metadata.namespace"}}}}});
  c.env.push_back({"POD_IP", "", Json{{"fieldRef", {{"fieldPath", "status.podIP"}}}}});
  c.env.push_back({"NODE", "", Json{{"fieldRef", {{"fieldPath", "spec.nodeName"}}}}});
  c.envFrom = Json::array({{{"configMapRef", {{"name", "cfg"}}}, {"prefix", "CFG_"}}});
  pod->spec.containers = {c};
  ASSERT_TRUE(cluster.api().create(pod).ok());
  cluster.advance(60000);
  auto p = cluster.store().get<Pod>("default", "envpod");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->status.phase, "Running");
  EXPECT_EQ(envOf(*p, "SECOND"), "hello world $(NOPE)");
  EXPECT_EQ(envOf(*p, "SLEEP"), "25");
  EXPECT_EQ(envOf(*p, "PASS"), "s3cret");
  EXPECT_EQ(envOf(*p, "CFG_MODE"), "fast");
  EXPECT_EQ(envOf(*p, "POD_NAME"), "envpod");
  EXPECT_EQ(envOf(*p, "POD_NS"), "default");
  EXPECT_EQ(envOf(*p, "POD_IP"), p->status.podIP);
  EXPECT_EQ(envOf(*p, "NODE"), p->spec.nodeName);
  EXPECT_EQ(envOf(*p, "KUBERNETES_SERVICE_HOST"), "10.96.0.1");
  EXPECT_EQ(envOf(*p, "KUBERNETES_SERVICE_PORT"), "443");
  EXPECT_EQ(envOf(*p, "KUBERNETES_SERVICE_PORT_HTTPS"), "443");
  EXPECT_EQ(envOf(*p, "KUBERNETES_PORT"), "tcp://10.96.0.1:443");
  EXPECT_EQ(envOf(*p, "KUBERNETES_PORT_443_TCP"), "tcp://10.96.0.1:443");
  EXPECT_EQ(envOf(*p, "KUBERNETES_PORT_443_TCP_PROTO"), "tcp");
  EXPECT_EQ(envOf(*p, "KUBERNETES_PORT_443_TCP_ADDR"), "10.96.0.1");
}

TEST_F(Kinds, ServiceLinksOnlyForServicesOlderThanTheContainer) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  run("kubectl expose deployment kubia --name kubia-http --port=80 --target-port=8080");
  cluster.advance(60000);
  run("kubectl run late --image=hyooo/kubia");
  cluster.advance(60000);
  run("kubectl expose pod late --name after --port=80");
  auto late = cluster.store().get<Pod>("default", "late");
  ASSERT_TRUE(late);
  auto svc = cluster.store().get<Service>("default", "kubia-http");
  EXPECT_EQ(envOf(*late, "KUBIA_HTTP_SERVICE_HOST"), svc->spec.clusterIP);
  EXPECT_EQ(envOf(*late, "KUBIA_HTTP_SERVICE_PORT"), "80");
  EXPECT_EQ(envOf(*late, "AFTER_SERVICE_HOST"), "<missing>");
}

TEST_F(Kinds, MissingConfigMapBlocksContainerUntilCreated) {
  auto pod = std::make_shared<Pod>();
  pod->metadata.name = "waiter";
  Container c;
  c.name = "main";
  c.image = "hyooo/kubia";
  c.env.push_back({"MODE", "", Json{{"configMapKeyRef", {{"name", "later"}, {"key", "mode"}}}}});
  pod->spec.containers = {c};
  ASSERT_TRUE(cluster.api().create(pod).ok());
  cluster.advance(60000);
  auto p = cluster.store().get<Pod>("default", "waiter");
  ASSERT_EQ(p->status.containerStatuses.size(), 1u);
  EXPECT_EQ(p->status.containerStatuses[0].state.reason, "CreateContainerConfigError");
  EXPECT_EQ(p->status.containerStatuses[0].state.message, "configmap \"later\" not found");
  std::string get = run("kubectl get pod waiter");
  EXPECT_TRUE(std::regex_search(get, std::regex("waiter +0/1 +CreateContainerConfigError +0 "))) << get;
  EXPECT_NE(run("kubectl describe pod waiter").find("Warning  Failed"), std::string::npos);
  EXPECT_NE(run("kubectl describe pod waiter").find("Error: configmap \"later\" not found"), std::string::npos);
  // A configmap without the key: the kubelet's other message.
  run("kubectl create configmap later --from-literal=other=1");
  cluster.advance(15000);
  p = cluster.store().get<Pod>("default", "waiter");
  EXPECT_EQ(p->status.containerStatuses[0].state.message, "couldn't find key mode in ConfigMap default/later");
  run("kubectl delete configmap later");
  run("kubectl create configmap later --from-literal=mode=slow");
  cluster.advance(15000);
  p = cluster.store().get<Pod>("default", "waiter");
  EXPECT_EQ(p->status.phase, "Running");
  EXPECT_EQ(envOf(*p, "MODE"), "slow");
}


// ---------------------------------------------------------------- DaemonSet

std::shared_ptr<DaemonSet> daemonSet(const std::string& name, const std::string& image) {
  auto ds = std::make_shared<DaemonSet>();
  ds->metadata.name = name;
  ds->spec.selector.matchLabels = {{"app", name}};
  ds->spec.template_.metadata.labels = {{"app", name}};
  Container c;
  c.name = name;
  c.image = image;
  ds->spec.template_.spec.containers = {c};
  return ds;
}

TEST_F(Kinds, BootstrapKubeProxyIsADaemonSet) {
  EXPECT_EQ(run("kubectl get ds -n kube-system"),
            "NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE\n"
            "kindnet      4         4         4       4            4           <none>                   60m\n"
            "kube-proxy   4         4         4       4            4           kubernetes.io/os=linux   60m\n");
  auto ds = cluster.store().get<DaemonSet>("kube-system", "kube-proxy");
  ASSERT_TRUE(ds);
  int owned = 0;
  for (const auto& p : cluster.store().list<Pod>("kube-system")) {
    if (p->metadata.name.rfind("kube-proxy-", 0) != 0) continue;
    ASSERT_TRUE(p->metadata.controllerRef());
    EXPECT_EQ(p->metadata.controllerRef()->uid, ds->metadata.uid);
    EXPECT_TRUE(std::regex_match(p->metadata.name, std::regex("kube-proxy-[a-z0-9]{5}"))) << p->metadata.name;
    owned++;
  }
  EXPECT_EQ(owned, 4);
}

TEST_F(Kinds, DaemonSetRunsOnWorkersAndFollowsNodeLabels) {
  ASSERT_TRUE(cluster.api().create(daemonSet("agent", "hyooo/kubia")).ok());
  cluster.advance(60000);
  // The control plane's NoSchedule taint is not tolerated: three workers.
  auto ds = cluster.store().get<DaemonSet>("default", "agent");
  EXPECT_EQ(ds->status.desiredNumberScheduled, 3);
  EXPECT_EQ(ds->status.numberReady, 3);
  std::set<std::string> nodes;
  for (const auto& p : cluster.store().list<Pod>("default")) nodes.insert(p->spec.nodeName);
  EXPECT_EQ(nodes, (std::set<std::string>{"minikube-m02", "minikube-m03", "minikube-m04"}));
  EXPECT_NE(run("kubectl describe ds agent").find("Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n"),
            std::string::npos);
  std::string events = run("kubectl describe ds agent");
  EXPECT_TRUE(std::regex_search(events, std::regex("Normal  SuccessfulCreate  [0-9ms]+ +daemonset-controller  Created pod: agent-[a-z0-9]{5}")))
      << events;

  // A node selector: only labelled nodes run the pod.
  auto sel = daemonSet("ssd", "hyooo/kubia");
  sel->spec.template_.spec.nodeSelector = {{"disk", "ssd"}};
  ASSERT_TRUE(cluster.api().create(sel).ok());
  cluster.advance(10000);
  EXPECT_EQ(cluster.store().get<DaemonSet>("default", "ssd")->status.desiredNumberScheduled, 0);
  auto node = std::make_shared<Node>(*cluster.store().get<Node>("", "minikube-m03"));
  node->metadata.labels["disk"] = "ssd";
  ASSERT_TRUE(cluster.api().update(node).ok());
  cluster.advance(60000);
  Ptr<Pod> ssdPod = onlyPod("app", "ssd");
  ASSERT_TRUE(ssdPod);
  EXPECT_EQ(ssdPod->spec.nodeName, "minikube-m03");
  EXPECT_EQ(ssdPod->status.phase, "Running");
  std::string get = run("kubectl get ds ssd -o wide");
  EXPECT_EQ(lines(get)[0],
            "NAME   DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS   IMAGES        SELECTOR");
  EXPECT_TRUE(std::regex_match(lines(get)[1], std::regex("ssd    1         1         1       1            1           disk=ssd        [0-9]+s +ssd          hyooo/kubia   app=ssd")))
      << get;
  // Label removed: the daemon pod goes.
  node = std::make_shared<Node>(*cluster.store().get<Node>("", "minikube-m03"));
  node->metadata.labels.erase("disk");
  ASSERT_TRUE(cluster.api().update(node).ok());
  cluster.advance(60000);
  EXPECT_FALSE(onlyPod("app", "ssd"));
}

TEST_F(Kinds, DaemonSetRollingUpdateReplacesOneNodeAtATime) {
  ASSERT_TRUE(cluster.api().create(daemonSet("agent", "hyooo/kubia:v1")).ok());
  cluster.advance(60000);
  auto ds = std::make_shared<DaemonSet>(*cluster.store().get<DaemonSet>("default", "agent"));
  ds->spec.template_.spec.containers[0].image = "hyooo/kubia:v2";
  ASSERT_TRUE(cluster.api().update(ds).ok());
  cluster.settle();
  int terminating = 0;
  for (const auto& p : cluster.store().list<Pod>("default"))
    if (p->metadata.deletionTimestamp != kNoTime) terminating++;
  EXPECT_EQ(terminating, 1);  // maxUnavailable 1
  cluster.advance(300000);
  auto now = cluster.store().get<DaemonSet>("default", "agent");
  EXPECT_EQ(now->status.updatedNumberScheduled, 3);
  EXPECT_EQ(now->status.numberAvailable, 3);
  EXPECT_EQ(now->status.observedGeneration, 2);
  int v2 = 0;
  for (const auto& p : cluster.store().list<Pod>("default"))
    if (p->spec.containers[0].image == "hyooo/kubia:v2") v2++;
  EXPECT_EQ(v2, 3);
}

TEST_F(Kinds, DeletingADaemonSetRemovesItsPods) {
  ASSERT_TRUE(cluster.api().create(daemonSet("agent", "hyooo/kubia")).ok());
  cluster.advance(60000);
  EXPECT_EQ(run("kubectl delete ds agent"), "daemonset.apps \"agent\" deleted\n");
  cluster.advance(60000);
  EXPECT_TRUE(cluster.store().list<Pod>("default").empty());
}

// ---------------------------------------------------------------- Job

TEST_F(Kinds, CreateJobRunsToCompletion) {
  EXPECT_EQ(run("kubectl create job hello --image=busybox -- echo hi"), "job.batch/hello created\n");
  auto job = cluster.store().get<Job>("default", "hello");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->spec.backoffLimit.value_or(-1), 6);
  EXPECT_EQ(job->spec.completions.value_or(-1), 1);
  EXPECT_EQ(job->spec.parallelism.value_or(-1), 1);
  EXPECT_EQ(job->spec.template_.spec.restartPolicy, "Never");
  ASSERT_TRUE(job->spec.selector);
  EXPECT_EQ(job->spec.selector->matchLabels.at("batch.kubernetes.io/controller-uid"), job->metadata.uid);
  std::string running = run("kubectl get jobs");
  EXPECT_TRUE(std::regex_match(running, std::regex("NAME    STATUS    COMPLETIONS   DURATION   AGE\nhello   Running   0/1           0s +0s\n")))
      << running;
  cluster.advance(30000);
  Ptr<Pod> pod = onlyPod("job-name", "hello");
  ASSERT_TRUE(pod);
  EXPECT_TRUE(std::regex_match(pod->metadata.name, std::regex("hello-[a-z0-9]{5}"))) << pod->metadata.name;
  EXPECT_EQ(pod->metadata.labels.at("batch.kubernetes.io/job-name"), "hello");
  EXPECT_EQ(pod->metadata.labels.at("controller-uid"), job->metadata.uid);
  EXPECT_EQ(pod->status.phase, "Succeeded");
  EXPECT_EQ(run("kubectl logs " + pod->metadata.name), "hi\n");
  std::string pods = run("kubectl get pods");
  EXPECT_TRUE(std::regex_search(pods, std::regex(pod->metadata.name + " +0/1 +Completed +0 +30s"))) << pods;
  job = cluster.store().get<Job>("default", "hello");
  ASSERT_EQ(job->status.conditions.size(), 2u);
  EXPECT_EQ(job->status.conditions[0].type, "SuccessCriteriaMet");
  EXPECT_EQ(job->status.conditions[1].type, "Complete");
  EXPECT_EQ(job->status.conditions[1].reason, "CompletionsReached");
  EXPECT_EQ(job->status.conditions[1].message, "Reached expected number of succeeded pods");
  EXPECT_EQ(job->status.succeeded, 1);
  EXPECT_EQ(job->status.active, 0);
  ASSERT_NE(job->status.completionTime, kNoTime);
  std::string done = run("kubectl get job hello");
  EXPECT_TRUE(std::regex_match(done, std::regex("NAME    STATUS     COMPLETIONS   DURATION   AGE\nhello   Complete   1/1           [0-9]+s +30s\n")))
      << done;
  std::string describe = run("kubectl describe job hello");
  EXPECT_NE(describe.find("Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed\n"), std::string::npos) << describe;
  EXPECT_NE(describe.find("Backoff Limit:    6\n"), std::string::npos) << describe;
  EXPECT_NE(describe.find("job-controller  Created pod: " + pod->metadata.name), std::string::npos) << describe;
  EXPECT_NE(describe.find("job-controller  Job completed"), std::string::npos) << describe;
  EXPECT_EQ(run("kubectl create job", 1),
            "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples\n");
  EXPECT_EQ(run("kubectl create job x", 1), "error: either --image or --from must be specified\n");
}

TEST_F(Kinds, FailingJobStopsAtBackoffLimit) {
  auto job = std::make_shared<Job>();
  job->metadata.name = "fail";
  job->spec.backoffLimit = 1;
  Container c;
  c.name = "main";
  c.image = "busybox";
  c.command = {"sh", "-c", "sleep 2; exit 3"};
  job->spec.template_.spec.containers = {c};
  job->spec.template_.spec.restartPolicy = "Never";
  ASSERT_TRUE(cluster.api().create(job).ok());
  cluster.advance(300000);
  auto j = cluster.store().get<Job>("default", "fail");
  EXPECT_EQ(j->status.failed, 2);
  ASSERT_EQ(j->status.conditions.size(), 2u);
  EXPECT_EQ(j->status.conditions[0].type, "FailureTarget");
  EXPECT_EQ(j->status.conditions[1].type, "Failed");
  EXPECT_EQ(j->status.conditions[1].reason, "BackoffLimitExceeded");
  EXPECT_EQ(j->status.conditions[1].message, "Job has reached the specified backoff limit");
  std::string get = run("kubectl get job fail");
  EXPECT_TRUE(std::regex_search(get, std::regex("fail   Failed   0/1 "))) << get;
  std::string pods = run("kubectl get pods");
  EXPECT_TRUE(std::regex_search(pods, std::regex("fail-[a-z0-9]{5} +0/1 +Error +0 "))) << pods;
  EXPECT_NE(run("kubectl describe job fail").find("Warning  BackoffLimitExceeded"), std::string::npos);
}

TEST_F(Kinds, ParallelJobCompletesAllCompletions) {
  auto job = std::make_shared<Job>();
  job->metadata.name = "batch";
  job->spec.completions = 3;
  job->spec.parallelism = 2;
  Container c;
  c.name = "main";
  c.image = "busybox";
  c.command = {"sh", "-c", "sleep 5"};
  job->spec.template_.spec.containers = {c};
  job->spec.template_.spec.restartPolicy = "OnFailure";
  ASSERT_TRUE(cluster.api().create(job).ok());
  cluster.settle();
  EXPECT_EQ(cluster.store().get<Job>("default", "batch")->status.active, 2);
  cluster.advance(120000);
  auto j = cluster.store().get<Job>("default", "batch");
  EXPECT_EQ(j->status.succeeded, 3);
  std::string get = run("kubectl get job batch");
  EXPECT_TRUE(std::regex_search(get, std::regex("batch   Complete   3/3 "))) << get;
  EXPECT_EQ(cluster.store().list<Pod>("default").size(), 3u);
}

TEST_F(Kinds, ActiveDeadlineFailsTheJob) {
  auto job = std::make_shared<Job>();
  job->metadata.name = "slow";
  job->spec.activeDeadlineSeconds = 20;
  Container c;
  c.name = "main";
  c.image = "busybox";
  c.command = {"sleep", "3600"};
  job->spec.template_.spec.containers = {c};
  job->spec.template_.spec.restartPolicy = "Never";
  ASSERT_TRUE(cluster.api().create(job).ok());
  cluster.advance(60000);
  auto j = cluster.store().get<Job>("default", "slow");
  ASSERT_FALSE(j->status.conditions.empty());
  EXPECT_EQ(j->status.conditions.back().type, "Failed");
  EXPECT_EQ(j->status.conditions.back().reason, "DeadlineExceeded");
  EXPECT_EQ(j->status.conditions.back().message, "Job was active longer than specified deadline");
}

TEST_F(Kinds, JobValidationAndGetAll) {
  auto job = std::make_shared<Job>();
  job->metadata.name = "bad";
  Container c;
  c.name = "main";
  c.image = "busybox";
  job->spec.template_.spec.containers = {c};
  auto r = cluster.api().create(job);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status.message,
            "Job.batch \"bad\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
  run("kubectl create job hello --image=busybox -- echo hi");
  std::string all = run("kubectl get all");
  EXPECT_NE(all.find("job.batch/hello"), std::string::npos) << all;
  std::string allSystem = run("kubectl get all -n kube-system");
  EXPECT_NE(allSystem.find("daemonset.apps/kube-proxy"), std::string::npos) << allSystem;
  EXPECT_LT(allSystem.find("daemonset.apps/kube-proxy"), allSystem.find("deployment.apps/coredns")) << allSystem;
}

// ---------------------------------------------------------------- EndpointSlice

TEST_F(Kinds, EndpointSlicesFollowPodReadiness) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  run("kubectl scale deploy kubia --replicas=2");
  run("kubectl expose deployment kubia --name kubia-http --port=80 --target-port=8080");
  cluster.settle();
  Ptr<EndpointSlice> slice;
  for (const auto& es : cluster.store().list<EndpointSlice>("default"))
    if (es->metadata.labels.count("kubernetes.io/service-name") && es->metadata.labels.at("kubernetes.io/service-name") == "kubia-http")
      slice = es;
  ASSERT_TRUE(slice);
  EXPECT_TRUE(std::regex_match(slice->metadata.name, std::regex("kubia-http-[a-z0-9]{5}"))) << slice->metadata.name;
  EXPECT_EQ(slice->metadata.labels.at("endpointslice.kubernetes.io/managed-by"), "endpointslice-controller.k8s.io");
  ASSERT_EQ(slice->metadata.ownerReferences.size(), 1u);
  EXPECT_EQ(slice->metadata.ownerReferences[0].kind, "Service");
  cluster.advance(60000);
  slice = cluster.store().get<EndpointSlice>("default", slice->metadata.name);
  ASSERT_EQ(slice->endpoints.size(), 2u);
  for (const auto& e : slice->endpoints) {
    EXPECT_EQ(e.conditions.ready, std::optional<bool>(true));
    EXPECT_EQ(e.conditions.serving, std::optional<bool>(true));
    EXPECT_EQ(e.conditions.terminating, std::optional<bool>(false));
    ASSERT_TRUE(e.targetRef);
    EXPECT_EQ(e.targetRef->kind, "Pod");
    EXPECT_FALSE(e.nodeName.empty());
  }
  std::string get = run("kubectl get endpointslices");
  auto ls = lines(get);
  ASSERT_EQ(ls.size(), 3u) << get;
  EXPECT_EQ(ls[0].substr(0, 4), "NAME");
  EXPECT_TRUE(std::regex_search(get, std::regex("kubernetes +IPv4 +8443 +192\\.168\\.49\\.2 +6[01]m"))) << get;
  std::string ips = slice->endpoints[0].addresses[0] + "," + slice->endpoints[1].addresses[0];
  EXPECT_TRUE(std::regex_search(get, std::regex(slice->metadata.name + " +IPv4 +8080 +" + std::regex_replace(ips, std::regex("\\."), "\\.") + " +")))
      << get;
  // Deleting a pod marks it terminating in the slice before it leaves.
  std::string victim = slice->endpoints[0].targetRef->name;
  run("kubectl delete pod " + victim + " --wait=false");
  cluster.settle();
  slice = cluster.store().get<EndpointSlice>("default", slice->metadata.name);
  bool sawTerminating = false;
  for (const auto& e : slice->endpoints)
    if (e.targetRef->name == victim) {
      sawTerminating = true;
      EXPECT_EQ(e.conditions.ready, std::optional<bool>(false));
      EXPECT_EQ(e.conditions.terminating, std::optional<bool>(true));
    }
  EXPECT_TRUE(sawTerminating);
  // The service goes, its slice goes.
  run("kubectl delete svc kubia-http");
  cluster.advance(1000);
  for (const auto& es : cluster.store().list<EndpointSlice>("default"))
    EXPECT_NE(es->metadata.labels.at("kubernetes.io/service-name"), "kubia-http");
}

// At most 100 endpoints per slice (the controller's --max-endpoints-per-slice default): every
// ready pod is in exactly one slice; scaling down empties slices, which go away; a pod keeps the
// slice it was put in while others come and go.
TEST_F(Kinds, EndpointSlicesHoldAtMostAHundredEndpoints) {
  run("minikube node add");
  run("minikube node add");
  run("kubectl create deployment web --image=nginx --port=80 --replicas=250");
  run("kubectl expose deployment web --port=80");
  cluster.advance(120000);
  auto slicesOf = [&] {
    std::vector<Ptr<EndpointSlice>> out;
    for (const auto& es : cluster.store().list<EndpointSlice>("default"))
      if (es->metadata.labels.at("kubernetes.io/service-name") == "web") out.push_back(es);
    return out;
  };
  auto check = [&](size_t pods, size_t slices) {
    std::map<std::string, int> seen;
    auto all = slicesOf();
    EXPECT_EQ(all.size(), slices);
    for (const auto& es : all) {
      EXPECT_LE(es->endpoints.size(), 100u) << es->metadata.name;
      for (const auto& e : es->endpoints) seen[e.targetRef->name]++;
    }
    EXPECT_EQ(seen.size(), pods);
    for (const auto& [pod, n] : seen) EXPECT_EQ(n, 1) << pod;
    size_t running = 0;
    for (const auto& p : cluster.store().list<Pod>("default")) running += p->status.phase == "Running" && p->metadata.deletionTimestamp == kNoTime ? 1 : 0;
    EXPECT_EQ(running, pods);
  };
  check(250, 3);
  std::string home;  // the slice of one pod, before others go
  std::string pod;
  for (const auto& es : slicesOf())
    if (!es->endpoints.empty()) home = es->metadata.name, pod = es->endpoints.front().targetRef->name;
  run("kubectl scale deployment web --replicas=60");
  cluster.advance(120000);
  auto after = slicesOf();
  size_t endpoints = 0;
  for (const auto& es : after) endpoints += es->endpoints.size();
  EXPECT_EQ(endpoints, 60u);
  EXPECT_LE(after.size(), 3u);
  for (const auto& es : after) EXPECT_FALSE(es->endpoints.empty()) << es->metadata.name;
  if (cluster.store().get<Pod>("default", pod)) {
    bool stayed = false;
    for (const auto& e : cluster.store().get<EndpointSlice>("default", home) ? cluster.store().get<EndpointSlice>("default", home)->endpoints
                                                                              : std::vector<Endpoint>{})
      stayed |= e.targetRef->name == pod;
    EXPECT_TRUE(stayed) << pod << " moved out of " << home;
  }
  run("kubectl scale deployment web --replicas=0");
  cluster.advance(120000);
  auto none = slicesOf();
  ASSERT_EQ(none.size(), 1u);  // a service without endpoints keeps one empty slice
  EXPECT_TRUE(none[0]->endpoints.empty());
}

TEST_F(Kinds, KubeDnsHasAnEndpointSlice) {
  Ptr<EndpointSlice> slice;
  for (const auto& es : cluster.store().list<EndpointSlice>("kube-system")) slice = es;
  ASSERT_TRUE(slice);
  EXPECT_TRUE(std::regex_match(slice->metadata.name, std::regex("kube-dns-[a-z0-9]{5}")));
  ASSERT_EQ(slice->ports.size(), 3u);
  ASSERT_EQ(slice->endpoints.size(), 1u);
  std::string out = run("kubectl describe endpointslice kubernetes");
  EXPECT_EQ(out,
            "Name:         kubernetes\n"
            "Namespace:    default\n"
            "Labels:       kubernetes.io/service-name=kubernetes\n"
            "Annotations:  <none>\n"
            "AddressType:  IPv4\n"
            "Ports:\n"
            "  Name   Port  Protocol\n"
            "  ----   ----  --------\n"
            "  https  8443  TCP\n"
            "Endpoints:\n"
            "  - Addresses:  192.168.49.2\n"
            "    Conditions:\n"
            "      Ready:   true\n"
            "    Hostname:  <unset>\n"
            "    NodeName:  <unset>\n"
            "    Zone:      <unset>\n"
            "Events:        <none>\n");
}

}  // namespace
}  // namespace kp
