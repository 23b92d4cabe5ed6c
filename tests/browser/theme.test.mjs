// Browser test of the colour theme: the first visit follows the system's preference
// (prefers-color-scheme), the status bar's switch is remembered across reloads, ?theme= in the
// address wins (a course page embedding the playground picks one), and without a remembered
// choice the page follows the system when it changes.
//   cd tests/browser && node --test theme.test.mjs      (after building the wasm site)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';

let page, baseUrl, pageErrors;
const b = useBrowser('theme', (x) => { ({ page, baseUrl, pageErrors } = x); });
const view = () => page.evaluate(() => window.kubeplay.view());
const stored = () => page.evaluate(() => window.localStorage.getItem('kubeplay.theme'));

async function open(query = '') {
  await page.goto(new URL(`index.html${query}`, baseUrl).href);
  await page.evaluate(() => window.kubeplay.ready.then(() => true));
  await b.frames(3);
}

test('the theme follows the system until the learner picks one, and is remembered', async () => {
  await page.emulateMedia({ colorScheme: 'light' });
  await open();
  await page.evaluate(() => window.localStorage.removeItem('kubeplay.theme'));
  await open();
  assert.equal((await view()).theme, 'light', 'first visit: the system prefers light');
  assert.equal(await page.evaluate(() => window.kubeplay.theme()), 'light');
  assert.equal(await stored(), null, 'nothing is remembered before the learner chooses');
  // minikube's lines start with pictographs the console font now carries
  await page.evaluate(() => window.kubeplay.exec('minikube node add'));
  await b.frames(4);
  await b.shot('theme-light.png');

  // The status bar's switch: dark, remembered.
  const button = (await view()).themeButton;
  assert.ok(button.w > 0 && button.h > 0, 'the theme switch is on screen');
  await page.mouse.click(button.x + button.w / 2, button.y + button.h / 2);
  await b.frames(3);
  assert.equal((await view()).theme, 'dark');
  assert.equal(await stored(), 'dark');
  await b.shot('theme-dark-chosen.png');

  // A reload keeps the choice although the system still prefers light.
  await open();
  assert.equal((await view()).theme, 'dark', 'the choice outlives a reload');

  // The page's address wins over the remembered choice, without replacing it.
  await open('?theme=light');
  assert.equal((await view()).theme, 'light');
  assert.equal(await stored(), 'dark');

  // Forgotten choice: the system's preference again, followed while the page is open.
  await page.evaluate(() => window.localStorage.removeItem('kubeplay.theme'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await open();
  assert.equal((await view()).theme, 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await b.frames(3);
  assert.equal((await view()).theme, 'light', 'follows the system live');

  // setTheme switches for this page only; nonsense is refused with an error.
  await page.evaluate(() => window.kubeplay.setTheme('dark'));
  await b.frames(2);
  assert.equal((await view()).theme, 'dark');
  assert.equal(await stored(), null);
  const refused = await page.evaluate(() => {
    try {
      window.kubeplay.setTheme('blue');
      return '';
    } catch (e) {
      return String(e.message);
    }
  });
  assert.match(refused, /"blue" is not light or dark/);
  assert.deepEqual(pageErrors, []);
});
