import express, { type Router } from "express";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * GET `<path>.xlsx` and `<path>.csv`: an import template (public: it holds no data), downloaded as
 * `<title>.xlsx` / `.csv`. The workbook is built once.
 */
export function spreadsheetTemplateRouter(
  path: string,
  title: string,
  xlsxOf: () => Promise<Buffer>,
  csvOf: () => Buffer,
): Router {
  const router = express.Router();
  let xlsx: Promise<Buffer> | null = null;
  const attachment = (ext: string) => `attachment; filename*=UTF-8''${encodeURIComponent(`${title}.${ext}`)}`;
  router.get(`${path}.xlsx`, async (_req, res) => {
    xlsx ??= xlsxOf();
    res.setHeader("Content-Type", XLSX);
    res.setHeader("Content-Disposition", attachment("xlsx"));
    res.send(await xlsx);
  });
  router.get(`${path}.csv`, (_req, res) => {
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    res.setHeader("Content-Disposition", attachment("csv"));
    res.send(csvOf());
  });
  return router;
}
