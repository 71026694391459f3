// Package browser proves crossgate in a real browser: its test opens the
// demo page (internal/demo) in headless Chromium, runs every scenario
// against every framework, and asserts what the browser allowed, what
// scripts could read, how many requests reached the server, and that the
// browser's console blamed the real cause of every refusal.
//
// It lives in its own module so that the browser driver never becomes a
// requirement of crossgate's users. See docs/browser.md.
package browser
