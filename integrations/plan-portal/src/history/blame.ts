/** Per line of a file (1-based): the commit that last wrote it and that commit's author time. */
export interface BlameLine {
  /** null: not committed yet. */
  commit: string | null;
  /** Author time, seconds since the epoch. */
  time: number;
}

const UNCOMMITTED = /^0+$/;

/**
 * Parses `git blame --porcelain`: each line's header (`<hash> <orig> <final> [<count>]`), the
 * commit's fields the first time it appears (`author-time …`), then the line itself after a tab.
 */
export function parseBlame(text: string): Map<number, BlameLine> {
  const times = new Map<string, number>();
  const lines = new Map<number, BlameLine>();
  let hash = "";
  let final = 0;
  for (const row of text.split("\n")) {
    if (row.startsWith("\t")) {
      lines.set(final, {
        commit: UNCOMMITTED.test(hash) ? null : hash,
        time: times.get(hash) ?? 0,
      });
      continue;
    }
    const header = /^([0-9a-f]{40,64}) \d+ (\d+)/.exec(row);
    if (header) {
      hash = header[1]!;
      final = Number(header[2]);
    } else if (row.startsWith("author-time ")) {
      times.set(hash, Number(row.slice("author-time ".length)));
    }
  }
  return lines;
}
