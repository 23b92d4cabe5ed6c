// The field tables of the protobuf decoder, one per message, with the field numbers and JSON
// names of Kubernetes v1.32's generated.proto and types.go (k8s.io/api and apimachinery, v0.32.4).
// Fields kubectl can never send and this simulation never reads are listed as comments only.
#include "core/apiserver/protobuf_schema.h"

#include <iterator>

namespace kp::pb {
namespace {

using K = Kind;
using C = Card;
using E = Emit;

// ---- meta/v1

constexpr Field kCondition[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "status", K::String, C::One, E::Always},
    {3, "observedGeneration", K::Int64, C::One, E::Omit},
    {4, "lastTransitionTime", K::Time, C::One, E::Always},
    {5, "reason", K::String, C::One, E::Always},
    {6, "message", K::String, C::One, E::Always},
};

constexpr Field kDeleteOptions[] = {
    {1, "gracePeriodSeconds", K::Int64, C::One, E::IfSet},
    {2, "preconditions", K::Message, C::One, E::IfSet, M::Preconditions},
    {3, "orphanDependents", K::Bool, C::One, E::IfSet},
    {4, "propagationPolicy", K::String, C::One, E::IfSet},
    {5, "dryRun", K::String, C::Many, E::Omit},
    {6, "ignoreStoreReadErrorWithClusterBreakingPotential", K::Bool, C::One, E::IfSet},
};

constexpr Field kLabelSelector[] = {
    {1, "matchLabels", K::String, C::Map, E::Omit},
    {2, "matchExpressions", K::Message, C::Many, E::Omit, M::LabelSelectorRequirement},
};

constexpr Field kLabelSelectorRequirement[] = {
    {1, "key", K::String, C::One, E::Always},
    {2, "operator", K::String, C::One, E::Always},
    {3, "values", K::String, C::Many, E::Omit},
};

constexpr Field kObjectMeta[] = {
    {1, "name", K::String, C::One, E::Omit},
    {2, "generateName", K::String, C::One, E::Omit},
    {3, "namespace", K::String, C::One, E::Omit},
    {4, "selfLink", K::String, C::One, E::Omit},
    {5, "uid", K::String, C::One, E::Omit},
    {6, "resourceVersion", K::String, C::One, E::Omit},
    {7, "generation", K::Int64, C::One, E::Omit},
    {8, "creationTimestamp", K::Time, C::One, E::Always},
    {9, "deletionTimestamp", K::Time, C::One, E::IfSet},
    {10, "deletionGracePeriodSeconds", K::Int64, C::One, E::IfSet},
    {11, "labels", K::String, C::Map, E::Omit},
    {12, "annotations", K::String, C::Map, E::Omit},
    {13, "ownerReferences", K::Message, C::Many, E::Omit, M::OwnerReference},
    {14, "finalizers", K::String, C::Many, E::Omit},
    // 17 managedFields: not decoded (ManagedFieldsEntry)
};

constexpr Field kOwnerReference[] = {
    {1, "kind", K::String, C::One, E::Always},
    {3, "name", K::String, C::One, E::Always},
    {4, "uid", K::String, C::One, E::Always},
    {5, "apiVersion", K::String, C::One, E::Always},
    {6, "controller", K::Bool, C::One, E::IfSet},
    {7, "blockOwnerDeletion", K::Bool, C::One, E::IfSet},
};

constexpr Field kPreconditions[] = {
    {1, "uid", K::String, C::One, E::IfSet},
    {2, "resourceVersion", K::String, C::One, E::IfSet},
};

// ---- core/v1

constexpr Field kAffinity[] = {
    {1, "nodeAffinity", K::Message, C::One, E::IfSet, M::NodeAffinity},
    {2, "podAffinity", K::Message, C::One, E::IfSet, M::PodAffinity},
    {3, "podAntiAffinity", K::Message, C::One, E::IfSet, M::PodAntiAffinity},
};

constexpr Field kAppArmorProfile[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "localhostProfile", K::String, C::One, E::IfSet},
};

constexpr Field kCSIVolumeSource[] = {
    {1, "driver", K::String, C::One, E::Always},
    {2, "readOnly", K::Bool, C::One, E::IfSet},
    {3, "fsType", K::String, C::One, E::IfSet},
    {4, "volumeAttributes", K::String, C::Map, E::Omit},
    {5, "nodePublishSecretRef", K::Message, C::One, E::IfSet, M::LocalObjectReference},
};

constexpr Field kCapabilities[] = {
    {1, "add", K::String, C::Many, E::Omit},
    {2, "drop", K::String, C::Many, E::Omit},
};

constexpr Field kClientIPConfig[] = {
    {1, "timeoutSeconds", K::Int32, C::One, E::IfSet},
};

constexpr Field kConfigMap[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "data", K::String, C::Map, E::Omit},
    {3, "binaryData", K::Bytes, C::Map, E::Omit},
    {4, "immutable", K::Bool, C::One, E::IfSet},
};

