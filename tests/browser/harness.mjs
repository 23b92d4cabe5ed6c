// What the browser tests share: the built site (build/site) served from 127.0.0.1, headless
// Debian Chromium through playwright-core with the flags that work on these machines, and a few
// helpers over the page. useBrowser(name, ready) registers the node:test hooks that start and
// stop them; `ready(b)` is called with the page, context, baseUrl and error lists once started;
// launchChromium starts another browser (another viewport or pixel ratio).
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const site = process.env.KUBEPLAY_SITE || path.resolve(here, '..', '..', 'build', 'site');
export const artifacts = path.join(here, 'artifacts');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
export const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-quic',
];

// Starts headless Chromium with its own profile directory; close() also removes the profile.
export async function launchChromium(name, { viewport = { width: 1366, height: 768 }, deviceScaleFactor = 1 } = {}) {
  const profile = mkdtempSync(path.join(os.tmpdir(), `kubeplay-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    viewport,
    deviceScaleFactor,
  });
  const page = context.pages()[0] || (await context.newPage());
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, close };
}

// Waits for n animation frames of a page.
export const waitFrames = (page, n = 2) =>
  page.evaluate((k) => new Promise((res) => {
    const step = () => (k-- <= 0 ? res() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), n);

// b.pageErrors collects uncaught exceptions on the page; b.consoleErrors, console.error lines.
export function useBrowser(name, ready = () => {}) {
  const b = { page: null, context: null, baseUrl: '', pageErrors: [], consoleErrors: [] };
  let server, browser;
  before(async () => {
    assert.ok(existsSync(path.join(site, 'kubeplay.wasm')),
      `no site in ${site}: build it first (cmake --preset wasm && cmake --build build/wasm)`);
    assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: apt-get install -y chromium`);
    mkdirSync(artifacts, { recursive: true });
    ({ server, url: b.baseUrl } = await serve({ port: 0, root: site, quiet: true }));
    browser = await launchChromium(name);
    ({ context: b.context, page: b.page } = browser);
    b.page.on('pageerror', (e) => b.pageErrors.push(String(e)));
    b.page.on('console', (m) => { if (m.type() === 'error') b.consoleErrors.push(m.text()); });
    ready(b);
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections?.();
    server?.close();
  });
  b.shot = (file, page = b.page) => page.screenshot({ path: path.join(artifacts, file) });
  b.frames = (n = 2, page = b.page) => waitFrames(page, n);
  return b;
}
