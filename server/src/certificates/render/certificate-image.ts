import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { drawQrCode, drawSpread, fitSize, formatCnDate, wrapText } from "./draw";
import { font, requireCjkFont } from "./fonts";

export interface CertificateImageData {
  /** Unique certificate number, e.g. "GX2026-000123". */
  number: string;
  physicianName: string;
  /** 男 / 女 */
  gender: string;
  /** The printed certificate masks the ID number, e.g. 4501**********1234. */
  idNumberMasked: string;
  /** 执业类别, e.g. 临床 */
  categoryName: string;
  /** 执业范围, e.g. ["内科专业"] */
  scopeNames: string[];
  /** 执业医师 / 执业助理医师 */
  levelName: string;
  institutionName: string;
  /** e.g. "2024—2026 年度医师定期考核" */
  cycleName: string;
  /** YYYY-MM-DD */
  cycleStart: string;
  /** YYYY-MM-DD */
  cycleEnd: string;
  /** 简易程序 / 一般程序 */
  procedureName: string;
  /** 合格 */
  result: string;
  /** 发证机关, e.g. 广西壮族自治区卫生健康委员会 */
  issuingAuthority: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** Printed beside the number, e.g. 7K3M-Q9TD-2HXA. */
  verificationCode: string;
  /** Encoded in the QR code, e.g. http://host/verify/GX2026-000123?code=7K3MQ9TD2HXA */
  verifyUrl: string;
}

export const CERTIFICATE_WIDTH = 1754;
export const CERTIFICATE_HEIGHT = 1240;

const C = {
  paper: "#fdf9ee",
  red: "#a3231f",
  gold: "#c49a45",
  ink: "#1f1f1f",
  label: "#4a3b2a",
  muted: "#6b6256",
  rule: "#b89b6a",
  labelFill: "#f4ead3",
};

/** Content box inside the border; everything below is laid out from these. */
const LEFT = 164;
const RIGHT = 1590;
const TABLE_TOP = 272;
const ROW_H = 64;
const LABEL_W = 180;
const SEAL = { x: 1390, y: 915, r: 100 };
/** Where the QR code is drawn (exported so tests can check its modules). */
export const CERTIFICATE_QR_BOX = { x: LEFT, y: 812, size: 224 } as const;

/**
 * Renders the 医师定期考核合格证明 as a 1754×1240 PNG (A4 landscape at 150 dpi). Pure function of `data`:
 * no clock or randomness, so the same data gives byte-identical output (the PNG can be cached or hashed).
 * The seal circle is left empty: the issuing authority stamps it (electronically or on paper).
 *
 * @throws MissingCjkFontError when no Chinese font is installed (never renders tofu boxes).
 */
export async function renderCertificatePng(data: CertificateImageData): Promise<Buffer> {
  const family = requireCjkFont();
  const canvas = createCanvas(CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT);
  const ctx = canvas.getContext("2d");
  // An explicit language keeps glyph choice and fallback independent of the host locale.
  ctx.lang = "zh-CN";
  drawBackground(ctx);
  drawBorder(ctx);
  drawTitle(ctx, family, data.number, data.verificationCode);
  drawFieldTable(ctx, family, data);
  drawBody(ctx, family, data);
  drawVerification(ctx, family, data.verifyUrl);
  drawSignature(ctx, family, data);
  return canvas.encode("png");
}

