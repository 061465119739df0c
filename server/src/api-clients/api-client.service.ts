import { audit } from "../audit/audit";
import { requirePrincipal, type ApiPermission, type Principal } from "../common/auth";
import { badInput, invalidState, notFound } from "../common/errors";
import { offsetOf, type Page, type PageArgs } from "../common/pagination";
import type { Context } from "../context";
import { Like } from "typeorm";
import { inTransaction } from "../db/transaction";
import { hashToken, newToken } from "../accounts/principal";
import { Region, regionPrefix } from "../regions/region.entity";
import { ApiClient } from "./api-client.entity";

export interface NewApiClient {
  name: string;
  regionCode: string;
  permissions: ApiPermission[];
  expiresInDays: number | null;
}

const insideJurisdiction = (p: Principal, code: string) =>
  !!p.regionCode && !!p.regionLevel && code.startsWith(regionPrefix(p.regionCode, p.regionLevel));

/** The clients scoped inside the caller's province (another province's clients are not its business). */
export function listApiClients(ctx: Context): Promise<ApiClient[]> {
  const where = scopeOf(requirePrincipal(ctx));
  return where ? ctx.ds.getRepository(ApiClient).find({ where, order: { id: "ASC" } }) : Promise.resolve([]);
}

/** The same clients a page at a time, the newest first (a client just created is on the first page). */
export async function listApiClientPage(ctx: Context, args: PageArgs): Promise<Page<ApiClient>> {
  const where = scopeOf(requirePrincipal(ctx));
  const [items, total] = where
    ? await ctx.ds
        .getRepository(ApiClient)
        .findAndCount({ where, order: { id: "DESC" }, skip: offsetOf(args), take: args.pageSize })
    : [[], 0];
  return { items, total, page: args.page, pageSize: args.pageSize };
}

const scopeOf = (p: Principal) =>
  p.regionCode && p.regionLevel ? { regionCode: Like(`${regionPrefix(p.regionCode, p.regionLevel)}%`) } : null;

/** Only the provincial administration creates clients, scoped to a region of its province. */
export async function createApiClient(
  ctx: Context,
  input: NewApiClient,
): Promise<{ client: ApiClient; token: string }> {
  const p = requirePrincipal(ctx);
  const name = input.name.trim();
  if (!name) throw badInput("请填写客户端名称", "name");
  const region = await ctx.ds.getRepository(Region).findOneBy({ code: input.regionCode });
  if (!region || !insideJurisdiction(p, region.code)) {
    throw badInput("行政区划不存在或不在本辖区", "regionCode");
  }
  const token = `pa_${newToken(32)}`;
  const now = new Date();
  return inTransaction(ctx.ds, async (em) => {
    const client = await em.save(
      em.create(ApiClient, {
        name,
        tokenHash: hashToken(token),
        tokenPrefix: token.slice(0, 10),
        regionCode: region.code,
        regionLevel: region.level,
        permissions: [...new Set(input.permissions)],
        createdByAccountId: p.id,
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86400_000) : null,
        revokedAt: null,
        lastUsedAt: null,
      }),
    );
    await audit(em, ctx, {
      action: "api-client.create",
      targetType: "ApiClient",
      targetId: client.id,
      detail: { name, regionCode: region.code, permissions: client.permissions },
    });
    return { client, token };
  });
}

export async function revokeApiClient(ctx: Context, id: number): Promise<ApiClient> {
  const p = requirePrincipal(ctx);
  return inTransaction(ctx.ds, async (em) => {
    const client = await em.findOneBy(ApiClient, { id });
    if (!client || !insideJurisdiction(p, client.regionCode)) throw notFound("接口客户端");
    if (client.revokedAt) throw invalidState("该客户端已吊销");
    await em.update(ApiClient, { id }, { revokedAt: new Date() });
    await audit(em, ctx, { action: "api-client.revoke", targetType: "ApiClient", targetId: id });
    return em.findOneByOrFail(ApiClient, { id });
  });
}
