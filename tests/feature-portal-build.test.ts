import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokenLinks, textOf } from "./helpers/site.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/*
 * The feature views of issue 17 on the example site: the traceability matrix on a plan page, the
 * Pipeline dashboard and its file overlaps. Every number below was counted by hand from
 * specs/NNN-name/{spec,tasks,plan}.md, as the comments say; none comes from the aggregates.
 */

// Stages (docs/pipeline.md): done = every task checked: 001 (26/26), 002 (30/30), 008 (23/23).
// implementing = some checked, some open: 003 (26/36), 004 (10/29), 005 (19/27), 006 (T027 only),
// 009 (7/23), 011 (12/19). tasked = tasks, none checked: 007, 012. 010 has no tasks.md, its plan
// is a draft and its spec.md an open NEEDS CLARIFICATION (skipped subscription orders): specified.
const STAGE_COUNTS = {
  specified: 1,
  clarified: 0,
  planned: 0,
  tasked: 2,
  implementing: 6,
  done: 3,
};

describe("the example site's feature views", () => {
  let dist: string;
  const read = (p: string) => readFileSync(path.join(dist, p), "utf8");

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), "plan-portal-feature-"));
    await build({ root: repo, outDir: dist, logLevel: "error" });
  }, 180_000);
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("shows 011's traceability matrix with each row's tasks and state", () => {
    const html = read("plans/011-roaster-analytics/index.html");
    const section = html.slice(html.indexOf('id="traceability"'));
    const rows = [...section.matchAll(/<tr data-state="([a-z]+)" data-id="([^"]+)"/g)].map(
      (m) => `${m[2]}:${m[1]}`,
    );
    // tasks.md: T004 FR-001 (done), T009 FR-003 (done), T012 FR-005 (done), T015 FR-004 (open);
    // FR-002 and SC-001..003 cited by no task and not by plan.md. US1 = T004–T008 all done;
    // US2 = T009–T013 (T013 open); US3 = T014–T017, all open.
    expect(rows).toEqual([
      "FR-001:done",
      "FR-002:uncovered",
      "FR-003:done",
      "FR-004:open",
      "FR-005:done",
      "SC-001:uncovered",
      "SC-002:uncovered",
      "SC-003:uncovered",
      "US1:done",
      "US2:open",
      "US3:open",
    ]);
    expect(section).toContain(
      'href="/plans/011-roaster-analytics/tasks/#phase-2-warehouse-and-cdc-us1:~:text=T004"',
    );
    expect(section).toContain(
      'href="/plans/011-roaster-analytics/spec/#functional-requirements:~:text=FR%2D001"',
    );
    expect(section).toContain(
      'href="/plans/011-roaster-analytics/spec/#success-criteria-mandatory:~:text=SC%2D001"',
    );
    const text = textOf(section);
    expect(text).toContain(
      "8 requirements and 3 user stories in spec.md: 4 done, 3 with open tasks, 0 only in the plan, 4 not covered.",
    );
    // T001–T003 (Setup) and T018–T019 (Polish) cite no id and no story.
    expect(text).toContain("5 tasks map to no requirement or story");
  });

  it("shows 011's clarification trail, each question linked to spec.md", () => {
    const html = read("plans/011-roaster-analytics/index.html");
    const trail = html.slice(html.indexOf('id="clarification-trail"'));
    // spec.md: Session 2026-11-06 with two Q/A lines, Session 2026-11-12 with one.
    expect(textOf(trail)).toContain("2 sessions, 3 questions.");
    expect(trail).toContain('href="/plans/011-roaster-analytics/spec/#session-2026-11-12"');
    expect(textOf(trail)).toContain(
      "A: No; the warehouse keeps no address fields at all (FR-002).",
    );
    expect(trail).toContain("spec.md line 17");
  });

  it("counts features per stage and lists ready and blocked tasks on the Pipeline page", () => {
    const html = read("plans/pipeline/index.html");
    const stats = Object.fromEntries(
      [...html.matchAll(/data-stage="([a-z]+)"[\s\S]*?<div class="value">(\d+)<\/div>/g)].map(
        (m) => [m[1], Number(m[2])],
      ),
    );
    expect(stats).toEqual(STAGE_COUNTS);
    const row = (id: string) =>
      textOf(html.slice(html.indexOf(`<tr data-plan="${id}"`)).split("</tr>")[0]!);
    // 011: T013 is the open task of Phase 3, the first phase with open tasks; T014–T019 wait.
    expect(row("011-roaster-analytics")).toMatch(/Implementing\s*1\s*6\s*next T013; later/);
    // 007: its Blocked dependency row holds all 24 open tasks.
    expect(row("007-wholesale-subscriptions")).toMatch(
      /Tasked\s*0\s*24\s*blocked by Live-mode off-session payments/,
    );
    // 003: T020–T022 open in Phase 3; T028 T029 T030 T031 T033 T034 T035 wait.
    expect(row("003-checkout-flow")).toMatch(/Implementing\s*3\s*7\s*next T020, T021, T022/);
    expect(Buffer.byteLength(html)).toBeLessThan(300_000);
  });

  it("lists files that tasks of two features name, linking both tasks", () => {
    const html = read("plans/pipeline/index.html");
    const overlaps = [...html.matchAll(/<li class="overlap" data-path="([^"]+)"/g)].map(
      (m) => m[1],
    );
    // `grep` over specs/*/tasks.md: confirm.saga.ts in 003 T013 and 007 T007; orders.ts in 003
    // T017 and 006 T017; `apps/storefront/src/app/(shop)/orders/[id]/page.tsx` in 003 T031 and
    // 006 T018 (route folders in brackets are path segments).
    expect(overlaps).toEqual([
      "apps/storefront/src/app/(shop)/orders/[id]/page.tsx",
      "services/checkout/src/saga/confirm.saga.ts",
      "services/orders/src/routes/orders.ts",
    ]);
    const saga = html.slice(html.indexOf('data-path="services/checkout/src/saga/confirm.saga.ts"'));
    expect(saga).toContain(
      'href="/plans/003-checkout-flow/tasks/#phase-3-user-story-1---wholesale-buyer-places-an-order-p1--mvp:~:text=T013"',
    );
    expect(saga).toContain('href="/plans/007-wholesale-subscriptions/tasks/');
    expect(textOf(saga.split("</li></ul></li>")[0]!)).toMatch(/T013 done in Checkout Flow/);
    // The complete list, on its own page: one link per feature to its tasks page.
    const all = read("plans/pipeline/overlaps/index.html");
    expect([...all.matchAll(/<li data-path="([^"]+)"/g)].map((m) => m[1])).toEqual(overlaps);
    expect(all).toContain(
      '<a href="/plans/006-shipping-labels/tasks/">006-shipping-labels</a> T017',
    );
  });

  it("leaves no broken link or anchor on the new views", () => {
    const broken = brokenLinks(dist, "/").filter(
      (b) => b.page.startsWith("plans/pipeline/") || b.href.includes(":~:"),
    );
    expect(broken).toEqual([]);
  });
});
