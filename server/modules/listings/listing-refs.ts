import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { TResourceTypeMetric } from "@/lib/schemas/catalogue";
import type { TAvailabilityWindowInput, TCredentialInput } from "@/lib/schemas/listings";
import { parseMetrics } from "@/server/modules/catalogue/resource-types";

/** Reference data a listing write needs: its resource type and the regions (for the region code). */

export type TypeRef = { id: string; code: string; metrics: TResourceTypeMetric[]; defaultUnit: string; requiredCredentialKinds: string[] };
export type RegionRef = { code: string; lat: number; lng: number; level: "PROVINCE" | "CITY" | "DISTRICT" };

const typeSelect = { id: true, code: true, metrics: true, defaultUnit: true, requiredCredentialKinds: true } satisfies Prisma.ResourceTypeSelect;

/** Active types by code (listings cannot be created on retired types; KNIGHT types are profiles, not listings). */
export async function loadListableTypes(db: Db): Promise<Map<string, TypeRef>> {
  const rows = await db.resourceType.findMany({ where: { active: true, category: { not: "KNIGHT" } }, select: typeSelect });
  return new Map(rows.map((r) => [r.code, { ...r, metrics: parseMetrics(r.metrics) }]));
}

export async function findListableType(db: Db, code: string): Promise<TypeRef | null> {
  const r = await db.resourceType.findFirst({ where: { code, active: true, category: { not: "KNIGHT" } }, select: typeSelect });
  return r ? { ...r, metrics: parseMetrics(r.metrics) } : null;
}

export async function loadRegions(db: Db): Promise<RegionRef[]> {
  return db.region.findMany({ select: { code: true, lat: true, lng: true, level: true }, orderBy: { code: "asc" } });
}

/** The city or district whose centre is nearest (equirectangular distance: fine at this scale); provinces only as a fallback. */
export function nearestRegion(regions: readonly RegionRef[], lat: number, lng: number): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const k = Math.cos((lat * Math.PI) / 180);
  const local = regions.filter((r) => r.level !== "PROVINCE");
  for (const r of local.length ? local : regions) {
    const d = (r.lat - lat) ** 2 + ((r.lng - lng) * k) ** 2;
    if (d < bestD) {
      bestD = d;
      best = r.code;
    }
  }
  return best;
}

export function windowRows(resourceId: string, windows: readonly TAvailabilityWindowInput[]): Prisma.AvailabilityWindowCreateManyInput[] {
  return windows.map((w) =>
    w.kind === "WEEKLY"
      ? { resourceId, kind: w.kind, weekday: w.weekday, startMinute: w.startMinute, endMinute: w.endMinute }
      : { resourceId, kind: w.kind, startsAt: new Date(w.startsAt as string), endsAt: new Date(w.endsAt as string) },
  );
}

export function credentialRows(resourceId: string, credentials: readonly TCredentialInput[]): Prisma.CredentialCreateManyInput[] {
  return credentials.map((c) => ({
    resourceId,
    kind: c.kind,
    number: c.number,
    issuer: c.issuer,
    validFrom: c.validFrom ? new Date(c.validFrom) : null,
    validUntil: c.validUntil ? new Date(c.validUntil) : null,
  }));
}
