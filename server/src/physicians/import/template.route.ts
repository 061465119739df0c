import express, { type Router } from "express";
import { rosterTemplateCsv, rosterTemplateXlsx } from "./template";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET /templates/physician-roster.xlsx and .csv: the import template (public: it holds no data). */
export function templateRouter(): Router {
  const router = express.Router();
  let xlsx: Promise<Buffer> | null = null;
  router.get("/templates/physician-roster.xlsx", async (_req, res) => {
    xlsx ??= rosterTemplateXlsx();
    res.setHeader("Content-Type", XLSX);
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent("医师名册导入模板.xlsx")}`);
    res.send(await xlsx);
  });
  router.get("/templates/physician-roster.csv", (_req, res) => {
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent("医师名册导入模板.csv")}`);
    res.send(rosterTemplateCsv());
  });
  return router;
}
