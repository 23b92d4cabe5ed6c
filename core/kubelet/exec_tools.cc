// The image-specific programs `kubectl exec` can run (exec.h runs the shell's own commands):
// database clients' health checks (redis-cli ping, pg_isready, mysqladmin ping, mongosh,
// rabbitmq-diagnostics ping), DNS tools answering as the cluster DNS would (dig, host and
// bind's nslookup in tutum/dnsutils, jessie-dnsutils, netshoot), `--version` of the image's
// own binaries, and the files the images ship (nginx's index.html, jenkins' initial password).
#include <cstdio>

#include "core/kubelet/exec.h"
#include "core/kubelet/programs.h"
#include "core/network/network.h"

namespace kp {

namespace {

std::string baseName(const std::string& p) {
  auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

bool onPath(const ImageInfo& image, const std::string& bin) {
  for (const auto& t : image.tools)
    if (t == bin) return true;
  for (const auto& s : image.servers)
    if (baseName(s) == bin) return true;
  return bin == "go" && image.repository == "golang";
}

bool contains(const std::vector<std::string>& argv, const std::string& word) {
  for (size_t i = 1; i < argv.size(); i++)
    if (argv[i] == word) return true;
  return false;
}

// `BIN --version` and friends: (binary, the flag that asks, what it prints, on stderr?).
bool versionOf(const ImageInfo& image, const std::vector<std::string>& argv, ExecResult& r) {
  struct Row {
    const char* bin;
    std::vector<std::string> flags;
    std::string text;
    bool err;
  };
  const std::string v = image.version;
  const std::vector<Row> rows = {
      {"nginx", {"-v", "-V"}, "nginx version: nginx/" + v, true},
      {"httpd", {"-v"}, "Server version: Apache/" + v + " (Unix)\nServer built:   Nov  5 2024 00:00:00", false},
      {"python3", {"--version", "-V"}, "Python " + v, false},
      {"python", {"--version", "-V"}, "Python " + v, false},
      {"node", {"--version", "-v"}, "v" + v, false},
      {"go", {"version"}, "go version go" + v + " linux/amd64", false},
      {"java", {"-version", "--version"}, "openjdk version \"" + v + "\"", true},
      {"ruby", {"-v", "--version"}, "ruby " + v + " (2024-12-25 revision 48d4efcb85) +PRISM [x86_64-linux]", false},
      {"php", {"-v", "--version"}, "PHP " + v + " (cli) (built: Dec 19 2024 00:00:00) (NTS)", false},
      {"redis-server", {"--version", "-v"}, "Redis server v=" + v + " sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=ed3c8ba3f0ec3b2e", false},
      {"redis-cli", {"--version", "-v"}, "redis-cli " + v, false},
      {"postgres", {"--version", "-V"}, "postgres (PostgreSQL) " + v + " (Debian " + v + "-1.pgdg120+1)", false},
      {"psql", {"--version", "-V"}, "psql (PostgreSQL) " + v + " (Debian " + v + "-1.pgdg120+1)", false},
      {"mysql", {"--version", "-V"}, "mysql  Ver " + v + " for Linux on x86_64 (MySQL Community Server - GPL)", false},
      {"mongod", {"--version"}, "db version v" + v, false},
      {"caddy", {"version"}, "v" + v + " h1:cvqVwLk3cMjBxBYLNs2j4pxMvNUgeFnaWjAIcr6a3Gc=", false},
      {"traefik", {"version"}, "Version:      " + v + "\nCodename:     saintnectaire\nGo version:   go1.23.4\nBuilt:        2024-12-16T14:11:42Z\nOS/Arch:      linux/amd64", false},
      {"prometheus", {"--version"}, "prometheus, version " + v + " (branch: HEAD, revision: 0c3df2b)", false},
  };
  if (argv.size() != 2) return false;
  std::string bin = baseName(argv[0]);
  for (const auto& row : rows) {
    if (bin != row.bin || !onPath(image, bin)) continue;
    for (const auto& f : row.flags)
      if (argv[1] == f) {
        (row.err ? r.errOut : r.out) += row.text + "\n";
        r.exitCode = 0;
        return true;
      }
  }
  return false;
}

// dig NAME [+short]: an absolute query (dig does not use the search list) to 10.96.0.10.
void dig(const ToolContext& ctx, const std::vector<std::string>& argv, ExecResult& r) {
  std::string name;
  bool brief = false;
  for (size_t i = 1; i < argv.size(); i++) {
    if (argv[i] == "+short") brief = true;
    else if (!argv[i].empty() && argv[i][0] != '+' && argv[i][0] != '@' && argv[i][0] != '-' && argv[i] != "A") name = argv[i];
  }
  if (name.empty()) name = ".";
  std::string fqdn, absolute = name.back() == '.' ? name : name + ".";
  std::string ip = ctx.network.resolve(ctx.pod.metadata.namespace_, absolute, &fqdn);
  r.exitCode = 0;
  if (brief) {
    if (!ip.empty()) r.out += ip + "\n";
    return;
  }
  LogContext when;
  when.now = ctx.now;
  r.out += "\n; <<>> DiG 9.18.30 <<>> " + name + "\n;; global options: +cmd\n;; Got answer:\n";
  r.out += ";; ->>HEADER<<- opcode: QUERY, status: " + std::string(ip.empty() ? "NXDOMAIN" : "NOERROR") + ", id: 41723\n";
  r.out += ";; flags: qr aa rd; QUERY: 1, ANSWER: " + std::string(ip.empty() ? "0" : "1") + ", AUTHORITY: " +
           (ip.empty() ? "1" : "0") + ", ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n";
  r.out += ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;" + absolute + "\t\tIN\tA\n\n";
  if (!ip.empty()) r.out += ";; ANSWER SECTION:\n" + absolute + "\t30\tIN\tA\t" + ip + "\n\n";
  else r.out += ";; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1733577600 7200 1800 86400 30\n\n";
  r.out += ";; Query time: 0 msec\n;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)\n;; WHEN: " + expandLogLine("{date}", when) +
           "\n;; MSG SIZE  rcvd: " + std::to_string(absolute.size() + (ip.empty() ? 120 : 64)) + "\n\n";
}

// bind's nslookup and host use the pod's search list (resolv.conf, ndots:5).
void bindLookup(const ToolContext& ctx, const std::vector<std::string>& argv, ExecResult& r, bool host) {
  std::string name;
  for (size_t i = 1; i < argv.size(); i++)
    if (!argv[i].empty() && argv[i][0] != '-') {
      name = argv[i];
      break;
    }
  if (name.empty()) {
    r.exitCode = host ? 1 : 0;
    if (host) r.errOut += "Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n";
    return;
  }
  std::string fqdn;
  std::string ip = ctx.network.resolve(ctx.pod.metadata.namespace_, name, &fqdn);
  if (host) {
    if (ip.empty()) {
      r.out += "Host " + name + " not found: 3(NXDOMAIN)\n";
      r.exitCode = 1;
    } else {
      r.out += fqdn + " has address " + ip + "\n";
    }
    return;
  }
  r.out += "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n";
  if (ip.empty()) {
    r.out += "** server can't find " + name + ": NXDOMAIN\n\n";
    r.exitCode = 1;
    return;
  }
  r.out += "Name:\t" + fqdn + "\nAddress: " + ip + "\n\n";
}

void redisCli(const ImageInfo& image, const ToolContext& ctx, const std::vector<std::string>& argv, ExecResult& r) {
  std::string host = "127.0.0.1", port = "6379";
  std::vector<std::string> cmd;
  for (size_t i = 1; i < argv.size(); i++) {
    if ((argv[i] == "-h" || argv[i] == "-p" || argv[i] == "-a" || argv[i] == "-n") && i + 1 < argv.size()) {
      if (argv[i] == "-h") host = argv[i + 1];
      if (argv[i] == "-p") port = argv[i + 1];
      i++;
    } else if (argv[i] == "--no-auth-warning" || argv[i] == "--raw") {
    } else {
      cmd.push_back(argv[i]);
    }
  }
  r.exitCode = 0;
  if (host != "127.0.0.1" && host != "localhost" && ctx.network.resolve(ctx.pod.metadata.namespace_, host, nullptr).empty()) {
    r.errOut += "Could not connect to Redis at " + host + ":" + port + ": Name or service not known\n";
    r.exitCode = 1;
    return;
  }
  if (cmd.empty()) return;  // interactive, and stdin is not a terminal: nothing to read
  std::string c = cmd[0];
  for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (c == "ping") r.out += cmd.size() > 1 ? cmd[1] + "\n" : "PONG\n";
  else if (c == "echo" && cmd.size() > 1) r.out += cmd[1] + "\n";
  else if (c == "set" && cmd.size() > 2) r.out += "OK\n";
  else if (c == "dbsize") r.out += "(integer) 0\n";
  else if (c == "info") r.out += "# Server\r\nredis_version:" + image.version + "\r\nredis_mode:standalone\r\ntcp_port:6379\r\n";
  else {
    std::string args;
    for (size_t i = 1; i < cmd.size(); i++) args += "'" + cmd[i] + "' ";
    r.out += "(error) ERR unknown command '" + cmd[0] + "', with args beginning with: " + args + "\n";
  }
}

bool databaseTool(const ImageInfo& image, const ToolContext& ctx, const std::vector<std::string>& argv, ExecResult& r) {
  std::string bin = baseName(argv[0]);
  r.exitCode = 0;
  if (bin == "pg_isready") {
    std::string host = "/var/run/postgresql";
    for (size_t i = 1; i + 1 < argv.size(); i++)
      if (argv[i] == "-h") host = argv[i + 1];
    r.out += host + ":5432 - accepting connections\n";
  } else if (bin == "psql") {
    bool query = false;
    for (size_t i = 1; i + 1 < argv.size(); i++) query |= argv[i] == "-c";
    if (query) r.out += " ?column? \n----------\n        1\n(1 row)\n\n";
  } else if ((bin == "mysqladmin" || bin == "mariadb-admin") && contains(argv, "ping")) {
    r.out += "mysqld is alive\n";
  } else if (bin == "mongosh") {
    if (contains(argv, "--version")) r.out += "2.3.4\n";
    else if (contains(argv, "--eval")) r.out += "{ ok: 1 }\n";
  } else if (bin == "rabbitmq-diagnostics" && contains(argv, "ping")) {
    r.out += "Will ping rabbit@" + ctx.pod.metadata.name + ". This only checks if the OS process is running and "
             "registered with epmd. Timeout: 60000 ms.\nPing succeeded\n";
  } else if (bin == "rabbitmq-diagnostics" || bin == "rabbitmqctl" || bin == "mysql" || bin == "mariadb" ||
             bin == "mysqladmin" || bin == "mariadb-admin") {
    (void)image;  // their other commands answer nothing here
  } else {
    return false;
  }
  return true;
}

}  // namespace

bool runImageTool(const ImageInfo& image, const ToolContext& ctx, const std::vector<std::string>& argv, ExecResult& r) {
  if (argv.empty()) return false;
  std::string bin = baseName(argv[0]);
  if (versionOf(image, argv, r)) return true;
  if (!onPath(image, bin)) return false;
  if (bin == "dig") return dig(ctx, argv, r), true;
  if (bin == "nslookup" || bin == "host") return bindLookup(ctx, argv, r, bin == "host"), true;
  if (bin == "redis-cli") return redisCli(image, ctx, argv, r), true;
  return databaseTool(image, ctx, argv, r);
}

std::string imageFile(const ImageInfo& image, const Pod& pod, const std::string& path, bool* found) {
  *found = true;
  if (image.program == "nginx" && path == "/usr/share/nginx/html/index.html" && image.respond) {
    ServeRequest q;
    q.path = "/";
    return image.respond(q).body;
  }
  if (image.program == "httpd" && path == "/usr/local/apache2/htdocs/index.html")
    return "<html><body><h1>It works!</h1></body></html>\n";
  if (image.program == "jenkins" && path == "/var/jenkins_home/secrets/initialAdminPassword") {
    LogContext ctx;
    ctx.pod = pod.metadata.name;
    return expandLogLine("{secret}", ctx) + "\n";
  }
  if (path == "/etc/alpine-release" && image.shell == "busybox" && image.repository == "alpine") return image.version + "\n";
  if (path == "/etc/os-release") {
    if (image.repository == "alpine")
      return "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=" + image.version + "\nPRETTY_NAME=\"Alpine Linux v" +
             image.version.substr(0, image.version.rfind('.')) + "\"\nHOME_URL=\"https://alpinelinux.org/\"\n"
             "BUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n";
    if (image.repository == "ubuntu")
      return "PRETTY_NAME=\"Ubuntu " + image.version + " LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"" + image.version + "\"\nID=ubuntu\nID_LIKE=debian\n";
    if (image.shell == "debian" && image.repository != "centos" && image.repository != "fedora" &&
        image.repository != "amazonlinux")
      return "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\n"
             "VERSION_CODENAME=bookworm\nID=debian\n";
  }
  *found = false;
  return "";
}

}  // namespace kp
