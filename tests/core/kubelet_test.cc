// The kubelet as a user meets it through the console: containers that run their command and
// exit (Completed/Error, phases Succeeded/Failed), CrashLoopBackOff with its back-off,
// liveness and readiness probes with the kubelet's events, kubectl exec, logs and
// in-cluster requests through the cluster DNS and kube-proxy (sessionAffinity).
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class KubeletTest : public ConsoleFixture {
 protected:
  // Creates a pod from its JSON through the API server, as `kubectl apply -f` would.
  void createPod(const std::string& json) {
    Request req;
    req.method = "POST";
    req.path = "/api/v1/namespaces/default/pods";
    req.body = Json::parse(json);
    Response r = cluster.api().handle(req);
    ASSERT_TRUE(r.ok()) << r.body.dump();
    cluster.settle();
  }
  std::string jsonpath(const std::string& pod, const std::string& path) {
    return run("kubectl get pod " + pod + " -o jsonpath={" + path + "}");
  }
  // The STATUS and RESTARTS columns of `kubectl get pod NAME`.
  std::string statusLine(const std::string& pod) {
    std::string out = run("kubectl get pod " + pod + " --no-headers");
    std::smatch m;
    std::regex re("^\\S+ +(\\S+) +(\\S+) +(\\d+(?: \\(\\S+ ago\\))?) +");
    if (!std::regex_search(out, m, re)) return out;
    return m[1].str() + " " + m[2].str() + " " + m[3].str();
  }
  void waitRunning(const std::string& pod) {
    for (int i = 0; i < 120 && jsonpath(pod, ".status.phase") != "Running"; i++) cluster.advance(500);
    ASSERT_EQ(jsonpath(pod, ".status.phase"), "Running");
  }
};

TEST_F(KubeletTest, SleepThenCompletedWithRestartNever) {
  run("kubectl run sleeper --image=busybox --restart=Never -- sleep 20");
  waitRunning("sleeper");
  EXPECT_EQ(statusLine("sleeper"), "1/1 Running 0");
  cluster.advance(25000);
  EXPECT_EQ(statusLine("sleeper"), "0/1 Completed 0");
  EXPECT_EQ(jsonpath("sleeper", ".status.phase"), "Succeeded");
  EXPECT_EQ(jsonpath("sleeper", ".status.containerStatuses[0].state.terminated.reason"), "Completed");
  EXPECT_EQ(jsonpath("sleeper", ".status.containerStatuses[0].state.terminated.exitCode"), "0");
}

TEST_F(KubeletTest, ShellExitCodeMakesThePodFailed) {
  run("kubectl run failing --image=busybox --restart=Never -- sh -c \"echo starting; exit 3\"");
  cluster.advance(30000);
  EXPECT_EQ(statusLine("failing"), "0/1 Error 0");
  EXPECT_EQ(jsonpath("failing", ".status.phase"), "Failed");
  EXPECT_EQ(jsonpath("failing", ".status.containerStatuses[0].state.terminated.exitCode"), "3");
  EXPECT_EQ(run("kubectl logs failing"), "starting\n");
}

TEST_F(KubeletTest, OnFailureDoesNotRestartASuccessfulContainer) {
  run("kubectl run once --image=busybox --restart=OnFailure -- echo hello");
  cluster.advance(30000);
  EXPECT_EQ(statusLine("once"), "0/1 Completed 0");
  EXPECT_EQ(jsonpath("once", ".status.phase"), "Succeeded");
  EXPECT_EQ(run("kubectl logs once"), "hello\n");
}

