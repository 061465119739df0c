import type { Request, Response, Router } from "express";
import express from "express";
import type { AppDeps } from "../context";
import { logger } from "../logger";
import { Attachment } from "./attachment.entity";
import { downloadAllowed } from "./download-gate";

/** GET /files/:id?exp=…&sig=… streams a file to the caller GraphQL signed its link for (see download-gate.ts). */
export function downloadRouter(deps: AppDeps): Router {
  const router = express.Router();
  router.get("/files/:id", async (req: Request, res: Response) => {
    const id = String(req.params.id);
    if (!/^\d+$/.test(id)) {
      res.status(404).json({ error: { code: "NOT_FOUND", message: "文件不存在" } });
      return;
    }
    if (!(await downloadAllowed(deps, req, res, id, "下载链接无效或已过期，请刷新页面后重试"))) return;
    const file = await deps.ds.getRepository(Attachment).findOneBy({ id: Number(id) });
    if (!file) {
      res.status(404).json({ error: { code: "NOT_FOUND", message: "文件不存在" } });
      return;
    }
    res.setHeader("Content-Type", file.mimeType);
    res.setHeader("Content-Length", String(file.size));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", "private, max-age=600");
    const disposition = req.query.download ? "attachment" : "inline";
    res.setHeader("Content-Disposition", `${disposition}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    const stream = deps.storage.open(file.storageKey);
    stream.on("error", (err) => {
      logger.error({ err, id }, "attachment read failed");
      if (!res.headersSent) res.status(500);
      res.end();
    });
    stream.pipe(res);
  });
  return router;
}
