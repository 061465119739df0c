import type { EntityManager } from "typeorm";
import { referenceLists } from "../catalogs/catalog";
import { Region, RegionLevel } from "../regions/region.entity";

/** A few real districts per city (GB/T 2260), enough for demo institutions; cities come from the catalog. */
export const DEMO_COUNTIES: Record<string, [string, string][]> = {
  "450100": [
    ["450102", "兴宁区"],
    ["450103", "青秀区"],
    ["450105", "江南区"],
    ["450107", "西乡塘区"],
  ],
  "450200": [
    ["450202", "城中区"],
    ["450203", "鱼峰区"],
    ["450204", "柳南区"],
  ],
  "450300": [
    ["450302", "秀峰区"],
    ["450303", "叠彩区"],
    ["450304", "象山区"],
  ],
};

/** Inserts the province, its cities and the demo districts unless present (idempotent). */
export async function ensureRegions(em: EntityManager): Promise<void> {
  const rows: Region[] = [
    {
      code: referenceLists.provinceCode,
      name: referenceLists.provinceName,
      level: RegionLevel.PROVINCE,
      parentCode: null,
    },
    ...referenceLists.guangxiCities.map((c) => ({
      code: c.code,
      name: c.name,
      level: RegionLevel.CITY,
      parentCode: referenceLists.provinceCode,
    })),
    ...Object.entries(DEMO_COUNTIES).flatMap(([city, counties]) =>
      counties.map(([code, name]) => ({ code, name, level: RegionLevel.COUNTY, parentCode: city })),
    ),
  ];
  await em.createQueryBuilder().insert().into(Region).values(rows).orIgnore().execute();
}
