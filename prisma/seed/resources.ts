import type { Prisma } from "@/server/generated/prisma/client";
import type { CatalogueEntry, CategoryName, PricingModeName } from "./catalogue-types";
import { CREDENTIAL_ISSUERS } from "./catalogue-data";
import { chineseName } from "./people";
import { locateIn, pickRegion, type Located } from "./places";
import { DAY, HOUR, roundNice, Rng } from "./random";
import type { OwnerPools, OwnerRef } from "./resource-owners";
import { listingTitles } from "./resource-text";

export interface TypeRef {
  id: string;
  entry: CatalogueEntry;
}

export type ResourceRow = Prisma.ResourceCreateManyInput & { id: string; createdAt: Date; updatedAt: Date };
export type CredentialRow = Prisma.CredentialCreateManyInput & { id: string };
export type WindowRow = Prisma.AvailabilityWindowCreateManyInput & { id: string };

export interface GeneratedResource {
  resource: ResourceRow;
  credentials: CredentialRow[];
  windows: WindowRow[];
}

const CATEGORY_WEIGHTS: [CategoryName, number][] = [
  ["EQUIPMENT", 34], ["MATERIAL", 24], ["TEAM", 14], ["EXPERT", 13], ["SERVICE", 10], ["KNIGHT", 3],
];
type TravelRangeName = "LOCAL" | "CITY" | "PROVINCE" | "NATIONAL";
const TRAVEL: Record<OwnerRef["kind"], [TravelRangeName, number][]> = {
  GOVERNMENT: [["LOCAL", 40], ["CITY", 50], ["PROVINCE", 10]],
  RESCUE_TEAM: [["CITY", 30], ["PROVINCE", 55], ["NATIONAL", 15]],
  SOCIAL_FORCE: [["CITY", 40], ["PROVINCE", 50], ["NATIONAL", 10]],
  ENTERPRISE: [["LOCAL", 15], ["CITY", 35], ["PROVINCE", 40], ["NATIONAL", 10]],
  RESEARCH: [["PROVINCE", 60], ["NATIONAL", 40]],
  INDIVIDUAL: [["CITY", 30], ["PROVINCE", 50], ["NATIONAL", 20]],
};
const TRAVEL_KM: Record<TravelRangeName, [number, number]> = { LOCAL: [10, 30], CITY: [50, 100], PROVINCE: [200, 500], NATIONAL: [800, 2500] };
/** Probability that a listing by this kind of owner is free (public good). */
const FREE_SHARE: Record<OwnerRef["kind"], number> = {
  GOVERNMENT: 1, SOCIAL_FORCE: 0.95, RESCUE_TEAM: 0.7, RESEARCH: 0.5, INDIVIDUAL: 0.4, ENTERPRISE: 0.15,
};

/** Capability values for a listing of this type: inside the type level's range, skewed to the low end. */
export function capabilitiesFor(rng: Rng, entry: CatalogueEntry): Record<string, number> {
  const caps: Record<string, number> = {};
  for (const m of entry.metrics) {
    const range = entry.seed.caps[m.key];
    if (!range) continue;
    const [lo, hi, step = 1] = range;
    const raw = lo + (hi - lo) * rng.next() ** 1.6;
    const stepped = Math.round(raw / step) * step;
    caps[m.key] = Math.min(hi, Math.max(lo, Number(stepped.toFixed(step < 1 ? 1 : 0))));
  }
  return caps;
}

function quantityFor(rng: Rng, entry: CatalogueEntry): number {
  const [lo, hi] = entry.seed.qty;
  if (lo === hi) return lo;
  if (entry.category === "MATERIAL") return Math.max(lo, roundNice(lo + (hi - lo) * rng.next() ** 2.2));
  return rng.int(lo, hi);
}

function pricing(rng: Rng, entry: CatalogueEntry, owner: OwnerRef) {
  if (rng.chance(FREE_SHARE[owner.kind])) return { pricingMode: "FREE" as PricingModeName, priceCents: 0, depositCents: 0 };
  const mode = rng.pick(entry.seed.paidModes);
  const [lo, hi] = entry.seed.price;
  let yuan = rng.float(lo, hi);
  if (mode === "HOURLY") yuan /= 8; // price ranges are per day
  if (mode === "PER_KM") yuan = rng.float(6, 30);
  const rounded = yuan >= 100 ? Math.round(yuan / 10) * 10 : Math.round(yuan * 10) / 10;
  const priceCents = Math.round(rounded * 100);
  const depositCents = entry.category === "EQUIPMENT" && rng.chance(0.3) ? priceCents * rng.int(1, 3) : 0;
  return { pricingMode: mode, priceCents, depositCents };
}

