import { z } from "zod";
import { ZResourceCategory } from "@/lib/schemas/catalogue";

/**
 * Listing (Resource) inputs and DTOs, shared by the form, the tRPC procedures, the CSV import and the
 * REST API (/api/v1). zod checks shape and simple ranges; the rules that need the resource type or look
 * across fields (capabilities, units, overlapping windows, credential dates, pricing) are the pure
 * functions in server/modules/listings/validate-listing.ts, used by every write path.
 * Dates travel as ISO strings (REST-friendly); money is integer cents (CNY fen).
 */

export const CHINA_BOUNDS = { latMin: 3.8, latMax: 53.6, lngMin: 73.5, lngMax: 135.1 } as const;
export const LISTING_STATUSES = ["DRAFT", "AVAILABLE", "OUT_OF_SERVICE", "RETIRED"] as const;
export const TRAVEL_RANGES = ["LOCAL", "CITY", "PROVINCE", "NATIONAL"] as const;
export const PRICING_MODES = ["FREE", "HOURLY", "DAILY", "PER_USE", "PER_KM"] as const;
export const AVAILABILITY_KINDS = ["WEEKLY", "BLACKOUT", "DATED"] as const;
/** Units any listing may use, besides its type's default unit. */
export const COMMON_UNITS = ["unit", "set", "person", "team", "bag", "box", "case", "piece", "L", "kg", "t", "m3"] as const;

export const ZListingStatus = z.enum(LISTING_STATUSES).meta({ example: "AVAILABLE" });
export const ZTravelRange = z.enum(TRAVEL_RANGES).meta({ example: "CITY" });
export const ZPricingMode = z.enum(PRICING_MODES).meta({ example: "DAILY" });
export const ZAvailabilityKind = z.enum(AVAILABILITY_KINDS);

