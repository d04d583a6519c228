import type { PrismaClient } from "@/server/db";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import type { UnmetReason } from "@/server/generated/prisma/enums";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { notify } from "@/server/modules/notifications/notify";
import { candidateRow } from "@/server/modules/matching/assign/candidate-row";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeed } from "@/server/modules/matching/load-match-need";
import { metricLabelsOf } from "@/server/modules/matching/compatible-types";
import { rankCandidates } from "@/server/modules/matching/scoring/score-candidate";
import { isOverlapViolation, loadOffer } from "@/server/modules/offers/offer-access";
import { dispatcherUserIds } from "@/server/modules/offers/offer-recipients";
import { DEFAULT_HOLD_MINUTES, openUnits, sendOffer, sendOfferInTx } from "@/server/modules/offers/send-offer";

/** Fresh candidates tried per call before the need is flagged unmet (each try is one short transaction). */
const FRESH_ATTEMPTS = 10;

const isConflict = (e: unknown) => isOverlapViolation(e) || (e instanceof AppError && e.code === "CONFLICT");

/**
 * After a decline or an expiry: offer the next best candidate of the need, if it still has open units.
 * First the best remaining PROPOSED assignment (by score); when none is left (or every one was booked
 * meanwhile), the candidate query + scoring run again for the need and the best resource not already tried
 * on it (declined, expired, cancelled/dropped) is recorded as a new assignment with its explanation and
 * offered — in one transaction. When nothing eligible is left, the need is flagged unmet (DECLINED if
 * suppliers declined it, else ALL_BUSY) and the requesting organisation's dispatchers are notified.
 * Returns the id offered, or null.
 */
export async function offerNext(db: PrismaClient, needId: string, holdMinutes = DEFAULT_HOLD_MINUTES): Promise<string | null> {
  if ((await openUnits(db, needId)) <= 0) return null;
  const proposals = await db.assignment.findMany({
    where: { needId, status: "PROPOSED", resourceId: { not: null } },
    orderBy: [{ score: "desc" }, { createdAt: "asc" }],
    select: { id: true },
    take: 20,
  });
  for (const p of proposals) {
    try {
      await sendOffer(db, await loadOffer(db, p.id), null, holdMinutes);
      return p.id;
    } catch (e) {
      if (e instanceof AppError && e.code === "CONFLICT") continue;
      throw e;
    }
  }
  return offerFreshCandidate(db, needId, holdMinutes);
}

async function offerFreshCandidate(db: PrismaClient, needId: string, holdMinutes: number): Promise<string | null> {
  const open = await openUnits(db, needId);
  if (open <= 0) return null;
  const info = await loadMatchNeed(db, needId);
  const need = { ...info, quantityOpen: open };
  const now = new Date();
  const tried = await db.assignment.findMany({
    where: { needId, resourceId: { not: null }, status: { in: ["DECLINED", "EXPIRED", "CANCELLED"] } },
    select: { resourceId: true, status: true },
  });
  const triedIds = new Set(tried.map((r) => r.resourceId as string));
  const found = (await findCandidates(db, need, { now })).filter((c) => !triedIds.has(c.resourceId));
  const metrics = metricLabelsOf(need.compatibleTypes, need.typeId);
  const ranked = rankCandidates(need, found, { now, metrics });
  for (const c of ranked.slice(0, FRESH_ATTEMPTS)) {
    const row = await candidateRow(db, need, c, { quantity: open, proposedById: null, batchId: null, avoidProposed: false });
    if (!row) continue;
    try {
      const id = await db.$transaction(async (tx) => {
        // serialise with other "next" runs of this need, then re-check that a unit is still open
        await tx.$queryRaw`SELECT id FROM need WHERE id = ${needId} FOR UPDATE`;
        if ((await openUnits(tx, needId)) < row.quantity!) return null;
        const created = await tx.assignment.create({ data: row, select: { id: true } });
        await recordAudit(tx, {
          actorId: null,
          action: "assignment.propose_next",
          entityType: "Assignment",
          entityId: created.id,
          data: { needId, resourceId: c.resourceId, score: c.score },
        });
        await sendOfferInTx(tx, await loadOffer(tx, created.id), null, holdMinutes);
        return created.id;
      }, CONTENDED_TX_OPTIONS);
      return id;
    } catch (e) {
      if (isConflict(e)) continue;
      throw e;
    }
  }
  await flagNeedUnmet(db, needId, tried.some((r) => r.status === "DECLINED") ? "DECLINED" : "ALL_BUSY");
  return null;
}

/**
 * Marks a live need unmet (once: a need already flagged is left as it is) and tells the requesting
 * organisation's dispatchers, so a person can widen the radius, relax the type or close it.
 */
export async function flagNeedUnmet(db: PrismaClient, needId: string, reason: UnmetReason): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ orgId: string; incidentId: string; title: string }[]>`
      UPDATE need n SET unmet_reason = ${reason}::unmet_reason, updated_at = now()
      FROM incident i
      WHERE n.id = ${needId} AND i.id = n.incident_id AND n.unmet_reason IS NULL AND n.status IN ('OPEN', 'PARTIALLY_FILLED')
      RETURNING i.org_id AS "orgId", i.id AS "incidentId", n.title`;
    const hit = rows[0];
    if (!hit) return false;
    await recordAudit(tx, { actorId: null, orgId: hit.orgId, action: "need.unmet", entityType: "Need", entityId: needId, data: { reason } });
    await notify(tx, await dispatcherUserIds(tx, hit.orgId), "need.unmet", { needId, incidentId: hit.incidentId, title: hit.title, reason });
    return true;
  }, CONTENDED_TX_OPTIONS);
}
