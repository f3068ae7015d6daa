import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";

/**
 * Last change of each file: the date of the last commit that touched it (one `git log` for all
 * roots), else the file's modification time. A fresh clone's mtimes are the clone's time, so git
 * is asked first.
 */
export function lastChanges(files: string[], roots: string[]): Map<string, string> {
  const dates = new Map<string, string>();
  try {
    const top = execFileSync("git", ["rev-parse", "--show-toplevel"], {
      cwd: roots[0],
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
    const log = execFileSync(
      "git",
      ["log", "--format=%x00%cI", "--name-only", "--no-renames", "--", ...roots],
      {
        cwd: top,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    let current = "";
    for (const line of log.split("\n")) {
      if (line.startsWith("\0")) current = line.slice(1, 11);
      else if (line && current) {
        const abs = path.join(top, line);
        if (!dates.has(abs)) dates.set(abs, current);
      }
    }
  } catch {
    // Not a git checkout, or git is missing: modification times below.
  }
  for (const file of files) {
    if (dates.has(file)) continue;
    try {
      dates.set(file, statSync(file).mtime.toISOString().slice(0, 10));
    } catch {
      // Unreadable: no date.
    }
  }
  return dates;
}
