// The image catalog as a user meets it: `kubectl run` an image, then what `kubectl get pod`
// shows (Running, CrashLoopBackOff, Completed, ErrImagePull), what `kubectl logs` prints, what
// `kubectl exec ... -- cmd` finds in the image and what its server answers a curl from another
// pod. One named row per behaviour; "{ip:POD}" in a check stands for that pod's IP.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "core/kubelet/images.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

struct Check {
  enum Mode { Contains, Exact, Absent };
  std::string line;    // a console line
  std::string expect;  // what its output contains (or is, or lacks)
  Mode mode = Contains;
  int code = 0;        // its exit code
};

struct ImageCase {
  std::string name;
  std::vector<std::string> setup;  // console lines, run in order
  std::string pod;                 // whose STATUS to check
  std::string status;              // the STATUS column it reaches
  std::vector<Check> checks;
  Time wait = 40000;               // simulated time after the setup
};

// gtest names a failing case by this instead of dumping its bytes.
void PrintTo(const ImageCase& c, std::ostream* os) { *os << c.name; }

const char* kClient = "kubectl run client --image=curlimages/curl -- sleep 3600";

std::vector<ImageCase> cases() {
  using C = Check;
  return {
      // --- web servers -----------------------------------------------------------------------
      {"NginxServesItsWelcomePageAndLogsTheRequest", {"kubectl run web --image=nginx", kClient}, "web", "Running",
       {{"kubectl exec client -- curl -s {ip:web}", "<title>Welcome to nginx!</title>"},
        {"kubectl exec client -- curl -s {ip:web}/missing", "<center><h1>404 Not Found</h1></center>"},
        {"kubectl logs web", "/docker-entrypoint.sh: Configuration complete; ready for start up\n"},
        {"kubectl logs web", "[notice] 1#1: nginx/1.27.3\n"},
        {"kubectl logs web", "\"GET / HTTP/1.1\" 200 615 \"-\""},
        {"kubectl logs web", "\"GET /missing HTTP/1.1\" 404 153 \"-\""},
        {"kubectl exec web -- nginx -v", "nginx version: nginx/1.27.3\n", C::Exact}}},
      {"NginxOfTheKubernetesDocsIsOneFourteen", {"kubectl run web --image=nginx:1.14.2", kClient}, "web", "Running",
       {{"kubectl exec web -- nginx -v", "nginx version: nginx/1.14.2\n", C::Exact},
        {"kubectl exec client -- curl -s {ip:web}", "Welcome to nginx!"},
        {"kubectl logs web", "docker-entrypoint.sh", C::Absent}}},
      {"NginxAlpineHasShButNotBash", {"kubectl run web --image=nginx:alpine"}, "web", "Running",
       {{"kubectl exec web -- sh -c \"echo hi\"", "hi\n", C::Exact},
        {"kubectl exec web -- bash", "exec: \"bash\": executable file not found in $PATH: unknown\ncommand terminated with exit code 126\n",
         C::Contains, 126},
        {"kubectl logs web", "built by gcc 14.2.0 (Alpine 14.2.0)"}}},
      {"HttpdSaysItWorks", {"kubectl run web --image=httpd", kClient}, "web", "Running",
       {{"kubectl exec client -- curl -s {ip:web}", "<html><body><h1>It works!</h1></body></html>\n", C::Exact},
        {"kubectl logs web", "AH00094: Command line: 'httpd -D FOREGROUND'"}}},
      {"CaddyServesItsDefaultPage", {"kubectl run web --image=caddy", kClient}, "web", "Running",
       {{"kubectl exec client -- curl -s {ip:web}", "Caddy works!"},
        {"kubectl logs web", "\"msg\":\"serving initial configuration\""}}},
      {"TraefikWithoutRoutesAnswers404", {"kubectl run proxy --image=traefik:v3.2", kClient}, "proxy", "Running",
       {{"kubectl exec client -- curl -s {ip:proxy}", "404 page not found\n", C::Exact},
        {"kubectl logs proxy", "INF Traefik version 3.2.3"}}},
      {"HaproxyWithoutConfigCrashLoops", {"kubectl run lb --image=haproxy"}, "lb", "CrashLoopBackOff",
       {{"kubectl logs lb", "[ALERT]    (1) : Cannot open configuration file/directory /usr/local/etc/haproxy/haproxy.cfg"}}},
      {"PhpApacheForbidsAnEmptyDocumentRoot", {"kubectl run php --image=php:8.3-apache", kClient}, "php", "Running",
       {{"kubectl exec client -- curl -s {ip:php}", "<title>403 Forbidden</title>"},
        {"kubectl logs php", "PHP/8.3.15 configured -- resuming normal operations"}}},
      {"WordpressWithoutDatabaseAnswers500", {"kubectl run wp --image=wordpress", kClient}, "wp", "Running",
       {{"kubectl exec client -- curl -s {ip:wp}", "<h1>Error establishing a database connection</h1>"},
        {"kubectl logs wp", "WordPress not found in /var/www/html - copying now...\n"}}},
      {"GhostServesOn2368", {"kubectl run blog --image=ghost:5-alpine", kClient}, "blog", "Running",
       {{"kubectl exec client -- curl -s {ip:blog}:2368", "<title>Ghost</title>"},
        {"kubectl exec client -- curl -s {ip:blog}", "Failed to connect", C::Absent, 7}}},
      {"JenkinsPrintsItsInitialPassword", {"kubectl run ci --image=jenkins/jenkins:lts"}, "ci", "Running",
       {{"kubectl logs ci", "Jenkins initial setup is required. An admin user has been created and a password generated."},
        {"kubectl logs ci", "Jenkins is fully up and running"},
        {"kubectl exec ci -- cat /var/jenkins_home/secrets/initialAdminPassword", "\n"}}},
      {"GrafanaRedirectsToLogin", {"kubectl run grafana --image=grafana/grafana", kClient}, "grafana", "Running",
       {{"kubectl exec client -- curl -s {ip:grafana}:3000", "<a href=\"/login\">Found</a>.\n\n", C::Exact},
        {"kubectl exec client -- curl -s {ip:grafana}:3000/api/health", "\"database\": \"ok\""},
        {"kubectl logs grafana", "msg=\"HTTP Server Listen\" address=[::]:3000"}}},
      {"PrometheusIsHealthyOn9090", {"kubectl run prom --image=prom/prometheus", kClient}, "prom", "Running",
       {{"kubectl exec client -- curl -s {ip:prom}:9090/-/healthy", "Prometheus Server is Healthy.\n", C::Exact},
        {"kubectl logs prom", "msg=\"Server is ready to receive web requests.\""}}},
      {"RegistryListsNoRepositories", {"kubectl run registry --image=registry:2", kClient}, "registry", "Running",
       {{"kubectl exec client -- curl -s {ip:registry}:5000/v2/_catalog", "{\"repositories\":[]}\n", C::Exact},
        {"kubectl logs registry", "msg=\"listening on [::]:5000\""}}},

      // --- databases and queues -----------------------------------------------------------------
      {"RedisAnswersPong", {"kubectl run cache --image=redis"}, "cache", "Running",
       {{"kubectl exec cache -- redis-cli ping", "PONG\n", C::Exact},
        {"kubectl logs cache", "* Ready to accept connections tcp\n"},
        {"kubectl logs cache", "Redis version=7.4.1"},
        {"kubectl exec cache -- curl localhost", "exec: \"curl\": executable file not found", C::Contains, 126}}},
      {"PostgresWithoutPasswordCrashLoops", {"kubectl run db --image=postgres"}, "db", "CrashLoopBackOff",
       {{"kubectl logs db", "Error: Database is uninitialized and superuser password is not specified.\n"
                            "       You must specify POSTGRES_PASSWORD to a non-empty value for the\n"},
        {"kubectl get pod db -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}", "1", C::Exact}}},
      {"PostgresWithPasswordAcceptsConnections", {"kubectl run db --image=postgres:16 --env=POSTGRES_PASSWORD=secret"}, "db",
       "Running",
       {{"kubectl logs db", "LOG:  database system is ready to accept connections\n"},
        {"kubectl logs db", "starting PostgreSQL 16.6"},
        {"kubectl exec db -- pg_isready", "/var/run/postgresql:5432 - accepting connections\n", C::Exact}}},
      {"PostgresTrustNeedsNoPassword", {"kubectl run db --image=postgres --env=POSTGRES_HOST_AUTH_METHOD=trust"}, "db",
       "Running", {}},
      {"MysqlWithoutPasswordCrashLoops", {"kubectl run db --image=mysql:8.0"}, "db", "CrashLoopBackOff",
       {{"kubectl logs db", "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n"
                            "    You need to specify one of the following as an environment variable:\n"
                            "    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n"},
        {"kubectl logs db", "Entrypoint script for MySQL Server 8.0.40-1.el9 started."}}},
      {"MysqlAllowEmptyPasswordRuns", {"kubectl run db --image=mysql --env=MYSQL_ALLOW_EMPTY_PASSWORD=yes"}, "db", "Running",
       {{"kubectl logs db", "/usr/sbin/mysqld: ready for connections. Version: '9.1.0'"},
        {"kubectl exec db -- mysqladmin ping", "mysqld is alive\n", C::Exact}}},
      {"MariadbWithoutPasswordCrashLoops", {"kubectl run db --image=mariadb"}, "db", "CrashLoopBackOff",
       {{"kubectl logs db", "You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, "
                            "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD\n"}}},
      {"MariadbRandomRootPasswordRuns", {"kubectl run db --image=mariadb:10.11 --env=MARIADB_RANDOM_ROOT_PASSWORD=1"}, "db",
       "Running", {{"kubectl logs db", "mariadbd: ready for connections."}}},
      {"MongoWaitsForConnections", {"kubectl run mongo --image=mongo"}, "mongo", "Running",
       {{"kubectl logs mongo", "\"msg\":\"Waiting for connections\",\"attr\":{\"port\":27017"},
        {"kubectl exec mongo -- mongosh --eval \"db.adminCommand('ping')\"", "{ ok: 1 }\n", C::Exact}}},
      {"RabbitmqStartsUp", {"kubectl run mq --image=rabbitmq:3-management", kClient}, "mq", "Running",
       {{"kubectl logs mq", "Server startup complete; 5 plugins started."},
        {"kubectl exec mq -- rabbitmq-diagnostics ping", "Ping succeeded\n"},
        {"kubectl exec client -- curl -s {ip:mq}:15672", "<title>RabbitMQ Management</title>"}}},
      {"MemcachedRunsSilently", {"kubectl run mc --image=memcached:alpine"}, "mc", "Running",
       {{"kubectl logs mc", "", C::Exact}}},

      // --- operating systems: a shell that exits at once --------------------------------------------
      {"BareBusyboxCompletesThenCrashLoops", {"kubectl run box --image=busybox"}, "box", "CrashLoopBackOff",
       {{"kubectl get pod box -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}", "Completed", C::Exact}}},
      {"BusyboxWithSleepRunsAndResolves", {"kubectl run box --image=busybox:1.28 -- sleep 3600"}, "box", "Running",
       {{"kubectl exec box -- nslookup kubernetes.default", "Name:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n"},
        {"kubectl exec box -- bash", "exec: \"bash\": executable file not found in $PATH", C::Contains, 126}}},
      {"AlpineHasWgetButNotCurlOrBash", {"kubectl run a --image=alpine -- sleep 3600", "kubectl run web --image=nginx"}, "a",
       "Running",
       {{"kubectl exec a -- wget -qO- {ip:web}", "<title>Welcome to nginx!</title>"},
        {"kubectl exec a -- curl {ip:web}", "exec: \"curl\": executable file not found in $PATH: unknown", C::Contains, 126},
        {"kubectl exec a -- bash", "exec: \"bash\": executable file not found in $PATH: unknown", C::Contains, 126},
        {"kubectl exec a -- sh -c \"curl x\"", "sh: curl: not found\n", C::Contains, 127},
        {"kubectl exec a -- cat /etc/os-release", "NAME=\"Alpine Linux\"\n"}}},
      {"UbuntuHasBashButNotCurl", {"kubectl run u --image=ubuntu:22.04 -- sleep infinity"}, "u", "Running",
       {{"kubectl exec u -- bash -c \"echo from bash\"", "from bash\n", C::Exact},
        {"kubectl exec u -- curl localhost", "exec: \"curl\": executable file not found in $PATH", C::Contains, 126},
        {"kubectl exec u -- wget localhost", "exec: \"wget\": executable file not found in $PATH", C::Contains, 126}}},
      {"BareUbuntuCrashLoops", {"kubectl run u --image=ubuntu"}, "u", "CrashLoopBackOff", {}},
      {"BareDebianCrashLoops", {"kubectl run d --image=debian:bookworm-slim"}, "d", "CrashLoopBackOff", {}},
      {"BareCentosCrashLoops", {"kubectl run c --image=centos:7"}, "c", "CrashLoopBackOff", {}},
      {"FedoraHasCurl", {"kubectl run f --image=fedora -- sleep 600", "kubectl run web --image=httpd"}, "f", "Running",
       {{"kubectl exec f -- curl -s {ip:web}", "It works!"}}},
      {"BareAmazonlinuxCrashLoops", {"kubectl run al --image=amazonlinux:2023"}, "al", "CrashLoopBackOff", {}},

      // --- curl images ---------------------------------------------------------------------------
      {"BareCurlImageExitsWithCurlsUsage", {"kubectl run c --image=curlimages/curl"}, "c", "CrashLoopBackOff",
       {{"kubectl logs c", "curl: try 'curl --help' or 'curl --manual' for more information\n", C::Exact},
        {"kubectl get pod c -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}", "2", C::Exact}}},
      {"CurlImageFetchesAService",
       {"kubectl create deployment kubia --image=luksa/kubia --port=8080",
        "kubectl expose deployment kubia --port=80 --target-port=8080", kClient},
       "client", "Running", {{"kubectl exec client -- curl -s kubia", "You've hit kubia-"}}},
      {"TutumCurlOfTheBookHasCurl", {"kubectl run curl --image=tutum/curl -- sleep 9999999", "kubectl run web --image=nginx"},
       "curl", "Running", {{"kubectl exec curl -- curl -s {ip:web}", "Welcome to nginx!"}}},

      // --- language runtimes ------------------------------------------------------------------------
      {"BarePythonExitsAtOnce", {"kubectl run py --image=python:3.12-slim"}, "py", "CrashLoopBackOff", {}},
      {"PythonPrintsItsVersion", {"kubectl run py --image=python:3.12 --restart=Never -- python3 --version"}, "py",
       "Completed", {{"kubectl logs py", "Python 3.12.8\n", C::Exact}}},
      {"PythonWithoutTheScriptFails", {"kubectl run py --image=python --restart=Never -- python app.py"}, "py", "Error",
       {{"kubectl logs py", "python: can't open file '/app.py': [Errno 2] No such file or directory\n", C::Exact}}},
      {"NodeAlpineHasNodeButNoCurl", {"kubectl run n --image=node:20-alpine -- sleep 600"}, "n", "Running",
       {{"kubectl exec n -- node -v", "v20.18.1\n", C::Exact},
        {"kubectl exec n -- curl x", "executable file not found", C::Contains, 126}}},
      {"BareNodeCrashLoops", {"kubectl run n --image=node"}, "n", "CrashLoopBackOff", {}},
      {"GolangHasGo", {"kubectl run go --image=golang:1.22 -- sleep 600"}, "go", "Running",
       {{"kubectl exec go -- go version", "go version go1.22.10 linux/amd64\n", C::Exact}}},
      {"TemurinHasJava", {"kubectl run j --image=eclipse-temurin:21 -- sleep 600"}, "j", "Running",
       {{"kubectl exec j -- java -version", "openjdk version \"21.0.5+11\"\n", C::Exact}}},
      {"OpenjdkHasNoLatestTag", {"kubectl run j --image=openjdk"}, "j", "ErrImagePull",
       {{"kubectl describe pod j", "manifest for openjdk:latest not found: manifest unknown: manifest unknown"}},
       8000},
      {"BarePhpAndRubyExit", {"kubectl run php --image=php", "kubectl run rb --image=ruby:3.3"}, "rb", "CrashLoopBackOff",
       {{"kubectl get pod php -o jsonpath={.status.containerStatuses[0].lastState.terminated.reason}", "Completed", C::Exact}}},

      // --- the book's images and DNS tools ---------------------------------------------------------
      {"TutumDnsutilsPullsAndResolves", {"kubectl run dnsutils --image=tutum/dnsutils --command -- sleep infinity"},
       "dnsutils", "Running",
       {{"kubectl exec dnsutils -- nslookup kubernetes.default",
         "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tkubernetes.default.svc.cluster.local\nAddress: 10.96.0.1\n\n",
         C::Exact},
        {"kubectl exec dnsutils -- nslookup nothere", "** server can't find nothere: NXDOMAIN\n", C::Contains, 1},
        {"kubectl exec dnsutils -- dig +short kubernetes.default.svc.cluster.local", "10.96.0.1\n", C::Exact},
        {"kubectl exec dnsutils -- dig kubernetes.default.svc.cluster.local",
         ";; ANSWER SECTION:\nkubernetes.default.svc.cluster.local.\t30\tIN\tA\t10.96.0.1\n"},
        {"kubectl exec dnsutils -- host kubernetes", "kubernetes.default.svc.cluster.local has address 10.96.0.1\n", C::Exact},
        {"kubectl exec dnsutils -- curl x", "executable file not found", C::Contains, 126}}},
      {"BareDnsutilsCrashLoops", {"kubectl run dnsutils --image=tutum/dnsutils"}, "dnsutils", "CrashLoopBackOff", {}},
      {"KubiaPetTellsItHasNoData", {"kubectl run pet --image=luksa/kubia-pet", kClient}, "pet", "Running",
       {{"kubectl exec client -- curl -s {ip:pet}:8080", "You've hit pet\nData stored on this pod: No data posted yet\n",
         C::Exact}}},
      {"BatchJobRunsTwoMinutes", {"kubectl run batch --image=luksa/batch-job --restart=OnFailure"}, "batch", "Running",
       {{"kubectl logs batch", " Batch job starting\n"}, {"kubectl logs batch", "Finished", C::Absent}}},
      {"BatchJobCompletes", {"kubectl run batch --image=luksa/batch-job --restart=OnFailure"}, "batch", "Completed",
       {{"kubectl logs batch", " UTC 2"}, {"kubectl logs batch", " Finished succesfully\n"}}, 140000},
      {"FortuneWritesEveryTenSeconds", {"kubectl run fortune --image=luksa/fortune"}, "fortune", "Running",
       {{"kubectl logs fortune --tail=1", " Writing fortune to /var/htdocs/index.html\n"}}},
      {"FortuneArgsTakesTheInterval", {"kubectl run fortune --image=luksa/fortune:args -- 2"}, "fortune", "Running",
       {{"kubectl logs fortune --tail=100", "Configured to generate new fortune every 2 seconds\n"}}},
      {"KubiaUnchanged", {"kubectl run kubia --image=luksa/kubia:v2", kClient}, "kubia", "Running",
       {{"kubectl exec client -- curl -s {ip:kubia}:8080", "This is v2 running in pod kubia\n", C::Exact},
        {"kubectl logs kubia", "Kubia server starting...\nReceived request from ::ffff:{ip:client}\n", C::Exact}}},

      // --- test and echo images ---------------------------------------------------------------------
      {"HttpEchoAnswersItsText", {"kubectl run echo --image=hashicorp/http-echo -- -text=hello", kClient}, "echo", "Running",
       {{"kubectl exec client -- curl -s {ip:echo}:5678", "hello\n", C::Exact},
        {"kubectl logs echo", "[INFO] server is listening on :5678\n"},
        {"kubectl exec echo -- sh", "exec: \"sh\": executable file not found in $PATH", C::Contains, 126}}},
      {"HttpEchoListensWhereItIsTold", {"kubectl run echo --image=hashicorp/http-echo -- -listen=:8080 -text=there", kClient},
       "echo", "Running", {{"kubectl exec client -- curl -s {ip:echo}:8080", "there\n", C::Exact}}},
      {"HttpEchoWithoutTextCrashLoops", {"kubectl run echo --image=hashicorp/http-echo:0.2.3"}, "echo", "CrashLoopBackOff",
       {{"kubectl logs echo", "Missing -text option!\n", C::Exact},
        {"kubectl get pod echo -o jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}", "127", C::Exact}}},
      {"AgnhostServeHostname",
       {"kubectl run hostnames --image=registry.k8s.io/e2e-test-images/agnhost:2.39 -- serve-hostname", kClient},
       "hostnames", "Running", {{"kubectl exec client -- curl -s {ip:hostnames}:9376", "hostnames", C::Exact}}},
      {"AgnhostNetexec", {"kubectl run net --image=registry.k8s.io/e2e-test-images/agnhost:2.52 -- netexec --http-port=8080", kClient},
       "net", "Running",
       {{"kubectl exec client -- curl -s {ip:net}:8080/hostname", "net", C::Exact},
        {"kubectl exec client -- curl -s {ip:net}:8080/echo?msg=ping", "ping", C::Exact}}},
      {"BareAgnhostPrintsUsage", {"kubectl run a --image=registry.k8s.io/e2e-test-images/agnhost:2.39"}, "a",
       "CrashLoopBackOff", {{"kubectl logs a", "Usage:\n  agnhost [command]\n"}}},
      {"EchoServerEchoesTheRequest", {"kubectl run echo --image=ealen/echo-server", kClient}, "echo", "Running",
       {{"kubectl exec client -- curl -s {ip:echo}/hi", "\"originalUrl\":\"/hi\""}}},
      {"HttpbinTellsTheOrigin", {"kubectl run bin --image=kennethreitz/httpbin", kClient}, "bin", "Running",
       {{"kubectl exec client -- curl -s {ip:bin}/ip", "{\n  \"origin\": \"{ip:client}\"\n}\n", C::Exact}}},
      {"MinikubeEchoServer", {"kubectl run echo --image=kicbase/echo-server:1.0", kClient}, "echo", "Running",
       {{"kubectl exec client -- curl -s {ip:echo}:8080", "Request served by echo\n\nHTTP/1.1 GET /\n\nHost: "}}},
      {"HelloAppOfGke", {"kubectl run hello --image=gcr.io/google-samples/hello-app:1.0", kClient}, "hello", "Running",
       {{"kubectl exec client -- curl -s {ip:hello}:8080", "Hello, world!\nVersion: 1.0.0\nHostname: hello\n", C::Exact}}},
      {"PauseRunsAndHasNoShell", {"kubectl run p --image=registry.k8s.io/pause:3.10"}, "p", "Running",
       {{"kubectl exec p -- sh", "exec: \"sh\": executable file not found in $PATH: unknown", C::Contains, 126}}},
      {"NetshootHasEverything", {"kubectl run ns --image=nicolaka/netshoot -- sleep 600"}, "ns", "Running",
       {{"kubectl exec ns -- dig +short kubernetes.default.svc.cluster.local", "10.96.0.1\n", C::Exact},
        {"kubectl exec ns -- bash -c \"echo ok\"", "ok\n", C::Exact}}},

      // --- pulls that fail ----------------------------------------------------------------------------
      {"UnknownTagFailsToPull", {"kubectl run web --image=nginx:9.99"}, "web", "ImagePullBackOff",
       {{"kubectl describe pod web", "Failed to pull image \"nginx:9.99\": Error response from daemon: manifest for "
                                     "nginx:9.99 not found: manifest unknown: manifest unknown"}},
       15000},
      {"UnknownRepositoryFailsToPull", {"kubectl run x --image=tutum/nothing-here"}, "x", "ErrImagePull",
       {{"kubectl describe pod x", "pull access denied for tutum/nothing-here, repository does not exist or may require "
                                   "'docker login'"}},
       5000},
  };
}

