// The activity log: the chain of steps a console command causes inside the cluster (the REST
// call, etcd, the controllers, the scheduler, the kubelet, the endpoints controller and
// kube-proxy), grouped by command, in the order they happened.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class ActivityTest : public ConsoleFixture {
 protected:
  const ActivityGroup& latest() {
    const ActivityGroup* g = cluster.api().activity().latest();
    EXPECT_NE(g, nullptr);
    static const ActivityGroup empty;
    return g ? *g : empty;
  }
  // Index of the first step at or after `from` that matches, or -1.
  static int find(const ActivityGroup& g, size_t from, const std::function<bool(const ActivityStep&)>& pred) {
    for (size_t i = from; i < g.steps.size(); i++)
      if (pred(g.steps[i])) return static_cast<int>(i);
    return -1;
  }
  static bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
  static std::string dump(const ActivityGroup& g) {
    std::string out = g.command + "\n";
    for (const auto& s : g.steps) out += s.actor + " -> " + s.target + " [" + s.kind + "] " + s.text + "\n";
    return out;
  }
  // The pod name in "... Pod default/NAME ..." texts.
  static std::string podIn(const std::string& text) {
    size_t p = text.find("Pod default/");
    if (p == std::string::npos) return "";
    p += 12;
    size_t e = text.find_first_of(" :", p);
    return text.substr(p, e == std::string::npos ? std::string::npos : e - p);
  }
};

TEST_F(ActivityTest, CreateDeploymentChainInOrder) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  cluster.advance(30000);
  const auto& g = latest();
  EXPECT_EQ(g.command, "kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  std::string all = dump(g);

  int post = find(g, 0, [](const ActivityStep& s) {
    return s.actor == "client" && s.target == "kube-apiserver" && s.kind == "request" &&
           s.text == "POST /apis/apps/v1/namespaces/default/deployments 201";
  });
  ASSERT_GE(post, 0) << all;
  EXPECT_EQ(g.steps[post].time, g.start);
  int stored = find(g, post, [](const ActivityStep& s) {
    return s.actor == "kube-apiserver" && s.target == "etcd" && s.text == "stored Deployment default/kubia";
  });
  ASSERT_GT(stored, post) << all;
  int notice = find(g, stored, [](const ActivityStep& s) {
    return s.kind == "watch" && s.target == "kube-controller-manager" &&
           s.text == "deployment controller notices Deployment default/kubia";
  });
  ASSERT_GT(notice, stored) << all;
  int rs = find(g, notice, [](const ActivityStep& s) {
    return s.actor == "kube-controller-manager" && s.target == "kube-apiserver" &&
           startsWith(s.text, "deployment controller: created ReplicaSet default/kubia-");
  });
  ASSERT_GT(rs, notice) << all;
  int pod = find(g, rs, [](const ActivityStep& s) {
    return s.actor == "kube-controller-manager" && startsWith(s.text, "replicaset controller: created Pod default/kubia-");
  });
  ASSERT_GT(pod, rs) << all;
  std::string podName = podIn(g.steps[pod].text);
  ASSERT_FALSE(podName.empty());
  int sched = find(g, pod, [](const ActivityStep& s) { return s.target == "kube-scheduler" && s.kind == "watch"; });
  ASSERT_GT(sched, pod) << all;
  EXPECT_EQ(g.steps[sched].text, "scheduler notices unscheduled Pod default/" + podName);

  // The scheduler binds it to the node where the pod now runs.
  std::string node = run("kubectl get pod " + podName + " -o jsonpath={.spec.nodeName}");
  ASSERT_FALSE(node.empty());
  int bind = find(g, sched, [](const ActivityStep& s) { return s.kind == "bind"; });
  ASSERT_GT(bind, sched) << all;
  EXPECT_EQ(g.steps[bind].actor, "kube-scheduler");
  EXPECT_EQ(g.steps[bind].target, "kube-apiserver");
  EXPECT_EQ(g.steps[bind].text, "scheduler: bound default/" + podName + " to " + node);
  std::string kubelet = "kubelet/" + node;
  int seen = find(g, bind, [&](const ActivityStep& s) { return s.kind == "watch" && s.target == kubelet; });
  ASSERT_GT(seen, bind) << all;

  // The kubelet of that node pulls the image and starts the container, then reports status.
  int pull = find(g, seen, [&](const ActivityStep& s) { return s.actor == kubelet && s.kind == "pull"; });
  ASSERT_GT(pull, seen) << all;
  EXPECT_EQ(g.steps[pull].text, "Pulling image \"hyooo/kubia\"");
  EXPECT_GT(g.steps[pull].time, g.steps[bind].time);
  int start = find(g, pull, [&](const ActivityStep& s) { return s.actor == kubelet && s.kind == "start"; });
  ASSERT_GT(start, pull) << all;
  EXPECT_EQ(g.steps[start].text, "Started container kubia");
  int running = find(g, start, [&](const ActivityStep& s) {
    return s.actor == kubelet && s.kind == "status" &&
           startsWith(s.text, "status of Pod default/" + podName + ": Running, 1/1 ready");
  });
  EXPECT_GT(running, start) << all;
  // Steps are in time order.
  for (size_t i = 1; i < g.steps.size(); i++) EXPECT_LE(g.steps[i - 1].time, g.steps[i].time);
}

