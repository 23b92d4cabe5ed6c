// HTTP programs: the book's kubia, web servers answering from their default document root
// (nginx's welcome page, httpd's "It works!", php-apache's 403, grafana's redirect to /login)
// and echo servers (http-echo -text, agnhost serve-hostname/netexec, echoserver). Start-up and
// access log lines follow each server's own format; timestamps are {tokens} (programs.h).
#include <cstdio>
#include <map>

#include "core/kubelet/programs.h"

namespace kp {

namespace {

using Reply = ServeReply;
const char* kKernel = "5.15.0-126-generic";  // the minikube host's kernel, as nginx reports it
const char* kAccessLog = "{client} - - [{clf}] \"GET {path} HTTP/1.1\" {status} {bytes} \"-\" \"curl/7.88.1\" \"-\"";
const char* kApacheAccessLog = "{client} - - [{clf}] \"GET {path} HTTP/1.1\" {status} {bytes}";

bool versionBefore(const std::string& v, int major, int minor) {
  int a = 0, b = 0;
  std::sscanf(v.c_str(), "%d.%d", &a, &b);
  return a < major || (a == major && b < minor);
}

std::string nginxWelcome(const std::string& version) {
  std::string style = versionBefore(version, 1, 21)
                          ? "<style>\n    body {\n        width: 35em;\n        margin: 0 auto;\n"
                            "        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>\n"
                          : "<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n"
                            "font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n";
  return "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n" + style +
         "</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully "
         "installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support "
         "please refer to\n<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\nCommercial support is available at\n"
         "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";
}

std::string nginxNotFound(const std::string& version) {
  return "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n"
         "<hr><center>nginx/" + version + "</center>\r\n</body>\r\n</html>\r\n";
}

void nginxModel(ImageInfo& info) {
  std::string v = info.version;
  info.respond = [v](const ServeRequest& q) {
    if (q.path == "/" || q.path == "/index.html" || q.path.rfind("/?", 0) == 0) return Reply{200, nginxWelcome(v)};
    return Reply{404, nginxNotFound(v)};
  };
  info.requestLog = kAccessLog;
  std::vector<std::string> logs;
  if (!versionBefore(v, 1, 19)) {
    logs = {"/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
            "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
            "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
            "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"};
    if (!versionBefore(v, 1, 25)) logs.push_back("/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh");
    logs.push_back("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh");
    logs.push_back("/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh");
    logs.push_back("/docker-entrypoint.sh: Configuration complete; ready for start up");
    std::string gcc = info.shell == "busybox" ? "gcc 14.2.0 (Alpine 14.2.0) " : "gcc 12.2.0 (Debian 12.2.0-14) ";
    for (std::string l : {std::string("using the \"epoll\" event method"), "nginx/" + v, "built by " + gcc,
                          std::string("OS: Linux ") + kKernel, std::string("getrlimit(RLIMIT_NOFILE): 1048576:1048576"),
                          std::string("start worker processes"), std::string("start worker process 29"),
                          std::string("start worker process 30")})
      logs.push_back("{nginx-time} [notice] 1#1: " + l);
  }
  info.startLogs = logs;
}

std::vector<std::string> apacheStart(const std::string& binary, const std::string& server, const std::string& mpm) {
  std::string fqdn = "AH00558: " + binary +
                     ": Could not reliably determine the server's fully qualified domain name, using {ip}. Set the "
                     "'ServerName' directive globally to suppress this message";
  return {fqdn, fqdn,
          "[{apache-time}] [" + mpm + ":notice] [pid 1:tid 1] " + (mpm == "mpm_event" ? "AH00489: " : "AH00163: ") +
              server + " configured -- resuming normal operations",
          "[{apache-time}] [core:notice] [pid 1:tid 1] AH00094: Command line: '" + binary + " -D FOREGROUND'"};
}

std::string apacheError(int status, const std::string& footer) {
  std::string title = status == 403 ? "403 Forbidden" : "404 Not Found";
  std::string text = status == 403 ? "<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.</p>\n"
                                   : "<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n";
  return "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>" + title + "</title>\n</head><body>\n" +
         text + (footer.empty() ? "" : "<hr>\n" + footer + "\n") + "</body></html>\n";
}

void httpdModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    if (q.path == "/" || q.path == "/index.html") return Reply{200, "<html><body><h1>It works!</h1></body></html>\n"};
    return Reply{404, apacheError(404, "")};
  };
  info.requestLog = kApacheAccessLog;
  info.startLogs = apacheStart("httpd", "Apache/" + info.version + " (Unix)", "mpm_event");
}

