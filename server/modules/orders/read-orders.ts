import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { Prisma } from "@/server/generated/prisma/client";
import type { TOrder, TOrderDetail, TOrderListInput } from "@/lib/schemas/orders";
import { orderScope, sideOf } from "@/server/modules/orders/order-access";
import { readQuote } from "@/server/modules/orders/quote";
import { previewCancellation } from "@/server/modules/payments/cancel-order";
import type { PrismaClient } from "@/server/db";

const orderSelect = {
  id: true, status: true, amountCents: true, refundedCents: true, feeCents: true, depositCents: true, currency: true, settlementMode: true,
  incidentId: true, needId: true, assignmentId: true, quote: true, acceptedAt: true, paidAt: true, settledAt: true, cancelledAt: true, createdAt: true,
  buyerOrgId: true, sellerOrgId: true,
  incident: { select: { title: true } },
  need: { select: { title: true } },
  assignment: { select: { status: true, resource: { select: { title: true, ownerUserId: true } } } },
  buyerOrg: { select: { name: true } },
  sellerOrg: { select: { name: true } },
} satisfies Prisma.OrderSelect;

type Row = Prisma.OrderGetPayload<{ select: typeof orderSelect }>;

function toDto(actor: Actor, r: Row): TOrder {
  return {
    id: r.id,
    status: r.status,
    side: sideOf(actor, { id: r.id, buyerOrgId: r.buyerOrgId, sellerOrgId: r.sellerOrgId, sellerUserId: r.assignment?.resource?.ownerUserId ?? null }),
    amountCents: r.amountCents,
    refundedCents: r.refundedCents,
    feeCents: r.feeCents,
    depositCents: r.depositCents,
    currency: r.currency,
    settlementMode: r.settlementMode === "STRIPE" ? "STRIPE" : "INVOICE",
    incidentId: r.incidentId,
    incidentTitle: r.incident?.title ?? null,
    needId: r.needId,
    needTitle: r.need?.title ?? null,
    assignmentId: r.assignmentId,
    assignmentStatus: r.assignment?.status ?? null,
    resourceTitle: r.assignment?.resource?.title ?? null,
    buyerOrgName: r.buyerOrg.name,
    sellerOrgName: r.sellerOrg?.name ?? null,
    quote: readQuote(r.quote),
    acceptedAt: r.acceptedAt,
    paidAt: r.paidAt,
    settledAt: r.settledAt,
    cancelledAt: r.cancelledAt,
    createdAt: r.createdAt,
  };
}

/** The caller's orders (bought or sold), newest first. */
export async function listOrders(db: Db, actor: Actor, input: TOrderListInput): Promise<{ items: TOrder[] }> {
  const rows = await db.order.findMany({
    where: { AND: [orderScope(actor), { ...(input.status ? { status: input.status } : {}), ...(input.incidentId ? { incidentId: input.incidentId } : {}) }] },
    select: orderSelect,
    orderBy: { createdAt: "desc" },
    take: input.limit,
  });
  return { items: rows.map((r) => toDto(actor, r)) };
}

export async function getOrder(db: Db, actor: Actor, id: string): Promise<TOrder> {
  const r = await db.order.findFirst({ where: { AND: [{ id }, orderScope(actor)] }, select: orderSelect });
  if (!r) throw new AppError("NOT_FOUND", "This order does not exist.");
  return toDto(actor, r);
}

const DISPATCH_ROLES = new Set(["OWNER", "DISPATCHER"]);

/** The order page: the order, what the caller may do next, and the cancellation policy applied now. */
export async function getOrderDetail(db: PrismaClient, actor: Actor, id: string, cardConfigured: boolean): Promise<TOrderDetail> {
  const order = await getOrder(db, actor, id);
  const buyerRow = await db.order.findUniqueOrThrow({ where: { id }, select: { buyerOrgId: true } });
  const dispatcher = actor.memberships.some((m) => m.orgId === buyerRow.buyerOrgId && DISPATCH_ROLES.has(m.orgRole));
  const open = order.status === "ACCEPTED" || order.status === "PAYABLE";
  const buyer = order.side === "buyer" && dispatcher;
  const done = order.assignmentStatus === "COMPLETED" || order.assignmentStatus === "RELEASED";
  const cancellable = !["CANCELLED", "REFUNDED", "SETTLED"].includes(order.status);
  return {
    order,
    cardConfigured,
    cancellation: cancellable ? await previewCancellation(db, id) : null,
    can: {
      pay: buyer && open && cardConfigured,
      payByInvoice: buyer && open && !(order.status === "PAYABLE" && order.settlementMode === "INVOICE"),
      cancel: buyer && cancellable,
      settle: buyer && done && (order.status === "PAID" || order.status === "PARTIALLY_REFUNDED"),
      confirmInvoice: order.side === "seller" && order.status === "PAYABLE" && order.settlementMode === "INVOICE",
      // the supplier was paid (card payout or invoice): a refund now takes its share back (refund-after-payout.ts)
      refundAfterPayout: buyer && order.status === "SETTLED" && order.amountCents > order.refundedCents && (order.settlementMode === "INVOICE" || cardConfigured),
    },
  };
}
