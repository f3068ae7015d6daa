import { describe, expect, it } from "vitest";
import { parseDate } from "../src/check/dates.ts";

/** Dates as plans write them in the languages real plans use; every expected value is by hand. */
describe("parseDate", () => {
  it.each([
    ["2026-03-05", "2026-03-05"],
    ["2026/3/5", "2026-03-05"],
    ["2026年3月5日", "2026-03-05"],
    ["2026 年 3 月 5 日", "2026-03-05"],
    ["2026년 3월 5일", "2026-03-05"],
    ["05.03.2026", "2026-03-05"],
    ["5. März 2026", "2026-03-05"],
    ["5 de marzo de 2026", "2026-03-05"],
    ["5 de março de 2026", "2026-03-05"],
    ["1er mars 2026", "2026-03-01"],
    ["5 marzo 2026", "2026-03-05"],
    ["5 maart 2026", "2026-03-05"],
    ["5 Mar 2026", "2026-03-05"],
    ["March 5th, 2026", "2026-03-05"],
    ["Sept. 30, 2026", "2026-09-30"],
    ["30 de setembro de 2026 (revisado)", "2026-09-30"],
    ["12 dic 2026", "2026-12-12"],
  ])("reads %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    ["next sprint"],
    ["2026-02-30"],
    ["31.04.2026"],
    // Day and month cannot be told apart.
    ["03/05/2026"],
    ["March 2026"],
    ["Phase 2 items 2026"],
  ])("does not read %s", (text) => {
    expect(parseDate(text)).toBeNull();
  });
});