void phpApacheModel(ImageInfo& info) {
  std::string footer = "<address>Apache/2.4.62 (Debian) Server at {host} Port 80</address>";
  info.respond = [footer](const ServeRequest& q) {
    std::string f = footer;
    f.replace(f.find("{host}"), 6, q.podIp);
    return Reply{q.path == "/" ? 403 : 404, apacheError(q.path == "/" ? 403 : 404, f)};
  };
  info.requestLog = std::string(kApacheAccessLog) + " \"-\" \"curl/7.88.1\"";
  info.startLogs = apacheStart("apache2", "Apache/2.4.62 (Debian) PHP/" + info.version, "mpm_prefork");
}

// The HPA walkthrough's php-apache (registry.k8s.io/hpa-example): index.php burns some CPU and
// answers "OK!" (the usage model in usage.cc charges the CPU).
void hpaExampleModel(ImageInfo& info) {
  info.respond = [](const ServeRequest&) { return Reply{200, "OK!"}; };
  info.requestLog = "";
  info.startLogs = {};
}

void wordpressModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    bool configured = false;
    if (q.container)
      for (const auto& e : q.container->env) configured |= e.name == "WORDPRESS_DB_HOST";
    // Without a reachable database WordPress answers 500; the database itself is not modelled,
    // so a configured host counts as reachable and the installer's redirect comes back.
    if (configured) return Reply{302, ""};
    return Reply{500, "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n\t<meta http-equiv=\"Content-Type\" content=\"text/html; "
                      "charset=utf-8\" />\n\t<title>Database Error</title>\n</head>\n<body id=\"error-page\">\n\t"
                      "<div class=\"wp-die-message\"><h1>Error establishing a database connection</h1></div></body>\n</html>\n"};
  };
  info.requestLog = std::string(kApacheAccessLog) + " \"-\" \"curl/7.88.1\"";
  std::vector<std::string> logs = {"WordPress not found in /var/www/html - copying now...",
                                   "Complete! WordPress has been successfully copied to /var/www/html"};
  for (auto& l : apacheStart("apache2", "Apache/2.4.62 (Debian) PHP/8.2.27", "mpm_prefork")) logs.push_back(l);
  info.startLogs = logs;
}

void caddyModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    if (q.path != "/" && q.path != "/index.html") return Reply{404, ""};
    return Reply{200, "<!DOCTYPE html>\n<html>\n<head>\n\t<title>Caddy works!</title>\n</head>\n<body>\n"
                      "\t<h1>Congratulations! Your web server is working. Now make it work for you.</h1>\n"
                      "\t<p>This is Caddy's default page, served from /usr/share/caddy.</p>\n</body>\n</html>\n"};
  };
  std::string head = "{\"level\":\"info\",\"ts\":{unix-ts},";
  info.startLogs = {
      head + "\"msg\":\"using config from file\",\"file\":\"/etc/caddy/Caddyfile\"}",
      head + "\"msg\":\"adapted config to JSON\",\"adapter\":\"caddyfile\"}",
      head + "\"logger\":\"admin\",\"msg\":\"admin endpoint started\",\"address\":\"localhost:2019\",\"enforce_origin\":false,"
             "\"origins\":[\"//localhost:2019\",\"//[::1]:2019\",\"//127.0.0.1:2019\"]}",
      "{\"level\":\"warn\",\"ts\":{unix-ts},\"logger\":\"http.auto_https\",\"msg\":\"server is listening only on the HTTP port, "
      "so no automatic HTTPS will be applied to this server\",\"server_name\":\"srv0\",\"http_port\":80}",
      head + "\"logger\":\"tls.cache.maintenance\",\"msg\":\"started background certificate maintenance\"}",
      head + "\"msg\":\"autosaved config (load with --resume flag)\",\"file\":\"/config/caddy/autosave.json\"}",
      head + "\"msg\":\"serving initial configuration\"}"};
}

void traefikModel(ImageInfo& info) {
  info.respond = [](const ServeRequest&) { return Reply{404, "404 page not found\n"}; };
  std::string v = info.version;
  info.startLogs = {"{iso} INF Traefik version " + v + " built on 2024-12-16T14:11:42Z version=" + v,
                    "{iso} INF Stats collection is disabled. Help us improve Traefik by turning this feature on :) More "
                    "details on: https://doc.traefik.io/traefik/contributing/data-collection/",
                    "{iso} INF Starting provider aggregator *aggregator.ProviderAggregator",
                    "{iso} INF Starting provider *traefik.Provider",
                    "{iso} INF Starting provider *acme.ChallengeTLSALPN"};
}