class ImagesTest : public ConsoleFixture, public ::testing::WithParamInterface<ImageCase> {
 protected:
  std::string status(const std::string& pod) {
    std::string out = shell.runText("kubectl get pod " + pod + " --no-headers", nullptr);
    std::smatch m;
    if (std::regex_search(out, m, std::regex("^\\S+ +\\S+ +(\\S+)"))) return m[1].str();
    return out;
  }
  std::string expand(std::string s) {
    std::smatch m;
    while (std::regex_search(s, m, std::regex("\\{ip:([a-z0-9-]+)\\}"))) {
      std::string ip = shell.runText("kubectl get pod " + m[1].str() + " -o jsonpath={.status.podIP}", nullptr);
      s.replace(static_cast<size_t>(m.position(0)), static_cast<size_t>(m.length(0)), ip);
    }
    return s;
  }
};

TEST_P(ImagesTest, WhatTheUserSees) {
  const ImageCase& c = GetParam();
  for (const auto& line : c.setup) run(line);
  cluster.advance(c.wait);
  // A crash-looping container passes through Completed/Error for a moment on each exit.
  for (int i = 0; i < 40 && status(c.pod) != c.status; i++) cluster.advance(500);
  ASSERT_EQ(status(c.pod), c.status) << run("kubectl describe pod " + c.pod);
  for (const auto& check : c.checks) {
    std::string line = expand(check.line), expect = expand(check.expect);
    std::string out = run(line, check.code);
    if (check.mode == Check::Exact) EXPECT_EQ(out, expect) << line;
    else if (check.mode == Check::Contains) EXPECT_NE(out.find(expect), std::string::npos) << line << "\n" << out;
    else EXPECT_EQ(out.find(expect), std::string::npos) << line << "\n" << out;
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, ImagesTest, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<ImageCase>& info) { return info.param.name; });

