import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { openClearingItems } from "@/server/modules/ledger/balances";

/**
 * The money pages' figures, all derived from ledger entries at read time (nothing stored apart):
 * a supplier's earnings and payouts, a requester's spend per incident by payment mode, the platform's fees.
 */
export type EarningsReport = {
  orgs: { orgId: string; name: string; earnedCents: number; paidOutCents: number; awaitingCents: number; compensationOwedCents: number; payoutsEnabled: boolean; connectAccount: boolean }[];
};

function memberOrgIds(actor: Actor, filter?: (kind: string) => boolean): string[] {
  return actor.memberships.filter((m) => (filter ? filter(m.orgKind) : true)).map((m) => m.orgId);
}

export async function supplierEarnings(db: Db, actor: Actor): Promise<EarningsReport> {
  const orgIds = memberOrgIds(actor, (k) => k !== "GOVERNMENT");
  if (orgIds.length === 0) return { orgs: [] };
  // Refunds after a payout (order.unearned, order.refund_owed) take earnings back, and a transfer reversal takes a
  // payout back: each is netted against what it corrects rather than counted as a payout or an earning.
  const rows = await db.$queryRaw<{ org_id: string; account: string; debit: bigint; credit: bigint; unearned: bigint; reversed: bigint }[]>`
    SELECT e.org_id, e.account, SUM(e.debit_cents)::bigint AS debit, SUM(e.credit_cents)::bigint AS credit,
      SUM(CASE WHEN j.kind IN ('order.unearned', 'order.refund_owed') THEN e.debit_cents ELSE 0 END)::bigint AS unearned,
      SUM(CASE WHEN j.kind = 'order.transfer_reversal' THEN e.credit_cents ELSE 0 END)::bigint AS reversed
    FROM ledger_entry e JOIN ledger_journal j ON j.id = e.journal_id
    WHERE e.org_id = ANY(${orgIds}::text[]) AND e.account IN ('supplier_payable', 'compensation_payable')
    GROUP BY e.org_id, e.account`;
  const orgs = await db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true, stripeAccountId: true, stripePayoutsEnabled: true }, orderBy: { name: "asc" } });
  return {
    orgs: orgs.map((o) => {
      const pay = rows.find((r) => r.org_id === o.id && r.account === "supplier_payable");
      const comp = rows.find((r) => r.org_id === o.id && r.account === "compensation_payable");
      const earned = Number(pay?.credit ?? 0) - Number(pay?.reversed ?? 0) - Number(pay?.unearned ?? 0);
      const paidOut = Number(pay?.debit ?? 0) - Number(pay?.unearned ?? 0) - Number(pay?.reversed ?? 0);
      return {
        orgId: o.id,
        name: o.name,
        earnedCents: earned,
        paidOutCents: paidOut,
        awaitingCents: earned - paidOut,
        compensationOwedCents: Number(comp?.credit ?? 0) - Number(comp?.debit ?? 0),
        payoutsEnabled: o.stripePayoutsEnabled,
        connectAccount: o.stripeAccountId !== null,
      };
    }),
  };
}

export type SpendReport = {
  incidents: { incidentId: string; title: string; paidCents: number; outstandingCents: number; compensationCents: number; inKindCents: number; clearingCents: number }[];
};

/**
 * Per incident of the caller's organisations: paid services (what the orders cost after refunds, and
 * what is still owed), requisition compensation approved, and public-good value received in kind.
 */
