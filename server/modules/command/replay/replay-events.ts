import type { TReplayEvent, TUnitStage } from "@/lib/schemas/command-replay";
import { UNIT_STAGES } from "@/lib/schemas/command-replay";
import type { KnightTaskStage } from "@/server/generated/prisma/enums";
import { statusForStage } from "@/server/modules/knights/knight-task-stages";

/** One audit row of the incident, as incidentAuditEventsCte returns it. */
export type IncidentAuditRow = {
  seq: bigint;
  at: Date;
  action: string;
  data: unknown;
  needId: string | null;
  assignmentId: string | null;
};

type Data = Record<string, unknown>;
const str = (d: Data, k: string): string | null => (typeof d[k] === "string" ? (d[k] as string) : null);
const int = (d: Data, k: string): number | null => (typeof d[k] === "number" && Number.isInteger(d[k]) ? (d[k] as number) : null);
const stage = (s: string | null): TUnitStage | null => (s && (UNIT_STAGES as readonly string[]).includes(s) ? (s as TUnitStage) : null);

const KNIGHT_STAGES = ["ACCEPTED", "AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED", "COMPLETED"];

/** The unit stage an assignment action leads to (null: not a stage move). */
function unitStage(action: string, d: Data): TUnitStage | null {
  switch (action) {
    case "assignment.propose_next":
    case "assignment.replace":
      return "PROPOSED";
    case "assignment.offer":
      return "OFFERED";
    case "assignment.accept":
    case "knightOffer.accept":
      return "ACCEPTED";
    case "assignment.progress":
      return stage(str(d, "status"));
    case "assignment.decline":
      return "DECLINED";
    case "assignment.expire":
      return "EXPIRED";
    case "assignment.cancel":
    case "assignment.drop":
    case "knightTask.cancel":
    case "knightTask.noShow":
    case "knightTask.withdraw":
      return "CANCELLED";
    case "knightTask.advance": {
      const to = str(d, "to");
      return to && KNIGHT_STAGES.includes(to) ? stage(statusForStage(to as KnightTaskStage)) : null;
    }
    case "knightTask.complete":
      return "COMPLETED";
    default:
      return null;
  }
}

/**
 * Normalises one audit row into a replay event: what it does to the incident, a need, or a unit. Rows with
 * no effect on the state (dispatch waves, photos, check-ins) stay in the list as NOTE, so the replay's
 * event list and the incident timeline show the same events.
 */
export function toReplayEvent(row: IncidentAuditRow): TReplayEvent {
  const d: Data = row.data && typeof row.data === "object" && !Array.isArray(row.data) ? (row.data as Data) : {};
  const base = { seq: row.seq.toString(), at: row.at, action: row.action, needId: row.needId, assignmentId: null as string | null, status: null as string | null, quantity: null as number | null };
  switch (row.action) {
    case "incident.create":
      return { ...base, kind: "INCIDENT_STATUS", status: str(d, "status") };
    case "incident.setStatus":
      return { ...base, kind: "INCIDENT_STATUS", status: str(d, "to") };
    case "need.create":
      return { ...base, kind: "NEED_POSTED", status: str(d, "status"), quantity: int(d, "quantity") };
    case "need.approve":
    case "need.setStatus":
      return { ...base, kind: "NEED_STATUS", status: str(d, "to") };
  }
  // A knight's accepted offer names its assignment in the data; assignment rows are their own entity.
  const assignmentId = row.action === "knightOffer.accept" ? str(d, "assignmentId") : row.assignmentId;
  const to = unitStage(row.action, d);
  if (assignmentId && to) {
    const quantity = row.action === "assignment.accept" ? (int(d, "quantity") ?? 1) : row.action === "knightOffer.accept" ? 1 : null;
    return { ...base, kind: "UNIT_STAGE", assignmentId, status: to, quantity };
  }
  return { ...base, kind: "NOTE" };
}
