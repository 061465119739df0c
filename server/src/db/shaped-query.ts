import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { readStatement } from "./read-statement";

/** What filter code calls to narrow a statement: joins and conditions with TypeORM's named parameters. */
export interface FilterTarget {
  andWhere(condition: string, parameters?: ObjectLiteral): unknown;
  innerJoin(entity: EntityTarget<ObjectLiteral>, alias: string, condition: string): unknown;
}

type Step = { where: string } | { join: EntityTarget<ObjectLiteral>; alias: string; on: string };

const entityName = (target: EntityTarget<ObjectLiteral>) =>
  typeof target === "function" ? target.name : typeof target === "string" ? target : String(target);

const texts = new WeakMap<DataSource, Map<string, string>>();

/** Forgets the SQL texts built for `ds` (the benchmark measures the lever with and without them). */
export function forgetShapedSql(ds: DataSource): void {
  texts.delete(ds);
}

/**
 * A statement's joins and conditions, recorded per request instead of built. The sequence of joins and condition
 * texts — which filters are present, the caller's kind of scope — is the statement's shape: TypeORM's query builder
 * turns a shape into SQL the first time it is seen, and every later request of that shape only binds its values
 * (the driver's own named-parameter escaping, so `:...list` still expands to the list's length). The builder's
 * per-request work was the largest single cost of the 考核进度 page in Node (bench, statements section).
 */
export class ShapedQuery<T extends ObjectLiteral> implements FilterTarget {
  private readonly steps: Step[] = [];
  private readonly parameters: ObjectLiteral = {};
  private shape: string;

  constructor(
    private readonly ds: DataSource,
    private readonly root: EntityTarget<T>,
    private readonly alias: string,
  ) {
    this.shape = `${entityName(root)} ${alias}`;
  }

  andWhere(condition: string, parameters?: ObjectLiteral): this {
    this.steps.push({ where: condition });
    this.shape += `\nW ${condition}`;
    if (parameters) Object.assign(this.parameters, parameters);
    return this;
  }

  innerJoin(entity: EntityTarget<ObjectLiteral>, alias: string, on: string): this {
    this.steps.push({ join: entity, alias, on });
    this.shape += `\nJ ${entityName(entity)} ${alias} ${on}`;
    return this;
  }

  /**
   * One statement over the recorded shape: `finish` adds what the statement selects and how it orders (it must not
   * depend on values: those go in `parameters`); `variant` names it, and with the shape keys its SQL text.
   * `tail` is SQL appended to the builder's (e.g. a LIMIT with named parameters, so page size and offset are bound
   * values rather than part of the text). Returns the SQL with the driver's placeholders and the values in order.
   */
  statement(
    variant: string,
    finish: (qb: SelectQueryBuilder<T>) => SelectQueryBuilder<T>,
    parameters: ObjectLiteral = {},
    tail = "",
  ): [string, unknown[]] {
    let byKey = texts.get(this.ds);
    if (!byKey) texts.set(this.ds, (byKey = new Map()));
    const key = `${variant}\n${tail}\n${this.shape}`;
    let text = byKey.get(key);
    if (text === undefined) {
      text = finish(this.build()).getQuery() + tail;
      byKey.set(key, text);
    }
    return this.ds.driver.escapeQueryWithParameters(text, { ...this.parameters, ...parameters });
  }

  /** COUNT of the root's distinct rows (what the query builder's getCount counts). */
  async count(): Promise<number> {
    const key = this.ds.getMetadata(this.root).primaryColumns[0].propertyName;
    const [sql, params] = this.statement("count", (b) => b.select(`COUNT(DISTINCT ${this.alias}.${key})`, "cnt"));
    const rows = await readStatement<{ cnt: unknown }>(this.ds, sql, params);
    return Number(rows[0]?.cnt ?? 0);
  }

  private build(): SelectQueryBuilder<T> {
    const qb = this.ds.getRepository(this.root).createQueryBuilder(this.alias);
    for (const step of this.steps) {
      if ("where" in step) qb.andWhere(step.where);
      else qb.innerJoin(this.ds.getMetadata(step.join).target, step.alias, step.on);
    }
    return qb;
  }
}
