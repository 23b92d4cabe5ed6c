import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';
const { server, url } = await serve({ port: 0, root: '/tmp/kp-copy/build/site', quiet: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--use-gl=angle','--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 2 });
const p = await ctx.newPage();
p.on('console', (m) => console.log('console:', m.text()));
await p.goto(url + 'index.html');
await p.evaluate(() => window.kubeplay.ready);
await p.evaluate(async () => {
  const k = window.kubeplay;
  await k.exec('kubectl create deployment kubia --image=hyooo/kubia --port=8080 --replicas=3');
  await k.exec('kubectl expose deployment kubia --type=LoadBalancer --name kubia-http');
  k.advance(60000);
  await k.exec('kubectl get pods -o wide');
});
for (let i = 0; i < 4; i++) {
  const t0 = Date.now();
  const v = await p.evaluate(() => new Promise((r) => { let n = 10; const s = () => (n-- ? requestAnimationFrame(s) : r(window.kubeplay.view())); requestAnimationFrame(s); }));
  console.log(Date.now() - t0, 'ms for 10 frames', JSON.stringify(v.pods.map((q) => [q.x, q.y])));
  await p.screenshot({ path: `/tmp/dbgshots/hidpi-${i}.png` });
}
await browser.close(); server.close();
