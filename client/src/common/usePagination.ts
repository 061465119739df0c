import { reactive, watch, type WatchSource } from "vue";

export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * Server-side paging state for an el-pagination (`v-model:current-page`, `v-model:page-size`).
 * Changing the filter or the page size goes back to page 1.
 */
export function usePagination(options: { pageSize?: number; resetOn?: WatchSource[] } = {}) {
  const paging = reactive({ page: 1, pageSize: options.pageSize ?? 10 });
  watch(
    () => paging.pageSize,
    () => (paging.page = 1),
  );
  if (options.resetOn?.length) watch(options.resetOn, () => (paging.page = 1), { deep: true });
  return paging;
}
