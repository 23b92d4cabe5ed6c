// The browser panels drawn headless: ImGui's null backend (a context, a built font atlas, a
// display size, no window and no GL) runs the real App against a real Cluster through the
// chapter-2 walkthrough, proving the panels draw without crashing and that the canvas puts
// every pod inside its node's box and keeps it there while others come and go.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "tests/web/headless.h"
#include "web/app.h"
#include "web/assets.h"
#include "web/canvas_panel.h"
#include "web/status_bar.h"
#include "web/theme.h"

namespace kp {
namespace {

class Headless : public HeadlessApp {
 protected:
  std::vector<const PodView*> workloadPods() {
    std::vector<const PodView*> out;
    for (auto& p : app_->viewModel().pods)
      if (!p.system) out.push_back(&p);
    return out;
  }
  // Every drawn pod's circle lies inside the box of the node it is bound to.
  void expectPodsInsideTheirNodes() {
    const CanvasLayout& l = app_->canvas().layout();
    ASSERT_FALSE(l.nodes.empty());
    for (auto& spot : l.pods) {
      const PodView* pv = app_->viewModel().pod(spot.key);
      if (!pv || pv->node.empty()) continue;
      EXPECT_EQ(spot.node, pv->node) << spot.key;
      const CanvasLayout::Box* box = l.node(pv->node);
      ASSERT_NE(box, nullptr) << pv->node;
      EXPECT_GE(spot.center.x - spot.radius, box->min.x) << spot.key;
      EXPECT_LE(spot.center.x + spot.radius, box->max.x) << spot.key;
      EXPECT_GE(spot.center.y - spot.radius, box->min.y) << spot.key;
      EXPECT_LE(spot.center.y + spot.radius, box->max.y) << spot.key;
      EXPECT_GE(spot.center.x, l.min.x);
      EXPECT_LE(spot.center.y, l.max.y);
    }
  }

};

TEST_F(Headless, DrawsTheEmptyClusterWithNodeBoxes) {
  frames(3);
  const CanvasLayout& l = app_->canvas().layout();
  EXPECT_EQ(l.nodes.size(), app_->viewModel().nodes.size());
  EXPECT_GE(l.nodes.size(), 2u);
  for (auto& n : l.nodes) {
    EXPECT_LT(n.min.x, n.max.x);
    EXPECT_GE(n.min.x, l.min.x);
    EXPECT_LE(n.max.x, l.max.x);
    EXPECT_LE(n.max.y, l.max.y);
  }
  // Boxes do not overlap.
  for (size_t i = 0; i < l.nodes.size(); ++i)
    for (size_t j = i + 1; j < l.nodes.size(); ++j) {
      bool apart = l.nodes[i].max.x <= l.nodes[j].min.x || l.nodes[j].max.x <= l.nodes[i].min.x ||
                   l.nodes[i].max.y <= l.nodes[j].min.y || l.nodes[j].max.y <= l.nodes[i].min.y;
      EXPECT_TRUE(apart) << l.nodes[i].key << " / " << l.nodes[j].key;
    }
  EXPECT_NE(app_->console().text().find("kubeplay"), std::string::npos);
  // The components a command's arrows run between: the control plane's inside its box, a
  // kubelet and a kube-proxy on every node's header line.
  const CanvasLayout::Box* cp = l.node("minikube");
  ASSERT_NE(cp, nullptr);
  for (const char* c : {"kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"}) {
    const ImVec2* p = l.component(c);
    ASSERT_NE(p, nullptr) << c;
    EXPECT_TRUE(p->x > cp->min.x && p->x < cp->max.x && p->y > cp->min.y && p->y < cp->max.y) << c;
  }
  for (auto& n : l.nodes) {
    ASSERT_NE(l.component("kubelet/" + n.key), nullptr) << n.key;
    ASSERT_NE(l.component("kube-proxy/" + n.key), nullptr) << n.key;
  }
  ASSERT_NE(l.component("client"), nullptr);
  EXPECT_EQ(l.component("kubelet/nowhere"), nullptr);
}

TEST_F(Headless, WalkthroughPlacesPodsInsideTheirNodesAndDrawsTraffic) {
  frames(2);
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  frames(5);
  app_->advance(60000);
  frames(30);
  expectPodsInsideTheirNodes();
  run("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http");
  run("kubectl scale deploy kubia --replicas=3");
  app_->advance(60000);
  frames(30);
  ASSERT_EQ(workloadPods().size(), 3u);
  for (auto* p : workloadPods()) EXPECT_EQ(p->status, "Running") << p->name;
  expectPodsInsideTheirNodes();
  EXPECT_EQ(app_->canvas().layout().pods.size(), 3u);

  const ServiceView* lb = nullptr;
  for (auto& s : app_->viewModel().services)
    if (s.name == "kubia-http") lb = &s;
  ASSERT_NE(lb, nullptr);
  ASSERT_NE(lb->externalIP, "<pending>");
  EXPECT_EQ(lb->endpoints.size(), 3u);
  // The view model is rebuilt every frame: keep the address, not a pointer into it.
  const std::string externalIP = lb->externalIP;

  std::string out = run("curl " + externalIP + ":8080");
  EXPECT_NE(out.find("You've hit kubia-"), std::string::npos) << out;
  // The request is drawn as a particle on its way to a pod.
  frames(3, 16);
  EXPECT_GE(app_->canvas().layout().particles, 1);
  for (int i = 0; i < 4; ++i) run("curl " + externalIP + ":8080");
  frames(200, 16);  // every hop, at the canvas's pace
  expectPodsInsideTheirNodes();
}

TEST_F(Headless, PodsKeepTheirPlaceWhenAnotherGoes) {
  frames(2);
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=3");
  app_->advance(60000);
  frames(40);
  std::map<std::string, ImVec2> before;
  for (auto& s : app_->canvas().layout().pods) before[s.key] = s.center;
  ASSERT_EQ(before.size(), 3u);
  const std::string victim = before.begin()->first;
  app_->exec("kubectl delete pod " + victim.substr(victim.find('/') + 1));
  frames(2);
  app_->advance(60000);
  frames(60);
  int kept = 0;
  for (auto& s : app_->canvas().layout().pods) {
    auto it = before.find(s.key);
    if (it == before.end()) continue;
    EXPECT_FLOAT_EQ(s.center.x, it->second.x) << s.key;
    EXPECT_FLOAT_EQ(s.center.y, it->second.y) << s.key;
    ++kept;
  }
  EXPECT_EQ(kept, 2);
  EXPECT_EQ(app_->viewModel().pod(victim), nullptr);
  EXPECT_EQ(workloadPods().size(), 3u);
  expectPodsInsideTheirNodes();
}

TEST_F(Headless, NarrowFrameStacksCanvasOverConsole) {
  ImGui::GetIO().DisplaySize = ImVec2(420, 760);
  frames(2);
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=5");
  app_->advance(60000);
  frames(40);
  EXPECT_LE(app_->canvasMax().y, app_->consoleMin().y);
  EXPECT_LE(app_->canvasMax().x, 420.0f);
  EXPECT_LE(app_->consoleMax().x, 420.0f);
  EXPECT_EQ(app_->canvas().layout().pods.size(), 5u);
  expectPodsInsideTheirNodes();
}

TEST_F(Headless, ConsoleTypesRunsAndRecallsHistory) {
  frames(3);  // the input line takes the keyboard focus
  ImGui::GetIO().AddInputCharactersUTF8("kubectl get nodes");
  frame();
  EXPECT_EQ(app_->console().input(), "kubectl get nodes");
  pressKey(kKeyEnter);
  EXPECT_EQ(app_->console().input(), "");
  ASSERT_FALSE(app_->console().history().empty());
  EXPECT_EQ(app_->console().history().back(), "kubectl get nodes");
  EXPECT_NE(app_->console().text().find("$ kubectl get nodes"), std::string::npos);
  EXPECT_NE(app_->console().text().find("minikube"), std::string::npos);

  run("kubectl get pods");
  frames(2);
  pressKey(kKeyUp);
  EXPECT_EQ(app_->console().input(), "kubectl get pods");
  pressKey(kKeyUp);
  EXPECT_EQ(app_->console().input(), "kubectl get nodes");
  pressKey(kKeyDown);
  pressKey(kKeyDown);
  EXPECT_EQ(app_->console().input(), "");
}

TEST_F(Headless, CtrlLClearsAndCtrlCInterrupts) {
  frames(2);
  run("kubectl get nodes");
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = true;
  pressKey('L');
  io.KeyCtrl = false;
  frame();
  EXPECT_EQ(app_->console().text().find("kubectl get nodes"), std::string::npos);

  int code = -1;
  app_->exec("sleep 30", [&](const std::string&, int c) { code = c; });
  frames(5);
  EXPECT_TRUE(app_->console().busy());
  io.KeyCtrl = true;
  pressKey('C');
  io.KeyCtrl = false;
  frame();
  EXPECT_FALSE(app_->console().busy());
  EXPECT_EQ(code, 130);
  EXPECT_NE(app_->console().text().find("^C"), std::string::npos);
}

TEST_F(Headless, KubectlEditOpensTheEditorAndAppliesTheSavedText) {
  run("kubectl create deployment kubia --image=hyooo/kubia");
  bool done = false;
  std::string out;
  app_->exec("kubectl edit deployment kubia", [&](const std::string& o, int) {
    out = o;
    done = true;
  });
  frames(3);
  ASSERT_TRUE(app_->editor().isOpen());
  EXPECT_FALSE(done);  // kubectl waits for the editor
  std::string text = app_->editor().text();
  EXPECT_EQ(text.rfind("# Please edit the object below.", 0), 0u) << text;
  auto at = text.find("replicas: 1");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, 11, "replicas: 3");
  app_->editor().setText(text);
  app_->editor().save();
  for (int i = 0; i < 100 && !done; ++i) frame(50);
  ASSERT_TRUE(done);
  EXPECT_NE(out.find("deployment.apps/kubia edited"), std::string::npos) << out;
  EXPECT_FALSE(app_->editor().isOpen());
  auto d = app_->cluster().store().get<Deployment>("default", "kubia");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->spec.replicas.value_or(0), 3);

