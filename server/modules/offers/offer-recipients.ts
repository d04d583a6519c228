import type { Db } from "@/server/db";
import type { OfferContext } from "@/server/modules/offers/offer-access";

/** Who hears about an offer on the supply side: the owning expert, or the supplier org's members. */
export async function supplierUserIds(db: Db, o: Pick<OfferContext, "supplierOrgId" | "supplierUserId">): Promise<string[]> {
  if (o.supplierUserId) return [o.supplierUserId];
  if (!o.supplierOrgId) return [];
  const rows = await db.membership.findMany({ where: { orgId: o.supplierOrgId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

/** Who hears about answers on the demand side: the requesting org's dispatchers and owners. */
export async function dispatcherUserIds(db: Db, requesterOrgId: string): Promise<string[]> {
  const rows = await db.membership.findMany({ where: { orgId: requesterOrgId, role: { in: ["DISPATCHER", "OWNER"] } }, select: { userId: true } });
  return rows.map((r) => r.userId);
}
