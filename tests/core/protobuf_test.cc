// The protobuf decoder against real kubectl 1.32: every body a kubectl command sent as
// application/vnd.kubernetes.protobuf (tests/golden/protobuf/*.body.hex) must decode to the JSON
// the same command prints with --dry-run=client -o json; plus hostile bodies, which must fail
// cleanly (or decode safely) and never crash or read past the input.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "core/apiserver/protobuf.h"
#include "tests/core/golden_util.h"

namespace kp {
namespace {

// ---- fixtures

// A .body.hex fixture: '#' lines are comments (the command, request line, content type).
std::string readHexFixture(const std::string& name, std::string* error) {
  std::string text = testing::golden("protobuf/" + name + ".body.hex");
  std::string hex, out;
  bool comment = false, lineStart = true;
  for (char c : text) {
    if (lineStart && c == '#') comment = true;
    lineStart = c == '\n';
    if (c == '\n') comment = false;
    if (!comment && std::isxdigit(static_cast<unsigned char>(c))) hex.push_back(c);
  }
  if (hex.empty() || hex.size() % 2) {
    *error = "bad or missing fixture " + name;
    return "";
  }
  for (size_t i = 0; i < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// What kubectl printed with --dry-run=client -o json; for the two requests that have no dry run
// (create token, drain --disable-eviction) the JSON Go prints for the object (.expected.json).
Json expectedJson(const std::string& name) {
  std::string text = testing::golden("protobuf/" + name + ".dry_run.json");
  if (text.empty()) text = testing::golden("protobuf/" + name + ".expected.json");
  return Json::parse(text, nullptr, false);
}

struct GoldenRow {
  const char* name;
};

// One row per kubectl 1.32 command that sends a protobuf body (see tests/golden/protobuf/README.md).
const GoldenRow kGoldenRows[] = {
    {"create_deployment"},
    {"create_deployment_multi"},
    {"create_job"},
    {"create_job_from_cronjob"},
    {"create_cronjob"},
    {"create_configmap"},
    {"create_configmap_env"},
    {"create_secret_generic"},
    {"create_secret_generic_file"},
    {"create_secret_docker_registry"},
    {"create_secret_tls"},
    {"create_namespace"},
    {"create_service_clusterip"},
    {"create_service_clusterip_headless"},
    {"create_service_nodeport"},
    {"create_service_loadbalancer"},
    {"create_service_externalname"},
    {"create_serviceaccount"},
    {"create_quota"},
    {"create_role"},
    {"create_clusterrole"},
    {"create_clusterrole_aggregation"},
    {"create_rolebinding"},
    {"create_clusterrolebinding"},
    {"create_poddisruptionbudget"},
    {"create_poddisruptionbudget_max"},
    {"create_priorityclass"},
    {"create_ingress"},
    {"create_ingress_default_backend"},
    {"create_token"},
    {"create_token_bound"},
    {"autoscale"},
    {"autoscale_name"},
    {"drain_disable_eviction"},
};

class ProtobufGolden : public ::testing::TestWithParam<GoldenRow> {};

TEST_P(ProtobufGolden, DecodesToWhatKubectlPrints) {
  std::string error;
  std::string body = readHexFixture(GetParam().name, &error);
  ASSERT_TRUE(error.empty()) << error;
  Json want = expectedJson(GetParam().name);
  ASSERT_FALSE(want.is_discarded()) << "no expected JSON for " << GetParam().name;
  auto got = protobufToJson(body, &error);
  ASSERT_TRUE(got) << error;
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(*got, want) << "diff (got -> want): " << Json::diff(*got, want).dump();
}

INSTANTIATE_TEST_SUITE_P(ProtobufKubectl132, ProtobufGolden, ::testing::ValuesIn(kGoldenRows),
                         [](const ::testing::TestParamInfo<GoldenRow>& info) { return std::string(info.param.name); });

// ---- a small encoder for hand-made bodies

std::string varint(uint64_t v) {
  std::string out;
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    out.push_back(static_cast<char>(v ? b | 0x80 : b));
  } while (v);
  return out;
}
std::string tag(uint32_t number, uint32_t wire) { return varint((static_cast<uint64_t>(number) << 3) | wire); }
std::string vi(uint32_t number, uint64_t v) { return tag(number, 0) + varint(v); }
std::string ld(uint32_t number, const std::string& bytes) { return tag(number, 2) + varint(bytes.size()) + bytes; }
std::string envelope(const std::string& apiVersion, const std::string& kind, const std::string& raw) {
  return std::string("k8s\0", 4) + ld(1, ld(1, apiVersion) + ld(2, kind)) + ld(2, raw) + ld(3, "") + ld(4, "");
}
std::string deployment(const std::string& raw) { return envelope("apps/v1", "Deployment", raw); }

// ---- hand-made bodies that decode

TEST(ProtobufDecode, EvictionWithDeleteOptionsAsDrainSendsItInJson) {
  // drain sends its Eviction as JSON; the same object as a typed client would encode it.
  std::string meta = ld(1, "web-1") + ld(3, "default") + ld(8, "");
  std::string body = envelope("policy/v1", "Eviction", ld(1, meta) + ld(2, vi(1, 30)));
  std::string error;
  auto got = protobufToJson(body, &error);
  ASSERT_TRUE(got) << error;
  EXPECT_EQ(*got, Json::parse(R"({"kind":"Eviction","apiVersion":"policy/v1","metadata":{"name":"web-1",
      "namespace":"default","creationTimestamp":null},"deleteOptions":{"gracePeriodSeconds":30}})"));
}

TEST(ProtobufDecode, HorizontalPodAutoscalerV2) {
  // kubectl 1.32's autoscale sends autoscaling/v1; a v2 object as a typed client encodes it.
  std::string target = ld(1, "Deployment") + ld(2, "web") + ld(3, "apps/v1");
  std::string metric = ld(1, "Resource") + ld(4, ld(1, "cpu") + ld(2, ld(1, "Utilization") + vi(4, 80)));
  std::string behavior = ld(2, vi(3, 300) + ld(2, ld(1, "Percent") + vi(2, 100) + vi(3, 15)));
  std::string spec = ld(1, target) + vi(2, 1) + vi(3, 5) + ld(4, metric) + ld(5, behavior);
  std::string body = envelope("autoscaling/v2", "HorizontalPodAutoscaler", ld(1, ld(1, "web")) + ld(2, spec) + ld(3, vi(3, 0) + vi(4, 0)));
  std::string error;
  auto got = protobufToJson(body, &error);
  ASSERT_TRUE(got) << error;
  EXPECT_EQ(*got, Json::parse(R"({"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2",
      "metadata":{"name":"web","creationTimestamp":null},
      "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},"minReplicas":1,
              "maxReplicas":5,"metrics":[{"type":"Resource","resource":{"name":"cpu",
              "target":{"type":"Utilization","averageUtilization":80}}}],
              "behavior":{"scaleDown":{"stabilizationWindowSeconds":300,
              "policies":[{"type":"Percent","value":100,"periodSeconds":15}]}}},
      "status":{"desiredReplicas":0,"currentMetrics":null}})"));
}

TEST(ProtobufDecode, TimesIntOrStringsQuantitiesAndPackedInts) {
  std::string meta = ld(1, "t") + ld(8, vi(1, 1714564800) + vi(2, 5)) + ld(9, vi(1, 0));
  std::string strategy = ld(1, "RollingUpdate") + ld(2, ld(1, vi(1, 1) + ld(3, "25%")) + ld(2, vi(2, 2)));
  std::string container = ld(1, "c") + ld(8, ld(2, ld(1, "cpu") + ld(2, ld(1, "250m"))));
  std::string spec = ld(3, ld(2, ld(2, container))) + ld(4, strategy);
  auto got = protobufToJson(deployment(ld(1, meta) + ld(2, spec)), nullptr);
  ASSERT_TRUE(got);
  EXPECT_EQ((*got)["metadata"]["creationTimestamp"], "2024-05-01T12:00:00Z");
  EXPECT_EQ((*got)["metadata"]["deletionTimestamp"], "1970-01-01T00:00:00Z");
  EXPECT_EQ((*got)["spec"]["strategy"]["rollingUpdate"], Json::parse(R"({"maxUnavailable":"25%","maxSurge":2})"));
  EXPECT_EQ((*got)["spec"]["template"]["spec"]["containers"][0]["resources"], Json::parse(R"({"requests":{"cpu":"250m"}})"));
  EXPECT_EQ((*got)["spec"]["selector"], nullptr);  // *LabelSelector without omitempty

  // PodFailurePolicyOnExitCodesRequirement.values, packed and unpacked.
  std::string onExit = ld(2, "In") + ld(3, varint(1) + varint(2)) + vi(3, 3);
  std::string job = ld(2, ld(11, ld(1, ld(1, "FailJob") + ld(2, onExit))));
  got = protobufToJson(envelope("batch/v1", "Job", job), nullptr);
  ASSERT_TRUE(got);
  EXPECT_EQ((*got)["spec"]["podFailurePolicy"]["rules"][0]["onExitCodes"]["values"], Json::parse("[1,2,3]"));
}

TEST(ProtobufDecode, SkipsUnknownFieldsOfEveryWireType) {
  std::string unknown = vi(90, 7) + tag(91, 1) + std::string(8, 'x') + ld(92, "junk") + tag(93, 5) + std::string(4, 'y');
  auto got = protobufToJson(envelope("v1", "Namespace", ld(1, ld(1, "ns") + unknown) + unknown), nullptr);
  ASSERT_TRUE(got);
  EXPECT_EQ(*got, Json::parse(R"({"kind":"Namespace","apiVersion":"v1","metadata":{"name":"ns",
      "creationTimestamp":null},"spec":{},"status":{}})"));
}

