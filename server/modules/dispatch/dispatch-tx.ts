import type { Db, PrismaClient } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

/** Dispatch transactions wait on the need row lock behind other accepts; give them room. */
export const DISPATCH_TX_OPTIONS = { timeout: 20_000, maxWait: 10_000 } as const;

/** Opens a transaction (with the dispatch options) or joins the caller's. */
export async function dispatchTx<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ("$transaction" in db) return (db as PrismaClient).$transaction(fn, DISPATCH_TX_OPTIONS);
  return fn(db);
}
