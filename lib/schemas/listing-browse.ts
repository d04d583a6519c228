import { z } from "zod";
import { ZQueryBoolean, ZResourceCategory } from "@/lib/schemas/catalogue";
import { ZOrgKind, ZVerificationStatus } from "@/lib/schemas/org";

/**
 * Browsing listings (Resource rows offered to others): search, map clusters, detail, organisation page.
 * Shared by the browse page (URL ⇄ filters), tRPC procedures and REST v1 (GET /listings, /listings/{id}).
 * `bbox` and `near` are compact strings so the same value travels in a page URL and a REST query string.
 */

const num = String.raw`-?\d+(?:\.\d+)?`;
const BBOX_RE = new RegExp(`^${num},${num},${num},${num}$`);
const POINT_RE = new RegExp(`^${num},${num}$`);

export type TBbox = { minLat: number; minLng: number; maxLat: number; maxLng: number };
export type TPoint = { lat: number; lng: number };

export function parseBbox(s: string): TBbox | null {
  if (!BBOX_RE.test(s)) return null;
  const [minLat, minLng, maxLat, maxLng] = s.split(",").map(Number);
  const ok = minLat >= -90 && maxLat <= 90 && minLng >= -180 && maxLng <= 180 && minLat <= maxLat && minLng <= maxLng;
  return ok ? { minLat, minLng, maxLat, maxLng } : null;
}

export function parsePoint(s: string): TPoint | null {
  if (!POINT_RE.test(s)) return null;
  const [lat, lng] = s.split(",").map(Number);
  return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180 ? { lat, lng } : null;
}

export const ZBboxString = z
  .string()
  .trim()
  .refine((s) => parseBbox(s) !== null, { error: "errors.badBbox" })
  .meta({ description: "minLat,minLng,maxLat,maxLng (WGS-84 degrees).", example: "31.9,118.6,32.2,119.0" });

export const ZPointString = z
  .string()
  .trim()
  .refine((s) => parsePoint(s) !== null, { error: "errors.badPoint" })
  .meta({ description: "lat,lng — sort by distance from this point (nearest first).", example: "32.06,118.79" });

export const PRICING_MODES = ["FREE", "HOURLY", "DAILY", "PER_USE", "PER_KM"] as const;
export const ZPricingMode = z.enum(PRICING_MODES).meta({ id: "PricingMode", example: "DAILY" });

/** A number that also arrives as a query-string value (REST). */
const ZQueryInt = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v), z.number().int().min(min).max(max));

/** Filters shared by search and clusters. */
export const ZBrowseFilters = z.object({
  category: ZResourceCategory.optional(),
  typeId: z.string().trim().min(1).max(64).optional(),
  typeCode: z.string().trim().min(1).max(64).optional().meta({ example: "EQ-PUMP-1" }),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, { error: "errors.badRegion" })
    .optional()
    .meta({ description: "GB/T 2260 code; a city or province includes its districts.", example: "320100" }),
  availableNow: ZQueryBoolean.optional().meta({
    description: "Only AVAILABLE listings, not blacked out now and inside a weekly window now (Asia/Shanghai) if they have any.",
  }),
  pricingMode: ZPricingMode.optional(),
  verifiedOnly: ZQueryBoolean.optional().meta({
    description: "Default true. false additionally shows the caller's own organisations' listings before verification.",
  }),
  q: z.string().trim().min(1).max(100).optional().meta({ description: "Text in the title.", example: "排水" }),
  bbox: ZBboxString.optional(),
});
export type TBrowseFilters = z.infer<typeof ZBrowseFilters>;

export const ZBrowseSearchInput = ZBrowseFilters.extend({
  near: ZPointString.optional(),
  cursor: z.string().trim().max(64).optional().meta({ description: "nextCursor from the previous page." }),
  limit: ZQueryInt(1, 100).optional().meta({ description: "1–100, default 20.", example: 20 }),
});
export type TBrowseSearchInput = z.infer<typeof ZBrowseSearchInput>;

