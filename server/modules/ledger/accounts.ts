/**
 * The chart of accounts: the only list of ledger account codes. Every line names one of these, optionally an
 * organisation (whose sub-ledger it is) and the incident (copied from its journal). Amounts are integer fen
 * (CNY by default). Balances are derived from entries (balances.ts), never stored.
 *
 * "Normal side" is where the balance grows: a DEBIT account's balance is debits − credits, a CREDIT
 * account's credits − debits. Both are reported so pages can show positive figures.
 *
 * The incident clearing account is the pivot of every obligation in an incident: an obligation enters it
 * when someone comes to owe (a paid order is accepted), and leaves it when it is allocated to whoever is
 * owed (the order is earned by the supplier, net of the platform fee) or cancelled/refunded. Once everything
 * in the incident is settled it nets to zero; a non-zero balance is an open item.
 *
 * Paid orders (server/modules/orders):
 *   order.accepted  A   Dr buyer_receivable[buyer]     Cr incident_clearing
 *   order.paid      A   Dr stripe_balance              Cr buyer_receivable[buyer]     (card, Checkout)
 *   order.refund    R   Dr incident_clearing           Cr stripe_balance              (money back to the buyer)
 *   order.reduced   R   Dr incident_clearing           Cr buyer_receivable[buyer]     (unpaid: owed less / cancelled)
 *   order.excess_refund X Dr buyer_receivable[buyer]   Cr stripe_balance              (paid more than owed: returned)
 *   order.earned    E   Dr incident_clearing  E        Cr supplier_payable[seller] E−F, Cr platform_fees F
 *   order.transfer  N   Dr supplier_payable[seller]    Cr stripe_balance              (Connect transfer)
 *   order.invoice_settled A  Dr supplier_payable[seller] Cr buyer_receivable[buyer]  (paid directly, no fee)
 *   Refunded after payout (server/modules/payments/refund-after-payout.ts), R refunded, S = R × net/earned:
 *   order.unearned  R   Dr supplier_payable[seller] S, Dr platform_fees R−S   Cr incident_clearing R
 *   order.transfer_reversal S  Dr stripe_balance    Cr supplier_payable[seller]   (Connect transfer reversed)
 *   order.refund_owed R (invoice) Dr incident_clearing, Cr buyer_receivable[buyer]; Dr supplier_payable[seller],
 *                       Cr incident_clearing  (the supplier owes the buyer R back; nets to zero in clearing)
 *
 * Compensation for requisitioned resources (the compensation helper posts these through postJournal):
 *   compensation.approved X  Dr compensation_approved[payer gov]  Cr compensation_payable[supplier]
 *   compensation.paid     X  Dr compensation_payable[supplier]    Cr compensation_paid[payer gov]
 *       (paid by the government directly; compensation_paid − compensation_approved is what it still owes)
 *   cost.recoverable      X  Dr cost_recoverable[responsible unit] Cr incident_clearing
 *   cost.recovered        X  Dr incident_clearing[payer gov]      Cr cost_recoverable[responsible unit]
 *   in_kind.donated       V  Dr in_kind_cost (incident)           Cr in_kind_donated[supplier]
 */
export const ACCOUNTS = {
  buyer_receivable: { side: "DEBIT", scope: "org", zh: "应收采购方款", en: "Receivable from buyer" },
  supplier_payable: { side: "CREDIT", scope: "org", zh: "应付供应方款", en: "Payable to supplier" },
  platform_fees: { side: "CREDIT", scope: "platform", zh: "平台服务费收入", en: "Platform fee revenue" },
  stripe_balance: { side: "DEBIT", scope: "platform", zh: "Stripe 账户余额", en: "Stripe balance" },
  incident_clearing: { side: "CREDIT", scope: "incident", zh: "事件清算户", en: "Incident clearing" },
  compensation_approved: { side: "DEBIT", scope: "org", zh: "已核定补偿（征用方应付）", en: "Compensation approved (owed by payer)" },
  compensation_payable: { side: "CREDIT", scope: "org", zh: "应付补偿（被征用方）", en: "Compensation payable (to supplier)" },
  compensation_paid: { side: "CREDIT", scope: "org", zh: "已支付补偿", en: "Compensation paid" },
  cost_recoverable: { side: "DEBIT", scope: "org", zh: "可向事故责任单位追偿的费用", en: "Cost recoverable from responsible unit" },
  in_kind_cost: { side: "DEBIT", scope: "incident", zh: "实物捐赠价值（事件成本）", en: "In-kind value used (incident cost)" },
  in_kind_donated: { side: "CREDIT", scope: "org", zh: "实物捐赠价值（捐赠方）", en: "In-kind value donated" },
} as const satisfies Record<string, { side: "DEBIT" | "CREDIT"; scope: "org" | "platform" | "incident"; zh: string; en: string }>;

export type AccountCode = keyof typeof ACCOUNTS;

export const ACCOUNT_CODES = Object.keys(ACCOUNTS) as AccountCode[];

/** Journal kinds: what happened. Free text in the database, checked here so a typo cannot post. */
export const JOURNAL_KINDS = [
  "order.accepted",
  "order.paid",
  "order.refund",
  "order.reduced",
  "order.excess_refund",
  "order.earned",
  "order.transfer",
  "order.invoice_settled",
  "order.unearned",
  "order.transfer_reversal",
  "order.refund_owed",
  "compensation.approved",
  "compensation.paid",
  "cost.recoverable",
  "cost.recovered",
  "in_kind.donated",
  "reversal",
] as const;

export type JournalKind = (typeof JOURNAL_KINDS)[number];

export function isAccountCode(v: string): v is AccountCode {
  return Object.hasOwn(ACCOUNTS, v);
}

export function isJournalKind(v: string): v is JournalKind {
  return (JOURNAL_KINDS as readonly string[]).includes(v);
}

/** Balance on the account's normal side (positive when the account holds what its name says). */
export function normalBalance(account: AccountCode, debitCents: number, creditCents: number): number {
  return ACCOUNTS[account].side === "DEBIT" ? debitCents - creditCents : creditCents - debitCents;
}
