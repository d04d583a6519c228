import { describe, expect, it } from "vitest";
import { CATALOGUE, CATEGORIES, CREDENTIAL_ISSUERS, CREDENTIAL_KINDS } from "./catalogue-data";

describe("seed catalogue", () => {
  it("has at least 60 types covering all six categories", () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(60);
    const categories = new Set(CATALOGUE.map((e) => e.category));
    for (const c of CATEGORIES) expect(categories.has(c), c).toBe(true);
  });

  it("has unique, well-formed codes", () => {
    const codes = CATALOGUE.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^(EX|TM|EQ|MT|SV|KN)-[A-Z0-9-]+$/);
  });

  it("has bilingual names, descriptions and minimum criteria", () => {
    for (const e of CATALOGUE) {
      for (const text of [e.nameZh, e.nameEn, e.descriptionZh, e.descriptionEn, e.minimumCriteriaZh, e.minimumCriteriaEn]) {
        expect(text.trim().length, e.code).toBeGreaterThan(0);
      }
      expect(e.nameZh, e.code).toMatch(/[\u4e00-\u9fff]/);
      expect(e.nameEn, e.code).toMatch(/^[\x20-\x7e]+$/);
      expect(e.defaultUnit.length, e.code).toBeGreaterThan(0);
      expect(e.typeLevel, e.code).toBeGreaterThanOrEqual(1);
    }
  });

  it("has valid metrics (min < max, units and labels present, unique keys)", () => {
    for (const e of CATALOGUE) {
      const keys = e.metrics.map((m) => m.key);
      expect(new Set(keys).size, e.code).toBe(keys.length);
      for (const m of e.metrics) {
        expect(m.key, e.code).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(m.unit.length, `${e.code}.${m.key}`).toBeGreaterThan(0);
        expect(m.labelZh.length && m.labelEn.length, `${e.code}.${m.key}`).toBeTruthy();
        expect(m.min, `${e.code}.${m.key}`).toBeLessThan(m.max);
      }
    }
  });

  it("generates capability values inside each metric's range, only for declared metrics", () => {
    for (const e of CATALOGUE) {
      const byKey = new Map(e.metrics.map((m) => [m.key, m]));
      for (const [key, [lo, hi]] of Object.entries(e.seed.caps)) {
        const m = byKey.get(key);
        expect(m, `${e.code}.${key}`).toBeDefined();
        expect(lo, `${e.code}.${key}`).toBeLessThanOrEqual(hi);
        expect(lo).toBeGreaterThanOrEqual(m!.min);
        expect(hi).toBeLessThanOrEqual(m!.max);
      }
      expect(e.seed.qty[0]).toBeLessThanOrEqual(e.seed.qty[1]);
    }
  });

  it("keeps a kind's levels ordered: a lower type level never has a lower capability floor", () => {
    const byKind = new Map<string, typeof CATALOGUE>();
    for (const e of CATALOGUE) byKind.set(e.kind, [...(byKind.get(e.kind) ?? []), e]);
    for (const [kind, entries] of byKind) {
      const sorted = [...entries].sort((a, b) => a.typeLevel - b.typeLevel);
      expect(new Set(sorted.map((e) => e.typeLevel)).size, kind).toBe(sorted.length);
      for (let i = 1; i < sorted.length; i++) {
        const better = sorted[i - 1].seed.caps;
        const worse = sorted[i].seed.caps;
        const key = sorted[i].metrics[0]?.key;
        if (key && better[key] && worse[key]) expect(better[key][0], `${kind}.${key}`).toBeGreaterThanOrEqual(worse[key][0]);
      }
    }
  });

  it("has the required credential kinds the brief names, each with an issuer", () => {
    for (const kind of ["VESSEL_OPERATOR", "MEDICAL_LICENSE", "CAAC_UAS_LICENSE"]) expect(CREDENTIAL_KINDS).toContain(kind);
    for (const kind of CREDENTIAL_KINDS) expect(CREDENTIAL_ISSUERS[kind], kind).toBeDefined();
    const pump1 = CATALOGUE.find((e) => e.code === "EQ-PUMP-1")!;
    expect(pump1.metrics.find((m) => m.key === "flow_m3h")).toMatchObject({ unit: "m3/h", min: 0, max: 20000 });
    expect(pump1.seed.caps.flow_m3h[0]).toBeGreaterThanOrEqual(1000);
  });
});
