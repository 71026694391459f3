'use strict';

// A frame runs steps for the demo page from its own origin (or from the
// opaque origin "null" when sandboxed), and only for the demo page: the
// page's origin is written into frame.html by the server, and frame.html may
// only be embedded by it (Content-Security-Policy: frame-ancestors).
(function () {
  const home = document.querySelector('meta[name="crossgate-home"]').content;
  window.addEventListener('message', async (ev) => {
    if (ev.source !== window.parent || ev.origin !== home) return;
    const m = ev.data;
    if (!m || m.type !== 'run') return;
    const result = await runStep(m.url, m.step, m.timeoutMs);
    window.parent.postMessage({ type: 'result', id: m.id, result }, home);
  });
  window.parent.postMessage({ type: 'ready', origin: self.origin }, home);
})();
