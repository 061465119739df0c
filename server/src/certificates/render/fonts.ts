import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { GlobalFonts } from "@napi-rs/canvas";
import { MissingCjkFontError } from "./missing-font";

export { MissingCjkFontError };

/** Families with full simplified-Chinese coverage, most formal-looking (Song/serif) first. */
export const KNOWN_CJK_FAMILIES = [
  "Noto Serif CJK SC",
  "Source Han Serif SC",
  "Source Han Serif CN",
  "Songti SC",
  "SimSun",
  "NSimSun",
  "AR PL UMing CN",
  "Noto Sans CJK SC",
  "Source Han Sans SC",
  "Source Han Sans CN",
  "WenQuanYi Micro Hei",
  "WenQuanYi Zen Hei",
  "PingFang SC",
  "Hiragino Sans GB",
  "Microsoft YaHei",
  "SimHei",
  "Droid Sans Fallback",
];

/** Files tried when fontconfig did not expose a known family (e.g. fonts copied in without a cache). */
export const KNOWN_CJK_FONT_PATHS = [
  "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
  "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
  "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
  "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
  "/System/Library/Fonts/PingFang.ttc",
  "/System/Library/Fonts/STHeiti Medium.ttc",
  "C:\\Windows\\Fonts\\msyh.ttc",
  "C:\\Windows\\Fonts\\simsun.ttc",
];

/** Family name under which a font loaded from a file is registered, so we know what to put in `ctx.font`. */
const REGISTERED_ALIAS = "Certificate CJK";

/**
 * Noto Serif SC (思源宋体, SIL OFL) shipped as an npm dependency: a formal Song face on every machine, with or
 * without fonts installed, and the same glyphs everywhere, so a certificate's bytes do not depend on which
 * fonts the server happens to have.
 */
const BUNDLED_FAMILY = "Certificate Noto Serif SC";
const BUNDLED_FILES = ["400Regular/NotoSerifSC_400Regular.ttf", "700Bold/NotoSerifSC_700Bold.ttf"];

function registerBundled(): boolean {
  let dir: string;
  try {
    dir = dirname(require.resolve("@expo-google-fonts/noto-serif-sc/package.json"));
  } catch {
    return false; // pruned from node_modules: fall back to the system's fonts
  }
  return BUNDLED_FILES.map((file) => join(dir, file)).every(
    (path) => existsSync(path) && GlobalFonts.registerFromPath(path, BUNDLED_FAMILY) !== null,
  );
}

/** The first known CJK family among `available` (case-insensitive), in preference order. */
export function pickCjkFamily(available: readonly string[]): string | null {
  const byLower = new Map(available.map((f) => [f.toLowerCase(), f]));
  for (const family of KNOWN_CJK_FAMILIES) {
    const hit = byLower.get(family.toLowerCase());
    if (hit) return hit;
  }
  return null;
}

function registerFrom(path: string): boolean {
  if (!existsSync(path)) return false;
  return GlobalFonts.registerFromPath(path, REGISTERED_ALIAS) !== null;
}

let resolved: string | null = null;

/**
 * The CJK family to use in `ctx.font`, or null when none exists. Order: CERT_FONT_PATH (an explicit operator
 * choice wins), then the bundled Noto Serif SC, then installed known families, then well-known files. Only a success is cached, so installing
 * a font or fixing the env var takes effect without a restart.
 */
export function findCjkFont(): string | null {
  if (resolved) return resolved;
  const envPath = process.env.CERT_FONT_PATH?.trim();
  if (envPath && registerFrom(envPath)) return (resolved = REGISTERED_ALIAS);
  if (registerBundled()) return (resolved = BUNDLED_FAMILY);
  const installed = pickCjkFamily(GlobalFonts.families.map((f) => f.family));
  if (installed) return (resolved = installed);
  for (const path of KNOWN_CJK_FONT_PATHS) if (registerFrom(path)) return (resolved = REGISTERED_ALIAS);
  return null;
}

/** Like {@link findCjkFont} but throws {@link MissingCjkFontError}: for documents where tofu is unacceptable. */
export function requireCjkFont(): string {
  const family = findCjkFont();
  if (!family) throw new MissingCjkFontError(process.env.CERT_FONT_PATH?.trim() || undefined);
  return family;
}

/** A CSS font shorthand for the canvas, e.g. `font(family, 28, "bold")`. */
export const font = (family: string, size: number, weight: "normal" | "bold" = "normal") =>
  `${weight} ${size}px "${family}"`;
