// Nightly sync: fetches every application that changed since the last run, page by page, and saves the
// watermark for the next run. Rows changing during the run are not returned twice; they come next time.
//   BASE_URL=http://localhost:4000 TOKEN=pa_… STATE=./sync-state.json node docs/examples/sync-applications.mjs
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const base = process.env.BASE_URL ?? "http://localhost:4000";
const stateFile = process.env.STATE ?? "./sync-state.json";
const since = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, "utf8")).watermark : null;

const query = `query($since: DateTimeISO, $after: String) {
  changedApplications(since: $since, after: $after, first: 200) {
    nodes { id physicianId institutionId status statusLabel final updatedAt }
    pageInfo { hasNextPage endCursor }
    watermark
  }
}`;

let after = null;
let total = 0;
let watermark;
for (;;) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.TOKEN}` },
    body: JSON.stringify({ query, variables: { since, after } }),
  });
  if (res.status === 429) {
    const wait = Number(res.headers.get("retry-after") ?? 5);
    await new Promise((r) => setTimeout(r, wait * 1000)); // rate limited: retry the same page
    continue;
  }
  const body = await res.json();
  if (body.errors) throw new Error(`${body.errors[0].extensions?.code}: ${body.errors[0].message}`);
  const page = body.data.changedApplications;
  for (const node of page.nodes) process.stdout.write(`${JSON.stringify(node)}\n`); // upsert downstream here
  total += page.nodes.length;
  watermark = page.watermark;
  if (!page.pageInfo.hasNextPage) break;
  after = page.pageInfo.endCursor;
}
writeFileSync(stateFile, JSON.stringify({ watermark }));
console.error(`synced ${total} changed applications; next run starts after ${watermark}`);
