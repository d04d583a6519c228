import { AppError } from "@/server/errors";
import type { TIncidentStatus } from "@/lib/schemas/incidents";

/**
 * Incident lifecycle: DRAFT → ACTIVE → CONTAINED → CLOSED; CONTAINED → ACTIVE when it flares up again;
 * ACTIVE → CLOSED directly; DRAFT → CLOSED discards a draft. CLOSED is final.
 */
export const INCIDENT_TRANSITIONS: Record<TIncidentStatus, readonly TIncidentStatus[]> = {
  DRAFT: ["ACTIVE", "CLOSED"],
  ACTIVE: ["CONTAINED", "CLOSED"],
  CONTAINED: ["ACTIVE", "CLOSED"],
  CLOSED: [],
};

export function canTransitionIncident(from: TIncidentStatus, to: TIncidentStatus): boolean {
  return INCIDENT_TRANSITIONS[from].includes(to);
}

export function assertIncidentTransition(from: TIncidentStatus, to: TIncidentStatus): void {
  if (from === to) throw new AppError("CONFLICT", `The incident is already ${to}.`);
  if (from === "CLOSED") throw new AppError("CONFLICT", "This incident is closed; closed incidents cannot change.");
  if (!canTransitionIncident(from, to)) {
    throw new AppError("BAD_REQUEST", `An incident cannot go from ${from} to ${to}.`, { status: [`Not allowed from ${from}.`] });
  }
}
