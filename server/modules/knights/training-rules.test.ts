import { describe, expect, it } from "vitest";
import { allTrainingsExpired, trainingErrors, trainingStatus } from "@/server/modules/knights/training-rules";

const now = new Date("2026-03-01T00:00:00Z");
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe("trainingStatus", () => {
  it("never expires without a date", () => {
    expect(trainingStatus(null, now)).toEqual({ expired: false, expiringSoon: false });
  });
  it("is expired at and after validUntil, and expiring within 30 days before", () => {
    expect(trainingStatus(days(0), now)).toEqual({ expired: true, expiringSoon: false });
    expect(trainingStatus(days(-5), now)).toEqual({ expired: true, expiringSoon: false });
    expect(trainingStatus(days(10), now)).toEqual({ expired: false, expiringSoon: true });
    expect(trainingStatus(days(30), now)).toEqual({ expired: false, expiringSoon: true });
    expect(trainingStatus(days(31), now)).toEqual({ expired: false, expiringSoon: false });
  });
});

describe("allTrainingsExpired", () => {
  it("is false with no trainings, or with one still valid", () => {
    expect(allTrainingsExpired([], now)).toBe(false);
    expect(allTrainingsExpired([{ validUntil: days(-1) }, { validUntil: null }], now)).toBe(false);
  });
  it("is true when every training has expired", () => {
    expect(allTrainingsExpired([{ validUntil: days(-1) }, { validUntil: days(-100) }], now)).toBe(true);
  });
});

describe("trainingErrors", () => {
  it("flags a newly entered date in the past on that row", () => {
    expect(trainingErrors([{ code: "FIRST_AID", validUntil: days(-1) }], [], now)).toEqual({
      "trainings.0.validUntil": ["errors.trainingInPast"],
    });
  });
  it("keeps an expired training that is saved unchanged (a warning in the page, not an error)", () => {
    const stored = [{ code: "FIRST_AID", validUntil: days(-3) }];
    expect(trainingErrors([{ code: "FIRST_AID", validUntil: days(-3) }], stored, now)).toEqual({});
    expect(trainingErrors([{ code: "FIRST_AID", validUntil: days(-2) }], stored, now)).toEqual({
      "trainings.0.validUntil": ["errors.trainingInPast"],
    });
  });
  it("flags a code entered twice", () => {
    expect(
      trainingErrors([{ code: "CPR_AED", validUntil: days(90) }, { code: "CPR_AED", validUntil: null }], [], now),
    ).toEqual({ "trainings.1.code": ["errors.trainingDuplicate"] });
  });
});
