import type { Task } from "../parse/types.ts";
import type { Heading } from "./render-cache.ts";

/** One phase of tasks.md (the heading its tasks sit under) and how far it is. */
export interface PhaseProgress {
  title: string;
  /** Anchor of the phase's heading on the tasks page, when the page has it. */
  slug: string | null;
  done: number;
  /** Tasks counted: done and open (skipped ones are neither). */
  total: number;
}

/** Tasks grouped by phase, in the order tasks.md lists the phases; tasks before any heading: "Tasks". */
export function phaseProgress(tasks: Task[], headings: Heading[]): PhaseProgress[] {
  const phases = new Map<string, PhaseProgress>();
  for (const task of tasks) {
    if (task.skipped) continue;
    const title = task.phase?.title ?? "Tasks";
    let phase = phases.get(title);
    if (!phase) {
      const heading = headings.find((h) => h.text.trim() === title.trim());
      phase = { title, slug: heading?.slug ?? null, done: 0, total: 0 };
      phases.set(title, phase);
    }
    phase.total++;
    if (task.done) phase.done++;
  }
  return [...phases.values()];
}

/**
 * Task list items of the rendered tasks.md marked done or open (`task-done` / `task-open`), from
 * their checkbox (the sanitizer writes it `disabled`, `checked` when done), so the page can tell
 * them apart beyond the box and show open ones only.
 */
export function markTaskItems(html: string): string {
  return html.replace(
    /<li class="task-list-item">(\s*<input\b[^>]*>)/g,
    (_, box: string) =>
      `<li class="task-list-item ${/\schecked\b/.test(box) ? "task-done" : "task-open"}">${box}`,
  );
}
