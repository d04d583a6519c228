import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { CONTENDED_TX_OPTIONS, inTransaction } from "@/server/modules/accounts/transaction";

/** Dispatch transactions wait on the need row lock behind other answers: opens one (or joins the caller's). */
export function dispatchTx<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return inTransaction(db, fn, CONTENDED_TX_OPTIONS);
}
