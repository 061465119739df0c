import net from "node:net";

export interface StreamedUploadResult {
  status: number;
  body: string;
  /** Bytes of the request body the server let the client send before it answered. */
  bodyBytesSent: number;
  ms: number;
}

/**
 * A multipart GraphQL upload written over a raw socket, chunk after chunk, as fast as the server reads it, until the
 * server answers (or the body is all sent). It tells how much of the body the server took before answering.
 * `declaredLength` sets Content-Length (it may lie, as an attacker's may); without it the body is chunked.
 */
export function streamUpload(options: {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  fileVariable: string;
  fileBytes: number;
  headers?: Record<string, string>;
  declaredLength?: number;
}): Promise<StreamedUploadResult> {
  const { hostname, port } = new URL(options.url);
  const boundary = "----stream-upload";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="operations"\r\n\r\n` +
      JSON.stringify({ query: options.query, variables: options.variables }) +
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="map"\r\n\r\n` +
      JSON.stringify({ 0: [`variables.${options.fileVariable}`] }) +
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const total = head.length + options.fileBytes + tail.length;
  const chunked = options.declaredLength === undefined;
  const headers = {
    host: `${hostname}:${port}`,
    "content-type": `multipart/form-data; boundary=${boundary}`,
    "apollo-require-preflight": "true",
    ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(options.declaredLength) }),
    ...options.headers,
  };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let sent = 0;
    let response = "";
    let answered = false;
    const frame = (b: Buffer) =>
      chunked ? [Buffer.from(`${b.length.toString(16)}\r\n`), b, Buffer.from("\r\n")] : [b];
    const finish = () => {
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(response)?.[1] ?? 0);
      const body = response.split("\r\n\r\n").slice(1).join("\r\n\r\n");
      resolve({ status, body, bodyBytesSent: sent, ms: Date.now() - started });
    };
    socket.on("data", (d) => {
      response += d.toString();
      answered = true;
    });
    socket.on("error", () => undefined);
    socket.on("close", () => (response ? finish() : reject(new Error(`no answer after ${sent} bytes`))));
    socket.write(
      `POST /graphql HTTP/1.1\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\r\n")}\r\n\r\n`,
    );
    const piece = Buffer.alloc(64 * 1024, 0x41);
    let fileSent = 0;
    const nextPart = (): Buffer | null => {
      if (sent === 0) return head;
      if (fileSent < options.fileBytes) {
        const n = Math.min(piece.length, options.fileBytes - fileSent);
        fileSent += n;
        return piece.subarray(0, n);
      }
      return sent < total ? tail : null;
    };
    const pump = () => {
      for (let part = answered ? null : nextPart(); part; part = answered ? null : nextPart()) {
        sent += part.length;
        const flushed = frame(part).map((b) => socket.write(b));
        if (sent >= total && chunked) socket.write("0\r\n\r\n");
        if (flushed.includes(false)) return void socket.once("drain", pump);
      }
      // Once answered, a client reads the answer; it need not go on sending.
      setTimeout(() => socket.end(), 200);
    };
    pump();
  });
}
