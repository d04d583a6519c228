import type { Prisma } from "@/server/generated/prisma/client";
import type { TListingDto, TListingInput, TMyListingRow } from "@/lib/schemas/listings";
import { computeEligibility } from "@/server/modules/listings/eligibility";

/** Explicit selects and row → DTO mapping for a listing as its owner sees it. */

export const listingSelect = {
  id: true,
  version: true,
  ownerOrgId: true,
  ownerUserId: true,
  title: true,
  titleEn: true,
  description: true,
  capabilities: true,
  totalQuantity: true,
  committedQuantity: true,
  unit: true,
  lat: true,
  lng: true,
  address: true,
  regionCode: true,
  travelRange: true,
  maxTravelKm: true,
  mobilizationMinutes: true,
  status: true,
  pricingMode: true,
  priceCents: true,
  depositCents: true,
  currency: true,
  createdAt: true,
  updatedAt: true,
  type: { select: { id: true, code: true, category: true, nameZh: true, nameEn: true, requiredCredentialKinds: true } },
  ownerOrg: { select: { verification: true } },
  availabilityWindows: {
    select: { kind: true, weekday: true, startMinute: true, endMinute: true, startsAt: true, endsAt: true },
    orderBy: [{ kind: "asc" }, { weekday: "asc" }, { startMinute: "asc" }, { startsAt: "asc" }],
  },
  credentials: {
    select: { kind: true, number: true, issuer: true, validFrom: true, validUntil: true, verified: true },
    orderBy: [{ kind: "asc" }, { validUntil: "asc" }],
  },
} satisfies Prisma.ResourceSelect;

export type ListingRow = Prisma.ResourceGetPayload<{ select: typeof listingSelect }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Capabilities are a JSON column: keep only finite numbers. */
export function readCapabilities(json: Prisma.JsonValue): Record<string, number> {
  const out: Record<string, number> = {};
  if (json && typeof json === "object" && !Array.isArray(json)) {
    for (const [k, v] of Object.entries(json)) if (typeof v === "number" && Number.isFinite(v)) out[k] = v;
  }
  return out;
}

export function toListingDto(row: ListingRow, now = new Date()): TListingDto {
  const { type, ownerOrg, totalQuantity, ...rest } = row;
  return {
    ...rest,
    type: { id: type.id, code: type.code, category: type.category, nameZh: type.nameZh, nameEn: type.nameEn },
    capabilities: readCapabilities(row.capabilities),
    quantity: totalQuantity,
    availabilityWindows: row.availabilityWindows.map((w) => ({ ...w, startsAt: iso(w.startsAt), endsAt: iso(w.endsAt) })),
    credentials: row.credentials.map((c) => ({ ...c, validFrom: iso(c.validFrom), validUntil: iso(c.validUntil) })),
    eligibility: computeEligibility({
      requiredKinds: type.requiredCredentialKinds,
      credentials: row.credentials,
      orgVerification: ownerOrg?.verification ?? null,
      now,
    }),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The stored listing as a complete input (an update is merged onto this, then validated as a whole). */
export function dtoToInput(dto: TListingDto): TListingInput {
  return {
    typeCode: dto.type.code,
    title: dto.title,
    titleEn: dto.titleEn ?? "",
    description: dto.description,
    capabilities: dto.capabilities,
    quantity: dto.quantity,
    unit: dto.unit,
    lat: dto.lat,
    lng: dto.lng,
    address: dto.address,
    regionCode: dto.regionCode,
    travelRange: dto.travelRange,
    maxTravelKm: dto.maxTravelKm,
    mobilizationMinutes: dto.mobilizationMinutes,
    status: dto.status,
    pricingMode: dto.pricingMode,
    priceCents: dto.priceCents,
    depositCents: dto.depositCents,
    currency: "CNY",
    availabilityWindows: dto.availabilityWindows.map((w) => ({
      kind: w.kind,
      weekday: w.weekday ?? undefined,
      startMinute: w.startMinute ?? undefined,
      endMinute: w.endMinute ?? undefined,
      startsAt: w.startsAt ?? undefined,
      endsAt: w.endsAt ?? undefined,
    })),
    credentials: dto.credentials.map((c) => ({
      kind: c.kind,
      number: c.number,
      issuer: c.issuer,
      validFrom: c.validFrom ?? undefined,
      validUntil: c.validUntil ?? undefined,
    })),
  };
}

export function toMyListingRow(dto: TListingDto): TMyListingRow {
  return {
    id: dto.id,
    version: dto.version,
    title: dto.title,
    titleEn: dto.titleEn,
    typeCode: dto.type.code,
    typeNameZh: dto.type.nameZh,
    typeNameEn: dto.type.nameEn,
    category: dto.type.category,
    status: dto.status,
    quantity: dto.quantity,
    unit: dto.unit,
    address: dto.address,
    pricingMode: dto.pricingMode,
    priceCents: dto.priceCents,
    eligibility: dto.eligibility,
    updatedAt: dto.updatedAt,
  };
}
