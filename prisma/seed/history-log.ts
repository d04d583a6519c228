import type { LiveEventInput } from "@/server/modules/live/publish-live";

/** What the seeded history consists of (history.ts builds it, insert-history.ts writes it). */
export type AuditDraft = {
  at: Date;
  actorId: string | null;
  orgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  data: Record<string, unknown>;
};
export type LiveDraft = LiveEventInput & { at: Date };

export interface History {
  audits: AuditDraft[];
  live: LiveDraft[];
}

/** Collects events; sorted by time at the end, ties kept in the order they were logged (cause before effect). */
export class HistoryLog {
  private audits: (AuditDraft & { ord: number })[] = [];
  private live: (LiveDraft & { ord: number })[] = [];
  private ord = 0;

  constructor(private readonly liveSince: Date, private readonly now: Date) {}

  audit(at: Date, a: Omit<AuditDraft, "at">): void {
    this.audits.push({ ...a, at, ord: this.ord++ });
  }

  /** Live events of a live incident, only when inside the retention window. */
  publish(at: Date, events: LiveEventInput[], liveIncident: boolean): void {
    if (!liveIncident || at < this.liveSince || at > this.now) return;
    for (const e of events) this.live.push({ ...e, at, ord: this.ord++ });
  }

  result(): History {
    const order = <T extends { at: Date; ord: number }>(xs: T[]) => [...xs].sort((x, y) => x.at.getTime() - y.at.getTime() || x.ord - y.ord);
    return {
      audits: order(this.audits).map(({ ord: _o, ...a }) => a),
      live: order(this.live).map(({ ord: _o, ...e }) => e),
    };
  }
}

