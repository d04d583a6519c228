import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { postJournal } from "@/server/modules/ledger/post-journal";
import { assertBuyerActor, loadOrderParties } from "@/server/modules/orders/order-access";
import { applyRefund, lockOrder, syncRefunded } from "@/server/modules/payments/apply-payment";
import type { PaymentsConfig } from "@/server/modules/payments/stripe-client";
import type { TRefundAfterPayoutInput } from "@/lib/schemas/refund-after-payout";

/**
 * Refunds that come after the supplier was paid out. The earning was allocated at settlement (order.earned),
 * so a later refund leaves the incident clearing account short by the refunded amount. Here the refunded
 * share is un-earned — the supplier's part (pro rata of net / earned) and the platform fee's part — and the
 * supplier's part is taken back from its Connect account with a transfer reversal. Keys are the cumulative
 * un-earned total, so a retry or a concurrent call computes the same key and posts (and reverses) once.
 * Without Stripe the supplier's part stays in supplier_payable as a debit: owed back by the supplier.
 */
const sum = (rows: { total: bigint | null }[]) => Number(rows[0]?.total ?? 0);

async function unallocated(db: PrismaClient, orderId: string) {
  const [earned, refunded, unearned] = await Promise.all(
    ["order.earned", "order.refund", "order.unearned"].map((kind) =>
      db.$queryRaw<{ total: bigint | null }[]>`
        SELECT SUM(CASE WHEN ${kind} = 'order.unearned' THEN e.credit_cents ELSE e.debit_cents END)::bigint AS total
        FROM ledger_entry e JOIN ledger_journal j ON j.id = e.journal_id
        WHERE j.order_id = ${orderId} AND j.kind = ${kind} AND e.account = 'incident_clearing'`.then(sum),
    ),
  );
  return { earned: earned!, refunded: refunded!, unearned: unearned! };
}

export async function reverseTransferForRefunds(db: PrismaClient, cfg: PaymentsConfig, orderId: string): Promise<{ unearnedCents: number; reversedCents: number; reversalId: string | null }> {
  const o = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { id: true, amountCents: true, feeCents: true, currency: true, incidentId: true, sellerOrgId: true, stripeTransferId: true },
  });
  const m = await unallocated(db, orderId);
  if (m.earned <= 0) return { unearnedCents: 0, reversedCents: 0, reversalId: null };
  // refunds before settlement were left out of the earning (amount − earned); the rest came after it
  const after = Math.max(0, m.refunded - (o.amountCents - m.earned));
  const target = Math.min(after, m.earned);
  const x = target - m.unearned;
  if (x <= 0) return { unearnedCents: 0, reversedCents: 0, reversalId: null };
  const net = m.earned - o.feeCents;
  const supplierShare = (cum: number) => Math.round((cum * net) / m.earned);
  const s = supplierShare(target) - supplierShare(m.unearned);
  const fee = x - s;
  const key = `order:${o.id}:transfer-reversal:${target}`;
  const reversal = cfg.stripe && o.stripeTransferId && s > 0
    ? await cfg.stripe.transfers.createReversal(o.stripeTransferId, { amount: s, metadata: { orderId: o.id, unearnedTotal: String(target) } }, { idempotencyKey: key })
    : null;
  await db.$transaction(async (tx) => {
    await lockOrder(tx, o.id);
    await postJournal(tx, {
      kind: "order.unearned", incidentId: o.incidentId, orderId: o.id, idempotencyKey: `order:${o.id}:unearned:${target}`,
      memo: "Refunded after payout: the supplier's and the platform's shares are given back",
      lines: [
        ...(s > 0 ? [{ account: "supplier_payable" as const, orgId: o.sellerOrgId, debitCents: s, currency: o.currency }] : []),
        ...(fee > 0 ? [{ account: "platform_fees" as const, debitCents: fee, currency: o.currency }] : []),
        { account: "incident_clearing", creditCents: x, currency: o.currency },
      ],
    });
    if (reversal) {
      await postJournal(tx, {
        kind: "order.transfer_reversal", incidentId: o.incidentId, orderId: o.id, idempotencyKey: key, memo: `Stripe ${reversal.id}`,
        lines: [
          { account: "stripe_balance", debitCents: reversal.amount, currency: o.currency },
          { account: "supplier_payable", orgId: o.sellerOrgId, creditCents: reversal.amount, currency: o.currency },
        ],
      });
    }
    await recordAudit(tx, { actorId: null, orgId: o.sellerOrgId, action: "order.unearn", entityType: "Order", entityId: o.id, data: { unearnedCents: x, supplierCents: s, feeCents: fee, reversalId: reversal?.id ?? null } });
  });
  return { unearnedCents: x, reversedCents: reversal?.amount ?? 0, reversalId: reversal?.id ?? null };
}

