import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { POST } from "@/app/api/v1/[...path]/route";
import { GET as getOpenApiJson } from "@/app/api/v1/openapi.json/route";
import { createNeed, createResource, propose, seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
const keys = { supplier: "", other: "" };
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });
const rest = (path: string, key: string, body: unknown = {}) =>
  POST(new Request(`http://localhost:3000/api/v1${path}`, { method: "POST", body: JSON.stringify(body), headers: { authorization: `Bearer ${key}`, "content-type": "application/json" } }));

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  const addKey = async (orgId: string) => {
    const k = generateApiKey();
    await t.db.apiKey.create({ data: { orgId, name: "k", prefix: k.prefix, hashedKey: k.hashedKey, createdById: f.actors.supplier.userId, scopes: [...SCOPES_BY_ORG_KIND.ENTERPRISE] } });
    return k.key;
  };
  keys.supplier = await addKey(f.orgs.enterprise);
  keys.other = await addKey(f.orgs.govB);
});
afterAll(async () => t.cleanup());

async function offered() {
  const need = await createNeed(t.db, f.incidentId, f.types.pump, f.actors.dispatcherA.userId, 1);
  const a = await propose(t.db, need, await createResource(t.db, f.orgs.enterprise, f.types.pump));
  await caller(f.actors.dispatcherA).offer.send({ id: a, holdMinutes: 10 });
  return a;
}

describe("offer router and REST v1", () => {
  it("tRPC: the supplier's inbox lists the pending offer with distance and hold; notifications arrive", async () => {
    const a = await offered();
    const inbox = await caller(f.actors.supplier).offer.inbox({ scope: "pending" });
    const card = inbox.find((c) => c.id === a)!;
    expect(card).toMatchObject({ status: "OFFERED", incident: { id: f.incidentId } });
    expect(card.distanceKm).toBeGreaterThan(0);
    expect(card.holdExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await caller(f.actors.memberB).notification.list({})).toMatchObject({ items: [] });
    const notes = await caller(f.actors.supplier).notification.list({ unreadOnly: true });
    expect(notes.items.some((n) => n.kind === "offer.received" && n.payload.assignmentId === a)).toBe(true);
    await caller(f.actors.supplier).notification.markRead({});
    expect((await caller(f.actors.supplier).notification.list({})).unread).toBe(0);
    await expect(caller(f.actors.supplier).offer.send({ id: a })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("REST: POST /offers/{id}/accept with the supplier org's key; another org's key gets 403", async () => {
    const a = await offered();
    const denied = await rest(`/offers/${a}/accept`, keys.other);
    expect(denied.status).toBe(403);
    const ok = await rest(`/offers/${a}/accept`, keys.supplier);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: a, status: "ACCEPTED" });
    const again = await rest(`/offers/${a}/accept`, keys.supplier);
    expect(again.status).toBe(409);
  });

  it("REST: POST /offers/{id}/decline needs a reason", async () => {
    const a = await offered();
    expect((await rest(`/offers/${a}/decline`, keys.supplier, { reason: "" })).status).toBe(400);
    const ok = await rest(`/offers/${a}/decline`, keys.supplier, { reason: "泵在维修" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "DECLINED" });
  });

  it("OpenAPI documents both operations", async () => {
    const doc = await (await getOpenApiJson()).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/offers/{id}/accept", "/offers/{id}/decline"]));
  });
});
