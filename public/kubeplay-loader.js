// Loads kubeplay.wasm into the page's <canvas id="canvas"> and exposes window.kubeplay:
//   kubeplay.ready        Promise resolved (with kubeplay) once the app has drawn its first frame
//   kubeplay.exec(line)   runs a console line as if typed; Promise of its output text (no
//                         colour codes), resolved when the command finishes
//   kubeplay.state()      every object as Kubernetes JSON, grouped by kind: {Pod: [...], ...}
//   kubeplay.advance(ms)  moves simulated time by ms at once
//   kubeplay.now()        the simulated clock (Unix ms)
//   kubeplay.view()       the canvas view model, positions in CSS pixels of this page
//   kubeplay.consoleText() the console's scrollback as plain text
//   kubeplay.timeline()   the steps each command caused ({groups: [{command, steps}]}), the
//                         replay state and its arrows and Play button in page coordinates
//   kubeplay.theme()      'light' or 'dark'; kubeplay.setTheme(name) switches for this page
//                         (the status bar's switch is remembered; see initialTheme below)
//   kubeplay.frameStats(reset) CPU ms per frame (update + draw + render) since the last reset:
//                         {frames, meanMs, p95Ms, maxMs}; reset=true starts a new measurement
// All URLs are relative to this script, so the site works from any sub-path.
(function () {
  'use strict';
  const script = document.currentScript;
  const base = new URL('.', script ? script.src : document.baseURI).href;
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('kubeplay-status');

  let resolveReady, rejectReady, started = false;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const pending = new Map();
  let nextId = 1;

  // The console's history across page loads: localStorage "kubeplay.history", a JSON array of
  // at most 500 lines, no empty lines, no line twice in a row. Storage may be unavailable
  // (private mode, quota, blocked): the console then keeps its history for this page only.
  const HISTORY_KEY = 'kubeplay.history';
  const HISTORY_MAX = 500;
  function readHistory() {
    try {
      const list = JSON.parse(window.localStorage.getItem(HISTORY_KEY) || '[]');
      if (!Array.isArray(list)) return [];
      return list.filter((l) => typeof l === 'string' && l.trim() !== '' && !l.includes('\n')).slice(-HISTORY_MAX);
    } catch (e) {
      return [];
    }
  }
  function storeHistoryLine(line) {
    try {
      if (typeof line !== 'string' || line.trim() === '' || line.includes('\n')) return;
      const list = readHistory();
      if (list.length && list[list.length - 1] === line) return;
      list.push(line);
      window.localStorage.setItem(HISTORY_KEY, JSON.stringify(list.slice(-HISTORY_MAX)));
    } catch (e) {
      // storage full or not allowed: keep going without it
    }
  }

  // The colour theme: ?theme=light|dark in the page's address (a course page embedding the
  // playground picks one), else the learner's last choice in the status bar (localStorage
  // "kubeplay.theme"), else the system's preference (prefers-color-scheme), followed live while
  // the learner has not chosen.
  const THEME_KEY = 'kubeplay.theme';
  const isTheme = (t) => t === 'light' || t === 'dark';
  const lightQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: light)') : null;
  function askedTheme() {
    try {
      const t = new URLSearchParams(window.location.search).get('theme');
      return isTheme(t) ? t : null;
    } catch (e) {
      return null;
    }
  }
  function storedTheme() {
    try {
      const t = window.localStorage.getItem(THEME_KEY);
      return isTheme(t) ? t : null;
    } catch (e) {
      return null;
    }
  }
  function initialTheme() {
    return askedTheme() || storedTheme() || (lightQuery && lightQuery.matches ? 'light' : 'dark');
  }
  function storeTheme(theme) {
    try {
      if (isTheme(theme)) window.localStorage.setItem(THEME_KEY, theme);
    } catch (e) {
      // not allowed: the choice lasts for this page only
    }
  }
  if (lightQuery && lightQuery.addEventListener)
    lightQuery.addEventListener('change', () => {
      if (started && !askedTheme() && !storedTheme()) kubeplay.setTheme(lightQuery.matches ? 'light' : 'dark');
    });

  function fail(message) {
    if (status) {
      status.classList.remove('hidden');
      status.classList.add('failed');
      status.querySelector('p').textContent = message;
    }
    rejectReady(new Error(message));
  }
  function needModule() {
    if (!started) throw new Error('kubeplay is not ready yet: await kubeplay.ready first');
    return window.Module;
  }
  // Positions come relative to the canvas; callers (tests, lessons) want page coordinates.
  function toPage(value, dx, dy) {
    if (Array.isArray(value)) {
      value.forEach((v) => toPage(v, dx, dy));
    } else if (value && typeof value === 'object') {
      if (typeof value.x === 'number' && typeof value.y === 'number') {
        value.x += dx;
        value.y += dy;
      }
      for (const k of Object.keys(value)) if (value[k] && typeof value[k] === 'object') toPage(value[k], dx, dy);
    }
    return value;
  }

  const kubeplay = {
    ready,
    exec(line) {
      return ready.then(
        () =>
          new Promise((resolve) => {
            const id = nextId++;
            pending.set(id, resolve);
            window.Module.ccall('kp_exec', null, ['string', 'number'], [String(line), id]);
          }),
      );
    },
    state() {
      return JSON.parse(needModule().ccall('kp_state', 'string', [], []));
    },
    advance(ms) {
      needModule().ccall('kp_advance', null, ['number'], [Number(ms) || 0]);
    },
    now() {
      return needModule().ccall('kp_now', 'number', [], []);
    },
    view() {
      const v = JSON.parse(needModule().ccall('kp_view', 'string', [], []));
      const r = canvas.getBoundingClientRect();
      return toPage(v, r.left, r.top);
    },
    consoleText() {
      return needModule().ccall('kp_console', 'string', [], []);
    },
    timeline() {
      const t = JSON.parse(needModule().ccall('kp_timeline', 'string', [], []));
      const r = canvas.getBoundingClientRect();
      for (const key of ['play', 'arrows']) if (t[key]) toPage(t[key], r.left, r.top);
      return t;
    },
    // 'light' or 'dark': what is drawn now; setTheme changes it for this page (not remembered).
    theme() {
      return JSON.parse(needModule().ccall('kp_view', 'string', [], [])).theme;
    },
    setTheme(theme) {
      if (!isTheme(theme)) throw new Error(`kubeplay.setTheme: "${theme}" is not light or dark`);
      needModule().ccall('kp_set_theme', null, ['number'], [theme === 'light' ? 1 : 0]);
    },
    frameStats(reset) {
      return JSON.parse(needModule().ccall('kp_frame_stats', 'string', ['number'], [reset ? 1 : 0]));
    },
    focusConsole() {
      canvas.focus();
      needModule().ccall('kp_focus_console', null, [], []);
    },
  };
  window.kubeplay = kubeplay;

  window.Module = {
    canvas,
    locateFile: (file) => new URL(file, base).href,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    kpReady() {
      started = true;
      try {
        window.Module.ccall('kp_load_history', null, ['string'], [readHistory().join('\n')]);
      } catch (e) {
        console.warn('kubeplay: stored history not loaded', e);
      }
      if (status) status.classList.add('hidden');
      canvas.focus();
      resolveReady(kubeplay);
    },
    kpDone(id, output, exitCode) {
      const resolve = pending.get(id);
      pending.delete(id);
      if (resolve) resolve(output);
    },
    kpHistoryAdd: storeHistoryLine,
    kpInitialTheme: initialTheme,
    kpThemeChanged: storeTheme,
    kpFail: fail,
    onAbort: (what) => fail('kubeplay stopped: ' + what),
  };

  // Keys the browser would otherwise act on: Ctrl+L (address bar), Tab (focus), arrows (scroll).
  // Never keys that type a character: stopping their keydown would stop the keypress too.
  window.addEventListener(
    'keydown',
    (e) => {
      if (e.ctrlKey && (e.key === 'l' || e.key === 'L')) e.preventDefault();
      if (e.key === 'Tab' || e.key === 'ArrowUp' || e.key === 'ArrowDown') e.preventDefault();
    },
    true,
  );
  // The console reads the browser's clipboard through paste events.
  window.addEventListener('paste', (e) => {
    if (!started) return;
    const text = e.clipboardData && e.clipboardData.getData('text/plain');
    if (text) {
      e.preventDefault();
      window.Module.ccall('kp_paste', null, ['string'], [text]);
    }
  });
  // Ctrl+C with console text selected copies it (the console then keeps its command running).
  window.addEventListener('copy', (e) => {
    if (!started || !e.clipboardData) return;
    const text = window.Module.ccall('kp_selection', 'string', [], []);
    if (text) {
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    }
  });
  canvas.addEventListener('mousedown', () => canvas.focus());

  if (!document.createElement('canvas').getContext('webgl2')) {
    fail('kubeplay needs WebGL2, which this browser does not offer.');
    return;
  }
  const s = document.createElement('script');
  s.src = new URL('kubeplay.js', base).href;
  s.async = true;
  s.onerror = () => fail('Could not load kubeplay.js from ' + s.src);
  document.body.appendChild(s);
})();
