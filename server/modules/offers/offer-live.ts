import type { Db } from "@/server/db";
import { RESOURCE_OFFER_EVENT } from "@/lib/schemas/live";
import type { AssignmentStatus } from "@/server/generated/prisma/enums";
import { publishLive, type LiveEventInput } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import type { OfferContext } from "@/server/modules/offers/offer-access";

type OfferFacts = Pick<OfferContext, "id" | "needId" | "incidentId" | "quantity" | "supplierOrgId" | "supplierUserId">;

/**
 * One change of a resource offer, for the supplier side (the owning organisation's topic, or the owning
 * expert's own user topic) and the demand side (the need's and the incident's topics, which the requester's
 * pages follow). Ids, status and quantity only — no names, contacts, locations or decline reasons: the
 * pages refetch what they show through their own scoped queries.
 */
export function resourceOfferEvents(o: OfferFacts, status: AssignmentStatus, holdExpiresAt: Date | null = null): LiveEventInput[] {
  const data = {
    assignmentId: o.id,
    needId: o.needId,
    incidentId: o.incidentId,
    status,
    quantity: o.quantity,
    holdExpiresAt: holdExpiresAt ? holdExpiresAt.toISOString() : null,
  };
  const topics = [
    ...(o.supplierOrgId ? [liveTopics.supplier(o.supplierOrgId)] : []),
    ...(o.supplierUserId ? [liveTopics.user(o.supplierUserId)] : []),
    liveTopics.need(o.needId),
    liveTopics.incident(o.incidentId),
  ];
  return topics.map((topic) => ({ topic, kind: RESOURCE_OFFER_EVENT, data }));
}

/** Publishes them inside the caller's transaction (they reach subscribers only if it commits). */
export function publishResourceOffer(tx: Db, o: OfferFacts, status: AssignmentStatus, holdExpiresAt: Date | null = null): Promise<number> {
  return publishLive(tx, resourceOfferEvents(o, status, holdExpiresAt));
}
