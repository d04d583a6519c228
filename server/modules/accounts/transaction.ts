import type { Db, PrismaClient } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

/**
 * Options for transactions that may queue behind others on a hot row (offers, proposals, knight dispatch):
 * room to wait for a connection and for row locks instead of Prisma's 2 s / 5 s defaults.
 */
export const CONTENDED_TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;

/**
 * Runs `fn` in one transaction. Given a client, opens one; given a transaction (a test or a caller that
 * already holds one), joins it — so "all or nothing" holds either way.
 */
export async function inTransaction<T>(
  db: Db,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  if ("$transaction" in db) return (db as PrismaClient).$transaction(fn, options);
  return fn(db);
}

/** Which columns a unique violation (P2002) hit, across the classic engine and driver adapters. */
export function uniqueViolationFields(e: unknown): string[] | null {
  if (typeof e !== "object" || e === null || (e as { code?: unknown }).code !== "P2002") return null;
  const meta = (e as { meta?: Record<string, unknown> }).meta ?? {};
  const target = meta.target;
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === "string") return [target];
  // Driver adapters: meta.driverAdapterError.cause.constraint = { fields: [...] } or { index: "..." }.
  const text = JSON.stringify(meta);
  return ["email", "phone", "unified_social_credit_code", "unifiedSocialCreditCode"].filter((f) => text.includes(f));
}
