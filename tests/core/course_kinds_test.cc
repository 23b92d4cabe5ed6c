// The kinds a course uses after chapter 2, kept as JsonObject: ServiceAccounts (the default one
// in every namespace), storage (minikube's standard class, dynamic provisioning, binding,
// reclaim), StatefulSets (ordered stable pods with their own claims), CronJobs (runs on the
// simulated clock, history limits), and the get tables and validation errors of the rest.
#include <gtest/gtest.h>

#include <regex>

#include "core/sim/cluster.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

// Ages change with the clock; tests compare the rest of a table.
std::string noAges(const std::string& s) {
  return std::regex_replace(s, std::regex(R"(\b\d+(s|m|h|d)(\d+(s|m|h))?\b)"), "AGE");
}

class CourseKinds : public ConsoleFixture {
 protected:
  void apply(const std::string& yaml) { run("cat <<EOF | kubectl apply -f -\n" + yaml + "EOF"); }
};

TEST_F(CourseKinds, EveryNamespaceHasADefaultServiceAccount) {
  EXPECT_EQ(noAges(run("kubectl get sa")), "NAME      SECRETS   AGE\ndefault   0         AGE\n");
  run("kubectl create namespace dev");
  cluster.settle();
  EXPECT_EQ(noAges(run("kubectl get serviceaccounts -n dev")), "NAME      SECRETS   AGE\ndefault   0         AGE\n");
  // Deleted, it comes back.
  run("kubectl delete sa default -n dev");
  cluster.settle();
  EXPECT_NE(run("kubectl get sa default -n dev -o name"), "");
}

TEST_F(CourseKinds, MinikubeHasAStandardDefaultStorageClass) {
  EXPECT_EQ(noAges(run("kubectl get sc")),
            "NAME                 PROVISIONER                RECLAIMPOLICY   VOLUMEBINDINGMODE   ALLOWVOLUMEEXPANSION   AGE\n"
            "standard (default)   k8s.io/minikube-hostpath   Delete          Immediate           false                  AGE\n");
}

TEST_F(CourseKinds, AClaimWithoutAClassIsProvisionedAndBound) {
  apply("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n"
        "  resources:\n    requests:\n      storage: 1Gi\n");
  cluster.settle();
  std::string pvc = noAges(run("kubectl get pvc"));
  EXPECT_TRUE(std::regex_match(pvc, std::regex("NAME   STATUS   VOLUME +CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n"
                                                "data   Bound    pvc-[0-9a-f-]{36}   1Gi        RWO            standard       <unset>                 AGE\n")))
      << pvc;
  std::string pv = noAges(run("kubectl get pv"));
  EXPECT_NE(pv.find("1Gi        RWO            Delete           Bound    default/data   standard"), std::string::npos) << pv;
  EXPECT_EQ(run("kubectl get pv -o jsonpath={.items[0].spec.hostPath.path}"), "/tmp/hostpath-provisioner/default/data");
  // The Delete reclaim policy removes the volume with its claim.
  run("kubectl delete pvc data");
  cluster.settle();
  EXPECT_EQ(run("kubectl get pv"), "No resources found\n");
}

TEST_F(CourseKinds, AStaticVolumeIsRetainedAfterItsClaimGoes) {
  apply("apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-a\nspec:\n  capacity:\n    storage: 5Gi\n"
        "  accessModes: [ReadWriteOnce, ReadOnlyMany]\n  hostPath:\n    path: /data/a\n");
  cluster.settle();
  EXPECT_NE(noAges(run("kubectl get pv pv-a")).find("pv-a   5Gi        RWO,ROX        Retain           Available"), std::string::npos);
  apply("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: claim-a\nspec:\n  storageClassName: \"\"\n"
        "  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n");
  cluster.settle();
  EXPECT_EQ(run("kubectl get pvc claim-a -o jsonpath={.spec.volumeName}/{.status.phase}/{.status.capacity.storage}"), "pv-a/Bound/5Gi");
  run("kubectl delete pvc claim-a");
  cluster.settle();
  EXPECT_EQ(run("kubectl get pv pv-a -o jsonpath={.status.phase}"), "Released");
}

