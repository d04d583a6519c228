/**
 * Client-side throttle for position reports while on duty. The phone's watchPosition can fire every
 * second; the server accepts at most one report per 15 s (and says when the next is allowed). A knight
 * standing still gets no watch callbacks at all, so the last fix is re-sent as a heartbeat now and then,
 * keeping their position fresh enough to be offered tasks.
 */
export const MIN_REPORT_INTERVAL_MS = 15_000;
export const HEARTBEAT_MS = 60_000;

export type Fix = { lat: number; lng: number; accuracyM?: number };

export class PositionThrottle {
  private lastSentAt: number | null = null;
  private nextAllowedAt = 0;
  private latest: Fix | null = null;

  constructor(
    private readonly minIntervalMs = MIN_REPORT_INTERVAL_MS,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  /** Records the newest fix; returns it when a report may go out now, otherwise null. */
  offer(fix: Fix, now: number): Fix | null {
    this.latest = fix;
    return this.allowed(now) ? fix : null;
  }

  /** On a timer tick: the last fix again if nothing was sent for a heartbeat interval. */
  heartbeat(now: number): Fix | null {
    if (!this.latest || !this.allowed(now)) return null;
    if (this.lastSentAt !== null && now - this.lastSentAt < this.heartbeatMs) return null;
    return this.latest;
  }

  /** Call when a report is sent; `nextAllowedAt` is the server's answer, if any. */
  sent(now: number, nextAllowedAt?: number): void {
    this.lastSentAt = now;
    this.nextAllowedAt = Math.max(now + this.minIntervalMs, nextAllowedAt ?? 0);
  }

  /** The server refused (e.g. too soon): wait until it says, at least the minimum interval. */
  refused(now: number, nextAllowedAt?: number): void {
    this.nextAllowedAt = Math.max(now + this.minIntervalMs, nextAllowedAt ?? 0);
  }

  private allowed(now: number): boolean {
    return now >= this.nextAllowedAt && (this.lastSentAt === null || now - this.lastSentAt >= this.minIntervalMs);
  }
}
