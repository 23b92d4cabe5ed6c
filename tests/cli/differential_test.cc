// The differential suite: every line of tests/differential/corpus.txt runs twice, on two
// clusters built from the same seed and kept in lock step. Once by the console (an in-process
// Shell, as the page runs it) and once by the real kubectl 1.32 (through bash, against
// `kubeplay serve --clock lockstep`). Both must print the same stdout and stderr and exit with
// the same status; only ages may differ, normalised the same way on both sides (see
// normaliseAges). A difference fails the suite unless tests/differential/known_differences.txt
// lists it with its reason; a listed line none of whose runs differs fails it too, so that
// file stays true. The suite prints `differential: N/M identical` and a diff per difference.
//
// Lock step: the server's clock moves only through its control endpoint, or timer by timer
// while kubectl waits on a watch (kubectl wait, rollout status, delete), as the console's
// waiting commands move it. After each line the side that is behind catches up, so both
// clusters are at the same time, with the same history, before the next line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/base/strings.h"
#include "core/shell/shell.h"
#include "tests/cli/serve_process.h"

namespace kp {
namespace {

namespace fs = std::filesystem;

constexpr const char* kKubectl = "/usr/lib/google-cloud-sdk/bin/kubectl.1.32";
constexpr uint64_t kSeed = 11;

std::string readFile(const fs::path& p) {
  std::ifstream f(p);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

struct Entry {
  std::string line;  // one console line; a here-document's lines follow it, joined by \n
  int lineNo = 0;
};

// The corpus: console lines, `#` comments and blank lines between them.
std::vector<Entry> loadCorpus(const fs::path& p, Shell& parser) {
  std::vector<Entry> out;
  std::vector<std::string> lines = splitLines(readFile(p));
  for (size_t i = 0; i < lines.size(); i++) {
    std::string t = trimSpace(lines[i]);
    if (t.empty() || t[0] == '#') continue;
    Entry e{lines[i], int(i + 1)};
    while (parser.needsMoreInput(e.line) && i + 1 < lines.size()) e.line += "\n" + lines[++i];
    out.push_back(e);
  }
  return out;
}

// Known differences: a `reason:` line, then the corpus lines (exactly) it explains.
std::map<std::string, std::string> loadKnown(const fs::path& p) {
  std::map<std::string, std::string> out;
  std::string reason;
  for (const auto& raw : splitLines(readFile(p))) {
    std::string t = trimSpace(raw);
    if (t.empty() || t[0] == '#') continue;
    if (startsWith(t, "reason:")) reason = trimSpace(t.substr(7));
    else out[raw] = reason;
  }
  return out;
}

// Ages: kubectl computes some on the client (describe's events, -o wide's columns come from
// the server) from its own wall clock, while the simulated clock runs on its own time line.
// A whitespace-separated token that is an age (5s, 2m30s, 3h, 45d, 2y10d, <invalid>) becomes
// <age>, also inside "(x3 over 10m)"; on a line where that happened runs of spaces shrink to
// two, since a wider age moves the columns after it.
std::string normaliseAges(const std::string& text) {
  static const std::regex age(R"((^|[ \t(])(\d+(s|m|h|d|y)(\d+(s|m|h|d))?|<invalid>)(?=$|[ \t)]))");
  static const std::regex spaces(" {2,}");
  std::string out;
  for (const auto& line : splitLines(text)) {
    std::string n = std::regex_replace(line, age, "$1<age>");
    if (n != line) n = std::regex_replace(n, spaces, "  ");
    out += n + "\n";
  }
  if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

struct Outcome {
  std::string out, err;
  int code = 0;
  std::string render() const {
    return "--- stdout\n" + out + (out.empty() || out.back() == '\n' ? "" : "\n(no newline)\n") + "--- stderr\n" + err +
           (err.empty() || err.back() == '\n' ? "" : "\n(no newline)\n") + "--- exit " + std::to_string(code) + "\n";
  }
  Outcome normalised() const { return {normaliseAges(out), normaliseAges(err), code}; }
  bool operator==(const Outcome& o) const { return out == o.out && err == o.err && code == o.code; }
};

class Differential : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(kKubectl, X_OK) != 0) GTEST_SKIP() << kKubectl << " is not installed: the differential suite needs kubectl 1.32";
    dir_ = fs::temp_directory_path() / ("kubeplay-differential-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    for (const char* d : {"bin", "home", "work"}) fs::create_directories(dir_ / d);
    fs::create_symlink(kKubectl, dir_ / "bin" / "kubectl");
    std::string err;
    ASSERT_TRUE(server_.start(KP_KUBEPLAY_BIN, (dir_ / "kubeconfig").string(),
                              {"--seed", std::to_string(kSeed), "--clock", "lockstep"}, &err))
        << err;
    ClusterOptions o;
    o.seed = kSeed;
    cluster_ = std::make_unique<Cluster>(o);
    cluster_->settle();
    shell_ = std::make_unique<Shell>(*cluster_);
    // The manifests the corpus applies, in both homes.
    for (const auto& f : fs::directory_iterator(source() / "files")) {
      std::string text = readFile(f.path());
      shell_->files().write(f.path().filename().string(), text, cluster_->now());
      std::ofstream(dir_ / "work" / f.path().filename()) << text;
    }
    sync();
  }
  void TearDown() override {
    server_.stop();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  static fs::path source() { return fs::path(KP_SOURCE_DIR) / "tests" / "differential"; }

  Outcome console(const std::string& line) {
    Outcome o;
    for (const auto& c : shell_->run(line, &o.code)) (c.err ? o.err : o.out) += c.text;
    cluster_->settle();
    return o;
  }

  Outcome real(const std::string& line) {
    testing::ProcessOptions p;
    p.cwd = (dir_ / "work").string();
    p.env = {{"PATH", (dir_ / "bin").string() + ":/usr/bin:/bin"},
             {"HOME", (dir_ / "home").string()},
             {"KUBECONFIG", (dir_ / "kubeconfig").string()},
             {"TZ", "UTC"},
             {"KUBE_EDITOR", ""},
             {"EDITOR", ""}};
    p.timeoutMs = 60000;
    auto r = testing::runProcess({"/bin/bash", "-c", line}, p);
    return {r.out, r.err, r.exitCode};
  }

  // The server's simulated time (ms), moved on by `ms` first.
  Time serverAdvance(Time ms) {
    Json j = Json::parse(server_.post("/kubeplay/v1/advance?ms=" + std::to_string(ms)), nullptr, false);
    return j.is_object() && j.contains("now") ? j["now"].get<Time>() : kNoTime;
  }

  // Brings the side that is behind to the other's time.
  void sync() {
    Time a = cluster_->now(), b = serverAdvance(0);
    ASSERT_NE(b, kNoTime) << "the server's control endpoint did not answer";
    if (a < b) {
      cluster_->advance(b - a);
      cluster_->settle();
    } else if (b < a) {
      serverAdvance(a - b);
    }
  }

  fs::path dir_;
  testing::ServeProcess server_;
  std::unique_ptr<Cluster> cluster_;
  std::unique_ptr<Shell> shell_;
};

std::string diffOf(const fs::path& dir, const std::string& console, const std::string& real) {
  std::ofstream(dir / "console.txt") << console;
  std::ofstream(dir / "kubectl.txt") << real;
  auto r = testing::runProcess({"/usr/bin/diff", "-u", "--label", "console", "--label", "kubectl",
                                (dir / "console.txt").string(), (dir / "kubectl.txt").string()});
  return r.out;
}

TEST_F(Differential, ConsolePrintsWhatRealKubectlPrints) {
  Shell parser(*cluster_);
  auto corpus = loadCorpus(source() / "corpus.txt", parser);
  auto known = loadKnown(source() / "known_differences.txt");
  int compared = 0, identical = 0, exact = 0, knownSeen = 0;
  std::vector<std::string> failures;
  std::set<std::string> differed;  // corpus lines (their first line) that differed at least once
  for (const auto& e : corpus) {
    std::string first = e.line.substr(0, e.line.find('\n'));
    if (startsWith(first, "sleep ")) {
      // Time passes on both sides alike; nothing to compare.
      console(e.line);
      sync();
      continue;
    }
    Outcome c = console(e.line);
    Outcome r = real(e.line);
    sync();
    compared++;
    bool same = c.normalised() == r.normalised();
    exact += c == r;
    auto k = known.find(first);
    if (same) {
      identical++;
      continue;
    }
    differed.insert(first);
    std::string report = "corpus.txt:" + std::to_string(e.lineNo) + ": " + first + "\n" +
                         diffOf(dir_, c.normalised().render(), r.normalised().render());
    if (k != known.end()) {
      knownSeen++;
      std::printf("[ known    ] %s(reason: %s)\n", report.c_str(), k->second.c_str());
    } else {
      std::printf("[ differs  ] %s", report.c_str());
      failures.push_back(report);
    }
  }
  // A listed line none of whose runs differs is no longer a known difference.
  for (const auto& [line, reason] : known)
    if (!differed.count(line)) failures.push_back("known_differences.txt lists a line that no longer differs: " + line);
  std::printf("differential: %d/%d identical (%d byte for byte before normalising ages), %d known differences\n",
              identical, compared, exact, knownSeen);
  EXPECT_GE(compared, 150) << "the corpus must hold at least 150 command lines";
  EXPECT_TRUE(failures.empty()) << failures.size() << " unexpected differences; the first:\n" << (failures.empty() ? "" : failures[0]);
}

TEST(DifferentialNormalise, AgesAndOnlyAges) {
  struct Row {
    const char* name;
    const char* in;
    const char* out;
  } rows[] = {
      {"table_age_column", "kubia-1   1/1   Running   0   5s\n", "kubia-1  1/1  Running  0  <age>\n"},
      {"compound_age", "x   2m30s\n", "x  <age>\n"},
      {"event_repeats", "  Normal  Pulled  10m (x3 over 2h)  kubelet\n", "  Normal  Pulled  <age> (x3 over <age>)  kubelet\n"},
      {"flag_values_stay", "delay=0s timeout=1s period=10s\n", "delay=0s timeout=1s period=10s\n"},
      {"words_stay", "Replicas:  3 desired | 3 updated\n", "Replicas:  3 desired | 3 updated\n"},
      {"ports_stay", "8080/TCP   10.96.0.1\n", "8080/TCP   10.96.0.1\n"},
      {"invalid_age", "x   <invalid>\n", "x  <age>\n"},
  };
  for (const auto& r : rows) EXPECT_EQ(normaliseAges(r.in), r.out) << r.name;
}

}  // namespace
}  // namespace kp
