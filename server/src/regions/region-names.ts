import { In, type DataSource } from "typeorm";
import { Region } from "./region.entity";

/**
 * How long a region's name is remembered. Regions are reference data (GB/T 2260): the app never writes them; an
 * operator renames one by SQL when a county becomes a district (撤县设区). A roll-up names every city of the
 * province on each call, so the names are kept rather than joined into every statement (issue 15: the join was a
 * fifth of the database's work per roll-up); a rename shows within this time.
 */
export const REGION_NAME_TTL_MS = 5 * 60_000;

const namesByDataSource = new WeakMap<DataSource, Map<string, { name: string; at: number }>>();

/** The names of these regions (a code with no region is left out). One statement for those not known yet. */
export async function regionNames(ds: DataSource, codes: readonly string[]): Promise<Map<string, string>> {
  let known = namesByDataSource.get(ds);
  if (!known) namesByDataSource.set(ds, (known = new Map()));
  const now = Date.now();
  const missing = codes.filter((code) => !(now - (known.get(code)?.at ?? -Infinity) < REGION_NAME_TTL_MS));
  if (missing.length) {
    const rows = await ds
      .getRepository(Region)
      .find({ where: { code: In(missing) }, select: { code: true, name: true } });
    for (const r of rows) known.set(r.code, { name: r.name, at: now });
  }
  const names = new Map<string, string>();
  for (const code of codes) {
    const hit = known.get(code);
    if (hit) names.set(code, hit.name);
  }
  return names;
}
