import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { can } from "@/server/auth/permissions";
import { AppError } from "@/server/errors";
import { isAdmin } from "@/server/modules/incidents/access";

/**
 * Who sees the command centre of a region: platform admins (every region), and members of VERIFIED
 * government organisations for their organisation's region and every region below it in the Region tree.
 * Everyone else (suppliers, knights, experts, government users of other regions) is FORBIDDEN — the page
 * says so plainly rather than pretending the region does not exist, since region codes are public.
 * An API key acts for its own organisation only, like everywhere else.
 */

export type CommandRegion = { code: string; nameZh: string; nameEn: string; level: "PROVINCE" | "CITY" | "DISTRICT"; parentCode: string | null };

/** The government organisations' region codes the actor may command from (before expanding to sub-regions). */
function rootRegionOrgIds(actor: Actor): string[] {
  return actor.memberships
    .filter((m) => m.orgKind === "GOVERNMENT" && m.verification === "VERIFIED")
    .filter((m) => !actor.apiKey || m.orgId === actor.apiKey.orgId)
    .map((m) => m.orgId);
}

/**
 * Region codes the actor may open, roots first then descendants (null = all, for admins).
 * The Region tree is small (province → cities → districts), so one recursive query answers it.
 */
export async function commandRegionsFor(db: Db, actor: Actor): Promise<string[] | null> {
  if (!can(actor.roles, "command.read")) return [];
  if (isAdmin(actor) && !actor.apiKey) return null;
  const orgIds = rootRegionOrgIds(actor);
  if (orgIds.length === 0) return [];
  const rows = await db.$queryRaw<{ code: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT r.code, 0 AS depth FROM region r
        JOIN organization o ON o.region_code = r.code
       WHERE o.id = ANY(${orgIds}::text[]) AND o.kind = 'GOVERNMENT' AND o.verification = 'VERIFIED'
      UNION
      SELECT c.code, t.depth + 1 FROM region c JOIN tree t ON c.parent_code = t.code
    )
    SELECT code FROM tree GROUP BY code ORDER BY min(depth), code`;
  return rows.map((r) => r.code);
}

/** The regions the actor may open, with names (for the region picker and wall-mode cycling). */
export async function listCommandRegions(db: Db, actor: Actor): Promise<CommandRegion[]> {
  const codes = await commandRegionsFor(db, actor);
  if (codes !== null && codes.length === 0) return [];
  const rows = await db.region.findMany({
    where: codes === null ? {} : { code: { in: codes } },
    select: { code: true, nameZh: true, nameEn: true, level: true, parentCode: true },
    orderBy: { code: "asc" },
  });
  const order = codes === null ? null : new Map(codes.map((c, i) => [c, i]));
  const levelRank = { PROVINCE: 0, CITY: 1, DISTRICT: 2 } as const;
  return rows.sort((a, b) => (order ? order.get(a.code)! - order.get(b.code)! : levelRank[a.level] - levelRank[b.level] || a.code.localeCompare(b.code)));
}

/** The region the actor opens by default: the broadest one they may see. */
export async function defaultCommandRegion(db: Db, actor: Actor): Promise<string> {
  const regions = await listCommandRegions(db, actor);
  if (regions.length === 0) throw new AppError("FORBIDDEN", "The command centre is open to administrators and government organisations for their regions.");
  return regions[0]!.code;
}

/**
 * Throws FORBIDDEN unless the actor may see `regionCode`'s command centre; NOT_FOUND for a code that is
 * no region at all (only once access in principle is established, so it confirms nothing private).
 */
export async function assertCommandAccess(db: Db, actor: Actor, regionCode: string): Promise<CommandRegion> {
  const codes = await commandRegionsFor(db, actor);
  if (codes !== null && !codes.includes(regionCode)) {
    throw new AppError("FORBIDDEN", "The command centre is open to administrators and government organisations for their regions.");
  }
  const region = await db.region.findUnique({
    where: { code: regionCode },
    select: { code: true, nameZh: true, nameEn: true, level: true, parentCode: true },
  });
  if (!region) throw new AppError("NOT_FOUND", "No such region.");
  return region;
}

/** All region codes at or below `regionCode` (the region's own subtree), for scoping map queries. */
export async function regionSubtree(db: Db, regionCode: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ code: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT code FROM region WHERE code = ${regionCode}
      UNION
      SELECT c.code FROM region c JOIN tree t ON c.parent_code = t.code
    )
    SELECT code FROM tree ORDER BY code`;
  return rows.map((r) => r.code);
}
