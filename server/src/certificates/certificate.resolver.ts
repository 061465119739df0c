import { Arg, Authorized, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import { visibleApplication } from "../assessment/application.service";
import { maskName } from "../common/id-number";
import { requirePrincipal } from "../common/auth";
import { AppError, ErrorCode, badInput, notFound } from "../common/errors";
import { hit } from "../api-clients/rate-limit";
import type { Context } from "../context";
import { Certificate } from "./certificate.entity";
import { verifyUrl } from "./certificate.service";
import { formatVerificationCode, normalizeVerificationCode, verificationCodeMatches } from "./verification-code";

export enum CertificateStatus {
  GENUINE = "GENUINE",
  REVOKED = "REVOKED",
  NOT_FOUND = "NOT_FOUND",
}
registerEnumType(CertificateStatus, {
  name: "CertificateStatus",
  description: "证书核验结果 (verification result)",
  valuesConfig: {
    GENUINE: { description: "真实有效 (genuine and valid)" },
    REVOKED: { description: "已作废 (revoked)" },
    NOT_FOUND: { description: "查无此证 (no such certificate)" },
  },
});

@ObjectType({ description: "合格证明 (qualification certificate)" })
class CertificateView {
  @Field(() => Int) id: number;
  @Field({ description: "证明编号 (number)" }) number: string;
  @Field({ description: "核验码（印在编号旁，公开核验须与编号一起填写） (verification code, XXXX-XXXX-XXXX)" })
  verificationCode: string;
  @Field(() => Int) applicationId: number;
  @Field({ description: "姓名 (name)" }) physicianName: string;
  @Field({ description: "性别 (gender)" }) gender: string;
  @Field({ description: "身份证号码（证书上脱敏） (masked ID number as printed)" }) idNumberMasked: string;
  @Field({ description: "执业类别 (category)" }) categoryName: string;
  @Field(() => [String], { description: "执业范围 (scopes)" }) scopeNames: string[];
  @Field({ description: "医师级别 (level)" }) levelName: string;
  @Field({ description: "执业机构 (institution)" }) institutionName: string;
  @Field({ description: "考核周期 (cycle)" }) cycleName: string;
  @Field() cycleStart: string;
  @Field() cycleEnd: string;
  @Field({ description: "考核程序 (procedure)" }) procedureName: string;
  @Field({ description: "考核结果 (result)" }) result: string;
  @Field({ description: "发证机关 (issuing authority)" }) issuingAuthority: string;
  @Field({ description: "发证日期 (issue date)" }) issueDate: string;
  @Field({ description: "须发证机关盖章后生效 (note)" }) note: string;
  @Field({ description: "是否已作废 (revoked)" }) revoked: boolean;
  @Field({
    description:
      "证书图片（PNG）地址，10 分钟有效，仅限获取它的登录会话或接口令牌使用；加 &download=1 下载 (signed PNG link for this caller; add &download=1 to download)",
  })
  imageUrl: string;
  @Field({ description: "核验地址（二维码内容） (verification URL, as in the QR code)" }) verifyUrl: string;
}

@ObjectType({ description: "证书核验结果（公开，无需登录） (public verification result)" })
class CertificateVerification {
  @Field() number: string;
  @Field(() => CertificateStatus) status: CertificateStatus;
  @Field({ description: "结论 (message)" }) message: string;
  @Field(() => String, { nullable: true, description: "姓名（脱敏） (masked name)" }) physicianNameMasked:
    string | null;
  @Field(() => String, { nullable: true }) institutionName: string | null;
  @Field(() => String, { nullable: true }) cycleName: string | null;
  @Field(() => String, { nullable: true }) result: string | null;
  @Field(() => String, { nullable: true }) issuingAuthority: string | null;
  @Field(() => String, { nullable: true }) issueDate: string | null;
}

export const CERTIFICATE_NOTE = "合格证书需发证机关盖章后生效";
export const imagePath = (id: number) => `/certificates/${id}.png`;

@Resolver()
export class CertificateResolver {
  @Authorized()
  @Query(() => CertificateView, {
    description: "合格证明（仅考核合格的申请；打印/下载证书） (the certificate of a qualified application)",
  })
  async certificate(
    @Arg("applicationId", () => Int) applicationId: number,
    @Ctx() ctx: Context,
  ): Promise<CertificateView> {
    const app = await visibleApplication(ctx, applicationId);
    const cert = await ctx.ds.getRepository(Certificate).findOneBy({ applicationId: app.id });
    if (!cert) throw notFound("合格证明（仅考核合格的医师有合格证明）");
    // Said as such to whoever may see the application (a cheating verdict, the reason in its timeline).
    if (cert.revokedAt)
      throw new AppError(ErrorCode.NOT_FOUND, "该合格证明已作废，不能查看或下载（作废原因见办理记录）", {
        reason: "CERTIFICATE_REVOKED",
      });
    return {
      ...cert.data,
      id: cert.id,
      applicationId: cert.applicationId,
      number: cert.number,
      verificationCode: formatVerificationCode(cert.verificationCode),
      note: CERTIFICATE_NOTE,
      revoked: !!cert.revokedAt,
      imageUrl: ctx.signer.sign(imagePath(cert.id), `certificate-${cert.id}`, requirePrincipal(ctx)),
      verifyUrl: verifyUrl(ctx, cert),
    };
  }

  @Query(() => CertificateVerification, {
    description:
      "证书真伪核验（公开，无需登录；须同时提供证明编号和核验码；姓名脱敏） (public certificate verification: number and code)",
  })
  async verifyCertificate(
    @Arg("number") number: string,
    @Arg("code", () => String, {
      nullable: true,
      description: "核验码（证明编号旁或二维码中；必填，大小写和连字符不限） (verification code; required)",
    })
    code: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<CertificateVerification> {
    await limitVerificationRate(ctx);
    const cleanCode = normalizeVerificationCode(code ?? "");
    if (!cleanCode) throw badInput("请填写核验码（证明编号旁或扫描二维码获得）", "code");
    const clean = number.trim().toUpperCase().slice(0, 32);
    const found = clean ? await ctx.ds.getRepository(Certificate).findOneBy({ number: clean }) : null;
    // A wrong code gets exactly the answer of an unknown number: numbers cannot be probed without their codes.
    const cert = found && verificationCodeMatches(found.verificationCode, cleanCode) ? found : null;
    const none = {
      physicianNameMasked: null,
      institutionName: null,
      cycleName: null,
      result: null,
      issuingAuthority: null,
      issueDate: null,
    };
    if (!cert)
      return {
        number: clean,
        status: CertificateStatus.NOT_FOUND,
        message: "查无此证，请核对证明编号和核验码",
        ...none,
      };
    const facts = {
      physicianNameMasked: maskName(cert.data.physicianName),
      institutionName: cert.data.institutionName,
      cycleName: cert.data.cycleName,
      result: cert.data.result,
      issuingAuthority: cert.data.issuingAuthority,
      issueDate: cert.data.issueDate,
    };
    if (cert.revokedAt)
      return { number: cert.number, status: CertificateStatus.REVOKED, message: "该证明已作废", ...facts };
    return { number: cert.number, status: CertificateStatus.GENUINE, message: "该证明真实有效", ...facts };
  }
}

/**
 * Public verification is rate-limited per client address, every verification counted (30 aliases in one request
 * are 30), whoever calls: the qualified roster cannot be harvested by walking certificate numbers.
 */
async function limitVerificationRate(ctx: Context): Promise<void> {
  const limit = ctx.config.verifyRateLimitPerMinute;
  const now = Date.now();
  const { count, windowStart } = await hit(ctx.ds, `verify-ip:${ctx.ip}`.slice(0, 80), now);
  if (count <= limit) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart + 60_000 - now) / 1000));
  throw new AppError(
    ErrorCode.RATE_LIMITED,
    `核验过于频繁（每分钟最多 ${limit} 次），请 ${retryAfterSeconds} 秒后重试`,
    {
      retryAfterSeconds,
      limitPerMinute: limit,
    },
  );
}
