// `minikube node add|start|stop|delete|list` and the per-node lines of `minikube status`, with
// minikube's own texts (its emoji step prefixes, "Exiting due to ..." errors and exit codes).
#pragma once
#include <string>
#include <vector>

namespace kp {

class Cluster;
class Execution;

// args: the whole command line split into words ("minikube", "node", "stop", "m02").
void runMinikubeNode(Cluster& cluster, const std::vector<std::string>& args, Execution& ex);
// `minikube addons enable|disable metrics-server` (minikube_addons.cc).
void runMinikubeAddons(Cluster& cluster, const std::vector<std::string>& args, Execution& ex);
bool metricsServerEnabled(Cluster& cluster);
void enableMetricsServer(Cluster& cluster, Execution& ex);
void disableMetricsServer(Cluster& cluster, Execution& ex);
// `minikube status`: one block per node; exit code 3 (host and kubelet flags) when one is stopped.
void runMinikubeStatus(Cluster& cluster, Execution& ex);
// `minikube addons enable|disable ingress|metrics-server` and `minikube addons list`
// (minikube_addons.cc; the metrics-server addon's objects are in minikube_metrics_server.cc).
void runMinikubeAddons(Cluster& cluster, const std::vector<std::string>& args, Execution& ex);
bool metricsServerEnabled(Cluster& cluster);
void enableMetricsServer(Cluster& cluster, Execution& ex);
void disableMetricsServer(Cluster& cluster, Execution& ex);

}  // namespace kp