TEST_F(KubeletTest, CrashLoopBackOffDoublesFromTenSeconds) {
  run("kubectl run crash --image=busybox -- false");
  std::string uid = jsonpath("crash", ".metadata.uid");
  // The first exit is restarted at once; the second waits in a 10 s back-off.
  for (int i = 0; i < 120 && jsonpath("crash", ".status.containerStatuses[0].state.waiting.reason") != "CrashLoopBackOff"; i++)
    cluster.advance(500);
  EXPECT_EQ(jsonpath("crash", ".status.containerStatuses[0].restartCount"), "1");
  EXPECT_EQ(jsonpath("crash", ".status.containerStatuses[0].state.waiting.message"),
            "back-off 10s restarting failed container=crash pod=crash_default(" + uid + ")");
  EXPECT_EQ(jsonpath("crash", ".status.containerStatuses[0].lastState.terminated.exitCode"), "1");
  EXPECT_EQ(jsonpath("crash", ".status.containerStatuses[0].lastState.terminated.reason"), "Error");
  EXPECT_EQ(jsonpath("crash", ".status.phase"), "Running");
  std::string line = statusLine("crash");
  EXPECT_TRUE(std::regex_match(line, std::regex("0/1 CrashLoopBackOff 1 \\(\\d+s ago\\)"))) << line;
  std::string events = run("kubectl get events --field-selector involvedObject.name=crash");
  EXPECT_NE(events.find("Back-off restarting failed container crash in pod crash_default(" + uid + ")"), std::string::npos) << events;
  // After the back-off: restarted (2), crashes again, now 20 s.
  cluster.advance(12000);
  for (int i = 0; i < 40 && jsonpath("crash", ".status.containerStatuses[0].state.waiting.reason") != "CrashLoopBackOff"; i++)
    cluster.advance(500);
  EXPECT_EQ(jsonpath("crash", ".status.containerStatuses[0].restartCount"), "2");
  EXPECT_EQ(jsonpath("crash", ".status.containerStatuses[0].state.waiting.message"),
            "back-off 20s restarting failed container=crash pod=crash_default(" + uid + ")");
}

TEST_F(KubeletTest, UnknownExecutableCannotRun) {
  run("kubectl run nope --image=busybox --restart=Never -- frobnicate");
  cluster.advance(30000);
  EXPECT_EQ(jsonpath("nope", ".status.containerStatuses[0].state.terminated.reason"), "ContainerCannotRun");
  EXPECT_EQ(jsonpath("nope", ".status.containerStatuses[0].state.terminated.exitCode"), "127");
  EXPECT_EQ(jsonpath("nope", ".status.phase"), "Failed");
}

TEST_F(KubeletTest, LivenessProbeRestartsKubiaUnhealthy) {
  createPod(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"kubia-liveness"},
    "spec":{"containers":[{"name":"kubia","image":"luksa/kubia-unhealthy",
      "livenessProbe":{"httpGet":{"path":"/","port":8080}}}]}})");
  // Defaults filled in by the API server.
  EXPECT_EQ(jsonpath("kubia-liveness", ".spec.containers[0].livenessProbe.periodSeconds"), "10");
  EXPECT_EQ(jsonpath("kubia-liveness", ".spec.containers[0].livenessProbe.failureThreshold"), "3");
  EXPECT_EQ(jsonpath("kubia-liveness", ".spec.containers[0].livenessProbe.httpGet.scheme"), "HTTP");
  waitRunning("kubia-liveness");
  cluster.advance(150000);
  std::string events = run("kubectl get events --field-selector involvedObject.name=kubia-liveness");
  EXPECT_NE(events.find("Liveness probe failed: HTTP probe failed with statuscode: 500"), std::string::npos) << events;
  EXPECT_NE(events.find("Container kubia failed liveness probe, will be restarted"), std::string::npos) << events;
  EXPECT_EQ(jsonpath("kubia-liveness", ".status.containerStatuses[0].restartCount"), "1");
  EXPECT_EQ(jsonpath("kubia-liveness", ".status.containerStatuses[0].lastState.terminated.exitCode"), "137");
  EXPECT_EQ(jsonpath("kubia-liveness", ".status.containerStatuses[0].lastState.terminated.reason"), "Error");
  // The previous instance logged the kubelet's probe requests from the node's bridge.
  std::string prev = run("kubectl logs kubia-liveness --previous");
  EXPECT_EQ(prev.rfind("Kubia server starting...\nReceived request from ::ffff:10.244.", 0), 0u) << prev;
  std::string describe = run("kubectl describe pod kubia-liveness");
  EXPECT_NE(describe.find("Liveness:       http-get http://:8080/ delay=0s timeout=1s period=10s #success=1 #failure=3"),
            std::string::npos)
      << describe;
}

