// Browser test of the cluster canvas: wheel zoom moves the pods reported by
// window.kubeplay.view(), the fit button restores them, a drag pans, and
// clicks select a node and a service (view().selected). Screenshots of each step go to
// tests/browser/artifacts/canvas-*.png.
//   cd tests/browser && node --test canvas.test.mjs        (after building the wasm site)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

let page, baseUrl, pageErrors;
const b = useBrowser('canvas', (x) => { ({ page, baseUrl, pageErrors } = x); });
const shot = (name) => b.shot(name);
const frames = (n = 2) => b.frames(n);
const view = () => page.evaluate(() => window.kubeplay.view());
const advance = async (ms) => {
  await page.evaluate((t) => window.kubeplay.advance(t), ms);
  await frames(2);
};
// Runs a console line through window.kubeplay.exec, moving simulated time on until it ends.
async function run(line) {
  await page.evaluate((l) => { window.__done = false; window.kubeplay.exec(l).then(() => { window.__done = true; }); }, line);
  for (let i = 0; i < 200 && !(await page.evaluate(() => window.__done)); i++) await advance(500);
  assert.ok(await page.evaluate(() => window.__done), `${line} finished`);
}
const podMap = (v) => new Map(v.pods.map((p) => [p.key, p]));
const centre = (b) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

test('zoom, pan, fit and selection on the canvas', async () => {
  await page.goto(new URL('index.html', baseUrl).href);
  await page.evaluate(() => window.kubeplay.ready.then(() => true));
  await run('kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=3');
  await run('kubectl expose deployment kubia --type=LoadBalancer --name kubia-http --port=8080');
  await advance(60000);
  await frames(30);
  await shot('canvas-01-fitted.png');
  const v0 = await view();
  const pods0 = podMap(v0);
  assert.equal(v0.pods.filter((p) => p.namespace === 'default').length, 3);
  const canvas = v0.canvas;

  // Wheel up over the first pod: it stays under the cursor, the others move away.
  const first = v0.pods.find((p) => p.namespace === 'default');
  await page.mouse.move(first.x, first.y);
  await frames(2);
  await page.mouse.wheel(0, -300);
  await frames(10);
  await shot('canvas-02-zoomed-in.png');
  const v1 = await view();
  const p1 = podMap(v1);
  let moved = 0;
  for (const [key, p] of pods0) {
    const q = p1.get(key);
    assert.ok(q, `${key} is still drawn`);
    if (key === first.key) {
      assert.ok(Math.abs(q.x - p.x) < 2 && Math.abs(q.y - p.y) < 2, `the pod under the cursor stays: ${JSON.stringify([p, q])}`);
      assert.ok(q.r > p.r, 'and is drawn larger');
    } else if (q.x !== p.x || q.y !== p.y) {
      moved++;
    }
  }
  assert.ok(moved >= 2, 'the other pods moved');

  // Clicking a zoomed pod selects it at the position view() reports.
  const other = v1.pods.find((p) => p.namespace === 'default' && p.key !== first.key
    && p.x > canvas.x && p.x < canvas.x + canvas.w && p.y > canvas.y && p.y < canvas.y + canvas.h);
  if (other) {
    await page.mouse.click(other.x, other.y);
    await frames(3);
    assert.deepEqual((await view()).selected, { kind: 'Pod', key: other.key });
  }

  // The overlay's fit button (top-right of the canvas) restores the fitted picture.
  await page.mouse.click(canvas.x + canvas.w - 8 - 24 - 2 - 17, canvas.y + 8 + 11);
  await frames(5);
  await shot('canvas-03-fit.png');
  const v2 = await view();
  for (const [key, p] of podMap(v2)) {
    const q = pods0.get(key);
    if (q) assert.ok(Math.abs(q.x - p.x) < 1 && Math.abs(q.y - p.y) < 1, `${key} back in place after fit`);
  }

  // Dragging pans everything; fit restores it.
  const from = { x: canvas.x + 30, y: canvas.y + canvas.h - 40 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) {
    await page.mouse.move(from.x + 20 * i, from.y - 10 * i);
    await frames(1);
  }
  await page.mouse.up();
  await frames(3);
  await shot('canvas-04-panned.png');
  const v3 = await view();
  for (const [key, p] of podMap(v3)) {
    const q = pods0.get(key);
    if (q) assert.ok(p.x - q.x > 60 && q.y - p.y > 25, `${key} moved with the drag: ${q.x},${q.y} -> ${p.x},${p.y}`);
  }
  const node0 = v0.nodes[0], node3 = v3.nodes.find((n) => n.name === node0.name);
  assert.ok(node3.x - node0.x > 60, 'node boxes move too');
  // Fit again with the overlay button (the double-click is covered headlessly: software GL
  // frames here are slower than ImGui's double-click interval).
  await page.mouse.click(canvas.x + canvas.w - 8 - 24 - 2 - 17, canvas.y + 8 + 11);
  await frames(5);
  const v4 = await view();
  for (const [key, p] of podMap(v4)) {
    const q = pods0.get(key);
    if (q) assert.ok(Math.abs(q.x - p.x) < 1 && Math.abs(q.y - p.y) < 1, `${key} back in place after fit`);
  }

  // Clicking a node and a service selects them (left of the inspector, which is open over the
  // canvas's right side since the pod was selected).
  const worker = v4.nodes.find((n) => !n.controlPlane) || v4.nodes[0];
  const inspector = (await view()).inspector;
  assert.ok(!inspector.w || worker.x + 8 < inspector.x, 'the node is not under the inspector');
  await page.mouse.click(worker.x + 8, worker.y + worker.h - 30);
  await frames(3);
  await shot('canvas-05-node-selected.png');
  assert.deepEqual((await view()).selected, { kind: 'Node', key: worker.name });
  const svc = v4.services.find((s) => s.name === 'kubia-http');
  assert.ok(svc, 'the service box is drawn');
  const c = centre(svc);
  await page.mouse.click(c.x, c.y);
  await frames(3);
  await shot('canvas-06-service-selected.png');
  assert.deepEqual((await view()).selected, { kind: 'Service', key: 'default/kubia-http' });

  // Zoomed far out everything still reports positions, and the canvas keeps drawing.
  await page.mouse.move(c.x, c.y + 200);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 400);
  await frames(5);
  await shot('canvas-07-zoomed-out.png');
  const v5 = await view();
  assert.equal(v5.pods.length, v0.pods.length);
  assert.deepEqual(pageErrors, []);
});
