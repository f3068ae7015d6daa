import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atomProblems, parseXml } from "../integrations/plan-portal/test/helpers/atom.ts";
import { TestRepo } from "../integrations/plan-portal/test/helpers/git-repo.ts";
import {
  commitScenario,
  HISTORY_TODAY,
} from "../integrations/plan-portal/test/helpers/history-scenario.ts";

/** The portal built (standalone CLI) from a git repository with a known history (issue 20). */
const bin = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "integrations",
  "plan-portal",
  "bin",
  "plan-portal.js",
);
let repo: TestRepo;
let dist: string;
let cache: string;

beforeAll(() => {
  repo = new TestRepo();
  commitScenario(repo);
  dist = mkdtempSync(path.join(tmpdir(), "plan-portal-history-dist-"));
  cache = mkdtempSync(path.join(tmpdir(), "plan-portal-history-cache-"));
  const result = spawnSync(
    process.execPath,
    [bin, "build", "specs", "--out", dist, "--today", HISTORY_TODAY, "--diagrams", "off"],
    {
      cwd: repo.dir,
      encoding: "utf8",
      env: { ...process.env, PLAN_PORTAL_CACHE_DIR: cache },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) throw new Error(result.stdout + result.stderr);
}, 240_000);

afterAll(() => {
  repo.remove();
  rmSync(dist, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const page = (file: string) => readFileSync(path.join(dist, file), "utf8");
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("a portal with git history", () => {
  it("shows each open item's age on the plan page, with the day it was written, and overdue too", () => {
    const html = page("001-export/index.html");
    expect(html).toMatch(
      /<time class="open-age" datetime="2026-01-10" title="Written 2026-01-10"[^>]*>\s*open 70 days\s*<\/time>/,
    );
    expect(text(html)).toContain("Q1 open 70 days overdue");
    expect(text(html)).toContain("[NEEDS CLARIFICATION: which currencies?] open 48 days");
    expect(text(html)).toContain("Q2 answered 2026-02-01");
    expect(text(html)).toContain("Last change 2026-02-01 , first 2026-01-10 · 2 commits");
  });

  it("marks a stale plan on its page", () => {
    const html = page("001-export/index.html");
    expect(html).toContain('<span class="badge stale">stale</span>');
    expect(text(html)).toContain(
      "src/export.ts changed on 2026-03-01, after the plan's last change (2026-02-01).",
    );
    expect(page("002-imports/index.html")).not.toContain("badge stale");
  });

  it("adds an Open for column to the questions dashboard", () => {
    const t = text(page("questions/index.html"));
    expect(t).toContain("Open for");
    expect(t).toMatch(/Q1 Do accountants need VAT split per line\?.*open 70 days/);
  });

  it("shows the plan's changelog: per commit what changed in the model", () => {
    const t = text(page("001-export/index.html"));
    expect(t).toContain(
      "2026-02-01 Answer Q2, ask about currencies (Ana Author) Questions answered: Q2: Should exports include refunds? NEEDS CLARIFICATION added: [NEEDS CLARIFICATION: which currencies?]",
    );
    expect(t).toContain(
      "2026-01-10 Add export and import plans (Ana Author) New plan Questions opened:",
    );
    expect(text(page("002-imports/index.html"))).toContain(
      "2026-02-05 Rename 002 to imports (Ana Author) Text edits only.",
    );
  });

  it("publishes an Atom feed of plan changes", () => {
    const feed = parseXml(page("feed.xml"));
    expect(atomProblems(feed)).toEqual([]);
    const titles = feed.children
      .filter((c) => c.name === "entry")
      .map((e) => e.children.find((c) => c.name === "title")!.text);
    expect(titles).toEqual([
      "Imports: Rename 002 to imports",
      "Export: Answer Q2, ask about currencies",
      "Export: Add export and import plans",
      "Imports: Add export and import plans",
    ]);
  });

  it("draws the trend on the health page: an SVG chart and a table of the same numbers", () => {
    const html = page("health/index.html");
    expect(html).toMatch(
      /<svg viewBox="0 0 640 220" role="img" aria-labelledby="trend-svg-title trend-svg-desc"/,
    );
    expect(html.match(/<polyline /g)).toHaveLength(4);
    const rows = [...html.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/tr>/g)].map((m) =>
      text(m[1]!).trim(),
    );
    // date, plans, ready, open questions, overdue, (errors, warnings), tasks done
    expect(rows.map((r) => r.split(" ").slice(0, 5).join(" "))).toEqual([
      "2026-01-10 2 0 2 0",
      "2026-02-01 2 0 1 0",
      "2026-02-05 2 0 1 0",
    ]);
    expect(rows.every((r) => r.endsWith(" 50%"))).toBe(true);
  });

  it("puts history and stale in plans.json", () => {
    const json = JSON.parse(page("plans.json")) as {
      plans: { id: string; stale: boolean; history?: { lastChange: string } }[];
    };
    const byId = new Map(json.plans.map((p) => [p.id, p]));
    expect(byId.get("001-export")!.stale).toBe(true);
    expect(byId.get("001-export")!.history!.lastChange).toBe("2026-02-01");
    expect(byId.get("002-imports")!.history!.lastChange).toBe("2026-02-05");
    const trend = (JSON.parse(page("plans.json")) as { trend: { date: string }[] }).trend;
    expect(trend.map((p) => p.date)).toEqual(["2026-01-10", "2026-02-01", "2026-02-05"]);
  });
});
