import { Column, type ColumnOptions } from "typeorm";

/**
 * A timestamp with millisecond precision, always written by the application (never a database
 * default), so MySQL session time zones and SQLite's second-precision defaults cannot skew it.
 */
export const DateTimeColumn = (options: Omit<ColumnOptions, "type" | "precision"> = {}) =>
  Column({ type: "datetime", precision: 3, ...options });

/** A calendar date stored as 'YYYY-MM-DD' text in both databases (no time-zone conversions). */
export const DateOnlyColumn = (options: Omit<ColumnOptions, "type" | "length"> = {}) =>
  Column({ type: "varchar", length: 10, ...options });
