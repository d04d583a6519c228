import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { GET } from "@/app/api/v1/[...path]/route";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";
import { makePaidOrder, type OrderFixtures } from "@/server/modules/orders/test-fixtures";
import { getOrder, listOrders } from "@/server/modules/orders/read-orders";
import { startPayment } from "@/server/modules/payments/start-payment";
import { makePaymentsConfig } from "@/server/modules/payments/stripe-client";
import type { Actor } from "@/server/auth/actor-type";

/** Who sees an order: the buying and the selling organisation (people and keys); nobody else, not even by id. */
let t: TestDatabase;
let f: OrderFixtures;
let otherSupplierOrg: string;
let otherSupplier: Actor;
let mine: { orderId: string };
let theirs: { orderId: string };
const keys = { govA: "", govB: "", enterprise: "", other: "", enterpriseNoScope: "" };

const call = (path: string, key: string) => GET(new Request(`http://localhost:3000/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }));

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
  otherSupplierOrg = (
    await t.db.organization.create({
      data: { name: "另一家装备公司", kind: "ENTERPRISE", verification: "VERIFIED", regionCode: "320102", contactName: "联系人", contactPhone: "025-84000001", address: "南京" },
      select: { id: true },
    })
  ).id;
  const u = await t.db.user.create({ data: { email: "other@ent.test", name: "吴供应", kind: "SUPPLIER" }, select: { id: true } });
  await t.db.membership.create({ data: { userId: u.id, orgId: otherSupplierOrg, role: "OWNER" } });
  otherSupplier = { via: "session", userId: u.id, roles: ["SUPPLIER"], memberships: [{ orgId: otherSupplierOrg, orgRole: "OWNER", orgKind: "ENTERPRISE", verification: "VERIFIED" }] };
  mine = await makePaidOrder(t.db, f);
  theirs = await makePaidOrder(t.db, f, { sellerOrgId: otherSupplierOrg, supplier: otherSupplier });
  const addKey = async (orgId: string, userId: string, scopes: string[]) => {
    const k = generateApiKey();
    await t.db.apiKey.create({ data: { orgId, name: "sys", prefix: k.prefix, hashedKey: k.hashedKey, createdById: userId, scopes } });
    return k.key;
  };
  keys.govA = await addKey(f.orgs.govA, f.actors.memberA.userId, [...SCOPES_BY_ORG_KIND.GOVERNMENT]);
  keys.govB = await addKey(f.orgs.govB, f.actors.memberB.userId, [...SCOPES_BY_ORG_KIND.GOVERNMENT]);
  keys.enterprise = await addKey(f.orgs.enterprise, f.actors.supplier.userId, [...SCOPES_BY_ORG_KIND.ENTERPRISE]);
  keys.other = await addKey(otherSupplierOrg, u.id, [...SCOPES_BY_ORG_KIND.ENTERPRISE]);
  keys.enterpriseNoScope = await addKey(f.orgs.enterprise, f.actors.supplier.userId, ["catalogue:read"]);
});
afterAll(() => t?.cleanup());

describe("order visibility", () => {
  it("a supplier sees only its own orders; the requester sees its organisation's", async () => {
    const sup = await listOrders(t.db, f.actors.supplier, { limit: 50 });
    expect(sup.items.map((o) => o.id)).toEqual([mine.orderId]);
    expect(sup.items[0]!.side).toBe("seller");
    const other = await listOrders(t.db, otherSupplier, { limit: 50 });
    expect(other.items.map((o) => o.id)).toEqual([theirs.orderId]);
    const req = await listOrders(t.db, f.actors.memberA, { limit: 50 });
    expect(req.items.map((o) => o.id).sort()).toEqual([mine.orderId, theirs.orderId].sort());
    expect(req.items.every((o) => o.side === "buyer")).toBe(true);
    expect((await listOrders(t.db, f.actors.memberB, { limit: 50 })).items).toEqual([]);
    await expect(getOrder(t.db, otherSupplier, mine.orderId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getOrder(t.db, f.actors.memberB, mine.orderId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("only the buyer's dispatchers may open payment; another organisation cannot even find the order", async () => {
    const cfg = makePaymentsConfig({});
    await expect(startPayment(t.db, cfg, f.actors.memberA, mine.orderId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startPayment(t.db, cfg, f.actors.supplier, mine.orderId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(startPayment(t.db, cfg, f.actors.memberB, mine.orderId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("REST v1: each key reads its own organisation's orders; another organisation's key gets 404", async () => {
    const a = await call(`/orders/${mine.orderId}`, keys.govA);
    expect(a.status).toBe(200);
    const body = await a.json();
    expect(body).toMatchObject({ id: mine.orderId, status: "ACCEPTED", side: "buyer", currency: "CNY" });
    expect(body.quote.subtotalCents).toBe(body.amountCents);
    expect((await call(`/orders/${mine.orderId}`, keys.enterprise)).status).toBe(200);
    for (const [key, id] of [[keys.govB, mine.orderId], [keys.other, mine.orderId], [keys.enterprise, theirs.orderId]] as const) {
      expect((await call(`/orders/${id}`, key)).status).toBe(404);
    }
    const list = await (await call("/orders", keys.other)).json();
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([theirs.orderId]);
    expect((await call("/orders", keys.enterpriseNoScope)).status).toBe(403);
  });
});
