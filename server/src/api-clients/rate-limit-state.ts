import DataLoader from "dataloader";
import { Field, Int, ObjectType } from "type-graphql";
import { In } from "typeorm";
import type { LoaderDefinition } from "../common/loaders";
import type { Context } from "../context";
import type { ApiClient } from "./api-client.entity";
import { RateLimitBucket } from "./rate-limit.entity";
import { clientKey, WINDOW_MS } from "./rate-limit";

@ObjectType({ description: "接口客户端本分钟的限流状态 (a client's rate limit in the current minute)" })
export class ApiClientRateLimit {
  @Field(() => Int, { description: "每分钟请求上限（本客户端的或系统默认值） (effective limit per minute)" })
  limitPerMinute: number;

  @Field(() => Int, { description: "本分钟已用请求数 (requests counted in the current minute)" })
  usedThisMinute: number;

  @Field(() => Date, { description: "计数重置时间（本分钟结束） (when the count starts again)" })
  resetsAt: Date;

  @Field({ description: "本分钟是否已达上限，至 resetsAt 前的请求返回 RATE_LIMITED (at the limit until resetsAt)" })
  limited: boolean;
}

/** The current window's count of each client, one query for a page of clients (a window is one row per key). */
const currentCounts: LoaderDefinition<number, number> = (ds) =>
  new DataLoader(async (ids) => {
    const windowStart = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS;
    const rows = await ds.getRepository(RateLimitBucket).findBy({ key: In(ids.map(clientKey)), windowStart });
    const byKey = new Map(rows.map((r) => [r.key, r.count]));
    return ids.map((id) => byKey.get(clientKey(id)) ?? 0);
  });

export async function rateLimitState(ctx: Context, client: ApiClient): Promise<ApiClientRateLimit> {
  const used = await ctx.loaders.get(currentCounts).load(client.id);
  const limit = client.rateLimitPerMinute ?? ctx.config.rateLimitPerMinute;
  const windowStart = Math.floor(Date.now() / WINDOW_MS) * WINDOW_MS;
  return {
    limitPerMinute: limit,
    usedThisMinute: used,
    resetsAt: new Date(windowStart + WINDOW_MS),
    limited: used >= limit,
  };
}