const WEEKLY_PATTERNS: { weekdays: number[]; start: number; end: number }[] = [
  { weekdays: [1, 2, 3, 4, 5], start: 480, end: 1080 }, // office hours
  { weekdays: [0, 1, 2, 3, 4, 5, 6], start: 420, end: 1320 }, // every day, 07:00–22:00
  { weekdays: [0, 6], start: 0, end: 1440 }, // weekend volunteers
];

function windowsFor(rng: Rng, resourceId: string, owner: OwnerRef, now: Date, createdAt: Date): WindowRow[] {
  const out: WindowRow[] = [];
  // Most listings are "whenever called" (no windows); volunteers and office-hours suppliers declare some.
  const p = owner.kind === "SOCIAL_FORCE" ? 0.35 : owner.kind === "GOVERNMENT" ? 0.05 : 0.15;
  if (rng.chance(p)) {
    const pattern = owner.kind === "SOCIAL_FORCE" ? WEEKLY_PATTERNS[2] : rng.pick(WEEKLY_PATTERNS.slice(0, 2));
    for (const weekday of pattern.weekdays) {
      out.push({ id: rng.id(), resourceId, kind: "WEEKLY", weekday, startMinute: pattern.start, endMinute: pattern.end, createdAt, updatedAt: createdAt });
    }
    if (owner.kind === "SOCIAL_FORCE") {
      for (const weekday of [1, 2, 3, 4, 5]) {
        out.push({ id: rng.id(), resourceId, kind: "WEEKLY", weekday, startMinute: 1080, endMinute: 1380, createdAt, updatedAt: createdAt });
      }
    }
  }
  if (rng.chance(0.03)) {
    const startsAt = new Date(now.getTime() + rng.int(1, 10) * DAY);
    out.push({ id: rng.id(), resourceId, kind: "BLACKOUT", startsAt, endsAt: new Date(startsAt.getTime() + rng.int(1, 3) * DAY), createdAt, updatedAt: createdAt });
  }
  return out;
}

