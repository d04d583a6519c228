import { createTransport } from "nodemailer";
import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { env } from "@/lib/env";
import { enqueueJob } from "@/server/jobs/queue";
import { publishLive } from "@/server/modules/live/publish-live";
import { liveTopics } from "@/server/modules/live/live-topics";
import type { NotificationKind } from "@/lib/schemas/notifications";

export const NOTIFICATION_EMAIL_QUEUE = "notification.email";

/** The prefix operators grep for when SMTP is not configured. */
export const NOTIFICATION_LOG_PREFIX = "[muster] notification";

/**
 * In-app notifications: one row per user (inside the caller's transaction, so they commit with the change),
 * and a `notification.new` live event on each user's topic in the same transaction, so open apps update
 * at once. The live event carries only the id and kind; the app reads the row through notification.list.
 * With SMTP_URL set, an email job is queued in the same transaction (sent by the worker, retried on
 * failure); without it, one log line.
 */
export async function notify(db: Db, userIds: string[], kind: NotificationKind, payload: Record<string, unknown>): Promise<number> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  const rows = await db.notification.createManyAndReturn({
    data: unique.map((userId) => ({ userId, kind, payload: payload as Prisma.InputJsonValue })),
    select: { id: true, userId: true },
  });
  await publishLive(db, rows.map((r) => ({ topic: liveTopics.user(r.userId), kind: "notification.new", data: { notificationId: r.id, kind } })));
  if (env.SMTP_URL) await enqueueJob(db, { queue: NOTIFICATION_EMAIL_QUEUE, payload: { userIds: unique, kind, payload } });
  else console.info(`${NOTIFICATION_LOG_PREFIX} ${kind} → ${unique.length} user(s) (in-app; no SMTP_URL, no email)`);
  return rows.length;
}

const SUBJECTS: Record<NotificationKind, string> = {
  "offer.received": "Muster：新的调派邀约 / New offer",
  "offer.accepted": "Muster：邀约已接受 / Offer accepted",
  "offer.declined": "Muster：邀约被拒绝 / Offer declined",
  "offer.cancelled": "Muster：邀约已取消 / Offer cancelled",
  "assignment.progress": "Muster：任务进度更新 / Assignment progress",
  "knight.restDue": "Muster：请休息 / Time for a rest",
  "knight.autoOffDuty": "Muster：已自动下线 / Taken off duty",
  "knight.checkInMissed": "Muster：骑士无响应 / Knight silent on a task",
  "knight.taskCompleted": "Muster：任务已完成 / Task completed",
  "knight.taskCancelled": "Muster：任务已取消 / Task cancelled",
  "need.unmet": "Muster：需求暂无可用资源 / Need unmet",
  "need.volunteered": "Muster：供应方主动请缨 / A supplier offered to help",
  "dispatch.unmet": "Muster：骑士调度未满足 / Knight dispatch unmet",
  "hazard.alert": "Muster：危险区域警报 / Hazard zone alert",
  "claim.filed": "Muster：收到补偿申请 / Compensation claim filed",
  "claim.lineDecided": "Muster：补偿项目已审核 / Claim line decided",
  "claim.paid": "Muster：补偿已支付 / Compensation paid",
  "order.excessRefunded": "Muster：多付款项已退回 / Overpayment refunded",
};

/** The `notification.email` job: mails the users (nodemailer, SMTP_URL); throws on failure so the queue retries. */
export async function sendNotificationEmail(db: Db, job: { userIds: string[]; kind: string; payload: Record<string, unknown> }): Promise<void> {
  if (!env.SMTP_URL) return;
  const users = await db.user.findMany({ where: { id: { in: job.userIds }, disabledAt: null }, select: { email: true } });
  const to = users.map((u) => u.email).filter((e): e is string => Boolean(e));
  if (to.length === 0) return;
  const subject = SUBJECTS[job.kind as NotificationKind] ?? `Muster: ${job.kind}`;
  const text = `${subject}\n\n${Object.entries(job.payload).map(([k, v]) => `${k}: ${String(v)}`).join("\n")}`;
  const result = await createTransport(env.SMTP_URL).sendMail({ to, from: env.EMAIL_FROM, subject, text });
  const failed = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean);
  if (failed.length) throw new Error(`Notification email could not be sent to ${failed.map(String).join(", ")}`);
}
