import type { Db } from "@/server/db";
import type { OrderStatus } from "@/server/generated/prisma/enums";
import { postJournal } from "@/server/modules/ledger/post-journal";
import { statusAfterRefund } from "@/server/modules/orders/order-state";
import { enqueueJob } from "@/server/jobs/queue";

/**
 * The money effects of Stripe's facts, each derived idempotently: the journal's idempotency key is the
 * fact's identity (the order's payment, a refund's id), so a repeated or late delivery posts nothing new,
 * and the order's columns are recomputed from the ledger rather than incremented.
 */
type LockedOrder = {
  id: string;
  status: OrderStatus;
  amount_cents: number;
  currency: string;
  buyer_org_id: string;
  incident_id: string | null;
};

export async function lockOrder(tx: Db, orderId: string): Promise<LockedOrder | null> {
  const rows = await tx.$queryRaw<LockedOrder[]>`
    SELECT id, status, amount_cents, currency, buyer_org_id, incident_id FROM orders WHERE id = ${orderId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** The worker's queue that gives back card money the buyer did not owe (payments/refund-excess.ts). */
export const EXCESS_REFUND_QUEUE = "payments.refundExcess";

/**
 * Money in, once per order. A payment that arrives after a cancellation is still recorded (it happened); what
 * it paid beyond what was still owed is queued to go back to the buyer, in the same transaction.
 */
export async function applyPaid(tx: Db, orderId: string, p: { amountCents: number; paymentIntentId: string | null; sessionId?: string | null }): Promise<boolean> {
  const o = await lockOrder(tx, orderId);
  if (!o || p.amountCents <= 0) return false;
  const posted = await postJournal(tx, {
    kind: "order.paid",
    incidentId: o.incident_id,
    orderId: o.id,
    idempotencyKey: `order:${o.id}:paid`,
    memo: p.paymentIntentId ? `Stripe ${p.paymentIntentId}` : "Card payment",
    lines: [
      { account: "stripe_balance", debitCents: p.amountCents, currency: o.currency },
      { account: "buyer_receivable", orgId: o.buyer_org_id, creditCents: p.amountCents, currency: o.currency },
    ],
  });
  if (posted.replayed) return false;
  const moveToPaid = o.status === "ACCEPTED" || o.status === "PAYABLE" || o.status === "PENDING" || o.status === "AUTHORIZED";
  await tx.order.update({
    where: { id: o.id },
    data: {
      ...(moveToPaid ? { status: "PAID" as const } : {}),
      paidAt: new Date(),
      settlementMode: "STRIPE",
      ...(p.paymentIntentId ? { stripePaymentIntentId: p.paymentIntentId } : {}),
      ...(p.sessionId ? { stripeCheckoutSessionId: p.sessionId } : {}),
    },
    select: { id: true },
  });
  if ((await excessPaidCents(tx, o.id)) > 0) {
    await enqueueJob(tx, { queue: EXCESS_REFUND_QUEUE, key: `order:${o.id}:excess-refund`, payload: { orderId: o.id }, maxAttempts: 10 });
  }
  return true;
}

/**
 * What the buyer paid beyond what it owes on the order: the buyer's receivable below zero (accepted, less
 * reductions, less payments, plus what was already given back). A refund the supplier owes directly after an
 * invoice settlement (order.refund_owed) is between the two sides, not card money, and is left out.
 */
export async function excessPaidCents(tx: Db, orderId: string): Promise<number> {
  const rows = await tx.$queryRaw<{ balance: bigint | null }[]>`
    SELECT SUM(e.debit_cents - e.credit_cents)::bigint AS balance FROM ledger_entry e JOIN ledger_journal j ON j.id = e.journal_id
    WHERE j.order_id = ${orderId} AND e.account = 'buyer_receivable' AND j.kind <> 'order.refund_owed'`;
  return Math.max(0, -Number(rows[0]?.balance ?? 0));
}

/** Card money the buyer did not owe, returned: once per Stripe refund id (the same key a plain refund would take). */
export async function applyExcessRefund(tx: Db, orderId: string, r: { refundId: string; amountCents: number }): Promise<boolean> {
  const o = await lockOrder(tx, orderId);
  if (!o || r.amountCents <= 0) return false;
  const posted = await postJournal(tx, {
    kind: "order.excess_refund",
    incidentId: o.incident_id,
    orderId: o.id,
    idempotencyKey: `refund:${r.refundId}`,
    memo: `Stripe ${r.refundId} (paid beyond what was owed)`,
    lines: [
      { account: "buyer_receivable", orgId: o.buyer_org_id, debitCents: r.amountCents, currency: o.currency },
      { account: "stripe_balance", creditCents: r.amountCents, currency: o.currency },
    ],
  });
  return !posted.replayed;
}

/** Money back to the buyer, once per Stripe refund id. */
export async function applyRefund(tx: Db, orderId: string, r: { refundId: string; amountCents: number }): Promise<boolean> {
  const o = await lockOrder(tx, orderId);
  if (!o || r.amountCents <= 0) return false;
  const posted = await postJournal(tx, {
    kind: "order.refund",
    incidentId: o.incident_id,
    orderId: o.id,
    idempotencyKey: `refund:${r.refundId}`,
    memo: `Stripe ${r.refundId}`,
    lines: [
      { account: "incident_clearing", debitCents: r.amountCents, currency: o.currency },
      { account: "stripe_balance", creditCents: r.amountCents, currency: o.currency },
    ],
  });
  if (posted.replayed) return false;
  await syncRefunded(tx, o);
  return true;
}

/** Unpaid order owed less (cancellation, or the share after mobilisation): the obligation shrinks. */
export async function applyReduction(tx: Db, orderId: string, amountCents: number, key: string): Promise<boolean> {
  const o = await lockOrder(tx, orderId);
  if (!o || amountCents <= 0) return false;
  const posted = await postJournal(tx, {
    kind: "order.reduced",
    incidentId: o.incident_id,
    orderId: o.id,
    idempotencyKey: key,
    memo: "Cancelled (not paid)",
    lines: [
      { account: "incident_clearing", debitCents: amountCents, currency: o.currency },
      { account: "buyer_receivable", orgId: o.buyer_org_id, creditCents: amountCents, currency: o.currency },
    ],
  });
  if (posted.replayed) return false;
  await syncRefunded(tx, o);
  return true;
}

/** refunded_cents = what the ledger says was refunded or taken off (never incremented in place). */
export async function syncRefunded(tx: Db, o: LockedOrder): Promise<void> {
  const rows = await tx.$queryRaw<{ total: bigint | null }[]>`
    SELECT SUM(e.debit_cents)::bigint AS total FROM ledger_entry e JOIN ledger_journal j ON j.id = e.journal_id
    WHERE j.order_id = ${o.id} AND j.kind IN ('order.refund', 'order.reduced', 'order.refund_owed') AND e.account = 'incident_clearing'`;
  const refunded = Math.min(o.amount_cents, Number(rows[0]?.total ?? 0));
  const fresh = await tx.order.findUniqueOrThrow({ where: { id: o.id }, select: { status: true, paidAt: true } });
  let status: OrderStatus = fresh.status;
  if (fresh.paidAt) status = statusAfterRefund(fresh.status, o.amount_cents, refunded);
  else if (refunded >= o.amount_cents) status = "CANCELLED";
  await tx.order.update({ where: { id: o.id }, data: { refundedCents: refunded, status, ...(status === "CANCELLED" ? { cancelledAt: new Date() } : {}) }, select: { id: true } });
}
