import zlib from "node:zlib";
import type { FileKind } from "../common/rules";
// The kinds, their signatures and labels are one declaration with the console (rules/src/file-kinds.js).
export { MIME_OF, sniffFileKind, type FileKind } from "../common/rules";

/**
 * Whether the whole file has the structure its kind promises, not only its first bytes (`%PDF-<html>…` passes a
 * 5-byte check). Cheap, linear checks: a PDF's version header and trailer, a PNG's chunks with their CRCs from IHDR
 * to IEND, a JPEG's segments from SOI through a frame header to the scan and EOI. No decoding.
 */
export function hasValidStructure(kind: FileKind, bytes: Buffer): boolean {
  switch (kind) {
    case "PDF":
      return validPdf(bytes);
    case "PNG":
      return validPng(bytes);
    case "JPEG":
      return validJpeg(bytes);
  }
}

function validPdf(bytes: Buffer): boolean {
  if (!/^%PDF-[12]\.\d[\r\n ]/.test(bytes.subarray(0, 9).toString("latin1"))) return false;
  const tail = bytes.subarray(Math.max(0, bytes.length - 2048)).toString("latin1");
  if (!tail.includes("%%EOF") || !/trailer|startxref/.test(tail)) return false;
  return /\d+\s+\d+\s+obj\b/.test(bytes.subarray(0, 64 * 1024).toString("latin1"));
}

function validPng(bytes: Buffer): boolean {
  let offset = 8;
  let first = true;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.subarray(offset + 4, offset + 8).toString("latin1");
    const end = offset + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > bytes.length) return false;
    if (first && (type !== "IHDR" || length !== 13)) return false;
    if (zlib.crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      return false;
    if (type === "IEND") return true;
    first = false;
    offset = end;
  }
  return false;
}

function validJpeg(bytes: Buffer): boolean {
  let offset = 2;
  let frame = false;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return false;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xd8) return false; // EOI before any scan, or a second SOI
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) return false;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) frame = true;
    if (marker === 0xda) return frame && bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) > offset + 2 + length;
    offset += 2 + length;
  }
  return false;
}