TEST(ProtobufDecode, LaterValuesWinAndMessagesMerge) {
  std::string meta1 = ld(1, "first") + ld(11, ld(1, "a") + ld(2, "1"));
  std::string meta2 = ld(1, "second") + ld(11, ld(1, "a") + ld(2, "2")) + ld(11, ld(1, "b") + ld(2, "3"));
  auto got = protobufToJson(envelope("v1", "ConfigMap", ld(1, meta1) + ld(1, meta2)), nullptr);
  ASSERT_TRUE(got);
  EXPECT_EQ((*got)["metadata"]["name"], "second");
  EXPECT_EQ((*got)["metadata"]["labels"], Json::parse(R"({"a":"2","b":"3"})"));
}

TEST(ProtobufDecode, InvalidUtf8PrintsAsReplacementCharacters) {
  std::string bad = "a\xff\xed\xa0\x80z";
  auto got = protobufToJson(envelope("v1", "ConfigMap", ld(1, ld(1, "cm")) + ld(2, ld(1, bad) + ld(2, bad))), nullptr);
  ASSERT_TRUE(got);
  std::string want = "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz";
  EXPECT_EQ((*got)["data"][want], want);
  EXPECT_NO_THROW((void)got->dump());
}

// ---- hostile bodies

struct HostileRow {
  const char* name;
  std::string body;
  const char* error;  // a part of the expected error
};