TEST_F(CourseKinds, AStatefulSetStartsItsPodsInOrderWithTheirOwnClaims) {
  apply("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: None\n  selector:\n    app: web\n"
        "  ports:\n  - port: 80\n---\n"
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: web\n  replicas: 3\n"
        "  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n"
        "    spec:\n      containers:\n      - name: nginx\n        image: nginx:1.27\n        volumeMounts:\n"
        "        - name: www\n          mountPath: /usr/share/nginx/html\n"
        "  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      accessModes: [ReadWriteOnce]\n"
        "      resources:\n        requests:\n          storage: 1Gi\n");
  cluster.settle();
  // OrderedReady: only web-0 exists until it is Running and Ready.
  EXPECT_EQ(run("kubectl get pods -l app=web -o name"), "pod/web-0\n");
  cluster.advance(120000);
  EXPECT_EQ(run("kubectl get pods -l app=web -o name"), "pod/web-0\npod/web-1\npod/web-2\n");
  EXPECT_EQ(noAges(run("kubectl get sts")), "NAME   READY   AGE\nweb    3/3     AGE\n");
  EXPECT_EQ(run("kubectl get pod web-1 -o jsonpath={.spec.hostname}.{.spec.subdomain}"), "web-1.web");
  EXPECT_EQ(run("kubectl get pvc -o name"),
            "persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\npersistentvolumeclaim/www-web-2\n");
  EXPECT_EQ(run("kubectl get pvc www-web-2 -o jsonpath={.status.phase}"), "Bound");
  // The headless Service gives each pod a DNS name of its own.
  run("kubectl run dns --image=busybox -- sleep 3600");
  cluster.advance(60000);
  std::string ip = run("kubectl get pod web-1 -o jsonpath={.status.podIP}");
  std::string ns = run("kubectl exec dns -- nslookup web-1.web");
  EXPECT_NE(ns.find("web-1.web.default.svc.cluster.local"), std::string::npos) << ns;
  EXPECT_NE(ns.find(ip), std::string::npos) << ns;
  // Scaling down removes the highest ordinals; the claims stay.
  run("kubectl delete pod dns --now");
  run("kubectl scale sts web --replicas=1");
  cluster.advance(120000);
  EXPECT_EQ(run("kubectl get pods -l app=web -o name"), "pod/web-0\n");
  EXPECT_EQ(run("kubectl get pvc -o name").size(), std::string("persistentvolumeclaim/www-web-0\n").size() * 3);
}

TEST_F(CourseKinds, ACronJobRunsOnTheSimulatedClockAndKeepsItsHistory) {
  apply("apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: \"*/1 * * * *\"\n"
        "  successfulJobsHistoryLimit: 2\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
        "          restartPolicy: OnFailure\n          containers:\n          - name: tick\n            image: busybox\n"
        "            command: [\"sh\", \"-c\", \"date\"]\n");
  cluster.settle();
  EXPECT_EQ(noAges(run("kubectl get cronjob")),
            "NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n"
            "tick   */1 * * * *   <none>     False     0        <none>          AGE\n");
  cluster.advance(5 * 60000);
  std::string jobs = run("kubectl get jobs -o name");
  EXPECT_TRUE(std::regex_match(jobs, std::regex("job.batch/tick-[0-9]+\njob.batch/tick-[0-9]+\n(job.batch/tick-[0-9]+\n)?"))) << jobs;
  EXPECT_EQ(run("kubectl get jobs -o jsonpath={.items[0].metadata.ownerReferences[0].kind}"), "CronJob");
  std::string cj = noAges(run("kubectl get cj tick"));
  EXPECT_NE(cj.find("False     "), std::string::npos) << cj;
  EXPECT_EQ(cj.find("<none>          AGE"), std::string::npos) << "LAST SCHEDULE is set: " << cj;
}

struct ErrorCase {
  const char* name;
  const char* manifest;
  const char* expected;
};

TEST_F(CourseKinds, InvalidObjectsGetTheApiServersFieldErrors) {
  const ErrorCase cases[] = {
      {"ingress path without pathType",
       "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing\nspec:\n  rules:\n  - http:\n      paths:\n"
       "      - path: /\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n",
       "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"},
      {"cronjob with a bad schedule",
       "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: bad\nspec:\n  schedule: \"61 * * * *\"\n  jobTemplate:\n"
       "    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: c\n"
       "            image: busybox\n",
       "spec.schedule: Invalid value: \"61 * * * *\": unparseable schedule"},
      {"pdb with both bounds",
       "apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n"
       "  selector:\n    matchLabels:\n      app: x\n",
       "minAvailable and maxUnavailable cannot be both set"},
      {"user priority class above the limit",
       "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: huge\nvalue: 2000000000\n",
       "value: Forbidden: maximum allowed value of a user defined priority is 1000000000"},
  };
  for (const auto& c : cases) {
    std::string out = run(std::string("cat <<EOF | kubectl apply -f -\n") + c.manifest + "EOF", 1);
    EXPECT_NE(out.find(c.expected), std::string::npos) << c.name << "\n" << out;
  }
}

TEST_F(CourseKinds, GetTablesOfThePolicyAndAccessKinds) {
  apply("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\nspec:\n  minAvailable: 2\n"
        "  selector:\n    matchLabels:\n      app: kubia\n---\n"
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\nspec:\n  podSelector:\n"
        "    matchLabels:\n      app: db\n---\n"
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nroleRef:\n"
        "  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- kind: User\n  name: jane\n"
        "- kind: ServiceAccount\n  name: default\n  namespace: default\n");
  EXPECT_EQ(noAges(run("kubectl get pdb")),
            "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\npdb    2               N/A               0                     AGE\n");
  EXPECT_EQ(noAges(run("kubectl get netpol")), "NAME   POD-SELECTOR   AGE\ndeny   app=db         AGE\n");
  EXPECT_EQ(noAges(run("kubectl get rolebinding -o wide")),
            "NAME   ROLE               AGE   USERS   GROUPS   SERVICEACCOUNTS\nrb     ClusterRole/view   AGE    jane             default/default\n");
  EXPECT_EQ(run("kubectl get netpol deny -o jsonpath={.spec.policyTypes}"), "[\"Ingress\"]");
  EXPECT_EQ(noAges(run("kubectl get pc")),
            "NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY\n"
            "system-cluster-critical   2000000000   false            AGE   PreemptLowerPriority\n"
            "system-node-critical      2000001000   false            AGE   PreemptLowerPriority\n");
}

