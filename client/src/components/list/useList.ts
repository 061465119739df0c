import { computed, nextTick, reactive, ref, shallowRef, toValue, watch, type Ref } from "vue";
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from "vue-router";
import type { OperationVariables, TypedDocumentNode } from "@apollo/client/core";
import { apolloClient } from "@/apollo/client";
import { toFailure, type AppFailure } from "@/common/errors";
import { idNumberProblem } from "@/common/id-number";
import { PAGE_SIZES } from "./paging";
import {
  fromQueryValue,
  initialValue,
  isEmptyValue,
  toQueryValue,
  type FilterField,
  type FilterValues,
} from "./filters";

export interface Paging {
  page: number;
  pageSize: number;
}

export interface ListOptions<Result, Vars extends OperationVariables, Row, S extends readonly FilterField[]> {
  /** The list's GraphQL document (its paged field takes `page` and `pageSize`). */
  query: TypedDocumentNode<Result, Vars>;
  filters: S;
  /** The document's variables for the applied filter and page. */
  variables: (filter: FilterValues<S>, paging: Paging) => Vars;
  /** The page of rows and the total in the response. */
  rows: (data: Result) => { items: readonly Row[]; total: number };
  /** What an empty list means, in words that are true (no row matched the filter, or there are none yet). */
  empty: string | ((context: { filtered: boolean; filter: FilterValues<S> }) => string);
  pageSize?: number;
  /** No request while false (a report whose id is not known yet). */
  enabled?: () => boolean;
  rowKey?: (row: Row) => string | number;
}

/** loading: nothing to show yet · failed: the last request failed · empty: it answered with no rows. */
export type ListState = "loading" | "failed" | "empty" | "ready";

const PAGE = "page";
const SIZE = "size";

/**
 * A server-paged list: filter, page and page size live in the address (so reload, a shared link and
 * the back button show the same page); rows come from the list's typed document; loading, failure
 * (with retry) and emptiness are three distinct states; the ticked rows are kept for batch actions.
 *
 * The list only reacts to the address of the route it was created on, and keeps every other key of the
 * address it does not own (`?job=` of the import report).
 */
