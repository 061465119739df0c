import { createHmac, timingSafeEqual } from "node:crypto";
import type { Principal } from "../common/auth";

/** Whom a link is issued to: the signed-in account or the API client that asked GraphQL for it. */
export type LinkHolder = Pick<Principal, "type" | "id">;

const holderKey = (h: LinkHolder) => `${h.type}:${h.id}`;

/**
 * Download links are signed, short-lived and bound to the caller they were issued to: GraphQL hands a link only
 * to those who may see the file, and the download route accepts it only from that same caller (its session
 * cookie or bearer token) — a link copied to another institution, or used without signing in, is refused.
 */
export class UrlSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds = 600,
  ) {}

  private mac(id: string, expires: number, holder: LinkHolder): string {
    return createHmac("sha256", this.secret)
      .update(`${id}.${expires}.${holderKey(holder)}`)
      .digest("base64url");
  }

  sign(path: string, id: string, holder: LinkHolder, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + this.ttlSeconds;
    return `${path}?exp=${expires}&sig=${this.mac(id, expires, holder)}`;
  }

  verify(id: string, exp: unknown, sig: unknown, holder: LinkHolder | null, now = Date.now()): boolean {
    const expires = Number(exp);
    if (!holder || !Number.isFinite(expires) || expires * 1000 < now || typeof sig !== "string") return false;
    const expected = Buffer.from(this.mac(id, expires, holder));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