  // Closing the editor without saving leaves the object as it was.
  done = false;
  app_->exec("kubectl edit deployment kubia", [&](const std::string& o, int) {
    out = o;
    done = true;
  });
  frames(3);
  ASSERT_TRUE(app_->editor().isOpen());
  app_->editor().cancel();
  for (int i = 0; i < 100 && !done; ++i) frame(50);
  ASSERT_TRUE(done);
  EXPECT_NE(out.find("Edit cancelled, no changes made."), std::string::npos) << out;
  EXPECT_EQ(app_->cluster().store().get<Deployment>("default", "kubia")->spec.replicas.value_or(0), 3);
}

TEST_F(Headless, TimeControlsPauseSpeedStepAndSettle) {
  frame();
  Time t0 = app_->cluster().now();
  app_->setSpeed(4);
  frames(10, 100);  // one real second at 4x
  EXPECT_EQ(app_->cluster().now() - t0, 4000);
  app_->setPaused(true);
  Time t1 = app_->cluster().now();
  frames(10, 100);
  EXPECT_EQ(app_->cluster().now(), t1);
  // Commands still run at once while paused; Step moves one simulated second.
  EXPECT_EQ(run("kubectl create deployment kubia --image=hyooo/kubia --replicas=3"), "deployment.apps/kubia created\n");
  EXPECT_FALSE(app_->settled());
  app_->step();
  EXPECT_EQ(app_->cluster().now(), t1 + 1000);
  Time ran = app_->runUntilSettled();
  EXPECT_GT(ran, 0);
  EXPECT_LT(ran, 60000);
  EXPECT_TRUE(app_->settled());
  auto d = app_->cluster().store().get<Deployment>("default", "kubia");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->status.availableReplicas, 3);
  app_->setSpeed(100);
  EXPECT_EQ(app_->speed(), 16);
  app_->setSpeed(0.01f);
  EXPECT_EQ(app_->speed(), 0.25f);
  EXPECT_EQ(speedLabel(0.25f), "0.25x");
  EXPECT_EQ(speedLabel(16), "16x");
  frames(3);  // the bar draws its controls without trouble while paused
}

