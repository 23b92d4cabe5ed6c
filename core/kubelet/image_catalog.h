// The simulated registry's table: one row per image flavour (nginx, nginx on Alpine, php with
// Apache, ...) with its tags and sizes, its image config (ENTRYPOINT, CMD, exposed ports), what
// its filesystem holds (which shell, which tools) and which shared program model runs in it.
// Rows are data only; the models live in programs_*.cc and images.cc turns a row into ImageInfo.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace kp {

// The shared program models an image's main process follows (see programs.h).
enum class ProgramKind {
  System,        // a control-plane or infrastructure binary: runs until stopped, says nothing
  Kubia,         // the book's node.js app: "You've hit <pod>" (v2/v3: "This is v2 running in pod")
  WebServer,     // an HTTP server answering from a page table (nginx, httpd, caddy, grafana, ...)
  EchoServer,    // answers with what it was asked or given (http-echo -text, echo-server, agnhost)
  TcpService,    // a database or queue on its port with its start-up log and env requirements
  ExitsAtOnce,   // a shell or REPL as CMD: reads EOF from /dev/null and exits 0
  RunsCommand,   // CMD is a command that runs to its end (curlimages/curl: `curl` alone)
  Batch,         // a script on a timer (luksa/batch-job, luksa/fortune)
};

struct CatalogTag {
  const char* tag;
  int64_t compressedBytes;  // what the registry sends (Docker Hub's "compressed size", amd64)
  int64_t sizeBytes;        // unpacked, as `docker images` and the kubelet's "Image size" show it
  const char* version;      // the software's own version, for logs and `--version`
};

struct CatalogRow {
  const char* repository;  // "nginx", "grafana/grafana", "registry.k8s.io/pause"
  std::vector<CatalogTag> tags;
  ProgramKind kind = ProgramKind::System;
  const char* program = "";     // which model of the kind: "nginx", "postgres", "http-echo"
  std::vector<int> ports;       // the ports it listens on; the first one answers HTTP
  std::vector<std::string> entrypoint, cmd;  // the image config's ENTRYPOINT and CMD
  const char* shell = "";       // "busybox" (Alpine, busybox), "debian" (bash, coreutils), "": none
  std::vector<std::string> tools;    // further programs on PATH: "curl", "redis-cli", "dig"
  std::vector<std::string> servers;  // argv[0]s that start the image's own program ("nginx")
  bool argsAreFlags = false;    // ENTRYPOINT is the program itself: args are its flags
  int memoryMiB = 1;            // resident memory of the main process (a lower limit: OOMKilled)
  int shutdownMs = 30000;       // time to exit after SIGTERM (30000: ignores it)
};

// Every row; repositories may have several rows (one per flavour), tags are unique per repository.
const std::vector<CatalogRow>& imageCatalog();

// Megabytes as a registry lists them, rounded; the few kilobytes added back (fixed per value)
// keep byte counts from looking round, as real layer sizes never are.
constexpr int64_t MB(double megabytes) {
  return static_cast<int64_t>(megabytes * 1000 * 1000) + static_cast<int64_t>(megabytes * 104729) % 65536;
}

}  // namespace kp
