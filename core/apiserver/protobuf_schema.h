// The message tables behind the protobuf decoder: for every Kubernetes message a kubectl 1.32
// protobuf body can reach, its fields (number, JSON name, type) and how Go's encoding/json prints
// each of them, so that a decoded body reads exactly as the object's JSON form.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kp::pb {

// What a field holds. Time, IntOrString and Quantity are messages on the wire that JSON prints
// as one value (an RFC 3339 string or null, a number or string, a string).
enum class Kind : uint8_t { String, Int32, Int64, Bool, Bytes, Message, Time, IntOrString, Quantity };

// One value, a repeated field (JSON array), or a map (JSON object keyed by string; on the wire
// a repeated entry message {1: key, 2: value}).
enum class Card : uint8_t { One, Many, Map };

// How the Go field prints in JSON:
//   Omit    a value with `omitempty`: left out when zero, empty or absent;
//   Always  a value without it, or a struct value (omitempty never drops a struct): printed
//           always, as its zero when absent (0, "", false, null for slices, maps and bytes,
//           the struct's own printed fields for a message, null for a zero Time);
//   IfSet   a pointer with omitempty: printed exactly when the body carries it, even as zero;
//   OrNull  a pointer without omitempty: as IfSet, but null when the body does not carry it;
//   Inline  an embedded struct (`json:",inline"`): its fields print in the enclosing object.
enum class Emit : uint8_t { Omit, Always, IfSet, OrNull, Inline };

// Every message with a table, in the order of the tables in protobuf_schema.cc.
enum class M : uint16_t {
  None,
  // meta/v1
  Condition, DeleteOptions, LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference,
  Preconditions,
  // core/v1
  Affinity, AppArmorProfile, CSIVolumeSource, Capabilities, ClientIPConfig, ConfigMap, ConfigMapEnvSource,
  ConfigMapKeySelector, ConfigMapProjection, ConfigMapVolumeSource, Container, ContainerPort,
  ContainerResizePolicy, DownwardAPIProjection, DownwardAPIVolumeFile, DownwardAPIVolumeSource,
  EmptyDirVolumeSource, EnvFromSource, EnvVar, EnvVarSource, EphemeralVolumeSource, ExecAction, GRPCAction,
  HTTPGetAction, HTTPHeader, HostAlias, HostPathVolumeSource, KeyToPath, Lifecycle, LifecycleHandler,
  LoadBalancerIngress, LoadBalancerStatus, LocalObjectReference, NFSVolumeSource, Namespace,
  NamespaceCondition, NamespaceSpec, NamespaceStatus, NodeAffinity, NodeSelector, NodeSelectorRequirement,
  NodeSelectorTerm, ObjectFieldSelector, ObjectReference, PersistentVolumeClaimSpec,
  PersistentVolumeClaimTemplate, PersistentVolumeClaimVolumeSource, PodAffinity, PodAffinityTerm,
  PodAntiAffinity, PodDNSConfig, PodDNSConfigOption, PodOS, PodReadinessGate, PodResourceClaim,
  PodSchedulingGate, PodSecurityContext, PodSpec, PodTemplateSpec, PortStatus, PreferredSchedulingTerm, Probe,
  ProbeHandler, ProjectedVolumeSource, ResourceClaim, ResourceFieldSelector, ResourceQuota, ResourceQuotaSpec,
  ResourceQuotaStatus, ResourceRequirements, SELinuxOptions, ScopeSelector, ScopedResourceSelectorRequirement,
  SeccompProfile, Secret, SecretEnvSource, SecretKeySelector, SecretProjection, SecretVolumeSource,
  SecurityContext, Service, ServiceAccount, ServiceAccountTokenProjection, ServicePort, ServiceSpec,
  ServiceStatus, SessionAffinityConfig, SleepAction, Sysctl, TCPSocketAction, Toleration,
  TopologySpreadConstraint, TypedLocalObjectReference, TypedObjectReference, Volume, VolumeDevice,
  VolumeMount, VolumeProjection, VolumeResourceRequirements, VolumeSource, WeightedPodAffinityTerm,
  WindowsSecurityContextOptions,
  // apps/v1
  Deployment, DeploymentCondition, DeploymentSpec, DeploymentStatus, DeploymentStrategy,
  RollingUpdateDeployment,
  // batch/v1
  CronJob, CronJobSpec, CronJobStatus, Job, JobCondition, JobSpec, JobStatus, JobTemplateSpec,
  PodFailurePolicy, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern,
  PodFailurePolicyRule, SuccessPolicy, SuccessPolicyRule, UncountedTerminatedPods,
  // autoscaling/v1
  CrossVersionObjectReferenceV1, HorizontalPodAutoscalerSpecV1, HorizontalPodAutoscalerStatusV1,
  HorizontalPodAutoscalerV1,
  // autoscaling/v2
  ContainerResourceMetricSource, ContainerResourceMetricStatus, CrossVersionObjectReferenceV2,
  ExternalMetricSource, ExternalMetricStatus, HPAScalingPolicy, HPAScalingRules,
  HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerSpecV2,
  HorizontalPodAutoscalerStatusV2, HorizontalPodAutoscalerV2, MetricIdentifier, MetricSpec, MetricStatus,
  MetricTarget, MetricValueStatus, ObjectMetricSource, ObjectMetricStatus, PodsMetricSource, PodsMetricStatus,
  ResourceMetricSource, ResourceMetricStatus,
  // policy/v1
  Eviction, PodDisruptionBudget, PodDisruptionBudgetSpec, PodDisruptionBudgetStatus,
  // rbac/v1
  AggregationRule, ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject,
  // networking/v1
  HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressLoadBalancerIngress,
  IngressLoadBalancerStatus, IngressPortStatus, IngressRule, IngressRuleValue, IngressServiceBackend,
  IngressSpec, IngressStatus, IngressTLS, ServiceBackendPort,
  // scheduling/v1
  PriorityClass,
  // authentication/v1
  BoundObjectReference, TokenRequest, TokenRequestSpec, TokenRequestStatus,
  // authorization/v1 and authentication/v1 reviews (kubectl auth can-i, whoami)
  NonResourceAttributes, ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
  SelfSubjectRulesReview, SelfSubjectRulesReviewSpec, SubjectAccessReviewStatus, SelfSubjectReview,
  Count
};

struct Field {
  uint32_t number;
  const char* json;
  Kind kind;
  Card card;
  Emit emit;
  M message = M::None;  // for Kind::Message (also a map's or array's element type)
};

struct Message {
  const char* name;
  const Field* fields;
  size_t count;
  // The field with this number, or nullptr (an unknown field, skipped).
  const Field* find(uint32_t number) const;
};

const Message& message(M m);

// The message of a top-level kind as runtime.Unknown's typeMeta names it ("apps/v1",
// "Deployment"); M::None for a kind this decoder has no table for. DeleteOptions is accepted
// under any apiVersion: clients send it as a kind of the group version of what they delete.
M topLevelMessage(std::string_view apiVersion, std::string_view kind);

}  // namespace kp::pb
