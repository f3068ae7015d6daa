import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { catalogError } from "../errors.ts";
import { ConfigFileInvalid, ConfigFileNotFound, ConfigFileUnreadable } from "./errors.ts";
import { URL_LIKE } from "./git.ts";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { ConfigFileSchema, issueLines, type ConfigFile, type Source } from "./schema.ts";

/** Looked for in the current folder, in this order, when the command names no folders. */
export const CONFIG_FILES = ["plan-portal.config.json", "plan-portal.config.mjs"] as const;

export function findConfigFile(cwd: string): string | null {
  for (const name of CONFIG_FILES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * `:line:column` of the first mistake in JSON text, or "": V8's JSON.parse names a position only
 * for some mistakes ("Unexpected token ']'" has none), so jsonc-parser (strict: no comments, no
 * trailing commas) locates it; JSON.parse still parses and words the message.
 */
export function jsonPosition(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return "";
  const before = text.slice(0, first.offset);
  return `:${before.split("\n").length}:${first.offset - before.lastIndexOf("\n")}`;
}

async function readConfig(file: string, shown: string): Promise<unknown> {
  if (file.endsWith(".json")) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw catalogError(ConfigFileUnreadable, shown, (error as Error).message);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      // V8 quotes the whole text after the first clause (`Unexpected token ']', "{ …" is not …`).
      const message = (error as Error).message.replace(/, (\.\.\.)?".*$/s, "");
      throw catalogError(ConfigFileUnreadable, shown + jsonPosition(text), `not JSON (${message})`);
    }
  }
  try {
    const loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (loaded.default === undefined) throw new Error("it has no default export");
    return loaded.default;
  } catch (error) {
    throw catalogError(ConfigFileUnreadable, shown, (error as Error).message);
  }
}

/** Paths in the file are relative to its folder: made absolute, so every host reads them alike. */
function absolute(source: Source, dir: string): Source {
  return {
    ...source,
    ...(source.path !== undefined ? { path: path.resolve(dir, source.path) } : {}),
    ...(source.git !== undefined && !URL_LIKE.test(source.git)
      ? { git: path.resolve(dir, source.git) }
      : {}),
  };
}

/** The config file, validated: each wrong key is named with what to write instead. */
export async function loadConfigFile(file: string, cwd: string): Promise<ConfigFile> {
  const shown = path.relative(cwd, file) || file;
  if (!existsSync(file)) throw catalogError(ConfigFileNotFound, shown);
  const parsed = ConfigFileSchema.safeParse(await readConfig(file, shown));
  if (!parsed.success)
    throw catalogError(ConfigFileInvalid, shown, issueLines(parsed.error.issues));
  const dir = path.dirname(file);
  return { ...parsed.data, sources: parsed.data.sources.map((s) => absolute(s, dir)) };
}