constexpr Field kConfigMapEnvSource[] = {
    {1, "", K::Message, C::One, E::Inline, M::LocalObjectReference},
    {2, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kConfigMapKeySelector[] = {
    {1, "", K::Message, C::One, E::Inline, M::LocalObjectReference},
    {2, "key", K::String, C::One, E::Always},
    {3, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kConfigMapProjection[] = {
    {1, "", K::Message, C::One, E::Inline, M::LocalObjectReference},
    {2, "items", K::Message, C::Many, E::Omit, M::KeyToPath},
    {4, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kConfigMapVolumeSource[] = {
    {1, "", K::Message, C::One, E::Inline, M::LocalObjectReference},
    {2, "items", K::Message, C::Many, E::Omit, M::KeyToPath},
    {3, "defaultMode", K::Int32, C::One, E::IfSet},
    {4, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kContainer[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "image", K::String, C::One, E::Omit},
    {3, "command", K::String, C::Many, E::Omit},
    {4, "args", K::String, C::Many, E::Omit},
    {5, "workingDir", K::String, C::One, E::Omit},
    {6, "ports", K::Message, C::Many, E::Omit, M::ContainerPort},
    {7, "env", K::Message, C::Many, E::Omit, M::EnvVar},
    {8, "resources", K::Message, C::One, E::Always, M::ResourceRequirements},
    {9, "volumeMounts", K::Message, C::Many, E::Omit, M::VolumeMount},
    {10, "livenessProbe", K::Message, C::One, E::IfSet, M::Probe},
    {11, "readinessProbe", K::Message, C::One, E::IfSet, M::Probe},
    {12, "lifecycle", K::Message, C::One, E::IfSet, M::Lifecycle},
    {13, "terminationMessagePath", K::String, C::One, E::Omit},
    {14, "imagePullPolicy", K::String, C::One, E::Omit},
    {15, "securityContext", K::Message, C::One, E::IfSet, M::SecurityContext},
    {16, "stdin", K::Bool, C::One, E::Omit},
    {17, "stdinOnce", K::Bool, C::One, E::Omit},
    {18, "tty", K::Bool, C::One, E::Omit},
    {19, "envFrom", K::Message, C::Many, E::Omit, M::EnvFromSource},
    {20, "terminationMessagePolicy", K::String, C::One, E::Omit},
    {21, "volumeDevices", K::Message, C::Many, E::Omit, M::VolumeDevice},
    {22, "startupProbe", K::Message, C::One, E::IfSet, M::Probe},
    {23, "resizePolicy", K::Message, C::Many, E::Omit, M::ContainerResizePolicy},
    {24, "restartPolicy", K::String, C::One, E::IfSet},
};

constexpr Field kContainerPort[] = {
    {1, "name", K::String, C::One, E::Omit},
    {2, "hostPort", K::Int32, C::One, E::Omit},
    {3, "containerPort", K::Int32, C::One, E::Always},
    {4, "protocol", K::String, C::One, E::Omit},
    {5, "hostIP", K::String, C::One, E::Omit},
};

constexpr Field kContainerResizePolicy[] = {
    {1, "resourceName", K::String, C::One, E::Always},
    {2, "restartPolicy", K::String, C::One, E::Always},
};

constexpr Field kDownwardAPIProjection[] = {
    {1, "items", K::Message, C::Many, E::Omit, M::DownwardAPIVolumeFile},
};

constexpr Field kDownwardAPIVolumeFile[] = {
    {1, "path", K::String, C::One, E::Always},
    {2, "fieldRef", K::Message, C::One, E::IfSet, M::ObjectFieldSelector},
    {3, "resourceFieldRef", K::Message, C::One, E::IfSet, M::ResourceFieldSelector},
    {4, "mode", K::Int32, C::One, E::IfSet},
};

constexpr Field kDownwardAPIVolumeSource[] = {
    {1, "items", K::Message, C::Many, E::Omit, M::DownwardAPIVolumeFile},
    {2, "defaultMode", K::Int32, C::One, E::IfSet},
};

constexpr Field kEmptyDirVolumeSource[] = {
    {1, "medium", K::String, C::One, E::Omit},
    {2, "sizeLimit", K::Quantity, C::One, E::IfSet},
};

constexpr Field kEnvFromSource[] = {
    {1, "prefix", K::String, C::One, E::Omit},
    {2, "configMapRef", K::Message, C::One, E::IfSet, M::ConfigMapEnvSource},
    {3, "secretRef", K::Message, C::One, E::IfSet, M::SecretEnvSource},
};

constexpr Field kEnvVar[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "value", K::String, C::One, E::Omit},
    {3, "valueFrom", K::Message, C::One, E::IfSet, M::EnvVarSource},
};

constexpr Field kEnvVarSource[] = {
    {1, "fieldRef", K::Message, C::One, E::IfSet, M::ObjectFieldSelector},
    {2, "resourceFieldRef", K::Message, C::One, E::IfSet, M::ResourceFieldSelector},
    {3, "configMapKeyRef", K::Message, C::One, E::IfSet, M::ConfigMapKeySelector},
    {4, "secretKeyRef", K::Message, C::One, E::IfSet, M::SecretKeySelector},
};

constexpr Field kEphemeralVolumeSource[] = {
    {1, "volumeClaimTemplate", K::Message, C::One, E::IfSet, M::PersistentVolumeClaimTemplate},
};

constexpr Field kExecAction[] = {
    {1, "command", K::String, C::Many, E::Omit},
};

constexpr Field kGRPCAction[] = {
    {1, "port", K::Int32, C::One, E::Always},
    {2, "service", K::String, C::One, E::OrNull},
};

constexpr Field kHTTPGetAction[] = {
    {1, "path", K::String, C::One, E::Omit},
    {2, "port", K::IntOrString, C::One, E::Always},
    {3, "host", K::String, C::One, E::Omit},
    {4, "scheme", K::String, C::One, E::Omit},
    {5, "httpHeaders", K::Message, C::Many, E::Omit, M::HTTPHeader},
};

constexpr Field kHTTPHeader[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "value", K::String, C::One, E::Always},
};

constexpr Field kHostAlias[] = {
    {1, "ip", K::String, C::One, E::Always},
    {2, "hostnames", K::String, C::Many, E::Omit},
};

constexpr Field kHostPathVolumeSource[] = {
    {1, "path", K::String, C::One, E::Always},
    {2, "type", K::String, C::One, E::IfSet},
};

constexpr Field kKeyToPath[] = {
    {1, "key", K::String, C::One, E::Always},
    {2, "path", K::String, C::One, E::Always},
    {3, "mode", K::Int32, C::One, E::IfSet},
};

constexpr Field kLifecycle[] = {
    {1, "postStart", K::Message, C::One, E::IfSet, M::LifecycleHandler},
    {2, "preStop", K::Message, C::One, E::IfSet, M::LifecycleHandler},
};

constexpr Field kLifecycleHandler[] = {
    {1, "exec", K::Message, C::One, E::IfSet, M::ExecAction},
    {2, "httpGet", K::Message, C::One, E::IfSet, M::HTTPGetAction},
    {3, "tcpSocket", K::Message, C::One, E::IfSet, M::TCPSocketAction},
    {4, "sleep", K::Message, C::One, E::IfSet, M::SleepAction},
};

constexpr Field kLoadBalancerIngress[] = {
    {1, "ip", K::String, C::One, E::Omit},
    {2, "hostname", K::String, C::One, E::Omit},
    {3, "ipMode", K::String, C::One, E::IfSet},
    {4, "ports", K::Message, C::Many, E::Omit, M::PortStatus},
};

constexpr Field kLoadBalancerStatus[] = {
    {1, "ingress", K::Message, C::Many, E::Omit, M::LoadBalancerIngress},
};

constexpr Field kLocalObjectReference[] = {
    {1, "name", K::String, C::One, E::Omit},
};

constexpr Field kNFSVolumeSource[] = {
    {1, "server", K::String, C::One, E::Always},
    {2, "path", K::String, C::One, E::Always},
    {3, "readOnly", K::Bool, C::One, E::Omit},
};

constexpr Field kNamespace[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::NamespaceSpec},
    {3, "status", K::Message, C::One, E::Always, M::NamespaceStatus},
};

constexpr Field kNamespaceCondition[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "status", K::String, C::One, E::Always},
    {4, "lastTransitionTime", K::Time, C::One, E::Always},
    {5, "reason", K::String, C::One, E::Omit},
    {6, "message", K::String, C::One, E::Omit},
};

constexpr Field kNamespaceSpec[] = {
    {1, "finalizers", K::String, C::Many, E::Omit},
};

constexpr Field kNamespaceStatus[] = {
    {1, "phase", K::String, C::One, E::Omit},
    {2, "conditions", K::Message, C::Many, E::Omit, M::NamespaceCondition},
};

constexpr Field kNodeAffinity[] = {
    {1, "requiredDuringSchedulingIgnoredDuringExecution", K::Message, C::One, E::IfSet, M::NodeSelector},
    {2, "preferredDuringSchedulingIgnoredDuringExecution", K::Message, C::Many, E::Omit, M::PreferredSchedulingTerm},
};

constexpr Field kNodeSelector[] = {
    {1, "nodeSelectorTerms", K::Message, C::Many, E::Always, M::NodeSelectorTerm},
};

constexpr Field kNodeSelectorRequirement[] = {
    {1, "key", K::String, C::One, E::Always},
    {2, "operator", K::String, C::One, E::Always},
    {3, "values", K::String, C::Many, E::Omit},
};

constexpr Field kNodeSelectorTerm[] = {
    {1, "matchExpressions", K::Message, C::Many, E::Omit, M::NodeSelectorRequirement},
    {2, "matchFields", K::Message, C::Many, E::Omit, M::NodeSelectorRequirement},
};

constexpr Field kObjectFieldSelector[] = {
    {1, "apiVersion", K::String, C::One, E::Omit},
    {2, "fieldPath", K::String, C::One, E::Always},
};

constexpr Field kObjectReference[] = {
    {1, "kind", K::String, C::One, E::Omit},
    {2, "namespace", K::String, C::One, E::Omit},
    {3, "name", K::String, C::One, E::Omit},
    {4, "uid", K::String, C::One, E::Omit},
    {5, "apiVersion", K::String, C::One, E::Omit},
    {6, "resourceVersion", K::String, C::One, E::Omit},
    {7, "fieldPath", K::String, C::One, E::Omit},
};

constexpr Field kPersistentVolumeClaimSpec[] = {
    {1, "accessModes", K::String, C::Many, E::Omit},
    {2, "resources", K::Message, C::One, E::Always, M::VolumeResourceRequirements},
    {3, "volumeName", K::String, C::One, E::Omit},
    {4, "selector", K::Message, C::One, E::IfSet, M::LabelSelector},
    {5, "storageClassName", K::String, C::One, E::IfSet},
    {6, "volumeMode", K::String, C::One, E::IfSet},
    {7, "dataSource", K::Message, C::One, E::IfSet, M::TypedLocalObjectReference},
    {8, "dataSourceRef", K::Message, C::One, E::IfSet, M::TypedObjectReference},
    {9, "volumeAttributesClassName", K::String, C::One, E::IfSet},
};

constexpr Field kPersistentVolumeClaimTemplate[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::PersistentVolumeClaimSpec},
};

constexpr Field kPersistentVolumeClaimVolumeSource[] = {
    {1, "claimName", K::String, C::One, E::Always},
    {2, "readOnly", K::Bool, C::One, E::Omit},
};

constexpr Field kPodAffinity[] = {
    {1, "requiredDuringSchedulingIgnoredDuringExecution", K::Message, C::Many, E::Omit, M::PodAffinityTerm},
    {2, "preferredDuringSchedulingIgnoredDuringExecution", K::Message, C::Many, E::Omit, M::WeightedPodAffinityTerm},
};

constexpr Field kPodAffinityTerm[] = {
    {1, "labelSelector", K::Message, C::One, E::IfSet, M::LabelSelector},
    {2, "namespaces", K::String, C::Many, E::Omit},
    {3, "topologyKey", K::String, C::One, E::Always},
    {4, "namespaceSelector", K::Message, C::One, E::IfSet, M::LabelSelector},
    {5, "matchLabelKeys", K::String, C::Many, E::Omit},
    {6, "mismatchLabelKeys", K::String, C::Many, E::Omit},
};

constexpr Field kPodAntiAffinity[] = {
    {1, "requiredDuringSchedulingIgnoredDuringExecution", K::Message, C::Many, E::Omit, M::PodAffinityTerm},
    {2, "preferredDuringSchedulingIgnoredDuringExecution", K::Message, C::Many, E::Omit, M::WeightedPodAffinityTerm},
};

constexpr Field kPodDNSConfig[] = {
    {1, "nameservers", K::String, C::Many, E::Omit},
    {2, "searches", K::String, C::Many, E::Omit},
    {3, "options", K::Message, C::Many, E::Omit, M::PodDNSConfigOption},
};

constexpr Field kPodDNSConfigOption[] = {
    {1, "name", K::String, C::One, E::Omit},
    {2, "value", K::String, C::One, E::IfSet},
};

constexpr Field kPodOS[] = {
    {1, "name", K::String, C::One, E::Always},
};

constexpr Field kPodReadinessGate[] = {
    {1, "conditionType", K::String, C::One, E::Always},
};

constexpr Field kPodResourceClaim[] = {
    {1, "name", K::String, C::One, E::Always},
    {3, "resourceClaimName", K::String, C::One, E::IfSet},
    {4, "resourceClaimTemplateName", K::String, C::One, E::IfSet},
};

constexpr Field kPodSchedulingGate[] = {
    {1, "name", K::String, C::One, E::Always},
};

constexpr Field kPodSecurityContext[] = {
    {1, "seLinuxOptions", K::Message, C::One, E::IfSet, M::SELinuxOptions},
    {2, "runAsUser", K::Int64, C::One, E::IfSet},
    {3, "runAsNonRoot", K::Bool, C::One, E::IfSet},
    {4, "supplementalGroups", K::Int64, C::Many, E::Omit},
    {5, "fsGroup", K::Int64, C::One, E::IfSet},
    {6, "runAsGroup", K::Int64, C::One, E::IfSet},
    {7, "sysctls", K::Message, C::Many, E::Omit, M::Sysctl},
    {8, "windowsOptions", K::Message, C::One, E::IfSet, M::WindowsSecurityContextOptions},
    {9, "fsGroupChangePolicy", K::String, C::One, E::IfSet},
    {10, "seccompProfile", K::Message, C::One, E::IfSet, M::SeccompProfile},
    {11, "appArmorProfile", K::Message, C::One, E::IfSet, M::AppArmorProfile},
    {12, "supplementalGroupsPolicy", K::String, C::One, E::IfSet},
    {13, "seLinuxChangePolicy", K::String, C::One, E::IfSet},
};

constexpr Field kPodSpec[] = {
    {1, "volumes", K::Message, C::Many, E::Omit, M::Volume},
    {2, "containers", K::Message, C::Many, E::Always, M::Container},
    {3, "restartPolicy", K::String, C::One, E::Omit},
    {4, "terminationGracePeriodSeconds", K::Int64, C::One, E::IfSet},
    {5, "activeDeadlineSeconds", K::Int64, C::One, E::IfSet},
    {6, "dnsPolicy", K::String, C::One, E::Omit},
    {7, "nodeSelector", K::String, C::Map, E::Omit},
    {8, "serviceAccountName", K::String, C::One, E::Omit},
    {9, "serviceAccount", K::String, C::One, E::Omit},
    {10, "nodeName", K::String, C::One, E::Omit},
    {11, "hostNetwork", K::Bool, C::One, E::Omit},
    {12, "hostPID", K::Bool, C::One, E::Omit},
    {13, "hostIPC", K::Bool, C::One, E::Omit},
    {14, "securityContext", K::Message, C::One, E::IfSet, M::PodSecurityContext},
    {15, "imagePullSecrets", K::Message, C::Many, E::Omit, M::LocalObjectReference},
    {16, "hostname", K::String, C::One, E::Omit},
    {17, "subdomain", K::String, C::One, E::Omit},
    {18, "affinity", K::Message, C::One, E::IfSet, M::Affinity},
    {19, "schedulerName", K::String, C::One, E::Omit},
    {20, "initContainers", K::Message, C::Many, E::Omit, M::Container},
    {21, "automountServiceAccountToken", K::Bool, C::One, E::IfSet},
    {22, "tolerations", K::Message, C::Many, E::Omit, M::Toleration},
    {23, "hostAliases", K::Message, C::Many, E::Omit, M::HostAlias},
    {24, "priorityClassName", K::String, C::One, E::Omit},
    {25, "priority", K::Int32, C::One, E::IfSet},
    {26, "dnsConfig", K::Message, C::One, E::IfSet, M::PodDNSConfig},
    {27, "shareProcessNamespace", K::Bool, C::One, E::IfSet},
    {28, "readinessGates", K::Message, C::Many, E::Omit, M::PodReadinessGate},
    {29, "runtimeClassName", K::String, C::One, E::IfSet},
    {30, "enableServiceLinks", K::Bool, C::One, E::IfSet},
    {31, "preemptionPolicy", K::String, C::One, E::IfSet},
    {32, "overhead", K::Quantity, C::Map, E::Omit},
    {33, "topologySpreadConstraints", K::Message, C::Many, E::Omit, M::TopologySpreadConstraint},
    // 34 ephemeralContainers: not decoded (EphemeralContainer)
    {35, "setHostnameAsFQDN", K::Bool, C::One, E::IfSet},
    {36, "os", K::Message, C::One, E::IfSet, M::PodOS},
    {37, "hostUsers", K::Bool, C::One, E::IfSet},
    {38, "schedulingGates", K::Message, C::Many, E::Omit, M::PodSchedulingGate},
    {39, "resourceClaims", K::Message, C::Many, E::Omit, M::PodResourceClaim},
    {40, "resources", K::Message, C::One, E::IfSet, M::ResourceRequirements},
};

constexpr Field kPodTemplateSpec[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::PodSpec},
};

constexpr Field kPortStatus[] = {
    {1, "port", K::Int32, C::One, E::Always},
    {2, "protocol", K::String, C::One, E::Always},
    {3, "error", K::String, C::One, E::IfSet},
};

constexpr Field kPreferredSchedulingTerm[] = {
    {1, "weight", K::Int32, C::One, E::Always},
    {2, "preference", K::Message, C::One, E::Always, M::NodeSelectorTerm},
};

constexpr Field kProbe[] = {
    {1, "", K::Message, C::One, E::Inline, M::ProbeHandler},
    {2, "initialDelaySeconds", K::Int32, C::One, E::Omit},
    {3, "timeoutSeconds", K::Int32, C::One, E::Omit},
    {4, "periodSeconds", K::Int32, C::One, E::Omit},
    {5, "successThreshold", K::Int32, C::One, E::Omit},
    {6, "failureThreshold", K::Int32, C::One, E::Omit},
    {7, "terminationGracePeriodSeconds", K::Int64, C::One, E::IfSet},
};

constexpr Field kProbeHandler[] = {
    {1, "exec", K::Message, C::One, E::IfSet, M::ExecAction},
    {2, "httpGet", K::Message, C::One, E::IfSet, M::HTTPGetAction},
    {3, "tcpSocket", K::Message, C::One, E::IfSet, M::TCPSocketAction},
    {4, "grpc", K::Message, C::One, E::IfSet, M::GRPCAction},
};

constexpr Field kProjectedVolumeSource[] = {
    {1, "sources", K::Message, C::Many, E::Always, M::VolumeProjection},
    {2, "defaultMode", K::Int32, C::One, E::IfSet},
};

constexpr Field kResourceClaim[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "request", K::String, C::One, E::Omit},
};

