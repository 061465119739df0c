import type { FileUpload } from "graphql-upload/processRequest.mjs";
import type { EntityManager } from "typeorm";
import { requirePrincipal, type AuthContext } from "../common/auth";
import { badInput } from "../common/errors";
import type { AppDeps } from "../context";
import { logger } from "../logger";
import { Attachment } from "./attachment.entity";
import type { AttachmentView } from "./attachment.view";
import { fileKindMessage } from "../common/rules";
import { hasValidStructure, MIME_OF, sniffFileKind, type FileKind } from "./file-kinds";
import { FileTooLargeError, type StoredFile } from "./storage";

export interface ReceivedFile extends StoredFile {
  fileName: string;
  mimeType: string;
}

const DEFAULT_KINDS: FileKind[] = ["PDF", "JPEG", "PNG"];

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** The upload's file name, safe to store and show. */
const safeFileName = (name: string | undefined) => (name || "file").replace(/[\\/\0]/g, "_").slice(0, 255);

/**
 * Streams one multipart upload into storage, refusing it the moment it passes the size cap. A client that hangs
 * up, or any other error of the upload stream, rejects here: nothing is kept from a refused file.
 */
export async function storeUpload(
  deps: AppDeps,
  upload: Promise<FileUpload> | FileUpload,
): Promise<StoredFile & { fileName: string }> {
  const file = await upload;
  const fileName = safeFileName(file.filename);
  try {
    const source = file.createReadStream();
    // The upload may still emit (e.g. its own size limit) after we stopped reading: never let that go unhandled.
    source.on("error", () => undefined);
    return { ...(await deps.storage.put(source, deps.config.uploadMaxBytes)), fileName };
  } catch (err) {
    const message = String((err as Error)?.message ?? "");
    if (err instanceof FileTooLargeError || /exceeds .*size limit/i.test(message)) {
      throw badInput(`文件“${fileName}”超过 ${megabytes(deps.config.uploadMaxBytes)} 的大小上限`, "file");
    }
    if (/disconnected|aborted|premature close/i.test(message)) {
      throw badInput(`文件“${fileName}”未传完，连接已中断，请重新上传`, "file");
    }
    throw err;
  }
}

/**
 * Receives one multipart upload into storage: refuses files over the size cap and files whose
 * content is not one of `kinds` (whatever their name says). Nothing is kept from a refused file.
 */
export async function receiveUpload(
  deps: AppDeps,
  upload: Promise<FileUpload> | FileUpload,
  kinds: FileKind[] = DEFAULT_KINDS,
): Promise<ReceivedFile> {
  const stored = await storeUpload(deps, upload);
  const { fileName } = stored;
  const kind = sniffFileKind(stored.head);
  if (!kind || !kinds.includes(kind) || !hasValidStructure(kind, await deps.storage.read(stored.key))) {
    await deps.storage.remove(stored.key);
    throw badInput(fileKindMessage(fileName, kinds), "file");
  }
  if (stored.size === 0) {
    await deps.storage.remove(stored.key);
    throw badInput(`文件“${fileName}”为空`, "file");
  }
  return { ...stored, mimeType: MIME_OF[kind] };
}

/** Records a received file as an attachment of `owner`, inside the caller's transaction. */
export async function saveAttachment(
  em: EntityManager,
  file: ReceivedFile,
  owner: { ownerType: string; ownerId: number; purpose: string; uploadedByAccountId: number | null },
): Promise<Attachment> {
  const row = em.create(Attachment, {
    ...owner,
    fileName: file.fileName,
    mimeType: file.mimeType,
    size: file.size,
    sha256: file.sha256,
    storageKey: file.key,
    createdAt: new Date(),
  });
  return em.save(row);
}

/**
 * Deletes a stored file once no attachment refers to it (rows may share one: the demo seed stores a sample once).
 * Called after the removing transaction has committed, so a rolled-back removal never loses its file; a failure
 * here leaves an orphan file, never a row without its file.
 */
export async function removeUnreferencedFile(deps: Pick<AppDeps, "ds" | "storage">, storageKey: string) {
  try {
    if (!(await deps.ds.getRepository(Attachment).existsBy({ storageKey }))) await deps.storage.remove(storageKey);
  } catch (err) {
    logger.warn({ err, storageKey }, "could not delete a removed attachment's file");
  }
}

const PURPOSE_LABEL: Record<string, string> = {
  MATERIAL: "申请材料",
  REPORT: "述职报告",
  EVIDENCE: "免考证明材料",
  SNAPSHOT: "监考照片",
};

type LinkContext = Pick<AppDeps, "signer"> & Pick<AuthContext, "principal">;

/** A signed, short-lived download link of an attachment, usable only by the caller it is issued to. */
export function fileUrl(ctx: LinkContext, attachmentId: number): string {
  return ctx.signer.sign(`/files/${attachmentId}`, String(attachmentId), requirePrincipal(ctx));
}

/** The GraphQL view of an attachment, with a signed, short-lived download link for the caller. */
export function attachmentView(ctx: LinkContext, a: Attachment): AttachmentView {
  return {
    id: a.id,
    purpose: a.purpose,
    purposeLabel: PURPOSE_LABEL[a.purpose] ?? a.purpose,
    fileName: a.fileName,
    mimeType: a.mimeType,
    size: a.size,
    sha256: a.sha256,
    createdAt: a.createdAt,
    url: fileUrl(ctx, a.id),
  };
}
