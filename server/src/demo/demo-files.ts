import { PDFDocument } from "@napi-rs/canvas";
import { wrapText } from "../certificates/render/draw";
import { findCjkFont, font } from "../certificates/render/fonts";

/**
 * A one-page A4 PDF in Chinese for the demo's attachments, drawn with the canvas the certificates use (Skia's PDF
 * backend embeds the subset of the certificates' CJK font it needs, so it reads the same in every viewer).
 * Images come from certificates/render/demo-images.
 */
export function demoPdf(title: string, paragraphs: string[], signature: string[]): Buffer {
  const doc = new PDFDocument({ title, creator: "医师定期考核信息登记管理系统（演示数据）" });
  const ctx = doc.beginPage(595, 842);
  const family = findCjkFont() ?? "sans-serif";
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, 595, 842);
  ctx.fillStyle = "#111111";
  ctx.textAlign = "center";
  ctx.font = font(family, 22, "bold");
  ctx.fillText(title, 297, 110);
  ctx.textAlign = "left";
  ctx.font = font(family, 13);
  let y = 170;
  for (const paragraph of paragraphs) {
    for (const line of wrapText(ctx, `\u3000\u3000${paragraph}`, 451)) {
      ctx.fillText(line, 72, y);
      y += 24;
    }
    y += 8;
  }
  ctx.textAlign = "right";
  y += 40;
  for (const line of signature) {
    ctx.fillText(line, 523, y);
    y += 24;
  }
  doc.endPage();
  return doc.close();
}

/** What a physician attaches to a 简易程序 application. */
export const demoMaterialPdf = (): Buffer =>
  demoPdf(
    "医师定期考核申请材料",
    [
      "本人自本考核周期开始以来在本机构连续执业，现按《医师定期考核管理办法》提交定期考核申请材料，包括医师资格证书、医师执业证书复印件及本周期年度考核情况。",
      "本周期内本人认真履行医师职责，遵守诊疗规范和医德规范，按要求完成继续医学教育学分，未发生医疗事故，无违法违规记录。",
      "本人承诺以上材料真实、准确，如有不实，愿承担相应责任。",
    ],
    ["申请人：（签名）", "所在机构医务科（盖章）"],
  );

/** What a centre attaches to its 申请考核机构. */
export const demoAaApplicationPdf = (institutionName: string): Buffer =>
  demoPdf(
    "申请承担医师定期考核工作的报告",
    [
      `${institutionName}现向主管卫生行政部门申请承担本单位及相应范围内医师的定期考核工作。`,
      "本单位设有医师定期考核工作领导小组和办公室，配备专职管理人员；具备可同时容纳 60 人的计算机考场及网络监考设备；建立了考核档案管理、保密和申诉处理制度。",
      "拟承担考核范围：本单位在职执业医师及所在县（区）二级以下医疗机构执业医师。",
    ],
    [`${institutionName}（盖章）`, "法定代表人：（签名）"],
  );