constexpr Field kResourceFieldSelector[] = {
    {1, "containerName", K::String, C::One, E::Omit},
    {2, "resource", K::String, C::One, E::Always},
    {3, "divisor", K::Quantity, C::One, E::Always},
};

constexpr Field kResourceQuota[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::ResourceQuotaSpec},
    {3, "status", K::Message, C::One, E::Always, M::ResourceQuotaStatus},
};

constexpr Field kResourceQuotaSpec[] = {
    {1, "hard", K::Quantity, C::Map, E::Omit},
    {2, "scopes", K::String, C::Many, E::Omit},
    {3, "scopeSelector", K::Message, C::One, E::IfSet, M::ScopeSelector},
};

constexpr Field kResourceQuotaStatus[] = {
    {1, "hard", K::Quantity, C::Map, E::Omit},
    {2, "used", K::Quantity, C::Map, E::Omit},
};

constexpr Field kResourceRequirements[] = {
    {1, "limits", K::Quantity, C::Map, E::Omit},
    {2, "requests", K::Quantity, C::Map, E::Omit},
    {3, "claims", K::Message, C::Many, E::Omit, M::ResourceClaim},
};

constexpr Field kSELinuxOptions[] = {
    {1, "user", K::String, C::One, E::Omit},
    {2, "role", K::String, C::One, E::Omit},
    {3, "type", K::String, C::One, E::Omit},
    {4, "level", K::String, C::One, E::Omit},
};

constexpr Field kScopeSelector[] = {
    {1, "matchExpressions", K::Message, C::Many, E::Omit, M::ScopedResourceSelectorRequirement},
};

constexpr Field kScopedResourceSelectorRequirement[] = {
    {1, "scopeName", K::String, C::One, E::Always},
    {2, "operator", K::String, C::One, E::Always},
    {3, "values", K::String, C::Many, E::Omit},
};

constexpr Field kSeccompProfile[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "localhostProfile", K::String, C::One, E::IfSet},
};

constexpr Field kSecret[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "data", K::Bytes, C::Map, E::Omit},
    {3, "type", K::String, C::One, E::Omit},
    {4, "stringData", K::String, C::Map, E::Omit},
    {5, "immutable", K::Bool, C::One, E::IfSet},
};

constexpr Field kSecretEnvSource[] = {
    {1, "", K::Message, C::One, E::Inline, M::LocalObjectReference},
    {2, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kSecretKeySelector[] = {
    {1, "", K::Message, C::One, E::Inline, M::LocalObjectReference},
    {2, "key", K::String, C::One, E::Always},
    {3, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kSecretProjection[] = {
    {1, "", K::Message, C::One, E::Inline, M::LocalObjectReference},
    {2, "items", K::Message, C::Many, E::Omit, M::KeyToPath},
    {4, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kSecretVolumeSource[] = {
    {1, "secretName", K::String, C::One, E::Omit},
    {2, "items", K::Message, C::Many, E::Omit, M::KeyToPath},
    {3, "defaultMode", K::Int32, C::One, E::IfSet},
    {4, "optional", K::Bool, C::One, E::IfSet},
};

constexpr Field kSecurityContext[] = {
    {1, "capabilities", K::Message, C::One, E::IfSet, M::Capabilities},
    {2, "privileged", K::Bool, C::One, E::IfSet},
    {3, "seLinuxOptions", K::Message, C::One, E::IfSet, M::SELinuxOptions},
    {4, "runAsUser", K::Int64, C::One, E::IfSet},
    {5, "runAsNonRoot", K::Bool, C::One, E::IfSet},
    {6, "readOnlyRootFilesystem", K::Bool, C::One, E::IfSet},
    {7, "allowPrivilegeEscalation", K::Bool, C::One, E::IfSet},
    {8, "runAsGroup", K::Int64, C::One, E::IfSet},
    {9, "procMount", K::String, C::One, E::IfSet},
    {10, "windowsOptions", K::Message, C::One, E::IfSet, M::WindowsSecurityContextOptions},
    {11, "seccompProfile", K::Message, C::One, E::IfSet, M::SeccompProfile},
    {12, "appArmorProfile", K::Message, C::One, E::IfSet, M::AppArmorProfile},
};

constexpr Field kService[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::ServiceSpec},
    {3, "status", K::Message, C::One, E::Always, M::ServiceStatus},
};

constexpr Field kServiceAccount[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "secrets", K::Message, C::Many, E::Omit, M::ObjectReference},
    {3, "imagePullSecrets", K::Message, C::Many, E::Omit, M::LocalObjectReference},
    {4, "automountServiceAccountToken", K::Bool, C::One, E::IfSet},
};

constexpr Field kServiceAccountTokenProjection[] = {
    {1, "audience", K::String, C::One, E::Omit},
    {2, "expirationSeconds", K::Int64, C::One, E::IfSet},
    {3, "path", K::String, C::One, E::Always},
};

constexpr Field kServicePort[] = {
    {1, "name", K::String, C::One, E::Omit},
    {2, "protocol", K::String, C::One, E::Omit},
    {3, "port", K::Int32, C::One, E::Always},
    {4, "targetPort", K::IntOrString, C::One, E::Always},
    {5, "nodePort", K::Int32, C::One, E::Omit},
    {6, "appProtocol", K::String, C::One, E::IfSet},
};

constexpr Field kServiceSpec[] = {
    {1, "ports", K::Message, C::Many, E::Omit, M::ServicePort},
    {2, "selector", K::String, C::Map, E::Omit},
    {3, "clusterIP", K::String, C::One, E::Omit},
    {4, "type", K::String, C::One, E::Omit},
    {5, "externalIPs", K::String, C::Many, E::Omit},
    {7, "sessionAffinity", K::String, C::One, E::Omit},
    {8, "loadBalancerIP", K::String, C::One, E::Omit},
    {9, "loadBalancerSourceRanges", K::String, C::Many, E::Omit},
    {10, "externalName", K::String, C::One, E::Omit},
    {11, "externalTrafficPolicy", K::String, C::One, E::Omit},
    {12, "healthCheckNodePort", K::Int32, C::One, E::Omit},
    {13, "publishNotReadyAddresses", K::Bool, C::One, E::Omit},
    {14, "sessionAffinityConfig", K::Message, C::One, E::IfSet, M::SessionAffinityConfig},
    {17, "ipFamilyPolicy", K::String, C::One, E::IfSet},
    {18, "clusterIPs", K::String, C::Many, E::Omit},
    {19, "ipFamilies", K::String, C::Many, E::Omit},
    {20, "allocateLoadBalancerNodePorts", K::Bool, C::One, E::IfSet},
    {21, "loadBalancerClass", K::String, C::One, E::IfSet},
    {22, "internalTrafficPolicy", K::String, C::One, E::IfSet},
    {23, "trafficDistribution", K::String, C::One, E::IfSet},
};

constexpr Field kServiceStatus[] = {
    {1, "loadBalancer", K::Message, C::One, E::Always, M::LoadBalancerStatus},
    {2, "conditions", K::Message, C::Many, E::Omit, M::Condition},
};

constexpr Field kSessionAffinityConfig[] = {
    {1, "clientIP", K::Message, C::One, E::IfSet, M::ClientIPConfig},
};

constexpr Field kSleepAction[] = {
    {1, "seconds", K::Int64, C::One, E::Always},
};

constexpr Field kSysctl[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "value", K::String, C::One, E::Always},
};

constexpr Field kTCPSocketAction[] = {
    {1, "port", K::IntOrString, C::One, E::Always},
    {2, "host", K::String, C::One, E::Omit},
};

constexpr Field kToleration[] = {
    {1, "key", K::String, C::One, E::Omit},
    {2, "operator", K::String, C::One, E::Omit},
    {3, "value", K::String, C::One, E::Omit},
    {4, "effect", K::String, C::One, E::Omit},
    {5, "tolerationSeconds", K::Int64, C::One, E::IfSet},
};

constexpr Field kTopologySpreadConstraint[] = {
    {1, "maxSkew", K::Int32, C::One, E::Always},
    {2, "topologyKey", K::String, C::One, E::Always},
    {3, "whenUnsatisfiable", K::String, C::One, E::Always},
    {4, "labelSelector", K::Message, C::One, E::IfSet, M::LabelSelector},
    {5, "minDomains", K::Int32, C::One, E::IfSet},
    {6, "nodeAffinityPolicy", K::String, C::One, E::IfSet},
    {7, "nodeTaintsPolicy", K::String, C::One, E::IfSet},
    {8, "matchLabelKeys", K::String, C::Many, E::Omit},
};

constexpr Field kTypedLocalObjectReference[] = {
    {1, "apiGroup", K::String, C::One, E::OrNull},
    {2, "kind", K::String, C::One, E::Always},
    {3, "name", K::String, C::One, E::Always},
};

constexpr Field kTypedObjectReference[] = {
    {1, "apiGroup", K::String, C::One, E::OrNull},
    {2, "kind", K::String, C::One, E::Always},
    {3, "name", K::String, C::One, E::Always},
    {4, "namespace", K::String, C::One, E::IfSet},
};

constexpr Field kVolume[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "", K::Message, C::One, E::Inline, M::VolumeSource},
};

constexpr Field kVolumeDevice[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "devicePath", K::String, C::One, E::Always},
};

constexpr Field kVolumeMount[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "readOnly", K::Bool, C::One, E::Omit},
    {3, "mountPath", K::String, C::One, E::Always},
    {4, "subPath", K::String, C::One, E::Omit},
    {5, "mountPropagation", K::String, C::One, E::IfSet},
    {6, "subPathExpr", K::String, C::One, E::Omit},
    {7, "recursiveReadOnly", K::String, C::One, E::IfSet},
};

