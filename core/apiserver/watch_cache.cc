// Watch streams and the change log they start from (see watch_cache.h).
#include "core/apiserver/watch_cache.h"

#include <algorithm>
#include <cstdlib>

#include "core/apiserver/fields.h"
#include "core/apiserver/tables.h"

namespace kp {

class WatchStream : public Stream {
 public:
  WatchStream(const WatchRequest& req, const Store& store, const Clock& clock, std::weak_ptr<int> alive)
      : req_(req), store_(store), clock_(clock), alive_(std::move(alive)) {
    lastSent_ = clock.now();
    if (req.timeoutSeconds) deadline_ = clock.now() + std::min<int64_t>(*req.timeoutSeconds, int64_t{1} << 30) * 1000;
  }

  Kind kind() const override { return Kind::Watch; }
  bool ended() const override { return ended_ && pending_.empty(); }
  void cancel() override {
    ended_ = true;
    pending_.clear();
  }
  Time wakeAt() const override {
    if (ended_) return kNoTime;
    Time bookmark = req_.bookmarks ? lastSent_ + WatchCache::kBookmarkEvery : kNoTime;
    if (deadline_ == kNoTime) return bookmark;
    return bookmark == kNoTime ? deadline_ : std::min(bookmark, deadline_);
  }

  bool matches(const Object& o) const {
    if (req_.resource->namespaced && !req_.ns.empty() && o.metadata.namespace_ != req_.ns) return false;
    if (!req_.labels.matches(o.metadata.labels)) return false;
    return req_.fields.matches([&o](const std::string& f) { return selectableField(o, f); });
  }

  // A change of this stream's resource: the event a client sees, if any.
  void offer(WatchType type, const ObjectPtr& object, const ObjectPtr& old, int64_t rv, Time at) {
    if (ended_) return;
    bool now = matches(*object);
    bool before = old && matches(*old);
    if (type == WatchType::Modified && !now && !before) return;
    if (type != WatchType::Modified && !now) return;
    const char* name = type == WatchType::Added ? "ADDED" : type == WatchType::Deleted ? "DELETED" : "MODIFIED";
    ObjectPtr shown = object;
    if (type == WatchType::Modified && before && !now) {
      name = "DELETED";  // left the selection
      shown = old;
    } else if (type == WatchType::Modified && now && !before) {
      name = "ADDED";  // entered the selection
    }
    if (pending_.size() >= WatchCache::kMaxPending) {  // the client stopped reading
      ended_ = true;
      return;
    }
    pending_.push_back({name, shown, rv, at, type == WatchType::Deleted || shown != object});
  }

  void fail(const Status& s) {
    Pending p;
    p.type = "ERROR";
    p.error = s.toJson();
    pending_.push_back(std::move(p));
    ended_ = true;
  }

  std::vector<StreamChunk> take() override {
    std::vector<StreamChunk> out;
    if (alive_.expired()) ended_ = true;
    for (auto& p : pending_) out.push_back(render(p));
    pending_.clear();
    if (ended_ || alive_.expired()) return out;
    Time now = clock_.now();
    if (!out.empty()) lastSent_ = now;
    bool timedOut = deadline_ != kNoTime && now >= deadline_;
    if (req_.bookmarks && (now - lastSent_ >= WatchCache::kBookmarkEvery || timedOut)) {
      out.push_back(bookmark());
      lastSent_ = now;
    }
    if (timedOut) ended_ = true;
    return out;
  }

 private:
  struct Pending {
    std::string type;
    ObjectPtr object;
    int64_t rv = 0;
    Time at = 0;
    bool restamp = false;  // a deletion (or a leaving object) shows the change's own version
    Json error;
  };

  StreamChunk render(Pending& p) {
    StreamChunk c;
    c.channel = 0;
    if (p.type == "ERROR") {
      c.event = {{"type", "ERROR"}, {"object", p.error}};
      return c;
    }
    ObjectPtr obj = p.object;
    if (p.restamp) {
      auto copy = obj->clone();
      copy->metadata.resourceVersion = std::to_string(p.rv);
      obj = std::move(copy);
    }
    Json shown;
    if (req_.table) {
      shown = renderTable(*req_.resource, {obj}, p.at, p.rv);
      if (headerSent_) shown["columnDefinitions"] = nullptr;
      headerSent_ = true;
    } else {
      shown = obj->toJson();
    }
    c.event = {{"type", p.type}, {"object", std::move(shown)}};
    return c;
  }

  StreamChunk bookmark() const {
    StreamChunk c;
    c.channel = 0;
    Json meta = {{"resourceVersion", std::to_string(store_.resourceVersion())}};
    c.event = {{"type", "BOOKMARK"},
               {"object", {{"kind", req_.resource->kind}, {"apiVersion", req_.resource->groupVersion()}, {"metadata", meta}}}};
    return c;
  }

  WatchRequest req_;
  const Store& store_;
  const Clock& clock_;
  std::weak_ptr<int> alive_;
  std::vector<Pending> pending_;
  bool ended_ = false, headerSent_ = false;
  Time deadline_ = kNoTime, lastSent_ = 0;
  friend class WatchCache;
};

WatchCache::WatchCache(const Store& store, const Clock& clock) : store_(store), clock_(clock) {
  watcherId_ = store_.watch([this](const WatchEvent& e) { onChange(e); });
}

WatchCache::~WatchCache() {
  store_.unwatch(watcherId_);
}

void WatchCache::onChange(const WatchEvent& e) {
  if (!e.resource || !e.object) return;
  Change c{e.type, e.resource, e.object, e.old, e.rv, clock_.now()};
  auto it = streams_.find(e.resource);
  if (it != streams_.end()) {
    auto& list = it->second;
    size_t live = 0;
    for (auto& weak : list) {
      auto s = weak.lock();
      if (!s || s->ended_) continue;
      s->offer(c.type, c.object, c.old, c.rv, c.at);
      list[live++] = weak;
    }
    list.resize(live);
  }
  Log& log = logs_[e.resource];
  log.changes.push_back(std::move(c));
  if (log.changes.size() > kLogSize) {
    log.lastDropped = log.changes.front().rv;
    log.changes.pop_front();
  }
}

Response WatchCache::open(const WatchRequest& req) {
  auto stream = std::make_shared<WatchStream>(req, store_, clock_, alive_);
  const std::string& rv = req.resourceVersion;
  Response resp;
  resp.stream = stream;
  if (rv.empty() || rv == "0") {
    // Get State and Start at Most Recent (or Any): a synthetic ADDED per existing object.
    for (const auto& o : store_.list(*req.resource, req.resource->namespaced ? req.ns : ""))
      stream->offer(WatchType::Added, o, nullptr, std::atoll(o->metadata.resourceVersion.c_str()), clock_.now());
  } else {
    char* end = nullptr;
    long long from = std::strtoll(rv.c_str(), &end, 10);
    if (end == rv.c_str() || *end != '\0' || from < 0) {
      return Response{400, Status::badRequest("invalid resource version: " + rv).toJson(), "", false, nullptr, ""};
    }
    const Log& log = logs_[req.resource];
    if (from < log.lastDropped) {
      Status gone{410, "Expired", "too old resource version: " + rv + " (" + std::to_string(log.lastDropped) + ")"};
      stream->fail(gone);
      return resp;
    }
    for (const auto& c : log.changes)
      if (c.rv > from) stream->offer(c.type, c.object, c.old, c.rv, c.at);
  }
  auto& list = streams_[req.resource];
  list.push_back(stream);
  return resp;
}

}  // namespace kp