const ZIsoDate = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), { error: "Enter a date as YYYY-MM-DD (or an ISO date-time)." })
  .meta({ description: "ISO 8601 date or date-time.", example: "2026-06-01T08:00:00+08:00" });

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a number.` })
    .int({ error: `${what} must be a whole number.` })
    .min(min, { error: `${what} must be at least ${min}.` })
    .max(max, { error: `${what} must be at most ${max}.` });

export const ZAvailabilityWindowInput = z
  .object({
    kind: ZAvailabilityKind,
    /** WEEKLY: 0 = Sunday … 6 = Saturday. */
    weekday: int(0, 6, "Weekday").optional(),
    /** WEEKLY: minutes after local midnight (Asia/Shanghai), 0–1440. */
    startMinute: int(0, 1440, "Start").optional(),
    endMinute: int(0, 1440, "End").optional(),
    /** BLACKOUT / DATED. */
    startsAt: ZIsoDate.optional(),
    endsAt: ZIsoDate.optional(),
  })
  .meta({ id: "AvailabilityWindowInput", description: "WEEKLY hours (weekday + minutes) or a dated BLACKOUT / DATED period." });
export type TAvailabilityWindowInput = z.infer<typeof ZAvailabilityWindowInput>;

export const ZCredentialInput = z
  .object({
    kind: z.string().trim().min(1, { error: "Enter the credential kind." }).max(64),
    number: z.string().trim().min(1, { error: "Enter the certificate number." }).max(100),
    issuer: z.string().trim().min(1, { error: "Enter the issuer." }).max(200),
    validFrom: ZIsoDate.optional(),
    validUntil: ZIsoDate.optional(),
  })
  .meta({ id: "CredentialInput", example: { kind: "VESSEL_OPERATOR", number: "苏A-2024-0012", issuer: "江苏海事局", validUntil: "2027-12-31" } });
export type TCredentialInput = z.infer<typeof ZCredentialInput>;

/** The listing fields without defaults (reused by the partial update). */
const fields = {
  typeCode: z.string().trim().min(1, { error: "Choose a resource type." }).max(64).meta({ example: "EQ-PUMP-2" }),
  title: z.string().trim().min(2, { error: "Enter a title (at least 2 characters)." }).max(200, { error: "Keep the title under 200 characters." }),
  /** Optional English title: English pages show it instead of `title` ("" = none). */
  titleEn: z.string().trim().max(200, { error: "Keep the English title under 200 characters." }).meta({ example: "Portable drainage pump, 200 m³/h" }),
  description: z.string().trim().max(5000, { error: "Keep the description under 5,000 characters." }),
  /** { metricKey: value } — keys and ranges from the type's metrics. */
  capabilities: z.record(z.string(), z.number({ error: "Enter a number." })).meta({ example: { flow_m3h: 800, head_m: 12 } }),
  quantity: int(1, 1_000_000_000, "Quantity"),
  unit: z.string().trim().min(1, { error: "Choose a unit." }).max(20),
  lat: z
    .number({ error: "Latitude must be a number." })
    .min(CHINA_BOUNDS.latMin, { error: `Latitude must be within China (${CHINA_BOUNDS.latMin}–${CHINA_BOUNDS.latMax}).` })
    .max(CHINA_BOUNDS.latMax, { error: `Latitude must be within China (${CHINA_BOUNDS.latMin}–${CHINA_BOUNDS.latMax}).` }),
  lng: z
    .number({ error: "Longitude must be a number." })
    .min(CHINA_BOUNDS.lngMin, { error: `Longitude must be within China (${CHINA_BOUNDS.lngMin}–${CHINA_BOUNDS.lngMax}).` })
    .max(CHINA_BOUNDS.lngMax, { error: `Longitude must be within China (${CHINA_BOUNDS.lngMin}–${CHINA_BOUNDS.lngMax}).` }),
  address: z.string().trim().min(2, { error: "Enter the base address." }).max(500),
  /** GB/T 2260 code; omitted → the nearest seeded region to lat/lng. */
  regionCode: z.string().trim().regex(/^\d{6}$/, { error: "Region codes are 6 digits (GB/T 2260)." }),
  travelRange: ZTravelRange,
  maxTravelKm: int(1, 5000, "Maximum travel distance (km)"),
  mobilizationMinutes: int(0, 10080, "Mobilisation lead time (minutes)"),
  status: ZListingStatus,
  pricingMode: ZPricingMode,
  priceCents: int(0, 1_000_000_000, "Price (fen)"),
  depositCents: int(0, 1_000_000_000, "Deposit (fen)"),
  currency: z.literal("CNY", { error: "Prices are in CNY." }),
  availabilityWindows: z.array(ZAvailabilityWindowInput).max(100, { error: "At most 100 availability windows." }),
  credentials: z.array(ZCredentialInput).max(30, { error: "At most 30 credentials." }),
};

export const ZListingInput = z
  .object({
    /** Which of your organisations owns it (when you belong to several); API keys use the key's organisation. */
    orgId: z.string().trim().min(1).max(64).optional(),
    typeCode: fields.typeCode,
    title: fields.title,
    titleEn: fields.titleEn.default(""),
    description: fields.description.default(""),
    capabilities: fields.capabilities.default({}),
    quantity: fields.quantity,
    unit: fields.unit,
    lat: fields.lat,
    lng: fields.lng,
    address: fields.address,
    regionCode: fields.regionCode.optional(),
    travelRange: fields.travelRange,
    maxTravelKm: fields.maxTravelKm,
    mobilizationMinutes: fields.mobilizationMinutes,
    status: fields.status.default("DRAFT"),
    pricingMode: fields.pricingMode.default("FREE"),
    priceCents: fields.priceCents.default(0),
    depositCents: fields.depositCents.default(0),
    currency: fields.currency.default("CNY"),
    availabilityWindows: fields.availabilityWindows.default([]),
    credentials: fields.credentials.default([]),
  })
  .meta({ id: "ListingInput" });
export type TListingInput = z.infer<typeof ZListingInput>;

/** PATCH: any subset of the fields plus the version you read (optimistic locking). Lists given are replaced wholesale. */
export const ZUpdateListingInput = z
  .object(fields)
  .partial()
  .extend({
    id: z.string().trim().min(1).max(64),
    version: z.number().int().min(1).meta({ description: "The `version` you last read; a stale one answers 409 CONFLICT." }),
  })
  .meta({ id: "UpdateListingInput" });
export type TUpdateListingInput = z.infer<typeof ZUpdateListingInput>;

export const ZSetListingStatusInput = z.object({
  id: z.string().trim().min(1).max(64),
  version: z.number().int().min(1),
  status: ZListingStatus,
});
export type TSetListingStatusInput = z.infer<typeof ZSetListingStatusInput>;

export const ZListingIdInput = z.object({ id: z.string().trim().min(1).max(64) });

export const ZMyListingsInput = z
  .object({
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
    status: ZListingStatus.optional(),
    q: z.string().trim().min(1).max(100).optional(),
  })
  .default({ page: 1, pageSize: 25 });
export type TMyListingsInput = z.infer<typeof ZMyListingsInput>;

export const ZEligibility = z
  .object({
    ok: z.boolean(),
    reasons: z.array(
      z.object({
        code: z.enum(["CREDENTIAL_MISSING", "CREDENTIAL_EXPIRED", "ORG_UNVERIFIED"]),
        detail: z.string().nullable().meta({ description: "The credential kind, when about a credential." }),
      }),
    ),
  })
  .meta({ id: "ListingEligibility", description: "Whether requesters can be offered this listing, and why not." });
export type TEligibility = z.infer<typeof ZEligibility>;

export const ZListingDto = z
  .object({
    id: z.string(),
    version: z.number().int(),
    type: z.object({ id: z.string(), code: z.string(), category: ZResourceCategory, nameZh: z.string(), nameEn: z.string() }),
    ownerOrgId: z.string().nullable(),
    ownerUserId: z.string().nullable(),
    title: z.string(),
    /** The English title, when the listing has one (English pages show it instead of `title`). */
    titleEn: z.string().nullable(),
    description: z.string(),
    capabilities: z.record(z.string(), z.number()),
    quantity: z.number().int(),
    committedQuantity: z.number().int(),
    unit: z.string(),
    lat: z.number(),
    lng: z.number(),
    address: z.string(),
    regionCode: z.string(),
    travelRange: ZTravelRange,
    maxTravelKm: z.number().int(),
    mobilizationMinutes: z.number().int(),
    status: ZListingStatus,
    pricingMode: ZPricingMode,
    priceCents: z.number().int(),
    depositCents: z.number().int(),
    currency: z.string(),
    availabilityWindows: z.array(
      z.object({
        kind: ZAvailabilityKind,
        weekday: z.number().int().nullable(),
        startMinute: z.number().int().nullable(),
        endMinute: z.number().int().nullable(),
        startsAt: z.string().nullable(),
        endsAt: z.string().nullable(),
      }),
    ),
    credentials: z.array(
      z.object({
        kind: z.string(),
        number: z.string(),
        issuer: z.string(),
        validFrom: z.string().nullable(),
        validUntil: z.string().nullable(),
        verified: z.boolean(),
      }),
    ),
    eligibility: ZEligibility,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Listing", description: "A listing as its owner sees it (dates ISO 8601, money in fen)." });
export type TListingDto = z.infer<typeof ZListingDto>;

export const ZMyListingRow = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  titleEn: z.string().nullable(),
  typeCode: z.string(),
  typeNameZh: z.string(),
  typeNameEn: z.string(),
  category: ZResourceCategory,
  status: ZListingStatus,
  quantity: z.number().int(),
  unit: z.string(),
  address: z.string(),
  pricingMode: ZPricingMode,
  priceCents: z.number().int(),
  eligibility: ZEligibility,
  updatedAt: z.string(),
});
export type TMyListingRow = z.infer<typeof ZMyListingRow>;

export const ZMyListings = z.object({
  items: z.array(ZMyListingRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Every listing owner the caller writes for (organisations by id; "self" for their own expert listings). */
  canImport: z.boolean(),
});
export type TMyListings = z.infer<typeof ZMyListings>;

/** CSV import: at most 5 MB and 20,000 rows per file. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 20_000;

export const ZImportInput = z.object({
  orgId: z.string().trim().min(1).max(64).optional(),
  fileName: z.string().trim().min(1).max(255),
  csv: z.string().max(IMPORT_MAX_BYTES, { error: "The file is larger than 5 MB: split it into smaller files." }),
});
export type TImportInput = z.infer<typeof ZImportInput>;

export const ZImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type TImportRowError = z.infer<typeof ZImportRowError>;

export const ZImportPreview = z.object({
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** The first errors (at most 500), in row order. `row` is the line number in the file (header = 1). */
  errors: z.array(ZImportRowError),
  errorCount: z.number().int(),
  sample: z.array(z.object({ row: z.number().int(), typeCode: z.string(), title: z.string(), quantity: z.number(), unit: z.string(), status: z.string() })),
});
export type TImportPreview = z.infer<typeof ZImportPreview>;

export const ZImportResult = z.object({
  ok: z.boolean(),
  imported: z.number().int(),
  total: z.number().int(),
  errors: z.array(ZImportRowError),
  errorCount: z.number().int(),
  ms: z.number().int(),
});
export type TImportResult = z.infer<typeof ZImportResult>;