constexpr Field kVolumeProjection[] = {
    {1, "secret", K::Message, C::One, E::IfSet, M::SecretProjection},
    {2, "downwardAPI", K::Message, C::One, E::IfSet, M::DownwardAPIProjection},
    {3, "configMap", K::Message, C::One, E::IfSet, M::ConfigMapProjection},
    {4, "serviceAccountToken", K::Message, C::One, E::IfSet, M::ServiceAccountTokenProjection},
    // 5 clusterTrustBundle: not decoded (ClusterTrustBundleProjection)
};

constexpr Field kVolumeResourceRequirements[] = {
    {1, "limits", K::Quantity, C::Map, E::Omit},
    {2, "requests", K::Quantity, C::Map, E::Omit},
};

constexpr Field kVolumeSource[] = {
    {1, "hostPath", K::Message, C::One, E::IfSet, M::HostPathVolumeSource},
    {2, "emptyDir", K::Message, C::One, E::IfSet, M::EmptyDirVolumeSource},
    // 3 gcePersistentDisk: not decoded (GCEPersistentDiskVolumeSource)
    // 4 awsElasticBlockStore: not decoded (AWSElasticBlockStoreVolumeSource)
    // 5 gitRepo: not decoded (GitRepoVolumeSource)
    {6, "secret", K::Message, C::One, E::IfSet, M::SecretVolumeSource},
    {7, "nfs", K::Message, C::One, E::IfSet, M::NFSVolumeSource},
    // 8 iscsi: not decoded (ISCSIVolumeSource)
    // 9 glusterfs: not decoded (GlusterfsVolumeSource)
    {10, "persistentVolumeClaim", K::Message, C::One, E::IfSet, M::PersistentVolumeClaimVolumeSource},
    // 11 rbd: not decoded (RBDVolumeSource)
    // 12 flexVolume: not decoded (FlexVolumeSource)
    // 13 cinder: not decoded (CinderVolumeSource)
    // 14 cephfs: not decoded (CephFSVolumeSource)
    // 15 flocker: not decoded (FlockerVolumeSource)
    {16, "downwardAPI", K::Message, C::One, E::IfSet, M::DownwardAPIVolumeSource},
    // 17 fc: not decoded (FCVolumeSource)
    // 18 azureFile: not decoded (AzureFileVolumeSource)
    {19, "configMap", K::Message, C::One, E::IfSet, M::ConfigMapVolumeSource},
    // 20 vsphereVolume: not decoded (VsphereVirtualDiskVolumeSource)
    // 21 quobyte: not decoded (QuobyteVolumeSource)
    // 22 azureDisk: not decoded (AzureDiskVolumeSource)
    // 23 photonPersistentDisk: not decoded (PhotonPersistentDiskVolumeSource)
    // 24 portworxVolume: not decoded (PortworxVolumeSource)
    // 25 scaleIO: not decoded (ScaleIOVolumeSource)
    {26, "projected", K::Message, C::One, E::IfSet, M::ProjectedVolumeSource},
    // 27 storageos: not decoded (StorageOSVolumeSource)
    {28, "csi", K::Message, C::One, E::IfSet, M::CSIVolumeSource},
    {29, "ephemeral", K::Message, C::One, E::IfSet, M::EphemeralVolumeSource},
    // 30 image: not decoded (ImageVolumeSource)
};

constexpr Field kWeightedPodAffinityTerm[] = {
    {1, "weight", K::Int32, C::One, E::Always},
    {2, "podAffinityTerm", K::Message, C::One, E::Always, M::PodAffinityTerm},
};

constexpr Field kWindowsSecurityContextOptions[] = {
    {1, "gmsaCredentialSpecName", K::String, C::One, E::IfSet},
    {2, "gmsaCredentialSpec", K::String, C::One, E::IfSet},
    {3, "runAsUserName", K::String, C::One, E::IfSet},
    {4, "hostProcess", K::Bool, C::One, E::IfSet},
};

// ---- apps/v1

constexpr Field kDeployment[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::DeploymentSpec},
    {3, "status", K::Message, C::One, E::Always, M::DeploymentStatus},
};

constexpr Field kDeploymentCondition[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "status", K::String, C::One, E::Always},
    {4, "reason", K::String, C::One, E::Omit},
    {5, "message", K::String, C::One, E::Omit},
    {6, "lastUpdateTime", K::Time, C::One, E::Always},
    {7, "lastTransitionTime", K::Time, C::One, E::Always},
};

constexpr Field kDeploymentSpec[] = {
    {1, "replicas", K::Int32, C::One, E::IfSet},
    {2, "selector", K::Message, C::One, E::OrNull, M::LabelSelector},
    {3, "template", K::Message, C::One, E::Always, M::PodTemplateSpec},
    {4, "strategy", K::Message, C::One, E::Always, M::DeploymentStrategy},
    {5, "minReadySeconds", K::Int32, C::One, E::Omit},
    {6, "revisionHistoryLimit", K::Int32, C::One, E::IfSet},
    {7, "paused", K::Bool, C::One, E::Omit},
    {9, "progressDeadlineSeconds", K::Int32, C::One, E::IfSet},
};

constexpr Field kDeploymentStatus[] = {
    {1, "observedGeneration", K::Int64, C::One, E::Omit},
    {2, "replicas", K::Int32, C::One, E::Omit},
    {3, "updatedReplicas", K::Int32, C::One, E::Omit},
    {4, "availableReplicas", K::Int32, C::One, E::Omit},
    {5, "unavailableReplicas", K::Int32, C::One, E::Omit},
    {6, "conditions", K::Message, C::Many, E::Omit, M::DeploymentCondition},
    {7, "readyReplicas", K::Int32, C::One, E::Omit},
    {8, "collisionCount", K::Int32, C::One, E::IfSet},
};

constexpr Field kDeploymentStrategy[] = {
    {1, "type", K::String, C::One, E::Omit},
    {2, "rollingUpdate", K::Message, C::One, E::IfSet, M::RollingUpdateDeployment},
};

constexpr Field kRollingUpdateDeployment[] = {
    {1, "maxUnavailable", K::IntOrString, C::One, E::IfSet},
    {2, "maxSurge", K::IntOrString, C::One, E::IfSet},
};

// ---- batch/v1

constexpr Field kCronJob[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::CronJobSpec},
    {3, "status", K::Message, C::One, E::Always, M::CronJobStatus},
};

constexpr Field kCronJobSpec[] = {
    {1, "schedule", K::String, C::One, E::Always},
    {2, "startingDeadlineSeconds", K::Int64, C::One, E::IfSet},
    {3, "concurrencyPolicy", K::String, C::One, E::Omit},
    {4, "suspend", K::Bool, C::One, E::IfSet},
    {5, "jobTemplate", K::Message, C::One, E::Always, M::JobTemplateSpec},
    {6, "successfulJobsHistoryLimit", K::Int32, C::One, E::IfSet},
    {7, "failedJobsHistoryLimit", K::Int32, C::One, E::IfSet},
    {8, "timeZone", K::String, C::One, E::IfSet},
};

constexpr Field kCronJobStatus[] = {
    {1, "active", K::Message, C::Many, E::Omit, M::ObjectReference},
    {4, "lastScheduleTime", K::Time, C::One, E::IfSet},
    {5, "lastSuccessfulTime", K::Time, C::One, E::IfSet},
};

constexpr Field kJob[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::JobSpec},
    {3, "status", K::Message, C::One, E::Always, M::JobStatus},
};

constexpr Field kJobCondition[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "status", K::String, C::One, E::Always},
    {3, "lastProbeTime", K::Time, C::One, E::Always},
    {4, "lastTransitionTime", K::Time, C::One, E::Always},
    {5, "reason", K::String, C::One, E::Omit},
    {6, "message", K::String, C::One, E::Omit},
};

