import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { postJournal, type JournalLineInput } from "@/server/modules/ledger/post-journal";
import { assertBuyerActor, assertSellerActor, loadOrderParties } from "@/server/modules/orders/order-access";
import { platformFeeCents } from "@/server/modules/orders/quote";
import { lockOrder } from "@/server/modules/payments/apply-payment";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";
import { reverseTransferForRefunds } from "@/server/modules/payments/refund-after-payout";

const DONE = ["COMPLETED", "RELEASED"];

/**
 * Card orders, once the work is done: the supplier earns what was paid less refunds, the platform keeps
 * its fee, and the rest is transferred to the supplier's Connect account (idempotency key per order, so
 * a retry after a crash gets the same transfer). Without a payout-enabled account the earning stays in
 * supplier_payable (shown as awaiting payout) and the order stays PAID until a later settle.
 * `actor` null = the system (simulator, jobs).
 */
export async function settleOrder(db: PrismaClient, cfg: PaymentsConfig, actor: Actor | null, orderId: string): Promise<{ status: string; transferId: string | null }> {
  if (actor) assertBuyerActor(actor, await loadOrderParties(db, actor, orderId));
  const o = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true, status: true, amountCents: true, refundedCents: true, currency: true, incidentId: true, sellerOrgId: true, buyerOrgId: true,
      stripeTransferId: true, paidAt: true,
      sellerOrg: { select: { stripeAccountId: true, stripePayoutsEnabled: true } },
      assignment: { select: { status: true, mobilizedAt: true } },
    },
  });
  if (o.status === "SETTLED") {
    // a refund after the payout whose transfer reversal failed earlier is retried here
    await reverseTransferForRefunds(db, cfg, o.id);
    return { status: o.status, transferId: o.stripeTransferId };
  }
  if (o.status !== "PAID" && o.status !== "PARTIALLY_REFUNDED") throw new AppError("CONFLICT", `This order is ${o.status}; only a paid order is settled.`);
  const cancelledAfterMobilising = o.assignment?.status === "CANCELLED" && o.assignment.mobilizedAt !== null;
  if (!DONE.includes(o.assignment?.status ?? "") && !cancelledAfterMobilising) {
    throw new AppError("PRECONDITION_FAILED", "The supplier is paid out once the assignment is completed.");
  }
  const earned = o.amountCents - o.refundedCents;
  const fee = platformFeeCents(earned, cfg.feeBps);
  const net = earned - fee;
  await db.$transaction(async (tx) => {
    await lockOrder(tx, o.id);
    await postJournal(tx, {
      kind: "order.earned",
      incidentId: o.incidentId,
      orderId: o.id,
      idempotencyKey: `order:${o.id}:earned`,
      memo: `Earned less platform fee (${cfg.feeBps} bps)`,
      lines: [
        { account: "incident_clearing", debitCents: earned, currency: o.currency },
        { account: "supplier_payable", orgId: o.sellerOrgId, creditCents: net, currency: o.currency },
        ...(fee > 0 ? [{ account: "platform_fees" as const, creditCents: fee, currency: o.currency }] : []),
      ] satisfies JournalLineInput[],
    });
    await tx.order.update({ where: { id: o.id }, data: { feeCents: fee }, select: { id: true } });
  });
  const account = o.sellerOrg?.stripePayoutsEnabled ? o.sellerOrg.stripeAccountId : null;
  if (!cfg.stripe || !account || net <= 0) return { status: o.status, transferId: null };
  const transfer = await cfg.stripe.transfers.create(
    { amount: net, currency: o.currency.toLowerCase(), destination: account, transfer_group: `order_${o.id}`, metadata: { orderId: o.id } },
    { idempotencyKey: `order:${o.id}:transfer` },
  );
  await db.$transaction(async (tx) => {
    await lockOrder(tx, o.id);
    await postJournal(tx, {
      kind: "order.transfer",
      incidentId: o.incidentId,
      orderId: o.id,
      idempotencyKey: `order:${o.id}:transfer`,
      memo: `Stripe ${transfer.id}`,
      lines: [
        { account: "supplier_payable", orgId: o.sellerOrgId, debitCents: net, currency: o.currency },
        { account: "stripe_balance", creditCents: net, currency: o.currency },
      ],
    });
    await tx.order.update({ where: { id: o.id }, data: { status: "SETTLED", settledAt: new Date(), stripeTransferId: transfer.id }, select: { id: true } });
    await recordAudit(tx, { actorId: actor?.userId ?? null, orgId: o.sellerOrgId, action: "order.settle", entityType: "Order", entityId: o.id, data: { earned, fee, net, transferId: transfer.id } });
  });
  return { status: "SETTLED", transferId: transfer.id };
}

/**
 * Invoice path: the supplier confirms the requester paid the invoice directly. No platform fee (no money
 * passed through the platform); the obligation is earned and cleared in one journal.
 */
export async function confirmInvoicePaid(db: PrismaClient, actor: Actor, orderId: string): Promise<{ status: string }> {
  const parties = await loadOrderParties(db, actor, orderId);
  assertSellerActor(actor, parties);
  return db.$transaction(async (tx) => {
    const o = await lockOrder(tx, orderId);
    const cur = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true, settlementMode: true, refundedCents: true, sellerOrgId: true } });
    if (!o || cur.status !== "PAYABLE" || cur.settlementMode !== "INVOICE") throw new AppError("CONFLICT", "Only an open invoice can be marked as paid.");
    const amount = o.amount_cents - cur.refundedCents;
    await postJournal(tx, {
      kind: "order.invoice_settled",
      incidentId: o.incident_id,
      orderId,
      idempotencyKey: `order:${orderId}:invoice-settled`,
      memo: "Invoice paid directly to the supplier",
      lines: [
        { account: "incident_clearing", debitCents: amount, currency: o.currency },
        { account: "supplier_payable", orgId: cur.sellerOrgId, creditCents: amount, currency: o.currency },
        { account: "supplier_payable", orgId: cur.sellerOrgId, debitCents: amount, currency: o.currency },
        { account: "buyer_receivable", orgId: o.buyer_org_id, creditCents: amount, currency: o.currency },
      ],
    });
    await tx.order.update({ where: { id: orderId }, data: { status: "SETTLED", paidAt: new Date(), settledAt: new Date() }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.userId, orgId: cur.sellerOrgId, action: "order.invoice_paid", entityType: "Order", entityId: orderId, data: { amountCents: amount } });
    return { status: "SETTLED" };
  });
}
