// The pflag-compatible parser: every accepted form and every rejection, with the texts real
// kubectl 1.32 prints (checked with /usr/lib/google-cloud-sdk/bin/kubectl.1.32, no server).
#include <gtest/gtest.h>

#include "core/kubectl/flags.h"

namespace kp {
namespace {

FlagSet sample() {
  FlagSet fs;
  fs.string("image", 0, "", "image")
      .string("namespace", 'n', "", "ns")
      .integer("grace-period", 0, -1, "grace")
      .int32("replicas", 'r', 1, "replicas")
      .boolean("all", 0, false, "all")
      .boolean("all-namespaces", 'A', false, "A")
      .boolean("watch", 'w', false, "w")
      .boolean("stdin", 'i', false, "i")
      .stringArray("env", 0, "env")
      .stringSlice("label-columns", 'L', "L")
      .duration("timeout", "30s", "timeout")
      .string("dry-run", 0, "none", "dry")
      .noOptDefault("dry-run", "unchanged");
  return fs;
}

struct ParseCase {
  const char* name;
  std::vector<std::string> args;
  std::string error;                       // "" = accepted
  std::vector<std::string> positionals;    // when accepted
  std::vector<std::pair<std::string, std::string>> values;  // flag -> getString()
};

class FlagParse : public ::testing::TestWithParam<ParseCase> {};

TEST_P(FlagParse, MatchesPflag) {
  const ParseCase& c = GetParam();
  FlagSet fs = sample();
  auto err = fs.parse(c.args);
  if (!c.error.empty()) {
    ASSERT_TRUE(err.has_value());
    EXPECT_EQ(*err, c.error);
    return;
  }
  ASSERT_FALSE(err.has_value()) << *err;
  EXPECT_EQ(fs.args(), c.positionals);
  for (const auto& [flag, value] : c.values) EXPECT_EQ(fs.getString(flag), value) << flag;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, FlagParse,
    ::testing::Values(
        ParseCase{"LongEquals", {"kubia", "--image=hyooo/kubia"}, "", {"kubia"}, {{"image", "hyooo/kubia"}}},
        ParseCase{"LongSpace", {"--image", "hyooo/kubia", "kubia"}, "", {"kubia"}, {{"image", "hyooo/kubia"}}},
        ParseCase{"ShortSpace", {"-n", "kube-system", "pods"}, "", {"pods"}, {{"namespace", "kube-system"}}},
        ParseCase{"ShortGlued", {"-nkube-system"}, "", {}, {{"namespace", "kube-system"}}},
        ParseCase{"ShortEquals", {"-n=kube-system"}, "", {}, {{"namespace", "kube-system"}}},
        ParseCase{"BoolBare", {"--all"}, "", {}, {{"all", "true"}}},
        ParseCase{"BoolExplicit", {"--all=false"}, "", {}, {{"all", "false"}}},
        ParseCase{"BoolGoForms", {"--all=T"}, "", {}, {{"all", "true"}}},
        ParseCase{"BoolDoesNotEatNext", {"--all", "false"}, "", {"false"}, {{"all", "true"}}},
        ParseCase{"CombinedShortBools", {"-Aw"}, "", {}, {{"all-namespaces", "true"}, {"watch", "true"}}},
        ParseCase{"DoubleDash", {"kubia", "--", "sh", "-c", "--all"}, "", {"kubia", "sh", "-c", "--all"}, {{"all", "false"}}},
        ParseCase{"SingleDashIsPositional", {"-"}, "", {"-"}, {}},
        ParseCase{"IntHex", {"--replicas=0x10"}, "", {}, {{"replicas", "16"}}},
        ParseCase{"IntNegative", {"--grace-period", "-1"}, "", {}, {{"grace-period", "-1"}}},
        ParseCase{"DurationDefault", {}, "", {}, {{"timeout", "30s"}}},
        ParseCase{"NoOptDefault", {"--dry-run"}, "", {}, {{"dry-run", "unchanged"}}},
        ParseCase{"UnknownLong", {"--generator=run-pod/v1"}, "unknown flag: --generator", {}, {}},
        ParseCase{"UnknownShort", {"-x"}, "unknown shorthand flag: 'x' in -x", {}, {}},
        ParseCase{"UnknownShortInGroup", {"-Ax"}, "unknown shorthand flag: 'x' in -x", {}, {}},
        ParseCase{"MissingLongValue", {"--image"}, "flag needs an argument: --image", {}, {}},
        ParseCase{"MissingShortValue", {"-n"}, "flag needs an argument: 'n' in -n", {}, {}},
        ParseCase{"BadSyntax", {"---x"}, "bad flag syntax: ---x", {}, {}},
        ParseCase{"BadInt", {"--replicas=abc"},
                  "invalid argument \"abc\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax", {}, {}},
        ParseCase{"Int32OutOfRange", {"--replicas=99999999999"},
                  "invalid argument \"99999999999\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"99999999999\": value out of range", {}, {}},
        ParseCase{"Int64OutOfRange", {"--grace-period=99999999999999999999"},
                  "invalid argument \"99999999999999999999\" for \"--grace-period\" flag: strconv.ParseInt: parsing \"99999999999999999999\": value out of range", {}, {}},
        ParseCase{"BadBool", {"-i=maybe"},
                  "invalid argument \"maybe\" for \"-i, --stdin\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax", {}, {}},
        ParseCase{"BadDuration", {"--timeout=abc"},
                  "invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\"", {}, {}},
        ParseCase{"DurationMissingUnit", {"--timeout=5"},
                  "invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\"", {}, {}}),
    [](const ::testing::TestParamInfo<ParseCase>& i) { return std::string(i.param.name); });

TEST(FlagSet, RepeatedArrayAndSlice) {
  FlagSet fs = sample();
  ASSERT_FALSE(fs.parse({"--env", "A=1", "--env=B=2,C=3", "-L", "app,tier", "-Lrun"}));
  EXPECT_EQ(fs.getList("env"), (std::vector<std::string>{"A=1", "B=2,C=3"}));
  EXPECT_EQ(fs.getList("label-columns"), (std::vector<std::string>{"app", "tier", "run"}));
}

TEST(FlagSet, RequiredFlagsAreNamedSorted) {
  FlagSet fs;
  fs.string("image", 0, "", "").string("b", 0, "", "").require("image").require("b");
  ASSERT_FALSE(fs.parse({}));
  EXPECT_EQ(*fs.checkRequired(), "required flag(s) \"b\", \"image\" not set");
}

TEST(FlagSet, ArgsLenAtDash) {
  FlagSet fs = sample();
  ASSERT_FALSE(fs.parse({"--", "x"}));
  EXPECT_EQ(fs.argsLenAtDash(), 0);
  ASSERT_FALSE(fs.parse({"a", "b"}));
  EXPECT_EQ(fs.argsLenAtDash(), -1);
}

struct DurationCase {
  const char* name;
  const char* text;
  int64_t ms;
};
class GoDuration : public ::testing::TestWithParam<DurationCase> {};
TEST_P(GoDuration, Parses) {
  std::string err;
  auto v = parseGoDuration(GetParam().text, &err);
  ASSERT_TRUE(v.has_value()) << err;
  EXPECT_EQ(*v, GetParam().ms);
}
INSTANTIATE_TEST_SUITE_P(Cases, GoDuration,
                         ::testing::Values(DurationCase{"Seconds", "30s", 30000}, DurationCase{"Zero", "0", 0},
                                           DurationCase{"Compound", "1m30s", 90000},
                                           DurationCase{"Fraction", "1.5h", 5400000},
                                           DurationCase{"Millis", "250ms", 250}, DurationCase{"Negative", "-1s", -1000}),
                         [](const ::testing::TestParamInfo<DurationCase>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace kp
