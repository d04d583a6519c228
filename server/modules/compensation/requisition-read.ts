import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { lifecycleMinutes } from "@/server/modules/compensation/assemble-lines";
import { actingParty, LEGAL_BASIS, loadParties } from "@/server/modules/compensation/requisition-access";
import type { TRequisitionDto } from "@/lib/schemas/compensation";

/** The requisition decision with its handover and return records, for either side (NOT_FOUND otherwise). */
export async function getRequisition(db: Db, actor: Actor, assignmentId: string): Promise<TRequisitionDto> {
  const o = await loadParties(db, actor, assignmentId);
  const r = await db.requisition.findUnique({
    where: { assignmentId: o.id },
    select: {
      id: true, number: true, decidedAt: true, requesterOrgId: true, supplierOrgId: true,
      handoverOpenedAt: true, handoverNote: true, operatorCount: true, handoverSupplierAt: true, handoverRequesterAt: true,
      returnOpenedAt: true, returnNote: true, damageNote: true, damageCents: true, kmDriven: true, returnSupplierAt: true, returnRequesterAt: true,
      rateCard: { select: { id: true, typeId: true, version: true, effectiveFrom: true, rentUnit: true, rentCents: true, operatorCentsPerHour: true, fuelCentsPerKm: true, currency: true, note: true } },
      photos: { orderBy: { createdAt: "asc" }, select: { id: true, stage: true, contentType: true } },
      assignment: {
        select: {
          status: true, acceptedAt: true, mobilizedAt: true, enRouteAt: true, onSceneAt: true, completedAt: true, releasedAt: true,
          claim: { select: { id: true } },
          need: { select: { id: true, title: true, stagingAddress: true, incident: { select: { id: true, title: true, org: { select: { id: true, name: true } } } } } },
          resource: { select: { id: true, title: true, ownerOrg: { select: { name: true } }, ownerUser: { select: { name: true } }, type: { select: { code: true, nameZh: true, nameEn: true } } } },
        },
      },
    },
  });
  if (!r) throw new AppError("NOT_FOUND", "This assignment has no requisition.");
  const a = r.assignment;
  const res = a.resource!;
  const { operating, standby } = lifecycleMinutes(a);
  const photos = (stage: string) => r.photos.filter((p) => p.stage === stage).map(({ id, contentType }) => ({ id, contentType }));
  return {
    id: r.id, assignmentId: o.id, number: r.number, legalBasis: LEGAL_BASIS, decidedAt: r.decidedAt,
    incident: { id: a.need.incident.id, title: a.need.incident.title },
    requester: { id: a.need.incident.org.id, name: a.need.incident.org.name },
    supplier: { id: r.supplierOrgId, name: res.ownerOrg?.name ?? res.ownerUser?.name ?? "" },
    resource: { id: res.id, title: res.title, typeCode: res.type.code, typeNameZh: res.type.nameZh, typeNameEn: res.type.nameEn },
    need: a.need,
    rateCard: r.rateCard,
    assignmentStatus: a.status,
    lifecycle: { acceptedAt: a.acceptedAt, mobilizedAt: a.mobilizedAt, enRouteAt: a.enRouteAt, onSceneAt: a.onSceneAt, completedAt: a.completedAt, releasedAt: a.releasedAt },
    operatingMinutes: operating,
    standbyMinutes: standby,
    handover: { openedAt: r.handoverOpenedAt, note: r.handoverNote, operatorCount: r.operatorCount, supplierConfirmedAt: r.handoverSupplierAt, requesterConfirmedAt: r.handoverRequesterAt, photos: photos("HANDOVER") },
    return: {
      openedAt: r.returnOpenedAt, note: r.returnNote, damageNote: r.damageNote, damageCents: r.damageCents, kmDriven: r.kmDriven,
      supplierConfirmedAt: r.returnSupplierAt, requesterConfirmedAt: r.returnRequesterAt, photos: photos("RETURN"),
    },
    myParty: actingParty(actor, o),
    claimId: a.claim?.id ?? null,
  };
}

export type RequisitionListItem = { assignmentId: string; number: string; decidedAt: Date; incidentTitle: string; resourceTitle: string; requesterName: string; assignmentStatus: string; claimStatus: string | null };

/** Requisitions where the caller's organisation is either side, newest first. */
export async function listRequisitions(db: Db, actor: Actor): Promise<RequisitionListItem[]> {
  const orgs = actor.apiKey ? [actor.apiKey.orgId] : actor.memberships.map((m) => m.orgId);
  const rows = await db.requisition.findMany({
    where: { OR: [{ requesterOrgId: { in: orgs } }, { supplierOrgId: { in: orgs } }] },
    orderBy: { decidedAt: "desc" },
    take: 200,
    select: {
      assignmentId: true, number: true, decidedAt: true,
      assignment: { select: { status: true, claim: { select: { status: true } }, resource: { select: { title: true } }, need: { select: { incident: { select: { title: true, org: { select: { name: true } } } } } } } },
    },
  });
  return rows.map((r) => ({
    assignmentId: r.assignmentId, number: r.number, decidedAt: r.decidedAt, incidentTitle: r.assignment.need.incident.title,
    resourceTitle: r.assignment.resource?.title ?? "", requesterName: r.assignment.need.incident.org.name, assignmentStatus: r.assignment.status,
    claimStatus: r.assignment.claim?.status ?? null,
  }));
}