constexpr Field kJobSpec[] = {
    {1, "parallelism", K::Int32, C::One, E::IfSet},
    {2, "completions", K::Int32, C::One, E::IfSet},
    {3, "activeDeadlineSeconds", K::Int64, C::One, E::IfSet},
    {4, "selector", K::Message, C::One, E::IfSet, M::LabelSelector},
    {5, "manualSelector", K::Bool, C::One, E::IfSet},
    {6, "template", K::Message, C::One, E::Always, M::PodTemplateSpec},
    {7, "backoffLimit", K::Int32, C::One, E::IfSet},
    {8, "ttlSecondsAfterFinished", K::Int32, C::One, E::IfSet},
    {9, "completionMode", K::String, C::One, E::IfSet},
    {10, "suspend", K::Bool, C::One, E::IfSet},
    {11, "podFailurePolicy", K::Message, C::One, E::IfSet, M::PodFailurePolicy},
    {12, "backoffLimitPerIndex", K::Int32, C::One, E::IfSet},
    {13, "maxFailedIndexes", K::Int32, C::One, E::IfSet},
    {14, "podReplacementPolicy", K::String, C::One, E::IfSet},
    {15, "managedBy", K::String, C::One, E::IfSet},
    {16, "successPolicy", K::Message, C::One, E::IfSet, M::SuccessPolicy},
};

constexpr Field kJobStatus[] = {
    {1, "conditions", K::Message, C::Many, E::Omit, M::JobCondition},
    {2, "startTime", K::Time, C::One, E::IfSet},
    {3, "completionTime", K::Time, C::One, E::IfSet},
    {4, "active", K::Int32, C::One, E::Omit},
    {5, "succeeded", K::Int32, C::One, E::Omit},
    {6, "failed", K::Int32, C::One, E::Omit},
    {7, "completedIndexes", K::String, C::One, E::Omit},
    {8, "uncountedTerminatedPods", K::Message, C::One, E::IfSet, M::UncountedTerminatedPods},
    {9, "ready", K::Int32, C::One, E::IfSet},
    {10, "failedIndexes", K::String, C::One, E::IfSet},
    {11, "terminating", K::Int32, C::One, E::IfSet},
};

constexpr Field kJobTemplateSpec[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::JobSpec},
};

constexpr Field kPodFailurePolicy[] = {
    {1, "rules", K::Message, C::Many, E::Always, M::PodFailurePolicyRule},
};

constexpr Field kPodFailurePolicyOnExitCodesRequirement[] = {
    {1, "containerName", K::String, C::One, E::IfSet},
    {2, "operator", K::String, C::One, E::Always},
    {3, "values", K::Int32, C::Many, E::Always},
};

constexpr Field kPodFailurePolicyOnPodConditionsPattern[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "status", K::String, C::One, E::Always},
};

constexpr Field kPodFailurePolicyRule[] = {
    {1, "action", K::String, C::One, E::Always},
    {2, "onExitCodes", K::Message, C::One, E::IfSet, M::PodFailurePolicyOnExitCodesRequirement},
    {3, "onPodConditions", K::Message, C::Many, E::Omit, M::PodFailurePolicyOnPodConditionsPattern},
};

constexpr Field kSuccessPolicy[] = {
    {1, "rules", K::Message, C::Many, E::Always, M::SuccessPolicyRule},
};

constexpr Field kSuccessPolicyRule[] = {
    {1, "succeededIndexes", K::String, C::One, E::IfSet},
    {2, "succeededCount", K::Int32, C::One, E::IfSet},
};

constexpr Field kUncountedTerminatedPods[] = {
    {1, "succeeded", K::String, C::Many, E::Omit},
    {2, "failed", K::String, C::Many, E::Omit},
};

// ---- autoscaling/v1

constexpr Field kCrossVersionObjectReferenceV1[] = {
    {1, "kind", K::String, C::One, E::Always},
    {2, "name", K::String, C::One, E::Always},
    {3, "apiVersion", K::String, C::One, E::Omit},
};

constexpr Field kHorizontalPodAutoscalerSpecV1[] = {
    {1, "scaleTargetRef", K::Message, C::One, E::Always, M::CrossVersionObjectReferenceV1},
    {2, "minReplicas", K::Int32, C::One, E::IfSet},
    {3, "maxReplicas", K::Int32, C::One, E::Always},
    {4, "targetCPUUtilizationPercentage", K::Int32, C::One, E::IfSet},
};

constexpr Field kHorizontalPodAutoscalerStatusV1[] = {
    {1, "observedGeneration", K::Int64, C::One, E::IfSet},
    {2, "lastScaleTime", K::Time, C::One, E::IfSet},
    {3, "currentReplicas", K::Int32, C::One, E::Always},
    {4, "desiredReplicas", K::Int32, C::One, E::Always},
    {5, "currentCPUUtilizationPercentage", K::Int32, C::One, E::IfSet},
};

constexpr Field kHorizontalPodAutoscalerV1[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::HorizontalPodAutoscalerSpecV1},
    {3, "status", K::Message, C::One, E::Always, M::HorizontalPodAutoscalerStatusV1},
};

// ---- autoscaling/v2

constexpr Field kContainerResourceMetricSource[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "target", K::Message, C::One, E::Always, M::MetricTarget},
    {3, "container", K::String, C::One, E::Always},
};

constexpr Field kContainerResourceMetricStatus[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "current", K::Message, C::One, E::Always, M::MetricValueStatus},
    {3, "container", K::String, C::One, E::Always},
};

constexpr Field kCrossVersionObjectReferenceV2[] = {
    {1, "kind", K::String, C::One, E::Always},
    {2, "name", K::String, C::One, E::Always},
    {3, "apiVersion", K::String, C::One, E::Omit},
};

constexpr Field kExternalMetricSource[] = {
    {1, "metric", K::Message, C::One, E::Always, M::MetricIdentifier},
    {2, "target", K::Message, C::One, E::Always, M::MetricTarget},
};

constexpr Field kExternalMetricStatus[] = {
    {1, "metric", K::Message, C::One, E::Always, M::MetricIdentifier},
    {2, "current", K::Message, C::One, E::Always, M::MetricValueStatus},
};

constexpr Field kHPAScalingPolicy[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "value", K::Int32, C::One, E::Always},
    {3, "periodSeconds", K::Int32, C::One, E::Always},
};

constexpr Field kHPAScalingRules[] = {
    {1, "selectPolicy", K::String, C::One, E::IfSet},
    {2, "policies", K::Message, C::Many, E::Omit, M::HPAScalingPolicy},
    {3, "stabilizationWindowSeconds", K::Int32, C::One, E::IfSet},
};

constexpr Field kHorizontalPodAutoscalerBehavior[] = {
    {1, "scaleUp", K::Message, C::One, E::IfSet, M::HPAScalingRules},
    {2, "scaleDown", K::Message, C::One, E::IfSet, M::HPAScalingRules},
};

constexpr Field kHorizontalPodAutoscalerCondition[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "status", K::String, C::One, E::Always},
    {3, "lastTransitionTime", K::Time, C::One, E::Always},
    {4, "reason", K::String, C::One, E::Omit},
    {5, "message", K::String, C::One, E::Omit},
};

constexpr Field kHorizontalPodAutoscalerSpecV2[] = {
    {1, "scaleTargetRef", K::Message, C::One, E::Always, M::CrossVersionObjectReferenceV2},
    {2, "minReplicas", K::Int32, C::One, E::IfSet},
    {3, "maxReplicas", K::Int32, C::One, E::Always},
    {4, "metrics", K::Message, C::Many, E::Omit, M::MetricSpec},
    {5, "behavior", K::Message, C::One, E::IfSet, M::HorizontalPodAutoscalerBehavior},
};

constexpr Field kHorizontalPodAutoscalerStatusV2[] = {
    {1, "observedGeneration", K::Int64, C::One, E::IfSet},
    {2, "lastScaleTime", K::Time, C::One, E::IfSet},
    {3, "currentReplicas", K::Int32, C::One, E::Omit},
    {4, "desiredReplicas", K::Int32, C::One, E::Always},
    {5, "currentMetrics", K::Message, C::Many, E::Always, M::MetricStatus},
    {6, "conditions", K::Message, C::Many, E::Omit, M::HorizontalPodAutoscalerCondition},
};

constexpr Field kHorizontalPodAutoscalerV2[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::HorizontalPodAutoscalerSpecV2},
    {3, "status", K::Message, C::One, E::Always, M::HorizontalPodAutoscalerStatusV2},
};

constexpr Field kMetricIdentifier[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "selector", K::Message, C::One, E::IfSet, M::LabelSelector},
};

constexpr Field kMetricSpec[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "object", K::Message, C::One, E::IfSet, M::ObjectMetricSource},
    {3, "pods", K::Message, C::One, E::IfSet, M::PodsMetricSource},
    {4, "resource", K::Message, C::One, E::IfSet, M::ResourceMetricSource},
    {5, "external", K::Message, C::One, E::IfSet, M::ExternalMetricSource},
    {7, "containerResource", K::Message, C::One, E::IfSet, M::ContainerResourceMetricSource},
};

constexpr Field kMetricStatus[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "object", K::Message, C::One, E::IfSet, M::ObjectMetricStatus},
    {3, "pods", K::Message, C::One, E::IfSet, M::PodsMetricStatus},
    {4, "resource", K::Message, C::One, E::IfSet, M::ResourceMetricStatus},
    {5, "external", K::Message, C::One, E::IfSet, M::ExternalMetricStatus},
    {7, "containerResource", K::Message, C::One, E::IfSet, M::ContainerResourceMetricStatus},
};

constexpr Field kMetricTarget[] = {
    {1, "type", K::String, C::One, E::Always},
    {2, "value", K::Quantity, C::One, E::IfSet},
    {3, "averageValue", K::Quantity, C::One, E::IfSet},
    {4, "averageUtilization", K::Int32, C::One, E::IfSet},
};

constexpr Field kMetricValueStatus[] = {
    {1, "value", K::Quantity, C::One, E::IfSet},
    {2, "averageValue", K::Quantity, C::One, E::IfSet},
    {3, "averageUtilization", K::Int32, C::One, E::IfSet},
};

constexpr Field kObjectMetricSource[] = {
    {1, "describedObject", K::Message, C::One, E::Always, M::CrossVersionObjectReferenceV2},
    {2, "target", K::Message, C::One, E::Always, M::MetricTarget},
    {3, "metric", K::Message, C::One, E::Always, M::MetricIdentifier},
};

constexpr Field kObjectMetricStatus[] = {
    {1, "metric", K::Message, C::One, E::Always, M::MetricIdentifier},
    {2, "current", K::Message, C::One, E::Always, M::MetricValueStatus},
    {3, "describedObject", K::Message, C::One, E::Always, M::CrossVersionObjectReferenceV2},
};

