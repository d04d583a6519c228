import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TProposeResult } from "@/lib/schemas/matching-assign";
import { buildAssignmentProblem } from "@/server/modules/matching/assign/build-problem";
import { loadAssignmentInputs } from "@/server/modules/matching/assign/load-assignment-inputs";
import { loadIncidentForAssignment } from "@/server/modules/matching/assign/proposal-access";
import { solveAssignment } from "@/server/modules/matching/assign/solve-assignment";
import { storeProposal } from "@/server/modules/matching/assign/store-proposal";
import { phaseTimer } from "@/server/phase-timer";

/**
 * Propose an incident-wide assignment: every OPEN / PARTIALLY_FILLED need of the incident, its eligible
 * scored candidates, one joint lexicographic solve (life-safety first, then least 100 − score), and the
 * result written as PROPOSED rows of one batch — replacing the incident's earlier PROPOSED rows in the
 * same transaction (storeProposal). In auto mode (Incident.autoDispatch) every proposed row is then
 * offered at once (the proposal already covers only the open units). The area variant is
 * propose-area-assignment.ts; both share the loader, solver and storage.
 */
export async function proposeIncidentAssignment(
  db: PrismaClient,
  actor: Actor,
  incidentId: string,
  opts: { poolSize?: number; timeLimitMs?: number; now?: Date } = {},
): Promise<TProposeResult> {
  const timer = phaseTimer(`proposal for incident ${incidentId}`);
  const incident = await loadIncidentForAssignment(db, actor, incidentId, true);
  timer.mark("access");
  const inputs = await loadAssignmentInputs(db, { incidentId }, opts);
  timer.mark(`candidates of ${inputs.needs.length} needs`);
  const solution = solveAssignment(buildAssignmentProblem(inputs.items), { timeLimitMs: opts.timeLimitMs });
  timer.mark("solve");
  const stored = await storeProposal(db, actor, { inputs, solution, incidents: [incident], replace: { need: { incidentId } }, timer });
  timer.done();
  return { incidentId, autoDispatch: incident.autoDispatch, ...stored };
}
