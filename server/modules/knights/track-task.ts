import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { isLiveStatus, isTaskDispatcher, loadDispatchedTask } from "@/server/modules/knights/knight-task-access";
import type { TSetDeliveryCodeInput, TTaskTrack } from "@/lib/schemas/knight-tasks";

/**
 * The dispatcher's live view of a knight task: the ONE read that returns a knight's exact position, and
 * only to the task's dispatchers (admins, members of the incident's organisation) while the task is
 * live. Once it ends (completed, cancelled, no-show) the position is FORBIDDEN like for anyone else.
 */
export async function trackKnightTask(db: Db, actor: Actor, input: { assignmentId: string }, now = new Date()): Promise<TTaskTrack> {
  const task = await loadDispatchedTask(db, actor, input.assignmentId);
  if (!isLiveStatus(task.status)) throw new AppError("FORBIDDEN", "This task has ended; the knight's position is no longer shared.");
  const k = await db.knightProfile.findUniqueOrThrow({
    where: { id: task.knightId },
    select: { lastLat: true, lastLng: true, lastPositionAt: true, user: { select: { name: true } } },
  });
  const a = await db.assignment.findUniqueOrThrow({ where: { id: task.id }, select: { checkInAlertedAt: true } });
  const lastSign = task.lastCheckInAt ?? task.acceptedAt;
  return {
    assignmentId: task.id,
    needId: task.needId,
    stage: task.stage,
    status: task.status,
    knightName: k.user.name,
    position: k.lastLat !== null && k.lastLng !== null && k.lastPositionAt ? { lat: k.lastLat, lng: k.lastLng, at: k.lastPositionAt } : null,
    lastCheckInAt: task.lastCheckInAt,
    silentMinutes: lastSign ? Math.max(0, Math.floor((now.getTime() - lastSign.getTime()) / 60_000)) : 0,
    checkInAlerted: a.checkInAlertedAt !== null,
  };
}

/**
 * Sets (or clears) the delivery code of a knight need. Members of the incident's organisation only (an
 * admin is not the recipient's side). The code is never sent to knights.
 */
export async function setNeedDeliveryCode(db: Db, actor: Actor, input: TSetDeliveryCodeInput): Promise<{ needId: string; hasCode: boolean }> {
  const need = await db.need.findUnique({ where: { id: input.needId }, select: { id: true, category: true, incident: { select: { orgId: true } } } });
  const member = need && actor.memberships.some((m) => m.orgId === need.incident.orgId && m.orgKind === "GOVERNMENT");
  if (!need || !(member || isTaskDispatcher(actor, { requesterOrgId: need.incident.orgId }))) throw new AppError("NOT_FOUND", "This need does not exist.");
  if (!member) throw new AppError("FORBIDDEN", "Only the requesting organisation sets the delivery code.");
  if (need.category !== "KNIGHT") throw new AppError("BAD_REQUEST", "Delivery codes are for knight tasks.", { needId: ["errors.notKnightNeed"] });
  return inTransaction(db, async (tx) => {
    await tx.need.update({ where: { id: need.id }, data: { deliveryCode: input.code ? input.code.toUpperCase() : null }, select: { id: true } });
    await recordAudit(tx, { actorId: actor.userId, orgId: need.incident.orgId, action: "need.setDeliveryCode", entityType: "Need", entityId: need.id, data: { set: Boolean(input.code) } });
    return { needId: need.id, hasCode: Boolean(input.code) };
  });
}