constexpr Field kPodsMetricSource[] = {
    {1, "metric", K::Message, C::One, E::Always, M::MetricIdentifier},
    {2, "target", K::Message, C::One, E::Always, M::MetricTarget},
};

constexpr Field kPodsMetricStatus[] = {
    {1, "metric", K::Message, C::One, E::Always, M::MetricIdentifier},
    {2, "current", K::Message, C::One, E::Always, M::MetricValueStatus},
};

constexpr Field kResourceMetricSource[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "target", K::Message, C::One, E::Always, M::MetricTarget},
};

constexpr Field kResourceMetricStatus[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "current", K::Message, C::One, E::Always, M::MetricValueStatus},
};

// ---- policy/v1

constexpr Field kEviction[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "deleteOptions", K::Message, C::One, E::IfSet, M::DeleteOptions},
};

constexpr Field kPodDisruptionBudget[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::PodDisruptionBudgetSpec},
    {3, "status", K::Message, C::One, E::Always, M::PodDisruptionBudgetStatus},
};

constexpr Field kPodDisruptionBudgetSpec[] = {
    {1, "minAvailable", K::IntOrString, C::One, E::IfSet},
    {2, "selector", K::Message, C::One, E::IfSet, M::LabelSelector},
    {3, "maxUnavailable", K::IntOrString, C::One, E::IfSet},
    {4, "unhealthyPodEvictionPolicy", K::String, C::One, E::IfSet},
};

constexpr Field kPodDisruptionBudgetStatus[] = {
    {1, "observedGeneration", K::Int64, C::One, E::Omit},
    {2, "disruptedPods", K::Time, C::Map, E::Omit},
    {3, "disruptionsAllowed", K::Int32, C::One, E::Always},
    {4, "currentHealthy", K::Int32, C::One, E::Always},
    {5, "desiredHealthy", K::Int32, C::One, E::Always},
    {6, "expectedPods", K::Int32, C::One, E::Always},
    {7, "conditions", K::Message, C::Many, E::Omit, M::Condition},
};

// ---- rbac/v1

constexpr Field kAggregationRule[] = {
    {1, "clusterRoleSelectors", K::Message, C::Many, E::Omit, M::LabelSelector},
};

constexpr Field kClusterRole[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "rules", K::Message, C::Many, E::Always, M::PolicyRule},
    {3, "aggregationRule", K::Message, C::One, E::IfSet, M::AggregationRule},
};

constexpr Field kClusterRoleBinding[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "subjects", K::Message, C::Many, E::Omit, M::Subject},
    {3, "roleRef", K::Message, C::One, E::Always, M::RoleRef},
};

constexpr Field kPolicyRule[] = {
    {1, "verbs", K::String, C::Many, E::Always},
    {2, "apiGroups", K::String, C::Many, E::Omit},
    {3, "resources", K::String, C::Many, E::Omit},
    {4, "resourceNames", K::String, C::Many, E::Omit},
    {5, "nonResourceURLs", K::String, C::Many, E::Omit},
};

constexpr Field kRole[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "rules", K::Message, C::Many, E::Always, M::PolicyRule},
};

constexpr Field kRoleBinding[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "subjects", K::Message, C::Many, E::Omit, M::Subject},
    {3, "roleRef", K::Message, C::One, E::Always, M::RoleRef},
};

constexpr Field kRoleRef[] = {
    {1, "apiGroup", K::String, C::One, E::Always},
    {2, "kind", K::String, C::One, E::Always},
    {3, "name", K::String, C::One, E::Always},
};

constexpr Field kSubject[] = {
    {1, "kind", K::String, C::One, E::Always},
    {2, "apiGroup", K::String, C::One, E::Omit},
    {3, "name", K::String, C::One, E::Always},
    {4, "namespace", K::String, C::One, E::Omit},
};

// ---- networking/v1

constexpr Field kHTTPIngressPath[] = {
    {1, "path", K::String, C::One, E::Omit},
    {2, "backend", K::Message, C::One, E::Always, M::IngressBackend},
    {3, "pathType", K::String, C::One, E::OrNull},
};

constexpr Field kHTTPIngressRuleValue[] = {
    {1, "paths", K::Message, C::Many, E::Always, M::HTTPIngressPath},
};

constexpr Field kIngress[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::IngressSpec},
    {3, "status", K::Message, C::One, E::Always, M::IngressStatus},
};

constexpr Field kIngressBackend[] = {
    {3, "resource", K::Message, C::One, E::IfSet, M::TypedLocalObjectReference},
    {4, "service", K::Message, C::One, E::IfSet, M::IngressServiceBackend},
};

constexpr Field kIngressLoadBalancerIngress[] = {
    {1, "ip", K::String, C::One, E::Omit},
    {2, "hostname", K::String, C::One, E::Omit},
    {4, "ports", K::Message, C::Many, E::Omit, M::IngressPortStatus},
};

constexpr Field kIngressLoadBalancerStatus[] = {
    {1, "ingress", K::Message, C::Many, E::Omit, M::IngressLoadBalancerIngress},
};

constexpr Field kIngressPortStatus[] = {
    {1, "port", K::Int32, C::One, E::Always},
    {2, "protocol", K::String, C::One, E::Always},
    {3, "error", K::String, C::One, E::IfSet},
};

constexpr Field kIngressRule[] = {
    {1, "host", K::String, C::One, E::Omit},
    {2, "", K::Message, C::One, E::Inline, M::IngressRuleValue},
};

constexpr Field kIngressRuleValue[] = {
    {1, "http", K::Message, C::One, E::IfSet, M::HTTPIngressRuleValue},
};

constexpr Field kIngressServiceBackend[] = {
    {1, "name", K::String, C::One, E::Always},
    {2, "port", K::Message, C::One, E::Always, M::ServiceBackendPort},
};

constexpr Field kIngressSpec[] = {
    {1, "defaultBackend", K::Message, C::One, E::IfSet, M::IngressBackend},
    {2, "tls", K::Message, C::Many, E::Omit, M::IngressTLS},
    {3, "rules", K::Message, C::Many, E::Omit, M::IngressRule},
    {4, "ingressClassName", K::String, C::One, E::IfSet},
};

constexpr Field kIngressStatus[] = {
    {1, "loadBalancer", K::Message, C::One, E::Always, M::IngressLoadBalancerStatus},
};

constexpr Field kIngressTLS[] = {
    {1, "hosts", K::String, C::Many, E::Omit},
    {2, "secretName", K::String, C::One, E::Omit},
};

constexpr Field kServiceBackendPort[] = {
    {1, "name", K::String, C::One, E::Omit},
    {2, "number", K::Int32, C::One, E::Omit},
};

// ---- scheduling/v1

constexpr Field kPriorityClass[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "value", K::Int32, C::One, E::Always},
    {3, "globalDefault", K::Bool, C::One, E::Omit},
    {4, "description", K::String, C::One, E::Omit},
    {5, "preemptionPolicy", K::String, C::One, E::IfSet},
};

// ---- authentication/v1

constexpr Field kBoundObjectReference[] = {
    {1, "kind", K::String, C::One, E::Omit},
    {2, "apiVersion", K::String, C::One, E::Omit},
    {3, "name", K::String, C::One, E::Omit},
    {4, "uid", K::String, C::One, E::Omit},
};

constexpr Field kTokenRequest[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::TokenRequestSpec},
    {3, "status", K::Message, C::One, E::Always, M::TokenRequestStatus},
};

constexpr Field kTokenRequestSpec[] = {
    {1, "audiences", K::String, C::Many, E::Always},
    {3, "boundObjectRef", K::Message, C::One, E::OrNull, M::BoundObjectReference},
    {4, "expirationSeconds", K::Int64, C::One, E::OrNull},
};

constexpr Field kTokenRequestStatus[] = {
    {1, "token", K::String, C::One, E::Always},
    {2, "expirationTimestamp", K::Time, C::One, E::Always},
};

// ---- authorization/v1, authentication/v1: the reviews kubectl auth sends (status is the answer)

constexpr Field kNonResourceAttributes[] = {
    {1, "path", K::String, C::One, E::Omit},
    {2, "verb", K::String, C::One, E::Omit},
};

constexpr Field kResourceAttributes[] = {
    {1, "namespace", K::String, C::One, E::Omit},
    {2, "verb", K::String, C::One, E::Omit},
    {3, "group", K::String, C::One, E::Omit},
    {4, "version", K::String, C::One, E::Omit},
    {5, "resource", K::String, C::One, E::Omit},
    {6, "subresource", K::String, C::One, E::Omit},
    {7, "name", K::String, C::One, E::Omit},
};

constexpr Field kSelfSubjectAccessReview[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::SelfSubjectAccessReviewSpec},
    {3, "status", K::Message, C::One, E::Always, M::SubjectAccessReviewStatus},
};

constexpr Field kSelfSubjectAccessReviewSpec[] = {
    {1, "resourceAttributes", K::Message, C::One, E::IfSet, M::ResourceAttributes},
    {2, "nonResourceAttributes", K::Message, C::One, E::IfSet, M::NonResourceAttributes},
};

constexpr Field kSelfSubjectRulesReview[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
    {2, "spec", K::Message, C::One, E::Always, M::SelfSubjectRulesReviewSpec},
};

constexpr Field kSelfSubjectRulesReviewSpec[] = {
    {1, "namespace", K::String, C::One, E::Omit},
};

constexpr Field kSubjectAccessReviewStatus[] = {
    {1, "allowed", K::Bool, C::One, E::Always},
    {4, "denied", K::Bool, C::One, E::Omit},
    {2, "reason", K::String, C::One, E::Omit},
    {3, "evaluationError", K::String, C::One, E::Omit},
};

constexpr Field kSelfSubjectReview[] = {
    {1, "metadata", K::Message, C::One, E::Always, M::ObjectMeta},
};

struct TopLevel {
  std::string_view apiVersion, kind;
  M message;
};

