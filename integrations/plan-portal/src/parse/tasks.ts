import type { TasksProgress } from "./types.ts";

/** Checkbox progress of tasks.md: `- [x]` done, `- [ ]` open; checkboxes inside code fences ignored. */
export function parseTasksProgress(text: string): TasksProgress {
  let done = 0;
  let total = 0;
  let fence: string | null = null;
  for (const line of text.split("\n")) {
    if (!line.includes("[") && !line.includes("`") && !line.includes("~")) continue;
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const m = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]/.exec(line);
    if (!m) continue;
    total++;
    if (m[1] !== " ") done++;
  }
  return { done, total };
}