function drawBackground(ctx: SKRSContext2D): void {
  ctx.fillStyle = C.paper;
  ctx.fillRect(0, 0, CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT);
  // A faint guilloche-like rosette behind the fields, the usual anti-copy pattern of certificate paper.
  ctx.save();
  ctx.strokeStyle = "rgba(196,154,69,0.13)";
  ctx.lineWidth = 1;
  const cx = CERTIFICATE_WIDTH / 2;
  const cy = 676; // centre falls in the gap between table and text, not on a value
  // Circles whose rims all pass through the centre: a dense, even rosette without a hole.
  for (let i = 0; i < 60; i++) {
    const a = (i / 60) * Math.PI * 2;
    ctx.beginPath();
    ctx.arc(cx + Math.cos(a) * 180, cy + Math.sin(a) * 180, 180, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.restore();
}

function drawBorder(ctx: SKRSContext2D): void {
  const W = CERTIFICATE_WIDTH;
  const H = CERTIFICATE_HEIGHT;
  const frame = (inset: number, width: number, color: string) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.strokeRect(inset, inset, W - 2 * inset, H - 2 * inset);
  };
  frame(30, 8, C.red);
  frame(44, 2, C.red);
  frame(84, 2, C.gold);
  frame(90, 1, C.gold);

  // A chain of diamonds in the band between the red and gold frames, spaced so each side ends on a corner.
  const band = 64;
  ctx.fillStyle = C.gold;
  const side = (x0: number, y0: number, x1: number, y1: number) => {
    const len = Math.hypot(x1 - x0, y1 - y0);
    const n = Math.round(len / 26);
    for (let i = 1; i < n; i++) {
      const x = x0 + ((x1 - x0) * i) / n;
      const y = y0 + ((y1 - y0) * i) / n;
      diamond(ctx, x, y, i % 2 ? 8 : 4);
    }
  };
  side(band, band, W - band, band);
  side(band, H - band, W - band, H - band);
  side(band, band, band, H - band);
  side(W - band, band, W - band, H - band);

  // Corner blocks cover where the chains meet.
  for (const [x, y] of [
    [band, band],
    [W - band, band],
    [band, H - band],
    [W - band, H - band],
  ]) {
    ctx.fillStyle = C.red;
    ctx.fillRect(x - 15, y - 15, 30, 30);
    ctx.strokeStyle = C.gold;
    ctx.lineWidth = 2;
    ctx.strokeRect(x - 9, y - 9, 18, 18);
    ctx.fillStyle = C.gold;
    ctx.fillRect(x - 3, y - 3, 6, 6);
  }
}

function diamond(ctx: SKRSContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  ctx.fill();
}

function drawTitle(ctx: SKRSContext2D, family: string, number: string, code: string): void {
  const mid = CERTIFICATE_WIDTH / 2;
  const titleW = 720;
  ctx.fillStyle = C.red;
  ctx.font = font(family, 66, "bold");
  ctx.textBaseline = "alphabetic";
  drawSpread(ctx, "医师定期考核合格证明", mid - titleW / 2, 190, titleW);

  // Short ornamental rules either side of the title.
  ctx.strokeStyle = C.gold;
  ctx.fillStyle = C.gold;
  ctx.lineWidth = 2;
  for (const dir of [-1, 1]) {
    const inner = mid + dir * (titleW / 2 + 40);
    const outer = mid + dir * (titleW / 2 + 200);
    ctx.beginPath();
    ctx.moveTo(inner, 166);
    ctx.lineTo(outer, 166);
    ctx.stroke();
    diamond(ctx, inner, 166, 7);
    diamond(ctx, outer, 166, 5);
  }

  ctx.fillStyle = C.ink;
  ctx.textAlign = "right";
  ctx.font = font(family, 24);
  ctx.fillText(`证明编号：${number}    核验码：${code}`, RIGHT, 250);
  ctx.textAlign = "left";
}

type Cell = [label: string, value: string, bold?: boolean];

function drawFieldTable(ctx: SKRSContext2D, family: string, d: CertificateImageData): void {
  const period = `${d.cycleName}（${formatCnDate(d.cycleStart)}至${formatCnDate(d.cycleEnd)}）`;
  const rows: Cell[][] = [
    [
      ["姓名", d.physicianName],
      ["性别", d.gender],
    ],
    [
      ["身份证号码", d.idNumberMasked],
      ["执业级别", d.levelName],
    ],
    [
      ["执业类别", d.categoryName],
      ["执业范围", d.scopeNames.join("、")],
    ],
    [["执业机构", d.institutionName]],
    [["考核周期", period]],
    [
      ["考核程序", d.procedureName],
      ["考核结果", d.result, true],
    ],
  ];
  const half = (RIGHT - LEFT) / 2;
  rows.forEach((cells, r) => {
    const y = TABLE_TOP + r * ROW_H;
    cells.forEach(([label, value, bold], c) => {
      const x = LEFT + c * half;
      const valueW = (cells.length === 1 ? RIGHT - LEFT : half) - LABEL_W;
      ctx.fillStyle = C.labelFill;
      ctx.fillRect(x, y, LABEL_W, ROW_H);
      ctx.fillStyle = C.label;
      ctx.font = font(family, 26);
      ctx.textBaseline = "middle";
      drawSpread(ctx, label, x + 20, y + ROW_H / 2, LABEL_W - 40);
      drawCellValue(ctx, family, value, x + LABEL_W + 22, y, valueW - 44, bold);
      ctx.strokeStyle = C.rule;
      ctx.lineWidth = 1;
      ctx.strokeRect(x + 0.5, y + 0.5, LABEL_W, ROW_H);
      ctx.strokeRect(x + LABEL_W + 0.5, y + 0.5, valueW, ROW_H);
    });
  });
  ctx.strokeStyle = C.label;
  ctx.lineWidth = 2;
  ctx.strokeRect(LEFT, TABLE_TOP, RIGHT - LEFT, rows.length * ROW_H);
  ctx.textBaseline = "alphabetic";
}

/** One line, shrunk to fit; if still too wide, two lines. Clipped to the cell so nothing spills over a rule. */
function drawCellValue(
  ctx: SKRSContext2D,
  family: string,
  text: string,
  x: number,
  top: number,
  maxW: number,
  bold?: boolean,
): void {
  const weight = bold ? "bold" : "normal";
  const size = fitSize(ctx, family, text, maxW, 28, 20, weight);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x - 4, top + 2, maxW + 8, ROW_H - 4);
  ctx.clip();
  ctx.fillStyle = C.ink;
  ctx.textBaseline = "middle";
  const lines = ctx.measureText(text).width <= maxW ? [text] : wrapText(ctx, text, maxW).slice(0, 2);
  const lineH = size + 4;
  lines.forEach((line, i) => ctx.fillText(line, x, top + ROW_H / 2 + (i - (lines.length - 1) / 2) * lineH));
  ctx.restore();
}

