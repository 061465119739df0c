import type { DataSource } from "typeorm";
import { hashToken, newToken } from "../accounts/principal";
import { ApiClient } from "../api-clients/api-client.entity";
import type { ApiPermission } from "../common/auth";
import { levelOfCode } from "../regions/region.entity";

/** An API client row with a fresh bearer token (tests of machine access). */
export async function createTestApiClient(
  ds: DataSource,
  regionCode: string,
  permissions: ApiPermission[] = [],
  createdByAccountId = 1,
): Promise<{ client: ApiClient; token: string }> {
  const token = `pa_${newToken()}`;
  const client = await ds.getRepository(ApiClient).save({
    name: `测试客户端 ${regionCode}`,
    tokenHash: hashToken(token),
    tokenPrefix: token.slice(0, 10),
    regionCode,
    regionLevel: levelOfCode(regionCode),
    permissions,
    createdByAccountId,
    createdAt: new Date(),
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
  });
  return { client, token };
}
