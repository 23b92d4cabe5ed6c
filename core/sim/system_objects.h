// minikube objects of the kinds beyond the first chapters: kube-system/kube-proxy and
// kube-system/kindnet as DaemonSets owning the per-node pods the bootstrap creates, and the
// default/kubernetes EndpointSlice that the API server keeps for its own service.
#pragma once

namespace kp {

class ApiServer;
// Creates the DaemonSets and makes them the controllers of the existing kube-proxy-* and
// kindnet-* pods (owner uid and controller-revision-hash label).
void adoptSystemDaemonPods(ApiServer& api);
// The EndpointSlice "kubernetes" (192.168.49.2:8443), as the API server's endpoint reconciler writes it.
void createKubernetesEndpointSlice(ApiServer& api);
// minikube's default StorageClass "standard" (its hostpath provisioner) and the two system
// PriorityClasses every cluster has.
void createStorageAndPriorityClasses(ApiServer& api);

// The bootstrap ClusterRoles and ClusterRoleBindings (cluster-admin, admin, edit, view, system:*),
// stored as the API server's policy bootstrap writes them. Their uids are derived from their
// names, so the cluster's random choices stay what they were.
void createBootstrapRbac(ApiServer& api);

}  // namespace kp