constexpr TopLevel kTopLevel[] = {
    {"apps/v1", "Deployment", M::Deployment},
    {"batch/v1", "Job", M::Job},
    {"batch/v1", "CronJob", M::CronJob},
    {"v1", "ConfigMap", M::ConfigMap},
    {"v1", "Secret", M::Secret},
    {"v1", "Namespace", M::Namespace},
    {"v1", "Service", M::Service},
    {"v1", "ServiceAccount", M::ServiceAccount},
    {"v1", "ResourceQuota", M::ResourceQuota},
    {"rbac.authorization.k8s.io/v1", "Role", M::Role},
    {"rbac.authorization.k8s.io/v1", "ClusterRole", M::ClusterRole},
    {"rbac.authorization.k8s.io/v1", "RoleBinding", M::RoleBinding},
    {"rbac.authorization.k8s.io/v1", "ClusterRoleBinding", M::ClusterRoleBinding},
    {"policy/v1", "PodDisruptionBudget", M::PodDisruptionBudget},
    {"policy/v1", "Eviction", M::Eviction},
    {"scheduling.k8s.io/v1", "PriorityClass", M::PriorityClass},
    {"networking.k8s.io/v1", "Ingress", M::Ingress},
    {"authentication.k8s.io/v1", "TokenRequest", M::TokenRequest},
    {"authentication.k8s.io/v1", "SelfSubjectReview", M::SelfSubjectReview},
    {"authorization.k8s.io/v1", "SelfSubjectAccessReview", M::SelfSubjectAccessReview},
    {"authorization.k8s.io/v1", "SelfSubjectRulesReview", M::SelfSubjectRulesReview},
    {"autoscaling/v1", "HorizontalPodAutoscaler", M::HorizontalPodAutoscalerV1},
    {"autoscaling/v2", "HorizontalPodAutoscaler", M::HorizontalPodAutoscalerV2},
};

