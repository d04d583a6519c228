import { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";
import type { TListingDetail } from "@/lib/schemas/listing-browse";
import type { TResourceTypeMetric } from "@/lib/schemas/catalogue";
import { BROWSE_FROM } from "@/server/modules/listings/browse-filter";
import { canSeeContact, visibleSql } from "@/server/modules/listings/browse-visibility";

/**
 * One listing's public detail. A listing the caller may not browse (draft, retired, unverified
 * owner of another organisation, unknown id) is NOT_FOUND — the caller learns nothing about it.
 */

const DETAIL_SELECT = {
  id: true,
  title: true,
  titleEn: true,
  description: true,
  status: true,
  totalQuantity: true,
  committedQuantity: true,
  unit: true,
  lat: true,
  lng: true,
  address: true,
  capabilities: true,
  travelRange: true,
  maxTravelKm: true,
  mobilizationMinutes: true,
  pricingMode: true,
  priceCents: true,
  depositCents: true,
  currency: true,
  ownerOrgId: true,
  type: {
    select: { id: true, code: true, category: true, nameZh: true, nameEn: true, typeLevel: true, metrics: true, requiredCredentialKinds: true },
  },
  region: { select: { code: true, nameZh: true, nameEn: true } },
  ownerOrg: { select: { name: true, nameEn: true, verification: true, contactName: true, contactPhone: true, contactEmail: true } },
  ownerUser: { select: { name: true, phone: true, email: true } },
  availabilityWindows: {
    select: { kind: true, weekday: true, startMinute: true, endMinute: true, startsAt: true, endsAt: true },
    orderBy: [{ kind: "asc" }, { weekday: "asc" }, { startMinute: "asc" }, { startsAt: "asc" }],
  },
  credentials: { select: { kind: true, issuer: true, validUntil: true }, orderBy: { kind: "asc" } },
} satisfies Prisma.ResourceSelect;

export async function isBrowsable(db: Db, actor: Actor, id: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT r.id FROM ${BROWSE_FROM} WHERE r.id = ${id} AND ${visibleSql(actor, false)}`;
  return rows.length === 1;
}

function capabilityList(values: unknown, metrics: unknown): TListingDetail["capabilities"] {
  const v = (values && typeof values === "object" ? values : {}) as Record<string, unknown>;
  const list = (Array.isArray(metrics) ? metrics : []) as TResourceTypeMetric[];
  return list
    .filter((m) => typeof v[m.key] === "number")
    .map((m) => ({ key: m.key, value: v[m.key] as number, unit: m.unit, labelZh: m.labelZh, labelEn: m.labelEn }));
}

export async function getListingDetail(db: Db, actor: Actor, id: string, now = new Date()): Promise<TListingDetail> {
  if (!(await isBrowsable(db, actor, id))) throw new AppError("NOT_FOUND", "Listing not found.");
  const r = await db.resource.findUnique({ where: { id }, select: DETAIL_SELECT });
  if (!r || (r.status !== "AVAILABLE" && r.status !== "OUT_OF_SERVICE")) throw new AppError("NOT_FOUND", "Listing not found.");
  const showContact = canSeeContact(actor);
  const org = r.ownerOrg;
  const contact = !showContact
    ? null
    : org
      ? { name: org.contactName, phone: org.contactPhone, email: org.contactEmail }
      : { name: r.ownerUser?.name ?? null, phone: r.ownerUser?.phone ?? null, email: r.ownerUser?.email ?? null };
  const required = new Set(r.type.requiredCredentialKinds);
  return {
    id: r.id,
    title: r.title,
    titleEn: r.titleEn,
    category: r.type.category,
    type: { id: r.type.id, code: r.type.code, nameZh: r.type.nameZh, nameEn: r.type.nameEn, typeLevel: r.type.typeLevel },
    status: r.status,
    quantityAvailable: Math.max(0, r.totalQuantity - r.committedQuantity),
    totalQuantity: r.totalQuantity,
    committedQuantity: r.committedQuantity,
    unit: r.unit,
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    region: r.region,
    owner: {
      kind: r.ownerOrgId ? "ORG" : "INDIVIDUAL",
      orgId: r.ownerOrgId,
      name: org?.name ?? r.ownerUser?.name ?? "",
      nameEn: org?.nameEn ?? null,
      verified: org ? org.verification === "VERIFIED" : true,
    },
    description: r.description,
    capabilities: capabilityList(r.capabilities as Prisma.JsonValue, r.type.metrics as Prisma.JsonValue),
    travelRange: r.travelRange,
    maxTravelKm: r.maxTravelKm,
    mobilizationMinutes: r.mobilizationMinutes,
    pricingMode: r.pricingMode,
    priceCents: r.priceCents,
    depositCents: r.depositCents,
    currency: r.currency,
    windows: r.availabilityWindows,
    credentials: r.credentials.map((c) => ({
      kind: c.kind,
      issuer: c.issuer,
      validUntil: c.validUntil,
      expired: !!c.validUntil && c.validUntil.getTime() < now.getTime(),
      required: required.has(c.kind),
    })),
    contact,
  };
}