TEST_F(ActivityTest, ExposeUpdatesEndpointsAndEveryKubeProxy) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=3");
  cluster.advance(30000);
  run("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http");
  cluster.advance(5000);
  const std::string ip = cluster.store().get<Service>("default", "kubia-http")->status.loadBalancerIngress.at(0).ip;
  ASSERT_FALSE(ip.empty());
  const auto& g = latest();
  std::string all = dump(g);
  int post = find(g, 0, [](const ActivityStep& s) {
    return s.actor == "client" && s.text == "POST /api/v1/namespaces/default/services 201";
  });
  ASSERT_GE(post, 0) << all;
  int stored = find(g, post, [](const ActivityStep& s) { return s.target == "etcd" && s.text == "stored Service default/kubia-http"; });
  ASSERT_GT(stored, post) << all;
  int ep = find(g, stored, [](const ActivityStep& s) {
    return s.actor == "kube-controller-manager" &&
           s.text == "endpoints controller: created Endpoints default/kubia-http: 3 ready addresses";
  });
  ASSERT_GT(ep, stored) << all;
  // Every node's kube-proxy follows the endpoints.
  for (const auto& n : cluster.nodeNames()) {
    int proxy = find(g, ep, [&](const ActivityStep& s) {
      return s.target == "kube-proxy/" + n && s.actor == "kube-apiserver" &&
             s.text == "kube-proxy on " + n + " updates the rules of Service default/kubia-http: 3 ready addresses";
    });
    EXPECT_GT(proxy, ep) << n << "\n" << all;
  }
  // The load balancer's address written into the service's status.
  EXPECT_GT(find(g, stored, [&](const ActivityStep& s) {
    return s.kind == "status" && s.text.find("status of Service default/kubia-http: load balancer ingress " + ip) != std::string::npos;
  }), stored) << all;
}

TEST_F(ActivityTest, ScaleCreatesAndSchedulesTheNewPods) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  cluster.advance(30000);
  run("kubectl scale deployment kubia --replicas=3");
  cluster.advance(30000);
  const auto& g = latest();
  std::string all = dump(g);
  int patch = find(g, 0, [](const ActivityStep& s) {
    return s.actor == "client" && s.kind == "request" && startsWith(s.text, "PATCH /apis/apps/v1/namespaces/default/deployments/kubia") &&
           s.text.size() > 4 && s.text.substr(s.text.size() - 4) == " 200";
  });
  ASSERT_GE(patch, 0) << all;
  int rsUpdate = find(g, patch, [](const ActivityStep& s) {
    return startsWith(s.text, "deployment controller: updated ReplicaSet default/kubia-");
  });
  ASSERT_GT(rsUpdate, patch) << all;
  int created = 0, bound = 0, started = 0;
  for (size_t i = rsUpdate; i < g.steps.size(); i++) {
    const auto& s = g.steps[i];
    if (startsWith(s.text, "replicaset controller: created Pod default/kubia-")) created++;
    if (s.kind == "bind") bound++;
    if (s.kind == "start" && s.text == "Started container kubia") started++;
  }
  EXPECT_EQ(created, 2) << all;
  EXPECT_EQ(bound, 2) << all;
  EXPECT_EQ(started, 2) << all;
  // The earlier command's group still holds its own chain.
  const auto& groups = cluster.api().activity().groups();
  ASSERT_GE(groups.size(), 2u);
  EXPECT_EQ(groups[groups.size() - 2].command, "kubectl create deployment kubia --image=hyooo/kubia --port=8080");
}

