// Browser test: the built site (build/site) in headless Debian Chromium through playwright-core.
// Types the chapter-2 walkthrough of "Kubernetes in Action" into the console with the keyboard,
// moves simulated time on through window.kubeplay.advance, checks the cluster through
// window.kubeplay.state(), and saves a screenshot of each step in tests/browser/artifacts/.
//   cd tests/browser && npm install && npm test        (after building the wasm site)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from '../../scripts/static-server.mjs';
import { useBrowser, launchChromium, site } from './harness.mjs';

let context, page, baseUrl;
const b = useBrowser('walkthrough', (x) => { ({ context, page, baseUrl } = x); });
// Uncaught exceptions and console.error lines on the page.
const errors = () => [...b.pageErrors, ...b.consoleErrors];

// ---- helpers
const shot = (name, p = page) => b.shot(name, p);
const frames = (n = 2, p = page) => b.frames(n, p);
const state = (p = page) => p.evaluate(() => window.kubeplay.state());
const view = (p = page) => p.evaluate(() => window.kubeplay.view());
const consoleText = (p = page) => p.evaluate(() => window.kubeplay.consoleText());
const advance = async (ms, p = page) => {
  await p.evaluate((t) => window.kubeplay.advance(t), ms);
  await frames(2, p);
};
const workloadPods = (s) => (s.Pod || []).filter((o) => o.metadata.namespace === 'default');
const podStatus = (pod) => {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const waiting = (pod.status.containerStatuses || []).map((c) => c.state?.waiting?.reason).find(Boolean);
  return waiting || pod.status.phase;
};

// Types a line into the console with the keyboard, presses Enter, and waits until it has
// finished (its echo is in the scrollback and nothing runs). Returns the scrollback after it.
async function type(line, { wait = true } = {}) {
  const before = await consoleText();
  await page.keyboard.type(line, { delay: 8 });
  await frames(2);
  assert.equal((await view()).inputText, line, 'the console input shows what was typed');
  await page.keyboard.press('Enter');
  if (!wait) return;
  await page.waitForFunction(
    ([echo, n]) => {
      const t = window.kubeplay.consoleText();
      return t.length !== n && t.includes(echo) && !window.kubeplay.view().consoleBusy;
    },
    [`$ ${line}`, before.length],
    { timeout: 15000 },
  );
  await frames(2);
  return consoleText();
}
// The output printed after the last echo of `line`.
function outputOf(text, line) {
  const at = text.lastIndexOf(`$ ${line}`);
  return at < 0 ? '' : text.slice(at + line.length + 3);
}

