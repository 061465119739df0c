/** 申请材料 and the report file of an application; exemption evidence belongs to 免考审核. */
export const applicationMaterials = <T extends { purpose: string }>(attachments: readonly T[] | undefined): T[] =>
  (attachments ?? []).filter((a) => a.purpose !== "EVIDENCE");
