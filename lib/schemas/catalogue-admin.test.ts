import { describe, expect, it } from "vitest";
import { ZCreateResourceTypeInput, ZMetricInput } from "@/lib/schemas/catalogue-admin";

const metric = { key: "flow_m3h", unit: "m³/h", labelZh: "流量", labelEn: "Flow rate", min: 0, max: 5000 };
const valid = {
  code: "EQ-PUMP-9",
  kind: "PUMP",
  category: "EQUIPMENT",
  typeLevel: 2,
  nameZh: "移动排涝泵",
  nameEn: "Mobile drainage pump",
  descriptionZh: "车载或拖挂式排涝泵。",
  descriptionEn: "Truck-mounted or towed drainage pump.",
  minimumCriteriaZh: "流量不低于 500 m³/h。",
  minimumCriteriaEn: "Flow of at least 500 m³/h.",
  metrics: [metric],
  defaultUnit: "unit",
  requiredCredentialKinds: ["HEAVY_EQUIPMENT_OPERATOR", "HEAVY_EQUIPMENT_OPERATOR"],
};

function errorsOf(input: unknown): Record<string, string[]> {
  const r = ZCreateResourceTypeInput.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join(".")] ??= []).push(i.message);
  return out;
}

describe("resource type metrics", () => {
  it("accepts a snake_case key with a unit, both labels and min < max", () => {
    expect(ZMetricInput.parse(metric)).toEqual(metric);
  });

  it("rejects keys that are not snake_case", () => {
    for (const key of ["FlowRate", "flow-rate", "1flow", "flow__rate", "", "flow rate"]) {
      expect(ZMetricInput.safeParse({ ...metric, key }).success, key).toBe(false);
    }
  });

  it("requires min below max, reported on max", () => {
    expect(errorsOf({ ...valid, metrics: [{ ...metric, min: 10, max: 10 }] })).toEqual({ "metrics.0.max": ["errors.metricRange"] });
    expect(errorsOf({ ...valid, metrics: [{ ...metric, min: 10, max: 2 }] })).toEqual({ "metrics.0.max": ["errors.metricRange"] });
  });

  it("requires a unit, both labels and finite numbers", () => {
    const e = errorsOf({ ...valid, metrics: [{ ...metric, unit: " ", labelEn: "", min: Number.NaN }] });
    expect(e["metrics.0.unit"]).toEqual(["errors.unitRequired"]);
    expect(e["metrics.0.labelEn"]).toEqual(["errors.labelRequired"]);
    expect(e["metrics.0.min"]).toBeDefined();
  });

  it("rejects the same key twice", () => {
    expect(errorsOf({ ...valid, metrics: [metric, { ...metric }] })).toEqual({ "metrics.1.key": ["errors.metricKeyDuplicate"] });
  });
});

describe("resource type input", () => {
  it("accepts a complete type and de-duplicates credential kinds", () => {
    const parsed = ZCreateResourceTypeInput.parse(valid);
    expect(parsed.requiredCredentialKinds).toEqual(["HEAVY_EQUIPMENT_OPERATOR"]);
    expect(parsed.active).toBe(true);
  });

  it("checks code and kind formats and the level range 1–5", () => {
    expect(errorsOf({ ...valid, code: "eq pump" }).code).toEqual(["errors.codeInvalid"]);
    expect(errorsOf({ ...valid, kind: "pump" }).kind).toEqual(["errors.kindInvalid"]);
    expect(errorsOf({ ...valid, typeLevel: 0 }).typeLevel).toEqual(["errors.levelInvalid"]);
    expect(errorsOf({ ...valid, typeLevel: 6 }).typeLevel).toEqual(["errors.levelInvalid"]);
    expect(errorsOf({ ...valid, typeLevel: "3" })).toEqual({});
  });

  it("needs names, description and minimum criteria in both languages", () => {
    const e = errorsOf({ ...valid, nameEn: "", descriptionZh: "", minimumCriteriaEn: " " });
    expect(e).toEqual({
      nameEn: ["errors.nameRequired"],
      descriptionZh: ["errors.descriptionRequired"],
      minimumCriteriaEn: ["errors.criteriaRequired"],
    });
  });

  it("rejects an unknown category and malformed credential kinds", () => {
    expect(errorsOf({ ...valid, category: "PUMPS" }).category).toBeDefined();
    expect(errorsOf({ ...valid, requiredCredentialKinds: ["crane operator"] })["requiredCredentialKinds.0"]).toEqual(["errors.credentialKindInvalid"]);
  });
});
