import path from "node:path";
import { z } from "zod";
import { didYouMean } from "../util/suggest.ts";

/**
 * Where plans come from when a portal spans several repositories: `sources` in
 * plan-portal.config.{json,mjs} (the CLI) and in `planPortal({ sources })` (the integration), one
 * shape for both. A source is a local folder (`path`) or a git repository (`git`: a URL or a path),
 * with the specs folders inside it and the repository's name.
 */

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const specsFolder = z
  .string()
  .min(1)
  .refine((p) => !path.isAbsolute(p) && !p.split(/[\\/]/).includes(".."), {
    message: 'must be a folder inside the repository, written relative to it, e.g. "specs"',
  });

const SourceObject = z
  .object({
    /** The repository's name: prefixes plan ids (`shop/003-x`) and names it in `shop:003-x`. */
    name: z
      .string()
      .regex(
        NAME,
        'must be letters, digits, ".", "-" or "_", starting with a letter or digit, e.g. "shop"',
      )
      .optional(),
    /** A local folder (relative to the config file, or to the project root in astro.config). */
    path: z.string().min(1).optional(),
    /** A git repository: an URL (`https://…`, `git@host:org/repo.git`) or a local path. */
    git: z.string().min(1).optional(),
    /** Branch, tag or commit of a git source; default: the remote's default branch. */
    ref: z
      .string()
      .min(1)
      // Passed to `git fetch` as an argument: a leading "-" would be read as an option.
      .refine((r) => !r.startsWith("-"), {
        message: 'must be a branch, tag or commit name, which never starts with "-", e.g. "main"',
      })
      .optional(),
    /** Specs folders inside the source (default `["specs"]`). */
    specs: z
      .union([specsFolder, z.array(specsFolder).min(1)], {
        error: 'must be a folder inside the repository, or a list of them, e.g. ["specs"]',
      })
      .default(["specs"])
      .transform((s) => (typeof s === "string" ? [s] : s)),
    /** Where a plan of this source is edited: its path in the repository is appended. */
    editUrl: z.url({ protocol: /^https?$/ }).optional(),
  })
  .strict();

/** The name a source gets when it gives none: its folder's or its repository's. */
export function defaultName(source: {
  path?: string | undefined;
  git?: string | undefined;
}): string {
  const from = (source.path ?? source.git ?? "").replace(/[\\/]+$/, "");
  return path.basename(from.replace(/^.*:/, "")).replace(/\.git$/, "");
}

export const SourceSchema = SourceObject.superRefine((s, ctx) => {
  if ((s.path === undefined) === (s.git === undefined)) {
    ctx.addIssue({
      code: "custom",
      message:
        s.path === undefined
          ? 'needs "path" (a local folder) or "git" (a repository URL or path)'
          : 'has both "path" and "git": keep "path" for a folder read as it is, or "git" to clone it',
    });
  }
  if (s.ref !== undefined && s.git === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["ref"],
      message: 'only a "git" source has a ref; remove it, or write "git" instead of "path"',
    });
  }
  if (s.name === undefined && !NAME.test(defaultName(s))) {
    ctx.addIssue({
      code: "custom",
      path: ["name"],
      message: 'cannot be derived from the path; give the source a "name", e.g. "shop"',
    });
  }
}).transform((s) => ({ ...s, name: s.name ?? defaultName(s) }));

export const SourcesSchema = z
  .array(SourceSchema)
  .min(1, "must list at least one source")
  .superRefine((sources, ctx) => {
    const seen = new Map<string, number>();
    sources.forEach((s, i) => {
      // zod runs this check even when a source failed its own (its name then is not set):
      // that source's own issue is reported, the duplicate check skips it.
      if (typeof s.name !== "string") return;
      const first = seen.get(s.name.toLowerCase());
      if (first === undefined) seen.set(s.name.toLowerCase(), i);
      else
        ctx.addIssue({
          code: "custom",
          path: [i, "name"],
          message: `"${s.name}" is also the name of sources.${first}: give each source its own "name" (plan ids and references use it)`,
        });
    });
  });

/** plan-portal.config.{json,mjs}: the sources, and the portal's title. */
export const ConfigFileSchema = z
  .object({
    sources: SourcesSchema,
    title: z.string().min(1).optional(),
  })
  .strict();

export type SourceInput = z.input<typeof SourceSchema>;
export type Source = z.output<typeof SourceSchema>;
export type ConfigFile = z.output<typeof ConfigFileSchema>;

/** Keys people write for a source's keys, from other tools' configs. */
const ALIASES: Record<string, string> = {
  url: "git",
  repo: "git",
  repository: "git",
  folder: "path",
  dir: "path",
  branch: "ref",
  tag: "ref",
  specsDir: "specs",
};
const SOURCE_KEYS = Object.keys(SourceObject.shape);

function unknownKey(key: string): string {
  const instead = ALIASES[key] ?? didYouMean(key, SOURCE_KEYS);
  return `"${key}"${instead ? ` (write "${instead}" instead)` : ""}`;
}

/** zod issues as lines `  - sources.1.ref: what to write instead`. */
export function issueLines(
  issues: readonly z.core.$ZodIssue[],
  prefix: (string | number)[] = [],
): string {
  return issues
    .map((issue) => {
      const where = [...prefix, ...issue.path].map(String).join(".") || "(config)";
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map(unknownKey).join(", ")}`
          : issue.message;
      return `  - ${where}: ${message}`;
    })
    .join("\n");
}
