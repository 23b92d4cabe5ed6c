// What a container's main process does over time, worked out from its image and its
// command/args the way the runtime builds argv (command replaces ENTRYPOINT, args replace CMD):
// an image's own program runs its model (programs.h: a server serves, a REPL exits), while `sleep 30`, `echo hi`, `false`, `exit 3` and
// simple `sh -c "..."` scripts (echo, sleep, exit, touch, rm, `while true; do ...; done`) run
// as a list of timed steps whose last status becomes the exit code.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/api/types.h"

namespace kp {

struct ImageInfo;

struct ProgramStep {
  enum Kind { Log, Sleep, Exit, Serve, Status, Touch, Remove, Jump, Forever, Exec } kind = Status;
  std::string text;  // Log: the line; Touch/Remove: the path
  Time ms = 0;       // Sleep
  int code = 0;      // Exit/Status: the status
  size_t target = 0; // Jump: the step to continue with
  std::vector<std::string> argv;  // Exec: a program run to completion (wget, curl, env, ...)
  bool inShell = false;           // Exec: started by sh ("sh: x: not found")
  bool stamped = false;           // Log: {tokens} in text are expanded when written (programs.h)
};

struct Program {
  std::vector<ProgramStep> steps;
  std::string notFound;  // argv[0] that the image does not have: the runtime cannot start it
  std::vector<std::string> argv;
  std::vector<std::string> startLogs;  // what a serving program logs as it starts ({tokens})
  std::vector<int> ports;              // where it listens while serving
};

// The image's default ENTRYPOINT + CMD (kubia: node app.js; busybox: sh).
std::vector<std::string> imageDefaultArgv(const ImageInfo& image);
// The main process of container c, started with environment env (postgres checks its
// password variable there). `image` may be null (unknown image: never started).
Program containerProgram(const ImageInfo* image, const Container& c,
                         const std::vector<std::pair<std::string, std::string>>& env = {});

// Go's shell-free word splitting of a `sh -c` script: words with quotes removed, and the
// separators ";", "&&", "||", "|", newline as words of their own.
std::vector<std::string> shellWords(const std::string& script);

// busybox sleep's argument ("30", "1.5", "2m", "1h", "infinity") in ms; -1 when invalid,
// kNoTime-like -2 for infinity.
Time sleepArgMillis(const std::string& arg);

}  // namespace kp
