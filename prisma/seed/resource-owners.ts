import type { CategoryName } from "./catalogue-types";
import type { OrgKindName } from "./organizations-data";
import type { SeedOrg } from "./organizations";
import type { Rng } from "./random";

/** Who can own a listing: an organisation or an individual expert. */
export interface OwnerRef {
  orgId: string | null;
  userId: string | null;
  kind: OrgKindName | "INDIVIDUAL";
  name: string;
  shortName: string;
  regionCode: string;
  cityCode: string;
}

export function ownerOf(org: SeedOrg): OwnerRef {
  return {
    orgId: org.id,
    userId: null,
    kind: org.kind,
    name: org.name,
    shortName: org.shortName,
    regionCode: org.regionCode,
    cityCode: org.cityCode,
  };
}

/** Which kinds of organisation list which categories, and how much. */
const KIND_WEIGHTS: Record<CategoryName, Partial<Record<OrgKindName, number>>> = {
  EXPERT: { RESEARCH: 55, GOVERNMENT: 15, ENTERPRISE: 15, RESCUE_TEAM: 15 },
  TEAM: { RESCUE_TEAM: 45, SOCIAL_FORCE: 30, GOVERNMENT: 12, ENTERPRISE: 13 },
  EQUIPMENT: { ENTERPRISE: 55, GOVERNMENT: 25, RESCUE_TEAM: 14, SOCIAL_FORCE: 6 },
  MATERIAL: { GOVERNMENT: 45, ENTERPRISE: 45, SOCIAL_FORCE: 10 },
  SERVICE: { ENTERPRISE: 70, RESEARCH: 30 },
  KNIGHT: { ENTERPRISE: 100 },
};

type Weighted = [OwnerRef, number][];

/**
 * Owner pools per category and city. Within a pool each kind keeps its share (the weight of a kind is
 * split over its organisations), and a district's own bureau is preferred for listings in that district.
 */
export class OwnerPools {
  private readonly byCity = new Map<string, Weighted>();
  private readonly province = new Map<CategoryName, Weighted>();

  constructor(owners: OwnerRef[]) {
    for (const category of Object.keys(KIND_WEIGHTS) as CategoryName[]) {
      this.province.set(category, weigh(owners, category));
      const cities = new Set(owners.map((o) => o.cityCode));
      for (const city of cities) {
        this.byCity.set(`${category}:${city}`, weigh(owners.filter((o) => o.cityCode === city), category));
      }
    }
  }

  /** An owner near `regionCode` (same city) if one fits, else any fitting owner in the province. */
  pick(rng: Rng, category: CategoryName, regionCode: string, cityCode: string): { owner: OwnerRef; local: boolean } {
    const local = this.byCity.get(`${category}:${cityCode}`);
    if (local && local.length > 0) {
      const boosted = local.map(([o, w]) => [o, o.regionCode === regionCode ? w * 4 : w] as [OwnerRef, number]);
      return { owner: rng.weighted(boosted), local: true };
    }
    const all = this.province.get(category) ?? [];
    if (all.length === 0) throw new Error(`No owner can list category ${category}`);
    return { owner: rng.weighted(all), local: false };
  }
}

function weigh(owners: OwnerRef[], category: CategoryName): Weighted {
  const weights = KIND_WEIGHTS[category];
  const counts = new Map<string, number>();
  for (const o of owners) counts.set(o.kind, (counts.get(o.kind) ?? 0) + 1);
  const out: Weighted = [];
  for (const o of owners) {
    const w = o.kind === "INDIVIDUAL" ? 0 : (weights[o.kind] ?? 0);
    if (w > 0) out.push([o, w / (counts.get(o.kind) ?? 1)]);
  }
  return out;
}
