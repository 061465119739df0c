import path from "node:path";
import express, { type Router } from "express";

/**
 * /explorer: GraphiQL served from npm packages, so the API can be explored on an intranet with no
 * internet (Apollo Sandbox loads from Apollo's CDN). Same origin: the session cookie works, and a
 * bearer token can be set in the headers editor.
 */
const dirOf = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

const ASSETS: Record<string, string> = {
  "react.js": path.join(dirOf("react"), "umd", "react.production.min.js"),
  "react-dom.js": path.join(dirOf("react-dom"), "umd", "react-dom.production.min.js"),
  "graphiql.js": path.join(dirOf("graphiql"), "graphiql.min.js"),
  "graphiql.css": path.join(dirOf("graphiql"), "graphiql.min.css"),
};

/** The page's own script and style, served as files: the Content-Security-Policy allows no inline script. */
const EXPLORER_JS = `const fetcher = GraphiQL.createFetcher({
  url: "/graphql",
  fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }),
});
const defaultQuery = "# 医师定期考核信息登记管理系统 GraphQL 接口\\n" +
  "# 控制台登录后同源会话自动生效；接口客户端请在下方 Headers 中填写：\\n" +
  "# { \\"Authorization\\": \\"Bearer <令牌>\\" }\\n\\n" +
  "# 流程定义\\n" +
  "query WorkflowStatuses {\\n  workflow {\\n    statuses { value label meaning }\\n  }\\n}\\n";
ReactDOM.createRoot(document.getElementById("explorer")).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true, isHeadersEditorEnabled: true }),
);
`;
const EXPLORER_CSS = "html, body, #explorer { height: 100%; margin: 0; }\n";

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>医师定期考核信息登记管理系统 · GraphQL 接口调试</title>
  <link rel="stylesheet" href="/explorer/assets/graphiql.css" />
  <link rel="stylesheet" href="/explorer/assets/explorer.css" />
</head>
<body>
  <div id="explorer">正在加载接口调试工具…</div>
  <script src="/explorer/assets/react.js"></script>
  <script src="/explorer/assets/react-dom.js"></script>
  <script src="/explorer/assets/graphiql.js"></script>
  <script src="/explorer/assets/explorer.js"></script>
</body>
</html>`;

export function explorerRouter(): Router {
  const router = express.Router();
  router.get("/explorer", (_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-cache");
    res.send(PAGE);
  });
  router.get("/explorer/assets/explorer.js", (_req, res) => {
    res.type("application/javascript").setHeader("Cache-Control", "no-cache");
    res.send(EXPLORER_JS);
  });
  router.get("/explorer/assets/explorer.css", (_req, res) => {
    res.type("text/css").setHeader("Cache-Control", "no-cache");
    res.send(EXPLORER_CSS);
  });
  router.get("/explorer/assets/:name", (req, res) => {
    const file = ASSETS[String(req.params.name)];
    if (!file) {
      res.status(404).end();
      return;
    }
    res.setHeader("Cache-Control", "public, max-age=86400");
    res.sendFile(file);
  });
  return router;
}
