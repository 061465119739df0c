import DataLoader from "dataloader";
import { In } from "typeorm";
import { groupedInKeyOrder, type LoaderDefinition } from "../common/loaders";
import { Attachment } from "./attachment.entity";

const definitions = new Map<string, LoaderDefinition<number, Attachment[]>>();

/** Attachments of many owners of one type in one query (e.g. every application on a page). */
export function attachmentsOf(ownerType: string): LoaderDefinition<number, Attachment[]> {
  let def = definitions.get(ownerType);
  if (!def) {
    def = (ds) =>
      new DataLoader(async (ownerIds) => {
        const rows = await ds
          .getRepository(Attachment)
          .find({ where: { ownerType, ownerId: In([...ownerIds]) }, order: { id: "ASC" } });
        return groupedInKeyOrder(ownerIds, rows, (a) => a.ownerId);
      });
    definitions.set(ownerType, def);
  }
  return def;
}
