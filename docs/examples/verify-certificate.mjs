// Public certificate verification (no sign-in), as the QR code on a certificate does: the number and the
// verification code printed beside it (both are in the QR's address, /verify/<number>?code=<code>).
//   BASE_URL=http://localhost:4000 node docs/examples/verify-certificate.mjs GX2024-0000123 7K3M-Q9TD-2HXA
const base = process.env.BASE_URL ?? "http://localhost:4000";
const res = await fetch(`${base}/graphql`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    query: `query($n: String!, $c: String!) { verifyCertificate(number: $n, code: $c) { number status message physicianNameMasked institutionName cycleName result issueDate } }`,
    variables: { n: process.argv[2] ?? "", c: process.argv[3] ?? "" },
  }),
});
const body = await res.json();
if (body.errors?.length) console.error(body.errors.map((e) => e.message).join("\n"));
console.log(JSON.stringify(body.data?.verifyCertificate ?? null, null, 2));