function drawBody(ctx: SKRSContext2D, family: string, d: CertificateImageData): void {
  const text =
    `经考核，${d.physicianName}医师在${formatCnDate(d.cycleStart)}至${formatCnDate(d.cycleEnd)}` +
    `考核周期内定期考核结果为${d.result}，特此证明。`;
  ctx.fillStyle = C.ink;
  ctx.font = font(family, 30);
  // Two ideographic spaces indent the paragraph, as Chinese documents do.
  wrapText(ctx, `\u3000\u3000${text}`, RIGHT - LEFT)
    .slice(0, 3)
    .forEach((line, i) => ctx.fillText(line, LEFT, 722 + i * 48));
}

function drawVerification(ctx: SKRSContext2D, family: string, url: string): void {
  const qr = CERTIFICATE_QR_BOX;
  drawQrCode(ctx, url, qr.x, qr.y, qr.size);
  ctx.strokeStyle = C.rule;
  ctx.lineWidth = 1;
  ctx.strokeRect(qr.x + 0.5, qr.y + 0.5, qr.size, qr.size);
  ctx.fillStyle = C.ink;
  ctx.font = font(family, 22, "bold");
  ctx.textAlign = "center";
  ctx.fillText("扫码核验", qr.x + qr.size / 2, qr.y + qr.size + 34);
  ctx.textAlign = "left";

  const x = qr.x + qr.size + 36;
  const maxW = 560;
  ctx.fillStyle = C.muted;
  ctx.font = font(family, 20);
  ctx.fillText("扫描左侧二维码或访问以下网址，可核验本证明真伪：", x, 858);
  ctx.fillStyle = C.ink;
  wrapText(ctx, url, maxW)
    .slice(0, 3)
    .forEach((line, i) => ctx.fillText(line, x, 892 + i * 28));
  ctx.fillStyle = C.red;
  ctx.font = font(family, 22);
  ctx.fillText("注：本证明经发证机关盖章后生效，涂改无效。", x, 1014);
}

function drawSignature(ctx: SKRSContext2D, family: string, d: CertificateImageData): void {
  // Empty dashed circle where the (electronic) seal is applied.
  ctx.save();
  ctx.strokeStyle = "rgba(163,35,31,0.55)";
  ctx.lineWidth = 2;
  ctx.setLineDash([10, 8]);
  ctx.beginPath();
  ctx.arc(SEAL.x, SEAL.y, SEAL.r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.restore();
  ctx.fillStyle = "rgba(107,98,86,0.8)";
  ctx.font = font(family, 20);
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText("发证机关（盖章）", SEAL.x, SEAL.y);
  ctx.textBaseline = "alphabetic";

  ctx.fillStyle = C.ink;
  fitSize(ctx, family, d.issuingAuthority, 2 * (RIGHT - SEAL.x) - 8, 28, 18);
  ctx.fillText(d.issuingAuthority, SEAL.x, 1072);
  ctx.font = font(family, 26);
  ctx.fillText(formatCnDate(d.issueDate), SEAL.x, 1116);
  ctx.textAlign = "left";
}
