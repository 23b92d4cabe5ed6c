// The ingress addon and the ingress controller: what `minikube addons enable ingress` prints
// and creates, the address the controller publishes on Ingresses of its class, and curl
// through the controller by host and path (exact, prefix, wildcard hosts, default backend,
// nginx's 404 and 503), then `minikube addons disable ingress` taking it all away.
#include <gtest/gtest.h>

#include <set>

#include "core/network/ingress_controller.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

// ---- the matching rules on their own

struct PathCase {
  const char* name;
  const char* pathType;
  const char* rule;
  const char* request;
  bool matches;
};

class IngressPathMatch : public ::testing::TestWithParam<PathCase> {};

TEST_P(IngressPathMatch, FollowsTheApiDefinition) {
  const auto& c = GetParam();
  EXPECT_EQ(ingressPathMatches(c.pathType, c.rule, c.request), c.matches) << c.pathType << " " << c.rule << " " << c.request;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, IngressPathMatch,
    ::testing::Values(PathCase{"PrefixRootMatchesAll", "Prefix", "/", "/anything/at/all", true},
                      PathCase{"PrefixSameElement", "Prefix", "/foo", "/foo", true},
                      PathCase{"PrefixTrailingSlashOnRequest", "Prefix", "/foo", "/foo/", true},
                      PathCase{"PrefixTrailingSlashOnRule", "Prefix", "/foo/", "/foo", true},
                      PathCase{"PrefixDeeper", "Prefix", "/foo", "/foo/bar", true},
                      PathCase{"PrefixIsNotAStringPrefix", "Prefix", "/foo", "/foobar", false},
                      PathCase{"PrefixLastElementMustBeWhole", "Prefix", "/aaa/bb", "/aaa/bbb", false},
                      PathCase{"PrefixLongerThanRequest", "Prefix", "/foo/bar", "/foo", false},
                      PathCase{"ExactSame", "Exact", "/foo", "/foo", true},
                      PathCase{"ExactTrailingSlashDiffers", "Exact", "/foo", "/foo/", false},
                      PathCase{"ImplementationSpecificAsPrefix", "ImplementationSpecific", "/foo", "/foo/x", true}),
    [](const auto& info) { return std::string(info.param.name); });

struct HostCase {
  const char* name;
  const char* rule;
  const char* host;
  bool matches;
};

class IngressHostMatch : public ::testing::TestWithParam<HostCase> {};

TEST_P(IngressHostMatch, ExactOrOneLabelWildcard) {
  const auto& c = GetParam();
  EXPECT_EQ(ingressHostMatches(c.rule, c.host), c.matches) << c.rule << " " << c.host;
}

INSTANTIATE_TEST_SUITE_P(Cases, IngressHostMatch,
                         ::testing::Values(HostCase{"Exact", "foo.example.com", "foo.example.com", true},
                                           HostCase{"ExactIgnoresCase", "foo.example.com", "FOO.Example.com", true},
                                           HostCase{"ExactOtherHost", "foo.example.com", "bar.example.com", false},
                                           HostCase{"WildcardOneLabel", "*.foo.com", "bar.foo.com", true},
                                           HostCase{"WildcardNotTwoLabels", "*.foo.com", "baz.bar.foo.com", false},
                                           HostCase{"WildcardNotTheBareDomain", "*.foo.com", "foo.com", false}),
                         [](const auto& info) { return std::string(info.param.name); });

// ---- the addon and the controller in the cluster

const char* kIngress = R"(cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: kubia
spec:
  ingressClassName: nginx
  rules:
  - host: foo.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: bar
            port:
              number: 80
      - path: /foo
        pathType: Prefix
        backend:
          service:
            name: foo
            port:
              number: 80
      - path: /only
        pathType: Exact
        backend:
          service:
            name: foo
            port:
              name: http
  - host: "*.wild.com"
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: foo
            port:
              number: 80
EOF)";

class IngressTest : public ConsoleFixture {
 protected:
  void enable() { run("minikube addons enable ingress"); }
  void backends() {
    for (const char* app : {"foo", "bar"}) {
      run(std::string("kubectl create deployment ") + app + " --image=luksa/kubia --port=8080");
      // A named port, so that a rule can refer to it by name.
      run(std::string("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Service\nmetadata:\n  name: ") + app +
          "\nspec:\n  selector:\n    app: " + app + "\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\nEOF");
    }
    run("sleep 40");
  }
  void all() {
    enable();
    backends();
    run(kIngress);
    run("sleep 10");
  }
  std::string curl(const std::string& args, int code = 0) { return run("curl " + args, code); }
  static bool hit(const std::string& body, const std::string& app) {
    return body.rfind("You've hit " + app + "-", 0) == 0;
  }
};

TEST_F(IngressTest, EnablePrintsMinikubesStepsOnceTheControllerRuns) {
  EXPECT_EQ(run("minikube addons enable ingress"),
            "\xF0\x9F\x92\xA1  ingress is an addon maintained by Kubernetes. For any concerns contact minikube on GitHub.\n"
            "You can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n"
            "    \xE2\x96\xAA Using image registry.k8s.io/ingress-nginx/controller:v1.11.3\n"
            "    \xE2\x96\xAA Using image registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4\n"
            "    \xE2\x96\xAA Using image registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4\n"
            "\xF0\x9F\x94\x8E  Verifying ingress addon...\n"
            "\xF0\x9F\x8C\x9F  The 'ingress' addon is enabled\n");
}

