// Frame-time benchmark of the browser app: loads the built site (build/site) in headless
// Chromium, grows the cluster to 100, 1,000 and 5,000 running pods (adding nodes with
// `minikube node add` so that 110 pods fit per node), keeps requests flowing through a
// LoadBalancer service (the traffic generator, 10 requests per simulated second), and prints
// the CPU time per frame
// of the wasm frame function (update + draw + render, kubeplay.frameStats()): mean and p95.
//   cd tests/browser && npm run bench          (after building the wasm site)
//   KUBEPLAY_BENCH_PODS=100,1000 KUBEPLAY_BENCH_SECONDS=5 npm run bench
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { serve } from '../../scripts/static-server.mjs';
import { site, artifacts, launchChromium, waitFrames } from './harness.mjs';

const sizes = (process.env.KUBEPLAY_BENCH_PODS || '100,1000,5000').split(',').map(Number).filter((n) => n > 0);
const seconds = Number(process.env.KUBEPLAY_BENCH_SECONDS || 6);
const PODS_PER_NODE = 110;

if (!existsSync(path.join(site, 'kubeplay.wasm'))) {
  console.error(`no site in ${site}: build it first (cmake --preset wasm && cmake --build --preset wasm)`);
  process.exit(1);
}
mkdirSync(artifacts, { recursive: true });
const { server, url } = await serve({ port: 0, root: site, quiet: true });
const browser = await launchChromium('bench');
const { page } = browser;
page.on('pageerror', (e) => console.error('page error:', String(e)));
const frames = (n = 2) => waitFrames(page, n);
// Runs a console line, moving simulated time on until it has finished.
async function run(line) {
  await page.evaluate((l) => { window.__done = false; window.kubeplay.exec(l).then(() => { window.__done = true; }); }, line);
  for (let i = 0; i < 2000 && !(await page.evaluate(() => window.__done)); i++) {
    await page.evaluate(() => window.kubeplay.advance(1000));
    await frames(1);
  }
}
const running = () => page.evaluate(() => (window.kubeplay.state().Pod || [])
  .filter((p) => p.metadata.namespace === 'default' && p.status.phase === 'Running' && !p.metadata.deletionTimestamp).length);

try {
  await page.goto(new URL('index.html', url).href);
  await page.evaluate(() => window.kubeplay.ready.then(() => true));
  await run('kubectl create deployment bench --image=hyooo/kubia --port=8080 --replicas=1');
  await run('kubectl expose deployment bench --type=LoadBalancer --name bench-lb --port=8080');
  const results = [];
  for (const pods of sizes) {
    // Enough schedulable room: the control plane and the workers' system pods take some slots.
    const nodesNeeded = Math.ceil(pods / (PODS_PER_NODE - 10)) + 1;
    let nodes = (await page.evaluate(() => window.kubeplay.state().Node.length));
    while (nodes < nodesNeeded) {
      await run('minikube node add');
      nodes++;
    }
    await run(`kubectl scale deployment bench --replicas=${pods}`);
    for (let i = 0; i < 600 && (await running()) < pods; i++) {
      await page.evaluate(() => window.kubeplay.advance(5000));
      await frames(1);
    }
    const up = await running();
    // Live traffic: the generator sends 10 requests per simulated second through the LB.
    await run('traffic bench-lb 10');
    await frames(30);
    await page.evaluate(() => window.kubeplay.frameStats(true));
    // Requests in flight, looked at once a second (view() runs between frames, outside the
    // measured frame function).
    let particles = 0;
    for (let t = 0; t < seconds; t++) {
      await page.waitForTimeout(1000);
      particles = Math.max(particles, await page.evaluate(() => window.kubeplay.view().particles));
    }
    const stats = await page.evaluate(() => window.kubeplay.frameStats(true));
    const v = await page.evaluate(() => window.kubeplay.view());
    await run('traffic bench-lb stop');
    await page.screenshot({ path: path.join(artifacts, `bench-${pods}.png`) });
    results.push({ pods, running: up, nodes, drawn: v.pods.length, particles, ...stats });
    console.log(`${String(pods).padStart(5)} pods (${up} running, ${nodes} nodes, up to ${particles} requests in flight): ` +
      `${stats.frames} frames, mean ${stats.meanMs.toFixed(2)} ms, p95 ${stats.p95Ms.toFixed(2)} ms, max ${stats.maxMs.toFixed(2)} ms per frame`);
  }
  console.log(JSON.stringify(results));
} finally {
  await browser.close();
  server.closeAllConnections?.();
  server.close();
}