TEST_F(Headless, PromptShowsTheCurrentNamespace) {
  frame();
  EXPECT_EQ(app_->console().promptText(), "default $");
  run("kubectl create namespace custom");
  run("kubectl config set-context --current --namespace=custom");
  frame();
  EXPECT_EQ(app_->console().promptText(), "custom $");
  // A here-document still being typed shows bash's continuation prompt.
  app_->exec("cat <<EOF > notes.txt");
  frame();
  EXPECT_EQ(app_->console().promptText(), ">");
  app_->exec("EOF");
  frames(2);
  EXPECT_EQ(app_->console().promptText(), "custom $");
}

TEST_F(Headless, SleepFinishesWithSimulatedTime) {
  frames(2);
  bool done = false;
  app_->exec("sleep 3", [&](const std::string&, int) { done = true; });
  app_->exec("kubectl get nodes");  // waits its turn
  frames(5);
  EXPECT_FALSE(done);
  EXPECT_TRUE(app_->console().busy());
  app_->advance(3100);
  EXPECT_TRUE(done);
  EXPECT_FALSE(app_->console().busy());
  EXPECT_NE(app_->console().text().find("$ kubectl get nodes"), std::string::npos);
}

TEST_F(Headless, StateAndViewAreJson) {
  frames(2);
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  app_->advance(30000);
  frames(10);
  Json state = Json::parse(app_->stateJson());
  ASSERT_TRUE(state.contains("Pod"));
  ASSERT_TRUE(state.contains("Node"));
  EXPECT_GE(state["Node"].size(), 2u);
  bool found = false;
  for (auto& p : state["Pod"])
    if (p["metadata"]["name"].get<std::string>().rfind("kubia-", 0) == 0) found = true;
  EXPECT_TRUE(found);
  Json view = Json::parse(app_->viewJson(2.0f));
  EXPECT_EQ(view["nodes"].size(), state["Node"].size());
  ASSERT_GE(view["pods"].size(), 1u);
  EXPECT_LT(view["pods"][0]["x"].get<double>(), 1280 / 2.0 + 1);
  EXPECT_EQ(view["pixelRatio"].get<double>(), 2.0);
}

}  // namespace
}  // namespace kp

