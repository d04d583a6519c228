import type { Prisma } from "@/server/generated/prisma/client";
import type { SeedOrg } from "./organizations";
import { chineseName, type PhoneBook } from "./people";
import { DAY, type Rng } from "./random";

export type UserRow = Prisma.UserCreateManyInput & { id: string; email: string };
export type MembershipRow = Prisma.MembershipCreateManyInput & { id: string };

export interface OrgMembers {
  users: UserRow[];
  memberships: MembershipRow[];
  /** orgId → the owner's user id. */
  ownerOf: Map<string, string>;
}

/**
 * An owner for every organisation, a dispatcher for most, a member or two for some. Government staff are
 * requesters; everyone else is a supplier. All share one password hash (see run-seed: hashing hundreds
 * of argon2 passwords would dominate the seed time).
 */
export function buildOrgMembers(rng: Rng, orgs: SeedOrg[], phones: PhoneBook, passwordHash: string | null): OrgMembers {
  const users: UserRow[] = [];
  const memberships: MembershipRow[] = [];
  const ownerOf = new Map<string, string>();
  for (const org of orgs) {
    const r = rng.fork("members", org.slug);
    const roles: ("OWNER" | "DISPATCHER" | "MEMBER")[] = ["OWNER"];
    if (org.verification === "VERIFIED" && r.chance(0.65)) roles.push("DISPATCHER");
    if (org.verification === "VERIFIED") for (let i = r.int(0, 2); i > 0; i--) roles.push("MEMBER");
    let memberNo = 0;
    for (const role of roles) {
      const id = r.id();
      const local = role === "MEMBER" ? `member${++memberNo}` : role.toLowerCase();
      const createdAt = new Date((org.row.createdAt as Date).getTime() + r.int(0, 30) * DAY);
      users.push({
        id,
        name: role === "OWNER" ? (org.row.contactName as string) : chineseName(r),
        email: `${local}.${org.slug}@orgs.muster.demo`,
        emailVerified: createdAt,
        phone: role === "OWNER" ? org.row.contactPhone : phones.next(r),
        passwordHash,
        locale: r.chance(0.1) ? "en" : "zh-CN",
        kind: org.kind === "GOVERNMENT" ? "REQUESTER" : "SUPPLIER",
        createdAt,
        updatedAt: createdAt,
      });
      memberships.push({ id: r.id(), userId: id, orgId: org.id, role, createdAt, updatedAt: createdAt });
      if (role === "OWNER") ownerOf.set(org.id, id);
    }
  }
  return { users, memberships, ownerOf };
}

/** Random member ids of an organisation with the given roles (for incident creators, reviewers …). */
export function membersWithRole(m: OrgMembers, orgId: string, roles: string[]): string[] {
  return m.memberships.filter((x) => x.orgId === orgId && roles.includes(x.role as string)).map((x) => x.userId);
}

