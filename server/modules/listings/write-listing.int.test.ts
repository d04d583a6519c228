import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { createActor, createOrg, pumpInput, seedListingRefs } from "@/server/modules/listings/test-fixtures";
import { updateListing } from "@/server/modules/listings/write-listing";
import { countStatements } from "@/tests/helpers/count-statements";

let t: TestDatabase;
const a: Record<string, Actor> = {};
let orgA = "";

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeTruthy();
  const cause = (e as { cause?: unknown }).cause;
  if (cause instanceof AppError) return { code: cause.code, message: cause.message, fieldErrors: cause.fieldErrors };
  return { code: (e as { code: string }).code, message: (e as Error).message };
}

beforeAll(async () => {
  t = await testDb();
  await seedListingRefs(t.db);
  const A = await createOrg(t.db, "华力机械");
  const B = await createOrg(t.db, "别家公司");
  const P = await createOrg(t.db, "待审核公司", { verification: "PENDING" });
  const G = await createOrg(t.db, "应急管理局", { kind: "GOVERNMENT" });
  orgA = A.id;
  a.owner = await createActor(t.db, "owner@a.cn", ["SUPPLIER"], A, "OWNER");
  a.dispatcher = await createActor(t.db, "disp@a.cn", ["SUPPLIER"], A, "DISPATCHER");
  a.member = await createActor(t.db, "member@a.cn", ["SUPPLIER"], A, "MEMBER");
  a.other = await createActor(t.db, "member@b.cn", ["SUPPLIER"], B, "OWNER");
  a.pending = await createActor(t.db, "owner@p.cn", ["SUPPLIER"], P, "OWNER");
  a.requester = await createActor(t.db, "req@g.cn", ["REQUESTER"], G, "OWNER");
  a.expert = await createActor(t.db, "expert@x.cn", ["EXPERT"]);
  a.expert2 = await createActor(t.db, "expert2@x.cn", ["EXPERT"]);
  a.admin = await createActor(t.db, "admin@x.cn", ["ADMIN"]);
  a.knight = await createActor(t.db, "knight@x.cn", ["KNIGHT"]);
});
afterAll(async () => t?.cleanup());

