/**
 * The index's text filter, one keystroke at a time, in Chromium with the CPU slowed down: how long
 * from a key press to the frame that shows the filtered rows (the Event Timing API's duration of
 * the interaction, which INP reports: input delay + the handlers + the next paint).
 *
 *   node integrations/plan-portal/bench/filter-latency.ts --out DIR [--rate 4] [--runs 3]
 *
 * DIR is a built portal (`plan-portal build <specs> --out DIR`, e.g. of `npm run bench:gen --
 * --plans 1000`), served here by a small static server. The first change loads plans-index.json;
 * it is made (and undone) before measuring, as a user's first keystroke would.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, findChromium } from "../src/diagrams/render-svg.ts";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    rate: { type: "string", default: "4" },
    runs: { type: "string", default: "3" },
    queries: { type: "string", default: "checkout,0999,payments at scale,zzz" },
  },
});
if (!values.out) throw new Error("--out DIR: a built portal");
const root = path.resolve(values.out);

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".json": "application/json",
  ".js": "text/javascript",
  ".css": "text/css",
};
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  let file = path.join(root, decodeURIComponent(url.pathname));
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
  if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(res);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;

const executablePath = findChromium();
if (!executablePath) throw new Error("No Chromium: apt-get install chromium, or set CHROMIUM_PATH");
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
const cdp = await page.context().newCDPSession(page);
await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "networkidle" });
const plans = await page.getAttribute("#plan-filters", "data-total");
// Every interaction's duration, by interaction id (a key press is keydown + keyup entries).
await page.evaluate(() => {
  const w = window as unknown as { interactions: Map<number, number> };
  w.interactions = new Map();
  new PerformanceObserver((list) => {
    // interactionId: Event Timing level 2, not yet in TypeScript's DOM types.
    for (const e of list.getEntries() as (PerformanceEventTiming & { interactionId?: number })[]) {
      if (!e.interactionId) continue;
      w.interactions.set(
        e.interactionId,
        Math.max(w.interactions.get(e.interactionId) ?? 0, e.duration),
      );
    }
  }).observe({ type: "event", durationThreshold: 0, buffered: true } as PerformanceObserverInit);
});
// The first change loads the JSON of every plan: done before measuring.
await page.fill("#plan-query", "x");
await page.waitForFunction(() =>
  /of \d+ plans/.test(document.getElementById("plans-count")?.textContent ?? ""),
);
await page.fill("#plan-query", "");
await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(values.rate) });

const durations: number[] = [];
for (let run = 0; run < Number(values.runs); run++) {
  for (const query of values.queries.split(",")) {
    await page.fill("#plan-query", "");
    await page.evaluate(() =>
      (window as unknown as { interactions: Map<number, number> }).interactions.clear(),
    );
    await page.focus("#plan-query");
    // A typist's pace (about 5 keys a second), so each key is measured on its own.
    await page.keyboard.type(query, { delay: 200 });
    await page.waitForTimeout(500);
    durations.push(
      ...(await page.evaluate(() => [
        ...(window as unknown as { interactions: Map<number, number> }).interactions.values(),
      ])),
    );
  }
}
await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
await browser.close();
server.close();

durations.sort((a, b) => a - b);
const at = (q: number) =>
  durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? NaN;
console.log(
  `index filter, ${plans} plans, CPU ${values.rate}× slower, ${durations.length} keystrokes: ` +
    `median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${(durations.at(-1) ?? NaN).toFixed(0)} ms ` +
    `(Event Timing duration: key press to the next paint, 8 ms granularity)`,
);
