import argon2 from "argon2";

/** argon2id with OWASP's baseline cost (19 MiB, 2 passes): slow for attackers, ~20 ms here. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let initialHash: Promise<string> | null = null;
/**
 * The hash of the public initial password 666666, computed once per process and shared by bulk-created
 * accounts (imports of thousands of physicians): it protects nothing secret, and such accounts can do
 * nothing until the password is changed.
 */
export function initialPasswordHash(initialPassword: string): Promise<string> {
  initialHash ??= hashPassword(initialPassword);
  return initialHash;
}

/** A hash to verify against when the user does not exist, so timing does not reveal user names. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("dummy-password-for-timing");
  return dummyHash;
}
