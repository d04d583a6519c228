import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TNeedDto } from "@/lib/schemas/needs";
import { assertCanWrite, incidentScope } from "@/server/modules/incidents/access";
import type { IncidentForWrite } from "@/server/modules/incidents/load-incident";
import { needSelect, toNeedDto, type NeedRow } from "@/server/modules/needs/need-dto";

const incidentSelect = {
  id: true,
  orgId: true,
  status: true,
  updatedAt: true,
  org: { select: { requiresNeedApproval: true } },
} as const;

export type NeedWithIncident = { need: NeedRow; incident: IncidentForWrite };

async function findScoped(db: Db, actor: Actor, id: string): Promise<NeedWithIncident> {
  const row = await db.need.findFirst({
    where: { id, incident: incidentScope(actor) },
    select: { ...needSelect, incident: { select: incidentSelect } },
  });
  if (!row) throw new AppError("NOT_FOUND", "This need does not exist or is not yours to see.");
  const { incident, ...need } = row;
  return { need, incident };
}

/** A need of an incident the caller can see (owning organisation's members, admins). */
export async function getNeed(db: Db, actor: Actor, id: string): Promise<TNeedDto> {
  return toNeedDto((await findScoped(db, actor, id)).need);
}

/** A need the caller may change: visible (else NOT_FOUND) and theirs to write (else FORBIDDEN). */
export async function loadNeedForWrite(db: Db, actor: Actor, id: string): Promise<NeedWithIncident> {
  const found = await findScoped(db, actor, id);
  assertCanWrite(actor, found.incident.orgId);
  return found;
}
