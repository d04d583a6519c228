import { z } from "zod";
import { ZResourceCategory } from "@/lib/schemas/catalogue";
import { KNIGHT_VEHICLES, TRAINING_CODE_PATTERN } from "@/lib/schemas/knight-profile";

/**
 * Need schemas, shared by the need forms, tRPC procedures and REST v1. Base checks (ranges, lengths, the
 * China bounding box, known units) live here; checks that need the database (capability keys against the
 * chosen type, needed-by against the clock) are in server/modules/needs/validate-need.ts and come back as
 * field errors on the same paths.
 */

export const NEED_STATUSES = ["DRAFT", "PENDING_APPROVAL", "OPEN", "PARTIALLY_FILLED", "FILLED", "CLOSED", "CANCELLED"] as const;
export const ZNeedStatus = z.enum(NEED_STATUSES).meta({ id: "NeedStatus", example: "OPEN" });
export type TNeedStatus = z.infer<typeof ZNeedStatus>;

export const NEED_PRIORITIES = ["LIFE_SAFETY", "URGENT", "ROUTINE"] as const;
export const ZNeedPriority = z.enum(NEED_PRIORITIES).meta({ id: "NeedPriority", example: "URGENT" });
export type TNeedPriority = z.infer<typeof ZNeedPriority>;

export const PAYMENT_MODES = ["PUBLIC_GOOD", "PAID", "REIMBURSABLE"] as const;
export const ZPaymentMode = z.enum(PAYMENT_MODES).meta({ id: "PaymentMode", example: "PUBLIC_GOOD" });
export type TPaymentMode = z.infer<typeof ZPaymentMode>;

export const UNMET_REASONS = ["NO_SUPPLIER_IN_RANGE", "ALL_BUSY", "DECLINED", "TOO_LATE", "CANCELLED_BY_REQUESTER", "OTHER"] as const;
export const ZUnmetReason = z.enum(UNMET_REASONS).meta({ id: "UnmetReason", example: "NO_SUPPLIER_IN_RANGE" });
export type TUnmetReason = z.infer<typeof ZUnmetReason>;

/** Units a need may be counted in (the catalogue's default units plus common measures). */
export const NEED_UNITS = [
  "person", "team", "vehicle", "unit", "boat", "set", "bag", "tent", "piece", "case", "kit", "box",
  "L", "m3", "t", "kg", "m", "service", "rider", "hour",
] as const;

/** China's bounding box (WGS-84): staging points outside it are rejected. */
export const CHINA_BBOX = { minLat: 3.8, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 } as const;

export const ZLat = z
  .number({ error: "Latitude must be a number." })
  .min(CHINA_BBOX.minLat, { error: "The point must be inside China (latitude 3.8–53.6)." })
  .max(CHINA_BBOX.maxLat, { error: "The point must be inside China (latitude 3.8–53.6)." });
export const ZLng = z
  .number({ error: "Longitude must be a number." })
  .min(CHINA_BBOX.minLng, { error: "The point must be inside China (longitude 73.5–135.1)." })
  .max(CHINA_BBOX.maxLng, { error: "The point must be inside China (longitude 73.5–135.1)." });

const ZId = z.string().trim().min(1).max(64);

export const KNIGHT_TASK_KINDS = ["DELIVERY", "ERRAND", "RECON"] as const;
export const ZKnightTaskKind = z.enum(KNIGHT_TASK_KINDS).meta({ id: "KnightTaskKind", example: "DELIVERY" });
export type TKnightTaskKind = z.infer<typeof ZKnightTaskKind>;
export const ZTaskVehicle = z.enum(KNIGHT_VEHICLES).meta({ id: "Vehicle", example: "EBIKE" });
/** A knight task's headcount K is counted in this unit. */
export const KNIGHT_UNIT = "rider";
export const KNIGHT_HEADCOUNT_MAX = 100;

/**
 * Knight-task fields (category KNIGHT only; checked against the category in validate-need.ts). The staging
 * point is the drop-off (or the point to go to); neededBy is the deadline; quantity is the headcount K.
 */
export const knightTaskFields = {
  taskKind: ZKnightTaskKind.optional(),
  pickupLat: ZLat.optional(),
  pickupLng: ZLng.optional(),
  pickupAddress: z.string().trim().min(2, { error: "Enter the pickup address." }).max(200).optional(),
  cargoKg: z.number({ error: "Cargo weight must be a number." }).min(0, { error: "Cargo weight must be 0–2000 kg." }).max(2000, { error: "Cargo weight must be 0–2000 kg." }).optional(),
  cargoVolumeL: z.number({ error: "Cargo volume must be a number." }).min(0, { error: "Cargo volume must be 0–5000 L." }).max(5000, { error: "Cargo volume must be 0–5000 L." }).optional(),
  requiredVehicle: z.array(ZTaskVehicle).max(5).optional().meta({ description: "Acceptable vehicles; empty = any." }),
  requiredTrainings: z
    .array(z.string().trim().toUpperCase().max(40).regex(TRAINING_CODE_PATTERN, { error: "Training codes look like FIRST_AID." }))
    .max(10)
    .optional(),
  rewardPoints: z.number().int({ error: "Reward points must be a whole number." }).min(0).max(10_000, { error: "Reward points must be 0–10000." }).optional(),
};

