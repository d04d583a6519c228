import { z } from "zod";
import { ZTaskPhotoDto } from "@/lib/schemas/task-photos";

/**
 * Knight tasks on duty: positions, stages, check-ins, tracking, points and standing. Messages are keys
 * in the "knightDuty" namespace (`errors.*`). Output schemas are closed objects (zod strips unknown
 * keys), so nothing outside the listed fields — in particular no knight position — can ride along.
 */

export const ZReportPositionInput = z.object({
  lat: z.number({ error: "errors.positionInvalid" }).min(-90, { error: "errors.positionInvalid" }).max(90, { error: "errors.positionInvalid" }),
  lng: z.number({ error: "errors.positionInvalid" }).min(-180, { error: "errors.positionInvalid" }).max(180, { error: "errors.positionInvalid" }),
  /** Browser geolocation accuracy radius in metres. */
  accuracyM: z.number().min(0).max(100_000).optional(),
});
export type TReportPositionInput = z.infer<typeof ZReportPositionInput>;

export const ZReportPositionResult = z.object({
  stored: z.boolean(),
  /** THROTTLED: sent sooner than the interval after the last stored one; INACCURATE: accuracy worse than 1 km. */
  reason: z.enum(["THROTTLED", "INACCURATE"]).nullable(),
  /** Earliest time the next position will be stored. */
  nextAllowedAt: z.date(),
  /** The coarse (~500 m) cell others may see. */
  publicCell: z.string().nullable(),
  /** The live task this position was shared with (its dispatchers see it), or null. */
  trackedAssignmentId: z.string().nullable(),
});
export type TReportPositionResult = z.infer<typeof ZReportPositionResult>;

export const KNIGHT_TASK_STAGES = ["ACCEPTED", "AT_PICKUP", "PICKED_UP", "AT_DROPOFF", "DELIVERED", "COMPLETED"] as const;
export const ZKnightTaskStage = z.enum(KNIGHT_TASK_STAGES, { error: "errors.stageInvalid" });
export type TKnightTaskStage = z.infer<typeof ZKnightTaskStage>;

/** The timestamp each stage sets (a column of the assignment, and a key of the task's `stageTimes`). */
export const STAGE_TIME_FIELD = {
  ACCEPTED: "acceptedAt",
  AT_PICKUP: "atPickupAt",
  PICKED_UP: "pickedUpAt",
  AT_DROPOFF: "atDropoffAt",
  DELIVERED: "deliveredAt",
  COMPLETED: "completedAt",
} as const satisfies Record<TKnightTaskStage, string>;

export const ZAssignmentIdInput = z.object({ assignmentId: z.string().min(1).max(64) });
export type TAssignmentIdInput = z.infer<typeof ZAssignmentIdInput>;

export const ZAdvanceKnightTaskInput = z.object({
  assignmentId: z.string().min(1).max(64),
  /** Only the next stage is accepted (forward one step). COMPLETED is the dispatcher's (or a matching code's). */
  to: ZKnightTaskStage,
  /** Delivery code given by the recipient at the drop-off (DELIVERED). */
  proofCode: z.string().trim().max(32, { error: "errors.proofCodeInvalid" }).optional().transform((v) => (v ? v : undefined)),
  /** Delivery note; required as the report text for RECON tasks at DELIVERED. */
  note: z.string().trim().max(2000, { error: "errors.noteTooLong" }).optional().transform((v) => (v ? v : undefined)),
});
export type TAdvanceKnightTaskInput = z.infer<typeof ZAdvanceKnightTaskInput>;

export const ZSetDeliveryCodeInput = z.object({
  needId: z.string().min(1).max(64),
  /** 4–12 letters/digits; null removes the code (delivery then needs the dispatcher's confirmation). */
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{4,12}$/, { error: "errors.deliveryCodeInvalid" })
    .nullable(),
});
export type TSetDeliveryCodeInput = z.infer<typeof ZSetDeliveryCodeInput>;

export const ZTaskStageResult = z.object({
  assignmentId: z.string(),
  needId: z.string(),
  stage: ZKnightTaskStage,
  status: z.string(),
  /** Points awarded when this step completed the task, else null. */
  pointsAwarded: z.number().int().nullable(),
});
export type TTaskStageResult = z.infer<typeof ZTaskStageResult>;

export const ZCheckInResult = z.object({ assignmentId: z.string(), checkedInAt: z.date(), nextDueAt: z.date() });
export type TCheckInResult = z.infer<typeof ZCheckInResult>;

const ZPlace = z.object({ lat: z.number(), lng: z.number(), address: z.string() });

export const TASK_END_REASONS = ["CANCELLED", "NO_SHOW", "WITHDRAWN_BY_KNIGHT", "NEED_CANCELLED", "NEED_CLOSED"] as const;
export const ZTaskEndReason = z.enum(TASK_END_REASONS);
export type TTaskEndReason = z.infer<typeof ZTaskEndReason>;

export const ZKnightTaskCard = z.object({
  assignmentId: z.string(),
  needId: z.string(),
  title: z.string(),
  taskKind: z.enum(["DELIVERY", "ERRAND", "RECON"]),
  priority: z.enum(["LIFE_SAFETY", "URGENT", "ROUTINE"]),
  stage: ZKnightTaskStage,
  status: z.string(),
  live: z.boolean(),
  dropoffAddress: z.string(),
  pickupAddress: z.string().nullable(),
  neededBy: z.date(),
  deadline: z.date(),
  rewardPoints: z.number().int().nullable(),
  pointsEarned: z.number().int().nullable(),
  acceptedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  /** Why a cancelled task ended (null otherwise): the dispatcher, a no-show, the knight, or the need's end. */
  endReason: ZTaskEndReason.nullable(),
});
export type TKnightTaskCard = z.infer<typeof ZKnightTaskCard>;

