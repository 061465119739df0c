// Public certificate verification (no sign-in), as the QR code on a certificate does.
//   BASE_URL=http://localhost:4000 node docs/examples/verify-certificate.mjs GX2024-0000123
const base = process.env.BASE_URL ?? "http://localhost:4000";
const res = await fetch(`${base}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    query: `query($n: String!) { verifyCertificate(number: $n) { number status message physicianNameMasked institutionName cycleName result issueDate } }`,
    variables: { n: process.argv[2] ?? "" },
  }),
});
console.log(JSON.stringify((await res.json()).data?.verifyCertificate ?? null, null, 2));