void haproxyModel(ImageInfo& info) {
  info.respond = [](const ServeRequest&) {
    return Reply{503, "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n"};
  };
  info.startLogs = {"[NOTICE]   (1) : haproxy version is " + info.version, "[NOTICE]   (1) : New worker (8) forked",
                    "[NOTICE]   (1) : Loading success."};
}

void ghostModel(ImageInfo& info) {
  std::string v = info.version;
  info.respond = [v](const ServeRequest&) {
    return Reply{200, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n    <title>Ghost</title>\n    <meta name=\"generator\" "
                      "content=\"Ghost " + v.substr(0, v.rfind('.')) + "\">\n</head>\n<body class=\"home-template\">\n"
                      "<h1>Coming soon</h1>\n</body>\n</html>\n"};
  };
  info.startLogs = {"[{ghost-time}] INFO Ghost is running in production...",
                    "[{ghost-time}] INFO Your site is now available on http://localhost:2368/",
                    "[{ghost-time}] INFO Ctrl+C to shut down", "[{ghost-time}] INFO Ghost server started in 0.892s",
                    "[{ghost-time}] INFO Database is in a ready state.", "[{ghost-time}] INFO Ghost booted in 2.114s",
                    "[{ghost-time}] INFO Adding offloaded job to the queue"};
}

void jenkinsModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    if (q.path.rfind("/login", 0) == 0) return Reply{200, "<!DOCTYPE html><html><head><title>Sign in [Jenkins]</title></head><body></body></html>"};
    return Reply{403, "<html><head><meta http-equiv='refresh' content='1;url=/login?from=%2F'/></head><body "
                      "style='background-color:white; color:white;'>\nAuthentication required\n</body></html>"};
  };
  std::string stars = "*************************************************************";
  info.startLogs = {"Running from: /usr/share/jenkins/jenkins.war", "webroot: /var/jenkins_home/war",
                    "{jenkins-time} [id=1]\tINFO\twinstone.Logger#logInternal: Beginning extraction from war file",
                    "{jenkins-time} [id=1]\tINFO\torg.eclipse.jetty.server.Server#doStart: jetty-12.0.15; JVM 17.0.13+11",
                    "{jenkins-time} [id=1]\tINFO\twinstone.Logger#logInternal: Winstone Servlet Engine running: controlPort=disabled",
                    "{jenkins-time} [id=28]\tINFO\tjenkins.InitReactorRunner$1#onAttained: Started initialization",
                    "{jenkins-time} [id=46]\tINFO\tjenkins.install.SetupWizard#init: ", "", stars, stars, stars, "",
                    "Jenkins initial setup is required. An admin user has been created and a password generated.",
                    "Please use the following password to proceed to installation:", "", "{secret}", "",
                    "This may also be found at: /var/jenkins_home/secrets/initialAdminPassword", "", stars, stars, stars, "",
                    "{jenkins-time} [id=34]\tINFO\tjenkins.InitReactorRunner$1#onAttained: Completed initialization",
                    "{jenkins-time} [id=21]\tINFO\thudson.lifecycle.Lifecycle#onReady: Jenkins is fully up and running"};
}

void grafanaModel(ImageInfo& info) {
  std::string v = info.version;
  info.respond = [v](const ServeRequest& q) {
    if (q.path == "/api/health")
      return Reply{200, "{\n  \"database\": \"ok\",\n  \"version\": \"" + v + "\",\n  \"commit\": \"b58701869e\"\n}"};
    if (q.path.rfind("/login", 0) == 0) return Reply{200, "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<title>Grafana</title>\n</head>\n<body></body>\n</html>\n"};
    return Reply{302, "<a href=\"/login\">Found</a>.\n\n"};
  };
  std::string t = "t={logfmt-time} level=info msg=";
  info.startLogs = {"logger=settings " + t + "\"Starting Grafana\" version=" + v + " commit=b58701869e branch=HEAD",
                    "logger=settings " + t + "\"Config loaded from\" file=/usr/share/grafana/conf/defaults.ini",
                    "logger=sqlstore " + t + "\"Connecting to DB\" dbtype=sqlite3",
                    "logger=migrator " + t + "\"Starting DB migrations\"",
                    "logger=migrator " + t + "\"migrations completed\" performed=0 skipped=0 duration=1.2ms",
                    "logger=http.server " + t + "\"HTTP Server Listen\" address=[::]:3000 protocol=http subUrl= socket="};
}

