import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context";
import { AttemptListItem } from "../exams/exams.resolver";
import { institutionById } from "../institutions/institution.loaders";

/** 测评 across institutions (the assessment institution's and the administrations' lists) names each row's. */
@Resolver(() => AttemptListItem)
export class AttemptFieldsResolver {
  @FieldResolver(() => String, { description: "所在机构名称 (the physician's institution)" })
  async institutionName(@Root() attempt: AttemptListItem, @Ctx() ctx: Context): Promise<string> {
    // One batched lookup per page (DataLoader), whatever the page size.
    return (await ctx.loaders.get(institutionById).load(attempt.institutionId))?.name ?? "";
  }
}
