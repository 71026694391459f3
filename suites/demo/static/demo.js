'use strict';

// The demo page: it loads the scenarios from the server, runs each one
// against every framework from the origins it names, asks the server what
// it saw, and shows the verdict. The browser suite drives the same functions
// through window.crossgate, so the page is the test.

(function () {
  // RUN makes every URL of this page load unique, so that the browser's
  // preflight and HTTP caches start empty for each run.
  const RUN = (Math.random().toString(36).slice(2, 10) + Date.now().toString(36)).replace(/[^a-z0-9]/g, '');
  const STEP_TIMEOUT_MS = 8000;

  let config;
  const frames = {};   // from -> {win, origin}
  const waiting = new Map(); // message id -> resolve
  let nextID = 1;
  const results = {};

  const $ = (sel) => document.querySelector(sel);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    for (const f of Object.values(frames)) {
      if (ev.source !== f.win) continue;
      if (m.type === 'ready' && f.ready) f.ready();
      if (m.type === 'result' && waiting.has(m.id)) {
        waiting.get(m.id)(m.result);
        waiting.delete(m.id);
      }
    }
  });

  // makeFrame embeds the runner of another origin. A sandboxed frame without
  // allow-same-origin gets an opaque origin: its requests say Origin: null.
  function makeFrame(from, src, sandboxed) {
    return new Promise((resolve, reject) => {
      const iframe = document.createElement('iframe');
      if (sandboxed) iframe.setAttribute('sandbox', 'allow-scripts');
      iframe.title = from;
      const timer = setTimeout(() => reject(new Error('frame ' + from + ' (' + src + ') did not load')), 15000);
      frames[from] = { ready: () => { clearTimeout(timer); resolve(); } };
      iframe.src = src;
      $('#frames').appendChild(iframe);
      frames[from].win = iframe.contentWindow;
    });
  }

  // runFrom runs a step from the origin it names: the page itself, or one
  // of its frames.
  function runFrom(from, url, step) {
    if (from === 'home') return runStep(url, step, STEP_TIMEOUT_MS);
    const f = frames[from];
    const id = nextID++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      f.win.postMessage({ type: 'run', id, url, step, timeoutMs: STEP_TIMEOUT_MS }, '*');
    });
  }

  function urlFor(adapter, sc) {
    return adapter.bases[sc.policy] + '/api/items/' + RUN + '-' + sc.id;
  }

  // check compares one framework's outcome with the scenario's expectations;
  // it returns the differences, in words.
  function check(sc, r) {
    const p = [];
    sc.steps.forEach((want, i) => {
      const got = r.steps[i];
      const n = 'step ' + (i + 1) + ': ';
      if (got.timedOut) { p.push(n + 'timed out'); return; }
      if (got.allowed !== want.allowed) {
        p.push(n + (got.allowed ? 'allowed, expected blocked' : 'blocked, expected allowed'));
        return;
      }
      if (!got.allowed) return;
      if (got.status !== 200) p.push(n + 'status ' + got.status);
      for (const h of want.readable || []) if (!(h in got.headers)) p.push(n + h + ' not readable');
      for (const h of want.hidden || []) if (h in got.headers) p.push(n + h + ' readable');
      if (want.bodyHas && !got.body.includes(want.bodyHas)) p.push(n + 'body lacks ' + want.bodyHas);
    });
    const s = r.server;
    if (s.preflights !== sc.preflights) p.push('server saw ' + s.preflights + ' preflight(s), expected ' + sc.preflights);
    if (s.actuals !== sc.actuals) p.push('server saw ' + s.actuals + ' actual request(s), expected ' + sc.actuals);
    const refusals = s.refusals || [];
    if (sc.refusal === 0 && refusals.length) p.push('crossgate refused: ' + refusals[0].reason);
    if (sc.refusal !== 0 && !refusals.some((x) => x.code === sc.refusal)) p.push('crossgate reported no refusal');
    return p;
  }

  function describeStep(st) {
    let s = st.from + ': ' + st.method;
    for (const [k, v] of Object.entries(st.headers || {})) s += ' ' + k + ': ' + v;
    if (st.credentials) s += ' (with cookie)';
    if (st.cache) s += ' cache=' + st.cache;
    return s + ' → ' + (st.allowed ? 'readable' : 'blocked');
  }

  function render() {
    const o = $('#origins');
    o.textContent = '';
    for (const [k, v] of Object.entries(config.origins)) o.appendChild(el('div', '', k + ' = ' + v));
    const pol = $('#policies');
    pol.textContent = '';
    for (const [k, v] of Object.entries(config.policies)) {
      const fn = v.originFunc ? ' + OriginFunc (' + v.originFunc + ')' : '';
      pol.appendChild(el('div', '', 'policy ' + k + ': origins ' + v.origins.join(' ') + fn + ' · methods ' + v.methods.join(',') +
        ' · request headers ' + v.requestHeaders.join(',') + ' · exposed ' + v.exposedHeaders.join(',') +
        ' · credentials ' + v.credentials + ' · max-age ' + v.maxAge));
    }
    const head = $('#matrix thead tr');
    for (const a of config.adapters) head.appendChild(el('th', '', a.name));
    const body = $('#matrix tbody');
    for (const sc of config.scenarios) {
      const tr = el('tr');
      tr.id = 'sc-' + sc.id;
      const td = el('td', 'scenario');
      td.appendChild(el('div', 'title', sc.title));
      td.appendChild(el('div', 'explain', sc.explain));
      const steps = el('div', 'steps');
      steps.appendChild(el('div', '', 'policy ' + sc.policy + '; server should see ' + sc.preflights +
        ' preflight(s), ' + sc.actuals + ' actual'));
      sc.steps.forEach((st, i) => {
        steps.appendChild(el('div', '', describeStep(st)));
        steps.appendChild(el('div', 'explainer', '  crossgate Explain: ' + config.explain[sc.id][i]));
      });
      td.appendChild(steps);
      tr.appendChild(td);
      for (const a of config.adapters) {
        const c = el('td', 'cell pending', 'not run');
        c.id = 'cell-' + sc.id + '-' + a.name;
        tr.appendChild(c);
      }
      body.appendChild(tr);
    }
  }

  function renderCell(sc, name, r) {
    const c = $('#cell-' + sc.id + '-' + name);
    c.textContent = '';
    c.className = 'cell ' + (r.problems.length ? 'bad' : 'ok');
    r.steps.forEach((got, i) => {
      const want = sc.steps[i];
      const line = el('div', 'step');
      const verdict = got.timedOut ? 'timed out' : got.allowed ? '✓ allowed ' + got.status : '✗ blocked';
      line.appendChild(el('span', got.allowed ? 'allowed' : 'blocked', verdict));
      line.appendChild(document.createTextNode(got.allowed === want.allowed ? ' (expected)' : ' (NOT expected)'));
      c.appendChild(line);
      if (got.allowed) {
        const names = Object.keys(got.headers).sort();
        c.appendChild(el('div', 'headers', 'JS reads: ' + names.join(', ')));
        const hidden = (want.hidden || []).filter((h) => !(h in got.headers));
        if (hidden.length) c.appendChild(el('div', 'headers', 'JS cannot read: ' + hidden.join(', ')));
      }
    });
    const s = r.server;
    c.appendChild(el('div', 'server', 'server: ' + s.preflights + ' preflight, ' + s.actuals + ' actual'));
    for (const x of s.refusals || []) c.appendChild(el('div', 'reason', 'crossgate refused ' + x.kind + ': ' + x.reason));
    for (const p of r.problems) c.appendChild(el('div', 'problem', p));
  }

  async function runScenario(id) {
    const sc = config.scenarios.find((s) => s.id === id);
    if (!sc) throw new Error('no scenario ' + id);
    const outcomes = await Promise.all(config.adapters.map(async (a) => {
      const url = urlFor(a, sc);
      const steps = [];
      for (const st of sc.steps) steps.push(await runFrom(st.from, url, st));
      return [a.name, { url, steps }];
    }));
    const state = await (await fetch('/state?run=' + RUN, { cache: 'no-store' })).json();
    const result = { id, run: RUN, ok: true, adapters: {} };
    for (const [name, r] of outcomes) {
      r.server = state[name][sc.id];
      r.problems = check(sc, r);
      if (r.problems.length) result.ok = false;
      result.adapters[name] = r;
      renderCell(sc, name, r);
    }
    results[id] = result;
    return result;
  }

  let runs = 0;
  async function runAll() {
    if (runs++ > 0) { location.reload(); return; } // a new RUN, fresh caches
    $('#run').disabled = true;
    let bad = 0;
    for (const sc of config.scenarios) {
      $('#status').textContent = 'Running ' + sc.title + '…';
      const r = await runScenario(sc.id);
      if (!r.ok) bad++;
    }
    $('#status').textContent = bad ? bad + ' scenario(s) did not go as expected' : 'All scenarios went as expected in this browser.';
    // The verdict, and each unexpected cell, also go to the console: a
    // browser that runs the page without automation can report them
    // (the browser suite reads WebKit's this way).
    for (const r of Object.values(results)) {
      for (const [name, a] of Object.entries(r.adapters)) {
        if (a.problems.length) console.info('crossgate cell ' + r.id + ' ' + name + ': ' + a.problems.join('; '));
      }
    }
    console.info('crossgate status: ' + $('#status').textContent);
    $('#run').disabled = false;
  }

  async function init() {
    config = await (await fetch('/config.json', { cache: 'no-store' })).json();
    // Cookies ignore ports: this one goes to every framework on 127.0.0.1
    // when a fetch includes credentials.
    document.cookie = config.cookie + '; path=/; SameSite=Lax';
    render();
    const o = config.origins;
    await Promise.all([
      makeFrame('second', o.second + '/frame.html'),
      makeFrame('localhost', o.localhost + '/frame.html'),
      makeFrame('stranger', o.stranger + '/frame.html'),
      makeFrame('sandbox', '/frame.html', true),
    ]);
    $('#status').textContent = 'Ready (run ' + RUN + ').';
    $('#run').onclick = runAll;
  }

  const ready = init();
  window.crossgate = { run: RUN, ready, runScenario, runAll, runFrom, results, config: () => config };
  // ?auto=0 leaves the running to the caller (the browser suite).
  if (new URLSearchParams(location.search).get('auto') !== '0') {
    ready.then(runAll, (e) => { $('#status').textContent = 'Failed to start: ' + e; });
  }
})();
