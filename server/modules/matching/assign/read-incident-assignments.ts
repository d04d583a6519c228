import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TIncidentAssignment } from "@/lib/schemas/matching-assign";
import { loadIncidentForAssignment } from "@/server/modules/matching/assign/proposal-access";

/**
 * Every assignment of the incident past the proposal stage — on offer, booked, in progress, finished, or
 * declined/expired/withdrawn after an offer — newest first, for the incident page's lifecycle view.
 * Readers of the incident only. Resources are listings: their title and owning organisation are shown;
 * knight tasks are left out (they have their own dispatch card, and knights are not named here).
 */
export async function readIncidentAssignments(db: Db, actor: Actor, incidentId: string): Promise<TIncidentAssignment[]> {
  await loadIncidentForAssignment(db, actor, incidentId, false);
  const rows = await db.assignment.findMany({
    where: { need: { incidentId }, resourceId: { not: null }, status: { not: "PROPOSED" }, offeredAt: { not: null } },
    select: {
      id: true, needId: true, status: true, quantity: true, holdExpiresAt: true, declineReason: true, updatedAt: true,
      resource: { select: { title: true, titleEn: true, ownerOrg: { select: { name: true, nameEn: true } } } },
      requisition: { select: { number: true } },
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 500,
  });
  return rows.map((r) => ({
    id: r.id,
    needId: r.needId,
    status: r.status,
    quantity: r.quantity,
    resourceTitle: r.resource?.title ?? "",
    resourceTitleEn: r.resource?.titleEn ?? null,
    supplierName: r.resource?.ownerOrg?.name ?? null,
    supplierNameEn: r.resource?.ownerOrg?.nameEn ?? null,
    holdExpiresAt: r.status === "OFFERED" ? r.holdExpiresAt : null,
    declineReason: r.declineReason,
    updatedAt: r.updatedAt,
    requisitionNumber: r.requisition?.number ?? null,
  }));
}
