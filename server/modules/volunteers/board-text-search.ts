import type { Db } from "@/server/db";
import type { Actor } from "@/server/auth/actor-type";
import { SEARCH_MAX_LIMIT } from "@/lib/schemas/search";
import { searchExchange } from "@/server/modules/search/search-exchange";
import { searchViewerOf } from "@/server/modules/search/search-viewer";

/**
 * Need ids matching the board's text box, through the search engine (Chinese word cuts, pinyin, synonyms …) as
 * the caller: kind "need" only, the best SEARCH_MAX_LIMIT, no relaxation (the board says plainly when nothing
 * matches). The board's own SQL still applies every rule of what a supplier may see.
 */
export async function searchNeedIds(db: Db, actor: Actor, q: string): Promise<string[]> {
  const res = await searchExchange(db, searchViewerOf(actor), { q, kinds: ["need"], limit: SEARCH_MAX_LIMIT, relax: false });
  return res.hits.map((h) => h.id);
}
