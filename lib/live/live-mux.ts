import { parseLiveCursor, type TLiveEventDto } from "@/lib/schemas/live";

/** idle: no topics · connecting: first connect · live: streaming · reconnecting: lost, resuming · denied: not allowed. */
export type LiveConnectionState = "idle" | "connecting" | "live" | "reconnecting" | "denied";

/** The server takes at most this many topics per live stream (ZLiveEventsInput). */
export const MAX_TOPICS_PER_STREAM = 20;

/** One SSE subscription the page should hold: its topics, and (split mode) the one registration it serves. */
export type LiveStreamSpec = { key: string; topics: string[]; owner: number | null };

type Registration = { topics: Set<string>; key: string; handler: (event: TLiveEventDto) => void; since: bigint | null };

const keyOf = (topics: Iterable<string>) => [...new Set(topics)].sort().join("|");

/**
 * Every live feed a browser tab follows, over as few SSE connections as possible. Browsers allow six
 * HTTP/1.1 connections per origin, so one connection per component (an incident page shows a dispatch card
 * per knight need) would stall the page's other requests. Components register their topics and a handler;
 * the mux asks for one subscription carrying the union (in chunks of MAX_TOPICS_PER_STREAM), reopened from
 * the last event seen whenever the union changes, and hands each event only to the registrations that
 * follow its topic and registered before it happened (so a replay never reaches a newcomer twice).
 * If the server refuses the shared subscription outright (one topic the caller may not follow, e.g. the track
 * of a task that just ended), it falls back to one subscription per registration until the topics change,
 * so one refused feed cannot silence the others. Plain class, no React: live-provider.tsx drives it.
 */
export class LiveMux {
  private regs = new Map<number, Registration>();
  private nextReg = 1;
  private lastId: bigint | null = null;
  private split = false;
  private states = new Map<string, LiveConnectionState>();
  private listeners = new Set<() => void>();
  private version = 0;
  private specs: LiveStreamSpec[] | null = null;

  register(topics: readonly string[], handler: (event: TLiveEventDto) => void): number {
    const id = this.nextReg++;
    this.regs.set(id, { topics: new Set(topics), key: keyOf(topics), handler, since: this.lastId });
    this.changed(true);
    return id;
  }

  unregister(id: number) {
    if (this.regs.delete(id)) this.changed(true);
  }

  /** The SSE subscriptions to hold now (stable between changes). */
  streams(): LiveStreamSpec[] {
    if (this.specs) return this.specs;
    if (this.split) {
      const seen = new Set<string>();
      this.specs = [];
      for (const [id, r] of this.regs) {
        if (seen.has(r.key)) continue; // registrations with the same topics share one
        seen.add(r.key);
        this.specs.push({ key: `${id}#${r.key}`, topics: [...r.topics].sort(), owner: id });
      }
    } else {
      const union = [...new Set([...this.regs.values()].flatMap((r) => [...r.topics]))].sort();
      this.specs = [];
      for (let i = 0; i < union.length; i += MAX_TOPICS_PER_STREAM) {
        const topics = union.slice(i, i + MAX_TOPICS_PER_STREAM);
        this.specs.push({ key: topics.join("|"), topics, owner: null });
      }
    }
    const keys = new Set(this.specs.map((s) => s.key));
    for (const k of [...this.states.keys()]) if (!keys.has(k)) this.states.delete(k); // a reopened stream starts afresh
    return this.specs;
  }

  /** Where a new subscription starts: after the last event this tab has seen (null: from now). */
  lastEventId(): string | null {
    return this.lastId === null ? null : this.lastId.toString();
  }

  deliver(spec: LiveStreamSpec, id: string, event: TLiveEventDto) {
    const n = parseLiveCursor(id).high; // the stream's resume cursor: its holes only matter to that stream
    if (this.lastId === null || n > this.lastId) this.lastId = n;
    const owner = spec.owner === null ? null : this.regs.get(spec.owner);
    const reset = event.kind === "live.reset";
    for (const r of this.regs.values()) {
      if (owner ? r.key !== owner.key : !spec.topics.some((t) => r.topics.has(t))) continue;
      if (!reset && !r.topics.has(event.topic)) continue;
      if (r.since !== null && n <= r.since) continue;
      r.handler(event);
    }
  }

  reportState(spec: LiveStreamSpec, state: LiveConnectionState) {
    if (this.states.get(spec.key) === state) return;
    this.states.set(spec.key, state);
    if (state === "denied" && !this.split && this.regs.size > 1) {
      this.split = true;
      this.changed(false);
      return;
    }
    this.bump();
  }

  /** The connection state a component following `topics` should show. */
  stateFor(topics: readonly string[] | null | undefined): LiveConnectionState {
    if (!topics || topics.length === 0) return "idle";
    const key = keyOf(topics);
    const first = [...new Set(topics)].sort()[0]!;
    const spec = this.streams().find((s) => (s.owner === null ? s.topics.includes(first) : s.key.endsWith(`#${key}`)));
    return (spec && this.states.get(spec.key)) ?? "connecting";
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = () => this.version;

  /** Registrations changed: the streams are recomputed, and a failed shared stream is tried again. */
  private changed(registrations: boolean) {
    if (registrations) this.split = false;
    this.specs = null;
    this.bump();
  }

  private bump() {
    this.version++;
    for (const l of this.listeners) l();
  }
}
