// run.mjs drives Firefox ESR headless over WebDriver BiDi (puppeteer-core)
// for the Go tests in ../firefox_test.go. It prints one JSON object on
// stdout; the Go test decides what is right.
//
//   node run.mjs matrix URL DIR     open the demo page (URL, ?auto=0), run
//                                   every scenario, and report the results,
//                                   the run id and every console entry
//
// Screenshots go to DIR. Firefox gets a fresh profile (and HOME) in DIR, so
// it runs as root and never touches a user's profile.
import fs from "node:fs";
import path from "node:path";
import puppeteer from "puppeteer-core";

const firefox = process.env.FIREFOX || "/usr/bin/firefox-esr";

async function launch(dir) {
  const profile = fs.mkdtempSync(path.join(dir, "profile-"));
  process.env.HOME = profile;
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: firefox,
    headless: true,
    protocol: "webDriverBiDi",
    userDataDir: profile,
    env: { ...process.env, HOME: profile, MOZ_CRASHREPORTER_DISABLE: "1" },
  });
  // Every console entry of every browsing context (iframes of other origins
  // included) arrives as BiDi log.entryAdded; CORS failures are among them.
  const entries = [];
  const session = browser.connection;
  session.on("log.entryAdded", (e) => {
    entries.push({ type: e.type, level: e.level, text: e.text, context: e.source?.context });
  });
  return { browser, entries };
}

async function matrix(url, dir) {
  const { browser, entries } = await launch(dir);
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1500, height: 1000 });
    await page.goto(url + "?auto=0");
    await page.evaluate("window.crossgate.ready");
    const run = await page.evaluate("window.crossgate.run");
    const ids = await page.evaluate("window.crossgate.config().scenarios.map((s) => s.id)");
    const results = [];
    for (const id of ids) {
      results.push(await page.evaluate((id) => window.crossgate.runScenario(id), id));
    }
    await new Promise((r) => setTimeout(r, 500)); // late console entries
    await page.screenshot({ path: path.join(dir, "firefox-matrix.png"), fullPage: true });
    return { run, results, console: entries };
  } finally {
    await browser.close();
  }
}

const [cmd, ...args] = process.argv.slice(2);
const commands = { matrix };
if (!commands[cmd]) {
  console.error("usage: node run.mjs matrix URL DIR");
  process.exit(2);
}
try {
  const out = await commands[cmd](...args);
  process.stdout.write(JSON.stringify(out) + "\n");
} catch (e) {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
}
