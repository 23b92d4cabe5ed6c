// Browser test: the timeline strip of the built site (build/site) in its own headless Chromium.
// Types `kubectl create deployment`, moves simulated time on, reads the command's steps through
// window.kubeplay.timeline(), clicks Play and saves screenshots mid-replay to
// tests/browser/artifacts/timeline-*.png.
//   cd tests/browser && npm install && node --test timeline.test.mjs   (after building the wasm site)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

let page, baseUrl, pageErrors;
const b = useBrowser('timeline', (x) => { ({ page, baseUrl, pageErrors } = x); });
const shot = (name) => b.shot(name);
const frames = (n = 2) => b.frames(n);
const timeline = () => page.evaluate(() => window.kubeplay.timeline());
const view = () => page.evaluate(() => window.kubeplay.view());
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function type(line) {
  const before = await page.evaluate(() => window.kubeplay.consoleText());
  await page.keyboard.type(line, { delay: 5 });
  await frames(2);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([echo, n]) => {
      const t = window.kubeplay.consoleText();
      return t.length !== n && t.includes(echo) && !window.kubeplay.view().consoleBusy;
    },
    [`$ ${line}`, before.length],
    { timeout: 15000 },
  );
  await frames(2);
}

// Index of the first step at or after `from` matching the predicate, or -1.
const findStep = (steps, from, pred) => {
  for (let i = from; i < steps.length; i++) if (pred(steps[i])) return i;
  return -1;
};

test('the timeline of kubectl create deployment, replayed as arrows', async () => {
  await page.goto(new URL('index.html', baseUrl).href);
  await page.evaluate(() => window.kubeplay.ready.then(() => true));
  await frames(5);
  await page.evaluate(() => window.kubeplay.focusConsole());
  const empty = await timeline();
  assert.equal(empty.groups.length, 0, 'nothing is recorded before the first command');

  const line = 'kubectl create deployment kubia --image=hyooo/kubia --port=8080';
  await type(line);
  await page.evaluate(() => window.kubeplay.advance(30000));
  await frames(10);
  const t = await timeline();
  const g = t.groups.at(-1);
  assert.equal(g.command, line);
  assert.equal(t.shown, g.id, 'the latest command is shown');
  const s = g.steps;
  let i = findStep(s, 0, (x) => x.actor === 'client' && x.text === 'POST /apis/apps/v1/namespaces/default/deployments 201');
  assert.equal(i, 0, 'the REST call comes first');
  assert.equal(s[0].ms, 0);
  i = findStep(s, i, (x) => x.target === 'etcd' && x.text === 'stored Deployment default/kubia');
  assert.ok(i > 0, 'stored in etcd');
  i = findStep(s, i, (x) => x.text.startsWith('deployment controller: created ReplicaSet default/kubia-'));
  assert.ok(i > 0, 'the deployment controller creates a ReplicaSet');
  i = findStep(s, i, (x) => x.text.startsWith('replicaset controller: created Pod default/kubia-'));
  assert.ok(i > 0, 'the replicaset controller creates the pod');
  i = findStep(s, i, (x) => x.kind === 'bind' && x.actor === 'kube-scheduler');
  assert.ok(i > 0, 'the scheduler binds the pod');
  const node = s[i].text.split(' to ').at(-1);
  i = findStep(s, i, (x) => x.actor === `kubelet/${node}` && x.text === 'Pulling image "hyooo/kubia"');
  assert.ok(i > 0, `the kubelet on ${node} pulls the image`);
  i = findStep(s, i, (x) => x.actor === `kubelet/${node}` && x.text === 'Started container kubia');
  assert.ok(i > 0, 'and starts the container');
  for (let k = 1; k < s.length; k++) assert.ok(s[k].ms >= s[k - 1].ms, 'steps are in time order');
  await sleep(3000);  // live arrows of the command play out
  await frames(5);
  await shot('timeline-1-steps.png');

  // Play: the button in the strip.
  const b = t.play;
  assert.ok(b.w > 0 && b.h > 0, 'the Play button is drawn');
  await page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
  await frames(3);
  let r = await timeline();
  assert.equal(r.playing, true, 'Play starts the replay');
  const v = await view();
  const seen = new Set();
  for (let n = 0; n < 60 && r.playing; n++) {
    if (r.arrows.length) {
      const a = r.arrows[0];
      assert.equal(a.live, false);
      const step = s[r.beatFirst];
      assert.equal(a.from, step.actor);
      assert.equal(a.to, step.target);
      seen.add(`${a.from}>${a.to}`);
      if (a.from !== a.to) {
        assert.ok(a.a.x >= v.canvas.x && a.a.x <= v.canvas.x + v.canvas.w, 'arrows start on the canvas');
        assert.ok(a.b.y >= v.canvas.y && a.b.y <= v.canvas.y + v.canvas.h, 'arrows end on the canvas');
      }
    }
    if (r.beat === 1 || r.beat === 4 || r.beat === 9) await shot(`timeline-2-replay-beat${r.beat}.png`);
    await sleep(450);
    r = await timeline();
  }
  assert.ok(seen.has('client>kube-apiserver'), 'the REST call is drawn');
  assert.ok(seen.has('kube-apiserver>etcd'), 'the store is drawn');
  assert.ok([...seen].some((k) => k.startsWith('kube-scheduler>')), 'the scheduler is drawn');
  assert.deepEqual(pageErrors, []);
});