export function useList<Result, Vars extends OperationVariables, Row, const S extends readonly FilterField[]>(
  options: ListOptions<Result, Vars, Row, S>,
) {
  const route = useRoute();
  const router = useRouter();
  const routeName = route.name;
  const defaultSize = options.pageSize ?? PAGE_SIZES[0];
  const fields = options.filters;
  const rowKey = options.rowKey ?? ((row: Row) => (row as { id: number }).id);

  type Values = FilterValues<S>;
  const initial = () => Object.fromEntries(fields.map((f) => [f.key, initialValue(f)])) as Values;

  // ---- applied state (mirrors the address) and the draft the inputs edit ----
  const applied = reactive({ page: 1, pageSize: defaultSize, filter: initial() }) as {
    page: number;
    pageSize: number;
    filter: Values;
  };
  /** What the filter inputs show; applied on 查询 / Enter / a choice. */
  const draft = reactive(initial()) as Values;
  /** A filter input's complaint (a half-typed ID number), shown under it. */
  const fieldErrors = reactive({} as Record<string, string>);

  function readAddress(query: LocationQuery) {
    const page = Number(query[PAGE]);
    const size = Number(query[SIZE]);
    return {
      page: Number.isInteger(page) && page > 0 ? page : 1,
      pageSize: Number.isInteger(size) && size > 0 && size <= 100 ? size : defaultSize,
      filter: Object.fromEntries(fields.map((f) => [f.key, fromQueryValue(f, query[f.key])])) as Values,
    };
  }

  function addressOf(): LocationQueryRaw {
    const owned = new Set<string>([PAGE, SIZE, ...fields.map((f) => f.key)]);
    const kept = Object.fromEntries(Object.entries(route.query).filter(([k]) => !owned.has(k)));
    const query: LocationQueryRaw = { ...kept };
    for (const f of fields) {
      const v = toQueryValue(f, (applied.filter as Record<string, unknown>)[f.key]);
      if (v !== undefined) query[f.key] = v;
    }
    if (applied.page > 1) query[PAGE] = String(applied.page);
    if (applied.pageSize !== defaultSize) query[SIZE] = String(applied.pageSize);
    return query;
  }

  const sameState = (a: ReturnType<typeof readAddress>) =>
    a.page === applied.page &&
    a.pageSize === applied.pageSize &&
    JSON.stringify(a.filter) === JSON.stringify(applied.filter);

  // Several changes in one tick (the pager sets the size, then clamps the page) make one history entry.
  let pendingWrite: "push" | "replace" | null = null;
  function writeAddress(mode: "push" | "replace") {
    if (pendingWrite === "push") return;
    const first = pendingWrite === null;
    pendingWrite = mode;
    if (!first) return;
    void nextTick(async () => {
      const how = pendingWrite;
      pendingWrite = null;
      if (route.name !== routeName) return;
      const query = addressOf();
      if (JSON.stringify(query) === JSON.stringify(route.query)) return;
      await (how === "push" ? router.push({ query }) : router.replace({ query }));
    });
  }

  function syncDraft() {
    Object.assign(draft, JSON.parse(JSON.stringify(applied.filter)));
    for (const k of Object.keys(fieldErrors)) delete fieldErrors[k];
  }

  // The address is the source: the first visit, a reload, the back button.
  watch(
    () => route.query,
    (query) => {
      if (route.name !== routeName || pendingWrite) return;
      const state = readAddress(query);
      if (sameState(state)) return;
      Object.assign(applied, state);
      syncDraft();
    },
    { immediate: true },
  );

  // ---- loading ----
  const data = shallowRef<Result | null>(null) as Ref<Result | null>;
  const rows = shallowRef<readonly Row[]>([]);
  /** The total of the last answer; kept while the next page loads, so the pager never jumps back. */
  const total = ref(0);
  /** Some answer arrived (the pager and counts can be drawn). */
  const loaded = ref(false);
  const loading = ref(false);
  const failure = shallowRef<AppFailure | null>(null);
  let sequence = 0;

  async function load() {
    if (options.enabled && !options.enabled()) return;
    const mine = ++sequence;
    loading.value = true;
    try {
      const variables = options.variables(applied.filter, { page: applied.page, pageSize: applied.pageSize });
      const result = await apolloClient.query({ query: options.query, variables, fetchPolicy: "network-only" });
      if (mine !== sequence) return;
      const page = options.rows(result.data);
      data.value = result.data;
      rows.value = page.items;
      total.value = page.total;
      failure.value = null;
      loaded.value = true;
      // A page past the end (the last row of the last page was deleted, an old link): show the last one.
      const last = Math.max(1, Math.ceil(page.total / applied.pageSize));
      if (applied.page > last) {
        applied.page = last;
        writeAddress("replace");
      }
    } catch (err) {
      if (mine !== sequence) return;
      failure.value = toFailure(err);
      rows.value = [];
    } finally {
      if (mine === sequence) loading.value = false;
    }
  }

  // Whatever the variables read (the filter, the page, a report id in the address) reloads the list.
  watch(
    () =>
      options.enabled && !options.enabled()
        ? null
        : JSON.stringify(options.variables(applied.filter, { page: applied.page, pageSize: applied.pageSize })),
    (now) => now !== null && void load(),
    { immediate: true },
  );

  const filtered = computed(() =>
    fields.some(
      (f) => JSON.stringify((applied.filter as Record<string, unknown>)[f.key]) !== JSON.stringify(initialValue(f)),
    ),
  );
  const state = computed<ListState>(() => {
    if (rows.value.length) return "ready";
    if (loading.value || (!loaded.value && !failure.value)) return "loading";
    return failure.value ? "failed" : "empty";
  });
  const emptyText = computed(() =>
    typeof options.empty === "string"
      ? options.empty
      : options.empty({ filtered: filtered.value, filter: applied.filter }),
  );

  // ---- what the page and the list component call ----
  function validate(): boolean {
    for (const k of Object.keys(fieldErrors)) delete fieldErrors[k];
    for (const f of fields) {
      if (f.kind !== "idNumber") continue;
      const id = String((draft as Record<string, unknown>)[f.key] ?? "").trim();
      // A full number is sent as typed (the server answers "no match" for a wrong one); a partial one is not.
      if (id && id.length !== 15 && id.length !== 18)
        fieldErrors[f.key] = idNumberProblem(id) ?? "请输入15位或18位身份证号码";
    }
    return Object.keys(fieldErrors).length === 0;
  }

  /** 查询: the inputs' values become the list's (from page 1); the same filter again reloads. */
  function search() {
    if (!validate()) return;
    const next = JSON.parse(JSON.stringify(draft)) as Values;
    for (const f of fields)
      if (f.kind === "text" || f.kind === "idNumber")
        (next as Record<string, unknown>)[f.key] = String((next as Record<string, unknown>)[f.key]).trim();
    if (JSON.stringify(next) === JSON.stringify(applied.filter) && applied.page === 1) {
      void load();
      return;
    }
    applied.filter = next;
    applied.page = 1;
    syncDraft();
    writeAddress("push");
  }

  /** Sets some filters at once, from page 1 (a tab, a count that filters, a radio group). */
  function apply(values: Partial<Values>) {
    Object.assign(draft, values);
    applied.filter = { ...applied.filter, ...values };
    applied.page = 1;
    writeAddress("push");
  }

  /** 重置: every filter of the form back to its initial value (a view the page draws, a tab, stays). */
  function reset() {
    const kept = Object.fromEntries(
      fields.filter((f) => f.hidden === true).map((f) => [f.key, (applied.filter as Record<string, unknown>)[f.key]]),
    );
    Object.assign(draft, initial(), kept);
    search();
  }

  function setPage(page: number) {
    if (page === applied.page) return;
    // The pager clamps by itself when the total shrinks: that is a correction, not a step to go back to.
    const last = Math.max(1, Math.ceil(total.value / applied.pageSize));
    const clamp = loaded.value && applied.page > last && page === last;
    applied.page = page;
    writeAddress(clamp ? "replace" : "push");
  }

  function setPageSize(size: number) {
    if (size === applied.pageSize) return;
    applied.pageSize = size;
    applied.page = 1;
    writeAddress("push");
  }

  // ---- selection (the rows ticked on this page, for batch actions) ----
  const selection = shallowRef<Row[]>([]);
  watch(rows, (now) => {
    const present = new Set(now.map(rowKey));
    selection.value = selection.value.filter((r) => present.has(rowKey(r)));
  });

  /** 序号 of a row on this page. */
  const rowNumber = (index: number) => (applied.page - 1) * applied.pageSize + index + 1;

  const isEmpty = (key: keyof Values & string) => isEmptyValue((applied.filter as Record<string, unknown>)[key]);

  const model = {
    fields,
    draft: draft as Record<string, unknown>,
    fieldErrors,
    page: computed(() => applied.page),
    pageSize: computed(() => applied.pageSize),
    rows,
    total,
    loaded,
    loading,
    failure,
    state,
    filtered,
    emptyText,
    selection,
    rowKey,
    rowNumber,
    search,
    reset,
    setPage,
    setPageSize,
    reload: load,
    options: (field: FilterField) => (field.kind === "enum" ? toValue(field.options) : []),
  } satisfies ListModel<Row>;

  return {
    ...model,
    /** The filter the list was asked for (change it with `apply`, or through the inputs). */
    applied: computed(() => applied.filter as Readonly<Values>),
    /** The whole last answer (for what the document asks beside the rows: tab counts …). */
    data,
    apply,
    isEmpty,
  };
}

/** What the list component needs of a list (whatever its filter schema). */
export interface ListModel<Row> {
  fields: readonly FilterField[];
  draft: Record<string, unknown>;
  fieldErrors: Record<string, string>;
  page: Readonly<Ref<number>>;
  pageSize: Readonly<Ref<number>>;
  rows: Readonly<Ref<readonly Row[]>>;
  total: Readonly<Ref<number>>;
  loaded: Readonly<Ref<boolean>>;
  loading: Readonly<Ref<boolean>>;
  failure: Readonly<Ref<AppFailure | null>>;
  state: Readonly<Ref<ListState>>;
  filtered: Readonly<Ref<boolean>>;
  emptyText: Readonly<Ref<string>>;
  selection: Ref<Row[]>;
  rowKey: (row: Row) => string | number;
  rowNumber: (index: number) => number;
  search: () => void;
  reset: () => void;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
  reload: () => Promise<void>;
  options: (field: FilterField) => readonly { value: string | number; label: string }[];
}
