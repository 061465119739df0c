import type { SKRSContext2D } from "@napi-rs/canvas";
import QRCode from "qrcode";
import { font } from "./fonts";

/** "2024-01-01" → "2024年1月1日", the form GB/T 9704 uses for dates on official documents. */
export function formatCnDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Punctuation that must not start a line (kinsoku); it hangs at the end of the previous line instead. */
const NO_LINE_START = new Set("，。、；：！？）》」』”’%,.;:!?)");

/** Splits into wrap units: runs of Latin letters/digits/URL characters stay whole, every CJK character is one unit. */
function units(text: string): string[] {
  return text.match(/[A-Za-z0-9\-_.:/?=&%#*]+|\s+|./gu) ?? [];
}

/** Greedy line breaking for mixed Chinese/Latin text; over-long Latin runs (URLs) are split by character. */
export function wrapText(ctx: Pick<SKRSContext2D, "measureText">, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const unit of units(text)) {
    if (unit.length > 1 && ctx.measureText(unit).width > maxWidth) {
      // Wider than the box on its own (a URL): break it anywhere.
      for (const ch of unit) {
        if (line && ctx.measureText(line + ch).width > maxWidth) {
          lines.push(line);
          line = "";
        }
        line += ch;
      }
    } else if (line === "" || NO_LINE_START.has(unit) || ctx.measureText(line + unit).width <= maxWidth) {
      line += unit;
    } else {
      lines.push(line.trimEnd());
      line = unit.trimStart();
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Largest size ≤ `size` (down to `min`) at which `text` fits in `maxWidth` on one line. */
export function fitSize(
  ctx: SKRSContext2D,
  family: string,
  text: string,
  maxWidth: number,
  size: number,
  min: number,
  weight: "normal" | "bold" = "normal",
): number {
  for (let s = size; s > min; s -= 1) {
    ctx.font = font(family, s, weight);
    if (ctx.measureText(text).width <= maxWidth) return s;
  }
  ctx.font = font(family, min, weight);
  return min;
}

/** Draws `text` with its characters spread evenly over `width`, as labels are set on Chinese forms (姓　　名). */
export function drawSpread(ctx: SKRSContext2D, text: string, x: number, y: number, width: number): void {
  const chars = [...text];
  if (chars.length < 2) return void ctx.fillText(text, x, y);
  const widths = chars.map((c) => ctx.measureText(c).width);
  const gap = (width - widths.reduce((a, b) => a + b, 0)) / (chars.length - 1);
  if (gap < 0) return void ctx.fillText(text, x, y); // too long to spread: set it plainly
  const align = ctx.textAlign;
  ctx.textAlign = "left";
  let cx = x;
  chars.forEach((c, i) => {
    ctx.fillText(c, cx, y);
    cx += widths[i] + gap;
  });
  ctx.textAlign = align;
}

/** Where the modules of `text`'s QR code fall in a `box`-pixel square: whole-pixel cells, quiet zone ≥ 4 cells. */
export function qrLayout(text: string, box: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = modules.size;
  const cell = Math.max(1, Math.floor(box / (count + 8)));
  const offset = Math.round((box - cell * count) / 2);
  return { count, cell, offset, isDark: (row: number, col: number) => Boolean(modules.get(row, col)) };
}

/** Draws a QR code with `fillRect` per module on whole pixels, so it stays crisp when printed or scanned. */
export function drawQrCode(ctx: SKRSContext2D, text: string, x: number, y: number, box: number, color = "#000"): void {
  const { count, cell, offset, isDark } = qrLayout(text, box);
  ctx.fillStyle = "#fff";
  ctx.fillRect(x, y, box, box);
  ctx.fillStyle = color;
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (isDark(row, col)) ctx.fillRect(x + offset + col * cell, y + offset + row * cell, cell, cell);
    }
  }
}
