/**
 * Attachment kinds, recognised by their first bytes, never by name or declared type: the server refuses an upload
 * whose content is none of them, and the console marks such a file in its list as soon as it is chosen.
 * (The server also checks the whole file's structure; that needs the whole file, so it stays on the server.)
 */

export const MIME_OF = Object.freeze({ PDF: "application/pdf", PNG: "image/png", JPEG: "image/jpeg" });
export const KIND_LABEL = Object.freeze({ PDF: "PDF", PNG: "PNG 图片", JPEG: "JPEG 图片" });

const SIGNATURES = [
  ["PDF", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["JPEG", [0xff, 0xd8, 0xff]],
];
/** How many leading bytes `sniffFileKind` needs. */
export const SNIFF_BYTES = 8;

/** The kind the first bytes announce, or null. */
export function sniffFileKind(head) {
  for (const [kind, sig] of SIGNATURES) {
    if (head.length >= sig.length && sig.every((b, i) => head[i] === b)) return kind;
  }
  return null;
}

/** The message when a file's content is none of `kinds` (the server's and the console's words). */
export function fileKindMessage(fileName, kinds = ["PDF", "PNG", "JPEG"]) {
  return `文件“${fileName}”不是允许的格式，仅支持 ${kinds.map((k) => KIND_LABEL[k]).join("、")}`;
}
