import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import path from "node:path";

/** Every file below `dir`, relative, with `/`. */
export function walk(dir: string, base = dir, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p, base, out);
    else out.push(path.relative(base, p).split(path.sep).join("/"));
  }
  return out;
}

/** The built file a site URL path is served from (directory index, .html, or the file itself). */
export function fileFor(dist: string, urlPath: string, base: string): string | null {
  let p = decodeURIComponent(urlPath.split("#")[0]!.split("?")[0]!);
  if (base !== "/" && p.startsWith(base)) p = p.slice(base.replace(/\/$/, "").length) || "/";
  const candidates = [
    path.join(dist, p),
    path.join(dist, p, "index.html"),
    path.join(dist, `${p.replace(/\/$/, "")}.html`),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

export interface BrokenLink {
  page: string;
  href: string;
  why: string;
}

/** Internal links of every HTML page: the target must exist, and so must the #fragment on it. */
export function brokenLinks(dist: string, base: string): BrokenLink[] {
  const broken: BrokenLink[] = [];
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string) => {
    let set = ids.get(file);
    if (!set) {
      const html = readFileSync(file, "utf8");
      set = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      ids.set(file, set);
    }
    return set;
  };
  for (const page of walk(dist).filter((f) => f.endsWith(".html"))) {
    const file = path.join(dist, page);
    // Links in markup only: inline scripts build their own (search results) at run time.
    const html = readFileSync(file, "utf8").replace(/<script[\s\S]*?<\/script>/g, "");
    for (const m of html.matchAll(/\shref="([^"]*)"/g)) {
      const href = m[1]!.replace(/&amp;/g, "&");
      if (/^(https?:|mailto:|data:)/.test(href) || href === "") continue;
      // A text fragment (`#phase-2:~:text=T012`) is no id: only the part before `:~:` must exist.
      const [target, withDirective] = href.split("#");
      const fragment = withDirective?.split(":~:")[0];
      let targetFile: string | null = file;
      if (target) {
        const abs = target.startsWith("/") ? target : new URL(target, `http://x/${page}`).pathname;
        targetFile = fileFor(dist, abs, base);
      }
      if (!targetFile) {
        broken.push({ page, href, why: "no such page" });
        continue;
      }
      if (
        fragment &&
        targetFile.endsWith(".html") &&
        !idsOf(targetFile).has(decodeURIComponent(fragment))
      ) {
        broken.push({ page, href, why: `no element with id "${fragment}"` });
      }
    }
  }
  return broken;
}

/** Text content of the first element matching a simple `tag.class` / `#id` selector, crude but enough for numbers. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Every page record of a built Pagefind index: the main index (the dashboards) and the shards
 * listed in its shards.json (plan and sibling pages). Fragments are gzipped JSON, one per page.
 */
export function searchRecords(pagefindDir: string): {
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}[] {
  const shards = existsSync(path.join(pagefindDir, "shards.json"))
    ? (JSON.parse(readFileSync(path.join(pagefindDir, "shards.json"), "utf8")) as string[])
    : [];
  return [pagefindDir, ...shards.map((s) => path.join(pagefindDir, s))].flatMap((dir) => {
    const fragments = path.join(dir, "fragment");
    return readdirSync(fragments).map((f) =>
      JSON.parse(
        gunzipSync(readFileSync(path.join(fragments, f)))
          .toString("utf8")
          .replace(/^pagefind_dcd/, ""),
      ),
    );
  });
}

/**
 * Nothing lost: every plan has its page, a row on the index, an entry in plans.json and in the
 * search index, and every open question (and marker) of the model is on the questions dashboard.
 */
export function missingFromSite(
  dist: string,
  portal: string,
  plans: { id: string; questions: { text: string; resolved: boolean }[]; markers: number }[],
): string[] {
  const missing: string[] = [];
  const at = (p: string) => path.join(dist, portal, p);
  // The index is paged (100 rows a page): its first page and /page/N/.
  const pages = existsSync(at("page"))
    ? readdirSync(at("page")).map((n) => `page/${n}/index.html`)
    : [];
  const index = ["index.html", ...pages].map((p) => readFileSync(at(p), "utf8")).join("\n");
  const json = JSON.parse(readFileSync(at("plans.json"), "utf8")) as { plans: { id: string }[] };
  const jsonIds = new Set(json.plans.map((p) => p.id));
  const urls = new Set(searchRecords(at("pagefind")).map((r) => r.url));
  const questions = textOf(readFileSync(at("questions/index.html"), "utf8"));
  const unescape = (t: string) =>
    t
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  for (const p of plans) {
    const slug = p.id.split("/").map(encodeURIComponent).join("/");
    if (!existsSync(at(`${p.id}/index.html`))) missing.push(`${p.id}: no page`);
    if (!index.includes(`data-id="${p.id}"`)) missing.push(`${p.id}: no index row`);
    if (!jsonIds.has(p.id)) missing.push(`${p.id}: not in plans.json`);
    if (!urls.has(`/${slug}/`) && !urls.has(`/${p.id}/`))
      missing.push(`${p.id}: not in the search index`);
    for (const q of p.questions) {
      const text = q.text.replace(/\s+/g, " ").trim();
      if (!q.resolved && text && !unescape(questions).includes(text))
        missing.push(`${p.id}: question "${text.slice(0, 60)}" not on the questions dashboard`);
    }
  }
  return missing;
}
