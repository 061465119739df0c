import { computed, nextTick, reactive, ref, watch } from "vue";
import { useRouter } from "vue-router";
import { useMutation, useQuery } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { useReturnDialog } from "@/common/return-dialog";
import { reportActionError, reportError } from "@/common/errors";
import { GENDER, RATING, RATING_ITEM } from "@/common/labels";
import { useWorkflow } from "@/common/workflow";
import {
  ApplicationReviewDocument,
  ApproveApplicationDocument,
  RemoveOtherInstitutionOpinionDocument,
  PhysicianDetailDocument,
  RejectApplicationDocument,
  type Procedure,
  type Rating,
  type WorkflowAction,
} from "@/gql/graphql";
import { RouteName } from "@/router/names";

/** One row of the rating table: 工作成绩, 职业道德, and (一般程序) each reported work quantity. */
export interface RatingRow {
  item: string;
  name: string;
  /** 工作数量: what was reported and the standard (manual 2.2.7 table). */
  reported?: string;
  standard?: string;
  belowStandard?: boolean;
  /** Set when the item has a standard: the declared figure reaches it. */
  meetsStandard?: boolean;
  /** What the rating rests on, for the items without figures. */
  basis?: string;
}

/** The applicant's basic and practice facts, from the submission's snapshot (or, lacking one, the current record). */
export interface ApplicantInfo {
  name: string;
  gender: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  institutionName: string;
  departmentName: string;
  categoryName: string;
  scopeNames: string[];
  level: string;
  title: string;
  qualificationCertNo: string;
  practiceCertNo: string;
  firstPracticeDate: string | null;
  otherPracticeSites: string[];
  /** false: no snapshot was stored with the submission; these are the current registration facts. */
  fromSnapshot: boolean;
}

const LIST_ROUTE = { SIMPLE: RouteName.reviewsSimple, GENERAL: RouteName.reviewsGeneral } as const;
const quantity = (value: number | null | undefined, unit: string) =>
  value === null || value === undefined ? `— ${unit}` : `${value} ${unit}`;

/**
 * 审核 one application (manual 2.2.6 简易程序, 2.2.7 一般程序), in two steps: basic and practice
 * information, then 【下一步】 the self-assessments and the rating table. The buttons are those the
 * server lists in `availableActions`, named by the `workflow` table; every action carries the version
 * that was loaded.
 */
