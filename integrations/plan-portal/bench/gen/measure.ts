/**
 * Measuring one command for the comparison benchmark: wall time, the peak of the summed RSS of
 * the whole process tree (sampled from /proc every 100 ms), and the largest single process's
 * maximum RSS as `/usr/bin/time` reports it (when that binary exists).
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

export interface Measured {
  ok: boolean;
  ms: number;
  /** Peak of the summed RSS of the process and all its descendants, in bytes. */
  treeRss: number;
  /** Largest single process's maximum RSS (from /usr/bin/time), in bytes; 0 when unknown. */
  maxRss: number;
  /** The last part of stdout + stderr. */
  log: string;
}

const PAGE = 4096;
const TIME = "/usr/bin/time";

/** RSS in bytes of `root` and every process below it. */
export function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may hold spaces): state ppid … rss is field 24.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const pid = Number(name);
    const ppid = Number(fields[1]);
    rss.set(pid, Number(fields[21]) * PAGE);
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  let sum = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    sum += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

export function measure(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; timeFile: string },
): Promise<Measured> {
  const useTime = existsSync(TIME);
  const [cmd, ...args] = useTime
    ? [TIME, "-f", "%M", "-o", options.timeFile, ...argv]
    : (argv as [string, ...string[]]);
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(cmd!, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString("utf8")).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let peak = 0;
    const sample = () => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid));
    };
    const timer = setInterval(sample, 100);
    const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 30 * 60_000);
    child.on("close", (code) => {
      const ms = performance.now() - start;
      clearInterval(timer);
      clearTimeout(killer);
      let maxRss = 0;
      if (useTime && existsSync(options.timeFile)) {
        const kb = Number(readFileSync(options.timeFile, "utf8").trim().split("\n").pop());
        if (Number.isFinite(kb)) maxRss = kb * 1024;
        rmSync(options.timeFile, { force: true });
      }
      resolve({ ok: code === 0, ms, treeRss: peak, maxRss, log });
    });
  });
}

/** Total size (apparent bytes) and number of files below `dir`. */
export function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  if (!existsSync(dir)) return { bytes, files };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

/**
 * JavaScript a page loads up front: every `<script src>` file with the modules it imports
 * statically (transitively), plus inline scripts. Data scripts (JSON, speculation rules) and
 * modules loaded later with `import()` are not counted.
 */
export function pageScripts(page: string, distRoot: string): { bytes: number; files: number } {
  const html = readFileSync(page, "utf8");
  const seen = new Set<string>();
  let bytes = 0;
  const resolveUrl = (url: string, from: string) => {
    const clean = url.replace(/[?#].*$/, "");
    if (/^[a-z]+:|^\/\//i.test(clean)) return null;
    return clean.startsWith("/") ? path.join(distRoot, clean) : path.resolve(from, clean);
  };
  const addFile = (file: string | null) => {
    if (!file || seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    bytes += Buffer.byteLength(text);
    for (const m of text.matchAll(
      /\bfrom\s*["']([^"']+\.m?js)["']|\bimport\s*["']([^"']+\.m?js)["']/g,
    ))
      addFile(resolveUrl(m[1] ?? m[2]!, path.dirname(file)));
  };
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1] ?? "";
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    if (type && type !== "module" && !type.includes("javascript")) continue;
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (src) addFile(resolveUrl(src, path.dirname(page)));
    else {
      bytes += Buffer.byteLength(m[2] ?? "");
      // Inline modules can import files too.
      for (const imp of (m[2] ?? "").matchAll(
        /\bfrom\s*["']([^"']+\.m?js)["']|\bimport\s*["']([^"']+\.m?js)["']/g,
      ))
        addFile(resolveUrl(imp[1] ?? imp[2]!, path.dirname(page)));
    }
  }
  return { bytes, files: seen.size };
}

export function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
