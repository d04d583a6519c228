import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { dbErrorMentions } from "@/server/db-errors";
import type { TKnightOfferResult } from "@/lib/schemas/dispatch";
import { recordAudits } from "@/server/modules/audit/record-audit";
import { isLiveNeed, openSlots, taskWindow } from "@/server/modules/dispatch/dispatch-need";
import { dispatchTx } from "@/server/modules/dispatch/dispatch-tx";
import { newRowId } from "@/server/modules/dispatch/row-id";
import { lockSettleNeed, readClaimState, writeWinnersSql, type SettleNeed, type WinnerRow } from "@/server/modules/dispatch/settle-sql";
import type { BatchOutcome } from "@/server/modules/dispatch/micro-batcher";

export const TAKEN_MESSAGE = "All places on this task are taken.";
export const WITHDRAWN_MESSAGE = "This offer was withdrawn.";
export const EXPIRED_MESSAGE = "This offer has expired.";
export const BUSY_MESSAGE = "You already have a task at that time.";
const NOT_FOUND_MESSAGE = "This offer does not exist.";

export type AcceptAttempt = { actor: Actor; offerId: string; now: Date };
type Outcome = BatchOutcome<TKnightOfferResult>;
type OfferOwner = { userId: string; platformOrgId: string | null };

/** Whether the caller answers for this knight: the knight themself, or their verified platform's API key. */
export function answersFor(actor: Actor, knight: OfferOwner): boolean {
  if (!actor.apiKey) return knight.userId === actor.userId;
  const platformVerified = actor.memberships.some((m) => m.orgId === actor.apiKey!.orgId && m.verification === "VERIFIED");
  return platformVerified && knight.platformOrgId === actor.apiKey.orgId;
}

export function refusal(status: string, needStatus: string): AppError {
  if (status === "ACCEPTED") return new AppError("CONFLICT", "You already accepted this offer.");
  if (status === "DECLINED") return new AppError("CONFLICT", "You declined this offer.");
  if (status === "EXPIRED") return new AppError("CONFLICT", EXPIRED_MESSAGE);
  if (needStatus === "FILLED") return new AppError("CONFLICT", TAKEN_MESSAGE);
  return new AppError("CONFLICT", WITHDRAWN_MESSAGE);
}

/** A database error of a lone attempt as the knight should hear it; anything unexpected stays an error. */
function attemptError(e: unknown): unknown {
  if (e instanceof AppError) return e;
  if (dbErrorMentions(e, ["assignment_knight_no_overlap", "23P01"])) return new AppError("CONFLICT", BUSY_MESSAGE);
  if (dbErrorMentions(e, ["offer_one_accept_per_slot", "23505", "P2002"])) return new AppError("CONFLICT", TAKEN_MESSAGE);
  if (dbErrorMentions(e, ["P2028"])) return new AppError("CONFLICT", "Too many knights are answering this task at once. Try again in a moment.");
  return e;
}

type Claim = { index: number; attempt: AcceptAttempt; knightId: string; sentAt: Date };

/**
 * Settles a batch of accept attempts (MicroBatcher: the ones that arrived while the previous batch ran).
 * One read finds each offer's need and knight (and refuses offers the caller does not answer for); then
 * each need is settled in one transaction under its row lock — every dispatch write of a need takes that
 * lock, so batches on several instances and single answers are serialised per need. Inside, attempts are
 * decided in arrival order: the first ones that are still pending, unexpired and free in the task window
 * take the free places (lowest slot first); every other one gets a clear refusal. A burst of hundreds of
 * knights on one task therefore costs a few transactions, not one each. If the database still refuses a
 * batch (a knight took another task at the same moment: the exclusion constraint), its attempts are
 * settled again one by one, so one knight's conflict never costs the others their answer; any other failure
 * (no connection in time, say) answers every attempt of that need with the same clear error.
 */
export async function settleAccepts(db: Db, attempts: AcceptAttempt[]): Promise<Outcome[]> {
  const out: Outcome[] = attempts.map(() => ({ ok: false, error: new AppError("NOT_FOUND", NOT_FOUND_MESSAGE) }));
  // One read for the whole batch, no lock. An offer that is no longer PENDING never becomes PENDING again,
  // so refusals read here are final; everything else is decided again under the need's row lock.
  const offers = await db.offer.findMany({
    where: { id: { in: [...new Set(attempts.map((a) => a.offerId))] } },
    select: {
      id: true, needId: true, knightId: true, sentAt: true, status: true, expiresAt: true,
      knight: { select: { userId: true, platformOrgId: true } }, need: { select: { status: true } },
    },
  });
  const byId = new Map(offers.map((o) => [o.id, o]));
  const byNeed = new Map<string, Claim[]>();
  attempts.forEach((attempt, index) => {
    const o = byId.get(attempt.offerId);
    if (!o || !answersFor(attempt.actor, o.knight)) return; // stays NOT_FOUND: never confirm someone else's offer exists
    if (o.status !== "PENDING") out[index] = { ok: false, error: refusal(o.status, o.need.status) };
    else if (o.expiresAt <= attempt.now) out[index] = { ok: false, error: new AppError("CONFLICT", EXPIRED_MESSAGE) };
    else (byNeed.get(o.needId) ?? byNeed.set(o.needId, []).get(o.needId)!).push({ index, attempt, knightId: o.knightId, sentAt: o.sentAt });
  });
  await Promise.all(
    [...byNeed].map(async ([needId, claims]) => {
      for (const [index, outcome] of await settleNeed(db, needId, claims)) out[index] = outcome;
    }),
  );
  return out;
}