const needFields = {
  title: z.string().trim().min(2, { error: "Title must be 2–120 characters." }).max(120, { error: "Title must be 2–120 characters." }),
  requiredCapabilities: z
    .record(z.string().min(1).max(64), z.number({ error: "Each minimum must be a number." }).finite())
    .default({})
    .meta({ description: "Capability minimums { metricKey: minimum } (keys are metrics of the chosen type).", example: { flow_m3h: 500 } }),
  quantity: z
    .number({ error: "Quantity must be a whole number." })
    .int({ error: "Quantity must be a whole number." })
    .min(1, { error: "Quantity must be at least 1." })
    .max(1_000_000, { error: "Quantity is too large." }),
  unit: z.string().trim().min(1, { error: "Choose a unit." }).max(16).meta({ example: "unit" }),
  stagingLat: ZLat,
  stagingLng: ZLng,
  stagingAddress: z.string().trim().min(2, { error: "Enter the staging address." }).max(200),
  neededBy: z.coerce.date({ error: "Enter a valid date and time." }).meta({ description: "ISO 8601 timestamp; must not be in the past." }),
  durationMinutes: z
    .number({ error: "Duration must be a whole number of minutes." })
    .int({ error: "Duration must be a whole number of minutes." })
    .min(1, { error: "Duration must be 1–43200 minutes." })
    .max(43_200, { error: "Duration must be 1–43200 minutes." }),
  priority: ZNeedPriority.default("URGENT"),
  paymentMode: ZPaymentMode.default("PUBLIC_GOOD"),
  maxDistanceKm: z
    .number({ error: "Maximum distance must be a whole number of km." })
    .int({ error: "Maximum distance must be a whole number of km." })
    .min(1, { error: "Maximum distance must be 1–2000 km." })
    .max(2000, { error: "Maximum distance must be 1–2000 km." }),
  notes: z.string().trim().max(2000).nullish().meta({ description: "Private to the requesting organisation." }),
};

export const ZCreateNeedInput = z.object({
  incidentId: ZId,
  /** A catalogue type; or, when none fits, a category plus free text. */
  typeId: ZId.optional(),
  category: ZResourceCategory.optional(),
  freeText: z.string().trim().min(2).max(200).optional(),
  ...needFields,
  ...knightTaskFields,
  /** DRAFT keeps the need unpublished; OPEN (default) publishes it (or sends it for approval). */
  status: z.enum(["DRAFT", "OPEN"]).default("OPEN"),
});
export type TCreateNeedInput = z.infer<typeof ZCreateNeedInput>;
export type TCreateNeedFormInput = z.input<typeof ZCreateNeedInput>;

export const ZUpdateNeedInput = z.object({
  id: ZId,
  version: z.number().int().min(1),
  title: needFields.title.optional(),
  requiredCapabilities: z.record(z.string().min(1).max(64), z.number().finite()).optional(),
  quantity: needFields.quantity.optional(),
  unit: needFields.unit.optional(),
  stagingLat: ZLat.optional(),
  stagingLng: ZLng.optional(),
  stagingAddress: needFields.stagingAddress.optional(),
  neededBy: needFields.neededBy.optional(),
  durationMinutes: needFields.durationMinutes.optional(),
  priority: ZNeedPriority.optional(),
  paymentMode: ZPaymentMode.optional(),
  maxDistanceKm: needFields.maxDistanceKm.optional(),
  notes: needFields.notes,
  ...knightTaskFields,
});
export type TUpdateNeedInput = z.infer<typeof ZUpdateNeedInput>;

export const ZSetNeedStatusInput = z.object({
  id: ZId,
  status: ZNeedStatus,
  unmetReason: ZUnmetReason.optional(),
  unmetNote: z.string().trim().min(1).max(500).optional(),
});
export type TSetNeedStatusInput = z.infer<typeof ZSetNeedStatusInput>;

export const ZNeedIdInput = z.object({ id: ZId });
export type TNeedIdInput = z.infer<typeof ZNeedIdInput>;

export const ZNeedDto = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    typeId: z.string().nullable(),
    type: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
    category: ZResourceCategory,
    freeText: z.string().nullable(),
    title: z.string(),
    requiredCapabilities: z.record(z.string(), z.number()),
    quantity: z.number().int(),
    unit: z.string(),
    stagingLat: z.number(),
    stagingLng: z.number(),
    stagingAddress: z.string(),
    neededBy: z.date(),
    durationMinutes: z.number().int(),
    priority: ZNeedPriority,
    paymentMode: ZPaymentMode,
    maxDistanceKm: z.number().int(),
    notes: z.string().nullable(),
    status: ZNeedStatus,
    requested: z.number().int(),
    committed: z.number().int().meta({ description: "Accepted, not yet moving." }),
    enRoute: z.number().int(),
    onScene: z.number().int(),
    released: z.number().int().meta({ description: "Served and released (counts as fulfilled)." }),
    fillPct: z.number().int().min(0).max(100).meta({ description: "(committed+enRoute+onScene+released)/requested, %." }),
    unmetReason: ZUnmetReason.nullable(),
    unmetNote: z.string().nullable(),
    taskKind: ZKnightTaskKind.nullable(),
    pickupLat: z.number().nullable(),
    pickupLng: z.number().nullable(),
    pickupAddress: z.string().nullable(),
    cargoKg: z.number().nullable(),
    cargoVolumeL: z.number().nullable(),
    requiredVehicle: z.array(ZTaskVehicle),
    requiredTrainings: z.array(z.string()),
    rewardPoints: z.number().int().nullable(),
    approvedAt: z.date().nullable(),
    version: z.number().int(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Need", description: "A need as its requesting organisation sees it." });
export type TNeedDto = z.infer<typeof ZNeedDto>;
