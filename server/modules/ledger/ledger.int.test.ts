import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { postJournal, reverseJournal } from "@/server/modules/ledger/post-journal";
import { balanceOf, incidentClearingBalance, openClearingItems, orgBalances, unbalancedJournals } from "@/server/modules/ledger/balances";
import { seedIncidentFixtures, incidentInput } from "@/server/modules/incidents/test-fixtures";

let t: TestDatabase;
let buyer: string;
let incidentId: string;

beforeAll(async () => {
  t = await testDb();
  const f = await seedIncidentFixtures(t.db);
  buyer = f.orgs.govA;
  const { status: _s, ...inc } = incidentInput;
  incidentId = (
    await t.db.incident.create({ data: { ...inc, status: "ACTIVE", orgId: buyer, createdById: f.actors.memberA.userId }, select: { id: true } })
  ).id;
});
afterAll(async () => t?.cleanup());

const accepted = (amount: number, key?: string) => ({
  kind: "order.accepted" as const,
  incidentId,
  idempotencyKey: key,
  lines: [
    { account: "buyer_receivable" as const, orgId: buyer, debitCents: amount },
    { account: "incident_clearing" as const, creditCents: amount },
  ],
});

describe("postJournal", () => {
  it("posts a balanced journal and derives balances from its lines", async () => {
    const r = await t.db.$transaction((tx) => postJournal(tx, accepted(12_345, "t:accept:1")));
    expect(r.replayed).toBe(false);
    const lines = await t.db.ledgerEntry.findMany({ where: { journalId: r.journalId }, select: { currency: true, incidentId: true } });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.currency === "CNY" && l.incidentId === incidentId)).toBe(true);
    expect(balanceOf(await orgBalances(t.db, buyer), "buyer_receivable")).toBe(12_345);
    expect(await incidentClearingBalance(t.db, incidentId)).toBe(12_345);
    expect((await openClearingItems(t.db)).map((o) => o.incidentId)).toContain(incidentId);
  });

  it("rejects an unbalanced journal, a two-sided line, an empty line and fractions", async () => {
    const bad = [
      { ...accepted(100), lines: [{ account: "buyer_receivable" as const, debitCents: 100 }, { account: "incident_clearing" as const, creditCents: 99 }] },
      { ...accepted(100), lines: [{ account: "buyer_receivable" as const, debitCents: 100, creditCents: 100 }, { account: "incident_clearing" as const, creditCents: 0, debitCents: 0 }] },
      { ...accepted(100), lines: [{ account: "buyer_receivable" as const }, { account: "incident_clearing" as const }] },
      { ...accepted(100), lines: [{ account: "buyer_receivable" as const, debitCents: 1.5 }, { account: "incident_clearing" as const, creditCents: 1.5 }] },
      { ...accepted(100), lines: [{ account: "nope" as never, debitCents: 1 }, { account: "incident_clearing" as const, creditCents: 1 }] },
    ];
    const before = await t.db.ledgerEntry.count();
    for (const input of bad) await expect(t.db.$transaction((tx) => postJournal(tx, input))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.ledgerEntry.count()).toBe(before);
  });

  it("the database itself refuses an unbalanced journal", async () => {
    const before = await t.db.ledgerEntry.count();
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO ledger_journal (id, kind) VALUES ('j-raw', 'order.paid')`;
        await tx.$executeRaw`INSERT INTO ledger_entry (id, journal_id, account, debit_cents) VALUES ('e-raw', 'j-raw', 'stripe_balance', 5)`;
      }),
    ).rejects.toThrow(/does not balance/);
    expect(await t.db.ledgerEntry.count()).toBe(before);
  });

  it("a replayed idempotency key posts nothing, even when replays run concurrently", async () => {
    const before = await t.db.ledgerEntry.count();
    const results = await Promise.all(Array.from({ length: 5 }, () => t.db.$transaction((tx) => postJournal(tx, accepted(500, "t:accept:concurrent")))));
    expect(new Set(results.map((r) => r.journalId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect((await t.db.ledgerEntry.count()) - before).toBe(2);
  });

  it("forbids UPDATE and DELETE of ledger rows", async () => {
    const line = await t.db.ledgerEntry.findFirstOrThrow({ select: { id: true, journalId: true } });
    await expect(t.db.ledgerEntry.update({ where: { id: line.id }, data: { memo: "edited" } })).rejects.toThrow(/append-only/);
    await expect(t.db.ledgerEntry.delete({ where: { id: line.id } })).rejects.toThrow(/append-only/);
    await expect(t.db.ledgerJournal.delete({ where: { id: line.journalId } })).rejects.toThrow(/append-only/);
  });

  it("corrects by a reversing journal, once", async () => {
    const r = await t.db.$transaction((tx) => postJournal(tx, accepted(700, "t:accept:wrong")));
    const clearing = await incidentClearingBalance(t.db, incidentId);
    const rev = await t.db.$transaction((tx) => reverseJournal(tx, r.journalId, { memo: "entered twice" }));
    expect(await incidentClearingBalance(t.db, incidentId)).toBe(clearing - 700);
    const again = await t.db.$transaction((tx) => reverseJournal(tx, r.journalId));
    expect(again).toEqual({ journalId: rev.journalId, replayed: true });
    await expect(t.db.$transaction((tx) => reverseJournal(tx, r.journalId, { idempotencyKey: "other" }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await unbalancedJournals(t.db)).toEqual([]);
  });
});
