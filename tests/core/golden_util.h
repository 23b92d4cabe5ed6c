// Helpers for the golden-file tests of the printers: locating tests/golden, reading files, and
// loading the fixture cluster (objects decoded through the API's JSON codec, plus a fixed `now`).
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/api/types.h"

namespace kp::testing {

inline std::string goldenDir() {
#ifdef KP_SOURCE_DIR
  return std::string(KP_SOURCE_DIR) + "/tests/golden/";
#else
  return "tests/golden/";
#endif
}

inline std::string readFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::string golden(const std::string& name) { return readFile(goldenDir() + name); }

struct Fixture {
  Time now = kNoTime;
  std::vector<std::shared_ptr<Object>> objects;
  std::string error;
};

// tests/golden/fixtures/<name>: {"now": RFC3339, "objects": [wire-format objects]}.
inline Fixture loadFixture(const std::string& name) {
  Fixture fx;
  Json j = Json::parse(readFile(goldenDir() + "fixtures/" + name), nullptr, false);
  if (j.is_discarded()) {
    fx.error = "cannot parse fixture " + name;
    return fx;
  }
  if (auto t = parseTime(j.value("now", ""))) fx.now = *t;
  for (const auto& o : j.value("objects", Json::array())) {
    std::string err;
    auto obj = objectFromJson(o, &err);
    if (!obj) {
      fx.error = err;
      return fx;
    }
    fx.objects.push_back(obj);
  }
  return fx;
}

}  // namespace kp::testing
