import pg from "pg";
import { survivesLostConnections } from "@/server/db/pool-errors";
import { requireDatabaseUrl } from "@/lib/env";
import { AppError } from "@/server/errors";
import { EventQueue } from "@/server/modules/live/live-event-queue";
import { formatLiveCursor, LIVE_CURSOR_MAX_HOLES, parseLiveCursor, ZLiveEventId } from "@/lib/schemas/live";

/** One live event as subscribers see it; `id` is the live_event bigserial as a decimal string (the resume cursor). */
export type LiveEvent = { id: string; topic: string; kind: string; data: Record<string, unknown> };

/** An event as one subscription yields it, with the resume cursor to send along (lib/schemas/live.ts). */
export type LiveDelivery = LiveEvent & { cursor: string };

/** How far below its starting cursor a hub looks for ids still in flight (far more than commit in 30 s). */
const START_HOLE_WINDOW = 5000n;

/** Sent first on a resume whose gap can no longer be replayed in full: the client should refetch its state. */
export const LIVE_RESET_KIND = "live.reset";

export type LiveHubOptions = {
  url: string;
  /** Safety poll in case a NOTIFY is missed (listener reconnecting, dropped notification). */
  pollMs?: number;
  /** Rows read per fetch of the shared stream. */
  batch?: number;
  /** At most this many events are replayed on a resume; older ones become a `live.reset`. */
  replayLimit?: number;
  /** How long a hole in the id sequence is re-checked: ids are taken at INSERT but become visible at COMMIT. */
  gapGraceMs?: number;
  /** A subscriber this far behind is dropped; it reconnects with its last id and gets a replay. */
  maxQueue?: number;
  /** Connections for fetches and replays (the listener has its own). */
  poolSize?: number;
  log?: (message: string, error?: unknown) => void;
};

/** `fill`: the event fills a hole below the hub's cursor (it arrives after higher ids). */
type Subscriber = { push: (event: LiveEvent, fill: boolean) => void };

type Row = { id: string; topic: string; kind: string; data: Record<string, unknown> | null };

const toEvent = (r: Row): LiveEvent => ({ id: r.id, topic: r.topic, kind: r.kind, data: r.data ?? {} });

/**
 * The per-process live hub. One dedicated connection LISTENs on `muster_live` (the live_event trigger
 * NOTIFYs on commit); every wake-up reads the new rows once (`id > cursor`) and hands each event to the
 * in-process subscribers of its topic — a map lookup per event, so the cost grows with events, not with
 * connected clients. Because every instance reads the same table, an event published through any
 * connection reaches subscribers on every instance.
 *
 * Ids are taken at INSERT but become visible at COMMIT, so a later id can be visible before an earlier
 * one. Holes below the cursor are remembered and re-read for `gapGraceMs`; an event that fills one is
 * delivered late rather than lost (rolled-back inserts leave permanent holes, which simply expire).
 */
export class LiveHub {
  private readonly opts: Required<Omit<LiveHubOptions, "log">> & Pick<LiveHubOptions, "log">;
  private readonly pool: pg.Pool;
  private listener: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  private cursor = 0n;
  /** False until start() has read the cursor: a fetch before that would read from 0, the oldest events. */
  private cursorRead = false;
  private readonly gaps = new Map<bigint, number>();
  /** The gaps' ids in ascending order, rebuilt on first use after they changed (resume cursors read it). */
  private sortedGaps: bigint[] | null = null;
  private readonly byTopic = new Map<string, Set<Subscriber>>();
  private fetching = false;
  private dirty = false;
  private closed = false;
  private backoffMs = 250;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  /** For tests and the benchmark: how many fetches of the shared stream ran, how often LISTEN connected. */
  fetches = 0;
  listenerConnects = 0;
  /** Durations (ms) of the latest fetches that delivered something: read + hand-off to subscribers. */
  private readonly fetchMs: number[] = [];

  constructor(options: LiveHubOptions) {
    this.opts = { pollMs: 5000, batch: 1000, replayLimit: 1000, gapGraceMs: 30_000, maxQueue: 5000, poolSize: 3, ...options };
    this.pool = survivesLostConnections(new pg.Pool({ connectionString: options.url, max: this.opts.poolSize }), (e) =>
      this.log("live hub: idle pool connection failed", e));
  }

  private log(message: string, error?: unknown) {
    (this.opts.log ?? ((m: string, e?: unknown) => console.warn(`[muster] ${m}`, e ?? "")))(message, error);
  }

