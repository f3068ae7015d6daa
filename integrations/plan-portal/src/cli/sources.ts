import path from "node:path";
import { catalogError, InvalidArguments } from "../errors.ts";
import { findConfigFile, loadConfigFile } from "../sources/config-file.ts";
import type { ConfigFile } from "../sources/schema.ts";

/**
 * The sources config a command runs on: the file `--config` names, else plan-portal.config.json
 * or .mjs in the current folder when no folders are named; null: the named (or default) folders.
 */
export async function sourcesConfig(
  option: string | undefined,
  positionals: string[],
  cwd: string,
): Promise<ConfigFile | null> {
  if (option !== undefined && positionals.length > 0) {
    throw catalogError(
      InvalidArguments,
      `--config ${option} lists the sources, so folders (${positionals.join(", ")}) cannot be given too`,
    );
  }
  const file =
    option !== undefined
      ? path.resolve(cwd, option)
      : positionals.length
        ? null
        : findConfigFile(cwd);
  return file === null ? null : loadConfigFile(file, cwd);
}
