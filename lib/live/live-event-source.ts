import { liveStreamPath, type TLiveEventDto } from "@/lib/schemas/live";
import type { LiveConnectionState } from "@/lib/live/live-mux";

/** Refusals a retry cannot fix: stop instead of reconnecting. */
const FINAL_STATUSES = new Set([400, 401, 403]);

/** Backoff before reopening a stream the server refused for now (429, 503, …), at least its Retry-After. */
export function refusedBackoffMs(attempt: number, retryAfter: string | null): number {
  const hinted = Number(retryAfter) * 1000;
  return Math.max(Number.isFinite(hinted) ? hinted : 0, Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
}

/** What LiveEventSource needs from the browser (injected so the logic is testable without one). */
export type LiveSourceEnv = {
  EventSource: { new (url: string): EventSource; readonly CLOSED: number };
  fetch: typeof fetch;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (timer: unknown) => void;
};

/**
 * One live stream (GET /api/live) for a fixed topic set, starting after `startAfter`, over the browser's
 * EventSource: a dropped connection or a stream the server ended (e.g. the client fell behind) is reopened
 * by the browser itself with Last-Event-ID, so no event is lost or repeated. A refusal (an HTTP error)
 * closes an EventSource for good without saying why, so one request reads the status: 400/401/403 →
 * "denied"; anything else (429, 503, offline) → reopened after a backoff from the last event seen.
 * Plain class, no React: use-live-stream.ts drives it.
 */
export class LiveEventSource {
  private cursor: string | null;
  private source: EventSource | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private stopped = false;
  private readonly probe = new AbortController();

  constructor(
    private readonly topics: readonly string[],
    startAfter: string | null,
    private readonly onEvent: (id: string, event: TLiveEventDto) => void,
    private readonly onState: (state: LiveConnectionState) => void,
    private readonly env: LiveSourceEnv,
  ) {
    this.cursor = startAfter;
    this.open();
  }

  private open() {
    this.timer = null;
    if (this.stopped) return;
    const es = (this.source = new this.env.EventSource(liveStreamPath(this.topics, this.cursor)));
    es.onopen = () => {
      this.attempt = 0;
      this.onState("live");
    };
    es.onmessage = (m: MessageEvent<string>) => {
      if (m.lastEventId) this.cursor = m.lastEventId;
      this.onEvent(m.lastEventId, JSON.parse(m.data) as TLiveEventDto);
    };
    es.onerror = () => {
      if (es.readyState !== this.env.EventSource.CLOSED) this.onState("reconnecting"); // the browser retries
      else void this.refused();
    };
  }

  private async refused() {
    this.source?.close();
    this.source = null;
    let status = 0;
    let retryAfter: string | null = null;
    try {
      const res = await this.env.fetch(liveStreamPath(this.topics, this.cursor), { headers: { accept: "text/event-stream" }, signal: this.probe.signal });
      status = res.status;
      retryAfter = res.headers.get("retry-after");
      void res.body?.cancel().catch(() => {}); // a stream that opened after all: the EventSource reopens it
    } catch {
      /* offline: retry after the backoff */
    }
    if (this.stopped) return;
    if (FINAL_STATUSES.has(status)) {
      this.onState("denied");
      return;
    }
    this.onState("reconnecting");
    this.timer = this.env.setTimeout(() => this.open(), refusedBackoffMs(this.attempt++, retryAfter));
  }

  close() {
    this.stopped = true;
    this.probe.abort();
    if (this.timer !== null) this.env.clearTimeout(this.timer);
    this.source?.close();
    this.source = null;
  }
}
