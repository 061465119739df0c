import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Download links are signed and short-lived: GraphQL hands a link only to those who may see the
 * file, and the download route checks the signature instead of re-deriving ownership.
 */
export class UrlSigner {
  constructor(
    private readonly secret: string,
    private readonly ttlSeconds = 600,
  ) {}

  private mac(id: string, expires: number): string {
    return createHmac("sha256", this.secret).update(`${id}.${expires}`).digest("base64url");
  }

  sign(path: string, id: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + this.ttlSeconds;
    return `${path}?exp=${expires}&sig=${this.mac(id, expires)}`;
  }

  verify(id: string, exp: unknown, sig: unknown, now = Date.now()): boolean {
    const expires = Number(exp);
    if (!Number.isFinite(expires) || expires * 1000 < now || typeof sig !== "string") return false;
    const expected = Buffer.from(this.mac(id, expires));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
