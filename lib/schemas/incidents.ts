import { z } from "zod";
import {
  ZLat,
  ZLng,
  ZNeedDto,
  ZNeedPriority,
  ZPaymentMode,
  ZKnightTaskKind,
  ZUnmetReason,
} from "@/lib/schemas/needs";
import { ZResourceCategory } from "@/lib/schemas/catalogue";

/** Incident schemas, shared by the incident pages, tRPC procedures and REST v1. */

export const INCIDENT_KINDS = [
  "TYPHOON", "FLOOD", "GEOLOGICAL", "FOREST_FIRE", "HAZMAT", "DUST_EXPLOSION", "GAS",
  "BUILDING_FIRE", "STRUCTURAL_COLLAPSE", "PUBLIC_HEALTH", "TRAFFIC", "OTHER",
] as const;
export const ZIncidentKind = z.enum(INCIDENT_KINDS).meta({ id: "IncidentKind", example: "FLOOD" });
export type TIncidentKind = z.infer<typeof ZIncidentKind>;

/** National four levels: I 特别重大, II 重大, III 较大, IV 一般. */
export const SEVERITIES = ["I", "II", "III", "IV"] as const;
export const ZSeverity = z.enum(SEVERITIES).meta({ id: "Severity", example: "III" });
export type TSeverity = z.infer<typeof ZSeverity>;

export const INCIDENT_STATUSES = ["DRAFT", "ACTIVE", "CONTAINED", "CLOSED"] as const;
export const ZIncidentStatus = z.enum(INCIDENT_STATUSES).meta({ id: "IncidentStatus", example: "ACTIVE" });
export type TIncidentStatus = z.infer<typeof ZIncidentStatus>;

const ZPosition = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ZRing = z.array(ZPosition).min(4, { error: "A polygon ring needs at least 4 points (closed)." });

/** GeoJSON Polygon / MultiPolygon ([lng, lat] positions) of the affected area. */
export const ZArea = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("Polygon"), coordinates: z.array(ZRing).min(1).max(20) }),
    z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(ZRing).min(1).max(20)).min(1).max(20) }),
  ])
  .meta({ id: "GeoJsonArea", description: "GeoJSON Polygon or MultiPolygon, [lng, lat] positions." });
export type TArea = z.infer<typeof ZArea>;

const ZId = z.string().trim().min(1).max(64);
const ZRegionCode = z.string().trim().regex(/^\d{6}$/, { error: "Region code must be 6 digits (GB/T 2260)." });

const incidentFields = {
  title: z.string().trim().min(2, { error: "Title must be 2–120 characters." }).max(120, { error: "Title must be 2–120 characters." }),
  kind: ZIncidentKind,
  severity: ZSeverity,
  lat: ZLat,
  lng: ZLng,
  address: z.string().trim().min(2, { error: "Enter the address." }).max(200),
  regionCode: ZRegionCode,
  area: ZArea.nullish(),
  description: z.string().trim().max(5000).optional(),
};

/** Overrides for one template item (items left out of `templateItems` are not posted). */
export const ZTemplateItemInput = z.object({
  typeCode: z.string().trim().min(1).max(64),
  quantity: z.number().int({ error: "Quantity must be a whole number." }).min(1, { error: "Quantity must be at least 1." }).max(1_000_000).optional(),
  title: z.string().trim().min(2).max(120).optional(),
  priority: ZNeedPriority.optional(),
  paymentMode: ZPaymentMode.optional(),
  maxDistanceKm: z.number().int().min(1).max(2000).optional(),
  neededBy: z.coerce.date().optional(),
});
export type TTemplateItemInput = z.infer<typeof ZTemplateItemInput>;

export const ZCreateIncidentInput = z.object({
  ...incidentFields,
  status: z.enum(["DRAFT", "ACTIVE"]).default("ACTIVE"),
  /** Which of the caller's government organisations owns it; optional when the caller has exactly one. */
  orgId: ZId.optional(),
  templateCode: z.string().trim().min(1).max(64).optional(),
  templateItems: z.array(ZTemplateItemInput).max(50).optional(),
});
export type TCreateIncidentInput = z.infer<typeof ZCreateIncidentInput>;
export type TCreateIncidentFormInput = z.input<typeof ZCreateIncidentInput>;

export const ZCreateIncidentResult = z.object({ id: z.string(), needIds: z.array(z.string()) });
export type TCreateIncidentResult = z.infer<typeof ZCreateIncidentResult>;

export const ZUpdateIncidentInput = z.object({
  id: ZId,
  /** From the DTO; when given, a concurrent change makes this a CONFLICT instead of overwriting it. */
  version: z.number().int().optional(),
  title: incidentFields.title.optional(),
  kind: ZIncidentKind.optional(),
  severity: ZSeverity.optional(),
  lat: ZLat.optional(),
  lng: ZLng.optional(),
  address: incidentFields.address.optional(),
  regionCode: ZRegionCode.optional(),
  area: ZArea.nullish(),
  description: incidentFields.description,
  commanderId: ZId.nullish(),
});
export type TUpdateIncidentInput = z.infer<typeof ZUpdateIncidentInput>;

export const ZSetIncidentStatusInput = z.object({
  id: ZId,
  status: ZIncidentStatus,
  /** Closing with open needs: the reason recorded on each of them. */
  unmetReason: ZUnmetReason.optional(),
  unmetNote: z.string().trim().min(1).max(500).optional(),
});
export type TSetIncidentStatusInput = z.infer<typeof ZSetIncidentStatusInput>;

export const ZIncidentIdInput = z.object({ id: ZId });
export type TIncidentIdInput = z.infer<typeof ZIncidentIdInput>;

