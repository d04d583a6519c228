import { describe, expect, it } from "vitest";
import type { Actor } from "@/server/auth/actor-type";
import { bboxCircle, buildBrowseWhere, haversineM, likePattern } from "@/server/modules/listings/browse-filter";
import { canSeeContact } from "@/server/modules/listings/browse-visibility";
import { cellDegForZoom, gridCell } from "@/server/modules/listings/browse-clusters";
import { parseBbox, parsePoint } from "@/lib/schemas/listing-browse";

const supplier: Actor = { via: "session", userId: "u1", roles: ["SUPPLIER"], memberships: [{ orgId: "o1", orgRole: "MEMBER", orgKind: "ENTERPRISE", verification: "PENDING" }] };
const now = new Date("2026-03-02T01:00:00Z");

describe("buildBrowseWhere", () => {
  it("always restricts to offered statuses and verified owners", () => {
    const w = buildBrowseWhere(supplier, {}, now);
    expect(w.sql).toContain("r.status IN ('AVAILABLE', 'OUT_OF_SERVICE')");
    expect(w.sql).toContain("o.verification = 'VERIFIED'");
    expect(w.sql).not.toContain("owner_org_id IN");
    expect(w.values).toEqual([]);
  });

  it("verifiedOnly=false adds only the caller's own organisations", () => {
    const w = buildBrowseWhere(supplier, { verifiedOnly: false }, now);
    expect(w.sql).toContain("r.owner_org_id IN (?)");
    expect(w.values).toEqual(["o1", "u1"]);
  });

  it("binds every filter value as a parameter", () => {
    const w = buildBrowseWhere(supplier, { category: "EQUIPMENT", typeCode: "X'; DROP", regionCode: "320100", pricingMode: "DAILY", q: "泵" }, now);
    expect(w.sql).not.toContain("DROP");
    expect(w.values).toEqual(["EQUIPMENT", "X'; DROP", "320100", "320100", "320100", "DAILY", "%泵%", "%泵%"]);
    expect(w.sql).toContain("g.parent_code = ?");
  });

  it("bbox uses the GiST earth_box pre-filter plus exact bounds", () => {
    const w = buildBrowseWhere(supplier, { bbox: "31.9,118.6,32.2,119.0" }, now);
    expect(w.sql).toContain("earth_box(muster_ll_to_earth(");
    expect(w.sql).toContain("r.lat BETWEEN");
    expect(w.values.slice(-4)).toEqual([31.9, 32.2, 118.6, 119.0]);
  });

  it("escapes LIKE wildcards", () => {
    expect(likePattern("100%_a\\")).toBe("%100\\%\\_a\\\\%");
  });
});

describe("geometry", () => {
  it("bbox circle contains every corner", () => {
    const b = { minLat: 31.9, minLng: 118.6, maxLat: 32.2, maxLng: 119.0 };
    const c = bboxCircle(b);
    for (const [la, ln] of [[31.9, 118.6], [32.2, 119.0], [31.9, 119.0], [32.2, 118.6]]) {
      expect(haversineM(c.lat, c.lng, la, ln)).toBeLessThan(c.radiusM);
    }
  });

  it("haversine: Nanjing → Shanghai is about 270 km", () => {
    expect(haversineM(32.0603, 118.7969, 31.2304, 121.4737) / 1000).toBeCloseTo(271, -1);
  });

  it("parses and rejects bbox / point strings", () => {
    expect(parseBbox("31.9,118.6,32.2,119.0")).toEqual({ minLat: 31.9, minLng: 118.6, maxLat: 32.2, maxLng: 119 });
    expect(parseBbox("32.2,118.6,31.9,119.0")).toBeNull();
    expect(parseBbox("91,0,92,1")).toBeNull();
    expect(parseBbox("a,b,c,d")).toBeNull();
    expect(parsePoint("32.06,118.79")).toEqual({ lat: 32.06, lng: 118.79 });
    expect(parsePoint("32.06")).toBeNull();
  });
});

describe("cluster grid", () => {
  it("a cell is 64 px of longitude: halves with each zoom level", () => {
    expect(cellDegForZoom(0)).toBe(90);
    expect(cellDegForZoom(10)).toBeCloseTo(0.087890625);
    expect(cellDegForZoom(11)).toBeCloseTo(cellDegForZoom(10) / 2);
    expect(cellDegForZoom(99)).toBe(cellDegForZoom(22));
  });

  it("points in one cell share a key; neighbours across a boundary do not", () => {
    const cell = cellDegForZoom(10);
    expect(gridCell(32.01, 118.71, cell)).toEqual(gridCell(32.02, 118.72, cell));
    const edge = Math.ceil(118.7 / cell) * cell;
    expect(gridCell(32, edge - 1e-9, cell)[1]).not.toBe(gridCell(32, edge + 1e-9, cell)[1]);
  });
});

describe("canSeeContact", () => {
  it("admins and verified government members only", () => {
    expect(canSeeContact(supplier)).toBe(false);
    expect(canSeeContact({ ...supplier, roles: ["ADMIN"], memberships: [] })).toBe(true);
    const gov = (verification: "VERIFIED" | "PENDING"): Actor => ({ ...supplier, roles: ["REQUESTER"], memberships: [{ orgId: "g", orgRole: "MEMBER", orgKind: "GOVERNMENT", verification }] });
    expect(canSeeContact(gov("VERIFIED"))).toBe(true);
    expect(canSeeContact(gov("PENDING"))).toBe(false);
  });
});
