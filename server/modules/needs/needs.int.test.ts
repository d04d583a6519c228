import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { incidentInput, needInput, seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";
import { createPrismaClient } from "@/server/db";
import { isNeedOverfill } from "@/server/db-errors";
import { commitQuantity, markEnRoute, markOnScene } from "@/server/modules/needs/quantities";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
let incidentId = "";
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  t = await testDb();
  f = await seedIncidentFixtures(t.db);
  incidentId = (await caller(f.actors.memberA).incident.create(incidentInput)).id;
});
afterAll(() => t.cleanup());

async function fieldErrorsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    const cause = (e as { cause?: { fieldErrors?: Record<string, string[]> } }).cause;
    return Object.keys(cause?.fieldErrors ?? {});
  }
  throw new Error("expected a failure");
}

describe("need.create validation", () => {
  it("creates an OPEN need with requester-side quantities", async () => {
    const need = await caller(f.actors.memberA).need.create(needInput(incidentId, f.types.pump, { requiredCapabilities: { flow_m3h: 500 }, notes: "从东门进入" }));
    expect(need).toMatchObject({ status: "OPEN", requested: 10, committed: 0, fillPct: 0, notes: "从东门进入", category: "EQUIPMENT", type: { code: "EQ-PUMP-1" } });
  });

  it.each([
    [{ neededBy: new Date(Date.now() - 3_600_000) }, "neededBy"],
    [{ unit: "furlong" }, "unit"],
    [{ requiredCapabilities: { seats: 4 } }, "requiredCapabilities.seats"],
    [{ requiredCapabilities: { flow_m3h: 99_999 } }, "requiredCapabilities.flow_m3h"],
  ])("%o → field error on %s", async (patch, field) => {
    expect(await fieldErrorsOf(caller(f.actors.memberA).need.create(needInput(incidentId, f.types.pump, patch)))).toContain(field);
  });

  it("zod rejects bad quantities, distances and points outside China with field paths", async () => {
    const m = caller(f.actors.memberA);
    await expect(m.need.create(needInput(incidentId, f.types.pump, { quantity: 0 }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(m.need.create(needInput(incidentId, f.types.pump, { stagingLng: 10 }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(m.need.create(needInput(incidentId, f.types.pump, { maxDistanceKm: 5000 }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("a free-text need needs a category and description", async () => {
    const m = caller(f.actors.memberA);
    expect(await fieldErrorsOf(m.need.create(needInput(incidentId, undefined as never, { typeId: undefined })))).toContain("typeId");
    const need = await m.need.create(needInput(incidentId, undefined as never, { typeId: undefined, category: "SERVICE", freeText: "临时供水车协调", unit: "service" }));
    expect(need).toMatchObject({ typeId: null, category: "SERVICE", freeText: "临时供水车协调" });
  });
});

describe("approval", () => {
  let approvalIncident = "";
  beforeAll(async () => {
    approvalIncident = (await caller(f.actors.approvalMember).incident.create(incidentInput)).id;
  });

  it("a member's need waits for approval; a member cannot approve; the dispatcher can, audited", async () => {
    const need = await caller(f.actors.approvalMember).need.create(needInput(approvalIncident, f.types.pump));
    expect(need.status).toBe("PENDING_APPROVAL");
    await expect(caller(f.actors.approvalMember).need.approve({ id: need.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(caller(f.actors.approvalMember).need.setStatus({ id: need.id, status: "OPEN" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const approved = await caller(f.actors.approvalDispatcher).need.approve({ id: need.id });
    expect(approved.status).toBe("OPEN");
    expect(approved.approvedAt).toBeInstanceOf(Date);
    const audit = await t.db.auditEvent.findFirst({ where: { entityId: need.id, action: "need.approve" }, select: { actorId: true } });
    expect(audit?.actorId).toBe(f.actors.approvalDispatcher.userId);
  });

  it("a dispatcher's own need opens at once; send-back returns a pending need to DRAFT", async () => {
    expect((await caller(f.actors.approvalDispatcher).need.create(needInput(approvalIncident, f.types.pump))).status).toBe("OPEN");
    const pending = await caller(f.actors.approvalMember).need.create(needInput(approvalIncident, f.types.pump));
    expect((await caller(f.actors.approvalDispatcher).need.setStatus({ id: pending.id, status: "DRAFT" })).status).toBe("DRAFT");
  });

  it("organisations without approval open members' needs directly", async () => {
    expect((await caller(f.actors.memberA).need.create(needInput(incidentId, f.types.pump))).status).toBe("OPEN");
  });
});

describe("need.update", () => {
  it("optimistic lock on version: a stale edit is a CONFLICT and changes nothing", async () => {
    const m = caller(f.actors.memberA);
    const need = await m.need.create(needInput(incidentId, f.types.pump));
    const edited = await m.need.update({ id: need.id, version: need.version, quantity: 12, title: "排水泵（东门）" });
    expect(edited).toMatchObject({ quantity: 12, title: "排水泵（东门）", version: need.version + 1 });
    await expect(m.need.update({ id: need.id, version: need.version, quantity: 3 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await m.need.get({ id: need.id })).quantity).toBe(12);
  });

  it("quantity cannot drop below what is committed; only DRAFT/PENDING/OPEN needs are editable", async () => {
    const m = caller(f.actors.memberA);
    const need = await m.need.create(needInput(incidentId, f.types.pump, { quantity: 5 }));
    await commitQuantity(t.db, need.id, 2);
    const fresh = await m.need.get({ id: need.id });
    expect(fresh.status).toBe("PARTIALLY_FILLED");
    await expect(m.need.update({ id: need.id, version: fresh.version, quantity: 1 })).rejects.toMatchObject({ code: "CONFLICT" });
    const open = await m.need.create(needInput(incidentId, f.types.pump, { quantity: 5 }));
    await commitQuantity(t.db, open.id, 2);
    await t.db.need.update({ where: { id: open.id }, data: { status: "OPEN" } }); // editable state, with commitments
    await expect(m.need.update({ id: open.id, version: open.version, quantity: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await m.need.update({ id: open.id, version: open.version, quantity: 2 })).status).toBe("FILLED");
  });

  it("counts every bucket: a quantity below committed + en route + on scene is a field error on quantity", async () => {
    const m = caller(f.actors.memberA);
    const need = await m.need.create(needInput(incidentId, f.types.pump, { quantity: 6 }));
    await commitQuantity(t.db, need.id, 3);
    await markEnRoute(t.db, need.id, 2);
    await markOnScene(t.db, need.id, 1);
    await t.db.need.update({ where: { id: need.id }, data: { status: "OPEN" } }); // editable, with 1 committed, 1 en route, 1 on scene
    const refused = m.need.update({ id: need.id, version: need.version, quantity: 2 });
    await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("cannot go below 3") });
    await expect(refused.catch((e) => e.cause.fieldErrors)).resolves.toEqual({ quantity: ["errors.quantityBelowFilled"] });
    expect((await m.need.get({ id: need.id })).requested).toBe(6);
  });

  it("the database refuses a need filled beyond its quantity; an edit that meets that refusal gets the same field error", async () => {
    const m = caller(f.actors.memberA);
    const need = await m.need.create(needInput(incidentId, f.types.pump, { quantity: 4 }));
    const raw = t.db.$executeRaw`UPDATE need SET qty_released = 5 WHERE id = ${need.id}`;
    await expect(raw).rejects.toSatisfy(isNeedOverfill);

    // A writer that fills the need but leaves its status alone (an app commitment would move the status, and the
    // edit's WHERE on status would make that a CONFLICT) holds the row while the edit reads 0 filled, passes its own
    // check and waits on its UPDATE; when the writer commits, the CHECK refuses the edit.
    const other = createPrismaClient(t.url, 2);
    try {
      let commit!: () => void;
      let held!: () => void;
      const go = new Promise<void>((r) => (commit = r));
      const holding = new Promise<void>((r) => (held = r));
      // The edit starts only once the writer holds the row (a fresh client may take seconds to connect under load);
      // the long timeout keeps Prisma from rolling the writer back while the edit is still on its way.
      const holder = other.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE need SET qty_committed = 3 WHERE id = ${need.id}`;
        held();
        await go;
      }, { timeout: 60_000 });
      await holding;
      expect(await t.db.need.findUniqueOrThrow({ where: { id: need.id }, select: { qtyCommitted: true } })).toEqual({ qtyCommitted: 0 });
      const edit = m.need.update({ id: need.id, version: need.version, quantity: 1 }).catch((e) => e);
      // Wait until the edit's UPDATE is blocked on the commitment's row lock, then let the commitment commit.
      await expect.poll(async () => (await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n, { timeout: 10_000 }).toBeGreaterThan(0);
      commit();
      await holder;
      const error = await edit;
      expect(error).toMatchObject({ code: "BAD_REQUEST", cause: { fieldErrors: { quantity: ["errors.quantityBelowFilled"] } } });
      expect(error.message).toContain("cannot go below 3");
    } finally {
      await other.$disconnect();
    }
    expect(await t.db.need.findUniqueOrThrow({ where: { id: need.id }, select: { quantity: true, qtyCommitted: true } })).toEqual({ quantity: 4, qtyCommitted: 3 });
  });
});

describe("need.setStatus", () => {
  it("closing an unfilled need requires a reason code (OTHER requires a note)", async () => {
    const m = caller(f.actors.memberA);
    const need = await m.need.create(needInput(incidentId, f.types.pump));
    await expect(m.need.setStatus({ id: need.id, status: "CLOSED" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(m.need.setStatus({ id: need.id, status: "CLOSED", unmetReason: "OTHER" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await m.need.get({ id: need.id })).status).toBe("OPEN");
    const closed = await m.need.setStatus({ id: need.id, status: "CLOSED", unmetReason: "NO_SUPPLIER_IN_RANGE" });
    expect(closed).toMatchObject({ status: "CLOSED", unmetReason: "NO_SUPPLIER_IN_RANGE" });
    const audit = await t.db.auditEvent.findFirst({ where: { entityId: need.id, action: "need.setStatus" }, select: { data: true } });
    expect(audit?.data).toMatchObject({ from: "OPEN", to: "CLOSED", unmetReason: "NO_SUPPLIER_IN_RANGE" });
  });

  it("a filled need closes without a reason", async () => {
    const m = caller(f.actors.memberA);
    const need = await m.need.create(needInput(incidentId, f.types.pump, { quantity: 2 }));
    await commitQuantity(t.db, need.id, 2);
    expect((await m.need.setStatus({ id: need.id, status: "CLOSED" })).unmetReason).toBeNull();
  });

  it("illegal transitions are refused and change nothing", async () => {
    const m = caller(f.actors.memberA);
    const need = await m.need.create(needInput(incidentId, f.types.pump));
    const before = await t.db.need.findUniqueOrThrow({ where: { id: need.id } });
    const audits = await t.db.auditEvent.count();
    await expect(m.need.setStatus({ id: need.id, status: "FILLED" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(m.need.setStatus({ id: need.id, status: "DRAFT" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await m.need.setStatus({ id: need.id, status: "CANCELLED" });
    await expect(m.need.setStatus({ id: need.id, status: "OPEN" })).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await t.db.need.findUniqueOrThrow({ where: { id: need.id } });
    expect({ ...after, status: before.status, unmetReason: null, version: before.version, searchVersion: before.searchVersion, updatedAt: before.updatedAt }).toEqual({ ...before, unmetReason: null });
    expect(after).toMatchObject({ status: "CANCELLED", unmetReason: "CANCELLED_BY_REQUESTER" });
    expect(await t.db.auditEvent.count()).toBe(audits + 1);
  });

  it("another organisation's member gets NOT_FOUND; a supplier FORBIDDEN", async () => {
    const need = await caller(f.actors.memberA).need.create(needInput(incidentId, f.types.pump));
    await expect(caller(f.actors.memberB).need.get({ id: need.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.memberB).need.setStatus({ id: need.id, status: "CANCELLED" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller(f.actors.supplier).need.get({ id: need.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await caller(f.actors.admin).need.get({ id: need.id })).id).toBe(need.id);
  });
});