export const ZListIncidentsInput = z
  .object({
    status: ZIncidentStatus.optional(),
    kind: ZIncidentKind.optional(),
    severity: ZSeverity.optional(),
    /** A province/city code also matches everything inside it. */
    regionCode: ZRegionCode.optional(),
    cursor: ZId.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .default({ limit: 20 });
export type TListIncidentsInput = z.infer<typeof ZListIncidentsInput>;

const ZPlaceName = z.object({ zh: z.string(), en: z.string() });
const ZFill = z.object({
  requested: z.number().int(),
  committed: z.number().int().meta({ description: "Accepted so far (committed + en route + on scene + released)." }),
  onScene: z.number().int(),
});

export const ZIncidentListItem = z.object({
  id: z.string(),
  title: z.string(),
  kind: ZIncidentKind,
  severity: ZSeverity,
  status: ZIncidentStatus,
  regionCode: z.string(),
  regionName: ZPlaceName,
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  startedAt: z.date(),
  needsOpen: z.number().int(),
  needsTotal: z.number().int(),
  fill: ZFill,
});
export type TIncidentListItem = z.infer<typeof ZIncidentListItem>;

export const ZIncidentList = z.object({ items: z.array(ZIncidentListItem), nextCursor: z.string().nullable() });
export type TIncidentList = z.infer<typeof ZIncidentList>;

export const ZIncidentDetail = ZIncidentListItem.extend({
  orgId: z.string(),
  description: z.string(),
  area: ZArea.nullable(),
  commander: z.object({ id: z.string(), name: z.string() }).nullable(),
  organizations: z.array(z.object({ id: z.string(), name: z.string(), nameEn: z.string().nullable(), role: z.string() })),
  closedAt: z.date().nullable(),
  version: z.number().int(),
  /** Whether the caller may change it (member of the owning organisation). */
  canEdit: z.boolean(),
  /** Whether the caller may approve its pending needs (dispatcher/owner of the owning organisation). */
  canApprove: z.boolean(),
});
export type TIncidentDetail = z.infer<typeof ZIncidentDetail>;

/** Facts picked from an audit row's data for the timeline sentence: codes, counts, a decline reason. No positions, no contacts. */
export const ZTimelineDetails = z
  .object({
    status: z.string(),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    unmetReason: z.string(),
    title: z.string(),
    quantity: z.number(),
    unit: z.string(),
    slots: z.number(),
    points: z.number(),
    silentMinutes: z.number(),
    rows: z.number(),
    on: z.boolean(),
    set: z.boolean(),
  })
  .partial();
export type TTimelineDetails = z.infer<typeof ZTimelineDetails>;

/**
 * One event of the incident's story, from the audit chain: the incident's own rows and those of its needs,
 * their resource assignments (offers and progress) and knight tasks. Names are given in both forms where
 * the data has them; a knight is named only for people who dispatch the incident (else knightName is null).
 */
export const ZTimelineEntry = z.object({
  at: z.date(),
  action: z.string().meta({ example: "assignment.accept" }),
  actorName: z.string().nullable(),
  /** Short language-neutral summary (kept for API clients); the page renders its own sentence. */
  summary: z.string(),
  entityType: z.enum(["Incident", "Need", "Assignment", "Offer"]),
  entityId: z.string(),
  needId: z.string().nullable(),
  needTitle: z.string().nullable(),
  taskKind: ZKnightTaskKind.nullable(),
  resourceTitle: z.string().nullable(),
  resourceTitleEn: z.string().nullable(),
  supplierName: z.string().nullable(),
  supplierNameEn: z.string().nullable(),
  /** True for knight-task events (offers accepted by and tasks of knights). */
  knight: z.boolean(),
  knightName: z.string().nullable(),
  details: ZTimelineDetails,
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

/** How many timeline events the incident page shows (the newest); older ones are noted as left out. */
export const TIMELINE_LIMIT = 200;

export const ZGetIncidentResult = z
  .object({
    incident: ZIncidentDetail,
    needs: z.array(ZNeedDto),
    timeline: z.array(ZTimelineEntry),
    /** True when the incident has more than TIMELINE_LIMIT events: only the newest are in `timeline`. */
    timelineTruncated: z.boolean(),
  })
  .meta({ id: "IncidentWithNeeds" });
export type TGetIncidentResult = z.infer<typeof ZGetIncidentResult>;

export const ZIncidentSummary = z.object({ id: z.string(), status: ZIncidentStatus, version: z.number().int() });
export type TIncidentSummary = z.infer<typeof ZIncidentSummary>;

// ── Need templates (pre-scripted bundles per incident kind) ──
export const ZNeedTemplatesInput = z.object({ kind: ZIncidentKind.optional() }).default({});
export type TNeedTemplatesInput = z.infer<typeof ZNeedTemplatesInput>;

export const ZNeedTemplateItem = z.object({
  typeCode: z.string(),
  typeId: z.string(),
  category: ZResourceCategory,
  titleZh: z.string(),
  titleEn: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  priority: ZNeedPriority,
  durationMinutes: z.number().int(),
  requiredCapabilities: z.record(z.string(), z.number()),
});
export type TNeedTemplateItem = z.infer<typeof ZNeedTemplateItem>;

export const ZNeedTemplate = z.object({
  code: z.string(),
  incidentKind: ZIncidentKind,
  nameZh: z.string(),
  nameEn: z.string(),
  items: z.array(ZNeedTemplateItem),
});
export type TNeedTemplate = z.infer<typeof ZNeedTemplate>;
export const ZNeedTemplateList = z.array(ZNeedTemplate);
