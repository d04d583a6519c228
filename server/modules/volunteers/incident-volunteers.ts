import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TIncidentVolunteer } from "@/lib/schemas/volunteers";
import type { TProposalDto } from "@/lib/schemas/matching-assign";

type TProposalAssignment = TProposalDto["assignments"][number];
import { AppError } from "@/server/errors";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { candidateRow } from "@/server/modules/matching/assign/candidate-row";
import { ASSIGNABLE_NEED_STATUSES } from "@/server/modules/matching/assign/load-assignment-inputs";
import { loadIncidentForAssignment } from "@/server/modules/matching/assign/proposal-access";
import { proposalAssignmentSelect, toProposalAssignment } from "@/server/modules/matching/assign/read-proposal";
import { metricLabelsOf } from "@/server/modules/matching/compatible-types";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeed } from "@/server/modules/matching/load-match-need";
import { scoreCandidate } from "@/server/modules/matching/scoring/score-candidate";

/** Statuses in which a listing already serves the need (proposed, offered or booked). */
const IN_USE = ["PROPOSED", "OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const;

/**
 * The live offers to help on the incident's open needs, for the people who dispatch it (the matching panel),
 * each re-checked now against every rule of the candidate query. Dispatch access as for proposals.
 */
export async function listIncidentVolunteers(db: PrismaClient, actor: Actor, incidentId: string, now = new Date()): Promise<TIncidentVolunteer[]> {
  await loadIncidentForAssignment(db, actor, incidentId, true);
  const rows = await db.volunteer.findMany({
    where: { withdrawnAt: null, need: { incidentId, status: { in: [...ASSIGNABLE_NEED_STATUSES] } } },
    select: {
      id: true, needId: true, resourceId: true, createdAt: true,
      need: { select: { title: true } },
      resource: { select: { title: true, titleEn: true, ownerOrg: { select: { name: true, nameEn: true } } } },
    },
    orderBy: [{ needId: "asc" }, { createdAt: "asc" }],
  });
  if (rows.length === 0) return [];
  const used = await db.assignment.findMany({
    where: { status: { in: [...IN_USE] }, OR: rows.map((r) => ({ needId: r.needId, resourceId: r.resourceId })) },
    select: { needId: true, resourceId: true },
  });
  const inUse = new Set(used.map((u) => `${u.needId}:${u.resourceId}`));
  const needs = new Map<string, Awaited<ReturnType<typeof loadMatchNeed>>>();
  const out: TIncidentVolunteer[] = [];
  for (const r of rows) {
    if (!needs.has(r.needId)) needs.set(r.needId, await loadMatchNeed(db, r.needId));
    const [found] = await findCandidates(db, needs.get(r.needId)!, { now, resourceId: r.resourceId, poolSize: 1 });
    out.push({
      id: r.id, needId: r.needId, needTitle: r.need.title, resourceId: r.resourceId, resourceTitle: r.resource.title,
      resourceTitleEn: r.resource.titleEn, supplierName: r.resource.ownerOrg?.name ?? null, supplierNameEn: r.resource.ownerOrg?.nameEn ?? null,
      createdAt: r.createdAt, eligible: !!found, inUse: inUse.has(`${r.needId}:${r.resourceId}`),
    });
  }
  return out;
}

/**
 * A dispatcher adds a volunteered listing to the incident's proposal: a PROPOSED row exactly as a swap makes
 * one (re-checked against every rule, scored, a unit free in the window). It is offered, and booked, only
 * through the normal offer path, where the database's no-overlap guarantee applies. Audited.
 */
export async function proposeVolunteer(db: PrismaClient, actor: Actor, volunteerId: string, now = new Date()): Promise<TProposalAssignment> {
  const v = await db.volunteer.findFirst({
    where: { id: volunteerId, withdrawnAt: null },
    select: { id: true, needId: true, resourceId: true, need: { select: { incidentId: true, status: true, quantity: true } } },
  });
  if (!v) throw new AppError("NOT_FOUND", "This offer to help does not exist or was withdrawn.");
  const incident = await loadIncidentForAssignment(db, actor, v.need.incidentId, true);
  if (!(ASSIGNABLE_NEED_STATUSES as readonly string[]).includes(v.need.status)) throw new AppError("CONFLICT", "This need is no longer open.");
  const need = await loadMatchNeed(db, v.needId);
  const [found] = await findCandidates(db, need, { now, resourceId: v.resourceId, poolSize: 1 });
  if (!found) {
    throw new AppError("BAD_REQUEST", "That listing is no longer eligible for this need.", { resourceId: ["errors.resourceIneligible"] });
  }
  const scored = scoreCandidate(need, found, { now, metrics: metricLabelsOf(need.compatibleTypes, need.typeId) });
  const latest = await db.assignment.findFirst({ where: { status: "PROPOSED", need: { incidentId: incident.id } }, select: { batchId: true }, orderBy: { createdAt: "desc" } });
  const row = await candidateRow(db, need, scored, { quantity: Math.max(1, need.quantityOpen), proposedById: actor.userId, batchId: latest?.batchId ?? null, avoidProposed: true });
  if (!row) throw new AppError("BAD_REQUEST", "Every unit of that listing is already proposed or booked for this time.", { resourceId: ["errors.resourceNoFreeUnit"] });
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM incident WHERE id = ${incident.id} FOR UPDATE`;
    const created = await tx.assignment.create({ data: row, select: proposalAssignmentSelect });
    await recordAudit(tx, {
      actorId: actor.userId, orgId: incident.orgId, action: "assignment.propose_volunteer", entityType: "Assignment", entityId: created.id,
      data: { needId: v.needId, resourceId: v.resourceId, volunteerId: v.id, score: scored.score },
    });
    return toProposalAssignment(created);
  }, CONTENDED_TX_OPTIONS);
}
