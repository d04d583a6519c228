import { z } from "zod";

/**
 * A knight's own profile and on-duty switch. Messages are keys in the "knight" namespace (`errors.*`).
 * The exact position (lastLat/lastLng) is never part of any knight DTO.
 */
export const KNIGHT_VEHICLES = ["ON_FOOT", "EBIKE", "MOTORCYCLE", "CAR", "VAN"] as const;
export const ZVehicle = z.enum(KNIGHT_VEHICLES, { error: "errors.vehicleInvalid" });

/** Training codes offered in the editor; other codes in the same format are accepted too. */
export const KNOWN_TRAININGS = ["FIRST_AID", "CPR_AED", "FLOOD_SAFETY", "FIRE_SAFETY", "HAZMAT_AWARENESS", "TRAFFIC_CONTROL"] as const;
export const TRAINING_CODE_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
export const TRAININGS_MAX = 20;
export const PAYLOAD_MAX_KG = 2000;

export const ZTrainingInput = z.object({
  code: z
    .string({ error: "errors.trainingCodeInvalid" })
    .trim()
    .toUpperCase()
    .max(40, { error: "errors.trainingCodeInvalid" })
    .regex(TRAINING_CODE_PATTERN, { error: "errors.trainingCodeInvalid" }),
  /** Date the training stops counting; null = does not expire. */
  validUntil: z.coerce.date({ error: "errors.dateInvalid" }).nullable().optional().transform((d) => d ?? null),
});
export type TTrainingInput = z.infer<typeof ZTrainingInput>;

export const ZUpdateKnightProfileInput = z.object({
  vehicle: ZVehicle,
  payloadKg: z.coerce
    .number({ error: "errors.payloadInvalid" })
    .int({ error: "errors.payloadInvalid" })
    .min(0, { error: "errors.payloadInvalid" })
    .max(PAYLOAD_MAX_KG, { error: "errors.payloadInvalid" }),
  deliveryPlatform: z
    .string()
    .trim()
    .max(50, { error: "errors.tooLong" })
    .optional()
    .nullable()
    .transform((v) => (v ? v : null)),
  homeDistrictCode: z.string({ error: "errors.regionInvalid" }).trim().regex(/^\d{6}$/, { error: "errors.regionInvalid" }),
  trainings: z.array(ZTrainingInput).max(TRAININGS_MAX, { error: "errors.tooManyTrainings" }).default([]),
});
export type TUpdateKnightProfileInput = z.infer<typeof ZUpdateKnightProfileInput>;

export const ZSetOnDutyInput = z.object({ onDuty: z.boolean() });
export type TSetOnDutyInput = z.infer<typeof ZSetOnDutyInput>;

export const ZKnightTrainingDto = z.object({
  code: z.string(),
  validUntil: z.date().nullable(),
  expired: z.boolean(),
  /** Expires within the warning window (30 days). */
  expiringSoon: z.boolean(),
});
export type TKnightTrainingDto = z.infer<typeof ZKnightTrainingDto>;

/** Deliberately closed: zod strips anything not listed, so a position can never ride along. */
export const ZKnightProfileDto = z.object({
  id: z.string(),
  name: z.string().nullable(),
  vehicle: ZVehicle,
  payloadKg: z.number().int(),
  deliveryPlatform: z.string().nullable(),
  homeDistrict: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
  onDuty: z.boolean(),
  onDutySince: z.date().nullable(),
  status: z.enum(["ACTIVE", "SUSPENDED"]),
  points: z.number().int(),
  completedCount: z.number().int(),
  trainings: z.array(ZKnightTrainingDto),
  /** True when the knight has trainings and every one of them has expired. */
  allTrainingsExpired: z.boolean(),
  /** Minutes of the current continuous duty stint (0 when off duty). */
  dutyMinutes: z.number().int(),
  /** The configured stint limit (KNIGHT_MAX_DUTY_MINUTES). */
  dutyLimitMinutes: z.number().int(),
  /** On duty longer than the limit: the app prompts to rest (and the knight is taken off duty after a grace period). */
  restDue: z.boolean(),
  /** Off duty after a full stint: going on duty again is refused until this time. */
  restUntil: z.date().nullable(),
});
export type TKnightProfileDto = z.infer<typeof ZKnightProfileDto>;

export const ZOnDutyResult = z.object({
  profile: ZKnightProfileDto,
  /** Message keys in the "knight" namespace, e.g. "warnings.allTrainingsExpired". */
  warnings: z.array(z.string()),
});
export type TOnDutyResult = z.infer<typeof ZOnDutyResult>;
