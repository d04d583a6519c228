import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { insertTestRegions } from "@/tests/helpers/regions";
import { publicCellOf } from "@/server/modules/knights/public-cell";
import { changedCells, publishKnightCountChanges, type KnightCounts } from "@/server/modules/command/knight-count-changes";

/**
 * The command map's knight counts follow duty toggles and moves between public cells: the worker compares the
 * per-cell counts and wakes exactly the regions whose map shows a changed cell (Xuanwu's change reaches Nanjing
 * and Jiangsu, not Wuxi), with no cell or position in the event.
 */
let t: TestDatabase;
const XUANWU = { lat: 32.0478, lng: 118.7969 };
const WUXI = { lat: 31.4912, lng: 120.3119 };
const WUXI_ELSEWHERE = { lat: 31.5702, lng: 120.2891 };
const knights: Record<string, string> = {};

beforeAll(async () => {
  t = await testDb();
  await insertTestRegions(t.db);
  for (const [name, at] of Object.entries({ xuanwu: XUANWU, wuxi: WUXI })) {
    const u = await t.db.user.create({ data: { email: `${name}@k.test`, name, kind: "KNIGHT" }, select: { id: true } });
    const k = await t.db.knightProfile.create({
      data: { userId: u.id, vehicle: "EBIKE", payloadKg: 20, homeDistrictCode: "320102", onDuty: true, onDutySince: new Date(), lastLat: at.lat, lastLng: at.lng, lastPositionAt: new Date(), publicCell: publicCellOf(at.lat, at.lng) },
      select: { id: true },
    });
    knights[name] = k.id;
  }
});
afterAll(async () => t?.cleanup());

const eventsSince = async (after: bigint) =>
  t.db.liveEvent.findMany({ where: { id: { gt: after }, kind: "command.changed" }, select: { topic: true, data: true }, orderBy: { topic: "asc" } });
const lastId = async () => (await t.db.liveEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;

describe("knight counts on the command map", () => {
  it("compares readings cell by cell, an emptied cell included", () => {
    const a: KnightCounts = new Map([["c1", 2], ["c2", 1]]);
    expect(changedCells(a, new Map([["c1", 2], ["c2", 1]]))).toEqual([]);
    expect(changedCells(a, new Map([["c1", 3], ["c3", 1]]))).toEqual(["c1", "c2", "c3"]);
  });

  it("wakes the regions whose map shows a changed cell, and nobody when nothing changed", async () => {
    const from = await lastId();
    const baseline = await publishKnightCountChanges(t.db, null);
    expect(baseline.regions).toEqual([]);
    expect([...baseline.counts.values()].reduce((s, n) => s + n, 0)).toBe(2);
    const unchanged = await publishKnightCountChanges(t.db, baseline.counts);
    expect(unchanged.regions).toEqual([]);
    expect(await eventsSince(from)).toEqual([]);

    // The Xuanwu knight goes off duty: Xuanwu, Nanjing and Jiangsu refresh; Wuxi does not.
    await t.db.knightProfile.update({ where: { id: knights.xuanwu }, data: { onDuty: false } });
    const offDuty = await publishKnightCountChanges(t.db, unchanged.counts);
    expect(offDuty.regions).toEqual(["320000", "320100", "320102"]);
    const events = await eventsSince(from);
    expect(events).toEqual(["320000", "320100", "320102"].map((code) => ({ topic: `region:${code}`, data: { source: "knights" } })));

    // The Wuxi knight rides into another cell of Wuxi: Wuxi and Jiangsu refresh.
    const beforeMove = await lastId();
    const cell = publicCellOf(WUXI_ELSEWHERE.lat, WUXI_ELSEWHERE.lng);
    expect(cell).not.toBe(publicCellOf(WUXI.lat, WUXI.lng));
    await t.db.knightProfile.update({ where: { id: knights.wuxi }, data: { lastLat: WUXI_ELSEWHERE.lat, lastLng: WUXI_ELSEWHERE.lng, publicCell: cell } });
    const moved = await publishKnightCountChanges(t.db, offDuty.counts);
    expect(moved.regions).toEqual(["320000", "320200"]);
    expect((await eventsSince(beforeMove)).map((e) => e.topic)).toEqual(["region:320000", "region:320200"]);
  });
});
