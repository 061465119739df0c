#!/usr/bin/env node
// `npm run dev`: the API in watch mode (SQLite + demo data on :4000) and the console's Vite dev server
// (proxying /graphql, /files, /healthz to :4000) side by side, output prefixed; Ctrl-C stops both.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const colors = { server: "\x1b[36m", client: "\x1b[35m" };
const reset = "\x1b[0m";

const children = new Map();
let stopping = false;

function start(name, args) {
  // Own process group, so that stopping it also stops what npm started (node --watch, vite).
  const child = spawn(npm, args, {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: process.platform !== "win32",
  });
  const prefix = `${colors[name]}[${name}]${reset} `;
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) {
      process.stdout.write(`${prefix}exited (${signal ?? code}); stopping the other process\n`);
      stop(code ?? 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  children.set(name, child);
}

function signalGroup(child, signal) {
  try {
    if (process.platform === "win32") child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) signalGroup(child, "SIGTERM");
  if (children.size === 0) process.exit(code);
  // Whatever still runs after 5 s is killed.
  setTimeout(() => {
    for (const child of children.values()) signalGroup(child, "SIGKILL");
    process.exit(code);
  }, 5000).unref();
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

start("server", ["run", "dev", "-w", "server"]);
start("client", ["run", "dev", "-w", "client"]);
