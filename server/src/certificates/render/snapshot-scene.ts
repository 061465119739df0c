import type { SKRSContext2D } from "@napi-rs/canvas";
import { prng } from "../../common/prng";

/** Stylised webcam scene for demo proctoring snapshots (320×240), drawn with plain shapes. */
const W = 320;
const H = 240;

type Rnd = () => number;
const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];

interface Looks {
  skin: string;
  skinShade: string;
  hair: string;
  hairStyle: "short" | "long" | "bun" | "crop";
  top: string;
  coat: boolean;
  glasses: boolean;
}

interface Pose {
  x: number;
  y: number;
  scale: number;
  tilt: number;
  /** Horizontal shift of the facial features: the head turning (± a few px). */
  gaze: number;
}

const SKINS = [
  ["#f1c9a5", "#d9a77f"],
  ["#e8b48c", "#c98f66"],
  ["#d6a07a", "#b27a55"],
  ["#f5d5b8", "#dcb08d"],
] as const;
const HAIR = ["#1b1714", "#2b2019", "#3a2a1f", "#4a3a30", "#151515"];
const HAIR_STYLES = ["short", "long", "bun", "crop"] as const;
const TOPS = ["#2f4f7f", "#6b7d8c", "#8a3b3b", "#3d6b50", "#444444", "#c9b28f"];

function looksFor(rnd: Rnd): Looks {
  const [skin, skinShade] = pick(rnd, SKINS);
  return {
    skin,
    skinShade,
    hair: pick(rnd, HAIR),
    hairStyle: pick(rnd, HAIR_STYLES),
    top: pick(rnd, TOPS),
    coat: rnd() < 0.6,
    glasses: rnd() < 0.4,
  };
}

/** Someone clearly not the examinee: other hair style, the opposite glasses and no white coat. */
function impostorOf(examinee: Looks, rnd: Rnd): Looks {
  const other = looksFor(rnd);
  const styles = HAIR_STYLES.filter((s) => s !== examinee.hairStyle);
  return { ...other, hairStyle: pick(rnd, styles), glasses: !examinee.glasses, coat: false };
}

export function drawSnapshotScene(ctx: SKRSContext2D, seed: number, similarity: number, person: number): void {
  const rnd = prng(Math.imul(Math.trunc(seed), 2654435761) ^ 0x5bd1e995);
  const examinee = looksFor(prng(Math.imul(Math.trunc(person), 7919) + 17));
  const s = Math.min(100, Math.max(0, Number.isFinite(similarity) ? similarity : 0));
  const pose: Pose = {
    x: 160 + (rnd() - 0.5) * 36,
    y: (rnd() - 0.5) * 14,
    scale: 0.95 + rnd() * 0.12,
    tilt: (rnd() - 0.5) * 0.14,
    gaze: (rnd() - 0.5) * 4,
  };

  drawRoom(ctx, rnd);
  drawChair(ctx, pose.x);
  let dim = 0;
  if (s >= 60) {
    drawPerson(ctx, examinee, pose);
  } else if (s >= 40) {
    // The examinee, but turned away, off-centre and badly lit.
    const side = rnd() < 0.5 ? -1 : 1;
    drawPerson(ctx, examinee, { ...pose, x: 160 + side * (55 + rnd() * 35), gaze: side * 7, tilt: side * 0.12 });
    dim = 0.28;
  } else if (s >= 15) {
    const stranger = impostorOf(examinee, prng(seed + 99991));
    if (rnd() < 0.5) drawPerson(ctx, stranger, pose);
    else {
      // Somebody leaning in behind the examinee.
      const side = pose.x > 160 ? -1 : 1;
      drawPerson(ctx, stranger, { x: 160 + side * 115, y: -18, scale: 0.78, tilt: -side * 0.1, gaze: -side * 6 });
      drawPerson(ctx, examinee, { ...pose, x: 160 - side * 25 });
    }
  }
  // Below 15 %: an empty seat, only the chair is in frame.
  drawLighting(ctx, rnd, dim);
  addSensorNoise(ctx, rnd);
}

