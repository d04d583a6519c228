import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TCreateIncidentInput, TCreateIncidentResult } from "@/lib/schemas/incidents";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { resolveCreatingOrg } from "@/server/modules/incidents/access";
import { insertNeed } from "@/server/modules/needs/create-need";
import { getNeedTemplate, needsFromTemplate } from "@/server/modules/needs/templates";

export async function assertRegionExists(db: Db, code: string): Promise<void> {
  const region = await db.region.findUnique({ where: { code }, select: { code: true } });
  if (!region) throw new AppError("BAD_REQUEST", "Unknown region code.", { regionCode: ["Unknown region code."] });
}

/**
 * Creates an incident for one of the caller's verified government organisations; with a template, also
 * posts the template's needs (all or the chosen subset, with edited quantities). Everything — the
 * incident, every need and every audit row — commits in ONE transaction or not at all.
 */
export async function createIncident(db: Db, actor: Actor, input: TCreateIncidentInput, now = new Date()): Promise<TCreateIncidentResult> {
  const orgId = resolveCreatingOrg(actor, input.orgId);
  await assertRegionExists(db, input.regionCode);
  const org = await db.organization.findUnique({ where: { id: orgId }, select: { requiresNeedApproval: true } });
  if (!org) throw new AppError("NOT_FOUND", "This organisation does not exist.");
  const template = input.templateCode ? await getNeedTemplate(db, input.templateCode) : null;
  if (!template && input.templateItems?.length) {
    throw new AppError("BAD_REQUEST", "Template items need a template.", { templateCode: ["Choose a template."] });
  }
  const site = { lat: input.lat, lng: input.lng, address: input.address };
  const needs = template ? needsFromTemplate(template, input.templateItems, site, now) : [];

  return inTransaction(db, async (tx) => {
    const incident = await tx.incident.create({
      data: {
        orgId,
        createdById: actor.userId,
        commanderId: actor.apiKey ? null : actor.userId,
        title: input.title,
        kind: input.kind,
        severity: input.severity,
        status: input.status,
        lat: input.lat,
        lng: input.lng,
        address: input.address,
        regionCode: input.regionCode,
        area: (input.area ?? undefined) as Prisma.InputJsonValue | undefined,
        description: input.description ?? "",
        startedAt: now,
      },
      select: { id: true, orgId: true, status: true, updatedAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      orgId,
      action: "incident.create",
      entityType: "Incident",
      entityId: incident.id,
      data: { title: input.title, kind: input.kind, severity: input.severity, status: input.status, template: template?.code ?? null, via: actor.via },
    });
    const needIds: string[] = [];
    for (const need of needs) {
      const created = await insertNeed(tx, actor, { ...incident, org }, need, now);
      needIds.push(created.id);
    }
    return { id: incident.id, needIds };
  });
}
