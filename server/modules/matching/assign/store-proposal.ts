import { randomUUID } from "node:crypto";
import { snapshotQuotes } from "@/server/modules/orders/snapshot-quote";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { Prisma } from "@/server/generated/prisma/client";
import type { TProposeResult } from "@/lib/schemas/matching-assign";
import { recordAudits } from "@/server/modules/audit/record-audit";
import { LIVE_ASSIGNMENT_STATUSES, needWindow } from "@/server/modules/matching/match-types";
import { pickUnits } from "@/server/modules/matching/assign/build-problem";
import type { AssignmentInputs } from "@/server/modules/matching/assign/load-assignment-inputs";
import { proposalAssignmentSelect, toProposalAssignment } from "@/server/modules/matching/assign/read-proposal";
import type { AssignmentSolution } from "@/server/modules/matching/assign/types";
import { offerProposedRows } from "@/server/modules/matching/assign/offer-proposed-rows";
import type { PhaseTimer } from "@/server/phase-timer";

/** An incident whose needs a proposal covers (its row is locked while the proposal is written). */
export type ProposalIncident = { id: string; orgId: string; autoDispatch: boolean };

/** What every proposal scope (incident, area) answers, less the scope's own fields. */
export type StoredProposal = Omit<TProposeResult, "incidentId" | "autoDispatch">;

/**
 * Writes a solved proposal as PROPOSED rows of one new batch, replacing the PROPOSED rows matched by
 * `replace` (the incident's, or the area's needs') in the same transaction, with one audit row per incident
 * involved. Unit resources get one row per unit (free unitIndex in the window); divisible stock (MATERIAL,
 * quantity > 1) one row, unitIndex NULL. Rows of incidents in auto mode are then offered at once; a row
 * whose unit was booked meanwhile stays PROPOSED for the dispatcher. OFFERED and later rows are never touched.
 */
export async function storeProposal(
  db: PrismaClient,
  actor: Actor,
  args: {
    inputs: AssignmentInputs;
    solution: AssignmentSolution;
    incidents: ProposalIncident[];
    replace: Prisma.AssignmentWhereInput;
    auditData?: Record<string, unknown>;
    timer?: PhaseTimer;
  },
): Promise<StoredProposal> {
  const { inputs, solution, incidents } = args;
  const batchId = randomUUID();
  const data = await proposalRows(db, actor.userId, inputs, solution, batchId);
  const incidentOfNeed = new Map(inputs.needs.map((n) => [n.id, n.incidentId]));
  args.timer?.mark(`units of ${data.length} rows`);

  const written = await db.$transaction(async (tx) => {
    // one proposal at a time per incident: concurrent re-proposals serialise here instead of both deleting
    // the old set and leaving two batches behind (ids in order, so overlapping areas never deadlock)
    const ids = incidents.map((i) => i.id).sort();
    if (ids.length > 0) await tx.$queryRaw`SELECT id FROM incident WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`;
    const old = await tx.assignment.findMany({ where: { ...args.replace, status: "PROPOSED" }, select: { id: true, need: { select: { incidentId: true } } } });
    if (old.length > 0) await tx.assignment.deleteMany({ where: { id: { in: old.map((o) => o.id) }, status: "PROPOSED" } });
    if (data.length > 0) {
      const fresh = await tx.assignment.createManyAndReturn({ data, select: { id: true } });
      // Paid needs: the requester sees the quote on the proposal, and it is the one the supplier will get.
      await snapshotQuotes(tx, fresh.map((f) => f.id));
    }
    await recordAudits(
      tx,
      incidents.map((i) => ({
        actorId: actor.userId,
        orgId: i.orgId,
        action: "assignment.propose",
        entityType: "Incident",
        entityId: i.id,
        data: {
          batchId,
          method: solution.method,
          rows: data.filter((r) => incidentOfNeed.get(r.needId) === i.id).length,
          replaced: old.filter((o) => o.need.incidentId === i.id).length,
          filled: solution.objective.filled,
          totalCost: solution.objective.totalCost,
          greedyCost: solution.greedy.objective.totalCost,
          gapVsGreedyPct: solution.gapVsGreedyPct,
          ...args.auditData,
        },
      })),
    );
    return tx.assignment.findMany({
      where: { batchId, status: "PROPOSED" },
      select: proposalAssignmentSelect,
      orderBy: [{ needId: "asc" }, { score: "desc" }, { id: "asc" }],
    });
  }, CONTENDED_TX_OPTIONS);
  args.timer?.mark("write");

  const auto = new Set(incidents.filter((i) => i.autoDispatch).map((i) => i.id));
  const autoRows = written.filter((r) => auto.has(incidentOfNeed.get(r.needId) ?? ""));
  const autoOffered = await offerProposedRows(db, actor.userId, autoRows.map((r) => r.id));
  if (autoRows.length > 0) args.timer?.mark(`auto offers of ${autoRows.length} rows`);
  const proposed = new Map<string, number>();
  for (const r of written) proposed.set(r.needId, (proposed.get(r.needId) ?? 0) + r.quantity);
  return {
    batchId,
    autoOffered: autoOffered.size,
    needs: inputs.needs.map((n) => {
      const p = proposed.get(n.id) ?? 0;
      return {
        needId: n.id, incidentId: n.incidentId, title: n.title, priority: n.priority, quantityOpen: n.quantityOpen, proposed: p,
        unfilled: Math.max(0, n.quantityOpen - p), stagingLat: n.stagingLat, stagingLng: n.stagingLng,
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

/** The solution's allocation lines as assignment rows (read-only: resource facts and live units). */
async function proposalRows(
  db: PrismaClient,
  proposedById: string,
  inputs: AssignmentInputs,
  solution: AssignmentSolution,
  batchId: string,
): Promise<Prisma.AssignmentCreateManyInput[]> {
  const needById = new Map(inputs.needs.map((n) => [n.id, n]));
  const resourceIds = [...new Set(solution.allocations.map((a) => a.resourceId))];
  const [resources, live] = await Promise.all([
    db.resource.findMany({
      where: { id: { in: resourceIds } },
      select: { id: true, totalQuantity: true, type: { select: { category: true } } },
    }),
    db.assignment.findMany({
      where: { resourceId: { in: resourceIds }, status: { in: [...LIVE_ASSIGNMENT_STATUSES] }, unitIndex: { not: null } },
      select: { resourceId: true, unitIndex: true, windowStart: true, windowEnd: true },
    }),
  ]);
  const resInfo = new Map(resources.map((r) => [r.id, r]));

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
      proposedById,
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
  return data;
}
