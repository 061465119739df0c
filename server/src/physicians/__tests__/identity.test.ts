import { AuditLog } from "../../audit/audit-log.entity";
import { maskIdNumber, maskPhone } from "../../common/id-number";
import type { Physician } from "../physician.entity";
import { createTestApiClient } from "../../testing/api-clients";
import { appWithWorld } from "../../testing/app-with-world";
import { addPhysicians } from "../../testing/physicians";
import { signIn } from "../../testing/world";
import { physicianClient } from "../../testing/workflow";

const DETAIL = `query($id: Int!) { physician(id: $id) { id idNumber phone idNumberMasked } }`;
const REVEAL = `mutation($id: Int!, $reason: String) { revealPhysicianIdentity(physicianId: $id, reason: $reason) { physicianId idNumber phone } }`;

const t = appWithWorld();
let physician: Physician;

beforeAll(async () => {
  [physician] = await addPhysicians(t.app.deps.ds, t.world.instA, 1, { phone: "13907710001" });
});

const masked = () => ({ idNumber: maskIdNumber(physician.idNumber), phone: maskPhone(physician.phone) });
const full = () => ({ idNumber: physician.idNumber, phone: physician.phone });
const detailAs = async (user: string) => (await (await signIn(t.app, user)).ok(DETAIL, { id: physician.id })).physician;

describe("physician(id) shows the full ID number and phone only to the physician and the owner institution", () => {
  it("the owner institution and the physician see them in full", async () => {
    expect(await detailAs(t.world.users.instA)).toMatchObject(full());
    const self = await physicianClient(t.app, physician);
    expect((await self.ok(DETAIL, { id: physician.id })).physician).toMatchObject(full());
  });

  it("the assessment institution, the administrations and an API client see them masked", async () => {
    for (const user of [t.world.users.aiA, t.world.users.nanning, t.world.users.province])
      expect(await detailAs(user)).toMatchObject(masked());
    const { token } = await createTestApiClient(t.app.deps.ds, "450100");
    const api = t.app.client();
    api.bearer = token;
    expect((await api.ok(DETAIL, { id: physician.id })).physician).toMatchObject(masked());
  });
});

describe("revealPhysicianIdentity", () => {
  const reveals = () =>
    t.app.deps.ds.getRepository(AuditLog).findBy({ action: "physician.identity.reveal", targetId: physician.id });

  it("gives a supervising administration the full numbers and audits who, when and from where", async () => {
    const before = (await reveals()).length;
    const nanning = await signIn(t.app, t.world.users.nanning);
    // An administration says why; without a reason nothing is shown and nothing recorded.
    for (const reason of [undefined, "  "]) {
      const refused = await nanning.fails(REVEAL, { id: physician.id, reason });
      expect({ code: refused.extensions?.code, field: refused.extensions?.field, message: refused.message }).toEqual({
        code: "BAD_USER_INPUT",
        field: "reason",
        message: "请填写查看理由",
      });
    }
    expect(await reveals()).toHaveLength(before);
    const reason = "核对投诉举报材料中的医师身份";
    expect((await nanning.ok(REVEAL, { id: physician.id, reason })).revealPhysicianIdentity).toMatchObject(full());
    const rows = await reveals();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ actorName: "南宁市卫健委", success: true, regionCode: "450102" });
    expect(JSON.parse(String(rows.at(-1)!.detail))).toMatchObject({ reason });
    expect(rows.at(-1)!.ip).toMatch(/127\.0\.0\.1/);
    // the administration reads its own reveal in its audit view
    const { auditLogs } = await nanning.ok(
      `{ auditLogs(filter: { action: "physician.identity.reveal" }) { items { targetId actorName } } }`,
    );
    expect(auditLogs.items.map((r: { targetId: number }) => r.targetId)).toContain(physician.id);
  });

  it("the assigned assessment institution may reveal; another region's administration gets NOT_FOUND and nothing is recorded", async () => {
    const ai = await signIn(t.app, t.world.users.aiA);
    expect((await ai.ok(REVEAL, { id: physician.id })).revealPhysicianIdentity.idNumber).toBe(physician.idNumber);
    const before = (await reveals()).length;
    const liuzhou = await signIn(t.app, t.world.users.liuzhou);
    expect((await liuzhou.fails(REVEAL, { id: physician.id, reason: "核对" })).extensions?.code).toBe("NOT_FOUND");
    const county = await signIn(t.app, t.world.users.qingxiu);
    expect((await county.fails(REVEAL, { id: physician.id, reason: "核对" })).extensions?.code).toBe("NOT_FOUND");
    const other = await signIn(t.app, t.world.users.instB);
    expect((await other.fails(REVEAL, { id: physician.id })).extensions?.code).toBe("NOT_FOUND");
    expect(await reveals()).toHaveLength(before);
  });
});
