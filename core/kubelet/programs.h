// The shared program models behind the catalog's rows (ProgramKind): what an image's own
// program answers over HTTP, logs when it starts and per request, which environment it
// insists on (postgres without POSTGRES_PASSWORD exits 1 with the entrypoint's message), and
// the image-specific tools `kubectl exec` can run (redis-cli, dig, pg_isready, --version).
//   programs_common.cc   log-line tokens (timestamps in each program's own format)
//   programs_web.cc      WebServer and EchoServer answers and logs
//   programs_data.cc     TcpService start-up logs and environment checks
//   programs_run.cc      the main process of a row (dispatch per kind), shells/REPLs, batch scripts
//   exec_tools.cc        the tools
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/kubelet/images.h"
#include "core/kubelet/program.h"

namespace kp {

class Network;
struct ExecResult;

// Fills respond, startLogs and requestLog from info.kind/program (called by findImage).
void applyProgramModel(ImageInfo& info);

// What a log line's {tokens} stand for when it is written.
struct LogContext {
  Time now = 0;
  std::string pod, podIp, clientIp, path;
  int status = 0;
  size_t bytes = 0;
};
// Replaces {pod}, {ip} (pod IP), {client}, {path}, {status}, {bytes} and the clocks: {iso},
// {iso-ms}, {iso-tz} (mongo), {date} (date(1)), {clf} (access logs), {nginx-time},
// {redis-time}, {pg-time}, {mysql-time}, {rfc3339s}, {apache-time}, {logfmt-time}; {secret}
// is 32 hex digits fixed per pod (jenkins' initial password). Unknown tokens stay.
std::string expandLogLine(const std::string& line, const LogContext& ctx);

using EnvPairs = std::vector<std::pair<std::string, std::string>>;

// The main process when argv starts the image's own program `binary` ("python3"; "" when
// ENTRYPOINT is the program); `args` are what follows it (the container's args, its flags).
Program imageProgram(const ImageInfo& image, const Container& c, const std::string& binary,
                     const std::vector<std::string>& args, const EnvPairs& env);

// Per-kind parts (programs_web.cc, programs_data.cc).
void webModel(ImageInfo& info);
void dataModel(ImageInfo& info);
Program webProgram(const ImageInfo& image, const Container& c, const std::vector<std::string>& args,
                   const EnvPairs& env);
Program dataProgram(const ImageInfo& image, const std::vector<std::string>& args, const EnvPairs& env);

// A step that logs `text` with its tokens expanded when written.
ProgramStep stampedLog(const std::string& text);
// Helper for models: the value of NAME in env, "" when unset; set tells whether it was.
std::string envValue(const EnvPairs& env, const std::string& name, bool* set = nullptr);
// "--flag=value" / "-flag=value" / "--flag value" among args; "" when absent.
std::string flagValue(const std::vector<std::string>& args, const std::string& name, bool* present = nullptr);

// What `kubectl exec` finds on PATH beyond the shell's own commands; true when it ran argv.
struct ToolContext {
  const Pod& pod;
  Network& network;
  Time now;
};
bool runImageTool(const ImageInfo& image, const ToolContext& ctx, const std::vector<std::string>& argv,
                  ExecResult& r);
// A file the image ships that `cat` can read (nginx's index.html, /etc/os-release); *found false if none.
std::string imageFile(const ImageInfo& image, const Pod& pod, const std::string& path, bool* found);

}  // namespace kp
