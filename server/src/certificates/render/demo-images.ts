import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { prng } from "../../common/prng";
import { wrapText } from "./draw";
import { findCjkFont, font } from "./fonts";
import { drawSnapshotScene } from "./snapshot-scene";

export const MATERIAL_WIDTH = 1000;
export const MATERIAL_HEIGHT = 1400;
export const SNAPSHOT_WIDTH = 320;
export const SNAPSHOT_HEIGHT = 240;

/**
 * Writes Chinese text, or — when no CJK font is installed — a grey bar of about the same length, so the demo
 * images still look like a (blurry) document instead of throwing or showing tofu boxes.
 */
type Writer = (
  text: string,
  x: number,
  y: number,
  size: number,
  opts?: { bold?: boolean; color?: string; align?: "left" | "center" | "right" },
) => void;

function writer(ctx: SKRSContext2D, family: string | null): Writer {
  return (text, x, y, size, opts = {}) => {
    ctx.fillStyle = opts.color ?? "#222";
    ctx.textAlign = opts.align ?? "left";
    if (family) {
      ctx.font = font(family, size, opts.bold ? "bold" : "normal");
      ctx.fillText(text, x, y);
    } else {
      const w = [...text].length * size * 0.95;
      const left = opts.align === "center" ? x - w / 2 : opts.align === "right" ? x - w : x;
      ctx.globalAlpha = 0.35;
      ctx.fillRect(left, y - size * 0.75, w, size * 0.7);
      ctx.globalAlpha = 1;
    }
    ctx.textAlign = "left";
  };
}

/** A scanned 医师定期考核年度考核登记表 with a red institution stamp: a plausible uploaded material. */
export async function demoMaterialPng(): Promise<Buffer> {
  const W = MATERIAL_WIDTH;
  const H = MATERIAL_HEIGHT;
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext("2d");
  ctx.lang = "zh-CN";
  const family = findCjkFont();
  const write = writer(ctx, family);

  // Scanner look: greyish paper, darker towards the edges.
  const shade = ctx.createRadialGradient(W / 2, H / 2, H * 0.3, W / 2, H / 2, H * 0.8);
  shade.addColorStop(0, "#f7f5ef");
  shade.addColorStop(1, "#dedad0");
  ctx.fillStyle = shade;
  ctx.fillRect(0, 0, W, H);

  // Paper fed slightly askew.
  ctx.save();
  ctx.translate(W / 2, H / 2);
  ctx.rotate(0.006);
  ctx.translate(-W / 2, -H / 2);

  write("医师定期考核年度考核登记表", W / 2, 120, 40, { bold: true, align: "center" });
  write("（ 2025 年度 ）", W / 2, 172, 24, { align: "center" });
  write("单位（盖章）：南宁市示例人民医院", 70, 232, 20);
  write("填表日期：2025年12月20日", 690, 232, 20);

  const L = 70;
  const R = 930;
  ctx.strokeStyle = "#333";
  ctx.lineWidth = 1.6;
  const grid: [label: string, value: string][][] = [
    [
      ["姓名", "王丽"],
      ["性别", "女"],
      ["出生年月", "1985.06"],
    ],
    [
      ["执业类别", "临床"],
      ["执业范围", "内科专业"],
      ["职称", "主治医师"],
    ],
    [
      ["科室", "心血管内科"],
      ["执业证书编码", "110450100012345"],
    ],
  ];
  let y = 256;
  for (const row of grid) {
    const cellW = (R - L) / row.length;
    row.forEach(([label, value], i) => {
      const x = L + i * cellW;
      const labelW = Math.max(110, [...label].length * 20 + 24);
      ctx.strokeRect(x, y, labelW, 56);
      ctx.strokeRect(x + labelW, y, cellW - labelW, 56);
      write(label, x + 12, y + 36, 20);
      write(value, x + labelW + 14, y + 36, 20, { color: "#1d2f6f" });
    });
    y += 56;
  }

  const sections: [label: string, body: string, height: number][] = [
    [
      "本年度工作情况",
      "本年度在心血管内科从事临床诊疗工作，完成门诊诊疗约3600人次，主管住院患者约420人次，参与科室疑难病例讨论24次。" +
        "按要求完成继续医学教育学分，参加省级学术会议2次。未发生医疗事故及医疗纠纷。" +
        "带教规培住院医师3名，参与编写科室诊疗常规1项，在院内开展健康宣教讲座4次。",
      250,
    ],
    ["职业道德情况", "遵守医师职业道德规范，廉洁行医，尊重患者，无收受红包、回扣等违规行为，患者满意度较高。", 170],
    ["科室意见", "同意，考核合格。", 190],
    ["单位意见", "经审核，该医师本年度考核结果为合格。", 230],
  ];
  for (const [label, body, height] of sections) {
    ctx.strokeRect(L, y, 110, height);
    ctx.strokeRect(L + 110, y, R - L - 110, height);
    // Vertical label, centred in its cell and squeezed if the cell is short.
    const step = Math.min(30, (height - 30) / label.length);
    const top = y + (height - step * label.length) / 2 + 18;
    [...label].forEach((ch, i) => write(ch, L + 55, top + i * step, 20, { align: "center" }));
    if (family) ctx.font = font(family, 20);
    const lines = family ? wrapText(ctx, `\u3000\u3000${body}`, R - L - 150) : chunks(body, 36);
    lines.forEach((line, i) => write(line, L + 130, y + 44 + i * 36, 20, { color: "#1d2f6f" }));
    if (label.endsWith("意见")) {
      write("负责人签字：", R - 500, y + height - 60, 20);
      drawSignatureScribble(ctx, R - 375, y + height - 66);
      write("2025年12月" + (label === "科室意见" ? "18" : "20") + "日", R - 200, y + height - 24, 20);
    }
    if (label === "单位意见") drawStamp(ctx, write, R - 140, y + height - 92);
    y += height;
  }
  write("注：本表由所在医疗机构填写，作为医师定期考核的工作成绩与职业道德评定依据。", L, y + 40, 17, { color: "#555" });
  ctx.restore();
  addSpeckles(ctx, W, H, 2500, 7);
  return canvas.encode("png");
}

