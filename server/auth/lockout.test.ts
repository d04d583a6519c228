import { describe, expect, it } from "vitest";
import { decideLockout, LOCKOUT_DURATION_MS, LOCKOUT_MAX_FAILURES, LOCKOUT_WINDOW_MS } from "@/server/auth/lockout";

const now = new Date("2025-07-01T08:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const fail = (ms: number) => ({ success: false, createdAt: ago(ms) });
const ok = (ms: number) => ({ success: true, createdAt: ago(ms) });

describe("decideLockout", () => {
  it("is unlocked with no attempts", () => {
    expect(decideLockout([], now)).toEqual({ locked: false, failures: 0 });
  });

  it("is unlocked below the failure limit", () => {
    const attempts = Array.from({ length: LOCKOUT_MAX_FAILURES - 1 }, (_, i) => fail(i * 1000));
    expect(decideLockout(attempts, now).locked).toBe(false);
  });

  it("locks at the limit, until the last failure + the lock duration", () => {
    const attempts = Array.from({ length: LOCKOUT_MAX_FAILURES }, (_, i) => fail((i + 1) * 60_000));
    const d = decideLockout(attempts, now);
    expect(d.locked).toBe(true);
    if (d.locked) expect(d.lockedUntil).toEqual(new Date(ago(60_000).getTime() + LOCKOUT_DURATION_MS));
  });

  it("does not depend on the order of the rows", () => {
    const attempts = Array.from({ length: LOCKOUT_MAX_FAILURES }, (_, i) => fail((i + 1) * 1000)).reverse();
    expect(decideLockout(attempts, now).locked).toBe(true);
  });

  it("unlocks once the lock duration has passed", () => {
    const attempts = Array.from({ length: LOCKOUT_MAX_FAILURES }, (_, i) => fail(LOCKOUT_DURATION_MS + i));
    expect(decideLockout(attempts, now).locked).toBe(false);
  });

  it("ignores failures older than the window", () => {
    const attempts = [fail(1000), fail(2000), ...Array.from({ length: 10 }, (_, i) => fail(LOCKOUT_WINDOW_MS + 1000 + i))];
    expect(decideLockout(attempts, now)).toEqual({ locked: false, failures: 2 });
  });

  it("a success resets the count", () => {
    const attempts = [fail(1000), fail(2000), ok(3000), fail(4000), fail(5000), fail(6000), fail(7000)];
    expect(decideLockout(attempts, now)).toEqual({ locked: false, failures: 2 });
  });

  it("ignores rows from the future (clock skew)", () => {
    const future = Array.from({ length: LOCKOUT_MAX_FAILURES }, () => ({ success: false, createdAt: new Date(now.getTime() + 60_000) }));
    expect(decideLockout(future, now).locked).toBe(false);
  });
});