std::vector<HostileRow> hostileRows() {
  std::string magic("k8s\0", 4);
  std::string ok = ld(1, ld(1, "x"));
  return {
      {"Empty", "", "k8s\\0 prefix"},
      {"JsonInsteadOfProtobuf", "{\"kind\":\"Pod\"}", "k8s\\0 prefix"},
      {"MagicOnly", magic, "no kind \"\""},
      {"TruncatedEnvelopeKey", magic + "\x8a", "truncated field key"},
      {"EnvelopeLengthPastTheEnd", magic + "\x0a\x10", "length past the end"},
      {"HugeLength", magic + "\x12" + varint(UINT64_MAX), "length past the end"},
      {"EnvelopeWrongWireType", magic + vi(1, 1), "wrong wire type"},
      {"ElevenByteVarint", magic + std::string(11, '\xff'), "truncated field key"},
      {"UnknownKind", envelope("v1", "Pod", ok), "no kind \"Pod\""},
      {"WrongVersion", envelope("apps/v1beta1", "Deployment", ok), "no kind \"Deployment\""},
      {"Gzipped", magic + ld(1, ld(1, "v1") + ld(2, "ConfigMap")) + ld(2, ok) + ld(3, "gzip"), "content encoding"},
      {"MetadataAsVarint", deployment(vi(1, 5)), "Deployment.metadata: wrong wire type 0"},
      {"ReplicasAsString", deployment(ld(2, ld(1, "3"))), "DeploymentSpec.replicas: wrong wire type 2"},
      {"TruncatedNestedLength", deployment(ld(1, std::string("\x0a\x05") + "ab")), "ObjectMeta.name: length past the end"},
      {"TruncatedVarintValue", deployment(ld(2, "\x08\xff")), "truncated varint"},
      {"FieldNumberZero", deployment(ld(1, vi(0, 1))), "invalid field number"},
      {"GroupWireType", deployment(ld(1, tag(50, 3))), "unsupported wire type 3"},
      {"TruncatedUnknownFixed64", deployment(ld(1, tag(50, 1) + "abc")), "truncated fixed64"},
      {"TruncatedMapEntry", envelope("v1", "ConfigMap", ld(2, "\x0a\x09k")), "map key past the end of the entry"},
      {"MapValueWrongWireType", envelope("v1", "ConfigMap", ld(2, ld(1, "k") + vi(2, 1))), "in a map value"},
      {"ImpossibleIntOrString", envelope("v1", "Service", ld(2, ld(1, ld(4, vi(1, 2))))), "impossible IntOrString"},
      {"TimeOutOfRange", deployment(ld(1, ld(8, vi(1, 1ull << 62)))), "time out of range"},
      {"TimeWrongWireType", deployment(ld(1, ld(8, ld(1, "x")))), "wrong wire type in Timestamp"},
      {"BadQuantity", envelope("v1", "ResourceQuota", ld(2, ld(1, ld(1, "cpu") + ld(2, ld(1, "lots"))))), "quantities must match"},
  };
}

