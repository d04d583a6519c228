import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { AppError } from "@/server/errors";
import type { Actor } from "@/server/auth/actor-type";
import { resolveActor } from "@/server/auth/actor";
import { createSessionForUser } from "@/server/auth/session-store";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/modules/api-keys/api-keys";
import { hashApiKey } from "@/server/modules/api-keys/key-format";
import { seedAccountFixtures } from "@/server/modules/accounts/test-fixtures";
import { ZCreateApiKeyInput } from "@/lib/schemas/api-keys";

let t: TestDatabase;
let orgA: string;
let orgB: string;
let ownerA: Actor;
let ownerB: Actor;
let memberA: Actor;
let admin: Actor;

async function actorFor(userId: string): Promise<Actor> {
  const s = await createSessionForUser(t.db, userId);
  const a = await resolveActor(t.db, new Headers({ cookie: `${s.cookieName}=${s.sessionToken}` }));
  if (!a) throw new Error("no actor");
  return a;
}

async function person(email: string, orgId: string | null, role: "OWNER" | "MEMBER" = "OWNER", platformRole: "USER" | "ADMIN" = "USER") {
  const u = await t.db.user.create({ data: { email, kind: platformRole === "ADMIN" ? "ADMIN" : "SUPPLIER", platformRole }, select: { id: true } });
  if (orgId) await t.db.membership.create({ data: { userId: u.id, orgId, role } });
  return actorFor(u.id);
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const bearer = (key: string) => new Headers({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await testDb();
  const fx = await seedAccountFixtures(t.db);
  orgA = fx.enterprise.id;
  orgB = fx.verifiedGov.id;
  ownerA = await person("owner-a@example.com", orgA);
  ownerB = await person("owner-b@example.com", orgB);
  memberA = await person("member-a@example.com", orgA, "MEMBER");
  admin = await person("admin@example.com", null, "OWNER", "ADMIN");
});
afterAll(async () => t?.cleanup());

describe("organisation API keys", () => {
  let keyId = "";
  let secret = "";

  it("an owner creates a key; the secret is returned once and only its hash is stored", async () => {
    const created = await createApiKey(t.db, ownerA, ZCreateApiKeyInput.parse({ orgId: orgA, name: "指挥中心对接", scopes: "listings:write,catalogue:read" }));
    keyId = created.id;
    secret = created.secret;
    expect(secret).toMatch(/^mk_[0-9A-Za-z]{8}_[0-9A-Za-z]{32}$/);
    expect(created.prefix).toBe(secret.slice(3, 11));
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { hashedKey: true, createdById: true } });
    expect(row.hashedKey).toBe(hashApiKey(secret));
    expect(row.createdById).toBe(ownerA.userId);
    const listed = await listApiKeys(t.db, ownerA, { orgId: orgA });
    expect(listed.map((k) => k.id)).toEqual([keyId]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(12));
    expect(listed[0]).not.toHaveProperty("hashedKey");
    expect(listed[0]).not.toHaveProperty("secret");
    expect(listed[0].scopes).toEqual(["catalogue:read", "listings:write"]);
  });

  it("a key holds at least one scope, and only scopes its organisation's kind may hold", async () => {
    expect(ZCreateApiKeyInput.safeParse({ orgId: orgA, name: "none" }).success).toBe(false);
    expect(ZCreateApiKeyInput.safeParse({ orgId: orgA, name: "bogus", scopes: ["admin:all"] }).success).toBe(false);
    const govOnly = await rejection(createApiKey(t.db, ownerA, { orgId: orgA, name: "x", scopes: ["listings:read", "incidents:write"] }));
    expect(govOnly.code).toBe("BAD_REQUEST");
    expect(govOnly.fieldErrors).toEqual({ scopes: ["errors.scopeNotAllowed"] });
    const supplierOnly = await rejection(createApiKey(t.db, ownerB, { orgId: orgB, name: "x", scopes: ["offers:respond"] }));
    expect(supplierOnly.code).toBe("BAD_REQUEST");
    expect(await t.db.apiKey.count({ where: { name: "x" } })).toBe(0);
  });

  it("resolves as an API_CLIENT of its organisation and records lastUsedAt", async () => {
    const actor = await resolveActor(t.db, bearer(secret));
    expect(actor).toMatchObject({
      via: "apiKey",
      userId: ownerA.userId,
      roles: ["API_CLIENT"],
      memberships: [{ orgId: orgA, orgRole: "MEMBER", orgKind: "ENTERPRISE", verification: "VERIFIED" }],
      apiKey: { id: keyId, orgId: orgA, scopes: ["catalogue:read", "listings:write"] },
    });
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { lastUsedAt: true } });
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("a wrong or malformed key is anonymous, even with a session cookie alongside", async () => {
    // Always a different last character: a random secret ends in "x" one time in 62.
    const wrongLast = secret.endsWith("x") ? "y" : "x";
    expect(await resolveActor(t.db, bearer(`${secret.slice(0, -1)}${wrongLast}`))).toBeNull();
    expect(await resolveActor(t.db, bearer("mk_nonsense"))).toBeNull();
  });

  it("another organisation's keys are NOT_FOUND", async () => {
    expect((await rejection(listApiKeys(t.db, ownerB, { orgId: orgA }))).code).toBe("NOT_FOUND");
    expect((await rejection(revokeApiKey(t.db, ownerB, { id: keyId }))).code).toBe("NOT_FOUND");
    expect((await rejection(createApiKey(t.db, ownerB, { orgId: orgA, name: "x", scopes: ["catalogue:read"] }))).code).toBe("NOT_FOUND");
    expect(await listApiKeys(t.db, ownerB, { orgId: orgB })).toEqual([]);
  });

  it("a plain member cannot manage the organisation's keys", async () => {
    expect((await rejection(listApiKeys(t.db, memberA, { orgId: orgA }))).code).toBe("NOT_FOUND");
    expect((await rejection(revokeApiKey(t.db, memberA, { id: keyId }))).code).toBe("NOT_FOUND");
  });

  it("an API key cannot manage keys", async () => {
    const keyActor = (await resolveActor(t.db, bearer(secret)))!;
    expect((await rejection(createApiKey(t.db, keyActor, { orgId: orgA, name: "self", scopes: ["catalogue:read"] }))).code).toBe("NOT_FOUND");
  });

  it("a platform admin can see any organisation's keys", async () => {
    expect((await listApiKeys(t.db, admin, { orgId: orgA })).map((k) => k.id)).toEqual([keyId]);
  });

  it("revoking stops the key at once; revoking again is harmless", async () => {
    const revoked = await revokeApiKey(t.db, ownerA, { id: keyId });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await resolveActor(t.db, bearer(secret))).toBeNull();
    const again = await revokeApiKey(t.db, ownerA, { id: keyId });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    const audits = await t.db.auditEvent.findMany({ where: { entityId: keyId }, select: { action: true }, orderBy: { seq: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["apiKey.create", "apiKey.revoke"]);
  });

  it("an expired key resolves to nobody", async () => {
    const k = await createApiKey(t.db, ownerA, { orgId: orgA, name: "short-lived", scopes: ["catalogue:read"] });
    await t.db.apiKey.update({ where: { id: k.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveActor(t.db, bearer(k.secret))).toBeNull();
  });
});
