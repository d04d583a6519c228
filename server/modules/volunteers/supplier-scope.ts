import { Prisma } from "@/server/generated/prisma/client";
import type { Actor } from "@/server/auth/actor-type";
import { supplierOrgIds } from "@/server/modules/listings/listing-access";

/**
 * What a supplier may see of the demand side, in one place for the work board and "offer to help": open
 * needs (OPEN / PARTIALLY_FILLED, units still unfilled, not yet over) of ACTIVE incidents run by a VERIFIED
 * government organisation; knight tasks go to knights, not to the board. Drafts, needs awaiting approval,
 * filled, closed or cancelled needs and anything of a draft or closed incident stay hidden.
 */
export const BOARD_NEED_SQL = Prisma.sql`n.status IN ('OPEN', 'PARTIALLY_FILLED') AND i.status = 'ACTIVE' AND n.category <> 'KNIGHT'
  AND n.quantity - (n.qty_committed + n.qty_en_route + n.qty_on_scene + n.qty_released) > 0
  AND n.needed_by + make_interval(mins => n.duration_minutes) > now()
  AND EXISTS (SELECT 1 FROM organization g WHERE g.id = i.org_id AND g.verification = 'VERIFIED')`;

/** The caller's own listings as SQL over resource `r`: its supplier organisations' or, signed in, its personal ones. */
export function ownListingSql(actor: Actor): Prisma.Sql {
  const orgIds = supplierOrgIds(actor);
  const personal = actor.apiKey ? Prisma.sql`false` : Prisma.sql`(r.owner_user_id = ${actor.userId} AND r.owner_org_id IS NULL)`;
  return Prisma.sql`(r.owner_org_id = ANY(${orgIds}::text[]) OR ${personal})`;
}
