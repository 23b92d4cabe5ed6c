// Browser test of the console's keyboard: Tab completion (one Tab completes, a second Tab lists
// the candidates in the scrollback), the history kept in localStorage across page loads, and
// Ctrl+C copying text selected with the mouse instead of interrupting.
// Same site, server and Chromium flags as walkthrough.test.mjs, in a browser profile of its own.
//   cd tests/browser && node --test console.test.mjs      (after building the wasm site)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

let page, baseUrl, pageErrors;
const b = useBrowser('console', (x) => { ({ page, baseUrl, pageErrors } = x); });
const shot = (name) => b.shot(name);
const frames = (n = 2) => b.frames(n);
const input = async () => (await page.evaluate(() => window.kubeplay.view())).inputText;
const consoleText = () => page.evaluate(() => window.kubeplay.consoleText());

async function open() {
  await page.goto(new URL('index.html', baseUrl).href);
  await page.evaluate(() => window.kubeplay.ready.then(() => true));
  await frames(5);
}
async function press(key) {
  await page.keyboard.press(key);
  await frames(3);
}
async function typeKeys(text) {
  await page.keyboard.type(text, { delay: 8 });
  await frames(2);
}
// Types a line, presses Enter and waits until it has run.
async function enter(line) {
  const before = (await consoleText()).length;
  await typeKeys(line);
  assert.equal(await input(), line);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    ([echo, n]) => {
      const t = window.kubeplay.consoleText();
      return t.length !== n && t.includes(echo) && !window.kubeplay.view().consoleBusy;
    },
    [`$ ${line}`, before],
    { timeout: 15000 },
  );
  await frames(2);
}
async function clearInput() {
  const n = (await input()).length;
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Backspace');
    await frames(1);
  }
  await frames(2);
  assert.equal(await input(), '');
}

test('Tab completes and lists candidates', async () => {
  await open();
  await page.evaluate(() => window.localStorage.removeItem('kubeplay.history'));

  // `po` alone stops at "pod": pods and poddisruptionbudgets.policy share it
  await typeKeys('kubectl get pods');
  await press('Tab');
  assert.equal(await input(), 'kubectl get pods ');
  await shot('console-01-tab-completed.png');
  await clearInput();

  // nothing to add: the first Tab changes nothing, the second lists the candidates
  await typeKeys('kubectl rollout ');
  await press('Tab');
  assert.equal(await input(), 'kubectl rollout ');
  await press('Tab');
  assert.equal(await input(), 'kubectl rollout ');
  const text = await consoleText();
  assert.match(text, /\$ kubectl rollout \nhistory +pause +restart +resume +status +undo\n/);
  await shot('console-02-candidates.png');
  await clearInput();

  // object names from the cluster
  await enter('kubectl create deployment kubia --image=luksa/kubia:v1');
  await typeKeys('kubectl scale deploy ku');
  await press('Tab');
  assert.equal(await input(), 'kubectl scale deploy kubia ');
  await typeKeys('--re');
  await press('Tab');
  assert.equal(await input(), 'kubectl scale deploy kubia --replicas=');
  await typeKeys('3');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.kubeplay.consoleText().includes('deployment.apps/kubia scaled'), null,
    { timeout: 15000 });
  await frames(2);
  await shot('console-03-scaled.png');
  assert.deepEqual(pageErrors, []);
});

test('history is kept across page loads', async () => {
  await open();
  await enter('kubectl get nodes');
  await enter('kubectl get pods -A');
  await press('ArrowUp');
  assert.equal(await input(), 'kubectl get pods -A');
  await press('ArrowUp');
  assert.equal(await input(), 'kubectl get nodes');
  await press('ArrowDown');
  await press('ArrowDown');
  assert.equal(await input(), '');

  const stored = await page.evaluate(() => JSON.parse(window.localStorage.getItem('kubeplay.history')));
  assert.deepEqual(stored.slice(-2), ['kubectl get nodes', 'kubectl get pods -A']);

  await page.reload();
  await page.evaluate(() => window.kubeplay.ready.then(() => true));
  await frames(5);
  assert.equal(await input(), '');
  await press('ArrowUp');
  assert.equal(await input(), 'kubectl get pods -A');
  await press('ArrowUp');
  assert.equal(await input(), 'kubectl get nodes');
  await shot('console-04-history-after-reload.png');
  await press('ArrowDown');
  await press('ArrowDown');
  // the shell's `history` builtin lists the earlier page's lines too
  await enter('history');
  assert.match(await consoleText(), / {4}\d+ {2}kubectl get nodes\n {4}\d+ {2}kubectl get pods -A\n {4}\d+ {2}history\n/);

  // storage that throws must not break the console
  await page.evaluate(() => {
    Storage.prototype.setItem = () => { throw new Error('QuotaExceededError'); };
  });
  await enter('kubectl get ns');
  assert.match(await consoleText(), /kube-system +Active/);
  assert.deepEqual(pageErrors, []);
});

