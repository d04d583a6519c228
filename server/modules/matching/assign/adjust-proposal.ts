import type { PrismaClient } from "@/server/db";
import { CONTENDED_TX_OPTIONS } from "@/server/modules/accounts/transaction";
import type { Actor } from "@/server/auth/actor-type";
import type { TProposalDto } from "@/lib/schemas/matching-assign";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { incidentScope } from "@/server/modules/incidents/access";
import { candidateRow } from "@/server/modules/matching/assign/candidate-row";
import { loadIncidentForAssignment } from "@/server/modules/matching/assign/proposal-access";
import { proposalAssignmentSelect, toProposalAssignment } from "@/server/modules/matching/assign/read-proposal";
import { snapshotQuotes } from "@/server/modules/orders/snapshot-quote";
import { findCandidates } from "@/server/modules/matching/find-candidates";
import { loadMatchNeed } from "@/server/modules/matching/load-match-need";
import { metricLabelsOf } from "@/server/modules/matching/compatible-types";
import { scoreCandidate } from "@/server/modules/matching/scoring/score-candidate";


/** A PROPOSED row of an incident the caller dispatches for; anything else is NOT_FOUND / FORBIDDEN / CONFLICT. */
async function loadProposed(db: PrismaClient, actor: Actor, assignmentId: string) {
  const a = await db.assignment.findFirst({
    where: { id: assignmentId, need: { incident: incidentScope(actor) } },
    select: { id: true, needId: true, resourceId: true, quantity: true, status: true, batchId: true, need: { select: { incidentId: true } } },
  });
  if (!a) throw new AppError("NOT_FOUND", "This proposal does not exist or is not yours to see.");
  const incident = await loadIncidentForAssignment(db, actor, a.need.incidentId, true);
  if (a.status !== "PROPOSED") throw new AppError("CONFLICT", `Only a proposed assignment can be changed; this one is ${a.status}.`);
  return { ...a, incidentId: incident.id, orgId: incident.orgId };
}

/** Re-marks a PROPOSED row inside the caller's transaction; false when someone offered or dropped it meanwhile. */
async function withdrawProposed(tx: Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0], id: string): Promise<boolean> {
  const n = await tx.$executeRaw`UPDATE assignment SET status = 'CANCELLED', updated_at = now() WHERE id = ${id} AND status = 'PROPOSED'`;
  return n === 1;
}

/**
 * Dispatcher removes a proposed resource from a need. The row becomes CANCELLED (not deleted), so the
 * automatic "next candidate" never brings back a resource a person took out. Audited.
 */
export async function dropProposal(db: PrismaClient, actor: Actor, assignmentId: string): Promise<{ id: string; status: "CANCELLED" }> {
  const a = await loadProposed(db, actor, assignmentId);
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM incident WHERE id = ${a.incidentId} FOR UPDATE`;
    if (!(await withdrawProposed(tx, a.id))) throw new AppError("CONFLICT", "This proposal was changed meanwhile; reload it.");
    await recordAudit(tx, {
      actorId: actor.userId, orgId: a.orgId, action: "assignment.drop", entityType: "Assignment", entityId: a.id,
      data: { needId: a.needId, resourceId: a.resourceId },
    });
  }, CONTENDED_TX_OPTIONS);
  return { id: a.id, status: "CANCELLED" };
}

/**
 * Dispatcher swaps a proposed resource for another: the new resource is re-checked against every rule of
 * the candidate query for this need (restricted to its id) and scored; an ineligible one is refused with a
 * field error on `resourceId`. The old row becomes CANCELLED and a new PROPOSED row (same batch, fresh
 * score and explanation, a unit free in the window) takes its place — one transaction, audited.
 */
export async function replaceProposal(
  db: PrismaClient,
  actor: Actor,
  input: { assignmentId: string; resourceId: string },
  now = new Date(),
): Promise<TProposalDto["assignments"][number]> {
  const a = await loadProposed(db, actor, input.assignmentId);
  const need = await loadMatchNeed(db, a.needId);
  const [found] = await findCandidates(db, need, { now, resourceId: input.resourceId, poolSize: 1 });
  if (!found) {
    throw new AppError("BAD_REQUEST", "That resource is not eligible for this need (type, capability, distance, availability, credentials or capacity).", {
      resourceId: ["errors.resourceIneligible"],
    });
  }
  const metrics = metricLabelsOf(need.compatibleTypes, need.typeId);
  const scored = scoreCandidate(need, found, { now, metrics });
  const row = await candidateRow(db, need, scored, { quantity: a.quantity, proposedById: actor.userId, batchId: a.batchId, avoidProposed: true });
  if (!row) {
    throw new AppError("BAD_REQUEST", "Every unit of that resource is already proposed or booked for this time.", {
      resourceId: ["errors.resourceNoFreeUnit"],
    });
  }
  const created = await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM incident WHERE id = ${a.incidentId} FOR UPDATE`;
    if (!(await withdrawProposed(tx, a.id))) throw new AppError("CONFLICT", "This proposal was changed meanwhile; reload it.");
    const made = await tx.assignment.create({ data: row, select: { id: true } });
    await snapshotQuotes(tx, [made.id]); // a paid need's replacement carries its own quote
    const next = await tx.assignment.findUniqueOrThrow({ where: { id: made.id }, select: proposalAssignmentSelect });
    await recordAudit(tx, {
      actorId: actor.userId, orgId: a.orgId, action: "assignment.replace", entityType: "Assignment", entityId: next.id,
      data: { needId: a.needId, replaced: a.id, fromResourceId: a.resourceId, toResourceId: input.resourceId, score: scored.score },
    });
    return next;
  }, CONTENDED_TX_OPTIONS);
  return toProposalAssignment(created);
}

/** Switches the incident's auto mode (dispatchers/owners of the running organisation, or an admin). Audited. */
export async function setAutoDispatch(db: PrismaClient, actor: Actor, incidentId: string, on: boolean): Promise<{ incidentId: string; autoDispatch: boolean }> {
  const incident = await loadIncidentForAssignment(db, actor, incidentId, true);
  await db.$transaction(async (tx) => {
    await tx.incident.update({ where: { id: incidentId }, data: { autoDispatch: on }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.userId, orgId: incident.orgId, action: "incident.auto_dispatch", entityType: "Incident", entityId: incidentId, data: { on } });
  }, CONTENDED_TX_OPTIONS);
  return { incidentId, autoDispatch: on };
}
