import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TIncidentSummary, TUpdateIncidentInput } from "@/lib/schemas/incidents";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { assertRegionExists } from "@/server/modules/incidents/create-incident";
import { loadIncidentForWrite } from "@/server/modules/incidents/load-incident";

/**
 * Edits an open incident. `version` (the DTO's, = updatedAt in ms) makes a concurrent edit a CONFLICT
 * rather than a silent overwrite. A commander must be a member of the owning organisation.
 */
export async function updateIncident(db: Db, actor: Actor, input: TUpdateIncidentInput): Promise<TIncidentSummary> {
  const incident = await loadIncidentForWrite(db, actor, input.id);
  if (incident.status === "CLOSED") throw new AppError("CONFLICT", "This incident is closed; closed incidents cannot change.");
  if (input.version !== undefined && input.version !== incident.updatedAt.getTime()) {
    throw new AppError("CONFLICT", "Someone else changed this incident; reload and try again.");
  }
  if (input.regionCode) await assertRegionExists(db, input.regionCode);
  if (input.commanderId) {
    const member = await db.membership.findFirst({ where: { orgId: incident.orgId, userId: input.commanderId }, select: { id: true } });
    if (!member) throw new AppError("BAD_REQUEST", "The commander must be a member of your organisation.", { commanderId: ["Not a member of your organisation."] });
  }
  const { id, version, area, ...fields } = input;
  void version;
  const data: Prisma.IncidentUncheckedUpdateManyInput = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (data as Record<string, unknown>)[k] = v;
  if (area !== undefined) data.area = area === null ? Prisma.DbNull : (area as Prisma.InputJsonValue);
  const changed = Object.keys(data);
  if (changed.length === 0) throw new AppError("BAD_REQUEST", "Nothing to change.");
  return inTransaction(db, async (tx) => {
    const { count } = await tx.incident.updateMany({
      where: { id, updatedAt: incident.updatedAt, status: { not: "CLOSED" } },
      data,
    });
    if (count === 0) throw new AppError("CONFLICT", "Someone else changed this incident; reload and try again.");
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId: incident.orgId,
      action: "incident.update",
      entityType: "Incident",
      entityId: id,
      data: { changed },
    });
    const after = await tx.incident.findUniqueOrThrow({ where: { id }, select: { id: true, status: true, updatedAt: true } });
    return { id: after.id, status: after.status, version: after.updatedAt.getTime() };
  });
}
