import { readFileSync } from "node:fs";
import { sha1 } from "../cache/disk-cache.ts";

/** Where the markdown a processor got starts inside the doc's file (0, 0: the same text). */
interface BodyStart {
  lines: number;
  columns: number;
}

/** The last answer per doc, by a hash of the text it was for (one small entry per doc). */
const known = new Map<string, { source: string; start: BodyStart }>();

/**
 * Astro's content layer renders a collection entry's body: the file without its frontmatter, and
 * trimmed. Positions in that text are off by the lines before it, so a directive's error would
 * name the wrong line of the doc; this is how far off (found by locating the body in the file).
 */
export function bodyStart(file: string, source: string): BodyStart {
  const digest = sha1(source);
  const cached = known.get(file);
  if (cached?.source === digest) return cached.start;
  let start: BodyStart = { lines: 0, columns: 0 };
  try {
    const text = readFileSync(file, "utf8");
    // The body ends the file (only whitespace after it): its last occurrence is the body itself.
    const at = source && text !== source ? text.lastIndexOf(source) : -1;
    if (at > 0) {
      const before = text.slice(0, at);
      const lines = before.split("\n").length - 1;
      start = { lines, columns: at - (before.lastIndexOf("\n") + 1) };
    }
  } catch {
    // Unreadable now: keep the processor's positions.
  }
  known.set(file, { source: digest, start });
  return start;
}
