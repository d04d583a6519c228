import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { createCallerFactory } from "@/server/api/trpc";
import { appRouter } from "@/server/api/root";
import type { Actor } from "@/server/auth/actor-type";
import { seedOfferFixtures } from "@/server/modules/offers/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedOfferFixtures>>;
const caller = (actor: Actor) => createCallerFactory(appRouter)({ db: t.db, actor, headers: new Headers(), ip: null });

beforeAll(async () => {
  t = await testDb();
  f = await seedOfferFixtures(t.db);
});
afterAll(async () => t.cleanup());

const task = () => ({
  incidentId: f.incidentId,
  category: "KNIGHT" as const,
  freeText: "药品配送",
  title: "胰岛素送到安置点",
  quantity: 3,
  unit: "rider",
  stagingLat: 32.05,
  stagingLng: 118.79,
  stagingAddress: "玄武区安置点",
  neededBy: new Date(Date.now() + 3_600_000),
  durationMinutes: 90,
  maxDistanceKm: 10,
  taskKind: "DELIVERY" as const,
  pickupLat: 32.04,
  pickupLng: 118.78,
  pickupAddress: "鼓楼医院药房",
  cargoKg: 4,
  cargoVolumeL: 10,
  requiredVehicle: ["EBIKE" as const, "MOTORCYCLE" as const],
  requiredTrainings: ["first_aid"],
  rewardPoints: 30,
});

describe("knight-task needs", () => {
  it("create a delivery task with its knight fields; the DTO carries them", async () => {
    const dto = await caller(f.actors.dispatcherA).need.create(task());
    expect(dto).toMatchObject({
      category: "KNIGHT", quantity: 3, unit: "rider", taskKind: "DELIVERY", pickupLat: 32.04, pickupLng: 118.78, pickupAddress: "鼓楼医院药房",
      cargoKg: 4, cargoVolumeL: 10, requiredVehicle: ["EBIKE", "MOTORCYCLE"], requiredTrainings: ["FIRST_AID"], rewardPoints: 30,
    });
    const updated = await caller(f.actors.dispatcherA).need.update({ id: dto.id, version: dto.version, taskKind: "ERRAND", rewardPoints: 40 });
    expect(updated).toMatchObject({ taskKind: "ERRAND", rewardPoints: 40 });
  });

  it("a delivery without pickup, or a task in the wrong unit, comes back with field errors", async () => {
    const { pickupLat: _a, pickupLng: _b, pickupAddress: _c, ...noPickup } = task();
    await expect(caller(f.actors.dispatcherA).need.create({ ...noPickup, unit: "unit" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { pickupLat: ["A delivery needs a pickup point."], pickupAddress: ["A delivery needs a pickup address."], unit: ["A knight task is counted in “rider”."] } },
    });
    const dto = await caller(f.actors.dispatcherA).need.create({ ...noPickup, taskKind: "RECON" });
    await expect(caller(f.actors.dispatcherA).need.update({ id: dto.id, version: dto.version, taskKind: "DELIVERY" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { pickupLat: ["A delivery needs a pickup point."] } },
    });
  });

  it("other categories may not carry task fields", async () => {
    await expect(
      caller(f.actors.dispatcherA).need.create({ ...task(), category: undefined, freeText: undefined, typeId: f.types.pump, unit: "unit" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { fieldErrors: { taskKind: ["Only knight tasks carry this field."] } } });
  });
});
