import { describe, expect, it } from "vitest";
import { PositionThrottle } from "@/components/knight/position-throttle";

const at = (lat: number) => ({ lat, lng: 118.8 });

describe("PositionThrottle", () => {
  it("sends the first fix at once, then at most one per 15 s however often the phone reports", () => {
    const t = new PositionThrottle();
    expect(t.offer(at(32.01), 0)).toEqual(at(32.01));
    t.sent(0);
    const sentAt: number[] = [];
    for (let ms = 1000; ms <= 60_000; ms += 1000) {
      const fix = t.offer(at(32 + ms / 1e6), ms);
      if (fix) {
        sentAt.push(ms);
        t.sent(ms);
      }
    }
    expect(sentAt).toEqual([15_000, 30_000, 45_000, 60_000]);
  });

  it("waits for the server's nextAllowedAt when it is later than 15 s", () => {
    const t = new PositionThrottle();
    t.offer(at(32), 0);
    t.sent(0, 40_000);
    expect(t.offer(at(32.1), 20_000)).toBeNull();
    expect(t.offer(at(32.2), 40_000)).toEqual(at(32.2));
  });

  it("after a refusal holds back at least the minimum interval", () => {
    const t = new PositionThrottle();
    t.refused(0);
    expect(t.offer(at(32), 14_999)).toBeNull();
    expect(t.offer(at(32), 15_000)).toEqual(at(32));
  });

  it("re-sends the last fix as a heartbeat only after a quiet minute", () => {
    const t = new PositionThrottle();
    expect(t.heartbeat(0)).toBeNull(); // nothing known yet
    t.offer(at(32), 0);
    t.sent(0);
    expect(t.heartbeat(30_000)).toBeNull();
    expect(t.heartbeat(60_000)).toEqual(at(32));
  });
});

describe("PositionThrottle after a throttled report", () => {
  it("retries the standing-still knight's fix as soon as the server allows, not a heartbeat later", () => {
    const t = new PositionThrottle();
    expect(t.offer(at(32), 0)).toEqual(at(32));
    t.refused(0, 12_000); // the server stored one 3 s ago
    expect(t.heartbeat(10_000)).toBeNull();
    expect(t.heartbeat(15_000)).toEqual(at(32));
  });
});
