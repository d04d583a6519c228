import { describe, expect, it } from "vitest";
import { buildDataset, extraOwnerLookup } from "./build-dataset";
import { CATALOGUE } from "./catalogue-data";
import { isValidUscc } from "./organizations";

const NOW = new Date("2026-03-01T08:00:00Z");
const build = (seed = "test", scale = 600, knights = 120) =>
  buildDataset({ seed, scale, knights, now: NOW, adminId: null, passwordHash: "hash" });

describe("seed dataset (pure, no database)", () => {
  const a = build();

  it("is deterministic: same seed → identical rows, ids included", () => {
    const b = build();
    expect(b.resources.slice(0, 200)).toEqual(a.resources.slice(0, 200));
    expect(b.orgs.map((o) => o.row)).toEqual(a.orgs.map((o) => o.row));
    expect(b.knights.slice(0, 50)).toEqual(a.knights.slice(0, 50));
    expect(b.incidents).toEqual(a.incidents);
    expect(b.knightOffers).toEqual(a.knightOffers);
    expect(b.history).toEqual(a.history);
  });

  it("changes with the seed", () => {
    const other = build("another-seed");
    expect(other.resources[0].id).not.toBe(a.resources[0].id);
  });

  it("extends a smaller scale: the factory's first rows do not depend on the scale", () => {
    const bigger = build("test", 1200, 120);
    for (let i = 0; i < 100; i++) expect(bigger.factory.generate(i)).toEqual(a.factory.generate(i));
    // committedQuantity reflects which stock the seeded incidents drew on, which depends on what else exists.
    const listing = ({ committedQuantity: _c, ...rest }: (typeof a.resources)[number]) => rest;
    expect(bigger.resources.slice(0, 300).map(listing)).toEqual(a.resources.slice(0, 300).map(listing));
  });

  it("produces exactly `scale` resources with unique ids", () => {
    expect(a.resources).toHaveLength(600);
    expect(new Set(a.resources.map((r) => r.id)).size).toBe(600);
  });

  it("generates capabilities consistent with each type's level and metrics", () => {
    const byId = new Map(a.types.map((t) => [t.id, CATALOGUE.find((e) => e.code === t.code)!]));
    for (const r of a.resources) {
      const entry = byId.get(r.typeId)!;
      const caps = r.capabilities as Record<string, number>;
      for (const [key, value] of Object.entries(caps)) {
        const [lo, hi] = entry.seed.caps[key];
        expect(value, `${entry.code}.${key}`).toBeGreaterThanOrEqual(lo);
        expect(value, `${entry.code}.${key}`).toBeLessThanOrEqual(hi);
      }
      expect(r.unit).toBe(entry.defaultUnit);
      expect(r.totalQuantity).toBeGreaterThanOrEqual(entry.seed.qty[0]);
    }
  });

  it("places ~55% of resources in Nanjing and everything inside Jiangsu", () => {
    const nanjing = a.resources.filter((r) => r.regionCode.startsWith("3201")).length / a.resources.length;
    expect(nanjing).toBeGreaterThan(0.45);
    expect(nanjing).toBeLessThan(0.7);
    for (const r of a.resources) {
      expect(r.lat).toBeGreaterThan(30.7);
      expect(r.lat).toBeLessThan(35.2);
      expect(r.lng).toBeGreaterThan(116.3);
      expect(r.lng).toBeLessThan(122);
    }
  });

  it("has ≥ 60 organisations of all kinds, ~10% pending, rejected ones with a reason, valid credit codes", () => {
    expect(a.orgs.length).toBeGreaterThanOrEqual(60);
    expect(new Set(a.orgs.map((o) => o.kind)).size).toBe(5);
    const pending = a.orgs.filter((o) => o.verification === "PENDING").length / a.orgs.length;
    expect(pending).toBeGreaterThan(0.05);
    expect(pending).toBeLessThan(0.15);
    for (const o of a.orgs.filter((x) => x.verification === "REJECTED")) expect(o.row.rejectionReason).toBeTruthy();
    const codes = a.orgs.map((o) => o.row.unifiedSocialCreditCode as string);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(isValidUscc(c), c).toBe(true);
    const extra = extraOwnerLookup("test", NOW, 0);
    for (let j = 0; j < 50; j++) expect(isValidUscc(extra.orgAt(j).row.unifiedSocialCreditCode as string)).toBe(true);
  });

  it("gives users unique emails and phones", () => {
    const users = [...a.users, ...a.knights.map((k) => k.user)];
    expect(new Set(users.map((u) => u.email)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.phone)).size).toBe(users.length);
    for (const u of users) expect(u.phone).toMatch(/^1[3-9]\d{9}$/);
  });

  it("puts ~30% of knights on duty, each with a position and a public cell", () => {
    const onDuty = a.knights.filter((k) => k.profile.onDuty);
    expect(onDuty.length / a.knights.length).toBeGreaterThan(0.15);
    expect(onDuty.length / a.knights.length).toBeLessThan(0.45);
    for (const k of onDuty) expect(k.profile.publicCell && k.profile.lastLat && k.profile.lastLng).toBeTruthy();
    expect(a.knights[0].user.email).toBe("knight@muster.demo");
    expect(a.knights[0].profile).toMatchObject({ onDuty: true, homeDistrictCode: "320102" });
  });

  it("keeps need counters, assignments and exclusion rules consistent", () => {
    const { needs, assignments, incidents } = a.incidents;
    expect(incidents.length).toBeGreaterThanOrEqual(15);
    const live = new Set(["OFFERED", "ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"]);
    const units = new Set<string>();
    for (const x of assignments.filter((y) => live.has(y.status as string))) {
      const key = x.resourceId ? `${x.resourceId}:${x.unitIndex}` : `k:${x.knightId}`;
      if (x.unitIndex === null && x.resourceId) continue; // divisible stock: guarded by committed_quantity
      expect(units.has(key), key).toBe(false);
      units.add(key);
    }
    // Buckets are disjoint (quantities.ts): accepted/mobilised → committed, en route, on scene, completed/released.
    const bucket: Record<string, "qtyCommitted" | "qtyEnRoute" | "qtyOnScene" | "qtyReleased"> = {
      ACCEPTED: "qtyCommitted", MOBILIZED: "qtyCommitted", EN_ROUTE: "qtyEnRoute", ON_SCENE: "qtyOnScene", COMPLETED: "qtyReleased", RELEASED: "qtyReleased",
    };
    for (const n of needs) {
      const expected = { qtyCommitted: 0, qtyEnRoute: 0, qtyOnScene: 0, qtyReleased: 0 };
      for (const x of assignments.filter((y) => y.needId === n.id && bucket[y.status as string])) expected[bucket[x.status as string]] += x.quantity ?? 1;
      expect({ qtyCommitted: n.qtyCommitted, qtyEnRoute: n.qtyEnRoute, qtyOnScene: n.qtyOnScene, qtyReleased: n.qtyReleased }, n.title).toEqual(expected);
      const filled = expected.qtyCommitted + expected.qtyEnRoute + expected.qtyOnScene + expected.qtyReleased;
      expect(filled, n.title).toBeLessThanOrEqual(n.quantity);
      if (n.status === "OPEN") expect(filled).toBe(0);
      if (n.status === "FILLED") expect(filled).toBe(n.quantity);
      if (n.status === "PARTIALLY_FILLED") expect(filled).toBeGreaterThan(0);
      if (n.status === "CLOSED" && filled < n.quantity) expect(n.unmetReason, n.title).toBeTruthy();
    }
    // Divisible stock holds exactly what its accepted … on-scene assignments carry.
    const held = new Map<string, number>();
    for (const x of assignments) {
      if (x.resourceId && x.unitIndex === null && ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"].includes(x.status as string)) {
        held.set(x.resourceId, (held.get(x.resourceId) ?? 0) + (x.quantity ?? 1));
      }
    }
    for (const r of a.resources) {
      expect(r.committedQuantity ?? 0, r.id).toBe(held.get(r.id) ?? 0);
      expect(r.committedQuantity ?? 0).toBeLessThanOrEqual(r.totalQuantity!);
    }
  });

  it("tells the live flood's fill as its assignments do: 2 of 3 pump trucks, 3,000 of 8,000 sandbags", () => {
    const incident = a.incidents.incidents.find((i) => i.title === "秦淮区短时强降雨城市内涝")!;
    const needs = a.incidents.needs.filter((n) => n.incidentId === incident.id);
    const pump = needs.find((n) => n.title.startsWith("大流量排涝泵车"))!;
    expect(pump).toMatchObject({ quantity: 3, qtyCommitted: 0, qtyEnRoute: 1, qtyOnScene: 1, qtyReleased: 0, status: "PARTIALLY_FILLED" });
    const bags = needs.find((n) => n.title.startsWith("防汛沙袋"))!;
    expect(bags).toMatchObject({ quantity: 8000, qtyCommitted: 0, qtyEnRoute: 3000, qtyOnScene: 0, qtyReleased: 0 });
  });

  it("gives the demo supplier open, explained offers with a hold after the seed time and an expiry timer each", () => {
    const supplier = a.orgs.find((o) => o.slug === "huali-rental")!;
    const owned = new Set(a.resources.filter((r) => r.ownerOrgId === supplier.id).map((r) => r.id));
    const offers = a.incidents.assignments.filter((x) => x.status === "OFFERED");
    expect(offers.length).toBeGreaterThanOrEqual(2);
    for (const o of offers) {
      expect(owned.has(o.resourceId!)).toBe(true);
      expect(new Date(o.holdExpiresAt!).getTime()).toBeGreaterThan(NOW.getTime());
      expect(o.explanationZh && o.explanationEn).toBeTruthy();
      expect(a.jobs).toContainEqual(expect.objectContaining({ queue: "offer.expire", key: `offer.expire:${o.id}`, runAt: o.holdExpiresAt }));
    }
  });
});
