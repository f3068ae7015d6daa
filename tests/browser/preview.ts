import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import type { Browser } from "playwright-core";
import { launch } from "./chromium.ts";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `astro preview` of a built site (outDir) in a child process; resolves once it answers. */
export async function startPreview(
  root: string,
  outDir: string,
): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  delete env["VITEST"];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(repo, "node_modules", "astro", "bin", "astro.mjs"),
      "preview",
      "--root",
      root,
      "--outDir",
      outDir,
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      "--ignore-lock",
    ],
    { env, stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  const start = Date.now();
  for (;;) {
    const ok = await fetch(url).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) break;
    if (Date.now() - start > 30_000) {
      child.kill();
      throw new Error(`astro preview did not answer on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => child.kill() };
}

export interface ServedPortal {
  url: string;
  outDir: string;
  browser: Browser;
  close: () => Promise<void>;
}

/** The example site built into a temporary folder, served by `astro preview`, with a Chromium. */
export async function serveExampleSite(): Promise<ServedPortal> {
  const outDir = mkdtempSync(path.join(tmpdir(), "plan-portal-browser-"));
  await build({ root: repo, outDir, logLevel: "error" });
  const preview = await startPreview(repo, outDir);
  const browser = await launch();
  return {
    url: preview.url,
    outDir,
    browser,
    close: async () => {
      await browser.close();
      preview.stop();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