  /** Connects the listener and sets the cursor to the newest event (idempotent; retried after a failure). */
  start(): Promise<void> {
    if (this.closed) return Promise.reject(new Error("live hub stopped"));
    this.starting ??= (async () => {
      // LISTEN before reading the cursor, so nothing committed in between is missed.
      await this.connectListener();
      const { rows } = await this.pool.query<{ max: string | null }>("SELECT max(id)::text AS max FROM live_event");
      this.cursor = BigInt(rows[0]?.max ?? "0");
      this.cursorRead = true;
      await this.watchHolesBelowCursor();
      this.pollTimer = setInterval(() => void this.pump(), this.opts.pollMs);
      this.pollTimer.unref();
    })().catch((e) => {
      this.starting = null;
      throw e;
    });
    return this.starting;
  }

  /**
   * Ids below the starting cursor that are not visible yet may belong to transactions still in flight: they
   * are watched as holes like any other, or a process started mid-surge (an instance restarted after a kill)
   * never delivered them to the clients that moved to it (the surge drill's lost events).
   */
  private async watchHolesBelowCursor() {
    const floor = this.cursor > START_HOLE_WINDOW ? this.cursor - START_HOLE_WINDOW : 0n;
    const { rows } = await this.pool.query<{ id: string }>("SELECT id::text AS id FROM live_event WHERE id > $1 AND id < $2", [String(floor), String(this.cursor)]);
    const visible = new Set(rows.map((r) => r.id));
    const now = Date.now();
    this.sortedGaps = null;
    for (let g = floor + 1n; g < this.cursor; g++) if (!visible.has(String(g))) this.gaps.set(g, now);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const subs of this.byTopic.values()) for (const s of subs) (s as Subscriber & { close?: () => void }).close?.();
    this.byTopic.clear();
    const l = this.listener;
    this.listener = null;
    await l?.end().catch(() => {});
    await this.pool.end().catch(() => {});
  }

  /** Number of open subscriptions on a topic (tests, metrics). */
  subscriberCount(topic: string): number {
    return this.byTopic.get(topic)?.size ?? 0;
  }

  /** Topics with subscribers, (topic, subscription) pairs and recent fetch durations, for metrics and the benchmark. */
  stats(): { topics: number; subscriptions: number; fetches: number; fetchMs: number[] } {
    let subscriptions = 0;
    for (const set of this.byTopic.values()) subscriptions += set.size;
    return { topics: this.byTopic.size, subscriptions, fetches: this.fetches, fetchMs: [...this.fetchMs] };
  }

  /**
   * Hands an event straight to this process's subscribers, bypassing the database: nothing is stored, so
   * it cannot be resumed and other instances never see it. Only for the benchmark's fan-out baseline
   * (bench/dispatch.ts) — application code publishes with publishLive inside its transaction.
   */
  fanOutLocal(event: LiveEvent): void {
    this.dispatch(event, false);
  }

  private async connectListener() {
    const client = new pg.Client({ connectionString: this.opts.url });
    client.on("notification", () => void this.pump());
    client.on("error", (e) => this.onListenerLost(client, e));
    client.on("end", () => this.onListenerLost(client));
    await client.connect();
    await client.query("LISTEN muster_live");
    this.listener = client;
    this.listenerConnects++;
    this.backoffMs = 250;
  }

  private onListenerLost(client: pg.Client, error?: unknown) {
    if (this.closed || (this.listener !== null && this.listener !== client)) return;
    if (this.listener === client) this.log("live hub: listener connection lost; reconnecting", error);
    this.listener = null;
    client.removeAllListeners("end");
    void client.end().catch(() => {});
    if (this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      try {
        await this.connectListener();
        void this.pump(); // catch up on whatever was committed while we were deaf
      } catch (e) {
        this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
        this.onListenerLost(client, e);
      }
    }, this.backoffMs);
    this.reconnectTimer.unref();
  }

  /** Runs fetches until the stream is drained; concurrent wake-ups coalesce into one more fetch. */
  private async pump(): Promise<void> {
    // A notification between LISTEN and the cursor read is older than the cursor: nothing to fetch for it.
    if (!this.cursorRead) return;
    if (this.fetching) {
      this.dirty = true;
      return;
    }
    this.fetching = true;
    try {
      do {
        this.dirty = false;
        if (await this.fetchOnce()) this.dirty = true;
      } while (this.dirty && !this.closed);
    } catch (e) {
      if (!this.closed) this.log("live hub: fetch failed (the safety poll retries)", e);
    } finally {
      this.fetching = false;
    }
  }

  /** Reads one batch past the cursor (plus open holes) and dispatches it; true if there may be more. */
  private async fetchOnce(): Promise<boolean> {
    this.fetches++;
    const started = performance.now();
    const now = Date.now();
    const gapIds = [...this.gaps.keys()].map(String);
    const { rows } = gapIds.length
      ? await this.pool.query<Row>(
          "SELECT id::text AS id, topic, kind, data FROM live_event WHERE id > $1 OR id = ANY($3::bigint[]) ORDER BY live_event.id LIMIT $2",
          [String(this.cursor), this.opts.batch, gapIds],
        )
      : await this.pool.query<Row>("SELECT id::text AS id, topic, kind, data FROM live_event WHERE id > $1 ORDER BY live_event.id LIMIT $2", [
          String(this.cursor),
          this.opts.batch,
        ]);
    this.sortedGaps = null;
    for (const row of rows) {
      const id = BigInt(row.id);
      if (id > this.cursor) {
        // Holes between the cursor and this id may belong to transactions still in flight.
        if (id - this.cursor <= 10_000n) for (let g = this.cursor + 1n; g < id; g++) this.gaps.set(g, now);
        this.cursor = id;
        this.dispatch(toEvent(row), false);
      } else if (this.gaps.delete(id)) {
        this.dispatch(toEvent(row), true);
      }
      // Else neither new nor a watched hole: delivered already, or older than this hub's start (a fetch that
      // began before start() read the cursor once handed a restarted instance's clients the oldest events).
    }
    // Holes past their grace are given up only after this fetch re-read them: a hub that could not fetch for a
    // while (a stalled process, a database restart) first delivers what committed meanwhile.
    for (const [id, seen] of this.gaps) if (now - seen > this.opts.gapGraceMs) this.gaps.delete(id);
    if (rows.length > 0) {
      this.fetchMs.push(performance.now() - started);
      if (this.fetchMs.length > 2000) this.fetchMs.splice(0, this.fetchMs.length - 2000);
    }
    return rows.length === this.opts.batch;
  }

  private dispatch(event: LiveEvent, fill: boolean) {
    const subs = this.byTopic.get(event.topic);
    if (subs) for (const s of subs) s.push(event, fill);
  }

  /** The watched holes strictly between `low` and `high`, highest first, at most LIVE_CURSOR_MAX_HOLES of them. */
  private holesBetween(low: bigint, high: bigint): bigint[] {
    const sorted = (this.sortedGaps ??= [...this.gaps.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // binary search: the first index at or above `high`
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < high) lo = mid + 1;
      else hi = mid;
    }
    const out: bigint[] = [];
    for (let i = lo - 1; i >= 0 && sorted[i]! > low && out.length < LIVE_CURSOR_MAX_HOLES; i--) out.push(sorted[i]!);
    return out;
  }

  /** Whether the hub may still deliver this id: past its cursor, or a hole it watches. */
  private mayStillDeliver(id: bigint): boolean {
    return id > this.cursor || this.gaps.has(id);
  }

  /**
   * Events for `topics`: with a `lastEventId` (a resume cursor, lib/schemas/live.ts), first those after it and
   * its holes (bounded by `replayLimit`; more than that, or a cursor older than the retained log, yields one
   * `live.reset` first), then live ones, with no gap and no duplicate between the two. Without one, live events
   * from now on. Each event carries the cursor to resume after it. Ends when `signal` aborts.
   */
  async *subscribe(topics: string[], lastEventId: string | null, signal?: AbortSignal): AsyncGenerator<LiveDelivery> {
    if (lastEventId !== null && !ZLiveEventId.safeParse(lastEventId).success) throw new AppError("BAD_REQUEST", "Invalid last event id.");
    await this.start();
    const queue = new EventQueue(this.opts.maxQueue);
    const sub: Subscriber & { close: () => void } = { push: (e, fill) => queue.push(e, fill), close: () => queue.close() };
    const unique = [...new Set(topics)];
    // Register before reading the replay, so an event committed meanwhile is in the replay, the queue or both.
    for (const t of unique) {
      let set = this.byTopic.get(t);
      if (!set) this.byTopic.set(t, (set = new Set()));
      set.add(sub);
    }
    // Everything up to the hub's cursor now is dispatched already or a watched hole: the replay reads up to it,
    // the queue brings what comes after it and the holes that fill.
    const upTo = this.cursor;
    const resume = lastEventId === null ? null : parseLiveCursor(lastEventId);
    const after = resume?.high ?? upTo;
    const resumeHoles = new Set(resume?.holes ?? []);
    const yielded = new Set<bigint>(); // replayed: the hub may still list them as holes, and its queue bring them again
    let high = after;
    const deliver = (e: LiveEvent): LiveDelivery => {
      const id = BigInt(e.id);
      if (id > high) high = id;
      const holes: bigint[] = [];
      for (const g of this.holesBetween(after, high)) if (!yielded.has(g)) holes.push(g);
      for (const h of resumeHoles) if (h < high && this.mayStillDeliver(h)) holes.push(h);
      for (const f of queue.pendingFills) {
        const x = BigInt(f);
        if (x < high && !yielded.has(x) && (x > after || resumeHoles.has(x))) holes.push(x);
      }
      return { ...e, cursor: formatLiveCursor(high, holes) };
    };
    const onAbort = () => queue.close();
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) queue.close();
    try {
      if (resume && lastEventId !== null) {
        const { events, reset } = await this.replay(unique, resume.high, upTo, [...resumeHoles]);
        if (reset) yield { id: String(resume.high), topic: "*", kind: LIVE_RESET_KIND, data: {}, cursor: lastEventId };
        for (const e of events) {
          const id = BigInt(e.id);
          yielded.add(id);
          resumeHoles.delete(id);
          yield deliver(e);
        }
      }
      for (;;) {
        const event = await queue.next();
        if (!event) return;
        const id = BigInt(event.id);
        if (yielded.has(id)) continue;
        // At or below the resumed cursor and not one of its holes: the previous connection delivered it.
        if (resume && id <= after && !resumeHoles.has(id)) continue;
        resumeHoles.delete(id);
        yield deliver(event);
      }
    } finally {
      signal?.removeEventListener("abort", onAbort);
      for (const t of unique) {
        const set = this.byTopic.get(t);
        set?.delete(sub);
        if (set?.size === 0) this.byTopic.delete(t);
      }
    }
  }

  /** Committed events of `topics` after `after` up to `upTo`, and those among `holes`; oldest first. */
  private async replay(topics: string[], after: bigint, upTo: bigint, holes: bigint[]): Promise<{ events: LiveEvent[]; reset: boolean }> {
    const limit = this.opts.replayLimit;
    // Newest first so that, when over the limit, the client gets the most recent events after a reset.
    // (Order by the table column: the text alias `id` would sort "10" before "9".)
    const { rows } = await this.pool.query<Row>(
      `SELECT id::text AS id, topic, kind, data FROM live_event
       WHERE topic = ANY($1::text[]) AND ((id > $2 AND id <= $3) OR id = ANY($4::bigint[])) ORDER BY live_event.id DESC LIMIT $5`,
      [topics, String(after), String(upTo), holes.map(String), limit + 1],
    );
    const { rows: oldest } = await this.pool.query<{ min: string | null }>("SELECT min(id)::text AS min FROM live_event");
    // The retention job deleted events after this cursor: what the client missed cannot be replayed in full.
    const pruned = oldest[0]?.min != null && BigInt(oldest[0].min) > after + 1n && after > 0n;
    const over = rows.length > limit;
    return { events: rows.slice(0, limit).reverse().map(toEvent), reset: over || pruned };
  }
}

const globalForHub = globalThis as unknown as { musterLiveHub?: LiveHub; musterLiveHubUrl?: string };

/** The process-wide hub for the app's database (created on first use, started by the first subscription). */
export function getLiveHub(): LiveHub {
  const url = requireDatabaseUrl();
  if (!globalForHub.musterLiveHub || globalForHub.musterLiveHubUrl !== url) {
    void globalForHub.musterLiveHub?.stop();
    globalForHub.musterLiveHub = new LiveHub({ url });
    globalForHub.musterLiveHubUrl = url;
  }
  return globalForHub.musterLiveHub;
}

/** Stops the process-wide hub (tests, graceful shutdown). */
export async function stopLiveHub(): Promise<void> {
  const hub = globalForHub.musterLiveHub;
  globalForHub.musterLiveHub = undefined;
  globalForHub.musterLiveHubUrl = undefined;
  await hub?.stop();
}
