import http from "node:http";
import type { RequestListener } from "node:http";
import { logger } from "./logger";

/** How long a client may take, and how many connections it may hold (see README, "Reverse proxy" in docker/). */
export interface HttpLimits {
  /** Until the request's headers are complete (slowloris sends them a byte at a time). */
  headersTimeoutMs: number;
  /** Until the whole request is in, body included: long enough for a 20 MB upload on a slow line. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections in all; more are closed at once, so the process keeps file descriptors for its own work. */
  maxConnections: number;
  /** Open connections from one address (0: no cap; behind a reverse proxy every client has the proxy's address). */
  maxConnectionsPerAddress: number;
}

/**
 * The HTTP server with bounds on slow and numerous clients. Node checks its timeouts every
 * `connectionsCheckingInterval` (30 s by default, which would let a 10 s header timeout last 40 s).
 */
export function createHttpServer(app: RequestListener, limits: HttpLimits): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  if (limits.maxConnectionsPerAddress > 0) capPerAddress(server, limits.maxConnectionsPerAddress);
  return server;
}

function capPerAddress(server: http.Server, cap: number) {
  const open = new Map<string, number>();
  let warned = 0;
  server.on("connection", (socket) => {
    const address = socket.remoteAddress ?? "";
    const count = (open.get(address) ?? 0) + 1;
    if (count > cap) {
      if (Date.now() - warned > 60_000) {
        warned = Date.now();
        logger.warn({ address, cap }, "too many connections from one address; closing the newest");
      }
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once("close", () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
