import { hash, verify, type Algorithm } from "@node-rs/argon2";

/**
 * argon2id with the OWASP-recommended baseline (19 MiB, 2 passes, 1 lane).
 * `Algorithm` is an ambient const enum, which isolatedModules cannot inline, so the numeric value
 * is spelled out (Argon2id = 2 in @node-rs/argon2).
 */
const ARGON2ID = 2 as Algorithm.Argon2id;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed sign-in, not a crash.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spend the same argon2 work for unknown users (or users without a password) as for real ones,
 * so response time does not reveal which email addresses or phone numbers have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("muster-dummy-password-never-matches");
  await verifyPassword(await dummyHash, password);
  return false;
}
