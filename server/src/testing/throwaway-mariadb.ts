import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createConnection } from "mysql2/promise";

const MARIADBD = ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"].find((p) => existsSync(p));
const INSTALL_DB = "/usr/bin/mariadb-install-db";

/** Whether this machine can start a private MariaDB server (CI installs mariadb-server). */
export const canStartMariadb = () => !!MARIADBD && existsSync(INSTALL_DB);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A MariaDB server of the test's own, on a free port with its data in a temporary directory, for faults the shared
 * server must never suffer: frozen (SIGSTOP), killed (SIGKILL), started again on the same data.
 * `--no-defaults` keeps the system my.cnf (user=mysql, port 3306) out of it.
 */
export class ThrowawayMariadb {
  private child: ChildProcess | null = null;
  private dir = "";
  private readonly onExit = () => this.child?.kill("SIGKILL");
  port = 0;

  /** `serverArgs` replace `--skip-log-bin` (e.g. `--log-bin`, `--server-id=1` for a replication primary). */
  constructor(private readonly serverArgs: string[] = ["--skip-log-bin"]) {}

  get url() {
    return `mysql://root@127.0.0.1:${this.port}/test`;
  }

  async start(): Promise<void> {
    if (!this.port) {
      this.dir = mkdtempSync(path.join(os.tmpdir(), "pa-mariadb-"));
      const installed = spawnSync(
        INSTALL_DB,
        [
          "--no-defaults",
          "--user=root",
          `--datadir=${this.dir}/data`,
          "--auth-root-authentication-method=normal",
          "--skip-test-db",
        ],
        { encoding: "utf8" },
      );
      if (installed.status !== 0) throw new Error(`mariadb-install-db failed: ${installed.stderr}`);
      this.port = await freePort();
    }
    this.child = spawn(
      MARIADBD!,
      [
        "--no-defaults",
        "--user=root",
        `--datadir=${this.dir}/data`,
        `--port=${this.port}`,
        `--socket=${this.dir}/mariadb.sock`,
        `--pid-file=${this.dir}/mariadb.pid`,
        "--bind-address=127.0.0.1",
        "--skip-name-resolve",
        ...this.serverArgs,
        "--performance-schema=OFF",
        // Small: this server lives for one test file on a shared machine.
        "--innodb-buffer-pool-size=32M",
        "--innodb-log-file-size=16M",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci",
      ],
      { stdio: "ignore" },
    );
    process.once("exit", this.onExit);
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const c = await createConnection({ host: "127.0.0.1", port: this.port, user: "root", connectTimeout: 1000 });
        await c.query("CREATE DATABASE IF NOT EXISTS test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        await c.end();
        return;
      } catch (err) {
        if (Date.now() > deadline || this.child.exitCode !== null) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Freezes the server: connections stay open, nothing answers (what a hung database looks like). */
  pause(): void {
    this.child?.kill("SIGSTOP");
  }

  resume(): void {
    this.child?.kill("SIGCONT");
  }

  /** Kills the server outright; `start()` brings it back on the same data and port. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    this.child = null;
    process.removeListener("exit", this.onExit);
  }

  async destroy(): Promise<void> {
    this.resume();
    await this.kill();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
