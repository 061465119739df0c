import ExcelJS from "exceljs";
import { Readable } from "node:stream";
import { readSheetRows } from "../import/roster-reader";
import { Account } from "../../accounts/account.entity";
import { Application } from "../../assessment/application.entity";
import { AuditLog } from "../../audit/audit-log.entity";
import { Physician } from "../physician.entity";
import {
  goodRosterRow,
  ROSTER_HEADERS,
  ROSTER_IMPORT,
  rosterCsv,
  rosterRow,
  rosterXlsx,
} from "../../testing/roster-files";
import { addPhysicians, makeIdNumber } from "../../testing/physicians";
import { samplePdf } from "../../testing/files";
import { startTestApp, type TestApp } from "../../testing/test-app";
import { buildWorld, createDepartment, signIn, type World } from "../../testing/world";
import type { GqlClient } from "../../testing/gql-client";

const IMPORT = ROSTER_IMPORT;
const HEADERS = ROSTER_HEADERS;
const row = rosterRow;
const good = goodRosterRow;
const xlsx = rosterXlsx;
const csv = rosterCsv;

let app: TestApp;
let world: World;
let inst: GqlClient;
const upload = (client: GqlClient, name: string, content: Buffer | string) =>
  client.upload(IMPORT, { file: null }, { file: { name, content } });

beforeAll(async () => {
  app = await startTestApp();
  world = await buildWorld(app.deps.ds);
  inst = await signIn(app, world.users.instA);
  await createDepartment(app.deps.ds, world.instA.id, "心血管内科");
  await createDepartment(app.deps.ds, world.instA.id, "旧科室", false);
});
afterAll(() => app.close());

