import type { UserRow } from "./members";
import { chineseName, type PhoneBook } from "./people";
import { locateIn, pickRegion } from "./places";
import { DAY, type Rng } from "./random";
import type { OwnerRef } from "./resource-owners";
import type { GeneratedResource, ResourceFactory, TypeRef } from "./resources";

export interface IndividualExperts {
  users: UserRow[];
  profiles: ExpertProfileRow[];
  listings: GeneratedResource[];
}

export type ExpertProfileRow = { id: string; userId: string; specialty: string; regionCode: string; yearsExperience: number; bio: string };

/** Independent experts (user kind EXPERT) who list themselves: one listing each, owned by the person. */
export function buildIndividualExperts(
  rng: Rng,
  count: number,
  factory: ResourceFactory,
  expertTypes: TypeRef[],
  phones: PhoneBook,
  passwordHash: string | null,
  now: Date,
): IndividualExperts {
  const users: UserRow[] = [];
  const profiles: ExpertProfileRow[] = [];
  const listings: GeneratedResource[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.fork("expert", i);
    const id = r.id();
    const name = chineseName(r);
    const region = pickRegion(r, 0.7);
    const createdAt = new Date(now.getTime() - r.int(20, 700) * DAY);
    users.push({
      id,
      name,
      email: `expert${String(i + 1).padStart(3, "0")}@experts.muster.demo`,
      emailVerified: createdAt,
      phone: phones.next(r),
      passwordHash,
      locale: r.chance(0.15) ? "en" : "zh-CN",
      kind: "EXPERT",
      createdAt,
      updatedAt: createdAt,
    });
    const owner: OwnerRef = {
      orgId: null,
      userId: id,
      kind: "INDIVIDUAL",
      name,
      shortName: name,
      regionCode: region.code,
      cityCode: region.level === "DISTRICT" ? (region.parentCode as string) : region.code,
    };
    const type = r.pick(expertTypes);
    profiles.push(expertProfileFor(r, id, type, region.code));
    listings.push(factory.build(r, { type, owner, located: locateIn(r, region.code), personName: name }));
  }
  return { users, profiles, listings };
}

/** The expert's specialty is the catalogue type they list under (zh name), e.g. 防汛水文专家. */
export function expertProfileFor(r: Rng, userId: string, type: TypeRef, regionCode: string): ExpertProfileRow {
  const yearsExperience = r.int(5, 32);
  return {
    id: r.id(),
    userId,
    specialty: type.entry.nameZh,
    regionCode,
    yearsExperience,
    bio: `${type.entry.nameZh}，从业 ${yearsExperience} 年。/ ${type.entry.nameEn}, ${yearsExperience} years of practice.`,
  };
}