namespace kp {
namespace {

// The inspector: a selected pod's describe text, YAML, owner chain and related objects; its
// actions are the console commands a learner would type, and they do what they say.
TEST_F(Headless, InspectorShowsTheSelectedObjectAndItsActionsRunAsCommands) {
  frames(2);
  run("kubectl create deployment kubia --image=hyooo/kubia --replicas=3 --port=8080");
  run("kubectl expose deployment kubia --type=LoadBalancer --name kubia-http");
  app_->advance(60000);
  frames(5);
  EXPECT_EQ(app_->inspector().max().x, 0);  // nothing selected: hidden
  auto pods = workloadPods();
  ASSERT_EQ(pods.size(), 3u);
  const std::string key = pods[0]->key, name = pods[0]->name, node = pods[0]->node;
  const std::string rs = pods[0]->owner;
  app_->canvas().select("Pod", key);
  frames(2);
  const InspectorPanel::Content& c = app_->inspector().content();
  EXPECT_TRUE(c.found);
  EXPECT_EQ(c.kind, "Pod");
  EXPECT_EQ(c.describe.rfind("Name:             " + name + "\n", 0), 0u) << c.describe;
  EXPECT_NE(c.describe.find("Node:             " + node + "/"), std::string::npos);
  EXPECT_NE(c.yaml.find("kind: Pod\n"), std::string::npos);
  ASSERT_EQ(c.owners.size(), 2u);
  EXPECT_EQ(c.owners[0].label, "ReplicaSet " + rs);
  EXPECT_EQ(c.owners[1].label, "Deployment kubia");
  ASSERT_GE(c.related.size(), 2u);
  EXPECT_EQ(c.related[0].label, "Node " + node);
  EXPECT_EQ(c.related[1].label, "Service kubia-http");
  ASSERT_FALSE(c.actions.empty());
  EXPECT_EQ(c.actions[0].command, "kubectl delete pod " + name);
  // Drawn over the canvas's right side.
  EXPECT_GT(app_->inspector().min().x, app_->canvasMin().x);
  EXPECT_LE(app_->inspector().max().x, app_->canvasMax().x);

  // The owner: scale it from the inspector's command.
  app_->canvas().select("Deployment", "default/kubia");
  frames(2);
  const InspectorPanel::Content& d = app_->inspector().content();
  auto scaleUp = std::find_if(d.actions.begin(), d.actions.end(), [](auto& a) { return a.label == "Scale +1"; });
  ASSERT_NE(scaleUp, d.actions.end());
  EXPECT_EQ(scaleUp->command, "kubectl scale deployment kubia --replicas=4");
  EXPECT_EQ(run(scaleUp->command), "deployment.apps/kubia scaled\n");
  app_->advance(60000);
  frames(2);
  EXPECT_EQ(workloadPods().size(), 4u);
  auto breakIt = std::find_if(d.actions.begin(), d.actions.end(), [](auto& a) { return a.label == "Break the image"; });
  ASSERT_NE(breakIt, d.actions.end());
  EXPECT_EQ(breakIt->command, "kubectl set image deployment/kubia kubia=hyooo/kubia:does-not-exist");

  // The service: its generator, its counters.
  app_->canvas().select("Service", "default/kubia-http");
  frames(2);
  EXPECT_EQ(app_->inspector().content().requests, "no requests yet");
  EXPECT_EQ(app_->inspector().content().related.size(), 4u);  // the four endpoint pods
  EXPECT_NE(app_->inspector().content().trafficUrl, "");
  run("traffic kubia-http 5");
  app_->advance(2000);  // one request at once, then one each 200 ms
  app_->setPaused(true);
  frames(40, 16);  // past the refresh throttle (0.5 s of frame time), the clock standing
  app_->setPaused(false);
  EXPECT_EQ(app_->inspector().content().trafficRate, 5);
  EXPECT_EQ(app_->inspector().content().requests.find("11 answered, 0 failed"), 0u) << app_->inspector().content().requests;

  // A worker node: stop it through minikube's command.
  app_->canvas().select("Node", "minikube-m02");
  frames(2);
  EXPECT_EQ(app_->inspector().content().actions[0].command, "minikube node stop minikube-m02");

  // The pod deleted: the inspector says so instead of showing stale text.
  app_->canvas().select("Pod", key);
  frames(2);
  run("kubectl delete pod " + name);
  frames(40, 16);
  EXPECT_FALSE(app_->inspector().content().found);
  app_->canvas().select("", "");
  frames(1);
  EXPECT_EQ(app_->inspector().max().x, 0);
}

}  // namespace
}  // namespace kp