describe("listing permissions", () => {
  it("every org role of the owning organisation can create and change its listings; audit + outbox per write", async () => {
    const created = await caller(a.member).listing.create({ ...pumpInput, status: "AVAILABLE" });
    expect(created).toMatchObject({ ownerOrgId: orgA, ownerUserId: null, status: "AVAILABLE", version: 1, regionCode: "320100", quantity: 2 });
    expect(created.eligibility).toEqual({ ok: true, reasons: [] });
    const u1 = await caller(a.dispatcher).listing.update({ id: created.id, version: 1, title: "泵站（调度改）" });
    const u2 = await caller(a.owner).listing.setStatus({ id: created.id, version: u1.version, status: "OUT_OF_SERVICE" });
    expect(u2).toMatchObject({ version: 3, status: "OUT_OF_SERVICE", title: "泵站（调度改）" });
    const audits = await t.db.auditEvent.findMany({ where: { entityId: created.id }, orderBy: { seq: "asc" }, select: { action: true, actorId: true } });
    expect(audits.map((x) => x.action)).toEqual(["listing.create", "listing.update", "listing.setStatus"]);
    expect(audits.map((x) => x.actorId)).toEqual([a.member.userId, a.dispatcher.userId, a.owner.userId]);
    expect(await t.db.outboxEvent.count({ where: { aggregateId: created.id, topic: "listing.changed" } })).toBe(3);
  });

  it("another organisation's member is FORBIDDEN on writes and NOT_FOUND on reads, for real and missing ids alike", async () => {
    const l = await caller(a.owner).listing.create(pumpInput);
    for (const id of [l.id, "does-not-exist"]) {
      expect((await failure(caller(a.other).listing.update({ id, version: 1, title: "偷改" }))).code).toBe("FORBIDDEN");
      expect((await failure(caller(a.other).listing.setStatus({ id, version: 1, status: "RETIRED" }))).code).toBe("FORBIDDEN");
      expect((await failure(caller(a.other).listing.getForEdit({ id }))).code).toBe("NOT_FOUND");
    }
    expect((await caller(a.other).listing.mine({ page: 1, pageSize: 100 })).items.map((i) => i.id)).not.toContain(l.id);
    expect((await t.db.resource.findUniqueOrThrow({ where: { id: l.id }, select: { title: true, version: true } }))).toEqual({ title: pumpInput.title, version: 1 });
  });

  it("admins can view any listing but not edit; requesters and knights cannot create", async () => {
    const l = await caller(a.owner).listing.create(pumpInput);
    expect((await caller(a.admin).listing.getForEdit({ id: l.id })).id).toBe(l.id);
    expect((await failure(caller(a.admin).listing.update({ id: l.id, version: 1, title: "x2" }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(a.requester).listing.create(pumpInput))).code).toBe("FORBIDDEN");
    expect((await failure(caller(a.knight).listing.create(pumpInput))).code).toBe("FORBIDDEN");
    expect((await failure(caller(null).listing.create(pumpInput))).code).toBe("UNAUTHORIZED");
  });

  it("an individual expert owns their own listing; another expert cannot touch it", async () => {
    const l = await caller(a.expert).listing.create(pumpInput);
    expect(l).toMatchObject({ ownerOrgId: null, ownerUserId: a.expert.userId });
    expect((await caller(a.expert).listing.update({ id: l.id, version: 1, quantity: 3 })).quantity).toBe(3);
    expect((await failure(caller(a.expert2).listing.update({ id: l.id, version: 2, quantity: 9 }))).code).toBe("FORBIDDEN");
    expect((await caller(a.expert).listing.mine({ page: 1, pageSize: 10 })).items.map((i) => i.id)).toEqual([l.id]);
  });

  it("an unverified supplier can draft but not make a listing available (clear error)", async () => {
    const d = await caller(a.pending).listing.create(pumpInput);
    expect(d.status).toBe("DRAFT");
    expect(d.eligibility.reasons).toContainEqual({ code: "ORG_UNVERIFIED", detail: null });
    const e1 = await failure(caller(a.pending).listing.create({ ...pumpInput, status: "AVAILABLE" }));
    expect(e1.code).toBe("PRECONDITION_FAILED");
    expect(e1.fieldErrors?.status?.[0]).toContain("not verified");
    expect((await failure(caller(a.pending).listing.setStatus({ id: d.id, version: 1, status: "AVAILABLE" }))).code).toBe("PRECONDITION_FAILED");
  });
});

describe("listing validation and locking", () => {
  it("answers field errors for capabilities, units, windows and credentials, and writes nothing", async () => {
    const before = await t.db.resource.count();
    const e = await failure(
      caller(a.owner).listing.create({
        ...pumpInput,
        unit: "barrel",
        capabilities: { flow_m3h: 9000, nope: 1 },
        availabilityWindows: [
          { kind: "WEEKLY", weekday: 1, startMinute: 480, endMinute: 720 },
          { kind: "WEEKLY", weekday: 1, startMinute: 600, endMinute: 900 },
          { kind: "BLACKOUT", startsAt: "2026-08-02", endsAt: "2026-08-01" },
        ],
        credentials: [{ kind: "K", number: "1", issuer: "I", validFrom: "2031-01-01", validUntil: "2030-01-01" }],
      }),
    );
    expect(e.code).toBe("BAD_REQUEST");
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual([
      "availabilityWindows.1.startMinute", "availabilityWindows.2.endsAt", "capabilities.flow_m3h", "capabilities.nope", "credentials.0.validFrom", "unit",
    ]);
    expect(e.fieldErrors?.["capabilities.flow_m3h"]).toEqual(["Flow rate must be between 0 and 5000 m³/h."]);
    expect(await t.db.resource.count()).toBe(before);
    const z = await failure(caller(a.owner).listing.create({ ...pumpInput, lat: 60, quantity: -1 }));
    expect(z.code).toBe("BAD_REQUEST");
  });

  it("saves a listing whose required credential has expired, flagged ineligible", async () => {
    const l = await caller(a.owner).listing.create({
      ...pumpInput, typeCode: "EQ-BOAT-1", unit: "boat", capabilities: { seats: 12 },
      credentials: [{ kind: "VESSEL_OPERATOR", number: "苏-001", issuer: "江苏海事局", validUntil: "2020-01-01" }],
    });
    expect(l.eligibility).toEqual({ ok: false, reasons: [{ code: "CREDENTIAL_EXPIRED", detail: "VESSEL_OPERATOR" }] });
    const renewed = await caller(a.owner).listing.update({
      id: l.id, version: 1, credentials: [{ kind: "VESSEL_OPERATOR", number: "苏-002", issuer: "江苏海事局", validUntil: "2099-01-01" }],
    });
    expect(renewed.eligibility.ok).toBe(true);
    expect(renewed.credentials.map((c) => c.number)).toEqual(["苏-002"]);
  });

  it("an English title is optional: stored when given, kept by other edits, cleared when emptied", async () => {
    const plain = await caller(a.owner).listing.create({ ...pumpInput });
    expect(plain.titleEn).toBeNull();
    const l = await caller(a.owner).listing.create({ ...pumpInput, titleEn: "  Mobile pump station, 800 m³/h " });
    expect(l.titleEn).toBe("Mobile pump station, 800 m³/h");
    const renamed = await caller(a.owner).listing.update({ id: l.id, version: 1, title: "泵站（新名）" });
    expect(renamed.titleEn).toBe("Mobile pump station, 800 m³/h");
    const cleared = await caller(a.owner).listing.update({ id: l.id, version: renamed.version, titleEn: "" });
    expect(cleared.titleEn).toBeNull();
    expect((await caller(a.owner).listing.mine({})).items.find((x) => x.id === l.id)).toMatchObject({ title: "泵站（新名）", titleEn: null });
  });

  it("optimistic locking: a stale version is a CONFLICT; windows are replaced wholesale", async () => {
    const l = await caller(a.owner).listing.create({ ...pumpInput, availabilityWindows: [{ kind: "WEEKLY", weekday: 1, startMinute: 480, endMinute: 1080 }] });
    const first = await caller(a.member).listing.update({
      id: l.id, version: 1,
      availabilityWindows: [{ kind: "WEEKLY", weekday: 2, startMinute: 0, endMinute: 1440 }, { kind: "BLACKOUT", startsAt: "2026-09-01T00:00:00+08:00", endsAt: "2026-09-03T00:00:00+08:00" }],
    });
    expect(first.version).toBe(2);
    expect(first.availabilityWindows.map((w) => w.kind)).toEqual(["WEEKLY", "BLACKOUT"]);
    expect(await t.db.availabilityWindow.count({ where: { resourceId: l.id } })).toBe(2);
    const stale = await failure(caller(a.owner).listing.update({ id: l.id, version: 1, title: "晚到的修改" }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain("reload");
    // Two writers at once on the same version: exactly one wins.
    const results = await Promise.allSettled([
      caller(a.owner).listing.update({ id: l.id, version: 2, title: "甲方修改" }),
      caller(a.member).listing.update({ id: l.id, version: 2, title: "乙方修改" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((lost.reason as { cause?: AppError }).cause?.code).toBe("CONFLICT");
    expect((await t.db.resource.findUniqueOrThrow({ where: { id: l.id }, select: { version: true } })).version).toBe(3);
  });

  it("a write holds its transaction for the writes only: the merge's reads come before it, the answer after", async () => {
    const l = await caller(a.owner).listing.create({ ...pumpInput });
    const { result, statements } = await countStatements(() => updateListing(t.db, a.owner, { id: l.id, version: 1, title: "改名后的泵车" }));
    expect(result).toMatchObject({ title: "改名后的泵车", version: 2 });
    const sql = statements.map((q) => q.replace(/\s+/g, " ").trim());
    const inside = sql.slice(sql.indexOf("BEGIN") + 1, sql.indexOf("COMMIT"));
    // the committed units, the versioned UPDATE, the audit row, the outbox row
    expect(inside).toHaveLength(4);
    expect(inside.filter((q) => /^SELECT/.test(q))).toHaveLength(1);
  });
});
