// Volumes as a container's files see them: an emptyDir shared by a pod's containers, a
// persistent claim whose files outlive the pod, configMap, secret and downwardAPI volumes
// written from their objects, and read-only mounts refusing writes.
#include <gtest/gtest.h>

#include "core/sim/cluster.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class Volumes : public ConsoleFixture {
 protected:
  void apply(const std::string& yaml) { run("cat <<EOF | kubectl apply -f -\n" + yaml + "EOF"); }
};

TEST_F(Volumes, AnEmptyDirIsSharedByThePodsContainers) {
  apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  volumes:\n  - name: shared\n    emptyDir: {}\n"
        "  containers:\n  - name: writer\n    image: busybox\n    command: [sleep, \"3600\"]\n    volumeMounts:\n"
        "    - name: shared\n      mountPath: /out\n  - name: reader\n    image: busybox\n    command: [sleep, \"3600\"]\n"
        "    volumeMounts:\n    - name: shared\n      mountPath: /in\n");
  cluster.advance(60000);
  run("kubectl exec two -c writer -- sh -c 'echo hello > /out/msg'");
  EXPECT_EQ(run("kubectl exec two -c reader -- cat /in/msg"), "hello\n");
  EXPECT_EQ(run("kubectl exec two -c reader -- ls /in"), "msg\n");
}

TEST_F(Volumes, AClaimsFilesOutliveThePod) {
  apply("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n"
        "  resources:\n    requests:\n      storage: 1Gi\n");
  const std::string pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  volumes:\n  - name: data\n    persistentVolumeClaim:\n"
      "      claimName: data\n  containers:\n  - name: app\n    image: busybox\n    command: [sleep, \"3600\"]\n"
      "    volumeMounts:\n    - name: data\n      mountPath: /data\n";
  apply(pod);
  cluster.advance(60000);
  run("kubectl exec app -- sh -c 'echo kept >> /data/notes.txt'");
  run("kubectl delete pod app --now");
  cluster.advance(10000);
  apply(pod);
  cluster.advance(60000);
  EXPECT_EQ(run("kubectl exec app -- cat /data/notes.txt"), "kept\n");
}

TEST_F(Volumes, ConfigMapSecretAndDownwardApiVolumesHoldTheirData) {
  run("kubectl create configmap settings --from-literal=mode=fast");
  run("kubectl create secret generic creds --from-literal=password=s3cret");
  apply("apiVersion: v1\nkind: Pod\nmetadata:\n  name: cfg\n  labels:\n    app: cfg\nspec:\n  volumes:\n"
        "  - name: settings\n    configMap:\n      name: settings\n  - name: creds\n    secret:\n      secretName: creds\n"
        "  - name: info\n    downwardAPI:\n      items:\n      - path: name\n        fieldRef:\n          fieldPath: metadata.name\n"
        "      - path: labels\n        fieldRef:\n          fieldPath: metadata.labels\n"
        "  containers:\n  - name: app\n    image: busybox\n    command: [sleep, \"3600\"]\n    volumeMounts:\n"
        "    - name: settings\n      mountPath: /etc/settings\n    - name: creds\n      mountPath: /etc/creds\n"
        "    - name: info\n      mountPath: /etc/podinfo\n");
  cluster.advance(60000);
  EXPECT_EQ(run("kubectl exec cfg -- cat /etc/settings/mode"), "fast");
  EXPECT_EQ(run("kubectl exec cfg -- cat /etc/creds/password"), "s3cret");
  EXPECT_EQ(run("kubectl exec cfg -- cat /etc/podinfo/name"), "cfg");
  EXPECT_EQ(run("kubectl exec cfg -- cat /etc/podinfo/labels"), "app=\"cfg\"");
  EXPECT_EQ(run("kubectl exec cfg -- sh -c 'echo x > /etc/settings/mode'", 1),
            "sh: can't create /etc/settings/mode: Read-only file system\ncommand terminated with exit code 1\n");
}

}  // namespace
}  // namespace kp
