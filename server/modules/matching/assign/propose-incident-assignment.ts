import { randomUUID } from "node:crypto";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { Prisma } from "@/server/generated/prisma/client";
import type { TProposeResult } from "@/lib/schemas/matching-assign";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { LIVE_ASSIGNMENT_STATUSES, needWindow } from "@/server/modules/matching/match-types";
import { buildAssignmentProblem, pickUnits } from "@/server/modules/matching/assign/build-problem";
import { loadAssignmentInputs } from "@/server/modules/matching/assign/load-assignment-inputs";
import { loadIncidentForAssignment } from "@/server/modules/matching/assign/proposal-access";
import { proposalAssignmentSelect, toProposalAssignment } from "@/server/modules/matching/assign/read-proposal";
import { solveAssignment } from "@/server/modules/matching/assign/solve-assignment";
import { AppError } from "@/server/errors";
import { loadOffer } from "@/server/modules/offers/offer-access";
import { DEFAULT_HOLD_MINUTES, sendOffer } from "@/server/modules/offers/send-offer";


/**
 * Propose an incident-wide assignment: every OPEN / PARTIALLY_FILLED need of the incident, its eligible
 * scored candidates, one joint lexicographic solve (life-safety first, then least 100 − score), and the
 * result written as PROPOSED rows of one batch — replacing the incident's earlier PROPOSED rows in the
 * same transaction. OFFERED / ACCEPTED / later rows are never touched. Unit resources get one row per
 * unit (free unitIndex in the window); divisible stock (MATERIAL, quantity > 1) one row, unitIndex NULL.
 * In auto mode (Incident.autoDispatch) every proposed row is then offered at once (the proposal already
 * covers only the open units); a row whose unit was booked meanwhile stays PROPOSED for the dispatcher.
 */
export async function proposeIncidentAssignment(
  db: PrismaClient,
  actor: Actor,
  incidentId: string,
  opts: { poolSize?: number; timeLimitMs?: number; now?: Date } = {},
): Promise<TProposeResult> {
  const incident = await loadIncidentForAssignment(db, actor, incidentId, true);
  const inputs = await loadAssignmentInputs(db, incidentId, opts);
  const problem = buildAssignmentProblem(inputs.items);
  const solution = solveAssignment(problem, { timeLimitMs: opts.timeLimitMs });

  const needById = new Map(inputs.needs.map((n) => [n.id, n]));
  const resourceIds = [...new Set(solution.allocations.map((a) => a.resourceId))];
  const resources = await db.resource.findMany({
    where: { id: { in: resourceIds } },
    select: { id: true, totalQuantity: true, type: { select: { category: true } } },
  });
  const resInfo = new Map(resources.map((r) => [r.id, r]));
  const live = await db.assignment.findMany({
    where: { resourceId: { in: resourceIds }, status: { in: [...LIVE_ASSIGNMENT_STATUSES] }, unitIndex: { not: null } },
    select: { resourceId: true, unitIndex: true, windowStart: true, windowEnd: true },
  });

  const batchId = randomUUID();
  const usedUnits = new Map<string, Set<number>>();
  const data: Prisma.AssignmentCreateManyInput[] = [];
  for (const line of solution.allocations) {
    const need = needById.get(line.needId)!;
    const c = inputs.scored.get(line.needId)!.get(line.resourceId)!;
    const { start, end } = needWindow(need);
    const base = {
      needId: line.needId,
      resourceId: line.resourceId,
      status: "PROPOSED" as const,
      windowStart: start,
      windowEnd: end,
      score: c.score,
      scoreBreakdown: {
        ...c.breakdown,
        etaMinutes: c.etaMinutes,
        slackMinutes: c.slackMinutes,
        distanceKm: Math.round(c.distanceKm * 100) / 100,
        unitCost: line.cost,
        method: solution.method,
      },
      explanationZh: c.explanation.zh,
      explanationEn: c.explanation.en,
      proposedById: actor.userId,
      batchId,
    };
    const info = resInfo.get(line.resourceId);
    const divisible = info?.type.category === "MATERIAL" && info.totalQuantity > 1;
    if (divisible || !info) {
      data.push({ ...base, quantity: line.quantity, unitIndex: null });
      continue;
    }
    const busy = new Set(
      live
        .filter((l) => l.resourceId === line.resourceId && l.windowStart < end && l.windowEnd > start)
        .map((l) => l.unitIndex as number),
    );
    const used = usedUnits.get(line.resourceId) ?? new Set<number>();
    usedUnits.set(line.resourceId, used);
    for (const unitIndex of pickUnits(info.totalQuantity, busy, used, line.quantity)) {
      data.push({ ...base, quantity: 1, unitIndex });
    }
  }

  const written = await db.$transaction(async (tx) => {
    // one proposal at a time per incident: concurrent re-proposals serialise here instead of both
    // deleting the old set and leaving two batches behind
    await tx.$queryRaw`SELECT id FROM incident WHERE id = ${incidentId} FOR UPDATE`;
    const removed = await tx.assignment.deleteMany({ where: { status: "PROPOSED", need: { incidentId } } });
    if (data.length > 0) await tx.assignment.createMany({ data });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: incident.orgId,
      action: "assignment.propose",
      entityType: "Incident",
      entityId: incidentId,
      data: {
        batchId,
        method: solution.method,
        rows: data.length,
        replaced: removed.count,
        filled: solution.objective.filled,
        totalCost: solution.objective.totalCost,
        greedyCost: solution.greedy.objective.totalCost,
        gapVsGreedyPct: solution.gapVsGreedyPct,
      },
    });
    return tx.assignment.findMany({
      where: { batchId, status: "PROPOSED" },
      select: proposalAssignmentSelect,
      orderBy: [{ needId: "asc" }, { score: "desc" }, { id: "asc" }],
    });
  }, CONTENDED_TX_OPTIONS);

  const proposed = new Map<string, number>();
  for (const r of written) proposed.set(r.needId, (proposed.get(r.needId) ?? 0) + r.quantity);
  const autoOffered = incident.autoDispatch ? await offerAll(db, actor, written.map((r) => r.id)) : new Set<string>();
  return {
    incidentId,
    batchId,
    autoDispatch: incident.autoDispatch,
    autoOffered: autoOffered.size,
    needs: inputs.needs.map((n) => {
      const p = proposed.get(n.id) ?? 0;
      return {
        needId: n.id, title: n.title, priority: n.priority, quantityOpen: n.quantityOpen, proposed: p, unfilled: Math.max(0, n.quantityOpen - p),
        stagingLat: n.stagingLat, stagingLng: n.stagingLng,
      };
    }),
    assignments: written.filter((r) => !autoOffered.has(r.id)).map(toProposalAssignment),
    method: solution.method,
    objective: solution.objective,
    greedy: solution.greedy.objective,
    gapVsGreedyPct: solution.gapVsGreedyPct,
    greedyFillsFewer: solution.greedyFillsFewer,
    solveMs: Math.round(solution.solveMs * 100) / 100,
  };
}

/** Auto mode: offer each proposed row; one booked meanwhile (CONFLICT) is left PROPOSED. Returns the ids offered. */
async function offerAll(db: PrismaClient, actor: Actor, ids: string[]): Promise<Set<string>> {
  const offered = new Set<string>();
  for (const id of ids) {
    try {
      await sendOffer(db, await loadOffer(db, id), actor.userId, DEFAULT_HOLD_MINUTES);
      offered.add(id);
    } catch (e) {
      if (!(e instanceof AppError && e.code === "CONFLICT")) throw e;
    }
  }
  return offered;
}
