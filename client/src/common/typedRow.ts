/**
 * el-table's slot props type `row` loosely (DefaultRow); `const dept = typedRow<Department>()` lets a
 * template hand the row on with its real type: `remove(dept(row))`.
 */
export const typedRow =
  <T>() =>
  (row: unknown): T =>
    row as T;
