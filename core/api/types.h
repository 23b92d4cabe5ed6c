// The Kubernetes object kinds the simulation knows, as typed structs that mirror the wire format
// field for field (core/v1, apps/v1). Times are absolute Unix milliseconds taken from the
// simulated clock; -1 means "not set". Fields the simulation never interprets are kept as raw
// JSON so that objects round-trip unchanged.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/base/clock.h"

namespace kp {

using Json = nlohmann::json;
using StringMap = std::map<std::string, std::string>;

// An int-or-string value such as a targetPort (8080 or "http") or maxSurge ("25%").
struct IntOrString {
  bool isString = false;
  int intVal = 0;
  std::string strVal;
  static IntOrString ofInt(int v) { return {false, v, {}}; }
  static IntOrString ofString(std::string s) { return {true, 0, std::move(s)}; }
  std::string str() const { return isString ? strVal : std::to_string(intVal); }
  bool operator==(const IntOrString&) const = default;
};

struct OwnerReference {
  std::string apiVersion, kind, name, uid;
  bool controller = false;
  bool blockOwnerDeletion = false;
};

struct ObjectMeta {
  std::string name, generateName, namespace_, uid, resourceVersion;
  int64_t generation = 0;
  Time creationTimestamp = kNoTime;
  Time deletionTimestamp = kNoTime;
  std::optional<int64_t> deletionGracePeriodSeconds;
  StringMap labels, annotations;
  std::vector<OwnerReference> ownerReferences;
  std::vector<std::string> finalizers;
  // The owner reference marked controller=true, or nullptr.
  const OwnerReference* controllerRef() const;
};

struct LabelSelectorRequirement {
  std::string key, op;  // In, NotIn, Exists, DoesNotExist
  std::vector<std::string> values;
};
struct LabelSelector {
  StringMap matchLabels;
  std::vector<LabelSelectorRequirement> matchExpressions;
};

// ---- Pods ----
struct ContainerPort {
  std::string name;
  int containerPort = 0;
  int hostPort = 0;
  std::string protocol;  // defaulted to TCP
};
struct EnvVar {
  std::string name, value;
  Json valueFrom;  // kept verbatim
};
struct ResourceRequirements {
  StringMap requests, limits;
};
struct Container {
  std::string name, image, imagePullPolicy;
  std::vector<std::string> command, args;
  std::string workingDir;
  std::vector<ContainerPort> ports;
  std::vector<EnvVar> env;
  Json envFrom;  // array, kept verbatim
  ResourceRequirements resources;
  Json volumeMounts;  // array, kept verbatim
  Json livenessProbe, readinessProbe, startupProbe;  // objects, kept verbatim for now
  std::string terminationMessagePath, terminationMessagePolicy;
  Json securityContext;
  bool stdin_ = false, tty = false;
};
struct Toleration {
  std::string key, op, value, effect;  // op: Equal (default) or Exists
  std::optional<int64_t> tolerationSeconds;
};
struct PodSpec {
  std::vector<Container> containers, initContainers;
  std::string restartPolicy, dnsPolicy, schedulerName, serviceAccountName, serviceAccount;
  std::string nodeName, hostname, subdomain, priorityClassName, preemptionPolicy;
  std::optional<int64_t> terminationGracePeriodSeconds;
  std::optional<int> priority;
  std::optional<bool> enableServiceLinks;
  bool hostNetwork = false;  // the pod uses its node's network namespace (and IP)
  StringMap nodeSelector;
  std::vector<Toleration> tolerations;
  Json affinity, volumes, securityContext, topologySpreadConstraints;  // kept verbatim
};
struct PodTemplateSpec {
  ObjectMeta metadata;
  PodSpec spec;
};
struct PodCondition {
  std::string type, status, reason, message;
  Time lastProbeTime = kNoTime, lastTransitionTime = kNoTime;
};
// Exactly one of waiting/running/terminated is set (the "has" flags).
struct ContainerState {
  bool hasWaiting = false, hasRunning = false, hasTerminated = false;
  std::string reason, message;  // waiting or terminated
  Time startedAt = kNoTime;     // running or terminated
  Time finishedAt = kNoTime;    // terminated
  int exitCode = 0;             // terminated
  bool empty() const { return !hasWaiting && !hasRunning && !hasTerminated; }
};
struct ContainerStatus {
  std::string name, image, imageID, containerID;
  ContainerState state, lastState;
  bool ready = false;
  std::optional<bool> started;
  int restartCount = 0;
};
struct PodStatus {
  std::string phase, hostIP, podIP, qosClass, reason, message, nominatedNodeName;
  std::vector<std::string> podIPs, hostIPs;
  Time startTime = kNoTime;
  std::vector<PodCondition> conditions;
  std::vector<ContainerStatus> containerStatuses, initContainerStatuses;
};

// ---- Workloads ----
struct ReplicaSetStatus {  // also ReplicationControllerStatus
  int replicas = 0, fullyLabeledReplicas = 0, readyReplicas = 0, availableReplicas = 0;
  int64_t observedGeneration = 0;
  Json conditions;  // array, rarely used
};
struct ReplicationControllerSpec {
  std::optional<int> replicas;
  int minReadySeconds = 0;
  StringMap selector;
  std::optional<PodTemplateSpec> template_;
};
struct ReplicaSetSpec {
  std::optional<int> replicas;
  int minReadySeconds = 0;
  LabelSelector selector;
  PodTemplateSpec template_;
};
struct DeploymentStrategy {
  std::string type;  // RollingUpdate | Recreate
  std::optional<IntOrString> maxUnavailable, maxSurge;
};
struct DeploymentSpec {
  std::optional<int> replicas;
  LabelSelector selector;
  PodTemplateSpec template_;
  DeploymentStrategy strategy;
  int minReadySeconds = 0;
  std::optional<int> revisionHistoryLimit, progressDeadlineSeconds;
  bool paused = false;
};
struct DeploymentCondition {
  std::string type, status, reason, message;
  Time lastUpdateTime = kNoTime, lastTransitionTime = kNoTime;
};
struct DeploymentStatus {
  int64_t observedGeneration = 0;
  int replicas = 0, updatedReplicas = 0, readyReplicas = 0, availableReplicas = 0,
      unavailableReplicas = 0;
  std::optional<int> collisionCount;
  std::vector<DeploymentCondition> conditions;
};

// ---- Networking ----
struct ServicePort {
  std::string name, protocol;
  int port = 0;
  IntOrString targetPort;
  int nodePort = 0;
};
struct ServiceSpec {
  std::string type, clusterIP, sessionAffinity, externalTrafficPolicy, internalTrafficPolicy,
      ipFamilyPolicy, loadBalancerIP;
  std::vector<std::string> clusterIPs, ipFamilies, externalIPs;
  std::vector<ServicePort> ports;
  StringMap selector;
  std::optional<bool> allocateLoadBalancerNodePorts;
  Json sessionAffinityConfig;
};
struct LoadBalancerIngress {
  std::string ip, hostname, ipMode;
};
struct ServiceStatus {
  std::vector<LoadBalancerIngress> loadBalancerIngress;
};
struct ObjectReference {
  std::string kind, namespace_, name, uid, apiVersion, resourceVersion, fieldPath;
  bool operator==(const ObjectReference&) const = default;
};
// Endpoints and EndpointSlices compare field by field: the controllers write them only when
// they changed, and a JSON round trip per comparison is too slow with thousands of pods.
struct EndpointAddress {
  std::string ip, hostname, nodeName;
  std::optional<ObjectReference> targetRef;
  bool operator==(const EndpointAddress&) const = default;
};
struct EndpointPort {
  std::string name, protocol;
  int port = 0;
  bool operator==(const EndpointPort&) const = default;
};
struct EndpointSubset {
  std::vector<EndpointAddress> addresses, notReadyAddresses;
  std::vector<EndpointPort> ports;
  bool operator==(const EndpointSubset&) const = default;
};

// ---- Nodes ----
struct Taint {
  std::string key, value, effect;
  Time timeAdded = kNoTime;
};
struct NodeCondition {
  std::string type, status, reason, message;
  Time lastHeartbeatTime = kNoTime, lastTransitionTime = kNoTime;
};
struct NodeAddress {
  std::string type, address;
};
struct NodeSystemInfo {
  std::string machineID, systemUUID, bootID, kernelVersion, osImage, containerRuntimeVersion,
      kubeletVersion, kubeProxyVersion, operatingSystem, architecture;
};
struct ContainerImage {
  std::vector<std::string> names;
  int64_t sizeBytes = 0;
};
struct NodeSpec {
  std::string podCIDR, providerID;
  std::vector<std::string> podCIDRs;
  std::vector<Taint> taints;
  bool unschedulable = false;
};
struct NodeStatus {
  StringMap capacity, allocatable;
  std::vector<NodeCondition> conditions;
  std::vector<NodeAddress> addresses;
  NodeSystemInfo nodeInfo;
  std::vector<ContainerImage> images;
  int kubeletPort = 10250;
};

// ---- The objects ----
// Every stored object derives from Object: metadata plus its kind. Objects in the store are
// immutable snapshots (shared_ptr<const T>); writers clone, change and put back.
struct Object {
  ObjectMeta metadata;
  virtual ~Object() = default;
  virtual const char* kind() const = 0;
  virtual const char* apiVersion() const = 0;
  virtual Json toJson() const = 0;
  virtual std::shared_ptr<Object> clone() const = 0;
};

template <class Derived>
struct ObjectOf : Object {
  const char* kind() const override { return Derived::kKind; }
  const char* apiVersion() const override { return Derived::kApiVersion; }
  std::shared_ptr<Object> clone() const override {
    return std::make_shared<Derived>(static_cast<const Derived&>(*this));
  }
  Json toJson() const override;  // defined per kind in json.cc
};

struct Pod : ObjectOf<Pod> {
  static constexpr const char* kKind = "Pod";
  static constexpr const char* kApiVersion = "v1";
  PodSpec spec;
  PodStatus status;
};
struct ReplicationController : ObjectOf<ReplicationController> {
  static constexpr const char* kKind = "ReplicationController";
  static constexpr const char* kApiVersion = "v1";
  ReplicationControllerSpec spec;
  ReplicaSetStatus status;
};
struct ReplicaSet : ObjectOf<ReplicaSet> {
  static constexpr const char* kKind = "ReplicaSet";
  static constexpr const char* kApiVersion = "apps/v1";
  ReplicaSetSpec spec;
  ReplicaSetStatus status;
};
struct Deployment : ObjectOf<Deployment> {
  static constexpr const char* kKind = "Deployment";
  static constexpr const char* kApiVersion = "apps/v1";
  DeploymentSpec spec;
  DeploymentStatus status;
};
struct Service : ObjectOf<Service> {
  static constexpr const char* kKind = "Service";
  static constexpr const char* kApiVersion = "v1";
  ServiceSpec spec;
  ServiceStatus status;
};
struct Endpoints : ObjectOf<Endpoints> {
  static constexpr const char* kKind = "Endpoints";
  static constexpr const char* kApiVersion = "v1";
  std::vector<EndpointSubset> subsets;
};
struct Node : ObjectOf<Node> {
  static constexpr const char* kKind = "Node";
  static constexpr const char* kApiVersion = "v1";
  NodeSpec spec;
  NodeStatus status;
};
struct Event : ObjectOf<Event> {
  static constexpr const char* kKind = "Event";
  static constexpr const char* kApiVersion = "v1";
  ObjectReference involvedObject;
  std::string reason, message, type, sourceComponent, sourceHost, reportingComponent,
      reportingInstance, action;
  Time firstTimestamp = kNoTime, lastTimestamp = kNoTime;
  int count = 0;
};
struct Namespace : ObjectOf<Namespace> {
  static constexpr const char* kKind = "Namespace";
  static constexpr const char* kApiVersion = "v1";
  std::vector<std::string> finalizers;
  std::string phase;
};

// coordination.k8s.io/v1 Lease: each kubelet renews its node's lease in kube-node-lease as its
// heartbeat; the node lifecycle controller reads them.
struct Lease : ObjectOf<Lease> {
  static constexpr const char* kKind = "Lease";
  static constexpr const char* kApiVersion = "coordination.k8s.io/v1";
  std::string holderIdentity;
  std::optional<int> leaseDurationSeconds;
  Time acquireTime = kNoTime, renewTime = kNoTime;  // MicroTime on the wire
  std::optional<int> leaseTransitions;
};

// ---- Configuration, more workloads, discovery (core/v1 ConfigMap and Secret, apps/v1
// DaemonSet, batch/v1 Job, discovery.k8s.io/v1 EndpointSlice) ----
struct ConfigMap : ObjectOf<ConfigMap> {
  static constexpr const char* kKind = "ConfigMap";
  static constexpr const char* kApiVersion = "v1";
  StringMap data;
  StringMap binaryData;  // values base64, as on the wire
  std::optional<bool> immutable;
};
struct Secret : ObjectOf<Secret> {
  static constexpr const char* kKind = "Secret";
  static constexpr const char* kApiVersion = "v1";
  StringMap data;        // values base64, as on the wire
  StringMap stringData;  // write-only: merged into data by the API server
  std::string type;      // defaulted to Opaque
  std::optional<bool> immutable;
};
struct DaemonSetSpec {
  LabelSelector selector;
  PodTemplateSpec template_;
  std::string updateStrategyType;  // RollingUpdate | OnDelete
  std::optional<IntOrString> maxUnavailable, maxSurge;
  int minReadySeconds = 0;
  std::optional<int> revisionHistoryLimit;
};
struct DaemonSetStatus {
  int currentNumberScheduled = 0, numberMisscheduled = 0, desiredNumberScheduled = 0, numberReady = 0,
      updatedNumberScheduled = 0, numberAvailable = 0, numberUnavailable = 0;
  int64_t observedGeneration = 0;
  std::optional<int> collisionCount;
  Json conditions;
};
struct DaemonSet : ObjectOf<DaemonSet> {
  static constexpr const char* kKind = "DaemonSet";
  static constexpr const char* kApiVersion = "apps/v1";
  DaemonSetSpec spec;
  DaemonSetStatus status;
};
struct JobCondition {
  std::string type, status, reason, message;
  Time lastProbeTime = kNoTime, lastTransitionTime = kNoTime;
};
struct JobSpec {
  std::optional<int> parallelism, completions, backoffLimit;
  std::optional<int64_t> activeDeadlineSeconds;
  std::optional<int> ttlSecondsAfterFinished;
  std::optional<LabelSelector> selector;
  std::optional<bool> manualSelector, suspend;
  std::string completionMode, podReplacementPolicy;
  PodTemplateSpec template_;
};
struct JobStatus {
  std::vector<JobCondition> conditions;
  Time startTime = kNoTime, completionTime = kNoTime;
  int active = 0, succeeded = 0, failed = 0;
  std::optional<int> ready, terminating;
  bool hasUncounted = false;  // uncountedTerminatedPods: {} while the job runs
};
struct Job : ObjectOf<Job> {
  static constexpr const char* kKind = "Job";
  static constexpr const char* kApiVersion = "batch/v1";
  JobSpec spec;
  JobStatus status;
};
struct EndpointConditions {
  std::optional<bool> ready, serving, terminating;
  bool operator==(const EndpointConditions&) const = default;
};
struct Endpoint {
  std::vector<std::string> addresses;
  EndpointConditions conditions;
  std::string hostname, nodeName, zone;
  std::optional<ObjectReference> targetRef;
  bool operator==(const Endpoint&) const = default;
};
struct EndpointSlicePort {
  std::optional<std::string> name, protocol;
  std::optional<int> port;
  bool operator==(const EndpointSlicePort&) const = default;
};
struct EndpointSlice : ObjectOf<EndpointSlice> {
  static constexpr const char* kKind = "EndpointSlice";
  static constexpr const char* kApiVersion = "discovery.k8s.io/v1";
  std::string addressType;
  std::vector<Endpoint> endpoints;
  std::vector<EndpointSlicePort> ports;
};

// An object of a kind the simulation keeps in its wire form: the metadata typed (the store
// indexes names, labels and owners by it), every other top-level field (spec, status, rules,
// subjects, data, ...) as the JSON the API server stores. The kinds that few components read
// (RBAC, storage, quotas, policies, autoscalers, ...) live this way; the ones the controllers
// walk every sync (pods, ReplicaSets, Services, ...) have typed structs above. A kind's name and
// apiVersion point into the resource table, which lives for the whole program.
struct JsonObject : Object {
  const char* kind_ = "";
  const char* apiVersion_ = "";
  Json body = Json::object();  // without apiVersion, kind and metadata
  const char* kind() const override { return kind_; }
  const char* apiVersion() const override { return apiVersion_; }
  Json toJson() const override;
  std::shared_ptr<Object> clone() const override { return std::make_shared<JsonObject>(*this); }
  // body[key], or an empty object when absent or not an object.
  const Json& field(const char* key) const;
};

using ObjectPtr = std::shared_ptr<const Object>;
template <class T>
using Ptr = std::shared_ptr<const T>;

}  // namespace kp