export const COMMENDATION_WIDTH = 800;
export const COMMENDATION_HEIGHT = 560;
/** Drawn on a 1000×700 layout, scaled to the size a phone photo is usually sent at. */
const COMMENDATION_SCALE = COMMENDATION_WIDTH / 1000;

/**
 * A 荣誉证书 (commendation certificate) photographed for upload: red-and-gold frame, the award to `name` and the
 * issuing administration's seal. The evidence a physician attaches to a 免考 request for 获得省级以上表彰.
 * Flat colours and no scanner noise, so the PNG stays small.
 */
export async function demoCommendationPng(name = "王丽"): Promise<Buffer> {
  const W = 1000;
  const H = 700;
  const canvas = createCanvas(COMMENDATION_WIDTH, COMMENDATION_HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.lang = "zh-CN";
  ctx.scale(COMMENDATION_SCALE, COMMENDATION_SCALE);
  const write = writer(ctx, findCjkFont());
  const red = "#b3191f";
  const gold = "#c9a24a";

  ctx.fillStyle = "#fbf6e9";
  ctx.fillRect(0, 0, W, H);
  // Frame: a wide red band, a gold rule inside it, corner ornaments.
  ctx.fillStyle = red;
  ctx.fillRect(0, 0, W, 36);
  ctx.fillRect(0, H - 36, W, 36);
  ctx.fillRect(0, 0, 36, H);
  ctx.fillRect(W - 36, 0, 36, H);
  ctx.strokeStyle = gold;
  ctx.lineWidth = 4;
  ctx.strokeRect(52, 52, W - 104, H - 104);
  ctx.lineWidth = 1.5;
  ctx.strokeRect(62, 62, W - 124, H - 124);
  ctx.fillStyle = gold;
  for (const [x, y] of [
    [62, 62],
    [W - 62, 62],
    [62, H - 62],
    [W - 62, H - 62],
  ]) {
    ctx.beginPath();
    for (let i = 0; i < 8; i++) {
      const r = i % 2 ? 7 : 18;
      const a = (i * Math.PI) / 4;
      ctx.lineTo(x + Math.cos(a) * r, y + Math.sin(a) * r);
    }
    ctx.closePath();
    ctx.fill();
  }

  write("荣 誉 证 书", W / 2, 170, 64, { bold: true, color: red, align: "center" });
  write("桂卫表〔2025〕128 号", W - 120, 110, 18, { color: "#555", align: "right" });
  write(`${name} 同志：`, 150, 260, 30, { bold: true });
  const body = ["在 2025 年度全区卫生健康工作中，爱岗敬业、医术精湛，", "全心全意为人民群众健康服务，成绩突出，被评为"];
  body.forEach((line, i) => write(line, 210, 320 + i * 50, 26));
  write("广西壮族自治区优秀医师", W / 2, 440, 40, { bold: true, color: red, align: "center" });
  write("特发此证，以资鼓励。", 210, 500, 26);

  write("广西壮族自治区卫生健康委员会", W - 150, 580, 24, { align: "right" });
  write("二〇二五年十二月", W - 210, 622, 24, { align: "right" });
  drawStamp(ctx, write, W - 270, 570, "广西壮族自治区卫生健康委员会", "表彰专用章");
  return canvas.encode("png");
}

function chunks(text: string, n: number): string[] {
  const chars = [...`\u3000\u3000${text}`];
  return Array.from({ length: Math.ceil(chars.length / n) }, (_, i) => chars.slice(i * n, (i + 1) * n).join(""));
}

/** A pen signature: a few loops in blue ink, so the form looks filled in by hand. */
function drawSignatureScribble(ctx: SKRSContext2D, x: number, y: number): void {
  ctx.save();
  ctx.strokeStyle = "#22307a";
  ctx.lineWidth = 2.2;
  ctx.lineCap = "round";
  ctx.beginPath();
  ctx.moveTo(x, y + 4);
  ctx.bezierCurveTo(x + 14, y - 22, x + 22, y + 14, x + 34, y - 6);
  ctx.bezierCurveTo(x + 42, y - 20, x + 50, y + 10, x + 62, y - 4);
  ctx.bezierCurveTo(x + 72, y - 16, x + 80, y + 8, x + 100, y - 2);
  ctx.moveTo(x + 18, y + 8);
  ctx.lineTo(x + 92, y + 4);
  ctx.stroke();
  ctx.restore();
}

/** A round red institution seal: ring, star, name along the upper arc (as Chinese official seals are cut). */
function drawStamp(
  ctx: SKRSContext2D,
  write: Writer,
  cx: number,
  cy: number,
  issuer = "南宁市示例人民医院",
  office = "医务科",
): void {
  const red = "rgba(205,32,38,0.82)";
  ctx.save();
  ctx.strokeStyle = red;
  ctx.fillStyle = red;
  ctx.lineWidth = 5;
  ctx.beginPath();
  ctx.arc(cx, cy, 84, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 ? 10 : 26;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(cx + Math.cos(a) * r, cy + Math.sin(a) * r);
  }
  ctx.closePath();
  ctx.fill();
  const name = [...issuer];
  const span = Math.min(Math.PI * 1.5, name.length * 0.135 * Math.PI);
  // Long names get smaller characters, so they stand side by side on the arc as a seal cutter would set them.
  const size = Math.min(20, ((span * 62) / name.length) * 0.82);
  name.forEach((ch, i) => {
    const a = -Math.PI / 2 - span / 2 + (span * (i + 0.5)) / name.length;
    ctx.save();
    ctx.translate(cx + Math.cos(a) * 62, cy + Math.sin(a) * 62);
    ctx.rotate(a + Math.PI / 2);
    write(ch, 0, size * 0.4, size, { bold: true, color: red, align: "center" });
    ctx.restore();
  });
  write(office, cx, cy + 52, 16, { bold: true, color: red, align: "center" });
  ctx.restore();
}

/** Dust and sensor noise; seeded so the image is the same on every run. */
function addSpeckles(ctx: SKRSContext2D, w: number, h: number, count: number, seed: number): void {
  const rnd = prng(seed);
  for (let i = 0; i < count; i++) {
    ctx.fillStyle = `rgba(60,60,60,${(0.1 + rnd() * 0.35).toFixed(2)})`;
    ctx.fillRect(Math.floor(rnd() * w), Math.floor(rnd() * h), 1 + Math.floor(rnd() * 2), 1);
  }
}

/**
 * A 320×240 webcam frame for the proctoring gallery. The scene (wall, lighting, pose) varies with `seed`;
 * `similarity` (0–100 %, as stored on ProctoringSnapshot) picks what the camera saw: the examinee (high),
 * the examinee turned away or badly lit (middle), someone else or a second person (low), an empty seat
 * (very low). `person` fixes the examinee's looks, so one attempt's snapshots show the same face.
 * `capturedAt` is burned into the frame as a camera would (Beijing time, as the console shows it);
 * without it the caption is derived from the seed.
 */
export async function demoSnapshotPng(
  seed: number,
  similarity: number,
  person = 0,
  capturedAt?: Date,
): Promise<Buffer> {
  const canvas = createCanvas(SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT);
  const ctx = canvas.getContext("2d");
  ctx.lang = "zh-CN";
  drawSnapshotScene(ctx, seed, similarity, person);
  ctx.fillStyle = "rgba(0,0,0,0.45)";
  ctx.fillRect(0, SNAPSHOT_HEIGHT - 20, SNAPSHOT_WIDTH, 20);
  ctx.fillStyle = "#f2f2f2";
  // ASCII only, so any installed font will do; the first family name wins if present.
  ctx.font = `11px "${findCjkFont() ?? "DejaVu Sans Mono"}", monospace`;
  ctx.fillText(`CAM-01  ${capturedAt ? beijingTime(capturedAt) : captionTime(seed)}`, 6, SNAPSHOT_HEIGHT - 6);
  return canvas.encode("png");
}

/** `YYYY-MM-DD HH:MM:SS` in UTC+8 (China has no daylight saving time). */
const beijingTime = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");

/**
 * A capture time derived from the seed only. Consecutive seeds (in blocks of 20) share a date and get
 * increasing times, so a gallery seeded with consecutive numbers reads like one test session.
 */
function captionTime(seed: number): string {
  const n = Math.abs(Math.trunc(seed));
  const session = Math.floor(n / 20);
  const day = 1 + (session % 28);
  const secs = 9 * 3600 + ((session * 1373) % 3600) + (n % 20) * 97;
  const p = (v: number) => String(v).padStart(2, "0");
  return `2026-05-${p(day)} ${p(Math.floor(secs / 3600))}:${p(Math.floor(secs / 60) % 60)}:${p(secs % 60)}`;
}
