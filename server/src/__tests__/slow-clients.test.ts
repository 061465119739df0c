import net from "node:net";
import { startTestApp, type TestApp } from "../testing/test-app";

/**
 * Slowloris and friends, over real sockets: a client that sends its headers a byte at a time, one that trickles
 * its body, idle kept-alive connections, and one address opening more connections than it may. Each is cut off
 * in bounded time, and a legitimate request still gets through.
 */
const LIMITS = {
  headersTimeoutMs: 1000,
  requestTimeoutMs: 2000,
  keepAliveTimeoutMs: 500,
  maxConnections: 60,
  maxConnectionsPerAddress: 20,
};
let app: TestApp;
let port: number;

beforeAll(async () => {
  app = await startTestApp({ httpLimits: LIMITS });
  port = Number(new URL(app.url).port);
});
afterAll(() => app.close());

const connect = () =>
  new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(port, "127.0.0.1", () => resolve(s));
    s.once("error", reject);
  });
/** Milliseconds until the server closes the socket (or `giveUpMs`, returned as Infinity). */
const closedWithin = (s: net.Socket, giveUpMs: number, started = Date.now()) =>
  new Promise<number>((resolve) => {
    const t = setTimeout(() => resolve(Infinity), giveUpMs);
    s.on("data", () => undefined);
    s.once("close", () => {
      clearTimeout(t);
      resolve(Date.now() - started);
    });
    s.on("error", () => undefined);
  });
const healthy = async () => (await fetch(`${app.url}/healthz`)).status;

describe("slow and numerous clients", () => {
  it("headers sent a byte at a time: the connection is closed after headersTimeout", async () => {
    const s = await connect();
    const started = Date.now();
    const drip = setInterval(() => !s.destroyed && s.write("X"), 200);
    s.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
    const ms = await closedWithin(s, 6000, started);
    clearInterval(drip);
    expect(ms).toBeLessThan(3000);
    expect(await healthy()).toBe(200);
  });

  it("a body trickled a byte at a time: closed after requestTimeout", async () => {
    const s = await connect();
    const started = Date.now();
    s.write(
      "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
    );
    const drip = setInterval(() => !s.destroyed && s.write(" "), 200);
    const ms = await closedWithin(s, 8000, started);
    clearInterval(drip);
    expect(ms).toBeLessThan(4500);
  });

  it("an idle kept-alive connection is closed after keepAliveTimeout", async () => {
    const s = await connect();
    s.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    const started = Date.now();
    const ms = await closedWithin(s, 5000, started);
    expect(ms).toBeLessThan(2500);
  });

  it("one address holding more than its share of connections: the extra ones are closed at once", async () => {
    const held = await Promise.all(Array.from({ length: LIMITS.maxConnectionsPerAddress }, connect));
    const extra = await connect();
    expect(await closedWithin(extra, 1000)).toBeLessThan(500);
    // the held ones (sending nothing) expire like any slow client, and then the address may connect again
    await Promise.all(held.map((s) => closedWithin(s, 6000)));
    expect(await healthy()).toBe(200);
  });
});
