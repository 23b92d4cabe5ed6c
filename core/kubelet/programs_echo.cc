// Echo servers: programs that answer with what they were given (http-echo's -text) or asked
// (the request line, the client, the pod's name), used to show load balancing and routing:
// hashicorp/http-echo, ealen/echo-server, kennethreitz/httpbin, kicbase/echo-server (minikube's
// docs), registry.k8s.io/echoserver, hello-app (GKE's tutorial), nginxdemos/hello and the e2e
// image agnhost (serve-hostname, netexec). Headers a client sent are not simulated: answers
// show curl's.
#include <cstdlib>
#include <map>

#include "core/kubelet/programs.h"

namespace kp {

namespace {

using Reply = ServeReply;

std::vector<std::string> argsOf(const ServeRequest& q) {
  if (!q.container) return {};
  std::vector<std::string> a = q.container->command;
  a.insert(a.end(), q.container->args.begin(), q.container->args.end());
  return a;
}

void httpEchoModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    std::vector<std::string> args = argsOf(q);
    std::string text = flagValue(args, "text");
    if (text.empty() && q.container)
      for (const auto& e : q.container->env)
        if (e.name == "ECHO_TEXT") text = e.value;
    std::string code = flagValue(args, "status-code");
    return Reply{code.empty() ? 200 : std::atoi(code.c_str()), text + "\n"};
  };
  info.requestLog = "{nginx-time} {ip}:5678 {client}:41736 \"GET {path} HTTP/1.1\" {status} {bytes} \"curl/7.88.1\" 23.512µs";
}

void echoServerModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    std::string host = q.podIp + ":" + std::to_string(q.port);
    return Reply{200, "{\"host\":{\"hostname\":\"" + q.podIp + "\",\"ip\":\"::ffff:" + q.clientIp +
                          "\",\"ips\":[]},\"http\":{\"method\":\"GET\",\"baseUrl\":\"\",\"originalUrl\":\"" + q.path +
                          "\",\"protocol\":\"http\"},\"request\":{\"params\":{\"0\":\"" + q.path +
                          "\"},\"query\":{},\"cookies\":{},\"body\":{},\"headers\":{\"host\":\"" + host +
                          "\",\"user-agent\":\"curl/7.88.1\",\"accept\":\"*/*\"}},\"environment\":{\"PATH\":"
                          "\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\",\"HOSTNAME\":\"" + q.pod +
                          "\",\"NODE_VERSION\":\"20.11.0\",\"YARN_VERSION\":\"1.22.19\",\"HOME\":\"/root\"}}"};
  };
  info.startLogs = {"Listening on port 80."};
}

void httpbinModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    std::string host = q.podIp;
    std::string headers = "    \"Accept\": \"*/*\", \n    \"Host\": \"" + host + "\", \n    \"User-Agent\": \"curl/7.88.1\"\n";
    if (q.path == "/ip") return Reply{200, "{\n  \"origin\": \"" + q.clientIp + "\"\n}\n"};
    if (q.path == "/headers") return Reply{200, "{\n  \"headers\": {\n" + headers + "  }\n}\n"};
    if (q.path == "/user-agent") return Reply{200, "{\n  \"user-agent\": \"curl/7.88.1\"\n}\n"};
    if (q.path.rfind("/get", 0) == 0)
      return Reply{200, "{\n  \"args\": {}, \n  \"headers\": {\n" + headers + "  }, \n  \"origin\": \"" + q.clientIp +
                            "\", \n  \"url\": \"http://" + host + q.path + "\"\n}\n"};
    if (q.path.rfind("/status/", 0) == 0) return Reply{std::atoi(q.path.c_str() + 8), ""};
    if (q.path == "/")
      return Reply{200, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n    <meta charset=\"UTF-8\">\n    <title>httpbin.org</title>\n"
                        "</head>\n<body>\n    <h2 class=\"title\">httpbin.org\n        <small>0.9.2</small>\n    </h2>\n"
                        "    <p>A simple HTTP Request &amp; Response Service.</p>\n</body>\n</html>\n"};
    return Reply{404, "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
                      "<p>The requested URL was not found on the server.  If you entered the URL manually please check your "
                      "spelling and try again.</p>\n"};
  };
  info.startLogs = {"[{ghost-time} +0000] [1] [INFO] Starting gunicorn 19.9.0",
                    "[{ghost-time} +0000] [1] [INFO] Listening at: http://0.0.0.0:80 (1)",
                    "[{ghost-time} +0000] [1] [INFO] Using worker: gevent",
                    "[{ghost-time} +0000] [9] [INFO] Booting worker with pid: 9"};
}

void kicbaseEchoModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    return Reply{200, "Request served by " + q.pod + "\n\nHTTP/1.1 GET " + q.path + "\n\nHost: " + q.podIp + ":" +
                          std::to_string(q.port) + "\nAccept: */*\nUser-Agent: curl/7.88.1\n"};
  };
  info.startLogs = {"Echo server listening on port 8080."};
}

void echoserverModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    std::string host = q.podIp + ":" + std::to_string(q.port);
    return Reply{200, "CLIENT VALUES:\nclient_address=" + q.clientIp + "\ncommand=GET\nreal path=" + q.path +
                          "\nquery=nil\nrequest_version=1.1\nrequest_uri=http://" + host + q.path +
                          "\n\nSERVER VALUES:\nserver_version=nginx: 1.10.0 - lua: 10001\n\nHEADERS RECEIVED:\naccept=*/*\nhost=" +
                          host + "\nuser-agent=curl/7.88.1\nBODY:\n-no body in request-"};
  };
  info.requestLog = "{client} - - [{clf}] \"GET {path} HTTP/1.1\" {status} {bytes} \"-\" \"curl/7.88.1\"";
}

void helloAppModel(ImageInfo& info) {
  std::string v = info.version;
  info.respond = [v](const ServeRequest& q) {
    return Reply{200, "Hello, world!\nVersion: " + v + "\nHostname: " + q.pod + "\n"};
  };
  info.startLogs = {"{nginx-time} Server listening on port 8080"};
  info.requestLog = "{nginx-time} Serving request: {path}";
}

void nginxdemosModel(ImageInfo& info) {
  bool plain = info.tag == "plain-text";
  info.respond = [plain](const ServeRequest& q) {
    std::string addr = q.podIp + ":" + std::to_string(q.port);
    LogContext ctx;
    ctx.now = q.now;
    std::string date = expandLogLine("{clf}", ctx);
    if (plain)
      return Reply{200, "Server address: " + addr + "\nServer name: " + q.pod + "\nDate: " + date + "\nURI: " + q.path +
                            "\nRequest ID: " + expandLogLine("{secret}", LogContext{q.now, q.pod + date}) + "\n"};
    return Reply{200, "<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World</title>\n</head>\n<body>\n"
                      "<p><span>Server&nbsp;address:</span> <span>" + addr + "</span></p>\n<p><span>Server&nbsp;name:</span> "
                      "<span>" + q.pod + "</span></p>\n<p class=\"smaller\"><span>Date:</span> <span>" + date +
                      "</span></p>\n<p class=\"smaller\"><span>URI:</span> <span>" + q.path + "</span></p>\n</body>\n</html>\n"};
  };
  info.requestLog = "{client} - - [{clf}] \"GET {path} HTTP/1.1\" {status} {bytes} \"-\" \"curl/7.88.1\" \"-\"";
}

// agnhost's answer depends on its subcommand: serve-hostname answers the pod's name; netexec
// answers "NOW: <time>" on / and knows /hostname, /echo?msg= and /clientip.
void agnhostModel(ImageInfo& info) {
  info.respond = [](const ServeRequest& q) {
    std::vector<std::string> args = argsOf(q);
    bool netexec = false;
    for (const auto& a : args) netexec |= a == "netexec";
    if (!netexec) return Reply{200, q.pod};
    if (q.path == "/hostname") return Reply{200, q.pod};
    if (q.path == "/clientip") return Reply{200, q.clientIp + ":41736"};
    if (q.path == "/healthz") return Reply{200, ""};
    if (q.path.rfind("/echo?msg=", 0) == 0) return Reply{200, q.path.substr(10)};
    LogContext ctx;
    ctx.now = q.now;
    return Reply{200, "NOW: " + expandLogLine("{pg-time}", ctx)};
  };
}

}  // namespace

void echoModel(ImageInfo& info) {
  static const std::map<std::string, void (*)(ImageInfo&)> models = {
      {"http-echo", httpEchoModel},       {"echo-server", echoServerModel}, {"httpbin", httpbinModel},
      {"kicbase-echo", kicbaseEchoModel}, {"echoserver", echoserverModel},  {"hello-app", helloAppModel},
      {"nginxdemos", nginxdemosModel},    {"agnhost", agnhostModel}};
  auto it = models.find(info.program);
  if (it != models.end()) it->second(info);
}

}  // namespace kp