export async function requesterSpend(db: Db, actor: Actor): Promise<SpendReport> {
  const orgIds = memberOrgIds(actor, (k) => k === "GOVERNMENT");
  if (orgIds.length === 0) return { incidents: [] };
  const incidents = await db.incident.findMany({ where: { orgId: { in: orgIds } }, select: { id: true, title: true }, orderBy: { createdAt: "desc" }, take: 200 });
  if (incidents.length === 0) return { incidents: [] };
  const ids = incidents.map((i) => i.id);
  const rows = await db.$queryRaw<{ incident_id: string; account: string; kind: string; debit: bigint; credit: bigint }[]>`
    SELECT e.incident_id, e.account, j.kind, SUM(e.debit_cents)::bigint AS debit, SUM(e.credit_cents)::bigint AS credit
    FROM ledger_entry e JOIN ledger_journal j ON j.id = e.journal_id
    WHERE e.incident_id = ANY(${ids}::text[])
      AND (e.org_id = ANY(${orgIds}::text[]) OR e.org_id IS NULL OR e.account IN ('in_kind_donated'))
    GROUP BY e.incident_id, e.account, j.kind`;
  const sum = (id: string, pred: (r: (typeof rows)[number]) => boolean, side: "debit" | "credit") =>
    rows.filter((r) => r.incident_id === id && pred(r)).reduce((s, r) => s + Number(r[side]), 0);
  const open = new Map((await openClearingItems(db, { incidentIds: ids })).map((o) => [o.incidentId, o.balanceCents]));
  return {
    incidents: incidents
      .map((i) => {
        const owedIn = sum(i.id, (r) => r.account === "buyer_receivable", "debit");
        // Card money returned because it was not owed (paid after a cancellation) was never a cost.
        const returned = sum(i.id, (r) => r.account === "buyer_receivable" && r.kind === "order.excess_refund", "debit");
        const owedOff = sum(i.id, (r) => r.account === "buyer_receivable", "credit");
        const reduced = sum(i.id, (r) => r.account === "buyer_receivable" && r.kind === "order.reduced", "credit");
        const refunded = sum(i.id, (r) => (r.kind === "order.refund" || r.kind === "order.refund_owed") && r.account === "incident_clearing", "debit");
        return {
          incidentId: i.id,
          title: i.title,
          paidCents: owedIn - returned - reduced - refunded,
          outstandingCents: owedIn - owedOff,
          compensationCents: sum(i.id, (r) => r.account === "compensation_approved", "debit") - sum(i.id, (r) => r.account === "compensation_approved", "credit"),
          inKindCents: sum(i.id, (r) => r.account === "in_kind_cost", "debit") - sum(i.id, (r) => r.account === "in_kind_cost", "credit"),
          clearingCents: open.get(i.id) ?? 0,
        };
      })
      .filter((r) => r.paidCents || r.outstandingCents || r.compensationCents || r.inKindCents || r.clearingCents),
  };
}

export type FeesReport = {
  totalCents: number;
  byMonth: { month: string; feeCents: number }[];
  openItems: { incidentId: string; title: string; balanceCents: number }[];
};

/** Platform admins: fees earned per month, and incidents whose clearing account is not zero. */
export async function platformFees(db: Db, actor: Actor): Promise<FeesReport> {
  if (!actor.roles.includes("ADMIN")) throw new AppError("FORBIDDEN", "Only platform administrators see the platform's fees.");
  const rows = await db.$queryRaw<{ month: string; fee: bigint }[]>`
    SELECT to_char(date_trunc('month', created_at), 'YYYY-MM') AS month, SUM(credit_cents - debit_cents)::bigint AS fee
    FROM ledger_entry WHERE account = 'platform_fees' GROUP BY 1 ORDER BY 1 DESC LIMIT 24`;
  const open = await openClearingItems(db);
  const titles = new Map((await db.incident.findMany({ where: { id: { in: open.map((o) => o.incidentId) } }, select: { id: true, title: true } })).map((i) => [i.id, i.title]));
  return {
    totalCents: rows.reduce((s, r) => s + Number(r.fee), 0),
    byMonth: rows.map((r) => ({ month: r.month, feeCents: Number(r.fee) })),
    openItems: open.map((o) => ({ incidentId: o.incidentId, title: titles.get(o.incidentId) ?? o.incidentId, balanceCents: o.balanceCents })),
  };
}
