import type { Db } from "@/server/db";
import { postJournal } from "@/server/modules/ledger/post-journal";
import { readQuote } from "@/server/modules/orders/quote";
import { snapshotQuotes } from "@/server/modules/orders/snapshot-quote";

/**
 * Inside the acceptance transaction: a paid need's accepted assignment gets its order (one per assignment,
 * unique in the database) with the quote as sent, and the "order.accepted" journal. Nothing here can
 * refuse the acceptance for a money reason: an assignment without a usable quote (a free listing) simply
 * has no order. Returns the order id, or null.
 */
export async function createOrderForAssignment(tx: Db, assignmentId: string): Promise<string | null> {
  await snapshotQuotes(tx, [assignmentId]); // an offer sent before quotes existed gets one now
  const a = await tx.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true,
      quote: true,
      needId: true,
      need: { select: { paymentMode: true, incidentId: true, incident: { select: { orgId: true } } } },
      resource: { select: { ownerOrgId: true } },
      order: { select: { id: true } },
    },
  });
  if (!a || a.need.paymentMode !== "PAID") return null;
  if (a.order) return a.order.id;
  const quote = readQuote(a.quote);
  if (!quote || quote.subtotalCents <= 0) return null;
  const order = await tx.order.create({
    data: {
      needId: a.needId,
      assignmentId: a.id,
      incidentId: a.need.incidentId,
      buyerOrgId: a.need.incident.orgId,
      sellerOrgId: a.resource?.ownerOrgId ?? null,
      amountCents: quote.subtotalCents,
      depositCents: quote.depositCents,
      currency: quote.currency,
      quote: quote as object,
      cancelShareBps: quote.cancelShareBps,
      status: "ACCEPTED",
      acceptedAt: new Date(),
    },
    select: { id: true },
  });
  await postJournal(tx, {
    kind: "order.accepted",
    incidentId: a.need.incidentId,
    orderId: order.id,
    idempotencyKey: `order:${order.id}:accepted`,
    memo: "Quote accepted",
    lines: [
      { account: "buyer_receivable", orgId: a.need.incident.orgId, debitCents: quote.subtotalCents, currency: quote.currency },
      { account: "incident_clearing", orgId: null, creditCents: quote.subtotalCents, currency: quote.currency },
    ],
  });
  return order.id;
}
