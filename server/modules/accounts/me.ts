import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { AppError } from "@/server/errors";

export type MeDto = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  kind: "REQUESTER" | "SUPPLIER" | "EXPERT" | "KNIGHT" | "ADMIN";
  locale: string;
  via: Actor["via"];
  roles: Actor["roles"];
  memberships: Array<{
    orgId: string;
    orgName: string;
    orgNameEn: string | null;
    orgKind: "GOVERNMENT" | "ENTERPRISE" | "RESCUE_TEAM" | "SOCIAL_FORCE" | "RESEARCH";
    verification: "PENDING" | "VERIFIED" | "REJECTED";
    role: "OWNER" | "DISPATCHER" | "MEMBER";
  }>;
};

/**
 * The signed-in person as the UI needs them. API-key callers see the key's organisation only, not the
 * creator's other memberships.
 */
export async function getMe(db: Db, actor: Actor): Promise<MeDto> {
  const orgFilter = actor.apiKey ? { orgId: actor.apiKey.orgId } : {};
  const u = await db.user.findUnique({
    where: { id: actor.userId },
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      kind: true,
      locale: true,
      memberships: {
        where: orgFilter,
        orderBy: { createdAt: "asc" },
        select: { role: true, org: { select: { id: true, name: true, nameEn: true, kind: true, verification: true } } },
      },
    },
  });
  if (!u) throw new AppError("UNAUTHORIZED", "Sign in to continue.");
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    phone: u.phone,
    kind: u.kind,
    locale: u.locale,
    via: actor.via,
    roles: actor.roles,
    memberships: u.memberships.map((m) => ({
      orgId: m.org.id,
      orgName: m.org.name,
      orgNameEn: m.org.nameEn,
      orgKind: m.org.kind,
      verification: m.org.verification,
      role: m.role,
    })),
  };
}