namespace kp {
namespace {

// The first lesson is bilingual: the console font carries Hangul when the build found
// fonts-nanum and fontTools (scripts/bootstrap.sh installs both for the browser build).
TEST_F(Headless, ConsoleFontCarriesHangul) {
  if (!findAsset("NanumGothicCoding-KSX1001.ttf")) GTEST_SKIP() << "built without the Hangul font";
  ImFont* f = theme_.mono;
  ASSERT_NE(f, nullptr);
  for (ImWchar c : {0xD55C, 0xAD6D, 0xC5B4, 0xCFE0, 0xBC84, 0xB124, 0xD2F0, 0xC2A4})  // 한국어 쿠버네티스
    EXPECT_NE(f->FindGlyphNoFallback(c), nullptr) << std::hex << c;
  // Latin stays JetBrains Mono's; a syllable takes two of its cells, as in a terminal, so
  // Korean and English columns line up; a syllable outside KS X 1001 has no glyph (boxes).
  ASSERT_NE(f->FindGlyphNoFallback('k'), nullptr);
  EXPECT_FLOAT_EQ(f->FindGlyphNoFallback(0xD55C)->AdvanceX, 2 * f->FindGlyphNoFallback('k')->AdvanceX);
  EXPECT_EQ(f->FindGlyphNoFallback(0xAC02), nullptr);  // 갂
  frames(1);
  run("echo '안녕하세요, 쿠버네티스'");
  frames(2);
  EXPECT_NE(app_->console().text().find("안녕하세요, 쿠버네티스"), std::string::npos);
}

// minikube starts its lines with pictographs (beyond the BMP): the console font draws them
// instead of ImGui's '?' when the build found fonts-symbola and fontTools.
TEST_F(Headless, ConsoleFontCarriesMinikubesPictographs) {
  if (!findAsset("Symbola-console.ttf")) GTEST_SKIP() << "built without the symbol font";
  ImFont* f = theme_.mono;
  ASSERT_NE(f, nullptr);
  for (ImWchar c : {0x1F604, 0x1F44D, 0x1F69C, 0x1F525, 0x1F433, 0x1F3C4, 0x1F6D1, 0x274C, 0x2705})  // 😄👍🚜🔥🐳🏄🛑❌✅
    EXPECT_NE(f->FindGlyphNoFallback(c), nullptr) << std::hex << c;
  // A pictograph takes two of the console's cells, as a terminal draws a wide character, so
  // the text after it stays on the grid; glyphs JetBrains Mono has stay its own (one cell).
  const float cell = f->FindGlyphNoFallback('k')->AdvanceX;
  EXPECT_FLOAT_EQ(f->FindGlyphNoFallback(0x1F604)->AdvanceX, 2 * cell);
  EXPECT_FLOAT_EQ(f->FindGlyphNoFallback(0x274C)->AdvanceX, 2 * cell);
  const ImFontGlyph* arrow = f->FindGlyphNoFallback(0x2192);
  ASSERT_NE(arrow, nullptr);
  EXPECT_FLOAT_EQ(arrow->AdvanceX, cell);
  frames(1);
  run("minikube node add");
  frames(2);
  EXPECT_NE(app_->console().text().find("\xF0\x9F\x98\x84  Adding node m05 to cluster minikube"), std::string::npos) << app_->console().text();
}

}  // namespace
}  // namespace kp
