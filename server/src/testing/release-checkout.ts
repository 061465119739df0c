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
 * Whether today's node_modules hold exactly the versions the release pins (root, server and client
 * package.json): then the release runs on them and needs no `npm ci` of its own, which would build every native
 * module again (minutes on a loaded machine).
 */
function installedDependenciesFit(releaseDir: string): boolean {
  const json = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, Record<string, string>>;
  for (const sub of ["", "server", "client"]) {
    const manifest = path.join(releaseDir, sub, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = json(manifest);
    for (const [name, wanted] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      const candidates = [path.join(repoRoot, sub, "node_modules", name), path.join(repoRoot, "node_modules", name)];
      const installed = candidates.map((c) => path.join(c, "package.json")).find((f) => existsSync(f));
      if (!installed || (json(installed) as unknown as { version: string }).version !== wanted) return false;
    }
  }
  return true;
}

/**
 * A release's commit checked out in a temporary git worktree, ready to run. Its dependencies are today's
 * node_modules when they hold the versions it pins (linked, nothing to install); otherwise `npm ci` installs its own.
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
    if (installedDependenciesFit(dir)) {
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
