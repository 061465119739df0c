import type { NextFunction, Request, Response } from "express";
import processRequest from "graphql-upload/processRequest.mjs";
import Upload from "graphql-upload/Upload.mjs";
import { ErrorCode } from "../common/errors";
import type { AppDeps, Identity } from "../context";

/** The most files one operation takes (applyForAssessmentInstitution: 10). */
export const MAX_FILES_PER_REQUEST = 10;
/** The `operations` and `map` fields of a multipart request; the same as the JSON body limit. */
const MAX_FIELD_BYTES = 2 * 1024 * 1024;
/** Part headers and boundaries around each file. */
const PART_OVERHEAD_BYTES = 16 * 1024;
/** A response ready when every file has arrived waits at most this long for the request's closing boundary. */
const FINISH_GRACE_MS = 1000;
/** After refusing, what the client still sends is discarded for this long (or this much) before the socket closes. */
const LINGER_MS = 1000;
const LINGER_BYTES = 1024 * 1024;

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * GraphQL multipart uploads, refused before their body is read: no session, no upload (nothing uploads anonymously);
 * a `Content-Length` larger than the files the operation carries could be, refused as soon as its `map` is read;
 * and an operation refused by its permission check, or a file that passes the size cap, is answered at once and
 * the rest of the request left unread, the connection closed. (graphql-upload's own middleware holds every
 * answer until the whole request has arrived: an anonymous 1 GB upload was read to the end before "please sign in".)
 */
export function multipartUploads(deps: AppDeps) {
  const cap = deps.config.uploadMaxBytes;
  return async (req: Request, res: Response, next: NextFunction) => {
    if (!req.is("multipart/form-data")) return next();
    const identity = res.locals.identity as Identity | undefined;
    if (!identity?.principal) {
      return refuseUnread(req, res, 401, {
        message: identity?.expired ? "登录已超时，请重新登录" : "请先登录",
        extensions: { code: ErrorCode.UNAUTHENTICATED, ...(identity?.expired ? { reason: "SESSION_EXPIRED" } : {}) },
      });
    }
    const uploads: Upload[] = [];
    answerWithoutReadingTheRest(req, res, uploads);
    let body: unknown;
    try {
      body = await processRequest(req, res, {
        maxFileSize: cap + 1,
        maxFiles: MAX_FILES_PER_REQUEST,
        maxFieldSize: MAX_FIELD_BYTES,
      });
    } catch (err) {
      const e = err as { status?: number; expose?: boolean };
      if (e.status && e.expose) res.status(e.status);
      return next(err);
    }
    const declared = Number(req.headers["content-length"]);
    uploads.push(...uploadsIn(body));
    if (declared > uploads.length * (cap + PART_OVERHEAD_BYTES) + MAX_FIELD_BYTES) {
      return refuseUnread(req, res, 413, {
        message: `上传的文件超过 ${megabytes(cap)} 的大小上限`,
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: "file", maxBytes: cap },
      });
    }
    req.body = body;
    next();
  };
}

function uploadsIn(value: unknown): Upload[] {
  if (value instanceof Upload) return [value];
  if (!value || typeof value !== "object") return [];
  return Object.values(value).flatMap(uploadsIn);
}

/** Every file of the request has been received whole (the resolvers read them): only the closing boundary is left. */
const allReceived = (uploads: Upload[]) =>
  uploads.every(
    (u) => (u.file as { capacitor?: { writableFinished: boolean } } | undefined)?.capacitor?.writableFinished,
  );

/** Answers now and closes the connection after the answer, without reading what is left of the request. */
function refuseUnread(req: Request, res: Response, status: number, error: object) {
  closeAfterAnswer(req, res);
  res.status(status).json({ errors: [error] });
}

/**
 * `Connection: close`, and the rest of the request is no longer parsed or stored. Node destroys such a socket as
 * soon as the answer is written; what the client is still sending would then meet a reset, and a reset can throw
 * away the answer before the client reads it. So, like nginx's lingering close, the socket is half-closed after the
 * answer and what still arrives is discarded for at most LINGER_MS / LINGER_BYTES before it is destroyed.
 */
function closeAfterAnswer(req: Request, res: Response) {
  res.setHeader("Connection", "close");
  req.unpipe();
  const socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    let discarded = 0;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    socket.on("data", (chunk: Buffer) => {
      discarded += chunk.length;
      if (discarded > LINGER_BYTES) {
        clearTimeout(timer);
        socket.destroy();
      }
    });
    req.resume();
  };
}

/**
 * Sends Apollo's answer as soon as it is ready. If a file is still arriving (the operation was refused, or the
 * file passed the cap), it answers at once with `Connection: close`: the server stops reading once the answer is
 * out. When every file has arrived, it waits for the request's last bytes, as graphql-upload does.
 */
function answerWithoutReadingTheRest(req: Request, res: Response, uploads: Upload[]) {
  // The last write of any answer (Apollo's through graphqlHandler, an error handler's res.json) is res.end.
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  let answered = false;
  res.end = ((...args: unknown[]) => {
    const answer = (closeAfter: boolean) => {
      if (answered) return;
      answered = true;
      res.end = end as Response["end"];
      if (closeAfter && !res.headersSent) closeAfterAnswer(req, res);
      end(...args);
    };
    if (req.complete || req.destroyed) answer(false);
    else if (!allReceived(uploads)) answer(true);
    else {
      const timer = setTimeout(() => answer(true), FINISH_GRACE_MS);
      req.once("end", () => {
        clearTimeout(timer);
        answer(false);
      });
    }
    return res;
  }) as Response["end"];
}
