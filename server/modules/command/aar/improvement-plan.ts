import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TCreateImprovementItemInput, TDeleteImprovementItemInput, TImprovementItem, TUpdateImprovementItemInput } from "@/lib/schemas/aar";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { assertCanEditImprovementPlan, loadAarIncident } from "@/server/modules/command/aar/aar-access";
import { loadParticipants } from "@/server/modules/command/aar/aar-participants";

const SELECT = {
  id: true, findingKey: true, issue: true, correctiveAction: true, responsibleOrgId: true, pointOfContact: true, startDate: true, completionDate: true,
  responsibleOrg: { select: { name: true } },
} as const;

type Row = { id: string; findingKey: string | null; issue: string; correctiveAction: string; responsibleOrgId: string; pointOfContact: string | null; startDate: Date; completionDate: Date | null; responsibleOrg: { name: string } };

const day = (d: Date) => d.toISOString().slice(0, 10);
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);

function toDto(r: Row): TImprovementItem {
  return {
    id: r.id, findingKey: r.findingKey ?? null, issue: r.issue, correctiveAction: r.correctiveAction, responsibleOrgId: r.responsibleOrgId,
    responsibleOrgName: r.responsibleOrg.name, pointOfContact: r.pointOfContact, startDate: day(r.startDate), completionDate: r.completionDate ? day(r.completionDate) : null,
  };
}

/** The plan's rows, by start date (the report and the CSV read them after the report's access check). */
export async function listImprovementItems(db: Db, incidentId: string): Promise<TImprovementItem[]> {
  const rows = await db.improvementItem.findMany({ where: { incidentId }, select: SELECT, orderBy: [{ startDate: "asc" }, { createdAt: "asc" }] });
  return rows.map(toDto);
}

/** The responsible organisation must be one that took part; the error names the field. */
async function assertResponsibleOrg(db: Db, incidentId: string, orgId: string): Promise<void> {
  const { participants } = await loadParticipants(db, incidentId);
  if (!participants.some((p) => p.orgId === orgId)) {
    throw new AppError("BAD_REQUEST", "The responsible organisation must be one that took part in the incident.", { responsibleOrgId: ["errors.orgNotParticipant"] });
  }
}

function fields(input: TCreateImprovementItemInput) {
  return {
    findingKey: input.findingKey || null,
    issue: input.issue,
    correctiveAction: input.correctiveAction,
    responsibleOrgId: input.responsibleOrgId,
    pointOfContact: input.pointOfContact || null,
    startDate: toDate(input.startDate),
    completionDate: input.completionDate ? toDate(input.completionDate) : null,
  };
}

export async function createImprovementItem(db: Db, actor: Actor, input: TCreateImprovementItemInput): Promise<TImprovementItem> {
  const incident = await loadAarIncident(db, actor, input.incidentId);
  assertCanEditImprovementPlan(actor, incident);
  await assertResponsibleOrg(db, incident.id, input.responsibleOrgId);
  return inTransaction(db, async (tx) => {
    const row = await tx.improvementItem.create({ data: { ...fields(input), incidentId: incident.id, createdById: actor.userId }, select: SELECT });
    await recordAudit(tx, { actorId: actor.userId, orgId: incident.orgId, action: "improvementItem.create", entityType: "ImprovementItem", entityId: row.id, data: { incidentId: incident.id, findingKey: row.findingKey } });
    return toDto(row);
  });
}

async function ownItem(db: Db, incidentId: string, id: string): Promise<void> {
  const found = await db.improvementItem.findFirst({ where: { id, incidentId }, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "No such improvement item on this incident.");
}

export async function updateImprovementItem(db: Db, actor: Actor, input: TUpdateImprovementItemInput): Promise<TImprovementItem> {
  const incident = await loadAarIncident(db, actor, input.incidentId);
  assertCanEditImprovementPlan(actor, incident);
  await ownItem(db, incident.id, input.id);
  await assertResponsibleOrg(db, incident.id, input.responsibleOrgId);
  return inTransaction(db, async (tx) => {
    const row = await tx.improvementItem.update({ where: { id: input.id }, data: fields(input), select: SELECT });
    await recordAudit(tx, { actorId: actor.userId, orgId: incident.orgId, action: "improvementItem.update", entityType: "ImprovementItem", entityId: row.id, data: { incidentId: incident.id } });
    return toDto(row);
  });
}

export async function deleteImprovementItem(db: Db, actor: Actor, input: TDeleteImprovementItemInput): Promise<{ id: string }> {
  const incident = await loadAarIncident(db, actor, input.incidentId);
  assertCanEditImprovementPlan(actor, incident);
  await ownItem(db, incident.id, input.id);
  await inTransaction(db, async (tx) => {
    await tx.improvementItem.delete({ where: { id: input.id } });
    await recordAudit(tx, { actorId: actor.userId, orgId: incident.orgId, action: "improvementItem.delete", entityType: "ImprovementItem", entityId: input.id, data: { incidentId: incident.id } });
  });
  return { id: input.id };
}
