import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
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
      const [target, fragment] = href.split("#");
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
