import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { acceptOffer } from "@/server/modules/offers/answer-offer";
import { offerAssignment } from "@/server/modules/offers/send-offer";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

export type OrderFixtures = Awaited<ReturnType<typeof seedOfferFixtures>>;

/**
 * Test-only: a paid order made the way the product makes it — a PAID need, a priced listing, an offer
 * sent by the requester's dispatcher and accepted by the supplier (which creates the order).
 */
export async function makePaidOrder(db: PrismaClient, f: OrderFixtures, opts: { priceCents?: number; hours?: number; sellerOrgId?: string; supplier?: Actor; incidentId?: string } = {}) {
  const resourceId = await createResource(db, opts.sellerOrgId ?? f.orgs.enterprise, f.types.pump, 1, "计费排水泵");
  await db.resource.update({ where: { id: resourceId }, data: { pricingMode: "HOURLY", priceCents: opts.priceCents ?? 30_000, depositCents: 10_000 } });
  const needId = await createNeed(db, opts.incidentId ?? f.incidentId, f.types.pump, f.actors.dispatcherA.userId);
  await db.need.update({ where: { id: needId }, data: { paymentMode: "PAID", durationMinutes: (opts.hours ?? 4) * 60 } });
  const assignmentId = await propose(db, needId, resourceId);
  await offerAssignment(db, f.actors.dispatcherA, assignmentId);
  await acceptOffer(db, opts.supplier ?? f.actors.supplier, assignmentId);
  const order = await db.order.findUniqueOrThrow({ where: { assignmentId }, select: { id: true, amountCents: true } });
  return { orderId: order.id, amountCents: order.amountCents, assignmentId, resourceId, needId };
}
