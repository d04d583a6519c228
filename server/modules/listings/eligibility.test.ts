import { describe, expect, it } from "vitest";
import { computeEligibility } from "@/server/modules/listings/eligibility";

const now = new Date("2026-05-01T00:00:00Z");

describe("computeEligibility", () => {
  it("is ok with no required credentials and a verified org (or an individual)", () => {
    expect(computeEligibility({ requiredKinds: [], credentials: [], orgVerification: "VERIFIED", now })).toEqual({ ok: true, reasons: [] });
    expect(computeEligibility({ requiredKinds: [], credentials: [], orgVerification: null, now }).ok).toBe(true);
  });
  it("flags a missing or expired required credential, and an unverified org", () => {
    const r = computeEligibility({
      requiredKinds: ["VESSEL_OPERATOR", "HOIST"],
      credentials: [{ kind: "VESSEL_OPERATOR", validFrom: null, validUntil: "2026-04-30T00:00:00Z" }],
      orgVerification: "PENDING",
      now,
    });
    expect(r).toEqual({
      ok: false,
      reasons: [
        { code: "ORG_UNVERIFIED", detail: null },
        { code: "CREDENTIAL_EXPIRED", detail: "VESSEL_OPERATOR" },
        { code: "CREDENTIAL_MISSING", detail: "HOIST" },
      ],
    });
  });
  it("any one current credential of the kind is enough; a not-yet-valid one is not", () => {
    const old = { kind: "K", validFrom: null, validUntil: new Date("2020-01-01") };
    const current = { kind: "K", validFrom: new Date("2026-01-01"), validUntil: null };
    expect(computeEligibility({ requiredKinds: ["K"], credentials: [old, current], orgVerification: "VERIFIED", now }).ok).toBe(true);
    const future = { kind: "K", validFrom: "2026-06-01", validUntil: "2027-06-01" };
    expect(computeEligibility({ requiredKinds: ["K"], credentials: [future], orgVerification: "VERIFIED", now }).reasons[0].code).toBe("CREDENTIAL_EXPIRED");
  });
});