/**
 * The requester refunds part or all of an order the supplier was already paid for. Card: a Stripe refund
 * (idempotency key per order, refunded-so-far and amount), its journal, then the transfer reversal above.
 * Invoice (paid directly, no money through the platform): the supplier owes the amount back to the buyer —
 * recorded as owed (Dr supplier_payable / Cr buyer_receivable through the clearing account) until it repays.
 */
export async function refundAfterPayout(db: PrismaClient, cfg: PaymentsConfig, actor: Actor, input: TRefundAfterPayoutInput) {
  assertBuyerActor(actor, await loadOrderParties(db, actor, input.orderId));
  const o = await db.order.findUniqueOrThrow({
    where: { id: input.orderId },
    select: { id: true, status: true, amountCents: true, refundedCents: true, settlementMode: true, stripePaymentIntentId: true, currency: true, incidentId: true, sellerOrgId: true, buyerOrgId: true },
  });
  if (o.status !== "SETTLED") throw new AppError("CONFLICT", `This order is ${o.status}; only a settled order is refunded here.`);
  const open = o.amountCents - o.refundedCents;
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0 || input.amountCents > open) {
    throw new AppError("UNPROCESSABLE_CONTENT", `The refund must be between 1 and ${open} fen.`, { amountCents: ["errors.refundAmount"] });
  }
  if (o.settlementMode === "STRIPE") {
    if (!cfg.stripe || !o.stripePaymentIntentId) throw new AppError("PRECONDITION_FAILED", "Card payment is not configured; this card order cannot be refunded here.");
    const refund = await cfg.stripe.refunds.create(
      { payment_intent: o.stripePaymentIntentId, amount: input.amountCents, reason: "requested_by_customer", metadata: { orderId: o.id } },
      { idempotencyKey: `order:${o.id}:refund-after-payout:${o.refundedCents}:${input.amountCents}` },
    );
    await db.$transaction(async (tx) => {
      if (refund.status === "succeeded") await applyRefund(tx, o.id, { refundId: refund.id, amountCents: refund.amount });
      await recordAudit(tx, { actorId: actor.userId, orgId: o.buyerOrgId, action: "order.refund", entityType: "Order", entityId: o.id, data: { amountCents: input.amountCents, refundId: refund.id } });
    });
    return { mode: "STRIPE" as const, ...(await reverseTransferForRefunds(db, cfg, o.id)) };
  }
  await db.$transaction(async (tx) => {
    await lockOrder(tx, o.id);
    await postJournal(tx, {
      kind: "order.refund_owed", incidentId: o.incidentId, orderId: o.id, idempotencyKey: `order:${o.id}:refund-owed:${o.refundedCents}:${input.amountCents}`,
      memo: "Refund agreed after the invoice was paid: the supplier owes it back to the buyer",
      lines: [
        { account: "incident_clearing", debitCents: input.amountCents, currency: o.currency },
        { account: "buyer_receivable", orgId: o.buyerOrgId, creditCents: input.amountCents, currency: o.currency },
        { account: "supplier_payable", orgId: o.sellerOrgId, debitCents: input.amountCents, currency: o.currency },
        { account: "incident_clearing", creditCents: input.amountCents, currency: o.currency },
      ],
    });
    const locked = await lockOrder(tx, o.id);
    if (locked) await syncRefunded(tx, locked);
    await recordAudit(tx, { actorId: actor.userId, orgId: o.buyerOrgId, action: "order.refund_owed", entityType: "Order", entityId: o.id, data: { amountCents: input.amountCents } });
  });
  return { mode: "INVOICE" as const, owedBySupplierCents: input.amountCents };
}