/** Constraint names / codes by which the database refuses one claim of a batch (then the rest may still win). */
const PER_CLAIM_REFUSALS = ["assignment_knight_no_overlap", "23P01", "offer_one_accept_per_slot", "23505", "P2002"];

async function settleNeed(db: Db, needId: string, claims: Claim[]): Promise<Map<number, Outcome>> {
  try {
    return await dispatchTx(db, (tx) => decideAndWrite(tx, needId, claims));
  } catch (e) {
    if (claims.length > 1 && dbErrorMentions(e, PER_CLAIM_REFUSALS)) {
      // Rare (a race the pre-check could not see): settle the claims one after another, in arrival order.
      const settled = new Map<number, Outcome>();
      for (const c of claims) for (const [index, outcome] of await settleNeed(db, needId, [c])) settled.set(index, outcome);
      return settled;
    }
    const error = attemptError(e);
    return new Map(claims.map((c) => [c.index, { ok: false, error }]));
  }
}

type Winner = Claim & { slot: number; window: { start: Date; end: Date } };

async function decideAndWrite(tx: Db, needId: string, claims: Claim[]): Promise<Map<number, Outcome>> {
  const need = await lockSettleNeed(tx, needId);
  const windows = claims.map((c) => taskWindow(need, c.attempt.now));
  // The claimed offers as they are now, the places already held, and the claimants' live tasks (one read).
  const { offers, busy } = await readClaimState(
    tx,
    needId,
    [...new Set(claims.map((c) => c.attempt.offerId))],
    [...new Set(claims.map((c) => c.knightId))],
    new Date(Math.min(...windows.map((w) => w.start.getTime()))),
    new Date(Math.max(...windows.map((w) => w.end.getTime()))),
  );
  const statusOf = new Map(offers.map((o) => [o.id, o]));
  const taken = new Set(offers.filter((o) => o.status === "ACCEPTED").map((o) => o.slotIndex));
  const freeSlots = Array.from({ length: need.quantity }, (_, k) => k).filter((k) => !taken.has(k)).slice(0, openSlots(need));

  const outcomes = new Map<number, Outcome>();
  const decided = new Map<string, "won" | AppError>();
  const winners: Winner[] = [];
  claims.forEach((c, i) => {
    const refuse = (error: AppError) => outcomes.set(c.index, { ok: false, error });
    const earlier = decided.get(c.attempt.offerId);
    if (earlier !== undefined) return refuse(earlier === "won" ? refusal("ACCEPTED", need.status) : earlier);
    const cur = statusOf.get(c.attempt.offerId)!;
    const window = windows[i]!;
    let error: AppError | null = null;
    if (cur.status !== "PENDING") error = refusal(cur.status, need.status);
    else if (cur.expiresAt <= c.attempt.now) error = new AppError("CONFLICT", EXPIRED_MESSAGE);
    else if (!isLiveNeed(need)) error = refusal("WITHDRAWN", need.status);
    else if (winners.length >= freeSlots.length) error = new AppError("CONFLICT", TAKEN_MESSAGE);
    else if (busy.some((b) => b.knightId === c.knightId && b.windowStart < window.end && b.windowEnd > window.start)) error = new AppError("CONFLICT", BUSY_MESSAGE);
    if (error) {
      decided.set(c.attempt.offerId, error);
      return refuse(error);
    }
    decided.set(c.attempt.offerId, "won");
    winners.push({ ...c, slot: freeSlots[winners.length]!, window });
  });
  if (winners.length > 0) {
    for (const [index, value] of await writeWinners(tx, need, winners)) outcomes.set(index, { ok: true, value });
  }
  return outcomes;
}

/** Every write of a batch's winners: one statement (settle-sql.ts), then the audit rows at commit. */
async function writeWinners(tx: Db, need: SettleNeed, winners: Winner[]): Promise<Map<number, TKnightOfferResult>> {
  // The settlement time: the latest attempt's clock (one attempt: its own, so tests can pin it).
  const now = new Date(Math.max(...winners.map((w) => w.attempt.now.getTime())));
  const rows: WinnerRow[] = winners.map((w) => ({ offerId: w.attempt.offerId, knightId: w.knightId, slot: w.slot, sentAt: w.sentAt, window: w.window, assignmentId: newRowId() }));
  // Guarded by status (offers) and by quantity (need): the offer-per-slot unique index and the knight
  // exclusion constraint are the backstops. A guard that held → throw, and the whole statement rolls back.
  const res = await writeWinnersSql(tx, need, rows, now);
  if (res.won !== winners.length || !res.need) throw new AppError("CONFLICT", TAKEN_MESSAGE);
  Object.assign(need, res.need);
  await recordAudits(
    tx,
    winners.map((w, i) => ({
      actorId: w.attempt.actor.userId, orgId: w.attempt.actor.apiKey?.orgId ?? null, action: "knightOffer.accept", entityType: "Offer", entityId: w.attempt.offerId,
      data: { needId: need.id, assignmentId: rows[i]!.assignmentId, slotIndex: w.slot, via: w.attempt.actor.via, withdrawn: i === winners.length - 1 ? res.withdrawn : 0 },
    })),
  );
  return new Map(
    winners.map((w, i) => [w.index, { offerId: w.attempt.offerId, needId: need.id, status: "ACCEPTED" as const, assignmentId: rows[i]!.assignmentId, slotIndex: w.slot }]),
  );
}
