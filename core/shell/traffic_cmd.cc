// `traffic`: the console's handle on the traffic generator (Network::setTraffic), so that a
// lesson can start steady requests to a service and a learner can repeat what the inspector's
// slider does:
//   traffic                         list the generators and every service's request counts
//   traffic [-n NS] SERVICE RATE    send RATE requests per second (0.1 to 50) to SERVICE
//   traffic [-n NS] SERVICE stop    stop (the same as RATE 0)
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/network/network.h"
#include "core/shell/shell.h"
#include "core/shell/shell_internal.h"
#include "core/sim/cluster.h"

namespace kp {

namespace {

const char* kTrafficUsage =
    "usage: traffic [-n NAMESPACE] SERVICE RATE|stop   (RATE: requests per second, up to 50)\n"
    "       traffic                                    (list services and their requests)\n";

std::string pad(const std::string& s, size_t w) { return s.size() >= w ? s + "   " : s + std::string(w - s.size() + 3, ' '); }

}  // namespace

void runTraffic(Cluster& cluster, const std::string& currentNs, const std::vector<std::string>& words, Execution& ex) {
  std::string ns = currentNs;
  std::vector<std::string> args;
  for (size_t i = 1; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (w == "-n" || w == "--namespace") {
      if (i + 1 >= words.size()) {
        ex.err("traffic: option " + w + " needs a namespace\n" + kTrafficUsage);
        return ex.finish(2);
      }
      ns = words[++i];
    } else if (w.rfind("--namespace=", 0) == 0) {
      ns = w.substr(12);
    } else if (w == "-h" || w == "--help") {
      ex.out(kTrafficUsage);
      return ex.finish(0);
    } else {
      args.push_back(w);
    }
  }
  Network& net = cluster.network();
  if (args.empty()) {
    // NAMESPACE NAME RATE OK FAILED, for every service with a generator or any request.
    std::vector<std::vector<std::string>> rows = {{"NAMESPACE", "SERVICE", "RATE", "OK", "FAILED"}};
    for (const auto& svc : cluster.api().store().list<Service>()) {
      const std::string& sns = svc->metadata.namespace_;
      const std::string& name = svc->metadata.name;
      double rate = net.trafficRate(sns, name);
      const RequestCounters* c = net.serviceRequests(sns + "/" + name);
      if (rate == 0 && !c) continue;
      rows.push_back({sns, name, rate > 0 ? Network::formatRate(rate) + "/s" : "-", std::to_string(c ? c->ok : 0),
                      std::to_string(c ? c->failed : 0)});
    }
    if (rows.size() == 1) {
      ex.out("No requests yet. Start some with: traffic SERVICE 5\n");
      return ex.finish(0);
    }
    std::vector<size_t> w(5, 0);
    for (auto& r : rows)
      for (size_t i = 0; i < 5; ++i) w[i] = std::max(w[i], r[i].size());
    std::string out;
    for (auto& r : rows) {
      std::string line;
      for (size_t i = 0; i < 5; ++i) line += i == 4 ? r[i] : pad(r[i], w[i]);
      out += line + "\n";
    }
    ex.out(out);
    return ex.finish(0);
  }
  if (args.size() != 2) {
    ex.err(kTrafficUsage);
    return ex.finish(2);
  }
  const std::string& name = args[0];
  double rate = 0;
  if (args[1] != "stop") {
    char* end = nullptr;
    rate = std::strtod(args[1].c_str(), &end);
    bool number = end && *end == '\0' && !args[1].empty() && std::isfinite(rate);
    if (!number || rate < 0 || (rate > 0 && rate < 0.1) || rate > Network::kMaxTrafficRate) {
      ex.err("traffic: invalid rate \"" + args[1] + "\": a number of requests per second from 0.1 to 50, or stop\n");
      return ex.finish(2);
    }
  }
  std::string error = net.setTraffic(ns, name, rate);
  if (!error.empty()) {
    ex.err("traffic: " + error + "\n");
    return ex.finish(1);
  }
  if (rate == 0) {
    ex.out("traffic to service/" + name + " stopped\n");
  } else {
    auto svc = cluster.api().store().get<Service>(ns, name);
    ex.out("traffic to service/" + name + " (" + (svc ? net.externalUrl(*svc) : "") + "): " + Network::formatRate(rate) +
           " requests/s\n");
  }
  ex.finish(0);
}

}  // namespace kp
