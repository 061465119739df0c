import type { Router } from "express";
import { spreadsheetTemplateRouter } from "../../common/template-route";
import { rosterTemplateCsv, rosterTemplateXlsx } from "./template";

/** GET /templates/physician-roster.xlsx and .csv: the import template (public: it holds no data). */
export function templateRouter(): Router {
  return spreadsheetTemplateRouter(
    "/templates/physician-roster",
    "医师名册导入模板",
    rosterTemplateXlsx,
    rosterTemplateCsv,
  );
}
