import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { musterAdapter } from "@/server/auth/adapter";
import { createSessionForUser } from "@/server/auth/session-store";
import { SESSION_ABSOLUTE_SECONDS } from "@/server/auth/session-policy";

let t: TestDatabase;
let userId: string;
let adapter: ReturnType<typeof musterAdapter>;

beforeAll(async () => {
  t = await testDb();
  adapter = musterAdapter(t.db);
  userId = (await t.db.user.create({ data: { email: "reader@example.com", name: "读者", passwordHash: "$argon2id$secret" }, select: { id: true } })).id;
});
afterAll(async () => t?.cleanup());

describe("Auth.js adapter wrapper", () => {
  it("reads our sessions, exposing adapter fields only", async () => {
    const s = await createSessionForUser(t.db, userId);
    const r = await adapter.getSessionAndUser!(s.sessionToken);
    expect(r?.session).toEqual({ sessionToken: s.sessionToken, userId, expires: s.expires });
    expect(Object.keys(r!.user).sort()).toEqual(["email", "emailVerified", "id", "image", "name"]);
    expect(JSON.stringify(await adapter.getUserByEmail!("READER@example.com"))).not.toContain("argon2");
  });

  it("treats a session older than 12 h as signed out and deletes it", async () => {
    const s = await createSessionForUser(t.db, userId, new Date(Date.now() - (SESSION_ABSOLUTE_SECONDS + 1) * 1000));
    await t.db.session.update({ where: { sessionToken: s.sessionToken }, data: { expires: new Date(Date.now() + 600_000) } });
    expect(await adapter.getSessionAndUser!(s.sessionToken)).toBeNull();
    expect(await t.db.session.count({ where: { sessionToken: s.sessionToken } })).toBe(0);
  });

  it("never slides a session past its absolute deadline", async () => {
    const created = new Date(Date.now() - (SESSION_ABSOLUTE_SECONDS - 60) * 1000);
    const s = await createSessionForUser(t.db, userId, created);
    const updated = await adapter.updateSession!({ sessionToken: s.sessionToken, expires: new Date(Date.now() + 30 * 60_000) });
    expect(updated?.expires).toEqual(new Date(created.getTime() + SESSION_ABSOLUTE_SECONDS * 1000));
  });

  it("uses a verification token once", async () => {
    const expires = new Date(Date.now() + 600_000);
    await t.db.verificationToken.create({ data: { identifier: "reader@example.com", token: "hashed", expires } });
    const first = await adapter.useVerificationToken!({ identifier: "reader@example.com", token: "hashed" });
    expect(first).toEqual({ identifier: "reader@example.com", token: "hashed", expires });
    expect(await adapter.useVerificationToken!({ identifier: "reader@example.com", token: "hashed" })).toBeNull();
  });

  it("refuses to create users (sign-up does that)", async () => {
    await expect(adapter.createUser!({ id: "x", email: "new@example.com", emailVerified: null })).rejects.toThrow(/sign-up/);
  });
});
