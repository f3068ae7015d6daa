import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesceRebuilds } from "../src/dev/watch.ts";

/** A rebuild that records what it was asked to do and finishes only when the test says so. */
function controlledRebuild() {
  const calls: string[][] = [];
  const finishers: (() => void)[] = [];
  const rebuild = (files: string[]) => {
    calls.push(files);
    return new Promise<void>((resolve) => finishers.push(resolve));
  };
  /** Finish the oldest unfinished rebuild and let what follows it run. */
  const finish = async () => {
    finishers.shift()!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { calls, rebuild, finish, running: () => finishers.length };
}

describe("dev rebuilds after saves", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("turns saves within the debounce into one rebuild", async () => {
    const r = controlledRebuild();
    const changed = coalesceRebuilds(r.rebuild, 30);
    for (let i = 0; i < 20; i++) {
      changed(`/specs/001-a/plan.md`);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(r.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(30);
    expect(r.calls).toEqual([["/specs/001-a/plan.md"]]);
  });

  it("runs one rebuild at a time and, after a burst during it, exactly one more", async () => {
    const r = controlledRebuild();
    const changed = coalesceRebuilds(r.rebuild, 30);
    changed("/specs/001-a/plan.md");
    await vi.advanceTimersByTimeAsync(30);
    expect(r.calls).toHaveLength(1);

    // 20 saves, each past the debounce, while the first rebuild is still running.
    for (let i = 0; i < 20; i++) {
      changed(i % 2 ? "/specs/001-a/plan.md" : "/specs/002-b/spec.md");
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(r.calls).toHaveLength(1);
    expect(r.running()).toBe(1);

    await r.finish();
    // One rebuild for everything saved meanwhile; it reads the files as they are now.
    expect(r.calls).toHaveLength(2);
    expect(r.calls[1]!.sort()).toEqual(["/specs/001-a/plan.md", "/specs/002-b/spec.md"]);
    await r.finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(r.calls).toHaveLength(2);
    expect(r.running()).toBe(0);
  });

  it("waits for the debounce of a save made just before the running rebuild ends", async () => {
    const r = controlledRebuild();
    const changed = coalesceRebuilds(r.rebuild, 30);
    changed("/specs/001-a/plan.md");
    await vi.advanceTimersByTimeAsync(30);
    changed("/specs/001-a/plan.md");
    await vi.advanceTimersByTimeAsync(10);
    await r.finish();
    // The editor may still be writing: the next rebuild starts once its debounce has passed.
    expect(r.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(20);
    expect(r.calls).toHaveLength(2);
  });
});
