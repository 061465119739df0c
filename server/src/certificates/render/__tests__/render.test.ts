import { createCanvas, loadImage } from "@napi-rs/canvas";
import { CERTIFICATE_HEIGHT, CERTIFICATE_QR_BOX, CERTIFICATE_WIDTH, renderCertificatePng } from "../certificate-image";
import {
  demoCommendationPng,
  demoMaterialPng,
  demoSnapshotPng,
  MATERIAL_HEIGHT,
  MATERIAL_WIDTH,
  SNAPSHOT_HEIGHT,
  SNAPSHOT_WIDTH,
} from "../demo-images";
import { qrLayout, wrapText } from "../draw";
import { findCjkFont, MissingCjkFontError, pickCjkFamily } from "../fonts";
import { SAMPLE_CERTIFICATE } from "../sample";
import type * as CertificateImage from "../certificate-image";
import type * as DemoImages from "../demo-images";

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a valid PNG must start with right after the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, ctx };
}

const luminance = (d: Uint8ClampedArray, i: number) => 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];

describe("renderCertificatePng", () => {
  // Noto Serif SC ships as an npm dependency, so a CJK font is always there; without one the renderer must refuse.
  beforeAll(() => expect(findCjkFont()).not.toBeNull());

  it("renders a 1754×1240 PNG", async () => {
    expect(pngSize(await renderCertificatePng(SAMPLE_CERTIFICATE))).toEqual({
      width: CERTIFICATE_WIDTH,
      height: CERTIFICATE_HEIGHT,
    });
    expect([CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT]).toEqual([1754, 1240]);
  });

  it("is deterministic: the same data gives the same bytes", async () => {
    const a = await renderCertificatePng(SAMPLE_CERTIFICATE);
    const b = await renderCertificatePng({ ...SAMPLE_CERTIFICATE, scopeNames: [...SAMPLE_CERTIFICATE.scopeNames] });
    expect(a.equals(b)).toBe(true);
  });

  it("changes when the data changes", async () => {
    const base = await renderCertificatePng(SAMPLE_CERTIFICATE);
    for (const change of [
      { number: "GX2026-000124" },
      { physicianName: "李明" },
      { verifyUrl: "http://localhost:3000/verify/GX2026-000124" },
    ]) {
      expect((await renderCertificatePng({ ...SAMPLE_CERTIFICATE, ...change })).equals(base)).toBe(false);
    }
  });

  it("decodes, and the QR code carries exactly the verification URL's modules", async () => {
    const { width, height, ctx } = await pixels(await renderCertificatePng(SAMPLE_CERTIFICATE));
    expect([width, height]).toEqual([1754, 1240]);
    const { x, y, size } = CERTIFICATE_QR_BOX;
    const { count, cell, offset, isDark } = qrLayout(SAMPLE_CERTIFICATE.verifyUrl, size);
    const data = ctx.getImageData(x, y, size, size).data;
    let dark = 0;
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        // Sample the centre of each module: black where the matrix is dark, white elsewhere.
        const px = offset + col * cell + Math.floor(cell / 2);
        const py = offset + row * cell + Math.floor(cell / 2);
        const lum = luminance(data, (py * size + px) * 4);
        expect(lum < 128).toBe(isDark(row, col));
        if (isDark(row, col)) dark++;
      }
    }
    expect(dark / (count * count)).toBeGreaterThan(0.3);
    expect(cell).toBeGreaterThanOrEqual(5);
  });

  it("shrinks or wraps long values instead of failing", async () => {
    const png = await renderCertificatePng({
      ...SAMPLE_CERTIFICATE,
      scopeNames: ["内科专业", "外科专业", "急救医学专业", "全科医学专业", "重症医学专业", "儿科专业"],
      institutionName: "广西壮族自治区某某市某某县人民医院（某某医疗集团总院）第二分院",
      verifyUrl: `https://certificates.example.gov.cn/verify/${"X".repeat(80)}`,
    });
    expect(pngSize(png).width).toBe(1754);
  });

  it("turns a missing CJK font into MissingCjkFontError", async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock("../fonts", () => ({
        ...jest.requireActual("../fonts"),
        requireCjkFont: () => {
          throw new (jest.requireActual("../fonts").MissingCjkFontError)();
        },
      }));
      const { renderCertificatePng: render }: typeof CertificateImage = require("../certificate-image");
      await expect(render(SAMPLE_CERTIFICATE)).rejects.toMatchObject({ name: "MissingCjkFontError" });
    });
    const error = new MissingCjkFontError("/nope.ttf");
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain("CERT_FONT_PATH=/nope.ttf");
    expect(error.userMessage).toMatch(/字体/);
  });
});

