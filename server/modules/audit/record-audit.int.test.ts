import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { auditHash, recordAudit, recordAudits } from "@/server/modules/audit/record-audit";
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

  it("rolls back with the transaction that wrote it", async () => {
    const before = await t.db.auditEvent.count();
    await t.db
      .$transaction(async (tx) => {
        await recordAudit(tx, { actorId: null, action: "test.rollback", entityType: "Test", entityId: "x" });
        throw new Error("abort");
      })
      .catch(() => undefined);
    expect(await t.db.auditEvent.count()).toBe(before);
  });

  it("holds the chain's lock only at commit: a transaction that recorded early does not block another's", async () => {
    // A records first, then waits for B to record and commit. Were the lock taken where recordAudit is
    // called, B would queue behind A while A waits for B (B's lock_timeout turns that into an error).
    let bCommitted!: () => void;
    const bDone = new Promise<void>((r) => (bCommitted = r));
    let aRecorded!: () => void;
    const aReady = new Promise<void>((r) => (aRecorded = r));
    const a = t.db.$transaction(async (tx) => {
      await recordAudit(tx, { actorId: "a", action: "test.early", entityType: "Test", entityId: "a" });
      aRecorded();
      await bDone;
    }, { timeout: 20_000, maxWait: 10_000 });
    await aReady;
    await t.db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL lock_timeout = '2s'`;
      await recordAudit(tx, { actorId: "b", action: "test.late", entityType: "Test", entityId: "b" });
    });
    bCommitted();
    await a;
    const last = await t.db.auditEvent.findMany({ orderBy: { seq: "desc" }, take: 2, select: { action: true } });
    // Chained in commit order: B's row first, A's after it.
    expect(last.map((r) => r.action)).toEqual(["test.early", "test.late"]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it("detects tampering", async () => {
    const row = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "asc" }, skip: 3, select: { id: true, seq: true } });
    await t.db.auditEvent.update({ where: { id: row.id }, data: { data: { tampered: true } } });
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: false, brokenAtSeq: row.seq });
  });
});
