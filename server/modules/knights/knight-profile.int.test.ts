import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import type { Actor } from "@/server/auth/actor-type";
import { createCallerFactory, type Context } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import { getMyKnightProfile } from "@/server/modules/knights/knight-profile";
import { insertTestRegions } from "@/tests/helpers/regions";
import { publicCellOf } from "@/server/modules/knights/public-cell";
import { withoutTimestamps } from "@/tests/helpers/without-timestamps";

let t: TestDatabase;
let knight: Actor;
let other: Actor;
let supplier: Actor;
const LAT = 32.058123;
const LNG = 118.796456;

function caller(actor: Actor | null) {
  const ctx: Context = { db: t.db, actor, headers: new Headers(), ip: null };
  return createCallerFactory(appRouter)(ctx);
}

async function failure(p: Promise<unknown>) {
  const e = (await p.then(() => null, (err: unknown) => err)) as { code?: string; cause?: { fieldErrors?: Record<string, string[]> } } | null;
  expect(e, "expected the call to fail").not.toBeNull();
  return { code: e!.code, fieldErrors: e!.cause?.fieldErrors };
}

const day = 86_400_000;
const input = (over: Record<string, unknown> = {}) => ({
  vehicle: "MOTORCYCLE" as const,
  payloadKg: 45,
  deliveryPlatform: "美团",
  homeDistrictCode: "320102",
  trainings: [{ code: "FIRST_AID", validUntil: new Date(Date.now() + 200 * day) }],
  ...over,
});

beforeAll(async () => {
  t = await testDb();
  await insertTestRegions(t.db);
  const mk = async (email: string, withProfile: boolean) => {
    const u = await t.db.user.create({ data: { email, name: email, kind: "KNIGHT" }, select: { id: true } });
    if (withProfile) {
      await t.db.knightProfile.create({
        data: {
          userId: u.id, vehicle: "EBIKE", payloadKg: 20, homeDistrictCode: "320102",
          lastLat: LAT, lastLng: LNG, lastPositionAt: new Date(), publicCell: publicCellOf(LAT, LNG),
          trainings: { create: [{ code: "FLOOD_SAFETY", validUntil: new Date(Date.now() - 10 * day) }] },
        },
        select: { id: true },
      });
    }
    return { via: "session" as const, userId: u.id, roles: ["KNIGHT" as const], memberships: [] };
  };
  knight = await mk("k1@example.cn", true);
  other = await mk("k2@example.cn", true);
  const s = await t.db.user.create({ data: { email: "s@example.cn", kind: "SUPPLIER" }, select: { id: true } });
  supplier = { via: "session", userId: s.id, roles: ["SUPPLIER"], memberships: [] };
});
afterAll(async () => t?.cleanup());

describe("a knight's own profile", () => {
  it("never contains the exact position, in the module result or over tRPC", async () => {
    for (const dto of [await getMyKnightProfile(t.db, knight), await caller(knight).knight.me()]) {
      const json = withoutTimestamps(JSON.stringify(dto));
      for (const key of ["lastLat", "lastLng", "lastPositionAt", "publicCell"]) expect(dto).not.toHaveProperty(key);
      expect(json).not.toContain(String(LAT));
      expect(json).not.toContain(String(LNG));
      expect(json).not.toContain("32.05");
    }
  });

  it("is only for knights", async () => {
    expect((await failure(caller(supplier).knight.me())).code).toBe("FORBIDDEN");
    expect((await failure(caller(supplier).knight.setOnDuty({ onDuty: true }))).code).toBe("FORBIDDEN");
    expect((await failure(caller(null).knight.me())).code).toBe("UNAUTHORIZED");
  });

  it("goes on duty with a warning when every training has expired, then off duty; each change audited", async () => {
    const on = await caller(knight).knight.setOnDuty({ onDuty: true });
    expect(on.profile.onDuty).toBe(true);
    expect(on.profile.onDutySince).toBeInstanceOf(Date);
    expect(on.warnings).toEqual(["warnings.allTrainingsExpired"]);
    expect(JSON.stringify(on)).not.toContain(String(LAT));
    const again = await caller(knight).knight.setOnDuty({ onDuty: true });
    expect(again.profile.onDutySince?.getTime()).toBe(on.profile.onDutySince?.getTime());
    const off = await caller(knight).knight.setOnDuty({ onDuty: false });
    expect(off.profile).toMatchObject({ onDuty: false, onDutySince: null });
    expect(off.warnings).toEqual([]);
    expect(await t.db.auditEvent.count({ where: { actorId: knight.userId, action: { in: ["knight.onDuty", "knight.offDuty"] } } })).toBe(2);
    // The other knight is untouched.
    expect((await caller(other).knight.me()).onDuty).toBe(false);
  });

  it("a suspended knight cannot go on duty", async () => {
    await t.db.knightProfile.update({ where: { userId: other.userId }, data: { status: "SUSPENDED" } });
    expect((await failure(caller(other).knight.setOnDuty({ onDuty: true }))).code).toBe("FORBIDDEN");
  });

  it("updates vehicle, payload, platform, district and trainings; keeps an unchanged expired training", async () => {
    const stored = await t.db.knightTraining.findFirstOrThrow({ where: { code: "FLOOD_SAFETY", knight: { userId: knight.userId } }, select: { validUntil: true } });
    const p = await caller(knight).knight.updateProfile(
      input({ trainings: [{ code: "first_aid", validUntil: new Date(Date.now() + 200 * day) }, { code: "FLOOD_SAFETY", validUntil: stored.validUntil }] }),
    );
    expect(p).toMatchObject({ vehicle: "MOTORCYCLE", payloadKg: 45, deliveryPlatform: "美团", allTrainingsExpired: false });
    expect(p.trainings.map((x) => [x.code, x.expired])).toEqual([["FIRST_AID", false], ["FLOOD_SAFETY", true]]);
    expect(await t.db.auditEvent.count({ where: { actorId: knight.userId, action: "knight.updateProfile" } })).toBe(1);
    // The other knight's profile is not reachable: every write is keyed by the caller.
    expect((await caller(other).knight.me()).payloadKg).toBe(20);
  });

  it("answers bad input with field errors and changes nothing", async () => {
    const past = await failure(caller(knight).knight.updateProfile(input({ payloadKg: 99, trainings: [{ code: "CPR_AED", validUntil: new Date(Date.now() - day) }] })));
    expect(past).toEqual({ code: "UNPROCESSABLE_CONTENT", fieldErrors: { "trainings.0.validUntil": ["errors.trainingInPast"] } });
    const region = await failure(caller(knight).knight.updateProfile(input({ homeDistrictCode: "320000" })));
    expect(region.fieldErrors).toEqual({ homeDistrictCode: ["errors.regionUnknown"] });
    const payload = await failure(caller(knight).knight.updateProfile(input({ payloadKg: -5 })));
    expect(payload.code).toBe("BAD_REQUEST");
    expect((await caller(knight).knight.me()).payloadKg).toBe(45);
  });
});
