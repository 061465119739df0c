import DataLoader from "dataloader";
import { In, IsNull } from "typeorm";
import type { LoaderDefinition } from "../common/loaders";
import { inKeyOrder } from "../common/loaders";
import { Physician } from "../physicians/physician.entity";
import { Department } from "./department.entity";

/**
 * A department's name alone: what a list row shows. List statements join the name in and prime this loader
 * (a row's department then costs two columns, not seven with a JSON column to parse).
 */
export const departmentNameById: LoaderDefinition<number, string | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(
      ids,
      await ds.getRepository(Department).find({ where: { id: In([...ids]) }, select: { id: true, name: true } }),
      (d) => d.id,
    ).map((d) => d?.name ?? null),
  );

export const departmentById: LoaderDefinition<number, Department | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(ids, await ds.getRepository(Department).findBy({ id: In([...ids]) }), (d) => d.id),
  );

/** Physicians per department in one GROUP BY for a whole page of departments. */
export const physicianCountByDepartment: LoaderDefinition<number, number> = (ds) =>
  new DataLoader(async (ids) => {
    const rows: { departmentId: number; n: string | number }[] = await ds
      .getRepository(Physician)
      .createQueryBuilder("p")
      .select("p.departmentId", "departmentId")
      .addSelect("COUNT(*)", "n")
      .where({ departmentId: In([...ids]), deletedAt: IsNull() })
      .groupBy("p.departmentId")
      .getRawMany();
    const counts = new Map(rows.map((r) => [Number(r.departmentId), Number(r.n)]));
    return ids.map((id) => counts.get(id) ?? 0);
  });
