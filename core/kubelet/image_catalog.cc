// The images learners pull in tutorials, the Kubernetes docs and "Kubernetes in Action", as
// their registries publish them: tags with compressed (download) and unpacked sizes (amd64),
// ENTRYPOINT/CMD and exposed ports from their Dockerfiles, and what their base image puts on
// PATH (Debian/Ubuntu images have bash but rarely curl; Alpine and busybox have busybox's sh,
// wget and nslookup but no bash). A tag missing here does not exist: its pull fails.
#include "core/kubelet/image_catalog.h"

namespace kp {

namespace {

using K = ProgramKind;

const std::vector<std::string> nginxCmd = {"nginx", "-g", "daemon off;"};

// The rows the cluster had from the start keep their sizes byte for byte (tests and goldens
// print them); the rest follow the registries' listings, rounded.
std::vector<CatalogRow> bookImages() {
  return {
      {.repository = "hyooo/kubia",
       .tags = {{"latest", 248877187, 660284318, "7.10.1"}, {"v1", 248877187, 660284318, "7.10.1"},
                {"v2", 248877190, 660284330, "7.10.1"}, {"v3", 248877193, 660284342, "7.10.1"}},
       .kind = K::Kubia, .program = "kubia", .ports = {8080}, .cmd = {"node", "app.js"}, .shell = "debian",
       .tools = {"curl", "wget"}, .servers = {"node"}, .memoryMiB = 40},
      {.repository = "luksa/kubia",
       .tags = {{"latest", 248877187, 660284318, "7.10.1"}, {"v1", 248877187, 660284318, "7.10.1"},
                {"v2", 248877190, 660284330, "7.10.1"}, {"v3", 248877193, 660284342, "7.10.1"}},
       .kind = K::Kubia, .program = "kubia", .ports = {8080}, .cmd = {"node", "app.js"}, .shell = "debian",
       .tools = {"curl", "wget"}, .servers = {"node"}, .memoryMiB = 40},
      {.repository = "luksa/kubia-unhealthy", .tags = {{"latest", 248877190, 660284329, "7.10.1"}},
       .kind = K::Kubia, .program = "kubia-unhealthy", .ports = {8080}, .cmd = {"node", "app.js"},
       .shell = "debian", .tools = {"curl", "wget"}, .servers = {"node"}, .memoryMiB = 40},
      {.repository = "luksa/kubia-pet", .tags = {{"latest", 248877301, 660284611, "7.10.1"}},
       .kind = K::Kubia, .program = "kubia-pet", .ports = {8080}, .cmd = {"node", "app.js"}, .shell = "debian",
       .tools = {"curl", "wget"}, .servers = {"node"}, .memoryMiB = 40},
      {.repository = "luksa/batch-job", .tags = {{"latest", MB(0.68), MB(1.13), "1.0"}},
       .kind = K::Batch, .program = "batch-job", .entrypoint = {"/bin/sh", "/batch-job.sh"}, .shell = "busybox",
       .servers = {"/batch-job.sh"}, .argsAreFlags = true, .shutdownMs = 30000},
      {.repository = "luksa/fortune",
       .tags = {{"latest", MB(94.9), MB(263.7), "latest"}, {"args", MB(94.9), MB(263.7), "args"},
                {"env", MB(94.9), MB(263.7), "env"}},
       .kind = K::Batch, .program = "fortune", .entrypoint = {"/bin/fortuneloop.sh"}, .shell = "debian",
       .servers = {"/bin/fortuneloop.sh", "fortuneloop.sh"}, .argsAreFlags = true},
      {.repository = "tutum/curl", .tags = {{"latest", MB(81.5), MB(224.4), "7.35.0"}, {"trusty", MB(81.5), MB(224.4), "7.35.0"}},
       .kind = K::ExitsAtOnce, .cmd = {"/bin/bash"}, .shell = "debian", .tools = {"curl"}},
      {.repository = "tutum/dnsutils", .tags = {{"latest", MB(71.2), MB(199.6), "9.9.5"}},
       .kind = K::ExitsAtOnce, .cmd = {"/bin/bash"}, .shell = "debian", .tools = {"nslookup", "dig", "host"}},
  };
}

std::vector<CatalogRow> webServers() {
  return {
      {.repository = "nginx",
       .tags = {{"latest", MB(72.2), 192004242, "1.27.3"}, {"mainline", MB(72.2), 192004242, "1.27.3"},
                {"1.27", MB(72.2), 192004242, "1.27.3"}, {"1.27.3", MB(72.2), 192004242, "1.27.3"},
                {"stable", MB(70.6), 187694648, "1.26.2"}, {"1.26", MB(70.6), 187694648, "1.26.2"},
                {"1.26.2", MB(70.6), 187694648, "1.26.2"}, {"1.25", MB(70.5), 186848295, "1.25.5"},
                {"1.25.5", MB(70.5), 186848295, "1.25.5"}, {"1.24", MB(56.8), MB(142.1), "1.24.0"},
                {"1.23", MB(56.9), MB(142.2), "1.23.4"}, {"1.22", MB(56.5), MB(141.5), "1.22.1"},
                {"1.21", MB(54.1), MB(141.5), "1.21.6"}, {"1.20", MB(53.6), MB(133.3), "1.20.2"},
                {"1.19", MB(53.1), MB(133.0), "1.19.10"}, {"1.16", MB(51.0), MB(126.8), "1.16.1"},
                {"1.15", MB(44.7), MB(109.1), "1.15.12"}, {"1.14.2", MB(44.7), MB(109.3), "1.14.2"},
                {"1.14", MB(44.7), MB(109.3), "1.14.2"}, {"1.7.9", MB(39.9), MB(91.7), "1.7.9"}},
       .kind = K::WebServer, .program = "nginx", .ports = {80}, .entrypoint = {"/docker-entrypoint.sh"},
       .cmd = nginxCmd, .shell = "debian", .tools = {"curl"}, .servers = {"nginx"}, .memoryMiB = 8,
       .shutdownMs = 200},
      {.repository = "nginx",
       .tags = {{"alpine", MB(20.3), 47983005, "1.27.3"}, {"1.27-alpine", MB(20.3), 47983005, "1.27.3"},
                {"mainline-alpine", MB(20.3), 47983005, "1.27.3"}, {"stable-alpine", MB(19.7), MB(47.1), "1.26.2"},
                {"1.26-alpine", MB(19.7), MB(47.1), "1.26.2"}, {"1.25-alpine", MB(18.6), MB(42.6), "1.25.5"},
                {"alpine-slim", MB(5.3), MB(11.9), "1.27.3"}},
       .kind = K::WebServer, .program = "nginx", .ports = {80}, .entrypoint = {"/docker-entrypoint.sh"},
       .cmd = nginxCmd, .shell = "busybox", .tools = {"curl"}, .servers = {"nginx"}, .memoryMiB = 8,
       .shutdownMs = 200},
      {.repository = "httpd",
       .tags = {{"latest", MB(58.2), 148021513, "2.4.62"}, {"2.4", MB(58.2), 148021513, "2.4.62"},
                {"2.4.62", MB(58.2), 148021513, "2.4.62"}, {"2", MB(58.2), 148021513, "2.4.62"}},
       .kind = K::WebServer, .program = "httpd", .ports = {80}, .cmd = {"httpd-foreground"}, .shell = "debian",
       .servers = {"httpd-foreground", "httpd"}, .memoryMiB = 8, .shutdownMs = 200},
      {.repository = "httpd",
       .tags = {{"alpine", MB(21.9), MB(61.6), "2.4.62"}, {"2.4-alpine", MB(21.9), MB(61.6), "2.4.62"}},
       .kind = K::WebServer, .program = "httpd", .ports = {80}, .cmd = {"httpd-foreground"}, .shell = "busybox",
       .servers = {"httpd-foreground", "httpd"}, .memoryMiB = 8, .shutdownMs = 200},
      {.repository = "caddy",
       .tags = {{"latest", MB(17.9), MB(48.5), "2.9.1"}, {"2", MB(17.9), MB(48.5), "2.9.1"},
                {"2.9", MB(17.9), MB(48.5), "2.9.1"}, {"2.8", MB(17.3), MB(46.5), "2.8.4"},
                {"alpine", MB(17.9), MB(48.5), "2.9.1"}, {"2-alpine", MB(17.9), MB(48.5), "2.9.1"}},
       .kind = K::WebServer, .program = "caddy", .ports = {80, 443, 2019},
       .cmd = {"caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"}, .shell = "busybox",
       .servers = {"caddy"}, .memoryMiB = 12, .shutdownMs = 300},
      {.repository = "traefik",
       .tags = {{"latest", MB(48.6), MB(189.9), "3.2.3"}, {"v3", MB(48.6), MB(189.9), "3.2.3"},
                {"v3.2", MB(48.6), MB(189.9), "3.2.3"}, {"3.2", MB(48.6), MB(189.9), "3.2.3"},
                {"v2.11", MB(45.2), MB(160.4), "2.11.16"}, {"2.11", MB(45.2), MB(160.4), "2.11.16"},
                {"v2.10", MB(42.7), MB(152.6), "2.10.7"}},
       .kind = K::WebServer, .program = "traefik", .ports = {80, 8080}, .entrypoint = {"/entrypoint.sh"},
       .cmd = {"traefik"}, .shell = "busybox", .servers = {"traefik"}, .argsAreFlags = true, .memoryMiB = 30,
       .shutdownMs = 500},
      {.repository = "haproxy",
       .tags = {{"latest", MB(38.5), MB(104.6), "3.1.1"}, {"3.1", MB(38.5), MB(104.6), "3.1.1"},
                {"3.0", MB(38.2), MB(103.8), "3.0.7"}, {"lts", MB(38.2), MB(103.8), "3.0.7"},
                {"2.8", MB(37.6), MB(102.3), "2.8.13"}, {"alpine", MB(13.6), MB(32.4), "3.1.1"}},
       .kind = K::WebServer, .program = "haproxy", .ports = {80}, .entrypoint = {"docker-entrypoint.sh"},
       .cmd = {"haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"}, .shell = "debian", .servers = {"haproxy"},
       .memoryMiB = 10, .shutdownMs = 300},
      {.repository = "nginxdemos/hello",
       .tags = {{"latest", MB(9.7), MB(23.8), "0.4"}, {"plain-text", MB(9.7), MB(23.8), "0.4"},
                {"0.4", MB(9.7), MB(23.8), "0.4"}},
       .kind = K::EchoServer, .program = "nginxdemos", .ports = {80}, .entrypoint = {"/docker-entrypoint.sh"},
       .cmd = nginxCmd, .shell = "busybox", .servers = {"nginx"}, .memoryMiB = 6, .shutdownMs = 200},
  };
}

std::vector<CatalogRow> echoAndTestImages() {
  return {
      {.repository = "hashicorp/http-echo",
       .tags = {{"latest", MB(2.6), MB(6.3), "1.0.0"}, {"1.0", MB(2.6), MB(6.3), "1.0.0"},
                {"1.0.0", MB(2.6), MB(6.3), "1.0.0"}, {"0.2.3", MB(2.5), MB(3.97), "0.2.3"}},
       .kind = K::EchoServer, .program = "http-echo", .ports = {5678}, .entrypoint = {"/http-echo"},
       .servers = {"/http-echo", "http-echo"}, .argsAreFlags = true, .memoryMiB = 4, .shutdownMs = 100},
      {.repository = "ealen/echo-server",
       .tags = {{"latest", MB(48.6), MB(141.2), "0.9.2"}, {"0.9.2", MB(48.6), MB(141.2), "0.9.2"}},
       .kind = K::EchoServer, .program = "echo-server", .ports = {80}, .entrypoint = {"node", "webserver"},
       .shell = "busybox", .servers = {"node"}, .argsAreFlags = true, .memoryMiB = 40, .shutdownMs = 200},
      {.repository = "kennethreitz/httpbin", .tags = {{"latest", MB(199.6), MB(534.2), "0.9.2"}},
       .kind = K::EchoServer, .program = "httpbin", .ports = {80},
       .cmd = {"gunicorn", "-b", "0.0.0.0:80", "httpbin:app", "-k", "gevent"}, .shell = "debian",
       .servers = {"gunicorn"}, .memoryMiB = 45, .shutdownMs = 300},
      {.repository = "kicbase/echo-server",
       .tags = {{"1.0", MB(2.2), MB(4.94), "1.0"}, {"latest", MB(2.2), MB(4.94), "1.0"}},
       .kind = K::EchoServer, .program = "kicbase-echo", .ports = {8080}, .entrypoint = {"/echo-server"},
       .servers = {"/echo-server"}, .argsAreFlags = true, .memoryMiB = 4, .shutdownMs = 100},
      {.repository = "registry.k8s.io/echoserver",
       .tags = {{"1.4", MB(46.1), MB(140.4), "1.4"}, {"1.10", MB(46.3), MB(95.4), "1.10"}},
       .kind = K::EchoServer, .program = "echoserver", .ports = {8080}, .cmd = {"/usr/sbin/nginx", "-g", "daemon off;"},
       .shell = "debian", .servers = {"nginx", "/usr/sbin/nginx"}, .memoryMiB = 6, .shutdownMs = 200},
      {.repository = "k8s.gcr.io/echoserver",
       .tags = {{"1.4", MB(46.1), MB(140.4), "1.4"}, {"1.10", MB(46.3), MB(95.4), "1.10"}},
       .kind = K::EchoServer, .program = "echoserver", .ports = {8080}, .cmd = {"/usr/sbin/nginx", "-g", "daemon off;"},
       .shell = "debian", .servers = {"nginx", "/usr/sbin/nginx"}, .memoryMiB = 6, .shutdownMs = 200},
      {.repository = "gcr.io/google-samples/hello-app",
       .tags = {{"1.0", MB(4.4), MB(9.86), "1.0.0"}, {"2.0", MB(4.4), MB(9.86), "2.0.0"}},
       .kind = K::EchoServer, .program = "hello-app", .ports = {8080}, .cmd = {"/hello-app"},
       .servers = {"/hello-app"}, .memoryMiB = 4, .shutdownMs = 100},
      {.repository = "registry.k8s.io/e2e-test-images/agnhost",
       .tags = {{"2.53", MB(52.3), MB(134.6), "2.53"}, {"2.52", MB(52.0), MB(133.9), "2.52"},
                {"2.47", MB(49.4), MB(127.0), "2.47"}, {"2.43", MB(48.3), MB(124.1), "2.43"},
                {"2.40", MB(48.2), MB(123.6), "2.40"}, {"2.39", MB(48.1), MB(123.4), "2.39"}},
       .kind = K::EchoServer, .program = "agnhost", .ports = {}, .entrypoint = {"/agnhost"}, .shell = "busybox",
       .tools = {"curl", "nslookup", "dig"}, .servers = {"/agnhost", "agnhost"}, .argsAreFlags = true,
       .memoryMiB = 6, .shutdownMs = 100},
      {.repository = "registry.k8s.io/e2e-test-images/jessie-dnsutils",
       .tags = {{"1.3", MB(110.1), MB(252.7), "9.9.5"}, {"1.7", MB(117.8), MB(274.2), "9.9.5"}},
       .kind = K::ExitsAtOnce, .cmd = {"bash"}, .shell = "debian", .tools = {"nslookup", "dig", "host", "curl"}},
      {.repository = "nicolaka/netshoot",
       .tags = {{"latest", MB(179.5), MB(451.6), "0.13"}, {"v0.13", MB(179.5), MB(451.6), "0.13"}},
       .kind = K::ExitsAtOnce, .cmd = {"zsh"}, .shell = "busybox",
       .tools = {"bash", "curl", "nslookup", "dig", "host", "zsh"}},
      {.repository = "radial/busyboxplus",
       .tags = {{"curl", MB(2.1), MB(4.21), "1.22.1"}, {"latest", MB(1.4), MB(2.24), "1.22.1"}},
       .kind = K::ExitsAtOnce, .cmd = {"/bin/sh"}, .shell = "busybox", .tools = {"curl"}},
  };
}

// pause and the infrastructure images
std::vector<CatalogRow> infrastructure() {
  return {
      {.repository = "registry.k8s.io/pause",
       .tags = {{"3.10", 320368, 736000, "3.10"}, {"3.9", 321520, 744000, "3.9"}, {"3.8", 311286, 711000, "3.8"},
                {"3.7", 311300, 711000, "3.7"}, {"3.6", 301000, 683000, "3.6"}, {"3.5", 301000, 683000, "3.5"},
                {"3.2", 299513, 683000, "3.2"}, {"3.1", 317164, 742000, "3.1"}, {"latest", 317164, 742000, "3.1"}},
       .kind = K::System, .program = "pause", .entrypoint = {"/pause"}, .memoryMiB = 1, .shutdownMs = 50},
      {.repository = "k8s.gcr.io/pause",
       .tags = {{"3.9", 321520, 744000, "3.9"}, {"3.6", 301000, 683000, "3.6"}, {"3.5", 301000, 683000, "3.5"},
                {"3.2", 299513, 683000, "3.2"}, {"3.1", 317164, 742000, "3.1"}, {"latest", 317164, 742000, "3.1"}},
       .kind = K::System, .program = "pause", .entrypoint = {"/pause"}, .memoryMiB = 1, .shutdownMs = 50},
      {.repository = "k8s.gcr.io/busybox",
       .tags = {{"latest", 701102, 2433303, "1.24.0"}, {"1.24", 701102, 2433303, "1.24.0"}},
       .kind = K::ExitsAtOnce, .cmd = {"sh"}, .shell = "busybox", .tools = {"wget", "nslookup"}},
      {.repository = "registry.k8s.io/busybox",
       .tags = {{"latest", 701102, 2433303, "1.24.0"}, {"1.27.2", 755140, 1129289, "1.27.2"}},
       .kind = K::ExitsAtOnce, .cmd = {"sh"}, .shell = "busybox", .tools = {"wget", "nslookup"}},
      // minikube's preloaded system images
      {.repository = "registry.k8s.io/etcd", .tags = {{"3.5.16-0", MB(57.2), 150287458, "3.5.16"}}, .memoryMiB = 30,
       .shutdownMs = 500},
      {.repository = "registry.k8s.io/kube-apiserver", .tags = {{"v1.32.4", MB(28.7), 97054201, "v1.32.4"}},
       .memoryMiB = 200, .shutdownMs = 500},
      {.repository = "registry.k8s.io/kube-controller-manager", .tags = {{"v1.32.4", MB(26.3), 89720014, "v1.32.4"}},
       .memoryMiB = 40, .shutdownMs = 500},
      {.repository = "registry.k8s.io/kube-scheduler", .tags = {{"v1.32.4", MB(20.6), 69636114, "v1.32.4"}},
       .memoryMiB = 20, .shutdownMs = 500},
      {.repository = "registry.k8s.io/kube-proxy", .tags = {{"v1.32.4", MB(30.9), 94015320, "v1.32.4"}},
       .memoryMiB = 20, .shutdownMs = 500},
      {.repository = "registry.k8s.io/coredns/coredns", .tags = {{"v1.11.3", MB(18.6), 61816690, "1.11.3"}},
       .memoryMiB = 15, .shutdownMs = 500},
      {.repository = "kindest/kindnetd", .tags = {{"v20241108-5c6d2daf", MB(38.6), 94856104, "v20241108"}},
       .memoryMiB = 10, .shutdownMs = 500},
      {.repository = "gcr.io/k8s-minikube/storage-provisioner", .tags = {{"v5", MB(9.06), 31465472, "v5"}},
       .memoryMiB = 10, .shutdownMs = 500},
      // minikube's metrics-server addon (core/kubelet/metrics_server.h serves what it scrapes)
      {.repository = "registry.k8s.io/metrics-server/metrics-server", .tags = {{"v0.7.2", MB(19.5), 67132142, "v0.7.2"}},
       .entrypoint = {"/metrics-server"}, .argsAreFlags = true, .memoryMiB = 18, .shutdownMs = 500},
      // the HorizontalPodAutoscaler walkthrough's php-apache
      {.repository = "registry.k8s.io/hpa-example", .tags = {{"latest", MB(175.4), 480748023, "latest"}},
       .kind = K::WebServer, .program = "hpa-example", .ports = {80}, .cmd = {"apache2-foreground"},
       .shell = "debian", .servers = {"apache2-foreground"}, .memoryMiB = 10},
      // minikube's ingress addon: the controller (core/network routes its ports by the Ingress
      // rules) and the job image that writes the admission webhook's certificate and exits.
      {.repository = "registry.k8s.io/ingress-nginx/controller", .tags = {{"v1.11.3", MB(105.2), 292834570, "v1.11.3"}},
       .entrypoint = {"/usr/bin/dumb-init", "--"}, .cmd = {"/nginx-ingress-controller"}, .memoryMiB = 90,
       .shutdownMs = 500},
      {.repository = "registry.k8s.io/ingress-nginx/kube-webhook-certgen", .tags = {{"v1.4.4", MB(26.4), 63810032, "v1.4.4"}},
       .kind = K::Batch, .program = "certgen", .entrypoint = {"/kube-webhook-certgen"}, .argsAreFlags = true,
       .shutdownMs = 0},
  };
}

// Operating systems and language runtimes: CMD is a shell or REPL that exits at EOF.
void addBaseImages(std::vector<CatalogRow>& rows) {
  const std::vector<std::string> bw = {"wget", "nslookup"};  // busybox applets
  rows.push_back({.repository = "busybox",
                  .tags = {{"latest", 2158123, 4261550, "1.37.0"}, {"1.37", 2158123, 4261550, "1.37.0"},
                           {"1.36", 2158123, 4261550, "1.36.1"}, {"1.36.1", 2158123, 4261550, "1.36.1"},
                           {"1.35", 2154210, 4860000, "1.35.0"}, {"1.34", 772788, 1240000, "1.34.1"},
                           {"1.28", 727869, 1150000, "1.28.4"}, {"stable", 2158123, 4261550, "1.36.1"},
                           {"musl", 877310, 1580000, "1.37.0"}, {"glibc", 2158123, 4261550, "1.37.0"},
                           {"uclibc", 757160, 1230000, "1.37.0"}},
                  .kind = K::ExitsAtOnce, .cmd = {"sh"}, .shell = "busybox", .tools = bw});
  rows.push_back({.repository = "alpine",
                  .tags = {{"latest", 3642314, 7797760, "3.21.0"}, {"3", 3642314, 7797760, "3.21.0"},
                           {"3.21", 3642314, 7797760, "3.21.0"}, {"3.20", 3625266, 7797760, "3.20.3"},
                           {"3.19", 3418240, 7380000, "3.19.4"}, {"3.18", 3401613, 7330000, "3.18.9"},
                           {"edge", 3650210, 7840000, "3.22_alpha"}},
                  .kind = K::ExitsAtOnce, .cmd = {"/bin/sh"}, .shell = "busybox", .tools = bw});
  rows.push_back({.repository = "ubuntu",
                  .tags = {{"latest", MB(29.75), 78117856, "24.04"}, {"24.04", MB(29.75), 78117856, "24.04"},
                           {"noble", MB(29.75), 78117856, "24.04"}, {"22.04", MB(29.54), MB(77.86), "22.04"},
                           {"jammy", MB(29.54), MB(77.86), "22.04"}, {"20.04", MB(27.51), MB(72.81), "20.04"},
                           {"focal", MB(27.51), MB(72.81), "20.04"}, {"18.04", MB(25.69), MB(63.15), "18.04"}},
                  .kind = K::ExitsAtOnce, .cmd = {"/bin/bash"}, .shell = "debian"});
  rows.push_back({.repository = "debian",
                  .tags = {{"latest", MB(48.49), MB(116.5), "12.8"}, {"12", MB(48.49), MB(116.5), "12.8"},
                           {"bookworm", MB(48.49), MB(116.5), "12.8"}, {"bookworm-slim", MB(28.23), MB(74.8), "12.8"},
                           {"stable-slim", MB(28.23), MB(74.8), "12.8"}, {"11", MB(53.74), MB(124.0), "11.11"},
                           {"bullseye", MB(53.74), MB(124.0), "11.11"}, {"bullseye-slim", MB(30.25), MB(80.6), "11.11"}},
                  .kind = K::ExitsAtOnce, .cmd = {"bash"}, .shell = "debian"});
  rows.push_back({.repository = "centos",
                  .tags = {{"latest", MB(83.52), MB(231.3), "8.4.2105"}, {"8", MB(83.52), MB(231.3), "8.4.2105"},
                           {"7", MB(76.10), MB(204.0), "7.9.2009"}, {"centos7", MB(76.10), MB(204.0), "7.9.2009"}},
                  .kind = K::ExitsAtOnce, .cmd = {"/bin/bash"}, .shell = "debian", .tools = {"curl"}});
  rows.push_back({.repository = "fedora",
                  .tags = {{"latest", MB(61.9), MB(163.9), "41"}, {"41", MB(61.9), MB(163.9), "41"},
                           {"40", MB(80.1), MB(222.0), "40"}, {"39", MB(64.8), MB(180.2), "39"}},
                  .kind = K::ExitsAtOnce, .cmd = {"/bin/bash"}, .shell = "debian", .tools = {"curl"}});
  rows.push_back({.repository = "amazonlinux",
                  .tags = {{"latest", MB(52.5), MB(148.6), "2023"}, {"2023", MB(52.5), MB(148.6), "2023"},
                           {"2", MB(62.3), MB(164.4), "2"}},
                  .kind = K::ExitsAtOnce, .cmd = {"/bin/bash"}, .shell = "debian", .tools = {"curl"}});
  rows.push_back({.repository = "curlimages/curl",
                  .tags = {{"latest", MB(10.9), MB(21.9), "8.11.1"}, {"8.11.1", MB(10.9), MB(21.9), "8.11.1"},
                           {"8.10.1", MB(10.8), MB(21.6), "8.10.1"}, {"8.5.0", MB(8.9), MB(16.8), "8.5.0"},
                           {"7.85.0", MB(6.0), MB(11.2), "7.85.0"}},
                  .kind = K::RunsCommand, .entrypoint = {"/entrypoint.sh"}, .cmd = {"curl"}, .shell = "busybox",
                  .tools = {"curl", "wget", "nslookup"}});
  // Language runtimes: the full images are built on buildpack-deps (curl, wget, git).
  const std::vector<std::string> full = {"curl", "wget"};
  rows.push_back({.repository = "python",
                  .tags = {{"latest", MB(363.1), MB(1021.0), "3.13.1"}, {"3", MB(363.1), MB(1021.0), "3.13.1"},
                           {"3.13", MB(363.1), MB(1021.0), "3.13.1"}, {"3.12", MB(362.4), MB(1019.0), "3.12.8"},
                           {"3.11", MB(367.6), MB(1013.0), "3.11.11"}, {"3.10", MB(362.0), MB(1000.0), "3.10.16"},
                           {"3.9", MB(360.9), MB(998.0), "3.9.21"}},
                  .kind = K::ExitsAtOnce, .cmd = {"python3"}, .shell = "debian", .tools = full,
                  .servers = {"python3", "python"}});
  rows.push_back({.repository = "python",
                  .tags = {{"slim", MB(43.5), MB(125.3), "3.13.1"}, {"3-slim", MB(43.5), MB(125.3), "3.13.1"},
                           {"3.13-slim", MB(43.5), MB(125.3), "3.13.1"}, {"3.12-slim", MB(44.7), MB(124.6), "3.12.8"},
                           {"3.11-slim", MB(45.4), MB(130.4), "3.11.11"}},
                  .kind = K::ExitsAtOnce, .cmd = {"python3"}, .shell = "debian", .servers = {"python3", "python"}});
  rows.push_back({.repository = "python",
                  .tags = {{"alpine", MB(17.8), MB(47.7), "3.13.1"}, {"3-alpine", MB(17.8), MB(47.7), "3.13.1"},
                           {"3.13-alpine", MB(17.8), MB(47.7), "3.13.1"}, {"3.12-alpine", MB(18.2), MB(53.6), "3.12.8"}},
                  .kind = K::ExitsAtOnce, .cmd = {"python3"}, .shell = "busybox", .tools = bw,
                  .servers = {"python3", "python"}});
  rows.push_back({.repository = "node",
                  .tags = {{"latest", MB(396.4), MB(1117.0), "23.5.0"}, {"23", MB(396.4), MB(1117.0), "23.5.0"},
                           {"22", MB(394.1), MB(1114.0), "22.12.0"}, {"lts", MB(394.1), MB(1114.0), "22.12.0"},
                           {"20", MB(389.6), MB(1099.0), "20.18.1"}, {"18", MB(384.3), MB(1090.0), "18.20.5"}},
                  .kind = K::ExitsAtOnce, .entrypoint = {"docker-entrypoint.sh"}, .cmd = {"node"}, .shell = "debian",
                  .tools = full, .servers = {"node"}});
  rows.push_back({.repository = "node",
                  .tags = {{"alpine", MB(56.2), MB(160.6), "23.5.0"}, {"lts-alpine", MB(55.9), MB(159.3), "22.12.0"},
                           {"22-alpine", MB(55.9), MB(159.3), "22.12.0"}, {"20-alpine", MB(46.7), MB(133.5), "20.18.1"},
                           {"18-alpine", MB(44.3), MB(127.2), "18.20.5"}},
                  .kind = K::ExitsAtOnce, .entrypoint = {"docker-entrypoint.sh"}, .cmd = {"node"}, .shell = "busybox",
                  .tools = bw, .servers = {"node"}});
  rows.push_back({.repository = "node",
                  .tags = {{"slim", MB(78.6), MB(219.2), "23.5.0"}, {"lts-slim", MB(77.6), MB(218.1), "22.12.0"},
                           {"22-slim", MB(77.6), MB(218.1), "22.12.0"}, {"20-slim", MB(68.5), MB(196.3), "20.18.1"}},
                  .kind = K::ExitsAtOnce, .entrypoint = {"docker-entrypoint.sh"}, .cmd = {"node"}, .shell = "debian",
                  .servers = {"node"}});
  rows.push_back({.repository = "golang",
                  .tags = {{"latest", MB(291.4), MB(838.0), "1.23.4"}, {"1.23", MB(291.4), MB(838.0), "1.23.4"},
                           {"1.22", MB(281.1), MB(815.0), "1.22.10"}, {"1.21", MB(280.2), MB(814.0), "1.21.13"}},
                  .kind = K::ExitsAtOnce, .cmd = {"bash"}, .shell = "debian", .tools = full});
  rows.push_back({.repository = "golang",
                  .tags = {{"alpine", MB(76.2), MB(247.3), "1.23.4"}, {"1.23-alpine", MB(76.2), MB(247.3), "1.23.4"},
                           {"1.22-alpine", MB(72.1), MB(229.6), "1.22.10"}},
                  .kind = K::ExitsAtOnce, .cmd = {"/bin/sh"}, .shell = "busybox", .tools = bw});
  // The openjdk repository is deprecated: its remaining tags have no `latest`.
  rows.push_back({.repository = "openjdk",
                  .tags = {{"21", MB(197.8), MB(504.9), "21-ea+22"}, {"17", MB(185.6), MB(470.6), "17.0.2"},
                           {"17-jdk-slim", MB(226.7), MB(408.4), "17.0.2"}, {"11", MB(313.1), MB(654.4), "11.0.16"},
                           {"11-jre-slim", MB(76.3), MB(220.3), "11.0.16"}, {"8", MB(277.3), MB(526.2), "1.8.0_342"},
                           {"8-jdk-alpine", MB(70.4), MB(104.9), "1.8.0_212"}},
                  .kind = K::ExitsAtOnce, .cmd = {"jshell"}, .shell = "debian", .tools = {"curl"},
                  .servers = {"java", "jshell"}});
  rows.push_back({.repository = "eclipse-temurin",
                  .tags = {{"latest", MB(162.4), MB(467.8), "21.0.5+11"}, {"21", MB(162.4), MB(467.8), "21.0.5+11"},
                           {"21-jdk", MB(162.4), MB(467.8), "21.0.5+11"}, {"21-jre", MB(80.4), MB(263.3), "21.0.5+11"},
                           {"17", MB(153.4), MB(407.9), "17.0.13+11"}, {"17-jdk", MB(153.4), MB(407.9), "17.0.13+11"},
                           {"17-jre", MB(74.0), MB(263.1), "17.0.13+11"}, {"11", MB(146.6), MB(392.2), "11.0.25+9"},
                           {"8", MB(97.1), MB(227.0), "1.8.0_432"}},
                  .kind = K::ExitsAtOnce, .cmd = {"jshell"}, .shell = "debian", .tools = {"curl", "wget"},
                  .servers = {"java", "jshell"}});
  rows.push_back({.repository = "ruby",
                  .tags = {{"latest", MB(356.3), MB(1010.0), "3.4.1"}, {"3", MB(356.3), MB(1010.0), "3.4.1"},
                           {"3.4", MB(356.3), MB(1010.0), "3.4.1"}, {"3.3", MB(353.8), MB(1003.0), "3.3.6"},
                           {"3.2", MB(352.7), MB(994.0), "3.2.6"}},
                  .kind = K::ExitsAtOnce, .cmd = {"irb"}, .shell = "debian", .tools = full, .servers = {"ruby", "irb"}});
  rows.push_back({.repository = "ruby",
                  .tags = {{"slim", MB(76.2), MB(218.8), "3.4.1"}, {"alpine", MB(35.6), MB(98.4), "3.4.1"}},
                  .kind = K::ExitsAtOnce, .cmd = {"irb"}, .shell = "debian", .servers = {"ruby", "irb"}});
  rows.push_back({.repository = "php",
                  .tags = {{"latest", MB(164.6), MB(504.1), "8.4.2"}, {"8", MB(164.6), MB(504.1), "8.4.2"},
                           {"8.4", MB(164.6), MB(504.1), "8.4.2"}, {"cli", MB(164.6), MB(504.1), "8.4.2"},
                           {"8.3", MB(163.9), MB(501.6), "8.3.15"}, {"8.3-cli", MB(163.9), MB(501.6), "8.3.15"},
                           {"8.2", MB(163.2), MB(498.7), "8.2.27"}},
                  .kind = K::ExitsAtOnce, .entrypoint = {"docker-php-entrypoint"}, .cmd = {"php", "-a"},
                  .shell = "debian", .tools = {"curl"}, .servers = {"php"}});
  rows.push_back({.repository = "php",
                  .tags = {{"apache", MB(176.2), MB(519.3), "8.4.2"}, {"8-apache", MB(176.2), MB(519.3), "8.4.2"},
                           {"8.4-apache", MB(176.2), MB(519.3), "8.4.2"}, {"8.3-apache", MB(175.4), MB(516.7), "8.3.15"},
                           {"8.2-apache", MB(174.9), MB(513.8), "8.2.27"}},
                  .kind = K::WebServer, .program = "php-apache", .ports = {80},
                  .entrypoint = {"docker-php-entrypoint"}, .cmd = {"apache2-foreground"}, .shell = "debian",
                  .tools = {"curl"}, .servers = {"apache2-foreground"}, .memoryMiB = 12, .shutdownMs = 300});
  rows.push_back({.repository = "php",
                  .tags = {{"fpm", MB(164.8), MB(506.2), "8.4.2"}, {"8.4-fpm", MB(164.8), MB(506.2), "8.4.2"},
                           {"8.3-fpm", MB(164.1), MB(503.5), "8.3.15"}, {"fpm-alpine", MB(32.7), MB(92.5), "8.4.2"}},
                  .kind = K::TcpService, .program = "php-fpm", .ports = {9000}, .entrypoint = {"docker-php-entrypoint"},
                  .cmd = {"php-fpm"}, .shell = "debian", .tools = {"curl"}, .servers = {"php-fpm"}, .memoryMiB = 10,
                  .shutdownMs = 300});
}

// Databases, queues and the applications built on them.
void addServices(std::vector<CatalogRow>& rows) {
  rows.push_back({.repository = "redis",
                  .tags = {{"latest", MB(45.0), 117401541, "7.4.1"}, {"7", MB(45.0), 117401541, "7.4.1"},
                           {"7.4", MB(45.0), 117401541, "7.4.1"}, {"7.2", MB(44.2), MB(116.5), "7.2.6"},
                           {"6", MB(41.3), MB(112.7), "6.2.16"}, {"6.2", MB(41.3), MB(112.7), "6.2.16"}},
                  .kind = K::TcpService, .program = "redis", .ports = {6379}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"redis-server"}, .shell = "debian", .tools = {"redis-cli"},
                  .servers = {"redis-server", "docker-entrypoint.sh"}, .memoryMiB = 8, .shutdownMs = 300});
  rows.push_back({.repository = "redis",
                  .tags = {{"alpine", MB(17.2), MB(41.4), "7.4.1"}, {"7-alpine", MB(17.2), MB(41.4), "7.4.1"},
                           {"7.4-alpine", MB(17.2), MB(41.4), "7.4.1"}, {"6-alpine", MB(12.4), MB(30.1), "6.2.16"}},
                  .kind = K::TcpService, .program = "redis", .ports = {6379}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"redis-server"}, .shell = "busybox", .tools = {"redis-cli", "wget", "nslookup"},
                  .servers = {"redis-server", "docker-entrypoint.sh"}, .memoryMiB = 8, .shutdownMs = 300});
  rows.push_back({.repository = "postgres",
                  .tags = {{"latest", MB(153.5), MB(435.2), "17.2"}, {"17", MB(153.5), MB(435.2), "17.2"},
                           {"17.2", MB(153.5), MB(435.2), "17.2"}, {"16", MB(152.4), MB(432.6), "16.6"},
                           {"15", MB(149.1), MB(425.8), "15.10"}, {"14", MB(148.0), MB(422.4), "14.15"},
                           {"13", MB(146.2), MB(419.1), "13.18"}},
                  .kind = K::TcpService, .program = "postgres", .ports = {5432}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"postgres"}, .shell = "debian", .tools = {"psql", "pg_isready"},
                  .servers = {"postgres", "docker-entrypoint.sh"}, .memoryMiB = 30, .shutdownMs = 500});
  rows.push_back({.repository = "postgres",
                  .tags = {{"alpine", MB(104.1), MB(271.8), "17.2"}, {"17-alpine", MB(104.1), MB(271.8), "17.2"},
                           {"16-alpine", MB(100.5), MB(264.4), "16.6"}, {"15-alpine", MB(96.3), MB(255.7), "15.10"}},
                  .kind = K::TcpService, .program = "postgres", .ports = {5432}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"postgres"}, .shell = "busybox", .tools = {"psql", "pg_isready", "wget", "nslookup"},
                  .servers = {"postgres", "docker-entrypoint.sh"}, .memoryMiB = 30, .shutdownMs = 500});
  rows.push_back({.repository = "mysql",
                  .tags = {{"latest", MB(170.4), MB(593.2), "9.1.0"}, {"9", MB(170.4), MB(593.2), "9.1.0"},
                           {"9.1", MB(170.4), MB(593.2), "9.1.0"}, {"lts", MB(168.1), MB(578.1), "8.4.3"},
                           {"8.4", MB(168.1), MB(578.1), "8.4.3"}, {"8", MB(168.1), MB(578.1), "8.4.3"},
                           {"8.0", MB(167.8), MB(573.4), "8.0.40"}, {"5.7", MB(137.4), MB(501.5), "5.7.44"}},
                  .kind = K::TcpService, .program = "mysql", .ports = {3306, 33060},
                  .entrypoint = {"docker-entrypoint.sh"}, .cmd = {"mysqld"}, .shell = "debian",
                  .tools = {"mysql", "mysqladmin"}, .servers = {"mysqld", "docker-entrypoint.sh"}, .memoryMiB = 180,
                  .shutdownMs = 1500});
  rows.push_back({.repository = "mariadb",
                  .tags = {{"latest", MB(117.3), MB(407.4), "11.6.2"}, {"11", MB(117.3), MB(407.4), "11.6.2"},
                           {"11.4", MB(115.7), MB(405.1), "11.4.4"}, {"lts", MB(115.7), MB(405.1), "11.4.4"},
                           {"10.11", MB(114.1), MB(403.7), "10.11.10"}, {"10.6", MB(112.6), MB(397.2), "10.6.20"}},
                  .kind = K::TcpService, .program = "mariadb", .ports = {3306}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"mariadbd"}, .shell = "debian", .tools = {"mariadb", "mariadb-admin"},
                  .servers = {"mariadbd", "mysqld", "docker-entrypoint.sh"}, .memoryMiB = 90, .shutdownMs = 1000});
  rows.push_back({.repository = "mongo",
                  .tags = {{"latest", MB(276.9), MB(855.4), "8.0.4"}, {"8", MB(276.9), MB(855.4), "8.0.4"},
                           {"8.0", MB(276.9), MB(855.4), "8.0.4"}, {"7", MB(261.3), MB(795.1), "7.0.16"},
                           {"7.0", MB(261.3), MB(795.1), "7.0.16"}, {"6", MB(251.6), MB(745.3), "6.0.19"},
                           {"5", MB(238.4), MB(696.2), "5.0.30"}},
                  .kind = K::TcpService, .program = "mongo", .ports = {27017}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"mongod"}, .shell = "debian", .tools = {"mongosh"},
                  .servers = {"mongod", "docker-entrypoint.sh"}, .memoryMiB = 80, .shutdownMs = 1000});
  rows.push_back({.repository = "rabbitmq",
                  .tags = {{"latest", MB(93.0), MB(251.9), "4.0.5"}, {"4", MB(93.0), MB(251.9), "4.0.5"},
                           {"4.0", MB(93.0), MB(251.9), "4.0.5"}, {"3", MB(88.6), MB(219.4), "3.13.7"},
                           {"3.13", MB(88.6), MB(219.4), "3.13.7"}, {"alpine", MB(58.7), MB(155.8), "4.0.5"}},
                  .kind = K::TcpService, .program = "rabbitmq", .ports = {5672}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"rabbitmq-server"}, .shell = "debian", .tools = {"rabbitmqctl", "rabbitmq-diagnostics"},
                  .servers = {"rabbitmq-server", "docker-entrypoint.sh"}, .memoryMiB = 100, .shutdownMs = 2000});
  rows.push_back({.repository = "rabbitmq",
                  .tags = {{"management", MB(103.2), MB(274.6), "4.0.5"}, {"4-management", MB(103.2), MB(274.6), "4.0.5"},
                           {"3-management", MB(98.9), MB(242.1), "3.13.7"},
                           {"management-alpine", MB(68.9), MB(178.5), "4.0.5"}},
                  .kind = K::TcpService, .program = "rabbitmq-management", .ports = {15672, 5672},
                  .entrypoint = {"docker-entrypoint.sh"}, .cmd = {"rabbitmq-server"}, .shell = "debian",
                  .tools = {"rabbitmqctl", "rabbitmq-diagnostics"}, .servers = {"rabbitmq-server", "docker-entrypoint.sh"},
                  .memoryMiB = 110, .shutdownMs = 2000});
  rows.push_back({.repository = "memcached",
                  .tags = {{"latest", MB(31.4), MB(85.1), "1.6.34"}, {"1", MB(31.4), MB(85.1), "1.6.34"},
                           {"1.6", MB(31.4), MB(85.1), "1.6.34"}, {"alpine", MB(4.6), MB(9.65), "1.6.34"}},
                  .kind = K::TcpService, .program = "memcached", .ports = {11211}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"memcached"}, .shell = "debian", .servers = {"memcached", "docker-entrypoint.sh"},
                  .memoryMiB = 3, .shutdownMs = 100});
  rows.push_back({.repository = "wordpress",
                  .tags = {{"latest", MB(249.2), MB(702.3), "6.7.1"}, {"6", MB(249.2), MB(702.3), "6.7.1"},
                           {"6.7", MB(249.2), MB(702.3), "6.7.1"}, {"php8.3", MB(250.1), MB(704.8), "6.7.1"},
                           {"apache", MB(249.2), MB(702.3), "6.7.1"}},
                  .kind = K::WebServer, .program = "wordpress", .ports = {80}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"apache2-foreground"}, .shell = "debian", .tools = {"curl"},
                  .servers = {"apache2-foreground", "docker-entrypoint.sh"}, .memoryMiB = 25, .shutdownMs = 300});
  rows.push_back({.repository = "ghost",
                  .tags = {{"latest", MB(190.3), MB(581.5), "5.105.0"}, {"5", MB(190.3), MB(581.5), "5.105.0"},
                           {"alpine", MB(143.6), MB(455.1), "5.105.0"}, {"5-alpine", MB(143.6), MB(455.1), "5.105.0"}},
                  .kind = K::WebServer, .program = "ghost", .ports = {2368}, .entrypoint = {"docker-entrypoint.sh"},
                  .cmd = {"node", "current/index.js"}, .shell = "debian", .servers = {"node", "docker-entrypoint.sh"},
                  .memoryMiB = 120, .shutdownMs = 1000});
  rows.push_back({.repository = "jenkins/jenkins",
                  .tags = {{"latest", MB(280.6), MB(477.4), "2.491"}, {"jdk17", MB(280.6), MB(477.4), "2.491"},
                           {"lts", MB(279.8), MB(475.6), "2.479.2"}, {"lts-jdk17", MB(279.8), MB(475.6), "2.479.2"},
                           {"lts-jdk21", MB(282.5), MB(481.9), "2.479.2"}, {"2.479.2", MB(279.8), MB(475.6), "2.479.2"}},
                  .kind = K::WebServer, .program = "jenkins", .ports = {8080, 50000},
                  .entrypoint = {"/usr/bin/tini", "--", "/usr/local/bin/jenkins.sh"}, .shell = "debian",
                  .tools = {"curl", "git"}, .servers = {"/usr/local/bin/jenkins.sh", "jenkins.sh"}, .memoryMiB = 250,
                  .shutdownMs = 2000});
  rows.push_back({.repository = "grafana/grafana",
                  .tags = {{"latest", MB(141.8), MB(479.2), "11.4.0"}, {"11.4.0", MB(141.8), MB(479.2), "11.4.0"},
                           {"11.3.0", MB(139.4), MB(470.6), "11.3.0"}, {"10.4.2", MB(122.1), MB(421.8), "10.4.2"},
                           {"main", MB(142.3), MB(480.4), "11.5.0-pre"}},
                  .kind = K::WebServer, .program = "grafana", .ports = {3000}, .entrypoint = {"/run.sh"},
                  .shell = "busybox", .tools = {"curl", "wget"}, .servers = {"/run.sh", "grafana", "grafana-server"},
                  .argsAreFlags = true, .memoryMiB = 60, .shutdownMs = 500});
  rows.push_back({.repository = "prom/prometheus",
                  .tags = {{"latest", MB(101.6), MB(295.2), "3.0.1"}, {"v3.0.1", MB(101.6), MB(295.2), "3.0.1"},
                           {"v2.55.1", MB(101.3), MB(294.0), "2.55.1"}, {"v2.53.3", MB(95.2), MB(275.9), "2.53.3"},
                           {"main", MB(101.9), MB(296.1), "3.1.0"}},
                  .kind = K::WebServer, .program = "prometheus", .ports = {9090}, .entrypoint = {"/bin/prometheus"},
                  .cmd = {"--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"},
                  .shell = "busybox", .tools = {"wget"}, .servers = {"/bin/prometheus", "prometheus"},
                  .argsAreFlags = true, .memoryMiB = 40, .shutdownMs = 500});
  rows.push_back({.repository = "registry",
                  .tags = {{"latest", MB(9.9), MB(25.4), "2.8.3"}, {"2", MB(9.9), MB(25.4), "2.8.3"},
                           {"2.8", MB(9.9), MB(25.4), "2.8.3"}, {"2.8.3", MB(9.9), MB(25.4), "2.8.3"},
                           {"3", MB(19.4), MB(57.7), "3.0.0"}, {"3.0.0", MB(19.4), MB(57.7), "3.0.0"}},
                  .kind = K::WebServer, .program = "registry", .ports = {5000}, .entrypoint = {"/entrypoint.sh"},
                  .cmd = {"/etc/docker/registry/config.yml"}, .shell = "busybox", .servers = {"registry"},
                  .argsAreFlags = true, .memoryMiB = 10, .shutdownMs = 300});
}

}  // namespace

const std::vector<CatalogRow>& imageCatalog() {
  static const std::vector<CatalogRow> rows = [] {
    std::vector<CatalogRow> r;
    for (auto part : {bookImages, webServers, echoAndTestImages, infrastructure})
      for (auto& row : part()) r.push_back(std::move(row));
    addBaseImages(r);
    addServices(r);
    return r;
  }();
  return rows;
}

}  // namespace kp
