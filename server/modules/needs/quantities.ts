import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { AppError } from "@/server/errors";
import { isNeedOverfill } from "@/server/db-errors";
import type { TNeedStatus } from "@/lib/schemas/needs";

/**
 * Quantity bookkeeping on a need, for matching, dispatch and knight tasks. Units move through disjoint
 * buckets: (accepted) committed → en route → on scene → released; "filled" = the sum of all four.
 * Every call is ONE guarded UPDATE: the guard lives in the WHERE clause (never read-modify-write), the
 * CHECK constraints (no bucket below zero, filled ≤ quantity) are the second line, and the automatic status
 * OPEN / PARTIALLY_FILLED / FILLED is recomputed in the same statement. So any number of concurrent
 * callers leave exact totals, and a commit beyond the requested quantity is refused, never overshooting.
 * Callers record their own audit rows (they know why units moved).
 */

const COLUMNS = { committed: "qty_committed", enRoute: "qty_en_route", onScene: "qty_on_scene", released: "qty_released" } as const;
type Bucket = keyof typeof COLUMNS;

export type NeedQuantities = {
  id: string;
  status: TNeedStatus;
  quantity: number;
  committed: number;
  enRoute: number;
  onScene: number;
  released: number;
};

type Move = { from: Bucket | null; to: Bucket | null };

const TOTAL = Prisma.sql`(qty_committed + qty_en_route + qty_on_scene + qty_released)`;

async function move(db: Db, needId: string, n: number, m: Move): Promise<NeedQuantities> {
  if (!Number.isInteger(n) || n <= 0) throw new AppError("BAD_REQUEST", "The quantity to move must be a whole number above zero.");
  const delta = (m.to ? n : 0) - (m.from ? n : 0);
  const sets: Prisma.Sql[] = [];
  if (m.from) sets.push(Prisma.sql`${Prisma.raw(COLUMNS[m.from])} = ${Prisma.raw(COLUMNS[m.from])} - ${n}`);
  if (m.to) sets.push(Prisma.sql`${Prisma.raw(COLUMNS[m.to])} = ${Prisma.raw(COLUMNS[m.to])} + ${n}`);
  const guards: Prisma.Sql[] = [Prisma.sql`id = ${needId}`];
  if (m.from) guards.push(Prisma.sql`${Prisma.raw(COLUMNS[m.from])} >= ${n}`);
  if (m.from === null) {
    // A new commitment: only on a live need, and never beyond what was requested.
    guards.push(Prisma.sql`status IN ('OPEN', 'PARTIALLY_FILLED')`);
    guards.push(Prisma.sql`${TOTAL} + ${n} <= quantity`);
  }
  const rows = await db.$queryRaw<NeedQuantities[]>`
    UPDATE need SET
      ${Prisma.join(sets, ", ")},
      status = CASE WHEN status IN ('OPEN', 'PARTIALLY_FILLED', 'FILLED') THEN
        (CASE WHEN ${TOTAL} + ${delta} >= quantity THEN 'FILLED'
              WHEN ${TOTAL} + ${delta} > 0 THEN 'PARTIALLY_FILLED'
              ELSE 'OPEN' END)::need_status
        ELSE status END,
      updated_at = now()
    WHERE ${Prisma.join(guards, " AND ")}
    RETURNING id, status::text AS status, quantity, qty_committed AS committed, qty_en_route AS "enRoute",
              qty_on_scene AS "onScene", qty_released AS released`.catch((e: unknown) => {
    // The second line held (a transaction that is now aborted, so nothing more is read here).
    if (isNeedOverfill(e)) throw new AppError("CONFLICT", `Committing ${n} more would fill this need beyond its quantity.`);
    throw e;
  });
  if (rows[0]) return rows[0];
  throw await explainRefusal(db, needId, n, m);
}

async function explainRefusal(db: Db, needId: string, n: number, m: Move): Promise<AppError> {
  const need = await db.need.findUnique({
    where: { id: needId },
    select: { status: true, quantity: true, qtyCommitted: true, qtyEnRoute: true, qtyOnScene: true, qtyReleased: true },
  });
  if (!need) return new AppError("NOT_FOUND", "This need does not exist.");
  if (m.from === null) {
    if (need.status !== "OPEN" && need.status !== "PARTIALLY_FILLED") {
      return new AppError("CONFLICT", `This need is ${need.status}; it takes no more commitments.`);
    }
    const left = need.quantity - need.qtyCommitted - need.qtyEnRoute - need.qtyOnScene - need.qtyReleased;
    return new AppError("CONFLICT", `Only ${Math.max(0, left)} more can be committed to this need (asked to commit ${n}).`);
  }
  return new AppError("CONFLICT", `Fewer than ${n} units are ${m.from === "committed" ? "committed" : m.from === "enRoute" ? "en route" : "on scene"}.`);
}

/** An offer was accepted: n more units committed (refused beyond the requested quantity). */
export function commitQuantity(db: Db, needId: string, n: number): Promise<NeedQuantities> {
  return move(db, needId, n, { from: null, to: "committed" });
}

/** A commitment fell through (declined later, cancelled): n units back to unfilled. */
export function releaseCommitted(db: Db, needId: string, n: number): Promise<NeedQuantities> {
  return move(db, needId, n, { from: "committed", to: null });
}

export function markEnRoute(db: Db, needId: string, n: number): Promise<NeedQuantities> {
  return move(db, needId, n, { from: "committed", to: "enRoute" });
}

export function markOnScene(db: Db, needId: string, n: number): Promise<NeedQuantities> {
  return move(db, needId, n, { from: "enRoute", to: "onScene" });
}

/** Served and stood down: still counts as fulfilled. */
export function markReleased(db: Db, needId: string, n: number): Promise<NeedQuantities> {
  return move(db, needId, n, { from: "onScene", to: "released" });
}

/** A place fell through at any stage (a knight task cancelled en route, say): n units back to unfilled. */
export function releaseFrom(db: Db, needId: string, bucket: "committed" | "enRoute" | "onScene", n: number): Promise<NeedQuantities> {
  return move(db, needId, n, { from: bucket, to: null });
}
