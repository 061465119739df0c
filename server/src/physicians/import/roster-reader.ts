import { pipeline, Transform, type Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { parse } from "csv-parse";
import { sniffFileKind } from "../../attachments/file-kinds";

/**
 * Streams the rows of an uploaded roster (.xlsx or .csv, told apart by content, not by name) as
 * arrays of cell texts, so memory stays flat however long the file. CSV saved by Chinese Excel is
 * GB18030, not UTF-8: the encoding is detected from the first bytes.
 */
export class NotASpreadsheetError extends Error {
  constructor(
    message: string,
    /** For a CSV that breaks off: the line where parsing stopped, and why in Chinese. */
    readonly at?: { line: number; reason: string },
  ) {
    super(message);
  }
}

export interface SheetRow {
  /** 1-based row number as Excel shows it */
  rowNumber: number;
  cells: string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const HEAD_BYTES = 64 * 1024;

/** The first bytes of the file (leaving the loop destroys the stream cleanly). */
async function readHead(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= bytes) break;
  }
  return Buffer.concat(chunks).subarray(0, bytes);
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
  // exceljs pipes the stream into its unzipper without listening for errors on it.
  stream.on("error", () => undefined);
  const { default: Excel } = await import("exceljs"); // loaded on the first import, not with every server process
  const reader = new Excel.stream.xlsx.WorkbookReader(stream, {
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
  } finally {
    stream.destroy();
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

const CSV_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "引号未闭合",
  CSV_INVALID_OPENING_QUOTE: "引号位置不正确",
  CSV_INVALID_CLOSING_QUOTE: "引号位置不正确",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "引号后有多余字符",
  CSV_MAX_RECORD_SIZE: "单行内容过长",
};

async function* csvRows(stream: Readable, encoding: "utf-8" | "gb18030"): AsyncGenerator<SheetRow> {
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    max_record_size: 64 * 1024,
  });
  // One pipeline: an error anywhere destroys every stage and reaches the loop below; leaving the loop early
  // destroys the parser, and with it the file stream. The callback keeps the pipeline's own report handled.
  pipeline(stream, decode, parser, () => undefined);
  let rowNumber = 0;
  try {
    for await (const record of parser) {
      rowNumber++;
      yield { rowNumber, cells: (record as string[]).map((c) => c ?? "") };
    }
  } catch (err) {
    const csvError = err as { code?: string; lines?: number; message?: string };
    throw new NotASpreadsheetError(String(csvError.message ?? err), {
      line: Number(csvError.lines ?? rowNumber + 1),
      reason: CSV_REASONS[csvError.code ?? ""] ?? "无法解析",
    });
  } finally {
    parser.destroy();
  }
}

/**
 * Rows of the roster file that `open` reads (opened twice: once for the first bytes, once to parse).
 * Every failure to parse — a corrupt workbook, a stray quote — is a NotASpreadsheetError.
 */
export async function* readSheetRows(open: () => Readable): AsyncGenerator<SheetRow> {
  const head = await readHead(open(), HEAD_BYTES);
  if (head.length === 0) throw new NotASpreadsheetError("empty file");
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    yield* xlsxRows(open());
    return;
  }
  // PDFs and images are text-like enough to fool a CSV parser: recognise them first.
  if (head.includes(0) || sniffFileKind(head)) throw new NotASpreadsheetError("not a spreadsheet");
  yield* csvRows(open(), isUtf8(head) ? "utf-8" : "gb18030");
}
