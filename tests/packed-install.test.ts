import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packPackage } from "../integrations/plan-portal/scripts/pack.js";
import { findChromium } from "../integrations/plan-portal/src/diagrams/render-svg.ts";
import {
  freshFolder,
  readmeBlocks,
  readmeCommands,
  repo,
  serve,
  sh,
  type Ran,
} from "./helpers/packed.ts";

// The package as a user gets it: packed, installed from the tarball into folders outside the
// workspace, run with the workspace's Node 22 and nothing of the workspace on PATH. The commands
// are the README's "Install in your repository" blocks, read from the README itself.

const specs = path.join(repo, "tests", "fixtures", "diagram-specs");
const chromium = findChromium();
const folders: string[] = [];
let tarball = "";

beforeAll(() => {
  tarball = (packPackage as () => string)();
}, 120_000);
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })), 120_000);

function project(name: string, files: Record<string, string> = {}): string {
  const dir = freshFolder(name);
  folders.push(dir);
  cpSync(specs, path.join(dir, "specs"), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

function ok(result: Ran, line: string): Ran {
  if (result.code !== 0 && result.code !== 1) {
    throw new Error(`${line} exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

interface Finding {
  ruleId: string;
  line: number;
  column: number;
  message: string;
}
const mermaidFindings = (report: { plans: { id: string; findings: Finding[] }[] }) =>
  report.plans
    .flatMap((p) => p.findings.map((f) => ({ plan: p.id, ...f })))
    .filter((f) => f.ruleId === "mermaid-syntax")
    .map((f) => `${f.plan}:${f.line}:${f.column} ${f.message}`)
    .sort();

describe("installed from the packed tarball", () => {
  it("a bare repository: check (stylish, json, sarif), build and preview", async () => {
    const commands = readmeCommands("A repository with only specs/");
    expect(commands).toEqual([
      "npm init -y",
      "npm install --save-dev plan-portal astro",
      "npx plan-portal check specs",
      "npx plan-portal check specs --format json",
      "npx plan-portal check specs --format sarif",
      "npx plan-portal build specs",
      "npx plan-portal preview",
    ]);
    const dir = project("bare");
    const [init, install, stylish, json, sarif, build, preview] = commands as [string, ...string[]];
    expect(sh(init, dir, tarball).code).toBe(0);
    const installed = sh(install!, dir, tarball);
    expect(installed.code, installed.stderr).toBe(0);
    // A real copy, not a link into the workspace.
    expect(existsSync(path.join(dir, "node_modules", "plan-portal", "dist", "index.js"))).toBe(
      true,
    );
    expect(existsSync(path.join(dir, "node_modules", "plan-portal", "src"))).toBe(false);

    // Node older than 22.12 (the machine's own Node 20, when present): one line and exit 2.
    const oldNode = ["/usr/bin/node", "/usr/local/bin/node"].find((n) => existsSync(n));
    const oldVersion = oldNode
      ? spawnSync(oldNode, ["--version"], { encoding: "utf8" }).stdout
      : "";
    if (oldNode && /^v(1\d|20|21|22\.([0-9]|1[01]))\./.test(oldVersion)) {
      const bin = path.join(dir, "node_modules", "plan-portal", "bin", "plan-portal.js");
      const old = spawnSync(oldNode, [bin, "check", "specs"], { cwd: dir, encoding: "utf8" });
      expect(old.status).toBe(2);
      expect(old.stderr).toContain(
        `plan-portal: needs Node.js 22.12 or newer (this is ${oldVersion.trim()}).`,
      );
      expect(old.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }

    const human = ok(sh(stylish!, dir, tarball), stylish!);
    expect(human.code).toBe(1); // 02-broken-diagram has a mermaid-syntax error
    expect(human.stdout).toContain("specs/02-broken-diagram/plan.md");
    expect(human.stdout).toContain("mermaid-syntax");
    expect(human.stderr).toBe("");

    const report = JSON.parse(ok(sh(json!, dir, tarball), json!).stdout);
    expect(report.version).toBe(1);
    expect(report.plans.map((p: { id: string }) => p.id).sort()).toEqual([
      "01-with-diagrams",
      "02-broken-diagram",
      "03-no-diagram",
    ]);
    expect(mermaidFindings(report)).toHaveLength(1);

    const sarifLog = JSON.parse(ok(sh(sarif!, dir, tarball), sarif!).stdout);
    expect(sarifLog.version).toBe("2.1.0");
    expect(
      sarifLog.runs[0].results.some((r: { ruleId: string }) => r.ruleId === "mermaid-syntax"),
    ).toBe(true);

    const built = sh(build!, dir, tarball);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(existsSync(path.join(dir, "plan-portal-dist", "index.html"))).toBe(true);
    expect(existsSync(path.join(dir, "plan-portal-dist", "pagefind", "pagefind.js"))).toBe(true);

    const served = await serve(preview!, dir, "/01-with-diagrams/");
    try {
      expect(served.body).toContain("Label printing");
    } finally {
      await served.stop();
    }
  }, 300_000);

  it("an Astro site: astro build with planPortal() (search, diagrams, findings as check), astro dev", async () => {
    const commands = readmeCommands("An Astro site");
    expect(commands).toEqual([
      "npm install --save-dev plan-portal",
      "npx astro build",
      "npx astro dev",
    ]);
    const [config] = readmeBlocks("An Astro site", "js");
    const dir = project("astro", {
      // An existing Astro 7 site: its own page and astro as a dependency already.
      "package.json": JSON.stringify({
        name: "my-site",
        private: true,
        type: "module",
        dependencies: { astro: "^7.3.0" },
      }),
      "astro.config.mjs": config!,
      "src/pages/index.astro": "<html><body><h1>My site</h1></body></html>\n",
    });
    const [install, build, dev] = commands as [string, string, string];
    const installed = sh(install, dir, tarball);
    expect(installed.code, installed.stderr).toBe(0);

    const built = sh(build, dir, tarball);
    const log = built.stdout + built.stderr;
    expect(built.code, log).toBe(0);
    const dist = path.join(dir, "dist");
    expect(existsSync(path.join(dist, "plans", "pagefind", "pagefind.js")), log).toBe(true);
    const plan = readFileSync(path.join(dist, "plans", "01-with-diagrams", "index.html"), "utf8");
    if (chromium) {
      expect(log).not.toMatch(/Chromium/i);
      expect(plan).toContain("<svg");
    } else {
      console.warn(
        "\n!!! PACKED INSTALL: no Chromium, so SVG at build is not tested. Install it (apt-get install -y chromium).\n",
      );
    }
    // The build validates diagrams with mermaid exactly as check does.
    const fromBuild = JSON.parse(readFileSync(path.join(dist, "plans", "plans.json"), "utf8"));
    const fromCheck = JSON.parse(
      sh("npx plan-portal check specs --format json", dir, tarball).stdout,
    );
    expect(mermaidFindings(fromBuild)).toEqual(mermaidFindings(fromCheck));
    expect(mermaidFindings(fromBuild)).toHaveLength(1);

    const served = await serve(dev, dir, "/plans/02-broken-diagram/");
    try {
      expect(served.body).toContain("Broken diagram");
    } finally {
      await served.stop();
    }
  }, 300_000);
  it("a Starlight site: portal in Starlight's frame, docs follow plan edits and fail on a deleted plan", async () => {
    const commands = readmeCommands("A Starlight site");
    expect(commands).toEqual([
      "npm install --save-dev plan-portal",
      "npx astro build",
      "npx plan-portal check specs",
    ]);
    const [config] = readmeBlocks("A Starlight site", "js");
    const doc = "---\ntitle: Guide\n---\n\nStart with :plan[01-with-diagrams].\n";
    const dir = project("starlight", {
      "package.json": JSON.stringify({
        name: "my-docs",
        private: true,
        type: "module",
        dependencies: { astro: "^7.3.0", "@astrojs/starlight": "^0.42.0" },
      }),
      "astro.config.mjs": config!,
      "src/content.config.ts": [
        'import { defineCollection } from "astro:content";',
        'import { docsLoader } from "@astrojs/starlight/loaders";',
        'import { docsSchema } from "@astrojs/starlight/schema";',
        "export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };",
        "",
      ].join("\n"),
      "src/content/docs/index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
      "src/content/docs/guide.md": doc,
    });
    const [install, build, check] = commands as [string, string, string];
    const installed = sh(install, dir, tarball);
    expect(installed.code, installed.stderr).toBe(0);

    const first = sh(build, dir, tarball);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    const dist = path.join(dir, "dist");
    const read = (page: string) => readFileSync(path.join(dist, page, "index.html"), "utf8");
    // The portal's pages in Starlight's frame, with the Plans group in its sidebar.
    const index = read("plans");
    expect(index).toContain("sl-sidebar");
    expect(index).toMatch(/<summary[^>]*>[\s\S]*?Plans[\s\S]*?<\/summary>/);
    expect(read("guide")).toContain("Label printing");
    // One search index (Starlight's), holding the docs and the portal's pages.
    expect(existsSync(path.join(dist, "pagefind", "pagefind.js"))).toBe(true);
    expect(existsSync(path.join(dist, "plans", "pagefind"))).toBe(false);

    // A changed title reaches the doc on the next plain build (no --force).
    const planFile = path.join(dir, "specs", "01-with-diagrams", "plan.md");
    const plan = readFileSync(planFile, "utf8");
    writeFileSync(
      planFile,
      plan.replace(
        "Implementation Plan: Label printing",
        "Implementation Plan: Label printer fleet",
      ),
    );
    const second = sh(build, dir, tarball);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(read("guide")).toContain("Label printer fleet");

    // A deleted plan fails the build and check at the doc's line.
    rmSync(path.join(dir, "specs", "01-with-diagrams"), { recursive: true });
    const third = sh(build, dir, tarball);
    expect(third.code).not.toBe(0);
    expect(third.stdout + third.stderr).toContain("src/content/docs/guide.md:5:");
    const checked = sh(check, dir, tarball);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain("src/content/docs/guide.md");
    expect(checked.stdout).toMatch(/5:12\s+error[^\n]*01-with-diagrams[^\n]*doc-directive/);
  }, 400_000);
});
