import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from "graphql";

/**
 * Descriptions for the names that recur across the schema (ids, versions, timestamps, paging and
 * workflow arguments), so decorators stay short and one wording is used everywhere. A description
 * written on a decorator always wins; schema.test.ts fails if anything is left undescribed.
 * Keys: "Type.field(arg)", "field(arg)", "(arg)" for arguments; "Type.field", "field" for fields;
 * "Type" for types; "Enum.VALUE" for enum values.
 */
const APPLICATION_ID = "考核申请 ID (application id)";
const VERSION =
  "页面上看到的版本号（version 字段）；若已被他人修改则返回 CONFLICT，不作任何更改 (the version the user saw; CONFLICT if it changed)";

const GLOSSARY: Record<string, string> = {
  Query: "查询入口 (queries)",
  Mutation: "变更入口 (mutations)",

  // fields
  id: "唯一标识 (identifier)",
  status: "状态 (status)",
  statusLabel: "状态名称 (status label)",
  at: "时间 (when)",
  createdAt: "创建时间 (created at)",
  updatedAt: "最后更新时间 (last updated)",
  startedAt: "开始时间 (started at)",
  submittedAt: "提交时间 (submitted at)",
  finishedAt: "完成时间 (finished at)",
  physicianId: "医师 ID (physician id)",
  applicationId: APPLICATION_ID,
  institutionId: "机构 ID (institution id)",
  departmentId: "科室 ID (department id)",
  cycleId: "考核周期 ID (cycle id)",
  paperId: "试卷 ID (paper id)",
  testKind: "测评类别 (test kind)",
  procedure: "考核程序 (procedure)",
  opinion: "意见 (opinion)",
  reviewerName: "审核人 (reviewer)",
  label: "名称 (label)",
  meaning: "含义 (meaning)",
  institutionName: "机构名称 (institution name)",
  version: "版本号，操作时回传以防并发冲突 (version, sent back with actions)",
  verdict: "省级认定结果 (provincial verdict)",
  score: "分数 (score)",
  passed: "是否合格 (passed)",
  rating: "评定结果 (rating)",
  requiresReason: "是否须填写理由 (whether a reason is required)",
  from: "可执行的起始状态 (statuses it may start from)",
  to: "可到达的状态 (statuses it may lead to)",
  action: "动作 (action)",
  actions: "动作 (actions)",
  name: "名称或姓名 (name)",
  kind: "类别 (kind)",
  gender: "性别 (gender)",
  code: "代码 (code)",
  completion: "完成情况 (completion)",
  pageInfo: "分页信息 (paging)",
  title: "职称 (title)",
  level: "医师级别 (level)",
  birthDate: "出生日期 (birth date)",
  qualificationCertNo: "医师资格证书编码 (qualification certificate number)",
  practiceCertNo: "医师执业证书编码 (practice certificate number)",
  categoryName: "执业类别 (practice category)",
  scopeNames: "执业范围 (practice scopes)",
  firstPracticeDate: "首次执业日期 (first practice date)",
  departmentName: "科室名称 (department name)",
  lastAction: "最近操作 (last action)",
  lastActionAt: "最近操作时间 (last action at)",
  exemptionStatus: "免考状态 (exemption status)",
  exemptionStatusLabel: "免考状态名称 (exemption status label)",
  institutionReview: "医疗卫生机构审核意见 (the institution's review)",
  assessmentReview: "考核机构复核意见 (the assessment institution's re-review)",
  ratings: "各项评定 (item ratings)",
  approved: "是否通过 (approved)",
  count: "人数 (count)",
  statuses: "状态 (statuses)",
  exemptionStatuses: "免考状态 (exemption statuses)",
  exemptionActions: "免考动作 (exemption actions)",
  party: "操作方 (party)",
  roles: "可执行的角色 (roles)",
  final: "是否为最终结果 (final)",
  tests: "需参加的测评 (tests)",
  workQuantities: "工作数量 (work quantities)",
  number: "证明编号 (certificate number)",
  result: "考核结果 (result)",
  issuingAuthority: "发证机关 (issuing authority)",
  issueDate: "发证日期 (issue date)",
  cycleName: "考核周期 (cycle)",
  cycleStart: "周期开始日期 (cycle start)",
  cycleEnd: "周期结束日期 (cycle end)",
  startDate: "开始日期 (start date)",
  endDate: "结束日期 (end date)",
  outcome: "结果 (outcome)",
  client: "接口客户端 (API client)",
  groupBy: "汇总粒度 (roll-up level)",
  field: "排序字段 (sort field)",
  direction: "排序方向 (direction)",
  fromStatus: "原状态 (status before)",
  toStatus: "新状态 (status after)",
  "WorkflowStatusView.value": "状态代码 (status code)",
  "ExemptionStatusView.value": "免考状态代码 (exemption status code)",
  "ReturnSectionView.value": "报名内容代码 (section code)",
  "WorkQuantityView.value": "申报数量 (reported figure)",
  "WorkQuantityInput.value": "申报数量 (reported figure)",
  "ProcedureTests.procedure": "考核程序 (procedure)",
  "SubmissionView.procedure": "选择的考核程序 (chosen procedure)",
  "SubmissionView.departmentId": "选择的科室 (chosen department)",
  "TestPaperInput.kind": "测评类别 (test kind)",
  "TestPaper.id": "试卷 ID (paper id)",
  expectedVersion: VERSION,
  "CertificateVerification.status": "核验结果 (verification result)",
  "ExemptionActionView.label": "按钮文字 (button label)",

  // arguments
  "(expectedVersion)": VERSION,
  "(reason)": "理由，将显示给下一步处理人 (reason, shown to whoever acts next)",
  "(input)": "表单内容 (the form)",
  "(filter)": "筛选条件 (filter)",
  "(sort)": "排序 (sort order)",
  "(approve)": "true 通过，false 驳回 (true to approve, false to reject)",
  "(allow)": "true 允许补考，false 不予补考 (true to allow a make-up test)",
  "(opinion)": "意见 (opinion)",
  "(cycleId)": "考核周期，默认当前周期 (cycle; default the current one)",
  "(physicianId)": "医师 ID (physician id)",
  "(applicationId)": APPLICATION_ID,
  "(attemptId)": "测评记录 ID (attempt id)",
  "(paperId)": "试卷 ID (paper id)",
  "(idNumber)": "身份证号码，15 位或 18 位 (resident ID number, either form)",
  "(institutionId)": "机构 ID (institution id)",
  "(file)": "上传的文件（GraphQL multipart） (uploaded file)",
  "(files)": "上传的文件（GraphQL multipart） (uploaded files)",
  "(testKind)": "测评类别 (test kind)",
  "(status)": "状态 (status)",
  "(number)": "证明编号 (certificate number)",
  "(parentCode)": "上级区划代码；不传返回省级 (parent region; none = provinces)",
  "(accountId)": "账户 ID (account id)",
  "(attachmentId)": "附件 ID (attachment id)",
  "(enabled)": "true 启用，false 停用 (true to enable)",
  "(allowed)": "true 开通，false 关闭 (true to open)",
  "(outcome)": "只看此结果的行 (only rows with this outcome)",
  "(purpose)": "附件用途 (purpose)",
  "(score)": "分数 (score)",
  "(similarity)": "与本人照片的相似度 0–100 (similarity %)",
  "(capturedAt)": "拍摄时间 (captured at)",
  "(image)": "照片（JPEG/PNG） (the picture)",
  "(note)": "备注 (note)",
  "(verdict)": "认定结果 (verdict)",
  "(institutionName)": "其他执业机构名称 (the other institution)",
  "application(id)": APPLICATION_ID,
  "approveApplication(id)": APPLICATION_ID,
  "rejectApplication(id)": APPLICATION_ID,
  "addOtherInstitutionOpinion(id)": APPLICATION_ID,
  "approveExemption(id)": APPLICATION_ID,
  "rejectExemption(id)": APPLICATION_ID,
  "reReviewApplication(id)": APPLICATION_ID,
  "reReviewExemption(id)": APPLICATION_ID,
  "returnApplication(id)": APPLICATION_ID,
  "confirmMakeup(id)": APPLICATION_ID,
  "addOtherInstitutionOpinion(opinion)": "该机构对医师的评定意见 (that institution's opinion)",
  "reReviewApplication(opinion)": "复核意见 (re-review opinion)",
  "markAttemptSuspected(note)": "标记说明 (why it is marked)",
  "institution(id)": "机构 ID (institution id)",
  "physician(id)": "医师 ID (physician id)",
  "updatePhysician(id)": "医师 ID (physician id)",
  "updateDepartment(id)": "科室 ID (department id)",
  "setDepartmentEnabled(id)": "科室 ID (department id)",
  "deleteDepartment(id)": "科室 ID (department id)",
  "physicianImport(id)": "导入报告 ID (import report id)",
  "decideAssessmentInstitutionApplication(id)": "申请 ID (application id)",
  "decideAssessmentInstitutionApplication(approve)": "true 同意，false 驳回 (true to approve)",
  "decideAssessmentInstitutionApplication(reason)": "审批意见；驳回时必填 (note; required to reject)",
  "setPhysicianPractisingStatus(status)": "执业状态 (practising status)",
  "assessmentInstitutionApplications(status)": "只看此状态 (only this status)",
  "confirmCycleNotice(cycleId)": "考核周期 ID (cycle id)",

  // enum values
  "PhysicianSortField.ID": "按登记顺序 (registration order)",
  "PhysicianSortField.NAME": "按姓名 (name)",
  "PhysicianSortField.ID_NUMBER": "按身份证号码 (ID number)",
  "PhysicianSortField.UPDATED_AT": "按更新时间 (last update)",
  "SortDirection.ASC": "升序 (ascending)",
  "SortDirection.DESC": "降序 (descending)",
};

export function describeSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    type.description ||= GLOSSARY[type.name];
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        field.description ||= GLOSSARY[`${type.name}.${field.name}`] ?? GLOSSARY[field.name];
        for (const arg of "args" in field ? field.args : []) {
          arg.description ||=
            GLOSSARY[`${type.name}.${field.name}(${arg.name})`] ??
            GLOSSARY[`${field.name}(${arg.name})`] ??
            GLOSSARY[`(${arg.name})`];
        }
      }
    }
    if (isEnumType(type))
      for (const value of type.getValues()) value.description ||= GLOSSARY[`${type.name}.${value.name}`];
  }
  return schema;
}