export function useReview(id: number, procedure: Procedure) {
  const router = useRouter();
  const workflow = useWorkflow();
  const step = ref(0);

  const { result, loading, error, refetch } = useQuery(
    ApplicationReviewDocument,
    { id },
    { fetchPolicy: "network-only" },
  );
  watch(error, (e) => e && reportError(e));
  const app = computed(() => result.value?.application ?? null);
  /** When the signed attachment links were fetched. */
  const loadedAt = ref(Date.now());
  watch(result, () => (loadedAt.value = Date.now()));
  const renewLinks = async () => {
    await refetch();
  };

  // Demo or legacy submissions may lack the snapshot: fall back to the physician's current record.
  const needsDetail = computed(() => !!app.value && !app.value.submission?.snapshot);
  const { result: detailResult } = useQuery(
    PhysicianDetailDocument,
    () => ({ id: app.value?.physicianId ?? 0 }),
    () => ({ enabled: needsDetail.value, fetchPolicy: "network-only" }),
  );

  const info = computed<ApplicantInfo | null>(() => {
    const snap = app.value?.submission?.snapshot;
    if (snap) return { ...snap, fromSnapshot: true };
    const p = detailResult.value?.physician;
    if (!p || !app.value) return null;
    return {
      name: p.name,
      gender: GENDER[p.gender],
      birthDate: p.birthDate,
      idNumber: p.idNumber,
      phone: p.phone,
      institutionName: app.value.institutionName ?? p.institutionName ?? "",
      departmentName: app.value.departmentName ?? p.department?.name ?? "",
      categoryName: p.categoryName,
      scopeNames: p.scopes.map((s) => s.name),
      level: p.levelName,
      title: p.title,
      qualificationCertNo: p.qualificationCertNo,
      practiceCertNo: p.practiceCertNo,
      firstPracticeDate: p.firstPracticeDate ?? null,
      otherPracticeSites: p.otherPracticeSites.map((s) => s.institutionName),
      fromSnapshot: false,
    };
  });

  /** The page is for one procedure; an id of the other kind is shown (and rated by its own procedure), but says so. */
  const wrongProcedure = computed(() => !!app.value?.procedure && app.value.procedure !== procedure);
  const effectiveProcedure = computed<Procedure>(() => app.value?.procedure ?? procedure);
  const isSimple = computed(() => effectiveProcedure.value === "SIMPLE");
  const can = (action: WorkflowAction) => !!app.value?.availableActions.includes(action);
  const reviewing = computed(() => can("APPROVE") || can("REJECT"));

  // ---- ratings
  const workQuantities = computed(() => app.value?.submission?.workQuantities ?? []);
  const ratingRows = computed<RatingRow[]>(() => [
    ...(effectiveProcedure.value === "GENERAL"
      ? workQuantities.value.map((q) => ({
          item: q.ratingItem,
          // As the manual's table names them: 手术量（外科科室）.
          name: q.appliesTo ? `${q.name}（${q.appliesTo}）` : q.name,
          reported: quantity(q.value, q.unit),
          standard: q.threshold === null || q.threshold === undefined ? "由本机构确定" : quantity(q.threshold, q.unit),
          belowStandard: q.threshold !== null && q.threshold !== undefined && q.value < q.threshold,
          meetsStandard: q.threshold === null || q.threshold === undefined ? undefined : q.value >= q.threshold,
        }))
      : []),
    { item: "WORK_PERFORMANCE", name: RATING_ITEM.WORK_PERFORMANCE, basis: "依据医师工作成绩自评及本机构掌握情况评定" },
    { item: "ETHICS", name: RATING_ITEM.ETHICS, basis: "依据医师职业道德自评及本机构掌握情况评定" },
  ]);
  const ratings = reactive<Record<string, Rating | undefined>>({});
  const opinion = ref("");
  const missing = ref<string[]>([]);
  // An application reviewed before (returned by the assessment institution) starts from its earlier ratings.
  watch(
    app,
    (a, before) => {
      if (!a || before?.id === a.id) return;
      for (const r of a.institutionReview?.ratings ?? []) ratings[r.item] = r.rating;
      if (a.institutionReview?.opinion && !opinion.value) opinion.value = a.institutionReview.opinion;
    },
    { immediate: true },
  );
  function rate(item: string, rating: Rating) {
    ratings[item] = rating;
    missing.value = missing.value.filter((m) => m !== item);
    if (outcome.value !== "UNQUALIFIED") opinionError.value = "";
  }
  function rateAllQualified() {
    for (const r of ratingRows.value) rate(r.item, "QUALIFIED");
  }
  const allRated = computed(() => ratingRows.value.every((r) => ratings[r.item]));
  /** A 不合格 ends the physician's cycle: the opinion must say why (the server refuses it empty too). */
  const opinionRequired = computed(() => outcome.value === "UNQUALIFIED");
  const opinionError = ref("");
  watch(opinion, (text) => {
    if (text.trim()) opinionError.value = "";
  });
  /** Ratings that contradict the declared figure against the standard: 不合格 although reached, 合格 although not. */
  const contradictions = computed(() =>
    ratingRows.value.filter(
      (r) =>
        r.meetsStandard !== undefined && ratings[r.item] && r.meetsStandard === (ratings[r.item] === "UNQUALIFIED"),
    ),
  );
  /** Manual 2.2.7 备注: any 不合格 makes the result 不合格 (the server computes the same). */
  const outcome = computed<Rating | null>(() => {
    if (ratingRows.value.some((r) => ratings[r.item] === "UNQUALIFIED")) return "UNQUALIFIED";
    return allRated.value ? "QUALIFIED" : null;
  });

  // ---- actions
  const { mutate: approveMutation, loading: approving } = useMutation(ApproveApplicationDocument);
  const { mutate: rejectMutation, loading: rejecting } = useMutation(RejectApplicationDocument);
  const backToList = () => router.push({ name: LIST_ROUTE[procedure] });

  /** Brings a field into view in the middle of the window, clear of the sticky action bar. */
  async function scrollToField(selector: string) {
    await nextTick();
    const el = document.querySelector(selector);
    el?.scrollIntoView({ block: "center", behavior: "smooth" });
    el?.querySelector<HTMLElement>("input, textarea")?.focus({ preventScroll: true });
  }

  function next() {
    step.value = 1;
    window.scrollTo({ top: 0 });
  }
  function previous() {
    step.value = 0;
    window.scrollTo({ top: 0 });
  }

  async function approve() {
    const a = app.value;
    if (!a) return;
    const unrated = ratingRows.value.filter((r) => !ratings[r.item]);
    if (unrated.length) {
      missing.value = unrated.map((r) => r.item);
      ElMessage.warning(`请评定：${unrated.map((r) => r.name).join("、")}`);
      await scrollToField(`[data-item="${unrated[0].item}"]`);
      return;
    }
    if (opinionRequired.value && !opinion.value.trim()) {
      opinionError.value = "评定为不合格的，须填写评定意见（说明不合格的理由）";
      await scrollToField('[data-test="review-opinion"]');
      return;
    }
    const label = workflow.actionLabel("APPROVE");
    const result = RATING[outcome.value!];
    if (contradictions.value.length) {
      const lines = contradictions.value.map(
        (r) =>
          `${r.name}：申报 ${r.reported}，标准 ${r.standard}，评定为“${RATING[ratings[r.item]!]}”（${r.meetsStandard ? "已达标却评为不合格" : "未达标却评为合格"}）`,
      );
      const sure = await confirmAction(
        `以下评定与申报数量对照标准不一致：${lines.join("；")}。请确认评定无误（评定与申报数量将一并记录）。`,
        { title: "评定与申报数量不一致", confirmText: "确认评定", danger: true },
      );
      if (!sure) return;
    }
    const ok = await confirmAction(
      `${a.physician.name} 的评定结果为“${result}”。${label}后将提交考核机构复核，确定${label}吗？`,
      {
        title: `${label}审核结果`,
        confirmText: label,
        danger: outcome.value === "UNQUALIFIED",
      },
    );
    if (!ok) return;
    try {
      await approveMutation({
        id: a.id,
        expectedVersion: a.version,
        input: {
          ratings: ratingRows.value.map((r) => ({ item: r.item, rating: ratings[r.item]! })),
          opinion: opinion.value.trim(),
        },
      });
      ElMessage.success(`已${label} ${a.physician.name} 的审核结果，等待考核机构复核`);
      await backToList();
    } catch (err) {
      reportActionError(err, refetch);
    }
  }

  const { mutate: removeOpinionMutation } = useMutation(RemoveOtherInstitutionOpinionDocument);
  /** 【删除】 another site's opinion (recorded on the timeline), while this institution reviews. */
  async function removeOpinion(o: { id: number; institutionName: string }) {
    const a = app.value;
    if (!a) return;
    const ok = await confirmAction(`确定删除 ${o.institutionName} 的意见吗？删除将记入时间线。`, {
      title: "删除其他执业机构意见",
      confirmText: "删除",
      danger: true,
    });
    if (!ok) return;
    try {
      await removeOpinionMutation({ opinionId: o.id, expectedVersion: a.version });
      ElMessage.success(`已删除 ${o.institutionName} 的意见`);
      await refetch();
    } catch (err) {
      reportActionError(err, refetch);
    }
  }

  const returnDialog = useReturnDialog();
  async function reject() {
    const a = app.value;
    if (!a) return;
    const label = workflow.actionLabel("REJECT");
    const answer = await returnDialog.ask({
      message: `请填写${label}理由，并勾选需修改的内容。${label}后医师可修改报名信息后重新提交。`,
      title: `${label} ${a.physician.name} 的申请`,
      confirmText: label,
      placeholder: "如：证明材料不符合简易程序条件，请补充……",
    });
    if (answer === null) return;
    try {
      await rejectMutation({ id: a.id, ...answer, expectedVersion: a.version });
      ElMessage.success(`已${label} ${a.physician.name} 的申请`);
      await backToList();
    } catch (err) {
      reportActionError(err, refetch);
    }
  }

  return {
    workflow,
    step,
    app,
    info,
    loading,
    error,
    refetch,
    loadedAt,
    renewLinks,
    wrongProcedure,
    isSimple,
    can,
    reviewing,
    ratingRows,
    ratings,
    missing,
    opinion,
    opinionRequired,
    opinionError,
    contradictions,
    rate,
    rateAllQualified,
    outcome,
    approving,
    rejecting,
    next,
    previous,
    approve,
    removeOpinion,
    reject,
    returnDialog,
    backToList,
  };
}
