import DataLoader from "dataloader";
import { In, IsNull } from "typeorm";
import type { LoaderDefinition } from "../common/loaders";
import { inKeyOrder } from "../common/loaders";
import { Physician } from "../physicians/physician.entity";
import { Department } from "./department.entity";

/** Every column of a department, for statements that join departments in and prime {@link departmentById}. */
export const DEPARTMENT_COLUMNS = [
  "id",
  "institutionId",
  "name",
  "subjectCodes",
  "enabled",
  "createdAt",
  "updatedAt",
] as const;

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
