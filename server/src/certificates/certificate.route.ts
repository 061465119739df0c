import express, { type Router } from "express";
import type { AppDeps } from "../context";
import { logger } from "../logger";
import { downloadAllowed } from "../attachments/download-gate";
import { Certificate } from "./certificate.entity";
import { certificateImage } from "./certificate.service";
import { MissingCjkFontError } from "./render/missing-font";

/** GET /certificates/:id.png?exp&sig: the certificate image, for the caller GraphQL signed the link for. */
export function certificateRouter(deps: AppDeps): Router {
  const router = express.Router();
  router.get("/certificates/:file", async (req, res) => {
    const match = /^(\d+)\.png$/.exec(String(req.params.file));
    if (!match) {
      res.status(404).json({ error: { code: "NOT_FOUND", message: "证书不存在或已作废" } });
      return;
    }
    if (!(await downloadAllowed(deps, req, res, `certificate-${match[1]}`, "证书链接无效或已过期，请刷新页面后重试")))
      return;
    const cert = await deps.ds.getRepository(Certificate).findOneBy({ id: Number(match[1]) });
    if (!cert || cert.revokedAt) {
      res.status(404).json({ error: { code: "NOT_FOUND", message: "证书不存在或已作废" } });
      return;
    }
    try {
      const png = await certificateImage(deps, cert);
      res.setHeader("Content-Type", "image/png");
      res.setHeader("Cache-Control", "private, max-age=600");
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader(
        "Content-Disposition",
        `${req.query.download ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(`合格证明-${cert.number}.png`)}`,
      );
      res.send(png);
    } catch (err) {
      if (err instanceof MissingCjkFontError) {
        res.status(503).json({
          error: { code: "UNAVAILABLE", message: "服务器缺少中文字体，暂时无法生成证书图片，请联系系统管理员" },
        });
        return;
      }
      logger.error({ err, certificate: cert.id }, "certificate rendering failed");
      res.status(500).json({ error: { code: "INTERNAL_SERVER_ERROR", message: "系统繁忙，请稍后重试" } });
    }
  });
  return router;
}
