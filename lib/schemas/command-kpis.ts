import { z } from "zod";
import { ZNeedPriority, ZUnmetReason } from "@/lib/schemas/needs";
import { ZResourceCategory } from "@/lib/schemas/catalogue";

/** Command-centre KPI schemas, shared by the KPI panel, the tRPC procedure and REST v1. */

/** The longest range one request may ask for (a year): the aggregations stay bounded. */
export const KPI_MAX_RANGE_DAYS = 366;
/** Instants the "knights on duty" series is sampled at. */
export const KPI_DUTY_BUCKETS = 12;
/** Needs listed in the fill funnel (the totals row covers all of them). */
export const KPI_FUNNEL_LIMIT = 50;

export const KPI_RANGE_PRESETS = ["24h", "7d", "30d", "365d"] as const;
export type TKpiRangePreset = (typeof KPI_RANGE_PRESETS)[number];
export const KPI_PRESET_HOURS: Record<TKpiRangePreset, number> = { "24h": 24, "7d": 168, "30d": 720, "365d": 8760 };

export const ZRegionCode = z.string().regex(/^\d{6}$/, { error: "errors.regionInvalid" }).meta({ example: "320100" });

export const ZCommandKpisInput = z
  .object({
    regionCode: ZRegionCode,
    /** Start of the range (inclusive). */
    from: z.coerce.date({ error: "errors.dateInvalid" }),
    /** End of the range (exclusive). */
    to: z.coerce.date({ error: "errors.dateInvalid" }),
  })
  .refine((v) => v.from.getTime() < v.to.getTime(), { error: "errors.rangeOrder", path: ["to"] })
  .refine((v) => v.to.getTime() - v.from.getTime() <= KPI_MAX_RANGE_DAYS * 86_400_000, { error: "errors.rangeTooLong", path: ["from"] });
export type TCommandKpisInput = z.infer<typeof ZCommandKpisInput>;

export const ZOpenNeedsByPriority = z.object({
  priority: ZNeedPriority,
  /** Needs posted in the range (published: not DRAFT or PENDING_APPROVAL). */
  posted: z.number().int(),
  /** Of those, still OPEN or PARTIALLY_FILLED. */
  open: z.number().int(),
  /** Units asked for by the posted needs that were not cancelled. */
  quantity: z.number().int(),
  /** Units filled (committed + en route + on scene + released) of those needs. */
  filled: z.number().int(),
  /** filled / quantity, 0–1; null when nothing was asked. */
  fillRate: z.number().nullable(),
});

export const ZFunnelRow = z.object({
  needId: z.string().nullable(),
  title: z.string(),
  priority: ZNeedPriority.nullable(),
  needed: z.number().int(),
  /** Cumulative: units that reached at least this stage. */
  committed: z.number().int(),
  enRoute: z.number().int(),
  onScene: z.number().int(),
  released: z.number().int(),
});

export const RESPONSE_SEGMENTS = ["POSTED_TO_FIRST_OFFER", "FIRST_OFFER_TO_COMMITTED", "TURNOUT", "TRAVEL", "ON_SCENE"] as const;
export const ZResponseSegment = z.enum(RESPONSE_SEGMENTS);
export type TResponseSegment = z.infer<typeof ZResponseSegment>;
export const ZSegmentStats = z.object({
  segment: ZResponseSegment,
  /** Intervals measured. */
  n: z.number().int(),
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});

export const ZUnmetRow = z.object({
  typeCode: z.string().nullable(),
  typeNameZh: z.string(),
  typeNameEn: z.string(),
  reason: ZUnmetReason,
  needs: z.number().int(),
  /** Units asked for and never filled. */
  unitsShort: z.number().int(),
});

export const ZSupplierResponses = z.object({
  offered: z.number().int(),
  accepted: z.number().int(),
  declined: z.number().int(),
  expired: z.number().int(),
  /** Still waiting for an answer, or withdrawn before one. */
  unanswered: z.number().int(),
  /** accepted / answered-or-expired; null when none. */
  acceptanceRate: z.number().nullable(),
  declineRate: z.number().nullable(),
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});

export const ZDutyPoint = z.object({
  districtCode: z.string(),
  districtNameZh: z.string(),
  districtNameEn: z.string(),
  /** The instant sampled (the end of each twelfth of the range; the last is the range's end). */
  at: z.date(),
  /** Knights on duty at that instant; null = 1 or 2 ("<3": nobody can be singled out). */
  count: z.number().int().nullable(),
});

export const ZCommittedByCategory = z.object({
  category: ZResourceCategory,
  /** Assignments accepted in the range, and the units they carry. */
  assignments: z.number().int(),
  units: z.number().int(),
  /** Of those, still committed, en route or on scene now. */
  liveUnits: z.number().int(),
});

export const ZCommandKpis = z
  .object({
    regionCode: z.string(),
    from: z.date(),
    to: z.date(),
    openNeeds: z.array(ZOpenNeedsByPriority),
    funnel: z.object({ total: ZFunnelRow, needs: z.array(ZFunnelRow), truncated: z.boolean() }),
    responseTimes: z.array(ZSegmentStats),
    unmetDemand: z.array(ZUnmetRow),
    supplierResponses: ZSupplierResponses,
    knightsOnDuty: z.object({ bucketSeconds: z.number().int(), points: z.array(ZDutyPoint) }),
    committedByCategory: z.array(ZCommittedByCategory),
  })
  .meta({ id: "CommandKpis" });
export type TCommandKpis = z.infer<typeof ZCommandKpis>;
