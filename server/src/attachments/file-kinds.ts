/** File kinds accepted as attachments, recognised by their first bytes, never by name or declared type. */
export type FileKind = "PDF" | "PNG" | "JPEG";

export const MIME_OF: Record<FileKind, string> = { PDF: "application/pdf", PNG: "image/png", JPEG: "image/jpeg" };

const SIGNATURES: [FileKind, number[]][] = [
  ["PDF", [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["JPEG", [0xff, 0xd8, 0xff]],
];

export function sniffFileKind(head: Buffer): FileKind | null {
  for (const [kind, sig] of SIGNATURES) {
    if (head.length >= sig.length && sig.every((b, i) => head[i] === b)) return kind;
  }
  return null;
}

export const KIND_LABEL: Record<FileKind, string> = { PDF: "PDF", PNG: "PNG 图片", JPEG: "JPEG 图片" };
