import type { UserRow } from "./members";
import { chineseName, type PhoneBook } from "./people";
import { locateIn, pickRegion } from "./places";
import { DAY, type Rng } from "./random";
import type { OwnerRef } from "./resource-owners";
import type { GeneratedResource, ResourceFactory, TypeRef } from "./resources";

export interface IndividualExperts {
  users: UserRow[];
  listings: GeneratedResource[];
}

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
    listings.push(factory.build(r, { type, owner, located: locateIn(r, region.code), personName: name }));
  }
  return { users, listings };
}
