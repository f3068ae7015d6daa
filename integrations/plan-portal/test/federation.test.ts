import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readFolderFragment, type Fragment } from "../src/federation/fragment.ts";
import { federate } from "../src/federation/org.ts";
import {
  orgIndexHtml,
  orgPages,
  repositoryPageHtml,
  type OrgRepository,
} from "../src/federation/page.ts";

const work = mkdtempSync(path.join(tmpdir(), "plan-portal-federation-unit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A folder fragment with one plan and the given files beside its portal. */
function fragment(
  name: string,
  pagefind: string | null,
  files: Record<string, string> = {},
  planFields: Record<string, unknown> = {},
): Fragment {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, name), { recursive: true });
  const plan = {
    id: "001-a",
    path: "specs/001-a/plan.md",
    title: `A <b>${name}</b>`,
    status: "draft",
    score: 50,
    openQuestions: [],
    ...planFields,
  };
  writeFileSync(path.join(dir, name, "plans.json"), JSON.stringify({ version: 1, plans: [plan] }));
  const manifest = {
    fragment: 1,
    name,
    title: name,
    generated: "2026-06-01",
    portal: `/${name}/`,
    pagefind,
  };
  writeFileSync(path.join(dir, "plan-portal-fragment.json"), JSON.stringify(manifest));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return readFolderFragment(dir, dir);
}

describe("federate", () => {
  it("refuses fragments indexed by two Pagefind versions, naming the odd one", () => {
    const a = fragment("a", "1.6.0");
    const b = fragment("b", "1.5.0");
    expect(() => federate([a, b], path.join(work, "out-versions"), "T")).toThrow(
      `The portal fragment at ${b.where} cannot be used: its search index is Pagefind 1.5.0, the others' 1.6.0; Pagefind merges indexes of one version only.`,
    );
  });

  it("shares an asset two fragments hold byte for byte, and refuses one they hold differently", () => {
    const same = [
      fragment("c", null, { "_astro/x.css": "a{}" }),
      fragment("d", null, { "_astro/x.css": "a{}" }),
    ];
    expect(federate(same, path.join(work, "out-same"), "T")).toEqual({
      repositories: 2,
      plans: 2,
      copied: 2,
      linked: 0,
    });
    const clash = [
      fragment("e", null, { "_astro/y.css": "a{}" }),
      fragment("f", null, { "_astro/y.css": "b{}" }),
    ];
    expect(() => federate(clash, path.join(work, "out-clash"), "T")).toThrow(
      '_astro/y.css is in the fragments "e" and "f" with different content.',
    );
  });

  it("escapes what fragments say on the organisation index", () => {
    const html = orgIndexHtml(
      "Acme <plans>",
      [{ name: "x", title: "X & co", generated: "2026-06-01", url: "/x/", plans: [] }],
      [],
    );
    expect(html).toContain("<title>Acme &lt;plans&gt;</title>");
    expect(html).toContain(">X &amp; co</a>");
    const g = fragment("g", null);
    federate([g], path.join(work, "out-escape"), "T");
    expect(
      repositoryPageHtml(
        "T",
        {
          name: "g",
          title: "g",
          generated: "",
          url: "/g/",
          plans: [{ ...g.plans[0]!, repository: "g", url: "/g/001-a/" }],
        },
        1,
      ),
    ).toContain('<a href="/g/001-a/">A &lt;b&gt;g&lt;/b&gt;</a>');
  });

  it("refuses a fragment whose plans.json has a value the organisation page cannot show", () => {
    expect(() => fragment("h", null, {}, { status: '"><script>alert(1)</script>' })).toThrow(
      /The portal fragment at .* cannot be used: plans\[0\]\.status in its plans\.json: /,
    );
    expect(() => fragment("i", null, {}, { score: "90" })).toThrow(/plans\[0\]\.score/);
    expect(() => fragment("j", null, {}, { openQuestions: undefined })).toThrow(
      /plans\[0\]\.openQuestions/,
    );
  });

  it("stays small at 50 repositories × 200 plans: the index lists repositories, each has its pages", () => {
    const repository = (r: number, plans: number): OrgRepository => {
      const name = `repo-${String(r).padStart(2, "0")}`;
      return {
        name,
        title: `Repository ${r}`,
        generated: "2026-06-01",
        url: `/${name}/`,
        plans: Array.from({ length: plans }, (_, i) => {
          const id = `${String(i + 1).padStart(3, "0")}-feature-with-a-long-descriptive-name`;
          return {
            id,
            path: `specs/${id}/plan.md`,
            title: `Feature ${i + 1} of repository ${r}, with a title as long as real ones get`,
            status: i % 4 === 0 ? "blocked" : "ready",
            score: 90,
            openQuestions: [],
            findings: [],
            repository: name,
            url: `/${name}/${id}/`,
          } as unknown as OrgRepository["plans"][number];
        }),
      };
    };
    const repos = Array.from({ length: 50 }, (_, r) => repository(r + 1, 200));
    const pages = orgPages("Acme", repos, []);
    const index = pages.get("index.html")!;
    expect(Buffer.byteLength(index)).toBeLessThan(300 * 1024);
    expect(index).toContain("10000 plans in 50 repositories: 7500 ready, 2500 blocked");
    expect(index.match(/<tr data-repository=/g)).toHaveLength(50);
    expect(index).toContain('<a href="/_org/repo-07/">Repository 7</a>');
    // 50 pages of 200 plans (one each), the index and the style sheet.
    expect(pages.size).toBe(52);
    const page = pages.get("_org/repo-07/index.html")!;
    expect(Buffer.byteLength(page)).toBeLessThan(300 * 1024);
    expect(page.match(/<tr><td><a href="\/repo-07\//g)).toHaveLength(200);
    // A repository past one page is paged: 450 plans are 200 + 200 + 50.
    const big = orgPages("Acme", [repository(1, 450)], []);
    expect([...big.keys()].filter((f) => f.endsWith(".html")).sort()).toEqual([
      "_org/repo-01/2/index.html",
      "_org/repo-01/3/index.html",
      "_org/repo-01/index.html",
      "index.html",
    ]);
    const third = big.get("_org/repo-01/3/index.html")!;
    expect(third.match(/<tr><td>/g)).toHaveLength(50);
    expect(third).toContain("plans 401–450 of 450");
    expect(third).toContain('<a href="/_org/repo-01/3/" aria-current="page">3</a>');
  });
});
