import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
