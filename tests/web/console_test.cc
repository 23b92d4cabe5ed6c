// The console panel drawn headless (ImGui's null backend) against a real Cluster: Tab completes
// the input line as bash with kubectl's completion does, a Tab that adds nothing after one that
// added nothing lists the candidates in the scrollback, and history from an earlier page load
// is recalled with Up and listed by `history`; text dragged over in the scrollback is selected
// and Ctrl+C then copies instead of interrupting.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/web/headless.h"
#include "web/app.h"
#include "web/theme.h"

namespace kp {
namespace {

class ConsoleKeys : public HeadlessApp {
 protected:
  AppOptions appOptions() override {
    AppOptions opts;
    opts.welcome = false;
    return opts;
  }
  size_t count(const std::string& hay, const std::string& needle) {
    size_t n = 0;
    for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) n++;
    return n;
  }
};

TEST_F(ConsoleKeys, TabCompletesTheWordAtTheCursor) {
  frames(3);
  // (`po` alone would stop at "pod": pods and poddisruptionbudgets.policy share it)
  type("kubectl get pods");
  pressKey(kKeyTab);
  EXPECT_EQ(app_->console().input(), "kubectl get pods ");
  // typing goes on after the inserted space
  type("-n kube-sys");
  pressKey(kKeyTab);
  EXPECT_EQ(app_->console().input(), "kubectl get pods -n kube-system ");
  type("etc");
  pressKey(kKeyTab);
  EXPECT_EQ(app_->console().input(), "kubectl get pods -n kube-system etcd-minikube ");
  pressKey(kKeyEnter);
  frames(2);
  EXPECT_EQ(count(app_->console().text(), "etcd-minikube"), 2u);  // the line and kubectl's table
}

TEST_F(ConsoleKeys, SecondTabListsTheCandidates) {
  frames(3);
  type("kubectl rollout ");
  pressKey(kKeyTab);  // nothing to add: readline rings the bell
  EXPECT_EQ(app_->console().input(), "kubectl rollout ");
  EXPECT_EQ(app_->console().text().find("history"), std::string::npos);
  pressKey(kKeyTab);  // the second Tab lists them under the line, as bash does
  EXPECT_EQ(app_->console().input(), "kubectl rollout ");
  std::string text = app_->console().text();
  EXPECT_NE(text.find("$ kubectl rollout \nhistory  pause    restart  resume   status   undo\n"), std::string::npos)
      << text;
  // the line stays; typing narrows it down
  type("u");
  pressKey(kKeyTab);
  EXPECT_EQ(app_->console().input(), "kubectl rollout undo ");
}

TEST_F(ConsoleKeys, TabCompletesToTheCommonPrefixFirst) {
  frames(3);
  run("kubectl create deployment kubia --image=luksa/kubia:v1");
  run("kubectl create deployment kubia-canary --image=luksa/kubia:v2");
  frames(2);
  type("kubectl scale deploy ku");
  pressKey(kKeyTab);
  EXPECT_EQ(app_->console().input(), "kubectl scale deploy kubia");
  pressKey(kKeyTab);
  EXPECT_EQ(count(app_->console().text(), "kubia-canary\n"), 0u);
  pressKey(kKeyTab);
  EXPECT_NE(app_->console().text().find("$ kubectl scale deploy kubia\nkubia         kubia-canary\n"), std::string::npos) << app_->console().text();
  type(" --re");
  pressKey(kKeyTab);
  EXPECT_EQ(app_->console().input(), "kubectl scale deploy kubia --replicas=");
}

TEST_F(ConsoleKeys, StoredHistoryIsRecalledAndListed) {
  std::vector<std::string> stored;
  app_->console().onHistoryAdd = [&](const std::string& l) { stored.push_back(l); };
  app_->console().loadHistory({"kubectl get nodes", "", "kubectl get pods", "kubectl get pods", "sleep 1"});
  frames(3);
  pressKey(kKeyUp);
  EXPECT_EQ(app_->console().input(), "sleep 1");
  pressKey(kKeyUp);
  EXPECT_EQ(app_->console().input(), "kubectl get pods");
  pressKey(kKeyUp);
  EXPECT_EQ(app_->console().input(), "kubectl get nodes");
  pressKey(kKeyUp);
  EXPECT_EQ(app_->console().input(), "kubectl get nodes");
  pressKey(kKeyDown);
  pressKey(kKeyDown);
  pressKey(kKeyDown);
  EXPECT_EQ(app_->console().input(), "");
  EXPECT_EQ(run("history"),
            "    1  kubectl get nodes\n    2  kubectl get pods\n    3  sleep 1\n    4  history\n");
  // new lines are handed to the page to store, without consecutive repeats
  run("history");
  run("kubectl version --client");
  EXPECT_EQ(stored, (std::vector<std::string>{"history", "kubectl version --client"}));
  EXPECT_EQ(app_->console().history().size(), 5u);
}

TEST_F(ConsoleKeys, DragSelectsTextAndCtrlCCopiesItInsteadOfInterrupting) {
  frames(3);
  run("echo hello world");
  frames(2);
  ImGuiIO& io = ImGui::GetIO();
  // from below the last line (inside the scrollback) up past its first line
  const ImVec2 bottom(app_->consoleMax().x - 30, app_->console().inputMin().y - 14);
  const ImVec2 top(app_->consoleMin().x + 11, app_->consoleMin().y - 40);
  io.MousePos = bottom;
  frame();
  io.MouseDown[0] = true;
  frame();
  io.MousePos = ImVec2((top.x + bottom.x) / 2, (top.y + bottom.y) / 2);
  frame();
  io.MousePos = top;
  frame();
  io.MouseDown[0] = false;
  frame();
  EXPECT_EQ(app_->console().selectedText().rfind("$ echo hello world\nhello world", 0), 0u)
      << app_->console().selectedText();

  // with a selection, Ctrl+C copies (the page reads selectedText) and does not interrupt
  app_->exec("sleep 100");
  frames(2);
  ASSERT_TRUE(app_->console().busy());
  io.KeyCtrl = true;
  pressKey('C');
  EXPECT_TRUE(app_->console().busy());
  EXPECT_EQ(app_->console().selectedText(), "");
  pressKey('C');  // nothing selected: the terminal's interrupt
  io.KeyCtrl = false;
  frame();
  EXPECT_FALSE(app_->console().busy());
  EXPECT_NE(app_->console().text().find("^C"), std::string::npos);

  // a click without a drag selects nothing
  io.MousePos = bottom;
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
  EXPECT_EQ(app_->console().selectedText(), "");
}

}  // namespace
}  // namespace kp