test('selected console text is copied by Ctrl+C, which then does not interrupt', async () => {
  await open();
  await enter('echo copy-me-please');
  await page.evaluate(() => {
    window.__copied = [];
    window.addEventListener('copy', (e) => window.__copied.push(e.clipboardData.getData('text/plain')));
  });
  const v = await page.evaluate(() => window.kubeplay.view());
  assert.ok(v.console, 'the view has the console rectangle');
  // drag from the end of the echoed output up to the top of the scrollback
  const text = await consoleText();
  const lines = text.split('\n');
  const outLine = lines.lastIndexOf('copy-me-please');
  assert.ok(outLine > 0);
  const lineH = 17;
  const x0 = v.console.x + 11, y0 = v.console.y + 8;
  await page.mouse.move(x0 + 400, y0 + (outLine + 0.5) * lineH);
  await page.mouse.down();
  await frames(2);
  await page.mouse.move(x0 + 200, y0 + 20, { steps: 4 });
  await frames(2);
  await page.mouse.move(x0 - 5, y0 - 30, { steps: 2 });
  await frames(2);
  await page.mouse.up();
  await frames(3);
  await shot('console-05-selection.png');
  const selected = await page.evaluate(() => window.Module.ccall('kp_selection', 'string', [], []));
  assert.match(selected, /\$ echo copy-me-please\ncopy-me-please/);
  await page.keyboard.press('Control+C');
  await frames(3);
  const copied = await page.evaluate(() => window.__copied);
  assert.equal(copied.length, 1);
  assert.equal(copied[0], selected);
  assert.ok(!(await consoleText()).includes('^C'), 'Ctrl+C with a selection copies, it does not interrupt');
  assert.deepEqual(pageErrors, []);
});

// The longest gap between two animation frames over `ms` of wall time.
const longestFrameGap = (ms) => page.evaluate((span) => new Promise((resolve) => {
  const t0 = performance.now();
  let last = t0, worst = 0;
  const tick = (t) => {
    worst = Math.max(worst, t - last);
    last = t;
    if (t - t0 < span) requestAnimationFrame(tick); else resolve(worst);
  };
  requestAnimationFrame(tick);
}), ms);

test('a huge replica count leaves the page drawing and the console answering', async () => {
  await open();
  await enter('kubectl create deployment probe --image=nginx --replicas=2147483647');
  assert.match(await consoleText(), /deployment\.apps\/probe created/);
  // While the controllers work it off, frames keep coming (a second is the limit a learner
  // would call a freeze) and the status bar shows the progress.
  const gap = await longestFrameGap(3000);
  assert.ok(gap < 1000, `the longest frame gap was ${Math.round(gap)} ms`);
  const v = await page.evaluate(() => window.kubeplay.view());
  assert.match(v.progress, /^creating [\d,]+\/2,147,483,647 pods$/);
  await enter('kubectl get deploy probe');
  assert.match(await consoleText(), /probe\s+\d+\/2147483647\s+\d+/);
  await shot('console-06-huge-replicas.png');
  // A waiting command is interrupted by Ctrl+C, and the console takes the next line.
  await typeKeys('kubectl rollout status deploy/probe');
  await page.keyboard.press('Enter');
  await frames(10);
  assert.ok((await page.evaluate(() => window.kubeplay.view())).consoleBusy, 'rollout status waits');
  await page.keyboard.press('Control+C');
  await page.waitForFunction(() => !window.kubeplay.view().consoleBusy, null, { timeout: 5000 });
  await enter('kubectl delete deploy probe');
  assert.match(await consoleText(), /deployment\.apps "probe" deleted/);
  await enter('kubectl create deployment again --image=nginx --replicas=100000');
  assert.ok((await longestFrameGap(2000)) < 1000);
  await enter('kubectl get nodes');
  assert.match(await consoleText(), /minikube-m02\s+Ready/);
  assert.deepEqual(pageErrors, []);
});
