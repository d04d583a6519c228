import { describe, expect, it } from "vitest";
import { LiveMux, MAX_TOPICS_PER_STREAM } from "@/lib/live/live-mux";
import type { TLiveEventDto } from "@/lib/schemas/live";

const ev = (id: number, topic: string, kind = "x.changed"): [string, TLiveEventDto] => [String(id), { id: String(id), topic, kind, data: {} }];

function recorder() {
  const seen: string[] = [];
  return { seen, handler: (e: TLiveEventDto) => seen.push(`${e.id}:${e.topic}:${e.kind}`) };
}

describe("LiveMux", () => {
  it("carries every component's topics over one subscription and hands each event to its followers only", () => {
    const mux = new LiveMux();
    const bell = recorder();
    const card = recorder();
    mux.register(["user:u1"], bell.handler);
    mux.register(["need:n2", "need:n1"], card.handler);
    const streams = mux.streams();
    expect(streams).toEqual([{ key: "need:n1|need:n2|user:u1", topics: ["need:n1", "need:n2", "user:u1"], owner: null }]);
    mux.deliver(streams[0]!, ...ev(7, "need:n1"));
    mux.deliver(streams[0]!, ...ev(8, "user:u1"));
    expect(card.seen).toEqual(["7:need:n1:x.changed"]);
    expect(bell.seen).toEqual(["8:user:u1:x.changed"]);
    expect(mux.lastEventId()).toBe("8");
  });

  it("a newcomer gets only what happened after it joined, though the reopened stream replays from the tab's last event", () => {
    const mux = new LiveMux();
    const bell = recorder();
    mux.register(["user:u1"], bell.handler);
    mux.deliver(mux.streams()[0]!, ...ev(10, "user:u1"));
    const card = recorder();
    mux.register(["need:n1"], card.handler);
    const reopened = mux.streams()[0]!;
    expect(reopened.topics).toEqual(["need:n1", "user:u1"]);
    expect(mux.lastEventId()).toBe("10"); // where the reopened stream starts
    mux.deliver(reopened, ...ev(9, "need:n1")); // older than the card: not for it
    mux.deliver(reopened, ...ev(11, "need:n1"));
    expect(card.seen).toEqual(["11:need:n1:x.changed"]);
    expect(bell.seen).toEqual(["10:user:u1:x.changed"]);
  });

  it("compares event ids as numbers, not strings", () => {
    const mux = new LiveMux();
    const r = recorder();
    mux.register(["a:1"], r.handler);
    mux.deliver(mux.streams()[0]!, ...ev(9, "a:1"));
    mux.deliver(mux.streams()[0]!, ...ev(10, "a:1"));
    expect(mux.lastEventId()).toBe("10");
  });

  it("splits more than the server's topic limit into several subscriptions", () => {
    const mux = new LiveMux();
    const topics = Array.from({ length: MAX_TOPICS_PER_STREAM + 3 }, (_, i) => `need:n${String(i).padStart(2, "0")}`);
    mux.register(topics, () => {});
    expect(mux.streams().map((s) => s.topics.length)).toEqual([MAX_TOPICS_PER_STREAM, 3]);
  });

  it("a reset reaches every follower of that stream; an unregistered component hears nothing more", () => {
    const mux = new LiveMux();
    const a = recorder();
    const b = recorder();
    const idA = mux.register(["a:1"], a.handler);
    mux.register(["b:1"], b.handler);
    mux.deliver(mux.streams()[0]!, ...ev(3, "a:1", "live.reset"));
    expect(a.seen).toEqual(["3:a:1:live.reset"]);
    expect(b.seen).toEqual(["3:a:1:live.reset"]);
    mux.unregister(idA);
    expect(mux.streams()[0]!.topics).toEqual(["b:1"]);
    mux.deliver(mux.streams()[0]!, ...ev(4, "a:1"));
    expect(a.seen).toHaveLength(1);
  });

  it("when the shared subscription is refused, each component gets its own, so one refused feed silences no other", () => {
    const mux = new LiveMux();
    const bell = recorder();
    const track = recorder();
    const bellId = mux.register(["user:u1"], bell.handler);
    mux.register(["track:t1"], track.handler);
    const shared = mux.streams()[0]!;
    mux.reportState(shared, "connecting");
    expect(mux.stateFor(["user:u1"])).toBe("connecting");
    mux.reportState(shared, "denied");
    const split = mux.streams();
    expect(split.map((s) => s.topics)).toEqual([["user:u1"], ["track:t1"]]);
    expect(split[0]!.owner).toBe(bellId);
    mux.reportState(split[0]!, "live");
    mux.reportState(split[1]!, "denied");
    expect(mux.stateFor(["user:u1"])).toBe("live");
    expect(mux.stateFor(["track:t1"])).toBe("denied");
    mux.deliver(split[0]!, ...ev(5, "user:u1"));
    expect(bell.seen).toEqual(["5:user:u1:x.changed"]);
    expect(track.seen).toEqual([]);
    // the topics changed (the card dropped the ended track): one shared subscription again, state afresh
    mux.register(["need:n1"], () => {});
    expect(mux.streams()).toHaveLength(1);
    expect(mux.stateFor(["user:u1"])).toBe("connecting");
  });

  it("a lone component that is refused stays refused (nothing to split)", () => {
    const mux = new LiveMux();
    mux.register(["track:t1"], () => {});
    mux.reportState(mux.streams()[0]!, "denied");
    expect(mux.streams()).toHaveLength(1);
    expect(mux.stateFor(["track:t1"])).toBe("denied");
    expect(mux.stateFor(null)).toBe("idle");
  });

  it("tells subscribers when the streams or their states change", () => {
    const mux = new LiveMux();
    let calls = 0;
    const off = mux.subscribe(() => calls++);
    const id = mux.register(["a:1"], () => {});
    mux.reportState(mux.streams()[0]!, "live");
    mux.reportState(mux.streams()[0]!, "live"); // unchanged: no call
    mux.unregister(id);
    off();
    mux.register(["a:2"], () => {});
    expect(calls).toBe(3);
  });
});
