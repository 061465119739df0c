import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min } from "class-validator";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { ApiPermission, Role, requirePrincipal } from "../common/auth";
import { PageArgs, PageOf } from "../common/pagination";
import type { Context } from "../context";
import { ApiClient } from "./api-client.entity";
import { createApiClient, listApiClientPage, listApiClients, revokeApiClient } from "./api-client.service";
import { ApiClientRateLimit, rateLimitState } from "./rate-limit-state";

@InputType({ description: "新建接口客户端 (a new API client)" })
class ApiClientInput {
  @Field({ description: "名称，如 自治区医师注册系统 (name)" })
  @MaxLength(128, { message: "名称不能超过128个字" })
  name: string;

  @Field({ description: "可读取的行政区划代码：省、市或县 (region the client may read)" })
  regionCode: string;

  @Field(() => [ApiPermission], {
    defaultValue: [],
    description: "写权限；为空则只读 (write permissions; empty = read-only)",
  })
  @ArrayMaxSize(5)
  permissions: ApiPermission[];

  @Field(() => Int, {
    nullable: true,
    description: "有效天数；为空则长期有效 (days until it expires; null = no expiry)",
  })
  @IsOptional()
  @IsInt()
  @Min(1, { message: "有效天数至少为 1" })
  @Max(3650, { message: "有效天数不能超过 3650" })
  expiresInDays?: number | null;
}

@ObjectType({ description: "新建的接口客户端及其令牌；令牌只显示这一次 (the new client and its token, shown once)" })
class CreatedApiClient {
  @Field(() => ApiClient)
  client: ApiClient;

  @Field({
    description:
      "访问令牌：请求头 Authorization: Bearer <token>；系统只保存其摘要，遗失须重新创建 (the bearer token; only its hash is kept)",
  })
  token: string;
}

const ApiClientPage = PageOf(ApiClient, "ApiClientPage", "接口客户端分页列表 (a page of API clients)");

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @FieldResolver(() => ApiClientRateLimit, {
    description: "本分钟的限流状态：上限、已用、重置时间 (rate limit now: limit, used, reset time)",
  })
  rateLimit(@Root() client: ApiClient, @Ctx() ctx: Context): Promise<ApiClientRateLimit> {
    return rateLimitState(ctx, client);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Query(() => [ApiClient], { description: "接口客户端列表（省级卫生行政部门） (API clients)" })
  apiClients(@Ctx() ctx: Context) {
    return listApiClients(ctx);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Query(() => ApiClientPage, {
    description: "接口客户端分页列表，最新创建的在前（省级卫生行政部门） (API clients, newest first, a page at a time)",
  })
  apiClientPage(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return listApiClientPage(ctx, page);
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => CreatedApiClient, {
    description: "创建接口客户端，返回只显示一次的令牌 (create an API client; the token is shown once)",
  })
  async createApiClient(@Arg("input") input: ApiClientInput, @Ctx() ctx: Context): Promise<CreatedApiClient> {
    return createApiClient(ctx, { ...input, expiresInDays: input.expiresInDays ?? null });
  }

  @Authorized(Role.PROVINCIAL_ADMIN)
  @Mutation(() => ApiClient, {
    description: "吊销接口客户端，其令牌立即失效 (revoke a client; its token stops working at once)",
  })
  revokeApiClient(@Arg("id", () => Int, { description: "客户端 ID (client id)" }) id: number, @Ctx() ctx: Context) {
    return revokeApiClient(ctx, id);
  }

  @Authorized(Role.API_CLIENT)
  @Query(() => ApiClient, { description: "当前接口客户端（用于自检令牌与权限） (the calling API client)" })
  async apiClientMe(@Ctx() ctx: Context) {
    return ctx.ds.getRepository(ApiClient).findOneByOrFail({ id: requirePrincipal(ctx).id });
  }
}