// Indexed by M, in the enum's order.
constexpr Message kMessages[] = {
    {"", nullptr, 0},  // M::None
    {"Condition", kCondition, std::size(kCondition)},
    {"DeleteOptions", kDeleteOptions, std::size(kDeleteOptions)},
    {"LabelSelector", kLabelSelector, std::size(kLabelSelector)},
    {"LabelSelectorRequirement", kLabelSelectorRequirement, std::size(kLabelSelectorRequirement)},
    {"ObjectMeta", kObjectMeta, std::size(kObjectMeta)},
    {"OwnerReference", kOwnerReference, std::size(kOwnerReference)},
    {"Preconditions", kPreconditions, std::size(kPreconditions)},
    {"Affinity", kAffinity, std::size(kAffinity)},
    {"AppArmorProfile", kAppArmorProfile, std::size(kAppArmorProfile)},
    {"CSIVolumeSource", kCSIVolumeSource, std::size(kCSIVolumeSource)},
    {"Capabilities", kCapabilities, std::size(kCapabilities)},
    {"ClientIPConfig", kClientIPConfig, std::size(kClientIPConfig)},
    {"ConfigMap", kConfigMap, std::size(kConfigMap)},
    {"ConfigMapEnvSource", kConfigMapEnvSource, std::size(kConfigMapEnvSource)},
    {"ConfigMapKeySelector", kConfigMapKeySelector, std::size(kConfigMapKeySelector)},
    {"ConfigMapProjection", kConfigMapProjection, std::size(kConfigMapProjection)},
    {"ConfigMapVolumeSource", kConfigMapVolumeSource, std::size(kConfigMapVolumeSource)},
    {"Container", kContainer, std::size(kContainer)},
    {"ContainerPort", kContainerPort, std::size(kContainerPort)},
    {"ContainerResizePolicy", kContainerResizePolicy, std::size(kContainerResizePolicy)},
    {"DownwardAPIProjection", kDownwardAPIProjection, std::size(kDownwardAPIProjection)},
    {"DownwardAPIVolumeFile", kDownwardAPIVolumeFile, std::size(kDownwardAPIVolumeFile)},
    {"DownwardAPIVolumeSource", kDownwardAPIVolumeSource, std::size(kDownwardAPIVolumeSource)},
    {"EmptyDirVolumeSource", kEmptyDirVolumeSource, std::size(kEmptyDirVolumeSource)},
    {"EnvFromSource", kEnvFromSource, std::size(kEnvFromSource)},
    {"EnvVar", kEnvVar, std::size(kEnvVar)},
    {"EnvVarSource", kEnvVarSource, std::size(kEnvVarSource)},
    {"EphemeralVolumeSource", kEphemeralVolumeSource, std::size(kEphemeralVolumeSource)},
    {"ExecAction", kExecAction, std::size(kExecAction)},
    {"GRPCAction", kGRPCAction, std::size(kGRPCAction)},
    {"HTTPGetAction", kHTTPGetAction, std::size(kHTTPGetAction)},
    {"HTTPHeader", kHTTPHeader, std::size(kHTTPHeader)},
    {"HostAlias", kHostAlias, std::size(kHostAlias)},
    {"HostPathVolumeSource", kHostPathVolumeSource, std::size(kHostPathVolumeSource)},
    {"KeyToPath", kKeyToPath, std::size(kKeyToPath)},
    {"Lifecycle", kLifecycle, std::size(kLifecycle)},
    {"LifecycleHandler", kLifecycleHandler, std::size(kLifecycleHandler)},
    {"LoadBalancerIngress", kLoadBalancerIngress, std::size(kLoadBalancerIngress)},
    {"LoadBalancerStatus", kLoadBalancerStatus, std::size(kLoadBalancerStatus)},
    {"LocalObjectReference", kLocalObjectReference, std::size(kLocalObjectReference)},
    {"NFSVolumeSource", kNFSVolumeSource, std::size(kNFSVolumeSource)},
    {"Namespace", kNamespace, std::size(kNamespace)},
    {"NamespaceCondition", kNamespaceCondition, std::size(kNamespaceCondition)},
    {"NamespaceSpec", kNamespaceSpec, std::size(kNamespaceSpec)},
    {"NamespaceStatus", kNamespaceStatus, std::size(kNamespaceStatus)},
    {"NodeAffinity", kNodeAffinity, std::size(kNodeAffinity)},
    {"NodeSelector", kNodeSelector, std::size(kNodeSelector)},
    {"NodeSelectorRequirement", kNodeSelectorRequirement, std::size(kNodeSelectorRequirement)},
    {"NodeSelectorTerm", kNodeSelectorTerm, std::size(kNodeSelectorTerm)},
    {"ObjectFieldSelector", kObjectFieldSelector, std::size(kObjectFieldSelector)},
    {"ObjectReference", kObjectReference, std::size(kObjectReference)},
    {"PersistentVolumeClaimSpec", kPersistentVolumeClaimSpec, std::size(kPersistentVolumeClaimSpec)},
    {"PersistentVolumeClaimTemplate", kPersistentVolumeClaimTemplate, std::size(kPersistentVolumeClaimTemplate)},
    {"PersistentVolumeClaimVolumeSource", kPersistentVolumeClaimVolumeSource, std::size(kPersistentVolumeClaimVolumeSource)},
    {"PodAffinity", kPodAffinity, std::size(kPodAffinity)},
    {"PodAffinityTerm", kPodAffinityTerm, std::size(kPodAffinityTerm)},
    {"PodAntiAffinity", kPodAntiAffinity, std::size(kPodAntiAffinity)},
    {"PodDNSConfig", kPodDNSConfig, std::size(kPodDNSConfig)},
    {"PodDNSConfigOption", kPodDNSConfigOption, std::size(kPodDNSConfigOption)},
    {"PodOS", kPodOS, std::size(kPodOS)},
    {"PodReadinessGate", kPodReadinessGate, std::size(kPodReadinessGate)},
    {"PodResourceClaim", kPodResourceClaim, std::size(kPodResourceClaim)},
    {"PodSchedulingGate", kPodSchedulingGate, std::size(kPodSchedulingGate)},
    {"PodSecurityContext", kPodSecurityContext, std::size(kPodSecurityContext)},
    {"PodSpec", kPodSpec, std::size(kPodSpec)},
    {"PodTemplateSpec", kPodTemplateSpec, std::size(kPodTemplateSpec)},
    {"PortStatus", kPortStatus, std::size(kPortStatus)},
    {"PreferredSchedulingTerm", kPreferredSchedulingTerm, std::size(kPreferredSchedulingTerm)},
    {"Probe", kProbe, std::size(kProbe)},
    {"ProbeHandler", kProbeHandler, std::size(kProbeHandler)},
    {"ProjectedVolumeSource", kProjectedVolumeSource, std::size(kProjectedVolumeSource)},
    {"ResourceClaim", kResourceClaim, std::size(kResourceClaim)},
    {"ResourceFieldSelector", kResourceFieldSelector, std::size(kResourceFieldSelector)},
    {"ResourceQuota", kResourceQuota, std::size(kResourceQuota)},
    {"ResourceQuotaSpec", kResourceQuotaSpec, std::size(kResourceQuotaSpec)},
    {"ResourceQuotaStatus", kResourceQuotaStatus, std::size(kResourceQuotaStatus)},
    {"ResourceRequirements", kResourceRequirements, std::size(kResourceRequirements)},
    {"SELinuxOptions", kSELinuxOptions, std::size(kSELinuxOptions)},
    {"ScopeSelector", kScopeSelector, std::size(kScopeSelector)},
    {"ScopedResourceSelectorRequirement", kScopedResourceSelectorRequirement, std::size(kScopedResourceSelectorRequirement)},
    {"SeccompProfile", kSeccompProfile, std::size(kSeccompProfile)},
    {"Secret", kSecret, std::size(kSecret)},
    {"SecretEnvSource", kSecretEnvSource, std::size(kSecretEnvSource)},
    {"SecretKeySelector", kSecretKeySelector, std::size(kSecretKeySelector)},
    {"SecretProjection", kSecretProjection, std::size(kSecretProjection)},
    {"SecretVolumeSource", kSecretVolumeSource, std::size(kSecretVolumeSource)},
    {"SecurityContext", kSecurityContext, std::size(kSecurityContext)},
    {"Service", kService, std::size(kService)},
    {"ServiceAccount", kServiceAccount, std::size(kServiceAccount)},
    {"ServiceAccountTokenProjection", kServiceAccountTokenProjection, std::size(kServiceAccountTokenProjection)},
    {"ServicePort", kServicePort, std::size(kServicePort)},
    {"ServiceSpec", kServiceSpec, std::size(kServiceSpec)},
    {"ServiceStatus", kServiceStatus, std::size(kServiceStatus)},
    {"SessionAffinityConfig", kSessionAffinityConfig, std::size(kSessionAffinityConfig)},
    {"SleepAction", kSleepAction, std::size(kSleepAction)},
    {"Sysctl", kSysctl, std::size(kSysctl)},
    {"TCPSocketAction", kTCPSocketAction, std::size(kTCPSocketAction)},
    {"Toleration", kToleration, std::size(kToleration)},
    {"TopologySpreadConstraint", kTopologySpreadConstraint, std::size(kTopologySpreadConstraint)},
    {"TypedLocalObjectReference", kTypedLocalObjectReference, std::size(kTypedLocalObjectReference)},
    {"TypedObjectReference", kTypedObjectReference, std::size(kTypedObjectReference)},
    {"Volume", kVolume, std::size(kVolume)},
    {"VolumeDevice", kVolumeDevice, std::size(kVolumeDevice)},
    {"VolumeMount", kVolumeMount, std::size(kVolumeMount)},
    {"VolumeProjection", kVolumeProjection, std::size(kVolumeProjection)},
    {"VolumeResourceRequirements", kVolumeResourceRequirements, std::size(kVolumeResourceRequirements)},
    {"VolumeSource", kVolumeSource, std::size(kVolumeSource)},
    {"WeightedPodAffinityTerm", kWeightedPodAffinityTerm, std::size(kWeightedPodAffinityTerm)},
    {"WindowsSecurityContextOptions", kWindowsSecurityContextOptions, std::size(kWindowsSecurityContextOptions)},
    {"Deployment", kDeployment, std::size(kDeployment)},
    {"DeploymentCondition", kDeploymentCondition, std::size(kDeploymentCondition)},
    {"DeploymentSpec", kDeploymentSpec, std::size(kDeploymentSpec)},
    {"DeploymentStatus", kDeploymentStatus, std::size(kDeploymentStatus)},
    {"DeploymentStrategy", kDeploymentStrategy, std::size(kDeploymentStrategy)},
    {"RollingUpdateDeployment", kRollingUpdateDeployment, std::size(kRollingUpdateDeployment)},
    {"CronJob", kCronJob, std::size(kCronJob)},
    {"CronJobSpec", kCronJobSpec, std::size(kCronJobSpec)},
    {"CronJobStatus", kCronJobStatus, std::size(kCronJobStatus)},
    {"Job", kJob, std::size(kJob)},
    {"JobCondition", kJobCondition, std::size(kJobCondition)},
    {"JobSpec", kJobSpec, std::size(kJobSpec)},
    {"JobStatus", kJobStatus, std::size(kJobStatus)},
    {"JobTemplateSpec", kJobTemplateSpec, std::size(kJobTemplateSpec)},
    {"PodFailurePolicy", kPodFailurePolicy, std::size(kPodFailurePolicy)},
    {"PodFailurePolicyOnExitCodesRequirement", kPodFailurePolicyOnExitCodesRequirement, std::size(kPodFailurePolicyOnExitCodesRequirement)},
    {"PodFailurePolicyOnPodConditionsPattern", kPodFailurePolicyOnPodConditionsPattern, std::size(kPodFailurePolicyOnPodConditionsPattern)},
    {"PodFailurePolicyRule", kPodFailurePolicyRule, std::size(kPodFailurePolicyRule)},
    {"SuccessPolicy", kSuccessPolicy, std::size(kSuccessPolicy)},
    {"SuccessPolicyRule", kSuccessPolicyRule, std::size(kSuccessPolicyRule)},
    {"UncountedTerminatedPods", kUncountedTerminatedPods, std::size(kUncountedTerminatedPods)},
    {"CrossVersionObjectReferenceV1", kCrossVersionObjectReferenceV1, std::size(kCrossVersionObjectReferenceV1)},
    {"HorizontalPodAutoscalerSpecV1", kHorizontalPodAutoscalerSpecV1, std::size(kHorizontalPodAutoscalerSpecV1)},
    {"HorizontalPodAutoscalerStatusV1", kHorizontalPodAutoscalerStatusV1, std::size(kHorizontalPodAutoscalerStatusV1)},
    {"HorizontalPodAutoscalerV1", kHorizontalPodAutoscalerV1, std::size(kHorizontalPodAutoscalerV1)},
    {"ContainerResourceMetricSource", kContainerResourceMetricSource, std::size(kContainerResourceMetricSource)},
    {"ContainerResourceMetricStatus", kContainerResourceMetricStatus, std::size(kContainerResourceMetricStatus)},
    {"CrossVersionObjectReferenceV2", kCrossVersionObjectReferenceV2, std::size(kCrossVersionObjectReferenceV2)},
    {"ExternalMetricSource", kExternalMetricSource, std::size(kExternalMetricSource)},
    {"ExternalMetricStatus", kExternalMetricStatus, std::size(kExternalMetricStatus)},
    {"HPAScalingPolicy", kHPAScalingPolicy, std::size(kHPAScalingPolicy)},
    {"HPAScalingRules", kHPAScalingRules, std::size(kHPAScalingRules)},
    {"HorizontalPodAutoscalerBehavior", kHorizontalPodAutoscalerBehavior, std::size(kHorizontalPodAutoscalerBehavior)},
    {"HorizontalPodAutoscalerCondition", kHorizontalPodAutoscalerCondition, std::size(kHorizontalPodAutoscalerCondition)},
    {"HorizontalPodAutoscalerSpecV2", kHorizontalPodAutoscalerSpecV2, std::size(kHorizontalPodAutoscalerSpecV2)},
    {"HorizontalPodAutoscalerStatusV2", kHorizontalPodAutoscalerStatusV2, std::size(kHorizontalPodAutoscalerStatusV2)},
    {"HorizontalPodAutoscalerV2", kHorizontalPodAutoscalerV2, std::size(kHorizontalPodAutoscalerV2)},
    {"MetricIdentifier", kMetricIdentifier, std::size(kMetricIdentifier)},
    {"MetricSpec", kMetricSpec, std::size(kMetricSpec)},
    {"MetricStatus", kMetricStatus, std::size(kMetricStatus)},
    {"MetricTarget", kMetricTarget, std::size(kMetricTarget)},
    {"MetricValueStatus", kMetricValueStatus, std::size(kMetricValueStatus)},
    {"ObjectMetricSource", kObjectMetricSource, std::size(kObjectMetricSource)},
    {"ObjectMetricStatus", kObjectMetricStatus, std::size(kObjectMetricStatus)},
    {"PodsMetricSource", kPodsMetricSource, std::size(kPodsMetricSource)},
    {"PodsMetricStatus", kPodsMetricStatus, std::size(kPodsMetricStatus)},
    {"ResourceMetricSource", kResourceMetricSource, std::size(kResourceMetricSource)},
    {"ResourceMetricStatus", kResourceMetricStatus, std::size(kResourceMetricStatus)},
    {"Eviction", kEviction, std::size(kEviction)},
    {"PodDisruptionBudget", kPodDisruptionBudget, std::size(kPodDisruptionBudget)},
    {"PodDisruptionBudgetSpec", kPodDisruptionBudgetSpec, std::size(kPodDisruptionBudgetSpec)},
    {"PodDisruptionBudgetStatus", kPodDisruptionBudgetStatus, std::size(kPodDisruptionBudgetStatus)},
    {"AggregationRule", kAggregationRule, std::size(kAggregationRule)},
    {"ClusterRole", kClusterRole, std::size(kClusterRole)},
    {"ClusterRoleBinding", kClusterRoleBinding, std::size(kClusterRoleBinding)},
    {"PolicyRule", kPolicyRule, std::size(kPolicyRule)},
    {"Role", kRole, std::size(kRole)},
    {"RoleBinding", kRoleBinding, std::size(kRoleBinding)},
    {"RoleRef", kRoleRef, std::size(kRoleRef)},
    {"Subject", kSubject, std::size(kSubject)},
    {"HTTPIngressPath", kHTTPIngressPath, std::size(kHTTPIngressPath)},
    {"HTTPIngressRuleValue", kHTTPIngressRuleValue, std::size(kHTTPIngressRuleValue)},
    {"Ingress", kIngress, std::size(kIngress)},
    {"IngressBackend", kIngressBackend, std::size(kIngressBackend)},
    {"IngressLoadBalancerIngress", kIngressLoadBalancerIngress, std::size(kIngressLoadBalancerIngress)},
    {"IngressLoadBalancerStatus", kIngressLoadBalancerStatus, std::size(kIngressLoadBalancerStatus)},
    {"IngressPortStatus", kIngressPortStatus, std::size(kIngressPortStatus)},
    {"IngressRule", kIngressRule, std::size(kIngressRule)},
    {"IngressRuleValue", kIngressRuleValue, std::size(kIngressRuleValue)},
    {"IngressServiceBackend", kIngressServiceBackend, std::size(kIngressServiceBackend)},
    {"IngressSpec", kIngressSpec, std::size(kIngressSpec)},
    {"IngressStatus", kIngressStatus, std::size(kIngressStatus)},
    {"IngressTLS", kIngressTLS, std::size(kIngressTLS)},
    {"ServiceBackendPort", kServiceBackendPort, std::size(kServiceBackendPort)},
    {"PriorityClass", kPriorityClass, std::size(kPriorityClass)},
    {"BoundObjectReference", kBoundObjectReference, std::size(kBoundObjectReference)},
    {"TokenRequest", kTokenRequest, std::size(kTokenRequest)},
    {"TokenRequestSpec", kTokenRequestSpec, std::size(kTokenRequestSpec)},
    {"TokenRequestStatus", kTokenRequestStatus, std::size(kTokenRequestStatus)},
    {"NonResourceAttributes", kNonResourceAttributes, std::size(kNonResourceAttributes)},
    {"ResourceAttributes", kResourceAttributes, std::size(kResourceAttributes)},
    {"SelfSubjectAccessReview", kSelfSubjectAccessReview, std::size(kSelfSubjectAccessReview)},
    {"SelfSubjectAccessReviewSpec", kSelfSubjectAccessReviewSpec, std::size(kSelfSubjectAccessReviewSpec)},
    {"SelfSubjectRulesReview", kSelfSubjectRulesReview, std::size(kSelfSubjectRulesReview)},
    {"SelfSubjectRulesReviewSpec", kSelfSubjectRulesReviewSpec, std::size(kSelfSubjectRulesReviewSpec)},
    {"SubjectAccessReviewStatus", kSubjectAccessReviewStatus, std::size(kSubjectAccessReviewStatus)},
    {"SelfSubjectReview", kSelfSubjectReview, std::size(kSelfSubjectReview)},
};
static_assert(std::size(kMessages) == static_cast<size_t>(M::Count), "one table per message, in enum order");

}  // namespace

const Field* Message::find(uint32_t number) const {
  for (size_t i = 0; i < count; i++)
    if (fields[i].number == number) return &fields[i];
  return nullptr;
}

const Message& message(M m) {
  auto i = static_cast<size_t>(m);
  return i < std::size(kMessages) ? kMessages[i] : kMessages[0];
}

M topLevelMessage(std::string_view apiVersion, std::string_view kind) {
  if (kind == "DeleteOptions") return M::DeleteOptions;
  for (const auto& t : kTopLevel)
    if (t.apiVersion == apiVersion && t.kind == kind) return t.message;
  return M::None;
}

}  // namespace kp::pb
