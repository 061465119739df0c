// exceljs 4.4.0's streaming XLSX reader decodes every chunk of a zip entry on its own, so a Chinese
// character split between two chunks turns into "��" (upstream issue, fix not merged). The roster
// import streams .xlsx files, so this runs after install and gives the parser one streaming decoder
// per entry. Idempotent; fails loudly if exceljs changed and the patch no longer fits.
const fs = require("node:fs");
const path = require("node:path");

let file;
try {
  file = path.join(path.dirname(require.resolve("exceljs/package.json")), "lib", "utils", "parse-sax.js");
} catch {
  process.exit(0); // exceljs not installed (e.g. a client-only install)
}
const source = fs.readFileSync(file, "utf8");
const MARK = "/* patched: streaming utf-8 decoder */";
if (source.includes(MARK)) process.exit(0);

const before = "  for await (const chunk of iterable) {\n    saxesParser.write(bufferToString(chunk));";
const after =
  `  ${MARK}\n  const decoder = new TextDecoder('utf-8');\n  for await (const chunk of iterable) {\n` +
  "    saxesParser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, {stream: true}));";
const tail = "    yield events;\n    events = [];\n  }\n};";
const tailAfter =
  "    yield events;\n    events = [];\n  }\n  const rest = decoder.decode();\n  if (rest) saxesParser.write(rest);\n  if (error) throw error;\n  if (events.length) yield events;\n};";
if (!source.includes(before) || !source.includes(tail)) {
  console.error(`patch-exceljs: ${file} is not the expected exceljs 4.4.0 source; review scripts/patch-exceljs.cjs`);
  process.exit(1);
}
fs.writeFileSync(file, source.replace(before, after).replace(tail, tailAfter));
console.log("patch-exceljs: streaming UTF-8 decoding applied to exceljs parse-sax");
