import type { TReplayEvent, TUnitStage } from "@/lib/schemas/command-replay";
// need-state.ts is pure (no server-only imports), so the replay component can run this in the browser.
import { BUCKET_OF_STAGE, fillStatus, type Buckets } from "@/server/modules/needs/need-state";

export type ReplayNeedState = { status: string; quantity: number } & Buckets;
export type ReplayUnitState = { needId: string | null; stage: TUnitStage; quantity: number };
export type ReplayState = {
  incidentStatus: string | null;
  needs: Record<string, ReplayNeedState>;
  units: Record<string, ReplayUnitState>;
  /** Events applied (those at or before T). */
  applied: number;
};

const AUTO = new Set(["OPEN", "PARTIALLY_FILLED", "FILLED"]);

/**
 * The incident's state at time T, rebuilt from its replay events alone (pure): the incident's status, each
 * posted need's status and quantities by stage, and each unit's stage. Events are applied in chain order up
 * to and including T. A need's OPEN / PARTIALLY_FILLED / FILLED follows from its units, as in the database.
 */
export function stateAt(events: readonly TReplayEvent[], t: Date): ReplayState {
  const s: ReplayState = { incidentStatus: null, needs: {}, units: {}, applied: 0 };
  const at = t.getTime();
  for (const e of events) {
    if (e.at.getTime() > at) break;
    s.applied++;
    if (e.kind === "INCIDENT_STATUS" && e.status) s.incidentStatus = e.status;
    else if (e.kind === "NEED_POSTED" && e.needId) {
      s.needs[e.needId] = { status: e.status ?? "OPEN", quantity: e.quantity ?? 0, committed: 0, enRoute: 0, onScene: 0, released: 0 };
    } else if (e.kind === "NEED_STATUS" && e.needId && s.needs[e.needId] && e.status) s.needs[e.needId]!.status = e.status;
    else if (e.kind === "UNIT_STAGE" && e.assignmentId && e.status) {
      const prev = s.units[e.assignmentId];
      s.units[e.assignmentId] = { needId: e.needId ?? prev?.needId ?? null, stage: e.status as TUnitStage, quantity: e.quantity ?? prev?.quantity ?? 1 };
    }
  }
  for (const n of Object.values(s.needs)) Object.assign(n, { committed: 0, enRoute: 0, onScene: 0, released: 0 });
  for (const u of Object.values(s.units)) {
    const bucket = BUCKET_OF_STAGE[u.stage];
    const need = u.needId ? s.needs[u.needId] : undefined;
    if (bucket && need) need[bucket] += u.quantity;
  }
  for (const n of Object.values(s.needs)) if (AUTO.has(n.status)) n.status = fillStatus(n.quantity, n);
  return s;
}

/** The time span of a replay: first to last event (both null when there are none). */
export function replaySpan(events: readonly TReplayEvent[]): { start: Date | null; end: Date | null } {
  return { start: events[0]?.at ?? null, end: events[events.length - 1]?.at ?? null };
}
