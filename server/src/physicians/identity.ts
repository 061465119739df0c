import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import { audit } from "../audit/audit";
import { Role, requirePrincipal } from "../common/auth";
import { badInput } from "../common/errors";
import type { Context } from "../context";
import { inTransaction } from "../db/transaction";
import { Institution } from "../institutions/institution.entity";
import { physicianDetail } from "./roster.service";

@ObjectType({
  description: "医师完整身份证号与手机号（经审计的查看） (a physician's full identifiers, an audited reveal)",
})
export class PhysicianIdentity {
  @Field(() => Int, { description: "医师 ID (physician)" })
  physicianId: number;

  @Field({ description: "身份证号码，18 位 (full resident ID number)" })
  idNumber: string;

  @Field(() => String, { nullable: true, description: "原 15 位身份证号码 (legacy 15-digit number)" })
  legacyIdNumber: string | null;

  @Field({ description: "手机号码 (phone)" })
  phone: string;
}

@Resolver()
export class PhysicianIdentityResolver {
  @Authorized(Role.HEALTH_ADMIN, Role.ASSESSMENT_INSTITUTION, Role.INSTITUTION, Role.PHYSICIAN)
  @Mutation(() => PhysicianIdentity, {
    description:
      "查看医师完整身份证号与手机号：记入审计日志（谁、何时、从何处、理由）；仅限可查看该医师者；卫生行政部门须填写理由 (reveal a physician's full identifiers; audited)",
  })
  async revealPhysicianIdentity(
    @Arg("physicianId", () => Int) physicianId: number,
    @Arg("reason", () => String, {
      nullable: true,
      description: "查看理由，记入审计；卫生行政部门必填，500字以内 (why; required of administrations)",
    })
    reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<PhysicianIdentity> {
    const p = requirePrincipal(ctx);
    const why = reason?.trim() || null;
    // An administration looks at people it does not employ: the audit says why, not only who and when.
    if (!why && p.roles.has(Role.HEALTH_ADMIN)) throw badInput("请填写查看理由", "reason");
    if (why && why.length > 500) throw badInput("理由不能超过500字", "reason");
    // physicianDetail refuses (NOT_FOUND) whoever may not see the physician at all: another region, another institution.
    const { physician } = await physicianDetail(ctx, physicianId);
    await inTransaction(ctx.ds, async (em) => {
      const inst = physician.institutionId ? await em.findOneBy(Institution, { id: physician.institutionId }) : null;
      await audit(em, ctx, {
        action: "physician.identity.reveal",
        targetType: "Physician",
        targetId: physician.id,
        detail: { name: physician.name, ...(why ? { reason: why } : {}) },
        ...(inst ? { regionCode: inst.countyCode } : {}),
      });
    });
    return {
      physicianId: physician.id,
      idNumber: physician.idNumber,
      legacyIdNumber: physician.legacyIdNumber,
      phone: physician.phone,
    };
  }
}
