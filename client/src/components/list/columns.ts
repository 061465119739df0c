import type { Component } from "vue";
import { formatDateTime, formatDay } from "@/common/format";
import { GENDER, STATUS_TAG, type TagType } from "@/common/labels";
import type { ApplicationStatus, Gender } from "@/gql/graphql";

/**
 * A list's columns as data, typed by what they show; the list component draws each kind the same way
 * everywhere (masked ID numbers in one width, workflow statuses as tags with the API's labels, "—" for
 * nothing). `slot` columns are drawn by the page: `<template #cell-<key>="{ row }">`.
 */
interface ColumnBase {
  /** Names the column: `data-test="cell-<key>"` on its content, and the slot of a `slot` column. */
  key: string;
  label: string;
  width?: number;
  minWidth?: number;
  align?: "left" | "center" | "right";
}

export interface TextColumn<Row> extends ColumnBase {
  kind: "text";
  value: (row: Row) => string | number | null | undefined;
  /** A second, smaller line under the value (a time under an action …). */
  sub?: (row: Row) => string | null | undefined;
  strong?: boolean;
  /** One line, cut with a tooltip when too long. */
  ellipsis?: boolean;
}

/** A value that opens the row (姓名 → 详情 / 审核). */
export interface LinkColumn<Row> extends ColumnBase {
  kind: "link";
  value: (row: Row) => string;
  onClick: (row: Row) => unknown;
}

/** An ID number as the API sends it to lists (masked: 4501**********1234). */
export interface IdNumberColumn<Row> extends ColumnBase {
  kind: "idNumber";
  value: (row: Row) => string | null | undefined;
}

/** A state with its label and colour (考核状态 with the workflow's labels, 执业状态, 测评状态 …). */
export interface EnumColumn<Row> extends ColumnBase {
  kind: "enum";
  value: (row: Row) => { label: string; tag: TagType } | null | undefined;
  plain?: boolean;
}

export interface DateColumn<Row> extends ColumnBase {
  kind: "date" | "dateTime";
  value: (row: Row) => string | null | undefined;
}

/** 科室 (or any organisational unit by name): "—" when none, cut with a tooltip. */
export interface DepartmentColumn<Row> extends ColumnBase {
  kind: "department";
  value: (row: Row) => string | null | undefined;
}

/** 地区: a region's name (or its full path). */
export interface RegionColumn<Row> extends ColumnBase {
  kind: "region";
  value: (row: Row) => string | null | undefined;
}

export interface SlotColumn extends ColumnBase {
  kind: "slot";
}

export type Column<Row> =
  | TextColumn<Row>
  | LinkColumn<Row>
  | IdNumberColumn<Row>
  | EnumColumn<Row>
  | DateColumn<Row>
  | DepartmentColumn<Row>
  | RegionColumn<Row>
  | SlotColumn;

type Sizing = Partial<Pick<ColumnBase, "width" | "minWidth" | "align">>;