function drawRoom(ctx: SKRSContext2D, rnd: Rnd): void {
  const wall = pick(rnd, [
    ["#dcd6c8", "#b9b2a2"],
    ["#cfd8de", "#a8b3bb"],
    ["#e3d9cb", "#c2b39f"],
    ["#c9d2c8", "#a4afa3"],
    ["#dad2dc", "#b5acb8"],
  ]);
  const g = ctx.createLinearGradient(0, 0, 0, H);
  g.addColorStop(0, wall[0]);
  g.addColorStop(1, wall[1]);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, W, H);

  const left = rnd() < 0.5;
  const x = left ? 10 + rnd() * 30 : 220 + rnd() * 40;
  switch (pick(rnd, ["door", "window", "shelf", "clock"] as const)) {
    case "door":
      ctx.fillStyle = "#8c6a4a";
      ctx.fillRect(x, 20, 70, 220);
      ctx.strokeStyle = "#6d5238";
      ctx.lineWidth = 3;
      ctx.strokeRect(x + 8, 32, 54, 80);
      ctx.fillStyle = "#d8c27a";
      ctx.beginPath();
      ctx.arc(left ? x + 60 : x + 10, 140, 4, 0, Math.PI * 2);
      ctx.fill();
      break;
    case "window": {
      const sky = ctx.createLinearGradient(0, 15, 0, 115);
      sky.addColorStop(0, "#eaf4fb");
      sky.addColorStop(1, "#bcd7ea");
      ctx.fillStyle = sky;
      ctx.fillRect(x, 15, 80, 100);
      ctx.strokeStyle = "#f5f5f5";
      ctx.lineWidth = 5;
      ctx.strokeRect(x, 15, 80, 100);
      ctx.beginPath();
      ctx.moveTo(x + 40, 15);
      ctx.lineTo(x + 40, 115);
      ctx.stroke();
      break;
    }
    case "shelf":
      ctx.fillStyle = "#7a5c40";
      ctx.fillRect(x, 30, 84, 150);
      for (let shelf = 0; shelf < 3; shelf++) {
        let bx = x + 5;
        while (bx < x + 76) {
          const w = 5 + Math.floor(rnd() * 7);
          ctx.fillStyle = pick(rnd, ["#a33", "#335f99", "#d9c48a", "#2e6b45", "#ececec", "#553366"]);
          const h = 30 + Math.floor(rnd() * 12);
          ctx.fillRect(bx, 30 + shelf * 50 + (46 - h), Math.min(w, x + 79 - bx), h);
          bx += w + 1;
        }
      }
      break;
    case "clock":
      ctx.fillStyle = "#fafafa";
      ctx.strokeStyle = "#333";
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.arc(x + 35, 50, 22, 0, Math.PI * 2);
      ctx.fill();
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x + 35, 50);
      ctx.lineTo(x + 35, 36);
      ctx.moveTo(x + 35, 50);
      ctx.lineTo(x + 46, 54);
      ctx.stroke();
      break;
  }
}

function drawChair(ctx: SKRSContext2D, x: number): void {
  ctx.fillStyle = "#2a2c30";
  ctx.beginPath();
  ctx.roundRect(x - 80, 95, 160, 160, 28);
  ctx.fill();
  ctx.fillStyle = "#34373c";
  ctx.beginPath();
  ctx.roundRect(x - 64, 108, 128, 140, 22);
  ctx.fill();
}

