// kubectl's client-side printers (core/kubectl/printers.cc) against golden output captured from
// real kubectl 1.32 (see tests/golden/README.md): tables, -o yaml, -o json, -o name, tabwriter.
#include "core/kubectl/printers.h"

#include <gtest/gtest.h>

#include "core/api/resources.h"
#include "core/apiserver/tables.h"
#include "tests/core/golden_util.h"

namespace kp {
namespace {

using testing::Fixture;
using testing::golden;
using testing::loadFixture;

std::vector<ObjectPtr> select(const Fixture& fx, const ResourceInfo& r, const std::string& ns,
                              const std::string& name = "") {
  std::vector<ObjectPtr> out;
  for (const auto& o : fx.objects)
    if (o->kind() == r.kind && (ns.empty() || !r.namespaced || o->metadata.namespace_ == ns) &&
        (name.empty() || o->metadata.name == name))
      out.push_back(o);
  return out;
}

struct TableCase {
  const char* golden;
  const char* resource;
  const char* ns;  // "" = all namespaces / cluster-scoped
  TablePrintOptions opts;
};

TablePrintOptions opts(bool wide, bool labels = false, bool allNs = false, bool kind = false,
                       std::vector<std::string> columns = {}) {
  TablePrintOptions o;
  o.wide = wide;
  o.showLabels = labels;
  o.withNamespace = allNs;
  o.withKind = kind;
  o.labelColumns = std::move(columns);
  return o;
}

TEST(PrintTable, MatchesRealKubectl) {
  const TableCase cases[] = {
      {"get_pods.txt", "pods", "default", opts(false)},
      {"get_pods_wide.txt", "pods", "default", opts(true)},
      {"get_pods_show_labels.txt", "pods", "default", opts(false, true)},
      {"get_pods_all_namespaces.txt", "pods", "", opts(false, false, true)},
      {"get_pods_label_columns.txt", "pods", "default", opts(false, false, false, false, {"app", "example.com/tier"})},
      {"get_pods_all_namespaces_wide_labels.txt", "pods", "", opts(true, true, true)},
      {"get_svc.txt", "services", "default", opts(false)},
      {"get_svc_wide.txt", "services", "default", opts(true)},
      {"get_deploy_wide.txt", "deployments", "default", opts(true)},
      {"get_rs.txt", "replicasets", "default", opts(false)},
      {"get_rs_wide.txt", "replicasets", "default", opts(true)},
      {"get_rc_wide.txt", "replicationcontrollers", "default", opts(true)},
      {"get_nodes.txt", "nodes", "", opts(false)},
      {"get_nodes_wide.txt", "nodes", "", opts(true)},
      {"get_events.txt", "events", "default", opts(false)},
      {"get_events_wide.txt", "events", "default", opts(true)},
      {"get_endpoints.txt", "endpoints", "default", opts(false)},
      {"get_ns.txt", "namespaces", "", opts(false)},
      {"get_pods_empty_ns.txt", "pods", "empty", opts(false)},
  };
  auto fx = loadFixture("cluster.json");
  ASSERT_TRUE(fx.error.empty()) << fx.error;
  for (const auto& c : cases) {
    const ResourceInfo* r = findResource(c.resource);
    ASSERT_NE(r, nullptr) << c.golden;
    Json table = renderTable(*r, select(fx, *r, c.ns), fx.now, 1);
    EXPECT_EQ(printTable(table, *r, c.opts), golden(c.golden)) << c.golden;
  }
}

TEST(PrintTable, SeveralKindsWithKindPrefix) {
  // `kubectl get deploy,rs,svc`: one table per kind, names prefixed, a blank line between.
  auto fx = loadFixture("cluster.json");
  std::string out;
  for (const char* res : {"deployments", "replicasets", "services"}) {
    const ResourceInfo* r = findResource(res);
    if (!out.empty()) out += "\n";
    out += printTable(renderTable(*r, select(fx, *r, "default"), fx.now, 1), *r, opts(false, false, false, true));
  }
  EXPECT_EQ(out, golden("get_deploy_rs_svc_with_kind.txt"));
}

TEST(PrintTable, OddTablesDoNotCrash) {
  const ResourceInfo* pods = findResource("pods");
  EXPECT_EQ(printTable(Json(), *pods, {}), "");
  EXPECT_EQ(printTable(Json::array(), *pods, {}), "");
  Json t = {{"columnDefinitions", {{{"name", "Name"}, {"type", "string"}, {"format", "name"}, {"priority", 0}},
                                   {{"name", "Count"}, {"type", "integer"}, {"priority", 0}}}},
            {"rows", {{{"cells", {"a\nb", 3, nullptr, "extra"}}}, {{"cells", {"x\x1b"}}}, {{"object", 5}}}}};
  EXPECT_EQ(printTable(t, *pods, opts(false, true, true)),
            "NAMESPACE   NAME   COUNT   LABELS\n"
            "            a...   3       <none>\n"
            "            x^[            <none>\n"
            "                           <none>\n");
}

struct ObjectCase {
  const char* golden;
  const char* resource;
  const char* ns;
  const char* name;  // "" = the List kubectl builds for a list
  bool yaml;
};

TEST(PrintObjects, YamlAndJsonMatchRealKubectl) {
  const ObjectCase cases[] = {
      {"get_pod_yaml.txt", "pods", "default", "kubia-manual", true},
      {"get_pod_json.txt", "pods", "default", "kubia-5b4c7d8f9-x2x7k", false},
      {"get_svc_list_yaml.txt", "services", "default", "", true},
      {"get_deploy_list_json.txt", "deployments", "default", "", false},
      {"get_node_yaml.txt", "nodes", "", "node-2", true},
  };
  auto fx = loadFixture("cluster.json");
  for (const auto& c : cases) {
    const ResourceInfo* r = findResource(c.resource);
    Json items = Json::array();
    for (const auto& o : select(fx, *r, c.ns, c.name)) items.push_back(o->toJson());
    ASSERT_FALSE(items.empty()) << c.golden;
    Json doc = std::string(c.name).empty()
                   ? Json{{"apiVersion", "v1"}, {"kind", "List"}, {"items", items}, {"metadata", {{"resourceVersion", ""}}}}
                   : items[0];
    EXPECT_EQ(c.yaml ? toYaml(doc) : toJsonText(doc), golden(c.golden)) << c.golden;
  }
}

TEST(PrintObjects, YamlQuotingMatchesGoYaml) {
  // A ConfigMap whose data holds every string shape that go-yaml quotes, folds or blocks:
  // "8080", "true", "", "*", "a: b", leading/trailing spaces, multi-line, long lines, tabs, emoji.
  Json cm = Json::parse(testing::readFile(testing::goldenDir() + "fixtures/configmap_quoting.json"));
  EXPECT_EQ(toYaml(cm), golden("yaml_configmap_quoting.yaml"));
}

TEST(PrintObjects, YamlScalars) {
  struct Case {
    const char* name;
    Json in;
    const char* want;
  };
  const Case cases[] = {
      {"string that looks like a number", {{"a", "8080"}}, "a: \"8080\"\n"},
      {"bool string", {{"a", "true"}}, "a: \"true\"\n"},
      {"empty string", {{"a", ""}}, "a: \"\"\n"},
      {"star", {{"a", "*"}}, "a: '*'\n"},
      {"colon space", {{"a", "a: b"}}, "a: 'a: b'\n"},
      {"leading spaces", {{"a", "  x"}}, "a: '  x'\n"},
      {"multi-line", {{"a", "x\ny"}}, "a: |-\n  x\n  y\n"},
      {"empty map and list", {{"m", Json::object()}, {"l", Json::array()}}, "l: []\nm: {}\n"},
      {"null and numbers", {{"n", nullptr}, {"i", 3}, {"f", 0.5}, {"b", false}}, "b: false\nf: 0.5\ni: 3\n\"n\": null\n"},  // "n" is a YAML 1.1 bool
      {"sequence not indented", {{"s", {{{"a", 1}, {"b", 2}}, "x"}}}, "s:\n- a: 1\n  b: 2\n- x\n"},
      {"natural key order", {{"a10", 1}, {"a9", 1}, {"B", 1}, {"_", 1}}, "_: 1\nB: 1\na9: 1\na10: 1\n"},
      {"timestamp string", {{"t", "2024-01-01T00:00:00Z"}}, "t: \"2024-01-01T00:00:00Z\"\n"},
  };
  for (const auto& c : cases) EXPECT_EQ(toYaml(c.in), c.want) << c.name;
}

TEST(PrintObjects, JsonEscaping) {
  Json j = {{"html", "<a href=\"x\">&</a>"}, {"ctl", std::string("\x01\b\f\n\t")}, {"u", "\xe2\x80\xa8"},
            {"empty", Json::object()}, {"list", Json::array()}, {"n", 1.5}};
  EXPECT_EQ(toJsonText(j),
            "{\n"
            "    \"ctl\": \"\\u0001\\b\\f\\n\\t\",\n"
            "    \"empty\": {},\n"
            "    \"html\": \"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\",\n"
            "    \"list\": [],\n"
            "    \"n\": 1.5,\n"
            "    \"u\": \"\\u2028\"\n"
            "}\n");
}

TEST(ResourceName, KindAndGroup) {
  EXPECT_EQ(resourceName(*findResource("pods"), "kubia-x"), "pod/kubia-x");
  EXPECT_EQ(resourceName(*findResource("deploy"), "kubia"), "deployment.apps/kubia");
  EXPECT_EQ(resourceName(*findResource("svc"), "kubia-http"), "service/kubia-http");
  EXPECT_EQ(resourceName(*findResource("rs"), "kubia-1"), "replicaset.apps/kubia-1");
}

TEST(Tabwriter, GoSemantics) {
  EXPECT_EQ(tabwrite({{"NAME", "AGE"}, {"a", "1s"}}), "NAME   AGE\na      1s\n");
  EXPECT_EQ(tabwrite({{"LONGER-NAME", "X"}, {"a", "b"}}), "LONGER-NAME   X\na             b\n");
  // describe's settings: minwidth 0, padding 2; a line without tabs ends the column block.
  EXPECT_EQ(tabwriteText("Name:\tx\nLabels:\ta=1\n\tb=2\nplain\nLonger-key:\ty\n", 0, 2),
            "Name:    x\nLabels:  a=1\n         b=2\nplain\nLonger-key:  y\n");
  EXPECT_EQ(tabwriteText("héllo\tx\nab\ty\n", 0, 1), "héllo x\nab    y\n");
}

}  // namespace
}  // namespace kp
