import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import type { AssignmentStatus, KnightTaskKind, KnightTaskStage, NeedPriority } from "@/server/generated/prisma/enums";
import { AppError } from "@/server/errors";

/** Assignment statuses of a knight task that is still running (accepted, not yet completed or ended). */
export const LIVE_TASK_STATUSES = ["ACCEPTED", "MOBILIZED", "EN_ROUTE", "ON_SCENE"] as const satisfies readonly AssignmentStatus[];

export function isLiveStatus(status: AssignmentStatus): boolean {
  return (LIVE_TASK_STATUSES as readonly string[]).includes(status);
}

/** The facts of one knight task the stage, check-in and tracking rules need. */
export type KnightTaskContext = {
  id: string;
  needId: string;
  incidentId: string;
  requesterOrgId: string;
  knightId: string;
  knightUserId: string;
  status: AssignmentStatus;
  /** NULL in the row reads as ACCEPTED (the accept step may not set it). */
  stage: KnightTaskStage;
  quantity: number;
  taskKind: KnightTaskKind;
  priority: NeedPriority;
  acceptedAt: Date | null;
  lastCheckInAt: Date | null;
};

export async function loadKnightTask(db: Db, assignmentId: string): Promise<KnightTaskContext | null> {
  const a = await db.assignment.findUnique({
    where: { id: assignmentId },
    select: {
      id: true, needId: true, knightId: true, status: true, taskStage: true, quantity: true, acceptedAt: true, lastCheckInAt: true,
      knight: { select: { userId: true } },
      need: { select: { incidentId: true, taskKind: true, priority: true, incident: { select: { orgId: true } } } },
    },
  });
  if (!a || !a.knightId || !a.knight) return null;
  return {
    id: a.id, needId: a.needId, incidentId: a.need.incidentId, requesterOrgId: a.need.incident.orgId, knightId: a.knightId,
    knightUserId: a.knight.userId, status: a.status, stage: a.taskStage ?? "ACCEPTED", quantity: a.quantity,
    taskKind: a.need.taskKind ?? "DELIVERY", priority: a.need.priority, acceptedAt: a.acceptedAt, lastCheckInAt: a.lastCheckInAt,
  };
}

const NOT_FOUND = () => new AppError("NOT_FOUND", "This task does not exist or is not yours.");

/** The task, if the caller is the knight it is assigned to; others get NOT_FOUND (ids are not confirmed). */
export async function loadOwnTask(db: Db, actor: Actor, assignmentId: string): Promise<KnightTaskContext> {
  const task = await loadKnightTask(db, assignmentId);
  if (!task || task.knightUserId !== actor.userId) throw NOT_FOUND();
  return task;
}

/**
 * Dispatchers of a knight task: platform admins and members of the incident's requesting organisation
 * (an API key only for its own organisation). Knights, suppliers and other organisations are not.
 */
export function isTaskDispatcher(actor: Actor, task: Pick<KnightTaskContext, "requesterOrgId">): boolean {
  if (actor.apiKey) return actor.apiKey.orgId === task.requesterOrgId;
  if (actor.roles.includes("ADMIN")) return true;
  return actor.memberships.some((m) => m.orgId === task.requesterOrgId && m.orgKind === "GOVERNMENT");
}

/** The task for one of its dispatchers; anyone else is FORBIDDEN. */
export async function loadDispatchedTask(db: Db, actor: Actor, assignmentId: string): Promise<KnightTaskContext> {
  const task = await loadKnightTask(db, assignmentId);
  if (!task) throw new AppError("NOT_FOUND", "This knight task does not exist.");
  if (!isTaskDispatcher(actor, task)) throw new AppError("FORBIDDEN", "Only the dispatchers of this task may do this.");
  return task;
}

/** The knight's live task (at most one at a time in practice: the knight exclusion constraint). */
export async function findLiveTaskOf(db: Db, knightId: string): Promise<{ id: string; needId: string; incidentId: string } | null> {
  const a = await db.assignment.findFirst({
    where: { knightId, status: { in: [...LIVE_TASK_STATUSES] } },
    orderBy: { acceptedAt: "desc" },
    select: { id: true, needId: true, need: { select: { incidentId: true } } },
  });
  return a ? { id: a.id, needId: a.needId, incidentId: a.need.incidentId } : null;
}

/** Users who hear about a task on the demand side: the requesting organisation's members and platform admins. */
export async function taskDispatcherUserIds(db: Db, requesterOrgId: string): Promise<string[]> {
  // Sequential: `db` may be an interactive transaction (one connection).
  const members = await db.membership.findMany({ where: { orgId: requesterOrgId }, select: { userId: true } });
  const admins = await db.user.findMany({ where: { platformRole: "ADMIN", disabledAt: null }, select: { id: true } });
  return [...new Set([...members.map((m) => m.userId), ...admins.map((a) => a.id)])];
}
