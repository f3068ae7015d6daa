import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** A real git repository in a temporary folder, whose commits carry the dates a test names. */
export class TestRepo {
  readonly dir: string;
  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(path.join(tmpdir(), "plan-portal-git-"));
    this.git(["init", "-q", "-b", "main"]);
  }

  git(args: string[], date = "2026-01-01T12:00:00Z"): string {
    return execFileSync(
      "git",
      [
        "-c",
        "user.name=Ana Author",
        "-c",
        "user.email=ana@example.com",
        "-c",
        "commit.gpgsign=false",
        ...args,
      ],
      {
        cwd: this.dir,
        encoding: "utf8",
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          GIT_CONFIG_NOSYSTEM: "1",
          HOME: this.dir,
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
  }

  write(file: string, text: string): void {
    const abs = path.join(this.dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }

  move(from: string, to: string): void {
    mkdirSync(path.dirname(path.join(this.dir, to)), { recursive: true });
    renameSync(path.join(this.dir, from), path.join(this.dir, to));
  }

  /** Stage everything and commit it at `date` (UTC day, noon) with `subject`. */
  commit(subject: string, day: string): string {
    this.git(["add", "-A"]);
    this.git(["commit", "-q", "-m", subject], `${day}T12:00:00Z`);
    return this.git(["rev-parse", "HEAD"]).trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
