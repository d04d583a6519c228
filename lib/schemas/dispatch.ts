import { z } from "zod";
import { CHINA_BBOX, ZKnightTaskKind, ZLat, ZLng, ZNeedStatus, ZTaskVehicle } from "@/lib/schemas/needs";
import { TRAINING_CODE_PATTERN } from "@/lib/schemas/knight-profile";
import { ZTaskPhotoDto } from "@/lib/schemas/task-photos";

/**
 * Knight dispatch: procedures of the dispatcher (start, board, cancel, no-show, hazard zones), of the knight
 * (offers: list, accept, decline; withdraw from a task) and REST v1 for delivery platforms. No DTO here
 * has a field for a knight's exact position or an exact distance, except the dispatcher board's
 * `position` of knights on that need's live accepted tasks.
 */

const ZId = z.string().trim().min(1).max(64);

export const ZDispatchNeedInput = z.object({ needId: ZId });
export type TDispatchNeedInput = z.infer<typeof ZDispatchNeedInput>;

export const ZKnightOfferIdInput = z.object({ offerId: ZId });
export const ZDeclineKnightOfferInput = z.object({ offerId: ZId, reason: z.string().trim().max(500).optional() });
export type TDeclineKnightOfferInput = z.infer<typeof ZDeclineKnightOfferInput>;

export const ZKnightTaskActionInput = z.object({ assignmentId: ZId, reason: z.string().trim().max(500).optional() });
export type TKnightTaskActionInput = z.infer<typeof ZKnightTaskActionInput>;

export const ZDistanceBand = z.string().meta({ description: "A coarse distance band such as \"1–3 km\"; never an exact distance." });

/** The `dispatch.updated` live event and what start/cancel return. */
export const ZDispatchStatus = z
  .object({
    needId: z.string(),
    wave: z.number().int(),
    radiusKm: z.number().nullable(),
    slots: z.number().int(),
    accepted: z.number().int(),
    pendingOffers: z.number().int(),
    status: ZNeedStatus,
    unmet: z.boolean(),
  })
  .meta({ id: "DispatchStatus" });
export type TDispatchStatus = z.infer<typeof ZDispatchStatus>;

export const OFFER_STATUSES = ["PENDING", "ACCEPTED", "DECLINED", "EXPIRED", "WITHDRAWN"] as const;
export const ZKnightOfferStatus = z.enum(OFFER_STATUSES).meta({ id: "KnightOfferStatus" });

const ZTaskPoint = z.object({ lat: z.number(), lng: z.number(), address: z.string() });

/** An offer as the knight (or their delivery platform) sees it: bands and task points, nothing about others. */
export const ZKnightOfferDto = z
  .object({
    offerId: z.string(),
    needId: z.string(),
    incidentId: z.string(),
    incidentTitle: z.string(),
    title: z.string(),
    taskKind: ZKnightTaskKind.nullable(),
    status: ZKnightOfferStatus,
    wave: z.number().int(),
    distanceBand: ZDistanceBand,
    rewardPoints: z.number().int().nullable(),
    expiresAt: z.date(),
    deadline: z.date(),
    durationMinutes: z.number().int(),
    pickup: ZTaskPoint.nullable(),
    dropoff: ZTaskPoint,
    cargoKg: z.number().nullable(),
    cargoVolumeL: z.number().nullable(),
    requiredTrainings: z.array(z.string()),
    headcount: z.number().int(),
  })
  .meta({ id: "KnightOffer" });
export type TKnightOfferDto = z.infer<typeof ZKnightOfferDto>;
export const ZKnightOfferList = z.array(ZKnightOfferDto);

export const ZKnightOfferResult = z
  .object({ offerId: z.string(), needId: z.string(), status: ZKnightOfferStatus, assignmentId: z.string().nullable(), slotIndex: z.number().int().nullable() })
  .meta({ id: "KnightOfferResult" });
export type TKnightOfferResult = z.infer<typeof ZKnightOfferResult>;

export const ZKnightTaskResult = z.object({ assignmentId: z.string(), needId: z.string(), status: z.string(), dispatch: ZDispatchStatus });
export type TKnightTaskResult = z.infer<typeof ZKnightTaskResult>;

const ZCount = z.number().int();
export const ZDispatchBoard = z.object({
  needId: z.string(),
  incidentId: z.string(),
  title: z.string(),
  taskKind: ZKnightTaskKind.nullable(),
  status: ZNeedStatus,
  slots: ZCount,
  unmetReason: z.string().nullable(),
  unmetNote: z.string().nullable(),
  running: z.boolean(),
  current: z.object({ wave: ZCount, radiusKm: z.number(), endsAt: z.date() }).nullable(),
  waves: z.array(
    z.object({
      wave: ZCount, radiusKm: z.number(), startedAt: z.date(), endsAt: z.date(), closedAt: z.date().nullable(), closeReason: z.string().nullable(),
      sent: ZCount, pending: ZCount, accepted: ZCount, declined: ZCount, expired: ZCount, withdrawn: ZCount,
    }),
  ),
  offers: z.record(ZKnightOfferStatus, ZCount),
  bands: z.array(z.object({ band: z.string(), offers: ZCount })),
  accepted: z.array(
    z.object({
      assignmentId: z.string(),
      knightId: z.string(),
      name: z.string().nullable(),
      vehicle: ZTaskVehicle,
      publicCell: z.string().nullable(),
      status: z.string(),
      slotIndex: z.number().int().nullable(),
      acceptedAt: z.date().nullable(),
      completionRate: z.number().nullable(),
      noShowCount: ZCount,
      /** Exact last position: only for knights on this need's live accepted tasks (the caller dispatches it). */
      position: z.object({ lat: z.number(), lng: z.number(), at: z.date().nullable() }).nullable(),
      /** The knight's report text (recon) or delivery note, once delivered. */
      report: z.string().nullable(),
      /** Photos the knight reported on this task (images at taskPhotoUrl(id)); no bytes, no position. */
      photos: z.array(ZTaskPhotoDto),
    }),
  ),
});
export type TDispatchBoard = z.infer<typeof ZDispatchBoard>;

