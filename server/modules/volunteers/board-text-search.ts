import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { escapeLike } from "@/server/modules/catalogue/resource-types";

/**
 * Need ids matching the board's text box. Interim: a substring match on the need's and its type's names
 * (replaced by the search engine, kind "need", once server/modules/search lands).
 */
export async function searchNeedIds(db: Db, _actor: Actor, q: string): Promise<string[]> {
  const like = `%${escapeLike(q)}%`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT n.id FROM need n LEFT JOIN resource_type t ON t.id = n.type_id
    WHERE n.status IN ('OPEN', 'PARTIALLY_FILLED')
      AND (n.title ILIKE ${like} OR t.name_zh ILIKE ${like} OR t.name_en ILIKE ${like})
    LIMIT 500`;
  return rows.map((r) => r.id);
}
