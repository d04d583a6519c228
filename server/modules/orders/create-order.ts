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
type Row = {
  id: string;
  quote: unknown;
  need_id: string;
  payment_mode: string;
  incident_id: string;
  buyer_org_id: string;
  owner_org_id: string | null;
  order_id: string | null;
};

export async function createOrderForAssignment(tx: Db, assignmentId: string): Promise<string | null> {
  await snapshotQuotes(tx, [assignmentId]); // an offer sent before quotes existed gets one now
  // One joined read under the acceptance's resource lock (a nested Prisma select was five statements, its
  // relations sent at once on the transaction's one connection).
  const [a] = await tx.$queryRaw<Row[]>`
    SELECT a.id, a.quote, a.need_id, n.payment_mode::text AS payment_mode, n.incident_id, i.org_id AS buyer_org_id,
           r.owner_org_id, o.id AS order_id
      FROM assignment a
      JOIN need n ON n.id = a.need_id
      JOIN incident i ON i.id = n.incident_id
      LEFT JOIN resource r ON r.id = a.resource_id
      LEFT JOIN orders o ON o.assignment_id = a.id
     WHERE a.id = ${assignmentId}`;
  if (!a || a.payment_mode !== "PAID") return null;
  if (a.order_id) return a.order_id;
  const quote = readQuote(a.quote);
  if (!quote || quote.subtotalCents <= 0) return null;
  const order = await tx.order.create({
    data: {
      needId: a.need_id,
      assignmentId: a.id,
      incidentId: a.incident_id,
      buyerOrgId: a.buyer_org_id,
      sellerOrgId: a.owner_org_id,
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
    incidentId: a.incident_id,
    orderId: order.id,
    idempotencyKey: `order:${order.id}:accepted`,
    memo: "Quote accepted",
    lines: [
      { account: "buyer_receivable", orgId: a.buyer_org_id, debitCents: quote.subtotalCents, currency: quote.currency },
      { account: "incident_clearing", orgId: null, creditCents: quote.subtotalCents, currency: quote.currency },
    ],
  });
  return order.id;
}
