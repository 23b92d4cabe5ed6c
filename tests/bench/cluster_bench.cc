// Benchmarks that print figures (no timed assertions): how fast the control plane creates and
// schedules pods at 100 and 1,000 nodes, what `kubectl get pods` costs over 10,000 pods, and
// 30,000 pods on 1,000 nodes from one command to all Running.
//   build/native/tests/kubeplay_bench
#include <benchmark/benchmark.h>

#include <chrono>

#include "core/shell/shell.h"
#include "core/sim/cluster.h"

namespace kp {
namespace {

Json deployment(const std::string& name, int replicas) {
  Json d = Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{}},
    "spec":{"selector":{"matchLabels":{}},"template":{"metadata":{"labels":{}},
    "spec":{"containers":[{"name":"kubia","image":"hyooo/kubia"}]}}}})");
  d["metadata"]["name"] = name;
  d["metadata"]["labels"]["app"] = name;
  d["spec"]["replicas"] = replicas;
  d["spec"]["selector"]["matchLabels"]["app"] = name;
  d["spec"]["template"]["metadata"]["labels"]["app"] = name;
  return d;
}

ClusterOptions withWorkers(int workers) {
  ClusterOptions o;
  o.workers = workers;
  o.seed = 1;
  return o;
}

// Pods created (by the ReplicaSet controller) and bound (by the scheduler) per second of wall
// time, from the POST of a Deployment to the last binding (the clock moved 100 ms at a time,
// the controllers' burst window).
void BM_CreateAndSchedulePods(benchmark::State& state) {
  const int nodes = static_cast<int>(state.range(0));
  const int pods = static_cast<int>(state.range(1));
  int64_t scheduled = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Cluster c(withWorkers(nodes));
    Request req;
    req.method = "POST";
    req.path = "/apis/apps/v1/namespaces/default/deployments";
    req.body = deployment("bench", pods);
    state.ResumeTiming();
    c.api().handle(req);
    // Bursts of 500 pods and windows of 1,000 scheduling attempts per 100 simulated ms.
    int64_t bound = 0;
    for (int i = 0; i < 200 && bound < pods; i++) {
      c.advance(100);
      bound = 0;
      for (const auto& k : c.store().all(*resourceForKind("Pod")))
        if (k.first.rfind("default/", 0) == 0 && !std::static_pointer_cast<const Pod>(k.second)->spec.nodeName.empty()) bound++;
    }
    state.PauseTiming();
    if (bound != pods) state.SkipWithError("not every pod was scheduled");
    scheduled += bound;
    state.ResumeTiming();
  }
  state.SetItemsProcessed(scheduled);
  state.counters["nodes"] = nodes;
  state.counters["pods"] = pods;
}
BENCHMARK(BM_CreateAndSchedulePods)->Args({100, 2000})->Args({1000, 2000})->Unit(benchmark::kMillisecond)->Iterations(2);

// `kubectl get pods` over 10,000 pods: REST list -> server-side Table -> kubectl's printer.
void BM_KubectlGetPods10k(benchmark::State& state) {
  Cluster c(withWorkers(100));
  Request req;
  req.method = "POST";
  req.path = "/apis/apps/v1/namespaces/default/deployments";
  req.body = deployment("bench", 10000);
  c.api().handle(req);
  c.advance(20000);
  Shell shell(c);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string out = shell.runText("kubectl get pods");
    bytes = out.size();
    benchmark::DoNotOptimize(out);
  }
  state.counters["pods"] = static_cast<double>(c.store().list<Pod>("default").size());
  state.counters["output_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_KubectlGetPods10k)->Unit(benchmark::kMillisecond)->Iterations(5);

// The issue's scale figure: 1,000 nodes, `kubectl create deployment --replicas=30000`, until
// every pod is Running (wall time for the whole simulated rollout: controllers, scheduler,
// image pulls, kubelets), then the wall cost of one simulated second at that size when nothing
// changes (heartbeats, probes and timers only).
void BM_ThirtyThousandPodsToRunning(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    Cluster c(withWorkers(1000));
    Shell shell(c);
    state.ResumeTiming();
    auto t0 = std::chrono::steady_clock::now();
    shell.runText("kubectl create deployment bench --image=hyooo/kubia --replicas=30000");
    Time simStart = c.now();
    int64_t running = 0;
    for (int i = 0; i < 600 && running < 30000; i++) {
      c.advance(1000);
      running = 0;
      for (const auto& p : c.store().list<Pod>("default"))
        if (p->status.phase == "Running") running++;
    }
    auto t1 = std::chrono::steady_clock::now();
    if (running != 30000) state.SkipWithError("not every pod reached Running in 10 simulated minutes");
    state.counters["running"] = static_cast<double>(running);
    state.counters["sim_s_to_running"] = static_cast<double>(c.now() - simStart) / 1000.0;
    state.counters["wall_s_to_running"] = std::chrono::duration<double>(t1 - t0).count();
    // Steady state: ten simulated seconds with no change requested.
    auto s0 = std::chrono::steady_clock::now();
    c.advance(10000);
    auto s1 = std::chrono::steady_clock::now();
    state.counters["steady_ms_per_sim_s"] = std::chrono::duration<double, std::milli>(s1 - s0).count() / 10.0;
  }
}
BENCHMARK(BM_ThirtyThousandPodsToRunning)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace kp

BENCHMARK_MAIN();
