import { Arg, Query, Resolver } from "type-graphql";
import { IsNull } from "typeorm";
import type { Context } from "../context";
import { Ctx } from "type-graphql";
import { Region } from "./region.entity";

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => [Region], {
    description:
      "行政区划：不传 parentCode 返回省级，传入则返回其下级 (regions: provinces, or the children of parentCode)",
  })
  regions(
    @Arg("parentCode", () => String, { nullable: true }) parentCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<Region[]> {
    return ctx.ds.getRepository(Region).find({ where: { parentCode: parentCode ?? IsNull() }, order: { code: "ASC" } });
  }
}
