import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { assertCanWrite, incidentScope } from "@/server/modules/incidents/access";

const writeSelect = {
  id: true,
  orgId: true,
  status: true,
  updatedAt: true,
  org: { select: { requiresNeedApproval: true } },
} as const;

export type IncidentForWrite = {
  id: string;
  orgId: string;
  status: "DRAFT" | "ACTIVE" | "CONTAINED" | "CLOSED";
  updatedAt: Date;
  org: { requiresNeedApproval: boolean };
};

/** The incident, if the caller can see it (else NOT_FOUND) and change it (else FORBIDDEN). */
export async function loadIncidentForWrite(db: Db, actor: Actor, id: string): Promise<IncidentForWrite> {
  const incident = await db.incident.findFirst({ where: { id, ...incidentScope(actor) }, select: writeSelect });
  if (!incident) throw new AppError("NOT_FOUND", "This incident does not exist or is not yours to see.");
  assertCanWrite(actor, incident.orgId);
  return incident;
}
