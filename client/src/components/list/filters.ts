import type { MaybeRefOrGetter } from "vue";

/**
 * A list's filter form as data: one field per filter, typed by what it holds. The list component draws
 * the inputs, the list composable keeps the values in the address (?name=…&status=…) and hands them,
 * typed, to the page's `variables` function.
 */
interface FieldBase<K extends string> {
  key: K;
  label: string;
  placeholder?: string;
  /** Input width in px. */
  width?: number;
  /**
   * Kept in the address and in the query, but not drawn in the form: the page draws it (tabs, count
   * pills, radio groups), or it applies only to some values of the others (考核状态 on one tab).
   */
  hidden?: boolean | ((values: Record<string, unknown>) => boolean);
}

/** Free text (姓名, 科室名称 …); applied on 查询 / Enter. */
export interface TextField<K extends string = string> extends FieldBase<K> {
  kind: "text";
  maxLength?: number;
}

/** 身份证号码: a 15- or 18-character number, checked before anything is sent. */
export interface IdNumberField<K extends string = string> extends FieldBase<K> {
  kind: "idNumber";
}

export interface Option<V extends string | number> {
  value: V;
  label: string;
}

/** One of a list of choices (考核状态 with the workflow's labels, 考核程序, 试卷 …); applied on change. */
export interface EnumField<
  K extends string = string,
  V extends string | number = string | number,
> extends FieldBase<K> {
  kind: "enum";
  options: MaybeRefOrGetter<readonly Option<V>[]>;
  /** Numbers in the address are read back as numbers. */
  numeric?: boolean;
  /** The value when nothing was chosen (the default view; 重置 returns here). "" = every value. */
  initial?: V | "";
  /** Offer "全部" as an option instead of a clear button (a filter whose default is not "all"). */
  allOption?: boolean;
  filterable?: boolean;
}

/** 科室: the institution's departments (disabled ones too, marked), loaded by the input itself. */
export interface DepartmentField<K extends string = string> extends FieldBase<K> {
  kind: "department";
}

/**
 * One of too many choices to load at once (所在机构 of an assessor with a thousand institutions): typing
 * searches the server, which answers with the first page of matches; the value is the chosen id.
 */
export interface RemoteField<K extends string = string> extends FieldBase<K> {
  kind: "remote";
  /** The first page of choices whose label contains `text` ("" = the first page of all). */
  search: (text: string) => Promise<readonly Option<number>[]>;
  /** The label of a value read back from the address (null: no longer a choice). */
  labelOf: (value: number) => Promise<string | null>;
}

/** Where a remote field's choices come from. */
export type ChoiceSource = Pick<RemoteField, "search" | "labelOf">;

/** 省 / 市 / 县（区）: any level; the value is the chosen region's code. */
export interface RegionField<K extends string = string> extends FieldBase<K> {
  kind: "region";
  /** Only the signed-in administration's own region and below are offered. */
  own?: boolean;
}

/** A range of days, both ends included (YYYY-MM-DD). */
export interface DateRangeField<K extends string = string> extends FieldBase<K> {
  kind: "dateRange";
}

export type FilterField =
  | TextField
  | IdNumberField
  | EnumField<string, string>
  | EnumField<string, number>
  | DepartmentField
  | RemoteField
  | RegionField
  | DateRangeField;

export type DateRange = [from: string, to: string];

type ValueOf<F> =
  F extends EnumField<string, infer V>
    ? V | ""
    : F extends DepartmentField | RemoteField
      ? number | ""
      : F extends DateRangeField
        ? DateRange | null
        : string;

/** The values of a filter schema, by key: `FilterValues<typeof rosterFilters>`. */
export type FilterValues<S extends readonly FilterField[]> = { [F in S[number] as F["key"]]: ValueOf<F> };

