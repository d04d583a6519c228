import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { seedIncidentFixtures } from "@/server/modules/incidents/test-fixtures";
import { assertCommandAccess, commandRegionsFor, listCommandRegions, regionSubtree } from "@/server/modules/command/command-access";
import { createKnight } from "@/server/modules/dispatch/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedIncidentFixtures>>;
const gov: Record<"province" | "nanjing" | "wuxi", Actor> = {} as never;
let knight: Actor;

async function govActor(regionCode: string, name: string): Promise<Actor> {
  const org = await t.db.organization.create({
    data: { name, kind: "GOVERNMENT", verification: "VERIFIED", regionCode, contactName: "值班", contactPhone: "025-1", address: name },
    select: { id: true },
  });
  const user = await t.db.user.create({ data: { email: `${regionCode}@gov.test`, name, kind: "REQUESTER" }, select: { id: true } });
  await t.db.membership.create({ data: { userId: user.id, orgId: org.id, role: "DISPATCHER" } });
  return { via: "session", userId: user.id, roles: ["REQUESTER"], memberships: [{ orgId: org.id, orgRole: "DISPATCHER", orgKind: "GOVERNMENT", verification: "VERIFIED" }] };
}

beforeAll(async () => {
  t = await testDb();
  f = await seedIncidentFixtures(t.db);
  gov.province = await govActor("320000", "江苏省应急管理厅");
  gov.nanjing = await govActor("320100", "南京市应急管理局");
  gov.wuxi = await govActor("320200", "无锡市应急管理局（测试）");
  knight = (await createKnight(t.db, { lat: 32.05, lng: 118.79 })).actor;
});
afterAll(async () => t.cleanup());

const code = (p: Promise<unknown>) => p.then(() => "OK", (e: { code?: string }) => e.code);

describe("command centre access", () => {
  it("forbids a supplier, a knight, a pending government member and a government user of another region", async () => {
    expect(await code(assertCommandAccess(t.db, f.actors.supplier, "320102"))).toBe("FORBIDDEN");
    expect(await code(assertCommandAccess(t.db, knight, "320102"))).toBe("FORBIDDEN");
    expect(await code(assertCommandAccess(t.db, f.actors.pending, "320102"))).toBe("FORBIDDEN");
    expect(await code(assertCommandAccess(t.db, gov.wuxi, "320100"))).toBe("FORBIDDEN");
    expect(await code(assertCommandAccess(t.db, gov.wuxi, "320102"))).toBe("FORBIDDEN");
    // A district's government does not see its parent city nor the province.
    expect(await code(assertCommandAccess(t.db, f.actors.memberA, "320100"))).toBe("FORBIDDEN");
    expect(await code(assertCommandAccess(t.db, gov.nanjing, "320000"))).toBe("FORBIDDEN");
  });

  it("allows admins everywhere and governments for their region and the regions below it", async () => {
    expect(await code(assertCommandAccess(t.db, f.actors.admin, "320000"))).toBe("OK");
    expect(await code(assertCommandAccess(t.db, f.actors.admin, "320200"))).toBe("OK");
    expect(await code(assertCommandAccess(t.db, f.actors.memberA, "320102"))).toBe("OK");
    expect(await code(assertCommandAccess(t.db, gov.nanjing, "320102"))).toBe("OK");
    expect(await code(assertCommandAccess(t.db, gov.nanjing, "320100"))).toBe("OK");
    expect(await code(assertCommandAccess(t.db, gov.province, "320102"))).toBe("OK");
    expect(await code(assertCommandAccess(t.db, gov.wuxi, "320200"))).toBe("OK");
  });

  it("lists the regions broadest first, and nothing for those without access", async () => {
    expect(await commandRegionsFor(t.db, f.actors.admin)).toBeNull();
    expect(await commandRegionsFor(t.db, gov.nanjing)).toEqual(["320100", "320102"]);
    expect(await commandRegionsFor(t.db, gov.province)).toEqual(["320000", "320100", "320200", "320102"]);
    expect(await commandRegionsFor(t.db, f.actors.supplier)).toEqual([]);
    expect(await commandRegionsFor(t.db, knight)).toEqual([]);
    expect((await listCommandRegions(t.db, gov.nanjing)).map((r) => r.code)).toEqual(["320100", "320102"]);
    expect(await regionSubtree(t.db, "320100")).toEqual(["320100", "320102"]);
  });

  it("a key acts only for its own organisation; a missing region is NOT_FOUND once access is established", async () => {
    const key: Actor = { ...gov.nanjing, via: "apiKey", roles: ["API_CLIENT"], apiKey: { id: "k", orgId: "another-org", scopes: [] } };
    expect(await code(assertCommandAccess(t.db, key, "320100"))).toBe("FORBIDDEN");
    expect(await code(assertCommandAccess(t.db, f.actors.admin, "999999"))).toBe("NOT_FOUND");
  });
});
