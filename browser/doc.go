// Package browser proves crossgate in real browsers, Chromium, Firefox and
// WebKit: its tests open the demo page (suites/demo), run every scenario
// against every framework, and assert what the browser allowed, what
// scripts could read, how many requests reached the server, and that the
// browser's console blamed the real cause of every refusal; then the same
// over HTTPS with real host names and cookies, and behind nginx.
//
// It lives in its own module so that the browser driver never becomes a
// requirement of crossgate's users. See docs/browser.md.
package browser
