import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The repository this server belongs to (server/src/testing → three levels up). */
export const repoRoot = path.resolve(__dirname, "..", "..", "..");

export interface Release {
  version: string;
  commit: string;
  date: string;
}

/** The releases recorded in releases.json, oldest first. */
export function recordedReleases(): Release[] {
  return (JSON.parse(readFileSync(path.join(repoRoot, "releases.json"), "utf8")) as { releases: Release[] }).releases;
}

export interface ReleaseCheckout {
  dir: string;
  serverDir: string;
  remove(): void;
}

const git = (args: string[]) => execFileSync("git", ["-C", repoRoot, ...args], { encoding: "utf8", stdio: "pipe" });

/**
 * A release's commit checked out in a temporary git worktree, ready to run. Its dependencies are today's
 * node_modules when its package-lock.json is today's (linked, nothing to install); otherwise `npm ci` installs its own.
 */
export function checkoutRelease(release: Release): ReleaseCheckout {
  try {
    git(["cat-file", "-e", `${release.commit}^{commit}`]);
  } catch {
    throw new Error(
      `release ${release.version} (${release.commit}) is not in this clone: the upgrade test needs the history (git fetch --unshallow)`,
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `pa-release-${release.version}-`));
  git(["worktree", "add", "--detach", "--force", dir, release.commit]);
  const remove = () => {
    try {
      git(["worktree", "remove", "--force", dir]);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      git(["worktree", "prune"]);
    }
  };
  try {
    const lock = (root: string) => readFileSync(path.join(root, "package-lock.json"), "utf8");
    if (lock(dir) === lock(repoRoot)) {
      for (const sub of ["", "server", "client"]) {
        const own = path.join(repoRoot, sub, "node_modules");
        if (existsSync(own)) symlinkSync(own, path.join(dir, sub, "node_modules"), "dir");
      }
    } else {
      execFileSync("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dir, stdio: "pipe" });
    }
  } catch (err) {
    remove();
    throw err;
  }
  return { dir, serverDir: path.join(dir, "server"), remove };
}