TEST_F(KubeletTest, ReadinessProbeKeepsThePodOutOfEndpoints) {
  createPod(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"notready","labels":{"app":"nr"}},
    "spec":{"containers":[{"name":"web","image":"nginx",
      "readinessProbe":{"exec":{"command":["cat","/tmp/ready"]},"periodSeconds":2}}]}})");
  waitRunning("notready");
  cluster.advance(10000);
  EXPECT_EQ(statusLine("notready"), "0/1 Running 0");
  std::string events = run("kubectl get events --field-selector involvedObject.name=notready");
  EXPECT_NE(events.find("Readiness probe failed: cat: /tmp/ready: No such file or directory"), std::string::npos) << events;
  EXPECT_EQ(run("kubectl exec notready -- cat /tmp/ready", 1),
            "cat: /tmp/ready: No such file or directory\ncommand terminated with exit code 1\n");
}

TEST_F(KubeletTest, ExecProbeFollowsTheContainersOwnFiles) {
  // The Kubernetes docs' liveness-exec example, shortened.
  createPod(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"liveness-exec"},
    "spec":{"containers":[{"name":"liveness","image":"busybox","args":["/bin/sh","-c",
      "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
      "livenessProbe":{"exec":{"command":["cat","/tmp/healthy"]},"initialDelaySeconds":5,"periodSeconds":5}}]}})");
  waitRunning("liveness-exec");
  cluster.advance(20000);
  EXPECT_EQ(run("kubectl exec liveness-exec -- cat /tmp/healthy"), "");
  cluster.advance(60000);
  std::string events = run("kubectl get events --field-selector involvedObject.name=liveness-exec");
  EXPECT_NE(events.find("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory"), std::string::npos)
      << events;
  EXPECT_NE(events.find("Container liveness failed liveness probe, will be restarted"), std::string::npos) << events;
}

TEST_F(KubeletTest, ExecCommandsAndErrors) {
  run("kubectl run web --image=nginx");
  waitRunning("web");
  EXPECT_EQ(run("kubectl exec web -- hostname"), "web\n");
  EXPECT_EQ(run("kubectl exec web -- cat /etc/resolv.conf"),
            "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");
  std::string ip = jsonpath("web", ".status.podIP");
  std::string hosts = run("kubectl exec web -- cat /etc/hosts");
  EXPECT_EQ(hosts.rfind("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n", 0), 0u) << hosts;
  EXPECT_NE(hosts.find(ip + "\tweb\n"), std::string::npos) << hosts;
  std::string env = run("kubectl exec web -- env");
  EXPECT_NE(env.find("HOSTNAME=web\n"), std::string::npos) << env;
  EXPECT_NE(env.find("KUBERNETES_SERVICE_HOST=10.96.0.1\n"), std::string::npos) << env;
  EXPECT_NE(env.find("KUBERNETES_SERVICE_PORT=443\n"), std::string::npos) << env;
  EXPECT_EQ(run("kubectl exec web -- frob", 126),
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"frob\": executable file "
            "not found in $PATH: unknown\ncommand terminated with exit code 126\n");
  EXPECT_EQ(run("kubectl exec web -- sh -c \"exit 4\"", 4), "command terminated with exit code 4\n");
  EXPECT_EQ(run("kubectl exec missing -- ls", 1), "Error from server (NotFound): pods \"missing\" not found\n");
  EXPECT_EQ(run("kubectl exec web -c other -- ls", 1), "Error from server (BadRequest): container other is not valid for pod web\n");
  EXPECT_EQ(run("kubectl exec web", 1), "error: you must specify at least one command for the container\n");
  EXPECT_EQ(run("kubectl exec", 1), "error: pod, type/name or --filename must be specified\n");
  EXPECT_EQ(run("kubectl exec web ls", 1),
            "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
            "See 'kubectl exec -h' for help and examples\n");
  EXPECT_EQ(run("kubectl exec web -- curl -s nothere", 6), "command terminated with exit code 6\n");
  EXPECT_EQ(run("kubectl exec web -- curl nothere", 6),
            "curl: (6) Could not resolve host: nothere\ncommand terminated with exit code 6\n");
}

