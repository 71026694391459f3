// run.mjs drives Firefox ESR headless over WebDriver BiDi (puppeteer-core)
// for the Go tests in ../firefox_test.go, which decide what is right.
//
//   node run.mjs
//
// reads one JSON command per line on stdin and answers each with one JSON
// line on stdout, {"ok": true, "value": ...} or {"ok": false, "error": ...}:
//
//   {"op": "launch", "dir": D, "resolve": "127.0.0.1", "ca": PEM}
//        start Firefox with a fresh profile (and HOME) under D; resolve, if
//        set, maps every host name to that address; ca, if set, is the one
//        authority the profile trusts besides Firefox's own
//   {"op": "goto", "url": U}          load U in the tab and wait for it
//   {"op": "eval", "expr": E}         evaluate E in the tab, awaiting a promise
//   {"op": "screenshot", "path": P}   full-page PNG of the tab
//   {"op": "console"}                 every BiDi log.entryAdded so far
//   {"op": "close"}                   stop Firefox and exit
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const firefox = process.env.FIREFOX || "/usr/bin/firefox-esr";

let browser, page;
const entries = [];

// trustOnly creates the profile's certificate database with one extra
// authority, so that Firefox trusts exactly the test's certificates rather
// than accepting any (acceptInsecureCerts).
function trustOnly(profile, pem) {
  const file = path.join(profile, "test-ca.pem");
  fs.writeFileSync(file, pem);
  execFileSync("certutil", ["-N", "-d", "sql:" + profile, "--empty-password"]);
  execFileSync("certutil", ["-A", "-d", "sql:" + profile, "-n", "crossgate throwaway test CA", "-t", "C,,", "-i", file]);
}

const ops = {
  async launch({ dir, resolve, ca }) {
    const profile = fs.mkdtempSync(path.join(dir, "firefox-profile-"));
    if (ca) trustOnly(profile, ca);
    const prefs = {};
    if (resolve) prefs["network.dns.forceResolve"] = resolve;
    browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: firefox,
      headless: true,
      protocol: "webDriverBiDi",
      userDataDir: profile,
      extraPrefsFirefox: prefs,
      // Firefox as root needs a HOME it can write to.
      env: { ...process.env, HOME: profile, MOZ_CRASHREPORTER_DISABLE: "1" },
    });
    // Every console entry of every browsing context (iframes of other
    // origins included); CORS failures are among them.
    browser.connection.on("log.entryAdded", (e) => {
      entries.push({ type: e.type, level: e.level, text: e.text });
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1500, height: 1000 });
    return (await browser.version());
  },
  async goto({ url }) {
    const res = await page.goto(url);
    return res ? res.status() : 0;
  },
  async eval({ expr }) {
    return await page.evaluate(expr);
  },
  async screenshot({ path: p }) {
    await page.screenshot({ path: p, fullPage: true });
    return p;
  },
  async console() {
    return entries;
  },
  async close() {
    if (browser) await browser.close();
    browser = undefined;
    return true;
  },
};

const send = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  let cmd;
  try {
    cmd = JSON.parse(line);
    const op = ops[cmd.op];
    if (!op) throw new Error("unknown op " + cmd.op);
    send({ ok: true, value: (await op(cmd)) ?? null });
  } catch (e) {
    send({ ok: false, error: e && e.stack ? e.stack : String(e) });
  }
  if (cmd && cmd.op === "close") break;
}
if (browser) await browser.close();
process.exit(0);
