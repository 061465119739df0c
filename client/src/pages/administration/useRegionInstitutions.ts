import { ref } from "vue";
import { useMutation } from "@vue/apollo-composable";
import { ElMessage } from "element-plus";
import { confirmAction } from "@/common/confirm";
import { reportError } from "@/common/errors";
import { useList } from "@/components/list/useList";
import {
  AllowAssessmentInstitutionApplicationDocument,
  RegionInstitutionsDocument,
  type RegionInstitutionRowFragment,
} from "@/gql/graphql";
import { regionInstitutionActions, regionInstitutionFilters } from "./institutions.list";

/** The filter's region code as the API's city or county code (a province code narrows nothing). */
function regionFilter(code: string) {
  if (!code || code.endsWith("0000")) return {};
  return code.endsWith("00") ? { cityCode: code } : { countyCode: code };
}

/** 辖区机构 (manual 2.2.4: the 申请考核机构 permission is opened by the 上级卫生行政部门). */
export function useRegionInstitutions(h: { profile: (i: RegionInstitutionRowFragment) => unknown }) {
  const list = useList({
    query: RegionInstitutionsDocument,
    filters: regionInstitutionFilters,
    variables: (f, paging) => ({
      filter: {
        name: f.name || undefined,
        ...regionFilter(f.region),
        isAssessmentInstitution: f.kind ? f.kind === "ASSESSMENT" : undefined,
      },
      ...paging,
    }),
    rows: (data) => data.institutions,
    empty: ({ filtered }) => (filtered ? "没有符合条件的机构" : "本辖区暂无机构"),
  });

  const busyId = ref<number | null>(null);
  const { mutate } = useMutation(AllowAssessmentInstitutionApplicationDocument);
  async function toggle(row: RegionInstitutionRowFragment) {
    const allowed = !row.assessmentApplicationAllowed;
    const ok = await confirmAction(
      allowed
        ? `为“${row.name}”开通申请考核机构的权限？开通后该机构可在【申请考核机构】提交申请。`
        : `关闭“${row.name}”申请考核机构的权限？关闭后该机构不能再提交新的申请。`,
      { title: allowed ? "开通申请权限" : "关闭申请权限", confirmText: allowed ? "开通" : "关闭", danger: !allowed },
    );
    if (!ok) return;
    busyId.value = row.id;
    try {
      await mutate({ institutionId: row.id, allowed });
      ElMessage.success(allowed ? "已开通申请考核机构权限" : "已关闭申请考核机构权限");
      await list.reload();
    } catch (err) {
      reportError(err);
    } finally {
      busyId.value = null;
    }
  }

  const actions = regionInstitutionActions({ profile: h.profile, toggle, busy: (i) => busyId.value === i.id });
  return { list, actions };
}
