import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { renderCertificatePng, type CertificateImageData } from "./certificate-image";

/** Plausible data for tests, docs and the demo (no real person). */
export const SAMPLE_CERTIFICATE: CertificateImageData = {
  number: "GX2026-000123",
  physicianName: "李明华",
  gender: "男",
  idNumberMasked: "4501**********1234",
  categoryName: "临床",
  scopeNames: ["内科专业"],
  levelName: "执业医师",
  institutionName: "南宁市示例人民医院",
  cycleName: "2024—2026 年度医师定期考核",
  cycleStart: "2024-01-01",
  cycleEnd: "2026-12-31",
  procedureName: "一般程序",
  result: "合格",
  issuingAuthority: "广西壮族自治区卫生健康委员会",
  issueDate: "2026-03-15",
  verificationCode: "7K3M-Q9TD-2HXA",
  verifyUrl: "http://localhost:3000/verify/GX2026-000123?code=7K3MQ9TD2HXA",
};

/** `node -r @swc-node/register src/certificates/render/sample.ts [out.png]` regenerates the docs screenshot. */
async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? `${__dirname}/../../../../docs/screenshots/certificate.png`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await renderCertificatePng(SAMPLE_CERTIFICATE));
  console.log(`wrote ${out}`);
}

if (require.main === module) void main();
