import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { catalogError, InvalidArguments, OutDirNotOurs } from "../errors.ts";
import { FragmentNotFound } from "../federation/errors.ts";
import { readFolderFragment, readUrlFragment, type Fragment } from "../federation/fragment.ts";
import { federate, isFolder } from "../federation/org.ts";

export const FEDERATE_HELP = `Usage: plan-portal federate <fragment> ... [--out DIR] [--title T]

Build an organisation portal from portal fragments, without reading any plan again. A fragment is
what \`plan-portal build --fragment NAME\` writes in a repository (its portal below /NAME/, its
plans.json and search index, and plan-portal-fragment.json): a folder, or the URL it is published
at. Folders are copied in; URL fragments are linked and searched where they are served.

Options:
  --out DIR     Where to write the organisation portal (default: plan-portal-org)
  --title T     Its title (default: Plan Portal)
  -h, --help    Show this help
`;

const OPTIONS = {
  out: { type: "string", default: "plan-portal-org" },
  title: { type: "string", default: "Plan Portal" },
  help: { type: "boolean", short: "h", default: false },
} satisfies ParseArgsOptionsConfig;

/** Marks an output folder as ours, so the next federate may replace it. */
const MARKER = ".plan-portal-federate";

async function readFragment(where: string, cwd: string): Promise<Fragment> {
  if (/^https?:\/\//i.test(where)) return readUrlFragment(where);
  const dir = path.resolve(cwd, where);
  if (!isFolder(dir)) throw catalogError(FragmentNotFound, where, "no such folder");
  return readFolderFragment(dir, where);
}

export async function runFederate(argv: string[], cwd: string): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: OPTIONS,
  });
  if (values.help) {
    process.stdout.write(FEDERATE_HELP);
    return 0;
  }
  if (positionals.length === 0) {
    throw catalogError(
      InvalidArguments,
      "federate needs at least one fragment (a folder or an URL)",
    );
  }
  const fragments: Fragment[] = [];
  for (const where of positionals) fragments.push(await readFragment(where, cwd));
  const outDir = path.resolve(cwd, values.out);
  if (
    existsSync(outDir) &&
    readdirSync(outDir).length > 0 &&
    !existsSync(path.join(outDir, MARKER))
  ) {
    throw catalogError(OutDirNotOurs, outDir);
  }
  rmSync(outDir, { recursive: true, force: true });
  const result = federate(fragments, outDir, values.title);
  writeFileSync(
    path.join(outDir, MARKER),
    "Written by plan-portal federate; the next run replaces this folder.\n",
  );
  process.stdout.write(
    `Organisation portal written to ${path.relative(cwd, outDir) || "."}/: ${result.plans} plans from ${result.repositories} repositories (${result.copied} copied, ${result.linked} linked).\n`,
  );
  return 0;
}
