// Watches through the API for the kubectl commands that wait on changes (get -w, rollout
// status, wait, delete): a `?watch=true` stream opened from a list's resourceVersion, as
// client-go's watch.Interface gives them; the events are read whenever the command's
// Execution is polled (after the clock moved), so no intermediate state is lost. The stream
// is cancelled when the command finishes.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"

namespace kp {

class ApiWatch {
 public:
  struct Event {
    std::string type;    // ADDED, MODIFIED, DELETED, BOOKMARK, ERROR
    Json object;         // the object (or a one-row Table, or the Status of an ERROR)
  };
  // Opens the watch; the Status when the server refuses it.
  static Result<std::shared_ptr<ApiWatch>> open(CmdEnv& env, const ResourceInfo& r, const std::string& ns,
                                                const std::string& resourceVersion, const std::string& labelSelector,
                                                const std::string& fieldSelector, bool table);
  // The events since the last call (BOOKMARKs left out).
  std::vector<Event> next();
  // The server ended the stream (a timeout, an error): what `watch` returns as closed.
  bool ended() const { return stream_->ended(); }

 private:
  std::shared_ptr<Stream> stream_;
};

// `kubectl get -w|--watch-only` after the arguments were resolved: prints the current state
// (unless watch-only), then one row per change until the execution is interrupted.
struct GetWatchOptions {
  std::string output;  // "", "wide", "name", "json", "yaml"
  TablePrintOptions table;
  bool watchOnly = false;
  bool ignoreNotFound = false;
};
void watchGet(CmdEnv& env, const Resolved& res, const GetWatchOptions& opts);

}  // namespace kp
