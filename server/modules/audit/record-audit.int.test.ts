import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createPrismaClient, runBeforeCommit } from "@/server/db";
import { startAuditChainer } from "@/server/jobs/audit-jobs";
import { auditHash, chainAudits, recordAudit, recordAudits, recordPendingAudits } from "@/server/modules/audit/record-audit";
import type { JsonValue } from "@/server/modules/audit/canonical-json";
import { verifyAuditChain } from "@/server/modules/audit/verify-audit-chain";

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
});
afterAll(async () => t?.cleanup());

describe("recordAudit", () => {
  it("keeps one linear chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        recordAudit(t.db, { actorId: `u${i}`, action: "test.write", entityType: "Test", entityId: String(i), data: { i, at: new Date() } }),
      ),
    );
    const report = await verifyAuditChain(t.db);
    expect(report).toEqual({ ok: true, checked: 25 });
    expect(await t.db.auditEvent.count({ where: { prevHash: null } })).toBe(1);
  });

  it("chains a batch in SQL exactly as the reference hash does (Chinese text, nested data, nulls), in input order", async () => {
    const inputs = [
      { actorId: null, orgId: null, action: "test.batch", entityType: "Test", entityId: "b1", data: { 地址: "玄武区安置点", n: [1, 2.5, { z: null, a: true }] } },
      { actorId: "u-b", action: "test.batch", entityType: "Test", entityId: "b2", data: {} },
      { actorId: "u-c", orgId: "org-c", action: "test.batch", entityType: "Test", entityId: "b3", data: { note: "emoji 🚑 and \"quotes\"" } },
    ];
    const returned = await recordAudits(t.db, inputs);
    const stored = await t.db.auditEvent.findMany({
      where: { id: { in: returned.map((r) => r.id) } }, orderBy: { seq: "asc" },
      select: { id: true, prevHash: true, hash: true, actorId: true, orgId: true, action: true, entityType: true, entityId: true, data: true, createdAt: true },
    });
    expect(stored.map((r) => r.entityId)).toEqual(["b1", "b2", "b3"]);
    expect(stored.map((r) => ({ id: r.id, hash: r.hash }))).toEqual(returned);
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.prevHash).toBe(stored[i - 1]!.hash);
    for (const r of stored) expect(r.hash).toBe(auditHash(r.prevHash, { ...r, data: r.data as JsonValue }));
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("chains 50 concurrent audited transactions into one linear chain, nothing left pending", async () => {
    const before = await t.db.auditEvent.count();
    const returned = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.db.$transaction(async (tx) => {
          await recordAudit(tx, { actorId: `c${i}`, action: "test.concurrent", entityType: "Test", entityId: `c${i}` });
          await recordAudits(tx, [{ actorId: `c${i}`, action: "test.concurrent2", entityType: "Test", entityId: `c${i}`, data: { i } }]);
          return i;
        }),
      ),
    );
    expect(returned).toHaveLength(50);
    // Each transaction's rows are chained by the time its call returns.
    expect(await t.db.auditEvent.count()).toBe(before + 100);
    expect(await t.db.auditPending.count()).toBe(0);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, checked: before + 100 });
    expect(await t.db.auditEvent.count({ where: { prevHash: null } })).toBe(1);
    // A transaction's rows are chained in call order (those of concurrent transactions may interleave).
    const rows = await t.db.auditEvent.findMany({ where: { action: { startsWith: "test.concurrent" } }, orderBy: { seq: "asc" }, select: { action: true, entityId: true } });
    const firstSeen = new Set<string>();
    for (const r of rows) {
      if (r.action === "test.concurrent") firstSeen.add(r.entityId);
      else expect(firstSeen.has(r.entityId)).toBe(true);
    }
    expect(firstSeen.size).toBe(50);
  });

  it("rolls back with the transaction that wrote it: no pending row, no chained row", async () => {
    const before = await t.db.auditEvent.count();
    await expect(
      t.db.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: null, action: "test.rollback", entityType: "Test", entityId: "x" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await chainAudits(t.db);
    expect(await t.db.auditEvent.count()).toBe(before);
    expect(await t.db.auditPending.count()).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: "test.rollback" } })).toBe(0);
  });

  it("chains rows a crash left pending: the worker's chainer moves them, and the chain verifies", async () => {
    // Committed but never chained, as when a process dies between its commit and the chaining.
    const ids = await recordPendingAudits(t.db, [
      { actorId: "crashed", action: "test.crash", entityType: "Test", entityId: "k1", data: { 站点: "鼓楼" } },
      { actorId: "crashed", action: "test.crash", entityType: "Test", entityId: "k2" },
    ]);
    expect(await t.db.auditPending.count()).toBe(2);
    expect(await t.db.auditEvent.count({ where: { id: { in: ids } } })).toBe(0);
    const chainer = startAuditChainer(t.db, 50);
    try {
      for (let i = 0; i < 200 && (await t.db.auditPending.count()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await chainer.stop();
    }
    expect(await t.db.auditPending.count()).toBe(0);
    const chained = await t.db.auditEvent.findMany({ where: { id: { in: ids } }, orderBy: { seq: "asc" }, select: { entityId: true } });
    expect(chained.map((r) => r.entityId)).toEqual(["k1", "k2"]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("chains rows a crash left pending with the next audited write, before that write's own rows", async () => {
    const [left] = await recordPendingAudits(t.db, [{ actorId: "crashed", action: "test.crash", entityType: "Test", entityId: "k3" }]);
    await t.db.$transaction(async (tx) => {
      await recordAudit(tx, { actorId: "next", action: "test.next", entityType: "Test", entityId: "n1" });
    });
    expect(await t.db.auditPending.count()).toBe(0);
    const last = await t.db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2, select: { id: true, action: true } });
    expect(last.map((r) => r.action)).toEqual(["test.next", "test.crash"]);
    expect(last[1]!.id).toBe(left);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("a chaining that fails after commit does not fail the committed write; its rows wait pending for the next", async () => {
    // Stands in for the database going away between the commit and the chaining.
    await t.db.$executeRawUnsafe(`ALTER FUNCTION muster_chain_audits() RENAME TO muster_chain_audits_away`);
    try {
      const result = await t.db.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: "f", action: "test.chain-failed", entityType: "Test", entityId: "f1" });
        return "committed";
      });
      expect(result).toBe("committed");
    } finally {
      await t.db.$executeRawUnsafe(`ALTER FUNCTION muster_chain_audits_away() RENAME TO muster_chain_audits`);
    }
    expect(await t.db.auditPending.count()).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "test.chain-failed" } })).toBe(0);
    expect(await chainAudits(t.db)).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: "test.chain-failed" } })).toBe(1);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("a transaction holding its pending audit row open does not block another audited write", async () => {
    // Every lock wait of B's client gives up after 2 s: were the chain's lock held by open transaction A (as
    // when the rows were chained inside the writing transaction), B's chaining would fail and its row would be
    // left pending instead of chained when its call returns.
    const bDb = createPrismaClient(`${t.url}${t.url.includes("?") ? "&" : "?"}options=${encodeURIComponent("-c lock_timeout=2s")}`, 2);
    let bCommitted!: () => void;
    const bDone = new Promise<void>((r) => (bCommitted = r));
    let aWritten!: () => void;
    const aReady = new Promise<void>((r) => (aWritten = r));
    try {
      const a = t.db.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: "a", action: "test.open", entityType: "Test", entityId: "a" });
        // Runs after recordAudit's own last statement (hooks run in order): A's pending row is written, A stays open.
        runBeforeCommit(tx, async () => {
          aWritten();
          await bDone;
        });
      }, { timeout: 20_000, maxWait: 10_000 });
      await aReady;
      const aPending = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE state = 'idle in transaction' AND datname = current_database()`;
      expect(Number(aPending[0]!.n)).toBeGreaterThanOrEqual(1);
      await bDb.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: "b", action: "test.while-open", entityType: "Test", entityId: "b" });
      });
      // B's row is chained when its call returns, while A is still open.
      expect(await t.db.auditEvent.count({ where: { action: "test.while-open" } })).toBe(1);
      expect(await t.db.auditEvent.count({ where: { action: "test.open" } })).toBe(0);
      bCommitted();
      await a;
    } finally {
      bCommitted();
      await bDb.$disconnect();
    }
    const last = await t.db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2, select: { action: true } });
    expect(last.map((r) => r.action)).toEqual(["test.open", "test.while-open"]);
    expect(await t.db.auditPending.count()).toBe(0);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("detects tampering", async () => {
    const row = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "asc" }, skip: 3, select: { id: true, seq: true } });
    await t.db.auditEvent.update({ where: { id: row.id }, data: { data: { tampered: true } } });
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: false, brokenAtSeq: row.seq });
  });
});
