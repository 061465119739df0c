/* Apart from fonts.ts so that callers can recognise the error without loading the canvas. */
/**
 * Thrown when no font with Chinese glyphs can be found. Rendering without one would print tofu boxes on an
 * official document, so the certificate renderer refuses instead; the caller maps this to a user error.
 */
export class MissingCjkFontError extends Error {
  /** Chinese text for the end user; `message` is for the operator's log. */
  readonly userMessage = "服务器缺少中文字体，暂时无法生成合格证明，请联系系统管理员";

  constructor(triedEnvPath?: string) {
    super(
      "No CJK font available to render certificates. Install fonts-wqy-microhei or fonts-noto-cjk, " +
        "or set CERT_FONT_PATH to a .ttf/.otf/.ttc file with Chinese glyphs" +
        (triedEnvPath ? ` (CERT_FONT_PATH=${triedEnvPath} could not be loaded)` : ""),
    );
    this.name = "MissingCjkFontError";
  }
}
