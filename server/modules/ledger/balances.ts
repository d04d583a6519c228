import type { Db } from "@/server/db";
import { Prisma } from "@/server/generated/prisma/client";
import { ACCOUNTS, isAccountCode, normalBalance, type AccountCode } from "@/server/modules/ledger/accounts";

/**
 * Balances are always derived from ledger entries at read time: nothing here is stored, so a balance can
 * never drift from the lines that make it up.
 */
export type AccountBalance = {
  account: AccountCode;
  orgId: string | null;
  currency: string;
  debitCents: number;
  creditCents: number;
  /** On the account's normal side (accounts.ts). */
  balanceCents: number;
};

type Row = { account: string; org_id: string | null; currency: string; debit: bigint | number; credit: bigint | number };

function toBalances(rows: Row[]): AccountBalance[] {
  return rows
    .filter((r) => isAccountCode(r.account))
    .map((r) => {
      const account = r.account as AccountCode;
      const debitCents = Number(r.debit);
      const creditCents = Number(r.credit);
      return { account, orgId: r.org_id, currency: r.currency, debitCents, creditCents, balanceCents: normalBalance(account, debitCents, creditCents) };
    });
}

async function sumBy(db: Db, where: Prisma.Sql): Promise<AccountBalance[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT account, org_id, currency, SUM(debit_cents)::bigint AS debit, SUM(credit_cents)::bigint AS credit
    FROM ledger_entry WHERE ${where}
    GROUP BY account, org_id, currency
    ORDER BY account, org_id NULLS FIRST, currency`;
  return toBalances(rows);
}

/** Every account touched by one order, per organisation. */
export function orderBalances(db: Db, orderId: string): Promise<AccountBalance[]> {
  return sumBy(db, Prisma.sql`order_id = ${orderId}`);
}

/** An organisation's sub-ledger, optionally within one incident. */
export function orgBalances(db: Db, orgId: string, opts: { incidentId?: string } = {}): Promise<AccountBalance[]> {
  const inc = opts.incidentId ? Prisma.sql`AND incident_id = ${opts.incidentId}` : Prisma.empty;
  return sumBy(db, Prisma.sql`org_id = ${orgId} ${inc}`);
}

/** Every account in one incident (all organisations). */
export function incidentBalances(db: Db, incidentId: string): Promise<AccountBalance[]> {
  return sumBy(db, Prisma.sql`incident_id = ${incidentId}`);
}

/** The incident's clearing account on its normal (credit) side: zero once everything in it is settled. */
export async function incidentClearingBalance(db: Db, incidentId: string, currency = "CNY"): Promise<number> {
  const rows = await db.$queryRaw<{ debit: bigint | null; credit: bigint | null }[]>`
    SELECT SUM(debit_cents)::bigint AS debit, SUM(credit_cents)::bigint AS credit
    FROM ledger_entry WHERE incident_id = ${incidentId} AND account = 'incident_clearing' AND currency = ${currency}`;
  return normalBalance("incident_clearing", Number(rows[0]?.debit ?? 0), Number(rows[0]?.credit ?? 0));
}

/** Incidents whose clearing account is not zero: the open items list. */
export async function openClearingItems(db: Db, opts: { incidentIds?: string[] } = {}): Promise<{ incidentId: string; currency: string; balanceCents: number }[]> {
  const scope = opts.incidentIds ? Prisma.sql`AND incident_id IN (${Prisma.join(opts.incidentIds.length ? opts.incidentIds : [""])})` : Prisma.empty;
  const rows = await db.$queryRaw<{ incident_id: string; currency: string; bal: bigint }[]>`
    SELECT incident_id, currency, SUM(credit_cents - debit_cents)::bigint AS bal
    FROM ledger_entry WHERE account = 'incident_clearing' AND incident_id IS NOT NULL ${scope}
    GROUP BY incident_id, currency HAVING SUM(credit_cents - debit_cents) <> 0
    ORDER BY incident_id`;
  return rows.map((r) => ({ incidentId: r.incident_id, currency: r.currency, balanceCents: Number(r.bal) }));
}

/** Platform-level accounts (fees, Stripe balance): lines with no organisation. */
export function platformBalances(db: Db): Promise<AccountBalance[]> {
  const codes = (Object.keys(ACCOUNTS) as AccountCode[]).filter((a) => ACCOUNTS[a].scope === "platform");
  return sumBy(db, Prisma.sql`account IN (${Prisma.join(codes)})`);
}

/** Journals whose lines do not balance (the database refuses them; this is the auditor's cross-check). */
export async function unbalancedJournals(db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ journal_id: string }[]>`
    SELECT journal_id FROM ledger_entry GROUP BY journal_id, currency HAVING SUM(debit_cents) <> SUM(credit_cents)`;
  return rows.map((r) => r.journal_id);
}

/** Sum one account from a balance list (e.g. an organisation's supplier_payable across currencies of one). */
export function balanceOf(list: AccountBalance[], account: AccountCode, orgId?: string | null): number {
  return list
    .filter((b) => b.account === account && (orgId === undefined || b.orgId === orgId))
    .reduce((s, b) => s + b.balanceCents, 0);
}
