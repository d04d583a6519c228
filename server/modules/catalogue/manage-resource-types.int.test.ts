import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { TCreateResourceTypeInput } from "@/lib/schemas/catalogue-admin";

let t: TestDatabase;
let admin: Actor;
const others: Actor[] = [];

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

async function failure(p: Promise<unknown>) {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string; cause?: { fieldErrors?: Record<string, string[]> } } | null;
  expect(e, "expected the call to fail").not.toBeNull();
  return { code: e!.code, fieldErrors: e!.cause?.fieldErrors };
}

const pump = (over: Partial<TCreateResourceTypeInput> = {}): TCreateResourceTypeInput => ({
  code: "EQ-PUMP-T1",
  kind: "PUMP",
  category: "EQUIPMENT",
  typeLevel: 1,
  nameZh: "大流量排涝泵",
  nameEn: "High-flow drainage pump",
  descriptionZh: "车载大流量排涝泵。",
  descriptionEn: "Truck-mounted high-flow pump.",
  minimumCriteriaZh: "流量不低于 1000 m³/h。",
  minimumCriteriaEn: "Flow of at least 1000 m³/h.",
  metrics: [{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 0, max: 5000 }],
  defaultUnit: "unit",
  requiredCredentialKinds: [],
  active: true,
  ...over,
});

beforeAll(async () => {
  t = await testDb();
  const a = await t.db.user.create({ data: { email: "admin@example.cn", kind: "ADMIN", platformRole: "ADMIN" }, select: { id: true } });
  admin = { via: "session", userId: a.id, roles: ["ADMIN"], memberships: [] };
  for (const role of ["REQUESTER", "SUPPLIER", "EXPERT", "KNIGHT", "API_CLIENT"] as const) {
    const u = await t.db.user.create({ data: { email: `${role.toLowerCase()}@example.cn` }, select: { id: true } });
    others.push({ via: role === "API_CLIENT" ? "apiKey" : "session", userId: u.id, roles: [role], memberships: [] });
  }
});
afterAll(async () => t?.cleanup());

describe("admin catalogue writes", () => {
  it("an admin creates a type; it is listed with its metrics and the change is audited", async () => {
    const created = await caller(admin).catalogue.createType(pump());
    expect(created).toMatchObject({ code: "EQ-PUMP-T1", typeLevel: 1, descriptionEn: "Truck-mounted high-flow pump." });
    expect(created.metrics).toEqual([{ key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 0, max: 5000 }]);
    const got = await caller(others[1]).catalogue.getType({ code: "EQ-PUMP-T1" });
    expect(got.id).toBe(created.id);
    const audit = await t.db.auditEvent.findFirst({ where: { action: "resourceType.create", entityId: created.id }, select: { actorId: true } });
    expect(audit?.actorId).toBe(admin.userId);
  });

  it("a duplicate code is a field error on code", async () => {
    const dup = await failure(caller(admin).catalogue.createType(pump({ nameZh: "另一个" })));
    expect(dup).toEqual({ code: "CONFLICT", fieldErrors: { code: ["errors.codeTaken"] } });
  });

  it("nobody but an admin may create or update types", async () => {
    for (const actor of others) {
      expect((await failure(caller(actor).catalogue.createType(pump({ code: "EQ-X-1" })))).code).toBe("FORBIDDEN");
    }
    expect((await failure(caller(null).catalogue.createType(pump({ code: "EQ-X-1" })))).code).toBe("UNAUTHORIZED");
    expect(await t.db.resourceType.count({ where: { code: "EQ-X-1" } })).toBe(0);
  });

  it("an admin updates a type, audited with the changed fields; a clash with another code is refused", async () => {
    const type = await t.db.resourceType.findUniqueOrThrow({ where: { code: "EQ-PUMP-T1" }, select: { id: true } });
    const updated = await caller(admin).catalogue.updateType({ ...pump({ typeLevel: 2, nameEn: "Drainage pump" }), id: type.id });
    expect(updated).toMatchObject({ typeLevel: 2, nameEn: "Drainage pump" });
    const audit = await t.db.auditEvent.findFirst({ where: { action: "resourceType.update", entityId: type.id }, select: { data: true } });
    expect((audit?.data as { changed: string[] }).changed.sort()).toEqual(["nameEn", "typeLevel"]);

    await caller(admin).catalogue.createType(pump({ code: "EQ-PUMP-T2", typeLevel: 3 }));
    const clash = await failure(caller(admin).catalogue.updateType({ ...pump({ code: "EQ-PUMP-T2" }), id: type.id }));
    expect(clash.fieldErrors).toEqual({ code: ["errors.codeTaken"] });
    expect((await failure(caller(others[1]).catalogue.updateType({ ...pump(), id: type.id }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(admin).catalogue.updateType({ ...pump({ code: "EQ-NEW-9" }), id: "missing" }))).code).toBe("NOT_FOUND");
  });

  it("bad metrics and levels are field errors and nothing is written", async () => {
    const bad = await failure(
      caller(admin).catalogue.createType(
        pump({ code: "EQ-BAD-1", typeLevel: 7, metrics: [{ key: "Flow", unit: "m³/h", labelZh: "流量", labelEn: "Flow", min: 5, max: 1 }] }),
      ),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    expect(await t.db.resourceType.count({ where: { code: "EQ-BAD-1" } })).toBe(0);
  });
});