class ProtobufHostile : public ::testing::TestWithParam<HostileRow> {};

TEST_P(ProtobufHostile, FailsWithAnError) {
  std::string error;
  auto got = protobufToJson(GetParam().body, &error);
  EXPECT_FALSE(got) << got->dump();
  EXPECT_NE(error.find(GetParam().error), std::string::npos) << error;
}

INSTANTIATE_TEST_SUITE_P(ProtobufRows, ProtobufHostile, ::testing::ValuesIn(hostileRows()),
                         [](const ::testing::TestParamInfo<HostileRow>& info) { return std::string(info.param.name); });

TEST(ProtobufLimits, NestingDeeperThanTheBoundFails) {
  std::string error;
  std::string body = readHexFixture("create_deployment", &error);
  ASSERT_TRUE(error.empty());
  ProtobufLimits shallow;
  shallow.maxDepth = 3;
  EXPECT_FALSE(protobufToJson(body, &error, shallow));
  EXPECT_NE(error.find("nested deeper than 3"), std::string::npos) << error;
  EXPECT_TRUE(protobufToJson(body, &error));
}

TEST(ProtobufLimits, EmptyElementsCannotMultiplyABody) {
  // 200,000 empty containers: two bytes each on the wire, a whole object each in JSON.
  std::string containers;
  for (int i = 0; i < 200000; i++) containers += ld(2, "");
  std::string body = deployment(ld(2, ld(3, ld(2, containers))));
  std::string error;
  EXPECT_FALSE(protobufToJson(body, &error));
  EXPECT_NE(error.find("too many values"), std::string::npos) << error;
}

TEST(ProtobufLimits, EveryPrefixAndBitFlipOfARealBodyIsSafe) {
  for (const char* name : {"create_deployment", "create_job_from_cronjob", "create_secret_tls", "autoscale"}) {
    std::string error;
    std::string body = readHexFixture(name, &error);
    ASSERT_TRUE(error.empty());
    // A prefix must fail unless it ends right after typeMeta (an empty object) or after raw.
    size_t typeMetaEnd = 6 + static_cast<uint8_t>(body[5]);
    size_t rawEnd = body.size() - 4;  // the empty contentEncoding and contentType fields follow raw
    for (size_t n = 0; n < body.size(); n++) {
      auto got = protobufToJson(std::string_view(body).substr(0, n), &error);
      if (n < rawEnd && n != typeMetaEnd) EXPECT_FALSE(got) << name << " prefix " << n;
      if (got) EXPECT_NO_THROW((void)got->dump());
    }
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (int i = 0; i < 4000; i++) {
      seed = seed * 6364136223846793005ull + 1442695040888963407ull;
      std::string flipped = body;
      flipped[(seed >> 33) % flipped.size()] ^= static_cast<char>(1u << ((seed >> 20) % 8));
      auto got = protobufToJson(flipped, &error);
      if (got) EXPECT_NO_THROW((void)got->dump());
    }
  }
}

}  // namespace
}  // namespace kp