describe("fonts", () => {
  it("prefers a known CJK family, case-insensitively, and ignores Latin-only fonts", () => {
    expect(pickCjkFamily(["DejaVu Sans", "Liberation Serif"])).toBeNull();
    expect(pickCjkFamily(["DejaVu Sans", "wenquanyi micro hei"])).toBe("wenquanyi micro hei");
    expect(pickCjkFamily(["WenQuanYi Micro Hei", "Noto Serif CJK SC"])).toBe("Noto Serif CJK SC");
  });
});

describe("wrapText", () => {
  it("keeps closing punctuation off the start of a line and splits over-long URLs", () => {
    const ctx = createCanvas(10, 10).getContext("2d");
    ctx.font = `20px "${findCjkFont()}"`;
    const width = ctx.measureText("经考核该医师").width + 1;
    const lines = wrapText(ctx, "经考核该医师，在考核周期内", width);
    expect(lines[0]).toBe("经考核该医师，");
    expect(lines.join("")).toBe("经考核该医师，在考核周期内");
    const url = `http://host/verify/${"A".repeat(60)}`;
    const urlLines = wrapText(ctx, url, 200);
    expect(urlLines.length).toBeGreaterThan(1);
    expect(urlLines.join("")).toBe(url);
    for (const line of urlLines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(200);
  });
});

describe("demo images", () => {
  it("material is a deterministic 1000×1400 PNG that decodes", async () => {
    const png = await demoMaterialPng();
    expect(pngSize(png)).toEqual({ width: MATERIAL_WIDTH, height: MATERIAL_HEIGHT });
    expect([MATERIAL_WIDTH, MATERIAL_HEIGHT]).toEqual([1000, 1400]);
    expect((await demoMaterialPng()).equals(png)).toBe(true);
    expect((await pixels(png)).width).toBe(1000);
  });

  it("commendation is a deterministic 800×560 PNG that names the physician", async () => {
    const png = await demoCommendationPng("李建华");
    expect(pngSize(png)).toEqual({ width: 800, height: 560 });
    expect((await demoCommendationPng("李建华")).equals(png)).toBe(true);
    expect((await demoCommendationPng("王丽")).equals(png)).toBe(false);
  });

  it("snapshots are deterministic 320×240 PNGs that vary by seed and similarity", async () => {
    const a = await demoSnapshotPng(7, 92);
    expect(pngSize(a)).toEqual({ width: SNAPSHOT_WIDTH, height: SNAPSHOT_HEIGHT });
    expect([SNAPSHOT_WIDTH, SNAPSHOT_HEIGHT]).toEqual([320, 240]);
    expect((await demoSnapshotPng(7, 92)).equals(a)).toBe(true);
    expect((await demoSnapshotPng(8, 92)).equals(a)).toBe(false);
    const variants = await Promise.all([90, 50, 30, 5, -3, 140, Number.NaN].map((s) => demoSnapshotPng(7, s)));
    for (const png of variants) expect(pngSize(png)).toEqual({ width: 320, height: 240 });
    expect(new Set(variants.slice(0, 4).map((p) => p.toString("base64"))).size).toBe(4);
    // The capture time, when given, is what the frame shows (and so changes the picture).
    const at = new Date("2026-11-27T13:14:00Z");
    expect((await demoSnapshotPng(7, 92, 0, at)).equals(await demoSnapshotPng(7, 92, 0, at))).toBe(true);
    expect((await demoSnapshotPng(7, 92, 0, at)).equals(a)).toBe(false);
  });

  it("still render without a CJK font", async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock("../fonts", () => ({ ...jest.requireActual("../fonts"), findCjkFont: () => null }));
      const demo: typeof DemoImages = require("../demo-images");
      expect(pngSize(await demo.demoMaterialPng())).toEqual({ width: 1000, height: 1400 });
      expect(pngSize(await demo.demoSnapshotPng(3, 20))).toEqual({ width: 320, height: 240 });
    });
  });
});
