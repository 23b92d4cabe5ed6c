// Server-side Table rendering for `kubectl get`, mirroring the column definitions and the cell
// logic of Kubernetes' pkg/printers/internalversion/printers.go (1.32): pod status reasons,
// restarts "(Xs ago)", service external IPs and ports, node status and roles, event sources.
#include "core/apiserver/tables.h"

#include <algorithm>
#include <set>

#include "core/api/format.h"
#include "core/api/json.h"
#include "core/base/strings.h"
#include "core/apiserver/json_kinds.h"
#include "core/apiserver/tables_kinds.h"

namespace kp {

namespace {

// Column descriptions exactly as the API server sends them (the generated SwaggerDoc strings of
// k8s.io/api 1.32 that printers.go references).
constexpr const char* kName =
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
constexpr const char* kCreation =
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";
constexpr const char* kPodIP =
    "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.";
constexpr const char* kNodeName =
    "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename";
constexpr const char* kNominated =
    "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.";
constexpr const char* kReadinessGates =
    "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates";
constexpr const char* kRcReplicas =
    "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";
constexpr const char* kRcStatusReplicas =
    "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";
constexpr const char* kRcReady =
    "The number of ready replicas for this replication controller.";
constexpr const char* kRcSelector =
    "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";
constexpr const char* kRsReplicas =
    "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";
constexpr const char* kRsStatusReplicas =
    "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";
constexpr const char* kRsReady =
    "The number of ready replicas for this replica set.";
constexpr const char* kRsSelector =
    "Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors";
constexpr const char* kSvcType =
    "type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. \"ClusterIP\" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is \"None\", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. \"NodePort\" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. \"LoadBalancer\" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. \"ExternalName\" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types";
constexpr const char* kSvcClusterIP =
    "clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).  Valid values are \"None\", empty string (\"\"), or a valid IP address. Setting this to \"None\" makes a \"headless service\" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.  Only applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";
constexpr const char* kSvcExternalIPs =
    "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.  The user is responsible for ensuring that traffic arrives at a node with this IP.  A common example is external load-balancers that are not part of the Kubernetes system.";
constexpr const char* kSvcPorts =
    "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies";
constexpr const char* kSvcSelector =
    "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/";
constexpr const char* kEpSubsets =
    "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.";
constexpr const char* kKubeletVersion =
    "Kubelet Version reported by the node.";
constexpr const char* kNodeAddresses =
    "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";
constexpr const char* kOsImage =
    "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).";
constexpr const char* kKernel =
    "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).";
constexpr const char* kRuntime =
    "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).";
constexpr const char* kEvLast =
    "The time at which the most recent occurrence of this event was recorded.";
constexpr const char* kEvType =
    "Type of this event (Normal, Warning), new types could be added in the future";
constexpr const char* kEvReason =
    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.";
constexpr const char* kEvObject =
    "The object that this event is about.";
constexpr const char* kEvFieldPath =
    "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: \"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered the event) or if no container name is specified \"spec.containers[2]\" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.";
constexpr const char* kEvSource =
    "The component reporting this event. Should be a short machine understandable string.";
constexpr const char* kEvMessage =
    "A human-readable description of the status of this operation.";
constexpr const char* kEvFirst =
    "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)";
constexpr const char* kEvCount =
    "The number of times this event has occurred.";
constexpr const char* kDeployUpdated =
    "Total number of non-terminated pods targeted by this deployment that have the desired template spec.";
constexpr const char* kDeployAvailable =
    "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.";
constexpr const char* kDeploySelector =
    "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.";

constexpr const char* kContainersDesc = "Names of each container in the template.";
constexpr const char* kImagesDesc = "Images referenced by each container in the template.";

Json column(const char* name, const char* type, const char* description, int priority = 0,
            const char* format = "") {
  return Json{{"name", name}, {"type", type}, {"format", format}, {"description", description},
              {"priority", priority}};
}
Json nameColumn() { return column("Name", "string", kName, 0, "name"); }
Json ageColumn() { return column("Age", "string", kCreation); }

Json podColumns() {
  return Json::array({
      nameColumn(),
      column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
      column("Status", "string", "The aggregate status of the containers in this pod."),
      column("Restarts", "string",
             "The number of times the containers in this pod have been restarted and when the last "
             "container in this pod has restarted."),
      ageColumn(),
      column("IP", "string", kPodIP, 1),
      column("Node", "string", kNodeName, 1),
      column("Nominated Node", "string", kNominated, 1),
      column("Readiness Gates", "string", kReadinessGates, 1),
  });
}

Json replicationControllerColumns() {
  return Json::array({nameColumn(), column("Desired", "integer", kRcReplicas),
                      column("Current", "integer", kRcStatusReplicas), column("Ready", "integer", kRcReady),
                      ageColumn(), column("Containers", "string", kContainersDesc, 1),
                      column("Images", "string", kImagesDesc, 1), column("Selector", "string", kRcSelector, 1)});
}

Json replicaSetColumns() {
  return Json::array({nameColumn(), column("Desired", "integer", kRsReplicas),
                      column("Current", "integer", kRsStatusReplicas), column("Ready", "integer", kRsReady),
                      ageColumn(), column("Containers", "string", kContainersDesc, 1),
                      column("Images", "string", kImagesDesc, 1), column("Selector", "string", kRsSelector, 1)});
}

Json deploymentColumns() {
  return Json::array({nameColumn(), column("Ready", "string", "Number of the pod with ready state"),
                      column("Up-to-date", "string", kDeployUpdated),
                      column("Available", "string", kDeployAvailable), ageColumn(),
                      column("Containers", "string", kContainersDesc, 1),
                      column("Images", "string", kImagesDesc, 1),
                      column("Selector", "string", kDeploySelector, 1)});
}

Json serviceColumns() {
  return Json::array({nameColumn(), column("Type", "string", kSvcType),
                      column("Cluster-IP", "string", kSvcClusterIP),
                      column("External-IP", "string", kSvcExternalIPs), column("Port(s)", "string", kSvcPorts),
                      ageColumn(), column("Selector", "string", kSvcSelector, 1)});
}

Json endpointsColumns() {
  return Json::array({nameColumn(), column("Endpoints", "string", kEpSubsets), ageColumn()});
}

Json nodeColumns() {
  return Json::array({nameColumn(), column("Status", "string", "The status of the node"),
                      column("Roles", "string", "The roles of the node"), ageColumn(),
                      column("Version", "string", kKubeletVersion),
                      column("Internal-IP", "string", kNodeAddresses, 1),
                      column("External-IP", "string", kNodeAddresses, 1),
                      column("OS-Image", "string", kOsImage, 1),
                      column("Kernel-Version", "string", kKernel, 1),
                      column("Container-Runtime", "string", kRuntime, 1)});
}

Json eventColumns() {
  return Json::array({column("Last Seen", "string", kEvLast), column("Type", "string", kEvType),
                      column("Reason", "string", kEvReason), column("Object", "string", kEvObject),
                      column("Subobject", "string", kEvFieldPath, 1), column("Source", "string", kEvSource, 1),
                      column("Message", "string", kEvMessage), column("First Seen", "string", kEvFirst, 1),
                      column("Count", "string", kEvCount, 1), column("Name", "string", kName, 1, "name")});
}

Json namespaceColumns() {
  return Json::array({nameColumn(), column("Status", "string", "The status of the namespace"), ageColumn()});
}

// rest.DefaultTableConvertor: what the server sends for kinds without a printer.
Json defaultColumns() {
  return Json::array({nameColumn(), column("Created At", "date", kCreation)});
}

// layoutContainerCells: "a,b" names and "img1,img2" images.
std::pair<std::string, std::string> containerCells(const std::vector<Container>& containers) {
  std::vector<std::string> names, images;
  for (const auto& c : containers) {
    names.push_back(c.name);
    images.push_back(c.image);
  }
  return {join(names, ","), join(images, ",")};
}

bool hasPodReadyCondition(const PodStatus& s) {
  for (const auto& c : s.conditions)
    if (c.type == "Ready" && c.status == "True") return true;
  return false;
}

bool isPodInitializedConditionTrue(const PodStatus& s) {
  for (const auto& c : s.conditions)
    if (c.type == "Initialized") return c.status == "True";
  return false;
}

// printPod: the READY, STATUS and RESTARTS logic of kubectl get pods.
Json podRow(const Pod& pod, Time now, Json& conditions) {
  int restarts = 0;
  int totalContainers = static_cast<int>(pod.spec.containers.size());
  int readyContainers = 0;
  Time lastRestartDate = kNoTime;

  std::string reason = pod.status.phase;
  if (!pod.status.reason.empty()) reason = pod.status.reason;
  for (const auto& c : pod.status.conditions)
    if (c.type == "PodScheduled" && c.reason == "SchedulingGated") reason = "SchedulingGated";

  if (pod.status.phase == "Succeeded")
    conditions = Json::array({{{"type", "Completed"}, {"status", "True"}, {"reason", "Succeeded"},
                               {"message", "The pod has completed successfully."}}});
  else if (pod.status.phase == "Failed")
    conditions = Json::array({{{"type", "Completed"}, {"status", "True"}, {"reason", "Failed"},
                               {"message", "The pod failed."}}});

  // Init containers (restartable "sidecar" init containers are not modelled).
  bool initializing = false;
  const size_t initCount = pod.spec.initContainers.size();
  for (size_t i = 0; i < pod.status.initContainerStatuses.size(); i++) {
    const auto& c = pod.status.initContainerStatuses[i];
    restarts += c.restartCount;
    if (c.lastState.hasTerminated && c.lastState.finishedAt != kNoTime &&
        (lastRestartDate == kNoTime || lastRestartDate < c.lastState.finishedAt))
      lastRestartDate = c.lastState.finishedAt;
    if (c.state.hasTerminated && c.state.exitCode == 0) continue;
    if (c.state.hasTerminated) {
      reason = c.state.reason.empty() ? "Init:ExitCode:" + std::to_string(c.state.exitCode)
                                      : "Init:" + c.state.reason;
    } else if (c.state.hasWaiting && !c.state.reason.empty() && c.state.reason != "PodInitializing") {
      reason = "Init:" + c.state.reason;
    } else {
      reason = "Init:" + std::to_string(i) + "/" + std::to_string(initCount);
    }
    initializing = true;
    break;
  }

  if (!initializing || isPodInitializedConditionTrue(pod.status)) {
    restarts = 0;
    lastRestartDate = kNoTime;
    bool hasRunning = false;
    for (size_t k = pod.status.containerStatuses.size(); k-- > 0;) {
      const auto& c = pod.status.containerStatuses[k];
      restarts += c.restartCount;
      if (c.lastState.hasTerminated && c.lastState.finishedAt != kNoTime &&
          (lastRestartDate == kNoTime || lastRestartDate < c.lastState.finishedAt))
        lastRestartDate = c.lastState.finishedAt;
      if (c.state.hasWaiting && !c.state.reason.empty()) {
        reason = c.state.reason;
      } else if (c.state.hasTerminated && !c.state.reason.empty()) {
        reason = c.state.reason;
      } else if (c.state.hasTerminated) {
        reason = "ExitCode:" + std::to_string(c.state.exitCode);
      } else if (c.ready && c.state.hasRunning) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed but another still runs is "Running" again.
    if (reason == "Completed" && hasRunning) reason = hasPodReadyCondition(pod.status) ? "Running" : "NotReady";
  }

  if (pod.metadata.deletionTimestamp != kNoTime && pod.status.reason == "NodeLost") {
    reason = "Unknown";
  } else if (pod.metadata.deletionTimestamp != kNoTime && pod.status.phase != "Succeeded" &&
             pod.status.phase != "Failed") {
    reason = "Terminating";
  }

  std::string restartsStr = std::to_string(restarts);
  if (restarts != 0 && lastRestartDate != kNoTime)
    restartsStr += " (" + ageSince(lastRestartDate, now) + " ago)";

  // printers.go reads status.podIPs[0]; a status with only podIP set is shown the same way.
  std::string podIP = !pod.status.podIPs.empty() ? pod.status.podIPs[0] : pod.status.podIP;
  if (podIP.empty()) podIP = "<none>";
  std::string nodeName = pod.spec.nodeName.empty() ? "<none>" : pod.spec.nodeName;
  std::string nominated = pod.status.nominatedNodeName.empty() ? "<none>" : pod.status.nominatedNodeName;
  return Json::array({pod.metadata.name,
                      std::to_string(readyContainers) + "/" + std::to_string(totalContainers), reason,
                      restartsStr, ageSince(pod.metadata.creationTimestamp, now), podIP, nodeName,
                      nominated, "<none>"});
}

Json replicationControllerRow(const ReplicationController& rc, Time now) {
  std::vector<Container> none;
  auto [names, images] = containerCells(rc.spec.template_ ? rc.spec.template_->spec.containers : none);
  return Json::array({rc.metadata.name, static_cast<int64_t>(rc.spec.replicas.value_or(0)),
                      static_cast<int64_t>(rc.status.replicas), static_cast<int64_t>(rc.status.readyReplicas),
                      ageSince(rc.metadata.creationTimestamp, now), names, images,
                      formatLabels(rc.spec.selector)});
}

Json replicaSetRow(const ReplicaSet& rs, Time now) {
  auto [names, images] = containerCells(rs.spec.template_.spec.containers);
  return Json::array({rs.metadata.name, static_cast<int64_t>(rs.spec.replicas.value_or(0)),
                      static_cast<int64_t>(rs.status.replicas), static_cast<int64_t>(rs.status.readyReplicas),
                      ageSince(rs.metadata.creationTimestamp, now), names, images,
                      formatLabelSelector(rs.spec.selector)});
}

Json deploymentRow(const Deployment& d, Time now) {
  auto [names, images] = containerCells(d.spec.template_.spec.containers);
  return Json::array({d.metadata.name,
                      std::to_string(d.status.readyReplicas) + "/" + std::to_string(d.spec.replicas.value_or(0)),
                      static_cast<int64_t>(d.status.updatedReplicas),
                      static_cast<int64_t>(d.status.availableReplicas), ageSince(d.metadata.creationTimestamp, now),
                      names, images, labelSelectorString(d.spec.selector)});
}

// getServiceExternalIP with wide=true (the server always renders wide).
std::string serviceExternalIP(const Service& svc) {
  const auto& type = svc.spec.type;
  if (type == "ClusterIP" || type == "NodePort")
    return svc.spec.externalIPs.empty() ? "<none>" : join(svc.spec.externalIPs, ",");
  if (type == "LoadBalancer") {
    std::set<std::string> ips;  // sets.NewString: sorted, unique
    for (const auto& in : svc.status.loadBalancerIngress) {
      if (!in.ip.empty()) ips.insert(in.ip);
      else if (!in.hostname.empty()) ips.insert(in.hostname);
    }
    std::vector<std::string> all(ips.begin(), ips.end());
    if (!svc.spec.externalIPs.empty()) {
      all.insert(all.end(), svc.spec.externalIPs.begin(), svc.spec.externalIPs.end());
      return join(all, ",");
    }
    return all.empty() ? "<pending>" : join(all, ",");
  }
  if (type == "ExternalName") return "";  // spec.externalName is not modelled
  return "<unknown>";
}

Json serviceRow(const Service& svc, Time now) {
  std::vector<std::string> pieces;
  for (const auto& p : svc.spec.ports) {
    if (p.nodePort > 0)
      pieces.push_back(std::to_string(p.port) + ":" + std::to_string(p.nodePort) + "/" + p.protocol);
    else
      pieces.push_back(std::to_string(p.port) + "/" + p.protocol);
  }
  std::string ports = join(pieces, ",");
  if (ports.empty()) ports = "<none>";
  std::string clusterIP = svc.spec.clusterIPs.empty() ? "<none>" : svc.spec.clusterIPs[0];
  return Json::array({svc.metadata.name, svc.spec.type, clusterIP, serviceExternalIP(svc), ports,
                      ageSince(svc.metadata.creationTimestamp, now), formatLabels(svc.spec.selector)});
}

// net.JoinHostPort: IPv6 addresses are bracketed.
std::string joinHostPort(const std::string& host, int port) {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

// formatEndpoints(endpoints, nil): at most three "ip:port", then " + N more...".
std::string formatEndpoints(const Endpoints& ep) {
  if (ep.subsets.empty()) return "<none>";
  std::vector<std::string> list;
  const size_t max = 3;
  bool more = false;
  size_t count = 0;
  for (const auto& ss : ep.subsets) {
    if (ss.ports.empty()) {
      count += ss.addresses.size();
      for (const auto& a : ss.addresses) {
        if (list.size() == max) {
          more = true;
          break;
        }
        list.push_back(a.ip);
      }
      continue;
    }
    for (const auto& port : ss.ports) {
      count += ss.addresses.size();
      for (const auto& a : ss.addresses) {
        if (list.size() == max) {
          more = true;
          break;
        }
        list.push_back(joinHostPort(a.ip, port.port));
      }
    }
  }
  std::string ret = join(list, ",");
  if (more) return ret + " + " + std::to_string(count - max) + " more...";
  return ret;
}

Json endpointsRow(const Endpoints& ep, Time now) {
  return Json::array({ep.metadata.name, formatEndpoints(ep), ageSince(ep.metadata.creationTimestamp, now)});
}

std::string nodeAddress(const Node& n, const std::string& type) {
  for (const auto& a : n.status.addresses)
    if (a.type == type) return a.address;
  return "<none>";
}

Json nodeRow(const Node& n, Time now) {
  std::vector<std::string> status;
  const NodeCondition* ready = nullptr;
  for (const auto& c : n.status.conditions)
    if (c.type == "Ready") ready = &c;  // the map in printers.go keeps the last one
  if (ready) status.push_back(ready->status == "True" ? "Ready" : "NotReady");
  if (status.empty()) status.push_back("Unknown");
  if (n.spec.unschedulable) status.push_back("SchedulingDisabled");
  std::string roles = join(nodeRoles(n.metadata.labels), ",");
  if (roles.empty()) roles = "<none>";
  auto orUnknown = [](const std::string& s) { return s.empty() ? std::string("<unknown>") : s; };
  return Json::array({n.metadata.name, join(status, ","), roles, ageSince(n.metadata.creationTimestamp, now),
                      n.status.nodeInfo.kubeletVersion, nodeAddress(n, "InternalIP"), nodeAddress(n, "ExternalIP"),
                      orUnknown(n.status.nodeInfo.osImage), orUnknown(n.status.nodeInfo.kernelVersion),
                      orUnknown(n.status.nodeInfo.containerRuntimeVersion)});
}

Json eventRow(const Event& e, Time now) {
  // The simulation has no eventTime/series (events.k8s.io fields), so a missing firstTimestamp
  // falls back to "<unknown>" as translateMicroTimestampSince does for a zero eventTime.
  std::string first = ageSince(e.firstTimestamp, now);
  std::string last = e.lastTimestamp == kNoTime ? first : ageSince(e.lastTimestamp, now);
  int64_t count = e.count == 0 ? 1 : e.count;
  std::string kind;
  for (char c : e.involvedObject.kind) kind += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string target = e.involvedObject.name.empty() ? kind : kind + "/" + e.involvedObject.name;
  std::string component = !e.sourceComponent.empty() ? e.sourceComponent : e.reportingComponent;
  std::string instance = !e.sourceHost.empty() ? e.sourceHost : e.reportingInstance;
  std::string source = instance.empty() ? component : component + ", " + instance;
  return Json::array({last, e.type, e.reason, target, e.involvedObject.fieldPath, source, trimSpace(e.message),
                      first, count, e.metadata.name});
}

Json namespaceRow(const Namespace& ns, Time now) {
  return Json::array({ns.metadata.name, ns.phase, ageSince(ns.metadata.creationTimestamp, now)});
}

Json partialObjectMetadata(const Object& o) {
  return Json{{"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", toJson(o.metadata)}};
}

}  // namespace

Json renderTable(const ResourceInfo& r, const std::vector<ObjectPtr>& objects, Time now,
                 int64_t resourceVersion) {
  Json columns;
  const std::string& kind = r.kind;
  if (kind == "Pod") columns = podColumns();
  else if (kind == "ReplicationController") columns = replicationControllerColumns();
  else if (kind == "ReplicaSet") columns = replicaSetColumns();
  else if (kind == "Deployment") columns = deploymentColumns();
  else if (kind == "Service") columns = serviceColumns();
  else if (kind == "Endpoints") columns = endpointsColumns();
  else if (kind == "Node") columns = nodeColumns();
  else if (kind == "Event") columns = eventColumns();
  else if (kind == "Namespace") columns = namespaceColumns();
  else if (Json k = kindsTableColumns(kind); !k.is_null()) columns = std::move(k);
  else if (Json j = jsonKindTableColumns(kind); !j.is_null()) columns = std::move(j);
  else columns = defaultColumns();

  Json rows = Json::array();
  for (const auto& o : objects) {
    if (!o) continue;
    Json cells;
    Json conditions;
    if (auto* p = dynamic_cast<const Pod*>(o.get())) cells = podRow(*p, now, conditions);
    else if (auto* rc = dynamic_cast<const ReplicationController*>(o.get())) cells = replicationControllerRow(*rc, now);
    else if (auto* rs = dynamic_cast<const ReplicaSet*>(o.get())) cells = replicaSetRow(*rs, now);
    else if (auto* d = dynamic_cast<const Deployment*>(o.get())) cells = deploymentRow(*d, now);
    else if (auto* s = dynamic_cast<const Service*>(o.get())) cells = serviceRow(*s, now);
    else if (auto* ep = dynamic_cast<const Endpoints*>(o.get())) cells = endpointsRow(*ep, now);
    else if (auto* n = dynamic_cast<const Node*>(o.get())) cells = nodeRow(*n, now);
    else if (auto* e = dynamic_cast<const Event*>(o.get())) cells = eventRow(*e, now);
    else if (auto* ns = dynamic_cast<const Namespace*>(o.get())) cells = namespaceRow(*ns, now);
    else if (Json k = kindsTableRow(*o, now); !k.is_null()) cells = std::move(k);
    else if (Json j = jsonKindTableRow(*o, now); !j.is_null()) cells = std::move(j);
    else cells = Json::array({o->metadata.name, o->metadata.creationTimestamp == kNoTime
                                                    ? Json(nullptr)
                                                    : Json(formatTime(o->metadata.creationTimestamp))});
    Json row = {{"cells", std::move(cells)}};
    if (!conditions.is_null()) row["conditions"] = std::move(conditions);
    row["object"] = partialObjectMetadata(*o);
    rows.push_back(std::move(row));
  }
  return Json{{"kind", "Table"},
              {"apiVersion", "meta.k8s.io/v1"},
              {"metadata", {{"resourceVersion", std::to_string(resourceVersion)}}},
              {"columnDefinitions", std::move(columns)},
              {"rows", std::move(rows)}};
}

}  // namespace kp
