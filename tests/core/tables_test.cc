// Server-side Table rendering (core/apiserver/tables.cc): columns, cells and ages as
// pkg/printers/internalversion/printers.go computes them.
#include "core/apiserver/tables.h"

#include <gtest/gtest.h>

#include "core/api/resources.h"
#include "tests/core/golden_util.h"

namespace kp {
namespace {

using testing::loadFixture;

TEST(HumanDuration, MatchesApimachinery) {
  struct Case {
    const char* name;
    Time millis;
    const char* want;
  };
  const Case cases[] = {
      {"negative beyond tolerance", -2000, "<invalid>"},
      {"slightly negative", -1500, "0s"},
      {"zero", 0, "0s"},
      {"seconds", 45'000, "45s"},
      {"119 seconds", 119'999, "119s"},
      {"two minutes", 120'000, "2m"},
      {"minutes and seconds", 3 * 60'000 + 12'000, "3m12s"},
      {"ten minutes", 10 * 60'000 + 59'000, "10m"},
      {"under three hours", 179 * 60'000, "179m"},
      {"three hours", 3 * 3'600'000, "3h"},
      {"hours and minutes", 5 * 3'600'000 + 7 * 60'000, "5h7m"},
      {"eight hours", 8 * 3'600'000 + 59 * 60'000, "8h"},
      {"47 hours", 47 * 3'600'000LL, "47h"},
      {"two days", 48 * 3'600'000LL, "2d"},
      {"days and hours", (2 * 24 + 5) * 3'600'000LL, "2d5h"},
      {"eight days", 8 * 24 * 3'600'000LL, "8d"},
      {"one year", 400 * 24 * 3'600'000LL, "400d"},
      {"two years", (2 * 365 + 3) * 24 * 3'600'000LL, "2y3d"},
      {"nine years", 9 * 365 * 24 * 3'600'000LL, "9y"},
  };
  for (const auto& c : cases) EXPECT_EQ(humanDuration(c.millis), c.want) << c.name;
}

TEST(FormatHelpers, LabelsAndSelectors) {
  EXPECT_EQ(formatLabels({}), "<none>");
  EXPECT_EQ(formatLabels({{"b", "2"}, {"a", "1"}}), "a=1,b=2");
  LabelSelector s;
  EXPECT_EQ(labelSelectorString(s), "");
  EXPECT_EQ(formatLabelSelector(s), "<none>");
  s.matchLabels = {{"app", "kubia"}};
  s.matchExpressions = {{"env", "In", {"qa", "prod"}}, {"canary", "DoesNotExist", {}}, {"zone", "Exists", {}}};
  EXPECT_EQ(labelSelectorString(s), "app=kubia,!canary,env in (prod,qa),zone");
  EXPECT_EQ(nodeRoles({{"node-role.kubernetes.io/control-plane", ""}, {"kubernetes.io/role", "worker"},
                       {"node-role.kubernetes.io/", "x"}}),
            (std::vector<std::string>{"control-plane", "worker"}));
}

// Cells of one row of the fixture cluster's table for `resource`.
Json rowFor(const std::string& resource, const std::string& name) {
  auto fx = loadFixture("cluster.json");
  const ResourceInfo* r = findResource(resource);
  std::vector<ObjectPtr> objs;
  for (const auto& o : fx.objects)
    if (o->kind() == r->kind && o->metadata.name == name) objs.push_back(o);
  Json t = renderTable(*r, objs, fx.now, 7);
  if (t["rows"].empty()) return Json();
  return t["rows"][0]["cells"];
}

TEST(RenderTable, PodStatusCells) {
  struct Case {
    const char* name;
    const char* pod;
    const char* ready;
    const char* status;
    const char* restarts;
    const char* age;
  };
  const Case cases[] = {
      {"running with restarts", "kubia-5b4c7d8f9-x2x7k", "1/1", "Running", "2 (35s ago)", "5m"},
      {"image pull backoff", "kubia-5b4c7d8f9-pullb", "0/1", "ImagePullBackOff", "0", "3m20s"},
      {"terminating", "kubia-5b4c7d8f9-termn", "1/1", "Terminating", "0", "66m"},
      {"container creating", "kubia-manual", "0/1", "ContainerCreating", "0", "12s"},
      {"completed", "batch-done", "0/1", "Completed", "0", "2d5h"},
      {"unscheduled", "unscheduled", "0/1", "Pending", "0", "65s"},
      {"crash loop", "crashy", "0/1", "CrashLoopBackOff", "7 (3m10s ago)", "15m"},
  };
  for (const auto& c : cases) {
    Json cells = rowFor("pods", c.pod);
    ASSERT_TRUE(cells.is_array()) << c.name;
    EXPECT_EQ(cells[1], c.ready) << c.name;
    EXPECT_EQ(cells[2], c.status) << c.name;
    EXPECT_EQ(cells[3], c.restarts) << c.name;
    EXPECT_EQ(cells[4], c.age) << c.name;
  }
}

TEST(RenderTable, ServiceAndNodeCells) {
  struct Case {
    const char* name;
    const char* resource;
    const char* object;
    size_t index;
    const char* want;
  };
  const Case cases[] = {
      {"load balancer pending", "services", "kubia-http", 3, "<pending>"},
      {"node port ports", "services", "kubia-http", 4, "8080:31234/TCP"},
      {"load balancer ingress", "services", "kubia-lb", 3, "203.0.113.10"},
      {"cluster ip external", "services", "kubernetes", 3, "<none>"},
      {"service without selector", "services", "kubernetes", 6, "<none>"},
      {"node ready with role", "nodes", "node-1", 1, "Ready"},
      {"node role", "nodes", "node-1", 2, "control-plane"},
      {"node scheduling disabled", "nodes", "node-2", 1, "Ready,SchedulingDisabled"},
      {"node without role", "nodes", "node-2", 2, "<none>"},
      {"node not ready", "nodes", "node-3", 1, "NotReady"},
      {"endpoints with more", "endpoints", "kubia-http", 1,
       "10.244.1.5:8080,10.244.1.9:8080,10.244.2.3:8080 + 1 more..."},
      {"endpoints empty", "endpoints", "kubia-lb", 1, "<none>"},
      {"deployment ready", "deployments", "kubia", 1, "2/3"},
      {"namespace status", "namespaces", "default", 1, "Active"},
  };
  for (const auto& c : cases) {
    Json cells = rowFor(c.resource, c.object);
    ASSERT_TRUE(cells.is_array()) << c.name;
    EXPECT_EQ(cells[c.index], c.want) << c.name;
  }
}

TEST(RenderTable, EmptyListAndMetadata) {
  const ResourceInfo* pods = findResource("pods");
  Json t = renderTable(*pods, {}, 0, 42);
  EXPECT_EQ(t["kind"], "Table");
  EXPECT_EQ(t["apiVersion"], "meta.k8s.io/v1");
  EXPECT_EQ(t["metadata"]["resourceVersion"], "42");
  EXPECT_TRUE(t["rows"].empty());
  ASSERT_EQ(t["columnDefinitions"].size(), 9u);
  EXPECT_EQ(t["columnDefinitions"][0]["format"], "name");
  EXPECT_EQ(t["columnDefinitions"][5]["name"], "IP");
  EXPECT_EQ(t["columnDefinitions"][5]["priority"], 1);

  auto fx = loadFixture("cluster.json");
  ASSERT_TRUE(fx.error.empty()) << fx.error;
  std::vector<ObjectPtr> objs;
  for (const auto& o : fx.objects)
    if (o->kind() == std::string("Pod") && o->metadata.name == "batch-done") objs.push_back(o);
  Json one = renderTable(*pods, objs, fx.now, 1);
  ASSERT_EQ(one["rows"].size(), 1u);
  EXPECT_EQ(one["rows"][0]["object"]["kind"], "PartialObjectMetadata");
  EXPECT_EQ(one["rows"][0]["object"]["metadata"]["labels"]["run"], "batch-done");
  EXPECT_EQ(one["rows"][0]["conditions"][0]["reason"], "Succeeded");
}

TEST(RenderTable, MissingFieldsNeverThrow) {
  auto pod = std::make_shared<Pod>();
  auto node = std::make_shared<Node>();
  auto ev = std::make_shared<Event>();
  auto dep = std::make_shared<Deployment>();
  for (auto [res, obj] : std::vector<std::pair<const char*, ObjectPtr>>{
           {"pods", pod}, {"nodes", node}, {"events", ev}, {"deployments", dep}}) {
    Json t = renderTable(*findResource(res), {obj}, 1000, 1);
    ASSERT_EQ(t["rows"].size(), 1u) << res;
  }
  Json p = renderTable(*findResource("pods"), {pod}, 1000, 1);
  EXPECT_EQ(p["rows"][0]["cells"][4], "<unknown>");
  Json e = renderTable(*findResource("events"), {ev}, 1000, 1);
  EXPECT_EQ(e["rows"][0]["cells"][0], "<unknown>");
  EXPECT_EQ(e["rows"][0]["cells"][8], 1);
}

}  // namespace
}  // namespace kp