TEST_F(IngressTest, EnableCreatesTheControllerAndTheAdmissionJobs) {
  enable();
  auto rows = lines(run("kubectl get pods -n ingress-nginx"));
  ASSERT_EQ(rows.size(), 4u) << run("kubectl get pods -n ingress-nginx");
  EXPECT_EQ(rows[0].substr(0, 4), "NAME");
  EXPECT_EQ(rows[1].rfind("ingress-nginx-admission-create-", 0), 0u) << rows[1];
  EXPECT_NE(rows[1].find("0/1     Completed"), std::string::npos) << rows[1];
  EXPECT_EQ(rows[2].rfind("ingress-nginx-admission-patch-", 0), 0u) << rows[2];
  EXPECT_NE(rows[2].find("0/1     Completed"), std::string::npos) << rows[2];
  EXPECT_EQ(rows[3].rfind("ingress-nginx-controller-", 0), 0u) << rows[3];
  EXPECT_NE(rows[3].find("1/1     Running"), std::string::npos) << rows[3];
  // On the primary node, where its host ports 80 and 443 are.
  EXPECT_NE(run("kubectl get pods -n ingress-nginx -o wide | grep controller").find(" minikube "), std::string::npos);
  std::string svc = run("kubectl get svc -n ingress-nginx ingress-nginx-controller");
  EXPECT_NE(svc.find("NodePort"), std::string::npos) << svc;
  EXPECT_NE(svc.find("80:3"), std::string::npos) << svc;
  EXPECT_NE(svc.find("443:3"), std::string::npos) << svc;
}

TEST_F(IngressTest, EnableCreatesTheDefaultIngressClassNginx) {
  enable();
  EXPECT_NE(run("kubectl get ingressclass").find("nginx"), std::string::npos);
  EXPECT_EQ(run("kubectl get ingressclass nginx -o jsonpath='{.spec.controller}'"), "k8s.io/ingress-nginx");
  EXPECT_EQ(run("kubectl get ingressclass nginx -o jsonpath='{.metadata.annotations.ingressclass\\.kubernetes\\.io/is-default-class}'"),
            "true");
}

TEST_F(IngressTest, TheControllerPublishesTheNodeAddressAfterAShortDelay) {
  enable();
  backends();
  run(kIngress);
  EXPECT_EQ(run("kubectl get ingress kubia -o jsonpath='{.status.loadBalancer.ingress[0].ip}'"), "");
  run("sleep 10");
  EXPECT_EQ(run("kubectl get ingress kubia -o jsonpath='{.status.loadBalancer.ingress[0].ip}'"), "192.168.49.2");
  // The ADDRESS column comes with the Ingress table (the API server's, for kubectl get).
  std::string table = run("kubectl get ingress kubia");
  if (table.find("ADDRESS") != std::string::npos) EXPECT_NE(table.find("192.168.49.2"), std::string::npos) << table;
}

TEST_F(IngressTest, AnIngressOfAnotherClassGetsNoAddress) {
  enable();
  backends();
  std::string other = kIngress;
  other.replace(other.find("ingressClassName: nginx"), 23, "ingressClassName: traefik");
  run(other);
  run("sleep 20");
  EXPECT_EQ(run("kubectl get ingress kubia -o jsonpath='{.status.loadBalancer.ingress[0].ip}'"), "");
  // and the controller does not route by its rules
  EXPECT_NE(curl("-s http://192.168.49.2/foo -H 'Host: foo.example.com'").find("404 Not Found"), std::string::npos);
}

TEST_F(IngressTest, WithoutAClassTheDefaultClassTakesIt) {
  enable();
  backends();
  std::string noClass = kIngress;
  noClass.erase(noClass.find("  ingressClassName: nginx\n"), 26);
  run(noClass);
  run("sleep 10");
  EXPECT_EQ(run("kubectl get ingress kubia -o jsonpath='{.status.loadBalancer.ingress[0].ip}'"), "192.168.49.2");
  EXPECT_TRUE(hit(curl("-s http://192.168.49.2/foo -H 'Host: foo.example.com'"), "foo"));
}

TEST_F(IngressTest, RoutesByHostAndLongestPath) {
  all();
  EXPECT_TRUE(hit(curl("http://192.168.49.2/foo -H 'Host: foo.example.com'"), "foo"));
  EXPECT_TRUE(hit(curl("http://192.168.49.2/foo/deeper -H 'Host: foo.example.com'"), "foo"));
  // Prefix matches whole elements: /foobar falls to the "/" rule.
  EXPECT_TRUE(hit(curl("http://192.168.49.2/foobar -H 'Host: foo.example.com'"), "bar"));
  EXPECT_TRUE(hit(curl("http://192.168.49.2/ -H 'Host: foo.example.com'"), "bar"));
  EXPECT_TRUE(hit(curl("http://192.168.49.2/only -H 'Host: foo.example.com'"), "foo"));
  EXPECT_TRUE(hit(curl("http://192.168.49.2/only/ -H 'Host: foo.example.com'"), "bar"));
}