TEST_F(ActivityTest, DeletePodIsReplaced) {
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  cluster.advance(30000);
  std::string pod = run("kubectl get pods -o jsonpath={.items[0].metadata.name}");
  ASSERT_FALSE(pod.empty());
  std::string node = run("kubectl get pod " + pod + " -o jsonpath={.spec.nodeName}");
  run("kubectl delete pod " + pod);
  cluster.advance(30000);
  const auto& g = latest();
  std::string all = dump(g);
  int del = find(g, 0, [&](const ActivityStep& s) {
    return s.actor == "client" && s.text == "DELETE /api/v1/namespaces/default/pods/" + pod + " 200";
  });
  ASSERT_GE(del, 0) << all;
  int marked = find(g, del, [&](const ActivityStep& s) {
    return s.target == "etcd" && s.text == "updated Pod default/" + pod + " (deletion timestamp set)";
  });
  ASSERT_GT(marked, del) << all;
  int replacement = find(g, marked, [](const ActivityStep& s) {
    return startsWith(s.text, "replicaset controller: created Pod default/kubia-");
  });
  ASSERT_GT(replacement, marked) << all;
  EXPECT_NE(podIn(g.steps[replacement].text), pod);
  int kill = find(g, marked, [&](const ActivityStep& s) {
    return s.actor == "kubelet/" + node && s.kind == "kill" && s.text == "Stopping container kubia";
  });
  ASSERT_GT(kill, marked) << all;
  int gone = find(g, kill, [&](const ActivityStep& s) {
    return s.actor == "kubelet/" + node && s.text == "deleted Pod default/" + pod;
  });
  EXPECT_GT(gone, kill) << all;
  EXPECT_GE(find(g, replacement, [](const ActivityStep& s) { return s.kind == "bind"; }), 0) << all;
}

TEST_F(ActivityTest, BoundedAndNothingBeforeTheFirstCommand) {
  EXPECT_TRUE(cluster.api().activity().groups().empty());
  for (int i = 0; i < 40; i++) run("kubectl get pods");
  const auto& groups = cluster.api().activity().groups();
  EXPECT_EQ(groups.size(), ActivityLog::kMaxGroups);
  EXPECT_EQ(groups.back().id, 40u);
  ASSERT_EQ(groups.back().steps.size(), 1u);
  EXPECT_EQ(groups.back().steps[0].text, "GET /api/v1/namespaces/default/pods 200");
  run("kubectl create deployment many --image=nginx --replicas=300");
  cluster.advance(60000);
  EXPECT_EQ(latest().steps.size(), ActivityLog::kMaxSteps);
  EXPECT_GT(latest().dropped, 0u);
}

TEST_F(ActivityTest, SameSeedSameSteps) {
  auto record = [](std::string* out) {
    Cluster c;
    Shell sh(c);
    c.settle();
    sh.runText("kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=2");
    c.advance(20000);
    for (const auto& s : c.api().activity().latest()->steps)
      *out += std::to_string(s.time) + s.actor + s.target + s.kind + s.text + "\n";
  };
  std::string a, b;
  record(&a);
  record(&b);
  EXPECT_EQ(a, b);
  EXPECT_FALSE(a.empty());
}

}  // namespace
}  // namespace kp
