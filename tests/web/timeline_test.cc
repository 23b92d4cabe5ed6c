// The timeline strip drawn headless: after the walkthrough's first command it shows that
// command's steps, a click on Play replays them beat by beat on real time, and each beat's
// arrow runs between the two components' positions on the canvas.
#include <gtest/gtest.h>

#include <algorithm>
#include <cfloat>
#include <memory>
#include <string>

#include "tests/web/headless.h"
#include "web/app.h"
#include "web/theme.h"
#include "web/timeline_panel.h"

namespace kp {
namespace {

class Timeline : public HeadlessApp {
 protected:
  // Clicks and takes the mouse away again (a hovered strip would hold the replay).
  void clickAndLeave(ImVec2 p) {
    click(p);
    ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  const ActivityLog& log() { return app_->cluster().api().activity(); }

};

TEST_F(Timeline, ListsTheCommandsStepsAndReplaysThemAsArrows) {
  frames(2);
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  app_->advance(30000);
  // Real time on the frames only: the simulated minute above settled the pod.
  app_->setPaused(true);
  frames(3);
  TimelinePanel& tl = app_->timeline();
  const ActivityGroup* g = log().latest();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->command, "kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  EXPECT_EQ(tl.shownGroup(log()), g->id);
  ASSERT_GE(g->steps.size(), 10u);
  EXPECT_EQ(g->steps[0].text, "POST /apis/apps/v1/namespaces/default/deployments 201");
  Json j = tl.toJson(log(), 1.0f);
  ASSERT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["groups"][0]["steps"].size(), g->steps.size());
  EXPECT_EQ(j["groups"][0]["steps"][0]["actor"], "client");
  EXPECT_EQ(j["groups"][0]["steps"][0]["ms"], 0);

  // The strip sits under the canvas, which ends where it starts.
  const CanvasLayout& layout = app_->canvas().layout();
  EXPECT_LT(layout.max.y, app_->canvasMax().y);
  EXPECT_GE(tl.playMin().y, layout.max.y);
  for (auto& n : layout.nodes) EXPECT_LE(n.max.y, layout.max.y) << n.key;

  // Play (the button) replays beat by beat; each arrow joins the components of its steps.
  ASSERT_FALSE(tl.playing());
  frames(40, 50);  // the live arrows of the command have played out
  clickAndLeave(ImVec2((tl.playMin().x + tl.playMax().x) / 2, (tl.playMin().y + tl.playMax().y) / 2));
  ASSERT_TRUE(tl.playing());
  size_t steps = g->steps.size();
  int lastBeat = -1;
  size_t covered = 0;
  for (int i = 0; i < 2000 && tl.playing(); i++) {
    frame(TimelinePanel::kBeatMs / 3);
    if (!tl.playing()) break;
    ASSERT_GE(tl.beat(), lastBeat);
    if (tl.beat() != lastBeat) {
      // A beat starts right after the previous one and groups steps of one component pair.
      EXPECT_EQ(tl.beatFirst(), lastBeat < 0 ? 0u : covered);
      for (size_t s = tl.beatFirst(); s <= tl.beatLast(); s++) {
        EXPECT_EQ(g->steps[s].actor, g->steps[tl.beatFirst()].actor);
        EXPECT_EQ(g->steps[s].target, g->steps[tl.beatFirst()].target);
      }
      covered = tl.beatLast() + 1;
      lastBeat = tl.beat();
    }
    const ActivityStep& s = g->steps[tl.beatFirst()];
    const ImVec2* from = layout.component(s.actor);
    const ImVec2* to = layout.component(s.target);
    if (!from || !to) continue;
    ASSERT_EQ(tl.arrows().size(), 1u) << s.actor << " -> " << s.target;
    const auto& a = tl.arrows()[0];
    EXPECT_FALSE(a.live);
    EXPECT_EQ(a.from, s.actor);
    EXPECT_EQ(a.to, s.target);
    EXPECT_EQ(a.a.x, from->x);
    EXPECT_EQ(a.a.y, from->y);
    EXPECT_EQ(a.b.x, to->x);
    EXPECT_EQ(a.b.y, to->y);
    EXPECT_GE(a.t, 0.0f);
    EXPECT_LE(a.t, 1.0f);
  }
  EXPECT_FALSE(tl.playing());
  EXPECT_EQ(covered, steps);
  EXPECT_GE(lastBeat, 6);
  // The replay is over: no arrow is left.
  frames(2);
  EXPECT_TRUE(tl.arrows().empty());
}

TEST_F(Timeline, NewStepsGetLiveArrowsAndOlderCommandsCanBeChosen) {
  frames(2);
  run("kubectl create deployment kubia --image=hyooo/kubia --port=8080");
  app_->advance(30000);
  frames(60, 50);
  run("kubectl scale deployment kubia --replicas=2");
  TimelinePanel& tl = app_->timeline();
  // The scale's steps are drawn live as they happen, between the components' positions.
  bool sawLive = false;
  for (int i = 0; i < 20 && !sawLive; i++) {
    frame(16);
    for (const auto& a : tl.arrows()) {
      const ImVec2* from = app_->canvas().layout().component(a.from);
      ASSERT_NE(from, nullptr) << a.from;
      EXPECT_EQ(a.a.x, from->x);
      EXPECT_EQ(a.a.y, from->y);
      if (a.live) sawLive = true;
    }
  }
  EXPECT_TRUE(sawLive);
  ASSERT_EQ(log().groups().size(), 2u);
  EXPECT_EQ(tl.shownGroup(log()), log().groups()[1].id);
  tl.choose(log().groups()[0].id);
  frame();
  EXPECT_EQ(tl.shownGroup(log()), log().groups()[0].id);
  // Collapsing leaves only the header, and the canvas grows back.
  float open = app_->canvas().layout().max.y;
  tl.collapsed = true;
  frames(2);
  EXPECT_GT(app_->canvas().layout().max.y, open);
}

}  // namespace
}  // namespace kp
