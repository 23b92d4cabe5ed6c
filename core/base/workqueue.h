// A deduplicating FIFO of keys, as client-go's workqueue: a key queued twice before it is
// processed is processed once. Watch handlers only add keys; reconcilers re-read the store.
#pragma once
#include <deque>
#include <string>
#include <unordered_set>

namespace kp {

class WorkQueue {
 public:
  void add(const std::string& key) {
    if (queued_.insert(key).second) order_.push_back(key);
  }
  bool empty() const { return order_.empty(); }
  size_t size() const { return order_.size(); }
  std::string pop() {
    std::string k = std::move(order_.front());
    order_.pop_front();
    queued_.erase(k);
    return k;
  }

 private:
  std::deque<std::string> order_;
  std::unordered_set<std::string> queued_;
};

}  // namespace kp