test('chapter 2 walkthrough, typed into the console', async () => {
  await page.goto(new URL('index.html', baseUrl).href);
  await page.evaluate(() => window.kubeplay.ready.then(() => true));
  await frames(5);
  await shot('01-ready.png');
  const first = await view();
  assert.ok(first.nodes.length >= 2, 'the canvas draws the nodes');
  const s0 = await state();
  assert.deepEqual(first.nodes.map((n) => n.name).sort(), s0.Node.map((n) => n.metadata.name).sort());

  // kubectl create deployment
  let text = await type('kubectl create deployment kubia --image=hyooo/kubia --port=8080');
  assert.match(outputOf(text, 'kubectl create deployment kubia --image=hyooo/kubia --port=8080'),
    /deployment\.apps\/kubia created/);
  await advance(1500);
  await shot('02-create-deployment.png');
  await advance(60000);
  text = await type('kubectl get pods');
  assert.match(outputOf(text, 'kubectl get pods'), /kubia-\S+\s+1\/1\s+Running/);
  let s = await state();
  assert.equal(workloadPods(s).length, 1);
  assert.equal(podStatus(workloadPods(s)[0]), 'Running');
  await shot('03-get-pods.png');

  // kubectl expose ... --type=LoadBalancer, kubectl get svc
  text = await type('kubectl expose deployment kubia --type=LoadBalancer --name kubia-http');
  assert.match(outputOf(text, 'kubectl expose deployment kubia --type=LoadBalancer --name kubia-http'),
    /service\/kubia-http exposed/);
  await advance(5000);
  text = await type('kubectl get svc');
  s = await state();
  const svc = s.Service.find((o) => o.metadata.name === 'kubia-http');
  assert.ok(svc, 'the service exists');
  assert.equal(svc.spec.type, 'LoadBalancer');
  const externalIP = svc.status?.loadBalancer?.ingress?.[0]?.ip;
  assert.ok(externalIP, 'the load balancer has an external IP');
  assert.match(outputOf(text, 'kubectl get svc'), new RegExp(`kubia-http\\s+LoadBalancer\\s+\\S+\\s+${externalIP.replace(/\./g, '\\.')}`));
  await shot('04-expose-get-svc.png');

  // kubectl scale --replicas=3: three pods running on three different workers
  await type('kubectl scale deploy kubia --replicas=3');
  await advance(800);
  await shot('05-scale-creating.png');
  await advance(60000);
  await frames(20);
  s = await state();
  const pods = workloadPods(s);
  assert.equal(pods.length, 3, 'three kubia pods');
  for (const p of pods) assert.equal(podStatus(p), 'Running', `${p.metadata.name} is Running`);
  const nodes = new Set(pods.map((p) => p.spec.nodeName));
  assert.equal(nodes.size, 3, `the pods run on different nodes: ${[...nodes]}`);
  const controlPlanes = new Set(s.Node.filter((n) => 'node-role.kubernetes.io/control-plane' in (n.metadata.labels || {}))
    .map((n) => n.metadata.name));
  for (const n of nodes) assert.ok(!controlPlanes.has(n), `${n} is a worker`);
  // The canvas draws each pod inside its node's box.
  const v = await view();
  for (const p of pods) {
    const spot = v.pods.find((q) => q.name === p.metadata.name);
    assert.ok(spot, `${p.metadata.name} is drawn`);
    const box = v.nodes.find((n) => n.name === p.spec.nodeName);
    assert.ok(spot.x > box.x && spot.x < box.x + box.w && spot.y > box.y && spot.y < box.y + box.h,
      `${p.metadata.name} is drawn inside ${box.name}`);
  }
  await shot('06-scaled-to-3.png');

  // curl the external IP: the answers come from the pods, and the requests fly over the canvas
  const hit = new Set();
  for (let i = 0; i < 4; i++) {
    const line = `curl ${externalIP}:8080`;
    text = await type(line);
    const out = outputOf(text, line);
    assert.match(out, /You've hit kubia-/);
    hit.add(out.match(/You've hit (\S+)/)[1]);
  }
  for (const name of hit) assert.ok(pods.some((p) => p.metadata.name === name), `${name} is one of the pods`);
  // Three more at once (through the bridge, echoed in the console all the same): their
  // particles leave the client a moment apart and are caught mid-flight.
  const answers = await page.evaluate((ip) => Promise.all([1, 2, 3].map(() => window.kubeplay.exec(`curl ${ip}:8080`))), externalIP);
  for (const a of answers) assert.match(a, /You've hit kubia-/);
  await page.waitForTimeout(650);
  const flying = await view();
  assert.ok(flying.particles >= 1, 'request particles are drawn');
  await shot('07-curl-requests.png');
  await page.waitForTimeout(2500);

  // The console's history: Up recalls the last command.
  await page.keyboard.press('ArrowUp');
  await frames(2);
  assert.equal((await view()).inputText, `curl ${externalIP}:8080`);
  await page.keyboard.press('ArrowDown');
  await frames(2);
  assert.equal((await view()).inputText, '');

  // kubectl delete pod: it waits for the pod to go (the console shows it running); the
  // ReplicaSet starts a replacement with a new name and a new IP.
  const victim = pods[0];
  const line = `kubectl delete pod ${victim.metadata.name}`;
  await type(line, { wait: false });
  await page.waitForFunction(() => window.kubeplay.consoleText().includes('$ kubectl delete pod'));
  await advance(1200);
  await page.waitForTimeout(300);
  await shot('08-delete-pod-terminating.png');
  await advance(45000);
  await page.waitForFunction(() => !window.kubeplay.view().consoleBusy, null, { timeout: 15000 });
  text = await consoleText();
  assert.match(outputOf(text, line), new RegExp(`pod "${victim.metadata.name}" deleted`));
  await advance(60000);
  await frames(20);
  s = await state();
  const after = workloadPods(s);
  assert.equal(after.length, 3, 'the ReplicaSet keeps three pods');
  assert.ok(!after.some((p) => p.metadata.name === victim.metadata.name), 'the deleted pod is gone');
  const replacement = after.find((p) => !pods.some((q) => q.metadata.name === p.metadata.name));
  assert.ok(replacement, 'a replacement pod was created');
  assert.equal(podStatus(replacement), 'Running');
  assert.ok(replacement.status.podIP && replacement.status.podIP !== victim.status.podIP, 'the replacement has a new IP');
  await type('kubectl get pods -o wide');
  await shot('09-replacement-running.png');

  // Up recalls the last command typed.
  await page.keyboard.press('ArrowUp');
  await frames(2);
  assert.equal((await view()).inputText, 'kubectl get pods -o wide');
  await page.keyboard.press('ArrowDown');
  await frames(2);
  assert.deepEqual(errors(), [], 'no errors on the page');
});

test('window.kubeplay: exec, sleep with simulated time, Ctrl+L, Ctrl+C, dashboard, clicking a pod', async () => {
  // exec runs a line as if typed: it shows up in the console and resolves with its output.
  const out = await page.evaluate(() => window.kubeplay.exec('kubectl get deploy kubia'));
  assert.match(out, /kubia\s+3\/3/);
  assert.ok((await consoleText()).includes('$ kubectl get deploy kubia'));

  // `sleep 3` finishes only once three simulated seconds have passed.
  await page.evaluate(() => {
    window.__slept = false;
    window.kubeplay.exec('sleep 3').then(() => { window.__slept = true; });
  });
  await frames(3);
  assert.equal(await page.evaluate(() => window.__slept), false);
  assert.equal((await view()).consoleBusy, true);
  await shot('10-sleep-running.png');
  await advance(3100);
  await page.waitForFunction(() => window.__slept === true, null, { timeout: 5000 });

  // Ctrl+C interrupts a waiting command.
  await page.evaluate(() => { window.kubeplay.exec('sleep 60').then((o) => { window.__interrupted = true; }); });
  await frames(3);
  await page.keyboard.press('Control+C');
  await page.waitForFunction(() => window.__interrupted === true, null, { timeout: 5000 });
  assert.ok((await consoleText()).includes('^C'));

  // Ctrl+L clears the scrollback.
  await page.keyboard.press('Control+L');
  await frames(3);
  assert.ok(!(await consoleText()).includes('kubectl get deploy kubia'), 'Ctrl+L cleared the console');

  // minikube dashboard focuses the cluster view.
  await type('minikube dashboard');
  await page.waitForTimeout(250);
  await shot('11-dashboard.png');

  // Clicking a pod on the canvas selects it (positions from view()).
  const v = await view();
  const pod = v.pods.find((p) => p.namespace === 'default' && p.status === 'Running');
  await page.mouse.move(pod.x, pod.y);
  await frames(3);
  await page.mouse.down();
  await frames(2);
  await page.mouse.up();
  await frames(3);
  assert.equal((await view()).selectedPod, pod.key);
  await shot('12-pod-selected.png');
  await page.mouse.move(5, 5);
});

test('high-DPI and a narrow frame embedded in a course page', async () => {
  // devicePixelRatio 2 (a second browser profile): the canvas backbuffer doubles, the UI keeps
  // its size in CSS pixels, and view() answers in CSS pixels.
  const hidpi = await launchChromium('walkthrough-hidpi', { viewport: { width: 1280, height: 760 }, deviceScaleFactor: 2 });
  try {
    const p2 = hidpi.page;
    await p2.goto(new URL('index.html', baseUrl).href);
    await p2.evaluate(() => window.kubeplay.ready);
    await p2.evaluate(async () => {
      const k = window.kubeplay;
      await k.exec('kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=3');
      await k.exec('kubectl expose deployment kubia --type=LoadBalancer --name kubia-http');
      k.advance(60000);
      await k.exec('kubectl get pods -o wide');
    });
    await frames(12, p2);
    const v2 = await view(p2);
    assert.equal(v2.pixelRatio, 2);
    assert.equal(await p2.evaluate(() => document.getElementById('canvas').width), 2560);
    assert.ok(v2.canvas.w < 1280, 'view() is in CSS pixels');
    for (const pod of v2.pods.filter((q) => q.namespace === 'default')) {
      const box = v2.nodes.find((n) => n.name === pod.node);
      assert.ok(pod.x > box.x && pod.x < box.x + box.w && pod.y > box.y && pod.y < box.y + box.h);
    }
    await shot('13-hidpi.png', p2);
  } finally {
    await hidpi.close();
  }

  // The site works from any sub-path: serve its parent folder and load it from there.
  const parent = await serve({ port: 0, root: path.dirname(site), quiet: true });
  try {
    const sub = await context.newPage();
    await sub.goto(new URL(`${path.basename(site)}/`, parent.url).href);
    await sub.evaluate(() => window.kubeplay.ready);
    assert.match(await sub.evaluate(() => window.kubeplay.exec('kubectl get nodes')), /minikube\s+Ready/);
    await sub.close();
  } finally {
    parent.server.closeAllConnections?.();
    parent.server.close();
  }

  // A narrow iframe in a course page: the canvas stacks over the console.
  const p3 = await context.newPage();
  await p3.setViewportSize({ width: 560, height: 900 });
  await p3.goto(new URL('embed-example.html', baseUrl).href);
  const frameEl = await p3.waitForSelector('.kubeplay-embed iframe');
  const frame = await frameEl.contentFrame();
  await frame.waitForFunction(() => window.kubeplay && true);
  await frame.evaluate(() => window.kubeplay.ready);
  await frame.evaluate(async () => {
    const k = window.kubeplay;
    await k.exec('kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=3');
    await k.exec('kubectl expose deployment kubia --type=LoadBalancer --name kubia-http');
    k.advance(60000);
    await k.exec('kubectl get pods');
  });
  await frame.evaluate(() => new Promise((r) => setTimeout(r, 500)));
  const v3 = await frame.evaluate(() => window.kubeplay.view());
  assert.ok(v3.canvas.y + v3.canvas.h <= v3.console.y + 1, 'canvas above console in a narrow frame');
  assert.equal(v3.pods.filter((p) => p.namespace === 'default').length, 3);
  await shot('14-embedded-narrow.png', p3);
  await p3.close();
});