// ─── Hazard zones ───────────────────────────────────────────────────────────────────────────────
const ZPosition = z.tuple([z.number().finite(), z.number().finite()]).refine(
  ([lng, lat]) => lat >= CHINA_BBOX.minLat && lat <= CHINA_BBOX.maxLat && lng >= CHINA_BBOX.minLng && lng <= CHINA_BBOX.maxLng,
  { error: "Every point must be inside China ([lng, lat] order)." },
);
const ZRing = z
  .array(ZPosition)
  .min(4, { error: "A ring needs at least 3 points plus the closing point." })
  .max(2000, { error: "Too many points in one ring." })
  .refine((r) => r.length < 2 || (r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1]), { error: "Close the ring: the last point must equal the first." })
  .refine((r) => new Set(r.slice(0, -1).map((p) => `${p[0]},${p[1]}`)).size >= 3, { error: "A ring needs at least 3 distinct points." });
const ZPolygonRings = z.array(ZRing).min(1).max(20);

export const ZHazardGeometry = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("Polygon"), coordinates: ZPolygonRings }),
    z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(ZPolygonRings).min(1).max(20) }),
  ])
  .meta({ id: "HazardGeometry", description: "GeoJSON Polygon or MultiPolygon, positions [lng, lat], closed rings; holes allowed." });
export type THazardGeometry = z.infer<typeof ZHazardGeometry>;

export const ZSeverity = z.enum(["I", "II", "III", "IV"]);

export const ZCreateHazardZoneInput = z.object({
  /** null/absent = a global zone (applies to every incident). Global zones are for platform admins. */
  incidentId: ZId.nullish(),
  name: z.string().trim().min(2, { error: "Name must be 2–80 characters." }).max(80, { error: "Name must be 2–80 characters." }),
  polygon: ZHazardGeometry,
  severity: ZSeverity,
  /** Knights holding this training (valid) may still be sent in; null = nobody is. */
  requiredTraining: z.string().trim().toUpperCase().max(40).regex(TRAINING_CODE_PATTERN, { error: "Training codes look like HAZMAT_AWARENESS." }).nullish(),
});
export type TCreateHazardZoneInput = z.infer<typeof ZCreateHazardZoneInput>;

/** Redraw a zone's outline (e.g. widen it as a leak spreads); a wider zone alerts whoever it newly covers. */
export const ZUpdateHazardZoneInput = z.object({ id: ZId, polygon: ZHazardGeometry });
export type TUpdateHazardZoneInput = z.infer<typeof ZUpdateHazardZoneInput>;

export const ZListHazardZonesInput = z.object({ incidentId: ZId.nullish(), includeInactive: z.boolean().default(false) });
export type TListHazardZonesInput = z.infer<typeof ZListHazardZonesInput>;
export const ZHazardZoneIdInput = z.object({ id: ZId });

export const ZHazardZoneDto = z.object({
  id: z.string(),
  incidentId: z.string().nullable(),
  name: z.string(),
  polygon: ZHazardGeometry,
  severity: ZSeverity,
  requiredTraining: z.string().nullable(),
  active: z.boolean(),
  bbox: z.object({ minLat: z.number(), minLng: z.number(), maxLat: z.number(), maxLng: z.number() }),
  createdAt: z.date(),
});
export type THazardZoneDto = z.infer<typeof ZHazardZoneDto>;

// ─── REST v1 for delivery platforms ─────────────────────────────────────────────────────────────
const ZExternalRiderId = z.string().trim().min(1).max(64).meta({ description: "The platform's own rider id." });

export const ZRiderDutyInput = z
  .object({ externalRiderId: ZExternalRiderId, onDuty: z.boolean(), lat: ZLat.optional(), lng: ZLng.optional() })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { error: "Send both lat and lng, or neither.", path: ["lat"] })
  .refine((v) => !v.onDuty || v.lat !== undefined, { error: "Going on duty needs the rider's position.", path: ["lat"] });
export type TRiderDutyInput = z.infer<typeof ZRiderDutyInput>;

export const ZRiderDutyResult = z
  .object({ externalRiderId: z.string(), onDuty: z.boolean(), publicCell: z.string().nullable(), positionAt: z.date().nullable() })
  .meta({ id: "RiderDuty" });
export type TRiderDutyResult = z.infer<typeof ZRiderDutyResult>;

export const ZRiderInput = z.object({ externalRiderId: ZExternalRiderId });
export const ZPlatformOfferInput = z.object({ offerId: ZId });
export const ZPlatformDeclineInput = z.object({ offerId: ZId, reason: z.string().trim().max(500).optional() });
