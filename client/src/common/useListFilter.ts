import { reactive } from "vue";
import { ElMessage } from "element-plus";
import { idNumberProblem } from "@/common/id-number";

/**
 * The filter form above a list. `filter` is what the inputs show, `applied` what the list was asked for
 * (on 查询 / Enter): the list's query variables read `applied`, so a changed filter reloads by itself and
 * the same filter again calls `reload`. A half-typed ID number is refused before anything is sent.
 */
export function useListFilter<F extends { idNumber: string }>(initial: () => F, reload: () => unknown) {
  const filter = reactive(initial()) as F;
  const applied = reactive(initial()) as F;

  function search() {
    const id = filter.idNumber.trim();
    if (id && id.length !== 15 && id.length !== 18) {
      ElMessage.warning(idNumberProblem(id) ?? "请输入15位或18位身份证号码");
      return;
    }
    const unchanged = JSON.stringify(applied) === JSON.stringify(filter);
    Object.assign(applied, filter);
    if (unchanged) void reload();
  }

  function resetFilter() {
    Object.assign(filter, initial());
    search();
  }

  return { filter, applied, search, resetFilter };
}
