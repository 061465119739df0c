import DataLoader from "dataloader";
import { In } from "typeorm";
import type { LoaderDefinition } from "../common/loaders";
import { inKeyOrder } from "../common/loaders";
import { HealthAdministration } from "../regions/health-administration.entity";
import { Region } from "../regions/region.entity";
import { Institution } from "./institution.entity";

export const institutionById: LoaderDefinition<number, Institution | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(ids, await ds.getRepository(Institution).findBy({ id: In([...ids]) }), (i) => i.id),
  );

export const administrationById: LoaderDefinition<number, HealthAdministration | null> = (ds) =>
  new DataLoader(async (ids) =>
    inKeyOrder(ids, await ds.getRepository(HealthAdministration).findBy({ id: In([...ids]) }), (a) => a.id),
  );

export const regionByCode: LoaderDefinition<string, Region | null> = (ds) =>
  new DataLoader(async (codes) =>
    inKeyOrder(codes, await ds.getRepository(Region).findBy({ code: In([...codes]) }), (r) => r.code),
  );