void prometheusModel(ImageInfo& info) {
  std::string v = info.version;
  bool v2 = v.rfind("2.", 0) == 0;
  info.respond = [v2](const ServeRequest& q) {
    if (q.path == "/-/healthy") return Reply{200, "Prometheus Server is Healthy.\n"};
    if (q.path == "/-/ready") return Reply{200, "Prometheus Server is Ready.\n"};
    if (q.path == "/metrics") return Reply{200, "# HELP up 1 if the target is up.\nprometheus_ready 1\n"};
    if (q.path == "/") return Reply{302, v2 ? "<a href=\"/graph\">Found</a>.\n\n" : "<a href=\"/query\">Found</a>.\n\n"};
    return Reply{404, "404 page not found\n"};
  };
  std::string build = "\"(version=" + v + ", branch=HEAD, revision=" + (v2 ? "6d7569113f" : "0c3df2b") + ")\"";
  if (v2) {
    info.startLogs = {"ts={logfmt-time} caller=main.go:601 level=info msg=\"Starting Prometheus Server\" mode=server version=" + build,
                      "ts={logfmt-time} caller=web.go:571 level=info component=web msg=\"Start listening for connections\" address=0.0.0.0:9090",
                      "ts={logfmt-time} caller=main.go:1320 level=info msg=\"Completed loading of configuration file\" filename=/etc/prometheus/prometheus.yml",
                      "ts={logfmt-time} caller=main.go:1060 level=info msg=\"Server is ready to receive web requests.\""};
  } else {
    info.startLogs = {"time={logfmt-time} level=INFO source=main.go:689 msg=\"Starting Prometheus Server\" mode=server version=" + build,
                      "time={logfmt-time} level=INFO source=web.go:650 msg=\"Start listening for connections\" component=web address=0.0.0.0:9090",
                      "time={logfmt-time} level=INFO source=main.go:1476 msg=\"Completed loading of configuration file\" filename=/etc/prometheus/prometheus.yml",
                      "time={logfmt-time} level=INFO source=main.go:1178 msg=\"Server is ready to receive web requests.\""};
  }
}

void registryModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    if (q.path == "/") return Reply{200, ""};
    if (q.path == "/v2/" || q.path == "/v2") return Reply{200, "{}"};
    if (q.path.rfind("/v2/_catalog", 0) == 0) return Reply{200, "{\"repositories\":[]}\n"};
    return Reply{404, "404 page not found\n"};
  };
  info.requestLog = "{client} - - [{clf}] \"GET {path} HTTP/1.1\" {status} {bytes} \"\" \"curl/7.88.1\"";
  std::string tail = " go.version=go1.20.8 service=registry version=" + info.version;
  info.startLogs = {"time=\"{iso-tz}\" level=warning msg=\"No HTTP secret provided - generated random secret. This may cause "
                    "problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, "
                    "fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.\"" + tail,
                    "time=\"{iso-tz}\" level=info msg=\"redis not configured\"" + tail,
                    "time=\"{iso-tz}\" level=info msg=\"Starting upload purge in 20m0s\"" + tail,
                    "time=\"{iso-tz}\" level=info msg=\"listening on [::]:5000\"" + tail};
}

void kubiaModel(ImageInfo& info) {
  std::string tag = info.tag;
  if (info.program == "kubia-pet") {
    info.respond = [](const ServeRequest& q) {
      return Reply{200, "You've hit " + q.pod + "\nData stored on this pod: No data posted yet\n"};
    };
  } else if (tag == "v2" || tag == "v3") {
    info.respond = [tag](const ServeRequest& q) { return Reply{200, "This is " + tag + " running in pod " + q.pod + "\n"}; };
  } else {
    info.respond = [](const ServeRequest& q) { return Reply{200, "You've hit " + q.pod + "\n"}; };
  }
  // The book's kubia-unhealthy: app.js answers 500 "I'm not well. Please restart me!" from its
  // sixth request on.
  if (info.program == "kubia-unhealthy") info.failFromRequest = 6;
  info.startLogs = {"Kubia server starting..."};
  info.requestLog = "Received request from ::ffff:{client}";
}

}  // namespace

void echoModel(ImageInfo& info);  // programs_echo.cc

void webModel(ImageInfo& info) {
  static const std::map<std::string, void (*)(ImageInfo&)> models = {
      {"nginx", nginxModel},     {"httpd", httpdModel},       {"php-apache", phpApacheModel},
      {"hpa-example", hpaExampleModel},
      {"wordpress", wordpressModel}, {"caddy", caddyModel},   {"traefik", traefikModel},
      {"haproxy", haproxyModel}, {"ghost", ghostModel},       {"jenkins", jenkinsModel},
      {"grafana", grafanaModel}, {"prometheus", prometheusModel}, {"registry", registryModel},
      {"kubia", kubiaModel},     {"kubia-unhealthy", kubiaModel}, {"kubia-pet", kubiaModel}};
  auto it = models.find(info.program);
  if (it != models.end()) return it->second(info);
  echoModel(info);
}

}  // namespace kp