TEST_F(KubeletTest, CurlThroughServiceDnsReachesKubiaAndIsLogged) {
  run("kubectl create deployment kubia --image=luksa/kubia --port=8080");
  run("kubectl expose deployment kubia --name kubia-http --port=80 --target-port=8080");
  run("kubectl run client --image=nginx");
  cluster.advance(60000);
  std::string kubiaPod = run("kubectl get pods -l app=kubia -o jsonpath={.items[0].metadata.name}");
  std::string clientIp = jsonpath("client", ".status.podIP");
  for (std::string host : {"kubia-http", "kubia-http.default", "kubia-http.default.svc.cluster.local"})
    EXPECT_EQ(run("kubectl exec client -- curl -s " + host), "You've hit " + kubiaPod + "\n") << host;
  std::string logs = run("kubectl logs " + kubiaPod);
  EXPECT_EQ(logs, "Kubia server starting...\nReceived request from ::ffff:" + clientIp + "\nReceived request from ::ffff:" +
                      clientIp + "\nReceived request from ::ffff:" + clientIp + "\n");
  EXPECT_EQ(run("kubectl logs " + kubiaPod + " --tail=1"), "Received request from ::ffff:" + clientIp + "\n");
}

TEST_F(KubeletTest, RunAttachedWgetPrintsAndDeletes) {
  run("kubectl create deployment kubia --image=luksa/kubia --port=8080");
  run("kubectl expose deployment kubia --name kubia-http --port=80 --target-port=8080");
  cluster.advance(60000);
  std::string kubiaPod = run("kubectl get pods -l app=kubia -o jsonpath={.items[0].metadata.name}");
  EXPECT_EQ(run("kubectl run -it --rm probe --image=busybox --restart=Never -- wget -qO- kubia-http"),
            "You've hit " + kubiaPod + "\npod \"probe\" deleted\n");
}

TEST_F(KubeletTest, SessionAffinityClientIpSticksToOneEndpoint) {
  run("kubectl create deployment kubia --image=luksa/kubia --port=8080 --replicas=3");
  run("kubectl expose deployment kubia --name kubia-http --port=80 --target-port=8080 --session-affinity=ClientIP");
  run("kubectl run client --image=nginx");
  cluster.advance(60000);
  std::set<std::string> answers;
  for (int i = 0; i < 12; i++) answers.insert(run("kubectl exec client -- curl -s kubia-http"));
  EXPECT_EQ(answers.size(), 1u);
  // Without affinity the same client is spread over the pods.
  run("kubectl expose deployment kubia --name kubia-random --port=80 --target-port=8080");
  std::set<std::string> spread;
  for (int i = 0; i < 12; i++) spread.insert(run("kubectl exec client -- curl -s kubia-random"));
  EXPECT_GT(spread.size(), 1u);
}

TEST_F(KubeletTest, SleepingShellTakesTheGracePeriodToDelete) {
  run("kubectl run sleeper --image=busybox -- sleep 3600");
  waitRunning("sleeper");
  Time before = cluster.now();
  EXPECT_EQ(run("kubectl delete pod sleeper"), "pod \"sleeper\" deleted\n");
  EXPECT_GE(cluster.now() - before, 30000);
}

TEST_F(KubeletTest, PreviousLogsErrorWithoutRestart) {
  run("kubectl run web --image=nginx");
  waitRunning("web");
  EXPECT_EQ(run("kubectl logs web --previous", 1),
            "Error from server (BadRequest): previous terminated container \"web\" in pod \"web\" not found\n");
}

}  // namespace
}  // namespace kp