/** Builders for the usual columns; `Row` is fixed once per list: `const col = columns<RosterRowFragment>()`. */
export function columns<Row>() {
  return {
    text: (
      key: string,
      label: string,
      value: TextColumn<Row>["value"],
      more: Sizing & Partial<Pick<TextColumn<Row>, "sub" | "strong" | "ellipsis">> = {},
    ): TextColumn<Row> => ({ kind: "text", key, label, value, minWidth: 90, ...more }),
    link: (
      key: string,
      label: string,
      value: LinkColumn<Row>["value"],
      onClick: LinkColumn<Row>["onClick"],
      more: Sizing = {},
    ): LinkColumn<Row> => ({
      kind: "link",
      key,
      label,
      value,
      onClick,
      minWidth: 80,
      ...more,
    }),
    /** 姓名 in bold (or as a link that opens the row). */
    name: (value: (row: Row) => string, onClick?: (row: Row) => unknown, more: Sizing = {}): Column<Row> =>
      onClick
        ? { kind: "link", key: "name", label: "姓名", value, onClick, minWidth: 80, ...more }
        : { kind: "text", key: "name", label: "姓名", value, strong: true, minWidth: 80, ...more },
    gender: (value: (row: Row) => Gender): TextColumn<Row> => ({
      kind: "text",
      key: "gender",
      label: "性别",
      value: (row) => GENDER[value(row)],
      width: 56,
      align: "center",
    }),
    idNumber: (value: IdNumberColumn<Row>["value"], more: Sizing & { label?: string } = {}): IdNumberColumn<Row> => ({
      kind: "idNumber",
      key: "idNumber",
      label: "身份证号码",
      value,
      width: 176,
      ...more,
    }),
    enum: (
      key: string,
      label: string,
      value: EnumColumn<Row>["value"],
      more: Sizing & { plain?: boolean } = {},
    ): EnumColumn<Row> => ({
      kind: "enum",
      key,
      label,
      value,
      minWidth: 96,
      ...more,
    }),
    /** 考核状态: the API's label (with its 被驳回 variants), the console's colour. */
    workflowStatus: (
      value: (row: Row) => { status: ApplicationStatus; statusLabel: string } | null | undefined,
      more: Sizing & { key?: string; label?: string } = {},
    ): EnumColumn<Row> => ({
      kind: "enum",
      key: more.key ?? "status",
      label: more.label ?? "考核状态",
      value: (row) => {
        const app = value(row);
        return app ? { label: app.statusLabel, tag: STATUS_TAG[app.status] } : null;
      },
      minWidth: 200,
      ...more,
    }),
    date: (key: string, label: string, value: DateColumn<Row>["value"], more: Sizing = {}): DateColumn<Row> => ({
      kind: "date",
      key,
      label,
      value,
      width: 130,
      ...more,
    }),
    dateTime: (key: string, label: string, value: DateColumn<Row>["value"], more: Sizing = {}): DateColumn<Row> => ({
      kind: "dateTime",
      key,
      label,
      value,
      width: 150,
      ...more,
    }),
    department: (
      value: DepartmentColumn<Row>["value"],
      more: Sizing & { label?: string } = {},
    ): DepartmentColumn<Row> => ({
      kind: "department",
      key: "department",
      label: "科室",
      value,
      minWidth: 100,
      ...more,
    }),
    region: (value: RegionColumn<Row>["value"], more: Sizing & { label?: string } = {}): RegionColumn<Row> => ({
      kind: "region",
      key: "region",
      label: "地区",
      value,
      minWidth: 120,
      ...more,
    }),
    slot: (key: string, label: string, more: Sizing = {}): SlotColumn => ({
      kind: "slot",
      key,
      label,
      minWidth: 100,
      ...more,
    }),
  };
}

/** The text a non-slot column shows for a row ("—" for nothing). */
export function cellText<Row>(column: Exclude<Column<Row>, SlotColumn | EnumColumn<Row>>, row: Row): string {
  const v = column.value(row);
  if (v === null || v === undefined || v === "") return "—";
  if (column.kind === "dateTime") return formatDateTime(String(v));
  if (column.kind === "date") return formatDay(String(v));
  return String(v);
}

/**
 * One thing a row offers (详情, 参加, 删除 …). A button certain to fail is not hidden but disabled, and
 * says why in its tooltip (the server still refuses it).
 */
export interface RowAction<Row> {
  key: string;
  label: string | ((row: Row) => string);
  type?:
    | "primary"
    | "success"
    | "warning"
    | "danger"
    | "info"
    | ((row: Row) => "primary" | "success" | "warning" | "danger" | "info");
  icon?: Component;
  /** A small solid button (the row's main task: 审核) instead of a link. */
  solid?: boolean;
  /** Listed under 更多 rather than in the row. */
  menu?: boolean;
  /** A line above it in the 更多 menu. */
  divided?: boolean;
  visible?: (row: Row) => boolean;
  /** Why the action cannot be done on this row, or nothing when it can. */
  disabled?: (row: Row) => string | false | null | undefined;
  loading?: (row: Row) => boolean;
  onClick: (row: Row) => unknown;
}

/** Why a row cannot be ticked, or nothing when it can (shown on its checkbox). */
export type SelectableRule<Row> = (row: Row) => string | false | null | undefined;
