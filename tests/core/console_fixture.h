// What the console scenario tests share: a default cluster with a shell on it, `run` (a line
// in, its stdout+stderr out, the exit code checked) and `lines` to split output.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/shell/shell.h"

namespace kp {

inline std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

class ConsoleFixture : public ::testing::Test {
 protected:
  ConsoleFixture() : shell(cluster) { cluster.settle(); }
  Cluster cluster;
  Shell shell;
  // Runs a console line to its end; expects exit code `expectCode`.
  std::string run(const std::string& line, int expectCode = 0) {
    int code = -1;
    std::string out = shell.runText(line, &code);
    EXPECT_EQ(code, expectCode) << line << "\n" << out;
    return out;
  }
};

}  // namespace kp
