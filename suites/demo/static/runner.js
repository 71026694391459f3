'use strict';

// runStep makes one scenario step with fetch() and reports what the script
// could see: whether the browser let it read the answer, the status, the
// response headers it may read, and the body. It is shared by the page and
// by every frame, so a step runs the same way from every origin.
//
// A blocked fetch() rejects with a bare TypeError on purpose (the reason is
// only in the console, see docs/browser.md); a step that outlives timeoutMs
// is aborted and reported as timedOut, which is never a CORS outcome.
async function runStep(url, step, timeoutMs) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  const init = {
    method: step.method,
    headers: step.headers || {},
    mode: 'cors',
    credentials: step.credentials ? 'include' : 'same-origin',
    cache: step.cache || 'no-store',
    signal: ctl.signal,
  };
  if (step.body) init.body = step.body;
  try {
    const res = await fetch(url, init);
    const headers = {};
    res.headers.forEach((v, k) => { headers[k] = v; });
    const body = (await res.text()).slice(0, 2000);
    return { allowed: true, status: res.status, headers, body };
  } catch (e) {
    return { allowed: false, status: 0, headers: {}, error: String(e), timedOut: ctl.signal.aborted };
  } finally {
    clearTimeout(timer);
  }
}
