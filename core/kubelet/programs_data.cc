// Databases and queues (TcpService): they listen on their port and answer no HTTP. Their
// entrypoint scripts insist on a password variable before initialising a database, and exit 1
// with the script's own message when it is missing (postgres, mysql, mariadb), which makes the
// pod crash-loop as on a real cluster. Start-up logs are the lines each server prints.
#include <map>

#include "core/kubelet/programs.h"

namespace kp {

namespace {

std::vector<std::string> redisLogs(const std::string& v) {
  return {"1:C {redis-time} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
          "1:C {redis-time} * Redis version=" + v + ", bits=64, commit=00000000, modified=0, pid=1, just started",
          "1:C {redis-time} # Warning: no config file specified, using the default config. In order to specify a config "
          "file use redis-server /path/to/redis.conf",
          "1:M {redis-time} * monotonic clock: POSIX clock_gettime",
          "1:M {redis-time} * Running mode=standalone, port=6379.",
          "1:M {redis-time} * Server initialized",
          "1:M {redis-time} * Ready to accept connections tcp"};
}

std::vector<std::string> postgresLogs(const std::string& v) {
  std::string major = v.substr(0, v.find('.'));
  return {"The files belonging to this database system will be owned by user \"postgres\".",
          "This user must also own the server process.", "",
          "The database cluster will be initialized with locale \"en_US.utf8\".",
          "The default database encoding has accordingly been set to \"UTF8\".",
          "The default text search configuration will be set to \"english\".", "", "Data page checksums are disabled.", "",
          "fixing permissions on existing directory /var/lib/postgresql/data ... ok", "creating subdirectories ... ok",
          "selecting dynamic shared memory implementation ... posix", "selecting default \"max_connections\" ... 100",
          "selecting default \"shared_buffers\" ... 128MB", "selecting default time zone ... Etc/UTC",
          "creating configuration files ... ok", "running bootstrap script ... ok",
          "performing post-bootstrap initialization ... ok", "syncing data to disk ... ok", "", "", "Success. You can now start "
          "the database server using:", "", "    pg_ctl -D /var/lib/postgresql/data -l logfile start", "",
          "waiting for server to start....{pg-time} [48] LOG:  starting PostgreSQL " + v + " (Debian " + v +
              "-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit",
          "{pg-time} [48] LOG:  database system is ready to accept connections", " done", "server started", "",
          "/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*", "",
          "waiting for server to shut down....{pg-time} [48] LOG:  database system is shut down", " done", "server stopped", "",
          "PostgreSQL init process complete; ready for start up.", "",
          "{pg-time} [1] LOG:  starting PostgreSQL " + v + " (Debian " + v + "-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled "
          "by gcc (Debian 12.2.0-14) 12.2.0, 64-bit",
          "{pg-time} [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432",
          "{pg-time} [1] LOG:  listening on IPv6 address \"::\", port 5432",
          "{pg-time} [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"",
          "{pg-time} [1] LOG:  database system is ready to accept connections"};
}

// `package` is the version the entrypoint names (MySQL's RPM release, MariaDB's Debian epoch).
std::vector<std::string> mysqlLogs(const std::string& product, const std::string& v, const std::string& package,
                                   bool mariadb) {
  std::string e = "{rfc3339s} [Note] [Entrypoint]: ";
  std::string started = e + "Entrypoint script for " + product + " Server " + package + " started.";
  std::vector<std::string> l = {started, e + "Switching to dedicated user 'mysql'", started,
                                e + "Initializing database files"};
  if (mariadb) {
    l.push_back(e + "Database files initialized");
    l.push_back(e + "Starting temporary server");
    l.push_back(e + "Temporary server started.");
    l.push_back(e + "Stopping temporary server");
    l.push_back(e + "Temporary server stopped");
    l.push_back("");
    l.push_back(e + "MariaDB init process done. Ready for start up.");
    l.push_back("");
    l.push_back("{ghost-time} 0 [Note] Starting MariaDB " + v + " source revision 0 server_uid 0 as process 1");
    l.push_back("{ghost-time} 0 [Note] mariadbd: ready for connections.");
    l.push_back("Version: '" + v + "'  socket: '/run/mysqld/mysqld.sock'  port: 3306  mariadb.org binary distribution");
    return l;
  }
  l.push_back(e + "Database files initialized");
  l.push_back(e + "Starting temporary server");
  l.push_back(e + "Temporary server started.");
  l.push_back(e + "Stopping temporary server");
  l.push_back(e + "Temporary server stopped");
  l.push_back("");
  l.push_back(e + "MySQL init process done. Ready for start up.");
  l.push_back("");
  l.push_back("{mysql-time} 0 [System] [MY-015015] [Server] MySQL Server - start.");
  l.push_back("{mysql-time} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld " + v + ") starting as process 1");
  l.push_back("{mysql-time} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, "
              "socket: /var/run/mysqld/mysqlx.sock");
  l.push_back("{mysql-time} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '" + v +
              "'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.");
  return l;
}

std::vector<std::string> mongoLogs(const std::string& v) {
  std::string t = "{\"t\":{\"$date\":\"{iso-tz}\"},\"s\":\"I\",  ";
  return {t + "\"c\":\"CONTROL\",  \"id\":23285,   \"ctx\":\"main\",\"msg\":\"Automatically disabling TLS 1.0, to force-enable TLS 1.0 "
              "specify --sslDisabledProtocols 'none'\"}",
          t + "\"c\":\"CONTROL\",  \"id\":4615611, \"ctx\":\"initandlisten\",\"msg\":\"MongoDB starting\",\"attr\":{\"pid\":1,"
              "\"port\":27017,\"dbPath\":\"/data/db\",\"architecture\":\"64-bit\",\"host\":\"{pod}\"}}",
          t + "\"c\":\"CONTROL\",  \"id\":23403,   \"ctx\":\"initandlisten\",\"msg\":\"Build Info\",\"attr\":{\"buildInfo\":"
              "{\"version\":\"" + v + "\"}}}",
          t + "\"c\":\"NETWORK\",  \"id\":23015,   \"ctx\":\"listener\",\"msg\":\"Listening on\",\"attr\":{\"address\":\"0.0.0.0\"}}",
          t + "\"c\":\"NETWORK\",  \"id\":23016,   \"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":27017,"
              "\"ssl\":\"off\"}}"};
}

std::vector<std::string> rabbitLogs(const std::string& v, bool management) {
  std::string p = "{iso-ms} [info] <0.9.0> ";
  std::vector<std::string> l = {p + "Starting RabbitMQ " + v + " on Erlang 26.2.5.6 [jit]",
                                p + "node           : rabbit@{pod}",
                                p + "home dir       : /var/lib/rabbitmq",
                                p + "Running boot step rabbit_core_metrics_gc defined by app rabbit",
                                p + "started TCP listener on [::]:5672"};
  if (management) l.push_back(p + "Management plugin: HTTP (non-TLS) listener started on port 15672");
  l.push_back(p + "Server startup complete; " + std::string(management ? "5" : "0") + " plugins started.");
  return l;
}

// What the entrypoint prints when no password option is set, and whether one is.
bool passwordMissing(const ImageInfo& image, const EnvPairs& env, std::vector<std::string>& message) {
  auto has = [&](const char* name) { return !envValue(env, name).empty(); };
  if (image.program == "postgres") {
    if (has("POSTGRES_PASSWORD") || envValue(env, "POSTGRES_HOST_AUTH_METHOD") == "trust") return false;
    message = {"Error: Database is uninitialized and superuser password is not specified.",
               "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
               "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".", "",
               "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all",
               "       connections without a password. This is *not* recommended.", "",
               "       See PostgreSQL documentation about \"trust\":",
               "       https://www.postgresql.org/docs/current/auth-trust.html"};
    return true;
  }
  std::string e = "{rfc3339s} [Note] [Entrypoint]: ";
  if (image.program == "mysql") {
    if (has("MYSQL_ROOT_PASSWORD") || has("MYSQL_ALLOW_EMPTY_PASSWORD") || has("MYSQL_RANDOM_ROOT_PASSWORD")) return false;
    std::string started = e + "Entrypoint script for MySQL Server " + image.version + "-1.el9 started.";
    message = {started, e + "Switching to dedicated user 'mysql'", started,
               "{rfc3339s} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
               "    You need to specify one of the following as an environment variable:", "    - MYSQL_ROOT_PASSWORD",
               "    - MYSQL_ALLOW_EMPTY_PASSWORD", "    - MYSQL_RANDOM_ROOT_PASSWORD"};
    return true;
  }
  if (image.program == "mariadb") {
    for (const char* n : {"MARIADB_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD_HASH", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD",
                          "MARIADB_RANDOM_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD",
                          "MYSQL_RANDOM_ROOT_PASSWORD"})
      if (has(n)) return false;
    std::string started = e + "Entrypoint script for MariaDB Server 1:" + image.version + "+maria~ubu2404 started.";
    message = {started, e + "Switching to dedicated user 'mysql'", started,
               "{rfc3339s} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified",
               "\tYou need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, "
               "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD"};
    return true;
  }
  return false;
}

}  // namespace

void dataModel(ImageInfo& info) {
  const std::string& p = info.program;
  const std::string& v = info.version;
  if (p == "redis") info.startLogs = redisLogs(v);
  else if (p == "postgres") info.startLogs = postgresLogs(v);
  else if (p == "mysql") info.startLogs = mysqlLogs("MySQL", v, v + "-1.el9", false);
  else if (p == "mariadb") info.startLogs = mysqlLogs("MariaDB", v, "1:" + v + "+maria~ubu2404", true);
  else if (p == "mongo") info.startLogs = mongoLogs(v);
  else if (p == "rabbitmq" || p == "rabbitmq-management") info.startLogs = rabbitLogs(v, p == "rabbitmq-management");
  else if (p == "php-fpm")
    info.startLogs = {"[{clf}] NOTICE: fpm is running, pid 1", "[{clf}] NOTICE: ready to handle connections"};
  if (p == "rabbitmq-management")
    info.respond = [](const ServeRequest& q) {
      if (q.port != 15672) return ServeReply{0, ""};
      return ServeReply{200, "<!DOCTYPE html>\n<html>\n  <head>\n    <title>RabbitMQ Management</title>\n  </head>\n"
                             "  <body>\n    <div id=\"outer\"></div>\n  </body>\n</html>\n"};
    };
}

Program dataProgram(const ImageInfo& image, const std::vector<std::string>&, const EnvPairs& env) {
  Program p;
  std::vector<std::string> message;
  if (passwordMissing(image, env, message)) {
    for (const auto& line : message) p.steps.push_back(stampedLog(line));
    p.steps.push_back({ProgramStep::Exit, "", 0, 1, 0});
    return p;
  }
  p.steps.push_back({ProgramStep::Serve, "", 0, 0, 0});
  p.startLogs = image.startLogs;
  p.ports = image.ports;
  return p;
}

}  // namespace kp
