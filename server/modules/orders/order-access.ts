import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";

/**
 * Who may see an order: members (or the key) of the buying organisation, of the selling organisation, the
 * expert who owns the resource, and platform admins. Everyone else gets NOT_FOUND, never a hint it exists.
 */
export function orderScope(actor: Actor): Prisma.OrderWhereInput {
  if (actor.apiKey) return { OR: [{ buyerOrgId: actor.apiKey.orgId }, { sellerOrgId: actor.apiKey.orgId }] };
  if (actor.roles.includes("ADMIN")) return {};
  const orgIds = actor.memberships.map((m) => m.orgId);
  return {
    OR: [
      { buyerOrgId: { in: orgIds } },
      { sellerOrgId: { in: orgIds } },
      { assignment: { resource: { ownerUserId: actor.userId } } },
    ],
  };
}

export type OrderSide = "buyer" | "seller" | "admin";

export type OrderParties = { id: string; buyerOrgId: string; sellerOrgId: string | null; sellerUserId: string | null };

export async function loadOrderParties(db: Db, actor: Actor, orderId: string): Promise<OrderParties & { side: OrderSide }> {
  const o = await db.order.findFirst({
    where: { AND: [{ id: orderId }, orderScope(actor)] },
    select: { id: true, buyerOrgId: true, sellerOrgId: true, assignment: { select: { resource: { select: { ownerUserId: true } } } } },
  });
  if (!o) throw new AppError("NOT_FOUND", "This order does not exist.");
  const parties = { id: o.id, buyerOrgId: o.buyerOrgId, sellerOrgId: o.sellerOrgId, sellerUserId: o.assignment?.resource?.ownerUserId ?? null };
  return { ...parties, side: sideOf(actor, parties) };
}

export function sideOf(actor: Actor, o: OrderParties): OrderSide {
  const orgs = actor.apiKey ? [actor.apiKey.orgId] : actor.memberships.map((m) => m.orgId);
  if (orgs.includes(o.buyerOrgId)) return "buyer";
  if ((o.sellerOrgId && orgs.includes(o.sellerOrgId)) || (!actor.apiKey && o.sellerUserId === actor.userId)) return "seller";
  return "admin";
}

/** Paying and cancelling are the buyer's; dispatchers and owners act for it (members read). */
export function assertBuyerActor(actor: Actor, o: OrderParties): void {
  if (actor.apiKey) {
    if (actor.apiKey.orgId === o.buyerOrgId) return;
  } else if (actor.memberships.some((m) => m.orgId === o.buyerOrgId && (m.orgRole === "DISPATCHER" || m.orgRole === "OWNER"))) {
    return;
  }
  throw new AppError("FORBIDDEN", "Only a dispatcher of the requesting organisation may do this.");
}

export function assertSellerActor(actor: Actor, o: OrderParties): void {
  if (sideOf(actor, o) !== "seller") throw new AppError("FORBIDDEN", "Only the supplier of this order may do this.");
}
