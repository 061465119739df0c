import type { EntityManager } from "typeorm";
import type { Application } from "../assessment/application.entity";
import { AssessmentCycle, todayInChina } from "../assessment/cycle.entity";
import { PROCEDURE_LABEL } from "../assessment/procedure";
import { categoryByCode } from "../catalogs/catalog";
import { maskIdNumber } from "../common/id-number";
import type { AppDeps } from "../context";
import { Institution } from "../institutions/institution.entity";
import { Physician, PhysicianLevel } from "../physicians/physician.entity";
import { HealthAdministration } from "../regions/health-administration.entity";
import { RegionLevel } from "../regions/region.entity";
import { Certificate } from "./certificate.entity";
import { formatVerificationCode, newVerificationCode } from "./verification-code";

/** Certificate numbers: province prefix, cycle start year, the application id (one certificate per application). */
export const certificateNumber = (cycle: Pick<AssessmentCycle, "startDate">, applicationId: number) =>
  `GX${cycle.startDate.slice(0, 4)}-${String(applicationId).padStart(7, "0")}`;

/** Issues (or re-issues after a revocation) the certificate of an application that just became 合格. */
export async function issueCertificate(em: EntityManager, app: Application): Promise<void> {
  const [physician, institution, cycle] = await Promise.all([
    em.findOne(Physician, { where: { id: app.physicianId }, withDeleted: true }),
    app.institutionId ? em.findOneBy(Institution, { id: app.institutionId }) : null,
    em.findOneBy(AssessmentCycle, { id: app.cycleId }),
  ]);
  if (!physician || !institution || !cycle) return;
  const authority = await em.findOneBy(HealthAdministration, {
    regionCode: institution.provinceCode,
    level: RegionLevel.PROVINCE,
  });
  const category = categoryByCode(physician.categoryCode);
  const now = new Date();
  const data = {
    number: certificateNumber(cycle, app.id),
    physicianName: physician.name,
    gender: physician.gender === "MALE" ? "男" : "女",
    idNumberMasked: maskIdNumber(physician.idNumber),
    categoryName: category?.name ?? physician.categoryCode,
    scopeNames: physician.scopeCodes.map((c) => category?.scopes.find((s) => s.code === c)?.name ?? c),
    levelName: physician.level === PhysicianLevel.PHYSICIAN ? "执业医师" : "执业助理医师",
    institutionName: institution.name,
    cycleName: cycle.name,
    cycleStart: cycle.startDate,
    cycleEnd: cycle.endDate,
    procedureName: app.procedure ? PROCEDURE_LABEL[app.procedure] : "",
    result: "合格",
    issuingAuthority: authority?.name ?? "省级卫生健康行政部门",
    issueDate: todayInChina(now),
  };
  const existing = await em.findOneBy(Certificate, { applicationId: app.id });
  if (existing) {
    await em.update(
      Certificate,
      { id: existing.id },
      {
        data,
        issuedAt: now,
        revokedAt: null,
        revokeReason: null,
        imageKey: null,
        imageSha256: null,
        imageSize: null,
        updatedAt: now,
      },
    );
  } else {
    await em.insert(Certificate, {
      applicationId: app.id,
      number: data.number,
      verificationCode: newVerificationCode(),
      physicianId: physician.id,
      institutionId: institution.id,
      cycleId: cycle.id,
      issuedAt: now,
      data,
      imageKey: null,
      imageSha256: null,
      imageSize: null,
      revokedAt: null,
      revokeReason: null,
      updatedAt: now,
    });
  }
}

export async function revokeCertificate(em: EntityManager, applicationId: number, reason: string): Promise<void> {
  const now = new Date();
  await em.update(
    Certificate,
    { applicationId },
    { revokedAt: now, revokeReason: reason.slice(0, 255), updatedAt: now },
  );
}

/** The QR's content: the number and its verification code (verification needs both). */
export const verifyUrl = (
  deps: Pick<AppDeps, "config">,
  certificate: Pick<Certificate, "number" | "verificationCode">,
) =>
  `${deps.config.publicUrl.replace(/\/$/, "")}/verify/${encodeURIComponent(certificate.number)}?code=${encodeURIComponent(certificate.verificationCode)}`;

/**
 * The certificate's PNG: rendered on first request and stored (deterministic rendering keeps a race of
 * two first requests harmless), then always served from storage.
 */
export async function certificateImage(deps: AppDeps, certificate: Certificate): Promise<Buffer> {
  if (certificate.imageKey && (await deps.storage.exists(certificate.imageKey)))
    return deps.storage.read(certificate.imageKey);
  // The renderer (canvas, fonts, QR code) loads on the first certificate drawn, not with every server process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a relative import() needs ESM resolution
  const { renderCertificatePng } = require("./render/certificate-image") as typeof import("./render/certificate-image");
  const png = await renderCertificatePng({
    ...certificate.data,
    verificationCode: formatVerificationCode(certificate.verificationCode),
    verifyUrl: verifyUrl(deps, certificate),
  });
  const stored = await deps.storage.putBuffer(png);
  const result = await deps.ds
    .createQueryBuilder()
    .update(Certificate)
    .set({ imageKey: stored.key, imageSha256: stored.sha256, imageSize: stored.size })
    .where("id = :id AND (image_key IS NULL OR image_key = :old)", {
      id: certificate.id,
      old: certificate.imageKey ?? "",
    })
    .execute();
  if (result.affected === 1) return png;
  await deps.storage.remove(stored.key);
  const winner = await deps.ds.getRepository(Certificate).findOneByOrFail({ id: certificate.id });
  return winner.imageKey ? deps.storage.read(winner.imageKey) : png;
}
