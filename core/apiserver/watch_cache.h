// The API server's watches (`?watch=true`): a bounded log of the latest changes, so that a
// watch can start from the resourceVersion a list returned (as the apiserver's watch cache
// lets it), and the open watch streams, each handed the changes that match its filter as
// they happen. Semantics follow the real server: resourceVersion unset or "0" starts with a
// synthetic ADDED per existing object; N replays what came after N, or ends at once with an
// ERROR event carrying 410 Expired when N is older than the log; an object that stops
// matching a label or field selector is seen as DELETED, one that starts matching as ADDED;
// allowWatchBookmarks adds BOOKMARK events; timeoutSeconds ends the stream (simulated time).
// A Table Accept header renders each event's object as a one-row Table, with the column
// definitions in the first only (watch.go: "only want to print table headers on the first").
#pragma once
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/api/selector.h"
#include "core/apiserver/rest.h"
#include "core/apiserver/store.h"

namespace kp {

// What a watch request asks for, parsed and validated by the request handler.
struct WatchRequest {
  const ResourceInfo* resource = nullptr;
  std::string ns;                  // "" = every namespace (or a cluster-scoped resource)
  Selector labels;
  FieldSelector fields;
  std::string resourceVersion;     // "", "0" or a number
  bool bookmarks = false;          // allowWatchBookmarks=true
  std::optional<int64_t> timeoutSeconds;
  bool table = false;              // render Tables (Accept: ...;as=Table)
};

class WatchStream;

class WatchCache {
 public:
  // The number of changes kept for resuming, per resource.
  static constexpr size_t kLogSize = 10000;
  // How far behind a stream may fall before it is ended (a client that stopped reading).
  static constexpr size_t kMaxPending = 200000;
  // The interval of BOOKMARK events on a quiet watch, as the cacher's bookmark timer.
  static constexpr Time kBookmarkEvery = 60000;

  WatchCache(const Store& store, const Clock& clock);
  ~WatchCache();
  WatchCache(const WatchCache&) = delete;
  WatchCache& operator=(const WatchCache&) = delete;

  // Opens a watch; the Response carries the Stream (or a Status when it cannot start).
  Response open(const WatchRequest& req);

 private:
  struct Change {
    WatchType type;
    const ResourceInfo* resource;
    ObjectPtr object, old;
    int64_t rv;
    Time at;
  };
  void onChange(const WatchEvent& e);

  const Store& store_;
  const Clock& clock_;
  int watcherId_ = 0;
  struct Log {
    std::deque<Change> changes;
    int64_t lastDropped = 0;  // the newest version no longer in `changes` (0: nothing dropped)
  };
  std::unordered_map<const ResourceInfo*, Log> logs_;
  std::unordered_map<const ResourceInfo*, std::vector<std::weak_ptr<WatchStream>>> streams_;
  // Streams may outlive the cache (a front end still holds one): they see this expire.
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);
  friend class WatchStream;
};

}  // namespace kp