export const ZListingCard = z
  .object({
    id: z.string(),
    title: z.string(),
    titleEn: z.string().nullable(),
    category: ZResourceCategory,
    type: z.object({ id: z.string(), code: z.string(), nameZh: z.string(), nameEn: z.string(), typeLevel: z.number().int() }),
    status: z.enum(["AVAILABLE", "OUT_OF_SERVICE"]),
    quantityAvailable: z.number().int(),
    unit: z.string(),
    lat: z.number(),
    lng: z.number(),
    region: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
    owner: z.object({
      kind: z.enum(["ORG", "INDIVIDUAL"]),
      orgId: z.string().nullable(),
      name: z.string(),
      /** The organisation's English name, when it has one (null for an individual). */
      nameEn: z.string().nullable(),
      verified: z.boolean(),
    }),
    pricingMode: ZPricingMode,
    priceCents: z.number().int(),
    currency: z.string(),
    mobilizationMinutes: z.number().int(),
    /** Great-circle metres from `near`, when given. */
    distanceM: z.number().nullable(),
  })
  .meta({ id: "ListingCard", description: "A listing as shown in browse results." });
export type TListingCard = z.infer<typeof ZListingCard>;

export const ZBrowsePage = z
  .object({ items: z.array(ZListingCard), nextCursor: z.string().nullable() })
  .meta({ id: "ListingPage" });
export type TBrowsePage = z.infer<typeof ZBrowsePage>;

export const ZClustersInput = ZBrowseFilters.extend({
  bbox: ZBboxString,
  zoom: ZQueryInt(0, 22),
});
export type TClustersInput = z.infer<typeof ZClustersInput>;

export const ZMapCluster = z.object({
  count: z.number().int(),
  lat: z.number(),
  lng: z.number(),
  /** Bounds of the points in the cluster (a click zooms to them). */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  /** Set when the cluster is a single listing. */
  listing: z.object({ id: z.string(), title: z.string(), titleEn: z.string().nullable() }).nullable(),
});
export type TMapCluster = z.infer<typeof ZMapCluster>;

export const ZClustersResult = z.object({
  clusters: z.array(ZMapCluster),
  total: z.number().int(),
  cellDeg: z.number(),
});
export type TClustersResult = z.infer<typeof ZClustersResult>;

export const ZListingId = z.object({ id: z.string().trim().min(1).max(64) });

export const ZContact = z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() });

export const ZListingDetail = ZListingCard.omit({ distanceM: true })
  .extend({
    description: z.string(),
    address: z.string(),
    capabilities: z.array(
      z.object({ key: z.string(), value: z.number(), unit: z.string(), labelZh: z.string(), labelEn: z.string() }),
    ),
    totalQuantity: z.number().int(),
    committedQuantity: z.number().int(),
    travelRange: z.enum(["LOCAL", "CITY", "PROVINCE", "NATIONAL"]),
    maxTravelKm: z.number().int(),
    depositCents: z.number().int(),
    windows: z.array(
      z.object({
        kind: z.enum(["WEEKLY", "BLACKOUT", "DATED"]),
        weekday: z.number().int().nullable(),
        startMinute: z.number().int().nullable(),
        endMinute: z.number().int().nullable(),
        startsAt: z.date().nullable(),
        endsAt: z.date().nullable(),
      }),
    ),
    credentials: z.array(
      z.object({ kind: z.string(), issuer: z.string(), validUntil: z.date().nullable(), expired: z.boolean(), required: z.boolean() }),
    ),
    /** Null unless the caller is a platform admin or a member of a verified government organisation. */
    contact: ZContact.nullable(),
  })
  .meta({ id: "ListingDetail" });
export type TListingDetail = z.infer<typeof ZListingDetail>;

export const ZOrgPublic = z
  .object({
    id: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    kind: ZOrgKind,
    verification: ZVerificationStatus,
    description: z.string().nullable(),
    region: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
    contact: ZContact.extend({ address: z.string().nullable() }).nullable(),
    listings: z.array(ZListingCard),
    listingTotal: z.number().int(),
  })
  .meta({ id: "OrganizationPublic" });
export type TOrgPublic = z.infer<typeof ZOrgPublic>;
