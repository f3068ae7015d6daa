import { sha1 } from "../cache/disk-cache.ts";
import { parsePlan, type ParseOptions } from "../parse/index.ts";
import type { Plan } from "../parse/types.ts";
import { planChange } from "./diff.ts";
import type { FolderCommit } from "./log.ts";
import type { Reader } from "./read.ts";
import type { ChangelogEntry } from "./types.ts";

/** How many of a plan's newest commits get a changelog entry. */
export const CHANGELOG_LIMIT = 30;

const FILES = ["plan.md", "spec.md", "tasks.md"] as const;

/**
 * `git cat-file --batch` for `specs` (`REV:path` each): every object in one process. Output is
 * latin1 (see GitRunner), so sizes are counted in bytes and each text decoded as UTF-8 after.
 */
export function readBlobs(reader: Reader, specs: string[]): (string | null)[] {
  const out = reader.git(reader.repo.top, ["cat-file", "--batch"], specs.join("\n") + "\n");
  const texts: (string | null)[] = [];
  let at = 0;
  for (let i = 0; i < specs.length; i++) {
    const eol = out.indexOf("\n", at);
    const header = out.slice(at, eol);
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      texts.push(null); // `… missing`: not in that revision
      continue;
    }
    const size = Number(m[2]);
    texts.push(
      m[1] === "blob" ? Buffer.from(out.slice(at, at + size), "latin1").toString("utf8") : null,
    );
    at += size + 1;
  }
  return texts;
}

/** The plan as its folder held it in one revision (null: no plan.md there). */
function parsedAt(source: Plan, texts: (string | null)[], parse: ParseOptions): Plan | null {
  const [plan, spec, tasks] = texts;
  if (plan === null || plan === undefined) return null;
  return parsePlan(
    {
      id: source.id,
      folder: source.folder,
      number: source.number,
      path: source.path,
      group: source.group,
      text: plan,
      problems: [],
      siblings: source.siblings,
      tasksText: tasks ?? null,
      specText: spec ?? null,
    },
    parse,
  );
}

/**
 * What each of the plan's newest commits changed in its model: the folder's plan.md, spec.md and
 * tasks.md parsed at the commit and at the plan's commit before it (read in one `cat-file
 * --batch`), compared. Cached by the commits and folder names involved, so a new commit to the
 * plan reads it again once and other plans not at all.
 */
export function readChangelog(
  reader: Reader,
  plan: Plan,
  commits: FolderCommit[],
  parse: ParseOptions,
): ChangelogEntry[] {
  const states = commits.slice(0, CHANGELOG_LIMIT + 1);
  if (states.length === 0) return [];
  const key = sha1(
    `changelog\0${reader.repo.commonDir}\0${plan.path}\0${states.map((s) => `${s.commit.hash}:${s.folder}`).join("\0")}`,
  );
  const hit = reader.cache.get(key);
  if (hit?.kind === "changelog") return hit.entries;
  const specs = states.flatMap((s) => FILES.map((f) => `${s.commit.hash}:${s.folder}/${f}`));
  const blobs = readBlobs(reader, specs);
  const parsed = states.map((_, i) => parsedAt(plan, blobs.slice(i * 3, i * 3 + 3), parse));
  const entries: ChangelogEntry[] = [];
  for (let i = 0; i < Math.min(states.length, CHANGELOG_LIMIT); i++) {
    const after = parsed[i];
    if (!after) continue; // the folder had no plan.md yet
    // Past the last state read there is no "before": that is the folder's first commit.
    const before = i + 1 < states.length ? (parsed[i + 1] ?? null) : null;
    entries.push({ ...states[i]!.commit, change: planChange(before, after) });
  }
  reader.cache.set(key, { kind: "changelog", entries });
  return entries;
}
