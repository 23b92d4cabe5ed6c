// A client-side watch for the waiting kubectl commands (get -w, rollout status): the store's
// change notifications for one resource are buffered as they happen and handed to the command
// when its Execution is polled, so that no intermediate state is lost between polls. The watch
// ends when the command finishes.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "core/apiserver/store.h"
#include "core/kubectl/cmd_common.h"
#include "core/kubectl/printers.h"

namespace kp {

struct WatchBuffer {
  struct Item {
    WatchEvent event;
    Time at;  // when it happened: the server renders the watch event's row then
  };
  std::vector<Item> events;
  std::vector<Item> take() {
    std::vector<Item> out;
    out.swap(events);
    return out;
  }
};

// Starts buffering the events of resource `r` for which `match` is true; unregistered when
// env's execution finishes.
std::shared_ptr<WatchBuffer> startWatch(CmdEnv& env, const ResourceInfo& r,
                                        std::function<bool(const Object&)> match);

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
