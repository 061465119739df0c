import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "附件 (attached file: PDF, JPEG or PNG)" })
export class AttachmentView {
  @Field(() => Int)
  id: number;

  @Field({ description: "用途 (purpose within its owner, e.g. MATERIAL 申请材料, REPORT 述职报告, EVIDENCE 证明材料)" })
  purpose: string;

  @Field({ description: "用途名称，如 申请材料 (purpose label)" })
  purposeLabel: string;

  @Field({ description: "原文件名 (original file name)" })
  fileName: string;

  @Field({ description: "内容类型，按文件内容识别 (MIME type detected from the content)" })
  mimeType: string;

  @Field(() => Int, { description: "字节数 (size in bytes)" })
  size: number;

  @Field({ description: "SHA-256 摘要 (SHA-256 of the content)" })
  sha256: string;

  @Field(() => Date, { description: "上传时间 (uploaded at)" })
  createdAt: Date;

  @Field({
    description:
      "下载地址，有效期 10 分钟，仅限获取它的登录会话或接口令牌使用 (signed download link, valid for 10 minutes, only for the session or token that asked for it)",
  })
  url: string;
}
