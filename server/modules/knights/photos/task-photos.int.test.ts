import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { acceptTask, createKnight, createKnightNeed, seedKnightFixtures } from "@/server/modules/knights/test-fixtures";
import { findPositionLeaks } from "@/server/modules/dispatch/privacy-scan";
import { liveTopics } from "@/server/modules/live/live-topics";
import { PHOTO_MAX_PER_TASK } from "@/lib/schemas/task-photos";
import { contains, jpegWithExif, pngImage, SECRET_GPS } from "@/server/modules/knights/photos/test-images";

/** Uploading and removing task photos through the knightTask procedures, on the real database. */

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedKnightFixtures>>;
const KNIGHT_AT = { lat: 32.047311, lng: 118.791877 };

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

type Cause = { fieldErrors?: Record<string, string[]>; issues?: { path: PropertyKey[]; message: string }[] };

/** The error's code and field errors (AppError's, or zod's issues by path, as the client receives them). */
async function failure(p: Promise<unknown>) {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string; cause?: Cause } | null;
  expect(e, "expected the call to fail").not.toBeNull();
  const issues = e!.cause?.issues;
  const zodFields = issues ? Object.fromEntries(issues.map((i) => [i.path.join("."), [i.message]])) : undefined;
  return { code: e!.code, fieldErrors: e!.cause?.fieldErrors ?? zodFields };
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const lastEventId = async () => (await t.db.liveEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0n;

/** A knight (with a stored exact position) on a task of `kind`, moved to the site (AT_DROPOFF). */
async function taskAtSite(kind: "DELIVERY" | "RECON") {
  const k = await createKnight(t.db, { at: KNIGHT_AT });
  const needId = await createKnightNeed(t.db, f.incidentId, f.actors.dispatcherA.userId, { taskKind: kind });
  const id = await acceptTask(t.db, needId, k.knightId);
  const me = caller(k.actor);
  const path = kind === "DELIVERY" ? (["AT_PICKUP", "PICKED_UP", "AT_DROPOFF"] as const) : (["AT_DROPOFF"] as const);
  return { k, needId, id, me, path };
}

beforeAll(async () => {
  t = await testDb();
  f = await seedKnightFixtures(t.db);
});
afterAll(async () => t?.cleanup());

describe("adding photos to a task", () => {
  it("only at the site or after delivering, only to the caller's own task, and only by the knight", async () => {
    const { k, id, me, path } = await taskAtSite("DELIVERY");
    const photo = b64(pngImage());
    // On the way (accepted, at pickup, carrying): no photos — they would show where the knight is.
    for (const next of path) {
      expect(await failure(me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: photo }))).toEqual({ code: "CONFLICT", fieldErrors: { photo: ["errors.photoStageClosed"] } });
      await me.knightTask.advance({ assignmentId: id, to: next });
    }

    const other = await createKnight(t.db);
    expect((await failure(caller(other.actor).knightTask.uploadPhoto({ assignmentId: id, dataBase64: photo }))).code).toBe("NOT_FOUND");
    expect((await failure(caller(f.actors.dispatcherA).knightTask.uploadPhoto({ assignmentId: id, dataBase64: photo }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(null).knightTask.uploadPhoto({ assignmentId: id, dataBase64: photo }))).code).toBe("UNAUTHORIZED");

    const dto = await me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: photo });
    expect(dto).toMatchObject({ assignmentId: id, contentType: "image/png", width: 32, height: 24 });
    expect(Object.keys(dto).sort()).toEqual(["assignmentId", "byteSize", "contentType", "createdAt", "height", "id", "width"]);
    const row = await t.db.knightTaskPhoto.findUniqueOrThrow({ where: { id: dto.id }, select: { uploaderId: true, byteSize: true } });
    expect(row).toEqual({ uploaderId: k.userId, byteSize: dto.byteSize });

    // The knight sees it on the task, may still remove it; after delivering, may add but no longer remove.
    expect(await me.knightTask.task({ assignmentId: id })).toMatchObject({ photos: [{ id: dto.id }], canAddPhotos: true, canRemovePhotos: true });
    await me.knightTask.advance({ assignmentId: id, to: "DELIVERED" });
    const proof = await me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: photo });
    expect(await failure(me.knightTask.removePhoto({ photoId: proof.id }))).toEqual({ code: "CONFLICT", fieldErrors: { photo: ["errors.photoLocked"] } });
    // Once completed, nothing more.
    await caller(f.actors.dispatcherA).knightTask.confirmCompletion({ assignmentId: id });
    expect((await failure(me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: photo }))).fieldErrors).toEqual({ photo: ["errors.photoStageClosed"] });
    expect(await me.knightTask.task({ assignmentId: id })).toMatchObject({ canAddPhotos: false, canRemovePhotos: false });
    expect((await me.knightTask.task({ assignmentId: id })).photos).toHaveLength(2);
  });

  it("decides the type from the bytes, strips EXIF before storing, and enforces 2 MB and 6 photos", async () => {
    const { id, me, path } = await taskAtSite("RECON");
    for (const to of path) await me.knightTask.advance({ assignmentId: id, to });

    // A GIF is refused whatever it is called; so is a broken JPEG and an over-long base64 string.
    const gif = b64(Buffer.from("GIF89a\x01\x00\x01\x00\x80\x00\x00", "latin1"));
    expect(await failure(me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: gif }))).toEqual({ code: "UNPROCESSABLE_CONTENT", fieldErrors: { photo: ["errors.photoType"] } });
    const broken = b64(jpegWithExif().subarray(0, 200));
    expect((await failure(me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: broken }))).fieldErrors).toEqual({ photo: ["errors.photoInvalid"] });
    const huge = "A".repeat(2_900_000);
    expect(await failure(me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: huge }))).toEqual({ code: "BAD_REQUEST", fieldErrors: { dataBase64: ["errors.photoTooLarge"] } });

    const jpeg = await me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: b64(jpegWithExif({ width: 1600, height: 1200 })) });
    expect(jpeg).toMatchObject({ contentType: "image/jpeg", width: 1600, height: 1200 });
    const stored = await t.db.knightTaskPhoto.findUniqueOrThrow({ where: { id: jpeg.id }, select: { bytes: true, byteSize: true } });
    expect(contains(stored.bytes, SECRET_GPS)).toBe(false);
    expect(contains(stored.bytes, "Exif")).toBe(false);
    expect(stored.byteSize).toBe(stored.bytes.length);
    expect(stored.byteSize).toBeLessThan(jpegWithExif().length);

    for (let i = 1; i < PHOTO_MAX_PER_TASK; i++) await me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: b64(pngImage()) });
    expect(await failure(me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: b64(pngImage()) }))).toEqual({ code: "CONFLICT", fieldErrors: { photo: ["errors.photoLimit"] } });
    // Six at once from two phones: the row lock keeps the limit.
    const ids = (await me.knightTask.task({ assignmentId: id })).photos.map((p) => p.id);
    await me.knightTask.removePhoto({ photoId: ids[0]! });
    await me.knightTask.removePhoto({ photoId: ids[1]! });
    const burst = await Promise.allSettled(Array.from({ length: 4 }, () => me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: b64(pngImage()) })));
    expect(burst.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    expect(await t.db.knightTaskPhoto.count({ where: { assignmentId: id } })).toBe(PHOTO_MAX_PER_TASK);
  });

  it("audits each change and tells the need's dispatchers live — without the bytes and without a position", async () => {
    const { k, id, me, path, needId } = await taskAtSite("RECON");
    for (const to of path) await me.knightTask.advance({ assignmentId: id, to });
    const before = await lastEventId();
    const added = await me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: b64(jpegWithExif()) });
    await me.knightTask.removePhoto({ photoId: added.id });
    expect((await failure(me.knightTask.removePhoto({ photoId: added.id }))).code).toBe("NOT_FOUND");

    const audits = await t.db.auditEvent.findMany({ where: { entityId: id, action: { in: ["knightTask.addPhoto", "knightTask.removePhoto"] } }, orderBy: { seq: "asc" }, select: { action: true, actorId: true, data: true } });
    expect(audits.map((a) => a.action)).toEqual(["knightTask.addPhoto", "knightTask.removePhoto"]);
    expect(audits[0]).toMatchObject({ actorId: k.userId, data: { photoId: added.id, contentType: "image/jpeg", stage: "AT_DROPOFF", metadataRemoved: ["APP1", "APP1", "APP13", "COM", "trailing"] } });
    expect(JSON.stringify(audits)).not.toContain(SECRET_GPS);

    const events = await t.db.liveEvent.findMany({ where: { id: { gt: before } }, orderBy: { id: "asc" }, select: { topic: true, kind: true, data: true } });
    expect(events).toEqual([
      { topic: liveTopics.need(needId), kind: "task.updated", data: { assignmentId: id, needId, photoChange: "added", photoCount: 1 } },
      { topic: liveTopics.need(needId), kind: "task.updated", data: { assignmentId: id, needId, photoChange: "removed", photoCount: 0 } },
    ]);
    expect(JSON.stringify(events).length).toBeLessThan(600);
    expect(findPositionLeaks(events, [KNIGHT_AT])).toEqual([]);
    // A photo is a sign of life on the task, like "I'm OK".
    const a = await t.db.assignment.findUniqueOrThrow({ where: { id }, select: { lastCheckInAt: true } });
    expect(a.lastCheckInAt!.getTime()).toBeGreaterThanOrEqual(added.createdAt.getTime() - 1000);
  });
});

describe("a recon report of photos", () => {
  it("counts as the report when there is no text; removing the last photo makes it empty again", async () => {
    const { id, me, path, needId } = await taskAtSite("RECON");
    for (const to of path) await me.knightTask.advance({ assignmentId: id, to });
    const p = await me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: b64(pngImage()) });
    await me.knightTask.removePhoto({ photoId: p.id });
    expect((await failure(me.knightTask.advance({ assignmentId: id, to: "DELIVERED" }))).fieldErrors).toEqual({ note: ["errors.reportRequired"] });
    await me.knightTask.uploadPhoto({ assignmentId: id, dataBase64: b64(pngImage()) });
    expect(await me.knightTask.advance({ assignmentId: id, to: "DELIVERED" })).toMatchObject({ stage: "DELIVERED" });

    // The dispatcher's board lists the report's photos, without their bytes.
    const board = await caller(f.actors.dispatcherA).dispatch.board({ needId });
    const entry = board.accepted.find((e) => e.assignmentId === id)!;
    expect(entry.photos).toHaveLength(1);
    expect(entry.report).toBeNull();
    expect(Object.keys(entry.photos[0]!)).not.toContain("bytes");
  });
});