export const ZMyTasksResult = z.object({ live: z.array(ZKnightTaskCard), history: z.array(ZKnightTaskCard) });
export type TMyTasksResult = z.infer<typeof ZMyTasksResult>;

export const ZMyTasksInput = z.object({ historyLimit: z.number().int().min(1).max(100).default(20) }).default({ historyLimit: 20 });

/** One task for its knight: need locations (public to the assignee, not private) for the map and navigation. */
export const ZKnightTaskDetail = ZKnightTaskCard.extend({
  incidentTitle: z.string(),
  dropoff: ZPlace,
  pickup: ZPlace.nullable(),
  cargoKg: z.number().nullable(),
  requiredTrainings: z.array(z.string()),
  /** Stages this knight may move to now (empty when waiting for the dispatcher, or ended). */
  nextStages: z.array(ZKnightTaskStage),
  /** Whether a delivery code is expected at the drop-off (the code itself is never sent to the knight). */
  deliveryCodeRequired: z.boolean(),
  /** RECON: a report — text and/or photos — is required at DELIVERED. */
  reportRequired: z.boolean(),
  proofNote: z.string().nullable(),
  /** Photos of this task (recon report, proof of delivery); the images are read from taskPhotoUrl(id). */
  photos: z.array(ZTaskPhotoDto),
  /** May the knight add photos now (at the site or delivered, while live) / remove them (before reporting)? */
  canAddPhotos: z.boolean(),
  canRemovePhotos: z.boolean(),
  stageTimes: z.object({
    acceptedAt: z.date().nullable(),
    atPickupAt: z.date().nullable(),
    pickedUpAt: z.date().nullable(),
    atDropoffAt: z.date().nullable(),
    deliveredAt: z.date().nullable(),
    completedAt: z.date().nullable(),
  }),
  lastCheckInAt: z.date().nullable(),
  /** When the safety alert fires if the knight stays silent (null once the task ended). */
  checkInDueAt: z.date().nullable(),
});
export type TKnightTaskDetail = z.infer<typeof ZKnightTaskDetail>;

/** Dispatcher's live view of a task: the one place an exact knight position is returned. */
export const ZTaskTrack = z.object({
  assignmentId: z.string(),
  needId: z.string(),
  stage: ZKnightTaskStage,
  status: z.string(),
  knightName: z.string().nullable(),
  position: z.object({ lat: z.number(), lng: z.number(), at: z.date() }).nullable(),
  lastCheckInAt: z.date().nullable(),
  silentMinutes: z.number().int(),
  checkInAlerted: z.boolean(),
});
export type TTaskTrack = z.infer<typeof ZTaskTrack>;

export const LEADERBOARD_PERIODS = ["WEEK", "MONTH", "ALL"] as const;
export const ZLeaderboardInput = z.object({
  districtCode: z.string().regex(/^\d{6}$/, { error: "errors.regionInvalid" }).optional(),
  period: z.enum(LEADERBOARD_PERIODS).default("WEEK"),
  limit: z.number().int().min(1).max(100).default(20),
});
export type TLeaderboardInput = z.input<typeof ZLeaderboardInput>;

export const ZLeaderboardEntry = z.object({
  rank: z.number().int(),
  /** Masked for everyone but the caller (surname + "**"). */
  displayName: z.string(),
  points: z.number().int(),
  isMe: z.boolean(),
});
export const ZLeaderboard = z.object({
  districtCode: z.string(),
  period: z.enum(LEADERBOARD_PERIODS),
  entries: z.array(ZLeaderboardEntry),
});
export type TLeaderboard = z.infer<typeof ZLeaderboard>;

export const ZKnightRecord = z.object({
  completed: z.number().int(),
  noShows: z.number().int(),
  completionRate: z.number().nullable(),
  noShowRate: z.number().nullable(),
  reliability: z.number(),
});
export type TKnightRecordDto = z.infer<typeof ZKnightRecord>;

export const ZMyStanding = z.object({
  points: z.number().int(),
  weekPoints: z.number().int(),
  /** Rank by all-time points among knights of the home district (1 = best). */
  districtRank: z.number().int(),
  districtSize: z.number().int(),
  districtCode: z.string(),
  badges: z.array(z.string()),
  record: ZKnightRecord,
});
export type TMyStanding = z.infer<typeof ZMyStanding>;

/** A platform rider's task (REST v1): the card plus where to go, for the platform's own rider app. */
export const ZPlatformRiderTask = ZKnightTaskCard.extend({ dropoff: ZPlace, pickup: ZPlace.nullable(), updatedAt: z.date() });
export const ZPlatformRiderTasks = z.object({
  externalRiderId: z.string(),
  live: z.array(ZPlatformRiderTask),
  /** Ended tasks, newest change first: a cancelled task shows here with its endReason, so the rider can stop. */
  recent: z.array(ZPlatformRiderTask),
});
export type TPlatformRiderTasks = z.infer<typeof ZPlatformRiderTasks>;
