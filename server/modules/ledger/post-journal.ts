import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db";
import { AppError } from "@/server/errors";
import { isAccountCode, isJournalKind, type AccountCode, type JournalKind } from "@/server/modules/ledger/accounts";

export type JournalLineInput = {
  account: AccountCode;
  orgId?: string | null;
  debitCents?: number;
  creditCents?: number;
  /** ISO 4217, upper case; CNY unless given. */
  currency?: string;
  memo?: string | null;
};

export type PostJournalInput = {
  kind: JournalKind;
  incidentId?: string | null;
  orderId?: string | null;
  memo?: string | null;
  /** Same key again → nothing is posted and the first journal is returned (replayed: true). */
  idempotencyKey?: string | null;
  lines: JournalLineInput[];
};

export type PostedJournal = { journalId: string; replayed: boolean };

/** A cuid-length id ("c" + 24 hex), like the rest of the schema's keys. */
function createId(): string {
  return `c${randomBytes(12).toString("hex")}`;
}

const MAX_CENTS = 2_000_000_000; // PostgreSQL INTEGER, with headroom for sums

function validate(input: PostJournalInput) {
  if (!isJournalKind(input.kind)) throw new AppError("BAD_REQUEST", `Unknown journal kind: ${String(input.kind)}`);
  if (input.lines.length < 2) throw new AppError("BAD_REQUEST", "A journal needs at least two lines");
  if (input.idempotencyKey != null && (input.idempotencyKey.length === 0 || input.idempotencyKey.length > 255)) {
    throw new AppError("BAD_REQUEST", "Idempotency key must be 1–255 characters");
  }
  const sums = new Map<string, { d: number; c: number }>();
  for (const [i, l] of input.lines.entries()) {
    if (!isAccountCode(l.account)) throw new AppError("BAD_REQUEST", `Line ${i + 1}: unknown account ${String(l.account)}`);
    const d = l.debitCents ?? 0;
    const c = l.creditCents ?? 0;
    for (const v of [d, c]) {
      if (!Number.isSafeInteger(v) || v < 0 || v > MAX_CENTS) {
        throw new AppError("BAD_REQUEST", `Line ${i + 1}: amounts are whole, non-negative fen`);
      }
    }
    if ((d === 0) === (c === 0)) throw new AppError("BAD_REQUEST", `Line ${i + 1}: exactly one of debit or credit must be set`);
    const cur = (l.currency ?? "CNY").toUpperCase();
    if (!/^[A-Z]{3}$/.test(cur)) throw new AppError("BAD_REQUEST", `Line ${i + 1}: currency must be a 3-letter code`);
    const s = sums.get(cur) ?? { d: 0, c: 0 };
    sums.set(cur, { d: s.d + d, c: s.c + c });
  }
  for (const [cur, s] of sums) {
    if (s.d !== s.c) throw new AppError("BAD_REQUEST", `Journal does not balance in ${cur}: debit ${s.d}, credit ${s.c}`);
  }
}

/**
 * Posts one balanced journal, append-only. Call it inside the transaction that makes the business change
 * (the order state, the webhook's dedupe row) so both commit or neither does. The database re-checks
 * balance per statement and refuses any UPDATE or DELETE of ledger rows.
 *
 * Idempotency: the journal row is inserted with ON CONFLICT DO NOTHING (its key is unique), so a concurrent replay
 * waits for the first transaction and then posts nothing (rather than aborting the caller's transaction).
 */
export function postJournal(tx: Db, input: PostJournalInput): Promise<PostedJournal> {
  return insertJournal(tx, input, null);
}

async function insertJournal(tx: Db, input: PostJournalInput, reversalOfId: string | null): Promise<PostedJournal> {
  validate(input);
  const id = createId();
  const key = input.idempotencyKey ?? null;
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO ledger_journal (id, kind, incident_id, order_id, memo, idempotency_key, reversal_of_id)
    VALUES (${id}, ${input.kind}, ${input.incidentId ?? null}, ${input.orderId ?? null}, ${input.memo ?? null}, ${key}, ${reversalOfId})
    ON CONFLICT DO NOTHING
    RETURNING id`;
  if (inserted.length === 0) {
    // Either the key was used (a replay) or the journal was already reversed under another key.
    const existing = key ? await tx.ledgerJournal.findUnique({ where: { idempotencyKey: key }, select: { id: true } }) : null;
    if (!existing) throw new AppError("CONFLICT", "This journal has already been reversed");
    return { journalId: existing.id, replayed: true };
  }
  await tx.ledgerEntry.createMany({
    data: input.lines.map((l) => ({
      id: createId(),
      journalId: id,
      orderId: input.orderId ?? null,
      incidentId: input.incidentId ?? null,
      orgId: l.orgId ?? null,
      account: l.account,
      debitCents: l.debitCents ?? 0,
      creditCents: l.creditCents ?? 0,
      currency: (l.currency ?? "CNY").toUpperCase(),
      memo: l.memo ?? null,
    })),
  });
  return { journalId: id, replayed: false };
}

/**
 * The only correction: a new journal with every line's sides swapped. A journal can be reversed once
 * (unique reversal_of_id); reversing again with the same key is a no-op replay.
 */
export async function reverseJournal(
  tx: Db,
  journalId: string,
  opts: { memo?: string; idempotencyKey?: string } = {},
): Promise<PostedJournal> {
  const original = await tx.ledgerJournal.findUnique({
    where: { id: journalId },
    select: {
      id: true,
      incidentId: true,
      orderId: true,
      reversedBy: { select: { id: true } },
      entries: { select: { account: true, orgId: true, debitCents: true, creditCents: true, currency: true }, orderBy: { id: "asc" } },
    },
  });
  if (!original) throw new AppError("NOT_FOUND", "Journal not found");
  const key = opts.idempotencyKey ?? `reversal:${journalId}`;
  if (original.reversedBy) {
    const same = await tx.ledgerJournal.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
    if (same) return { journalId: same.id, replayed: true };
    throw new AppError("CONFLICT", "This journal has already been reversed");
  }
  const input: PostJournalInput = {
    kind: "reversal",
    incidentId: original.incidentId,
    orderId: original.orderId,
    memo: opts.memo ?? `Reversal of ${journalId}`,
    idempotencyKey: key,
    lines: original.entries.map((e) => ({
      account: e.account as AccountCode,
      orgId: e.orgId,
      debitCents: e.creditCents,
      creditCents: e.debitCents,
      currency: e.currency,
    })),
  };
  return insertJournal(tx, input, journalId);
}
