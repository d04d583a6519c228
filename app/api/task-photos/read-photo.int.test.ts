import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPES_BY_ORG_KIND } from "@/lib/schemas/api-keys";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { createSessionForUser } from "@/server/auth/session-store";
import { generateApiKey } from "@/server/modules/api-keys/key-format";
import { acceptTask, createKnight, createKnightNeed, seedKnightFixtures } from "@/server/modules/knights/test-fixtures";
import { contains, jpegWithExif, SECRET_GPS } from "@/server/modules/knights/photos/test-images";
import { GET } from "@/app/api/task-photos/[id]/route";

/**
 * Reading a task photo through its route handler (no HTTP server), with real sessions and API keys: the
 * knight who took it and the dispatchers of that need's tasks get the image; everyone else the same 404.
 */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedKnightFixtures>>;
let photoId = "";
let pendingPhotoId = "";
let stored: Uint8Array;
const cookies: Record<string, string> = {};
let govAKey = "";

function caller(actor: Actor) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

async function signIn(name: string, userId: string) {
  const s = await createSessionForUser(t.db, userId);
  cookies[name] = `${s.cookieName}=${s.sessionToken}`;
}

function read(id: string, auth: { cookie?: string; key?: string } = {}) {
  const headers = new Headers();
  if (auth.cookie) headers.set("cookie", auth.cookie);
  if (auth.key) headers.set("authorization", `Bearer ${auth.key}`);
  return GET(new Request(`http://localhost:3000/api/task-photos/${id}`, { headers }), { params: Promise.resolve({ id }) });
}

/** A knight's photo on a recon task of an incident of `orgId`, uploaded at the site. */
async function photoOnIncidentOf(orgId: string, createdById: string, knight: Awaited<ReturnType<typeof createKnight>>, acceptedAt = new Date()) {
  const incident = await t.db.incident.create({
    data: { orgId, createdById, title: "内涝巡查", kind: "FLOOD", severity: "III", status: "ACTIVE", lat: 32.05, lng: 118.79, address: "南京市玄武区", regionCode: "320102" },
    select: { id: true },
  });
  const needId = await createKnightNeed(t.db, incident.id, createdById, { taskKind: "RECON" });
  const id = await acceptTask(t.db, needId, knight.knightId, acceptedAt);
  await caller(knight.actor).knightTask.advance({ assignmentId: id, to: "AT_DROPOFF" });
  const dto = await caller(knight.actor).knightTask.uploadPhoto({ assignmentId: id, dataBase64: Buffer.from(jpegWithExif()).toString("base64") });
  return dto.id;
}

beforeAll(async () => {
  t = await testDb();
  f = await seedKnightFixtures(t.db);
  const knight = await createKnight(t.db);
  const otherKnight = await createKnight(t.db);
  photoId = await photoOnIncidentOf(f.orgs.govA, f.actors.dispatcherA.userId, knight);
  // A later task window: one knight holds one live task at a time.
  pendingPhotoId = await photoOnIncidentOf(f.orgs.govPending, f.actors.pending.userId, knight, new Date(Date.now() + 3 * 3_600_000));
  stored = (await t.db.knightTaskPhoto.findUniqueOrThrow({ where: { id: photoId }, select: { bytes: true } })).bytes;

  await signIn("knight", knight.userId);
  await signIn("otherKnight", otherKnight.userId);
  for (const name of ["dispatcherA", "memberA", "admin", "memberB", "supplier", "pending"] as const) await signIn(name, f.actors[name].userId);
  const k = generateApiKey();
  await t.db.apiKey.create({ data: { orgId: f.orgs.govA, name: "gov A system", prefix: k.prefix, hashedKey: k.hashedKey, createdById: f.actors.dispatcherA.userId, scopes: [...SCOPES_BY_ORG_KIND.GOVERNMENT] } });
  govAKey = k.key;
});
afterAll(async () => t?.cleanup());

describe("reading a task photo", () => {
  it("streams the cleaned image to the knight who took it, with its type and a private cache policy", async () => {
    const res = await read(photoId, { cookie: cookies.knight });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toMatch(/^private\b/);
    const body = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(body).equals(Buffer.from(stored))).toBe(true);
    expect(contains(body, SECRET_GPS)).toBe(false);
  });

  it("shows it to the dispatchers of that need's tasks: the incident organisation's members and platform admins", async () => {
    for (const who of ["dispatcherA", "memberA", "admin"]) {
      const res = await read(photoId, { cookie: cookies[who] });
      expect(res.status, who).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
    }
  });

  it("answers 404 to everyone else, exactly as for an unknown photo", async () => {
    const unknown = await read("ckunknownphoto0000000000", { cookie: cookies.dispatcherA });
    expect(unknown.status).toBe(404);
    const body = await unknown.text();
    for (const who of ["otherKnight", "memberB", "supplier"]) {
      const res = await read(photoId, { cookie: cookies[who] });
      expect(res.status, who).toBe(404);
      expect(await res.text()).toBe(body);
    }
    // An organisation's API key is not a dispatcher of knight tasks (as on the dispatch board).
    expect((await read(photoId, { key: govAKey })).status).toBe(404);
    // Members of an organisation still awaiting verification do not dispatch its knight tasks either.
    expect((await read(pendingPhotoId, { cookie: cookies.pending })).status).toBe(404);
    expect((await read(pendingPhotoId, { cookie: cookies.knight })).status).toBe(200);
    expect((await read(pendingPhotoId, { cookie: cookies.admin })).status).toBe(200);
  });

  it("asks the signed-out to sign in, without saying whether the photo exists", async () => {
    const res = await read(photoId);
    expect(res.status).toBe(401);
    expect((await read("nope")).status).toBe(401);
  });
});
