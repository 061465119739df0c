// Counts per status and completion rate by city (or COUNTY / INSTITUTION) for the client's region.
//   BASE_URL=http://localhost:4000 TOKEN=pa_… node docs/examples/region-counts.mjs [CITY|COUNTY|INSTITUTION]
const base = process.env.BASE_URL ?? "http://localhost:4000";
const res = await fetch(`${base}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${process.env.TOKEN}` },
  body: JSON.stringify({
    query: `query($groupBy: RegionGrouping!) {
      regionProgress(input: { groupBy: $groupBy }) { code name total completion { enrolled finished rate } statusCounts { status label count } }
    }`,
    variables: { groupBy: process.argv[2] ?? "CITY" },
  }),
});
const body = await res.json();
if (body.errors) {
  console.error(body.errors[0].extensions?.code, body.errors[0].message);
  process.exit(1);
}
for (const row of body.data.regionProgress) {
  console.log(`${row.code}\t${row.name}\t总数 ${row.total}\t完成率 ${(row.completion.rate * 100).toFixed(1)}%`);
}
