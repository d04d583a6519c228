import type { PrismaClient } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { TAreaProposeResult } from "@/lib/schemas/matching-assign";
import { AppError } from "@/server/errors";
import { findAreaNeeds, type AreaQuery } from "@/server/modules/matching/assign/area-needs";
import { buildAssignmentProblem } from "@/server/modules/matching/assign/build-problem";
import { loadAssignmentInputs } from "@/server/modules/matching/assign/load-assignment-inputs";
import { dispatchableOrgIds } from "@/server/modules/matching/assign/proposal-access";
import { solveAssignment } from "@/server/modules/matching/assign/solve-assignment";
import { storeProposal } from "@/server/modules/matching/assign/store-proposal";

/**
 * Propose jointly across incidents: every open need staged within the circle and needed within the
 * window, of every running incident the caller dispatches for, solved as one problem — so the only pump
 * in range goes to a life-safety need even when a routine need of another incident is nearer. Same loader,
 * solver and storage as the incident scope; the result replaces the PROPOSED rows of exactly these needs
 * (other needs of the same incidents keep theirs).
 *
 * Access: a caller who dispatches for no incident at all is FORBIDDEN. Otherwise needs of incidents the
 * caller may not dispatch are left out silently (never read, never replaced, never counted) — so the
 * answer does not reveal other organisations' needs; only platform admins solve an area across everyone.
 */
export async function proposeAreaAssignment(
  db: PrismaClient,
  actor: Actor,
  area: AreaQuery,
  opts: { poolSize?: number; timeLimitMs?: number; now?: Date } = {},
): Promise<TAreaProposeResult> {
  const orgIds = dispatchableOrgIds(actor);
  if (orgIds !== null && orgIds.length === 0) {
    throw new AppError("FORBIDDEN", "Only dispatchers and owners of a verified government organisation can propose assignments.");
  }
  const now = opts.now ?? new Date();
  const found = await findAreaNeeds(db, orgIds, area, now);
  const needIds = found.map((n) => n.id);
  const incidents = await db.incident.findMany({
    where: { id: { in: [...new Set(found.map((n) => n.incidentId))] } },
    select: { id: true, orgId: true, title: true, autoDispatch: true },
    orderBy: { id: "asc" },
  });
  const inputs = await loadAssignmentInputs(db, { id: { in: needIds } }, { poolSize: opts.poolSize, now });
  const solution = solveAssignment(buildAssignmentProblem(inputs.items), { timeLimitMs: opts.timeLimitMs });
  const stored = await storeProposal(db, actor, {
    inputs,
    solution,
    incidents,
    replace: { needId: { in: needIds } },
    auditData: { scope: { kind: "area", ...area, incidents: incidents.length, needs: needIds.length } },
  });
  return { incidents: incidents.map((i) => ({ id: i.id, title: i.title, autoDispatch: i.autoDispatch })), ...stored };
}