TEST_F(IngressTest, TheAnsweringPodIsOneOfTheServicesPods) {
  all();
  run("kubectl scale deployment foo --replicas=3");
  run("sleep 40");
  std::set<std::string> seen;
  for (int i = 0; i < 30; i++) seen.insert(curl("-s http://192.168.49.2/foo -H 'Host: foo.example.com'"));
  EXPECT_EQ(seen.size(), 3u);
  for (const auto& s : seen) EXPECT_TRUE(hit(s, "foo")) << s;
}

TEST_F(IngressTest, ResolveAndMinikubeIpReachTheController) {
  all();
  EXPECT_TRUE(hit(curl("--resolve foo.example.com:80:192.168.49.2 http://foo.example.com/foo"), "foo"));
  EXPECT_TRUE(hit(curl("http://$(minikube ip)/foo -H 'Host: foo.example.com'"), "foo"));
  // Without --resolve the name resolves nowhere.
  EXPECT_EQ(curl("http://foo.example.com/foo", 6), "curl: (6) Could not resolve host: foo.example.com\n");
}

TEST_F(IngressTest, WildcardHostsMatchOneLabel) {
  all();
  EXPECT_TRUE(hit(curl("-s http://192.168.49.2/ -H 'Host: a.wild.com'"), "foo"));
  EXPECT_NE(curl("-s http://192.168.49.2/ -H 'Host: a.b.wild.com'").find("404 Not Found"), std::string::npos);
}

TEST_F(IngressTest, NoMatchingRuleIsNginxs404) {
  all();
  EXPECT_EQ(curl("http://192.168.49.2/foo"),
            "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
            "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
  EXPECT_EQ(curl("-sf http://192.168.49.2/ -H 'Host: other.example.com'", 22), "");
}

TEST_F(IngressTest, TheDefaultBackendTakesWhatNoRuleMatches) {
  all();
  run(R"(cat <<EOF | kubectl apply -f -
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: fallback
spec:
  defaultBackend:
    service:
      name: bar
      port:
        number: 80
EOF)");
  EXPECT_TRUE(hit(curl("-s http://192.168.49.2/anything"), "bar"));
  // A host with its own rules keeps them.
  EXPECT_TRUE(hit(curl("-s http://192.168.49.2/foo -H 'Host: foo.example.com'"), "foo"));
}

TEST_F(IngressTest, ABackendWithoutEndpointsIs503) {
  all();
  run("kubectl scale deployment foo --replicas=0");
  run("sleep 40");
  EXPECT_EQ(curl("-s http://192.168.49.2/foo -H 'Host: foo.example.com'"),
            "<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n<center><h1>503 "
            "Service Temporarily Unavailable</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
  EXPECT_TRUE(hit(curl("-s http://192.168.49.2/ -H 'Host: foo.example.com'"), "bar"));
}

TEST_F(IngressTest, TheRequestIsDrawnThroughTheControllerPod) {
  all();
  curl("-s http://192.168.49.2/foo -H 'Host: foo.example.com'");
  const RequestTrace& t = cluster.network().traces().back();
  std::vector<std::string> kinds;
  for (const auto& h : t.hops) kinds.push_back(h.kind + ":" + h.name.substr(0, h.name.find('-', h.name.find('-') + 1)));
  ASSERT_EQ(kinds.size(), 5u);
  EXPECT_EQ(kinds[0], "client:you");
  EXPECT_EQ(kinds[1], "node:minikube");
  EXPECT_EQ(kinds[2], "pod:ingress-nginx");
  EXPECT_EQ(kinds[3], "service:foo");
  EXPECT_EQ(t.hops[4].kind, "pod");
  EXPECT_EQ(t.hops[4].name.rfind("foo-", 0), 0u);
}

TEST_F(IngressTest, WithoutTheAddonPort80IsRefused) {
  backends();
  run(kIngress);
  EXPECT_EQ(curl("http://192.168.49.2/foo -H 'Host: foo.example.com'", 7),
            "curl: (7) Failed to connect to 192.168.49.2 port 80 after 0 ms: Couldn't connect to server\n");
}

TEST_F(IngressTest, DisableRemovesTheAddon) {
  all();
  EXPECT_EQ(run("minikube addons disable ingress"), "\xF0\x9F\x8C\x91  \"The 'ingress' addon is disabled\n");
  run("sleep 60");
  EXPECT_EQ(run("kubectl get ns ingress-nginx", 1), "Error from server (NotFound): namespaces \"ingress-nginx\" not found\n");
  EXPECT_EQ(run("kubectl get ingressclass", 0), "No resources found\n");
  EXPECT_EQ(curl("http://192.168.49.2/foo -H 'Host: foo.example.com'", 7),
            "curl: (7) Failed to connect to 192.168.49.2 port 80 after 0 ms: Couldn't connect to server\n");
}

}  // namespace
}  // namespace kp