/** Builders: the key's literal type flows into FilterValues. */
export const filter = {
  text: <K extends string>(key: K, label: string, options: Partial<Omit<TextField<K>, "kind" | "key">> = {}) =>
    ({ kind: "text", key, label, ...options }) as TextField<K>,
  /** 姓名, the first filter of most lists. */
  name: (options: Partial<Omit<TextField<"name">, "kind" | "key">> = {}) =>
    ({
      kind: "text",
      key: "name",
      label: "姓名",
      placeholder: "姓名",
      width: 130,
      maxLength: 50,
      ...options,
    }) as TextField<"name">,
  idNumber: (options: Partial<Omit<IdNumberField<"idNumber">, "kind" | "key">> = {}) =>
    ({
      kind: "idNumber",
      key: "idNumber",
      label: "身份证号码",
      placeholder: "15 位或 18 位",
      width: 180,
      ...options,
    }) as IdNumberField<"idNumber">,
  enum: <K extends string, V extends string>(
    key: K,
    label: string,
    options: MaybeRefOrGetter<readonly Option<V>[]>,
    more: Partial<Omit<EnumField<K, V>, "kind" | "key" | "options" | "numeric">> = {},
  ) => ({ kind: "enum", key, label, options, ...more }) as EnumField<K, V>,
  numberEnum: <K extends string, V extends number>(
    key: K,
    label: string,
    options: MaybeRefOrGetter<readonly Option<V>[]>,
    more: Partial<Omit<EnumField<K, V>, "kind" | "key" | "options" | "numeric">> = {},
  ) => ({ kind: "enum", key, label, options, numeric: true, ...more }) as EnumField<K, V>,
  department: (options: Partial<Omit<DepartmentField<"departmentId">, "kind" | "key">> = {}) =>
    ({
      kind: "department",
      key: "departmentId",
      label: "科室",
      width: 150,
      ...options,
    }) as DepartmentField<"departmentId">,
  remote: <K extends string>(
    key: K,
    label: string,
    source: Pick<RemoteField<K>, "search" | "labelOf">,
    more: Partial<Omit<RemoteField<K>, "kind" | "key" | "search" | "labelOf">> = {},
  ) => ({ kind: "remote", key, label, ...source, ...more }) as RemoteField<K>,
  /** 所在机构 across many institutions (an assessment institution's), searched by name. */
  institution: (source: ChoiceSource) => filter.remote("institutionId", "所在机构", source, { width: 220 }),
  region: <K extends string>(key: K, label = "地区", options: Partial<Omit<RegionField<K>, "kind" | "key">> = {}) =>
    ({ kind: "region", key, label, width: 240, ...options }) as RegionField<K>,
  dateRange: <K extends string>(
    key: K,
    label: string,
    options: Partial<Omit<DateRangeField<K>, "kind" | "key">> = {},
  ) => ({ kind: "dateRange", key, label, width: 260, ...options }) as DateRangeField<K>,
};

/** The value a field holds when nothing was chosen. */
export function initialValue(field: FilterField): unknown {
  if (field.kind === "enum") return field.initial ?? "";
  if (field.kind === "dateRange") return null;
  return "";
}

export const isEmptyValue = (v: unknown) => v === "" || v === null || v === undefined;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The address form of a value: absent when it is the field's initial value; "" (present, empty) when
 * the user cleared a filter whose default is not "all" (監考管理's 相似度 below 40%).
 */
export function toQueryValue(field: FilterField, value: unknown): string | undefined {
  const initial = initialValue(field);
  if (JSON.stringify(value) === JSON.stringify(initial)) return undefined;
  if (isEmptyValue(value)) return "";
  if (field.kind === "dateRange") return (value as DateRange).join("~");
  return String(value);
}

/** Reads a value back from the address; anything malformed is the initial value. */
export function fromQueryValue(field: FilterField, raw: unknown): unknown {
  const initial = initialValue(field);
  if (typeof raw !== "string") return initial;
  const s = raw.trim();
  if (s === "") return field.kind === "dateRange" ? null : "";
  switch (field.kind) {
    case "text":
      return s.slice(0, field.maxLength ?? 100);
    case "idNumber":
      return s.slice(0, 18);
    case "region":
      return /^\d{6}$/.test(s) ? s : initial;
    case "department":
    case "remote": {
      const n = Number(s);
      return Number.isInteger(n) && n > 0 ? n : initial;
    }
    case "dateRange": {
      const [from, to] = s.split("~");
      return DAY.test(from ?? "") && DAY.test(to ?? "") && from <= to ? [from, to] : initial;
    }
    case "enum": {
      if (!field.numeric) return s;
      const n = Number(s);
      return Number.isFinite(n) ? n : initial;
    }
  }
}