/** One credential per required kind: most valid, ~10% expiring within 30 days, ~5% expired. */
export function credentialsFor(rng: Rng, kinds: string[], holder: { resourceId?: string; userId?: string; knightProfileId?: string }, now: Date, createdAt: Date): CredentialRow[] {
  return kinds.map((kind) => {
    const r = rng.next();
    const validUntil = new Date(
      now.getTime() + (r < 0.05 ? -rng.int(1, 120) : r < 0.15 ? rng.int(1, 30) : rng.int(60, 1100)) * DAY,
    );
    const validFrom = new Date(validUntil.getTime() - rng.int(3, 6) * 365 * DAY);
    const info = CREDENTIAL_ISSUERS[kind] ?? { issuer: "江苏省应急管理厅", prefix: "JS" };
    const verified = rng.chance(0.8);
    return {
      id: rng.id(),
      ...holder,
      kind,
      number: `${info.prefix}-${validFrom.getUTCFullYear()}-${rng.digits(6)}`,
      issuer: info.issuer,
      validFrom,
      validUntil,
      verified,
      verifiedAt: verified ? new Date(createdAt.getTime() + rng.int(1, 72) * HOUR) : null,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

export interface ListingInput {
  type: TypeRef;
  owner: OwnerRef;
  located: Located;
  status?: "DRAFT" | "AVAILABLE" | "OUT_OF_SERVICE" | "RETIRED";
  /** For individual experts: the person's name goes into the title. */
  personName?: string;
}

export interface FactoryOptions {
  seed: string;
  now: Date;
  types: TypeRef[];
  pools: OwnerPools;
  /** Resources with index ≥ baseCount belong to the synthetic extra organisations (large scales). */
  baseCount: number;
  extraOwner?: (index: number) => OwnerRef;
}

/**
 * Deterministic listing factory: resource i depends only on (seed, i) and the base owner pools,
 * so the first N listings are identical at every scale ≥ N.
 */
export class ResourceFactory {
  private readonly byCategory = new Map<CategoryName, [TypeRef, number][]>();

  constructor(private readonly opts: FactoryOptions) {
    for (const t of opts.types) {
      const list = this.byCategory.get(t.entry.category) ?? [];
      list.push([t, t.entry.seed.weight]);
      this.byCategory.set(t.entry.category, list);
    }
  }

  generate(index: number): GeneratedResource {
    const rng = new Rng(`${this.opts.seed}:resource:${index}`);
    const category = rng.weighted(CATEGORY_WEIGHTS);
    const type = rng.weighted(this.byCategory.get(category) ?? []);
    let owner: OwnerRef;
    let located: Located;
    if (index >= this.opts.baseCount && this.opts.extraOwner) {
      owner = this.opts.extraOwner(index);
      located = locateIn(rng, owner.regionCode === "320000" ? "320100" : owner.regionCode);
    } else {
      const region = pickRegion(rng);
      const cityCode = region.level === "DISTRICT" ? (region.parentCode as string) : region.code;
      const picked = this.opts.pools.pick(rng, category, region.code, cityCode);
      owner = picked.owner;
      located = locateIn(rng, picked.local ? region.code : owner.regionCode === "320000" ? "320100" : owner.regionCode);
    }
    const status = rng.weighted([["AVAILABLE", 88], ["OUT_OF_SERVICE", 6], ["DRAFT", 4], ["RETIRED", 2]] as const);
    return this.build(rng, { type, owner, located, status });
  }

  /** Builds a listing for a chosen type/owner/place (also used for the demo accounts' own listings). */
  build(rng: Rng, input: ListingInput): GeneratedResource {
    const { type, owner, located } = input;
    const entry = type.entry;
    const { now } = this.opts;
    const id = rng.id();
    const createdAt = new Date(now.getTime() - rng.int(10, 900) * DAY - rng.int(0, 23) * HOUR);
    const updatedAt = new Date(Math.min(now.getTime(), createdAt.getTime() + rng.int(0, 120) * DAY));
    const capabilities = capabilitiesFor(rng, entry);
    const totalQuantity = quantityFor(rng, entry);
    const travelRange = rng.weighted(TRAVEL[owner.kind]);
    const [kmLo, kmHi] = TRAVEL_KM[travelRange];
    const [mobLo, mobHi] = entry.seed.mobilization;
    const price = pricing(rng, entry, owner);
    const offeredCount = rng.chance(0.3) ? 0 : rng.int(1, 60);
    const declinedCount = Math.floor(offeredCount * rng.float(0, 0.2));
    const completedCount = Math.floor((offeredCount - declinedCount) * rng.float(0.6, 1));
    const ratingCount = Math.floor(completedCount * rng.float(0.3, 0.9));
    const personName = input.personName ?? (entry.category === "EXPERT" ? chineseName(rng) : undefined);
    const titles = listingTitles({ entry, caps: capabilities, quantity: totalQuantity, ownerShortName: owner.shortName, personName, placeZh: located.placeZh, placeEn: located.placeEn });
    const mobilizationMinutes = Math.round(rng.int(mobLo, mobHi) / 5) * 5;
    const resource: ResourceRow = {
      id,
      typeId: type.id,
      ownerOrgId: owner.orgId,
      ownerUserId: owner.userId,
      title: titles.zh,
      titleEn: titles.en,
      description: `${owner.name}${entry.category === "EXPERT" ? "推荐" : "提供"}。${entry.descriptionZh}接到调用后约${mobilizationMinutes}分钟内出发。`,
      capabilities,
      totalQuantity,
      committedQuantity: 0,
      unit: entry.defaultUnit,
      lat: located.lat,
      lng: located.lng,
      address: located.address,
      regionCode: located.regionCode,
      travelRange,
      maxTravelKm: Math.round(rng.int(kmLo, kmHi) / 10) * 10,
      mobilizationMinutes,
      speedKmh: entry.seed.speedKmh ? entry.seed.speedKmh + rng.int(-10, 10) : null,
      status: input.status ?? "AVAILABLE",
      ...price,
      currency: "CNY",
      completedCount,
      declinedCount,
      offeredCount,
      ratingAvg: ratingCount > 0 ? Math.round(rng.float(3.6, 5) * 10) / 10 : null,
      ratingCount,
      photos: [],
      version: 1,
      createdAt,
      updatedAt,
    };
    const holder = owner.userId ? { resourceId: id, userId: owner.userId } : { resourceId: id };
    return {
      resource,
      credentials: credentialsFor(rng, entry.requiredCredentialKinds, holder, now, createdAt),
      windows: windowsFor(rng, id, owner, now, createdAt),
    };
  }
}