function drawPerson(ctx: SKRSContext2D, looks: Looks, pose: Pose): void {
  ctx.save();
  ctx.translate(pose.x, H + pose.y);
  ctx.scale(pose.scale, pose.scale);
  const g = pose.gaze;

  if (looks.hairStyle === "long") {
    ctx.fillStyle = looks.hair;
    ctx.beginPath();
    ctx.roundRect(-42, -178, 84, 112, 36);
    ctx.fill();
  }

  // Torso: a white coat over a coloured shirt, or just the shirt.
  ctx.fillStyle = looks.coat ? "#f3f3f1" : looks.top;
  ctx.beginPath();
  ctx.moveTo(-105, 10);
  ctx.quadraticCurveTo(-100, -62, -42, -70);
  ctx.lineTo(42, -70);
  ctx.quadraticCurveTo(100, -62, 105, 10);
  ctx.closePath();
  ctx.fill();
  if (looks.coat) {
    ctx.fillStyle = looks.top;
    ctx.beginPath();
    ctx.moveTo(-20, -70);
    ctx.lineTo(20, -70);
    ctx.lineTo(0, -22);
    ctx.closePath();
    ctx.fill();
    ctx.strokeStyle = "#c9c9c4";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(-20, -70);
    ctx.lineTo(0, -22);
    ctx.lineTo(0, 10);
    ctx.moveTo(20, -70);
    ctx.lineTo(0, -22);
    ctx.stroke();
  }

  ctx.fillStyle = looks.skinShade;
  ctx.fillRect(-13, -106, 26, 40);

  // The head pivots on the neck.
  ctx.translate(0, -100);
  ctx.rotate(pose.tilt);
  ctx.translate(0, 100);
  ctx.fillStyle = looks.skinShade;
  for (const side of [-1, 1]) {
    ctx.beginPath();
    ctx.ellipse(side * 32 + g * 0.6, -128, 6, 10, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  const face = ctx.createRadialGradient(g - 8, -140, 6, 0, -130, 46);
  face.addColorStop(0, looks.skin);
  face.addColorStop(1, looks.skinShade);
  ctx.fillStyle = face;
  ctx.beginPath();
  ctx.ellipse(0, -130, 32, 41, 0, 0, Math.PI * 2);
  ctx.fill();

  drawHair(ctx, looks);
  drawFace(ctx, looks, g);
  ctx.restore();
}

function drawHair(ctx: SKRSContext2D, looks: Looks): void {
  ctx.fillStyle = looks.hair;
  ctx.beginPath();
  if (looks.hairStyle === "crop") {
    ctx.ellipse(0, -140, 33, 33, 0, Math.PI, Math.PI * 2);
    ctx.quadraticCurveTo(0, -170, -33, -140);
  } else {
    ctx.ellipse(0, -138, 35, 37, 0, Math.PI, Math.PI * 2);
    ctx.quadraticCurveTo(4, -156, -35, -138);
  }
  ctx.fill();
  if (looks.hairStyle === "bun") {
    ctx.beginPath();
    ctx.arc(0, -178, 14, 0, Math.PI * 2);
    ctx.fill();
  }
}

function drawFace(ctx: SKRSContext2D, looks: Looks, g: number): void {
  ctx.strokeStyle = looks.hair;
  ctx.lineWidth = 2.5;
  ctx.fillStyle = "#231c18";
  for (const side of [-1, 1]) {
    const ex = side * 13 + g;
    ctx.beginPath();
    ctx.moveTo(ex - 7, -141);
    ctx.lineTo(ex + 7, -141 - side * 0.5);
    ctx.stroke();
    ctx.beginPath();
    ctx.ellipse(ex, -131, 4, 2.6, 0, 0, Math.PI * 2);
    ctx.fill();
  }
  if (looks.glasses) {
    ctx.strokeStyle = "#222";
    ctx.lineWidth = 1.8;
    for (const side of [-1, 1]) {
      ctx.beginPath();
      ctx.roundRect(side * 13 + g - 9, -138, 18, 14, 4);
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.moveTo(g - 4, -132);
    ctx.lineTo(g + 4, -132);
    ctx.stroke();
  }
  ctx.strokeStyle = looks.skinShade;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(g * 1.2, -126);
  ctx.lineTo(g * 1.4 + 2, -113);
  ctx.lineTo(g * 1.2 - 3, -112);
  ctx.stroke();
  ctx.strokeStyle = "#a4584d";
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  ctx.moveTo(g - 8, -101);
  ctx.quadraticCurveTo(g, -97, g + 8, -101);
  ctx.stroke();
}

/** Uneven webcam exposure: a side light, a colour cast, a vignette and optional underexposure. */
function drawLighting(ctx: SKRSContext2D, rnd: Rnd, dim: number): void {
  const lx = rnd() < 0.5 ? 0 : W;
  const light = ctx.createRadialGradient(lx, 40, 10, lx, 40, 300);
  light.addColorStop(0, `rgba(255,248,230,${(0.12 + rnd() * 0.2).toFixed(2)})`);
  light.addColorStop(1, "rgba(255,248,230,0)");
  ctx.fillStyle = light;
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = rnd() < 0.5 ? "rgba(255,190,120,0.07)" : "rgba(120,170,255,0.07)";
  ctx.fillRect(0, 0, W, H);
  const vignette = ctx.createRadialGradient(W / 2, H / 2, 90, W / 2, H / 2, 220);
  vignette.addColorStop(0, "rgba(0,0,0,0)");
  vignette.addColorStop(1, `rgba(0,0,0,${(0.3 + rnd() * 0.15 + dim).toFixed(2)})`);
  ctx.fillStyle = vignette;
  ctx.fillRect(0, 0, W, H);
  const exposure = rnd() * 0.12 + dim;
  if (exposure > 0) {
    ctx.fillStyle = `rgba(0,0,0,${exposure.toFixed(2)})`;
    ctx.fillRect(0, 0, W, H);
  }
}

function addSensorNoise(ctx: SKRSContext2D, rnd: Rnd): void {
  const img = ctx.getImageData(0, 0, W, H);
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (rnd() - 0.5) * 16;
    d[i] += n;
    d[i + 1] += n;
    d[i + 2] += n;
  }
  ctx.putImageData(img, 0, 0);
}