describe("医师名册导入", () => {
  it("imports an .xlsx with good and bad rows and reports each row", async () => {
    const existing = (await addPhysicians(app.deps.ds, world.instA, 1))[0];
    const other = (await addPhysicians(app.deps.ds, world.instC, 1))[0];
    const dupId = makeIdNumber();
    const legacySource = makeIdNumber();
    const fifteen = legacySource.slice(0, 6) + legacySource.slice(8, 17);
    const rows = [
      row(good({ name: "王五", departmentName: "心血管内科" })), // 2 created
      row(good({ idNumber: "450102198001011230" })), // 3 bad check digit
      row(good({ idNumber: dupId })), // 4 created
      row(good({ idNumber: dupId, name: "重复" })), // 5 duplicate in file
      row(good({ idNumber: existing.idNumber, name: "改名了", phone: "13977100000" })), // 6 updated
      row(good({ idNumber: other.idNumber })), // 7 other institution
      row(good({ category: "兽医" })), // 8 bad category
      row(good({ scopes: "口腔专业" })), // 9 scope of another category
      row(good({ departmentName: "旧科室" })), // 10 disabled department
      row(good({ idNumber: fifteen, level: "执业助理医师" })), // 11 created from 15 digits
      row(good({ name: "", level: "主任" })), // 12 two errors
    ];
    const res = await upload(inst, "名册.xlsx", await xlsx(rows));
    expect(res.errors).toBeUndefined();
    const report = res.data.importPhysicians;
    expect(report).toMatchObject({ fileName: "名册.xlsx", totalRows: 11, created: 3, updated: 1, refused: 7 });
    const byRow = Object.fromEntries(report.rows.items.map((r: { rowNumber: number }) => [r.rowNumber, r]));
    expect(byRow[2]).toMatchObject({ outcome: "CREATED", name: "王五", messages: [] });
    expect(byRow[3].messages).toEqual(["身份证号码校验位错误"]);
    expect(byRow[5].messages).toEqual(["与第 4 行的身份证号码重复"]);
    expect(byRow[6].outcome).toBe("UPDATED");
    expect(byRow[7].messages[0]).toContain("已在其他机构（丙医院）执业");
    expect(byRow[8].messages[0]).toContain("执业类别“兽医”不存在");
    expect(byRow[9].messages[0]).toBe("执业范围“口腔专业”不属于临床类别");
    expect(byRow[10].messages[0]).toBe("科室“旧科室”已停用，不能选择");
    expect(byRow[11].outcome).toBe("CREATED");
    expect(byRow[12].messages).toEqual(["请填写姓名", "医师级别应为：执业医师 或 执业助理医师"]);
    expect(byRow[2].idNumberMasked).toMatch(/^4501\*{10}/);

    const physicians = app.deps.ds.getRepository(Physician);
    expect((await physicians.findOneByOrFail({ id: existing.id })).name).toBe("改名了");
    const created = await physicians.findOneByOrFail({ idNumber: legacySource });
    expect(created).toMatchObject({
      legacyIdNumber: fifteen,
      level: "ASSISTANT",
      scopeCodes: ["11", "22"],
      institutionId: world.instA.id,
    });
    expect(await app.deps.ds.getRepository(Account).findOneBy({ username: legacySource })).toMatchObject({
      mustChangePassword: true,
    });
    expect(await app.deps.ds.getRepository(Application).findOneBy({ physicianId: created.id })).toMatchObject({
      status: "NOT_ENROLLED",
    });
    expect(await physicians.countBy({ idNumber: "450102198001011230" })).toBe(0);
    expect((await physicians.findOneByOrFail({ id: other.id })).institutionId).toBe(world.instC.id);
    expect(await app.deps.ds.getRepository(AuditLog).countBy({ action: "physician.import" })).toBe(1);

    const refusedOnly = await inst.ok(
      `query($id: Int!) { physicianImport(id: $id) { rows(outcome: REFUSED) { total } } }`,
      { id: report.id },
    );
    expect(refusedOnly.physicianImport.rows.total).toBe(7);
  });

  it("keeps Chinese text intact across the reader's chunk boundaries (exceljs streaming fix)", async () => {
    // 10 000 Chinese cells make a shared-strings part of several inflate chunks; unpatched exceljs 4.4.0
    // decodes each chunk alone and garbles characters split between two (see scripts/patch-exceljs.cjs).
    const texts = Array.from({ length: 10000 }, (_, i) => `广西壮族自治区第${i}人民医院心血管内科`);
    const bytes = await xlsx(
      texts.map((t) => [t]),
      ["其他执业机构"],
    );
    const seen: string[] = [];
    for await (const r of readSheetRows(() => Readable.from([bytes]))) seen.push(r.cells[0]);
    expect(seen.slice(1)).toEqual(texts);
  });

  it("imports a CSV saved by Chinese Excel (GB18030) and one in UTF-8 with BOM", async () => {
    const utf8 = `\uFEFF${csv([row(good({ name: "赵六" }))])}`;
    const r1 = await upload(inst, "名册.csv", utf8);
    expect(r1.data.importPhysicians).toMatchObject({ created: 1, refused: 0 });
    const id = makeIdNumber();
    const gbBytes = toGb18030(csv([row(good({ name: "李四", idNumber: id }))]));
    expect(gbBytes.subarray(0, 2)).toEqual(Buffer.from([0xd0, 0xd5])); // 姓 in GB18030: not UTF-8
    const r2 = await upload(inst, "excel.csv", gbBytes);
    expect(r2.errors).toBeUndefined();
    expect(r2.data.importPhysicians).toMatchObject({ created: 1, refused: 0 });
    expect((await app.deps.ds.getRepository(Physician).findOneByOrFail({ idNumber: id })).name).toBe("李四");
  });

  it("refuses files that are not spreadsheets, files without the required headers, and empty files", async () => {
    const before = await app.deps.ds.getRepository(Physician).count();
    const pdf = await upload(inst, "名册.xlsx", samplePdf());
    expect(pdf.errors?.[0]).toMatchObject({
      message: "文件不是有效的 Excel（.xlsx）或 CSV 表格，请使用下载的模板",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const zip = await upload(
      inst,
      "x.xlsx",
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]),
    );
    expect(zip.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const headers = await upload(inst, "x.csv", "姓名,电话\n张三,123\n");
    expect(headers.errors?.[0].message).toBe(
      "表头缺少必填列：身份证号码、执业类别、执业范围、医师级别。请使用下载的模板填写",
    );
    const empty = await upload(inst, "x.csv", "\n\n");
    expect(empty.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await app.deps.ds.getRepository(Physician).count()).toBe(before);
  });

  it("an administration imports for institutions of its region, by credit code", async () => {
    const admin = await signIn(app, world.users.nanning);
    const rows = [
      row(good({ name: "甲院医师", institutionCreditCode: world.instA.creditCode })),
      row(good({ name: "乙院医师", institutionCreditCode: world.instB.creditCode })),
      row(good({ name: "柳州医师", institutionCreditCode: world.instC.creditCode })),
      row(good({ name: "无机构" })),
    ];
    const res = await upload(admin, "全市.xlsx", await xlsx(rows));
    const report = res.data.importPhysicians;
    expect(report).toMatchObject({ created: 2, refused: 2 });
    expect(report.rows.items[2].messages).toEqual(["所属机构不存在或不在本辖区"]);
    expect(report.rows.items[3].messages).toEqual(["请填写所属机构统一社会信用代码"]);
    expect((await app.deps.ds.getRepository(Physician).findOneByOrFail({ name: "乙院医师" })).institutionId).toBe(
      world.instB.id,
    );
  });

  it("an institution cannot import into another institution, and physicians cannot import", async () => {
    const res = await upload(inst, "x.csv", csv([row(good({ institutionCreditCode: world.instB.creditCode }))]));
    expect(res.data.importPhysicians.rows.items[0].messages).toEqual(["所属机构不是本机构：机构只能导入本机构医师"]);
    const other = await signIn(app, world.users.instB);
    const report = await other.request(`query($id: Int!) { physicianImport(id: $id) { id } }`, {
      id: res.data.importPhysicians.id,
    });
    expect(report.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("serves a template that imports as is", async () => {
    const res = await fetch(`${app.url}/templates/physician-roster.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const bytes = Buffer.from(await res.arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["医师名册", "填写说明"]);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, ...HEADERS]);
    const imported = await upload(inst, "模板.xlsx", bytes);
    expect(imported.data.importPhysicians).toMatchObject({ totalRows: 1, created: 1, refused: 0 });
    expect((await app.deps.ds.getRepository(Physician).findOneByOrFail({ idNumber: "450102198001011237" })).name).toBe(
      "张三",
    );
    const csvTemplate = await fetch(`${app.url}/templates/physician-roster.csv`);
    const csvBytes = Buffer.from(await csvTemplate.arrayBuffer());
    expect(csvBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM: Excel opens it as UTF-8
    expect(csvBytes.subarray(3).toString("utf8").startsWith("姓名*,身份证号码*")).toBe(true);
  });
});

/** GB18030 bytes of a text, from a reverse table of the two-byte codes (Node ships decoders, not encoders). */
let gbTable: Map<string, number[]> | null = null;
function toGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(Buffer.from([hi, lo]));
        if (!gbTable.has(ch)) gbTable.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : gbTable.get(ch);
    if (!code) throw new Error(`no GB18030 code for ${ch}`);
    out.push(...code);
  }
  return Buffer.from(out);
}
