// The inspector: the selected object (a pod, node or service clicked on the canvas, or an
// owner followed from there) as `kubectl describe` prints it, its YAML, its owner chain, the
// objects related to it, and actions. An action is a console command (`kubectl delete pod
// kubia-x`, `kubectl scale deployment kubia --replicas=4`, `minikube node stop minikube-m02`,
// `traffic kubia-http 5`) that the app runs as if typed, so the learner sees it and can
// repeat it. The content is rebuilt from the store when it changes (at most twice a second)
// through a REST client with its own user agent, so the timeline does not mistake these reads
// for the learner's commands.
#pragma once
#include <string>
#include <vector>

#include "core/sim/cluster.h"
#include "web/canvas_panel.h"
#include "web/theme.h"
#include "web/view_model.h"

namespace kp {

class InspectorPanel {
 public:
  struct Link {
    std::string kind, key;  // key: "namespace/name", or the name of a cluster-scoped object
    std::string label;      // what the row shows: "ReplicaSet kubia-7fd9fbf56"
  };
  struct Action {
    std::string label;
    std::string command;    // the console line it runs
  };
  struct Content {
    std::string kind, key, ns, name;
    bool found = false;               // false once the object is gone
    std::string describe, yaml;
    std::vector<Link> owners;         // the controller chain upwards: ReplicaSet, Deployment
    std::vector<Link> related;        // node, services, endpoint pods, pods on a node
    std::vector<Action> actions;
    std::string requests;             // "12 answered, 0 failed" for pods and services
    std::string trafficUrl;           // services reachable from outside: where traffic goes
    double trafficRate = 0;           // the service's generator, requests per second
  };

  // Rebuilds the content for `sel` when the selection or the store changed (throttled to
  // `minInterval` seconds of `clock` unless the selection changed). `currentNs` is the
  // console's namespace: commands name another namespace with -n.
  void refresh(Cluster& cluster, const CanvasPanel::Selection& sel, const std::string& currentNs, double clock,
               double minInterval = 0.5);
  const Content& content() const { return content_; }

  // Draws over the right part of [min, max) while something is selected. Clicking a link
  // changes `sel`; the close button clears it; an action's command is returned in *command.
  void draw(CanvasPanel::Selection& sel, const Theme& theme, ImVec2 min, ImVec2 max, std::string* command);

  // The panel's rectangle in the last frame (zero size when hidden).
  ImVec2 min() const { return min_; }
  ImVec2 max() const { return max_; }

  enum class Tab { Describe, Yaml, Related };
  Tab tab = Tab::Describe;

 private:
  Content content_;
  std::string builtFor_;       // kind/key the content was built for
  int64_t builtAtVersion_ = -1;
  double builtAtClock_ = -1e9;
  float sliderRate_ = 0;       // the traffic slider while it is dragged
  bool sliderActive_ = false;
  ImVec2 min_, max_;
};

}  // namespace kp
