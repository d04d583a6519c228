import type { Db, PrismaClient } from "@/server/db";
import { env } from "@/lib/env";
import { cancelJob, enqueueJob } from "@/server/jobs/queue";
import { inTransaction } from "@/server/modules/accounts/transaction";
import { recordAudit } from "@/server/modules/audit/record-audit";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import { notify } from "@/server/modules/notifications/notify";
import { findLiveTaskOf } from "@/server/modules/knights/knight-task-access";

/**
 * Duty-hours limit timer, one keyed job per knight (`duty-limit:<knightId>`), armed when a stint starts:
 * at stint start + KNIGHT_MAX_DUTY_MINUTES it prompts the knight to rest (notification + live
 * `duty.restDue`); KNIGHT_DUTY_GRACE_MINUTES later, if the knight is still on duty, it takes them off duty
 * (`duty.autoOff`) — unless they are on a live task, then it looks again later so a delivery is never cut
 * short. The payload names the stint, so a timer left from an earlier stint does nothing.
 */
export const DUTY_LIMIT_QUEUE = "knight.dutyLimit";
export const dutyLimitJobKey = (knightId: string) => `duty-limit:${knightId}`;

const MINUTE = 60_000;
/** While the knight is on a live task, the auto-off step looks again this often. */
const TASK_RECHECK_MINUTES = 10;

type Phase = "prompt" | "autoOff";
export type DutyLimitPayload = { knightId: string; stintStartedAt: string; phase: Phase };

export async function armDutyLimit(tx: Db, knightId: string, stintStartedAt: Date): Promise<void> {
  await enqueueJob(tx, {
    queue: DUTY_LIMIT_QUEUE,
    key: dutyLimitJobKey(knightId),
    runAt: new Date(stintStartedAt.getTime() + env.KNIGHT_MAX_DUTY_MINUTES * MINUTE),
    payload: { knightId, stintStartedAt: stintStartedAt.toISOString(), phase: "prompt" } satisfies DutyLimitPayload,
  });
}

export async function disarmDutyLimit(tx: Db, knightId: string): Promise<void> {
  await cancelJob(tx, dutyLimitJobKey(knightId));
}

export type DutyLimitOutcome = "stale" | "prompted" | "waitingForTask" | "tookOffDuty";

export async function runDutyLimitJob(db: PrismaClient, payload: DutyLimitPayload, now = new Date()): Promise<DutyLimitOutcome> {
  const k = await db.knightProfile.findUnique({ where: { id: payload.knightId }, select: { id: true, userId: true, onDuty: true, dutyStintStartedAt: true } });
  if (!k || !k.onDuty || k.dutyStintStartedAt?.toISOString() !== payload.stintStartedAt) return "stale";
  const dutyMinutes = Math.floor((now.getTime() - k.dutyStintStartedAt.getTime()) / MINUTE);
  const key = dutyLimitJobKey(k.id);

  return inTransaction(db, async (tx) => {
    if (payload.phase === "prompt") {
      const autoOffAt = new Date(now.getTime() + env.KNIGHT_DUTY_GRACE_MINUTES * MINUTE);
      const data = { dutyMinutes, limitMinutes: env.KNIGHT_MAX_DUTY_MINUTES, autoOffAt: autoOffAt.toISOString() };
      await notify(tx, [k.userId], "knight.restDue", data);
      await publishLive(tx, [{ topic: liveTopics.knight(k.id), kind: "duty.restDue", data }]);
      await enqueueJob(tx, { queue: DUTY_LIMIT_QUEUE, key, runAt: autoOffAt, payload: { ...payload, phase: "autoOff" } satisfies DutyLimitPayload });
      return "prompted";
    }
    if (await findLiveTaskOf(tx, k.id)) {
      await enqueueJob(tx, { queue: DUTY_LIMIT_QUEUE, key, runAt: new Date(now.getTime() + TASK_RECHECK_MINUTES * MINUTE), payload: { ...payload } });
      return "waitingForTask";
    }
    const { count } = await tx.knightProfile.updateMany({
      where: { id: k.id, onDuty: true, dutyStintStartedAt: k.dutyStintStartedAt },
      data: { onDuty: false, onDutySince: null, offDutyAt: now },
    });
    if (count === 0) return "stale";
    await recordAudit(tx, { actorId: null, action: "knight.autoOffDuty", entityType: "KnightProfile", entityId: k.id, data: { dutyMinutes } });
    await notify(tx, [k.userId], "knight.autoOffDuty", { dutyMinutes, restMinutes: env.KNIGHT_REST_MINUTES });
    await publishLive(tx, [{ topic: liveTopics.knight(k.id), kind: "duty.autoOff", data: { dutyMinutes, restMinutes: env.KNIGHT_REST_MINUTES } }]);
    return "tookOffDuty";
  });
}