// The catalog holds at least the forty repositories the brief lists, each with `latest` or
// documented version tags, and every tag's sizes are positive.
TEST(ImageCatalog, RowsAreWellFormed) {
  std::set<std::string> repos;
  for (const auto& row : imageCatalog()) {
    repos.insert(row.repository);
    EXPECT_FALSE(row.tags.empty()) << row.repository;
    for (const auto& t : row.tags) {
      EXPECT_GT(t.compressedBytes, 0) << row.repository << ":" << t.tag;
      EXPECT_GE(t.sizeBytes, t.compressedBytes) << row.repository << ":" << t.tag;
    }
  }
  EXPECT_GE(repos.size(), 40u);
  for (const char* ref : {"nginx", "nginx:1.14.2", "nginx:alpine", "tutum/dnsutils", "luksa/kubia:v3", "redis:7",
                          "docker.io/library/postgres:16", "k8s.gcr.io/pause:3.9", "curlimages/curl:8.5.0"})
    EXPECT_TRUE(findImage(ref).has_value()) << ref;
  auto nginx = findImage("nginx:1.27");
  ASSERT_TRUE(nginx);
  EXPECT_TRUE(std::regex_match(nginx->digest, std::regex("sha256:[0-9a-f]{64}"))) << nginx->digest;
  EXPECT_FALSE(findImage("nginx:9.99").has_value());
  EXPECT_TRUE(repositoryExists("openjdk"));
  EXPECT_FALSE(findImage("openjdk").has_value());
}

}  // namespace
}  // namespace kp
