// Rollouts through the console: kubectl set image, rollout status|history|undo|restart|pause|
// resume, the deployment controller's rolling update, pause, minReadySeconds, progress deadline
// and revision history, `kubectl get -w` and background jobs. Expected texts follow kubectl 1.32
// (set_image.go, rollout_*.go, polymorphichelpers) and the 1.32 deployment controller.
#include <gtest/gtest.h>

#include <regex>

#include "core/shell/shell.h"
#include "tests/core/console_fixture.h"

namespace kp {
namespace {

class Rollout : public ConsoleFixture {
 protected:
  // A deployment of `replicas` kubia pods, all available.
  void deployKubia(int replicas = 3) {
    run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
    if (replicas != 1) run("kubectl scale deploy kubia --replicas=" + std::to_string(replicas));
    run("kubectl rollout status deployment/kubia --timeout=5m");
  }
  Ptr<Deployment> deployment(const std::string& name = "kubia") { return cluster.store().get<Deployment>("default", name); }
  std::vector<Ptr<ReplicaSet>> replicaSets() { return cluster.store().list<ReplicaSet>("default"); }
  std::vector<Ptr<Pod>> activePods() {
    std::vector<Ptr<Pod>> out;
    for (const auto& p : cluster.store().list<Pod>("default"))
      if (p->metadata.deletionTimestamp == kNoTime) out.push_back(p);
    return out;
  }
  void patchDeployment(const Json& patch) {
    Request req;
    req.method = "PATCH";
    req.path = "/apis/apps/v1/namespaces/default/deployments/kubia";
    req.contentType = "application/merge-patch+json";
    req.body = patch;
    ASSERT_TRUE(cluster.api().handle(req).ok());
    cluster.settle();
  }
};

// ---------------------------------------------------------------- set image

TEST_F(Rollout, SetImageUpdatesTheTemplate) {
  deployKubia(1);
  EXPECT_EQ(run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2"), "deployment.apps/kubia image updated\n");
  EXPECT_EQ(deployment()->spec.template_.spec.containers[0].image, "hyooo/kubia:v2");
  // The same image again changes nothing and prints nothing (an empty patch is skipped).
  EXPECT_EQ(run("kubectl set image deploy kubia kubia=hyooo/kubia:v2"), "");
  EXPECT_EQ(run("kubectl set image deploy/kubia '*=hyooo/kubia:v3' -o name"), "deployment.apps/kubia\n");
  EXPECT_EQ(deployment()->spec.template_.spec.containers[0].image, "hyooo/kubia:v3");
}

TEST_F(Rollout, SetImageErrors) {
  deployKubia(1);
  EXPECT_EQ(run("kubectl set image deployment/kubia nope=hyooo/kubia:v2", 1),
            "error: unable to find container named \"nope\"\n");
  EXPECT_EQ(run("kubectl set image deployment/kubia", 1), "error: at least one image update is required\n");
  EXPECT_EQ(run("kubectl set image kubia=hyooo/kubia:v2", 1),
            "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
  EXPECT_EQ(run("kubectl set image deployment/kubia kubia=a deploy/x", 1),
            "error: all resources must be specified before image changes: deploy/x\n");
  EXPECT_EQ(run("kubectl set image deployment/nope kubia=a", 1),
            "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  EXPECT_EQ(run("kubectl set image deployment/kubia '*=a' kubia=b", 1),
            "error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n");
  EXPECT_EQ(deployment()->spec.template_.spec.containers[0].image, "hyooo/kubia");
  EXPECT_EQ(deployment()->metadata.generation, 1);
}

TEST_F(Rollout, SetImageOnPodsAndReplicaSets) {
  run("kubectl run kubia --image=hyooo/kubia --port=8080");
  EXPECT_EQ(run("kubectl set image pod/kubia kubia=hyooo/kubia:v2"), "pod/kubia image updated\n");
  EXPECT_EQ(cluster.store().get<Pod>("default", "kubia")->spec.containers[0].image, "hyooo/kubia:v2");
  EXPECT_EQ(run("kubectl set image svc/kubernetes a=b", 1),
            "error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n");
}

// ---------------------------------------------------------------- rollout status

TEST_F(Rollout, StatusOfAFinishedRollout) {
  deployKubia(3);
  EXPECT_EQ(run("kubectl rollout status deployment/kubia"), "deployment \"kubia\" successfully rolled out\n");
  EXPECT_EQ(run("kubectl rollout status deploy kubia --watch=false"), "deployment \"kubia\" successfully rolled out\n");
  EXPECT_EQ(run("kubectl rollout status deploy/kubia --revision=2", 1),
            "error: desired revision (2) is different from the running revision (1)\n");
  EXPECT_EQ(run("kubectl rollout status deploy/kubia --revision=-1", 1), "error: revision must be a positive integer: -1\n");
  EXPECT_EQ(run("kubectl rollout status", 1), "error: required resource not specified\n");
  EXPECT_EQ(run("kubectl rollout status deploy/nope", 1),
            "Error from server (NotFound): deployments.apps \"nope\" not found\n");
  EXPECT_EQ(run("kubectl rollout foo", 1), "error: unknown command \"foo\"\nSee 'kubectl rollout -h' for help and examples\n");
}

TEST_F(Rollout, StatusFollowsARollingUpdateToTheEnd) {
  deployKubia(3);
  run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2");
  std::string out = run("kubectl rollout status deployment/kubia");
  auto ls = lines(out);
  ASSERT_GE(ls.size(), 3u) << out;
  EXPECT_EQ(out.back(), '\n');
  EXPECT_EQ(ls.back(), "deployment \"kubia\" successfully rolled out");
  // Every other line is one of DeploymentStatusViewer's waiting messages, with sane counts.
  std::regex waiting(
      "Waiting for deployment \"kubia\" rollout to finish: (([0-3]) out of 3 new replicas have been updated|"
      "([1-3]) old replicas are pending termination|([0-3]) of 3 updated replicas are available)\\.\\.\\.|"
      "Waiting for deployment spec update to be observed\\.\\.\\.");
  bool sawUpdated = false, sawPending = false, sawAvailable = false;
  for (size_t i = 0; i + 1 < ls.size(); i++) {
    EXPECT_TRUE(std::regex_match(ls[i], waiting)) << ls[i];
    sawUpdated |= ls[i].find("new replicas have been updated") != std::string::npos;
    sawPending |= ls[i].find("old replicas are pending termination") != std::string::npos;
    sawAvailable |= ls[i].find("updated replicas are available") != std::string::npos;
  }
  EXPECT_TRUE(sawUpdated) << out;
  EXPECT_TRUE(sawPending) << out;
  // The end state: three v2 pods from one new replica set, the old one scaled to zero.
  auto pods = activePods();
  ASSERT_EQ(pods.size(), 3u);
  for (const auto& p : pods) EXPECT_EQ(p->spec.containers[0].image, "hyooo/kubia:v2");
  auto d = deployment();
  EXPECT_EQ(d->metadata.annotations.at("deployment.kubernetes.io/revision"), "2");
  EXPECT_EQ(d->status.updatedReplicas, 3);
  EXPECT_EQ(d->status.availableReplicas, 3);
  int zero = 0;
  for (const auto& rs : replicaSets()) zero += rs->spec.replicas.value_or(1) == 0;
  EXPECT_EQ(replicaSets().size(), 2u);
  EXPECT_EQ(zero, 1);
}

TEST_F(Rollout, StatusTimesOut) {
  deployKubia(1);
  run("kubectl set image deployment/kubia kubia=hyooo/does-not-exist");
  std::string out = run("kubectl rollout status deployment/kubia --timeout=20s", 1);
  EXPECT_NE(out.find("Waiting for deployment \"kubia\" rollout to finish: "), std::string::npos) << out;
  EXPECT_EQ(out.substr(out.size() - std::string("error: timed out waiting for the condition\n").size()),
            "error: timed out waiting for the condition\n");
}

TEST_F(Rollout, ProgressDeadlineExceeded) {
  deployKubia(1);
  patchDeployment({{"spec", {{"progressDeadlineSeconds", 30}}}});
  run("kubectl set image deployment/kubia kubia=hyooo/does-not-exist");
  std::string out = run("kubectl rollout status deployment/kubia", 1);
  EXPECT_EQ(out.substr(out.size() - std::string("error: deployment \"kubia\" exceeded its progress deadline\n").size()),
            "error: deployment \"kubia\" exceeded its progress deadline\n")
      << out;
  bool found = false;
  for (const auto& c : deployment()->status.conditions)
    if (c.type == "Progressing") {
      found = true;
      EXPECT_EQ(c.status, "False");
      EXPECT_EQ(c.reason, "ProgressDeadlineExceeded");
      EXPECT_TRUE(std::regex_match(c.message, std::regex("ReplicaSet \"kubia-[a-z0-9]+\" has timed out progressing\\.")))
          << c.message;
    }
  EXPECT_TRUE(found);
}

// ---------------------------------------------------------------- history and undo

TEST_F(Rollout, HistoryListsRevisions) {
  deployKubia(1);
  run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2");
  EXPECT_EQ(run("kubectl rollout history deployment/kubia"),
            "deployment.apps/kubia \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
  std::string rev2 = run("kubectl rollout history deployment/kubia --revision=2");
  EXPECT_EQ(rev2.rfind("deployment.apps/kubia with revision #2\nPod Template:\n  Labels:\tapp=kubia\n\tpod-template-hash=", 0), 0u)
      << rev2;
  EXPECT_NE(rev2.find("    Image:\thyooo/kubia:v2\n"), std::string::npos) << rev2;
  EXPECT_EQ(run("kubectl rollout history deployment/kubia --revision=7", 1), "error: unable to find the specified revision\n");
  EXPECT_EQ(run("kubectl rollout history deployment/kubia --revision=-1", 1), "error: revision must be a positive integer: -1\n");
}

TEST_F(Rollout, RecordedChangeCauseShowsInHistory) {
  deployKubia(1);
  std::string out = run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2 --record");
  EXPECT_EQ(out, "Flag --record has been deprecated, --record will be removed in the future\ndeployment.apps/kubia image updated\n");
  run("sleep 30");
  EXPECT_EQ(run("kubectl rollout history deploy/kubia"),
            "deployment.apps/kubia \nREVISION  CHANGE-CAUSE\n1         <none>\n"
            "2         kubectl set image deployment/kubia kubia=hyooo/kubia:v2 --record=true\n\n");
}

TEST_F(Rollout, UndoGoesBackAndMovesTheRevision) {
  deployKubia(3);
  run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2");
  run("kubectl rollout status deployment/kubia");
  EXPECT_EQ(run("kubectl rollout undo deployment/kubia"), "deployment.apps/kubia rolled back\n");
  run("kubectl rollout status deployment/kubia");
  auto pods = activePods();
  ASSERT_EQ(pods.size(), 3u);
  for (const auto& p : pods) EXPECT_EQ(p->spec.containers[0].image, "hyooo/kubia");
  // Revision 1 became revision 3, remembered in revision-history.
  EXPECT_EQ(run("kubectl rollout history deployment/kubia"),
            "deployment.apps/kubia \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
  EXPECT_EQ(deployment()->metadata.annotations.at("deployment.kubernetes.io/revision"), "3");
  bool moved = false;
  for (const auto& rs : replicaSets()) {
    auto it = rs->metadata.annotations.find("deployment.kubernetes.io/revision-history");
    if (it != rs->metadata.annotations.end()) {
      EXPECT_EQ(it->second, "1");
      EXPECT_EQ(rs->spec.template_.spec.containers[0].image, "hyooo/kubia");
      moved = true;
    }
  }
  EXPECT_TRUE(moved);
  EXPECT_EQ(run("kubectl rollout undo deployment/kubia --to-revision=3"),
            "deployment.apps/kubia skipped rollback (current template already matches revision 3)\n");
  EXPECT_EQ(run("kubectl rollout undo deployment/kubia --to-revision=9", 1),
            "error: unable to find specified revision 9 in history\n");
  EXPECT_EQ(run("kubectl rollout undo pod/nope", 1), "Error from server (NotFound): pods \"nope\" not found\n");
}

TEST_F(Rollout, UndoWithoutHistory) {
  deployKubia(1);
  EXPECT_EQ(run("kubectl rollout undo deployment/kubia", 1), "error: no rollout history found for deployment \"kubia\"\n");
}

// ---------------------------------------------------------------- pause, resume, restart

TEST_F(Rollout, PauseStopsTheRolloutUntilResumed) {
  deployKubia(3);
  EXPECT_EQ(run("kubectl rollout pause deployment/kubia"), "deployment.apps/kubia paused\n");
  EXPECT_EQ(run("kubectl rollout pause deployment/kubia", 1), "error: deployments.apps \"kubia\" is already paused\n");
  EXPECT_EQ(run("kubectl rollout restart deployment/kubia", 1),
            "error: deployments.apps \"kubia\" can't restart paused deployment (run rollout resume first)\n");
  run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2");
  run("sleep 60");
  EXPECT_EQ(replicaSets().size(), 1u);  // no new replica set while paused
  for (const auto& p : activePods()) EXPECT_EQ(p->spec.containers[0].image, "hyooo/kubia");
  EXPECT_EQ(run("kubectl rollout status deployment/kubia --watch=false"),
            "Waiting for deployment \"kubia\" rollout to finish: 0 out of 3 new replicas have been updated...\n");
  bool paused = false;
  for (const auto& c : deployment()->status.conditions)
    if (c.type == "Progressing") paused = c.status == "Unknown" && c.reason == "DeploymentPaused" && c.message == "Deployment is paused";
  EXPECT_TRUE(paused);
  // Without --watch=false a script waits an hour of cluster time, then stops it as Ctrl+C would.
  std::string waited = run("kubectl rollout -n default status deployment/kubia", 130);
  EXPECT_EQ(waited.rfind("Waiting for deployment \"kubia\" rollout to finish: 0 out of 3 new replicas have been updated...\n", 0), 0u)
      << waited;
  EXPECT_EQ(run("kubectl rollout undo deployment/kubia --to-revision=1", 1),
            "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
  EXPECT_EQ(run("kubectl rollout resume deployment/kubia"), "deployment.apps/kubia resumed\n");
  EXPECT_EQ(run("kubectl rollout resume deployment/kubia", 1), "error: deployments.apps \"kubia\" is not paused\n");
  std::string out = run("kubectl rollout status deployment/kubia");
  EXPECT_NE(out.find("deployment \"kubia\" successfully rolled out\n"), std::string::npos);
  for (const auto& p : activePods()) EXPECT_EQ(p->spec.containers[0].image, "hyooo/kubia:v2");
  EXPECT_EQ(run("kubectl rollout pause pod/x", 1), "Error from server (NotFound): pods \"x\" not found\n");
}

TEST_F(Rollout, RestartRollsEveryPod) {
  deployKubia(2);
  std::set<std::string> before;
  for (const auto& p : activePods()) before.insert(p->metadata.name);
  EXPECT_EQ(run("kubectl rollout restart deployment/kubia"), "deployment.apps/kubia restarted\n");
  const auto& ann = deployment()->spec.template_.metadata.annotations;
  ASSERT_TRUE(ann.count("kubectl.kubernetes.io/restartedAt"));
  EXPECT_TRUE(std::regex_match(ann.at("kubectl.kubernetes.io/restartedAt"),
                               std::regex("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")));
  run("kubectl rollout status deployment/kubia");
  auto pods = activePods();
  ASSERT_EQ(pods.size(), 2u);
  for (const auto& p : pods) EXPECT_FALSE(before.count(p->metadata.name));
}

// ---------------------------------------------------------------- controller details

TEST_F(Rollout, ScalingEventsUse132Wording) {
  deployKubia(3);
  run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2");
  run("kubectl rollout status deployment/kubia");
  std::vector<std::string> messages;
  for (const auto& e : cluster.store().list<Event>("default"))
    if (e->reason == "ScalingReplicaSet") messages.push_back(e->message);
  std::regex created("Scaled up replica set kubia-[a-z0-9]+ to [0-9]+");
  std::regex scaled("Scaled (up|down) replica set kubia-[a-z0-9]+ to [0-9]+ from [0-9]+");
  int createdCount = 0;
  for (const auto& m : messages) {
    bool c = std::regex_match(m, created);
    createdCount += c;
    EXPECT_TRUE(c || std::regex_match(m, scaled)) << m;
  }
  EXPECT_EQ(createdCount, 2);  // one per replica set creation
}

TEST_F(Rollout, MinReadySecondsDelaysAvailability) {
  deployKubia(1);
  patchDeployment({{"spec", {{"minReadySeconds", 20}}}});
  run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2");
  // Wait until the new pod is ready, then it still takes 20s to count as available.
  Time readyAt = kNoTime;
  for (int i = 0; i < 600 && readyAt == kNoTime; i++) {
    run("sleep 1");
    for (const auto& p : activePods())
      if (p->spec.containers[0].image == "hyooo/kubia:v2")
        for (const auto& c : p->status.conditions)
          if (c.type == "Ready" && c.status == "True") readyAt = c.lastTransitionTime;
  }
  ASSERT_NE(readyAt, kNoTime);
  auto newRS = [&]() -> Ptr<ReplicaSet> {
    for (const auto& rs : replicaSets())
      if (rs->spec.template_.spec.containers[0].image == "hyooo/kubia:v2") return rs;
    return nullptr;
  };
  ASSERT_TRUE(newRS());
  EXPECT_EQ(newRS()->spec.minReadySeconds, 20);
  EXPECT_EQ(newRS()->status.readyReplicas, 1);
  EXPECT_EQ(newRS()->status.availableReplicas, 0);
  EXPECT_EQ(deployment()->status.updatedReplicas, 1);
  run("sleep " + std::to_string((readyAt + 21000 - cluster.now()) / 1000 + 1));
  EXPECT_EQ(newRS()->status.availableReplicas, 1);
}

TEST_F(Rollout, RevisionHistoryLimitDeletesOldReplicaSets) {
  deployKubia(1);
  patchDeployment({{"spec", {{"revisionHistoryLimit", 1}}}});
  for (const char* tag : {"v1", "v2", "v3"}) {
    run(std::string("kubectl set image deployment/kubia kubia=hyooo/kubia:") + tag);
    run("kubectl rollout status deployment/kubia");
  }
  run("sleep 5");
  auto rss = replicaSets();
  ASSERT_EQ(rss.size(), 2u);
  std::set<std::string> revisions;
  for (const auto& rs : rss) revisions.insert(rs->metadata.annotations.at("deployment.kubernetes.io/revision"));
  EXPECT_EQ(revisions, (std::set<std::string>{"3", "4"}));
}

// ---------------------------------------------------------------- get -w and background jobs

TEST_F(Rollout, WatchedRollingUpdateThenUndo) {
  deployKubia(3);
  run("sleep 60");
  std::string started = run("kubectl get pods -w &");
  auto head = lines(started);
  ASSERT_GE(head.size(), 5u) << started;
  EXPECT_EQ(head[0], "[1] 4100");
  EXPECT_TRUE(std::regex_match(head[1], std::regex("NAME +READY +STATUS +RESTARTS +AGE"))) << head[1];
  for (int i = 2; i < 5; i++)
    EXPECT_TRUE(std::regex_match(head[static_cast<size_t>(i)], std::regex("kubia-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running +0 +[0-9]+s")))
        << head[static_cast<size_t>(i)];
  std::string during = run("kubectl set image deployment/kubia kubia=hyooo/kubia:v2");
  during += run("sleep 120");
  EXPECT_EQ(during.rfind("deployment.apps/kubia image updated\n", 0), 0u) << during;
  // One row per change, no second header; a new pod goes Pending -> ContainerCreating -> Running
  // and an old one (Running in the first listing) shows Terminating.
  auto rows = lines(during.substr(during.find('\n') + 1));
  std::map<std::string, std::vector<std::string>> statuses;
  std::regex row("(kubia-[a-z0-9]+-[a-z0-9]{5}) +([0-9]/1) +([A-Za-z]+) +([0-9]+) +([0-9]+s)");
  for (const auto& r : rows) {
    if (r.empty()) continue;
    std::smatch m;
    ASSERT_TRUE(std::regex_match(r, m, row)) << "row: " << r << "\n" << during;
    auto& v = statuses[m[1]];
    if (v.empty() || v.back() != m[3]) v.push_back(m[3]);
  }
  int fresh = 0, gone = 0;
  for (const auto& [name, seq] : statuses) {
    if (seq.front() == "Pending") {
      fresh++;
      EXPECT_EQ(seq, (std::vector<std::string>{"Pending", "ContainerCreating", "Running"})) << name;
    } else {
      gone++;  // listed as Running before; its changes are the deletion
      EXPECT_EQ(seq, (std::vector<std::string>{"Terminating"})) << name;
    }
  }
  EXPECT_EQ(fresh, 3);
  EXPECT_EQ(gone, 3);
  EXPECT_EQ(run("kubectl rollout status deployment/kubia"), "deployment \"kubia\" successfully rolled out\n");
  for (const auto& p : activePods()) EXPECT_EQ(p->spec.containers[0].image, "hyooo/kubia:v2");
  EXPECT_EQ(run("jobs"), "[1]+  Running                 kubectl get pods -w &\n");
  EXPECT_EQ(run("kill %1"), "[1]+  Terminated              kubectl get pods -w\n");
  EXPECT_EQ(run("jobs"), "");
  EXPECT_EQ(run("kubectl rollout undo deployment/kubia"), "deployment.apps/kubia rolled back\n");
  run("kubectl rollout status deployment/kubia");
  for (const auto& p : activePods()) EXPECT_EQ(p->spec.containers[0].image, "hyooo/kubia");
  EXPECT_EQ(activePods().size(), 3u);
}

TEST_F(Rollout, WatchVariants) {
  deployKubia(1);
  run("sleep 30");
  // A foreground watch in a script prints the current state and is stopped.
  std::string out = run("kubectl get deploy kubia -w", 130);
  EXPECT_TRUE(std::regex_match(out, std::regex("NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nkubia +1/1 +1 +1 +[0-9]+s\n"))) << out;
  EXPECT_EQ(run("kubectl get deploy,pods -w", 1), "error: you may only specify a single resource type\n");
  EXPECT_EQ(run("kubectl get pods -w -o name &"), "[1] 4100\n" + run("kubectl get pods -o name"));
  EXPECT_EQ(run("kubectl get pods --watch-only &"), "[2] 4101\n");
  std::string scaled = run("kubectl scale deploy kubia --replicas=2");
  EXPECT_EQ(scaled.rfind("deployment.apps/kubia scaled\n", 0), 0u);
  // -o name prints the new pod; --watch-only starts with the header on its first row.
  EXPECT_TRUE(std::regex_search(scaled, std::regex("\npod/kubia-[a-z0-9]+-[a-z0-9]{5}\n"))) << scaled;
  EXPECT_TRUE(std::regex_search(scaled, std::regex("NAME +READY +STATUS +RESTARTS +AGE\nkubia-"))) << scaled;
  EXPECT_EQ(run("kill %3", 1), "bash: kill: %3: no such job\n");
  EXPECT_EQ(run("jobs -l"), "[1]- 4100 Running                 kubectl get pods -w -o name &\n"
                            "[2]+ 4101 Running                 kubectl get pods --watch-only &\n");
  run("kill %1 %2");
  EXPECT_EQ(run("jobs"), "");
  EXPECT_EQ(run("echo hi &"), "[1] 4102\nhi\n[1]+  Done                    echo hi\n");
  EXPECT_EQ(run("&", 2), "bash: syntax error near unexpected token `&'\n");
  EXPECT_EQ(run("fg", 1), "bash: fg: current: no such job\n");
}

TEST_F(Rollout, ForegroundWatchContinuesUntilTheNextSleep) {
  deployKubia(1);
  auto ex = shell.start("kubectl get pods -w");
  std::string first;
  for (auto& c : ex->takeOutput()) first += c.text;
  EXPECT_NE(first.find("NAME"), std::string::npos);
  ASSERT_FALSE(ex->finished());
  shell.continueUntilNextSleep(std::move(ex));
  std::string out = run("kubectl scale deploy kubia --replicas=2");
  out += run("sleep 30");
  EXPECT_NE(out.find("Pending"), std::string::npos) << out;
  EXPECT_EQ(out.find("NAME"), std::string::npos) << out;  // the header was printed once, before
  EXPECT_FALSE(shell.hasBackground());
  // Stopped: later changes print nothing.
  EXPECT_EQ(run("kubectl scale deploy kubia --replicas=1"), "deployment.apps/kubia scaled\n");
}

TEST_F(Rollout, SameScriptSameBytes) {
  auto script = [](uint64_t seed) {
    ClusterOptions o;
    o.seed = seed;
    Cluster c(o);
    c.settle();
    Shell s(c);
    std::string out;
    for (const char* l : {"kubectl create deployment kubia --image=hyooo/kubia --replicas=3", "sleep 30",
                          "kubectl get pods -w &", "kubectl set image deploy/kubia kubia=hyooo/kubia:v2",
                          "kubectl rollout status deploy/kubia", "kill %1", "kubectl rollout history deploy/kubia"})
      out += s.runText(l);
    return out;
  };
  EXPECT_EQ(script(7), script(7));
}

}  // namespace
}  // namespace kp
