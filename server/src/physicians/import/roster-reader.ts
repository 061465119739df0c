import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { parse } from "csv-parse";
import { sniffFileKind } from "../../attachments/file-kinds";

/**
 * Streams the rows of an uploaded roster (.xlsx or .csv, told apart by content, not by name) as
 * arrays of cell texts, so memory stays flat however long the file. CSV saved by Chinese Excel is
 * GB18030, not UTF-8: the encoding is detected from the first bytes.
 */
export class NotASpreadsheetError extends Error {}

export interface SheetRow {
  /** 1-based row number as Excel shows it */
  rowNumber: number;
  cells: string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function peek(source: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = source[Symbol.asyncIterator]();
  while (size < bytes) {
    const { value, done } = await it.next();
    if (done) break;
    chunks.push(value as Buffer);
    size += (value as Buffer).length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    yield head;
    for (;;) {
      const { value, done } = await it.next();
      if (done) return;
      yield value as Buffer;
    }
  }
  return { head, stream: Readable.from(rest()) };
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  return String(value);
}

async function* xlsxRows(stream: Readable): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    worksheets: "emit",
  });
  try {
    for await (const worksheet of reader) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        yield { rowNumber: row.number, cells: values.slice(1).map(cellText) };
      }
      return; // the first sheet is the roster
    }
  } catch (err) {
    if (err instanceof NotASpreadsheetError) throw err;
    throw new NotASpreadsheetError(String((err as Error)?.message ?? err));
  }
}

function isUtf8(head: Buffer): boolean {
  // Ignore a multi-byte character cut at the end of the sample.
  let end = head.length;
  while (end > 0 && end > head.length - 4 && (head[end - 1] & 0xc0) === 0x80) end--;
  if (end > 0 && head[end - 1] >= 0xc0) end--;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

async function* csvRows(stream: Readable, encoding: "utf-8" | "gb18030"): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder(encoding);
  async function* text() {
    for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
    yield decoder.decode();
  }
  const parser = Readable.from(text()).pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }),
  );
  let rowNumber = 0;
  try {
    for await (const record of parser) {
      rowNumber++;
      yield { rowNumber, cells: (record as string[]).map((c) => c ?? "") };
    }
  } catch (err) {
    throw new NotASpreadsheetError(String((err as Error)?.message ?? err));
  }
}

export async function* readSheetRows(source: Readable): AsyncGenerator<SheetRow> {
  const { head, stream } = await peek(source, 64 * 1024);
  if (head.length === 0) throw new NotASpreadsheetError("empty file");
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    yield* xlsxRows(stream);
    return;
  }
  // PDFs and images are text-like enough to fool a CSV parser: recognise them first.
  if (head.includes(0) || sniffFileKind(head)) throw new NotASpreadsheetError("not a spreadsheet");
  yield* csvRows(stream, isUtf8(head) ? "utf-8" : "gb18030");
}
