import { describe, expect, it } from "vitest";
import { applyKnightEvent, initialFeed, minutesOnDuty, offerFromEvent, pruneExpired, type OfferCardData } from "@/components/knight/offer-feed";

const now = new Date("2026-11-29T06:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

function offer(id: string, expiresInS: number, needId = `need-${id}`): OfferCardData {
  return {
    offerId: id, needId, title: `Task ${id}`, taskKind: "DELIVERY", distanceBand: "1-3km", rewardPoints: 30,
    expiresAt: later(expiresInS), deadline: null, pickupAddress: "A", dropoffAddress: "B", cargoKg: 5, wave: 1,
  };
}

describe("offer feed", () => {
  it("reads an offer.new payload with ISO dates, and rejects one without an id or expiry", () => {
    const o = offerFromEvent({ offerId: "o1", needId: "n1", title: "Water", expiresAt: later(60).toISOString(), rewardPoints: 20, distanceBand: "0-1km" });
    expect(o?.expiresAt.getTime()).toBe(later(60).getTime());
    expect(o?.rewardPoints).toBe(20);
    expect(offerFromEvent({ needId: "n1", expiresAt: later(60).toISOString() })).toBeNull();
    expect(offerFromEvent({ offerId: "o1", needId: "n1" })).toBeNull();
  });

  it("adds a new offer once, soonest expiry first, and ignores one already expired", () => {
    let f = initialFeed([offer("a", 300)], now);
    f = applyKnightEvent(f, { kind: "offer.new", data: { ...offer("b", 100), expiresAt: later(100).toISOString() } }, now);
    f = applyKnightEvent(f, { kind: "offer.new", data: { ...offer("b", 100) } }, now);
    f = applyKnightEvent(f, { kind: "offer.new", data: { ...offer("c", -1) } }, now);
    expect(f.offers.map((o) => o.offerId)).toEqual(["b", "a"]);
  });

  it("removes a withdrawn offer with a notice naming it; a withdrawal of an unknown offer changes nothing", () => {
    const f0 = initialFeed([offer("a", 300), offer("b", 300)], now);
    const f1 = applyKnightEvent(f0, { kind: "offer.withdrawn", data: { offerId: "a", needId: "need-a", reason: "FILLED" } }, now);
    expect(f1.offers.map((o) => o.offerId)).toEqual(["b"]);
    expect(f1.notices).toEqual([{ id: "w-a", kind: "withdrawn", title: "Task a", reason: "FILLED" }]);
    expect(applyKnightEvent(f1, { kind: "offer.withdrawn", data: { offerId: "zzz" } }, now)).toBe(f1);
  });

  it("drops an offer accepted elsewhere without a notice, and a cancelled task's offers with one", () => {
    const f0 = initialFeed([offer("a", 300), offer("b", 300)], now);
    const f1 = applyKnightEvent(f0, { kind: "offer.accepted", data: { offerId: "a" } }, now);
    expect(f1.offers.map((o) => o.offerId)).toEqual(["b"]);
    expect(f1.notices).toEqual([]);
    const f2 = applyKnightEvent(f1, { kind: "task.cancelled", data: { needId: "need-b", assignmentId: "as1", title: "Task b" } }, now);
    expect(f2.offers).toEqual([]);
    expect(f2.notices[0]).toMatchObject({ kind: "cancelled", title: "Task b" });
  });

  it("ignores unknown event kinds", () => {
    const f0 = initialFeed([offer("a", 300)], now);
    expect(applyKnightEvent(f0, { kind: "duty.restDue", data: {} }, now)).toBe(f0);
  });

  it("prunes offers whose hold has run out", () => {
    const f0 = initialFeed([offer("a", 10), offer("b", 300)], now);
    const f1 = pruneExpired(f0, later(11));
    expect(f1.offers.map((o) => o.offerId)).toEqual(["b"]);
    expect(f1.notices.map((n) => n.kind)).toEqual(["expired"]);
    expect(pruneExpired(f1, later(12))).toBe(f1);
  });

  it("counts whole minutes on duty, never negative (the words come from formatDuration)", () => {
    expect(minutesOnDuty(new Date(now.getTime() - 125 * 60_000 - 59_000), now)).toBe(125);
    expect(minutesOnDuty(new Date(now.getTime() + 30_000), now)).toBe(0);
  });
});