TEST_F(CourseKinds, AResourceQuotaCountsUsageAndRefusesWhatExceedsIt) {
  apply("apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: compute\nspec:\n  hard:\n    pods: \"2\"\n"
        "    requests.cpu: \"1\"\n    requests.memory: 1Gi\n");
  cluster.settle();
  EXPECT_EQ(noAges(run("kubectl get quota")),
            "NAME      REQUEST                                                LIMIT   AGE\n"
            "compute   pods: 0/2, requests.cpu: 0/1, requests.memory: 0/1Gi           AGE\n");
  // A pod that leaves out a limited resource is refused.
  EXPECT_EQ(run("kubectl run bare --image=nginx", 1),
            "Error from server (Forbidden): pods \"bare\" is forbidden: failed quota: compute: must specify "
            "requests.cpu for: bare; requests.memory for: bare\n");
  apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
        "    resources:\n      requests:\n        cpu: 600m\n        memory: 256Mi\n");
  cluster.settle();
  EXPECT_EQ(run("kubectl get quota compute -o jsonpath={.status.used}"),
            "{\"pods\":\"1\",\"requests.cpu\":\"600m\",\"requests.memory\":\"256Mi\"}");
  std::string refused = run("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p2\nspec:\n"
                            "  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: 600m\n"
                            "        memory: 256Mi\nEOF", 1);
  EXPECT_NE(refused.find("pods \"p2\" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: "
                         "requests.cpu=600m, limited: requests.cpu=1"),
            std::string::npos)
      << refused;
}

TEST_F(CourseKinds, ALimitRangeFillsInDefaultsAndRefusesTooMuch) {
  apply("apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: limits\nspec:\n  limits:\n  - type: Container\n"
        "    default:\n      cpu: 500m\n    defaultRequest:\n      cpu: 200m\n    max:\n      cpu: \"1\"\n");
  run("kubectl run web --image=nginx");
  EXPECT_EQ(run("kubectl get pod web -o jsonpath={.spec.containers[0].resources}"),
            "{\"limits\":{\"cpu\":\"500m\"},\"requests\":{\"cpu\":\"200m\"}}");
  EXPECT_EQ(run("kubectl get pod web -o jsonpath='{.metadata.annotations.kubernetes\\.io/limit-ranger}'"),
            "LimitRanger plugin set: cpu request for container web; cpu limit for container web");
  std::string out = run("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n"
                        "  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        cpu: 1500m\nEOF", 1);
  EXPECT_NE(out.find("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 1500m"), std::string::npos) << out;
}

TEST_F(CourseKinds, DrainWaitsForAPodDisruptionBudget) {
  run("kubectl create deployment web --image=nginx --replicas=2");
  apply("apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 2\n"
        "  selector:\n    matchLabels:\n      app: web\n");
  cluster.advance(60000);
  EXPECT_EQ(run("kubectl get pdb web -o jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/{.status.disruptionsAllowed}"), "2/2/0");
  // The two pods run on the workers; draining them all meets the budget on the first one.
  std::string out = run("kubectl drain minikube-m02 minikube-m03 minikube-m04 --ignore-daemonsets --timeout=12s", 1);
  EXPECT_NE(out.find("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n"), std::string::npos) << out;
  EXPECT_NE(out.find("global timeout reached: 12s"), std::string::npos) << out;
  EXPECT_EQ(run("kubectl get pods -l app=web --field-selector=status.phase=Running -o name").size() > 0, true);
}

TEST_F(CourseKinds, DescribeOfTheJsonKeptKindsIsKubectlsGenericDescriber) {
  run("kubectl create namespace dev");
  cluster.settle();
  std::string out = run("kubectl describe sa default -n dev");
  EXPECT_TRUE(std::regex_search(out, std::regex("^Name:         default\nNamespace:    dev\nLabels:       <none>\n"
                                                "Annotations:  <none>\nAPI Version:  v1\nKind:         ServiceAccount\n"
                                                "Metadata:\n  Creation Timestamp:  [0-9TZ:-]+\n  Resource Version:    [0-9]+\n"
                                                "  UID:                 [0-9a-f-]+\nEvents:                <none>\n$")))
      << out;
  std::string sc = run("kubectl describe sc standard");
  EXPECT_NE(sc.find("Provisioner:           k8s.io/minikube-hostpath\n"), std::string::npos) << sc;
  EXPECT_NE(sc.find("Volume Binding Mode:   Immediate\n"), std::string::npos) << sc;
}

}  // namespace
}  // namespace kp
