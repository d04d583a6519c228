import { describe, expect, it } from "vitest";
import { LiveEventSource, refusedBackoffMs, type LiveSourceEnv } from "@/lib/live/live-event-source";
import type { LiveConnectionState } from "@/lib/live/live-mux";
import type { TLiveEventDto } from "@/lib/schemas/live";

/** A stand-in for the browser's EventSource: the test drives its events. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onmessage: ((m: { lastEventId: string; data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  send(e: TLiveEventDto) {
    this.onmessage?.({ lastEventId: e.id, data: JSON.stringify(e) });
  }
  /** The server ended the stream or the network dropped: the browser reconnects by itself. */
  drop() {
    this.readyState = FakeEventSource.CONNECTING;
    this.onerror?.();
  }
  /** An HTTP error answer: the browser gives up. */
  refuse() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

function setup(statuses: number[]) {
  FakeEventSource.all = [];
  const timers: (() => void)[] = [];
  const probes: string[] = [];
  const states: LiveConnectionState[] = [];
  const got: [string, TLiveEventDto][] = [];
  const env: LiveSourceEnv = {
    EventSource: FakeEventSource as unknown as LiveSourceEnv["EventSource"],
    fetch: (async (url: string) => {
      probes.push(url);
      return new Response(null, { status: statuses.shift() ?? 200, headers: { "retry-after": "5" } });
    }) as unknown as typeof fetch,
    setTimeout: (fn) => timers.push(fn),
    clearTimeout: () => {},
  };
  const source = new LiveEventSource(["knight:k1", "user:u1"], "7", (id, e) => got.push([id, e]), (s) => states.push(s), env);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { source, timers, probes, states, got, settle, last: () => FakeEventSource.all.at(-1)! };
}

const ev = (id: string): TLiveEventDto => ({ id, topic: "knight:k1", kind: "offer.new", data: { id } });

describe("LiveEventSource", () => {
  it("opens /api/live with its topics and start point, and delivers events with their ids", () => {
    const s = setup([]);
    expect(s.last().url).toBe("/api/live?topic=knight%3Ak1&topic=user%3Au1&lastEventId=7");
    s.last().open();
    s.last().send(ev("8"));
    s.last().send(ev("9"));
    expect(s.got.map(([id, e]) => [id, e.data.id])).toEqual([["8", "8"], ["9", "9"]]);
    expect(s.states).toEqual(["live"]);
  });

  it("leaves a dropped stream to the browser's own reconnect (reconnecting → live, no new EventSource)", () => {
    const s = setup([]);
    s.last().open();
    s.last().drop();
    s.last().open();
    expect(FakeEventSource.all).toHaveLength(1);
    expect(s.states).toEqual(["live", "reconnecting", "live"]);
    expect(s.probes).toEqual([]);
  });

  it("reports denied on a final refusal (401/403/400) and stops", async () => {
    for (const status of [401, 403, 400]) {
      const s = setup([status]);
      s.last().refuse();
      await s.settle();
      expect(s.states).toEqual(["denied"]);
      expect(s.timers).toHaveLength(0);
    }
  });

  it("reopens after a backoff on a refusal a retry can fix (503, 429), from the last event seen", async () => {
    const s = setup([503]);
    s.last().open();
    s.last().send(ev("12"));
    s.last().refuse();
    await s.settle();
    expect(s.probes).toEqual(["/api/live?topic=knight%3Ak1&topic=user%3Au1&lastEventId=12"]);
    expect(s.states).toEqual(["live", "reconnecting"]);
    expect(s.timers).toHaveLength(1);
    s.timers[0]!();
    expect(FakeEventSource.all).toHaveLength(2);
    expect(s.last().url).toBe("/api/live?topic=knight%3Ak1&topic=user%3Au1&lastEventId=12");
  });

  it("closes for good: no reconnect after close", async () => {
    const s = setup([503]);
    s.last().refuse();
    s.source.close();
    await s.settle();
    expect(s.timers).toHaveLength(0);
    expect(s.last().readyState).toBe(FakeEventSource.CLOSED);
  });

  it("backs off exponentially up to 30 s, never under the server's Retry-After", () => {
    expect([0, 1, 2, 5, 9].map((a) => refusedBackoffMs(a, null))).toEqual([1000, 2000, 4000, 30_000, 30_000]);
    expect(refusedBackoffMs(0, "5")).toBe(5000);
    expect(refusedBackoffMs(4, "5")).toBe(16_000);
  });
});
